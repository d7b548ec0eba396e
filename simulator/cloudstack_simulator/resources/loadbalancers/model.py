"""Public load balancer rules on a public IP of an isolated network, their members, stickiness and health check
policies, and SSL certificates (CloudStack's LoadBalancingRulesManagerImpl and CertServiceImpl).

Store types:
- "loadbalancer": a rule (the API's view + _accountid, _members [{vmid, ip}], _certid); "loadbalancer" is also its
  resource-tag type (guestnet's tags);
- "lbstickinesspolicy", "lbhealthcheckpolicy": policies of a rule (lbruleid), at most one of each (a new stickiness
  policy replaces the old one, as applyLBStickinessPolicy revokes it; a second health check policy is refused);
- "sslcert": an uploaded certificate; its private key and password are kept as _privatekey/_password and never shown.

What other families call (through backend.loadbalancers):
- port_conflict(sim, ipid, protocol, start, end): the LB rule whose public port overlaps (guestnet's port forwarding check);
- rules_on_ip(sim, ipid): the LB rules of a public IP (static NAT refuses an IP with LB rules);
- forget_ip(sim, ipid): a released public IP loses its LB rules; forget_vm(sim, vmid): an expunged VM leaves its rules;
- set_autoscale_member(sim, rule, vm, present): an autoscale group's VM joins or leaves the rule (the autoscale family).
"""
import base64
import binascii
import hashlib
import re

from ...backend import backend
from ...errors import ApiError, param_error
from ..helpers import check_access, owner_view

ALGORITHMS = ("source", "roundrobin", "leastconn")
VR_PROTOCOLS = ("tcp", "udp", "tcp-proxy")
SSL_PROVIDERS = ("Netscaler",)  # providers with the SslTermination capability (the virtual router has none)
# The virtual router's (HAProxy's) stickiness methods: {method: {param: (required, isflag)}}
STICKINESS_METHODS = {
    "LbCookie": {"cookie-name": (False, False), "mode": (False, False), "nocache": (False, True), "indirect": (False, True),
                 "postonly": (False, True), "domain": (False, False)},
    "AppCookie": {"cookie-name": (True, False), "length": (False, False), "holdtime": (False, False), "request-learn": (False, True),
                  "prefix": (False, True), "mode": (False, False)},
    "SourceBased": {"tablesize": (False, False), "expire": (False, False)},
}
PEM_RE = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----\s*(.*?)\s*-----END \1-----", re.S)


# ---- rules -----------------------------------------------------------------------------------------------------------------
def get_rule(ctx, value, name="id", text=None):
    rule = ctx.store.get("loadbalancer", value) if value else None
    if rule is None:
        raise param_error(text or f"Unable to find load balancer rule {value}")
    check_access(ctx, rule, "load balancer rule")
    return rule


def lb_providers(ctx, net):
    off = ctx.store.get("networkoffering", net.get("networkofferingid")) or {}
    return list(backend.guestnet.offering_services(off).get("Lb") or [])


def check_scheme(ctx, net, scheme):
    """LoadBalancingRulesManagerImpl.isLbServiceSupportedInNetwork: the Lb service, by a provider of the scheme
    (InternalLbVm for Internal, any other for Public)."""
    providers = lb_providers(ctx, net)
    if not providers:
        raise param_error("LB service is not supported in specified network id")
    internal = [p for p in providers if p == "InternalLbVm"]
    if not (internal if scheme == "Internal" else [p for p in providers if p != "InternalLbVm"]):
        off = ctx.store.get("networkoffering", net.get("networkofferingid")) or {}
        raise param_error(f"Scheme {scheme} is not supported by the network offering {off.get('name')}")


def is_internal(rule):
    return rule.get("_scheme") == "Internal"


def rules_on_ip(sim, ipid):
    return [r for r in sim.store.all("loadbalancer") if r.get("publicipid") == ipid]


def port_conflict(sim, ipid, start, end, exclude=None):
    """The LB rule on the IP whose public port lies in start-end (LB rules conflict with port forwarding and other
    LB rules on the same IP whatever their protocols, as FirewallManagerImpl.detectRulesConflict)."""
    for r in rules_on_ip(sim, ipid):
        port = int(r["publicport"])
        if r["id"] != exclude and start is not None and start <= port <= (end if end is not None else start):
            return r
    return None


def check_conflicts(ctx, ip, port):
    other = port_conflict(ctx.sim, ip["id"], port, port)
    if other is not None:
        raise ApiError(537, f"The range specified, {port}-{port}, conflicts with rule {other['id']} which has {other['publicport']}-{other['publicport']}")
    pf = backend.guestnet.pf_rule_on_ports(ctx.sim, ip["id"], port, port)
    if pf is not None:
        raise ApiError(537, f"The range specified, {port}-{port}, conflicts with rule {pf['id']} which has "
                            f"{pf['publicport']}-{pf.get('publicendport') or pf['publicport']}")


