"""The guestnet commands of firewall rules (ingress and egress), port forwarding and static NAT, with their parameter checks."""
import ipaddress

from ...backend import backend
from ...errors import ApiError, invalid_id, param_error
from ...registry import api
from ..helpers import may_manage_domain, tags_matching
from .model import PROTOCOLS, _offering, _vm_nic_in, delete_tags_of, get_ip, get_network, offering_services


@api("createFirewallRule")
def create_firewall_rule(ctx, p):
    ip = get_ip(ctx, "ipaddressid")
    proto = _protocol(ctx)
    start, end = _ports(ctx, "startport", "endport", proto)
    net = ctx.store.get("network", ip.get("associatednetworkid"))
    if net is None:
        raise param_error(f"Unable to create firewall rule; ip id={ip['id']} is not associated with any network")
    if "Firewall" not in offering_services(_offering(ctx, net["networkofferingid"])) and (net["type"] != "Isolated" or net.get("vpcid")):
        raise param_error(f"Firewall service is not supported in network {net['name']}")
    ftype = (ctx.get("type") or "user").lower()
    if ftype not in ("user", "system"):
        raise param_error(f"Invalid type {ctx.get('type')}: use user or system")
    _check_conflicts(ctx, ip, proto, start, end)
    rule = {"protocol": proto, "ipaddressid": ip["id"], "networkid": net["id"], "ipaddress": ip["ipaddress"], "state": "Active",
            "cidrlist": _cidrs(ctx, default="0.0.0.0/0"), "tags": [], "fordisplay": ctx.bool("fordisplay", True), "_traffic": "Ingress",
            "_accountid": ip.get("_accountid"), "_domainid": ip.get("domainid"), "_account": ip.get("account"), "_projectid": ip.get("projectid")}
    if start is not None:
        rule["startport"], rule["endport"] = start, end
    if proto == "icmp":
        rule["icmptype"], rule["icmpcode"] = ctx.int("icmptype", -1), ctx.int("icmpcode", -1)
    ctx.store.add("firewallrule", rule)
    _rule_event(ctx, "FIREWALL.OPEN", rule, f"Successfully created firewall rule {rule['id']} for IP {ip['ipaddress']}")
    return rule


@api("createEgressFirewallRule")
def create_egress_rule(ctx, p):
    """FirewallManagerImpl.createEgressFirewallRule (4.18): source CIDRs within the guest CIDR (0.0.0.0/0 stands for it and is
    stored as it), destination CIDRs (destcidrlist), CloudStack's conflict check (detectRulesConflict)."""
    net = get_network(ctx, "networkid")
    if net["type"] == "Shared":
        raise param_error(f"Egress firewall rules are not supported for {net['type']}  networks")
    if net["type"] != "Isolated" or net.get("vpcid"):  # L2 networks and VPC tiers (their offerings have no Firewall service)
        raise param_error(f"Firewall service is not supported in network {net['name']}")
    proto = _protocol(ctx)
    start, end = _ports(ctx, "startport", "endport", proto)
    rule = {"protocol": proto, "networkid": net["id"], "state": "Active", "cidrlist": ",".join(_egress_sources(ctx, net)),
            "destcidrlist": ",".join(_egress_destinations(ctx)), "tags": [], "fordisplay": ctx.bool("fordisplay", True), "_traffic": "Egress",
            "_accountid": net.get("_accountid"), "_domainid": net.get("domainid"), "_account": net.get("account"), "_projectid": net.get("projectid")}
    if start is not None:
        rule["startport"], rule["endport"] = start, end
    if proto == "icmp":
        rule["icmptype"], rule["icmpcode"] = ctx.int("icmptype", -1), ctx.int("icmpcode", -1)
    for other in ctx.store.all("firewallrule"):
        if other.get("networkid") == net["id"] and other.get("_traffic") == "Egress":
            _egress_conflict(rule, other)
    ctx.store.add("firewallrule", rule)
    _rule_event(ctx, "FIREWALL.EGRESS.OPEN", rule, f"Successfully created egress firewall rule {rule['id']} for network {net['name']}")
    return rule


