#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: network_acl
short_description: Manages network access control lists (ACL) of VPCs on Apache CloudStack based clouds
description:
  - Create, update and remove network ACL lists of a VPC; their rules are managed with M(csops.cloudstack.network_acl_rule).
  - A list is found by I(name) in its I(vpc). CloudStack's default lists C(default_allow) and C(default_deny) belong to
    no VPC but are found in every one; they cannot be removed.
  - I(description) is updated with C(updateNetworkACLList) (C(ngine_io.cloudstack.network_acl) sets it at creation only).
  - A list that a VPC tier or a private gateway uses cannot be removed (CloudStack refuses it).
  - C(createNetworkACLList), C(updateNetworkACLList) and C(deleteNetworkACLList) are async jobs, awaited within I(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.network_acl) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the network ACL list.
    type: str
    required: true
  description:
    description:
      - "Description of the network ACL list; default at creation: I(name)."
    type: str
  vpc:
    description:
      - Name or ID of the VPC the list belongs to.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone of the VPC.
    type: str
    required: true
  domain:
    description:
      - Domain (path, for example C(ROOT/customers), or ID) of the VPC's owner; with I(account).
    type: str
  account:
    description:
      - Account owning the VPC (with I(domain)).
    type: str
  project:
    description:
      - Name or ID of the project owning the VPC.
    type: str
  poll_async:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack): async jobs are always awaited, within I(api_async_timeout)."
    type: bool
    default: true
  state:
    description:
      - State of the network ACL list.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: A network ACL list for the web tier
  csops.cloudstack.network_acl:
    name: web
    description: rules of the web tier
    vpc: customers
    zone: zone01

- name: Remove it (no tier may use it)
  csops.cloudstack.network_acl:
    name: web
    vpc: customers
    zone: zone01
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the network ACL list.
  returned: success
  type: str
  sample: a31e11a0-57fe-41df-be7a-34d359673061
name:
  description: Name of the network ACL list.
  returned: success
  type: str
  sample: customer acl
description:
  description: Description of the network ACL list.
  returned: success
  type: str
  sample: Example description of a network ACL
vpc:
  description: VPC of the network ACL list.
  returned: success
  type: str
  sample: customer vpc
vpc_id:
  description: UUID of the VPC (not returned for the default lists, which belong to no VPC).
  returned: success
  type: str
  sample: 40419d33-6d48-4c54-ae2e-5c312b401593
for_display:
  description: Whether the list is shown to end users.
  returned: success
  type: bool
  sample: true
zone:
  description: Zone the VPC is in.
  returned: success
  type: str
  sample: ch-gva-2
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.network_acl import NETWORK_ACL


def main():
    run_resource(NETWORK_ACL)


if __name__ == "__main__":
    main()
