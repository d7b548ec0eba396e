#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: project
short_description: Manages projects on Apache CloudStack based clouds
description:
  - Create, update, activate, suspend and remove projects.
  - Same options and return values as C(ngine_io.cloudstack.project), so a task moves over by changing its FQCN.
  - The project is found by name within its domain (one filtered C(listProjects) call).
  - "A project is removed with C(cleanup=true): what it owns goes with it."
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the project.
    type: str
    required: true
  id:
    description:
      - UUID of an existing project.
    type: str
  display_text:
    description:
      - Display text of the project; when not set, the name (also for an existing project, as C(ngine_io.cloudstack) does).
    type: str
  account:
    description:
      - Account that owns the project when it is created (with O(domain); V(ROOT) if not set).
    type: str
  domain:
    description:
      - Domain of the project (a path such as V(ROOT/customers)).
    type: str
  tags:
    description:
      - Tags of the project, a list of dicts with V(key) and V(value).
      - V([]) removes every tag; not set leaves them alone.
    type: list
    elements: dict
    aliases: [ tag ]
  poll_async:
    description:
      - "Accepted for compatibility and ignored: the module always waits for async jobs, at most O(api_async_timeout) seconds."
    type: bool
    default: true
  state:
    description:
      - State of the project.
    type: str
    default: present
    choices: [ present, absent, active, suspended ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a project owned by an account
  csops.cloudstack.project:
    name: web
    display_text: Web shop
    account: acme-ops
    domain: ROOT/customers/acme
    tags:
      - key: cost-center
        value: "4711"

- name: Suspend a project
  csops.cloudstack.project:
    name: web
    domain: ROOT/customers/acme
    state: suspended
"""

RETURN = r"""
---
id:
  description: UUID of the project.
  returned: success
  type: str
  sample: "04589590-ac63-4ffc-93f5-b698b8ac38b6"
name:
  description: Name of the project.
  returned: success
  type: str
  sample: "web"
display_text:
  description: Display text of the project.
  returned: success
  type: str
  sample: "Web shop"
state:
  description: State of the project.
  returned: success
  type: str
  sample: "Active"
domain:
  description: Domain of the project.
  returned: success
  type: str
  sample: "acme"
account:
  description: Account of the project.
  returned: success and known
  type: str
  sample: "acme-ops"
tags:
  description: Tags of the project.
  returned: success
  type: list
  sample: [{"key": "cost-center", "value": "4711"}]
diff:
  description: The managed fields before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"state": "absent"}, "after": {"name": "x", "state": "present"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.project import PROJECT


def main():
    run_resource(PROJECT)


if __name__ == "__main__":
    main()
