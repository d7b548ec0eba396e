#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: autoscale_vm_group
short_description: Manages autoscale VM groups on Apache CloudStack based clouds
description:
  - Create, update, enable, disable and remove autoscale VM groups; a group deploys VMs of a profile
    (M(csops.cloudstack.autoscale_vm_profile)) behind a public load balancer rule (M(csops.cloudstack.lb_rule)) and scales between
    I(min_members) and I(max_members) by its policies (M(csops.cloudstack.autoscale_policy)).
  - A group is found by its I(name). Its load balancer rule and VM profile are set when it is made.
  - CloudStack changes I(min_members), I(max_members), I(interval) and the policies only of a disabled group; the module disables an
    enabled group for such an update and enables it again afterwards (unless I(state=disabled)).
  - With I(state=absent) an enabled group is disabled first; CloudStack then refuses to delete a group that still has VMs unless
    I(cleanup=true), which destroys them.
  - C(ngine_io.cloudstack) has no such module; Terraform's CloudStack provider has the same fields (references by ID there).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the group (letters, digits and hyphens).
    type: str
    required: true
  id:
    description:
      - UUID of the group.
    type: str
  lb_rule:
    description:
      - Name of the public load balancer rule of the group. Required to create a group.
    type: str
  ip_address:
    description:
      - Public IP address of I(lb_rule), when its name is not unique.
    type: str
    aliases: [ public_ip ]
  zone:
    description:
      - Name or ID of the zone of I(ip_address).
    type: str
  vm_profile:
    description:
      - ID of the VM profile (as M(csops.cloudstack.autoscale_vm_profile) returns it). Required to create a group.
    type: str
  min_members:
    description:
      - Minimum number of VMs of the group (1 or more). Required to create a group.
    type: int
  max_members:
    description:
      - Maximum number of VMs of the group (at least I(min_members)). Required to create a group.
    type: int
  interval:
    description:
      - Seconds between two collections of the counters; CloudStack's default is 30.
    type: int
  scale_up_policies:
    description:
      - Names or IDs of the scale-up policies. Required to create a group.
    type: list
    elements: str
  scale_down_policies:
    description:
      - Names or IDs of the scale-down policies. Required to create a group.
    type: list
    elements: str
  cleanup:
    description:
      - With I(state=absent), destroy the VMs of the group with it.
    type: bool
    default: false
  domain:
    description:
      - Domain (path or ID) of the owner; with I(account).
    type: str
  account:
    description:
      - Account of the owner (with I(domain)).
    type: str
  project:
    description:
      - Name or ID of the project of the owner.
    type: str
  state:
    description:
      - State of the group; C(present) leaves an existing group enabled or disabled as it is (CloudStack enables a new group).
    type: str
    default: present
    choices: [ present, enabled, disabled, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: A web group of 2 to 6 VMs behind the rule web on 203.0.113.10
  csops.cloudstack.autoscale_vm_group:
    name: web
    lb_rule: web
    ip_address: 203.0.113.10
    zone: zone01
    vm_profile: "{{ web_profile.id }}"
    min_members: 2
    max_members: 6
    scale_up_policies: [web-up]
    scale_down_policies: [web-down]

- name: Stop scaling
  csops.cloudstack.autoscale_vm_group:
    name: web
    state: disabled

- name: Remove the group and its VMs
  csops.cloudstack.autoscale_vm_group:
    name: web
    cleanup: true
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the group.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
name:
  description: Name of the group.
  returned: success
  type: str
  sample: web
state:
  description: State of the group, as CloudStack shows it (NEW, ENABLED, DISABLED, SCALING).
  returned: success
  type: str
  sample: ENABLED
min_members:
  description: Minimum number of VMs.
  returned: success
  type: int
  sample: 2
max_members:
  description: Maximum number of VMs.
  returned: success
  type: int
  sample: 6
interval:
  description: Seconds between two collections of the counters.
  returned: success
  type: int
  sample: 30
vm_profile:
  description: UUID of the VM profile.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
lb_rule_id:
  description: UUID of the load balancer rule.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
public_ip:
  description: Public IP address of the load balancer rule.
  returned: success
  type: str
  sample: 203.0.113.10
public_port:
  description: Public port of the load balancer rule.
  returned: success
  type: str
  sample: "80"
private_port:
  description: Private port of the load balancer rule.
  returned: success
  type: str
  sample: "8080"
available_vm_count:
  description: Number of VMs of the group.
  returned: success
  type: int
  sample: 2
scale_up_policies:
  description: UUIDs of the scale-up policies.
  returned: success
  type: list
  elements: str
scale_down_policies:
  description: UUIDs of the scale-down policies.
  returned: success
  type: list
  elements: str
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
account:
  description: Account of the owner.
  returned: success
  type: str
  sample: example-account
domain:
  description: Domain of the owner.
  returned: success
  type: str
  sample: ROOT
project:
  description: Project of the owner.
  returned: when available
  type: str
  sample: Production
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.autoscale_vm_group import AUTOSCALE_VM_GROUP, VmGroupEngine


def main():
    run_resource(AUTOSCALE_VM_GROUP, engine_class=VmGroupEngine)


if __name__ == "__main__":
    main()
