"""listCapacity as CloudStack 4.18 answers it (ManagementServerImpl.listCapacities / listTopConsumedResources,
CapacityDaoImpl.findCapacityBy, ApiResponseHelper.createCapacityResponse, ListCapacityCmd.execute).

- The stored capacities (op_host_capacity: memory, CPU, CPU cores, allocated storage, public/private IPs, VLANs,
  direct IPs, local storage) are listed only where their total is over 0, summed per zone and type (no pod or
  cluster asked) or per type within the pod/cluster asked.
- STORAGE (primary, used bytes) and SECONDARY_STORAGE are not stored: they are added at list time, STORAGE for
  every zone listed (narrowed to the pod/cluster), SECONDARY_STORAGE at zone level, or for the zone of the pod or
  cluster when no zone is given (ManagementServerImpl's two branches).
- capacityallocated: only at zone level and only for MEMORY, CPU and CPU_CORE: what every VM of the zone
  (user VMs, system VMs, routers; Stopped too, not Destroyed/Error/Expunging) has; when no zone is given,
  CapacityDaoImpl reads one row of its per-zone query, so only the first zone with VMs carries it.
- percentused: (used + reserved) / total, as a float times 100, formatted with DecimalFormat("##.##")
  (half-even, no leading zero: ".5", "0" for nothing).
- Sorted by zone name, then type; sortby=usage lists the capacities grouped by zone (no zone given), by pod
  (a zone), or by cluster (a pod), the most used first, at most pagesize of them.
"""
import decimal
import struct

from ...backend import backend
from ...errors import param_error
from ..helpers import live_vms, sorted_seq
from .model import CAPACITY_NAMES, _capacity_rows

CPU_CORE = 90
NOT_STORED = (2, 6)  # STORAGE and SECONDARY_STORAGE: computed at list time
ALLOCATED_TYPES = (0, 1, CPU_CORE)
NAMES = {**CAPACITY_NAMES, 19: "GPU", CPU_CORE: "CPU_CORE"}


def f32(value):
    """Java's float."""
    return struct.unpack("f", struct.pack("f", float(value)))[0]


def percent_format(value):
    """new DecimalFormat("##.##").format(value): half-even to 2 decimals, no trailing zeros, no leading 0."""
    q = decimal.Decimal(value).quantize(decimal.Decimal("0.01"), rounding=decimal.ROUND_HALF_EVEN)
    if q == 0:
        return "0"
    text = format(q, "f").rstrip("0").rstrip(".")
    return text[1:] if text.startswith("0.") else text.replace("-0.", "-.")


def percent_used(used, total):
    if not total:
        return "0"
    return percent_format(f32(f32(f32(used) / f32(total)) * f32(100.0)))


def _cores(sim, zone, pod=None, cluster=None):
    total = used = 0
    for h in sim.store.find("host", zoneid=zone["id"], type="Routing"):
        if h.get("_removed") or (pod and h.get("podid") != pod["id"]) or (cluster and h.get("clusterid") != cluster["id"]):
            continue
        total += int(h.get("cpunumber") or 0)
        used += backend.compute.host_allocated(sim, h["id"])["cores"]
    return total, used


def zone_allocated(sim, zone):
    """(cores, cpu MHz, memory bytes) of every VM of the zone, or None when it has none (no row)."""
    vms = live_vms(sim, zoneid=zone["id"])
    if not vms:
        return None
    sizes = [backend.compute.vm_resources(v) for v in vms]
    return {CPU_CORE: sum(s["cores"] for s in sizes), 1: sum(s["cpu"] for s in sizes), 0: sum(s["memory"] for s in sizes)}


def _stored(sim, zone, pod, cluster):
    """(type, total, used) of the op_host_capacity rows of a zone (narrowed), total > 0 only."""
    rows = [(t, total, used) for t, total, used, _alloc in _capacity_rows(sim, zone, pod, cluster) if t not in NOT_STORED]
    rows.append((CPU_CORE,) + _cores(sim, zone, pod, cluster))
    return [r for r in rows if r[1] > 0]


