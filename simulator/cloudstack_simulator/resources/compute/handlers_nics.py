"""NICs of user VMs and their passwords: listNics, addNicToVirtualMachine, removeNicFromVirtualMachine,
updateDefaultNicForVirtualMachine, updateVmNicIp, resetPasswordForVirtualMachine.

As 4.18's UserVmManagerImpl: the submit checks only the parameters (ids that name nothing: 431); the rules (a second
NIC in a network, the default NIC, a NIC used by rules, the VM's state, the zone) are checked when the job runs, so a
refusal is a failed job with CloudStack's code (InvalidParameterValueException 431, CloudRuntimeException 530) and text.
"""
import ipaddress
import secrets

from ...backend import backend
from ...errors import ApiError, param_error
from ...registry import api
from ..helpers import as_bool
from .model import _nic, _vm_of_nic, get_vm, index, touch, vm_label


def net_label(net):
    return f"Ntwk[{net.get('id')}|Guest|{net.get('networkofferingid')}]"


def _later(ctx, vmid, check, change):
    """The job of a NIC command: check(cur) raises the job's error (nothing changed), change(cur) applies it."""
    def run():
        cur = ctx.store.get("virtualmachine", vmid)
        if cur is None or cur.get("_removed"):
            raise ApiError(530, f"Unable to find a virtual machine with id {vmid}")
        check(cur)
        return change(cur)

    return ctx.later(run, "VirtualMachine", vmid)


def _is_basic(ctx, vm):
    return (ctx.store.get("zone", vm["zoneid"]) or {}).get("networktype") == "Basic"


def nic_rules(ctx, vm, nic):
    """Port forwarding, static NAT and load balancer rules of a guest NIC (RulesManager.listAssociatedRulesForGuestNic)."""
    netid = nic["networkid"]
    rules = [r for r in ctx.store.all("portforwardingrule") if r.get("virtualmachineid") == vm["id"] and r.get("networkid") == netid]
    rules += [i for i in ctx.store.all("publicipaddress") if i.get("isstaticnat") and i.get("virtualmachineid") == vm["id"]
              and i.get("associatednetworkid") == netid]
    rules += [r for r in ctx.store.all("loadbalancer") if r.get("networkid") == netid
              and any(m.get("vmid") == vm["id"] for m in r.get("_members") or [])]
    return rules


@api("listNics")
def list_nics(ctx, p):
    vm = get_vm(ctx, "virtualmachineid")
    nics = [dict(n, virtualmachineid=vm["id"]) for n in vm.get("nic") or []]
    if ctx.get("nicid"):
        nics = [n for n in nics if n["id"] == ctx.get("nicid")]
    if ctx.get("networkid"):
        nics = [n for n in nics if n["networkid"] == ctx.get("networkid")]
    return nics


def _check_add(ctx, vm, net):
    """UserVmManagerImpl.addNicToVirtualMachine's checks, in its order."""
    own = {k: vm.get(k) for k in ("account", "domainid", "domain", "projectid", "project")}
    if not ctx.is_root_admin and not backend.guestnet.may_use_network(ctx, net, own):
        raise param_error(f"only shared network or isolated network with the same account_id can be added to vmId: {vm['id']}")
    if any(n["networkid"] == net["id"] for n in vm.get("nic") or []):
        raise ApiError(530, f"A NIC already exists for VM:{vm['instancename']} in network: {net['id']}")
    wanted = ctx.get("ipaddress")
    if wanted:
        try:
            ipaddress.ip_address(wanted)
        except ValueError:
            raise param_error(f"Invalid format for IP address parameter: {wanted}") from None
    if _is_basic(ctx, vm):
        raise ApiError(530, f"Zone {vm['zoneid']}, has a NetworkType of Basic. Can't add a new NIC to a VM on a Basic Network")
    if net["zoneid"] != vm["zoneid"]:
        raise ApiError(530, f"{vm_label(vm)} is in zone:{vm['zoneid']} but {net_label(net)} is in zone:{net['zoneid']}")
    if (net["id"], vm["name"].lower()) in index(ctx.sim).names:
        raise ApiError(530, f"{net_label(net)} already has a vm with host name: {vm['name']}")
    if vm["state"] not in ("Running", "Stopped"):
        raise ApiError(530, f"Unable to add NIC to {vm_label(vm)}: the VM is in state {vm['state']}")


