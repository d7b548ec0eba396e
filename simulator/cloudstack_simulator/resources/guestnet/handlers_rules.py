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
    if "Firewall" not in offering_services(_offering(ctx, net["networkofferingid"])) and net["type"] != "Isolated":
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
    net = get_network(ctx, "networkid")
    if net["type"] != "Isolated":
        raise param_error(f"Egress firewall rules are supported on Isolated networks only, not on {net['type']} network {net['name']}")
    proto = _protocol(ctx)
    start, end = _ports(ctx, "startport", "endport", proto)
    rule = {"protocol": proto, "networkid": net["id"], "state": "Active", "cidrlist": _cidrs(ctx, default=net.get("cidr")),
            "destcidrlist": _cidrs(ctx, "destcidrlist", default=""), "tags": [], "fordisplay": ctx.bool("fordisplay", True), "_traffic": "Egress",
            "_accountid": net.get("_accountid"), "_domainid": net.get("domainid"), "_account": net.get("account"), "_projectid": net.get("projectid")}
    for other in ctx.store.all("firewallrule"):
        if other.get("networkid") == net["id"] and other.get("_traffic") == "Egress" and other["protocol"] == proto \
                and other.get("cidrlist") == rule["cidrlist"] and proto in ("tcp", "udp") \
                and _overlap(start, end, other.get("startport"), other.get("endport")):
            raise ApiError(537, f"The range specified, {start}-{end}, conflicts with rule {other['id']} which has "
                                f"{other.get('startport')}-{other.get('endport')}")
    if start is not None:
        rule["startport"], rule["endport"] = start, end
    if proto == "icmp":
        rule["icmptype"], rule["icmpcode"] = ctx.int("icmptype", -1), ctx.int("icmpcode", -1)
    ctx.store.add("firewallrule", rule)
    _rule_event(ctx, "FIREWALL.EGRESS.OPEN", rule, f"Successfully created egress firewall rule {rule['id']} for network {net['name']}")
    return rule


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
    netid = ctx.get("networkid") or ip.get("associatednetworkid")
    if not netid:
        raise param_error(f"Unable to create port forwarding rule; ip id={ip['id']} is not associated with any network")
    nic = _vm_nic_in(vm, netid)
    if nic is None:
        raise param_error(f"Unable to create port forwarding rule: VM {vm['name']} has no NIC in network {netid}")
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
    if ctx.bool("openfirewall", True):
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
