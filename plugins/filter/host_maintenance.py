# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the host_maintenance role.

    {{ hosts | csops.cloudstack.host_maintenance_match(candidates, zone) }}
        the CloudStack hosts (host_info results) whose name (case-insensitive) or IP address is one of candidates
    {{ host | csops.cloudstack.host_maintenance_fit(cluster_hosts, instances, offerings, exclude) }}
        whether the other Up and Enabled hosts of host's cluster can take its running instances

The fit is a first-fit-decreasing placement (largest memory first) of the instances on the other hosts of the
cluster that are Up and Enabled and not in `exclude` (the names of the hosts of the same batch): a host takes an
instance when it has all the host tags of the instance's service offering, and free CPU (MHz: the total after the
cluster's CPU overcommit, cpu_with_overprovisioning, less what is allocated: cpu_allocated_ghz, or cpu_allocated
percent of the total) and free memory (memory_total_gb of the metrics, which includes the memory overcommit, else
memory_total, less memory_allocated) for it. It is a check before CloudStack's own planner runs (which also weighs
affinity groups and storage), so a fit is necessary, not sufficient: the maintenance itself is still waited for.
"""
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible.errors import AnsibleFilterError
from ansible_collections.csops.cloudstack.plugins.module_utils.tags import tag_names

MIB = 1024 * 1024
ACTIVE = ("Running", "Starting", "Migrating", "Stopping")


def _number(value, default=0.0):
    """"12.5%", "0.50 Ghz", "8.00 GB", "32000", 32000 -> float (default when absent or unreadable)."""
    if value is None:
        return default
    if isinstance(value, (int, float)):
        return float(value)
    m = re.match(r"\s*(-?[0-9]+(?:\.[0-9]+)?)", str(value))
    return float(m.group(1)) if m else default


def _tags(value):
    return sorted(tag_names(value))


def _free(host):
    """(free MHz, free bytes, cpu total MHz, memory total bytes) of a host_info (metrics) result."""
    cpu_total = _number(host.get("cpu_with_overprovisioning"), 0.0) or _number(host.get("cpu_number"), 0) * _number(host.get("cpu_speed"), 0)
    if host.get("cpu_allocated_ghz") is not None:
        cpu_used = _number(host["cpu_allocated_ghz"]) * 1000.0
    else:
        cpu_used = _number(host.get("cpu_allocated")) * cpu_total / 100.0
    mem_total = _number(host.get("memory_total_gb")) * 1024 ** 3 if host.get("memory_total_gb") is not None else _number(host.get("memory_total"))
    mem_used = _number(host.get("memory_allocated"))
    return cpu_total - cpu_used, mem_total - mem_used, cpu_total, mem_total


def host_maintenance_match(hosts, candidates, zone=None):
    wanted = [str(c) for c in (candidates or []) if c not in (None, "")]
    low = {c.lower() for c in wanted}
    found = []
    for h in hosts or []:
        if zone and str(h.get("zone", "")) != str(zone) and str(h.get("zone_id", "")) != str(zone):
            continue
        if str(h.get("name", "")).lower() in low or str(h.get("ip_address", "")) in wanted:
            found.append(h)
    return found


def _need(vm, offerings):
    off = offerings.get(str(vm.get("service_offering")), {})
    cores = int(_number(vm.get("cpu"), 0) or _number(off.get("cpunumber"), 1) or 1)
    speed = _number(vm.get("cpu_speed"), 0) or _number(off.get("cpuspeed"), 0)
    memory = (_number(vm.get("memory"), 0) or _number(off.get("memory"), 0)) * MIB
    return {"name": vm.get("name"), "cpu": cores * speed, "memory": memory, "tags": _tags(off.get("hosttags"))}


def _why_not(target, need, free):
    missing = [t for t in need["tags"] if t not in _tags(target.get("host_tags"))]
    if missing:
        return "lacks host tag(s) %s" % ", ".join(missing)
    short = []
    if free[0] < need["cpu"]:
        short.append("%d MHz CPU free of %d needed" % (max(0, free[0]), need["cpu"]))
    if free[1] < need["memory"]:
        short.append("%d MiB memory free of %d needed" % (max(0, free[1]) // MIB, need["memory"] // MIB))
    return " and ".join(short)


def host_maintenance_fit(host, cluster_hosts, instances, offerings=None, exclude=None):
    if not isinstance(host, dict) or not host.get("id"):
        raise AnsibleFilterError("host_maintenance_fit: the host must be a host_info result, got %r" % (host,))
    exclude = {str(x).lower() for x in (exclude or [])}
    offers = {str(o.get("name")): o for o in (offerings or [])}
    targets = [h for h in cluster_hosts or []
               if h.get("id") != host["id"] and h.get("cluster") == host.get("cluster") and h.get("state") == "Up"
               and str(h.get("resource_state", h.get("allocation_state", ""))).lower() == "enabled" and str(h.get("name", "")).lower() not in exclude]
    vms = [v for v in instances or [] if v.get("state") in ACTIVE]
    needs = sorted((_need(v, offers) for v in vms), key=lambda n: (-n["memory"], -n["cpu"], str(n["name"])))
    free = {t["id"]: list(_free(t)[:2]) for t in targets}
    placement, problems = {}, []
    for need in needs:
        chosen = None
        for t in targets:
            if not _why_not(t, need, free[t["id"]]):
                chosen = t
                break
        if chosen is None:
            reasons = ["%s %s" % (t.get("name"), _why_not(t, need, free[t["id"]])) for t in targets]
            problems.append("instance %s (%d MHz, %d MiB%s) fits on no other host: %s" % (
                need["name"], need["cpu"], need["memory"] // MIB, ", host tags " + ",".join(need["tags"]) if need["tags"] else "",
                "; ".join(reasons) if reasons else "cluster %s has no other Up and Enabled host" % host.get("cluster")))
            continue
        free[chosen["id"]][0] -= need["cpu"]
        free[chosen["id"]][1] -= need["memory"]
        placement[str(need["name"])] = chosen.get("name")
    message = "" if not problems else "host %s (cluster %s): %d running instance(s) cannot move - %s" % (
        host.get("name"), host.get("cluster"), len(problems), " | ".join(problems))
    return {"fits": not problems, "instances": len(vms), "targets": [t.get("name") for t in targets], "placement": placement,
            "problems": problems, "message": message}


class FilterModule(object):
    def filters(self):
        return {"host_maintenance_fit": host_maintenance_fit, "host_maintenance_match": host_maintenance_match}
