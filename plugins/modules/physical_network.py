#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: physical_network
short_description: Manages physical networks on Apache CloudStack based clouds
description:
  - Create, update, enable, disable and remove the physical networks of a zone.
  - Optionally enables or disables network service providers of the physical network
    (I(nsps_enabled), I(nsps_disabled)), configuring the virtual router and internal load
    balancer elements as CloudStack requires; M(csops.cloudstack.network_service_provider)
    does the same with more control.
  - Takes the options of C(ngine_io.cloudstack.physical_network) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the physical network.
    type: str
    required: true
    aliases: [ physical_network ]
  zone:
    description:
      - Name or ID of the zone the physical network is in.
    type: str
    required: true
  broadcast_domain_range:
    description:
      - Broadcast domain range of the physical network.
      - Only used at creation; CloudStack cannot change it afterwards (a different value is reported as a warning).
    type: str
    choices: [ POD, ZONE ]
  domain:
    description:
      - Path of the domain that owns the physical network (for example C(ROOT/customers)).
      - Only used at creation.
    type: str
  isolation_method:
    description:
      - Isolation method of the physical network.
      - Only used at creation; CloudStack cannot change it afterwards (a different value is reported as a warning).
    type: str
    choices: [ VLAN, VXLAN, GRE, L3, STT, VCS, ODL, SSP, BCF_SEGMENT, L3VPN ]
  network_speed:
    description:
      - The speed of the physical network.
    type: str
    choices: [ 1G, 10G ]
  tags:
    description:
      - A tag to identify this network.
      - Physical networks support only one tag.
      - To remove an existing tag pass an empty string.
    type: str
    aliases: [ tag ]
  vlan:
    description:
      - The VLAN/VNI ranges of the physical network, for example C(100-200,300-400).
    type: str
  nsps_enabled:
    description:
      - Names of the network service providers to enable (case insensitive, for example C(virtualrouter)).
      - The elements of C(VirtualRouter), C(VpcVirtualRouter) and C(InternalLbVm) are enabled first; a provider
        the physical network does not have is added.
    type: list
    elements: str
  nsps_disabled:
    description:
      - Names of the network service providers to disable.
    type: list
    elements: str
  state:
    description:
      - State of the physical network.
      - C(present) creates it if needed and leaves its state alone; C(enabled) and C(disabled) set its state.
    type: str
    default: present
    choices: [ present, enabled, disabled, absent ]
  poll_async:
    description:
      - Accepted for compatibility with C(ngine_io.cloudstack). This module always waits for its async jobs
        (bounded by I(api_async_timeout)), so that what it returns is the object as the task left it.
    type: bool
    default: true
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a physical network is present
  csops.cloudstack.physical_network:
    name: net01
    zone: zone01
    isolation_method: VLAN
    broadcast_domain_range: ZONE

- name: Set a tag on a physical network
  csops.cloudstack.physical_network:
    name: net01
    zone: zone01
    tag: overlay

- name: Remove the tag of a physical network
  csops.cloudstack.physical_network:
    name: net01
    zone: zone01
    tag: ""

- name: Ensure a physical network is enabled with its routers enabled
  csops.cloudstack.physical_network:
    name: net01
    zone: zone01
    isolation_method: VLAN
    vlan: 100-200,300-400
    broadcast_domain_range: ZONE
    state: enabled
    nsps_enabled:
      - virtualrouter
      - internallbvm
      - vpcvirtualrouter

- name: Ensure a physical network is disabled
  csops.cloudstack.physical_network:
    name: net01
    zone: zone01
    state: disabled

- name: Ensure a physical network is absent
  csops.cloudstack.physical_network:
    name: net01
    zone: zone01
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the physical network.
  returned: success
  type: str
  sample: 3f8f25cd-c498-443f-9058-438cfbcbff50
name:
  description: Name of the physical network.
  returned: success
  type: str
  sample: net01
physical_network:
  description: Name of the physical network (as ngine_io.cloudstack returns it).
  returned: success
  type: str
  sample: net01
state:
  description: State of the physical network.
  returned: success
  type: str
  sample: Enabled
broadcast_domain_range:
  description: Broadcast domain range of the physical network.
  returned: success
  type: str
  sample: ZONE
isolation_method:
  description: Isolation method of the physical network.
  returned: success
  type: str
  sample: VLAN
network_speed:
  description: Speed of the physical network.
  returned: when set
  type: str
  sample: 1G
vlan:
  description: VLAN/VNI ranges of the physical network.
  returned: when set
  type: str
  sample: 100-200
tags:
  description: Tag of the physical network.
  returned: when set
  type: str
  sample: overlay
zone:
  description: Name of the zone the physical network is in.
  returned: success
  type: str
  sample: ch-gva-2
domain:
  description: Path of the domain that owns the physical network.
  returned: when I(domain) is given
  type: str
  sample: ROOT/customers
nsps_enabled:
  description: The network service providers requested enabled.
  returned: when I(nsps_enabled) is given
  type: list
  elements: str
  sample: [ virtualrouter ]
nsps_disabled:
  description: The network service providers requested disabled.
  returned: when I(nsps_disabled) is given
  type: list
  elements: str
  sample: [ internallbvm ]
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.physical_network import PHYSICAL_NETWORK


def main():
    run_resource(PHYSICAL_NETWORK, dict(poll_async=dict(type="bool", default=True)))


if __name__ == "__main__":
    main()
