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

from ...backend import backend
from ...context import now
from ...errors import ApiError, invalid_id, param_error
from ...registry import seed
from ..helpers import account_of, as_bool, check_access, check_ip, int_ip, ip_int, owner_view

PROTOCOLS = ("tcp", "udp", "icmp", "all")
AFFINITY_TYPES = ("host anti-affinity", "host affinity")
TAG_TYPES = {
    "uservm": "virtualmachine", "volume": "volume", "network": "network", "publicipaddress": "publicipaddress",
    "template": "template", "iso": "iso", "securitygroup": "securitygroup", "firewallrule": "firewallrule",
    "portforwardingrule": "portforwardingrule", "snapshotpolicy": "snapshotpolicy", "snapshot": "snapshot", "project": "project",
    "vpc": "vpc", "networkacl": "networkacl", "loadbalancer": "loadbalancer", "autoscalevmgroup": "autoscalevmgroup",
    "vmsnapshot": "vmsnapshot",
}
TAG_NAMES = {"uservm": "UserVm", "volume": "Volume", "network": "Network", "publicipaddress": "PublicIpAddress", "template": "Template",
             "iso": "ISO", "securitygroup": "SecurityGroup", "firewallrule": "FirewallRule", "portforwardingrule": "PortForwardingRule",
             "snapshotpolicy": "SnapshotPolicy", "snapshot": "Snapshot", "project": "Project", "vpc": "Vpc", "networkacl": "NetworkACL",
             "loadbalancer": "LoadBalancer", "autoscalevmgroup": "AutoScaleVmGroup", "vmsnapshot": "VMSnapshot"}


# ---- IP address index (per simulator, rebuilt from the store after a restart) --------------------------------------------
class IpIndex:
    def __init__(self, sim):
        self.used = {}  # networkid -> set(int) of NIC addresses
        self.cursor = {}
        self.public = {}  # zoneid -> set(int) of allocated public IPs
        for vm in [*sim.store.all("virtualmachine"), *sim.store.all("router")]:  # routers and internal LB VMs have guest NICs too
            for nic in vm.get("nic") or []:
                if nic.get("ipaddress") and nic.get("networkid"):
                    self.used.setdefault(nic["networkid"], set()).add(ip_int(nic["ipaddress"]))
        for ip in sim.store.all("publicipaddress"):
            self.public.setdefault(ip["zoneid"], set()).add(ip_int(ip["ipaddress"]))
        for vm in backend.systemvms.public_ips(sim):  # the SSVM's and CPVM's public addresses
            self.public.setdefault(vm["zoneid"], set()).add(ip_int(vm["publicip"]))


def ip_index(sim):
    idx = getattr(sim, "_ip_index", None)
    if idx is None:
        idx = IpIndex(sim)
        sim._ip_index = idx
    return idx


def new_mac():
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


def may_use_network(ctx, net, own):
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


def _requested_networks(ctx):
    """The networks networkids and iptonetworklist name (431 for an unknown one)."""
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
    return nets


def _default_networks(ctx, zone, own):
    """No network named: the zone's shared network (Basic or security groups), else the owner's isolated network or the
    only usable one, else a new isolated network for the owner."""
    cands = [n for n in ctx.store.all("network") if n.get("zoneid") == zone["id"] and not n.get("_removed") and n.get("state") != "Destroy"
             and may_use_network(ctx, n, own) and n.get("traffictype", "Guest") == "Guest"]
    if zone.get("networktype") == "Basic" or as_bool(zone.get("securitygroupsenabled")):
        shared = [n for n in cands if n.get("type") == "Shared"]
        if shared:
            return [shared[0]]
    own_iso = [n for n in cands if n.get("type") == "Isolated" and str(n.get("account", "")).lower() == str(own["account"]).lower()]
    if own_iso:
        return [own_iso[0]]
    if len(cands) == 1:
        return cands
    off = _default_isolated_offering(ctx)
    if off is None or zone.get("networktype") == "Basic":
        raise param_error("Unable to find a network for the VM: specify networkids (no default network found in zone "
                          f"{zone.get('name')} for account {own['account']})")
    base = own.get("account") or own.get("project")
    return [create_network_obj(ctx, zone, off, own, f"{base}-network", f"{base}-network")]


