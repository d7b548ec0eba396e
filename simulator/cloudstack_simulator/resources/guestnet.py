"""Guest networks and what hangs on them: NICs and their IPs, public IPs, firewall / port forwarding /
static NAT rules, security groups, affinity groups and resource tags.

Store types (fields of the API's list commands):
- "network": Isolated (state Allocated -> Implemented when a VM first runs on it), Shared (Setup, VLAN + IP
  range; a "vlaniprange" with forvirtualnetwork=false is added as CloudStack does), L2 (no IPs).
  Internal: _start/_end (the NIC address range as ints), _accountid.
- "publicipaddress": an allocated public IP (drawn from the zone's "vlaniprange" objects with
  forvirtualnetwork=true). Free addresses are not stored (listPublicIpAddresses allocatedonly=false
  computes them).
- "firewallrule" (ingress and egress: _traffic), "portforwardingrule", "securitygroup" (ingressrule /
  egressrule lists), "affinitygroup" (virtualmachineIds), "resourcetag" (one per tag; the tagged object
  carries the same tags in its "tags" list).
"""
import ipaddress
import random

from ..context import now
from ..errors import ApiError, invalid_id, param_error
from ..registry import api, emit, seed
from . import monitoring, workload
from .workload import as_bool, check_access, int_ip, ip_int, owner

PROTOCOLS = ("tcp", "udp", "icmp", "all")
AFFINITY_TYPES = ("host anti-affinity", "host affinity")
TAG_TYPES = {
    "uservm": "virtualmachine", "volume": "volume", "network": "network", "publicipaddress": "publicipaddress",
    "template": "template", "iso": "iso", "securitygroup": "securitygroup", "firewallrule": "firewallrule",
    "portforwardingrule": "portforwardingrule", "snapshotpolicy": "snapshotpolicy", "snapshot": "snapshot", "project": "project",
    "vpc": "vpc", "networkacl": "networkacl", "loadbalancer": "loadbalancer", "autoscalevmgroup": "autoscalevmgroup",
}
TAG_NAMES = {"uservm": "UserVm", "volume": "Volume", "network": "Network", "publicipaddress": "PublicIpAddress", "template": "Template",
             "iso": "ISO", "securitygroup": "SecurityGroup", "firewallrule": "FirewallRule", "portforwardingrule": "PortForwardingRule",
             "snapshotpolicy": "SnapshotPolicy", "snapshot": "Snapshot", "project": "Project", "vpc": "Vpc", "networkacl": "NetworkACL",
             "loadbalancer": "LoadBalancer", "autoscalevmgroup": "AutoScaleVmGroup"}


# ---- IP address index (per simulator, rebuilt from the store after a restart) --------------------------------------------
class IpIndex:
    def __init__(self, sim):
        self.used = {}  # networkid -> set(int) of NIC addresses
        self.cursor = {}
        self.public = {}  # zoneid -> set(int) of allocated public IPs
        for vm in sim.store.all("virtualmachine"):
            for nic in vm.get("nic") or []:
                if nic.get("ipaddress"):
                    self.used.setdefault(nic["networkid"], set()).add(ip_int(nic["ipaddress"]))
        for ip in sim.store.all("publicipaddress"):
            self.public.setdefault(ip["zoneid"], set()).add(ip_int(ip["ipaddress"]))
        for vm in sim.store.all("systemvm"):  # resources/systemvms.py: SSVM / CPVM public IPs
            if vm.get("publicip"):
                self.public.setdefault(vm["zoneid"], set()).add(ip_int(vm["publicip"]))


def ip_index(sim):
    idx = getattr(sim, "_ip_index", None)
    if idx is None:
        idx = IpIndex(sim)
        sim._ip_index = idx
    return idx


def _mac():
    return "02:00:%02x:%02x:00:%02x" % (random.randint(0, 255), random.randint(0, 255), random.randint(0, 255))


def addr_ranges(sim, net):
    """The NIC address ranges of a network: [(start int, end int, gateway, netmask)].

    Shared networks draw from their "vlaniprange" objects (networkid = the network: the ranges createNetwork
    adds, and the pod ranges a Basic zone gets through createVlanIpRange); others from their CIDR.
    """
    if net.get("type") == "Shared":
        out = [(ip_int(r["startip"]), ip_int(r["endip"]), r.get("gateway"), r.get("netmask"))
               for r in sim.store.all("vlaniprange") if r.get("networkid") == net["id"] and r.get("startip") and not r.get("_removed")]
        out.sort()
        return out
    if net.get("_start") is None:
        return []
    return [(net["_start"], net["_end"], net.get("gateway"), net.get("netmask"))]