def _valid_cidr(text):
    try:
        return "/" in text and bool(ipaddress.ip_network(text, strict=True))
    except ValueError:
        return False


def _egress_sources(ctx, net):
    """CreateEgressFirewallRuleCmd: cidrlist defaults to the guest CIDR; each one a CIDR within it (0.0.0.0/0 allowed),
    and 0.0.0.0/0 is replaced by the guest CIDR (FirewallManagerImpl)."""
    sources = ctx.list("cidrlist") or [net.get("cidr")]
    guest = ipaddress.ip_network(net.get("cidr") or "0.0.0.0/0")
    for cidr in sources:
        if not _valid_cidr(cidr):
            raise param_error(f"Source cidrs formatting error {cidr}")
        if cidr != "0.0.0.0/0" and not ipaddress.ip_network(cidr).subnet_of(guest):
            raise param_error(f"{cidr} is not within the guest cidr {net.get('cidr')}")
    return [net.get("cidr") if c == "0.0.0.0/0" else c for c in sources]


def _egress_destinations(ctx):
    dests = ctx.list("destcidrlist")
    for cidr in dests:
        if not _valid_cidr(cidr):
            raise param_error(f"Destination cidrs formatting error {cidr}")
    return dests


def _cidrs_shared(a, b):
    """detectConflictingCidrs: both empty, or a CIDR in common."""
    a, b = {c for c in str(a or "").split(",") if c}, {c for c in str(b or "").split(",") if c}
    return (not a and not b) or bool(a & b)


def _egress_conflict(new, other):
    """detectRulesConflict for two firewall rules of a network: the same protocol, source CIDRs in common and destination
    CIDRs in common (or none on both), and overlapping ports (or no ports; ICMP: the same type and code)."""
    if str(other.get("protocol")).lower() != new["protocol"]:
        return
    if not (_cidrs_shared(new["cidrlist"], other.get("cidrlist")) and _cidrs_shared(new["destcidrlist"], other.get("destcidrlist"))):
        return
    if new["protocol"] == "icmp":
        if (new.get("icmptype"), new.get("icmpcode")) == (other.get("icmptype"), other.get("icmpcode")):
            raise param_error(f"New rule conflicts with existing rule id={other['id']}")
        return
    start, end, ostart, oend = new.get("startport"), new.get("endport"), other.get("startport"), other.get("endport")
    if start is None and ostart is None:
        raise ApiError(537, f"There is already a firewall rule specified with protocol = {new['protocol']} and no ports")
    if start is not None and ostart is not None and _overlap(start, end, ostart, oend):
        raise ApiError(537, f"The range specified, {start}-{end}, conflicts with rule {other['id']} which has {ostart}-{oend}")


@api("deleteFirewallRule")
def delete_firewall_rule(ctx, p):
    return _delete_rule_later(ctx, "firewallrule", _get_rule(ctx, "firewallrule", "Ingress"), "FIREWALL.CLOSE")


@api("deleteEgressFirewallRule")
def delete_egress_rule(ctx, p):
    return _delete_rule_later(ctx, "firewallrule", _get_rule(ctx, "firewallrule", "Egress"), "FIREWALL.EGRESS.CLOSE")


@api("listFirewallRules")
def list_firewall_rules(ctx, p):
    return _list_rules(ctx, "firewallrule", "Ingress")


@api("listEgressFirewallRules")
def list_egress_rules(ctx, p):
    return _list_rules(ctx, "firewallrule", "Egress")


