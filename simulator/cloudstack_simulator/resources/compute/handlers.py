"""The compute commands: parameters in, views out; the state and rules are in model.py."""
import time

from ...backend import backend
from ...errors import ApiError, param_error
from ...registry import api
from ..helpers import as_bool, check_limits, is_admin, tags_matching
from . import model_deploy
from .model import (
    Projected,
    _apply_offering,
    _fits,
    _group,
    _host_usable,
    _image,
    _keypairs,
    _may_expunge,
    _new_offering,
    _place,
    _projector,
    _release,
    _schedule_expunge,
    _start,
    _userdata,
    check_name,
    expunge_now,
    fail_later,
    get_vm,
    image_in_zone,
    image_ready,
    index,
    plan,
    refresh_volumes_view,
    set_state,
    sweep,
    touch,
    tracked,
    vm_label,
    vm_resources,
)


@api("deployVirtualMachine")
def deploy(ctx, p):
    return model_deploy.deploy(ctx)


@api("startVirtualMachine")
def start_vm(ctx, p):
    vm = get_vm(ctx)
    hostid = ctx.get("hostid")
    if hostid:
        if not ctx.is_root_admin:
            raise ApiError(531, "Parameter hostid can only be specified by a Root Admin")
        ctx.obj("host", "hostid")
    if vm["state"] in ("Running", "Starting"):
        return vm
    if vm["state"] != "Stopped":
        raise param_error(f"Unable to start {vm_label(vm)} in state {vm['state']}")
    try:
        _start(ctx, vm, hostid, ctx.get("podid"), ctx.get("clusterid"))
    except ApiError as err:  # CloudStack's job fails with it (the submit itself succeeds)
        return fail_later(ctx, err, vm["id"])
    set_state(ctx, vm, "Starting")
    vmid = vm["id"]

    def finish():
        cur = ctx.store.get("virtualmachine", vmid)
        if cur is not None and cur["state"] == "Starting":
            set_state(ctx, cur, "Running")
            backend.guestnet.on_vm_running(ctx, cur)
            backend.monitoring.record_event(ctx, "VM.START", f"Successfully completed starting Vm. Vm Id: {vmid}", cur, "VirtualMachine")
        return cur

    def start_failed(cur):
        _release(ctx.sim, cur)
        cur["state"] = "Stopped"
        refresh_volumes_view(ctx, cur)

    return tracked(ctx, ctx.later(finish, "VirtualMachine", vmid), vmid, "Starting", start_failed)


@api("stopVirtualMachine")
def stop_vm(ctx, p):
    vm = get_vm(ctx)
    if vm["state"] in ("Stopped", "Stopping"):
        return vm
    if vm["state"] not in ("Running", "Starting"):
        raise param_error(f"Unable to stop {vm_label(vm)} in state {vm['state']}")
    set_state(ctx, vm, "Stopping")
    vmid = vm["id"]

    def finish():
        cur = ctx.store.get("virtualmachine", vmid)
        if cur is not None and cur["state"] == "Stopping":
            _release(ctx.sim, cur)
            set_state(ctx, cur, "Stopped")
            backend.monitoring.record_event(ctx, "VM.STOP", f"Successfully completed stopping Vm. Vm Id: {vmid}", cur, "VirtualMachine")
        return cur

    return tracked(ctx, ctx.later(finish, "VirtualMachine", vmid), vmid, "Stopping", lambda cur: cur.update(state="Running"))


@api("rebootVirtualMachine")
def reboot_vm(ctx, p):
    vm = get_vm(ctx)
    if vm["state"] != "Running":
        raise param_error(f"Unable to reboot {vm_label(vm)} as it is not in Running state (state {vm['state']})")
    vmid = vm["id"]

    def finish():
        cur = ctx.store.get("virtualmachine", vmid)
        if cur is None or cur["state"] != "Running":
            raise ApiError(530, f"Unable to reboot the VM {vmid}: it is no longer Running")
        touch(ctx, cur)
        backend.monitoring.record_event(ctx, "VM.REBOOT", f"Successfully completed rebooting Vm. Vm Id: {vmid}", cur, "VirtualMachine")
        return cur

    return ctx.later(finish, "VirtualMachine", vmid)


