"""VM snapshots (createVMSnapshot, listVMSnapshot, revertToVMSnapshot, deleteVMSnapshot) as 4.18's VMSnapshotManagerImpl
and DefaultVMSnapshotStrategy keep them.

Store type "vmsnapshot" (fields of listVMSnapshot). Internal: _accountid, _serviceofferingid (the VM's offering when taken).

- createVMSnapshot (allocVMSnapshot, before the job): the VM is a user VM in state Running or Stopped; its hypervisor's
  capability vmsnapshotenabled; the display name (default <instance name>_VS_<yyyyMMddHHmmss GMT>) unique per VM; memory
  only of a Running VM; at most vmsnapshot.max (10) per VM; no other VM snapshot task on the VM. The record is
  Allocated; the job makes it Ready, the VM's current snapshot, child of the previous current one; type Disk, or
  DiskAndMemory with snapshotmemory of a running VM. A job that fails leaves it in Error (as the strategy's
  OperationFailed transition).
- revertToVMSnapshot: the VM Running or Stopped; a Disk snapshot only while the VM is stopped, a DiskAndMemory one only
  while it runs; the snapshot Ready. The job makes it the current one and answers the VM.
- deleteVMSnapshot: the snapshot Ready, Expunging or Error; its children move to its parent, and its parent becomes
  current when it was. A VM's snapshots go when the VM is expunged, an account's when the account is removed.
"""
import datetime

from ...backend import backend
from ...context import now
from ...errors import ApiError, param_error
from ..helpers import check_access, repair_jobs, watch_job

TABLE = "vmsnapshot"
BUSY = ("Allocated", "Creating", "Expunging", "Reverting")  # hasActiveVMSnapshotTasks
LISTED = ("Ready", "Creating", "Allocated", "Error", "Expunging", "Reverting")  # listVMSnapshot without a state


def of_vm(sim, vmid):
    return [s for s in sim.store.all(TABLE) if s.get("virtualmachineid") == vmid]


def get(ctx, param="vmsnapshotid"):
    repair_jobs(ctx.sim)
    snap = ctx.obj(TABLE, param, required=True)
    check_access(ctx, snap, "vm snapshot")
    return snap


def find(ctx):
    repair_jobs(ctx.sim)
    snaps = ctx.scope(ctx.store.all(TABLE))
    state = ctx.get("state")
    snaps = [s for s in snaps if (s.get("state") == state if state else s.get("state") in LISTED)]
    ids = ctx.list("vmsnapshotids")
    if ids:
        snaps = [s for s in snaps if s["id"] in ids]
    snaps = ctx.filter_eq(snaps, [("vmsnapshotid", "id"), "virtualmachineid", ("name", "displayname")], ci_fields=("displayname",))
    snaps.sort(key=lambda s: s.get("_seq", 0))
    return ctx.filter_keyword(snaps, ("name", "displayname", "description"))


def _check_vm_for_create(ctx, vm, display, memory):
    caps = [c for c in ctx.store.all("hypervisorcapability")
            if c.get("hypervisor") == vm.get("hypervisor") and c.get("hypervisorversion") == "default"]
    if not caps or not caps[0].get("vmsnapshotenabled"):
        raise param_error(f"VM snapshot is not enabled for hypervisor type: {vm.get('hypervisor')}")
    if any(s.get("displayname") == display for s in of_vm(ctx.sim, vm["id"])):
        raise param_error(f"Creating VM snapshot failed due to VM snapshot with name{display}  already exists")
    if vm.get("state") not in ("Running", "Stopped"):
        raise param_error(f"Creating vm snapshot failed due to VM:{vm['id']} is not in the running or Stopped state")
    if memory and vm.get("state") != "Running":
        raise param_error("Can not snapshot memory when VM is not in Running state")
    limit = int(ctx.config("vmsnapshot.max", "10") or 10)
    if len(of_vm(ctx.sim, vm["id"])) >= limit:
        raise ApiError(530, f"Creating vm snapshot failed due to a VM can just have : {limit} VM snapshots. Please delete old ones")
    _not_busy(ctx, vm["id"])


def _not_busy(ctx, vmid, code=530):
    repair_jobs(ctx.sim)
    if any(s.get("state") in BUSY for s in of_vm(ctx.sim, vmid)):
        raise ApiError(code, "There is other active vm snapshot tasks on the instance, please try again later")


def allocate(ctx, vm, display, description, memory):
    """allocVMSnapshot: checks, then the Allocated record (the job's work is ``take``)."""
    if display is not None and len(display) > 255:
        raise param_error("Creating VM snapshot failed due to length of VM snapshot vsDisplayName should not exceed 255")
    if description is not None and len(description) > 255:
        raise param_error("Creating VM snapshot failed due to length of VM snapshot vsDescription should not exceed 255")
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d%H%M%S")
    name = f"{vm.get('instancename')}_VS_{stamp}"
    display = display or name
    _check_vm_for_create(ctx, vm, display, memory)
    own = {k: vm.get(k) for k in ("account", "domainid", "domain", "projectid", "project")}
    snap = {
        "name": name, "displayname": display, "description": description, "state": "Allocated", "current": False,
        "type": "DiskAndMemory" if memory and vm.get("state") == "Running" else "Disk",
        "virtualmachineid": vm["id"], "virtualmachinename": vm.get("name"), "hypervisor": vm.get("hypervisor"),
        "zoneid": vm.get("zoneid"), "zonename": vm.get("zonename"), "created": now(), "hasannotations": False, "tags": [],
        **own, "_accountid": vm.get("_accountid"), "_serviceofferingid": vm.get("serviceofferingid"),
    }
    return ctx.store.add(TABLE, snap)


