"""Volumes (ROOT and DATA disks on primary storage) and snapshot policies.

Store type "volume" (fields of listVolumes): type ROOT or DATADISK, size in bytes, storageid / storage
(the pool, None while Allocated), virtualmachineid while attached. States: Allocated (not yet on a pool),
Ready, Destroy (ROOT of a destroyed VM, recoverable), gone when expunged or deleted.
A pool's disksizeallocated follows the volumes on it (compute.pool_add).

Store type "snapshotpolicy" (fields of listSnapshotPolicies): one per volume and interval type.
"""
import zoneinfo

from ..context import now
from ..errors import ApiError, invalid_id, param_error
from ..registry import api, emit
from . import monitoring, workload
from .workload import GIB, as_bool, check_access, owner

MAX_DATA_VOLUMES = 6  # hypervisor_capabilities: Simulator, max_data_volumes_limit
INTERVALS = {"HOURLY": 0, "DAILY": 1, "WEEKLY": 2, "MONTHLY": 3}
INTERVAL_NAMES = {v: k for k, v in INTERVALS.items()}


# ---- the vm -> volumes index -------------------------------------------------------------------------------------
def _vm_index(sim):
    idx = getattr(sim, "_volume_index", None)
    if idx is None:
        idx = {}
        for vol in sim.store.all("volume"):
            if vol.get("virtualmachineid"):
                idx.setdefault(vol["virtualmachineid"], []).append(vol["id"])
        sim._volume_index = idx
    return idx


def volumes_of(sim, vmid):
    """The volumes attached to a VM, ROOT first then by device id."""
    out = [sim.store.get("volume", i) for i in _vm_index(sim).get(vmid, [])]
    out = [v for v in out if v is not None]
    out.sort(key=lambda v: (v.get("type") != "ROOT", int(v.get("deviceid") or 0)))
    return out


def _link(sim, vol, vmid):
    idx = _vm_index(sim)
    old = vol.get("virtualmachineid")
    if old and vol["id"] in idx.get(old, []):
        idx[old].remove(vol["id"])
    if vmid:
        idx.setdefault(vmid, []).append(vol["id"])


def _compute():
    from . import compute

    return compute


# ---- sizes and placement ------------------------------------------------------------------------------------------------
def offering_size(ctx, diskoff, size_gb):
    """A disk offering's size in bytes; size_gb (GB) for a custom one."""
    if diskoff is None:
        return None
    custom = as_bool(diskoff.get("iscustomized")) or not diskoff.get("disksize")
    if custom:
        if size_gb is None:
            raise param_error("This disk offering requires a custom size specified")
        lo = int(ctx.config("custom.diskoffering.size.min", "1") or 1)
        hi = int(ctx.config("custom.diskoffering.size.max", "1024") or 1024)
        if size_gb < lo or size_gb > hi:
            raise param_error(f"Volume size: {size_gb}GB is out of allowed range. Max: {hi} Min:{lo}")
        return size_gb * GIB
    if size_gb is not None and size_gb * GIB != int(diskoff["disksize"]) * GIB:
        raise param_error("This disk offering does not allow custom size")
    return int(diskoff["disksize"]) * GIB


def put_on_pool(ctx, vol, pool):
    comp = _compute()
    if vol.get("storageid"):
        comp.pool_add(ctx.sim, vol["storageid"], -int(vol.get("size") or 0))
    vol["storageid"], vol["storage"] = pool["id"], pool.get("name")
    vol["storagetype"] = "local" if str(pool.get("scope", "")).upper() == "HOST" else "shared"
    if pool.get("clusterid"):
        vol["clusterid"], vol["clustername"] = pool["clusterid"], pool.get("clustername")
    if pool.get("podid"):
        vol["podid"], vol["podname"] = pool["podid"], pool.get("podname")
    vol["path"] = vol.get("path") or vol["id"]
    if vol["state"] == "Allocated":
        vol["state"] = "Ready"
    comp.pool_add(ctx.sim, pool["id"], int(vol.get("size") or 0))
    ctx.store.save("volume", vol)


