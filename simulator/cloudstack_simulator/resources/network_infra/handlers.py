"""The network_infra commands: parameters in, views out; the state and rules are in model.py."""

from ...backend import backend
from ...errors import ApiError, param_error
from ...registry import api
from ..helpers import live, runtime_error, sorted_seq
from .model import (
    ISOLATION_METHODS,
    LABELS,
    PROVIDERS,
    _add_provider,
    _check_vnets_in_use,
    _configure_element,
    _enable_first_provider,
    _list_elements,
    _networks_on,
    _provider_name,
    _provider_ready,
    _remove_provider,
    _traffic_type_name,
    parse_vnet,
    vlan_range_addresses,
    vlan_range_network,
    vlan_range_owner,
    vlan_range_zone,
    vlan_tag,
    vnet_string,
)
from .model_vlan_ipv6 import check_ipv4_overlap, ipv6_fields


def _isolation_methods(ctx):
    methods = ctx.list("isolationmethods")
    if len(methods) > 1:
        raise param_error("Only one isolationMethod can be specified for a physical network at this time")
    for m in methods:
        if m.upper() not in ISOLATION_METHODS:
            raise param_error(f"Invalid isolation method {m}: supported are {', '.join(ISOLATION_METHODS)}")
    return methods


def _broadcast_domain_range(ctx, zone):
    """broadcastdomainrange: POD in a Basic zone, ZONE in an Advanced one (the default by the zone's type)."""
    bdr = ctx.get("broadcastdomainrange")
    if not bdr:
        return "POD" if zone["networktype"] == "Basic" else "ZONE"
    if bdr.upper() not in ("POD", "ZONE"):
        raise param_error(f"Unable to resolve broadcastDomainRange '{bdr}' to a supported value {{Pod or Zone}}")
    bdr = bdr.upper()
    if zone["networktype"] == "Basic" and bdr != "POD":
        raise param_error("Basic zone can have broadcast domain type of value POD only")
    if zone["networktype"] == "Advanced" and bdr != "ZONE":
        raise param_error("Advance zone can have broadcast domain type of value ZONE only")
    return bdr


@api("createPhysicalNetwork")
def create_physical_network(ctx, p):
    zone = ctx.obj("zone", "zoneid", required=True)
    name = ctx.require("name")
    if zone["allocationstate"] == "Enabled":
        raise ApiError(531, f"Cannot create PhysicalNetwork since the Zone is currently enabled, zone Id: {zone['_seq']}")
    if zone["networktype"] == "Basic" and ctx.store.find("physicalnetwork", zoneid=zone["id"]):
        raise runtime_error(f"Cannot add the physical network to basic zone id: {zone['_seq']}, "
                            "there is a physical network already existing in this basic Zone")
    tags = ctx.list("tags")
    if len(tags) > 1:
        raise param_error("Only one tag can be specified for a physical network at this time")
    methods = _isolation_methods(ctx)
    vlan = ctx.get("vlan")
    if vlan and zone["networktype"] == "Basic":
        raise param_error("Can't add vnet range to the physical network in the Basic zone")
    bdr = _broadcast_domain_range(ctx, zone)
    domain = ctx.obj("domain", "domainid")
    pnet = {"name": name, "broadcastdomainrange": bdr, "zoneid": zone["id"], "zonename": zone["name"], "state": "Disabled",
            "isolationmethods": ",".join(m.upper() for m in methods) if methods else None}
    if vlan:
        pnet["vlan"] = vnet_string(parse_vnet(vlan, pnet["isolationmethods"] or ""))
    if tags:
        pnet["tags"] = tags[0]
    if ctx.get("networkspeed"):
        pnet["networkspeed"] = ctx.get("networkspeed")
    if domain:
        pnet["domainid"] = domain["id"]
    if pnet["isolationmethods"] is None:
        pnet.pop("isolationmethods")
    ctx.store.add("physicalnetwork", pnet)
    _add_provider(ctx, pnet, "VirtualRouter")
    if "GRE" in methods:
        _add_provider(ctx, pnet, "Ovs")
    _add_provider(ctx, pnet, "SecurityGroupProvider")
    _add_provider(ctx, pnet, "VpcVirtualRouter")
    if zone["networktype"] == "Basic":
        for prov in ("BaremetalDhcpProvider", "BaremetalPxeProvider", "BaremetalUserdataProvider"):
            _add_provider(ctx, pnet, prov)
    else:
        _add_provider(ctx, pnet, "BaremetalPxeProvider")
        _enable_first_provider(ctx, "BaremetalPxeProvider")
    _add_provider(ctx, pnet, "InternalLbVm")
    _add_provider(ctx, pnet, "Tungsten")
    if zone["networktype"] == "Advanced":
        _add_provider(ctx, pnet, "ConfigDrive")
        _enable_first_provider(ctx, "ConfigDrive")
    return ctx.later(lambda: ctx.store.get("physicalnetwork", pnet["id"]), "PhysicalNetwork", pnet["id"])


