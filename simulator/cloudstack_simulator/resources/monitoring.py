"""Events, alerts and capacity: listEvents, listAlerts, listCapacity.

- record_event(ctx, type, description, ...) adds an "event" (CloudStack's EventTypes names:
  VM.CREATE, VM.START, VOLUME.CREATE, NETWORK.CREATE, ...); listEvents shows the newest first.
- raise_alert(sim, type, name, subject) adds an "alert" (AlertManager types: 0 memory, 1 CPU, 2 storage,
  3 storage allocated, 4 public IPs, ...); a capacity alert is raised once when a cluster's allocated
  CPU or memory passes cluster.{cpu,memory}.allocated.capacity.notificationthreshold (0.75).
- listCapacity is infra.py's: it counts VMs and volumes through the usage hooks compute.py registers
  (infra.register_host_usage / register_pool_usage), and public IPs from the "publicipaddress" table.
"""
import datetime

from ..backend import backend
from ..context import now
from ..errors import ApiError
from ..registry import api

LEVELS = ("INFO", "WARN", "ERROR")


# ---- events ---------------------------------------------------------------------------------------
def record_event(ctx, type_, description, obj=None, resourcetype=None, level="INFO", state="Completed"):
    """One event, owned by obj's account when given (else by the caller)."""
    who = obj if obj is not None and (obj.get("account") or obj.get("projectid")) else {
        "account": ctx.account["name"], "domainid": ctx.account["domainid"], "domain": ctx.caller["domain"].get("name"),
        "_accountid": ctx.account["id"],
    }
    ev = {
        "username": ctx.user.get("username"), "type": type_, "level": level, "description": description,
        "account": who.get("account"), "domainid": who.get("domainid"), "domain": who.get("domain"),
        "created": now(), "state": state, "_accountid": who.get("_accountid"), "_time": datetime.datetime.now(datetime.timezone.utc).timestamp(),
    }
    if who.get("projectid"):
        ev["projectid"], ev["project"] = who["projectid"], who.get("project")
    if obj is not None and obj.get("id"):
        ev["resourceid"] = obj["id"]
        if resourcetype:
            ev["resourcetype"] = resourcetype
    return ctx.store.add("event", ev)


@api("listEvents")
def list_events(ctx, p):
    evs = ctx.store.all("event")
    evs = ctx.scope(evs)
    evs = ctx.filter_eq(evs, ["id", "type", "level", "resourceid", "resourcetype"], ci_fields=("type", "level", "resourcetype"))
    level = ctx.get("level")
    if level and level.upper() not in LEVELS:
        raise ApiError(431, f"Level {level} is not a valid level; valid levels are INFO, WARN and ERROR")
    start, end = ctx.get("startdate"), ctx.get("enddate")
    if start:
        evs = [e for e in evs if e["created"][:len(start)] >= start]
    if end:
        evs = [e for e in evs if e["created"][:len(end)] <= end]
    duration = ctx.int("duration")
    if duration:
        cutoff = datetime.datetime.now(datetime.timezone.utc).timestamp() - duration
        evs = [e for e in evs if e.get("_time", 0) >= cutoff]
    evs = ctx.filter_keyword(evs, ("type", "description"))
    evs.sort(key=lambda e: e["_seq"], reverse=True)
    return evs


# ---- alerts ---------------------------------------------------------------------------------------------
def raise_alert(sim, type_, name, subject):
    return sim.store.add("alert", {"type": type_, "name": name, "description": subject, "sent": now()})


@api("listAlerts")
def list_alerts(ctx, p):
    alerts = ctx.store.all("alert")
    alerts = ctx.filter_eq(alerts, ["id", "name", "type"])
    alerts = ctx.filter_keyword(alerts, ("description", "name"))
    alerts.sort(key=lambda a: a["_seq"], reverse=True)
    return alerts


def check_cluster_thresholds(ctx, cluster_id):
    """An alert when a cluster's allocated CPU/memory passes its notification threshold (raised once per crossing)."""
    cluster = ctx.store.get("cluster", cluster_id)
    if cluster is None:
        return
    cpu_total = mem_total = cpu_used = mem_used = 0.0
    for host in ctx.store.all("host"):
        if host.get("clusterid") != cluster_id or host.get("type", "Routing") != "Routing":
            continue
        cap = backend.compute.host_capacity(ctx.sim, host)
        used = backend.compute.host_allocated(ctx.sim, host["id"])
        cpu_total += cap["cpu"]
        mem_total += cap["memory"]
        cpu_used += used["cpu"]
        mem_used += used["memory"]
    flags = cluster.setdefault("_alerted", {})
    for kind, used, total, atype, label in (("cpu", cpu_used, cpu_total, 1, "CPU"), ("memory", mem_used, mem_total, 0, "Memory")):
        threshold = float(ctx.config(f"cluster.{kind}.allocated.capacity.notificationthreshold", "0.75") or 0.75)
        over = total > 0 and used / total > threshold
        if over and not flags.get(kind):
            pod = ctx.store.get("pod", cluster.get("podid")) or {}
            zone = ctx.store.get("zone", cluster.get("zoneid")) or {}
            raise_alert(ctx.sim, atype, f"ALERT.{label.upper()}",
                        f"System Alert: Low Available {label} in cluster {cluster.get('name')} pod {pod.get('name')} of availability zone {zone.get('name')}")
        flags[kind] = over
    ctx.store.save("cluster", cluster)
