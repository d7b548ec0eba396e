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
import ipaddress
import json
import time

from ansible.errors import AnsibleFilterError
from ansible_collections.csops.cloudstack.plugins.module_utils.tags import tag_names

SEVERITIES = ("critical", "warning", "info")
FAIL_ON = ("critical", "warning", "never")
DEFAULT_PATTERNS = ("ResourceUnavailableException", "Unable to reach host", "Authentication failed", "Agent denied connection",
                    "Unknown host", "java.lang.OutOfMemoryError", "Too many connections")

# id -> (title, remedy, source): the matrix of shared/reference/seeds-features.md section 3
CHECKS = {
    "H1": ("Management server up", "Start or restart the service: systemctl restart cloudstack-management; on the load "
           "balancer start haproxy, and bring back the management servers HAProxy shows DOWN.", "000:57; 001:71"),
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
    """A tag set from a list or CloudStack's comma-separated string."""
    return set(tag_names(value))


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
    """The zone has a writable image store; the SSVM's view of it: a Running SSVM whose agent is Up (the one that mounts
    the stores), and each store's size as that SSVM reports it (listImageStores disksizetotal/disksizeused, set only
    once the SSVM has sent the store's stats): a size of 0 or none is a store the SSVM could not read, and a store
    used at or over capacity_threshold percent is nearly full."""
    if data.get("image_stores") is None:
        return []
    out = []
    for zone in data.get("zones") or []:
        stores = [s for s in data["image_stores"] if s.get("zonename") == zone["name"] or s.get("zoneid") == zone.get("id")]
        if not stores:
            out.append(finding("H16", "critical", zone["name"], "no image store in the zone"))
            continue
        if all(s.get("readonly") for s in stores):
            out.append(finding("H16", "critical", zone["name"], "every image store is read-only: %s" % ", ".join(
                s.get("name", "?") for s in stores)))
        out += _ssvm_view(data, zone, stores, settings)
    return out


def _ssvm_view(data, zone, stores, settings):
    if data.get("system_vms") is None or zone.get("allocation_state", "Enabled") != "Enabled":
        return []
    ssvms = [v for v in data["system_vms"] if v.get("zone") == zone["name"] and v.get("system_vm_type") == "secondarystoragevm"]
    if not [v for v in ssvms if v.get("state") == "Running" and v.get("agent_state", "Up") == "Up"]:
        seen = ", ".join("%s %s/%s" % (v.get("name"), v.get("state"), v.get("agent_state", "-")) for v in ssvms) or "none"
        return [finding("H16", "warning", zone["name"], "no Running secondary storage VM with its agent Up (%s): nothing "
                        "mounts the zone's image stores (H18)" % seen)]
    out = []
    for store in stores:
        total, used = store.get("disksizetotal"), store.get("disksizeused")
        if not total:
            out.append(finding("H16", "warning", store.get("name"), "the SSVM reports no size for the image store %s "
                               "(disksizetotal %s): not mounted or not readable on the SSVM" % (store.get("url", ""), total)))
        elif used is not None and 100.0 * float(used) / float(total) >= float(settings["capacity_threshold"]):
            out.append(finding("H16", "warning", store.get("name"), "image store %.2f%% full (%d of %d GiB used) >= %g%%" % (
                100.0 * float(used) / float(total), float(used) // 2**30, float(total) // 2**30,
                float(settings["capacity_threshold"]))))
    return out


def check_h17(data, settings):
    out = []
    for pool in data.get("pools") or []:
        if pool.get("state") != "Up":
            severity = "warning" if pool.get("state") in ("Maintenance", "PrepareForMaintenance", "Disabled") else "critical"
            where = pool.get("storage_url") or pool.get("path")
            out.append(finding("H17", severity, pool.get("name"), "state %s (%s)" % (pool.get("state"), where)))
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
            # the system VM's agent connects to the management server's 8250: Up only when the VM reaches it
            evidence = "%s agent state %s: the VM's agent is not connected to the management server (8250)" % (
                vm.get("system_vm_type"), vm.get("agent_state"))
            out.append(finding("H18", "warning" if vm.get("agent_state") == "Connecting" else "critical", vm.get("name"), evidence))
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
                evidence = "%s %s %.2f%% >= %g%%" % (row["type"], measure, float(value), line)
                out.append(finding("H20", "warning", row["target"], evidence))
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
    user = data.get("login_user") or "admin"
    if data.get("default_login"):
        return [finding("H23", "critical", user, "login %s with the default password accepted by the API" % user)]
    if data.get("default_login_skipped"):
        return [finding("H23", "info", user, "not probed: %s is no user of a ROOT admin account, and its refused logins count "
                        "toward incorrect.login.attempts.allowed = %s, which disables it (healthcheck_default_login: true "
                        "probes anyway)" % (user, data.get("login_attempts_allowed")))]
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


# ---- host checks: what tasks/host.yml read on one host (strings), one function per check -------------------------------
HOST_CHECKS = {
    "H1": CHECKS["H1"],
    "H2": ("Management server / agent log errors", "Per pattern: host unreachable or denied (H8), authentication (H23), "
           "heap (H5), too many DB connections (H6).", "000:76-79; 001:41, 001:71, 001:86-87; 002:66"),
    "H3": ("Database configuration and reach", "Fix /etc/cloudstack/management/db.properties, start the database, check "
           "the cloud user's grants.", "000:70"),
    "H4": ("Java version", "update-alternatives --config java (the release's pinned major).", "000:70; 002:70"),
    "H5": ("JVM heap", "Raise -Xmx in /etc/default/cloudstack-management, restart the management server.", "001:86-87"),
    "H8": ("KVM agent", "systemctl restart cloudstack-agent; chmod 644 the agent configuration; open TCP 8250 to the "
           "management servers.", "002:88-89, 002:60, 002:66, 002:73; 001:89-90; 000:79"),
    "H9": ("libvirt", "Start libvirtd; set listen_tls = 0 in /etc/libvirt/libvirtd.conf as the agent setup does.",
           "000:79; 001:55; 002:20"),
    "H10": ("MTU along the management path", "Fix the switch / bridge MTU (no fragmentation with DF set).",
            "002:60, 002:69; 001:65"),
    "H11": ("Packet loss to the management servers", "Fix the management network (heartbeats are lost first).",
            "002:97-98; 001:90"),
    "H12": ("Time sync", "Enable and start chronyd; check its sources.", "001:28-31; 002:20"),
    "H6": ("MySQL settings", "Fix my.cnf (max_connections >= 350 per management server, binlog_format ROW, "
           "innodb_lock_wait_timeout 600, innodb_rollback_on_timeout ON), restart mysqld.",
           "001:38-41, 001:65; 000:83; 004:3082-3086"),
    "H13": ("SELinux enforcing", "setenforce permissive (and SELINUX=permissive in /etc/selinux/config).",
            "002:20; 004:2227-2261"),
    "H14": ("IP forwarding", "sysctl -w net.ipv4.ip_forward=1 and persist it in /etc/sysctl.d.", "001:35"),
    "H15": ("Hardware virtualization", "Enable VT-x / AMD-V in the BIOS.", "002:36"),
    "H16": CHECKS["H16"],
    "H17": CHECKS["H17"],
    "H24": ("Port exposure", "Close 8096 (integration.api.port 0); firewall 8080 to the admin network and the load "
            "balancers, 8250 to the KVM hosts and load balancers, 3306 to the management servers (iptables/ufw/nftables); open "
            "what a host that needs it cannot reach.", "000:85; 002:81"),
    "H27": ("NFSv4 id mapping", "Set the same Domain in /etc/idmapd.conf on the management servers, hosts and NFS server.",
            "004:2850-2859"),
    "H28": CHECKS["H28"],
}
for _id, _value in HOST_CHECKS.items():
    CHECKS.setdefault(_id, _value)


def key_values(text):
    out = {}
    for line in (text or "").splitlines():
        key, sep, value = line.partition("=")
        if sep:
            out[key.strip()] = value.strip()
    return out


def units(text):
    """systemctl show blocks -> {unit name without .service: (LoadState, ActiveState)}."""
    out = {}
    for block in (text or "").strip().split("\n\n"):
        kv = key_values(block)
        if kv.get("Id"):
            out[kv["Id"].rsplit(".service", 1)[0]] = (kv.get("LoadState"), kv.get("ActiveState"))
    return out


def _service(facts, check, name, severity="critical", alternatives=None):
    states = units(facts.get("units"))
    names = alternatives or [name]
    if not states:
        return [finding(check, "info", facts["host"], "the service states could not be read (systemctl show)")]
    loaded = [n for n in names if n in states and states[n][0] == "loaded"]
    if any(states[n][1] == "active" for n in loaded):
        return []
    seen = ", ".join("%s %s" % (n, "/".join(states[n])) for n in names if n in states) or "not read"
    return [finding(check, severity, facts["host"], "%s not active (%s)" % (" or ".join(names), seen))]


def host_h1(facts, settings):
    """On a management server: its service and 8080. On a load balancer (the seeds' "and the VIP"): HAProxy's service,
    8080 listening, and the management servers' states in its API backend (haproxy_info: `show stat` on its admin socket)."""
    out = []
    listening = {line.split()[3].rsplit(":", 1)[-1] for line in (facts.get("ports") or "").splitlines() if len(line.split()) > 3}
    if "management" in facts["groups"]:
        out += _service(facts, "H1", "cloudstack-management")
        if facts.get("ports") and "8080" not in listening:
            out.append(finding("H1", "critical", facts["host"], "nothing listens on TCP 8080"))
    if "loadbalancer" in facts["groups"]:
        out += _service(facts, "H1", "haproxy")
        if facts.get("ports") and "8080" not in listening:
            out.append(finding("H1", "critical", facts["host"], "nothing listens on TCP 8080 (the API's load balancer)"))
        out += _haproxy_backend(facts)
    return out


def _haproxy_backend(facts):
    """What haproxy_info read on the load balancer: {failed, msg, servers: [{name, status}, ...]} of the API backend."""
    read = facts.get("haproxy") or {}
    backend = facts.get("haproxy_backend") or "the API backend"
    if not read:
        return []
    if read.get("failed"):
        return [finding("H1", "info", facts["host"], "HAProxy's states could not be read (haproxy_info: %s)" % read.get("msg"))]
    states = {s.get("name"): str(s.get("status")) for s in read.get("servers") or []}
    if not states:
        return [finding("H1", "critical", facts["host"], "HAProxy has no server in backend %s" % backend)]
    up = sorted(n for n, st in states.items() if st == "UP")
    others = ", ".join("%s %s" % (n, states[n]) for n in sorted(states) if states[n] != "UP")
    if not up:
        return [finding("H1", "critical", facts["host"], "no management server UP in HAProxy's %s (%s): the API answers 503" % (backend, others))]
    if others:
        return [finding("H1", "warning", facts["host"], "HAProxy's %s: %s (UP: %s)" % (backend, others, ", ".join(up)))]
    return []


def host_h2(facts, settings):
    hits = {}
    for line in (facts.get("logs") or "").splitlines():
        path, _sep, text = line.partition("\t")
        for pattern in settings["log_patterns"]:
            if pattern in text:
                hits.setdefault((path, pattern), []).append(text)
    return [finding("H2", "warning", facts["host"],
                    "%s: %d line(s) with %r, last: %s" % (path, len(lines), pattern, lines[-1][:300]))
            for (path, pattern), lines in sorted(hits.items())]


def host_h3(facts, settings):
    out = []
    if "management" in facts["groups"] and key_values(facts.get("management")).get("db_properties") == "missing":
        out.append(finding("H3", "critical", facts["host"], "/etc/cloudstack/management/db.properties missing or unreadable"))
    if "db" in facts["groups"]:
        out += _service(facts, "H3", None, alternatives=["mysqld", "mysql", "mariadb"])
    return out


def host_h4_h5(facts, settings):
    if "management" not in facts["groups"]:
        return []
    kv, out = key_values(facts.get("management")), []
    if kv.get("java") and kv["java"] != str(settings["java_major"]):
        out.append(finding("H4", "warning", facts["host"], "java %s, the release needs %s" % (kv["java"], settings["java_major"])))
    xmx = kv.get("xmx")
    if xmx:
        units_mb = {"k": 1 / 1024.0, "m": 1, "g": 1024}
        size = float(xmx[:-1]) * units_mb[xmx[-1].lower()] if xmx[-1].isalpha() else float(xmx) / 1048576
        if size < float(settings["heap_min_mb"]):
            out.append(finding("H5", "warning", facts["host"], "-Xmx%s < %d MiB" % (xmx, int(settings["heap_min_mb"]))))
    elif facts.get("management"):
        out.append(finding("H5", "info", facts["host"], "no -Xmx in /etc/default/cloudstack-management"))
    return out


def host_kvm(facts, settings):
    """H8, H9, H10, H11, H14, H15 on a KVM host."""
    if "kvm" not in facts["groups"]:
        return []
    out = _service(facts, "H8", "cloudstack-agent") + _service(facts, "H9", None, alternatives=["libvirtd", "libvirtd.socket"])
    kv, kernel = key_values(facts.get("kvm")), key_values(facts.get("kernel"))
    if "listen_tls" in kv and kv["listen_tls"].strip('"') != "0":
        out.append(finding("H9", "warning", facts["host"], "listen_tls = %s in /etc/libvirt/libvirtd.conf" % (
            kv["listen_tls"] or "not set (libvirt's default: 1)")))
    for key, value in sorted(kv.items()):
        kind, _sep, ms = key.partition(" ")
        if kind == "reach_8250" and value != "ok":
            out.append(finding("H8", "critical", facts["host"], "TCP %s:8250 not reachable" % ms))
        elif kind == "mtu" and value != "ok":
            out.append(finding("H10", "warning", facts["host"], "ping with DF to %s fragments or fails" % ms))
        elif kind == "loss" and value and float(value) > 0:
            out.append(finding("H11", "warning", facts["host"], "%s%% packet loss to %s" % (value, ms)))
    if kernel.get("ip_forward") not in (None, "", "1"):
        out.append(finding("H14", "warning", facts["host"], "net.ipv4.ip_forward = %s" % kernel["ip_forward"]))
    if kernel.get("virt_flags") in ("0",):
        out.append(finding("H15", "critical", facts["host"], "no vmx/svm flag in /proc/cpuinfo"))
    return out


def host_common(facts, settings):
    """H12 and H13 everywhere, H16 (nfs-server) and H17 (exports) on the NFS server, H24 and H28 on management servers."""
    kernel, out = key_values(facts.get("kernel")), _service(facts, "H12", None, "warning", alternatives=["chronyd", "chrony"])
    if not out and kernel.get("chrony") and kernel["chrony"] != "Normal":
        out.append(finding("H12", "warning", facts["host"], "chrony leap status %s (not synchronised)" % kernel["chrony"]))
    if kernel.get("selinux") == "Enforcing":
        out.append(finding("H13", "warning", facts["host"], "getenforce: Enforcing"))
    if "nfs" in facts["groups"]:
        out += _service(facts, "H16", None, alternatives=["nfs-server", "nfs-ganesha"]) + host_exports(facts)
        for path, options in exports(facts.get("exports")):
            if "no_root_squash" not in options:
                out.append(finding("H17", "warning", facts["host"], "export %s without no_root_squash (%s)" % (path, options)))
    if "management" in facts["groups"]:
        state = units(facts.get("units")).get("cloudstack-usage")
        if state and state[0] == "loaded" and state[1] != "active":
            out.append(finding("H28", "warning", facts["host"], "cloudstack-usage %s" % state[1]))
    return out


def host_exports(facts):
    """H16: each expected export is served (showmount -e on the NFS server, kernel server or nfs-ganesha)."""
    text = (facts.get("exports") or "").partition("--- showmount")[2]
    if not facts.get("exports_expected") or not text.strip():
        return []
    lines = [line for line in text.splitlines() if line.strip()]
    if not all(line.startswith("/") for line in lines):
        return [finding("H16", "critical", facts["host"], "showmount -e failed: %s" % " ".join(lines)[:300])]
    served = {line.split()[0] for line in lines}
    return [finding("H16", "critical", facts["host"],
                    "export %s not served (showmount -e: %s)" % (path, ", ".join(sorted(served)) or "none"))
            for path in facts["exports_expected"] if path not in served]


def host_exports_seen(facts, settings=None):
    """H16 (seed 001: showmount -e <nfs> from the hosts): each expected export of each NFS server is listed when a KVM
    host asks that server; a server that does not answer is one finding."""
    out, server, lines = [], None, {}
    for line in (facts.get("exports_seen") or "").splitlines():
        if line.startswith("--- "):
            server = line[4:].strip()
            lines[server] = []
        elif server and line.strip():
            lines[server].append(line.strip())
    for server, got in sorted(lines.items()):
        name = server.split()[0]
        if not all(line.startswith("/") for line in got):
            out.append(finding("H16", "critical", facts["host"], "showmount -e %s from this KVM host failed: %s" % (
                name, " ".join(got)[:300])))
            continue
        seen = {line.split()[0] for line in got}
        out += [finding("H16", "critical", facts["host"],
                        "export %s of %s not seen from this KVM host (showmount -e: %s)" % (path, name, ", ".join(sorted(seen)) or "none"))
                for path in facts.get("exports_wanted") or [] if path not in seen]
    return out


def host_db(facts, settings):
    """H6 (MySQL settings) and H26 (op_ha_work items stuck) from cloud_db_info on a db host; H3 when it cannot read."""
    db = facts.get("db") or {}
    if "db" not in facts["groups"] or not db:
        return []
    if db.get("failed"):
        return [finding("H3", "critical", facts["host"], "cloud_db_info: %s" % (db.get("msg") or "failed"))]
    out = [finding("H6", "warning", facts["host"], "%s = %s, CloudStack needs %s" % (name, check.get("value"), check.get("expected")))
           for name, check in sorted((db.get("mysql_checks") or {}).items()) if not check.get("ok")]
    for work in db.get("ha_work_stuck") or []:
        text = "op_ha_work %s %s of %s at step %s for %s min" % (
            work.get("id"), work.get("type"), work.get("vm_type"), work.get("step"), work.get("age_minutes"))
        out.append(finding("H26", "warning", work.get("instance_name") or work.get("instance_id"), text))
    return out


def host_kvm_info(facts, settings):
    """H9 (libvirt answers a read-only connection), H17 (NFS pools mounted), H8 (agent.properties readable): kvm_host_info."""
    info = facts.get("kvm_info") or {}
    if "kvm" not in facts["groups"] or not info:
        return []
    if info.get("failed"):
        return [finding("H9", "warning", facts["host"], "kvm_host_info: %s" % (info.get("msg") or "failed"))]
    out, libvirt = [], info.get("libvirt") or {}
    if libvirt.get("answers") is False:
        out.append(finding("H9", "critical", facts["host"], "libvirt does not answer a read-only connection (%s)" % (
            libvirt.get("error") or "no error given")))
    for pool in info.get("storage_pools") or []:
        if pool.get("type") == "netfs" and (pool.get("state") != "running" or pool.get("mounted") is False):
            out.append(finding("H17", "critical", "%s %s" % (facts["host"], pool.get("name")), "NFS pool %s:%s on %s: %s%s" % (
                pool.get("source_host"), pool.get("source_path"), pool.get("target_path"), pool.get("state"),
                "" if pool.get("mounted") is not False else ", not mounted")))
    props = info.get("agent_properties") or {}
    if props.get("exists") and props.get("readable") is False:
        out.append(finding("H8", "critical", facts["host"], "agent.properties not readable"))
    return out


# ---- H24: ports, probed by a TCP connect from the other hosts of the inventory and from the controller -----------------
# (port, the target's group, why it must be closed or open). The expectations are those of the install's firewall (role
# common): 8096 closed to everyone; 8250 of a management server open to the KVM hosts (H8 probes that) and load balancers,
# closed to the others; 8080 open to the load balancers, closed to the other hosts unless their address is in
# admin_sources; 3306 of the db closed to all but the management servers (which are NOT probed: a bare connect counts
# toward MySQL's max_connect_errors for their address; H3 and the server's log cover their reach); 8250 of a load balancer
# open to the KVM hosts. Another management server of the target and the host itself are not judged.
PORT_REASONS = {
    (8096, "closed"): "the unauthenticated integration API must be closed to every host",
    (8250, "closed"): "only the KVM hosts and load balancers need the agent port",
    (8080, "closed"): "only the admin network and the load balancers need the API/UI port",
    (3306, "closed"): "only the management servers need the database",
    (8080, "open"): "the load balancer forwards the API/UI to it",
    (8250, "open"): "the agents connect to it",
}


def _in(address, cidrs):
    try:
        ip = ipaddress.ip_address(str(address))
    except ValueError:
        return False
    for cidr in cidrs or []:
        try:
            if ip in ipaddress.ip_network(str(cidr), strict=False):
                return True
        except ValueError:
            continue
    return False


def _probe(target, address, port, expect, severity):
    return {"target": target, "address": address, "port": port, "expect": expect, "severity": severity}


def healthcheck_port_probes(source, groups, addresses, settings=None):
    """H24: what `source` (an inventory host, or "controller") must probe: a list of {target, address, port, expect
    (open|closed), severity}. groups: the inventory's groups; addresses: host -> address (ansible_host). settings:
    admin_sources (CIDRs allowed to 8080), db_port (3306), only_target (probe this target only)."""
    settings = settings or {}
    groups = groups or {}
    addresses = addresses or {}
    member = {g: set(groups.get(g) or []) for g in ("management", "db", "loadbalancer", "kvm", "nfs")}
    mine = {g for g, hosts in member.items() if source in hosts}
    my_address = addresses.get(source) or source
    out = []
    targets = sorted(set().union(*member.values()))
    for target in targets:
        if target == source or (settings.get("only_target") and target != settings["only_target"]):
            continue
        address = addresses.get(target) or target
        if address == my_address or address == "localhost" or address.startswith("127.") or address == "::1":
            continue  # the host itself: its own loopback tells nothing about exposure
        if target in member["management"] and "management" not in mine:
            out.append(_probe(target, address, 8096, "closed", "critical"))
            if "loadbalancer" in mine:
                out += [_probe(target, address, 8080, "open", "critical"), _probe(target, address, 8250, "open", "critical")]
            elif "kvm" not in mine:
                out.append(_probe(target, address, 8250, "closed", "warning"))
            if not mine & {"loadbalancer"} and source != "controller" and not _in(my_address, settings.get("admin_sources")):
                out.append(_probe(target, address, 8080, "closed", "warning"))
        elif target in member["management"]:
            out.append(_probe(target, address, 8096, "closed", "critical"))
        if target in member["db"] and not mine & {"management", "db"}:
            out.append(_probe(target, address, int(settings.get("db_port") or 3306), "closed", "warning"))
        if target in member["loadbalancer"] and target not in member["management"]:
            if "kvm" in mine:
                out.append(_probe(target, address, 8250, "open", "warning"))
            out.append(_probe(target, address, 8096, "closed", "critical"))
    return out


def host_h24(facts, settings=None):
    """H24: each probe's result (open, refused, timeout, error ...) against what it should be."""
    out = []
    for probe in facts.get("port_probes") or []:
        result = str(probe.get("result", ""))
        if not result:
            continue
        is_open = result == "open"
        where = "%s (%s)" % (probe.get("target"), probe.get("address"))
        source = probe.get("source") or facts["host"]
        if probe.get("expect") == "closed" and is_open:
            why = PORT_REASONS.get((int(probe["port"]), "closed"), "it must be closed there")
            out.append(finding("H24", probe.get("severity", "warning"), probe.get("target"),
                               "TCP %s of %s reachable from %s (%s)" % (probe["port"], where, source, why)))
        elif probe.get("expect") == "open" and not is_open:
            why = PORT_REASONS.get((int(probe["port"]), "open"), "it must be reachable there")
            out.append(finding("H24", probe.get("severity", "warning"), probe.get("target"),
                               "TCP %s of %s not reachable from %s: %s (%s)" % (probe["port"], where, source, result, why)))
    return out


def probe_results(text, probes, source):
    """The probe script's JSON lines joined to the plan (a probe without a result is left out)."""
    got = {}
    for line in (text or "").splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict) and "address" in item:
            got[(str(item["address"]), int(item["port"]))] = item.get("result")
    out = []
    for probe in probes or []:
        result = got.get((str(probe["address"]), int(probe["port"])))
        if result is not None:
            out.append(dict(probe, result=result, source=source))
    return out