def allocate_ip(sim, net, wanted=None):
    """A free address of the network's ranges (wanted if given) -> (ip, gateway, netmask); 533 when none is left."""
    ranges = addr_ranges(sim, net)
    if not ranges:
        if net.get("type") == "Shared":
            raise ApiError(533, f"Insufficient address capacity: network {net['name']} has no IP range")
        return None, None, None
    idx = ip_index(sim)
    used = idx.used.setdefault(net["id"], set())
    if wanted:
        try:
            w = ip_int(wanted)
        except ValueError:
            raise param_error(f"Invalid format for the ipaddress parameter: {wanted}") from None
        for start, end, gw, mask in ranges:
            if start <= w <= end and (not gw or w != ip_int(gw)):
                if w in used:
                    raise param_error(f"The IP address {wanted} is already in use in network {net['name']}")
                used.add(w)
                return wanted, gw, mask
        raise param_error(f"The IP address {wanted} is not in the IP ranges of network {net['name']}")
    for start, end, gw, mask in ranges:
        gwi = ip_int(gw) if gw else None
        size = end - start + 1
        key = (net["id"], start)
        cur = idx.cursor.get(key, start)
        for i in range(size):
            cand = start + (cur - start + i) % size
            if cand != gwi and cand not in used:
                used.add(cand)
                idx.cursor[key] = cand + 1 if cand < end else start
                return int_ip(cand), gw, mask
    raise ApiError(533, f"Insufficient address capacity: no free IP address left in network {net['name']}")


def release_ip(sim, networkid, ip):
    if ip:
        ip_index(sim).used.get(networkid, set()).discard(ip_int(ip))


def _fail_later(ctx, err, instance_type=None, instance_id=None):
    """An async command whose job fails with err."""

    def fail():
        raise err

    return ctx.later(fail, instance_type, instance_id)


# ---- networks for a deploy ---------------------------------------------------------------------------------------------
def _offering(ctx, offid):
    return ctx.store.get("networkoffering", offid) or {}


def _may_use(ctx, net, own):
    if net.get("acltype") == "Domain":
        doms = ctx.domain_tree(net.get("domainid")) if net.get("subdomainaccess", True) else {net.get("domainid")}
        return own["domainid"] in doms or ctx.is_root_admin
    if net.get("projectid") or own.get("projectid"):
        return net.get("projectid") == own.get("projectid")
    return str(net.get("account", "")).lower() == str(own["account"]).lower() and net.get("domainid") == own["domainid"]


def _default_isolated_offering(ctx):
    for off in ctx.store.all("networkoffering"):
        if off.get("availability") == "Required" and off.get("guestiptype") == "Isolated" and off.get("state", "Enabled") == "Enabled" \
                and not as_bool(off.get("forvpc")):
            return off
    return None


def networks_for_deploy(ctx, zone, own):
    """The networks a new VM gets: networkids, else the account's network in the zone (created if need be)."""
    st = ctx.store
    nets = []
    for nid in ctx.list("networkids"):
        net = st.get("network", nid)
        if net is None or net.get("_removed"):
            raise invalid_id(ctx.command, "networkids", nid)
        nets.append(net)
    for entry in ctx.map_param("iptonetworklist"):
        nid = entry.get("networkid")
        if nid and nid not in [n["id"] for n in nets]:
            net = st.get("network", nid)
            if net is None:
                raise invalid_id(ctx.command, "iptonetworklist", nid)
            nets.append(net)
    if not nets:
        cands = [n for n in st.all("network") if n.get("zoneid") == zone["id"] and not n.get("_removed") and n.get("state") != "Destroy"
                 and _may_use(ctx, n, own) and n.get("traffictype", "Guest") == "Guest"]
        if zone.get("networktype") == "Basic" or as_bool(zone.get("securitygroupsenabled")):
            shared = [n for n in cands if n.get("type") == "Shared"]
            if shared:
                nets = [shared[0]]
        if not nets:
            own_iso = [n for n in cands if n.get("type") == "Isolated" and str(n.get("account", "")).lower() == str(own["account"]).lower()]
            if own_iso:
                nets = [own_iso[0]]
            elif len(cands) == 1:
                nets = cands
        if not nets:
            off = _default_isolated_offering(ctx)
            if off is None or zone.get("networktype") == "Basic":
                raise param_error("Unable to find a network for the VM: specify networkids (no default network found in zone "
                                  f"{zone.get('name')} for account {own['account']})")
            base = own.get("account") or own.get("project")
            nets = [create_network_obj(ctx, zone, off, own, f"{base}-network", f"{base}-network")]
    seen = set()
    for net in nets:
        if net["id"] in seen:
            raise param_error(f"Network {net['id']} is given twice")
        seen.add(net["id"])
        if net.get("zoneid") != zone["id"]:
            raise param_error(f"Network id={net['id']} doesn't belong to zone {zone['id']}")
        if not _may_use(ctx, net, own) and not ctx.is_root_admin:
            raise ApiError(531, f"Account {own['account']} doesn't have access to network {net['id']}")
        if net.get("state") == "Destroy":
            raise param_error(f"Network {net['name']} is being destroyed")
    return nets


def attach_vm_networks(ctx, vm, nets):
    """NICs for a new VM: the first network is the default; addresses from ipaddress / iptonetworklist or free ones."""
    wanted = {e.get("networkid"): e.get("ip") for e in ctx.map_param("iptonetworklist") if e.get("networkid")}
    if ctx.get("ipaddress") and nets:
        wanted.setdefault(nets[0]["id"], ctx.get("ipaddress"))
    macs = {}
    if ctx.get("macaddress") and nets:
        macs[nets[0]["id"]] = ctx.get("macaddress")
    for dev, net in enumerate(nets):
        nic = {"id": ctx.store.new_id(), "networkid": net["id"], "networkname": net.get("name"), "traffictype": "Guest",
               "type": net.get("type"), "isdefault": dev == 0, "macaddress": macs.get(net["id"]) or _mac(), "secondaryip": [],
               "extradhcpoption": [], "deviceid": str(dev)}
        ip, gw, mask = allocate_ip(ctx.sim, net, wanted.get(net["id"]))
        if ip:
            nic.update(ipaddress=ip, netmask=mask, gateway=gw)
        if net.get("broadcasturi"):
            nic["broadcasturi"] = nic["isolationuri"] = net["broadcasturi"]
        vm["nic"].append(nic)
    vm["forvirtualnetwork"] = any(n.get("type") == "Isolated" for n in nets) or None


