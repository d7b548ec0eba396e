"""Secondary IPs of a NIC (addIpToNic, removeIpFromNic; listNics shows them under "secondaryip"): the addresses a port
forwarding rule or static NAT may name as vmguestip."""
from ...errors import invalid_id, param_error
from ...registry import api
from ..helpers import check_access
from .model import allocate_ip, get_network, release_ip


def _nic(ctx, name="nicid", value=None):
    """The VM and NIC a nic uuid names (431 as for any uuid that names nothing)."""
    value = value or ctx.require(name)
    for vm in ctx.store.all("virtualmachine"):
        for nic in vm.get("nic") or []:
            if nic.get("id") == value:
                check_access(ctx, vm, "virtual machine")
                return vm, nic
    raise invalid_id(ctx.command, name, value)


def _secondary(ctx, value):
    for vm in ctx.store.all("virtualmachine"):
        for nic in vm.get("nic") or []:
            for sec in nic.get("secondaryip") or []:
                if sec.get("id") == value:
                    check_access(ctx, vm, "virtual machine")
                    return vm, nic, sec
    raise invalid_id(ctx.command, "id", value)


@api("addIpToNic")
def add_ip_to_nic(ctx, p):
    """AddIpToVmNicCmd (BaseAsyncCreateCmd): the address (given, else a free one of the NIC's network) is taken at once."""
    vm, nic = _nic(ctx)
    net = get_network(ctx, value=nic["networkid"])
    ip, _, _ = allocate_ip(ctx.sim, net, ctx.get("ipaddress"))
    if ip is None:
        raise param_error(f"Unable to allocate a secondary IP: network {net['name']} has no IP range")
    sec = {"id": ctx.store.new_id(), "ipaddress": ip}
    nic.setdefault("secondaryip", []).append(sec)
    ctx.store.save("virtualmachine", vm)
    view = {"id": sec["id"], "ipaddress": ip, "networkid": net["id"], "nicid": nic["id"], "virtualmachineid": vm["id"],
            "secondaryip": list(nic["secondaryip"])}
    return ctx.later(lambda: view, "Nic", nic["id"])


@api("removeIpFromNic")
def remove_ip_from_nic(ctx, p):
    """RemoveIpFromVmNicCmd: the id is checked at once; NetworkServiceImpl.releaseSecondaryIpFromNic's refusals (an
    address a port forwarding rule, static NAT or load balancer rule uses, in an isolated network) fail the job (431)."""
    vm, nic, sec = _secondary(ctx, ctx.require("id"))
    vmid, ip = vm["id"], sec["ipaddress"]

    def finish():
        if any(r.get("virtualmachineid") == vmid and r.get("vmguestip") == ip for r in ctx.store.all("portforwardingrule")):
            raise param_error(f"Can't remove the secondary ip {ip} is associate with the port forwarding rule")
        nat = [i for i in ctx.store.all("publicipaddress") if i.get("virtualmachineid") == vmid and i.get("vmipaddress") == ip]
        if nat:
            raise param_error(f"Can' remove the ip {ip}is associate with static NAT rule public IP address id {nat[0]['id']}")
        if any(m.get("vmid") == vmid and m.get("ip") == ip for r in ctx.store.all("loadbalancer") for m in r.get("_members") or []):
            raise param_error(f"Can't remove the secondary ip {ip} is mapped to load balancing rule")
        nic["secondaryip"] = [s for s in nic.get("secondaryip") or [] if s.get("id") != sec["id"]]
        release_ip(ctx.sim, nic["networkid"], ip)
        ctx.store.save("virtualmachine", vm)
        return None

    return ctx.later(finish, "Nic", nic["id"])