def networks_for_deploy(ctx, zone, own):
    """The networks a new VM gets: networkids, else the account's network in the zone (created if need be)."""
    nets = _requested_networks(ctx) or _default_networks(ctx, zone, own)
    seen = set()
    for net in nets:
        if net["id"] in seen:
            raise param_error(f"Network {net['id']} is given twice")
        seen.add(net["id"])
        if net.get("zoneid") != zone["id"]:
            raise param_error(f"Network id={net['id']} doesn't belong to zone {zone['id']}")
        if not may_use_network(ctx, net, own) and not ctx.is_root_admin:
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
               "type": net.get("type"), "isdefault": dev == 0, "macaddress": macs.get(net["id"]) or new_mac(), "secondaryip": [],
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
    for sec in nic.get("secondaryip") or []:
        release_ip(sim, nic.get("networkid"), sec.get("ipaddress"))
    backend.compute.index(sim).names.pop((nic.get("networkid"), vm["name"].lower()), None)


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
    if net.get("vpcid"):  # a VPC tier: the VPC holds the source NAT IP and the router
        backend.vpc.on_tier_implemented(ctx, net)
        return
    if "SourceNat" in offering_services(off) and not any(ip.get("issourcenat") and ip.get("associatednetworkid") == net["id"]
                                                  for ip in ctx.store.all("publicipaddress")):
        try:
            zone = ctx.store.get("zone", net["zoneid"]) or {"id": net["zoneid"]}
            ip = _new_public_ip(ctx, zone, owner_view(net) | {"_accountid": net.get("_accountid")}, net)
            ip["issourcenat"] = True
            ctx.store.save("publicipaddress", ip)
        except ApiError:
            pass  # a zone without public ranges: no source NAT IP, as a data center without public IPs would fail later
    backend.routers.on_network_implemented(ctx, net)  # its virtual router


def offering_services(off):
    """{service: [providers]} of a network offering (the offerings family keeps them in "_services")."""
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
    return backend.offerings.networkoffering_view(ctx, off).get("service") or []


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


def _set_addresses(net, zone, off, gateway, netmask, startip, endip, vlan):
    """An isolated network's CIDR (given, or from the zone's guest CIDR); a shared network's optional IP range,
    returned as (first, last) integers (None without one)."""
    gtype = net["type"]
    if gtype == "Isolated":
        if gateway or netmask:
            if not (gateway and netmask):
                raise param_error("gateway and netmask must be given together")
        else:
            cidr = ipaddress.IPv4Network(zone.get("guestcidraddress") or "10.1.1.0/24", strict=False)
            gateway, netmask = str(cidr.network_address + 1), str(cidr.netmask)
        net["cidr"], net["_start"], net["_end"] = _range(gateway, netmask)
        net["gateway"], net["netmask"] = gateway, netmask
        return None
    if gtype != "Shared":
        return None
    shared_range = None
    if as_bool(off.get("specifyvlan")) and not vlan and zone.get("networktype") != "Basic":
        raise param_error("vlan is required for a network offering with specifyVlan=true")
    if startip or gateway or netmask:
        if not (gateway and netmask and startip):
            raise param_error("gateway, netmask and startip are required to give a Shared network its IP range")
        net["cidr"], start, end = _range(gateway, netmask, startip, endip or startip)
        net["gateway"], net["netmask"] = gateway, netmask
        shared_range = (start, end)
    net["state"] = "Setup"
    return shared_range


