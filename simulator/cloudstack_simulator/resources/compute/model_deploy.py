"""deployVirtualMachine's rules, step by step: the checks in CloudStack's order, the VM record, its disks,
the reservation (addresses, capacity, volumes) at submit time, and the job that finishes the start."""
import secrets

from ...backend import backend
from ...context import now
from ...errors import ApiError, param_error
from ..helpers import GIB, account_of, as_bool, check_limits, may_manage_domain, owner, owner_view
from .model import (
    _group,
    _image,
    _keypairs,
    _place,
    _release,
    _schedule_expunge,
    _userdata,
    active_offering,
    affinity_view,
    check_name,
    fail_later,
    image_in_zone,
    image_ready,
    index,
    insufficient,
    offering_values,
    plan,
    refresh_volumes_view,
    set_state,
    sweep,
    tracked,
    vm_affinity_groups,
)


def _check_image_use(ctx, image, is_iso, zone):
    if not as_bool(image.get("ispublic")) and not ctx.is_root_admin and image.get("_accountid", image.get("accountid")) != ctx.account["id"] \
            and ctx.account["id"] not in (image.get("_permitted") or []) and not may_manage_domain(ctx, image.get("domainid")):
        raise ApiError(531, f"Account {ctx.account['name']} does not have permission to use {'ISO' if is_iso else 'template'} {image['id']}")
    if not image_in_zone(image, zone["id"]):
        raise param_error(f"Please specify a valid template: {image['id']} is not available in zone {zone['id']}")
    if not image_ready(ctx, image, zone):
        raise param_error(f"Template {image['id']} has not been completely downloaded to zone {zone['id']}")


def _check_placement_params(ctx):
    hostid = ctx.get("hostid")
    if hostid:
        if not ctx.is_root_admin:
            raise ApiError(531, "Parameter hostid can only be specified by a Root Admin")
        ctx.obj("host", "hostid")
    for name, t in (("podid", "pod"), ("clusterid", "cluster")):
        if ctx.get(name):
            ctx.obj(t, name)
    return hostid


def check_request(ctx):
    """The checks made before anything is reserved, in CloudStack's order; returns what the deployment uses."""
    zone = ctx.obj("zone", "zoneid", required=True)
    if zone.get("allocationstate", "Enabled") != "Enabled" and not ctx.is_root_admin:
        raise ApiError(531, f"Cannot perform this operation, Zone is currently disabled: {zone['id']}")
    off = active_offering(ctx)
    if as_bool(off.get("issystem")):
        raise param_error(f"Unable to deploy VM: service offering {off['id']} is a system offering")
    details = ctx.details("details")
    vals = offering_values(ctx, off, details)
    image, is_iso = _image(ctx)
    _check_image_use(ctx, image, is_iso, zone)
    own = owner(ctx)
    acc = account_of(ctx, own) or ctx.account
    if acc.get("state") in ("disabled", "locked") and not ctx.is_root_admin:
        raise ApiError(531, f"The owner of the instance is {acc.get('state')}: {acc['name']}")
    diskoff = ctx.obj("diskoffering", "diskofferingid")
    if is_iso and diskoff is None:
        raise param_error("Installing from ISO requires a disk offering to be specified for the root disk.")
    hostid = _check_placement_params(ctx)
    return {"zone": zone, "off": off, "details": details, "vals": vals, "image": image, "is_iso": is_iso, "own": own, "acc": acc,
            "diskoff": diskoff, "hostid": hostid}


def _vm_name(ctx, networks, vmid, suffix):
    name = ctx.get("name")
    if name:
        check_name(name)
    else:
        name = f"{suffix}-{vmid}"
    idx = index(ctx.sim)
    for net in networks:  # host names are unique in a network domain (L2 networks have none)
        if net.get("networkdomain") and (net["id"], name.lower()) in idx.names:
            raise param_error(f"The vm with hostName {name} already exists in the network domain: {net.get('networkdomain') or ''}; network={net.get('name')}")
    return name


