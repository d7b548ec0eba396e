#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: autoscale_counter
short_description: Manages autoscale counters on Apache CloudStack based clouds
description:
  - Create and remove the performance counters that autoscale conditions (M(csops.cloudstack.autoscale_condition)) watch.
  - A fresh CloudStack 4.18 cloud has counters for each load balancer provider (for example C(VM CPU - average percentage) of
    C(VirtualRouter), C(VpcVirtualRouter) and C(None)); a counter is found by its I(name) and, when given, its I(provider).
  - Counters are global and have no update command; a different I(source) or I(value) is a warning. Creating and deleting counters
    needs a root admin; CloudStack refuses to delete a counter a condition uses.
  - C(ngine_io.cloudstack) has no such module; Terraform's CloudStack provider has the same fields.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the counter.
    type: str
    required: true
  id:
    description:
      - UUID of the counter (when several counters have the name).
    type: str
  provider:
    description:
      - Network provider of the counter, for example C(VirtualRouter), C(VpcVirtualRouter), C(Netscaler), C(None).
      - Required to create a counter; narrows the lookup otherwise.
    type: str
  source:
    description:
      - Source of the counter. Required to create a counter.
    type: str
    choices: [ cpu, memory, snmp, netscaler, virtualrouter ]
  value:
    description:
      - Value of the counter, for example the SNMP OID or the virtual router's metric name. Required to create a counter.
    type: str
  state:
    description:
      - State of the counter.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: A counter of the Netscaler's SNMP statistics
  csops.cloudstack.autoscale_counter:
    name: Linux User RAM - percentage
    provider: Netscaler
    source: snmp
    value: 1.3.6.1.4.1.2021.4.6.0

- name: Remove it
  csops.cloudstack.autoscale_counter:
    name: Linux User RAM - percentage
    provider: Netscaler
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the counter.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
name:
  description: Name of the counter.
  returned: success
  type: str
  sample: VM CPU - average percentage
provider:
  description: Network provider of the counter.
  returned: success
  type: str
  sample: VirtualRouter
source:
  description: Source of the counter.
  returned: success
  type: str
  sample: cpu
value:
  description: Value of the counter.
  returned: success
  type: str
  sample: vm.cpu.average.percentage
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.autoscale_counter import AUTOSCALE_COUNTER


def main():
    run_resource(AUTOSCALE_COUNTER)


if __name__ == "__main__":
    main()
