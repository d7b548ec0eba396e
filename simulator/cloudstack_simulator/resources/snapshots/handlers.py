"""The snapshots commands (createSnapshot, listSnapshots, deleteSnapshot, revertSnapshot): parameters in, views out;
the state and rules are in model.py."""
import datetime

from ...backend import backend
from ...context import now
from ...errors import ApiError, param_error
from ...registry import api
from ..helpers import check_limits, owner, owner_view, repair_jobs, tags_matching, watch_job
from .model import REVERTABLE_HYPERVISORS, TABLE, _image_store, _volume, get_snapshot


@api("createSnapshot")
def create_snapshot(ctx, p):
    vol = _volume(ctx)
    if vol.get("state") != "Ready":
        raise param_error(f"VolumeId: {vol['id']} is not in Ready state but {vol.get('state')}. Cannot take snapshot.")
    if not vol.get("storageid"):
        raise param_error(f"Volume: {vol['name']} is not on a storage pool, please attach it to a VM before taking a snapshot")
    vm = ctx.store.get("virtualmachine", vol.get("virtualmachineid")) if vol.get("virtualmachineid") else None
    own = {**owner_view(vol), "_accountid": vol.get("_accountid")}
    if ctx.get("account") or ctx.get("domainid"):
        own = owner(ctx)
    check_limits(ctx, own, {3: 1})
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d%H%M%S")
    name = ctx.get("name") or f"{vm['name'] if vm else 'detached'}_{vol['name']}_{stamp}"
    size = int(vol.get("size") or 0)
    snap = {
        "name": name, "volumeid": vol["id"], "volumename": vol["name"], "volumetype": vol.get("type"), "zoneid": vol["zoneid"],
        "created": now(), "snapshottype": "MANUAL", "intervaltype": "MANUAL", "state": "BackingUp", "virtualsize": size,
        "physicalsize": size, "revertable": vol.get("hypervisor", "Simulator") in REVERTABLE_HYPERVISORS, "hasannotations": False,
        "tags": [], **owner_view(own), "_accountid": own.get("_accountid"), "_poolid": vol.get("storageid"),
        "_imagestoreid": _image_store(ctx.sim, vol["zoneid"]), "_diskofferingid": vol.get("diskofferingid"),
    }
    if vm is not None and vm.get("ostypeid"):
        snap.update(ostypeid=vm["ostypeid"], osdisplayname=vm.get("osdisplayname") or vm.get("ostypename"))
    if ctx.get("locationtype"):
        lt = ctx.get("locationtype").upper()
        if lt not in ("PRIMARY", "SECONDARY"):
            raise param_error(f"Please specify a valid location type: {ctx.get('locationtype')}")
        snap["locationtype"] = lt
    ctx.store.add(TABLE, snap)
    sid = snap["id"]

    def backed_up():
        cur = ctx.store.get(TABLE, sid)
        if cur is None:
            raise ApiError(530, f"Snapshot {sid} was removed while it was taken")
        cur["state"] = "BackedUp"
        ctx.store.save(TABLE, cur)
        backend.monitoring.record_event(ctx, "SNAPSHOT.CREATE", f"Successfully completed creating snapshot {cur['name']}", cur, "Snapshot")
        return cur

    # a job that fails before its work leaves the snapshot in Error (SnapshotManagerImpl: OperationFailed)
    return watch_job(ctx, ctx.later(backed_up, "Snapshot", sid), TABLE, sid, "BackingUp", "Error")


@api("listSnapshots")
def list_snapshots(ctx, p):
    repair_jobs(ctx.sim)
    snaps = ctx.scope(ctx.store.all(TABLE))
    if ctx.get("id"):
        ctx.obj(TABLE, "id")
    if ctx.get("volumeid"):
        ctx.obj("volume", "volumeid")
    ids = ctx.list("ids")
    if ids:
        snaps = [s for s in snaps if s["id"] in ids]
    snaps = ctx.filter_eq(snaps, ["id", "volumeid", "zoneid", "name"], ci_fields=())
    for param in ("snapshottype", "intervaltype"):
        if ctx.get(param):
            snaps = [s for s in snaps if str(s.get(param, "")).lower() == ctx.get(param).lower()]
    tags = ctx.map_param("tags")
    if tags:
        snaps = [s for s in snaps if tags_matching(s, tags)]
    snaps.sort(key=lambda s: s.get("_seq", 0), reverse=True)  # SnapshotJoin: newest first (created DESC)
    return ctx.filter_keyword(snaps, ("name",))


@api("deleteSnapshot")
def delete_snapshot(ctx, p):
    snap = get_snapshot(ctx)
    if snap.get("state") not in ("BackedUp", "Error", "Destroying"):
        raise param_error(f"Can't delete snapshot {snap['id']} with status {snap.get('state')}")
    sid = snap["id"]

    def run():
        cur = ctx.store.get(TABLE, sid)
        if cur is not None:
            ctx.store.delete(TABLE, sid)
            backend.monitoring.record_event(ctx, "SNAPSHOT.DELETE", f"Successfully deleted snapshot {cur['name']}", cur, "Snapshot")
        return None

    return ctx.later(run, "Snapshot", sid)


@api("revertSnapshot")
def revert_snapshot(ctx, p):
    snap = get_snapshot(ctx)
    if snap.get("state") != "BackedUp":
        raise param_error(f"Snapshot {snap['id']} is not in BackedUp state")
    vol = ctx.store.get("volume", snap["volumeid"])
    if vol is None or vol.get("state") in ("Destroy", "Expunged", "Expunging"):
        raise param_error(f"Snapshot {snap['id']}: its volume is gone, it cannot be reverted")
    vm = ctx.store.get("virtualmachine", vol.get("virtualmachineid")) if vol.get("virtualmachineid") else None
    if vm is not None and vm.get("state") not in ("Stopped", "Error"):
        raise param_error("The VM the specified disk is attached to is not in the shutdown state.")
    if not snap.get("revertable"):
        raise param_error(f"Revert snapshot is not supported for snapshot {snap['id']}")

    def run():
        cur = ctx.store.get(TABLE, snap["id"])
        v = ctx.store.get("volume", snap["volumeid"])
        if cur is None or v is None:
            raise ApiError(530, f"Failed to revert snapshot {snap['id']}")
        v["size"] = cur.get("virtualsize") or v.get("size")
        ctx.store.save("volume", v)
        backend.monitoring.record_event(ctx, "SNAPSHOT.REVERT", f"Successfully reverted snapshot {cur['name']}", cur, "Snapshot")
        return cur

    return ctx.later(run, "Snapshot", snap["id"])
