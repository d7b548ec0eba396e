"""The guestnet commands: parameters in, views out; the state and rules are in model.py."""
import ipaddress

from ...backend import backend
from ...errors import ApiError, invalid_id, param_error
from ...registry import api
from ..helpers import as_bool, check_access, check_ip, check_limits, int_ip, ip_int, is_admin, owner, owner_view, tags_matching
from .model import (
    AFFINITY_TYPES,
    _authorize,
    _check_conflicts,
    _cidrs,
    _delete_rule_later,
    _fail_later,
    _find_ag,
    _get_rule,
    _list_rules,
    _new_public_ip,
    _offering,
    _overlap,
    _ports,
    _protocol,
    _public_ranges,
    _release_public_ip,
    _resources,
    _revoke,
    _rule_event,
    _service_list,
    _services,
    _tag_target,
    _tag_view,
    _vm_nic_in,
    _vms_on_network,
    create_network_obj,
    delete_tags_of,
    ensure_default_sg,
    get_ip,
    get_network,
    implement,
    ip_index,
    may_use_network,
)


@api("createNetwork")
def create_network(ctx, p):
    zone = ctx.obj("zone", "zoneid", required=True)
    off = ctx.obj("networkoffering", "networkofferingid", required=True)
    if off.get("state", "Enabled") != "Enabled":
        raise param_error(f"Can't use specified network offering id as its state is not Enabled: {off['id']}")
    if off.get("traffictype", "Guest") != "Guest" or as_bool(off.get("issystem")) or as_bool(off.get("_issystem")):
        raise param_error("Can't use a system network offering to create a guest network")
    if as_bool(off.get("forvpc")) and not ctx.get("vpcid"):
        raise param_error(f"Network offering {off.get('name')} can be used for VPC networks only")
    gtype = off.get("guestiptype")
    vlan = ctx.get("vlan")
    if gtype == "Shared" and not ctx.is_root_admin:
        raise ApiError(531, "Only ROOT admin is allowed to create Shared networks")
    if vlan and not ctx.is_root_admin:
        raise ApiError(531, "Only ROOT admin is allowed to specify vlan")
    if vlan and not as_bool(off.get("specifyvlan")):
        raise param_error("Can't specify vlan; corresponding offering says specifyVlan=false")
    for name in ("gateway", "netmask", "startip", "endip"):
        if ctx.get(name):
            check_ip(name, ctx.get(name))
    acltype = ctx.get("acltype")
    if acltype and acltype.lower() not in ("account", "domain"):
        raise param_error(f"Invalid acltype {acltype}: use Account or Domain")
    acltype = acltype.capitalize() if acltype else None
    if gtype == "Shared" and (ctx.get("account") or ctx.get("projectid")) and not acltype:
        acltype = "Account"
    own = owner(ctx) if (ctx.get("account") or ctx.get("projectid") or acltype != "Domain") else {
        "account": None, "domainid": ctx.get("domainid") or ctx.account["domainid"],
        "domain": (ctx.store.get("domain", ctx.get("domainid") or ctx.account["domainid"]) or {}).get("name")}
    name = ctx.require("name")
    if own.get("account"):
        check_limits(ctx, own, {6: 1})
    return create_network_obj(ctx, zone, off, own, name, ctx.get("displaytext") or name, ctx.get("gateway"), ctx.get("netmask"),
                              ctx.get("startip"), ctx.get("endip"), vlan, acltype)


@api("listNetworks")
def list_networks(ctx, p):
    st = ctx.store
    if ctx.get("id"):
        n = st.get("network", ctx.get("id"))
        nets = [n] if n is not None else []
    else:
        nets = st.all("network")
    nets = [n for n in nets if not n.get("_removed")]
    explicit = ctx.get("account") or ctx.get("domainid") or ctx.get("projectid")
    mine = ctx.scope([n for n in nets if n.get("acltype") != "Domain"])
    shared = [n for n in nets if n.get("acltype") == "Domain"]
    if not explicit:
        me = {"domainid": ctx.account["domainid"], "account": ctx.account["name"]}
        mine += [n for n in shared if ctx.is_root_admin or may_use_network(ctx, n, me)]
    elif ctx.get("domainid") and not ctx.get("account"):
        mine += [n for n in shared if n.get("domainid") in ctx.domain_tree(ctx.get("domainid"), ctx.bool("isrecursive"))]
    nets = sorted(mine, key=lambda n: n.get("_seq", 0))
    nets = ctx.filter_eq(nets, ["zoneid", "networkofferingid", "physicalnetworkid", ("type", "type"), "traffictype", "acltype", "vlan"],
                         ci_fields=("type", "traffictype", "acltype"))
    for param in ("issystem", "restartrequired", "specifyipranges", "canusefordeploy", "displaynetwork"):
        if ctx.get(param) is not None:
            want = ctx.bool(param)
            nets = [n for n in nets if bool(n.get(param)) == want]
    if ctx.get("supportedservices"):
        want = {s.lower() for s in ctx.list("supportedservices")}
        nets = [n for n in nets if want.issubset({s.get("name", "").lower() for s in n.get("service") or []})]
    if ctx.get("forvpc") is not None:
        want = ctx.bool("forvpc")
        nets = [n for n in nets if bool(n.get("vpcid")) == want]
    tags = ctx.map_param("tags")
    if tags:
        nets = [n for n in nets if tags_matching(n, tags)]
    return ctx.filter_keyword(nets, ("name", "displaytext"))