def _valid_port(name, value):
    if not 1 <= value <= 65535:
        raise param_error(f"{name} is an invalid value: {value}")


def lb_protocol(ctx, net):
    proto = (ctx.get("protocol") or "").lower() or None
    if proto is None:
        return None
    providers = lb_providers(ctx, net)
    allowed = VR_PROTOCOLS + (("ssl",) if any(p in SSL_PROVIDERS for p in providers) else ())
    if proto not in allowed:
        raise param_error(f"Protocol {ctx.get('protocol')} is not supported by the load balancer provider of network {net['name']}: "
                          f"use {', '.join(allowed)}")
    return proto


def _vpc_tier(ctx, ip):
    """createPublicLoadBalancerRule: an IP of a VPC not yet used by a rule takes the tier networkid names (a tier of that VPC)."""
    net = ctx.store.get("network", ctx.get("networkid")) if ip.get("vpcid") and ctx.get("networkid") else None
    return net["id"] if net and net.get("vpcid") == ip["vpcid"] else None


def create_rule(ctx, ip):
    """createLoadBalancerRule on a public IP (the checks of createPublicLoadBalancerRule, in its order)."""
    public, private = ctx.int("publicport"), ctx.int("privateport")
    _valid_port("publicPort", public)
    if ip.get("isstaticnat"):
        raise ApiError(537, f"Can't do load balance on ip address: {ip['ipaddress']}")
    _valid_port("privatePort", private)
    algorithm = ctx.require("algorithm")
    if algorithm not in ALGORITHMS:
        raise param_error(f"Invalid algorithm: {algorithm}")
    check_access(ctx, ip, "IP address")
    netid = ip.get("associatednetworkid") or _vpc_tier(ctx, ip)
    if not netid:
        raise param_error("Unable to create load balancer rule ; specified sourceip id is not associated with any network")
    net = ctx.store.get("network", netid)
    if ctx.get("networkid") and ctx.get("networkid") != netid:
        raise param_error(f"Ip address {ip['ipaddress']} is not assigned to the network {ctx.get('networkid')}")
    check_scheme(ctx, net, "Public")
    proto = lb_protocol(ctx, net)
    check_conflicts(ctx, ip, public)
    cidrs = ctx.list("cidrlist")
    rule = {
        "name": ctx.require("name"), "description": ctx.get("description"), "publicipid": ip["id"], "publicip": ip["ipaddress"],
        "publicport": str(public), "privateport": str(private), "algorithm": algorithm, "cidrlist": ",".join(cidrs),
        "networkid": net["id"], "zoneid": ip.get("zoneid"), "zonename": ip.get("zonename"), "protocol": proto or "tcp",
        "state": "Add", "fordisplay": ctx.bool("fordisplay", True), "tags": [],
        **owner_view(ip), "_accountid": ip.get("_accountid"), "_members": [], "_certid": None,
    }
    if ip.get("vpcid"):
        if ctx.get("openfirewall") is not None and ctx.bool("openfirewall"):
            raise param_error("Can't have openFirewall=true when IP address belongs to VPC")
        backend.guestnet.assign_vpc_ip(ctx, ip, net["id"])  # associateIPToGuestNetwork: the IP belongs to the tier now
    ctx.store.add("loadbalancer", rule)
    if ctx.bool("openfirewall", True) and not ip.get("vpcid"):
        backend.guestnet.add_related_firewall_rule(ctx, ip, net["id"], "tcp", public, public, cidrs or ["0.0.0.0/0"], rule["id"])
    backend.monitoring.record_event(ctx, "LB.CREATE", f"Successfully created load balancer {rule['name']}", rule, "LoadBalancer")
    return rule


def delete_rule(sim, rule):
    for t in ("lbstickinesspolicy", "lbhealthcheckpolicy"):
        for pol in list(sim.store.all(t)):
            if pol.get("lbruleid") == rule["id"]:
                sim.store.delete(t, pol["id"])
    backend.guestnet.forget_related_rules(sim, rule["id"])
    backend.guestnet.delete_tags_of(sim, rule["id"])
    sim.store.delete("loadbalancer", rule["id"])
    backend.guestnet.unassign_vpc_ip(sim, rule.get("publicipid"))


def forget_ip(sim, ipid):
    for rule in rules_on_ip(sim, ipid):
        delete_rule(sim, rule)


