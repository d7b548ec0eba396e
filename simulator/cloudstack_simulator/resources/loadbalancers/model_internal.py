"""Internal load balancers (scheme Internal, ApplicationLoadBalancerManagerImpl): a rule on a VPC tier whose source IP is
a guest address of a network (the tier by default). They are kept with the public rules in the "loadbalancer" table
(_scheme Internal; the member commands take both); the routers family deploys the internal LB VM of a source IP when a
rule on it gets its first member, and it is destroyed when the last rule on that address goes."""
import ipaddress

from ...backend import backend
from ...errors import ApiError, param_error
from ..helpers import owner_view
from . import model as m


def create(ctx, net, source_net):
    """createLoadBalancer's checks and the new rule (the source IP taken from source_net)."""
    if str(ctx.require("scheme")).lower() != "internal":
        raise param_error("Invalid value for scheme. Supported value is internal")
    source, instance = ctx.int("sourceport"), ctx.int("instanceport")
    for name, port in (("source", source), ("instance", instance)):
        if not 1 <= port <= 65535:
            raise param_error(f"Invalid value for {name} port: {port}")
    algorithm = ctx.require("algorithm")
    if algorithm not in m.ALGORITHMS:
        raise param_error(f"Invalid algorithm: {algorithm}")
    if net.get("traffictype", "Guest") != "Guest":
        raise param_error("Can't find guest network by id")
    m.check_scheme(ctx, net, "Internal")
    ip = ctx.get("sourceipaddress")
    if ip:
        cidr = source_net.get("cidr")
        try:
            inside = cidr and ipaddress.ip_address(ip) in ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            inside = False
        if not inside:
            raise param_error(f"The requested source IP address {ip} is not in the CIDR {cidr} of network {source_net['name']}")
    for other in ctx.store.all("loadbalancer"):
        if m.is_internal(other) and ip and other.get("sourceipaddress") == ip and other.get("sourceipaddressnetworkid") == source_net["id"] \
                and int(other["_sourceport"]) == source:
            raise ApiError(537, f"The range specified, {source}-{source}, conflicts with rule {other['id']} which has {source}-{source}")
    taken = False
    if not ip or not any(m.is_internal(o) and o.get("sourceipaddress") == ip for o in ctx.store.all("loadbalancer")):
        ip = backend.guestnet.allocate_ip(ctx.sim, source_net, ip)[0]  # a free address, or the one asked for (431 if in use)
        taken = True
    rule = {"name": ctx.require("name"), "description": ctx.get("description"), "algorithm": algorithm, "networkid": net["id"],
            "sourceipaddress": ip, "sourceipaddressnetworkid": source_net["id"], "fordisplay": ctx.bool("fordisplay", True), "tags": [],
            "state": "Add", "zoneid": net.get("zoneid"), **owner_view(net), "_accountid": net.get("_accountid"), "_scheme": "Internal",
            "_sourceport": source, "_instanceport": instance, "_members": [], "_ownsip": taken}
    ctx.store.add("loadbalancer", rule)
    backend.monitoring.record_event(ctx, "LB.CREATE", f"Successfully created internal load balancer {rule['name']}", rule, "LoadBalancer")
    return rule


def view(ctx, rule):
    """ApplicationLoadBalancerResponse: the ports in loadbalancerrule, the members in loadbalancerinstance; no description,
    fordisplay for admins only."""
    out = {k: rule.get(k) for k in ("id", "name", "algorithm", "networkid", "sourceipaddress", "sourceipaddressnetworkid", "account",
                                    "domain", "domainid", "project", "projectid", "tags")}
    if ctx.is_root_admin:
        out["fordisplay"] = rule.get("fordisplay", True)
    out["loadbalancerrule"] = [{"sourceport": rule["_sourceport"], "instanceport": rule["_instanceport"], "state": rule.get("state")}]
    members = []
    for x in rule.get("_members") or []:
        vm = ctx.store.get("virtualmachine", x["vmid"]) or {}
        members.append({"id": x["vmid"], "name": vm.get("instancename") or vm.get("name"), "state": vm.get("state"), "ipaddress": x["ip"]})
    out["loadbalancerinstance"] = members
    return out


def on_members_changed(ctx, rule):
    """The internal LB VM of the rule's source IP: deployed when a rule on it has members and there is none yet."""
    if not m.is_internal(rule) or not rule.get("_members"):
        return
    net = ctx.store.get("network", rule["sourceipaddressnetworkid"])
    if net is None or backend.routers.internal_lb_vms_of(ctx.sim, net["id"], rule["sourceipaddress"]):
        return
    zone = ctx.store.get("zone", net["zoneid"]) or {"id": net["zoneid"]}
    backend.routers.deploy_internal_lb_vm(ctx.sim, zone, rule, net, ip=rule["sourceipaddress"])


def on_deleted(sim, rule):
    """The last internal rule on a source IP takes its internal LB VM and the address with it."""
    if not m.is_internal(rule):
        return
    ip, netid = rule.get("sourceipaddress"), rule.get("sourceipaddressnetworkid")
    if any(m.is_internal(o) and o["id"] != rule["id"] and o.get("sourceipaddress") == ip and o.get("sourceipaddressnetworkid") == netid
           for o in sim.store.all("loadbalancer")):
        return
    for vm in backend.routers.internal_lb_vms_of(sim, netid, ip):
        backend.routers.destroy(sim, vm)
    backend.guestnet.release_ip(sim, netid, ip)
