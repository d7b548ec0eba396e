#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


DOCUMENTATION = r"""
---
module: instance_password_reset
short_description: Resets the password of an instance on Apache CloudStack based clouds
description:
  - Resets the default user's password of an instance (C(resetPasswordForVirtualMachine), an async job, always awaited) and returns it.
  - Every run resets the password (a change), in check mode nothing is reset.
  - CloudStack resets the password of a stopped instance only, and only when its template is password enabled
    (cloud-init or the password script in the instance); both are checked first, in check mode too.
  - The new password is returned under C(password) only (register it, keep it out of logs with C(no_log)).
  - Takes the options of C(ngine_io.cloudstack.instance_password_reset) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  vm:
    description:
      - Name or ID of the instance.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone of the instance.
    type: str
    required: true
  domain:
    description:
      - Domain (path, for example C(ROOT/customers), or ID) of the instance's owner; with I(account).
    type: str
  account:
    description:
      - Account owning the instance (with I(domain)).
    type: str
  project:
    description:
      - Name or ID of the project of the instance.
    type: str
  poll_async:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack): async jobs are always awaited, within I(api_async_timeout)."
    type: bool
    default: true
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Stop the instance first
  csops.cloudstack.instance:
    name: web-01
    zone: zone01
    state: stopped

- name: Reset its password
  csops.cloudstack.instance_password_reset:
    vm: web-01
    zone: zone01
  register: reset
  no_log: true

- name: Start it again to take the new password
  csops.cloudstack.instance:
    name: web-01
    zone: zone01
    state: started
  when: reset is changed
"""

RETURN = r"""
---
id:
  description: ID of the instance.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
password:
  description: The new password (a secret).
  returned: success, not in check mode
  type: str
  sample: ahQu5nuNge3keesh
diff:
  description: That the password is reset (never the password).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.instance_password_reset import INSTANCE_PASSWORD_RESET, PasswordResetEngine


def main():
    run_resource(INSTANCE_PASSWORD_RESET, engine_class=PasswordResetEngine)


if __name__ == "__main__":
    main()
