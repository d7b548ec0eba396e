#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: network_offering
short_description: Manages network offerings on Apache CloudStack based clouds
description:
  - Create, update, enable, disable and remove network offerings.
  - Same options and return values as C(ngine_io.cloudstack.network_offering), so a task moves over by changing its FQCN.
  - The offering is found by O(id) if given, else by O(name) (a filtered C(listNetworkOfferings) call).
  - C(updateNetworkOffering) changes only the name, display text, state, availability, max connections, tags and the domain/zone scope;
    services, providers, capabilities and the flags are set at creation only (a difference is a warning).
  - V(present) leaves the state of an existing offering alone; a new offering is then created V(Disabled), as CloudStack does.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the network offering.
      - With O(id), a different name renames the offering.
    type: str
    required: true
  id:
    description:
      - UUID of an existing network offering.
    type: str
  display_text:
    description:
      - Display text of the offering; the name when the offering is created and this is not set.
    type: str
  guest_ip_type:
    description:
      - Guest IP type of the networks of the offering; required to create it.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: str
    choices: [ Shared, Isolated, L2 ]
  traffic_type:
    description:
      - Traffic type of the offering (only V(Guest) can be created).
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: str
    default: Guest
  supported_services:
    description:
      - Services the networks of the offering provide.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: list
    elements: str
    choices: [ Dns, PortForwarding, Dhcp, SourceNat, UserData, Firewall, StaticNat, Vpn, Lb, NetworkACL, SecurityGroup, Connectivity,
      BaremetalPxeService ]
    aliases: [ supported_service ]
  service_providers:
    description:
      - Provider of each service, a list of dicts with V(service) and V(provider); a service without one gets CloudStack's default (V(VirtualRouter),
        V(VpcVirtualRouter) with O(for_vpc)).
      - Set when the offering is created.
    type: list
    elements: dict
    aliases: [ service_provider ]
  service_capabilities:
    description:
      - Capabilities of the services, a list of dicts with V(service), V(capabilitytype) and V(capabilityvalue) (for example V(SourceNat),
        V(SupportedSourceNatTypes), V(peraccount)).
      - Set when the offering is created.
    type: list
    elements: dict
    aliases: [ service_capability ]
  conserve_mode:
    description:
      - Whether the offering is in conserve mode (one public IP for several services).
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: bool
  specify_vlan:
    description:
      - Whether a network of the offering takes a VLAN when it is created.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: bool
  specify_ip_ranges:
    description:
      - Whether a network of the offering takes IP ranges when it is created.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: bool
  persistent:
    description:
      - Whether networks of the offering are implemented when created (persistent).
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: bool
  for_vpc:
    description:
      - Whether the offering is for VPC tiers.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: bool
  egress_default_policy:
    description:
      - Default egress policy of the networks' firewall.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: str
    choices: [ allow, deny ]
  network_rate:
    description:
      - Network rate limit in Mb/s.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  service_offering:
    description:
      - System offering (name or UUID) of the virtual routers of the networks.
      - Set when the offering is created.
    type: str
  details:
    description:
      - Details of the offering, a list of dicts, set when it is created.
    type: list
    elements: dict
  availability:
    description:
      - Availability of the offering (V(Optional) or V(Required)).
    type: str
  max_connections:
    description:
      - Maximum number of concurrent connections of the load balancer.
    type: int
  keepalive_enabled:
    description:
      - Whether the load balancer keeps connections alive, set when the offering is created (CloudStack does not return it, so it is not compared).
    type: bool
  tags:
    description:
      - "Tags of the offering: physical networks with these tags carry its networks."
    type: list
    elements: str
    aliases: [ tag ]
  domains:
    description:
      - Domains the offering is limited to (paths or UUIDs); public if not set.
    type: list
    elements: str
    aliases: [ domain ]
  zones:
    description:
      - Zones the offering is limited to (names or UUIDs); all zones if not set.
    type: list
    elements: str
    aliases: [ zone ]
  state:
    description:
      - State of the network offering.
    type: str
    default: present
    choices: [ present, enabled, disabled, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure an isolated network offering with a virtual router, enabled
  csops.cloudstack.network_offering:
    name: isolated-sourcenat
    display_text: Isolated network with source NAT
    guest_ip_type: Isolated
    supported_services: [Dns, Dhcp, SourceNat, PortForwarding, Firewall, StaticNat, Lb, UserData]
    service_providers:
      - {service: Dns, provider: VirtualRouter}
      - {service: Dhcp, provider: VirtualRouter}
      - {service: SourceNat, provider: VirtualRouter}
    egress_default_policy: allow
    state: enabled

- name: Disable a network offering
  csops.cloudstack.network_offering:
    name: isolated-sourcenat
    state: disabled
"""

RETURN = r"""
---
id:
  description: UUID of the network offering.
  returned: success
  type: str
  sample: "04589590-ac63-4ffc-93f5-b698b8ac38b6"
name:
  description: Name of the network offering.
  returned: success
  type: str
  sample: "isolated-sourcenat"
display_text:
  description: Display text of the offering.
  returned: success
  type: str
  sample: "Isolated network with source NAT"
state:
  description: State of the offering.
  returned: success
  type: str
  sample: "Enabled"
guest_ip_type:
  description: Guest IP type of the offering.
  returned: success
  type: str
  sample: "Isolated"
traffic_type:
  description: Traffic type of the offering.
  returned: success
  type: str
  sample: "Guest"
availability:
  description: Availability of the offering.
  returned: success
  type: str
  sample: "Optional"
supported_services:
  description: Services of the offering.
  returned: success
  type: list
  sample: ["Dns", "Dhcp", "SourceNat"]
service_providers:
  description: Provider of each service.
  returned: success
  type: list
  sample: [{"service": "Dns", "provider": "VirtualRouter"}]
egress_default_policy:
  description: Default egress policy.
  returned: success
  type: str
  sample: "allow"
conserve_mode:
  description: Whether the offering is in conserve mode.
  returned: success
  type: bool
  sample: true
specify_vlan:
  description: Whether networks take a VLAN.
  returned: success
  type: bool
  sample: false
specify_ip_ranges:
  description: Whether networks take IP ranges.
  returned: success
  type: bool
  sample: false
for_vpc:
  description: Whether the offering is for VPC tiers.
  returned: success
  type: bool
  sample: false
is_default:
  description: Whether the offering is a default offering.
  returned: success
  type: bool
  sample: false
is_persistent:
  description: Whether networks of the offering are persistent.
  returned: success
  type: bool
  sample: false
max_connections:
  description: Maximum number of concurrent load balancer connections.
  returned: success and set
  type: int
  sample: 300
network_rate:
  description: Network rate limit in Mb/s.
  returned: success
  type: int
  sample: 200
service_offering_id:
  description: UUID of the system offering of the virtual routers.
  returned: success and set
  type: str
  sample: "04589590-ac63-4ffc-93f5-b698b8ac38b6"
tags:
  description: Tags of the offering (a list, as C(ngine_io.cloudstack.network_offering) returns them; empty without tags).
  returned: success
  type: list
  elements: str
  sample: ["guest"]
domains:
  description:
    - IDs of the domains of the offering (empty for a public offering), as C(ngine_io.cloudstack.network_offering) returns them.
    - ngine_io returns the zone IDs here (a bug); this module returns the domain IDs.
  returned: success
  type: list
  elements: str
  sample: ["2b6ae3b6-0b6d-11ee-9e5c-1e00d8000001"]
zones:
  description: IDs of the zones of the offering (empty when it is offered in every zone), as C(ngine_io.cloudstack.network_offering) returns them.
  returned: success
  type: list
  elements: str
  sample: ["04589590-ac63-4ffc-93f5-b698b8ac38b6"]
diff:
  description: The managed fields before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"state": "absent"}, "after": {"name": "x", "state": "present"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.network_offering import NETWORK_OFFERING


def main():
    run_resource(NETWORK_OFFERING)


if __name__ == "__main__":
    main()