@api("updateNetwork")
def update_network(ctx, p):
    net = get_network(ctx)
    if net.get("acltype") == "Domain" and not ctx.is_root_admin:
        raise ApiError(531, "Only ROOT admin can update a Domain network")
    newoff = ctx.obj("networkoffering", "networkofferingid")
    if newoff is not None and newoff["id"] != net["networkofferingid"]:
        if newoff.get("guestiptype") != net["type"]:
            raise param_error(f"Can't upgrade the network to offering {newoff.get('name')}: it is for {newoff.get('guestiptype')} networks, not {net['type']}")
        if newoff.get("state", "Enabled") != "Enabled":
            raise param_error(f"Network offering {newoff.get('name')} is not in Enabled state")
    cidr = ctx.get("guestvmcidr")
    if cidr:
        if net["type"] != "Isolated":
            raise param_error("Can't change the guest VM CIDR of a network that is not Isolated")
        try:
            new = ipaddress.IPv4Network(cidr, strict=False)
        except ValueError:
            raise param_error(f"Invalid format for the guestvmcidr parameter: {cidr}") from None
        if not new.subnet_of(ipaddress.IPv4Network(net["cidr"])):
            raise param_error(f"Invalid guest vm cidr {cidr}: it must be a subset of the network cidr {net['cidr']}")
    netid = net["id"]

    def finish():
        cur = ctx.store.get("network", netid)
        if cur is None:
            raise ApiError(530, f"Network {netid} was removed")
        for name in ("name", "displaytext", "networkdomain", "dns1", "dns2"):
            if ctx.get(name) is not None:
                cur[name] = ctx.get(name)
        if ctx.get("displaynetwork") is not None:
            cur["displaynetwork"] = ctx.bool("displaynetwork")
        if newoff is not None:
            cur.update(networkofferingid=newoff["id"], networkofferingname=newoff.get("name"), networkofferingdisplaytext=newoff.get("displaytext"),
                       networkofferingconservemode=as_bool(newoff.get("conservemode", True)), networkofferingavailability=newoff.get("availability"),
                       service=_service_list(ctx, newoff))
        if cidr:
            cur["networkcidr"] = cur["cidr"]
            cur["cidr"] = str(ipaddress.IPv4Network(cidr, strict=False))
            n = ipaddress.IPv4Network(cur["cidr"])
            cur["_start"], cur["_end"] = int(n.network_address) + 1, int(n.broadcast_address) - 1
        ctx.store.save("network", cur)
        for vm in _vms_on_network(ctx.sim, netid):
            for nic in vm.get("nic") or []:
                if nic["networkid"] == netid:
                    nic["networkname"] = cur["name"]
            ctx.store.save("virtualmachine", vm)
        backend.monitoring.record_event(ctx, "NETWORK.UPDATE", f"Successfully updated network {cur['name']}", cur, "Network")
        return cur

    return ctx.later(finish, "Network", netid)


@api("restartNetwork")
def restart_network(ctx, p):
    net = get_network(ctx)
    if net.get("state") not in ("Implemented", "Setup"):
        raise param_error("Network is not in the right state to be restarted. Correct states are: Implemented, Setup")
    netid = net["id"]

    def finish():
        cur = ctx.store.get("network", netid)
        if cur is None:
            raise ApiError(530, f"Network {netid} was removed")
        cur["restartrequired"] = False
        ctx.store.save("network", cur)
        backend.monitoring.record_event(ctx, "NETWORK.RESTART", f"Successfully restarted network {cur['name']}", cur, "Network")
        return None

    return ctx.later(finish, "Network", netid)


