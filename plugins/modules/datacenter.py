#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: datacenter
short_description: Converges a whole CloudStack data center from one description, as one plan
description:
  - Zones, physical networks, traffic types, network service providers, pods, public IP ranges, clusters, hosts, primary and
    secondary storage and global settings, described in the format of Marvin's deployDataCenter JSON config (for example
    Apache CloudStack's C(setup/dev/advanced.cfg)), given as it is (a dict; read the JSON or YAML with a lookup).
  - Each resource type is listed once (paged, limited to the zone described when there is one); every element is compared
    with the declarations of the single modules (M(csops.cloudstack.zone), M(csops.cloudstack.pod), M(csops.cloudstack.host), ...),
    so an element converges exactly as its module would converge it.
  - The levels apply in dependency order (O(levels)), the elements of a level side by side (O(max_concurrent)); elements with
    C(state=absent) are removed in the reverse order (hosts and primary storage go into maintenance first).
  - Check mode shows the whole plan - elements under a parent still to be created are reported as created - and C(--diff) shows
    each element's before and after.
  - A failure names the elements done and those not done (RV(done), RV(not_done)); a re-run finishes the job.
  - The role C(csops.cloudstack.datacenter) runs this module once per step of levels (one task each, so a long converge shows its
    progress), handing RV(plan) on.
version_added: 0.2.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  config:
    description:
      - The data center in Marvin's deployDataCenter format (keys C(zones) and C(globalConfig); C(dbSvr), C(mgtSvr), C(logger)
        are accepted and ignored), with the extensions of the role's README (C(state) per element, C(name) of a host, ...).
    type: dict
    required: true
  levels:
    description:
      - The dependency levels this task applies, in this order whatever the order given. Default all.
    type: list
    elements: str
    choices: [settings, zones, physical_networks, traffic_types, providers, pods, public_ranges, clusters, hosts, primary_storage,
              secondary_storage, enable]
  phase:
    description:
      - C(present) converges the elements present, C(absent) removes the elements with C(state=absent) (in reverse order),
        C(all) both (the removals last).
    type: str
    default: all
    choices: [all, present, absent]
  plan:
    description:
      - The RV(plan) an earlier task of this module returned for the same description; what it has listed is not listed again,
        and in check mode what it would create counts as to be created.
    type: dict
  max_concurrent:
    description:
      - Elements of one level applied at the same time (each on its own connection).
    type: int
    default: 8
  host_username:
    description:
      - Username of the hosts (and clusters) that carry none.
    type: str
    default: root
  host_password:
    description:
      - Password of the hosts that carry none. The passwords of the description are hidden from the output too.
    type: str
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: The whole data center in one task
  csops.cloudstack.datacenter:
    config: "{{ lookup('ansible.builtin.file', 'advanced.cfg') | from_json }}"
    host_password: "{{ vault_host_password }}"

- name: Level by level, the plan handed on (the role does this)
  csops.cloudstack.datacenter:
    config: "{{ datacenter_config }}"
    levels: [zones]
    phase: present
  register: dc

- name: Physical networks
  csops.cloudstack.datacenter:
    config: "{{ datacenter_config }}"
    levels: [physical_networks]
    phase: present
    plan: "{{ dc.plan }}"
"""

RETURN = r"""
---
datacenter:
  description: Per level, the labels of the elements created, updated, removed and unchanged.
  returned: always
  type: dict
  sample: {"hosts": {"created": ["host zone1/c1/h1"], "updated": [], "removed": [], "unchanged": ["host zone1/c1/h2"]}}
summary:
  description:
    - Per level, over this task and the earlier tasks whose RV(plan) it was given, counts of the elements C(described) (present),
      C(to_remove) (absent), C(created), C(updated), C(removed), C(unchanged) and C(changed) (the three together).
  returned: always
  type: dict
  sample: {"hosts": {"described": 32, "to_remove": 0, "created": 0, "updated": 1, "removed": 0, "unchanged": 31, "changed": 1}}
plan:
  description: What this task listed (and, in check mode, the elements still to be created), for the next task's O(plan).
  returned: always
  type: dict
api_calls:
  description: API calls per command made by this task.
  returned: always
  type: dict
done:
  description: On failure, the elements this task converged.
  returned: failure
  type: list
  elements: str
not_done:
  description: On failure, the elements this task did not converge (failed or not reached).
  returned: failure
  type: list
  elements: str
failed_elements:
  description: On failure, each failed element and its error.
  returned: failure
  type: list
  elements: dict
"""

from ..module_utils.client import CloudStackError
from ..module_utils.common import CloudStackModule
from ..module_utils.datacenter import LEVEL_NAMES, run_datacenter
from ..module_utils.datacenter_description import DescriptionError


def passwords(config):
    """Every password of the description (hosts, clusters), to hide from the output."""
    out = set()
    stack = [config]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for k, v in item.items():
                if k == "password" and isinstance(v, str) and v:
                    out.add(v)
                else:
                    stack.append(v)
        elif isinstance(item, list):
            stack.extend(item)
    return out


def main():
    module = CloudStackModule(
        argument_spec=dict(
            config=dict(type="dict", required=True),
            levels=dict(type="list", elements="str", choices=LEVEL_NAMES),
            phase=dict(type="str", default="all", choices=["all", "present", "absent"]),
            plan=dict(type="dict"),
            max_concurrent=dict(type="int", default=8),
            host_username=dict(type="str", default="root"),
            host_password=dict(type="str", no_log=True),
        ),
        supports_check_mode=True,
    )
    p = module.params
    module.module.no_log_values.update(passwords(p["config"]))
    if p["max_concurrent"] < 1:
        module.fail("max_concurrent must be at least 1, got %s" % p["max_concurrent"])
    try:
        result = run_datacenter(module, p["config"], levels=p["levels"], plan=p["plan"], phase={"all": "both"}.get(p["phase"], p["phase"]),
                                max_concurrent=p["max_concurrent"],
                                defaults={"host_username": p["host_username"], "host_password": p["host_password"]})
    except (DescriptionError, CloudStackError) as exc:
        module.fail(str(exc))
    for w in result.pop("warnings_"):
        module.warn(w)
    if not module.diff_mode:
        result.pop("diff")
    if result.get("failed_elements"):
        failed = result["failed_elements"]
        module.fail("%d element(s) failed: %s; %d done, %d not done (a re-run continues)" % (
            len(failed), "; ".join("%s: %s" % (f["element"], f["msg"]) for f in failed), len(result["done"]), len(result["not_done"])), **result)
    module.exit(**result)


if __name__ == "__main__":
    main()
