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

from ...errors import param_error
from ..helpers import ip_int, live, sorted_seq, valid_ip

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


# ---- traffic types ----------------------------------------------------------------------------------------------
LABELS = ("xennetworklabel", "kvmnetworklabel", "vmwarenetworklabel", "hypervnetworklabel", "ovm3networklabel")


def _traffic_type_name(value):
    if value not in TRAFFIC_TYPES:
        raise param_error(f"Unable to resolve trafficType '{value}' to a supported value")
    return value


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


# ---- VLAN IP ranges: createVlanIpRange's checks, in CloudStack's order ---------------------------------------------
def vlan_range_zone(ctx, network, pod, pnet):
    """The zone of a new range: zoneid, else that of the network, pod or physical network given."""
    zone = ctx.obj("zone", "zoneid")
    if zone is None:
        zid = (network or {}).get("zoneid") or (pod or {}).get("zoneid") or (pnet or {}).get("zoneid")
        zone = ctx.store.get("zone", zid) if zid else None
    if zone is None:
        raise param_error("Please specify a valid zone.")
    if pod is not None and pod["zoneid"] != zone["id"]:
        raise param_error(f"Pod id={pod['id']} doesn't belong to zone id={zone['id']}")
    return zone


def _check_ip_params(start, end, gateway, netmask):
    if not gateway or not netmask:
        raise param_error("Gateway, netmask and zoneId have to be passed in for virtual and direct untagged networks")
    for label, ip in (("start", start), ("end", end), ("gateway", gateway)):
        if ip is not None and not valid_ip(ip):
            raise param_error(f"Please specify a valid {label} IP address: {ip}")
    try:
        return ipaddress.IPv4Network(f"{gateway}/{netmask}", strict=False)
    except ValueError:
        raise param_error(f"Please specify a valid netmask: {netmask}") from None


def vlan_range_addresses(ctx, zone, network, virtual):
    """(start, end, gateway, IPv4Network) of a new range, checked; a direct range of an Advanced zone's shared network
    takes the network's gateway and netmask."""
    start, end = ctx.get("startip"), ctx.get("endip")
    gateway, netmask = ctx.get("gateway"), ctx.get("netmask")
    if start is None and ctx.get("startipv6") is None:
        raise param_error("Either IPv4 or IPv6 start IP address is needed")
    if start is None:
        raise param_error("IPv6 ranges are not simulated: give startip, endip, gateway and netmask")
    if not virtual and zone["networktype"] == "Advanced" and not zone["securitygroupsenabled"] and network is not None and network.get("cidr"):
        ncidr = ipaddress.IPv4Network(network["cidr"], strict=False)
        if valid_ip(start) and ipaddress.IPv4Address(start) not in ncidr:
            raise param_error(f"Start ip is not in network cidr: {network['cidr']}")
        if end and valid_ip(end) and ipaddress.IPv4Address(end) not in ncidr:
            raise param_error(f"End ip is not in network cidr: {network['cidr']}")
        gateway, netmask = network.get("gateway") or gateway, str(ncidr.netmask)
    net = _check_ip_params(start, end, gateway, netmask)
    end = end or start
    if ipaddress.IPv4Address(start) not in net:
        raise param_error("Please ensure that your start IP is in the same subnet as your IP range's gateway, as per the IP range's netmask.")
    if ipaddress.IPv4Address(end) not in net:
        raise param_error("Please ensure that your end IP is in the same subnet as your IP range's gateway, as per the IP range's netmask.")
    if ip_int(start) > ip_int(end):
        raise param_error("Please specify a valid IP range: the start IP must not be greater than the end IP")
    return start, end, gateway, net


def vlan_tag(ctx):
    """The range's VLAN tag ("untagged", or 0..4095 with or without vlan://)."""
    tag = ctx.get("vlan") or "untagged"
    if tag.startswith("vlan://"):
        tag = tag[len("vlan://"):]
    if tag != "untagged":
        try:
            if not 0 <= int(tag) <= 4095:
                raise ValueError
        except ValueError:
            raise param_error(f"Please specify a valid vlan id: {ctx.get('vlan')}") from None
    return tag


def vlan_range_network(ctx, zone, network, pnet, virtual, start, end):
    """(network id, physical network) of a new range: a public range is the zone's public network's (and must not
    overlap a pod's private range); a direct range is a guest network's."""
    st = ctx.store
    if virtual:
        network_id = zone.get("_publicnetworkid") if network is None else network["id"]
        pnet = pnet or _pnet_for(ctx, zone, "Public")
        for pd in st.find("pod", zoneid=zone["id"]):
            for r in pd.get("ipranges", []):
                if ip_int(start) <= ip_int(r["endip"]) and ip_int(r["startip"]) <= ip_int(end):
                    raise param_error(f"The Start IP and endIP address range overlap with private IP :{r['startip']}:{r['endip']}")
        return network_id, pnet
    network = network or _guest_network(ctx, zone)
    if network is None:
        raise param_error(f"Unable to find a guest network in zone {zone['name']} for a direct IP range: give networkid")
    if pnet is None and network.get("physicalnetworkid"):
        pnet = st.get("physicalnetwork", network["physicalnetworkid"])
    return network["id"], pnet or _pnet_for(ctx, zone, "Guest")


def vlan_range_owner(ctx, vlan):
    """A range dedicated to an account or project (or a domain) carries its owner."""
    st = ctx.store
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
