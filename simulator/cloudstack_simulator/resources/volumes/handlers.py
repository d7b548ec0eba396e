"""The volumes commands: parameters in, views out; the state and rules are in model.py."""
from ...backend import backend
from ...errors import ApiError, param_error
from ...registry import api
from ..helpers import GIB, as_bool, check_limits, may_manage_domain, owner, tags_matching
from .model import (
    INTERVALS,
    _attach,
    _base,
    _check_schedule,
    _check_timezone,
    _get_policy,
    custom_iops,
    delete_volume_obj,
    detach,
    get_volume,
    offering_size,
    settle_uploads,
    volumes_of,
)


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
        vm = backend.compute.get_vm(ctx, "virtualmachineid")
    check_limits(ctx, own, {2: 1, 10: size // GIB})
    name = ctx.get("name") or ctx.store.new_id()
    vol = _base(ctx, own, zone, name, "DATADISK", size, diskoff)
    vol.update(custom_iops(ctx, diskoff))
    if snap:
        vol["snapshotid"] = snap
    vol["displayvolume"] = ctx.bool("displayvolume", True)
    ctx.store.add("volume", vol)
    if snap:
        backend.snapshots.volume_from_snapshot(ctx, vol, snapshot)  # size, offering, pool of the snapshot's volume
    backend.monitoring.record_event(ctx, "VOLUME.CREATE", f"Successfully created volume. Volume Id: {vol['id']}", vol, "Volume")
    volid = vol["id"]
    if vm is not None:
        vmid = vm["id"]

        def attach_after():
            cur = ctx.store.get("volume", volid)
            vm_now = ctx.store.get("virtualmachine", vmid)
            if vm_now is None:
                raise ApiError(530, f"Unable to attach volume {volid}: the VM {vmid} is gone")
            _attach(ctx, cur, vm_now)
            backend.monitoring.record_event(ctx, "VOLUME.ATTACH", f"Successfully attached volume {cur['name']} to VM {vm_now['name']}", cur, "Volume")
            return cur

        return ctx.later(attach_after, "Volume", volid)
    return vol


@api("attachVolume")
def attach_volume(ctx, p):
    vol = get_volume(ctx)
    vm = backend.compute.get_vm(ctx, "virtualmachineid")
    deviceid = ctx.int("deviceid")
    if vol.get("virtualmachineid"):
        raise param_error(f"Please specify a volume that is not attached to any VM. Volume {vol['name']} is attached to {vol.get('vmname')}")
    if vol["type"] != "DATADISK":
        raise param_error("Please specify a volume with the valid type: DATADISK")
    settle_uploads(ctx)
    if vol.get("state") not in ("Allocated", "Ready", "Uploaded"):
        raise param_error("Volume state must be in Allocated, Ready or in Uploaded state")
    volid, vmid = vol["id"], vm["id"]

    def finish():
        cur = ctx.store.get("volume", volid)
        vm_now = ctx.store.get("virtualmachine", vmid)
        if cur is None or vm_now is None:
            raise ApiError(530, "The volume or the VM was removed while the attach job ran")
        _attach(ctx, cur, vm_now, deviceid)
        backend.monitoring.record_event(ctx, "VOLUME.ATTACH", f"Successfully attached volume {cur['name']} to VM {vm_now['name']}", cur, "Volume")
        return cur

    return ctx.later(finish, "Volume", volid)


@api("detachVolume")
def detach_volume(ctx, p):
    if ctx.get("id"):
        vol = get_volume(ctx)
    else:
        vm = backend.compute.get_vm(ctx, "virtualmachineid")
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
        backend.monitoring.record_event(ctx, "VOLUME.DETACH", f"Successfully detached volume {cur['name']} from VM {vmname}", cur, "Volume")
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
        check_limits(ctx, vol, {10: (new - old) // GIB})
    comp = backend.compute
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
        backend.monitoring.record_event(ctx, "VOLUME.RESIZE", f"Successfully resized volume {cur['name']} to {new} bytes", cur, "Volume")
        return cur

    return ctx.later(finish, "Volume", volid)


@api("deleteVolume")
def delete_volume(ctx, p):
    vol = get_volume(ctx)
    if vol.get("virtualmachineid"):
        raise param_error("Please specify a volume that is not attached to any VM.")
    if vol["type"] == "ROOT":
        raise param_error("Please specify a volume that is not a ROOT volume of a VM.")
    settle_uploads(ctx)
    if vol.get("state") == "UploadOp":
        raise param_error("Please specify a volume that is not uploading")
    delete_volume_obj(ctx, vol)
    backend.monitoring.record_event(ctx, "VOLUME.DELETE", f"Successfully deleted volume. Volume Id: {vol['id']}", vol, "Volume")
    return None


@api("listVolumes")
def list_volumes(ctx, p):
    backend.compute.sweep(ctx.sim)
    settle_uploads(ctx)
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
        vols = [v for v in vols if tags_matching(v, tags)]
    return ctx.filter_keyword(vols, ("name",))


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
    backend.monitoring.record_event(ctx, "SNAPSHOTPOLICY.UPDATE" if existing else "SNAPSHOTPOLICY.CREATE",
                            f"Successfully {'updated' if existing else 'created'} snapshot policy {pol['id']} for volume {vol['name']}", pol, "SnapshotPolicy")
    return pol


@api("updateSnapshotPolicy")
def update_snapshot_policy(ctx, p):
    pol = _get_policy(ctx, ctx.require("id"))
    if ctx.get("fordisplay") is not None:
        pol["fordisplay"] = ctx.bool("fordisplay")
    ctx.store.save("snapshotpolicy", pol)
    backend.monitoring.record_event(ctx, "SNAPSHOTPOLICY.UPDATE", f"Successfully updated snapshot policy {pol['id']}", pol, "SnapshotPolicy")
    return pol


@api("deleteSnapshotPolicies")
def delete_snapshot_policies(ctx, p):
    ids = ctx.list("ids") or ([ctx.get("id")] if ctx.get("id") else [])
    if not ids:
        raise param_error("Either policy id or a list of ids must be specified")
    pols = [_get_policy(ctx, i, "ids" if ctx.get("ids") else "id") for i in ids]
    for pol in pols:
        ctx.store.delete("snapshotpolicy", pol["id"])
        backend.monitoring.record_event(ctx, "SNAPSHOTPOLICY.DELETE", f"Successfully deleted snapshot policy {pol['id']}", pol, "SnapshotPolicy")
    return None


@api("listSnapshotPolicies")
def list_snapshot_policies(ctx, p):
    pols = ctx.store.all("snapshotpolicy")
    if ctx.get("volumeid"):
        get_volume(ctx, "volumeid")
    if not ctx.is_root_admin:
        pols = [x for x in pols if x.get("_accountid") == ctx.account["id"] or may_manage_domain(ctx, x.get("_domainid"))]
    pols = ctx.filter_eq(pols, ["id", "volumeid"])
    if ctx.get("fordisplay") is not None:
        want = ctx.bool("fordisplay")
        pols = [x for x in pols if bool(x.get("fordisplay", True)) == want]
    return pols