def _vm_record(ctx, r, vmid, seq, name, instancename, groups):
    """The new VM as listVirtualMachines shows it (plus its internal fields), before its NICs and disks."""
    st, image, off, zone, own = ctx.store, r["image"], r["off"], r["zone"], r["own"]
    os_id = image.get("ostypeid")
    ostype = st.get("ostype", os_id) or {}
    return {
        "id": vmid, "name": name, "displayname": ctx.get("displayname") or name, **owner_view(own),
        "userid": ctx.user["id"], "username": ctx.user.get("username"), "created": now(), "state": "Starting",
        "haenable": as_bool(off.get("offerha")), "zoneid": zone["id"], "zonename": zone.get("name"),
        "passwordenabled": as_bool(image.get("passwordenabled")),
        "serviceofferingid": off["id"], "serviceofferingname": off.get("name"), **r["vals"],
        "guestosid": os_id, "ostypeid": os_id, "osdisplayname": ostype.get("description") or image.get("ostypename"),
        "rootdeviceid": 0, "rootdevicetype": "ROOT", "securitygroup": [], "nic": [],
        "hypervisor": image.get("hypervisor") if image.get("hypervisor") not in (None, "None", "") else "Simulator",
        "instancename": instancename, "details": {}, "affinitygroup": [affinity_view(g) for g in groups],
        "displayvm": ctx.bool("displayvm", True),
        "isdynamicallyscalable": ctx.bool("dynamicscalingenabled", True) and as_bool(image.get("isdynamicallyscalable"))
        and as_bool(off.get("dynamicscalingenabled", True)),
        "tags": [], "hasannotations": False, "bootmode": ctx.get("bootmode") or "legacy", "boottype": ctx.get("boottype") or "Bios",
        "_accountid": own.get("_accountid"), "_seq": seq, "_hosttags": off.get("hosttags"), "_storagetags": off.get("storagetags"),
        "_local": str(off.get("storagetype", "shared")).lower() == "local",
    }


def _add_request_details(ctx, vm, r, userdata, keypairs):
    """The image, disk offering, user data, keys and details the request names, on the VM record."""
    vals, off, image, diskoff = r["vals"], r["off"], r["image"], r["diskoff"]
    if vals != {k: off.get(k) for k in vals}:
        vm["details"].update({"cpuNumber": str(vals["cpunumber"]), "cpuSpeed": str(vals["cpuspeed"]), "memory": str(vals["memory"])})
    vm.update(templateid=image["id"], templatename=image.get("name"), templatedisplaytext=image.get("displaytext"))
    if r["is_iso"]:
        vm.update(isoid=image["id"], isoname=image.get("name"), isodisplaytext=image.get("displaytext"))
    if diskoff is not None:
        vm.update(diskofferingid=diskoff["id"], diskofferingname=diskoff.get("name"))
    vm.update(userdata)
    if keypairs:
        vm["keypairs"] = ",".join(k["name"] for k in keypairs)
        vm["details"]["SSH.PublicKey"] = keypairs[0].get("_publickey") or keypairs[0].get("publickey") or ""
    if ctx.get("keyboard"):
        vm["details"]["keyboard"] = ctx.get("keyboard")
    for k, v in r["details"].items():
        if k not in ("cpuNumber", "cpuSpeed", "memory", "rootdisksize"):
            vm["details"][k] = v


def _root_size(ctx, r):
    """ROOT from the template (rootdisksize may grow it, never below the template) or, for an ISO, the disk offering."""
    image, details, off = r["image"], r["details"], r["off"]
    if r["is_iso"]:
        return backend.volumes.offering_size(ctx, r["diskoff"], ctx.int("size"))
    rootdisksize = ctx.int("rootdisksize") or (int(details["rootdisksize"]) if str(details.get("rootdisksize", "")).isdigit() else None)
    tsize = int(image.get("size") or 0)
    root_size = tsize or 2 * GIB
    if rootdisksize is not None:
        if rootdisksize * GIB < tsize:
            raise param_error(f"Root disk size {rootdisksize}GB is smaller than the template size {tsize // GIB}GB")
        root_size = rootdisksize * GIB
    elif off.get("rootdisksize"):
        root_size = max(root_size, int(off["rootdisksize"]) * GIB)
    return root_size


def _disks(ctx, r, vm):
    """[(None, size, tags, local)] of ROOT and the optional DATA disk (diskofferingid with a template)."""
    diskoff = r["diskoff"]
    disks = [(None, _root_size(ctx, r), vm["_storagetags"], vm["_local"])]
    if diskoff is not None and not r["is_iso"]:
        data_size = backend.volumes.offering_size(ctx, diskoff, ctx.int("size"))
        if data_size:
            disks.append((None, data_size, diskoff.get("tags"), str(diskoff.get("storagetype", "shared")).lower() == "local"))
    return disks


def _release_addresses(ctx, vm):
    for nic in vm["nic"]:
        backend.guestnet.release_ip(ctx.sim, nic.get("networkid"), nic.get("ipaddress"))


def _reserve(ctx, r, vm, networks, disks, groups):
    """Addresses first, then capacity: (placed or None, None) or (None, the failing job) when the job must fail."""
    try:  # the NICs' addresses first: a network out of addresses fails the job (533), as CloudStack's does
        backend.guestnet.attach_vm_networks(ctx, vm, networks)
    except ApiError as err:
        _release_addresses(ctx, vm)
        if err.code != 533:
            raise
        return None, fail_later(ctx, err, vm["id"])
    if not ctx.bool("startvm", True):
        vm["state"] = "Stopped"
        return None, None
    placed = plan(ctx, vm, r["zone"], disks, ctx.get("podid"), ctx.get("clusterid"), r["hostid"])
    if placed is None:
        _release_addresses(ctx, vm)
        err = insufficient(vm, bool(groups))
        backend.monitoring.record_event(ctx, "VM.CREATE", f"Error while starting VM {vm['name']}: {err.text}", vm, "VirtualMachine", level="ERROR")
        return None, fail_later(ctx, err, vm["id"])
    return placed, None


