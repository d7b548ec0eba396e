#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


DOCUMENTATION = r"""
---
module: instance_nic_secondaryip
short_description: Manages secondary IPs of an instance on Apache CloudStack based clouds
description:
  - Add and remove secondary IP addresses of a NIC of an instance (C(addIpToNic), C(removeIpFromNic), async jobs, always awaited).
  - The NIC is the instance's NIC in I(network), else its default NIC.
  - CloudStack refuses to remove an address a port forwarding rule or static NAT uses.
  - Takes the options of C(ngine_io.cloudstack.instance_nic_secondaryip) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  vm:
    description:
      - Name or ID of the instance.
    type: str
    required: true
    aliases: [ name ]
  network:
    description:
      - Name or ID of the network of the NIC; needed when the address is not on the instance's default NIC.
    type: str
  vm_guest_ip:
    description:
      - Secondary IP address of the NIC.
      - If not set, CloudStack picks a free address and every run adds another one (no idempotency).
      - Required with I(state=absent).
    type: str
    aliases: [ secondary_ip ]
  vpc:
    description:
      - Name or ID of the VPC of the network.
    type: str
  zone:
    description:
      - Name or ID of the zone of the instance.
    type: str
    required: true
  domain:
    description:
      - Domain (path, for example C(ROOT/customers), or ID) of the instance's owner; with I(account).
    type: str
  account:
    description:
      - Account owning the instance (with I(domain)).
    type: str
  project:
    description:
      - Name or ID of the project of the instance.
    type: str
  poll_async:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack): async jobs are always awaited, within I(api_async_timeout)."
    type: bool
    default: true
  state:
    description:
      - State of the secondary IP address.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Assign a specific IP to the default NIC of the instance
  csops.cloudstack.instance_nic_secondaryip:
    vm: web-01
    zone: zone01
    vm_guest_ip: 10.10.10.10

# Note: without vm_guest_ip, every run adds another address
- name: Assign a free IP to the NIC in backend-net
  csops.cloudstack.instance_nic_secondaryip:
    vm: web-01
    network: backend-net
    zone: zone01

- name: Remove a specific IP from the default NIC
  csops.cloudstack.instance_nic_secondaryip:
    vm: web-01
    zone: zone01
    vm_guest_ip: 10.10.10.10
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the NIC.
  returned: success
  type: str
  sample: 87b1e0ce-4e01-11e4-bb66-0050569e64b8
vm:
  description: Name of the instance.
  returned: success
  type: str
  sample: web-01
ip_address:
  description: Primary IP of the NIC.
  returned: success
  type: str
  sample: 10.10.10.10
netmask:
  description: Netmask of the NIC.
  returned: success
  type: str
  sample: 255.255.255.0
mac_address:
  description: MAC address of the NIC.
  returned: success
  type: str
  sample: 02:00:33:31:00:e4
vm_guest_ip:
  description: The secondary IP of the NIC (the one added, found or removed).
  returned: when the address is on the NIC (not in check mode before it is added)
  type: str
  sample: 10.10.10.11
network:
  description: Name of the network of the NIC.
  returned: success
  type: str
  sample: backend-net
domain:
  description: Domain the instance is related to.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the instance is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Name of project the instance is related to.
  returned: success
  type: str
  sample: Production
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.instance_nic_secondaryip import INSTANCE_NIC_SECONDARYIP, NicSecondaryIpEngine


def main():
    run_resource(INSTANCE_NIC_SECONDARYIP, engine_class=NicSecondaryIpEngine, required_if=[("state", "absent", ["vm_guest_ip"])])


if __name__ == "__main__":
    main()