@api("destroyVirtualMachine")
def destroy_vm(ctx, p):
    vm = get_vm(ctx)
    expunge = ctx.bool("expunge")
    if expunge and not _may_expunge(ctx):
        raise ApiError(531, "Parameter expunge can be passed by Admin only. Or when the allow.user.expunge.recover.vm key is set.")
    if vm["state"] == "Destroyed" and not expunge:
        return vm
    if vm["state"] in ("Expunging", "Starting", "Stopping", "Migrating"):
        raise param_error(f"Unable to destroy {vm_label(vm)} in state {vm['state']}")
    extra = []
    for volid in ctx.list("volumeids"):
        vol = ctx.store.get("volume", volid)
        if vol is None or vol.get("virtualmachineid") != vm["id"] or vol.get("type") != "DATADISK":
            raise param_error(f"Please specify volumes that are attached to the VM: {volid}")
        extra.append(volid)
    was_running = vm["state"] == "Running"
    vm_state_before = vm["state"]
    if was_running:
        set_state(ctx, vm, "Stopping")
    vmid = vm["id"]

    def finish():
        cur = ctx.store.get("virtualmachine", vmid)
        if cur is None:
            return None
        _release(ctx.sim, cur)
        cur["state"] = "Destroyed"
        cur["_destroyed_at"] = time.time()
        for volid in extra:
            vol = ctx.store.get("volume", volid)
            if vol is not None:
                backend.volumes.detach(ctx, vol)
                backend.volumes.delete_volume_obj(ctx, vol)
        backend.volumes.on_vm_destroyed(ctx, cur)
        touch(ctx, cur)
        refresh_volumes_view(ctx, cur)
        backend.monitoring.record_event(ctx, "VM.DESTROY", f"Successfully completed destroying Vm. Vm Id: {vmid}", cur, "VirtualMachine")
        view = dict(cur)
        if expunge:
            view["state"] = "Expunging"
            expunge_now(ctx.sim, cur)
            backend.monitoring.record_event(ctx, "VM.EXPUNGE", f"Successfully completed expunging Vm. Vm Id: {vmid}", cur, "VirtualMachine")
        else:
            _schedule_expunge(ctx, cur)
        return view

    if expunge and not was_running:
        set_state(ctx, vm, "Expunging")
    later = ctx.later(finish, "VirtualMachine", vmid)
    if was_running:
        return tracked(ctx, later, vmid, "Stopping", lambda cur: cur.update(state="Running"))
    if expunge:
        return tracked(ctx, later, vmid, "Expunging", lambda cur: cur.update(state=vm_state_before))
    return later


@api("recoverVirtualMachine")
def recover_vm(ctx, p):
    vm = get_vm(ctx)
    if not _may_expunge(ctx):
        raise ApiError(531, "Recovering a vm can only be done by an Admin. Or when the allow.user.expunge.recover.vm key is set.")
    if vm["state"] != "Destroyed":
        raise param_error(f"Vm with id {vm['id']} is not in the right state")
    vm.pop("_expunge_at", None)
    vm.pop("_destroyed_at", None)
    backend.volumes.on_vm_recovered(ctx, vm)
    set_state(ctx, vm, "Stopped")
    backend.monitoring.record_event(ctx, "VM.RECOVER", f"Successfully recovered Vm. Vm Id: {vm['id']}", vm, "VirtualMachine")
    return vm


