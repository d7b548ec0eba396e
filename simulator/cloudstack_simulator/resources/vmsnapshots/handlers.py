"""The VM snapshot commands (createVMSnapshot, listVMSnapshot, revertToVMSnapshot, deleteVMSnapshot): parameters in,
views out; the state and rules are in model.py."""
from ...backend import backend
from ...errors import param_error
from ...registry import api
from .model import allocate, check_delete, check_revert, find, get, remove, revert, take, watch


def _view(snap):
    return dict(snap)


@api("listVMSnapshot")
def list_vmsnapshot(ctx, p):
    if ctx.get("virtualmachineid"):
        ctx.obj("virtualmachine", "virtualmachineid")
    return [_view(s) for s in find(ctx)]


@api("createVMSnapshot")
def create_vmsnapshot(ctx, p):
    vm = ctx.store.get("virtualmachine", ctx.get("virtualmachineid"))
    if vm is None or vm.get("_removed"):
        raise param_error(f"Creating VM snapshot failed due to VM:{ctx.get('virtualmachineid')} is a system VM or does not exist")
    vm = backend.compute.get_vm(ctx, "virtualmachineid")
    snap = allocate(ctx, vm, ctx.get("name"), ctx.get("description"), ctx.bool("snapshotmemory", False))
    sid = snap["id"]
    return watch(ctx, ctx.later(lambda: _view(take(ctx, sid)), "VmSnapshot", sid), sid, "Allocated")


@api("revertToVMSnapshot")
def revert_to_vmsnapshot(ctx, p):
    snap = get(ctx)
    check_revert(ctx, snap)
    snap["state"] = "Reverting"
    ctx.store.save("vmsnapshot", snap)
    sid = snap["id"]
    return watch(ctx, ctx.later(lambda: revert(ctx, sid), "VmSnapshot", sid), sid, "Reverting")


@api("deleteVMSnapshot")
def delete_vmsnapshot(ctx, p):
    snap = get(ctx)
    check_delete(ctx, snap)
    snap["state"] = "Expunging"
    ctx.store.save("vmsnapshot", snap)
    sid = snap["id"]

    def run():
        cur = ctx.store.get("vmsnapshot", sid)
        if cur is not None:
            remove(ctx.sim, cur)
            backend.monitoring.record_event(ctx, "VMSNAPSHOT.DELETE", f"Successfully deleted VM snapshot {cur['displayname']}", cur, "VMSnapshot")
        return None

    return watch(ctx, ctx.later(run, "VmSnapshot", sid), sid, "Expunging")
