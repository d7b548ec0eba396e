#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: lb_rule
short_description: Manages load balancer rules on Apache CloudStack based clouds
description:
  - Create, update and remove public load balancer rules on a public IP address of an isolated network.
  - A rule is found on its public IP address by I(name) (and I(zone), I(domain), I(account), I(project)).
  - "The algorithm, the description and the protocol can change (C(updateLoadBalancerRule)); the ports, I(cidr) and
    I(network) cannot (the API has no such parameter): a difference is reported as a warning."
  - Members are managed with M(csops.cloudstack.lb_rule_member), policies with M(csops.cloudstack.lb_rule_stickiness_policy)
    and M(csops.cloudstack.lb_rule_healthcheck_policy).
  - The create, update and delete commands are async jobs, awaited within I(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.lb_rule) and returns the same keys; unlike it, I(open_firewall) is sent
    (C(ngine_io) never sends it, so CloudStack always opened the firewall for its rules).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the load balancer rule.
    type: str
    required: true
  description:
    description:
      - Description of the rule.
    type: str
  algorithm:
    description:
      - Load balancer algorithm.
    type: str
    default: source
    choices: [ source, roundrobin, leastconn ]
  private_port:
    description:
      - Private port of the instances the traffic is balanced to; required with I(state=present).
      - Cannot be changed once the rule exists.
    type: int
  public_port:
    description:
      - Public port the traffic is balanced from; required with I(state=present).
      - Cannot be changed once the rule exists.
    type: int
  ip_address:
    description:
      - Public IP address the rule is on.
    type: str
    required: true
    aliases: [ public_ip ]
  open_firewall:
    description:
      - Whether CloudStack opens the firewall for the public port (only used at creation).
    type: bool
    default: false
  cidr:
    description:
      - CIDRs allowed to reach the rule (comma separated); only used at creation.
    type: str
  protocol:
    description:
      - "Protocol of the load balancer: C(tcp), C(udp), C(tcp-proxy) (C(ssl) where the provider terminates SSL); default: C(tcp)."
    type: str
  zone:
    description:
      - Name or ID of the zone of the rule.
    type: str
  network:
    description:
      - Name or ID of the guest network of the rule (only used at creation; default the network of the IP address).
    type: str
  vpc:
    description:
      - Name or ID of the VPC of the network.
    type: str
  tags:
    description:
      - Resource tags, a list of dicts with C(key) and C(value).
      - An empty list removes every tag; not set leaves the tags alone.
    type: list
    elements: dict
    aliases: [ tag ]
  domain:
    description:
      - Domain (path, for example C(ROOT/customers), or ID) of the owner; with I(account).
    type: str
  account:
    description:
      - "Account owning the object (with I(domain)); default: the caller's account."
    type: str
  project:
    description:
      - Name or ID of the project owning the object.
    type: str
  poll_async:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack): async jobs are always awaited, within I(api_async_timeout)."
    type: bool
    default: true
  state:
    description:
      - State of the load balancer rule.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Balance HTTP of a public IP
  csops.cloudstack.lb_rule:
    name: balance_http
    public_ip: 1.2.3.4
    algorithm: leastconn
    public_port: 80
    private_port: 8080

- name: Change the algorithm
  csops.cloudstack.lb_rule:
    name: balance_http
    public_ip: 1.2.3.4
    algorithm: roundrobin
    public_port: 80
    private_port: 8080

- name: Remove the rule
  csops.cloudstack.lb_rule:
    name: balance_http
    public_ip: 1.2.3.4
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
  description: Resource tags, as {key, value} when the task sets O(tags) (as ngine_io.cloudstack), else as CloudStack lists them.
  returned: success
  type: list
  sample: []
state:
  description: State of the rule.
  returned: success
  type: str
  sample: Active
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.lb_rule import LB_RULE


def main():
    run_resource(LB_RULE)


if __name__ == "__main__":
    main()
