#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: security_group_rule
short_description: Manages security group rules on Apache CloudStack based clouds
description:
  - Add and remove ingress and egress rules of security groups.
  - "A rule has no name: it is the rule of the group that matches I(type), I(protocol), the ports (or ICMP type, code) and I(cidr) or I(user_security_group)."
  - The authorize and revoke commands are async jobs, awaited within I(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.security_group_rule) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  security_group:
    description:
      - Name of the security group the rule is in.
    type: str
    required: true
  type:
    description:
      - Ingress or egress rule.
    type: str
    default: ingress
    choices: [ ingress, egress ]
  protocol:
    description:
      - Protocol of the rule.
    type: str
    default: tcp
    choices: [ tcp, udp, icmp, ah, esp, gre ]
  start_port:
    description:
      - Start port of the rule (I(protocol) C(tcp) or C(udp), for which it is required).
    type: int
    aliases: [ port ]
  end_port:
    description:
      - "End port of the rule; default: I(start_port)."
    type: int
  icmp_type:
    description:
      - ICMP type of the rule (I(protocol=icmp)); default C(-1), every type.
      - Required together with I(icmp_code); mutually exclusive with I(start_port) and I(end_port).
    type: int
  icmp_code:
    description:
      - ICMP code of the rule (I(protocol=icmp)); default C(-1), every code.
    type: int
  cidr:
    description:
      - CIDR of the rule (ignored when I(user_security_group) is set).
    type: str
    default: 0.0.0.0/0
  user_security_group:
    description:
      - Name of the security group whose members the rule applies to (instead of I(cidr)).
    type: str
  project:
    description:
      - Name or ID of the project of the security group.
    type: str
  poll_async:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack): async jobs are always awaited, within I(api_async_timeout)."
    type: bool
    default: true
  state:
    description:
      - State of the security group rule.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Allow inbound port 80/tcp from 1.2.3.4
  csops.cloudstack.security_group_rule:
    security_group: default
    port: 80
    cidr: 1.2.3.4/32

- name: Allow tcp/udp outbound added to security group 'default'
  csops.cloudstack.security_group_rule:
    security_group: default
    type: egress
    start_port: 1
    end_port: 65535
    protocol: "{{ item }}"
  loop: [tcp, udp]

- name: Allow inbound ICMP echo requests from the members of the group 'web'
  csops.cloudstack.security_group_rule:
    security_group: default
    protocol: icmp
    icmp_type: 8
    icmp_code: 0
    user_security_group: web

- name: Remove the inbound port 80/tcp rule
  csops.cloudstack.security_group_rule:
    security_group: default
    port: 80
    cidr: 1.2.3.4/32
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the rule.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
security_group:
  description: Name of the security group.
  returned: success
  type: str
  sample: default
type:
  description: Type of the rule.
  returned: success
  type: str
  sample: ingress
cidr:
  description: CIDR of the rule.
  returned: success
  type: str
  sample: 0.0.0.0/0
user_security_group:
  description: Name of the user security group of the rule.
  returned: success
  type: str
  sample: default
start_port:
  description: Start port of the rule.
  returned: success
  type: int
  sample: 80
end_port:
  description: End port of the rule.
  returned: success
  type: int
  sample: 80
protocol:
  description: Protocol of the rule.
  returned: success
  type: str
  sample: tcp
icmp_type:
  description: ICMP type of the rule.
  returned: success
  type: int
icmp_code:
  description: ICMP code of the rule.
  returned: success
  type: int
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.security_group_rule import MODULE_RULES, SECURITY_GROUP_RULE, RuleEngine, choose


def main():
    run_resource(SECURITY_GROUP_RULE, engine_class=RuleEngine, choose=choose, **MODULE_RULES)


if __name__ == "__main__":
    main()