@api("deleteNetwork")
def delete_network(ctx, p):
    net = get_network(ctx)
    if net.get("acltype") == "Domain" and not ctx.is_root_admin:
        raise ApiError(531, "Only ROOT admin can delete a Domain network")
    if _vms_on_network(ctx.sim, net["id"]):
        raise param_error(f"Unable to remove the network id={net['id']} as it has active Nics.")
    netid = net["id"]

    def finish():
        cur = ctx.store.get("network", netid)
        if cur is None:
            return None
        if _vms_on_network(ctx.sim, netid):
            raise ApiError(530, f"Unable to remove the network id={netid} as it has active Nics.")
        for ip in list(ctx.store.all("publicipaddress")):
            if ip.get("associatednetworkid") == netid:
                _release_public_ip(ctx.sim, ip)
        for rule in list(ctx.store.all("firewallrule")):
            if rule.get("networkid") == netid:
                ctx.store.delete("firewallrule", rule["id"])
        for r in list(ctx.store.all("vlaniprange")):
            if r.get("networkid") == netid and r.get("_guest"):
                ctx.store.delete("vlaniprange", r["id"])
        delete_tags_of(ctx.sim, netid)
        ctx.store.delete("network", netid)
        ip_index(ctx.sim).used.pop(netid, None)
        backend.monitoring.record_event(ctx, "NETWORK.DELETE", f"Successfully deleted network {cur['name']}", cur, "Network")
        return None

    return ctx.later(finish, "Network", netid)


@api("associateIpAddress")
def associate_ip(ctx, p):
    net = get_network(ctx, "networkid") if ctx.get("networkid") else None
    if ctx.get("vpcid"):
        raise param_error("VPCs are not served by this simulator: associate the IP with a network (networkid)")
    if net is None and not ctx.get("zoneid"):
        raise param_error("Unable to figure out zone to assign IP to. Please specify either zoneId, or networkId, or vpcId in the call")
    zone = ctx.store.get("zone", net["zoneid"]) if net else ctx.obj("zone", "zoneid")
    if net is not None:
        if net["type"] == "L2":
            raise param_error(f"Can't associate an IP address with the L2 network {net['name']}")
        if net["type"] == "Shared" and not _services(_offering(ctx, net["networkofferingid"])).get("SourceNat"):
            raise param_error(f"Can't associate a public IP with the Shared network {net['name']}: it has no source NAT / static NAT service")
        own = {**owner_view(net), "_accountid": net.get("_accountid")}
        if not own.get("account"):
            own = owner(ctx)
    else:
        own = owner(ctx)
    check_limits(ctx, own, {1: 1})
    try:
        ip = _new_public_ip(ctx, zone, own, net, ctx.get("ipaddress"))
    except ApiError as err:
        if err.code != 533:
            raise
        return _fail_later(ctx, err, "IpAddress")
    if ctx.get("fordisplay") is not None:
        ip["fordisplay"] = ctx.bool("fordisplay")
    if net is not None:
        implement(ctx, net)
    backend.monitoring.record_event(ctx, "NET.IPASSIGN", f"Successfully assigned IP address {ip['ipaddress']}", ip, "PublicIpAddress")
    return ip


@api("disassociateIpAddress")
def disassociate_ip(ctx, p):
    ip = get_ip(ctx)
    if ip.get("issourcenat"):
        raise param_error(f"Ip address id={ip['id']} is a source nat ip address, can't be released")
    ipid = ip["id"]

    def finish():
        cur = ctx.store.get("publicipaddress", ipid)
        if cur is not None:
            _release_public_ip(ctx.sim, cur)
            backend.monitoring.record_event(ctx, "NET.IPRELEASE", f"Successfully released IP address {cur['ipaddress']}", cur, "PublicIpAddress")
        return None

    return ctx.later(finish, "IpAddress", ipid)


