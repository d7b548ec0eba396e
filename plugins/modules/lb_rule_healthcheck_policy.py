#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: lb_rule_healthcheck_policy
short_description: Manages the health check policy of a load balancer rule on Apache CloudStack based clouds
description:
  - Create and remove the health check policy of a load balancer rule (C(createLBHealthCheckPolicy), C(deleteLBHealthCheckPolicy)).
  - A rule has at most one health check policy; the policy is found by its rule (I(lb_rule), on I(ip_address) when given).
  - "CloudStack cannot change a policy: one whose values differ is deleted and created again (a I(response_timeout) greater than
    I(interval) is refused first, the policy is left as it is)."
  - "Options not set take CloudStack's defaults at creation (ping path C(/), response timeout 2 s, interval 5 s,
    healthy threshold 2, unhealthy threshold 10) and are not compared."
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
  ping_path:
    description:
      - HTTP path of the health check.
    type: str
  description:
    description:
      - Description of the policy.
    type: str
  response_timeout:
    description:
      - Seconds to wait for the answer of a check (2 to 60); not more than I(interval).
    type: int
  interval:
    description:
      - Seconds between checks (1 to 20940).
    type: int
  healthy_threshold:
    description:
      - Consecutive successful checks before an instance counts as healthy.
    type: int
  unhealthy_threshold:
    description:
      - Consecutive failed checks before an instance counts as unhealthy.
    type: int
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Check the web servers
  csops.cloudstack.lb_rule_healthcheck_policy:
    lb_rule: balance_http
    ping_path: /health
    interval: 10
    unhealthy_threshold: 3

- name: No health check
  csops.cloudstack.lb_rule_healthcheck_policy:
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
ping_path:
  description: HTTP path of the health check.
  returned: success
  type: str
  sample: /health
description:
  description: Description of the policy.
  returned: success
  type: str
response_timeout:
  description: Response timeout in seconds.
  returned: success
  type: int
  sample: 2
interval:
  description: Seconds between checks.
  returned: success
  type: int
  sample: 5
healthy_threshold:
  description: Healthy threshold.
  returned: success
  type: int
  sample: 2
unhealthy_threshold:
  description: Unhealthy threshold.
  returned: success
  type: int
  sample: 10
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
from ..module_utils.resources.lb_rule_healthcheck_policy import HEALTHCHECK_POLICY


def main():
    run_resource(HEALTHCHECK_POLICY, engine_class=PolicyEngine)


if __name__ == "__main__":
    main()
