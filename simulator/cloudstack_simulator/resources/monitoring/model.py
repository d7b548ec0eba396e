"""Events, alerts and capacity: listEvents, listAlerts, listCapacity.

- record_event(ctx, type, description, ...) adds an "event" (CloudStack's EventTypes names:
  VM.CREATE, VM.START, VOLUME.CREATE, NETWORK.CREATE, ...); listEvents shows the newest first.
- raise_alert(sim, type, name, subject) adds an "alert" (AlertManager types: 0 memory, 1 CPU, 2 storage,
  3 storage allocated, 4 public IPs, ...); a capacity alert is raised once when a cluster's allocated
  CPU or memory passes cluster.{cpu,memory}.allocated.capacity.notificationthreshold (0.75).
- listCapacity is infra's: it counts VMs and volumes through the usage hooks compute registers
  (infra.register_host_usage / register_pool_usage), and public IPs from the "publicipaddress" table.
"""

import datetime

from ...backend import backend
from ...context import now

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


# ---- alerts ---------------------------------------------------------------------------------------------
# AlertService.AlertType: the default alerts' types and names (generateAlert refuses another name for these types)
ALERT_TYPES = {
    0: "ALERT.MEMORY", 1: "ALERT.CPU", 2: "ALERT.STORAGE", 3: "ALERT.STORAGE.ALLOCATED", 4: "ALERT.NETWORK.PUBLICIP",
    5: "ALERT.NETWORK.PRIVATEIP", 6: "ALERT.STORAGE.SECONDARY", 7: "ALERT.COMPUTE.HOST", 8: "ALERT.USERVM",
    9: "ALERT.SERVICE.DOMAINROUTER", 10: "ALERT.SERVICE.CONSOLEPROXY", 11: "ALERT.NETWORK.ROUTING", 12: "ALERT.STORAGE.MISC",
    13: "ALERT.USAGE", 14: "ALERT.MANAGEMENT", 15: "ALERT.NETWORK.DOMAINROUTERMIGRATE", 16: "ALERT.SERVICE.CONSOLEPROXYMIGRATE",
    17: "ALERT.USERVM.MIGRATE", 18: "ALERT.NETWORK.VLAN", 19: "ALERT.SERVICE.SSVM", 20: "ALERT.USAGE.RESULT",
    21: "ALERT.STORAGE.DELETE", 22: "ALERT.RESOURCE.COUNT", 23: "ALERT.USAGE.SANITY", 24: "ALERT.NETWORK.DIRECTPUBLICIP",
    25: "ALERT.STORAGE.LOCAL", 26: "ALERT.RESOURCE.EXCEED", 27: "ALERT.TYPE.SYNC", 28: "ALERT.UPLOAD.FAILED", 29: "ALERT.OOBM.AUTHERROR",
}


def raise_alert(sim, type_, name, subject):
    return sim.store.add("alert", {"type": type_, "name": name, "description": subject, "sent": now(),
                                   "_time": datetime.datetime.now(datetime.timezone.utc).timestamp()})


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
