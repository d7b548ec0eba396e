#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: vpn_user
short_description: Manages VPN users on Apache CloudStack based clouds
description:
  - Add and remove users of the remote access VPNs of an account (or project).
  - A user is found by its username within the owner.
  - Passwords are only used when the user is added and are not updated afterwards (CloudStack cannot change them).
  - "CloudStack applies a new user to the account's remote access VPNs: without one the addVpnUser job fails
    (C(Failed to add vpn user)) and the user waits in state C(Add) until a remote access VPN of the account is created
    (M(csops.cloudstack.vpn_remote_access)); create the VPN first."
  - addVpnUser and removeVpnUser are async jobs, awaited within I(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.vpn_user) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  username:
    description:
      - Username of the VPN user (3 to 64 characters of letters, digits and C(@._-), beginning with a letter or digit).
    type: str
    required: true
  password:
    description:
      - Password of the VPN user (3 to 32 characters of letters, digits and C(@+=._-)).
      - Required on I(state=present).
      - Only considered on creation and will not be updated if the VPN user already exists.
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
      - State of the VPN user.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a VPN user is present for an account
  csops.cloudstack.vpn_user:
    username: johndoe
    password: "{{ vault_vpn_password }}"
    account: developers
    domain: ROOT

- name: Ensure a VPN user is absent for an account
  csops.cloudstack.vpn_user:
    username: johndoe
    account: developers
    domain: ROOT
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the VPN user.
  returned: success
  type: str
  sample: 87b1e0ce-4e01-11e4-bb66-0050569e64b8
username:
  description: Username of the VPN user.
  returned: success
  type: str
  sample: johndoe
state:
  description: State of the VPN user (C(Add) until a remote access VPN applies it, then C(Active)).
  returned: success
  type: str
  sample: Active
domain:
  description: Domain the VPN user is related to.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the VPN user is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Name of project the VPN user is related to.
  returned: success
  type: str
  sample: Production
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.vpn_user import VPN_USER


def main():
    run_resource(VPN_USER)


if __name__ == "__main__":
    main()
