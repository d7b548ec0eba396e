#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: role_permission
short_description: Manages role permissions on Apache CloudStack based clouds
description:
  - Create, update, order and remove the permission rules of a role.
  - Same options and return values as C(ngine_io.cloudstack.role_permission), so a task moves over by changing its FQCN.
  - A rule is an API name or a wildcard (C(list*), C(*)). CloudStack reads a role's rules in their order and the first
    rule that matches a command decides whether the role may run it; a command no rule matches is refused.
  - The rule is found by O(name) (its API name, or its id) among the rules of O(role) (one C(listRolePermissions) call).
  - CloudStack 4.18 refuses to add, change or remove rules of its default roles (Root Admin, Domain Admin, User, ...);
    make a role of your own (M(csops.cloudstack.role)) for rules of your own.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - The API name (or wildcard) of the rule, for example C(createVPC) or C(list*).
    type: str
    required: true
  role:
    description:
      - Name or ID of the role.
    type: str
    required: true
  permission:
    description:
      - The rule permission, allow or deny. Defaulted to deny.
      - Not compared when O(parent) is set (the task then only moves the rule).
    type: str
    choices: [ allow, deny ]
    default: deny
  state:
    description:
      - State of the role permission.
    type: str
    choices: [ present, absent ]
    default: present
  description:
    description:
      - The description of the role permission.
      - Set when the rule is created; CloudStack cannot change it afterwards (a difference is a warning).
    type: str
  parent:
    description:
      - The rule (its API name or its id) after which this rule is placed in the role's order; V(0) places it first.
      - A rule already in that place is not changed (ngine_io reports a change on every run with O(parent)).
      - Mutually exclusive with O(permission).
    type: str
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: A role for operators
  csops.cloudstack.role:
    name: operators
    role_type: User

- name: Operators may list everything
  csops.cloudstack.role_permission:
    role: operators
    name: "list*"
    permission: allow
    description: read access

- name: Operators may not create VPCs
  csops.cloudstack.role_permission:
    role: operators
    name: createVPC
    permission: deny

- name: The deny rule comes first
  csops.cloudstack.role_permission:
    role: operators
    name: createVPC
    parent: 0

- name: Remove a rule
  csops.cloudstack.role_permission:
    role: operators
    name: createVPC
    state: absent
"""

RETURN = r"""
---
id:
  description: The ID of the role permission.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
name:
  description: The API name of the permission.
  returned: success
  type: str
  sample: createVPC
permission:
  description: The permission type of the api name.
  returned: success
  type: str
  sample: allow
role_id:
  description: The ID of the role to which the role permission belongs.
  returned: success
  type: str
  sample: c6f7a5fc-43f8-11e5-a151-feff819cdc7f
role:
  description: The name of the role to which the role permission belongs.
  returned: success
  type: str
  sample: operators
description:
  description: The description of the role permission.
  returned: success
  type: str
  sample: Deny createVPC for users
diff:
  description: The managed fields before and after (with C(--diff)); C(rule_order) is the role's rules in order when O(parent) moves one.
  returned: changed and diff mode
  type: dict
  sample: {"before": {"rule_order": ["list*", "createVPC"]}, "after": {"rule_order": ["createVPC", "list*"]}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.role_permission import ROLE_PERMISSION


def main():
    run_resource(ROLE_PERMISSION, mutually_exclusive=[["permission", "parent"]])


if __name__ == "__main__":
    main()