def release_nic(sim, vm, nic):
    release_ip(sim, nic.get("networkid"), nic.get("ipaddress"))
    from . import compute

    compute.index(sim).names.pop((nic.get("networkid"), vm["name"].lower()), None)


def on_vm_running(ctx, vm):
    for nic in vm.get("nic") or []:
        net = ctx.store.get("network", nic["networkid"])
        if net is not None:
            implement(ctx, net)
            if net.get("broadcasturi") and not nic.get("broadcasturi"):
                nic["broadcasturi"] = nic["isolationuri"] = net["broadcasturi"]
    ctx.store.save("virtualmachine", vm)


def _guest_vlan(ctx, net):
    phys = ctx.store.get("physicalnetwork", net.get("physicalnetworkid"))
    lo, hi = 100, 4094
    if phys and phys.get("vlan"):
        try:
            first = str(phys["vlan"]).split(",")[0]
            lo, hi = (int(x) for x in first.split("-")) if "-" in first else (int(first), int(first))
        except ValueError:
            pass
    used = {n.get("vlan") for n in ctx.store.all("network") if n.get("zoneid") == net["zoneid"] and n.get("vlan")}
    for v in range(lo, hi + 1):
        if str(v) not in used:
            return str(v)
    raise ApiError(533, f"Unable to allocate a guest VLAN for network {net['name']} in zone {net.get('zonename')}: Insufficient capacity")


def implement(ctx, net):
    """An Isolated network in Allocated state becomes Implemented (guest VLAN, source NAT IP)."""
    if net.get("type") != "Isolated" or net.get("state") != "Allocated":
        return
    if not net.get("vlan"):
        net["vlan"] = _guest_vlan(ctx, net)
        net["broadcasturi"] = f"vlan://{net['vlan']}"
    net["state"] = "Implemented"
    ctx.store.save("network", net)
    off = _offering(ctx, net.get("networkofferingid"))
    if "SourceNat" in _services(off) and not any(ip.get("issourcenat") and ip.get("associatednetworkid") == net["id"]
                                                  for ip in ctx.store.all("publicipaddress")):
        try:
            zone = ctx.store.get("zone", net["zoneid"]) or {"id": net["zoneid"]}
            ip = _new_public_ip(ctx, zone, workload.owner_view(net) | {"_accountid": net.get("_accountid")}, net)
            ip["issourcenat"] = True
            ctx.store.save("publicipaddress", ip)
        except ApiError:
            pass  # a zone without public ranges: no source NAT IP, as a data center without public IPs would fail later
    emit("network.implemented", ctx, net)  # resources/routers.py deploys its virtual router


def _services(off):
    """{service: [providers]} of a network offering (offerings.py keeps them in "_services")."""
    if isinstance(off.get("_services"), dict):
        return dict(off["_services"])
    out = {}
    for s in off.get("service") or []:
        out[s.get("name")] = [p.get("name") for p in s.get("provider") or []]
    if not out and isinstance(off.get("services"), dict):
        out = dict(off["services"])
    return out


def _service_list(ctx, off):
    """The "service" list of a network (its offering's services, providers and capabilities, as listNetworks shows them)."""
    try:
        from .offerings import networkoffering_view

        return networkoffering_view(ctx, off).get("service") or []
    except ImportError:  # pragma: no cover - offerings.py is part of the simulator
        return [dict(x) for x in off.get("service") or []]


# ---- networks ---------------------------------------------------------------------------------------------------------------
def _physical_network(ctx, zoneid):
    for pn in ctx.store.all("physicalnetwork"):
        if pn.get("zoneid") == zoneid and not pn.get("_removed"):
            tt = pn.get("_traffictypes") or pn.get("traffictypes")
            if not tt or "Guest" in str(tt):
                return pn
    return None


def _range(gateway, netmask, startip=None, endip=None):
    net = ipaddress.IPv4Network(f"{gateway}/{netmask}", strict=False)
    start = ip_int(startip) if startip else int(net.network_address) + 1
    end = ip_int(endip) if endip else int(net.broadcast_address) - 1
    if start > end:
        raise param_error(f"Please specify a valid IP range: start IP {int_ip(start)} is after end IP {int_ip(end)}")
    if not (int(net.network_address) < start and end < int(net.broadcast_address)):
        raise param_error(f"The IP range {int_ip(start)}-{int_ip(end)} is not in the network {net}")
    return str(net), start, end


