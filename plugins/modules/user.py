#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: user
short_description: Manages users on Apache CloudStack based clouds
description:
  - Create, update, enable, disable, lock, unlock and remove users, and register their API keys.
  - Same options and return values as C(ngine_io.cloudstack.user), so a task moves over by changing its FQCN.
  - The user is found by user name within its domain (one filtered C(listUsers) call).
  - O(first_name), O(last_name), O(email) and O(timezone) are updated on an existing user; O(password) is set when the user is created.
  - With O(keys_registered) the user gets API keys once (C(registerUserKeys)); the result returns them as RV(user_api_key) and RV(user_api_secret),
    the diff never shows them.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  username:
    description:
      - User name of the user.
    type: str
    required: true
  id:
    description:
      - UUID of an existing user.
    type: str
  account:
    description:
      - Account of the user; required to create the user.
    type: str
  domain:
    description:
      - Domain of the user (a path such as V(ROOT/customers)).
    type: str
    default: ROOT
  first_name:
    description:
      - First name of the user; required to create the user.
    type: str
  last_name:
    description:
      - Last name of the user; required to create the user.
    type: str
  email:
    description:
      - Email of the user; required to create the user.
    type: str
  timezone:
    description:
      - Time zone of the user.
    type: str
  password:
    description:
      - Password of the user, set when the user is created; required then. Never shown in output or diff.
    type: str
  keys_registered:
    description:
      - "Whether the user has API keys: V(true) registers keys if the user has none and returns them."
    type: bool
    default: false
  poll_async:
    description:
      - "Accepted for compatibility and ignored: the module always waits for async jobs, at most O(api_async_timeout) seconds."
    type: bool
    default: true
  state:
    description:
      - State of the user.
      - V(unlocked) is the same as V(enabled); a disabled user is enabled before it is locked (CloudStack locks enabled users only).
    type: str
    default: present
    choices: [ present, absent, enabled, disabled, locked, unlocked ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a user with API keys
  csops.cloudstack.user:
    username: deploy-bot
    account: acme-ops
    domain: ROOT/customers/acme
    password: "{{ vault_bot_password }}"
    first_name: Deploy
    last_name: Bot
    email: bot@acme.example.com
    keys_registered: true
  register: bot
  no_log: true

- name: Disable a user
  csops.cloudstack.user:
    username: deploy-bot
    domain: ROOT/customers/acme
    state: disabled
"""

RETURN = r"""
---
id:
  description: UUID of the user.
  returned: success
  type: str
  sample: "87b1e0ce-4e01-11e4-bb66-0050569e64b8"
username:
  description: User name of the user.
  returned: success
  type: str
  sample: "deploy-bot"
first_name:
  description: First name of the user (ngine_io's documentation spells it fist_name; the key is first_name there too).
  returned: success
  type: str
  sample: "Deploy"
last_name:
  description: Last name of the user.
  returned: success
  type: str
  sample: "Bot"
email:
  description: Email of the user.
  returned: success
  type: str
  sample: "bot@acme.example.com"
timezone:
  description: Time zone of the user.
  returned: success and set
  type: str
  sample: "Europe/Zurich"
account:
  description: Account of the user.
  returned: success
  type: str
  sample: "acme-ops"
account_type:
  description: Type of the account of the user.
  returned: success
  type: str
  sample: "user"
domain:
  description: Domain of the user.
  returned: success
  type: str
  sample: "acme"
state:
  description: State of the user.
  returned: success
  type: str
  sample: "enabled"
created:
  description: When the user was created.
  returned: success
  type: str
  sample: "2026-11-21T05:39:23+0000"
user_api_key:
  description: API key of the user.
  returned: success, when the user has API keys
  type: str
  sample: "JLhcg8VWi8DoFqL2sSLZMXmGojcLnFrOBTipvBHJjySODcV4mCOo29W2duzPexoQ"
user_api_secret:
  description: API secret of the user.
  returned: success and O(keys_registered=true)
  type: str
  sample: "FUELo3LB9fa1UopjTLPdqLv_6OXQMJZv9g9N4B_Ao3HFz8d6IGFCV9MbPFNM8mwz00wbMevja1DoUNDvI8C9-g"
diff:
  description: The managed fields before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"state": "absent"}, "after": {"name": "x", "state": "present"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.user import USER


def main():
    run_resource(USER)


if __name__ == "__main__":
    main()
