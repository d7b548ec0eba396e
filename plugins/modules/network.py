#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: network
short_description: Manages guest networks on Apache CloudStack based clouds
description:
  - Create, update, restart and remove isolated, shared (VLAN and IP range) and L2 guest networks.
  - A network is found by name in its zone (within its owner).
  - I(display_text), I(network_domain) and I(network_offering) change with C(updateNetwork).
  - The addressing (I(vlan), I(gateway), I(netmask), IP ranges, I(acl_type)) is only used at creation.
  - C(updateNetwork), C(restartNetwork) and C(deleteNetwork) are async jobs, awaited within I(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.network) and returns the same keys, with I(public_ips) and I(snat_ip) as its version 3.1.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name (case sensitive) of the network.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone of the network.
    type: str
    required: true
  display_text:
    description:
      - "Display text of the network; default at creation: I(name)."
    type: str
  network_offering:
    description:
      - Name or ID of the network offering; needed to create the network, another one changes it (C(updateNetwork)).
    type: str
  network_domain:
    description:
      - Network domain of the network.
    type: str
  vlan:
    description:
      - ID or VID of the network (shared networks; only used at creation).
    type: str
  gateway:
    description:
      - The gateway of the network (shared networks; only used at creation).
    type: str
  netmask:
    description:
      - The netmask of the network (shared networks; only used at creation).
    type: str
  start_ip:
    description:
      - The beginning IPv4 address of the network's IP range (only used at creation).
    type: str
  end_ip:
    description:
      - "The ending IPv4 address of the network's IP range (only used at creation); default: I(start_ip)."
    type: str
  gateway_ipv6:
    description:
      - The gateway of the IPv6 network (only used at creation).
    type: str
  cidr_ipv6:
    description:
      - CIDR of the IPv6 network, at least /64 (only used at creation).
    type: str
  start_ipv6:
    description:
      - The beginning IPv6 address of the network's IP range (only used at creation).
    type: str
  end_ipv6:
    description:
      - The ending IPv6 address of the network's IP range (only used at creation).
    type: str
  acl_type:
    description:
      - Access control type of the network (shared networks).
      - "C(domain): every account of the domain may use it; C(account): only the owner. Only used at creation."
    type: str
    choices: [ account, domain ]
  subdomain_access:
    description:
      - Whether the subdomains may use a domain network (only used at creation).
    type: bool
  isolated_pvlan:
    description:
      - The isolated private VLAN of the network (only used at creation).
    type: str
  vpc:
    description:
      - Name or ID of the VPC of a VPC tier (only used at creation).
      - A tier needs a network offering for VPC networks (for example V(DefaultIsolatedNetworkOfferingForVpcNetworks)) and
        O(gateway) and O(netmask) inside the VPC's CIDR, overlapping no other tier; it takes the VPC's network domain.
    type: str
  acl:
    description:
      - Name or ID of the network ACL list of a VPC tier (a list of its VPC, or V(default_allow) / V(default_deny)).
      - On an existing tier another list replaces the tier's list (C(replaceNetworkACLList)); not set leaves it alone.
    type: str
  clean_up:
    description:
      - "With I(state=restarted): whether the network is cleaned up (its routers recreated)."
    type: bool
    default: false
  tags:
    description:
      - Resource tags, a list of dicts with C(key) and C(value).
      - An empty list removes every tag; not set leaves the tags alone.
    type: list
    elements: dict
    aliases: [ tag ]
  domain:
    description:
      - Domain (path, for example C(ROOT/customers), or ID) of the owner; with I(account).
    type: str
  account:
    description:
      - "Account owning the object (with I(domain)); default: the caller's account."
    type: str
  project:
    description:
      - Name or ID of the project owning the object.
    type: str
  poll_async:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack): async jobs are always awaited, within I(api_async_timeout)."
    type: bool
    default: true
  state:
    description:
      - State of the network.
      - C(restarted) restarts an existing network (C(restartNetwork)) when it is Implemented or Setup; in any other state
        (Allocated, not in use yet) it is no change. The other options are not compared then.
    type: str
    default: present
    choices: [ present, restarted, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure an isolated network
  csops.cloudstack.network:
    name: app-net
    zone: zone01
    network_offering: DefaultIsolatedNetworkOfferingWithSourceNatService
    network_domain: app.example.local

- name: Ensure a shared network with a VLAN and an IP range
  csops.cloudstack.network:
    name: shared-200
    zone: zone01
    network_offering: DefaultSharedNetworkOffering
    vlan: 200
    gateway: 10.200.0.1
    netmask: 255.255.255.0
    start_ip: 10.200.0.10
    end_ip: 10.200.0.250
    acl_type: domain

- name: Ensure an L2 network
  csops.cloudstack.network:
    name: l2-net
    zone: zone01
    network_offering: DefaultL2NetworkOffering

- name: Restart a network with clean up
  csops.cloudstack.network:
    name: app-net
    zone: zone01
    clean_up: true
    state: restarted

- name: Ensure a network is absent
  csops.cloudstack.network:
    name: app-net
    zone: zone01
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the network.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
name:
  description: Name of the network.
  returned: success
  type: str
  sample: web project
display_text:
  description: Display text of the network.
  returned: success
  type: str
  sample: web project
dns1:
  description: IP address of the 1st nameserver.
  returned: success
  type: str
  sample: 1.2.3.4
dns2:
  description: IP address of the 2nd nameserver.
  returned: success
  type: str
  sample: 1.2.3.4
cidr:
  description: IPv4 network CIDR.
  returned: success
  type: str
  sample: 10.101.64.0/24
gateway:
  description: IPv4 gateway.
  returned: success
  type: str
  sample: 10.101.64.1
netmask:
  description: IPv4 netmask.
  returned: success
  type: str
  sample: 255.255.255.0
cidr_ipv6:
  description: IPv6 network CIDR.
  returned: success
  type: str
  sample: 2001:db8::/64
gateway_ipv6:
  description: IPv6 gateway.
  returned: success
  type: str
  sample: 2001:db8::1
zone:
  description: Name of zone.
  returned: success
  type: str
  sample: ch-gva-2
domain:
  description: Domain the network is related to.
  returned: success
  type: str
  sample: ROOT
account:
  description: Account the network is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Name of project.
  returned: success
  type: str
  sample: Production
tags:
  description: Resource tags, as {key, value} when the task sets O(tags) (as ngine_io.cloudstack), else as CloudStack lists them.
  returned: success
  type: list
  sample: [{key: foo, value: bar}]
acl_type:
  description: Access type of the network (Domain, Account).
  returned: success
  type: str
  sample: Account
acl:
  description: Name of the access control list for the VPC network tier.
  returned: success
  type: str
acl_id:
  description: ID of the access control list for the VPC network tier.
  returned: success
  type: str
broadcast_domain_type:
  description: Broadcast domain type of the network.
  returned: success
  type: str
  sample: Vlan
type:
  description: Type of the network.
  returned: success
  type: str
  sample: Isolated
traffic_type:
  description: Traffic type of the network.
  returned: success
  type: str
  sample: Guest
state:
  description: State of the network (Allocated, Implemented, Setup).
  returned: success
  type: str
  sample: Allocated
is_persistent:
  description: Whether the network is persistent or not.
  returned: success
  type: bool
  sample: false
network_domain:
  description: The network domain.
  returned: success
  type: str
  sample: example.local
network_offering:
  description: The network offering name.
  returned: success
  type: str
  sample: DefaultIsolatedNetworkOfferingWithSourceNatService
network_offering_display_text:
  description: The network offering display text.
  returned: success
  type: str
network_offering_conserve_mode:
  description: Whether the network offering has IP conserve mode enabled or not.
  returned: success
  type: bool
  sample: false
network_offering_availability:
  description: The availability of the network offering the network is created from.
  returned: success
  type: str
  sample: Optional
is_system:
  description: Whether the network is a system network or not.
  returned: success
  type: bool
  sample: false
vlan:
  description: The VLAN of the network.
  returned: success
  type: str
  sample: vlan://200
vpc:
  description: Name of the VPC of a VPC tier.
  returned: success
  type: str
restart_required:
  description: Whether the network needs a restart.
  returned: success
  type: bool
  sample: false
public_ips:
  description: The public IP addresses of the network as C(listPublicIpAddresses) returns them (not for L2 networks), as ngine_io.cloudstack 3.1.
  returned: success
  type: list
  elements: dict
  sample: [{"ipaddress": "192.168.2.10", "issourcenat": true, "state": "Allocated"}]
snat_ip:
  description: The source NAT IP address of the network, null when it has none yet.
  returned: success
  type: str
  sample: 192.168.2.10
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.network import NETWORK, NetworkEngine


def main():
    run_resource(NETWORK, engine_class=NetworkEngine)


if __name__ == "__main__":
    main()