@api("addNicToVirtualMachine")
def add_nic(ctx, p):
    vm = get_vm(ctx, "virtualmachineid")
    net = backend.guestnet.get_network(ctx, "networkid")
    netid = net["id"]

    def change(cur):
        network = ctx.store.get("network", netid)
        ip, gw, mask = backend.guestnet.allocate_ip(ctx.sim, network, ctx.get("ipaddress"))
        dev = max([int(n.get("deviceid") or 0) for n in cur["nic"]] + [-1]) + 1
        nic = {"id": ctx.store.new_id(), "networkid": netid, "networkname": network.get("name"), "traffictype": "Guest", "type": network.get("type"),
               "isdefault": not cur["nic"], "macaddress": ctx.get("macaddress") or backend.guestnet.new_mac(), "secondaryip": [], "extradhcpoption": [],
               "deviceid": str(dev)}
        if ip:
            nic.update(ipaddress=ip, netmask=mask, gateway=gw)
        if network.get("broadcasturi"):
            nic["broadcasturi"] = nic["isolationuri"] = network["broadcasturi"]
        cur["nic"].append(nic)
        index(ctx.sim).names[(netid, cur["name"].lower())] = cur["id"]
        if cur.get("hostid"):
            backend.guestnet.implement(ctx, network)
        touch(ctx, cur)
        backend.monitoring.record_event(ctx, "NIC.CREATE", f"Successfully added a NIC in network {network.get('name')} to VM {cur['name']}",
                                        cur, "VirtualMachine")
        return cur

    return _later(ctx, vm["id"], lambda cur: _check_add(ctx, cur, ctx.store.get("network", netid) or net), change)


@api("removeNicFromVirtualMachine")
def remove_nic(ctx, p):
    vm = get_vm(ctx, "virtualmachineid")
    nicid = _nic(ctx, vm, ctx.require("nicid"))["id"]

    def check(cur):
        nic = next((n for n in cur["nic"] if n["id"] == nicid), None)
        if nic is None:
            raise param_error(f"Nic[{nicid}] is not a nic on {vm_label(cur)}")
        net = ctx.store.get("network", nic["networkid"]) or {"id": nic["networkid"]}
        if _is_basic(ctx, cur):
            raise param_error(f"Zone {cur['zoneid']}, has a NetworkType of Basic. Can't remove a NIC from a VM on a Basic Network")
        if nic.get("isdefault"):
            raise param_error(f"Unable to remove nic from {vm_label(cur)} in {net_label(net)}, nic is default.")
        if nic_rules(ctx, cur, nic):
            raise param_error(f"Unable to remove nic from {vm_label(cur)} in {net_label(net)}, nic has associated Port forwarding "
                              "or Load balancer or Static NAT rules.")

    def change(cur):
        gone = next(n for n in cur["nic"] if n["id"] == nicid)
        backend.guestnet.release_nic(ctx.sim, cur, gone)
        cur["nic"] = [n for n in cur["nic"] if n["id"] != nicid]
        touch(ctx, cur)
        backend.monitoring.record_event(ctx, "NIC.DELETE", f"Successfully removed a NIC from VM {cur['name']}", cur, "VirtualMachine")
        return cur

    return _later(ctx, vm["id"], check, change)


