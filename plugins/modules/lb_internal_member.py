#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: lb_internal_member
short_description: Manages internal load balancer members on Apache CloudStack based clouds
description:
  - Add instances to and remove them from an internal load balancer made by M(csops.cloudstack.lb_internal)
    (C(assignToLoadBalancerRule), C(removeFromLoadBalancerRule)); for public rules use M(csops.cloudstack.lb_rule_member).
  - The instances must be on the load balancer's I(network); they are named by name or ID. Instances not listed are left alone.
  - The first member makes CloudStack deploy the internal LB VM (see M(csops.cloudstack.internal_lb_vm)).
  - The commands are async jobs, awaited within I(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.lb_internal_member) (3.3.0) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the internal load balancer.
    type: str
    required: true
  network:
    description:
      - Name or ID of the VPC tier the internal load balancer balances traffic to.
    type: str
    required: true
  vpc:
    description:
      - Name or ID of the VPC of I(network).
    type: str
  zone:
    description:
      - Name or ID of the zone.
    type: str
    required: true
  domain:
    description:
      - Domain (path, for example C(ROOT/customers), or ID) of the owner; with I(account).
    type: str
  account:
    description:
      - "Account owning the load balancer (with I(domain)); default: the caller's account."
    type: str
  project:
    description:
      - Name or ID of the project owning the load balancer.
    type: str
  poll_async:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack): async jobs are always awaited, within I(api_async_timeout)."
    type: bool
    default: true
  vms:
    description:
      - Names (or IDs) of the instances to assign to or remove from the internal load balancer.
    type: list
    elements: str
    required: true
    aliases: [ vm ]
  state:
    description:
      - Whether the instances are members of the internal load balancer.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Members of an internal load balancer
  csops.cloudstack.lb_internal_member:
    name: web-ilb
    vpc: my-vpc
    network: web-tier
    zone: zone01
    vms:
      - web-01
      - web-02

- name: Take one out
  csops.cloudstack.lb_internal_member:
    name: web-ilb
    vpc: my-vpc
    network: web-tier
    zone: zone01
    vm: web-02
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the internal load balancer.
  returned: success
  type: str
  sample: a5396f25-945f-4968-854e-8400af7bee97
name:
  description: Name of the internal load balancer.
  returned: success
  type: str
  sample: web-ilb
algorithm:
  description: Load balancing algorithm.
  returned: success
  type: str
  sample: roundrobin
source_port:
  description: Source port the internal load balancer listens on.
  returned: success
  type: int
  sample: 80
instance_port:
  description: Port on the balanced instances traffic is forwarded to.
  returned: success
  type: int
  sample: 8080
source_ip:
  description: Source IP address of the internal load balancer.
  returned: success
  type: str
  sample: 10.10.1.247
source_ip_network_id:
  description: UUID of the network the source IP address is taken from.
  returned: success
  type: str
network_id:
  description: UUID of the network the internal load balancer balances traffic to.
  returned: success
  type: str
network:
  description: Name of the network the internal load balancer balances traffic to.
  returned: success
  type: str
  sample: web-tier
state:
  description: State of the internal load balancer rule.
  returned: success
  type: str
  sample: Active
zone:
  description: Name of the zone.
  returned: success
  type: str
  sample: zone01
project:
  description: Name of the project.
  returned: when available
  type: str
account:
  description: Account of the internal load balancer.
  returned: when available
  type: str
domain:
  description: Domain of the internal load balancer.
  returned: when available
  type: str
tags:
  description: Resource tags.
  returned: success
  type: list
  sample: []
vms:
  description: Names of the members (after the task; before it in check mode), sorted.
  returned: success
  type: list
  sample: [ web-01, web-02 ]
diff:
  description: The members before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.lb_internal_member import LB_INTERNAL_MEMBER, LbInternalMemberEngine


def main():
    run_resource(LB_INTERNAL_MEMBER, engine_class=LbInternalMemberEngine)


if __name__ == "__main__":
    main()
