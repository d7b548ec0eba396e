#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: domain
short_description: Manages domains on Apache CloudStack based clouds
description:
  - Create, update and remove domains, addressed by their path.
  - Same options and return values as C(ngine_io.cloudstack.domain), so a task moves over by changing its FQCN.
  - The domain is found with one C(listDomains) call filtered by the last name of the path, then matched on the whole path.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  path:
    description:
      - Path of the domain, for example V(ROOT/customers/acme); the leading V(ROOT/) may be left out.
      - The parent domain must exist when the domain is created; V(ROOT) itself cannot be created or removed.
      - A path ending in V(/) fails, as with C(ngine_io.cloudstack).
    type: str
    required: true
  network_domain:
    description:
      - Network domain of the networks in the domain.
    type: str
  clean_up:
    description:
      - With O(state=absent), also remove the accounts and subdomains of the domain (C(deleteDomain) with C(cleanup=true)).
      - Without it CloudStack refuses to remove a domain that still has accounts or subdomains.
    type: bool
    default: false
  poll_async:
    description:
      - Accepted for compatibility with C(ngine_io.cloudstack.domain) and ignored.
      - The module always waits for the C(deleteDomain) job, at most O(api_async_timeout) seconds.
    type: bool
    default: true
  state:
    description:
      - State of the domain.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a domain and a subdomain
  csops.cloudstack.domain:
    path: "{{ item }}"
    network_domain: customers.example.com
  loop:
    - ROOT/customers
    - ROOT/customers/acme

- name: Ensure a domain is absent, with its accounts and subdomains
  csops.cloudstack.domain:
    path: ROOT/customers/acme
    clean_up: true
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the domain.
  returned: success
  type: str
  sample: 87b1e0ce-4e01-11e4-bb66-0050569e64b8
name:
  description: Name of the domain.
  returned: success
  type: str
  sample: acme
path:
  description: Path of the domain.
  returned: success
  type: str
  sample: ROOT/customers/acme
parent_domain:
  description: Name of the parent domain.
  returned: success
  type: str
  sample: customers
network_domain:
  description: Network domain of the domain.
  returned: success and set
  type: str
  sample: customers.example.com
diff:
  description: The managed fields before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"state": "absent"}, "after": {"path": "ROOT/customers", "state": "present"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.domain import DOMAIN


def main():
    run_resource(DOMAIN)


if __name__ == "__main__":
    main()
