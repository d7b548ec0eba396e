#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: firewall
short_description: Manages firewall rules on Apache CloudStack based clouds
description:
  - Create and remove ingress firewall rules on a public IP address and egress firewall rules on a network.
  - "A rule has no name: it is the rule that matches I(protocol), the ports (or ICMP type and code), I(cidrs) and I(dest_cidrs)."
  - "CloudStack cannot change a rule: another value is another rule."
  - C(createFirewallRule), C(createEgressFirewallRule) and their deletes are async jobs, awaited within I(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.firewall) and returns the same keys; I(dest_cidrs) is added here (ngine_io#76).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  ip_address:
    description:
      - Public IP address of an ingress rule (I(type=ingress)). One of I(ip_address) and I(network) is required; they are mutually exclusive.
    type: str
  network:
    description:
      - Name or ID of the network of an egress rule (I(type=egress)).
    type: str
  zone:
    description:
      - Name or ID of the zone of the IP address or network.
    type: str
    required: true
  type:
    description:
      - Type of the firewall rule.
    type: str
    default: ingress
    choices: [ ingress, egress ]
  protocol:
    description:
      - Protocol of the rule (C(all) for every protocol).
    type: str
    default: tcp
    choices: [ tcp, udp, icmp, all ]
  start_port:
    description:
      - Start port of the rule (I(protocol) C(tcp) or C(udp)).
    type: int
    aliases: [ port ]
  end_port:
    description:
      - "End port of the rule; default: I(start_port)."
    type: int
  icmp_type:
    description:
      - ICMP type of the rule; required with I(protocol=icmp) (C(-1) is every type), together with I(icmp_code).
      - Mutually exclusive with I(start_port) and I(end_port).
    type: int
  icmp_code:
    description:
      - ICMP code of the rule (I(protocol=icmp)), together with I(icmp_type); C(-1) is every code.
    type: int
  cidrs:
    description:
      - Source CIDRs of the rule.
    type: list
    elements: str
    default: ['0.0.0.0/0']
    aliases: [ cidr ]
  dest_cidrs:
    description:
      - Destination CIDRs of an egress rule (I(type=egress)); default none (any destination).
      - Rules with the same source and ports but other destinations are different rules.
    type: list
    elements: str
    aliases: [ dest_cidr ]
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
      - State of the firewall rule.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Allow inbound HTTPS on a public IP address
  csops.cloudstack.firewall:
    ip_address: 4.3.2.1
    zone: zone01
    port: 443
    cidrs: [0.0.0.0/0]

- name: Allow inbound ICMP echo requests
  csops.cloudstack.firewall:
    ip_address: 4.3.2.1
    zone: zone01
    protocol: icmp
    icmp_type: 8
    icmp_code: 0

- name: Allow outbound DNS to two resolvers only
  csops.cloudstack.firewall:
    network: app-net
    zone: zone01
    type: egress
    protocol: udp
    port: 53
    cidrs: [10.1.1.0/24]
    dest_cidrs: [9.9.9.9/32, 1.1.1.1/32]

- name: Ensure the HTTPS rule is absent
  csops.cloudstack.firewall:
    ip_address: 4.3.2.1
    zone: zone01
    port: 443
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the rule.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
ip_address:
  description: IP address of the rule if C(type=ingress).
  returned: success
  type: str
  sample: 10.100.212.10
type:
  description: Type of the rule.
  returned: success
  type: str
  sample: ingress
cidr:
  description: CIDR string of the rule (comma separated).
  returned: success
  type: str
  sample: 0.0.0.0/0
cidrs:
  description: CIDR list of the rule.
  returned: success
  type: list
  sample: [0.0.0.0/0]
dest_cidrs:
  description: Destination CIDR list of an egress rule.
  returned: success
  type: list
  sample: [9.9.9.9/32]
protocol:
  description: Protocol of the rule.
  returned: success
  type: str
  sample: tcp
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
  sample: 1
icmp_type:
  description: ICMP type of the rule.
  returned: success
  type: int
  sample: 1
network:
  description: Name of the network if C(type=egress).
  returned: success
  type: str
  sample: my_network
network_id:
  description: ID of the network of the rule.
  returned: success
  type: str
tags:
  description: Resource tags, as {key, value} when the task sets O(tags) (as ngine_io.cloudstack), else as CloudStack lists them.
  returned: success
  type: list
  sample: []
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.firewall import FIREWALL, choose


def main():
    run_resource(FIREWALL, choose=choose, required_one_of=[["ip_address", "network"]], required_together=[["icmp_type", "icmp_code"]],
                 mutually_exclusive=[["icmp_type", "start_port"], ["icmp_type", "end_port"], ["ip_address", "network"]],
                 required_if=[("type", "ingress", ["ip_address"]), ("type", "egress", ["network"])])


if __name__ == "__main__":
    main()