# ---- H16 / H17: the exported directories on the NFS servers, the NFS mounts of the KVM hosts, RPC errors in dmesg -----
def _paths(text):
    out = []
    for line in (text or "").splitlines():
        try:
            item = json.loads(line)
        except ValueError:
            continue
        if isinstance(item, dict) and item.get("path"):
            out.append(item)
    return out


def _path_findings(check, host, item, threshold, what):
    path = item["path"]
    if item.get("hung"):
        return [finding(check, "critical", host, "%s %s does not answer (statvfs timed out)" % (what, path))]
    if not item.get("exists"):
        return [finding(check, "critical", host, "%s %s does not exist%s" % (what, path, (": %s" % item["error"]) if item.get(
            "error") else ""))]
    out = []
    if item.get("readonly") or not item.get("writable"):
        cause = "read-only filesystem" if item.get("readonly") else "access(W_OK) as root: %s" % (item.get("error") or "denied")
        out.append(finding(check, "critical", host, "%s %s is not writable by root (%s)" % (what, path, cause)))
    used = item.get("used_percent")
    if used is not None and float(used) >= float(threshold):
        out.append(finding(check, "warning", host, "%s %s is %.1f%% full (%d MiB free) >= %g%%" % (
            what, path, float(used), int(item.get("avail_mb") or 0), float(threshold))))
    return out


