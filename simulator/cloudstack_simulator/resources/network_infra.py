"""Physical networks, traffic types, network service providers (with their virtual router and internal LB
elements) and VLAN / public IP ranges.

Objects are stored in the shape of listPhysicalNetworks / listTrafficTypes / listNetworkServiceProviders /
listVirtualRouterElements / listInternalLoadBalancerElements / listVlanIpRanges (store types physicalnetwork,
traffictype, networkserviceprovider, virtualrouterelement, internalloadbalancerelement, vlaniprange).
Internal fields: provider["_ready_needs_element"], element["_providertype"], vlan["_vlantag"].

createPhysicalNetwork adds the providers CloudStack 4.18 adds (NetworkServiceImpl.createPhysicalNetwork):
VirtualRouter (+ its element), SecurityGroupProvider, VpcVirtualRouter (+ element), the baremetal
providers (Basic: Dhcp, Pxe, Userdata; Advanced: Pxe, enabled), InternalLbVm (+ element), Tungsten and, in
Advanced zones, ConfigDrive (enabled); all others start Disabled. "Enabled" follows CloudStack's enableProvider,
which enables the first provider of that name in the whole cloud: the Pxe and ConfigDrive providers of later
physical networks stay Disabled. listNetworkServiceProviders answers
newest first, as CloudStack's DAO search does (ORDER BY id DESC).

As in CloudStack, deletePhysicalNetwork removes the network's traffic types, providers and IP ranges and is
refused (530) only while networks or allocated public IPs use it.
"""
import ipaddress

from ..errors import ApiError, param_error
from ..registry import api
from . import vlan_ipv6
from .infra import ip_int, live, runtime_error, sorted_seq, valid_ip

TRAFFIC_TYPES = ["Public", "Guest", "Storage", "Management", "Control", "Vpn", "None"]
# provider name -> (services it offers, canenableindividualservice)
PROVIDERS = {
    "VirtualRouter": (["Vpn", "Dhcp", "Dns", "Gateway", "Firewall", "Lb", "SourceNat", "StaticNat", "PortForwarding", "UserData"], True),
    "VpcVirtualRouter": (["Vpn", "Dhcp", "Dns", "Gateway", "Lb", "SourceNat", "StaticNat", "PortForwarding", "UserData", "NetworkACL"], True),
    "InternalLbVm": (["Lb"], False),
    "SecurityGroupProvider": (["SecurityGroup"], False),
    "ConfigDrive": (["UserData"], False),
    "BaremetalDhcpProvider": (["Dhcp"], False),
    "BaremetalPxeProvider": (["BaremetalPxeService"], False),
    "BaremetalUserdataProvider": (["UserData"], False),
    "Tungsten": (["Dhcp", "Dns", "Connectivity", "Firewall", "SourceNat", "StaticNat", "Lb", "PortForwarding", "SecurityGroup", "NetworkACL",
                  "UserData"], False),
    "Netscaler": (["Firewall", "Lb", "SourceNat", "StaticNat"], False),
    "F5BigIp": (["Lb"], False),
    "JuniperSRX": (["Firewall", "Gateway", "PortForwarding", "SourceNat", "StaticNat", "Vpn"], True),
    "PaloAlto": (["Firewall", "Gateway", "PortForwarding", "SourceNat", "StaticNat"], True),
    "NiciraNvp": (["Connectivity", "Gateway", "SourceNat", "StaticNat", "PortForwarding"], True),
    "BigSwitchBcf": (["Connectivity", "Gateway", "SourceNat", "StaticNat"], True),
    "Ovs": (["Connectivity", "Lb", "StaticNat", "PortForwarding"], True),
    "Opendaylight": (["Connectivity"], False),
    "BrocadeVcs": (["Connectivity"], False),
    "CiscoVnmc": (["Dhcp", "Dns", "Firewall", "Gateway", "PortForwarding", "SourceNat", "StaticNat"], True),
    "GloboDns": (["Dns"], False),
    "JuniperContrailRouter": (["Connectivity", "Dhcp", "Dns", "Gateway", "SourceNat", "StaticNat", "Lb", "UserData"], True),
    "JuniperContrailVpcRouter": (["Connectivity", "Dhcp", "Dns", "Gateway", "SourceNat", "StaticNat", "NetworkACL"], True),
}
# providers whose element must be configured (enabled) before the provider may be enabled
ELEMENT_TYPES = {"VirtualRouter": "virtualrouterelement", "VpcVirtualRouter": "virtualrouterelement", "InternalLbVm": "internalloadbalancerelement"}
# providers that need devices (addNetscalerLoadBalancer, ...) before they are ready; not simulated
DEVICE_PROVIDERS = {"Netscaler", "F5BigIp", "JuniperSRX", "PaloAlto", "NiciraNvp", "BigSwitchBcf", "Opendaylight", "BrocadeVcs", "CiscoVnmc", "GloboDns"}
ISOLATION_METHODS = ["VLAN", "L3", "GRE", "STT", "BCF_SEGMENT", "MIDO", "SSP", "VXLAN", "ODL", "L3VPN", "VSP", "VCS", "TF"]