@api("updatePhysicalNetwork")
def update_physical_network(ctx, p):
    pnet = ctx.obj("physicalnetwork", "id", required=True)
    zone = ctx.store.get("zone", pnet["zoneid"])
    vlan = p.get("vlan")
    if vlan and zone["networktype"] == "Basic":
        raise param_error("Can't add vnet range to the physical network in the Basic zone")
    tags = ctx.list("tags") if p.get("tags") is not None else None
    if tags is not None and len(tags) > 1:
        raise param_error("Unable to support more than one tag on network yet")
    state = ctx.get("state")
    if state and state not in ("Enabled", "Disabled"):
        raise param_error(f"Unable to resolve state '{state}' to a supported value {{Enabled or Disabled}}")
    ranges = parse_vnet(vlan, pnet.get("isolationmethods", "")) if vlan is not None else None
    if ranges is not None:
        _check_vnets_in_use(ctx, pnet, ranges)

    def run():
        cur = ctx.store.get("physicalnetwork", pnet["id"])
        if state:
            cur["state"] = state
        if tags is not None:
            if tags:
                cur["tags"] = tags[0]
            else:
                cur.pop("tags", None)
        if ctx.get("networkspeed"):
            cur["networkspeed"] = ctx.get("networkspeed")
        if ranges is not None:
            merged = vnet_string(ranges)
            if merged:
                cur["vlan"] = merged
            else:
                cur.pop("vlan", None)
        ctx.store.save("physicalnetwork", cur)
        return cur

    return ctx.later(run, "PhysicalNetwork", pnet["id"])


@api("deletePhysicalNetwork")
def delete_physical_network(ctx, p):
    pnet = ctx.obj("physicalnetwork", "id", required=True)
    sim = ctx.sim

    def run():
        if _networks_on(sim, pnet["id"]):
            raise runtime_error("The Physical Network is not deletable because there are networks associated to this physical network")
        if [a for a in live(sim, "publicipaddress", physicalnetworkid=pnet["id"]) if a.get("state") not in (None, "Free")]:
            raise runtime_error("The Physical Network is not deletable because there are public IP addresses allocated for this physical network")
        st = ctx.store
        for vlan in st.find("vlaniprange", physicalnetworkid=pnet["id"]):
            st.delete("vlaniprange", vlan["id"])
        for nsp in st.find("networkserviceprovider", physicalnetworkid=pnet["id"]):
            _remove_provider(ctx, nsp)
        for tt in st.find("traffictype", physicalnetworkid=pnet["id"]):
            st.delete("traffictype", tt["id"])
        st.delete("physicalnetwork", pnet["id"])
        return None

    return ctx.later(run, "PhysicalNetwork", pnet["id"])


@api("listPhysicalNetworks")
def list_physical_networks(ctx, p):
    nets = sorted_seq(ctx.store.all("physicalnetwork"))
    nets = ctx.filter_eq(nets, ["id", "zoneid"])
    for param in ("name", "keyword"):
        if ctx.get(param):
            needle = ctx.get(param).lower()
            nets = [n for n in nets if needle in n["name"].lower()]
    return nets


