"""Virtual machines: deploy with placement by capacity, the state machine, list at scale.

Store type "virtualmachine" (fields of listVirtualMachines). Internal fields: _accountid, _lasthostid,
_destroyed_at (time.time() of the destroy), _offering (cpu/speed/memory in use), _keypairs.

States: Starting -> Running -> Stopping -> Stopped; Destroyed (recoverable until expunged);
Expunging -> gone. deployVirtualMachine places the VM at submit time (capacity is reserved at once, so
parallel deploys cannot over-commit a host); nothing fits -> the job fails with 533.

Capacity helpers for other modules (listHosts, listCapacity, alerts):
- host_capacity(sim, host) -> {"cpu": MHz, "memory": bytes, "cores": n} (with the cluster's overcommit ratios);
- host_allocated(sim, hostid) -> {"cpu": MHz, "memory": bytes, "cores": n, "vms": count} of the VMs placed on it;
- pool_allocated(sim, poolid) -> bytes of the volumes on a primary storage pool.
"""

import random
import re
import time

from ...backend import backend
from ...context import now
from ...errors import ApiError, invalid_id, param_error
from ..helpers import as_bool, check_access, is_admin, owner_view, sweeper, tag_list

MIB = 1024 ** 2
ACTIVE = ("Starting", "Running", "Stopping", "Migrating")
NAME_RE = re.compile(r"^(?![0-9])(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
STATS = {"cpuused": "10%", "receivedbytes": 0, "sentbytes": 0, "networkkbsread": 0, "networkkbswrite": 0, "diskkbsread": 0, "diskkbswrite": 0, "memorykbs": 0,
         "memoryintfreekbs": 0, "memorytargetkbs": 0, "diskioread": 0, "diskiowrite": 0}
DETAIL_GROUPS = {
    "group": ("group", "groupid"),
    "nics": ("nic",),
    "stats": tuple(STATS),
    "secgrp": ("securitygroup",),
    "tmpl": ("templateid", "templatename", "templatedisplaytext", "passwordenabled"),
    "servoff": ("serviceofferingid", "serviceofferingname", "cpunumber", "cpuspeed", "memory"),
    "diskoff": ("diskofferingid", "diskofferingname"),
    "iso": ("isoid", "isoname", "isodisplaytext"),
    "volume": ("rootdeviceid", "rootdevicetype"),
    "affgrp": ("affinitygroup",),
    "backoff": ("backupofferingid", "backupofferingname"),
}
MIN_FIELDS = ("id", "name", "displayname", "state", "account", "domainid", "domain", "projectid", "project", "zoneid", "zonename",
              "hostid", "hostname", "instancename", "created", "hypervisor", "haenable", "displayvm", "tags", "userid", "username",
              "details", "ostypeid", "guestosid", "osdisplayname", "isdynamicallyscalable", "keypairs", "userdata", "lastupdated")


# ---- the capacity index (built from the store once per simulator, kept up to date by the helpers below) -----------
class Index:
    def __init__(self, sim):
        self.hosts = {}  # hostid -> [cpu MHz, memory bytes, cores, vms]
        self.pools = {}  # poolid -> bytes allocated
        self.names = {}  # (networkid, lower(name)) -> vmid
        for vm in sim.store.all("virtualmachine"):
            if vm.get("hostid") and vm.get("state") in ACTIVE:
                self.add_host(vm["hostid"], vm, 1)
            if not vm.get("_removed"):
                for nic in vm.get("nic") or []:
                    self.names[(nic.get("networkid"), vm["name"].lower())] = vm["id"]
        for vol in sim.store.all("volume"):
            if vol.get("storageid") and not vol.get("_removed"):
                self.pools[vol["storageid"]] = self.pools.get(vol["storageid"], 0) + int(vol.get("size") or 0)

    def add_host(self, hostid, vm, sign):
        row = self.hosts.setdefault(hostid, [0, 0, 0, 0])
        o = vm_resources(vm)
        row[0] += sign * o["cpu"]
        row[1] += sign * o["memory"]
        row[2] += sign * o["cores"]
        row[3] += sign


def index(sim):
    idx = getattr(sim, "_compute_index", None)
    if idx is None:
        idx = Index(sim)
        sim._compute_index = idx
    return idx


def vm_resources(vm):
    cores = int(vm.get("cpunumber") or 1)
    return {"cpu": cores * int(vm.get("cpuspeed") or 0), "memory": int(vm.get("memory") or 0) * MIB, "cores": cores}


def _factor(sim, name, scope, scope_id, default="1.0"):
    try:
        return float(sim.config_value(name, default, scope, scope_id))
    except (TypeError, ValueError):
        return float(default)


def host_capacity(sim, host):
    """What a host offers to VMs: CPU MHz and memory bytes after the cluster's overprovisioning factors."""
    cores = int(host.get("cpunumber") or 4)
    speed = int(host.get("cpuspeed") or 8000)
    memory = int(host.get("memorytotal") or 8589934592)
    cid = host.get("clusterid")
    return {"cpu": cores * speed * _factor(sim, "cpu.overprovisioning.factor", "cluster", cid),
            "memory": memory * _factor(sim, "mem.overprovisioning.factor", "cluster", cid),
            "cores": cores}


def host_allocated(sim, hostid):
    row = index(sim).hosts.get(hostid, [0, 0, 0, 0])
    return {"cpu": row[0], "memory": row[1], "cores": row[2], "vms": row[3]}


def pool_allocated(sim, poolid):
    return index(sim).pools.get(poolid, 0)


def pool_capacity(sim, pool):
    """Bytes that may be allocated on a pool: its capacity times storage.overprovisioning.factor (as listStoragePools shows it)."""
    total = pool.get("_capacity", pool.get("disksizetotal"))
    total = int(total if total is not None else 1024 ** 4)
    if str(pool.get("type", "NetworkFilesystem")) in ("NetworkFilesystem", "VMFS", "Filesystem", "SharedMountPoint", "PreSetup", "RBD"):
        return total * _factor(sim, "storage.overprovisioning.factor", "storagepool", pool["id"], "2.0")
    return total


def pool_add(sim, poolid, size):
    """Account size bytes (negative to release) on a pool, and show it in the pool's disksizeallocated."""
    if not poolid:
        return
    idx = index(sim)
    idx.pools[poolid] = idx.pools.get(poolid, 0) + int(size)
    pool = sim.store.get("storagepool", poolid)
    if pool is not None:
        pool["disksizeallocated"] = pool["disksizeused"] = max(0, idx.pools[poolid])
        sim.store.save("storagepool", pool)


def _host_usage_hook(sim, host):
    row = host_allocated(sim, host["id"])
    return row["cpu"], row["memory"]


def _pool_usage_hook(sim, pool):
    used = pool_allocated(sim, pool["id"])
    return used, used


# listHosts / listStoragePools / listCapacity (infra) count what runs here through these hooks
backend.infra.register_host_usage(_host_usage_hook)
backend.infra.register_pool_usage(_pool_usage_hook)


def _place(sim, vm, host):
    vm["hostid"], vm["hostname"] = host["id"], host.get("name")
    vm["_lasthostid"] = host["id"]
    if host.get("podid"):
        vm["_podid"] = host["podid"]
    index(sim).add_host(host["id"], vm, 1)


def _release(sim, vm):
    if vm.get("hostid"):
        index(sim).add_host(vm["hostid"], vm, -1)
    vm.pop("hostid", None)
    vm.pop("hostname", None)


# ---- placement ------------------------------------------------------------------------------------------------------
def _enabled(obj):
    return obj is None or obj.get("allocationstate", "Enabled") == "Enabled"


def _host_usable(sim, host):
    if host.get("type", "Routing") != "Routing" or host.get("state", "Up") != "Up" or host.get("resourcestate", "Enabled") != "Enabled":
        return False
    st = sim.store
    return _enabled(st.get("cluster", host.get("clusterid"))) and _enabled(st.get("pod", host.get("podid")))


def _fits(sim, host, need):
    cap = host_capacity(sim, host)
    used = host_allocated(sim, host["id"])
    return used["cpu"] + need["cpu"] <= cap["cpu"] and used["memory"] + need["memory"] <= cap["memory"] and \
        int(host.get("cpuspeed") or 8000) >= int(need.get("speed") or 0) and int(host.get("cpunumber") or 4) >= need["cores"]


def _pool_scope(pool):
    scope = pool.get("scope")
    if scope:
        return str(scope).upper()
    return "CLUSTER" if pool.get("clusterid") else "ZONE"


def pool_reachable(pool, host):
    if pool.get("zoneid") and pool["zoneid"] != host.get("zoneid"):
        return False
    scope = _pool_scope(pool)
    if scope == "CLUSTER":
        return pool.get("clusterid") == host.get("clusterid")
    if scope == "HOST":
        return pool.get("_hostid", pool.get("hostid")) == host["id"] or (not pool.get("_hostid") and pool.get("clusterid") == host.get("clusterid"))
    return True


def pick_pool(sim, host, size, tags, local=False, exclude=(), taken=None):
    """A primary storage pool the host reaches, with the tags, and room for size bytes (None if none).

    taken: {poolid: bytes} already promised to other disks of the same plan.
    """
    want = set(tag_list(tags))
    taken = taken or {}
    for pool in sim.store.all("storagepool"):
        if pool["id"] in exclude or pool.get("_removed") or pool.get("state", "Up") != "Up":
            continue
        if (_pool_scope(pool) == "HOST") != bool(local):
            continue
        if not pool_reachable(pool, host) or not want.issubset(set(tag_list(pool.get("tags")))):
            continue
        if pool_allocated(sim, pool["id"]) + taken.get(pool["id"], 0) + size <= pool_capacity(sim, pool):
            return pool
    return None


def _affinity_filter(sim, hosts, groups, vmid=None):
    for g in groups:
        members = [sim.store.get("virtualmachine", v) for v in g.get("virtualmachineIds") or [] if v != vmid]
        used = {m.get("hostid") for m in members if m and m.get("hostid")}
        if g.get("type") == "host anti-affinity":
            hosts = [h for h in hosts if h["id"] not in used]
        elif g.get("type") == "host affinity" and used:
            hosts = [h for h in hosts if h["id"] in used]
    return hosts


def plan(ctx, vm, zone, disks, podid=None, clusterid=None, hostid=None, exclude_hosts=()):
    """Choose a host for vm (its cpu/memory fields) and pools for its unplaced disks.

    disks: [(volume-or-None, size, tags, local)] for volumes that need a pool, or [(volume, None, None, None)]
    for volumes already on a pool (the host must reach it). Returns (host, [pool per disk]) or None.
    """
    sim = ctx.sim
    need = vm_resources(vm)
    need["speed"] = int(vm.get("cpuspeed") or 0)
    hosttags = set(tag_list(vm.get("_hosttags")))
    hosts = []
    for h in ctx.store.all("host"):
        if h.get("zoneid") != zone["id"] or h["id"] in exclude_hosts:
            continue
        if hostid and h["id"] != hostid:
            continue
        if podid and h.get("podid") != podid or clusterid and h.get("clusterid") != clusterid:
            continue
        if not _host_usable(sim, h) or not hosttags.issubset(set(tag_list(h.get("hosttags")))):
            continue
        hosts.append(h)
    groups = [ctx.store.get("affinitygroup", a["id"]) for a in vm.get("affinitygroup") or []]
    hosts = _affinity_filter(sim, hosts, [g for g in groups if g], vm.get("id"))
    algo = str(ctx.config("vm.allocation.algorithm", "random") or "random")
    if algo == "random":
        random.shuffle(hosts)
    else:
        hosts.sort(key=lambda h: h.get("_seq", 0))
    for h in hosts:
        if not _fits(sim, h, need):
            continue
        pools, taken = [], {}
        ok = True
        for vol, size, tags, local in disks:
            if vol is not None and vol.get("storageid"):
                pool = ctx.store.get("storagepool", vol["storageid"])
                if pool is None or not pool_reachable(pool, h):
                    ok = False
                    break
                pools.append(pool)
                continue
            pool = pick_pool(sim, h, size, tags, local, taken=taken)
            if pool is None:
                ok = False
                break
            taken[pool["id"]] = taken.get(pool["id"], 0) + size
            pools.append(pool)
        if ok:
            return h, pools
    return None


def fail_later(ctx, err, vmid):
    """An async VM command whose job fails with err (capacity is found wanting while the job runs)."""

    def fail():
        raise err

    return ctx.later(fail, "VirtualMachine", vmid)


def insufficient(vm, affinity=False):
    text = f"Unable to create a deployment for VM[User|{vm['instancename']}]"
    if affinity:
        text += ", Please check the affinity groups provided, there may not be sufficient capacity to follow them"
    return ApiError(533, text)


# ---- lookups and views ---------------------------------------------------------------------------------------------
def get_vm(ctx, name="id", value=None, required=True):
    sweep(ctx.sim)
    value = value if value is not None else ctx.get(name)
    if value is None:
        if required:
            ctx.require(name)
        return None
    vm = ctx.store.get("virtualmachine", value)
    if vm is None or vm.get("_removed"):
        raise invalid_id(ctx.command, name, value)
    check_access(ctx, vm, "virtual machine")
    return vm


def vm_label(vm):
    return f"VM[User|{vm.get('instancename')}]"


def touch(ctx, vm):
    vm["lastupdated"] = now()
    ctx.store.save("virtualmachine", vm)
    return vm


def refresh_volumes_view(ctx, vm):
    for vol in backend.volumes.volumes_of(ctx.sim, vm["id"]):
        vol["vmstate"], vol["vmname"], vol["vmdisplayname"] = vm["state"], vm["name"], vm.get("displayname")
        ctx.store.save("volume", vol)


def set_state(ctx, vm, state):
    vm["state"] = state
    if state == "Running":
        for k, v in STATS.items():
            vm.setdefault(k, v)
    touch(ctx, vm)
    refresh_volumes_view(ctx, vm)


# ---- expunge after destroy -----------------------------------------------------------------------------------------
def sweep(sim):
    """Run due background work now (the lazy check; the sweeper thread runs it too)."""
    if not getattr(sim, "_workload_recovered", False):
        sim._workload_recovered = True
        if not sim.store.fresh:
            restart_recovery(sim)
            backend.images.restart_recovery(sim)
    _repair_transitions(sim)
    sw = getattr(sim, "_workload_sweeper", None)
    if sw is not None and sw.heap:
        sw.run_due()


def tracked(ctx, later, vmid, from_state, revert):
    """A VM job whose work may never run (the job failed before, e.g. an injected job failure): when the job is
    over and its work did not run, revert(vm) puts the VM back in a consistent state (next sweep)."""
    reg = ctx.sim.__dict__.setdefault("_vm_transitions", {})
    work = later.fn

    def fn():
        if reg.get(vmid, (None,))[0] is later:
            reg.pop(vmid, None)
        return work()

    later.fn = fn
    reg[vmid] = (later, from_state, revert)
    return later


def _repair_transitions(sim):
    reg = getattr(sim, "_vm_transitions", None)
    if not reg:
        return
    running = {id(entry[0]) for entry in list(sim._pending.values())}
    for vmid, (later, state, revert) in list(reg.items()):
        if id(later) in running:
            continue
        reg.pop(vmid, None)
        vm = sim.store.get("virtualmachine", vmid)
        if vm is not None and vm.get("state") == state:
            revert(vm)
            vm["lastupdated"] = now()
            sim.store.save("virtualmachine", vm)


def _schedule_expunge(ctx, vm):
    delay = float(ctx.config("expunge.delay", "86400") or 86400)
    sim, vmid = ctx.sim, vm["id"]
    vm["_expunge_at"] = time.time() + delay

    def due():
        cur = sim.store.get("virtualmachine", vmid)
        if cur is not None and cur.get("state") in ("Destroyed", "Error") and not cur.get("_removed") and cur.get("_expunge_at", 0) <= time.time() + 0.001:
            expunge_now(sim, cur)

    sweeper(sim).at(vm["_expunge_at"], due)


def expunge_now(sim, vm):
    """Remove a VM: host capacity, NICs, ROOT volume; DATA volumes are detached and stay."""
    _release(sim, vm)
    for nic in vm.get("nic") or []:
        backend.guestnet.release_nic(sim, vm, nic)
    backend.volumes.on_vm_expunged(sim, vm)
    backend.vmsnapshots.on_vm_expunged(sim, vm)
    for g in vm.get("affinitygroup") or []:
        grp = sim.store.get("affinitygroup", g["id"])
        if grp and vm["id"] in (grp.get("virtualmachineIds") or []):
            grp["virtualmachineIds"].remove(vm["id"])
            sim.store.save("affinitygroup", grp)
    backend.guestnet.sg_remove_vm(sim, vm)
    backend.guestnet.forget_vm_rules(sim, vm)
    backend.guestnet.delete_tags_of(sim, vm["id"])
    sim.store.delete("virtualmachine", vm["id"])


def restart_recovery(sim):
    """After a restart from a saved state: reschedule the pending expunges."""
    sw = sweeper(sim)
    for vm in sim.store.all("virtualmachine"):
        if vm.get("state") in ("Destroyed", "Error") and vm.get("_expunge_at"):
            vmid = vm["id"]

            def due(vmid=vmid):
                cur = sim.store.get("virtualmachine", vmid)
                if cur is not None and cur.get("state") in ("Destroyed", "Error"):
                    expunge_now(sim, cur)

            sw.at(vm["_expunge_at"], due)


# ---- deploy -----------------------------------------------------------------------------------------------------------
def _custom_offering(ctx, off, details):
    vals = {}
    for key, field in (("cpuNumber", "cpunumber"), ("cpuSpeed", "cpuspeed"), ("memory", "memory")):
        v = details.get(key, details.get(key.lower()))
        if v is None:
            v = off.get(field)
        if v in (None, "", 0):
            raise param_error("Need to specify custom parameter values cpu, cpu speed and memory when using custom offering")
        try:
            vals[field] = int(v)
        except (TypeError, ValueError):
            raise param_error(f"Invalid value for {key}: {v}") from None
    for field, lo, hi in (("cpunumber", "mincpunumber", "maxcpunumber"), ("memory", "minmemory", "maxmemory")):
        if off.get(lo) and vals[field] < int(off[lo]) or off.get(hi) and vals[field] > int(off[hi]):
            raise param_error(f"Invalid {field}: {vals[field]}; the offering allows {off.get(lo)} to {off.get(hi)}")
    return vals


def offering_values(ctx, off, details):
    if as_bool(off.get("iscustomized")) or not off.get("cpunumber") or not off.get("cpuspeed") or not off.get("memory"):
        return _custom_offering(ctx, off, details)
    return {"cpunumber": int(off["cpunumber"]), "cpuspeed": int(off["cpuspeed"]), "memory": int(off["memory"])}


def _image(ctx, name="templateid"):
    value = ctx.require(name)
    tmpl = ctx.store.get("template", value)
    if tmpl is not None and not tmpl.get("_removed"):
        return tmpl, False
    iso = ctx.store.get("iso", value)
    if iso is not None and not iso.get("_removed"):
        return iso, True
    raise invalid_id(ctx.command, name, value)


def image_in_zone(image, zoneid):
    if as_bool(image.get("crossZones")):
        return True
    zones = image.get("_zones")
    if zones is not None:
        return zoneid in zones
    return not image.get("zoneid") or image.get("zoneid") == zoneid


def image_ready(ctx, image, zone):
    """Registered images are ready once downloaded; the seeded ones once the zone has secondary storage."""
    if image.get("_registered"):
        return as_bool(image.get("isready"))
    return backend.templates.zone_ready(ctx, zone)


def active_offering(ctx, param="serviceofferingid"):
    """The service offering a deploy or scale names. CloudStack translates the uuid even for a deleted offering
    (ParamProcessWorker looks up removed rows too) and then refuses it in the service layer (findById skips them)."""
    off = ctx.obj("serviceoffering", param, required=True)
    if off.get("_state") == "Inactive":
        raise param_error(f"Unable to find service offering: {off.get('_seq')}")
    return off


def _keypairs(ctx, own):
    names = ctx.list("keypairs") or ([ctx.get("keypair")] if ctx.get("keypair") else [])
    out = []
    for name in names:
        kp = None
        for k in ctx.store.all("sshkeypair"):
            if k.get("name") != name or k.get("domainid") != own["domainid"] or k.get("projectid") != own.get("projectid"):
                continue
            # a project's key pairs carry no account name (CloudStack leaves it out for projects)
            if own.get("projectid") or str(k.get("account", "")).lower() == str(own["account"]).lower():
                kp = k
                break
        if kp is None:
            raise param_error(f"A key pair with name '{name}' was not found.")
        out.append(kp)
    return out


def vm_affinity_groups(ctx, own):
    groups = []
    for gid in ctx.list("affinitygroupids"):
        g = ctx.store.get("affinitygroup", gid)
        if g is None:
            raise param_error(f"Unable to find affinity group by id {gid}")
        groups.append(g)
    if ctx.get("affinitygroupids") and ctx.get("affinitygroupnames"):
        raise param_error("affinitygroupids parameter is mutually exclusive with affinitygroupnames parameter")

    def mine(g):
        return g.get("domainid") == own["domainid"] and str(g.get("account", "")).lower() == str(own["account"]).lower() \
            and g.get("projectid") == own.get("projectid")

    for name in ctx.list("affinitygroupnames"):
        g = next((x for x in ctx.store.all("affinitygroup") if x.get("name") == name and mine(x)), None)
        if g is None:
            raise param_error(f"Unable to find affinity group by name {name}")
        groups.append(g)
    for g in groups:
        if not mine(g):
            raise ApiError(531, f"Affinity group {g['name']} does not belong to the VM's account")
    return groups


def affinity_view(g):
    return {k: g.get(k) for k in ("id", "name", "description", "type", "account", "domainid", "domain", "projectid", "project")}


def _userdata(ctx, image=None):
    """The user data fields of a VM that deployVirtualMachine/updateVirtualMachine set (userdata, userdataid,
    userdatadetails and the image's linked user data): the userdata family decides ({}: nothing to set)."""
    return backend.userdata.for_vm(ctx, image)


def check_name(name):
    if not NAME_RE.match(name):
        raise param_error("Invalid name. Vm name can contain ASCII letters 'a' through 'z', the digits '0' through '9', and the hyphen ('-'), "
                          "must be between 1 and 63 characters long, and can't start or end with \"-\" and can't start with digit")


def _group(ctx, vm, name, own):
    """deployVirtualMachine / updateVirtualMachine group: the owner's group of that name, made when missing."""
    if not name:
        vm.pop("group", None)
        vm.pop("groupid", None)
        return
    grp = find_group(ctx, name, own.get("_accountid"))
    if grp is None:
        grp = ctx.store.add("instancegroup", {"name": name, "created": now(), **owner_view(own), "_accountid": own.get("_accountid")})
    vm["group"], vm["groupid"] = name, grp["id"]


# ---- instance groups (createInstanceGroup, updateInstanceGroup, deleteInstanceGroup: handlers_groups.py) ----------------
def find_group(ctx, name, accountid):
    """The account's group of that name (names compare case-insensitively, as the vm_group table's collation)."""
    low = name.lower()
    return next((g for g in ctx.store.all("instancegroup") if g.get("_accountid") == accountid and str(g.get("name")).lower() == low), None)


def create_group(ctx, name, own):
    """UserVmManagerImpl.createVmGroup: one name per account."""
    if find_group(ctx, name, own.get("_accountid")) is not None:
        raise param_error(f"Unable to create vm group, a group with name {name} already exists for account {own.get('_accountid')}")
    return ctx.store.add("instancegroup", {"name": name, "created": now(), "hasannotations": False, **owner_view(own),
                                           "_accountid": own.get("_accountid")})


def _group_members(ctx, grp):
    return [vm for vm in ctx.store.all("virtualmachine") if vm.get("groupid") == grp["id"]]


def rename_group(ctx, grp, name):
    """updateInstanceGroup: a new name, unique in the account; the members show it."""
    other = find_group(ctx, name, grp.get("_accountid"))
    if other is not None and other["id"] != grp["id"]:
        raise param_error(f"Unable to update vm group, a group with name {name} already exists for account")
    grp["name"] = name
    ctx.store.save("instancegroup", grp)
    for vm in _group_members(ctx, grp):
        vm["group"] = name
        ctx.store.save("virtualmachine", vm)
    return grp


def delete_group(ctx, grp):
    """deleteInstanceGroup: the group goes, its members have no group any more."""
    for vm in _group_members(ctx, grp):
        vm.pop("group", None)
        vm.pop("groupid", None)
        ctx.store.save("virtualmachine", vm)
    ctx.store.delete("instancegroup", grp["id"])


# ---- state changes -------------------------------------------------------------------------------------------------------
def _start(ctx, vm, hostid=None, podid=None, clusterid=None):
    zone = ctx.store.get("zone", vm["zoneid"]) or {"id": vm["zoneid"]}
    vols = backend.volumes.volumes_of(ctx.sim, vm["id"])
    disks = []
    for vol in vols:
        if vol.get("storageid"):
            disks.append((vol, None, None, None))
        else:
            tags = vm.get("_storagetags") if vol["type"] == "ROOT" else (ctx.store.get("diskoffering", vol.get("diskofferingid")) or {}).get("tags")
            disks.append((vol, int(vol.get("size") or 0), tags, vm.get("_local") if vol["type"] == "ROOT" else False))
    placed = plan(ctx, vm, zone, disks, podid, clusterid, hostid)
    if placed is None:
        raise insufficient(vm, bool(vm.get("affinitygroup")))
    host, pools = placed
    for vol, pool in zip(vols, pools, strict=True):
        if not vol.get("storageid"):
            backend.volumes.put_on_pool(ctx, vol, pool)
        if vol["type"] == "ROOT":
            vm["pooltype"] = pool.get("type")
    _place(ctx.sim, vm, host)
    backend.monitoring.check_cluster_thresholds(ctx, host.get("clusterid"))


def _may_expunge(ctx):
    if is_admin(ctx):
        return True
    return str(ctx.config("allow.user.expunge.recover.vm", "false")).lower() == "true"


def _new_offering(ctx, vm):
    off = active_offering(ctx)
    if as_bool(off.get("issystem")):
        raise param_error(f"Unable to upgrade to a system offering: {off['id']}")
    vals = offering_values(ctx, off, ctx.details("details"))
    if off["id"] == vm["serviceofferingid"] and vals == {k: vm.get(k) for k in vals}:
        raise param_error(f"Not upgrading vm {vm_label(vm)} since it already has the requested service offering ({off.get('name')})")
    return off, vals


def _apply_offering(ctx, vm, off, vals):
    vm.update(serviceofferingid=off["id"], serviceofferingname=off.get("name"), **vals)
    vm["_hosttags"], vm["_storagetags"] = off.get("hosttags"), off.get("storagetags")
    vm["details"] = {k: v for k, v in (vm.get("details") or {}).items() if k not in ("cpuNumber", "cpuSpeed", "memory")}
    if vals != {k: off.get(k) for k in vals}:
        vm["details"].update({"cpuNumber": str(vals["cpunumber"]), "cpuSpeed": str(vals["cpuspeed"]), "memory": str(vals["memory"])})
    for vol in backend.volumes.volumes_of(ctx.sim, vm["id"]):
        if vol["type"] == "ROOT":
            vol.update(serviceofferingid=off["id"], serviceofferingname=off.get("name"), serviceofferingdisplaytext=off.get("displaytext"))
            ctx.store.save("volume", vol)


# ---- listing --------------------------------------------------------------------------------------------------------
class Projected(list):
    """A list of objects whose page is projected on access (the app pages lists by slicing)."""

    def __init__(self, items, fn):
        super().__init__(items)
        self.fn = fn

    def __getitem__(self, key):
        got = super().__getitem__(key)
        if isinstance(key, slice):
            return [self.fn(o) for o in got]
        return self.fn(got)

    def __iter__(self):
        for o in super().__iter__():
            yield self.fn(o)


def _projector(details, with_userdata=False):
    """What listVirtualMachines shows of a VM: the details groups asked for; user data only with userdata=true
    (ListVMsCmd: "By default, user data will not be returned")."""
    if not details or "all" in details:
        if with_userdata:
            return None
        return lambda vm: {k: v for k, v in vm.items() if k != "userdata"} if "userdata" in vm else vm
    keep = set(MIN_FIELDS) if with_userdata else set(MIN_FIELDS) - {"userdata"}
    if "min" not in details:
        for d in details:
            if d not in DETAIL_GROUPS:
                raise param_error(f"Invalid value for details: {d}; valid values are all, group, nics, stats, secgrp, tmpl, servoff, diskoff, "
                                  "backoff, iso, volume, min, affgrp")
            keep.update(DETAIL_GROUPS[d])
    else:
        for d in details:
            if d not in DETAIL_GROUPS and d != "min":
                raise param_error(f"Invalid value for details: {d}")

    def project(vm):
        return {k: v for k, v in vm.items() if k in keep or k.startswith("_")}

    return project


def _nic(ctx, vm, nicid, name="nicid"):
    nic = next((n for n in vm.get("nic") or [] if n["id"] == nicid), None)
    if nic is None:
        raise invalid_id(ctx.command, name, nicid)
    return nic


def _vm_of_nic(ctx, nicid):
    sweep(ctx.sim)
    for vm in ctx.store.all("virtualmachine"):
        for n in vm.get("nic") or []:
            if n["id"] == nicid:
                check_access(ctx, vm, "virtual machine")
                return vm, n
    raise invalid_id(ctx.command, "nicid", nicid)


# ---- host maintenance (infra's prepareHostForMaintenance) ----------------------------------------------------------
def _migrate_for_maintenance(sim, host):
    """ResourceManagerImpl.doMaintain (4.18) for user VMs: with no other Up and Enabled host in the cluster the
    preparation fails ("Unable to prepare for maintenance host <id>", migrate.vm.across.clusters is false by default);
    otherwise each running VM is live-migrated (the HA worker's migrateAway) to a host of the cluster the planner finds
    (capacity, host tags, affinity, storage reach). A VM nothing can take stays: its migration failed
    ("Unable to find a server to migrate to.") and the host goes to ErrorInPrepareForMaintenance."""
    vms = [v for v in sim.store.find("virtualmachine", hostid=host["id"]) if v.get("state") in ACTIVE and not v.get("_removed")]
    if not vms:
        return
    others = [h for h in sim.store.find("host", clusterid=host.get("clusterid")) if h["id"] != host["id"] and _host_usable(sim, h)]
    if not others:
        raise ApiError(530, f"Unable to prepare for maintenance host {host.get('_seq', host['id'])}")
    ctx = _SimPlanContext(sim)
    zone = sim.store.get("zone", host["zoneid"]) or {"id": host["zoneid"]}
    for vm in vms:
        disks = [(v, None, None, None) for v in backend.volumes.volumes_of(sim, vm["id"]) if v.get("storageid")]
        placed = plan(ctx, vm, zone, disks, clusterid=host.get("clusterid"), exclude_hosts={host["id"]})
        if placed is None:
            continue
        _release(sim, vm)
        _place(sim, vm, placed[0])
        vm["lastupdated"] = now()
        sim.store.save("virtualmachine", vm)


class _SimPlanContext:
    """What plan() reads of a request context, for work the simulator does on its own (no API call)."""

    def __init__(self, sim):
        self.sim, self.store = sim, sim.store

    def config(self, name, default=None, scope=None, scope_id=None):
        return self.sim.config_value(name, default, scope, scope_id)


backend.infra.register_maintenance_hook(_migrate_for_maintenance)
