#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: instance_group
short_description: Manages instance groups on Apache CloudStack based clouds
description:
  - Create and remove instance groups.
  - "A group is found by name within its owner; CloudStack allows one group of a name per account. Removing a group leaves its instances without a group."
  - Takes the options of C(ngine_io.cloudstack.instance_group) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the instance group.
    type: str
    required: true
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
      - State of the instance group.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Create an instance group
  csops.cloudstack.instance_group:
    name: loadbalancers

- name: Remove an instance group
  csops.cloudstack.instance_group:
    name: loadbalancers
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the instance group.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
name:
  description: Name of the instance group.
  returned: success
  type: str
  sample: webservers
created:
  description: Date when the instance group was created.
  returned: success
  type: str
  sample: 2015-05-03T15:05:51+0200
domain:
  description: Domain the instance group is related to.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the instance group is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Project the instance group is related to.
  returned: success
  type: str
  sample: example project
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.instance_group import INSTANCE_GROUP


def main():
    run_resource(INSTANCE_GROUP)


if __name__ == "__main__":
    main()
