#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: user_data
short_description: Manages registered user data on Apache CloudStack based clouds
description:
  - Register and remove user data records (CloudStack 4.18 C(registerUserData), C(deleteUserData)), and link them to templates.
  - Same options and return values as C(ngine_io.cloudstack.user_data), so a task moves over by changing its FQCN.
  - CloudStack cannot update a record. When the content or the params of an existing record differ from the task's, the record is
    left unchanged and the task warns, as C(ngine_io.cloudstack.user_data) does; to change it, remove it and register it again.
  - The diff shows the content by its SHA-256, never the content itself.
  - An instance takes a record by name with the O(csops.cloudstack.instance#module:user_data_name) option of
    M(csops.cloudstack.instance).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the user data record.
    type: str
    required: true
  user_data:
    description:
      - User data content to register (plain text; sent base64 encoded).
      - Required with O(state=present).
      - Only considered on creation; a record that exists is not updated.
    type: str
    aliases: [ userdata ]
  params:
    description:
      - List of variables declared in the user data content (values come from an instance's
        O(csops.cloudstack.instance#module:user_data_details)).
      - Only considered on creation; a record that exists is not updated.
    type: list
    elements: str
  domain:
    description:
      - Domain the user data is related to.
    type: str
  account:
    description:
      - Account the user data is related to (with O(domain), default the V(ROOT) domain).
    type: str
  project:
    description:
      - Project the user data is related to.
    type: str
  templates:
    description:
      - Names (or ids) of templates to link this user data to (C(linkUserDataToTemplate)); an instance deployed from such a
        template gets the user data as O(user_data_policy) says.
      - Templates not listed are left alone. Not an option of C(ngine_io.cloudstack.user_data).
    type: list
    elements: str
  user_data_policy:
    description:
      - How an instance's own user data combines with the user data linked to its template (with O(templates));
        V(allowoverride) the instance's replaces it, V(append) is appended to it, V(denyoverride) is refused.
      - Default V(allowoverride), as CloudStack's.
    type: str
    choices: [ allowoverride, append, denyoverride ]
  state:
    description:
      - State of the user data record.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Register user data
  csops.cloudstack.user_data:
    name: cloud-init-basic
    user_data: |
      #cloud-config
      package_upgrade: true
      packages:
        - tmux

- name: Register user data with declared variables, linked to a template
  csops.cloudstack.user_data:
    name: bootstrap-template
    user_data: |
      #!/bin/sh
      echo ${hostname} >/etc/hostname
    params:
      - hostname
    templates:
      - Debian 12
    user_data_policy: append

- name: Deploy an instance with it
  csops.cloudstack.instance:
    name: web-01
    zone: zone01
    template: Debian 12
    service_offering: Small
    user_data_name: bootstrap-template
    user_data_details:
      hostname: web-01

- name: Remove registered user data
  csops.cloudstack.user_data:
    name: cloud-init-basic
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the user data record.
  returned: success
  type: str
  sample: 119aa0be-67bc-41d5-9e3f-3660c44f90f0
name:
  description: Name of the user data record.
  returned: success
  type: str
  sample: cloud-init-basic
account:
  description: Account that owns the user data record.
  returned: success
  type: str
  sample: admin
domain:
  description: Domain that owns the user data record.
  returned: success
  type: str
  sample: ROOT
project:
  description: Project that owns the user data record (CloudStack 4.18's reply names none).
  returned: when the reply has it
  type: str
  sample: sample-project
params:
  description: Declared variables of the registered user data.
  returned: success
  type: list
  elements: str
  sample: [ hostname ]
user_data:
  description: Decoded user data content.
  returned: success
  type: str
  sample: "#cloud-config\\npackage_upgrade: true\\n"
diff:
  description: The managed fields before and after (with C(--diff)); the content as its SHA-256.
  returned: changed and diff mode
  type: dict
  sample: {"before": {"state": "absent"}, "after": {"name": "x", "state": "present", "user_data": "sha256:..."}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.user_data import USER_DATA


def main():
    run_resource(USER_DATA, required_if=[("state", "present", ["user_data"])])


if __name__ == "__main__":
    main()