def create_network_obj(ctx, zone, off, own, name, displaytext, gateway=None, netmask=None, startip=None, endip=None, vlan=None, acltype=None):
    st = ctx.store
    shared_range = None
    gtype = off.get("guestiptype") or "Isolated"
    phys = _physical_network(ctx, zone["id"])
    acc = workload.account_of(ctx, own)
    suffix = ctx.config("guest.domain.suffix", "cloud.internal") or "cloud.internal"
    net = {
        "name": name, "displaytext": displaytext, "broadcastdomaintype": "Vlan" if gtype != "L2" or vlan else "Vlan", "traffictype": "Guest",
        "zoneid": zone["id"], "zonename": zone.get("name"), "networkofferingid": off["id"], "networkofferingname": off.get("name"),
        "networkofferingdisplaytext": off.get("displaytext"), "networkofferingconservemode": as_bool(off.get("conservemode", True)),
        "networkofferingavailability": off.get("availability"), "issystem": False, "state": "Allocated", "dns1": zone.get("dns1"),
        "dns2": zone.get("dns2"), "type": gtype, "acltype": acltype or ("Domain" if gtype == "Shared" else "Account"),
        **workload.owner_view(own), "_accountid": own.get("_accountid"),
        "service": _service_list(ctx, off), "specifyipranges": as_bool(off.get("specifyipranges")),
        "physicalnetworkid": phys["id"] if phys else None, "restartrequired": False, "canusefordeploy": True, "ispersistent": as_bool(off.get("ispersistent")),
        "displaynetwork": ctx.bool("displaynetwork", True), "redundantrouter": False, "supportsvmautoscaling": gtype == "Isolated",
        "created": now(), "tags": [], "details": {}, "hasannotations": False, "strechedl2subnet": False,
        "egressdefaultpolicy": as_bool(off.get("egressdefaultpolicy")),
    }
    if gtype != "L2":
        net["networkdomain"] = ctx.get("networkdomain") or f"cs{(acc or {}).get('_seq', 2):x}{suffix}"
    if net["acltype"] == "Domain":
        net["account"] = None
        net["subdomainaccess"] = ctx.bool("subdomainaccess", True)
    if gtype == "Isolated":
        if gateway or netmask:
            if not (gateway and netmask):
                raise param_error("gateway and netmask must be given together")
        else:
            cidr = ipaddress.IPv4Network(zone.get("guestcidraddress") or "10.1.1.0/24", strict=False)
            gateway, netmask = str(cidr.network_address + 1), str(cidr.netmask)
        net["cidr"], net["_start"], net["_end"] = _range(gateway, netmask)
        net["gateway"], net["netmask"] = gateway, netmask
    elif gtype == "Shared":
        if as_bool(off.get("specifyvlan")) and not vlan and zone.get("networktype") != "Basic":
            raise param_error("vlan is required for a network offering with specifyVlan=true")
        if startip or gateway or netmask:
            if not (gateway and netmask and startip):
                raise param_error("gateway, netmask and startip are required to give a Shared network its IP range")
            net["cidr"], start, end = _range(gateway, netmask, startip, endip or startip)
            net["gateway"], net["netmask"] = gateway, netmask
            shared_range = (start, end)
        net["state"] = "Setup"
    if vlan:
        tag = str(vlan).replace("vlan://", "")
        for other in st.all("network"):
            if other.get("zoneid") == zone["id"] and other.get("vlan") == tag and not other.get("_removed"):
                raise param_error(f"Network with vlan {tag} already exists or overlaps with other network vlans in zone {zone.get('name')}")
        net["vlan"], net["broadcasturi"] = tag, f"vlan://{tag}"
        if gtype == "L2":
            net["state"] = "Setup"
    st.add("network", net)
    net["related"] = net["id"]
    if shared_range:
        tag = net.get("vlan") or "untagged"
        for other in st.all("vlaniprange"):
            if other.get("zoneid") == zone["id"] and other.get("startip") and \
                    shared_range[0] <= ip_int(other["endip"]) and ip_int(other["startip"]) <= shared_range[1]:
                st.delete("network", net["id"])
                raise param_error("The IP range already has IPs that overlap with the new range. Please specify a different start IP/end IP.")
        st.add("vlaniprange", {
            "forvirtualnetwork": False, "zoneid": zone["id"], "vlan": f"vlan://{tag}", "gateway": gateway,
            "netmask": str(ipaddress.IPv4Network(net["cidr"]).netmask), "cidr": net["cidr"], "startip": int_ip(shared_range[0]),
            "endip": int_ip(shared_range[1]), "networkid": net["id"], "physicalnetworkid": net.get("physicalnetworkid"), "forsystemvms": False,
            "_vlantag": tag, "_guest": True,
        })
    monitoring.record_event(ctx, "NETWORK.CREATE", f"Successfully created network {name}. Network Id: {net['id']}", net, "Network")
    return net


def get_network(ctx, name="id", value=None):
    value = value or ctx.require(name)
    net = ctx.store.get("network", value)
    if net is None or net.get("_removed"):
        raise invalid_id(ctx.command, name, value)
    if net.get("acltype") != "Domain":
        check_access(ctx, net, "network")
    return net


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
            workload.check_ip(name, ctx.get(name))
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
        workload.check_limits(ctx, own, {6: 1})
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
        mine += [n for n in shared if ctx.is_root_admin or _may_use(ctx, n, me)]
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
        nets = [n for n in nets if workload.tags_matching(n, tags)]
    return ctx.filter_keyword(nets, ("name", "displaytext"))