def host_storage(facts, settings):
    """H16 (secondary) / H17 (primary) on an NFS server: each exported directory exists, root can write to it (no
    read-only filesystem; access(2), nothing is written), it is exported rw, its filesystem is under the capacity line.
    H17 on a KVM host: each NFS mount answers and root can write to it; RPC / NFS errors in dmesg."""
    out, host = [], facts["host"]
    threshold = settings.get("capacity_threshold", 80)
    secondary = set(facts.get("secondary_exports") or [])
    if "nfs" in facts["groups"]:
        for item in _paths(facts.get("export_dirs")):
            check = "H16" if item["path"] in secondary else "H17"
            out += _path_findings(check, host, item, threshold, "exported directory")
        for path, options in exports(facts.get("exports")):
            if "ro" in [o.split("(")[-1].strip() for o in options.rstrip(")").split(",")]:
                check = "H16" if path in secondary else "H17"
                out.append(finding(check, "critical", host, "export %s is read-only (%s)" % (path, options)))
    if "kvm" in facts["groups"]:
        for item in _paths(facts.get("nfs_mounts")):
            item = dict(item, used_percent=None)  # the pool's capacity is the API's (H20)
            out += _path_findings("H17", host, item, threshold, "NFS mount")
        dmesg = facts.get("dmesg")
        if dmesg is not None and dmesg.startswith("unreadable"):
            out.append(finding("H17", "info", host, "dmesg not readable here (%s): RPC errors not scanned" % dmesg[10:].strip()))
        elif dmesg:
            lines = [line for line in dmesg.splitlines() if line.strip()]
            out.append(finding("H17", "warning", host, "%d NFS/RPC error line(s) in dmesg, last: %s" % (
                len(lines), lines[-1][:300])))
    return out