@api("createPortForwardingRule")
def create_pf_rule(ctx, p):
    ip = get_ip(ctx, "ipaddressid")
    proto = _protocol(ctx)
    if proto not in ("tcp", "udp"):
        raise param_error(f"Invalid protocol {proto} for a port forwarding rule: use tcp or udp")
    vm = backend.compute.get_vm(ctx, "virtualmachineid")
    if ip.get("isstaticnat"):
        raise ApiError(537, f"Can't create a port forwarding rule on IP address {ip['ipaddress']}: static NAT is enabled on it")
    netid = _pf_network(ctx, ip)
    nic = _vm_nic_in(vm, netid)
    if nic is None:
        raise param_error("Vm doesn't belong to network associated with ipAddress")
    _check_guest_ip(ctx, nic)
    open_fw = _open_firewall(ctx, ip)
    pub_s, pub_e = _ports(ctx, "publicport", "publicendport", proto)
    priv_s, priv_e = _ports(ctx, "privateport", "privateendport", proto)
    if pub_e - pub_s != priv_e - priv_s:
        raise param_error("Private port range and public port range should be of the same size")
    guestip = ctx.get("vmguestip") or nic.get("ipaddress")
    _check_conflicts(ctx, ip, proto, pub_s, pub_e)
    lb = backend.loadbalancers.port_conflict(ctx.sim, ip["id"], pub_s, pub_e)
    if lb is not None:
        raise ApiError(537, f"The range specified, {pub_s}-{pub_e}, conflicts with rule {lb['id']} which has {lb['publicport']}-{lb['publicport']}")
    rule = {"privateport": str(priv_s), "privateendport": str(priv_e), "protocol": proto, "publicport": str(pub_s), "publicendport": str(pub_e),
            "virtualmachineid": vm["id"], "virtualmachinename": vm["name"], "virtualmachinedisplayname": vm.get("displayname"),
            "ipaddressid": ip["id"], "ipaddress": ip["ipaddress"], "state": "Active", "cidrlist": _cidrs(ctx, default=""), "tags": [],
            "vmguestip": guestip, "networkid": netid, "fordisplay": ctx.bool("fordisplay", True),
            "_accountid": ip.get("_accountid"), "_domainid": ip.get("domainid"), "_account": ip.get("account"), "_projectid": ip.get("projectid")}
    ctx.store.add("portforwardingrule", rule)
    _assign_vpc_ip(ctx, ip, netid)
    if open_fw:
        ctx.store.add("firewallrule", {"protocol": proto, "ipaddressid": ip["id"], "networkid": netid, "ipaddress": ip["ipaddress"], "state": "Active",
                                       "cidrlist": rule["cidrlist"] or "0.0.0.0/0", "tags": [], "fordisplay": True, "startport": pub_s, "endport": pub_e,
                                       "_traffic": "Ingress", "_pf": rule["id"], "_accountid": rule["_accountid"], "_domainid": rule["_domainid"],
                                       "_account": rule["_account"], "_projectid": rule["_projectid"]})
    _rule_event(ctx, "NET.RULEADD", rule, f"Successfully created port forwarding rule {rule['id']}")
    return rule


@api("updatePortForwardingRule")
def update_pf_rule(ctx, p):
    rule = _get_rule(ctx, "portforwardingrule")
    vm = backend.compute.get_vm(ctx, "virtualmachineid") if ctx.get("virtualmachineid") else ctx.store.get("virtualmachine", rule["virtualmachineid"])
    if vm is None:
        raise param_error(f"The VM of port forwarding rule {rule['id']} is gone: give virtualmachineid")
    nic = _vm_nic_in(vm, rule["networkid"])
    if nic is None:
        raise param_error(f"VM {vm['name']} has no NIC in network {rule['networkid']}")
    _check_guest_ip(ctx, nic)
    priv_s = ctx.int("privateport", int(rule["privateport"]))
    priv_e = ctx.int("privateendport", priv_s if ctx.get("privateport") else int(rule["privateendport"]))
    for v in (priv_s, priv_e):
        if not 1 <= v <= 65535:
            raise param_error(f"Invalid port range {priv_s}-{priv_e}: ports must be between 1 and 65535")
    if priv_e - priv_s != int(rule["publicendport"]) - int(rule["publicport"]):
        raise param_error("Private port range and public port range should be of the same size")
    rid = rule["id"]

    def finish():
        cur = ctx.store.get("portforwardingrule", rid)
        if cur is None:
            raise ApiError(530, f"Port forwarding rule {rid} was removed")
        cur.update(privateport=str(priv_s), privateendport=str(priv_e), virtualmachineid=vm["id"], virtualmachinename=vm["name"],
                   virtualmachinedisplayname=vm.get("displayname"), vmguestip=ctx.get("vmguestip") or nic.get("ipaddress"))
        if ctx.get("fordisplay") is not None:
            cur["fordisplay"] = ctx.bool("fordisplay")
        ctx.store.save("portforwardingrule", cur)
        _rule_event(ctx, "NET.RULEMODIFY", cur, f"Successfully updated port forwarding rule {rid}")
        return cur

    return ctx.later(finish, "FirewallRule", rid)