def _vms_on_network(sim, netid, include_destroyed=True):
    out = []
    for vm in sim.store.all("virtualmachine"):
        if any(n.get("networkid") == netid for n in vm.get("nic") or []):
            if include_destroyed or vm.get("state") not in ("Destroyed", "Expunging"):
                out.append(vm)
    return out


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
        monitoring.record_event(ctx, "NETWORK.UPDATE", f"Successfully updated network {cur['name']}", cur, "Network")
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
        emit("network.restarted", ctx, cur, ctx.bool("cleanup"))  # resources/routers.py
        monitoring.record_event(ctx, "NETWORK.RESTART", f"Successfully restarted network {cur['name']}", cur, "Network")
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
        emit("network.deleted", ctx, cur)  # resources/routers.py destroys its routers
        delete_tags_of(ctx.sim, netid)
        ctx.store.delete("network", netid)
        ip_index(ctx.sim).used.pop(netid, None)
        monitoring.record_event(ctx, "NETWORK.DELETE", f"Successfully deleted network {cur['name']}", cur, "Network")
        return None

    return ctx.later(finish, "Network", netid)


# ---- public IPs ----------------------------------------------------------------------------------------------------------------
def _public_ranges(sim, zoneid):
    return [r for r in sim.store.all("vlaniprange") if r.get("zoneid") == zoneid and as_bool(r.get("forvirtualnetwork", True))
            and not r.get("_guest") and not r.get("_removed") and r.get("startip") and r.get("endip")]


def _new_public_ip(ctx, zone, own, net=None, wanted=None):
    idx = ip_index(ctx.sim).public.setdefault(zone["id"], set())
    ranges = _public_ranges(ctx.sim, zone["id"])
    ranges = [r for r in ranges if not r.get("account") or (r.get("account") == own.get("account") and r.get("domainid") == own.get("domainid"))]
    chosen = None
    if wanted:
        w = ip_int(workload.check_ip("ipaddress", wanted))
        for r in ranges:
            if ip_int(r["startip"]) <= w <= ip_int(r["endip"]):
                if w in idx:
                    raise param_error(f"The public IP address {wanted} is already allocated")
                chosen = (r, w)
                break
        if chosen is None:
            raise param_error(f"The public IP address {wanted} is not in a public IP range of zone {zone.get('name')}")
    else:
        for r in ranges:
            for v in range(ip_int(r["startip"]), ip_int(r["endip"]) + 1):
                if v not in idx:
                    chosen = (r, v)
                    break
            if chosen:
                break
    if chosen is None:
        raise ApiError(533, "Insufficient address capacity")
    r, v = chosen
    idx.add(v)
    ip = {
        "ipaddress": int_ip(v), "allocated": now(), "zoneid": zone["id"], "zonename": zone.get("name"), "issourcenat": False,
        **workload.owner_view(own), "_accountid": own.get("_accountid"), "forvirtualnetwork": True, "vlanid": r["id"],
        "vlanname": r.get("vlan") or "vlan://untagged", "isstaticnat": False, "issystem": False, "networkid": r.get("networkid"),
        "state": "Allocated", "physicalnetworkid": r.get("physicalnetworkid"), "tags": [], "isportable": False, "fordisplay": True,
        "hasannotations": False,
    }
    if net is not None:
        ip["associatednetworkid"], ip["associatednetworkname"] = net["id"], net.get("name")
    return ctx.store.add("publicipaddress", ip)


def _release_public_ip(sim, ip):
    ip_index(sim).public.get(ip["zoneid"], set()).discard(ip_int(ip["ipaddress"]))
    for t in ("firewallrule", "portforwardingrule"):
        for rule in list(sim.store.all(t)):
            if rule.get("ipaddressid") == ip["id"]:
                sim.store.delete(t, rule["id"])
    if ip.get("virtualmachineid"):
        vm = sim.store.get("virtualmachine", ip["virtualmachineid"])
        if vm is not None:
            vm.pop("publicip", None)
            vm.pop("publicipid", None)
            sim.store.save("virtualmachine", vm)
    delete_tags_of(sim, ip["id"])
    sim.store.delete("publicipaddress", ip["id"])


def get_ip(ctx, name="id"):
    value = ctx.require(name)
    ip = ctx.store.get("publicipaddress", value)
    if ip is None:
        raise invalid_id(ctx.command, name, value)
    check_access(ctx, ip, "IP address")
    return ip


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
        own = {**workload.owner_view(net), "_accountid": net.get("_accountid")}
        if not own.get("account"):
            own = owner(ctx)
    else:
        own = owner(ctx)
    workload.check_limits(ctx, own, {1: 1})
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
    monitoring.record_event(ctx, "NET.IPASSIGN", f"Successfully assigned IP address {ip['ipaddress']}", ip, "PublicIpAddress")
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
            monitoring.record_event(ctx, "NET.IPRELEASE", f"Successfully released IP address {cur['ipaddress']}", cur, "PublicIpAddress")
        return None

    return ctx.later(finish, "IpAddress", ipid)


@api("listPublicIpAddresses")
def list_public_ips(ctx, p):
    st = ctx.store
    ips = ctx.scope(st.all("publicipaddress"))
    if not ctx.bool("allocatedonly", True) and workload.is_admin(ctx):
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
        ips = [i for i in ips if workload.tags_matching(i, tags)]
    return ctx.filter_keyword(ips, ("ipaddress",))


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
    monitoring.record_event(ctx, kind, text, rule, "FirewallRule")


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


def _get_rule(ctx, type_, traffic=None):
    value = ctx.require("id")
    rule = ctx.store.get(type_, value)
    if rule is None or (traffic and rule.get("_traffic", "Ingress") != traffic):
        raise invalid_id(ctx.command, "id", value)
    if not ctx.is_root_admin and rule.get("_accountid") != ctx.account["id"] and not workload._may_manage_domain(ctx, rule.get("_domainid")):
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


