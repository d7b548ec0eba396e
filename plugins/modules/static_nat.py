#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: static_nat
short_description: Manages static NAT on Apache CloudStack based clouds
description:
  - Enable and disable static NAT (one to one NAT) of a public IP address to an instance.
  - Static NAT to another instance or guest IP is disabled first, then enabled to the wanted one (C(disableStaticNat) is an async job).
  - Takes the options of C(ngine_io.cloudstack.static_nat) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  ip_address:
    description:
      - Public IP address the static NAT is on.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone of the IP address.
    type: str
    required: true
  vm:
    description:
      - Name or ID of the instance; required with I(state=present).
    type: str
  vm_guest_ip:
    description:
      - "Guest IP address of the instance (an address of one of its NICs, or a secondary IP); default: its IP in the network of the rule."
    type: str
  network:
    description:
      - "Name or ID of the network of the instance's NIC; default: the network of I(vm_guest_ip) or of the IP address."
    type: str
  vpc:
    description:
      - Name or ID of the VPC of the network.
    type: str
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
      - State of the static NAT.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Enable static NAT of an IP address to an instance
  csops.cloudstack.static_nat:
    ip_address: 1.2.3.4
    zone: zone01
    vm: web-01

- name: Disable static NAT
  csops.cloudstack.static_nat:
    ip_address: 1.2.3.4
    zone: zone01
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the IP address.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
ip_address:
  description: Public IP address.
  returned: success
  type: str
  sample: 1.2.3.4
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
is_static_nat:
  description: Whether static NAT is enabled on the address.
  returned: success
  type: bool
  sample: true
network:
  description: Name of the network of the IP address.
  returned: success
  type: str
  sample: app-net
zone:
  description: Name of zone the static NAT is related to.
  returned: success
  type: str
  sample: ch-gva-2
project:
  description: Name of project the static NAT is related to.
  returned: success
  type: str
  sample: Production
account:
  description: Account the static NAT is related to.
  returned: success
  type: str
  sample: example account
domain:
  description: Domain the static NAT is related to.
  returned: success
  type: str
  sample: example domain
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.static_nat import STATIC_NAT, StaticNatEngine


def main():
    run_resource(STATIC_NAT, engine_class=StaticNatEngine)


if __name__ == "__main__":
    main()
