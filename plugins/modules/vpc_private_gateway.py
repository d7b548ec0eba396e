#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: vpc_private_gateway
short_description: Manages private gateways of VPCs on Apache CloudStack based clouds
description:
  - Create and remove private gateways of a VPC, the connections of the VPC's router to a private network over a VLAN
    (root admins) or an isolated network, for static routes (M(csops.cloudstack.static_route)) to other networks.
  - A private gateway is found by its IP address within the VPC.
  - CloudStack has no command that changes a private gateway. I(gateway), I(netmask), I(vlan), I(network)
    and I(source_nat_supported) are set at creation; a difference on an existing gateway is a warning, never a change.
  - I(network_acl) of an existing gateway is replaced (C(replaceNetworkACLList)); C(ngine_io.cloudstack) 3.3.0 leaves it as it is.
  - Takes the options of C(ngine_io.cloudstack.vpc_private_gateway) (3.3.0) and returns the same keys. Unlike it, I(vlan) is not
    required, since a gateway needs I(vlan) or I(network) (CloudStack takes one of the two).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  vpc:
    description:
      - Name or ID of the VPC.
    type: str
    required: true
  ip_address:
    description:
      - IP address of the private gateway (the VPC router's address in the private network).
    type: str
    required: true
  gateway:
    description:
      - Gateway of the private network; required to create the private gateway.
    type: str
  netmask:
    description:
      - Netmask of the private network; required to create the private gateway.
    type: str
  vlan:
    description:
      - VLAN ID (C(400)) or URI (C(vlan://400)) of the private network (root admins only).
      - With I(state=present), I(vlan) or I(network) is required.
    type: str
  zone:
    description:
      - Name or ID of the zone of the VPC.
    type: str
    required: true
  physical_network:
    description:
      - "Name or ID of the physical network of the private network; default: the one of I(network), else the zone's guest physical network."
    type: str
  network:
    description:
      - Name or ID of an isolated network the private gateway is associated with (instead of I(vlan)).
    type: str
  network_acl:
    description:
      - "Name or ID of the network ACL list of the private gateway (one of the VPC's, or C(default_allow) / C(default_deny)); default: C(default_deny)."
      - A gateway that uses another list gets this one (C(replaceNetworkACLList)).
    type: str
  network_offering:
    description:
      - Name or ID of the network offering of the private network.
    type: str
  bypass_vlan_overlap_check:
    description:
      - Whether to create the private network on a VLAN that guest networks or other private gateways of the zone use.
    type: bool
  source_nat_supported:
    description:
      - Whether source NAT is enabled on the private gateway.
    type: bool
  domain:
    description:
      - Domain (path or ID) of the VPC's owner; with I(account).
    type: str
  account:
    description:
      - Account owning the VPC (with I(domain)).
    type: str
  project:
    description:
      - Name or ID of the project owning the VPC.
    type: str
  poll_async:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack): async jobs are always awaited, within I(api_async_timeout)."
    type: bool
    default: true
  state:
    description:
      - State of the private gateway.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: A private gateway of a VPC on VLAN 400
  csops.cloudstack.vpc_private_gateway:
    vpc: my-vpc
    zone: zone01
    ip_address: 10.11.11.2
    gateway: 10.11.11.1
    netmask: 255.255.255.0
    vlan: "400"

- name: A route to the office network through it
  csops.cloudstack.static_route:
    vpc: my-vpc
    zone: zone01
    gateway: 10.11.11.2
    cidr: 172.16.0.0/16

- name: Remove the private gateway (its static routes first)
  csops.cloudstack.vpc_private_gateway:
    vpc: my-vpc
    zone: zone01
    ip_address: 10.11.11.2
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the private gateway.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
ip_address:
  description: IP address of the private gateway.
  returned: success
  type: str
  sample: 10.11.11.2
gateway:
  description: Gateway of the private gateway.
  returned: success
  type: str
  sample: 10.11.11.1
netmask:
  description: Netmask of the private gateway.
  returned: success
  type: str
  sample: 255.255.255.0
vlan:
  description: VLAN URI of the private gateway.
  returned: success
  type: str
  sample: vlan://400
vpc:
  description: Name of the VPC the private gateway belongs to.
  returned: success
  type: str
  sample: my-vpc
vpc_id:
  description: UUID of the VPC the private gateway belongs to.
  returned: success
  type: str
  sample: 87b1e0ce-4e01-11e4-bb66-0050569e64b8
network:
  description: Name of the isolated network the private gateway is associated with.
  returned: when available
  type: str
  sample: office-net
network_id:
  description: UUID of the isolated network the private gateway is associated with.
  returned: when available
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
network_acl:
  description: Name of the ACL associated with the private gateway.
  returned: when available
  type: str
  sample: default_deny
network_acl_id:
  description: UUID of the ACL associated with the private gateway.
  returned: when available
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
physical_network_id:
  description: UUID of the physical network of the private gateway.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
source_nat_supported:
  description: Whether source NAT is supported on the private gateway.
  returned: success
  type: bool
  sample: false
state:
  description: State of the private gateway.
  returned: success
  type: str
  sample: Ready
zone:
  description: Name of the zone the private gateway belongs to.
  returned: success
  type: str
  sample: Sandbox-simulator-advanced
project:
  description: Name of the project the private gateway is related to.
  returned: when available
  type: str
  sample: Production
account:
  description: Account the private gateway is related to.
  returned: when available
  type: str
  sample: example-account
domain:
  description: Domain the private gateway is related to.
  returned: when available
  type: str
  sample: ROOT
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.vpc_private_gateway import VPC_PRIVATE_GATEWAY


def main():
    run_resource(VPC_PRIVATE_GATEWAY)


if __name__ == "__main__":
    main()
