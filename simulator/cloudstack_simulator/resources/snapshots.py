"""Volume snapshots (createSnapshot, listSnapshots, deleteSnapshot, revertSnapshot), volumes created from a
snapshot (createVolume snapshotid, via the "volume.from_snapshot" event volumes.py emits) and templates
created from a snapshot or a volume (createTemplate).

Store type "snapshot" (fields of listSnapshots). Internal: _accountid, _imagestoreid (the image store holding the
backup: deleteImageStore refuses while one is there), _poolid (the source volume's pool).

A snapshot is BackingUp while its job runs and BackedUp when it completes (SnapshotManagerImpl); its default name is
<vm name or "detached">_<volume name>_<yyyyMMddHHmmss UTC>, snapshottype and intervaltype MANUAL.
"""
import datetime

from ..context import now
from ..errors import ApiError, param_error
from ..registry import api, on
from . import monitoring, templates, workload
from .identity import on_account_removed
from .volumes import put_on_pool
from .workload import check_access, owner

TABLE = "snapshot"
GIB = 1024 ** 3
REVERTABLE_HYPERVISORS = ("KVM", "Simulator", "XenServer", "VMware")


def _volume(ctx, name="volumeid"):
    vol = ctx.obj("volume", name, required=True)
    check_access(ctx, vol, "volume")
    return vol


def _image_store(sim, zoneid):
    stores = [s for s in sim.store.find("imagestore", zoneid=zoneid) if not s.get("_removed")]
    return stores[0]["id"] if stores else None