@api("deletePortForwardingRule")
def delete_pf_rule(ctx, p):
    return _delete_rule_later(ctx, "portforwardingrule", _get_rule(ctx, "portforwardingrule"), "NET.RULEDELETE")


@api("listPortForwardingRules")
def list_pf_rules(ctx, p):
    return _list_rules(ctx, "portforwardingrule")


@api("enableStaticNat")
def enable_static_nat(ctx, p):
    ip = get_ip(ctx, "ipaddressid")
    vm = backend.compute.get_vm(ctx, "virtualmachineid")
    if ip.get("issourcenat"):
        raise param_error(f"Can't enable static nat for the source nat ip address {ip['ipaddress']}")
    if any(r.get("ipaddressid") == ip["id"] for r in ctx.store.all("portforwardingrule")):
        raise ApiError(537, f"Failed to enable static nat for the ip address id={ip['id']} as it already has port forwarding rules assigned")
    if backend.loadbalancers.rules_on_ip(ctx.sim, ip["id"]):
        raise ApiError(537, f"Failed to enable static nat for the ip address id={ip['id']} as it already has LoadBalancing rules assigned")
    if ip.get("isstaticnat") and ip.get("virtualmachineid") != vm["id"]:
        raise ApiError(537, f"Failed to enable static nat for the ip address id={ip['id']} as it's already assigned to vm {ip.get('virtualmachinename')}")
    for other in ctx.store.all("publicipaddress"):
        if other["id"] != ip["id"] and other.get("virtualmachineid") == vm["id"] and other.get("isstaticnat"):
            raise ApiError(537, f"Failed to enable static nat for the ip address id={ip['id']} as vm id={vm['id']} "
                                f"is already associated with ip id={other['id']}")
    netid = ctx.get("networkid") or ip.get("associatednetworkid")
    nic = _vm_nic_in(vm, netid) if netid else (vm.get("nic") or [None])[0]
    if nic is None:
        raise param_error(f"VM {vm['name']} has no NIC in the network of IP {ip['ipaddress']}")
    ip.update(isstaticnat=True, virtualmachineid=vm["id"], virtualmachinename=vm["name"], virtualmachinedisplayname=vm.get("displayname"),
              vmipaddress=ctx.get("vmguestip") or nic.get("ipaddress"), virtualmachinetype="UserVm")
    ctx.store.save("publicipaddress", ip)
    vm["publicip"], vm["publicipid"] = ip["ipaddress"], ip["id"]
    ctx.store.save("virtualmachine", vm)
    backend.monitoring.record_event(ctx, "STATICNAT.ENABLE", f"Successfully enabled static NAT of {ip['ipaddress']} to VM {vm['name']}", ip, "PublicIpAddress")
    return None


@api("disableStaticNat")
def disable_static_nat(ctx, p):
    ip = get_ip(ctx, "ipaddressid")
    if not ip.get("isstaticnat"):
        raise param_error(f"Specified IP address id is not associated with any vm Id: {ip['id']}")
    ipid = ip["id"]

    def finish():
        cur = ctx.store.get("publicipaddress", ipid)
        if cur is None:
            return None
        vm = ctx.store.get("virtualmachine", cur.get("virtualmachineid"))
        if vm is not None:
            vm.pop("publicip", None)
            vm.pop("publicipid", None)
            ctx.store.save("virtualmachine", vm)
        for f in ("virtualmachineid", "virtualmachinename", "virtualmachinedisplayname", "vmipaddress", "virtualmachinetype"):
            cur.pop(f, None)
        cur["isstaticnat"] = False
        ctx.store.save("publicipaddress", cur)
        backend.monitoring.record_event(ctx, "STATICNAT.DISABLE", f"Successfully disabled static NAT of {cur['ipaddress']}", cur, "PublicIpAddress")
        return None

    return ctx.later(finish, "IpAddress", ipid)


