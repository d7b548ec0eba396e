#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: vlan_ip_range
short_description: Manages VLAN IP ranges on Apache CloudStack based clouds
description:
  - Create, update and delete VLAN IP ranges (public IP ranges of a zone, IP ranges of shared
    networks, ranges dedicated to system VMs).
  - A range is identified by its zone, I(start_ip) and I(end_ip) (and I(network), I(physical_network),
    I(pod), I(domain), I(account), I(project) when given); the ranges of that scope are listed (every page)
    and matched on their addresses.
  - The other options are only used at creation; a difference on an existing range is reported as a warning.
  - Takes the options of C(ngine_io.cloudstack.vlan_ip_range) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  network:
    description:
      - The network name or ID.
      - Required if I(for_virtual_network) and I(physical_network) are not set.
    type: str
  physical_network:
    description:
      - The physical network name or ID.
    type: str
  start_ip:
    description:
      - The beginning IPv4 address in the VLAN IP range.
    type: str
    required: true
  end_ip:
    description:
      - The ending IPv4 address in the VLAN IP range.
      - If not specified, value of I(start_ip) is used.
    type: str
  gateway:
    description:
      - The gateway of the VLAN IP range.
      - Required if I(state=present).
    type: str
  netmask:
    description:
      - The netmask of the VLAN IP range.
      - Required if I(state=present).
    type: str
  start_ipv6:
    description:
      - The beginning IPv6 address in the IPv6 network range.
    type: str
  end_ipv6:
    description:
      - The ending IPv6 address in the IPv6 network range.
      - If not specified, value of I(start_ipv6) is used.
    type: str
  gateway_ipv6:
    description:
      - The gateway of the IPv6 network.
    type: str
  cidr_ipv6:
    description:
      - The CIDR of IPv6 network, must be at least /64.
    type: str
  vlan:
    description:
      - The ID or VID of the VLAN, for example C(98), C(vlan://98) or C(untagged).
      - If not specified, will be defaulted to the VLAN of the network.
      - Only used at creation.
    type: str
  pod:
    description:
      - Name or ID of the pod.
    type: str
  state:
    description:
      - State of the VLAN IP range.
    type: str
    default: present
    choices: [ present, absent ]
  zone:
    description:
      - Name or ID of the zone of the VLAN IP range.
    type: str
    required: true
  domain:
    description:
      - Domain of the account owning the VLAN.
    type: str
  account:
    description:
      - Account who owns the VLAN.
      - Mutually exclusive with I(project).
    type: str
  project:
    description:
      - Project who owns the VLAN.
      - Mutually exclusive with I(account).
    type: str
  for_virtual_network:
    description:
      - C(true) if the VLAN is of Virtual type (public IPs), C(false) if Direct.
      - If set to C(true) but neither I(physical_network) nor I(network) is set, CloudStack will try to add the
        VLAN range to the physical network with a Public traffic type.
      - Only used at creation.
    type: bool
    default: false
  for_system_vms:
    description:
      - C(true) if the IP range is dedicated to system VMs, C(false) if not.
    type: bool
    default: false
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Create a public IP range of a zone
  csops.cloudstack.vlan_ip_range:
    zone: zone-01
    physical_network: net01
    for_virtual_network: true
    vlan: untagged
    start_ip: 203.0.113.10
    end_ip: 203.0.113.100
    gateway: 203.0.113.1
    netmask: 255.255.255.0

- name: Create a VLAN IP range for network test
  csops.cloudstack.vlan_ip_range:
    network: test
    vlan: 98
    start_ip: 10.2.4.10
    end_ip: 10.2.4.100
    gateway: 10.2.4.1
    netmask: 255.255.255.0
    zone: zone-02

- name: Remove a VLAN IP range for network test
  csops.cloudstack.vlan_ip_range:
    state: absent
    network: test
    start_ip: 10.2.4.10
    end_ip: 10.2.4.100
    zone: zone-02
"""

RETURN = r"""
---
id:
  description: UUID of the VLAN IP range.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
network:
  description: The network of the VLAN IP range.
  returned: if available
  type: str
  sample: test
vlan:
  description: The ID or VID of the VLAN.
  returned: success
  type: str
  sample: vlan://98
gateway:
  description: IPv4 gateway.
  returned: success
  type: str
  sample: 10.2.4.1
netmask:
  description: IPv4 netmask.
  returned: success
  type: str
  sample: 255.255.255.0
gateway_ipv6:
  description: IPv6 gateway.
  returned: if available
  type: str
  sample: 2001:db8::1
cidr_ipv6:
  description: The CIDR of IPv6 network.
  returned: if available
  type: str
  sample: 2001:db8::/64
zone:
  description: Name of zone.
  returned: success
  type: str
  sample: zone-02
domain:
  description: Domain name of the VLAN IP range.
  returned: if available
  type: str
  sample: ROOT
account:
  description: Account who owns the network.
  returned: if available
  type: str
  sample: example account
project:
  description: Project who owns the network.
  returned: if available
  type: str
  sample: example project
for_systemvms:
  description: Whether the VLAN IP range is dedicated to system VMs or not.
  returned: success
  type: bool
  sample: false
for_virtual_network:
  description: Whether the VLAN IP range is of Virtual type or not.
  returned: success
  type: bool
  sample: false
physical_network:
  description: The physical network the VLAN IP range belongs to.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
start_ip:
  description: The start IP of the VLAN IP range.
  returned: success
  type: str
  sample: 10.2.4.10
end_ip:
  description: The end IP of the VLAN IP range.
  returned: success
  type: str
  sample: 10.2.4.100
start_ipv6:
  description: The start IPv6 address of the VLAN IP range.
  returned: if available
  type: str
  sample: 2001:db8::10
end_ipv6:
  description: The end IPv6 address of the VLAN IP range.
  returned: if available
  type: str
  sample: 2001:db8::50
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.vlan_ip_range import VLAN_IP_RANGE


def main():
    run_resource(VLAN_IP_RANGE, mutually_exclusive=[["account", "project"]], required_if=[["state", "present", ["gateway", "netmask"]]])


if __name__ == "__main__":
    main()