def exports(text):
    """exportfs -v -> [(path, options of each client)] (a long path puts the clients on the next line)."""
    out, path = [], None
    for line in (text or "").partition("--- showmount")[0].splitlines():
        if not line.strip():
            continue
        if not line[0].isspace():
            parts = line.split(None, 1)
            path, rest = parts[0], parts[1] if len(parts) > 1 else ""
        else:
            rest = line
        if path and "(" in rest:
            out.append((path, rest.strip()))
    return out


HOST_RULES = (host_h1, host_h2, host_h3, host_h4_h5, host_kvm, host_common, host_exports_seen, host_db, host_kvm_info, host_h24,
              host_storage)


def healthcheck_host_findings(facts, settings=None):
    """One host's findings from what tasks/host.yml read on it."""
    if not isinstance(facts, dict) or not facts.get("host"):
        raise AnsibleFilterError("healthcheck_host_findings: the facts must be a dict with host, got %r" % (facts,))
    s = {"java_major": 11, "heap_min_mb": 2048, "log_patterns": DEFAULT_PATTERNS, "capacity_threshold": 80}
    s.update({k: v for k, v in (settings or {}).items() if v is not None})
    facts = dict(facts, groups=list(facts.get("groups") or []))
    out = []
    for rule in HOST_RULES:
        out.extend(rule(facts, s))
    return sorted(out, key=sort_key)


def healthcheck_cross_host(host_facts):
    """H27: the idmapd Domain is the same on every host that has one."""
    domains = {}
    for facts in host_facts or []:
        domain = key_values(facts.get("kernel")).get("idmapd_domain")
        if domain:
            domains.setdefault(domain, []).append(facts["host"])
    if len(domains) < 2:
        return []
    return [finding("H27", "warning", ", ".join(sorted(h for hs in domains.values() for h in hs)), "; ".join(
        "Domain %s on %s" % (d, ", ".join(sorted(hs))) for d, hs in sorted(domains.items())))]


class FilterModule(object):
    def filters(self):
        return {"healthcheck_findings": healthcheck_findings, "healthcheck_capacity_rows": healthcheck_capacity_rows,
                "healthcheck_summary": healthcheck_summary, "healthcheck_sorted": healthcheck_sorted,
                "healthcheck_line": healthcheck_line, "healthcheck_host_findings": healthcheck_host_findings,
                "healthcheck_cross_host": healthcheck_cross_host, "healthcheck_port_probes": healthcheck_port_probes,
                "healthcheck_probe_results": probe_results}
