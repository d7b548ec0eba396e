"""The guestnet commands: parameters in, views out; the state and rules are in model.py."""
import ipaddress

from ...backend import backend
from ...errors import ApiError, param_error
from ...registry import api
from ..helpers import as_bool, check_ip, check_limits, int_ip, ip_int, is_admin, owner, owner_view, tags_matching
from .model import (
    _fail_later,
    _new_public_ip,
    _offering,
    _release_public_ip,
    _resources,
    _service_list,
    _tag_target,
    _tag_view,
    _vms_on_network,
    create_network_obj,
    delete_tags_of,
    get_ip,
    get_network,
    implement,
    ip_index,
    may_use_network,
    offering_services,
    public_ranges,
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
    vpc = backend.vpc.check_tier(ctx, zone, off, own) if ctx.get("vpcid") else None  # a VPC tier: VpcManagerImpl's checks
    acl = backend.acls.acl_for_tier(ctx, vpc, ctx.get("aclid")) if vpc is not None else None  # its ACL list: the acls family's checks
    net = create_network_obj(ctx, zone, off, own, name, ctx.get("displaytext") or name, ctx.get("gateway"), ctx.get("netmask"),
                             ctx.get("startip"), ctx.get("endip"), vlan, acltype)
    return backend.acls.assign(ctx, backend.vpc.attach_tier(ctx, net, vpc), acl) if vpc is not None else net


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
    nets = ctx.filter_eq(nets, ["zoneid", "networkofferingid", "physicalnetworkid", ("type", "type"), "traffictype", "acltype", "vlan", "vpcid"],
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


def _new_network_offering(ctx, net):
    newoff = ctx.obj("networkoffering", "networkofferingid")
    if newoff is not None and newoff["id"] != net["networkofferingid"]:
        if newoff.get("guestiptype") != net["type"]:
            raise param_error(f"Can't upgrade the network to offering {newoff.get('name')}: it is for {newoff.get('guestiptype')} networks, not {net['type']}")
        if newoff.get("state", "Enabled") != "Enabled":
            raise param_error(f"Network offering {newoff.get('name')} is not in Enabled state")
    return newoff


def _new_guest_cidr(ctx, net):
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
    return cidr


def _apply_network_update(ctx, cur, newoff, cidr):
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


@api("updateNetwork")
def update_network(ctx, p):
    net = get_network(ctx)
    if net.get("acltype") == "Domain" and not ctx.is_root_admin:
        raise ApiError(531, "Only ROOT admin can update a Domain network")
    newoff = _new_network_offering(ctx, net)
    cidr = _new_guest_cidr(ctx, net)
    netid = net["id"]

    def finish():
        cur = ctx.store.get("network", netid)
        if cur is None:
            raise ApiError(530, f"Network {netid} was removed")
        _apply_network_update(ctx, cur, newoff, cidr)
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
        backend.routers.on_network_restarted(ctx, cur, ctx.bool("cleanup"))  # cleanup=true replaces its routers
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
        backend.routers.on_network_deleted(ctx, cur)  # its routers are destroyed
        delete_tags_of(ctx.sim, netid)
        ctx.store.delete("network", netid)
        ip_index(ctx.sim).used.pop(netid, None)
        backend.monitoring.record_event(ctx, "NETWORK.DELETE", f"Successfully deleted network {cur['name']}", cur, "Network")
        return None

    return ctx.later(finish, "Network", netid)


@api("associateIpAddress")
def associate_ip(ctx, p):
    if ctx.get("vpcid"):
        return _associate_ip_to_vpc(ctx)
    net = get_network(ctx, "networkid") if ctx.get("networkid") else None
    if net is not None and net.get("vpcid"):
        raise param_error("Can't assign ip to the network directly when network belongs to VPC.Specify vpcId to associate ip address to VPC")
    if net is None and not ctx.get("zoneid"):
        raise param_error("Unable to figure out zone to assign IP to. Please specify either zoneId, or networkId, or vpcId in the call")
    zone = ctx.store.get("zone", net["zoneid"]) if net else ctx.obj("zone", "zoneid")
    if net is not None:
        if net["type"] == "L2":
            raise param_error(f"Can't associate an IP address with the L2 network {net['name']}")
        if net["type"] == "Shared" and not offering_services(_offering(ctx, net["networkofferingid"])).get("SourceNat"):
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


def _associate_ip_to_vpc(ctx):
    """AssociateIPAddrCmd with vpcid (networkid is then ignored): the zone and the owner are the VPC's unless given;
    VpcManagerImpl.associateIPToVpc: the address belongs to the VPC (not to a tier until a rule uses it), not source NAT
    (the VPC has its own)."""
    vpc = backend.vpc.get_vpc(ctx, ctx.get("vpcid"))
    zone = ctx.obj("zone", "zoneid") if ctx.get("zoneid") else ctx.store.get("zone", vpc["zoneid"])
    own = owner(ctx) if ctx.get("account") or ctx.get("projectid") else {**owner_view(vpc), "_accountid": vpc.get("_accountid")}
    check_limits(ctx, own, {1: 1})
    try:
        ip = _new_public_ip(ctx, zone, own, None, ctx.get("ipaddress"))
    except ApiError as err:
        if err.code != 533:
            raise
        return _fail_later(ctx, err, "IpAddress")
    ip.update(vpcid=vpc["id"], vpcname=vpc.get("name"))
    if ctx.get("fordisplay") is not None:
        ip["fordisplay"] = ctx.bool("fordisplay")
    ctx.store.save("publicipaddress", ip)
    backend.monitoring.record_event(ctx, "NET.IPASSIGN", f"Successfully assigned IP address {ip['ipaddress']} to VPC {vpc['name']}", ip,
                                    "PublicIpAddress")
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
            for r in public_ranges(ctx.sim, zid):
                for v in range(ip_int(r["startip"]), ip_int(r["endip"]) + 1):
                    if v not in used:
                        ips.append({"id": f"{r['id']}-{v}", "ipaddress": int_ip(v), "zoneid": zid, "zonename": zone.get("name"), "state": "Free",
                                    "vlanid": r["id"], "vlanname": r.get("vlan"), "forvirtualnetwork": True, "issourcenat": False,
                                    "isstaticnat": False, "issystem": False, "isportable": False, "fordisplay": True, "tags": [],
                                    "networkid": r.get("networkid"), "physicalnetworkid": r.get("physicalnetworkid")})
    ips = ctx.filter_eq(ips, ["id", "ipaddress", "zoneid", "associatednetworkid", "networkid", "vlanid", "physicalnetworkid", "vpcid"])
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