@api("expungeVirtualMachine")
def expunge_vm(ctx, p):
    vm = get_vm(ctx)
    if not _may_expunge(ctx):
        raise ApiError(531, "Parameter expunge can be passed by Admin only. Or when the allow.user.expunge.recover.vm key is set.")
    if vm["state"] not in ("Destroyed", "Expunging", "Error"):
        raise param_error("Please destroy vm with specified vmId before expunge")
    before = vm["state"] if vm["state"] != "Expunging" else "Destroyed"
    vm["state"] = "Expunging"
    touch(ctx, vm)
    vmid = vm["id"]

    def finish():
        cur = ctx.store.get("virtualmachine", vmid)
        if cur is not None:
            expunge_now(ctx.sim, cur)
            backend.monitoring.record_event(ctx, "VM.EXPUNGE", f"Successfully completed expunging Vm. Vm Id: {vmid}", cur, "VirtualMachine")
        return None

    return tracked(ctx, ctx.later(finish, "VirtualMachine", vmid), vmid, "Expunging", lambda cur: cur.update(state=before))


@api("restoreVirtualMachine")
def restore_vm(ctx, p):
    vm = get_vm(ctx, "virtualmachineid")
    if vm["state"] not in ("Running", "Stopped"):
        raise param_error(f"Vm {vm['id']} currently in {vm['state']} state, restore vm can only execute when VM in Running or Stopped")
    image = vm
    if ctx.get("templateid"):
        image, is_iso = _image(ctx)
        if is_iso:
            raise param_error("Restoring a VM from an ISO is not supported: specify a template")
        if not image_in_zone(image, vm["zoneid"]) or not image_ready(ctx, image, ctx.store.get("zone", vm["zoneid"]) or {"id": vm["zoneid"]}):
            raise param_error(f"Template {image['id']} is not ready in zone {vm['zoneid']}")
    vmid, new = vm["id"], image if ctx.get("templateid") else None

    def finish():
        cur = ctx.store.get("virtualmachine", vmid)
        if cur is None:
            raise ApiError(530, f"Unable to find the VM {vmid}")
        if new is not None:
            cur.update(templateid=new["id"], templatename=new.get("name"), templatedisplaytext=new.get("displaytext"),
                       guestosid=new.get("ostypeid"), ostypeid=new.get("ostypeid"))
        backend.volumes.replace_root(ctx, cur, new)
        touch(ctx, cur)
        backend.monitoring.record_event(ctx, "VM.RESTORE", f"Successfully restored Vm. Vm Id: {vmid}", cur, "VirtualMachine")
        return cur

    return ctx.later(finish, "VirtualMachine", vmid)


@api("changeServiceForVirtualMachine")
def change_service(ctx, p):
    vm = get_vm(ctx)
    off, vals = _new_offering(ctx, vm)
    if vm["state"] != "Stopped":
        raise param_error(f"Unable to upgrade virtual machine {vm_label(vm)} in state {vm['state']}; make sure the virtual machine is stopped")
    check_limits(ctx, vm, {8: vals["cpunumber"] - int(vm["cpunumber"]), 9: vals["memory"] - int(vm["memory"])})
    _apply_offering(ctx, vm, off, vals)
    touch(ctx, vm)
    backend.monitoring.record_event(ctx, "VM.UPGRADE", f"Successfully upgraded Vm. Vm Id: {vm['id']}", vm, "VirtualMachine")
    return vm