@api("deleteFirewallRule")
def delete_firewall_rule(ctx, p):
    return _delete_rule_later(ctx, "firewallrule", _get_rule(ctx, "firewallrule", "Ingress"), "FIREWALL.CLOSE")


@api("deleteEgressFirewallRule")
def delete_egress_rule(ctx, p):
    return _delete_rule_later(ctx, "firewallrule", _get_rule(ctx, "firewallrule", "Egress"), "FIREWALL.EGRESS.CLOSE")


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
        rules = [r for r in rules if workload.tags_matching(r, tags)]
    return rules


@api("listFirewallRules")
def list_firewall_rules(ctx, p):
    return _list_rules(ctx, "firewallrule", "Ingress")


@api("listEgressFirewallRules")
def list_egress_rules(ctx, p):
    return _list_rules(ctx, "firewallrule", "Egress")


def _vm_nic_in(vm, netid):
    return next((n for n in vm.get("nic") or [] if n.get("networkid") == netid), None)


@api("createPortForwardingRule")
def create_pf_rule(ctx, p):
    from . import compute

    ip = get_ip(ctx, "ipaddressid")
    proto = _protocol(ctx)
    if proto not in ("tcp", "udp"):
        raise param_error(f"Invalid protocol {proto} for a port forwarding rule: use tcp or udp")
    vm = compute.get_vm(ctx, "virtualmachineid")
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
    from . import compute

    rule = _get_rule(ctx, "portforwardingrule")
    vm = compute.get_vm(ctx, "virtualmachineid") if ctx.get("virtualmachineid") else ctx.store.get("virtualmachine", rule["virtualmachineid"])
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
    from . import compute

    ip = get_ip(ctx, "ipaddressid")
    vm = compute.get_vm(ctx, "virtualmachineid")
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
    monitoring.record_event(ctx, "STATICNAT.ENABLE", f"Successfully enabled static NAT of {ip['ipaddress']} to VM {vm['name']}", ip, "PublicIpAddress")
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
        monitoring.record_event(ctx, "STATICNAT.DISABLE", f"Successfully disabled static NAT of {cur['ipaddress']}", cur, "PublicIpAddress")
        return None

    return ctx.later(finish, "IpAddress", ipid)


def forget_vm_rules(sim, vm):
    """An expunged VM loses its port forwarding rules and static NAT."""
    for rule in list(sim.store.all("portforwardingrule")):
        if rule.get("virtualmachineid") == vm["id"]:
            sim.store.delete("portforwardingrule", rule["id"])
            for fw in list(sim.store.all("firewallrule")):
                if fw.get("_pf") == rule["id"]:
                    sim.store.delete("firewallrule", fw["id"])
    for ip in sim.store.all("publicipaddress"):
        if ip.get("virtualmachineid") == vm["id"]:
            for f in ("virtualmachineid", "virtualmachinename", "virtualmachinedisplayname", "vmipaddress", "virtualmachinetype"):
                ip.pop(f, None)
            ip["isstaticnat"] = False
            sim.store.save("publicipaddress", ip)


# ---- security groups -------------------------------------------------------------------------------------------------------
def _sg_enabled(zone):
    return as_bool(zone.get("securitygroupsenabled")) or zone.get("networktype") == "Basic"


def ensure_default_sg(sim, acc, domain_name=None):
    for sg in sim.store.all("securitygroup"):
        if sg.get("_accountid") == acc["id"] and sg["name"] == "default":
            return sg
    dom = sim.store.get("domain", acc.get("domainid")) or {}
    return sim.store.add("securitygroup", {
        "name": "default", "description": "Default Security Group", "account": acc["name"], "domainid": acc.get("domainid"),
        "domain": domain_name or dom.get("name"), "ingressrule": [], "egressrule": [], "tags": [], "virtualmachinecount": 0,
        "virtualmachineids": [], "_accountid": acc["id"],
    })


@seed(40)
def seed_default_security_group(sim):
    """A fresh CloudStack gives the admin account a "default" security group."""
    admin = sim.store.first("account", name="admin")
    if admin is not None:
        ensure_default_sg(sim, admin)


def security_groups_for_deploy(ctx, zone, own, networks, explicit_only=False):
    ids, names = ctx.list("securitygroupids"), ctx.list("securitygroupnames")
    if ids and names:
        raise param_error("securitygroupids parameter is mutually exclusive with securitygroupnames parameter")
    sg_zone = _sg_enabled(zone) or any("SecurityGroup" in _services(_offering(ctx, n.get("networkofferingid"))) for n in networks)
    if (ids or names) and not sg_zone:
        raise param_error("Can't create vm with security groups; security group feature is not enabled per zone")
    if not sg_zone:
        return []
    groups = []
    for gid in ids:
        g = ctx.store.get("securitygroup", gid)
        if g is None:
            raise invalid_id(ctx.command, "securitygroupids", gid)
        groups.append(g)
    for name in names:
        g = next((s for s in ctx.store.all("securitygroup") if s["name"] == name and s.get("domainid") == own["domainid"]
                  and str(s.get("account", "")).lower() == str(own["account"]).lower()), None)
        if g is None:
            raise param_error(f"Unable to find group by name {name}")
        groups.append(g)
    for g in groups:
        if g.get("domainid") != own["domainid"] or str(g.get("account", "")).lower() != str(own["account"]).lower():
            raise ApiError(531, f"Security group {g['name']} does not belong to the VM's account")
    if not groups and not explicit_only:
        acc = workload.account_of(ctx, own)
        if acc is not None:
            groups = [ensure_default_sg(ctx.sim, acc)]
    return groups