def _make_current(sim, snap):
    for other in of_vm(sim, snap["virtualmachineid"]):
        if other["id"] != snap["id"] and other.get("current"):
            other["current"] = False
            sim.store.save(TABLE, other)
    snap["current"] = True


def watch(ctx, later, snapid, from_state):
    """A failed job (its work never ran): a create or delete leaves the snapshot in Error, a revert back in Ready, as
    VMSnapshot's state machine on OperationFailed."""
    return watch_job(ctx, later, TABLE, snapid, from_state, "Ready" if from_state == "Reverting" else "Error")


def take(ctx, snapid):
    """The create job: Ready, the VM's current snapshot, child of the previous current one."""
    snap = ctx.store.get(TABLE, snapid)
    if snap is None:
        raise ApiError(530, f"VM snapshot id: {snapid} can not be found")
    parent = next((s for s in of_vm(ctx.sim, snap["virtualmachineid"]) if s.get("current") and s["id"] != snapid), None)
    if parent is not None:
        snap["parent"], snap["parentName"] = parent["id"], parent.get("displayname")
    _make_current(ctx.sim, snap)
    snap["state"] = "Ready"
    ctx.store.save(TABLE, snap)
    backend.monitoring.record_event(ctx, "VMSNAPSHOT.CREATE", f"Successfully created VM snapshot {snap['displayname']}", snap, "VMSnapshot")
    return snap


def check_revert(ctx, snap):
    vm = ctx.store.get("virtualmachine", snap["virtualmachineid"])
    if vm is None or vm.get("_removed"):
        raise param_error(f"Revert vm to snapshot: {snap['id']} failed due to vm: {snap['virtualmachineid']} is not found")
    _not_busy(ctx, vm["id"], code=431)
    if vm.get("state") not in ("Running", "Stopped"):
        raise param_error("VM Snapshot reverting failed due to vm is not in the state of Running or Stopped.")
    if vm["state"] == "Running" and snap.get("type") == "Disk":
        raise param_error("Reverting to the VM Snapshot is not allowed for running VMs as this would result in a VM state change. "
                          "For running VMs only Snapshots with memory can be reverted. "
                          "In order to revert to a Snapshot without memory you need to first stop the VM.")
    if vm["state"] == "Stopped" and snap.get("type") == "DiskAndMemory":
        raise param_error("Reverting to the VM Snapshot is not allowed for stopped VMs when the Snapshot contains memory as this would "
                          "result in a VM state change. In order to revert to a Snapshot with memory you need to first start the VM.")
    if snap.get("state") != "Ready":
        raise param_error("VM Snapshot reverting failed due to vm snapshot is not in the state of Created.")
    return vm


def revert(ctx, snapid):
    """The revert job: the snapshot becomes current; the answer is the VM."""
    snap = ctx.store.get(TABLE, snapid)
    vm = ctx.store.get("virtualmachine", snap["virtualmachineid"]) if snap else None
    if snap is None or vm is None:
        raise ApiError(530, f"Revert vm to snapshot: {snapid} failed")
    _make_current(ctx.sim, snap)
    snap["state"] = "Ready"
    ctx.store.save(TABLE, snap)
    backend.monitoring.record_event(ctx, "VMSNAPSHOT.REVERTTO", f"Successfully reverted VM to snapshot {snap['displayname']}", snap, "VMSnapshot")
    return vm


def check_delete(ctx, snap):
    if snap.get("state") not in ("Ready", "Expunging", "Error"):
        raise param_error(f"Can't delete the vm snapshot {snap['id']} due to it is not in Created or Error, or Expunging State")
    if snap.get("state") != "Expunging":
        _not_busy(ctx, snap["virtualmachineid"], code=431)


def remove(sim, snap):
    """The delete job (and the VM's expunge): children move to the parent; the parent becomes current when this was."""
    for child in of_vm(sim, snap["virtualmachineid"]):
        if child.get("parent") == snap["id"]:
            child["parent"], child["parentName"] = snap.get("parent"), snap.get("parentName")
            sim.store.save(TABLE, {k: v for k, v in child.items()})
    parent = sim.store.get(TABLE, snap.get("parent")) if snap.get("parent") else None
    if snap.get("current") and parent is not None:
        parent["current"] = True
        sim.store.save(TABLE, parent)
    sim.store.delete(TABLE, snap["id"])


def on_vm_expunged(sim, vm):
    """VMSnapshotManagerImpl.deleteAllVMSnapshots when the VM is expunged."""
    for snap in of_vm(sim, vm["id"]):
        sim.store.delete(TABLE, snap["id"])


@backend.identity.on_account_removed
def on_account_deleted(ctx, acc):
    for snap in list(ctx.store.all(TABLE)):
        if snap.get("_accountid") == acc["id"]:
            ctx.store.delete(TABLE, snap["id"])