def _base(ctx, own, zone, name, vtype, size, diskoff):
    vol = {
        "name": name, "zoneid": zone["id"], "zonename": zone.get("name"), "type": vtype, "provisioningtype": "thin",
        "size": int(size), "virtualsize": int(size), "physicalsize": 0, "utilization": "0.00%", "created": now(), "state": "Allocated",
        **workload.owner_view(own), "_accountid": own.get("_accountid"), "hypervisor": "Simulator", "storagetype": "shared",
        "destroyed": False, "isextractable": vtype != "ROOT", "displayvolume": True, "quiescevm": False, "supportsstoragesnapshot": False,
        "tags": [],
    }
    if diskoff is not None:
        vol.update(diskofferingid=diskoff["id"], diskofferingname=diskoff.get("name"), diskofferingdisplaytext=diskoff.get("displaytext"),
                   provisioningtype=diskoff.get("provisioningtype") or "thin")
        for f in ("miniops", "maxiops", "diskBytesReadRate", "diskBytesWriteRate", "diskIopsReadRate", "diskIopsWriteRate"):
            if diskoff.get(f) is not None:
                vol[f] = diskoff[f]
    return vol


def _attach_fields(vol, vm, deviceid):
    vol.update(virtualmachineid=vm["id"], vmname=vm["name"], vmdisplayname=vm.get("displayname"), vmstate=vm["state"], vmtype="User",
               deviceid=deviceid, attached=now())


def create_vm_volume(ctx, vm, vtype, size, pool, diskoff, template):
    """A ROOT or DATA volume created with a VM (on pool when the VM is placed, else Allocated)."""
    zone = ctx.store.get("zone", vm["zoneid"]) or {"id": vm["zoneid"]}
    seq = vm.get("_seq")
    vol = _base(ctx, vm, zone, f"{'ROOT' if vtype == 'ROOT' else 'DATA'}-{seq}", vtype, size, diskoff)
    if vtype == "ROOT":
        vol.update(serviceofferingid=vm["serviceofferingid"], serviceofferingname=vm.get("serviceofferingname"))
        off = ctx.store.get("serviceoffering", vm["serviceofferingid"]) or {}
        vol["serviceofferingdisplaytext"] = off.get("displaytext")
        if template is not None:
            vol.update(templateid=template["id"], templatename=template.get("name"), templatedisplaytext=template.get("displaytext"))
        if vm.get("isoid"):
            vol.update(isoid=vm["isoid"], isoname=vm.get("isoname"), isodisplaytext=vm.get("isodisplaytext"))
    _attach_fields(vol, vm, 0 if vtype == "ROOT" else 1)
    ctx.store.add("volume", vol)
    _link(ctx.sim, vol, vm["id"])
    if pool is not None:
        put_on_pool(ctx, vol, pool)
    monitoring.record_event(ctx, "VOLUME.CREATE", f"Successfully created volume. Volume Id: {vol['id']}", vol, "Volume")
    return vol


def detach(ctx, vol):
    _link(ctx.sim, vol, None)
    for f in ("virtualmachineid", "vmname", "vmdisplayname", "vmstate", "vmtype", "deviceid", "attached"):
        vol.pop(f, None)
    ctx.store.save("volume", vol)


def delete_volume_obj(ctx, vol):
    _compute().pool_add(ctx.sim, vol.get("storageid"), -int(vol.get("size") or 0))
    _link(ctx.sim, vol, None)
    for pol in ctx.store.all("snapshotpolicy"):
        if pol.get("volumeid") == vol["id"]:
            ctx.store.delete("snapshotpolicy", pol["id"])
    from . import guestnet

    guestnet.delete_tags_of(ctx.sim, vol["id"])
    ctx.store.delete("volume", vol["id"])


def on_vm_destroyed(ctx, vm):
    for vol in volumes_of(ctx.sim, vm["id"]):
        if vol["type"] == "ROOT":
            vol["state"], vol["destroyed"] = "Destroy", True
        vol["vmstate"] = "Destroyed"
        ctx.store.save("volume", vol)


def on_vm_recovered(ctx, vm):
    for vol in volumes_of(ctx.sim, vm["id"]):
        if vol["type"] == "ROOT":
            vol["state"] = "Ready" if vol.get("storageid") else "Allocated"
            vol["destroyed"] = False
        ctx.store.save("volume", vol)


