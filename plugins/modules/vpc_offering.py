#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: vpc_offering
short_description: Manages VPC offerings on Apache CloudStack based clouds
description:
  - Create, update, enable, disable and remove VPC offerings.
  - Same options and return values as C(ngine_io.cloudstack.vpc_offering), so a task moves over by changing its FQCN.
  - The offering is found by O(name) (a filtered C(listVPCOfferings) call, exact match).
  - C(createVPCOffering), C(updateVPCOffering) and C(deleteVPCOffering) are async jobs, always awaited within O(api_async_timeout).
  - A removed offering is not returned (as C(ngine_io.cloudstack.vpc_offering)); in check mode it is.
  - CloudStack adds the V(SourceNat), V(NetworkACL) and V(Gateway) services to every VPC offering it creates, and creates it
    V(Disabled) unless O(state=enabled).
  - C(updateVPCOffering) changes the display text and the state; services, providers, capabilities and the router offering
    are set at creation only (not compared afterwards, as C(ngine_io.cloudstack.vpc_offering)).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the VPC offering.
    type: str
    required: true
  display_text:
    description:
      - Display text of the VPC offering; required to create it.
    type: str
  state:
    description:
      - State of the VPC offering.
      - V(present) leaves the state of an existing offering alone; a new offering is then created V(Disabled), as CloudStack does.
    type: str
    choices: [ enabled, present, disabled, absent ]
    default: present
  supported_services:
    description:
      - Services supported by the VPC offering (for example V(Dns), V(Dhcp), V(Lb), V(Vpn)); required to create it.
      - Set at creation only.
    type: list
    elements: str
    aliases: [ supported_service ]
  service_providers:
    description:
      - Provider of each service, a list of dicts with V(service) and V(provider); a service without one gets V(VpcVirtualRouter).
      - Set at creation only.
    type: list
    elements: dict
    aliases: [ service_provider ]
  service_capabilities:
    description:
      - Capabilities, a list of dicts with V(service), V(capabilitytype) and V(capabilityvalue) (V(SourceNat) V(RedundantRouter),
        V(Connectivity) V(DistributedRouter) or V(RegionLevelVpc)).
      - Set at creation only.
    type: list
    elements: dict
    aliases: [ service_capability ]
  service_offering:
    description:
      - Name or ID of the system service offering of the VPC's virtual routers.
      - Set at creation only.
    type: str
  poll_async:
    description:
      - Accepted for compatibility with C(ngine_io.cloudstack); jobs are always awaited.
    type: bool
    default: true
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: A VPC offering with DNS and DHCP, enabled
  csops.cloudstack.vpc_offering:
    name: my_vpc_offering
    display_text: VPC offering with DNS and DHCP
    state: enabled
    supported_services: [ Dns, Dhcp ]
    service_providers:
      - { service: Dns, provider: VpcVirtualRouter }
      - { service: Dhcp, provider: VpcVirtualRouter }

- name: A VPC offering with redundant routers
  csops.cloudstack.vpc_offering:
    name: redundant_vpc
    display_text: VPC with redundant routers
    supported_services: [ Dns, Dhcp, SourceNat ]
    service_capabilities:
      - { service: SourceNat, capabilitytype: RedundantRouter, capabilityvalue: true }

- name: Disable it
  csops.cloudstack.vpc_offering:
    name: my_vpc_offering
    state: disabled

- name: Remove it
  csops.cloudstack.vpc_offering:
    name: my_vpc_offering
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the VPC offering.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
name:
  description: Name of the VPC offering.
  returned: success
  type: str
  sample: MyCustomVPCOffering
display_text:
  description: Display text of the VPC offering.
  returned: success
  type: str
  sample: My VPC offering
state:
  description: State of the VPC offering.
  returned: success
  type: str
  sample: Enabled
service_offering_id:
  description: The router's service offering ID (CloudStack 4.18 does not return it; kept for ngine_io's key).
  returned: when CloudStack returns it
  type: str
  sample: c5f7a5fc-43f8-11e5-a151-feff819cdc9f
is_default:
  description: Whether the VPC offering is a default offering.
  returned: success
  type: bool
  sample: false
region_level:
  description: Whether the offering supports region level VPCs.
  returned: success
  type: bool
  sample: false
distributed:
  description: Whether the offering supports a distributed router for one-hop forwarding.
  returned: success
  type: bool
  sample: false
created:
  description: When the offering was created.
  returned: success
  type: str
  sample: "2023-01-01T10:00:00+0000"
diff:
  description: The managed fields before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"state": "absent"}, "after": {"name": "x", "state": "present"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.vpc_offering import VPC_OFFERING


def main():
    run_resource(VPC_OFFERING)


if __name__ == "__main__":
    main()