def forget_vm(sim, vmid):
    for rule in sim.store.all("loadbalancer"):
        members = [m for m in rule.get("_members") or [] if m["vmid"] != vmid]
        if len(members) != len(rule.get("_members") or []):
            rule["_members"] = members
            sim.store.save("loadbalancer", rule)


# ---- members ---------------------------------------------------------------------------------------------------------------
def set_autoscale_member(sim, rule, vm, present=True):
    """An autoscale VM group's member joins (present) or leaves its rule: assignToLoadBalancer(isAutoScaleVM=true) and its
    removal counterpart, which the autoscale family calls (the VM's NIC address on the rule's network)."""
    members = [x for x in rule.get("_members") or [] if x["vmid"] != vm["id"]]
    nic = next((n for n in vm.get("nic") or [] if n.get("networkid") == rule.get("networkid")), None)
    if present and nic is not None:
        members.append({"vmid": vm["id"], "ip": nic.get("ipaddress")})
    rule["_members"] = members
    sim.store.save("loadbalancer", rule)


def wanted_members(ctx):
    """{vmid: [ips] or None} from virtualmachineids and vmidipmap (ids first, as the command's getVmIdIpListMap)."""
    wanted = {vmid: None for vmid in ctx.list("virtualmachineids")}
    for entry in ctx.map_param("vmidipmap"):
        vmid, ip = entry.get("vmid"), entry.get("vmip") or entry.get("ip")
        if not vmid or not ip:
            raise param_error("Invalid vmidipmap: each entry needs vmid and vmip")
        ips = wanted.get(vmid) or []
        wanted[vmid] = ips + [ip]
    if not wanted:
        raise param_error("Both instanceids and vmidipmap  can't be null")
    return wanted


def _member_vm(ctx, vmid, rule):
    vm = ctx.store.get("virtualmachine", vmid)
    if vm is None or vm.get("_removed") or vm.get("state") in ("Destroyed", "Expunging"):
        raise param_error("Invalid instance id specified")
    if vm.get("_accountid") != rule.get("_accountid"):
        raise ApiError(531, "Cannot add virtual machines that do not belong to the same owner.")
    nic = next((n for n in vm.get("nic") or [] if n.get("networkid") == rule["networkid"]), None)
    if nic is None:
        raise param_error("VM with id specified cannot be added because it doesn't belong in the same network.")
    return vm, nic


def assign(ctx, rule, wanted, explicit_ids):
    """The {vmid, ip} pairs to add (assignToLoadBalancer's checks); nothing is written here."""
    existing = {}
    for m in rule.get("_members") or []:
        existing.setdefault(m["vmid"], []).append(m["ip"])
    adds = []
    for vmid, ips in wanted.items():
        vm, nic = _member_vm(ctx, vmid, rule)
        primary = nic.get("ipaddress")
        for ip in ips or [primary]:
            if ip in existing.get(vmid, []):
                raise param_error(f"VM {vmid} with {ip} is already mapped to load balancer.")
        secondary = {s.get("ipaddress") for s in nic.get("secondaryip") or []}
        for ip in ips or []:
            if ip != primary and ip not in secondary:
                raise param_error(f"VM ip {ip} specified does not belong to nic in network {nic.get('networkid')}")
        use = list(ips or [primary]) + ([primary] if ips and vmid in explicit_ids else [])
        adds += [{"vmid": vm["id"], "ip": ip} for ip in dict.fromkeys(use)]
    return adds


def remove(ctx, rule, wanted):
    """The members left after removing wanted ({vmid: [ips] or None}: all its IPs)."""
    members = list(rule.get("_members") or [])
    for vmid, ips in wanted.items():
        mine = [m for m in members if m["vmid"] == vmid]
        if not mine:
            raise param_error(f"Instance {vmid} is not assigned to load balancer rule {rule['id']}")
        for ip in ips or []:
            if not any(m["ip"] == ip for m in mine):
                raise param_error(f"VM ip {ip} of instance {vmid} is not assigned to load balancer rule {rule['id']}")
        members = [m for m in members if m["vmid"] != vmid or (ips and m["ip"] not in ips)]
    return members


def member_vms(ctx, rule, applied=True):
    ids = {m["vmid"] for m in rule.get("_members") or []}
    if applied:  # in the order of the instances (CloudStack reads them by id), not of their assignment
        return [v for v in ctx.store.all("virtualmachine") if v["id"] in ids]
    out = []
    for vm in ctx.store.all("virtualmachine"):
        if vm["id"] in ids or vm.get("_removed") or vm.get("state") in ("Destroyed", "Expunging") or vm.get("_accountid") != rule.get("_accountid"):
            continue
        if any(n.get("networkid") == rule["networkid"] for n in vm.get("nic") or []):
            out.append(vm)
    return out