@api("updateDefaultNicForVirtualMachine")
def update_default_nic(ctx, p):
    vm = get_vm(ctx, "virtualmachineid")
    nicid = _nic(ctx, vm, ctx.require("nicid"))["id"]

    def check(cur):
        nic = next((n for n in cur["nic"] if n["id"] == nicid), None)
        if _is_basic(ctx, cur):
            raise ApiError(530, f"Zone {cur['zoneid']}, has a NetworkType of Basic. Can't change default NIC on a Basic Network")
        if nic is None:
            raise param_error(f"Nic[{nicid}] is not a nic on  {vm_label(cur)}")
        if nic.get("isdefault"):
            raise ApiError(530, "refusing to set default nic because chosen nic is already the default")
        if cur["state"] not in ("Running", "Stopped"):
            raise ApiError(530, f"refusing to set default {vm_label(cur)} is not Running or Stopped")

    def change(cur):
        old = next((n for n in cur["nic"] if n.get("isdefault")), None)
        new = next(n for n in cur["nic"] if n["id"] == nicid)
        if old is not None:  # the two NICs swap their device ids
            old["deviceid"], new["deviceid"] = new.get("deviceid"), old.get("deviceid")
        for n in cur["nic"]:
            n["isdefault"] = n["id"] == nicid
        touch(ctx, cur)
        backend.monitoring.record_event(ctx, "NIC.UPDATE", f"Successfully set the default NIC of VM {cur['name']}", cur, "VirtualMachine")
        return cur

    return _later(ctx, vm["id"], check, change)


@api("updateVmNicIp")
def update_vm_nic_ip(ctx, p):
    """UpdateVmNicIpCmd.execute, in the job: an address that is no IPv4 (530), a VM whose network has services must be
    stopped, the address must be free in the network (the NIC's own included)."""
    vm, nic = _vm_of_nic(ctx, ctx.require("nicid"))
    wanted = ctx.get("ipaddress")
    nicid = nic["id"]

    def check(cur):
        if wanted:
            try:
                ipaddress.IPv4Address(wanted)
            except ValueError:
                raise ApiError(530, f"Invalid ip address {wanted}") from None
        n = next(x for x in cur["nic"] if x["id"] == nicid)
        net = ctx.store.get("network", n["networkid"]) or {}
        if net.get("service") and cur["state"] != "Stopped":
            raise param_error("VM is not Stopped, unable to update the vm nic having the specified id")
        if net.get("type") == "L2":
            raise ApiError(530, "Failed to update ip address on vm NIC. Refer to server logs for details.")

    def change(cur):
        n = next(x for x in cur["nic"] if x["id"] == nicid)
        net = ctx.store.get("network", n["networkid"])
        try:
            ip, gw, mask = backend.guestnet.allocate_ip(ctx.sim, net, wanted)
        except ApiError:
            raise param_error(f"Allocating ip to guest nic {nicid} failed, please choose another ip") from None
        backend.guestnet.release_ip(ctx.sim, n["networkid"], n.get("ipaddress"))
        n.update(ipaddress=ip, gateway=gw, netmask=mask)
        touch(ctx, cur)
        return cur

    return _later(ctx, vm["id"], check, change)


@api("resetPasswordForVirtualMachine")
def reset_password(ctx, p):
    """UserVmManagerImpl.resetVMPassword: the template must be password enabled, the VM stopped (checked in the job).
    The new password is in this job's result only (never in listVirtualMachines)."""
    vm = get_vm(ctx)

    def check(cur):
        if not as_bool(cur.get("passwordenabled")):
            raise param_error("Fail to reset password for the virtual machine, the template is not password enabled")
        if cur["state"] in ("Error", "Expunging"):
            raise param_error(f"Vm with id {cur['id']} is not in the right state")
        if cur["state"] != "Stopped":
            raise param_error(f"Vm {vm_label(cur)} should be stopped to do password reset")

    def change(cur):
        touch(ctx, cur)
        backend.monitoring.record_event(ctx, "VM.RESETPASSWORD", f"Successfully reset the password of Vm. Vm Id: {cur['id']}", cur, "VirtualMachine")
        return dict(cur, password=secrets.token_urlsafe(9))

    return _later(ctx, vm["id"], check, change)

