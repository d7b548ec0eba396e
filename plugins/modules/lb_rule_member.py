#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: lb_rule_member
short_description: Manages load balancer rule members on Apache CloudStack based clouds
description:
  - Add instances to and remove them from a load balancer rule (C(assignToLoadBalancerRule), C(removeFromLoadBalancerRule)).
  - The rule is found by I(name), on I(ip_address) when given (needed when the name is not unique).
  - Instances not listed in I(vms) are left alone.
  - The commands are async jobs, awaited within I(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.lb_rule_member) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the load balancer rule.
    type: str
    required: true
  ip_address:
    description:
      - Public IP address of the rule; only needed to find the rule if I(name) is not unique.
    type: str
    aliases: [ public_ip ]
  vms:
    description:
      - Names (or IDs) of the instances to assign to or remove from the rule.
    type: list
    elements: str
    required: true
    aliases: [ vm ]
  zone:
    description:
      - Name or ID of the zone of the rule.
    type: str
  domain:
    description:
      - Domain (path, for example C(ROOT/customers), or ID) of the owner; with I(account).
    type: str
  account:
    description:
      - "Account owning the rule (with I(domain)); default: the caller's account."
    type: str
  project:
    description:
      - Name or ID of the project owning the rule.
    type: str
  poll_async:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack): async jobs are always awaited, within I(api_async_timeout)."
    type: bool
    default: true
  state:
    description:
      - Whether the instances are members of the rule.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Add instances to a load balancer rule
  csops.cloudstack.lb_rule_member:
    name: balance_http
    vms:
      - web01
      - web02

- name: Take an instance out of the rule
  csops.cloudstack.lb_rule_member:
    name: balance_http
    vm: web01
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the rule.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
name:
  description: Name of the rule.
  returned: success
  type: str
  sample: http-lb
description:
  description: Description of the rule.
  returned: success
  type: str
  sample: http load balancer rule
algorithm:
  description: Load balancer algorithm.
  returned: success
  type: str
  sample: source
cidr:
  description: CIDRs allowed to reach the rule.
  returned: success
  type: str
  sample: 0.0.0.0/0
protocol:
  description: Protocol of the rule.
  returned: success
  type: str
  sample: tcp
public_port:
  description: Public port.
  returned: success
  type: int
  sample: 80
private_port:
  description: Private port.
  returned: success
  type: int
  sample: 80
public_ip:
  description: Public IP address.
  returned: success
  type: str
  sample: 1.2.3.4
network_id:
  description: ID of the guest network of the rule.
  returned: success
  type: str
vms:
  description: Names of the rule's members (after the task; before it in check mode).
  returned: success
  type: list
  sample: [ web01, web02 ]
zone:
  description: Name of the zone.
  returned: success
  type: str
  sample: ch-gva-2
project:
  description: Name of the project.
  returned: success
  type: str
  sample: Production
account:
  description: Account of the rule.
  returned: success
  type: str
  sample: example account
domain:
  description: Domain of the rule.
  returned: success
  type: str
  sample: example domain
tags:
  description: Resource tags of the rule.
  returned: success
  type: list
  sample: []
state:
  description: State of the rule.
  returned: success
  type: str
  sample: Active
diff:
  description: The members before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.lb_rule_member import LB_RULE_MEMBER, LbRuleMemberEngine


def main():
    run_resource(LB_RULE_MEMBER, engine_class=LbRuleMemberEngine)


if __name__ == "__main__":
    main()
