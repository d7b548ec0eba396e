#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: portforward
short_description: Manages port forwarding rules on Apache CloudStack based clouds
description:
  - Create, update and remove port forwarding rules from a public IP address to an instance.
  - A rule is found on its public IP address by I(protocol) and public port range.
  - The private ports, the instance and its guest IP can change (C(updatePortForwardingRule)).
  - I(vm_guest_ip) selects the NIC of the instance with that address (its IP or a secondary IP), so a port can be forwarded to a secondary NIC.
  - The create, update and delete commands are async jobs, awaited within I(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.portforward) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  ip_address:
    description:
      - Public IP address the rule is on.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone of the IP address.
    type: str
    required: true
  protocol:
    description:
      - Protocol of the rule.
    type: str
    default: tcp
    choices: [ tcp, udp ]
  public_port:
    description:
      - Start public port of the rule.
    type: int
    required: true
  public_end_port:
    description:
      - "End public port of the rule; default: I(public_port)."
    type: int
  private_port:
    description:
      - Start private port of the rule.
    type: int
    required: true
  private_end_port:
    description:
      - "End private port of the rule; default: I(private_port)."
    type: int
  vm:
    description:
      - Name or ID of the instance the rule forwards to; needed to create the rule.
    type: str
  vm_guest_ip:
    description:
      - Guest IP address of the instance to forward to (an address of one of its NICs, or a secondary IP).
      - "Default: the IP of the instance's NIC in the rule's network."
    type: str
  network:
    description:
      - "Name or ID of the network of the instance's NIC; default: the network of the IP address (or of I(vm_guest_ip))."
    type: str
  vpc:
    description:
      - Name or ID of the VPC of the network.
    type: str
  open_firewall:
    description:
      - Whether CloudStack opens the firewall for the rule (only used at creation).
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
      - State of the port forwarding rule.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Forward public port 2222 to SSH of an instance
  csops.cloudstack.portforward:
    ip_address: 4.3.2.1
    zone: zone01
    public_port: 2222
    private_port: 22
    vm: web-01

- name: Forward HTTP to the address of a secondary NIC
  csops.cloudstack.portforward:
    ip_address: 4.3.2.2
    zone: zone01
    public_port: 80
    private_port: 8080
    vm: web-01
    vm_guest_ip: 10.1.2.15

- name: Ensure the rule is absent
  csops.cloudstack.portforward:
    ip_address: 4.3.2.1
    zone: zone01
    public_port: 2222
    private_port: 22
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
protocol:
  description: Protocol.
  returned: success
  type: str
  sample: tcp
private_port:
  description: Start port on the virtual machine's IP address.
  returned: success
  type: int
  sample: 80
private_end_port:
  description: End port on the virtual machine's IP address.
  returned: success
  type: int
  sample: 80
public_port:
  description: Start port on the public IP address.
  returned: success
  type: int
  sample: 80
public_end_port:
  description: End port on the public IP address.
  returned: success
  type: int
  sample: 80
tags:
  description: Resource tags, as {key, value} when the task sets O(tags) (as ngine_io.cloudstack), else as CloudStack lists them.
  returned: success
  type: list
  sample: []
vm_name:
  description: Name of the virtual machine.
  returned: success
  type: str
  sample: web-01
vm_display_name:
  description: Display name of the virtual machine.
  returned: success
  type: str
  sample: web-01
vm_guest_ip:
  description: IP of the virtual machine.
  returned: success
  type: str
  sample: 10.101.65.152
vpc:
  description: Name of the VPC.
  returned: success
  type: str
  sample: my_vpc
network:
  description: Name of the network.
  returned: success
  type: str
  sample: dmz
network_id:
  description: ID of the network.
  returned: success
  type: str
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.portforward import PORTFORWARD


def main():
    run_resource(PORTFORWARD)


if __name__ == "__main__":
    main()