def _sg_ref(g):
    return {"id": g["id"], "name": g["name"], "description": g.get("description"), "account": g.get("account"), "domainid": g.get("domainid"),
            "domain": g.get("domain"), "ingressrule": [], "egressrule": [], "tags": [], "virtualmachinecount": 0, "virtualmachineids": []}


def sg_add_vm(ctx, vm, groups):
    vm["securitygroup"] = [_sg_ref(g) for g in groups]
    for g in groups:
        ids = g.setdefault("virtualmachineids", [])
        if vm["id"] not in ids:
            ids.append(vm["id"])
        g["virtualmachinecount"] = len(ids)
        ctx.store.save("securitygroup", g)


def sg_remove_vm(sim, vm):
    for ref in vm.get("securitygroup") or []:
        g = sim.store.get("securitygroup", ref["id"])
        if g and vm["id"] in (g.get("virtualmachineids") or []):
            g["virtualmachineids"].remove(vm["id"])
            g["virtualmachinecount"] = len(g["virtualmachineids"])
            sim.store.save("securitygroup", g)
    vm["securitygroup"] = []


def _get_sg(ctx, idname="securitygroupid", namename="securitygroupname"):
    if ctx.get(idname):
        g = ctx.store.get("securitygroup", ctx.get(idname))
        if g is None:
            raise invalid_id(ctx.command, idname, ctx.get(idname))
        if ctx.get(namename):
            raise param_error(f"{idname} and {namename} parameters are mutually exclusive")
    elif ctx.get(namename):
        own = owner(ctx)
        g = next((s for s in ctx.store.all("securitygroup") if s["name"] == ctx.get(namename) and s.get("domainid") == own["domainid"]
                  and str(s.get("account", "")).lower() == str(own["account"]).lower()), None)
        if g is None:
            raise param_error(f"Unable to find security group {ctx.get(namename)}; failed to authorize ingress.")
    else:
        raise param_error(f"Either {idname} or {namename} is required by this command")
    check_access(ctx, g, "security group")
    return g


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
    sg = ctx.store.add("securitygroup", {"name": name, "description": ctx.get("description"), **workload.owner_view(own), "_accountid": own.get("_accountid"),
                                         "ingressrule": [], "egressrule": [], "tags": [], "virtualmachinecount": 0, "virtualmachineids": []})
    monitoring.record_event(ctx, "SG.CREATE", f"Successfully created security group {name}", sg, "SecurityGroup")
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
    monitoring.record_event(ctx, "SG.DELETE", f"Successfully deleted security group {g['name']}", g, "SecurityGroup")
    return None


def _sg_rule_exists(rules, rule):
    return any(all(r.get(f) == rule.get(f) for f in ("protocol", "startport", "endport", "cidr", "account", "securitygroupname", "icmptype", "icmpcode"))
               for r in rules or [])


def _authorize(ctx, direction):
    g = _get_sg(ctx)
    proto = _protocol(ctx) if ctx.get("protocol") else "all"
    start, end = _ports(ctx, "startport", "endport", proto)
    if proto in ("tcp", "udp") and start is None:
        raise param_error("Invalid port range: startport and endport are required for protocol " + proto)
    cidrs = ctx.list("cidrlist")
    _cidrs(ctx)
    users = ctx.map_param("usersecuritygrouplist")
    if not cidrs and not users:
        raise param_error("At least one cidr or at least one security group needs to be specified")
    key = "ingressrule" if direction == "Ingress" else "egressrule"
    added = []
    targets = [("cidr", c) for c in cidrs] + [("group", (u.get("account"), u.get("group"))) for u in users]
    for kind, target in targets:
        rule = {"ruleid": ctx.store.new_id(), "protocol": proto, "tags": []}
        if start is not None:
            rule["startport"], rule["endport"] = start, end
        if proto == "icmp":
            rule["icmptype"], rule["icmpcode"] = ctx.int("icmptype", -1), ctx.int("icmpcode", -1)
        if kind == "cidr":
            rule["cidr"] = target
        else:
            rule["account"], rule["securitygroupname"] = target
        if not _sg_rule_exists(g.get(key), rule):
            added.append(rule)
    if not added:  # CloudStack skips rules that exist; none left: the job fails
        return _fail_later(ctx, ApiError(530, f"Failed to authorize security group {direction.lower()} rule(s)"), "SecurityGroup", g["id"])
    gid = g["id"]

    def finish():
        cur = ctx.store.get("securitygroup", gid)
        if cur is None:
            raise ApiError(530, f"Security group {gid} was removed")
        # the job checks again (as SecurityGroupManagerImpl does, under the group's lock): two jobs for the same rule add it once
        fresh = [r for r in added if not _sg_rule_exists(cur.get(key), r)]
        if not fresh:
            raise ApiError(530, f"Failed to authorize security group {direction.lower()} rule(s)")
        added[:] = fresh
        cur.setdefault(key, []).extend(added)
        ctx.store.save("securitygroup", cur)
        monitoring.record_event(ctx, f"SG.AUTH.{direction.upper()}", f"Successfully authorized {direction.lower()} rules on security group {cur['name']}",
                                cur, "SecurityGroup")
        view = dict(cur)
        view[key] = list(added)
        return view if direction == "Ingress" else {"securitygroup": view}

    return ctx.later(finish, "SecurityGroup", gid)