@api("listPublicIpAddresses")
def list_public_ips(ctx, p):
    st = ctx.store
    ips = ctx.scope(st.all("publicipaddress"))
    if not ctx.bool("allocatedonly", True) and is_admin(ctx):
        zones = [ctx.get("zoneid")] if ctx.get("zoneid") else [z["id"] for z in st.all("zone")]
        for zid in zones:
            zone = st.get("zone", zid) or {"id": zid}
            used = ip_index(ctx.sim).public.get(zid, set())
            for r in _public_ranges(ctx.sim, zid):
                for v in range(ip_int(r["startip"]), ip_int(r["endip"]) + 1):
                    if v not in used:
                        ips.append({"id": f"{r['id']}-{v}", "ipaddress": int_ip(v), "zoneid": zid, "zonename": zone.get("name"), "state": "Free",
                                    "vlanid": r["id"], "vlanname": r.get("vlan"), "forvirtualnetwork": True, "issourcenat": False,
                                    "isstaticnat": False, "issystem": False, "isportable": False, "fordisplay": True, "tags": [],
                                    "networkid": r.get("networkid"), "physicalnetworkid": r.get("physicalnetworkid")})
    ips = ctx.filter_eq(ips, ["id", "ipaddress", "zoneid", "associatednetworkid", "networkid", "vlanid", "physicalnetworkid"])
    for param in ("issourcenat", "isstaticnat", "forvirtualnetwork", "fordisplay"):
        if ctx.get(param) is not None:
            want = ctx.bool(param)
            ips = [i for i in ips if bool(i.get(param)) == want]
    if ctx.get("state"):
        s = ctx.get("state").lower()
        ips = [i for i in ips if i.get("state", "").lower() == s]
    tags = ctx.map_param("tags")
    if tags:
        ips = [i for i in ips if tags_matching(i, tags)]
    return ctx.filter_keyword(ips, ("ipaddress",))


@api("createFirewallRule")
def create_firewall_rule(ctx, p):
    ip = get_ip(ctx, "ipaddressid")
    proto = _protocol(ctx)
    start, end = _ports(ctx, "startport", "endport", proto)
    net = ctx.store.get("network", ip.get("associatednetworkid"))
    if net is None:
        raise param_error(f"Unable to create firewall rule; ip id={ip['id']} is not associated with any network")
    if "Firewall" not in _services(_offering(ctx, net["networkofferingid"])) and net["type"] != "Isolated":
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


@api("createSecurityGroup")
def create_sg(ctx, p):
    own = owner(ctx)
    name = ctx.require("name")
    if name.lower() == "default":
        raise param_error("The security group name default is reserved")
    for s in ctx.store.all("securitygroup"):
        if s["name"] == name and s.get("domainid") == own["domainid"] and str(s.get("account", "")).lower() == str(own["account"]).lower() \
                and s.get("projectid") == own.get("projectid"):
            raise param_error(f"Unable to create security group, a group with name {name} already exists.")
    sg = ctx.store.add("securitygroup", {"name": name, "description": ctx.get("description"), **owner_view(own), "_accountid": own.get("_accountid"),
                                         "ingressrule": [], "egressrule": [], "tags": [], "virtualmachinecount": 0, "virtualmachineids": []})
    backend.monitoring.record_event(ctx, "SG.CREATE", f"Successfully created security group {name}", sg, "SecurityGroup")
    return sg


@api("deleteSecurityGroup")
def delete_sg(ctx, p):
    if ctx.get("id"):
        g = ctx.store.get("securitygroup", ctx.get("id"))
        if g is None:
            raise invalid_id(ctx.command, "id", ctx.get("id"))
    elif ctx.get("name"):
        own = owner(ctx)
        g = next((s for s in ctx.store.all("securitygroup") if s["name"] == ctx.get("name") and s.get("domainid") == own["domainid"]
                  and str(s.get("account", "")).lower() == str(own["account"]).lower()), None)
        if g is None:
            raise param_error(f"Unable to find network group: {ctx.get('name')}; failed to delete group.")
    else:
        raise param_error("Either id or name parameter is required by deleteSecurityGroup command")
    check_access(ctx, g, "security group")
    if g["name"] == "default":
        raise param_error("The network default group cannot be deleted")
    if g.get("virtualmachineids"):
        raise ApiError(536, "Cannot delete group when it's in use by virtual machines")
    ctx.store.delete("securitygroup", g["id"])
    delete_tags_of(ctx.sim, g["id"])
    backend.monitoring.record_event(ctx, "SG.DELETE", f"Successfully deleted security group {g['name']}", g, "SecurityGroup")
    return None


@api("authorizeSecurityGroupIngress")
def authorize_ingress(ctx, p):
    return _authorize(ctx, "Ingress")


@api("authorizeSecurityGroupEgress")
def authorize_egress(ctx, p):
    return _authorize(ctx, "Egress")


