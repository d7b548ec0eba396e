"""Volumes (ROOT and DATA disks on primary storage) and snapshot policies.

Store type "volume" (fields of listVolumes): type ROOT or DATADISK, size in bytes, storageid / storage
(the pool, None while Allocated), virtualmachineid while attached. States: Allocated (not yet on a pool),
Ready, Destroy (ROOT of a destroyed VM, recoverable), UploadOp / Uploaded (uploadVolume: downloading to secondary
storage / downloaded, moved to a pool and Ready when attached), gone when expunged or deleted.
A pool's disksizeallocated follows the volumes on it (compute.pool_add).

Store type "snapshotpolicy" (fields of listSnapshotPolicies): one per volume and interval type.
"""

import time
import zoneinfo

from ...backend import backend
from ...context import now
from ...errors import ApiError, invalid_id, param_error
from ..helpers import GIB, as_bool, check_access, owner_view

MAX_DATA_VOLUMES = 6  # hypervisor_capabilities: Simulator, max_data_volumes_limit
INTERVALS = {"HOURLY": 0, "DAILY": 1, "WEEKLY": 2, "MONTHLY": 3}
INTERVAL_NAMES = {v: k for k, v in INTERVALS.items()}
UPLOADED_SIZE = 2147483648  # what the mock secondary storage reports for an uploaded volume (2 GiB)


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
    comp = backend.compute
    if vol.get("storageid"):
        comp.pool_add(ctx.sim, vol["storageid"], -int(vol.get("size") or 0))
    vol["storageid"], vol["storage"] = pool["id"], pool.get("name")
    vol["storagetype"] = "local" if str(pool.get("scope", "")).upper() == "HOST" else "shared"
    if pool.get("clusterid"):
        vol["clusterid"], vol["clustername"] = pool["clusterid"], pool.get("clustername")
    if pool.get("podid"):
        vol["podid"], vol["podname"] = pool["podid"], pool.get("podname")
    vol["path"] = vol.get("path") or vol["id"]
    if vol["state"] in ("Allocated", "Uploaded"):
        vol["state"] = "Ready"
    comp.pool_add(ctx.sim, pool["id"], int(vol.get("size") or 0))
    ctx.store.save("volume", vol)


def _base(ctx, own, zone, name, vtype, size, diskoff):
    vol = {
        "name": name, "zoneid": zone["id"], "zonename": zone.get("name"), "type": vtype, "provisioningtype": "thin",
        "size": int(size), "virtualsize": int(size), "physicalsize": 0, "utilization": "0.00%", "created": now(), "state": "Allocated",
        **owner_view(own), "_accountid": own.get("_accountid"), "hypervisor": "Simulator", "storagetype": "shared",
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
    backend.monitoring.record_event(ctx, "VOLUME.CREATE", f"Successfully created volume. Volume Id: {vol['id']}", vol, "Volume")
    return vol


def detach(ctx, vol):
    _link(ctx.sim, vol, None)
    for f in ("virtualmachineid", "vmname", "vmdisplayname", "vmstate", "vmtype", "deviceid", "attached"):
        vol.pop(f, None)
    ctx.store.save("volume", vol)


def delete_volume_obj(ctx, vol):
    backend.compute.pool_add(ctx.sim, vol.get("storageid"), -int(vol.get("size") or 0))
    _link(ctx.sim, vol, None)
    for pol in ctx.store.all("snapshotpolicy"):
        if pol.get("volumeid") == vol["id"]:
            ctx.store.delete("snapshotpolicy", pol["id"])
    backend.guestnet.delete_tags_of(ctx.sim, vol["id"])
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
    comp = backend.compute

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
    comp = backend.compute
    if vm["state"] not in ("Running", "Stopped"):
        raise param_error(f"Please specify a VM that is either running or stopped (state {vm['state']})")
    if vol.get("state") not in ("Allocated", "Ready", "Uploaded"):
        raise param_error("Volume state must be in Allocated, Ready or in Uploaded state")
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


def _get_policy(ctx, pid, name="id"):
    pol = ctx.store.get("snapshotpolicy", pid)
    if pol is None:
        raise invalid_id(ctx.command, name, pid)
    check_access(ctx, pol, "snapshot policy")
    return pol


# ---- uploads (uploadVolume: handlers_upload.py) ----------------------------------------------------------------------
def finish_upload(sim, volid):
    vol = sim.store.get("volume", volid)
    if vol is None or vol.get("_removed") or vol.get("state") != "UploadOp":
        return
    vol.update(state="Uploaded", status="Upload Complete", size=UPLOADED_SIZE, virtualsize=UPLOADED_SIZE, physicalsize=UPLOADED_SIZE)
    sim.store.save("volume", vol)


def settle_uploads(ctx):
    """uploadVolume downloads that came due (also after a restart from saved state, when no timer is left)."""
    t = time.time()
    for vol in ctx.store.all("volume"):
        if vol.get("state") == "UploadOp" and vol.get("_ready_at", 0) <= t:
            finish_upload(ctx.sim, vol["id"])