@api("createSnapshot")
def create_snapshot(ctx, p):
    vol = _volume(ctx)
    if vol.get("state") != "Ready":
        raise param_error(f"VolumeId: {vol['id']} is not in Ready state but {vol.get('state')}. Cannot take snapshot.")
    if not vol.get("storageid"):
        raise param_error(f"Volume: {vol['name']} is not on a storage pool, please attach it to a VM before taking a snapshot")
    vm = ctx.store.get("virtualmachine", vol.get("virtualmachineid")) if vol.get("virtualmachineid") else None
    own = {**workload.owner_view(vol), "_accountid": vol.get("_accountid")}
    if ctx.get("account") or ctx.get("domainid"):
        own = owner(ctx)
    workload.check_limits(ctx, own, {3: 1})
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d%H%M%S")
    name = ctx.get("name") or f"{vm['name'] if vm else 'detached'}_{vol['name']}_{stamp}"
    size = int(vol.get("size") or 0)
    snap = {
        "name": name, "volumeid": vol["id"], "volumename": vol["name"], "volumetype": vol.get("type"), "zoneid": vol["zoneid"],
        "created": now(), "snapshottype": "MANUAL", "intervaltype": "MANUAL", "state": "BackingUp", "virtualsize": size,
        "physicalsize": size, "revertable": vol.get("hypervisor", "Simulator") in REVERTABLE_HYPERVISORS, "hasannotations": False,
        "tags": [], **workload.owner_view(own), "_accountid": own.get("_accountid"), "_poolid": vol.get("storageid"),
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
        monitoring.record_event(ctx, "SNAPSHOT.CREATE", f"Successfully completed creating snapshot {cur['name']}", cur, "Snapshot")
        return cur

    return ctx.later(backed_up, "Snapshot", sid)


@api("listSnapshots")
def list_snapshots(ctx, p):
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
        snaps = [s for s in snaps if workload.tags_matching(s, tags)]
    snaps.sort(key=lambda s: s.get("_seq", 0), reverse=True)  # SnapshotJoin: newest first (created DESC)
    return ctx.filter_keyword(snaps, ("name",))


def get_snapshot(ctx, name="id"):
    snap = ctx.obj(TABLE, name, required=True)
    check_access(ctx, snap, "snapshot")
    return snap


@on_account_removed
def on_account_deleted(ctx, acc):
    """AccountManagerImpl.cleanupAccount deletes the account's snapshots."""
    for snap in list(ctx.store.all(TABLE)):
        if snap.get("_accountid") == acc["id"]:
            ctx.store.delete(TABLE, snap["id"])


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
            monitoring.record_event(ctx, "SNAPSHOT.DELETE", f"Successfully deleted snapshot {cur['name']}", cur, "Snapshot")
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
        monitoring.record_event(ctx, "SNAPSHOT.REVERT", f"Successfully reverted snapshot {cur['name']}", cur, "Snapshot")
        return cur

    return ctx.later(run, "Snapshot", snap["id"])


@on("volume.from_snapshot")
def volume_from_snapshot(ctx, vol, snap):
    """createVolume snapshotid: the new DATA volume has the snapshot's size and disk offering and is Ready on the
    source volume's pool (VolumeServiceImpl.createVolumeFromSnapshot)."""
    if snap.get("state") != "BackedUp":
        ctx.store.delete("volume", vol["id"])
        raise param_error(f"Snapshot id={snap['id']} is not in BackedUp state yet and can't be used for volume creation")
    if not vol.get("diskofferingid") and snap.get("_diskofferingid"):
        off = ctx.store.get("diskoffering", snap["_diskofferingid"]) or {}
        vol.update(diskofferingid=off.get("id"), diskofferingname=off.get("name"), diskofferingdisplaytext=off.get("displaytext"))
    vol["size"] = vol["virtualsize"] = int(snap.get("virtualsize") or vol.get("size") or GIB)
    pool = ctx.store.get("storagepool", snap.get("_poolid"))
    if pool is None or pool.get("state") != "Up":
        pool = next((sp for sp in ctx.store.find("storagepool", zoneid=snap["zoneid"]) if sp.get("state") == "Up"), None)
    if pool is not None:
        put_on_pool(ctx, vol, pool)


# ---- createTemplate (from a snapshot or a volume) -------------------------------------------------------------------
@api("createTemplate")
def create_template(ctx, p):
    name, display = ctx.require("name"), ctx.require("displaytext")
    os_ = ctx.obj("ostype", "ostypeid", required=True)
    snap = get_snapshot(ctx, "snapshotid") if ctx.get("snapshotid") else None
    vol = ctx.obj("volume", "volumeid") if ctx.get("volumeid") else None
    if snap is None and vol is None:
        raise param_error("Failed to create private template record, need to either specify snapshot id or volume id")
    if snap is not None and vol is not None:
        raise param_error("Failed to create private template record, please specify only one of volume id and snapshot id")
    if snap is not None:
        if snap.get("state") != "BackedUp":
            raise param_error(f"Snapshot id={snap['id']} is not in BackedUp state yet and can't be used for template creation")
        source = ctx.store.get("volume", snap["volumeid"]) or {}
        size, zoneid = int(snap.get("virtualsize") or 0), snap["zoneid"]
    else:
        check_access(ctx, vol, "volume")
        vm = ctx.store.get("virtualmachine", vol.get("virtualmachineid")) if vol.get("virtualmachineid") else None
        if vm is not None and vm.get("state") != "Stopped":
            raise param_error(f"VolumeId: {vol['id']} please stop vm with id {vm['id']} before creating a template from its volume")
        if vol.get("state") != "Ready":
            raise param_error(f"Volume {vol['id']} is not in Ready state")
        source, size, zoneid = vol, int(vol.get("size") or 0), vol["zoneid"]
    if (ctx.bool("ispublic") or ctx.bool("isfeatured")) and not workload.is_admin(ctx):
        allowed = str(ctx.config("allow.public.user.templates", "true")).lower() == "true"
        if ctx.bool("isfeatured") or not allowed:
            raise ApiError(531, "Only private templates can be created by a normal user")
    own = owner(ctx)
    workload.check_limits(ctx, own, {4: 1})
    tmpl = {
        "name": name, "displaytext": display, "ispublic": ctx.bool("ispublic"), "isready": False, "passwordenabled": ctx.bool("passwordenabled"),
        "format": "RAW" if source.get("hypervisor", "Simulator") == "Simulator" else "QCOW2", "isfeatured": ctx.bool("isfeatured"),
        "crossZones": False, "ostypeid": os_["id"], "ostypename": os_.get("description"), **workload.owner_view(own),
        "accountid": own.get("_accountid"), "_accountid": own.get("_accountid"), "status": "Creating", "size": size,
        "templatetype": "USER", "hypervisor": source.get("hypervisor", "Simulator"), "isextractable": False, "details": ctx.details("details"),
        "bits": ctx.int("bits", 0), "sshkeyenabled": ctx.bool("sshkeyenabled"), "isdynamicallyscalable": ctx.bool("isdynamicallyscalable"),
        "directdownload": False, "deployasis": False, "requireshvm": ctx.bool("requireshvm"), "tags": [], "bootable": True,
        "templatetag": ctx.get("templatetag"), "_registered": True, "_zones": [zoneid],
    }
    if snap is not None:
        tmpl["_snapshotid"] = snap["id"]
    templates.add_template(ctx.sim, tmpl)
    tid = tmpl["id"]

    def done():
        cur = ctx.store.get("template", tid)
        if cur is None:
            raise ApiError(530, f"Template {tid} was removed while it was created")
        cur.update(isready=True, status="Download Complete", physicalsize=cur["size"])
        ctx.store.save("template", cur)
        monitoring.record_event(ctx, "TEMPLATE.CREATE", f"Successfully created template {cur['name']}", cur, "Template")
        zone = ctx.store.get("zone", zoneid)
        return templates.template_view(ctx, cur, zone)

    return ctx.later(done, "Template", tid)
