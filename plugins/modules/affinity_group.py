#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: affinity_group
short_description: Manages affinity groups on Apache CloudStack based clouds
description:
  - Create and remove affinity groups (C(host anti-affinity), C(host affinity), ...).
  - "A group is found by name within its owner. CloudStack cannot change a group's type or description: a difference is reported as a warning."
  - createAffinityGroup and deleteAffinityGroup are async jobs, awaited within I(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.affinity_group) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the affinity group.
    type: str
    required: true
  affinity_type:
    description:
      - "Type of the affinity group, as C(listAffinityGroupTypes) names it: C(host anti-affinity), C(host affinity), ..."
      - "Default at creation: the first type the cloud offers. Only used at creation."
    type: str
  description:
    description:
      - Description of the affinity group (only used at creation).
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
  poll_async:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack): async jobs are always awaited, within I(api_async_timeout)."
    type: bool
    default: true
  state:
    description:
      - State of the affinity group.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a host anti-affinity group
  csops.cloudstack.affinity_group:
    name: haproxy
    affinity_type: host anti-affinity

- name: Ensure an affinity group is absent
  csops.cloudstack.affinity_group:
    name: haproxy
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the affinity group.
  returned: success
  type: str
  sample: 87b1e0ce-4e01-11e4-bb66-0050569e64b8
name:
  description: Name of the affinity group.
  returned: success
  type: str
  sample: app
description:
  description: Description of the affinity group.
  returned: success
  type: str
  sample: application affinity group
affinity_type:
  description: Type of the affinity group.
  returned: success
  type: str
  sample: host anti-affinity
vm_ids:
  description: IDs of the instances in the group.
  returned: success
  type: list
domain:
  description: Domain the affinity group is related to.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the affinity group is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Name of project the affinity group is related to.
  returned: success
  type: str
  sample: Production
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.affinity_group import AFFINITY_GROUP


def main():
    run_resource(AFFINITY_GROUP)


if __name__ == "__main__":
    main()
