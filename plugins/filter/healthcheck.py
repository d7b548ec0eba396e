# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the healthcheck role: what the API was read to be, turned into findings (one function per check id).

    {{ healthcheck__data | csops.cloudstack.healthcheck_findings(settings) }}
    {{ healthcheck__clusters_capacity | csops.cloudstack.healthcheck_capacity_rows(zone_rows) }}
    {{ findings | csops.cloudstack.healthcheck_summary('critical') }}

A finding has one shape everywhere:
    {"id": "H20", "title": ..., "severity": "critical"|"warning"|"info", "target": <host or object>,
     "evidence": <the value or state seen>, "remedy": <the remedy of the matrix>, "source": <the seeds' citation>}

The data (keys of the dict given to healthcheck_findings; each is optional, a check whose data is missing is skipped):
hosts (host_info metrics: true, Routing), pools (storage_pool_info), image_stores (listImageStores), zones (zone_info),
clusters (cluster_info), system_vms (system_vm_info), vms_starting (listVirtualMachines state=Starting),
service_offerings / disk_offerings (listServiceOfferings / listDiskOfferings, raw), capacity (rows of
healthcheck_capacity_rows), templates (listTemplates templatefilter=all, raw), jobs (listAsyncJobs listall, raw),
usage_enabled (the value of enable.usage.server), usage_server (management_server_info usage_server),
management_servers (management_server_info), default_login (true: admin/password was accepted).
Settings: now (epoch seconds; default the time of the call), capacity_threshold (percent, 80),
starting_threshold / job_threshold (seconds, 3600).
"""
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import time

from ansible.errors import AnsibleFilterError

SEVERITIES = ("critical", "warning", "info")
FAIL_ON = ("critical", "warning", "never")

# id -> (title, remedy, source): the matrix of shared/reference/seeds-features.md section 3
CHECKS = {
    "H1": ("Management server up", "Start or restart the service: systemctl restart cloudstack-management.", "000:57; 001:71"),
    "H7": ("Hypervisor host not Up", "Look at the host (H8): systemctl is-active cloudstack-agent, TCP host->MS:8250, ping the "
           "management server, agent.log; then systemctl restart cloudstack-agent.", "002:51, 002:88; 001:89; 000:79"),
    "H16": ("Secondary storage", "Fix the image store: its NFS mount on the SSVM, permissions, free space; add a writable image "
            "store to the zone.", "000:94-95; 001:71, 001:92-93; 002:71"),
    "H17": ("Primary storage not Up", "Fix the export (no_root_squash, root can write on the mount), look at /var/log/messages "
            "and dmesg for RPC errors; bring the pool back from maintenance.", "002:71, 002:91-92; 004:1411-1412"),
    "H18": ("System VM not healthy", "Start the system VM (or destroy it and let CloudStack recreate it); check its public IP "
            "and that it reaches the management server. A missing SSVM/CPVM leaves VMs stuck in Starting.", "001:95-96"),
    "H19": ("VM stuck in Starting", "Check the system VMs (H18), then the host and storage the VM was placed on.",
            "001:95; 004:7609"),
    "H20": ("Capacity over the line", "Add hosts or a cluster (or primary storage) before the allocation reaches the disable "
            "threshold.", "002:84; 004:8712-8730"),
    "H21": ("Insufficient Server Capacity precheck", "Fix the tags (put the offering's host tag on an Up host, its storage "
            "tag on an Up pool) or the thresholds.", "000:97-98; 004:3800-3802"),
    "H22": ("Cluster not homogeneous", "Split the cluster: one hypervisor type and version per cluster.", "002:94-95"),
    "H23": ("Default admin credentials", "Change the admin password (updateUser) and keep it in a vault.",
            "000:85; 004:3393-3396"),
    "H25": ("System VM template", "Register the system VM template of the hypervisor (cloud-install-sys-tmplt), restart the "
            "management server.", "000:100-101; 004:2947-2956"),
    "H26": ("Async job stuck", "Find the job's command and object (listAsyncJobs); check the management server log for it "
            "and the HA work queue (op_ha_work).", "004:7655"),
    "H28": ("Usage server", "Start the usage server (systemctl start cloudstack-usage) or set enable.usage.server false.",
            "004:8618-8658"),
}


def finding(check, severity, target, evidence):
    title, remedy, source = CHECKS[check]
    return {"id": check, "title": title, "severity": severity, "target": str(target), "evidence": str(evidence),
            "remedy": remedy, "source": source}


def parse_time(value):
    """CloudStack's 2026-12-04T10:00:00+0000 as epoch seconds (None if absent or unreadable)."""
    if not value:
        return None
    try:
        return datetime.datetime.strptime(str(value), "%Y-%m-%dT%H:%M:%S%z").timestamp()
    except ValueError:
        return None


def tags(value):
    """A tag list from a list or CloudStack's comma-separated string."""
    if not value:
        return set()
    if isinstance(value, str):
        value = value.split(",")
    return {str(t).strip() for t in value if str(t).strip()}


def age_text(seconds):
    return "%dh%02dm" % (seconds // 3600, (seconds % 3600) // 60)


# ---- one function per check ----------------------------------------------------------------------------------------
def check_h1(data, settings):
    return [finding("H1", "critical", ms.get("name"), "management server state %s" % ms.get("state"))
            for ms in data.get("management_servers") or [] if ms.get("state") != "Up"]


def check_h7(data, settings):
    out = []
    for host in data.get("hosts") or []:
        if host.get("host_type", "Routing") == "Routing" and host.get("state") != "Up":
            severity = "warning" if host.get("state") == "Connecting" else "critical"
            out.append(finding("H7", severity, host.get("name"), "state %s (cluster %s, ip %s)" % (
                host.get("state"), host.get("cluster"), host.get("ip_address"))))
    return out


def check_h16(data, settings):
    if data.get("image_stores") is None:
        return []
    out = []
    for zone in data.get("zones") or []:
        stores = [s for s in data["image_stores"] if s.get("zonename") == zone["name"] or s.get("zoneid") == zone.get("id")]
        if not stores:
            out.append(finding("H16", "critical", zone["name"], "no image store in the zone"))
        elif all(s.get("readonly") for s in stores):
            out.append(finding("H16", "critical", zone["name"], "every image store is read-only: %s" % ", ".join(
                s.get("name", "?") for s in stores)))
    return out


def check_h17(data, settings):
    out = []
    for pool in data.get("pools") or []:
        if pool.get("state") != "Up":
            severity = "warning" if pool.get("state") in ("Maintenance", "PrepareForMaintenance", "Disabled") else "critical"
            out.append(finding("H17", severity, pool.get("name"), "state %s (%s)" % (pool.get("state"), pool.get("storage_url")
                                                                                   or pool.get("path"))))
    return out


def check_h18(data, settings):
    if data.get("system_vms") is None:
        return []
    out = []
    advanced = {z["name"] for z in data.get("zones") or [] if z.get("network_type") == "Advanced"}
    for zone in data.get("zones") or []:
        if zone.get("allocation_state", "Enabled") != "Enabled":
            continue
        present = {v.get("system_vm_type") for v in data["system_vms"] if v.get("zone") == zone["name"]}
        for vmtype in ("secondarystoragevm", "consoleproxy"):
            if vmtype not in present:
                out.append(finding("H18", "critical", zone["name"], "no %s in the zone" % vmtype))
    for vm in data["system_vms"]:
        if vm.get("state") != "Running":
            out.append(finding("H18", "critical", vm.get("name"), "%s state %s" % (vm.get("system_vm_type"), vm.get("state"))))
        elif vm.get("zone") in advanced and not vm.get("public_ip"):
            out.append(finding("H18", "critical", vm.get("name"), "%s has no public IP" % vm.get("system_vm_type")))
        elif vm.get("agent_state") and vm.get("agent_state") != "Up":
            out.append(finding("H18", "warning", vm.get("name"), "%s agent state %s" % (vm.get("system_vm_type"),
                                                                                     vm.get("agent_state"))))
    return out


def check_h19(data, settings):
    out = []
    for vm in data.get("vms_starting") or []:
        since = parse_time(vm.get("lastupdated")) or parse_time(vm.get("created"))
        if vm.get("state") == "Starting" and since is not None and settings["now"] - since >= settings["starting_threshold"]:
            out.append(finding("H19", "critical", vm.get("name"), "Starting for %s (since %s, host %s)" % (
                age_text(settings["now"] - since), vm.get("lastupdated") or vm.get("created"), vm.get("hostname", "-"))))
    return out


def check_h20(data, settings):
    out = []
    line = float(settings["capacity_threshold"])
    for row in data.get("capacity") or []:
        for measure in ("used", "allocated"):
            value = row.get("percent_" + measure)
            if value is not None and row.get("checked_" + measure) and float(value) >= line:
                out.append(finding("H20", "warning", row["target"], "%s %s %.2f%% >= %g%%" % (row["type"], measure, float(value),
                                                                                            line)))
    return out


def _offering_tag_findings(kind, offering, wanted, have, what):
    if wanted and not any(wanted <= t for t in have):
        return [finding("H21", "warning", "%s %s" % (kind, offering.get("name")), "%s tag %s is on no Up %s" % (
            what, ",".join(sorted(wanted)), what == "host" and "host" or "pool"))]
    return []


def check_h21(data, settings):
    out = []
    host_tags = [tags(h.get("host_tags") or h.get("hosttags")) for h in data.get("hosts") or [] if h.get("state") == "Up"]
    pool_tags = [tags(p.get("storage_tags") or p.get("tags")) for p in data.get("pools") or [] if p.get("state") == "Up"]
    for off in data.get("service_offerings") or []:
        out += _offering_tag_findings("service offering", off, tags(off.get("hosttags")), host_tags, "host")
        out += _offering_tag_findings("service offering", off, tags(off.get("storagetags")), pool_tags, "storage")
    for off in data.get("disk_offerings") or []:
        out += _offering_tag_findings("disk offering", off, tags(off.get("tags") or off.get("storagetags")), pool_tags, "storage")
    for host in data.get("hosts") or []:
        full = [k for k in ("cpu_allocated_disable_threshold", "memory_allocated_disable_threshold") if host.get(k)]
        if full:
            out.append(finding("H21", "warning", host.get("name"), "at its disable threshold: %s" % ", ".join(full)))
    return out


def check_h22(data, settings):
    seen = {}
    for host in data.get("hosts") or []:
        if host.get("cluster"):
            seen.setdefault(host["cluster"], set()).add((host.get("hypervisor"), host.get("hypervisor_version")))
    return [finding("H22", "warning", cluster, "hypervisors in the cluster: %s" % "; ".join(
        "%s %s" % pair for pair in sorted(kinds, key=str))) for cluster, kinds in sorted(seen.items()) if len(kinds) > 1]


def check_h23(data, settings):
    if data.get("default_login"):
        return [finding("H23", "critical", "admin", "login admin/password accepted by the API")]
    return []


def check_h25(data, settings):
    if data.get("templates") is None:
        return []
    out = []
    ready = {(t.get("zonename"), t.get("hypervisor")) for t in data["templates"]
             if t.get("templatetype") == "SYSTEM" and t.get("isready")}
    present = {(t.get("zonename"), t.get("hypervisor")) for t in data["templates"] if t.get("templatetype") == "SYSTEM"}
    wanted = sorted({(c.get("zone"), c.get("hypervisor")) for c in data.get("clusters") or []}, key=str)
    for zone, hypervisor in wanted:
        if (zone, hypervisor) not in ready:
            state = "present, not Ready" if (zone, hypervisor) in present else "missing"
            out.append(finding("H25", "critical", zone, "system VM template for %s %s" % (hypervisor, state)))
    return out


def check_h26(data, settings):
    out = []
    for job in data.get("jobs") or []:
        since = parse_time(job.get("created"))
        if job.get("jobstatus") == 0 and since is not None and settings["now"] - since >= settings["job_threshold"]:
            out.append(finding("H26", "warning", job.get("jobid"), "%s pending for %s (%s %s)" % (
                str(job.get("cmd", "")).rsplit(".", 1)[-1], age_text(settings["now"] - since), job.get("jobinstancetype", "-"),
                job.get("jobinstanceid", "-"))))
    return out


def check_h28(data, settings):
    enabled = str(data.get("usage_enabled", "")).lower() == "true"
    server = data.get("usage_server") or {}
    if enabled and server.get("state") != "Up":
        return [finding("H28", "warning", server.get("hostname") or "usage server",
                        "enable.usage.server=true, usage server state %s" % server.get("state", "absent"))]
    return []


RULES = (check_h1, check_h7, check_h16, check_h17, check_h18, check_h19, check_h20, check_h21, check_h22, check_h23,
         check_h25, check_h26, check_h28)


def _settings(settings):
    s = {"now": time.time(), "capacity_threshold": 80, "starting_threshold": 3600, "job_threshold": 3600}
    for key, value in (settings or {}).items():
        if value is None:
            continue
        if key not in s:
            raise AnsibleFilterError("healthcheck_findings: unknown setting %r" % key)
        try:
            s[key] = float(value)
        except (TypeError, ValueError):
            raise AnsibleFilterError("healthcheck_findings: %s must be a number, got %r" % (key, value)) from None
    return s


def healthcheck_findings(data, settings=None):
    """Every finding of the API checks, sorted by severity, id, target."""
    if not isinstance(data, dict):
        raise AnsibleFilterError("healthcheck_findings: the data must be a dict, got %s" % type(data).__name__)
    s = _settings(settings)
    out = []
    for rule in RULES:
        out.extend(rule(data, s))
    return sorted(out, key=sort_key)


def sort_key(f):
    return (SEVERITIES.index(f["severity"]), int(f["id"][1:]) if f["id"][1:].isdigit() else 99, f["target"])


MEASURES = {  # type -> which of its percentages the 80% line applies to, per cluster and per zone
    "CPU": {"cluster": ("used",), "zone": ("allocated",)},
    "MEMORY": {"cluster": ("used",), "zone": ("allocated",)},
    "STORAGE": {"cluster": ("used",), "zone": ("used",)},
    "STORAGE_ALLOCATED": {"cluster": ("used",), "zone": ("used",)},
    "SECONDARY_STORAGE": {"cluster": (), "zone": ("used",)},
}


def _capacities(results):
    for item in results or []:
        if isinstance(item, dict) and "capacities" in item:
            yield from item["capacities"]
        elif isinstance(item, dict):
            yield item
        else:
            yield from item


def healthcheck_capacity_rows(cluster_results, zone_results=None):
    """capacity_info results (the registers' .results of the task run per cluster and of the one run per zone; or plain
    lists of capacities) as flat rows: scope, zone, pod, cluster, target, type, total, used, percent_used,
    percent_allocated, checked_used / checked_allocated (which of the two the line applies to).
    Per cluster the used percentage of CPU and MEMORY is their allocation (CloudStack's listCapacity)."""
    rows = [_row(c, "cluster") for c in _capacities(cluster_results) if c.get("name") in MEASURES and c.get("cluster")]
    rows += [_row(c, "zone") for c in _capacities(zone_results) if c.get("name") in MEASURES and not c.get("cluster")
             and not c.get("pod")]
    return rows


def _row(cap, scope):
    measures = MEASURES[cap["name"]][scope]
    target = cap.get("cluster") if scope == "cluster" else cap.get("zone")
    return {"scope": scope, "zone": cap.get("zone"), "pod": cap.get("pod"), "cluster": cap.get("cluster"),
            "target": "%s %s" % (scope, target), "type": cap["name"], "total": cap.get("capacity_total"),
            "used": cap.get("capacity_used"), "allocated": cap.get("capacity_allocated"),
            "percent_used": float(cap.get("percent_used") or 0),
            "percent_allocated": None if cap.get("percent_allocated") is None else float(cap["percent_allocated"]),
            "checked_used": "used" in measures, "checked_allocated": "allocated" in measures}


def healthcheck_summary(findings, fail_on="critical"):
    """Counts by severity, the ids, and whether the play fails (a finding at or above fail_on)."""
    if fail_on not in FAIL_ON:
        raise AnsibleFilterError("healthcheck_fail_on must be one of %s, got %r" % (", ".join(FAIL_ON), fail_on))
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in SEVERITIES}
    failing = [] if fail_on == "never" else [f for f in findings if SEVERITIES.index(f["severity"]) <= SEVERITIES.index(fail_on)]
    return {"counts": counts, "total": len(findings), "ids": sorted({f["id"] for f in findings}, key=lambda i: int(i[1:])),
            "fail_on": fail_on, "failing": len(failing),
            "failing_ids": sorted({f["id"] for f in failing}, key=lambda i: int(i[1:]))}


def healthcheck_sorted(findings):
    """Findings (API and host ones together) without duplicates, by severity, id, target."""
    out, seen = [], set()
    for f in findings or []:
        key = (f.get("id"), f.get("target"), f.get("evidence"))
        if f.get("severity") not in SEVERITIES:
            raise AnsibleFilterError("healthcheck: finding %s has severity %r" % (f.get("id"), f.get("severity")))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return sorted(out, key=sort_key)


def healthcheck_line(f):
    """One finding as a line of the terminal summary."""
    return "%s %s %s: %s" % (f["severity"].upper(), f["id"], f["target"], f["evidence"])


class FilterModule(object):
    def filters(self):
        return {"healthcheck_findings": healthcheck_findings, "healthcheck_capacity_rows": healthcheck_capacity_rows,
                "healthcheck_summary": healthcheck_summary, "healthcheck_sorted": healthcheck_sorted,
                "healthcheck_line": healthcheck_line}