@api("addTrafficType")
def add_traffic_type(ctx, p):
    pnet = ctx.obj("physicalnetwork", "physicalnetworkid", required=True)
    ttype = _traffic_type_name(ctx.require("traffictype"))
    st = ctx.store
    if st.first("traffictype", physicalnetworkid=pnet["id"], traffictype=ttype):
        raise runtime_error(f"This physical network already supports the traffic type: {ttype}")
    zone_pnets = {n["id"]: n for n in st.find("physicalnetwork", zoneid=pnet["zoneid"])}
    others = [t for t in st.all("traffictype") if t["physicalnetworkid"] in zone_pnets and t["traffictype"] == ttype]
    if ttype in ("Public", "Management", "Control", "Storage") and others:
        raise runtime_error(f"Fail to add the traffic type to physical network because Zone already has a physical network with this traffic type: {ttype}")
    if not pnet.get("tags") and [t for t in others if not zone_pnets[t["physicalnetworkid"]].get("tags")]:
        raise runtime_error(f"There are more than 1 physical network without tags in the zone= {st.get('zone', pnet['zoneid'])['_seq']}")
    tt = {"traffictype": ttype, "physicalnetworkid": pnet["id"]}
    for label in LABELS:
        if ctx.get(label):
            tt[label] = ctx.get(label)
    if ttype == "Control" and "xennetworklabel" not in tt:
        tt["xennetworklabel"] = "cloud_link_local_network"
    elif "xennetworklabel" not in tt:
        default = {"Public": "xenserver.public.network.device", "Guest": "xenserver.guest.network.device",
                   "Storage": "xenserver.storage.network.device1", "Management": "xenserver.private.network.device"}.get(ttype)
        value = ctx.config(default) if default else None
        if value:
            tt["xennetworklabel"] = value
    if ctx.get("vlan"):
        tt["_vlan"] = ctx.get("vlan")
    if ctx.get("isolationmethod"):
        tt["_isolationmethod"] = ctx.get("isolationmethod")
    st.add("traffictype", tt)
    return ctx.later(lambda: ctx.store.get("traffictype", tt["id"]), "TrafficType", tt["id"])


@api("updateTrafficType")
def update_traffic_type(ctx, p):
    tt = ctx.obj("traffictype", "id", required=True)

    def run():
        cur = ctx.store.get("traffictype", tt["id"])
        for label in LABELS:
            value = p.get(label)
            if value is None:
                continue
            if value == "":
                cur.pop(label, None)
            else:
                cur[label] = value
        ctx.store.save("traffictype", cur)
        return cur

    return ctx.later(run, "TrafficType", tt["id"])


@api("deleteTrafficType")
def delete_traffic_type(ctx, p):
    tt = ctx.obj("traffictype", "id", required=True)
    sim = ctx.sim

    def run():
        if tt["traffictype"] == "Guest" and [n for n in _networks_on(sim, tt["physicalnetworkid"]) if n.get("traffictype") == "Guest"]:
            raise runtime_error("The Traffic Type is not deletable because there are existing networks with this traffic type:Guest")
        ctx.store.delete("traffictype", tt["id"])
        return None

    return ctx.later(run, "TrafficType", tt["id"])


@api("listTrafficTypes")
def list_traffic_types(ctx, p):
    pnet = ctx.obj("physicalnetwork", "physicalnetworkid", required=True)
    return sorted_seq(ctx.store.find("traffictype", physicalnetworkid=pnet["id"]))


@api("listTrafficTypeImplementors")
def list_traffic_type_implementors(ctx, p):
    gurus = [("Public", "PublicNetworkGuru"), ("Management", "PodBasedNetworkGuru"), ("Control", "ControlNetworkGuru"),
             ("Storage", "StorageNetworkGuru"), ("Guest", "DirectNetworkGuru"), ("Guest", "ExternalGuestNetworkGuru")]
    tt = ctx.get("traffictype")
    if tt:
        gurus = [g for g in gurus if g[0].lower() == tt.lower()][:1]
    return [{"traffictype": t, "traffictypeimplementor": g} for t, g in gurus]


@api("listNetworkServiceProviders")
def list_network_service_providers(ctx, p):
    nsps = sorted(ctx.store.all("networkserviceprovider"), key=lambda o: -o["_seq"])
    if ctx.get("physicalnetworkid"):
        ctx.obj("physicalnetwork", "physicalnetworkid")
    nsps = ctx.filter_eq(nsps, ["physicalnetworkid", "name"])
    if ctx.get("state"):
        nsps = [n for n in nsps if n["state"].lower() == ctx.get("state").lower()]
    return nsps


