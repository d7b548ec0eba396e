"""The systemvms commands (listSystemVms, start/stop/reboot/destroy/migrateSystemVm): parameters in, views out;
the state and rules are in model.py."""
from ...backend import backend
from ...errors import ApiError
from ...registry import api
from ..helpers import VM_TABLES, sorted_seq
from .model import TABLE, admin_only, expunge, get_system_vm, migrate, place, scan, settle, settle_all, start_on_host, unplace


def _when_done(ctx, vmid, fn):
    def run():
        vm = ctx.store.get(TABLE, vmid)
        if vm is None:
            raise ApiError(530, f"Unable to find system vm {vmid}")
        return fn(settle(ctx.sim, vm, TABLE))

    return ctx.later(run, "SystemVm", vmid)


@api("listSystemVms")
def list_system_vms(ctx, p):
    admin_only(ctx)
    scan(ctx.sim)
    settle_all(ctx.sim, TABLE)
    for param, type_ in (("zoneid", "zone"), ("podid", "pod"), ("hostid", "host"), ("storageid", "storagepool")):
        ctx.obj(type_, param)  # ParamProcessWorker: a uuid that names nothing is a 431
    if ctx.get("id") and not any(ctx.store.get(t, ctx.get("id")) for t in VM_TABLES):
        ctx.obj(TABLE, "id")
    vms = sorted_seq(ctx.store.all(TABLE))
    vms = ctx.filter_eq(vms, ["id", "zoneid", "podid", "hostid"])
    if ctx.get("name"):
        vms = [v for v in vms if v["name"] == ctx.get("name")]
    if ctx.get("state"):
        vms = [v for v in vms if v["state"].lower() == ctx.get("state").lower()]
    if ctx.get("systemvmtype"):
        vms = [v for v in vms if v["systemvmtype"].lower() == ctx.get("systemvmtype").lower()]
    if ctx.get("storageid"):
        vms = [v for v in vms if v.get("_poolid") == ctx.get("storageid")]
    return ctx.filter_keyword(vms, ("name",))


@api("startSystemVm")
def start_system_vm(ctx, p):
    vm = get_system_vm(ctx)
    return _when_done(ctx, vm["id"], lambda cur: start_on_host(ctx.sim, cur, TABLE))


@api("stopSystemVm")
def stop_system_vm(ctx, p):
    vm = get_system_vm(ctx)

    def stop(cur):
        if cur["state"] != "Stopped":
            unplace(ctx.sim, cur, TABLE)
        return cur

    return _when_done(ctx, vm["id"], stop)


@api("rebootSystemVm")
def reboot_system_vm(ctx, p):
    vm = get_system_vm(ctx, text="unable to find a system VM with specified vmId")

    def reboot(cur):
        if cur["state"] != "Running":
            return start_on_host(ctx.sim, cur, TABLE)  # rebootSecStorageVm / rebootProxy start a VM that is not Running
        if ctx.bool("forced"):
            host = ctx.store.get("host", cur["hostid"])
            unplace(ctx.sim, cur, TABLE)
            place(ctx.sim, cur, host, TABLE)
            cur["state"] = "Running"
            cur.pop("_due", None)
            ctx.store.save(TABLE, cur)
        return cur

    return _when_done(ctx, vm["id"], reboot)


@api("destroySystemVm")
def destroy_system_vm(ctx, p):
    vm = get_system_vm(ctx, text="unable to find a system VM with specified vmId")

    def destroy(cur):
        before = dict(cur)  # the command answers the VM as it was before the destroy
        expunge(ctx.sim, cur)
        return before

    return _when_done(ctx, vm["id"], destroy)


@api("migrateSystemVm")
def migrate_system_vm(ctx, p):
    admin_only(ctx)
    vm = ctx.store.get(TABLE, ctx.require("virtualmachineid"))
    if vm is None:
        if ctx.store.get("router", ctx.get("virtualmachineid")) is None:
            ctx.obj(TABLE, "virtualmachineid")
        return backend.routers.migrate(ctx)
    return migrate(ctx, vm, TABLE)
