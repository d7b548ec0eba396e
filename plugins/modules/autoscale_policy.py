#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: autoscale_policy
short_description: Manages autoscale policies on Apache CloudStack based clouds
description:
  - Create, update and remove autoscale policies; a policy scales a VM group (M(csops.cloudstack.autoscale_vm_group)) up or down
    when all its conditions (M(csops.cloudstack.autoscale_condition)) hold for I(duration) seconds.
  - A policy is found by its I(name) within its owner (the owner of its conditions). I(duration), I(quiet_time) and I(conditions)
    are updated; the I(action) cannot change (a warning).
  - CloudStack refuses to update a policy of a VM group that is not disabled (M(csops.cloudstack.autoscale_vm_group) disables the
    group for its own updates), and to delete a policy a VM group uses.
  - C(ngine_io.cloudstack) has no such module; Terraform's CloudStack provider has the same fields.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the policy.
    type: str
    required: true
  id:
    description:
      - UUID of the policy (when several policies have the name).
    type: str
  action:
    description:
      - What the policy does. Required to create a policy.
    type: str
    choices: [ scaleup, scaledown ]
  duration:
    description:
      - Seconds the conditions must hold before the policy acts (at least the group's interval). Required to create a policy.
    type: int
  quiet_time:
    description:
      - Seconds after an action during which the policy is not evaluated; CloudStack's default is 300.
    type: int
  conditions:
    description:
      - IDs of the conditions (as M(csops.cloudstack.autoscale_condition) returns them), at most one per counter.
        Required to create a policy.
    type: list
    elements: str
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
      - State of the policy.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Scale up when the CPU is above 80 percent for two minutes
  csops.cloudstack.autoscale_policy:
    name: web-up
    action: scaleup
    duration: 120
    quiet_time: 300
    conditions:
      - "{{ cpu_high.id }}"

- name: Remove the policy
  csops.cloudstack.autoscale_policy:
    name: web-up
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the policy.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
name:
  description: Name of the policy.
  returned: success
  type: str
  sample: web-up
action:
  description: The action, as CloudStack shows it.
  returned: success
  type: str
  sample: SCALEUP
duration:
  description: Seconds the conditions must hold.
  returned: success
  type: int
  sample: 120
quiet_time:
  description: Seconds without evaluation after an action.
  returned: success
  type: int
  sample: 300
conditions:
  description: IDs of the conditions.
  returned: success
  type: list
  elements: str
  sample: [ 04589590-ac63-4ffc-93f5-b698b8ac38b6 ]
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
from ..module_utils.resources.autoscale_policy import AUTOSCALE_POLICY


def main():
    run_resource(AUTOSCALE_POLICY)


if __name__ == "__main__":
    main()