# ---- physical networks -------------------------------------------------------------------------------------
def parse_vnet(value, pnet_isolation):
    """updatePhysicalNetwork/createPhysicalNetwork vlan ranges: "100-200,300-301" -> sorted [(100, 200), ...]."""
    maxv = 4095
    if "GRE" in pnet_isolation:
        maxv = 4294967295
    elif "VXLAN" in pnet_isolation:
        maxv = 16777214
    rng_msg = f" between 0 and {maxv}"
    out = []
    for part in value.split(","):
        bits = part.strip().split("-")
        if len(bits) == 1 and bits[0] == "":
            return []
        if len(bits) < 2:
            raise param_error("Please provide valid vnet range. vnet range should be a comma separated list of vlan ranges. example 500-500,600-601" + rng_msg)
        try:
            a, b = int(bits[0]), int(bits[1])
        except ValueError:
            raise param_error("Please provide valid vnet range. The vnet range should be a comma separated list example 2001-2012,3000-3005."
                              + rng_msg) from None
        if a < 0 or b > maxv:
            raise param_error("Vnet range has to be" + rng_msg)
        if a > b:
            raise param_error("Vnet range has to be" + rng_msg + " and start range should be lesser than or equal to stop range")
        out.append((a, b))
    return out


def vnet_string(ranges):
    """CloudStack's generateVnetString: merge the ranges into "a-b,c-d"."""
    nums = sorted({n for a, b in ranges for n in range(a, b + 1)})
    if not nums:
        return None
    parts, start, prev = [], nums[0], nums[0]
    for n in nums[1:]:
        if n - prev > 1:
            parts.append(f"{start}-{prev}")
            start = n
        prev = n
    parts.append(f"{start}-{prev}")
    return ",".join(parts)


def _add_provider(ctx, pnet, name, state="Disabled"):
    services, individual = PROVIDERS[name]
    nsp = ctx.store.add("networkserviceprovider", {
        "name": name, "physicalnetworkid": pnet["id"], "state": state, "servicelist": list(services),
        "canenableindividualservice": individual,
    })
    etype = ELEMENT_TYPES.get(name)
    if etype:
        ctx.store.add(etype, {"nspid": nsp["id"], "enabled": False, "_providertype": name})
    return nsp


