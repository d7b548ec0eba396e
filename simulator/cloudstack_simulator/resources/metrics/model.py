"""What CloudStack's metrics plugin (MetricsServiceImpl, 4.18) answers, from the simulator's own state.

- The management server is the simulator itself: its id is infra's managementserverid (the hosts name it),
  lastserverstart its start, sessions its login sessions, agentcount the hosts it manages that are Up.
- The database: queries counts the commands the simulator answered, uptime its age, connections its sessions.
- The usage server: Up when enable.usage.server is true (a fresh 4.18 install's value), else Down.
- Tests make other states on purpose with ``set_server_state(sim, part, **fields)`` (part: "management", "db",
  "usage"): the fields given replace the computed ones (state="Down", heapmemoryused=..., connections=...), and
  ``set_server_state(sim, part)`` with no fields clears them.
- Host and pool metrics are listHosts / listStoragePools plus the fields the metrics responses add
  (HostMetricsResponse, StoragePoolMetricsResponse): GHz/GiB strings and the threshold flags, with the
  cluster-scoped thresholds of AlertManager / CapacityManager (notification 0.75, disable 0.85 by default).
"""
import datetime
import platform
import time

from ...backend import backend
from ...context import now
from ..helpers import live

GIB = 1024.0 ** 3
OVERRIDES = "metrics:overrides"
PARTS = ("management", "db", "usage")