@api("revokeSecurityGroupIngress")
def revoke_ingress(ctx, p):
    return _revoke(ctx, "Ingress")


@api("revokeSecurityGroupEgress")
def revoke_egress(ctx, p):
    return _revoke(ctx, "Egress")


@api("listSecurityGroups")
def list_sgs(ctx, p):
    # every account has its "default" group (CloudStack makes it with the account): made here when first seen
    # (of the accounts a fresh install seeds, only admin has one: defaults.json; baremetal-system-account has none)
    seeded = {"system", "baremetal-system-account"}
    accounts = [a for a in ctx.store.all("account") if not a.get("_hidden") and not a.get("_removed") and int(a.get("accounttype", 0)) != 5
                and not (a.get("_seq", 99) <= 3 and a.get("name") in seeded)]
    if not is_admin(ctx):
        accounts = [ctx.account]
    elif not ctx.is_root_admin:
        tree = ctx.domain_tree(ctx.account["domainid"])
        accounts = [a for a in accounts if a.get("domainid") in tree]
    for acc in accounts:
        ensure_default_sg(ctx.sim, acc)
    gs = ctx.scope(ctx.store.all("securitygroup"))
    gs = ctx.filter_eq(gs, ["id", ("securitygroupname", "name")])
    if ctx.get("virtualmachineid"):
        vid = ctx.get("virtualmachineid")
        gs = [g for g in gs if vid in (g.get("virtualmachineids") or [])]
    tags = ctx.map_param("tags")
    if tags:
        gs = [g for g in gs if tags_matching(g, tags)]
    return ctx.filter_keyword(gs, ("name", "description"))


@api("createAffinityGroup")
def create_ag(ctx, p):
    own = owner(ctx)
    name, type_ = ctx.require("name"), ctx.require("type")
    if type_ not in AFFINITY_TYPES:
        if type_ == "ExplicitDedication":
            raise param_error("Unable to create affinity group: ExplicitDedication groups are created by dedicating resources to a domain or account")
        raise param_error(f"Unable to create affinity group, invalid affinity group type: {type_}")
    if _find_ag(ctx, own, name):
        raise param_error(f"Unable to create affinity group, a group with name {name} already exists.")
    g = ctx.store.add("affinitygroup", {"name": name, "description": ctx.get("description"), "type": type_, **owner_view(own),
                                        "_accountid": own.get("_accountid"), "virtualmachineIds": []})
    backend.monitoring.record_event(ctx, "AG.CREATE", f"Successfully created affinity group {name}", g, "AffinityGroup")
    return g


@api("deleteAffinityGroup")
def delete_ag(ctx, p):
    if ctx.get("id"):
        g = ctx.store.get("affinitygroup", ctx.get("id"))
        if g is None:
            raise invalid_id(ctx.command, "id", ctx.get("id"))
    elif ctx.get("name"):
        g = _find_ag(ctx, owner(ctx), ctx.get("name"))
        if g is None:
            raise param_error(f"Unable to find affinity group by name {ctx.get('name')}")
    else:
        raise param_error("Either the affinity group's name or id is required")
    check_access(ctx, g, "affinity group")
    gid = g["id"]

    def finish():
        cur = ctx.store.get("affinitygroup", gid)
        if cur is None:
            return None
        for vmid in cur.get("virtualmachineIds") or []:
            vm = ctx.store.get("virtualmachine", vmid)
            if vm is not None:
                vm["affinitygroup"] = [a for a in vm.get("affinitygroup") or [] if a["id"] != gid]
                ctx.store.save("virtualmachine", vm)
        ctx.store.delete("affinitygroup", gid)
        backend.monitoring.record_event(ctx, "AG.DELETE", f"Successfully deleted affinity group {cur['name']}", cur, "AffinityGroup")
        return None

    return ctx.later(finish, "AffinityGroup", gid)


@api("listAffinityGroups")
def list_ags(ctx, p):
    gs = ctx.scope(ctx.store.all("affinitygroup"))
    gs = ctx.filter_eq(gs, ["id", "name", "type"], ci_fields=("name", "type"))
    if ctx.get("virtualmachineid"):
        vid = ctx.get("virtualmachineid")
        gs = [g for g in gs if vid in (g.get("virtualmachineIds") or [])]
    return ctx.filter_keyword(gs, ("name", "description"))


@api("listAffinityGroupTypes")
def list_ag_types(ctx, p):
    return [{"type": t} for t in AFFINITY_TYPES]