def create_network_obj(ctx, zone, off, own, name, displaytext, gateway=None, netmask=None, startip=None, endip=None, vlan=None, acltype=None):
    st = ctx.store
    gtype = off.get("guestiptype") or "Isolated"
    phys = _physical_network(ctx, zone["id"])
    acc = account_of(ctx, own)
    suffix = ctx.config("guest.domain.suffix", "cloud.internal") or "cloud.internal"
    net = {
        "name": name, "displaytext": displaytext, "broadcastdomaintype": "Vlan" if gtype != "L2" or vlan else "Vlan", "traffictype": "Guest",
        "zoneid": zone["id"], "zonename": zone.get("name"), "networkofferingid": off["id"], "networkofferingname": off.get("name"),
        "networkofferingdisplaytext": off.get("displaytext"), "networkofferingconservemode": as_bool(off.get("conservemode", True)),
        "networkofferingavailability": off.get("availability"), "issystem": False, "state": "Allocated", "dns1": zone.get("dns1"),
        "dns2": zone.get("dns2"), "type": gtype, "acltype": acltype or ("Domain" if gtype == "Shared" else "Account"),
        **owner_view(own), "_accountid": own.get("_accountid"),
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
    shared_range = _set_addresses(net, zone, off, gateway, netmask, startip, endip, vlan)
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
    backend.monitoring.record_event(ctx, "NETWORK.CREATE", f"Successfully created network {name}. Network Id: {net['id']}", net, "Network")
    return net


def get_network(ctx, name="id", value=None):
    value = value or ctx.require(name)
    net = ctx.store.get("network", value)
    if net is None or net.get("_removed"):
        raise invalid_id(ctx.command, name, value)
    if net.get("acltype") != "Domain":
        check_access(ctx, net, "network")
    return net


def _vms_on_network(sim, netid, include_destroyed=True):
    out = []
    for vm in sim.store.all("virtualmachine"):
        if any(n.get("networkid") == netid for n in vm.get("nic") or []):
            if include_destroyed or vm.get("state") not in ("Destroyed", "Expunging"):
                out.append(vm)
    return out


# ---- public IPs ----------------------------------------------------------------------------------------------------------------
def public_ranges(sim, zoneid):
    return [r for r in sim.store.all("vlaniprange") if r.get("zoneid") == zoneid and as_bool(r.get("forvirtualnetwork", True))
            and not r.get("_guest") and not r.get("_removed") and r.get("startip") and r.get("endip")]


def _new_public_ip(ctx, zone, own, net=None, wanted=None):
    idx = ip_index(ctx.sim).public.setdefault(zone["id"], set())
    ranges = public_ranges(ctx.sim, zone["id"])
    ranges = [r for r in ranges if not r.get("account") or (r.get("account") == own.get("account") and r.get("domainid") == own.get("domainid"))]
    chosen = None
    if wanted:
        w = ip_int(check_ip("ipaddress", wanted))
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
        **owner_view(own), "_accountid": own.get("_accountid"), "forvirtualnetwork": True, "vlanid": r["id"],
        "vlanname": r.get("vlan") or "vlan://untagged", "isstaticnat": False, "issystem": False, "networkid": r.get("networkid"),
        "state": "Allocated", "physicalnetworkid": r.get("physicalnetworkid"), "tags": [], "isportable": False, "fordisplay": True,
        "hasannotations": False,
    }
    if net is not None:
        ip["associatednetworkid"], ip["associatednetworkname"] = net["id"], net.get("name")
    return ctx.store.add("publicipaddress", ip)


def new_public_ip(ctx, zone, own, net=None, wanted=None):
    """A newly allocated public IP of the zone for own (other families: a VPC's source NAT address)."""
    return _new_public_ip(ctx, zone, own, net, wanted)


def release_public_ip(sim, ip):
    _release_public_ip(sim, ip)


def _release_public_ip(sim, ip):
    ip_index(sim).public.get(ip["zoneid"], set()).discard(ip_int(ip["ipaddress"]))
    backend.loadbalancers.forget_ip(sim, ip["id"])
    backend.vpn.on_ip_released(sim, ip)  # IpAddressManagerImpl.cleanupIpResources: its remote access VPN goes
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