@api("scaleVirtualMachine")
def scale_vm(ctx, p):
    vm = get_vm(ctx)
    off, vals = _new_offering(ctx, vm)
    check_limits(ctx, vm, {8: max(0, vals["cpunumber"] - int(vm["cpunumber"])), 9: max(0, vals["memory"] - int(vm["memory"]))})
    if vm["state"] == "Stopped":
        _apply_offering(ctx, vm, off, vals)
        touch(ctx, vm)
        backend.monitoring.record_event(ctx, "VM.UPGRADE", f"Successfully upgraded Vm. Vm Id: {vm['id']}", vm, "VirtualMachine")
        return vm
    if vm["state"] != "Running":
        raise param_error(f"Unable to scale {vm_label(vm)} in state {vm['state']}")
    if str(ctx.config("enable.dynamic.scale.vm", "false")).lower() != "true":
        raise param_error("Dynamic scaling of a running VM is not enabled: set the global setting enable.dynamic.scale.vm to true")
    if not as_bool(vm.get("isdynamicallyscalable")):
        raise param_error(f"Unable to scale the vm {vm['name']} as it is not dynamically scalable: it must be stopped to change its offering")
    cur = vm_resources(vm)
    new = vm_resources(vals)
    if new["cpu"] < cur["cpu"] or new["memory"] < cur["memory"] or (new["cpu"] == cur["cpu"] and new["memory"] == cur["memory"]):
        raise param_error("Only scaling up the vm is supported, new service offering"
                          f"(speed={vals['cpuspeed']},cpu={vals['cpunumber']},memory={vals['memory']}) "
                          f"should have at least one value(cpu/ram) greater than old value and no value less than old value")
    host = ctx.store.get("host", vm.get("hostid"))
    extra = {"cpu": new["cpu"] - cur["cpu"], "memory": new["memory"] - cur["memory"], "cores": 0, "speed": 0}
    if host is None or not _fits(ctx.sim, host, extra):
        return fail_later(ctx, ApiError(533, f"Unable to scale {vm_label(vm)}: not enough free capacity on its host {(host or {}).get('name')}"), vm["id"])
    vmid = vm["id"]

    def finish():
        cur_vm = ctx.store.get("virtualmachine", vmid)
        if cur_vm is None or cur_vm["state"] != "Running":
            raise ApiError(530, f"Unable to scale the VM {vmid}: it is no longer Running")
        _release(ctx.sim, cur_vm)
        _apply_offering(ctx, cur_vm, off, vals)
        _place(ctx.sim, cur_vm, ctx.store.get("host", host["id"]))
        touch(ctx, cur_vm)
        backend.monitoring.record_event(ctx, "VM.DYNAMIC.SCALE", f"Successfully scaled Vm. Vm Id: {vmid}", cur_vm, "VirtualMachine")
        return cur_vm

    return ctx.later(finish, "VirtualMachine", vmid)


def _migrate_storage(ctx, vm, storage):
    """A stopped VM's ROOT volume to another primary storage pool."""
    vmid = vm["id"]

    def move_storage():
        cur = ctx.store.get("virtualmachine", vmid)
        for vol in backend.volumes.volumes_of(ctx.sim, vmid):
            if vol["type"] == "ROOT":
                backend.volumes.put_on_pool(ctx, vol, storage)
        return cur

    return ctx.later(move_storage, "VirtualMachine", vmid)


def _migration_dest(ctx, vm):
    """The destination host the request names (checked), or None for CloudStack's choice."""
    dest = ctx.obj("host", "hostid")
    if dest is None and not ctx.bool("autoselect", True):
        raise param_error("Please specify a destination host (hostid) or set autoselect=true")
    if dest is not None and dest["id"] == vm.get("hostid"):
        raise param_error(f"Cannot migrate VM, destination host is same as current host. Host: {dest.get('name')}")
    return dest


def _check_dest_host(ctx, vm, dest):
    if dest.get("zoneid") != vm["zoneid"]:
        raise param_error(f"Cannot migrate VM {vm_label(vm)} to a host in another zone")
    if not _host_usable(ctx.sim, dest):
        raise param_error(f"Cannot migrate VM, destination host {dest.get('name')} is not in correct state: "
                          f"{dest.get('state')}/{dest.get('resourcestate')}")