def _create_volumes(ctx, r, vm, disks, pools):
    is_iso, diskoff = r["is_iso"], r["diskoff"]
    root = backend.volumes.create_vm_volume(ctx, vm, "ROOT", disks[0][1], pools[0], diskoff if is_iso else None, r["image"] if not is_iso else None)
    if len(disks) > 1:
        backend.volumes.create_vm_volume(ctx, vm, "DATADISK", disks[1][1], pools[1], diskoff, None)
    vm["rootdeviceid"] = root.get("deviceid", 0)
    if pools[0] is not None:
        vm["pooltype"] = pools[0].get("type")


def _commit(ctx, r, vm, placed, disks, networks, groups, sgs):
    """The VM, its volumes, groups, networks and security groups, once it has its addresses and its place."""
    st, vmid = ctx.store, vm["id"]
    st.add("virtualmachine", vm)
    host, pools = placed if placed else (None, [None] * len(disks))
    if host is not None:
        _place(ctx.sim, vm, host)
    _create_volumes(ctx, r, vm, disks, pools)
    for g in groups:
        g.setdefault("virtualmachineIds", []).append(vmid)
        st.save("affinitygroup", g)
    if vm.get("hostid"):
        for net in networks:
            backend.guestnet.implement(ctx, net)
    backend.guestnet.sg_add_vm(ctx, vm, sgs)
    idx = index(ctx.sim)
    for net in networks:
        idx.names[(net["id"], vm["name"].lower())] = vmid
    if vm.get("hostid"):
        backend.monitoring.check_cluster_thresholds(ctx, host.get("clusterid"))
    st.save("virtualmachine", vm)
    backend.monitoring.record_event(ctx, "VM.CREATE", f"Successfully created entity for deploying Vm. Vm Id: {vmid}", vm, "VirtualMachine")


def _job(ctx, vm):
    """The deploy job: it finishes the start (Running, with the generated password) or leaves the VM in Error."""
    st, vmid = ctx.store, vm["id"]

    def finish():
        cur = st.get("virtualmachine", vmid)
        if cur is None:
            raise ApiError(530, f"Unable to find the VM {vmid}; it was removed while it was being deployed")
        if cur["state"] == "Starting":
            set_state(ctx, cur, "Running")
            backend.guestnet.on_vm_running(ctx, cur)
            backend.monitoring.record_event(ctx, "VM.START", f"Successfully completed starting Vm. Vm Id: {vmid}", cur, "VirtualMachine")
        if as_bool(cur.get("passwordenabled")):  # the generated password, in the deploy job's result only
            return dict(cur, password=secrets.token_urlsafe(9))
        return cur

    def deploy_failed(cur):  # CloudStack leaves a VM whose deploy failed in Error, and expunges it later
        _release(ctx.sim, cur)
        cur["state"] = "Error"
        refresh_volumes_view(ctx, cur)
        _schedule_expunge(ctx, cur)

    if vm["state"] != "Starting":
        return ctx.later(finish, "VirtualMachine", vmid)
    return tracked(ctx, ctx.later(finish, "VirtualMachine", vmid), vmid, "Starting", deploy_failed)


def deploy(ctx):
    """deployVirtualMachine: check, build the VM record, reserve its addresses, capacity and volumes, start the job."""
    sweep(ctx.sim)
    r = check_request(ctx)
    own = r["own"]
    userdata = _userdata(ctx, r["image"])
    keypairs = _keypairs(ctx, own)
    groups = vm_affinity_groups(ctx, own)
    networks = backend.guestnet.networks_for_deploy(ctx, r["zone"], own)
    sgs = backend.guestnet.security_groups_for_deploy(ctx, r["zone"], own, networks)
    seq = ctx.store.next_seq("virtualmachine")
    vmid = ctx.store.new_id()
    suffix = ctx.config("instance.name", "VM") or "VM"
    name = _vm_name(ctx, networks, vmid, suffix)
    vm = _vm_record(ctx, r, vmid, seq, name, f"i-{r['acc'].get('_seq', 2)}-{seq}-{suffix}", groups)
    _add_request_details(ctx, vm, r, userdata, keypairs)
    _group(ctx, vm, ctx.get("group"), own)
    disks = _disks(ctx, r, vm)
    check_limits(ctx, own, {0: 1, 8: r["vals"]["cpunumber"], 9: r["vals"]["memory"], 2: len(disks), 10: sum(d[1] for d in disks) // GIB})
    placed, failed = _reserve(ctx, r, vm, networks, disks, groups)
    if failed is not None:
        return failed
    _commit(ctx, r, vm, placed, disks, networks, groups, sgs)
    return _job(ctx, vm)