@api("authorizeSecurityGroupIngress")
def authorize_ingress(ctx, p):
    return _authorize(ctx, "Ingress")


@api("authorizeSecurityGroupEgress")
def authorize_egress(ctx, p):
    return _authorize(ctx, "Egress")


def _revoke(ctx, direction):
    rid = ctx.require("id")
    key = "ingressrule" if direction == "Ingress" else "egressrule"
    for g in ctx.store.all("securitygroup"):
        for r in g.get(key) or []:
            if r["ruleid"] == rid:
                check_access(ctx, g, "security group")
                gid = g["id"]

                def finish(gid=gid):
                    cur = ctx.store.get("securitygroup", gid)
                    if cur is not None:
                        cur[key] = [x for x in cur.get(key) or [] if x["ruleid"] != rid]
                        ctx.store.save("securitygroup", cur)
                        monitoring.record_event(ctx, f"SG.REVOKE.{direction.upper()}", f"Successfully revoked {direction.lower()} rule {rid}",
                                                cur, "SecurityGroup")
                    return None

                return ctx.later(finish, "SecurityGroup", gid)
    raise invalid_id(ctx.command, "id", rid)


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
    if not workload.is_admin(ctx):
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
        gs = [g for g in gs if workload.tags_matching(g, tags)]
    return ctx.filter_keyword(gs, ("name", "description"))


# ---- affinity groups -----------------------------------------------------------------------------------------------------------
def _find_ag(ctx, own, name):
    return next((g for g in ctx.store.all("affinitygroup") if g["name"] == name and g.get("domainid") == own["domainid"]
                 and str(g.get("account", "")).lower() == str(own.get("account", "")).lower() and g.get("projectid") == own.get("projectid")), None)


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
    g = ctx.store.add("affinitygroup", {"name": name, "description": ctx.get("description"), "type": type_, **workload.owner_view(own),
                                        "_accountid": own.get("_accountid"), "virtualmachineIds": []})
    monitoring.record_event(ctx, "AG.CREATE", f"Successfully created affinity group {name}", g, "AffinityGroup")
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
        monitoring.record_event(ctx, "AG.DELETE", f"Successfully deleted affinity group {cur['name']}", cur, "AffinityGroup")
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
    from . import compute

    vm = compute.get_vm(ctx)
    if vm["state"] != "Stopped":
        raise param_error(f"Unable to update affinity groups of VM {vm['name']}: it must be Stopped (state {vm['state']})")
    own = {k: vm.get(k) for k in ("account", "domainid", "domain", "projectid")}
    groups = compute._affinity_groups(ctx, own)
    for a in vm.get("affinitygroup") or []:
        g = ctx.store.get("affinitygroup", a["id"])
        if g and vm["id"] in g.get("virtualmachineIds", []):
            g["virtualmachineIds"].remove(vm["id"])
            ctx.store.save("affinitygroup", g)
    vm["affinitygroup"] = [compute.affinity_view(g) for g in groups]
    for g in groups:
        g.setdefault("virtualmachineIds", []).append(vm["id"])
        ctx.store.save("affinitygroup", g)
    compute.touch(ctx, vm)
    vmid = vm["id"]
    return ctx.later(lambda: ctx.store.get("virtualmachine", vmid), "VirtualMachine", vmid)


# ---- resource tags ------------------------------------------------------------------------------------------------------------
def _tag_target(ctx, rtype):
    key = rtype.lower()
    if key not in TAG_TYPES:
        raise param_error(f"Invalid resource type {rtype}")
    return TAG_TYPES[key], TAG_NAMES[key]


def delete_tags_of(sim, resid):
    for t in list(sim.store.all("resourcetag")):
        if t.get("resourceid") == resid:
            sim.store.delete("resourcetag", t["id"])


def _tag_view(t):
    return {k: t.get(k) for k in ("key", "value", "resourcetype", "resourceid", "account", "domainid", "domain", "project", "projectid", "customer")}


def _resources(ctx, store_type, rname):
    out = []
    for rid in ctx.list("resourceids"):
        obj = ctx.store.get(store_type, rid)
        if obj is None or obj.get("_removed"):
            raise param_error(f"Unable to find resource by id {rid} and type {rname}")
        if store_type in ("firewallrule", "portforwardingrule"):
            if not ctx.is_root_admin and obj.get("_accountid") != ctx.account["id"]:
                raise ApiError(531, f"Account {ctx.account['name']} does not have permission to tag {rname} {rid}")
        elif obj.get("account") or obj.get("_accountid"):
            check_access(ctx, obj, rname)
        elif not ctx.is_root_admin:
            raise ApiError(531, f"Account {ctx.account['name']} does not have permission to tag {rname} {rid}")
        out.append(obj)
    return out


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
        monitoring.record_event(ctx, "CREATE_TAGS", f"Successfully created tags on {rname} {', '.join(ids)}")
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
        monitoring.record_event(ctx, "DELETE_TAGS", f"Successfully deleted tags on {rname} {', '.join(ids)}")
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
