#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: account
short_description: Manages accounts on Apache CloudStack based clouds
description:
  - Create, update, enable, disable, lock, unlock and remove accounts.
  - Same options and return values as C(ngine_io.cloudstack.account), so a task moves over by changing its FQCN.
  - The account is found by name within its domain (one filtered C(listAccounts) call).
  - The first user of the account is created with it (O(username), O(password), O(first_name), O(last_name), O(email), O(timezone)); these are used at
    creation only, the user module manages users afterwards.
  - O(network_domain) and O(role) are updated on an existing account.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the account.
      - With O(id), a different name renames the account.
    type: str
    required: true
  id:
    description:
      - UUID of an existing account.
    type: str
  domain:
    description:
      - Domain of the account (a path such as V(ROOT/customers)).
    type: str
    default: ROOT
  account_type:
    description:
      - Type of the account, used when it is created; V(user) if neither this nor O(role) is set.
      - A difference on an existing account is reported as a warning.
    type: str
    choices: [ user, root_admin, domain_admin ]
  role:
    description:
      - Role of the account (name or UUID); its type must match the account's.
    type: str
  network_domain:
    description:
      - Network domain of the account.
    type: str
  username:
    description:
      - User name of the first user; required to create the account.
    type: str
  password:
    description:
      - Password of the first user; required to create the account. Never shown in output or diff.
    type: str
  first_name:
    description:
      - First name of the first user; required to create the account.
    type: str
  last_name:
    description:
      - Last name of the first user; required to create the account.
    type: str
  email:
    description:
      - Email of the first user; required to create the account.
    type: str
  timezone:
    description:
      - Time zone of the first user.
    type: str
  ldap_domain:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack.account): setting it fails, accounts from LDAP are not supported."
    type: str
  ldap_type:
    description:
      - Accepted for compatibility with C(ngine_io.cloudstack.account) (only with O(ldap_domain)).
    type: str
    default: GROUP
    choices: [ GROUP, OU ]
  poll_async:
    description:
      - "Accepted for compatibility and ignored: the module always waits for async jobs, at most O(api_async_timeout) seconds."
    type: bool
    default: true
  state:
    description:
      - State of the account.
      - V(unlocked) is the same as V(enabled); a disabled account is enabled before it is locked (CloudStack locks enabled accounts only).
    type: str
    default: present
    choices: [ present, absent, enabled, disabled, locked, unlocked ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure an account with its first user
  csops.cloudstack.account:
    name: acme-ops
    domain: ROOT/customers/acme
    role: Domain Admin
    username: acme-admin
    password: "{{ vault_acme_password }}"
    first_name: Ada
    last_name: Lovelace
    email: ops@acme.example.com

- name: Lock an account
  csops.cloudstack.account:
    name: acme-ops
    domain: ROOT/customers/acme
    state: locked

- name: Remove an account and everything it owns
  csops.cloudstack.account:
    name: acme-ops
    domain: ROOT/customers/acme
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the account.
  returned: success
  type: str
  sample: "87b1e0ce-4e01-11e4-bb66-0050569e64b8"
name:
  description: Name of the account.
  returned: success
  type: str
  sample: "acme-ops"
account_type:
  description: Type of the account.
  returned: success
  type: str
  sample: "user"
state:
  description: State of the account.
  returned: success
  type: str
  sample: "enabled"
network_domain:
  description: Network domain of the account.
  returned: success and set
  type: str
  sample: "acme.example.com"
domain:
  description: Domain of the account.
  returned: success
  type: str
  sample: "acme"
role:
  description: Name of the role of the account.
  returned: success
  type: str
  sample: "Domain Admin"
diff:
  description: The managed fields before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"state": "absent"}, "after": {"name": "x", "state": "present"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.account import ACCOUNT


def main():
    run_resource(ACCOUNT)


if __name__ == "__main__":
    main()
