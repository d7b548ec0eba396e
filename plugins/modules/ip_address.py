#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: ip_address
short_description: Manages public IP address associations on Apache CloudStack based clouds
description:
  - Associate (allocate) and disassociate (release) public IP addresses of a network or a VPC.
  - "A public IP address has no name: it is identified by I(ip_address) or, without it, by its I(tags), which must then be unique to the address."
  - A task with neither I(ip_address) nor I(tags) fails (it could only allocate another address on every run).
  - C(associateIpAddress) and C(disassociateIpAddress) are async jobs, awaited within I(api_async_timeout); a lost reply never allocates a second address.
  - Takes the options of C(ngine_io.cloudstack.ip_address) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  ip_address:
    description:
      - The public IP address.
      - "With I(state=present): the address to associate; without it, any free address (identified by I(tags))."
    type: str
  zone:
    description:
      - Name or ID of the zone of the address.
    type: str
    required: true
  network:
    description:
      - Name or ID of the network the address is associated with (only used to associate it).
    type: str
  vpc:
    description:
      - Name or ID of the VPC the address is associated with (only used to associate it).
    type: str
  tags:
    description:
      - Resource tags, a list of dicts with C(key) and C(value).
      - An empty list removes every tag; not set leaves the tags alone.
      - "Without I(ip_address), the tags identify the address: they must be unique to it."
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
      - State of the IP address.
      - C(absent) releases it, found by O(ip_address) or O(tags) (one of them is required); an address with a static NAT
        is not released (the task fails, as ngine_io.cloudstack does); disable the static NAT first (M(csops.cloudstack.static_nat)).
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Associate an IP address with a network, identified by its tags
  csops.cloudstack.ip_address:
    network: app-net
    zone: zone01
    tags:
      - key: role
        value: web-frontend

- name: Associate a given IP address
  csops.cloudstack.ip_address:
    ip_address: 192.168.2.50
    network: app-net
    zone: zone01

- name: Disassociate the address of the tags
  csops.cloudstack.ip_address:
    zone: zone01
    tags:
      - key: role
        value: web-frontend
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the public IP address.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
ip_address:
  description: Public IP address.
  returned: success
  type: str
  sample: 1.2.3.4
zone:
  description: Name of the zone the IP address is in.
  returned: success
  type: str
  sample: ch-gva-2
network:
  description: Name of the network the IP address is associated with.
  returned: success
  type: str
  sample: app-net
network_id:
  description: ID of the network the IP address is associated with.
  returned: success
  type: str
vpc:
  description: Name of the VPC the IP address is associated with.
  returned: success
  type: str
is_source_nat:
  description: Whether the address is the source NAT address of its network.
  returned: success
  type: bool
  sample: false
is_static_nat:
  description: Whether static NAT is enabled on the address.
  returned: success
  type: bool
  sample: false
vm_name:
  description: Name of the instance of a static NAT.
  returned: success
  type: str
vm_guest_ip:
  description: Guest IP address of the instance of a static NAT.
  returned: success
  type: str
tags:
  description: Resource tags, as {key, value} when the task sets O(tags) (as ngine_io.cloudstack), else as CloudStack lists them.
  returned: success
  type: list
  sample: [{key: foo, value: bar}]
domain:
  description: Domain the IP address is related to.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the IP address is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Name of project the IP address is related to.
  returned: success
  type: str
  sample: Production
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.ip_address import IP_ADDRESS


def main():
    run_resource(IP_ADDRESS, required_if=[("state", "absent", ["ip_address", "tags"], True)], mutually_exclusive=[["vpc", "network"]])


if __name__ == "__main__":
    main()