def _enable_first_provider(ctx, name):
    """NetworkServiceImpl.enableProvider: it enables the first provider of that name in the whole cloud
    (a query by name only), so only the first physical network ever created gets it enabled."""
    found = sorted_seq(ctx.store.find("networkserviceprovider", name=name))
    if found:
        found[0]["state"] = "Enabled"
        ctx.store.save("networkserviceprovider", found[0])


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
    methods = ctx.list("isolationmethods")
    if len(methods) > 1:
        raise param_error("Only one isolationMethod can be specified for a physical network at this time")
    for m in methods:
        if m.upper() not in ISOLATION_METHODS:
            raise param_error(f"Invalid isolation method {m}: supported are {', '.join(ISOLATION_METHODS)}")
    vlan = ctx.get("vlan")
    if vlan and zone["networktype"] == "Basic":
        raise param_error("Can't add vnet range to the physical network in the Basic zone")
    bdr = ctx.get("broadcastdomainrange")
    if bdr:
        if bdr.upper() not in ("POD", "ZONE"):
            raise param_error(f"Unable to resolve broadcastDomainRange '{bdr}' to a supported value {{Pod or Zone}}")
        bdr = bdr.upper()
        if zone["networktype"] == "Basic" and bdr != "POD":
            raise param_error("Basic zone can have broadcast domain type of value POD only")
        if zone["networktype"] == "Advanced" and bdr != "ZONE":
            raise param_error("Advance zone can have broadcast domain type of value ZONE only")
    else:
        bdr = "POD" if zone["networktype"] == "Basic" else "ZONE"
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


def _vnet_set(ranges):
    return {n for a, b in ranges for n in range(a, b + 1)}


def _check_vnets_in_use(ctx, pnet, ranges):
    """getVnetsToremove: vnets taken by guest networks may not be removed from the physical network."""
    old = _vnet_set(parse_vnet(pnet.get("vlan") or "", pnet.get("isolationmethods", "")))
    removed = old - _vnet_set(ranges)
    taken = set()
    for net in _networks_on(ctx.sim, pnet["id"]):
        tag = str(net.get("vlan") or "").replace("vlan://", "")
        if tag.isdigit():
            taken.add(int(tag))
    if not ranges and taken & old:
        raise param_error(f"physicalnetwork {pnet['_seq']} has {len(taken & old)} vnets in use")
    for rng in (vnet_string([(n, n) for n in removed]) or "").split(","):
        if rng and "-" in rng:
            a, b = (int(x) for x in rng.split("-"))
            if any(a <= t <= b for t in taken):
                raise param_error(f"physicalnetwork {pnet['_seq']} has allocated vnets in the range {a}-{b}")


def _networks_on(sim, pnet_id):
    return live(sim, "network", physicalnetworkid=pnet_id)


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


# ---- traffic types ----------------------------------------------------------------------------------------------
LABELS = ("xennetworklabel", "kvmnetworklabel", "vmwarenetworklabel", "hypervnetworklabel", "ovm3networklabel")


def _traffic_type_name(value):
    if value not in TRAFFIC_TYPES:
        raise param_error(f"Unable to resolve trafficType '{value}' to a supported value")
    return value


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


# ---- network service providers -----------------------------------------------------------------------------------
def _provider_ready(ctx, nsp):
    etype = ELEMENT_TYPES.get(nsp["name"])
    if etype:
        el = ctx.store.first(etype, nspid=nsp["id"])
        return bool(el and el.get("enabled"))
    return nsp["name"] not in DEVICE_PROVIDERS


def _remove_provider(ctx, nsp):
    etype = ELEMENT_TYPES.get(nsp["name"])
    if etype:
        for el in ctx.store.find(etype, nspid=nsp["id"]):
            ctx.store.delete(etype, el["id"])
    ctx.store.delete("networkserviceprovider", nsp["id"])


def _provider_name(value):
    for name in PROVIDERS:
        if name.lower() == str(value).lower():
            return name
    return None


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


# ---- virtual router and internal LB elements ------------------------------------------------------------------
def _list_elements(ctx, etype):
    els = sorted_seq(ctx.store.all(etype))
    els = ctx.filter_eq(els, ["id", "nspid", "enabled"])
    return els