# ---- firewall, port forwarding, static NAT ------------------------------------------------------------------------------------
def _pf_network(ctx, ip):
    """CreatePortForwardingRuleCmd.getNetworkId: the IP's network; an IP of a VPC not yet used by a rule takes the tier
    networkid names (which must be a tier of that VPC)."""
    netid = ip.get("associatednetworkid") or ctx.get("networkid")
    if not netid:
        if ip.get("vpcid"):
            raise param_error(f"Unable to create port forwarding rule for the ipAddress id={ip['id']} as ip is not associated with any "
                              "network and no networkId is passed in")
        raise param_error(f"Unable to create port forwarding rule; ip id={ip['id']} is not associated with any network")
    if ip.get("vpcid") and not ip.get("associatednetworkid"):
        net = get_network(ctx, "networkid")
        if net.get("vpcid") != ip["vpcid"]:
            raise param_error(f"Ip address {ip['ipaddress']} belongs to a VPC: network {net['name']} is not a tier of that VPC")
    return netid


def _check_guest_ip(ctx, nic):
    """RulesManagerImpl.createPortForwardingRule: vmguestip is the NIC's address or one of its secondary IPs."""
    guest_ip = ctx.get("vmguestip")
    if guest_ip and guest_ip != nic.get("ipaddress") and not any(s.get("ipaddress") == guest_ip for s in nic.get("secondaryip") or []):
        raise param_error("IP Address is not in the VM nic's network ")


def _open_firewall(ctx, ip):
    """CreatePortForwardingRuleCmd.getOpenFirewall: default true, but false (and true refused) for an IP of a VPC."""
    if ip.get("vpcid"):
        if ctx.get("openfirewall") is not None and ctx.bool("openfirewall"):
            raise param_error("Can't have openFirewall=true when IP address belongs to VPC")
        return False
    return ctx.bool("openfirewall", True)


def _assign_vpc_ip(ctx, ip, netid):
    """IpAddressManagerImpl.associateIPToGuestNetwork: a VPC's IP used by a rule belongs to that tier from now on."""
    if ip.get("vpcid") and not ip.get("associatednetworkid"):
        net = ctx.store.get("network", netid) or {}
        ip.update(associatednetworkid=netid, associatednetworkname=net.get("name"))
        ctx.store.save("publicipaddress", ip)


def _unassign_vpc_ip(sim, ipid):
    """VpcManagerImpl.unassignIPFromVpcNetwork: a VPC's IP without rules goes back to the VPC."""
    ip = sim.store.get("publicipaddress", ipid) if ipid else None
    if ip is None or not ip.get("vpcid") or ip.get("isstaticnat") or ip.get("issourcenat"):
        return
    if any(r.get("ipaddressid") == ipid for t in ("portforwardingrule", "firewallrule") for r in sim.store.all(t)):
        return
    ip.pop("associatednetworkid", None)
    ip.pop("associatednetworkname", None)
    sim.store.save("publicipaddress", ip)


def _ports(ctx, start_name, end_name, protocol):
    start, end = ctx.int(start_name), ctx.int(end_name)
    if protocol in ("tcp", "udp"):
        if start is None and end is not None:
            start = end
        if start is not None:
            end = end if end is not None else start
            for v in (start, end):
                if not 1 <= v <= 65535:
                    raise param_error(f"Invalid port range {start}-{end}: ports must be between 1 and 65535")
            if start > end:
                raise param_error("Start port can't be bigger than end port")
    elif start is not None or end is not None:
        raise param_error(f"Can specify start/end port only for protocols tcp or udp, not {protocol}")
    return start, end


def _protocol(ctx):
    proto = ctx.require("protocol").lower()
    if proto not in PROTOCOLS and not proto.isdigit():
        raise param_error(f"Invalid protocol {ctx.get('protocol')}: use tcp, udp, icmp or all")
    return proto