@api("migrateVirtualMachine")
def migrate_vm(ctx, p):
    vm = get_vm(ctx, "virtualmachineid")
    if not ctx.is_root_admin:
        raise ApiError(531, "No permission to migrate VM, Only Root Admin can migrate a VM!")
    storage = ctx.obj("storagepool", "storageid")
    if vm["state"] == "Stopped" and storage is not None:
        return _migrate_storage(ctx, vm, storage)
    if vm["state"] != "Running":
        raise param_error(f"VM is not Running, unable to migrate the vm {vm_label(vm)}")
    dest = _migration_dest(ctx, vm)
    src = ctx.store.get("host", vm.get("hostid")) or {}
    zone = ctx.store.get("zone", vm["zoneid"]) or {"id": vm["zoneid"]}
    vols = backend.volumes.volumes_of(ctx.sim, vm["id"])
    disks = [(v, None, None, None) for v in vols if v.get("storageid")]
    if dest is not None:
        _check_dest_host(ctx, vm, dest)
    placed = plan(ctx, dict(vm, id=vm["id"]), zone, disks, hostid=dest["id"] if dest else None, exclude_hosts={src.get("id")})
    if placed is None:
        if dest is not None:
            err = ApiError(533, f"Unable to migrate {vm_label(vm)} to host {dest.get('name')}: not enough capacity, or its storage is not reachable from it")
        else:
            err = ApiError(533, f"Unable to find a suitable destination host to migrate {vm_label(vm)}")
        return fail_later(ctx, err, vm["id"])
    target = placed[0]
    vmid = vm["id"]
    set_state(ctx, vm, "Migrating")
    _release(ctx.sim, vm)
    _place(ctx.sim, vm, target)

    def migrate_failed(cur):  # back on its source host
        _release(ctx.sim, cur)
        if src.get("id"):
            _place(ctx.sim, cur, ctx.store.get("host", src["id"]) or src)
        cur["state"] = "Running"

    def finish():
        cur = ctx.store.get("virtualmachine", vmid)
        if cur is not None and cur["state"] == "Migrating":
            set_state(ctx, cur, "Running")
            backend.monitoring.record_event(ctx, "VM.MIGRATE", f"Successfully migrated VM {cur['name']} to host {target.get('name')}", cur, "VirtualMachine")
        return cur

    return tracked(ctx, ctx.later(finish, "VirtualMachine", vmid), vmid, "Migrating", migrate_failed)


def _rename(ctx, vm, name):
    """A new host name: only while Stopped, and unique in each network domain the VM is in."""
    check_name(name)
    if vm["state"] != "Stopped":
        raise param_error(f"Cannot update the name of {vm_label(vm)} while it is {vm['state']}: stop it first")
    idx = index(ctx.sim)
    for nic in vm.get("nic") or []:
        if (nic.get("networkid"), name.lower()) in idx.names:
            raise param_error(f"The vm with hostName {name} already exists in the network domain; network={nic.get('networkname')}")
    for nic in vm.get("nic") or []:
        idx.names.pop((nic.get("networkid"), vm["name"].lower()), None)
        idx.names[(nic.get("networkid"), name.lower())] = vm["id"]
    vm["name"] = name


def _set_ha(ctx, vm, ha):
    off = ctx.store.get("serviceoffering", vm["serviceofferingid"]) or {}
    if ha and not as_bool(off.get("offerha")):
        raise param_error("Can't enable ha for the vm as it's created from the Service offering having HA disabled")
    vm["haenable"] = ha


def _replace_security_groups(ctx, vm, own):
    if vm["state"] != "Stopped":
        raise param_error(f"Virtual machine {vm_label(vm)} must be stopped to change its security groups")
    zone = ctx.store.get("zone", vm["zoneid"]) or {}
    nets = [ctx.store.get("network", n["networkid"]) for n in vm.get("nic") or []]
    sgs = backend.guestnet.security_groups_for_deploy(ctx, zone, own, [n for n in nets if n], explicit_only=True)
    backend.guestnet.sg_remove_vm(ctx.sim, vm)
    backend.guestnet.sg_add_vm(ctx, vm, sgs)