def _primary(sim, zone, pod, cluster):
    """StorageManagerImpl.getStoragePoolUsedStats: (total, used) bytes of the primary pools in scope."""
    rows = {t: (total, used) for t, total, used, _alloc in _capacity_rows(sim, zone, pod, cluster) if t == 2}
    return rows.get(2, (0, 0))


def _secondary(sim, zone):
    rows = {t: (total, used) for t, total, used, _alloc in _capacity_rows(sim, zone) if t == 6}
    return rows.get(6, (0, 0))


def _row(zone, typ, total, used, pod=None, cluster=None, allocated=None):
    row = {"type": typ, "name": NAMES.get(typ, str(typ)), "zoneid": zone["id"], "zonename": zone["name"],
           "capacitytotal": int(total), "capacityused": int(used), "percentused": percent_used(used, total)}
    if allocated is not None:
        row["capacityallocated"] = int(allocated)
    if cluster:
        row.update(clusterid=cluster["id"], clustername=cluster["name"], podid=cluster["podid"], podname=cluster["podname"])
    if pod:
        row.update(podid=pod["id"], podname=pod["name"])
    return row


def list_capacities(sim, zone=None, pod=None, cluster=None, typ=None):
    narrowed = pod is not None or cluster is not None
    zones = [zone] if zone else ([] if narrowed else sorted_seq(sim.store.all("zone")))
    if narrowed and zone is None:
        zone_of = sim.store.get("zone", (cluster or pod)["zoneid"])
        scan = [zone_of]
    else:
        scan = zones
    out, first_alloc = [], None
    for z in scan:
        if narrowed and ((cluster and cluster["zoneid"] != z["id"]) or (pod and pod["zoneid"] != z["id"])):
            continue
        alloc = None
        if not narrowed:
            alloc = zone_allocated(sim, z)
            if zone is None and alloc is not None:
                # no zone asked: CapacityDaoImpl reads the first row of its per-zone query only
                first_alloc = first_alloc or z["id"]
                alloc = alloc if z["id"] == first_alloc else None
        for t, total, used in _stored(sim, z, pod, cluster):
            if typ is None or t == typ:
                out.append(_row(z, t, total, used, pod, cluster, (alloc or {}).get(t) if t in ALLOCATED_TYPES else None))
    for z in zones:
        if typ in (None, 6) and not narrowed:
            out.append(_row(z, 6, *_secondary(sim, z)))
        if typ in (None, 2):
            out.append(_row(z, 2, *_primary(sim, z, pod, cluster), pod=pod, cluster=cluster))
    if narrowed and zone is None and typ in (None, 6):
        out.append(_row(scan[0], 6, *_secondary(sim, scan[0])))
    out.sort(key=lambda r: (r["zonename"], r["type"]))
    return out


def top_consumed(sim, zone=None, pod=None, cluster=None, typ=None, limit=500):
    """sortby=usage: per zone (no zone), per pod (a zone) or per cluster (a pod), the most used first."""
    if cluster is not None:
        raise param_error("Currently clusterId param is not suppoerted")
    zones = [zone] if zone else sorted_seq(sim.store.all("zone"))
    rows = []
    for z in zones:
        if pod is not None and pod["zoneid"] != z["id"]:
            continue
        if zone is None:
            groups = [(None, None)]
        elif pod is None:
            groups = [(p, None) for p in sorted_seq(sim.store.find("pod", zoneid=z["id"]))]
        else:
            groups = [(pod, c) for c in sorted_seq(sim.store.find("cluster", podid=pod["id"]))]
        for p, c in groups:
            for t, total, used in _stored(sim, z, p, c):
                if typ is None or t == typ:
                    rows.append(_row(z, t, total, used, p, c))
        if typ in (None, 6) and pod is None:
            rows.append(_row(z, 6, *_secondary(sim, z)))
        if typ in (None, 2):
            rows.append(_row(z, 2, *_primary(sim, z, pod, None), pod=pod))
    rows.sort(key=lambda r: -float(r["percentused"]))
    rows = rows[:limit]
    rows.sort(key=lambda r: r["zonename"])
    return rows