@api("updateVMAffinityGroup")
def update_vm_affinity(ctx, p):
    vm = backend.compute.get_vm(ctx)
    if vm["state"] != "Stopped":
        raise param_error(f"Unable to update affinity groups of VM {vm['name']}: it must be Stopped (state {vm['state']})")
    own = {k: vm.get(k) for k in ("account", "domainid", "domain", "projectid")}
    groups = backend.compute.vm_affinity_groups(ctx, own)
    for a in vm.get("affinitygroup") or []:
        g = ctx.store.get("affinitygroup", a["id"])
        if g and vm["id"] in g.get("virtualmachineIds", []):
            g["virtualmachineIds"].remove(vm["id"])
            ctx.store.save("affinitygroup", g)
    vm["affinitygroup"] = [backend.compute.affinity_view(g) for g in groups]
    for g in groups:
        g.setdefault("virtualmachineIds", []).append(vm["id"])
        ctx.store.save("affinitygroup", g)
    backend.compute.touch(ctx, vm)
    vmid = vm["id"]
    return ctx.later(lambda: ctx.store.get("virtualmachine", vmid), "VirtualMachine", vmid)


@api("createTags")
def create_tags(ctx, p):
    store_type, rname = _tag_target(ctx, ctx.require("resourcetype"))
    tags = ctx.details("tags")
    if not tags:
        raise param_error("Unable to execute API command createtags due to missing parameter tags")
    objs = _resources(ctx, store_type, rname)
    for obj in objs:
        have = {t["key"] for t in obj.get("tags") or []}
        for k in tags:
            if k in have:  # TaggedResourceManagerImpl's CloudRuntimeException: the job fails
                return _fail_later(ctx, ApiError(530, f"tag {k} already on {rname} with id {obj['id']}"))
    ids = [o["id"] for o in objs]
    customer = ctx.get("customer")

    def finish():
        for rid in ids:
            obj = ctx.store.get(store_type, rid)
            if obj is None:
                continue
            for k, v in tags.items():
                tag = {"key": k, "value": v, "resourcetype": rname, "resourceid": rid,
                       "account": obj.get("account") or obj.get("_account") or ctx.account["name"],
                       "domainid": obj.get("domainid") or obj.get("_domainid") or ctx.account["domainid"],
                       "domain": obj.get("domain") or ctx.caller["domain"].get("name"), "_accountid": obj.get("_accountid") or ctx.account["id"]}
                if obj.get("projectid"):
                    tag["projectid"], tag["project"] = obj["projectid"], obj.get("project")
                if customer:
                    tag["customer"] = customer
                ctx.store.add("resourcetag", tag)
                obj.setdefault("tags", []).append(_tag_view(tag))
            ctx.store.save(store_type, obj)
        backend.monitoring.record_event(ctx, "CREATE_TAGS", f"Successfully created tags on {rname} {', '.join(ids)}")
        return None

    return ctx.later(finish)


@api("deleteTags")
def delete_tags(ctx, p):
    store_type, rname = _tag_target(ctx, ctx.require("resourcetype"))
    objs = _resources(ctx, store_type, rname)
    which = ctx.map_param("tags")
    ids = [o["id"] for o in objs]

    def matches(t):
        if not which:
            return True
        for w in which:
            if w.get("key") == t["key"] and (w.get("value") in (None, "") or w.get("value") == t["value"]):
                return True
        return False

    def finish():
        for rid in ids:
            obj = ctx.store.get(store_type, rid)
            for t in list(ctx.store.all("resourcetag")):
                if t["resourceid"] == rid and t["resourcetype"] == rname and matches(t):
                    ctx.store.delete("resourcetag", t["id"])
            if obj is not None:
                obj["tags"] = [t for t in obj.get("tags") or [] if not matches(t)]
                ctx.store.save(store_type, obj)
        backend.monitoring.record_event(ctx, "DELETE_TAGS", f"Successfully deleted tags on {rname} {', '.join(ids)}")
        return None

    return ctx.later(finish)


@api("listTags")
def list_tags(ctx, p):
    tags = ctx.scope(ctx.store.all("resourcetag"))
    tags = ctx.filter_eq(tags, ["key", "value", "resourceid", "customer", ("resourcetype", "resourcetype")], ci_fields=("resourcetype",))
    kw = ctx.get("keyword")
    if kw:
        kl = kw.lower()
        tags = [t for t in tags if kl in t["key"].lower() or kl in str(t["value"]).lower()]
    return tags