# ---- a VPC's address and the tier its rules are on (port forwarding, load balancing) ----
def assign_vpc_ip(ctx, ip, netid):
    """IpAddressManagerImpl.associateIPToGuestNetwork: a VPC's IP used by a rule belongs to that tier from now on."""
    if ip.get("vpcid") and not ip.get("associatednetworkid"):
        net = ctx.store.get("network", netid) or {}
        ip.update(associatednetworkid=netid, associatednetworkname=net.get("name"))
        ctx.store.save("publicipaddress", ip)


def unassign_vpc_ip(sim, ipid):
    """VpcManagerImpl.unassignIPFromVpcNetwork: a VPC's IP without rules goes back to the VPC."""
    ip = sim.store.get("publicipaddress", ipid) if ipid else None
    if ip is None or not ip.get("vpcid") or ip.get("isstaticnat") or ip.get("issourcenat"):
        return
    if any(r.get("ipaddressid") == ipid for t in ("portforwardingrule", "firewallrule") for r in sim.store.all(t)):
        return
    if backend.loadbalancers.rules_on_ip(sim, ipid):
        return
    ip.pop("associatednetworkid", None)
    ip.pop("associatednetworkname", None)
    sim.store.save("publicipaddress", ip)


# ---- hooks of the loadbalancers family (a load balancer rule is checked against port forwarding, opens the firewall) ----
def pf_rule_on_ports(sim, ipid, start, end):
    """The port forwarding rule on the IP whose public port range overlaps start-end, or None."""
    for rule in sim.store.all("portforwardingrule"):
        if rule.get("ipaddressid") == ipid and int(rule["publicport"]) <= end and start <= int(rule.get("publicendport") or rule["publicport"]):
            return rule
    return None


def add_related_firewall_rule(ctx, ip, netid, proto, start, end, cidrs, related_id):
    """The firewall rule a port forwarding rule, a load balancer rule or a remote access VPN opens (openfirewall); removed
    with it (forget_related_rules)."""
    return ctx.store.add("firewallrule", {"protocol": proto, "ipaddressid": ip["id"], "networkid": netid, "ipaddress": ip["ipaddress"], "state": "Active",
                                          "cidrlist": ",".join(cidrs), "tags": [], "fordisplay": True, "startport": start, "endport": end,
                                          "_traffic": "Ingress", "_pf": related_id, "_accountid": ip.get("_accountid"), "_domainid": ip.get("domainid"),
                                          "_account": ip.get("account"), "_projectid": ip.get("projectid")})


def forget_related_rules(sim, related_id):
    for fw in list(sim.store.all("firewallrule")):
        if fw.get("_pf") == related_id:
            sim.store.delete("firewallrule", fw["id"])


def open_vpn_ports(ctx, ip, vpnid, ports=(500, 1701, 4500)):
    """createRemoteAccessVpn openfirewall=true (RulesManagerImpl.reservePorts): an ingress UDP firewall rule per VPN port
    of the IP, from anywhere, removed with the VPN (close_vpn_ports)."""
    for port in ports:
        add_related_firewall_rule(ctx, ip, ip.get("associatednetworkid"), "udp", port, port, ["0.0.0.0/0"], vpnid)


def close_vpn_ports(sim, vpnid):
    forget_related_rules(sim, vpnid)


def get_ip(ctx, name="id"):
    value = ctx.require(name)
    ip = ctx.store.get("publicipaddress", value)
    if ip is None:
        raise invalid_id(ctx.command, name, value)
    check_access(ctx, ip, "IP address")
    return ip


def _vm_nic_in(vm, netid):
    return next((n for n in vm.get("nic") or [] if n.get("networkid") == netid), None)


def forget_vm_rules(sim, vm):
    """An expunged VM loses its port forwarding rules and static NAT."""
    backend.loadbalancers.forget_vm(sim, vm["id"])
    for rule in list(sim.store.all("portforwardingrule")):
        if rule.get("virtualmachineid") == vm["id"]:
            sim.store.delete("portforwardingrule", rule["id"])
            forget_related_rules(sim, rule["id"])
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
    sg_zone = _sg_enabled(zone) or any("SecurityGroup" in offering_services(_offering(ctx, n.get("networkofferingid"))) for n in networks)
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
        acc = account_of(ctx, own)
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
