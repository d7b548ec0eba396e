#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: lb_rule_stickiness_policy
short_description: Manages the stickiness policy of a load balancer rule on Apache CloudStack based clouds
description:
  - Create and remove the stickiness policy of a load balancer rule (C(createLBStickinessPolicy), C(deleteLBStickinessPolicy)).
  - A rule has at most one stickiness policy; the policy is found by its rule (I(lb_rule), on I(ip_address) when given).
  - "CloudStack cannot change a policy: one whose I(name), I(method), I(params) or I(description) differ is replaced by a new one
    (C(createLBStickinessPolicy) replaces the rule's policy)."
  - The commands are async jobs, awaited within I(api_async_timeout).
  - C(ngine_io.cloudstack) has no such module.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  lb_rule:
    description:
      - Name of the load balancer rule the policy belongs to.
    type: str
    required: true
  ip_address:
    description:
      - Public IP address of the rule; only needed to find the rule if its name is not unique.
    type: str
    aliases: [ public_ip ]
  zone:
    description:
      - Name or ID of the zone of the rule.
    type: str
  domain:
    description:
      - Domain (path, for example C(ROOT/customers), or ID) of the owner of the rule; with I(account).
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
      - State of the policy.
    type: str
    default: present
    choices: [ present, absent ]
  name:
    description:
      - Name of the policy; required to create it.
    type: str
  method:
    description:
      - "Stickiness method (those of the virtual router: C(LbCookie), C(AppCookie), C(SourceBased)); required to create it."
    type: str
    choices: [ LbCookie, AppCookie, SourceBased ]
  params:
    description:
      - "Parameters of the method, name: value (for example C(cookie-name), C(mode), C(holdtime), C(tablesize), C(expire));
        a flag (C(nocache), C(indirect), C(postonly), C(request-learn), C(prefix)) may have no value: it is sent as C(true)."
    type: dict
  description:
    description:
      - Description of the policy.
    type: str
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Sticky sessions by an application cookie
  csops.cloudstack.lb_rule_stickiness_policy:
    lb_rule: balance_http
    name: app-sessions
    method: AppCookie
    params:
      cookie-name: JSESSIONID
      holdtime: 3h

- name: No stickiness
  csops.cloudstack.lb_rule_stickiness_policy:
    lb_rule: balance_http
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the policy.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
name:
  description: Name of the policy.
  returned: success
  type: str
  sample: app-sessions
method:
  description: Stickiness method.
  returned: success
  type: str
  sample: AppCookie
params:
  description: Parameters of the method.
  returned: success
  type: dict
  sample: {cookie-name: JSESSIONID}
description:
  description: Description of the policy.
  returned: success
  type: str
lb_rule:
  description: Name of the load balancer rule.
  returned: success
  type: str
  sample: balance_http
lb_rule_id:
  description: ID of the load balancer rule.
  returned: success
  type: str
state:
  description: State of the policy.
  returned: success
  type: str
  sample: Active
for_display:
  description: Whether the policy is shown to the end user.
  returned: success
  type: bool
  sample: true
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.lb_rule import PolicyEngine
from ..module_utils.resources.lb_rule_stickiness_policy import STICKINESS_POLICY


def main():
    run_resource(STICKINESS_POLICY, engine_class=PolicyEngine)


if __name__ == "__main__":
    main()
