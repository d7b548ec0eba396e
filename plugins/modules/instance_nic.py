#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


DOCUMENTATION = r"""
---
module: instance_nic
short_description: Manages NICs of an instance on Apache CloudStack based clouds
description:
  - Add a NIC in a network to an instance, change its IP address, remove it.
  - C(addNicToVirtualMachine), C(updateVmNicIp) and C(removeNicFromVirtualMachine) are async jobs, always awaited.
  - CloudStack refuses a second NIC of an instance in the same network and the removal of its default NIC.
  - Takes the options of C(ngine_io.cloudstack.instance_nic) and returns the same keys.
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
      - Name or ID of the network of the NIC.
    type: str
    required: true
  ip_address:
    description:
      - IP address of the NIC; a NIC with another address gets this one (C(updateVmNicIp)).
    type: str
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
      - State of the NIC.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Add a NIC in another network
  csops.cloudstack.instance_nic:
    vm: web-01
    network: backend-net
    zone: zone01

- name: Ensure the IP address of that NIC
  csops.cloudstack.instance_nic:
    vm: web-01
    network: backend-net
    ip_address: 10.10.11.32
    zone: zone01

- name: Remove the NIC
  csops.cloudstack.instance_nic:
    vm: web-01
    network: backend-net
    zone: zone01
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
  description: IP address of the NIC.
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
network:
  description: Name of the network.
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
from ..module_utils.resources.instance_nic import INSTANCE_NIC


def main():
    run_resource(INSTANCE_NIC)


if __name__ == "__main__":
    main()