@api("updateVirtualMachine")
def update_vm(ctx, p):
    vm = get_vm(ctx)
    own = {k: vm.get(k) for k in ("account", "domainid", "domain", "projectid", "project")}
    name = ctx.get("name")
    if name and name != vm["name"]:
        _rename(ctx, vm, name)
    if ctx.get("displayname") is not None:
        vm["displayname"] = ctx.get("displayname")
    if "group" in p:
        _group(ctx, vm, p.get("group"), own)
    if ctx.get("haenable") is not None:
        _set_ha(ctx, vm, ctx.bool("haenable"))
    if ctx.get("userdata") is not None or ctx.get("userdataid"):
        vm.update(_userdata(ctx, backend.userdata.image_of(ctx, vm.get("templateid"))))
    for param in ("displayvm", "isdynamicallyscalable"):
        if ctx.get(param) is not None:
            vm[param] = ctx.bool(param)
    if ctx.get("ostypeid"):
        os_ = ctx.obj("ostype", "ostypeid")
        vm.update(ostypeid=os_["id"], guestosid=os_["id"], osdisplayname=os_.get("description"))
    det = ctx.details("details")
    if ctx.bool("cleanupdetails"):
        vm["details"] = {k: v for k, v in vm.get("details", {}).items() if k in ("SSH.PublicKey",)}
    elif det:
        vm["details"] = {**(vm.get("details") or {}), **det}
    if ctx.get("securitygroupids") or ctx.get("securitygroupnames"):
        _replace_security_groups(ctx, vm, own)
    touch(ctx, vm)
    refresh_volumes_view(ctx, vm)
    backend.monitoring.record_event(ctx, "VM.UPDATE", f"Successfully updated Vm. Vm Id: {vm['id']}", vm, "VirtualMachine")
    return vm


@api("resetSSHKeyForVirtualMachine")
def reset_ssh_key(ctx, p):
    vm = get_vm(ctx)
    if not ctx.get("keypair") and not ctx.get("keypairs"):
        raise param_error("'keypair' or 'keyparis' must be specified")
    own = {k: vm.get(k) for k in ("account", "domainid", "projectid")}
    keys = _keypairs(ctx, own)
    if vm["state"] != "Stopped":
        raise param_error(f"Vm {vm_label(vm)} should be stopped to do SSH Key reset")
    vmid = vm["id"]

    def finish():
        cur = ctx.store.get("virtualmachine", vmid)
        if cur is None:
            raise ApiError(530, f"Unable to find the VM {vmid}")
        cur["keypairs"] = ",".join(k["name"] for k in keys)
        cur.setdefault("details", {})["SSH.PublicKey"] = keys[0].get("_publickey") or keys[0].get("publickey") or ""
        touch(ctx, cur)
        backend.monitoring.record_event(ctx, "VM.RESETSSHKEY", f"Successfully reset SSH key for Vm. Vm Id: {vmid}", cur, "VirtualMachine")
        return cur

    return ctx.later(finish, "VirtualMachine", vmid)


def _candidate_vms(ctx):
    """The VMs id / ids name (or all), not removed, in the caller's scope; a user's without the destroyed and hidden ones."""
    st = ctx.store
    vid = ctx.get("id")
    if vid:
        vm = st.get("virtualmachine", vid)
        vms = [vm] if vm is not None else []
    elif ctx.get("ids"):
        vms = [st.get("virtualmachine", i) for i in ctx.list("ids")]
        vms = [v for v in vms if v is not None]
    else:
        vms = st.all("virtualmachine")
    vms = [v for v in vms if not v.get("_removed")]
    vms = ctx.scope(vms)
    if not is_admin(ctx):
        vms = [v for v in vms if v.get("state") not in ("Destroyed", "Expunging") and v.get("displayvm", True)]
    return vms


