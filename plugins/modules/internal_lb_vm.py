#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: internal_lb_vm
short_description: Manages internal load balancer instances on Apache CloudStack based clouds
description:
  - Start and stop the C(InternalLbVm) system instance (V(b-N-VM)) which serves the internal load balancers of a VPC tier.
  - CloudStack deploys the instance itself once the first member is assigned to an internal load balancer rule
    (see the lb_internal_member module) and has no command to create or destroy one, so there is no O(state=present) or
    O(state=absent).
  - The instance is found in O(zone) by O(name), O(network) and/or O(vpc) (at least one of them), within the scope
    given (O(domain), O(account), O(project)). When more than one matches, the task fails and asks for O(name).
  - The start and stop commands are async jobs, awaited within O(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.internal_lb_vm) and returns the same keys.
  - C(listInternalLoadBalancerVMs) is a root admin command; for other accounts the instance is not found.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the internal load balancer instance (for example V(b-1234-VM)), or its UUID.
    type: str
  network:
    description:
      - Name or ID of the VPC tier the internal load balancer instance serves.
    type: str
  vpc:
    description:
      - Name or ID of the VPC the internal load balancer instance belongs to; it also scopes the O(network) lookup.
    type: str
  zone:
    description:
      - Name or ID of the zone the internal load balancer instance is in.
    type: str
    required: true
  domain:
    description:
      - Domain (path) the internal load balancer instance is related to.
    type: str
  account:
    description:
      - Account the internal load balancer instance is related to.
    type: str
  project:
    description:
      - Name or ID of the project the internal load balancer instance is related to.
    type: str
  state:
    description:
      - State of the internal load balancer instance.
    type: str
    default: started
    choices: [ started, stopped ]
  force:
    description:
      - Whether to force the stop (C(forced)); only with O(state=stopped).
    type: bool
    default: false
  poll_async:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack): async jobs are always awaited, within O(api_async_timeout)."
    type: bool
    default: true
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure the internal load balancer instance of a tier is running
  csops.cloudstack.internal_lb_vm:
    vpc: my-vpc
    network: web-tier
    zone: zone01
    state: started

- name: Ensure a specific internal load balancer instance is stopped
  csops.cloudstack.internal_lb_vm:
    name: b-1234-VM
    zone: zone01
    state: stopped

- name: Force stop the internal load balancer instance of a tier
  csops.cloudstack.internal_lb_vm:
    vpc: my-vpc
    network: web-tier
    zone: zone01
    state: stopped
    force: true
"""

RETURN = r"""
---
id:
  description: UUID of the internal load balancer instance.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
name:
  description: Name of the internal load balancer instance.
  returned: success
  type: str
  sample: b-1234-VM
state:
  description: State of the internal load balancer instance.
  returned: success
  type: str
  sample: Running
role:
  description: Role of the instance.
  returned: success
  type: str
  sample: INTERNAL_LB_VM
public_ip:
  description: Public IP of the internal load balancer instance.
  returned: when available
  type: str
  sample: 10.10.1.247
guest_ip_address:
  description: Guest IP of the internal load balancer instance (the address its load balancers listen on).
  returned: when available
  type: str
  sample: 10.10.1.247
network_id:
  description: UUID of the guest network the internal load balancer instance serves.
  returned: when available
  type: str
  sample: e83f0010-4e08-493f-acc8-f5205d83b30d
network:
  description: Name of the guest network the internal load balancer instance serves.
  returned: when available
  type: str
  sample: web-tier
vpc_id:
  description: UUID of the VPC the internal load balancer instance belongs to.
  returned: when available
  type: str
  sample: 87b1e0ce-4e01-11e4-bb66-0050569e64b8
vpc:
  description: Name of the VPC the internal load balancer instance belongs to.
  returned: when available
  type: str
  sample: my-vpc
service_offering:
  description: Name of the service offering of the internal load balancer instance.
  returned: when available
  type: str
  sample: System Offering For Internal LB VM
template_version:
  description: Version of the system VM template.
  returned: when available
  type: str
  sample: "4.18"
requires_upgrade:
  description: Whether the internal load balancer instance requires an upgrade.
  returned: when available
  type: bool
  sample: false
host:
  description: Hostname of the host the internal load balancer instance is running on.
  returned: when available
  type: str
  sample: host01
created:
  description: Date the internal load balancer instance was created.
  returned: when available
  type: str
  sample: 2026-02-08T11:26:24+0100
zone:
  description: Name of zone the internal load balancer instance is in.
  returned: success
  type: str
  sample: zone01
account:
  description: Account the internal load balancer instance is related to.
  returned: when available
  type: str
  sample: example-account
domain:
  description: Domain the internal load balancer instance is related to.
  returned: when available
  type: str
  sample: ROOT
project:
  description: Name of project the internal load balancer instance is related to.
  returned: when available
  type: str
  sample: Production
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.internal_lb_vm import INTERNAL_LB_VM, STATE_SPEC, InternalLbVmEngine


def main():
    run_resource(INTERNAL_LB_VM, argument_spec=STATE_SPEC, engine_class=InternalLbVmEngine,
                 required_one_of=[("name", "network", "vpc")])


if __name__ == "__main__":
    main()
