#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: resource_limit
short_description: Manages resource limits on Apache CloudStack based clouds
description:
  - Set the limit of one resource type for a domain, an account or a project.
  - Same options and return values as C(ngine_io.cloudstack.resource_limit), so a task moves over by changing its FQCN.
  - "A limit always exists (V(-1) is unlimited): the module reads it with one C(listResourceLimits) call and sets it with C(updateResourceLimit)."
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  resource_type:
    description:
      - Type of the resource, by name or by CloudStack's number (V(0) instance ... V(11) secondary_storage).
      - V(user_vm) and V(public_ip) are CloudStack's names of V(instance) and V(ip_address).
    type: str
    required: true
    choices: [ instance, ip_address, volume, snapshot, template, project, network, vpc, cpu, memory, primary_storage, secondary_storage,
      user_vm, public_ip, "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11" ]
    aliases: [ type ]
  limit:
    description:
      - Maximum number of the resource (memory in MiB, storage in GiB); V(-1) for unlimited.
    type: int
    default: -1
    aliases: [ max ]
  domain:
    description:
      - Domain of the limit (a path such as V(ROOT/customers)), or of the account or project.
      - With O(account) and without O(domain), V(ROOT).
    type: str
  account:
    description:
      - Account of the limit.
    type: str
  project:
    description:
      - Project of the limit.
    type: str
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure an account may use at most 16 CPUs
  csops.cloudstack.resource_limit:
    resource_type: cpu
    limit: 16
    account: acme-ops
    domain: ROOT/customers/acme

- name: Ensure a domain may have at most 100 instances
  csops.cloudstack.resource_limit:
    type: instance
    max: 100
    domain: ROOT/customers
"""

RETURN = r"""
---
resource_type:
  description: Type of the resource, as given.
  returned: success
  type: str
  sample: "cpu"
limit:
  description: Maximum number of the resource.
  returned: success
  type: int
  sample: 16
domain:
  description: Domain of the limit.
  returned: success
  type: str
  sample: "acme"
account:
  description: Account of the limit.
  returned: success and the limit is an account's
  type: str
  sample: "acme-ops"
project:
  description: Project of the limit.
  returned: success and the limit is a project's
  type: str
  sample: "web"
diff:
  description: The limit before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"limit": 40}, "after": {"limit": 16}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.resource_limit import RESOURCE_LIMIT


def main():
    run_resource(RESOURCE_LIMIT)


if __name__ == "__main__":
    main()