def _field_filters(ctx):
    """listVirtualMachines' filters on the VM's own fields: name, state, ids of what it uses, flags, keyword."""
    preds = []
    name = ctx.get("name")
    if name:
        low = name.lower()
        preds.append(lambda v: v["name"].lower() == low)
    state = ctx.get("state")
    if state:
        if state.lower() == "present":
            preds.append(lambda v: v["state"] not in ("Destroyed", "Expunging"))
        else:
            sl = state.lower()
            preds.append(lambda v: v["state"].lower() == sl)
    for param in ("zoneid", "hostid", "templateid", "serviceofferingid", "groupid", "isoid", "userid", "hypervisor"):
        val = ctx.get(param)
        if val:
            if param == "hypervisor":
                preds.append(lambda v, val=val: str(v.get("hypervisor", "")).lower() == val.lower())
            else:
                preds.append(lambda v, param=param, val=val: v.get(param) == val)
    for param, field in (("haenable", "haenable"), ("displayvm", "displayvm")):
        if ctx.get(param) is not None:
            want = ctx.bool(param)
            preds.append(lambda v, field=field, want=want: bool(v.get(field)) == want)
    return preds


def _relation_filters(ctx):
    """listVirtualMachines' filters on where a VM is and what it is in: pod, cluster, network, groups, key pair, pool, tags."""
    st, preds = ctx.store, []
    podid = ctx.get("podid")
    if podid:
        preds.append(lambda v: v.get("_podid") == podid and v.get("hostid"))
    clusterid = ctx.get("clusterid")
    if clusterid:
        hosts = {h["id"] for h in st.all("host") if h.get("clusterid") == clusterid}
        preds.append(lambda v: v.get("hostid") in hosts)
    for param, key in (("networkid", "nic"), ("securitygroupid", "securitygroup"), ("affinitygroupid", "affinitygroup")):
        want = ctx.get(param)
        field = "networkid" if key == "nic" else "id"
        if want:
            preds.append(lambda v, want=want, key=key, field=field: any(x.get(field) == want for x in v.get(key) or []))
    keypair = ctx.get("keypair")
    if keypair:
        preds.append(lambda v: keypair in (v.get("keypairs") or "").split(","))
    storageid = ctx.get("storageid")
    if storageid:
        on_pool = {vol.get("virtualmachineid") for vol in st.all("volume") if vol.get("storageid") == storageid}
        preds.append(lambda v: v["id"] in on_pool)
    tags = ctx.map_param("tags")
    if tags:
        preds.append(lambda v: tags_matching(v, tags))
    return preds + _vpc_filter(ctx)


def _vpc_filter(ctx):
    """listVirtualMachines vpcid: the VMs with a NIC in a tier of that VPC."""
    vpcid = ctx.get("vpcid")
    if not vpcid:
        return []
    tiers = {n["id"] for n in backend.vpc.tiers(ctx, vpcid)}
    return [lambda v: any(nic.get("networkid") in tiers for nic in v.get("nic") or [])]


def _keyword_filter(ctx):
    kw = ctx.get("keyword")
    if not kw:
        return []
    kl = kw.lower()
    return [lambda v: kl in v["name"].lower() or kl in str(v.get("displayname", "")).lower() or kl in v["state"].lower()
            or kl in v.get("instancename", "").lower()]


@api("listVirtualMachines")
def list_vms(ctx, p):
    sweep(ctx.sim)
    projector = _projector([d.lower() for d in ctx.list("details")], with_userdata=ctx.bool("userdata"))
    vms = _candidate_vms(ctx)
    preds = _field_filters(ctx) + _relation_filters(ctx) + _keyword_filter(ctx)
    if preds:
        vms = [v for v in vms if all(f(v) for f in preds)]
    if projector is not None:
        return Projected(vms, projector)
    return vms


@api("listVirtualMachinesMetrics")
def list_vm_metrics(ctx, p):
    return list_vms(ctx, p)



# ---- user data, instance groups (NICs and passwords: handlers_nics.py) -------------------------------------------------------------------
@api("getVirtualMachineUserData")
def get_vm_userdata(ctx, p):
    vm = get_vm(ctx, "virtualmachineid")
    return {"virtualmachineuserdata": {"virtualmachineid": vm["id"], "userdata": vm.get("userdata") or ""}}
