#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: network_acl_rule
short_description: Manages network access control list (ACL) rules on Apache CloudStack based clouds
description:
  - Add, update and remove the rules of a network ACL list of a VPC.
  - A rule is the rule at I(rule_position) (CloudStack's rule number, unique in its list; rules are applied in the order of
    their numbers). Any other option that differs updates the rule in place with C(updateNetworkACLItem), sent with the
    whole rule (CloudStack clears what an update omits).
  - The rules of CloudStack's default lists C(default_allow) and C(default_deny) cannot be changed.
  - C(createNetworkACL), C(updateNetworkACLItem) and C(deleteNetworkACL) are async jobs, awaited within I(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.network_acl_rule) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  network_acl:
    description:
      - Name or ID of the network ACL list.
    type: str
    required: true
    aliases: [ acl ]
  rule_position:
    description:
      - Position (number) of the rule in its list.
    type: int
    required: true
    aliases: [ number ]
  vpc:
    description:
      - Name or ID of the VPC of the list.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone of the VPC.
    type: str
    required: true
  cidrs:
    description:
      - CIDRs of the rule.
    type: list
    elements: str
    default: [ 0.0.0.0/0 ]
    aliases: [ cidr ]
  protocol:
    description:
      - Protocol of the rule; C(by_number) with I(protocol_number).
    type: str
    default: tcp
    choices: [ tcp, udp, icmp, all, by_number ]
  protocol_number:
    description:
      - Protocol number (0 to 255), required with I(protocol=by_number).
    type: int
  start_port:
    description:
      - Start port of the rule, required with I(protocol) C(tcp) or C(udp).
    type: int
    aliases: [ port ]
  end_port:
    description:
      - "End port of the rule; default: I(start_port)."
    type: int
  icmp_type:
    description:
      - ICMP type of the rule, required with I(protocol=icmp) (C(-1) is every type).
    type: int
  icmp_code:
    description:
      - ICMP code of the rule, required with I(protocol=icmp) (C(-1) is every code).
    type: int
  traffic_type:
    description:
      - Traffic type of the rule.
    type: str
    default: ingress
    choices: [ ingress, egress ]
    aliases: [ type ]
  action_policy:
    description:
      - Action of the rule.
    type: str
    default: allow
    choices: [ allow, deny ]
    aliases: [ action ]
  tags:
    description:
      - Resource tags, a list of dicts with C(key) and C(value).
      - An empty list removes every tag; not set leaves the tags alone.
    type: list
    elements: dict
    aliases: [ tag ]
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
      - State of the network ACL rule.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Allow HTTP in, as the first rule of the web list
  csops.cloudstack.network_acl_rule:
    network_acl: web
    rule_position: 1
    vpc: customers
    zone: zone01
    port: 80

- name: Deny ports 8000-9000 from two networks
  csops.cloudstack.network_acl_rule:
    network_acl: web
    rule_position: 2
    vpc: customers
    zone: zone01
    action_policy: deny
    start_port: 8000
    end_port: 9000
    cidrs: [10.20.0.0/16, 10.22.0.0/16]

- name: GRE by its protocol number, outbound
  csops.cloudstack.network_acl_rule:
    network_acl: web
    rule_position: 3
    vpc: customers
    zone: zone01
    protocol: by_number
    protocol_number: 47
    traffic_type: egress

- name: Remove the second rule
  csops.cloudstack.network_acl_rule:
    network_acl: web
    rule_position: 2
    vpc: customers
    zone: zone01
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the rule.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
network_acl:
  description: Name of the network ACL list.
  returned: success
  type: str
  sample: customer acl
network_acl_id:
  description: UUID of the network ACL list.
  returned: success
  type: str
  sample: a31e11a0-57fe-41df-be7a-34d359673061
cidr:
  description: CIDRs of the rule, comma separated.
  returned: success
  type: str
  sample: 0.0.0.0/0
cidrs:
  description: CIDRs of the rule.
  returned: success
  type: list
  sample: [ 0.0.0.0/0 ]
rule_position:
  description: Position of the rule.
  returned: success
  type: int
  sample: 1
action_policy:
  description: Action of the rule.
  returned: success
  type: str
  sample: deny
traffic_type:
  description: Traffic type of the rule.
  returned: success
  type: str
  sample: ingress
protocol:
  description: Protocol of the rule (C(by_number) for a protocol given by its number).
  returned: success
  type: str
  sample: tcp
protocol_number:
  description: Protocol number of a rule with I(protocol=by_number).
  returned: when protocol is by_number
  type: int
  sample: 47
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
icmp_code:
  description: ICMP code of the rule.
  returned: success
  type: int
  sample: 8
icmp_type:
  description: ICMP type of the rule.
  returned: success
  type: int
  sample: 0
reason:
  description: Why the rule exists, as CloudStack keeps it.
  returned: when set
  type: str
  sample: web traffic
state:
  description: State of the rule.
  returned: success
  type: str
  sample: Active
vpc:
  description: VPC of the network ACL list.
  returned: success
  type: str
  sample: customer vpc
tags:
  description: Resource tags of the rule.
  returned: success
  type: list
  sample: '[ { "key": "foo", "value": "bar" } ]'
zone:
  description: Zone the VPC is in.
  returned: success
  type: str
  sample: ch-gva-2
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.network_acl import NETWORK_ACL_RULE


def main():
    run_resource(NETWORK_ACL_RULE, mutually_exclusive=[["icmp_type", "start_port"], ["icmp_type", "end_port"]])


if __name__ == "__main__":
    main()