def _cidrs(ctx, name="cidrlist", default=None):
    cidrs = ctx.list(name)
    for c in cidrs:
        try:
            ipaddress.ip_network(c, strict=False)
        except ValueError:
            raise param_error(f"Invalid format for the {name} parameter: {c}") from None
    return ",".join(cidrs) if cidrs else default


def _overlap(a1, a2, b1, b2):
    if a1 is None or b1 is None:
        return True
    return not (a2 < b1 or b2 < a1)


def _check_conflicts(ctx, ip, proto, start, end, exclude=None):
    for t in ("firewallrule", "portforwardingrule"):
        for rule in ctx.store.all(t):
            if rule.get("ipaddressid") != ip["id"] or rule["id"] == exclude or rule.get("_traffic", "Ingress") != "Ingress":
                continue
            if t == "firewallrule" and rule.get("_pf"):
                continue
            rp = rule.get("protocol")
            if t == "portforwardingrule":
                rs, re_ = int(rule["publicport"]), int(rule.get("publicendport") or rule["publicport"])
            else:
                rs, re_ = rule.get("startport"), rule.get("endport")
            same_kind = (t == "portforwardingrule") == (ctx.command == "createPortForwardingRule")
            if rp == proto and proto in ("tcp", "udp") and _overlap(start, end, rs, re_) and same_kind:
                raise ApiError(537, f"The range specified, {start}-{end}, conflicts with rule {rule['id']} which has {rs}-{re_}")


def _rule_event(ctx, kind, rule, text):
    backend.monitoring.record_event(ctx, kind, text, rule, "FirewallRule")


def _get_rule(ctx, type_, traffic=None):
    value = ctx.require("id")
    rule = ctx.store.get(type_, value)
    if rule is None or (traffic and rule.get("_traffic", "Ingress") != traffic):
        raise invalid_id(ctx.command, "id", value)
    if not ctx.is_root_admin and rule.get("_accountid") != ctx.account["id"] and not may_manage_domain(ctx, rule.get("_domainid")):
        raise ApiError(531, f"Account {ctx.account['name']} does not have permission to access rule {value}")
    return rule


def _delete_rule_later(ctx, type_, rule, event, jobtype="FirewallRule"):
    rid = rule["id"]

    def finish():
        cur = ctx.store.get(type_, rid)
        if cur is not None:
            ctx.store.delete(type_, rid)
            if type_ == "portforwardingrule":
                for fw in list(ctx.store.all("firewallrule")):
                    if fw.get("_pf") == rid:
                        ctx.store.delete("firewallrule", fw["id"])
                _unassign_vpc_ip(ctx.sim, cur.get("ipaddressid"))
            delete_tags_of(ctx.sim, rid)
            _rule_event(ctx, event, cur, f"Successfully deleted rule {rid}")
        return None

    return ctx.later(finish, jobtype, rid)


def _rule_scope(ctx, rules):
    """Rules carry their owner as _account/_domainid/_projectid (the rule objects have no owner fields)."""
    view = [dict(r, account=r.get("_account"), domainid=r.get("_domainid"), projectid=r.get("_projectid")) for r in rules]
    keep = {r["id"] for r in ctx.scope(view)}
    return [r for r in rules if r["id"] in keep]


def _list_rules(ctx, type_, traffic=None):
    rules = [r for r in ctx.store.all(type_) if traffic is None or r.get("_traffic", "Ingress") == traffic]
    if type_ == "firewallrule" and traffic == "Ingress":
        rules = [r for r in rules if not r.get("_hidden")]
    rules = _rule_scope(ctx, rules)
    rules = ctx.filter_eq(rules, ["id", "ipaddressid", "networkid"])
    if ctx.get("fordisplay") is not None:
        want = ctx.bool("fordisplay")
        rules = [r for r in rules if bool(r.get("fordisplay", True)) == want]
    tags = ctx.map_param("tags")
    if tags:
        rules = [r for r in rules if tags_matching(r, tags)]
    return rules