def set_server_state(sim, part, **fields):
    """Test helper: fields that replace the computed ones of a part (management, db, usage); none: back to computed."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}: one of {', '.join(PARTS)}")
    overrides = dict(sim.store.meta.get(OVERRIDES) or {})
    overrides[part] = dict(fields)
    sim.store.set_meta(OVERRIDES, overrides)


def _overridden(sim, part, view):
    view.update((sim.store.meta.get(OVERRIDES) or {}).get(part) or {})
    return view


def _date(ts):
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


def _agents(sim, msid):
    return len([h for h in sim.store.all("host") if h.get("managementserverid") == msid and h.get("state") == "Up" and not h.get("_removed")])


def management_server_view(sim, system=False):
    msid = backend.infra.management_server_id(sim)
    heap_total = 2 * 1024 ** 3
    view = {
        "id": msid, "name": platform.node() or "localhost", "state": "Up", "version": backend.infra.VERSION,
        "javadistribution": "OpenJDK 64-Bit Server VM", "javaversion": "11.0.20", "osdistribution": "Simulator",
        "kernelversion": platform.release(), "lastserverstart": _date(sim.started), "lastboottime": _date(sim.started),
        "collectiontime": now(), "agentcount": _agents(sim, msid), "sessions": len(sim.sessions),
        "availableprocessors": 2, "heapmemorytotal": heap_total, "heapmemoryused": heap_total // 4, "cpuload": "0.5%",
        "threadstotalcount": 120, "threadsdaemoncount": 90, "threadsrunnablecount": 10, "threadsblockedcount": 0,
        "threadswaitingcount": 110, "threadsteminatedcount": 0, "dbislocal": True, "usageislocal": True,
        "loginfo": "/var/log/cloudstack/management/management-server.log",
    }
    if system:
        view.update(systemloadaverages=[0.1, 0.1, 0.1], systemcycleusage=[1000, 500, 100000], systemtotalcpucycles=2000.0,
                    systemmemorytotal="8.00 GB", systemmemoryfree="6.00 GB", systemmemoryused="2.00 GB", systemmemoryvirtualsize="4.00 GB")
    return _overridden(sim, "management", view)


def db_view(sim):
    return _overridden(sim, "db", {
        "hostname": "localhost", "version": "8.0.35", "versioncomment": "MySQL Community Server - GPL", "collectiontime": now(),
        "connections": len(sim.sessions) + 1, "queries": sum(sim.calls.values()), "uptime": int(time.time() - sim.started),
        "dbloadaverages": [0.1, 0.1, 0.1], "replicas": [], "tlsversions": "TLSv1.2,TLSv1.3",
    })


def usage_view(sim):
    up = str(sim.config_value("enable.usage.server", "true")).lower() == "true"
    view = {"hostname": platform.node() or "localhost", "collectiontime": now(), "state": "Up" if up else "Down"}
    if up:
        view.update(lastheartbeat=now(), lastsuccessfuljob=_date(sim.started))
    return _overridden(sim, "usage", view)


# ---- hosts and pools ------------------------------------------------------------------------------------------
def _threshold(sim, name, cluster_id, default):
    try:
        return float(sim.config_value(name, default, "cluster", cluster_id))
    except (TypeError, ValueError):
        return float(default)


def _percent(text):
    try:
        return float(str(text or "0").rstrip("%"))
    except ValueError:
        return 0.0


def host_metrics(sim, view):
    """HostMetricsResponse's fields added to a listHosts view."""
    cid = view.get("clusterid")
    cores, speed = int(view.get("cpunumber") or 0), int(view.get("cpuspeed") or 0)
    cpu_over = backend.infra.factor(sim, "cpu.overprovisioning.factor", "cluster", cid)
    mem_over = backend.infra.factor(sim, "mem.overprovisioning.factor", "cluster", cid)
    cpu_n = _threshold(sim, "cluster.cpu.allocated.capacity.notificationthreshold", cid, "0.75")
    cpu_d = _threshold(sim, "cluster.cpu.allocated.capacity.disablethreshold", cid, "0.85")
    mem_n = _threshold(sim, "cluster.memory.allocated.capacity.notificationthreshold", cid, "0.75")
    mem_d = _threshold(sim, "cluster.memory.allocated.capacity.disablethreshold", cid, "0.85")
    used, allocated = _percent(view.get("cpuused")), _percent(view.get("cpuallocated"))
    mem_total, mem_used, mem_alloc = int(view.get("memorytotal") or 0), int(view.get("memoryused") or 0), int(view.get("memoryallocated") or 0)
    vms = live(sim, "virtualmachine", hostid=view["id"])  # user VMs (4.19 adds systeminstances for the others)
    view.update(
        cputotalghz="%.2f Ghz" % (cores * speed / 1000.0), cpuusedghz="%.2f Ghz" % (used * cores * speed / 100000.0),
        cpuallocatedghz="%.2f Ghz" % (allocated * cores * speed / 100000.0), cpuloadaverage=float(view.get("averageload") or 0.0),
        memorytotalgb="%.2f GB" % (mem_total / GIB), memoryusedgb="%.2f GB" % (mem_used / GIB), memoryallocatedgb="%.2f GB" % (mem_alloc / GIB),
        networkread="%.2f GB" % (int(view.get("networkkbsread") or 0) / (1024.0 ** 2)),
        networkwrite="%.2f GB" % (int(view.get("networkkbswrite") or 0) / (1024.0 ** 2)),
        cputhreshold=used > 100.0 * cpu_n, cpudisablethreshold=used > 100.0 * cpu_d,
        cpuallocatedthreshold=allocated > 100.0 * cpu_n * cpu_over, cpuallocateddisablethreshold=allocated > 100.0 * cpu_d * cpu_over,
        memorythreshold=mem_used > mem_total * mem_n, memorydisablethreshold=mem_used > mem_total * mem_d,
        memoryallocatedthreshold=mem_alloc > mem_total * mem_n * mem_over, memoryallocateddisablethreshold=mem_alloc > mem_total * mem_d * mem_over,
        instances="%d / %d" % (len([v for v in vms if v.get("state") == "Running"]), len(vms)),
    )
    return view


def pool_metrics(sim, view):
    """StoragePoolMetricsResponse's fields added to a listStoragePools view."""
    cid = view.get("clusterid")
    total, used, alloc = int(view.get("disksizetotal") or 0), int(view.get("disksizeused") or 0), int(view.get("disksizeallocated") or 0)
    over = float(view.get("overprovisionfactor") or 1.0)
    use_n = _threshold(sim, "cluster.storage.capacity.notificationthreshold", cid, "0.75")
    use_d = _threshold(sim, "pool.storage.capacity.disablethreshold", cid, "0.85")
    alloc_n = _threshold(sim, "cluster.storage.allocated.capacity.notificationthreshold", cid, "0.75")
    alloc_d = _threshold(sim, "pool.storage.allocated.capacity.disablethreshold", cid, "0.85")
    view.update(
        disksizetotalgb="%.2f GB" % (total / GIB), disksizeusedgb="%.2f GB" % (used / GIB), disksizeallocatedgb="%.2f GB" % (alloc / GIB),
        disksizeunallocatedgb="%.2f GB" % ((total * over - alloc) / GIB),
        storageusagethreshold=used > total * use_n, storageusagedisablethreshold=used > total * use_d,
        storageallocatedthreshold=alloc > total * over * alloc_n, storageallocateddisablethreshold=alloc > total * over * alloc_d,
    )
    return view
