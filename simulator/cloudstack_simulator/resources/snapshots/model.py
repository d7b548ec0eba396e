"""Volume snapshots (createSnapshot, listSnapshots, deleteSnapshot, revertSnapshot), volumes created from a
snapshot (the volumes family's createVolume snapshotid calls ``backend.snapshots.volume_from_snapshot``); templates
created from a snapshot or a volume (createTemplate) are the templates family's (templates/handlers_create.py).

Store type "snapshot" (fields of listSnapshots). Internal: _accountid, _imagestoreid (the image store holding the
backup: deleteImageStore refuses while one is there), _poolid (the source volume's pool).

A snapshot is BackingUp while its job runs and BackedUp when it completes, Error when the job failed (SnapshotManagerImpl); its default name is
<vm name or "detached">_<volume name>_<yyyyMMddHHmmss UTC>, snapshottype and intervaltype MANUAL.
"""
from ...backend import backend
from ...errors import param_error
from ..helpers import GIB, check_access, repair_jobs

TABLE = "snapshot"
REVERTABLE_HYPERVISORS = ("KVM", "Simulator", "XenServer", "VMware")


def _volume(ctx, name="volumeid"):
    vol = ctx.obj("volume", name, required=True)
    check_access(ctx, vol, "volume")
    return vol


def _image_store(sim, zoneid):
    stores = [s for s in sim.store.find("imagestore", zoneid=zoneid) if not s.get("_removed")]
    return stores[0]["id"] if stores else None


def get_snapshot(ctx, name="id"):
    repair_jobs(ctx.sim)
    snap = ctx.obj(TABLE, name, required=True)
    check_access(ctx, snap, "snapshot")
    return snap


@backend.identity.on_account_removed
def on_account_deleted(ctx, acc):
    """AccountManagerImpl.cleanupAccount deletes the account's snapshots."""
    for snap in list(ctx.store.all(TABLE)):
        if snap.get("_accountid") == acc["id"]:
            ctx.store.delete(TABLE, snap["id"])


def volume_from_snapshot(ctx, vol, snap):
    """createVolume snapshotid (the volumes family calls it once the volume is stored): the new DATA volume has the
    snapshot's size and disk offering and is Ready on the source volume's pool (VolumeServiceImpl.createVolumeFromSnapshot)."""
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
        backend.volumes.put_on_pool(ctx, vol, pool)