@api("addNetworkServiceProvider")
def add_network_service_provider(ctx, p):
    pnet = ctx.obj("physicalnetwork", "physicalnetworkid", required=True)
    dest = ctx.obj("physicalnetwork", "destinationphysicalnetworkid")
    name = _provider_name(ctx.require("name"))
    if name is None:
        raise param_error(f"Invalid Network Service Provider={ctx.get('name')}")
    if ctx.store.first("networkserviceprovider", physicalnetworkid=pnet["id"], name=name):
        raise runtime_error(f"The '{name}' provider already exists on physical network : {pnet['_seq']}")
    services, individual = PROVIDERS[name]
    chosen = list(services)
    wanted = ctx.list("servicelist")
    if wanted:
        if not individual and len(wanted) != len(services):
            raise param_error(f"Cannot enable subset of Services, Please specify the complete list of Services for this Service Provider '{name}'")
        chosen = []
        for s in wanted:
            match = [x for x in services if x.lower() == s.lower()]
            if not match:
                raise param_error(f"{name} Provider cannot provide this Service specified={s}")
            chosen.append(match[0])
    nsp = ctx.store.add("networkserviceprovider", {
        "name": name, "physicalnetworkid": pnet["id"], "state": "Disabled", "servicelist": chosen, "canenableindividualservice": individual,
    })
    if dest:
        nsp["destinationphysicalnetworkid"] = dest["id"]
    return ctx.later(lambda: ctx.store.get("networkserviceprovider", nsp["id"]), "PhysicalNetworkServiceProvider", nsp["id"])


@api("updateNetworkServiceProvider")
def update_network_service_provider(ctx, p):
    nsp = ctx.obj("networkserviceprovider", "id", required=True)
    state = ctx.get("state")
    if state is not None and state not in ("Enabled", "Disabled", "Shutdown"):
        raise param_error(f"Unable to resolve state '{state}' to a supported value {{Enabled or Disabled}}")
    wanted = ctx.list("servicelist") if p.get("servicelist") is not None else None

    def run():
        cur = ctx.store.get("networkserviceprovider", nsp["id"])
        if state == "Enabled":
            if not _provider_ready(ctx, cur):
                raise runtime_error("Provider is not ready, cannot Enable the provider, please configure the provider first")
            cur["state"] = "Enabled"
        elif state == "Disabled":
            cur["state"] = "Disabled"
        elif state == "Shutdown":
            raise param_error("Updating the provider state to 'Shutdown' is not supported")
        if wanted is not None:
            if not cur["canenableindividualservice"]:
                raise param_error(f"Cannot update set of Services for this Service Provider '{cur['name']}'")
            services = PROVIDERS[cur["name"]][0]
            chosen = []
            for s in wanted:
                match = [x for x in services if x.lower() == s.lower()]
                if not match:
                    raise param_error(f"Invalid Network Service specified={s}")
                chosen.append(match[0])
            cur["servicelist"] = chosen
        ctx.store.save("networkserviceprovider", cur)
        return cur

    return ctx.later(run, "PhysicalNetworkServiceProvider", nsp["id"])


@api("deleteNetworkServiceProvider")
def delete_network_service_provider(ctx, p):
    nsp = ctx.obj("networkserviceprovider", "id", required=True)
    sim = ctx.sim

    def run():
        for net in _networks_on(sim, nsp["physicalnetworkid"]):
            providers = {pr.get("name") for svc in net.get("service", []) for pr in svc.get("provider", [])}
            if nsp["name"] in providers:
                raise runtime_error("Provider is not deletable because there are active networks using this provider, "
                                    "please upgrade these networks to new network offerings")
        _remove_provider(ctx, nsp)
        return None

    return ctx.later(run, "PhysicalNetworkServiceProvider", nsp["id"])


@api("listVirtualRouterElements")
def list_virtual_router_elements(ctx, p):
    if ctx.get("nspid"):
        ctx.obj("networkserviceprovider", "nspid")
    return _list_elements(ctx, "virtualrouterelement")


@api("configureVirtualRouterElement")
def configure_virtual_router_element(ctx, p):
    return _configure_element(ctx, "virtualrouterelement", "None")