def _configure_element(ctx, etype, instance_type):
    el = ctx.obj(etype, "id", required=True)
    enabled = ctx.bool("enabled")

    def run():
        cur = ctx.store.get(etype, el["id"])
        cur["enabled"] = enabled
        ctx.store.save(etype, cur)
        return cur

    return ctx.later(run, instance_type, el["id"])


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


# ---- VLAN / public IP ranges ---------------------------------------------------------------------------------------
def _pnet_for(ctx, zone, traffic):
    for pn in sorted_seq(ctx.store.find("physicalnetwork", zoneid=zone["id"])):
        if ctx.store.first("traffictype", physicalnetworkid=pn["id"], traffictype=traffic):
            return pn
    pnets = ctx.store.find("physicalnetwork", zoneid=zone["id"])
    if len(pnets) == 1 and traffic == "Guest":
        return pnets[0]
    raise param_error(f"Unable to find the default physical network with traffic={traffic} in the specified zone id")


def _guest_network(ctx, zone):
    nets = [n for n in live(ctx.sim, "network", zoneid=zone["id"]) if n.get("traffictype") == "Guest" and n.get("type", "Shared") == "Shared"]
    return sorted_seq(nets)[0] if nets else None


@api("createVlanIpRange")
def create_vlan_ip_range(ctx, p):
    st = ctx.store
    network = ctx.obj("network", "networkid")
    pod = ctx.obj("pod", "podid")
    pnet = ctx.obj("physicalnetwork", "physicalnetworkid")
    zone = ctx.obj("zone", "zoneid")
    if zone is None:
        zid = (network or {}).get("zoneid") or (pod or {}).get("zoneid") or (pnet or {}).get("zoneid")
        zone = st.get("zone", zid) if zid else None
    if zone is None:
        raise param_error("Please specify a valid zone.")
    if pod is not None and pod["zoneid"] != zone["id"]:
        raise param_error(f"Pod id={pod['id']} doesn't belong to zone id={zone['id']}")
    virtual = ctx.bool("forvirtualnetwork", True)
    start, end = ctx.get("startip"), ctx.get("endip")
    gateway, netmask = ctx.get("gateway"), ctx.get("netmask")
    if start is None and ctx.get("startipv6") is None:
        raise param_error("Either IPv4 or IPv6 start IP address is needed")
    if start is None:
        raise param_error("IPv6 ranges are not simulated: give startip, endip, gateway and netmask")
    if not virtual and zone["networktype"] == "Advanced" and not zone["securitygroupsenabled"] and network is not None and network.get("cidr"):
        # a direct range of an Advanced zone's shared network: gateway and netmask are the network's
        ncidr = ipaddress.IPv4Network(network["cidr"], strict=False)
        if valid_ip(start) and ipaddress.IPv4Address(start) not in ncidr:
            raise param_error(f"Start ip is not in network cidr: {network['cidr']}")
        if end and valid_ip(end) and ipaddress.IPv4Address(end) not in ncidr:
            raise param_error(f"End ip is not in network cidr: {network['cidr']}")
        gateway, netmask = network.get("gateway") or gateway, str(ncidr.netmask)
    if not gateway or not netmask:
        raise param_error("Gateway, netmask and zoneId have to be passed in for virtual and direct untagged networks")
    for label, ip in (("start", start), ("end", end), ("gateway", gateway)):
        if ip is not None and not valid_ip(ip):
            raise param_error(f"Please specify a valid {label} IP address: {ip}")
    try:
        net = ipaddress.IPv4Network(f"{gateway}/{netmask}", strict=False)
    except ValueError:
        raise param_error(f"Please specify a valid netmask: {netmask}") from None
    end = end or start
    if ipaddress.IPv4Address(start) not in net:
        raise param_error("Please ensure that your start IP is in the same subnet as your IP range's gateway, as per the IP range's netmask.")
    if ipaddress.IPv4Address(end) not in net:
        raise param_error("Please ensure that your end IP is in the same subnet as your IP range's gateway, as per the IP range's netmask.")
    if ip_int(start) > ip_int(end):
        raise param_error("Please specify a valid IP range: the start IP must not be greater than the end IP")
    tag = ctx.get("vlan") or "untagged"
    if tag.startswith("vlan://"):
        tag = tag[len("vlan://"):]
    if tag != "untagged":
        try:
            if not 0 <= int(tag) <= 4095:
                raise ValueError
        except ValueError:
            raise param_error(f"Please specify a valid vlan id: {ctx.get('vlan')}") from None
    if zone["networktype"] == "Basic" and not virtual and pod is None:
        raise param_error("Pod id is required for a direct IP range in a Basic zone")
    if virtual:
        if network is None:
            network_id = zone.get("_publicnetworkid")
        else:
            network_id = network["id"]
        pnet = pnet or _pnet_for(ctx, zone, "Public")
        for pd in st.find("pod", zoneid=zone["id"]):
            for r in pd.get("ipranges", []):
                if ip_int(start) <= ip_int(r["endip"]) and ip_int(r["startip"]) <= ip_int(end):
                    raise param_error(f"The Start IP and endIP address range overlap with private IP :{r['startip']}:{r['endip']}")
    else:
        network = network or _guest_network(ctx, zone)
        if network is None:
            raise param_error(f"Unable to find a guest network in zone {zone['name']} for a direct IP range: give networkid")
        network_id = network["id"]
        if pnet is None and network.get("physicalnetworkid"):
            pnet = st.get("physicalnetwork", network["physicalnetworkid"])
        pnet = pnet or _pnet_for(ctx, zone, "Guest")
    vlan_ipv6.check_ipv4_overlap(zone, st.find("vlaniprange", zoneid=zone["id"]), tag, gateway, net, start, end)
    ip6 = vlan_ipv6.ipv6_fields(ctx, zone)
    vlan = {
        "forvirtualnetwork": virtual, "zoneid": zone["id"], "vlan": f"vlan://{tag}", "gateway": gateway, "netmask": str(net.netmask),
        "cidr": str(net), "startip": start, "endip": end, "forsystemvms": ctx.bool("forsystemvms"), "_vlantag": tag,
    }
    vlan.update(ip6)
    if network_id:
        vlan["networkid"] = network_id
    if pnet:
        vlan["physicalnetworkid"] = pnet["id"]
    if pod is not None:
        vlan.update(podid=pod["id"], podname=pod["name"])
    project = ctx.obj("project", "projectid")
    if ctx.get("account") or project:
        if project:
            vlan.update(project=project["name"], projectid=project["id"], domainid=project.get("domainid"), domain=project.get("domain"))
        else:
            domain = ctx.obj("domain", "domainid") or st.get("domain", ctx.account["domainid"])
            acct = [a for a in st.find("account", domainid=domain["id"]) if a["name"].lower() == ctx.get("account").lower()]
            if not acct:
                raise param_error(f"Please specify a valid account. Cannot find account {ctx.get('account')} in domain {domain['name']}")
            vlan.update(account=acct[0]["name"], domainid=domain["id"], domain=domain["name"])
    elif ctx.get("domainid"):
        domain = ctx.obj("domain", "domainid")
        vlan.update(domainid=domain["id"], domain=domain["name"])
    st.add("vlaniprange", vlan)
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
    used += [v for v in ctx.store.all("systemvm") if v.get("publicip") and vlan.get("startip")  # an SSVM / CPVM address
             and ip_int(vlan["startip"]) <= ip_int(v["publicip"]) <= ip_int(vlan["endip"]) and v.get("zoneid") == vlan["zoneid"]]
    if used:
        raise param_error(f"{len(used)}  Ips are in use. Cannot delete this vlan")
    ctx.store.delete("vlaniprange", vlan["id"])
    return None