# ---- stickiness and health check policies -------------------------------------------------------------------------------------
def check_policy_rule(ctx):
    value = ctx.require("lbruleid")
    rule = ctx.store.get("loadbalancer", value)
    if rule is None:
        raise param_error(f"Failed: LB rule id: {value} not present ")
    check_access(ctx, rule, "load balancer rule")
    if rule.get("state") == "Revoke":
        raise param_error(f"Failed:  LB rule id: {value} is in deleting state: ")
    return rule


def stickiness_params(ctx, rule):
    method_name = ctx.require("methodname")
    method = next((m for m in STICKINESS_METHODS if m.lower() == method_name.lower()), None)
    if method is None:
        raise param_error(f"Failed to match Stickiness method name for LB rule:{rule['id']}")
    params = {}
    for entry in ctx.map_param("param"):
        pname, value = entry.get("name"), entry.get("value")
        spec = next((v for k, v in STICKINESS_METHODS[method].items() if k.lower() == str(pname).lower()), None)
        if spec is None:
            raise param_error(f"Failed : Stickiness policy does not support param name :{pname}")
        if not spec[1] and value is None:
            raise param_error(f"Failed : Value expected for the Param :{pname}")
        params[pname] = value
    for pname, (required, _flag) in STICKINESS_METHODS[method].items():
        if required and pname not in params:
            raise param_error(f"Failed : Missing Manadatory Param :{pname}")
    return method, params


def health_check_values(ctx, rule):
    timeout, interval = ctx.int("responsetimeout", 2), ctx.int("intervaltime", 5)
    if any(p.get("lbruleid") == rule["id"] for p in ctx.store.all("lbhealthcheckpolicy")):
        raise param_error(f"Failed to create HealthCheck policy: Already policy attached  for the LB Rule id :{rule['id']}")
    return {"pingpath": ctx.get("pingpath") or "/", "responsetime": timeout, "healthcheckinterval": interval,
            "healthcheckthresshold": ctx.int("healthythreshold", 2), "unhealthcheckthresshold": ctx.int("unhealthythreshold", 10)}


def policies_view(ctx, rule, kind, policies):
    """listLBStickinessPolicies / listLBHealthCheckPolicies: one object per rule, the policies in a list."""
    out = {"account": rule.get("account"), "domain": rule.get("domain"), "domainid": rule.get("domainid"), "lbruleid": rule["id"],
           "zoneid": rule.get("zoneid")}
    if kind == "stickiness":
        out.update(name=rule.get("name"), description=rule.get("description"), state=rule.get("state"))
        out["stickinesspolicy"] = [{k: p.get(k) for k in ("id", "name", "description", "methodname", "params", "state", "fordisplay")}
                                   for p in policies]
    else:
        out["healthcheckpolicy"] = [{k: p.get(k) for k in ("id", "pingpath", "description", "responsetime", "healthcheckinterval",
                                                             "healthcheckthresshold", "unhealthcheckthresshold", "state", "fordisplay")}
                                    for p in policies]
    return out


# ---- SSL certificates ---------------------------------------------------------------------------------------------------------
def pem_blocks(name, text, kinds):
    blocks = PEM_RE.findall(text or "")
    if not blocks or any(not any(k in b[0] for k in kinds) for b in blocks):
        raise param_error(f"Invalid {name}: expected PEM ({' or '.join(kinds)})")
    out = []
    for _kind, body in blocks:
        try:
            out.append(base64.b64decode("".join(body.split()), validate=True))
        except (binascii.Error, ValueError):
            raise param_error(f"Invalid {name}: the PEM data is not base64") from None
    return out


def fingerprint(der):
    digest = hashlib.sha1(der).hexdigest()  # noqa: S324 - CloudStack shows the SHA-1 fingerprint
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def cert_view(ctx, cert):
    lbs = [r["id"] for r in ctx.store.all("loadbalancer") if r.get("_certid") == cert["id"]]
    return dict(cert, loadbalancerrulelist=lbs)


@backend.identity.on_account_removed
def on_account_deleted(ctx, acc):
    """AccountManagerImpl.cleanupAccount: the account's load balancer rules (with their policies) and SSL certificates go."""
    for rule in [r for r in ctx.store.all("loadbalancer") if r.get("_accountid") == acc["id"]]:
        delete_rule(ctx.sim, rule)
    for cert in [c for c in ctx.store.all("sslcert") if c.get("_accountid") == acc["id"]]:
        ctx.store.delete("sslcert", cert["id"])
