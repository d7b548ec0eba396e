#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: security_group
short_description: Manages security groups on Apache CloudStack based clouds
description:
  - Create and remove security groups (the rules are managed with M(csops.cloudstack.security_group_rule)).
  - "A group is found by name within its owner. CloudStack cannot change a group's description: a different one is reported as a warning."
  - Takes the options of C(ngine_io.cloudstack.security_group) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the security group.
    type: str
    required: true
  description:
    description:
      - Description of the security group (only used at creation).
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
  state:
    description:
      - State of the security group.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a security group
  csops.cloudstack.security_group:
    name: web
    description: Web servers

- name: Ensure a security group of a project
  csops.cloudstack.security_group:
    name: web
    project: shop

- name: Ensure a security group is absent
  csops.cloudstack.security_group:
    name: web
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the security group.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
name:
  description: Name of the security group.
  returned: success
  type: str
  sample: web
description:
  description: Description of the security group.
  returned: success
  type: str
  sample: Web servers
tags:
  description: Resource tags, as {key, value} when the task sets C(tags) (as ngine_io.cloudstack), else as CloudStack lists them.
  returned: success
  type: list
  sample: [{key: foo, value: bar}]
domain:
  description: Domain of the security group.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the security group belongs to.
  returned: success
  type: str
  sample: example account
project:
  description: Project the security group belongs to.
  returned: success
  type: str
  sample: example project
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.security_group import SECURITY_GROUP


def main():
    run_resource(SECURITY_GROUP)


if __name__ == "__main__":
    main()
