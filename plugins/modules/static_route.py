#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: static_route
short_description: Manages static routes of VPCs on Apache CloudStack based clouds
description:
  - Create and remove static routes of a VPC; a route sends a CIDR through a private gateway of the VPC
    (M(csops.cloudstack.vpc_private_gateway)).
  - A route is its CIDR on its gateway (there is no update command); another CIDR is another route.
  - CloudStack refuses a CIDR inside the VPC's CIDR or link local, or overlapping another route of the VPC.
  - C(ngine_io.cloudstack) has no such module; Terraform's C(cloudstack_static_route) has the same two things, I(cidr) and the gateway
    (here named by its IP address within I(vpc) rather than by its ID).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  cidr:
    description:
      - The destination network in CIDR notation, for example C(172.16.0.0/16).
    type: str
    required: true
  gateway:
    description:
      - IP address of the private gateway of I(vpc) the route goes through.
    type: str
    required: true
  vpc:
    description:
      - Name or ID of the VPC.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone of the VPC.
    type: str
    required: true
  domain:
    description:
      - Domain (path or ID) of the VPC's owner; with I(account).
    type: str
  account:
    description:
      - Account owning the VPC (with I(domain)).
    type: str
  project:
    description:
      - Name or ID of the project owning the VPC.
    type: str
  state:
    description:
      - State of the static route.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Route the office network through the VPC's private gateway
  csops.cloudstack.static_route:
    vpc: my-vpc
    zone: zone01
    gateway: 10.11.11.2
    cidr: 172.16.0.0/16

- name: Remove the route
  csops.cloudstack.static_route:
    vpc: my-vpc
    zone: zone01
    gateway: 10.11.11.2
    cidr: 172.16.0.0/16
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the static route.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
cidr:
  description: The destination network.
  returned: success
  type: str
  sample: 172.16.0.0/16
gateway:
  description: IP address of the private gateway.
  returned: success
  type: str
  sample: 10.11.11.2
gateway_id:
  description: UUID of the private gateway.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
vpc:
  description: Name of the VPC.
  returned: success
  type: str
  sample: my-vpc
vpc_id:
  description: UUID of the VPC.
  returned: success
  type: str
  sample: 87b1e0ce-4e01-11e4-bb66-0050569e64b8
state:
  description: State of the route.
  returned: success
  type: str
  sample: Active
zone:
  description: Name of the zone of the VPC.
  returned: success
  type: str
  sample: zone01
account:
  description: Account the route belongs to.
  returned: success
  type: str
  sample: example-account
domain:
  description: Domain the route belongs to.
  returned: success
  type: str
  sample: ROOT
project:
  description: Name of the project the route belongs to.
  returned: when available
  type: str
  sample: Production
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.static_route import STATIC_ROUTE


def main():
    run_resource(STATIC_ROUTE)


if __name__ == "__main__":
    main()