def on_vm_expunged(sim, vm):
    """The ROOT volume goes; DATA volumes are detached and stay (Ready)."""
    comp = _compute()

    class _Ctx:  # the minimum delete_volume_obj/detach need, for the background expunge
        pass

    c = _Ctx()
    c.sim, c.store = sim, sim.store
    for vol in volumes_of(sim, vm["id"]):
        if vol["type"] == "ROOT":
            comp.pool_add(sim, vol.get("storageid"), -int(vol.get("size") or 0))
            _link(sim, vol, None)
            for pol in sim.store.all("snapshotpolicy"):
                if pol.get("volumeid") == vol["id"]:
                    sim.store.delete("snapshotpolicy", pol["id"])
            sim.store.delete("volume", vol["id"])
        else:
            detach(c, vol)


def replace_root(ctx, vm, template):
    """restoreVirtualMachine: a new ROOT volume (same pool) from the template."""
    for vol in volumes_of(ctx.sim, vm["id"]):
        if vol["type"] != "ROOT":
            continue
        pool = ctx.store.get("storagepool", vol.get("storageid"))
        tmpl = template or ctx.store.get("template", vm.get("templateid")) or {}
        size = int(tmpl.get("size") or vol.get("size") or 2 * GIB)
        delete_volume_obj(ctx, vol)
        new = create_vm_volume(ctx, vm, "ROOT", size, pool, None, tmpl if tmpl.get("id") else None)
        vm["rootdeviceid"] = new.get("deviceid", 0)
        return new
    return None


# ---- the API -----------------------------------------------------------------------------------------------------------
def get_volume(ctx, name="id", value=None):
    value = value or ctx.require(name)
    vol = ctx.store.get("volume", value)
    if vol is None or vol.get("_removed"):
        raise invalid_id(ctx.command, name, value)
    check_access(ctx, vol, "volume")
    return vol


def _next_device(sim, vm):
    used = {int(v.get("deviceid") or 0) for v in volumes_of(sim, vm["id"])}
    dev = 1
    while dev in used or dev == 3:  # device 3 is the CD-ROM
        dev += 1
    return dev


def _attach(ctx, vol, vm, deviceid=None):
    comp = _compute()
    if vm["state"] not in ("Running", "Stopped"):
        raise param_error(f"Please specify a VM that is either running or stopped (state {vm['state']})")
    if vol.get("virtualmachineid"):
        raise param_error(f"Please specify a volume that is not attached to any VM. Volume {vol['name']} is attached to {vol.get('vmname')}")
    if vol["type"] != "DATADISK":
        raise param_error("Please specify a volume with the valid type: DATADISK")
    if vol["zoneid"] != vm["zoneid"]:
        raise param_error(f"Please specify a VM that is in the same zone as the volume ({vol['zonename']})")
    if vol.get("projectid") != vm.get("projectid") or vol.get("domainid") != vm.get("domainid") or vol.get("account") != vm.get("account"):
        raise ApiError(531, f"Volume {vol['name']} and VM {vm['name']} belong to different accounts")
    data = [v for v in volumes_of(ctx.sim, vm["id"]) if v["type"] == "DATADISK"]
    if len(data) >= MAX_DATA_VOLUMES:
        raise param_error(f"The specified VM already has the maximum number of data disks ({MAX_DATA_VOLUMES}) attached. Please specify another VM.")
    if deviceid is not None:
        if deviceid == 0 or deviceid == 3 or any(int(v.get("deviceid") or 0) == deviceid for v in volumes_of(ctx.sim, vm["id"])):
            raise param_error(f"deviceId {deviceid} is used by another volume or reserved; specify another device id")
    if not vol.get("storageid"):
        host = ctx.store.get("host", vm.get("hostid") or vm.get("_lasthostid"))
        root = next((v for v in volumes_of(ctx.sim, vm["id"]) if v["type"] == "ROOT"), None)
        if host is not None and (root is None or root.get("storageid")):
            diskoff = ctx.store.get("diskoffering", vol.get("diskofferingid")) or {}
            pool = comp.pick_pool(ctx.sim, host, int(vol["size"]), diskoff.get("tags"), str(diskoff.get("storagetype", "shared")).lower() == "local")
            if pool is None:
                raise ApiError(533, f"Unable to find a primary storage pool with room for volume {vol['name']} ({vol['size']} bytes) "
                                    f"reachable from host {host.get('name')}")
            put_on_pool(ctx, vol, pool)
    _attach_fields(vol, vm, deviceid if deviceid is not None else _next_device(ctx.sim, vm))
    _link(ctx.sim, vol, vm["id"])
    ctx.store.save("volume", vol)


