#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: role
short_description: Manages user roles on Apache CloudStack based clouds
description:
  - Create, update and remove roles.
  - Same options and return values as C(ngine_io.cloudstack.role), so a task moves over by changing its FQCN.
  - The role is found by O(uuid) if given, else by O(name) (a filtered C(listRoles) call).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the role.
      - With O(uuid), a different name renames the role.
    type: str
    required: true
  uuid:
    description:
      - UUID of an existing role.
    type: str
    aliases: [ id ]
  role_type:
    description:
      - Type of the role.
      - V(User) when the role is created and this is not set; an existing role keeps its type unless set.
      - CloudStack refuses to change the type of a role that accounts use.
    type: str
    choices: [ User, DomainAdmin, ResourceAdmin, Admin ]
  description:
    description:
      - Description of the role.
    type: str
  state:
    description:
      - State of the role.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a role for operators
  csops.cloudstack.role:
    name: operators
    role_type: DomainAdmin
    description: Operators of a customer domain

- name: Ensure a role is absent
  csops.cloudstack.role:
    name: operators
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the role.
  returned: success
  type: str
  sample: "04589590-ac63-4ffc-93f5-b698b8ac38b6"
name:
  description: Name of the role.
  returned: success
  type: str
  sample: "operators"
role_type:
  description: Type of the role.
  returned: success
  type: str
  sample: "DomainAdmin"
description:
  description: Description of the role.
  returned: success
  type: str
  sample: "Operators of a customer domain"
diff:
  description: The managed fields before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"state": "absent"}, "after": {"name": "x", "state": "present"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.role import ROLE


def main():
    run_resource(ROLE)


if __name__ == "__main__":
    main()
