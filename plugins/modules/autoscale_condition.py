#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: autoscale_condition
short_description: Manages autoscale conditions on Apache CloudStack based clouds
description:
  - Create, update and remove autoscale conditions (a counter, a relational operator and a threshold) that autoscale policies
    (M(csops.cloudstack.autoscale_policy)) combine.
  - A condition has no name; it is found by its I(counter) and I(relational_operator) within its owner, and its I(threshold) is
    updated. Give I(id) to change the operator of a condition.
  - CloudStack refuses to update a condition of a VM group that is not disabled, and to delete a condition a policy uses.
  - C(ngine_io.cloudstack) has no such module; Terraform's CloudStack provider has the same fields (the counter by ID).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  id:
    description:
      - UUID of the condition (to change its I(relational_operator)).
    type: str
  counter:
    description:
      - Name or ID of the counter (M(csops.cloudstack.autoscale_counter)).
    type: str
    required: true
  counter_provider:
    description:
      - Network provider of the counter, when its name is not unique (a fresh cloud has C(VM CPU - average percentage) for
        C(VirtualRouter), C(VpcVirtualRouter) and C(None)).
    type: str
  relational_operator:
    description:
      - Relational operator comparing the counter's value with I(threshold).
    type: str
    required: true
    choices: [ GT, GE, LT, LE, EQ ]
  threshold:
    description:
      - Value the counter is compared with (0 or more). Required to create a condition.
    type: int
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
      - State of the condition.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: CPU above 80 percent
  csops.cloudstack.autoscale_condition:
    counter: VM CPU - average percentage
    counter_provider: VirtualRouter
    relational_operator: GT
    threshold: 80
  register: cpu_high

- name: Remove the condition
  csops.cloudstack.autoscale_condition:
    counter: VM CPU - average percentage
    counter_provider: VirtualRouter
    relational_operator: GT
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the condition.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
counter:
  description: Name of the counter.
  returned: success
  type: str
  sample: VM CPU - average percentage
counter_id:
  description: UUID of the counter.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
relational_operator:
  description: The relational operator.
  returned: success
  type: str
  sample: GT
threshold:
  description: The threshold.
  returned: success
  type: int
  sample: 80
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
from ..module_utils.resources.autoscale_condition import AUTOSCALE_CONDITION


def main():
    run_resource(AUTOSCALE_CONDITION)


if __name__ == "__main__":
    main()
