#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: lb_internal
short_description: Manages internal load balancers on Apache CloudStack based clouds
description:
  - Create and remove internal (application) load balancers on a VPC tier (C(createLoadBalancer) with scheme C(Internal),
    C(deleteLoadBalancer)); public load balancer rules are managed with M(csops.cloudstack.lb_rule).
  - An internal load balancer is found by I(name) on its I(network).
  - "Only I(for_display) can change (C(updateLoadBalancer)): when another option differs the task fails and names the options,
    unless I(force=true), which deletes and creates the load balancer again (its members are lost, and a new source IP is taken
    unless I(source_ip) is set)."
  - "I(description) is sent at creation only: CloudStack does not return it. CloudStack returns C(fordisplay) to admins only:
    for others a wanted I(for_display) cannot be checked (a warning, no change)."
  - The network offering of the tier must have the Lb service with the C(InternalLbVm) provider; CloudStack deploys the
    internal LB VM when the first member is assigned (M(csops.cloudstack.lb_internal_member)).
  - The commands are async jobs, awaited within I(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.lb_internal) (3.3.0) and returns the same keys.
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
  source_port:
    description:
      - Source port the internal load balancer listens on; required with I(state=present). Cannot change.
    type: int
  instance_port:
    description:
      - Port on the balanced instances traffic is forwarded to; required with I(state=present). Cannot change.
    type: int
  algorithm:
    description:
      - Load balancing algorithm. Cannot change.
    type: str
    default: source
    choices: [ source, roundrobin, leastconn ]
  source_ip:
    description:
      - "Source IP address; default: a free address of I(source_ip_network). Cannot change."
    type: str
  source_ip_network:
    description:
      - "Name or ID of the network the source IP address is taken from; default: I(network). Cannot change."
    type: str
  description:
    description:
      - Description (sent at creation only).
    type: str
  for_display:
    description:
      - Whether the internal load balancer is shown to the end user.
    type: bool
  force:
    description:
      - Delete and create the load balancer again when an option that cannot change differs (only with I(state=present)).
    type: bool
    default: false
  state:
    description:
      - State of the internal load balancer.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: An internal load balancer on a VPC tier
  csops.cloudstack.lb_internal:
    name: web-ilb
    vpc: my-vpc
    network: web-tier
    zone: zone01
    source_port: 80
    instance_port: 8080
    algorithm: roundrobin

- name: Remove it
  csops.cloudstack.lb_internal:
    name: web-ilb
    vpc: my-vpc
    network: web-tier
    zone: zone01
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
for_display:
  description: Whether the internal load balancer is shown to the end user.
  returned: when running as an admin account
  type: bool
  sample: true
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.lb_internal import LB_INTERNAL, LbInternalEngine


def main():
    run_resource(LB_INTERNAL, engine_class=LbInternalEngine, required_if=[("state", "present", ["source_port", "instance_port"])])


if __name__ == "__main__":
    main()