@api("createVirtualRouterElement")
def create_virtual_router_element(ctx, p):
    nsp = ctx.obj("networkserviceprovider", "nspid", required=True)
    ptype = ctx.get("providertype", "VirtualRouter")
    if ptype not in ("VirtualRouter", "VPCVirtualRouter"):
        raise param_error(f"Invalid providertype {ptype}: it must be VirtualRouter or VPCVirtualRouter")
    existing = ctx.store.first("virtualrouterelement", nspid=nsp["id"])
    if existing:
        raise runtime_error(f"There is already a virtual router element with service provider id {nsp['_seq']}")
    el = ctx.store.add("virtualrouterelement", {"nspid": nsp["id"], "enabled": False, "_providertype": nsp["name"]})
    return ctx.later(lambda: ctx.store.get("virtualrouterelement", el["id"]), "None", el["id"])


@api("listInternalLoadBalancerElements")
def list_internal_load_balancer_elements(ctx, p):
    if ctx.get("nspid"):
        ctx.obj("networkserviceprovider", "nspid")
    return _list_elements(ctx, "internalloadbalancerelement")


@api("configureInternalLoadBalancerElement")
def configure_internal_load_balancer_element(ctx, p):
    return _configure_element(ctx, "internalloadbalancerelement", "None")


@api("createVlanIpRange")
def create_vlan_ip_range(ctx, p):
    network = ctx.obj("network", "networkid")
    pod = ctx.obj("pod", "podid")
    pnet = ctx.obj("physicalnetwork", "physicalnetworkid")
    zone = vlan_range_zone(ctx, network, pod, pnet)
    virtual = ctx.bool("forvirtualnetwork", True)
    start, end, gateway, net = vlan_range_addresses(ctx, zone, network, virtual)
    tag = vlan_tag(ctx)
    if zone["networktype"] == "Basic" and not virtual and pod is None:
        raise param_error("Pod id is required for a direct IP range in a Basic zone")
    network_id, pnet = vlan_range_network(ctx, zone, network, pnet, virtual, start, end)
    check_ipv4_overlap(zone, ctx.store.find("vlaniprange", zoneid=zone["id"]), tag, gateway, net, start, end)
    ip6 = ipv6_fields(ctx, zone)
    vlan = {
        "forvirtualnetwork": virtual, "zoneid": zone["id"], "vlan": f"vlan://{tag}", "gateway": gateway, "netmask": str(net.netmask),
        "cidr": str(net), "startip": start, "endip": end, "forsystemvms": ctx.bool("forsystemvms"), "_vlantag": tag,
        **ip6,
    }
    if network_id:
        vlan["networkid"] = network_id
    if pnet:
        vlan["physicalnetworkid"] = pnet["id"]
    if pod is not None:
        vlan.update(podid=pod["id"], podname=pod["name"])
    vlan_range_owner(ctx, vlan)
    ctx.store.add("vlaniprange", vlan)
    return vlan


@api("listVlanIpRanges")
def list_vlan_ip_ranges(ctx, p):
    vlans = sorted_seq(ctx.store.all("vlaniprange"))
    vlans = ctx.filter_eq(vlans, ["id", "zoneid", "podid", "networkid", "physicalnetworkid", "forvirtualnetwork", "projectid", "domainid"])
    if ctx.get("vlan"):
        tag = ctx.get("vlan")
        tag = tag[len("vlan://"):] if tag.startswith("vlan://") else tag
        vlans = [v for v in vlans if v["_vlantag"] == tag]
    if ctx.get("account"):
        vlans = [v for v in vlans if str(v.get("account", "")).lower() == ctx.get("account").lower()]
    kw = ctx.get("keyword")
    if kw:
        vlans = [v for v in vlans if kw.lower() in v["vlan"].lower()]
    return vlans


@api("deleteVlanIpRange")
def delete_vlan_ip_range(ctx, p):
    vlan = ctx.obj("vlaniprange", "id", required=True)
    used = [a for a in ctx.store.all("publicipaddress")
            if vlan["id"] in (a.get("vlanid"), a.get("_vlanid")) and a.get("state") not in (None, "Free") and not a.get("_removed")]
    used += backend.systemvms.public_ips(ctx.sim, vlan["zoneid"], vlan)  # an SSVM's or CPVM's address in the range
    if used:
        raise param_error(f"{len(used)}  Ips are in use. Cannot delete this vlan")
    ctx.store.delete("vlaniprange", vlan["id"])
    return None