def custom_iops(ctx, diskoff):
    """miniops/maxiops of createVolume/resizeVolume: taken only with a disk offering of customized IOPS (as
    VolumeApiServiceImpl does; other offerings keep theirs)."""
    if diskoff is None or not as_bool(diskoff.get("iscustomizediops")):
        return {}
    lo, hi = ctx.int("miniops"), ctx.int("maxiops")
    if lo is not None and hi is not None and lo > hi:
        raise param_error("The min IOPS must be less than or equal to the max IOPS.")
    return {k: v for k, v in (("miniops", lo), ("maxiops", hi)) if v is not None}


@api("createVolume")
def create_volume(ctx, p):
    own = owner(ctx)
    snap = ctx.get("snapshotid")
    diskoff = ctx.obj("diskoffering", "diskofferingid")
    if diskoff is None and not snap:
        raise param_error("Either disk Offering Id or snapshot Id must be passed whilst creating volume")
    if snap:
        snapshot = ctx.obj("snapshot", "snapshotid")
        zone = ctx.store.get("zone", snapshot.get("zoneid")) or ctx.obj("zone", "zoneid", required=True)
        size = int(snapshot.get("virtualsize") or snapshot.get("physicalsize") or GIB)
    else:
        zone = ctx.obj("zone", "zoneid", required=True)
        size = offering_size(ctx, diskoff, ctx.int("size"))
    if zone.get("allocationstate", "Enabled") != "Enabled" and not ctx.is_root_admin:
        raise ApiError(531, f"Cannot perform this operation, Zone is currently disabled: {zone['id']}")
    vm = None
    if ctx.get("virtualmachineid"):
        from . import compute

        vm = compute.get_vm(ctx, "virtualmachineid")
    workload.check_limits(ctx, own, {2: 1, 10: size // GIB})
    name = ctx.get("name") or ctx.store.new_id()
    vol = _base(ctx, own, zone, name, "DATADISK", size, diskoff)
    vol.update(custom_iops(ctx, diskoff))
    if snap:
        vol["snapshotid"] = snap
    vol["displayvolume"] = ctx.bool("displayvolume", True)
    ctx.store.add("volume", vol)
    if snap:
        emit("volume.from_snapshot", ctx, vol, snapshot)  # resources/snapshots.py: size, offering, pool of the snapshot
    monitoring.record_event(ctx, "VOLUME.CREATE", f"Successfully created volume. Volume Id: {vol['id']}", vol, "Volume")
    volid = vol["id"]
    if vm is not None:
        vmid = vm["id"]

        def attach_after():
            cur = ctx.store.get("volume", volid)
            vm_now = ctx.store.get("virtualmachine", vmid)
            if vm_now is None:
                raise ApiError(530, f"Unable to attach volume {volid}: the VM {vmid} is gone")
            _attach(ctx, cur, vm_now)
            monitoring.record_event(ctx, "VOLUME.ATTACH", f"Successfully attached volume {cur['name']} to VM {vm_now['name']}", cur, "Volume")
            return cur

        return ctx.later(attach_after, "Volume", volid)
    return vol


@api("attachVolume")
def attach_volume(ctx, p):
    from . import compute

    vol = get_volume(ctx)
    vm = compute.get_vm(ctx, "virtualmachineid")
    deviceid = ctx.int("deviceid")
    if vol.get("virtualmachineid"):
        raise param_error(f"Please specify a volume that is not attached to any VM. Volume {vol['name']} is attached to {vol.get('vmname')}")
    if vol["type"] != "DATADISK":
        raise param_error("Please specify a volume with the valid type: DATADISK")
    volid, vmid = vol["id"], vm["id"]

    def finish():
        cur = ctx.store.get("volume", volid)
        vm_now = ctx.store.get("virtualmachine", vmid)
        if cur is None or vm_now is None:
            raise ApiError(530, "The volume or the VM was removed while the attach job ran")
        _attach(ctx, cur, vm_now, deviceid)
        monitoring.record_event(ctx, "VOLUME.ATTACH", f"Successfully attached volume {cur['name']} to VM {vm_now['name']}", cur, "Volume")
        return cur

    return ctx.later(finish, "Volume", volid)


@api("detachVolume")
def detach_volume(ctx, p):
    from . import compute

    if ctx.get("id"):
        vol = get_volume(ctx)
    else:
        vm = compute.get_vm(ctx, "virtualmachineid")
        deviceid = ctx.int("deviceid")
        if deviceid is None:
            raise param_error("Please provide either a volume id, or a tuple(device id, instance id)")
        vol = next((v for v in volumes_of(ctx.sim, vm["id"]) if int(v.get("deviceid") or 0) == deviceid), None)
        if vol is None:
            raise param_error(f"Unable to find volume with device id {deviceid} on VM {vm['name']}")
    if not vol.get("virtualmachineid"):
        raise param_error("Please specify a volume that is attached to a VM.")
    if vol["type"] == "ROOT":
        raise param_error("Please specify a data volume.")
    volid = vol["id"]
    vmname = vol.get("vmname")

    def finish():
        cur = ctx.store.get("volume", volid)
        if cur is None:
            raise ApiError(530, f"Volume {volid} was removed")
        detach(ctx, cur)
        monitoring.record_event(ctx, "VOLUME.DETACH", f"Successfully detached volume {cur['name']} from VM {vmname}", cur, "Volume")
        return cur

    return ctx.later(finish, "Volume", volid)


@api("resizeVolume")
def resize_volume(ctx, p):
    vol = get_volume(ctx)
    if vol["state"] not in ("Ready", "Allocated"):
        raise param_error(f"Volume should be in ready or allocated state before attempting a resize. Volume {vol['name']} is in state {vol['state']}.")
    diskoff = ctx.obj("diskoffering", "diskofferingid")
    size_gb = ctx.int("size")
    if diskoff is not None:
        new = offering_size(ctx, diskoff, size_gb)
    elif size_gb is not None:
        cur_off = ctx.store.get("diskoffering", vol.get("diskofferingid")) if vol["type"] == "DATADISK" else None
        if cur_off is not None and not (as_bool(cur_off.get("iscustomized")) or not cur_off.get("disksize")):
            raise param_error("To resize a volume with a fixed size disk offering, specify a new disk offering (diskofferingid)")
        new = size_gb * GIB
    elif ctx.get("miniops") is not None or ctx.get("maxiops") is not None:
        new = int(vol["size"])  # only the IOPS change
    else:
        raise param_error("No new size or disk offering given to resize the volume: specify size or diskofferingid")
    old = int(vol["size"])
    if new < old and not ctx.bool("shrinkok"):
        raise param_error(f"Going from existing size of {old} to size of {new} would shrink the volume. "
                          "Need to sign off by supplying the shrinkok parameter with value of true.")
    if new < old and vol["type"] == "ROOT":
        raise param_error("Shrink of a ROOT volume is not supported")
    if new > old:
        workload.check_limits(ctx, vol, {10: (new - old) // GIB})
    comp = _compute()
    if vol.get("storageid"):
        pool = ctx.store.get("storagepool", vol["storageid"])
        if pool is not None and comp.pool_allocated(ctx.sim, pool["id"]) - old + new > comp.pool_capacity(ctx.sim, pool):
            raise ApiError(533, f"Storage pool {pool.get('name')} does not have enough space to resize volume {vol['name']}")
    volid = vol["id"]
    iops = custom_iops(ctx, diskoff or ctx.store.get("diskoffering", vol.get("diskofferingid")))

    def finish():
        cur = ctx.store.get("volume", volid)
        if cur is None:
            raise ApiError(530, f"Volume {volid} was removed")
        comp.pool_add(ctx.sim, cur.get("storageid"), new - int(cur["size"]))
        cur["size"] = cur["virtualsize"] = new
        if diskoff is not None:
            cur.update(diskofferingid=diskoff["id"], diskofferingname=diskoff.get("name"), diskofferingdisplaytext=diskoff.get("displaytext"))
        cur.update(iops)
        ctx.store.save("volume", cur)
        monitoring.record_event(ctx, "VOLUME.RESIZE", f"Successfully resized volume {cur['name']} to {new} bytes", cur, "Volume")
        return cur

    return ctx.later(finish, "Volume", volid)


@api("deleteVolume")
def delete_volume(ctx, p):
    vol = get_volume(ctx)
    if vol.get("virtualmachineid"):
        raise param_error("Please specify a volume that is not attached to any VM.")
    if vol["type"] == "ROOT":
        raise param_error("Please specify a volume that is not a ROOT volume of a VM.")
    delete_volume_obj(ctx, vol)
    monitoring.record_event(ctx, "VOLUME.DELETE", f"Successfully deleted volume. Volume Id: {vol['id']}", vol, "Volume")
    return None


@api("listVolumes")
def list_volumes(ctx, p):
    from . import compute

    compute.sweep(ctx.sim)
    st = ctx.store
    if ctx.get("id"):
        v = st.get("volume", ctx.get("id"))
        vols = [v] if v is not None else []
    elif ctx.get("ids"):
        vols = [v for v in (st.get("volume", i) for i in ctx.list("ids")) if v is not None]
    elif ctx.get("virtualmachineid"):
        vols = volumes_of(ctx.sim, ctx.get("virtualmachineid"))
    else:
        vols = st.all("volume")
    vols = ctx.scope([v for v in vols if not v.get("_removed")])
    vols = ctx.filter_eq(vols, ["name", "zoneid", "podid", "storageid", "diskofferingid", "virtualmachineid", "clusterid"])
    if ctx.get("type"):
        t = ctx.get("type").upper()
        vols = [v for v in vols if v["type"] == t or (t == "DATA" and v["type"] == "DATADISK")]
    if ctx.get("state"):
        s = ctx.get("state").lower()
        vols = [v for v in vols if v["state"].lower() == s]
    if ctx.get("hostid"):
        on_host = {vm["id"] for vm in st.all("virtualmachine") if vm.get("hostid") == ctx.get("hostid")}
        vols = [v for v in vols if v.get("virtualmachineid") in on_host]
    if ctx.get("displayvolume") is not None:
        want = ctx.bool("displayvolume")
        vols = [v for v in vols if bool(v.get("displayvolume", True)) == want]
    tags = ctx.map_param("tags")
    if tags:
        vols = [v for v in vols if workload.tags_matching(v, tags)]
    return ctx.filter_keyword(vols, ("name",))


# ---- snapshot policies ----------------------------------------------------------------------------------------------------
def _check_schedule(intervaltype, schedule):
    parts = schedule.split(":")
    want = {"HOURLY": 1, "DAILY": 2, "WEEKLY": 3, "MONTHLY": 3}[intervaltype]
    try:
        nums = [int(x) for x in parts]
    except ValueError:
        nums = None
    ok = nums is not None and len(nums) == want and 0 <= nums[0] <= 59
    if ok and want >= 2:
        ok = 0 <= nums[1] <= 23
    if ok and intervaltype == "WEEKLY":
        ok = 1 <= nums[2] <= 7
    if ok and intervaltype == "MONTHLY":
        ok = 1 <= nums[2] <= 28
    if not ok:
        raise param_error(f"Invalid schedule: {schedule} for interval type: {intervaltype}")


def _check_timezone(tz):
    try:
        zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise param_error(f"Invalid timezone: {tz}") from None


@api("createSnapshotPolicy")
def create_snapshot_policy(ctx, p):
    vol = get_volume(ctx, "volumeid")
    it = ctx.require("intervaltype").upper()
    if it not in INTERVALS:
        raise param_error(f"Unsupported interval type {ctx.get('intervaltype')}")
    schedule = ctx.require("schedule")
    _check_schedule(it, schedule)
    tz = ctx.require("timezone")
    _check_timezone(tz)
    maxsnaps = ctx.int("maxsnaps")
    if maxsnaps is None or maxsnaps <= 0:
        raise param_error(f"maxSnaps should be greater than 0: {ctx.get('maxsnaps')}")
    limit = int(ctx.config("snapshot.max." + it.lower(), "8") or 8)
    if maxsnaps > limit:
        raise param_error(f"maxSnaps exceeds limit: {limit} for interval type: {it}")
    if vol["state"] not in ("Ready", "Allocated") and vol.get("state") != "Destroy":
        raise param_error(f"VolumeId: {vol['id']} is not in Ready state: {vol['state']}")
    existing = next((x for x in ctx.store.all("snapshotpolicy") if x["volumeid"] == vol["id"] and x["intervaltype"] == INTERVALS[it]), None)
    tags = ctx.details("tags")
    pol = existing or {"volumeid": vol["id"], "intervaltype": INTERVALS[it], "tags": [], "_accountid": vol.get("_accountid"),
                       "_domainid": vol.get("domainid")}
    pol.update(schedule=schedule, maxsnaps=maxsnaps, timezone=tz, fordisplay=ctx.bool("fordisplay", True))
    if tags:
        pol["tags"] = [{"key": k, "value": v, "resourcetype": "SnapshotPolicy", "resourceid": pol.get("id")} for k, v in tags.items()]
    if existing:
        ctx.store.save("snapshotpolicy", pol)
    else:
        ctx.store.add("snapshotpolicy", pol)
        for t in pol["tags"]:
            t["resourceid"] = pol["id"]
    monitoring.record_event(ctx, "SNAPSHOTPOLICY.UPDATE" if existing else "SNAPSHOTPOLICY.CREATE",
                            f"Successfully {'updated' if existing else 'created'} snapshot policy {pol['id']} for volume {vol['name']}", pol, "SnapshotPolicy")
    return pol


def _get_policy(ctx, pid, name="id"):
    pol = ctx.store.get("snapshotpolicy", pid)
    if pol is None:
        raise invalid_id(ctx.command, name, pid)
    check_access(ctx, pol, "snapshot policy")
    return pol


@api("updateSnapshotPolicy")
def update_snapshot_policy(ctx, p):
    pol = _get_policy(ctx, ctx.require("id"))
    if ctx.get("fordisplay") is not None:
        pol["fordisplay"] = ctx.bool("fordisplay")
    ctx.store.save("snapshotpolicy", pol)
    monitoring.record_event(ctx, "SNAPSHOTPOLICY.UPDATE", f"Successfully updated snapshot policy {pol['id']}", pol, "SnapshotPolicy")
    return pol


@api("deleteSnapshotPolicies")
def delete_snapshot_policies(ctx, p):
    ids = ctx.list("ids") or ([ctx.get("id")] if ctx.get("id") else [])
    if not ids:
        raise param_error("Either policy id or a list of ids must be specified")
    pols = [_get_policy(ctx, i, "ids" if ctx.get("ids") else "id") for i in ids]
    for pol in pols:
        ctx.store.delete("snapshotpolicy", pol["id"])
        monitoring.record_event(ctx, "SNAPSHOTPOLICY.DELETE", f"Successfully deleted snapshot policy {pol['id']}", pol, "SnapshotPolicy")
    return None


@api("listSnapshotPolicies")
def list_snapshot_policies(ctx, p):
    pols = ctx.store.all("snapshotpolicy")
    if ctx.get("volumeid"):
        get_volume(ctx, "volumeid")
    if not ctx.is_root_admin:
        pols = [x for x in pols if x.get("_accountid") == ctx.account["id"] or workload._may_manage_domain(ctx, x.get("_domainid"))]
    pols = ctx.filter_eq(pols, ["id", "volumeid"])
    if ctx.get("fordisplay") is not None:
        want = ctx.bool("fordisplay")
        pols = [x for x in pols if bool(x.get("fordisplay", True)) == want]
    return pols

