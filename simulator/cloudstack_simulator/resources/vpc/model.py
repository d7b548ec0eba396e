"""VPC offerings, VPCs and their tiers (VpcManagerImpl), and what other families may call.

Store types:
- "vpcoffering": fields of listVPCOfferings; internal _services {service: [providers]} (ordered), _sortkey,
  redundantrouter / serviceofferingid (kept, not shown: 4.18's VpcOfferingResponse has no such field).
  Seeded as a fresh 4.18 has them (shared reference defaults: Default VPC offering, Default VPC  offering with
  Netscaler, Redundant VPC offering).
- "vpc": fields of listVPCs (the "network" list is computed: the VPC's tiers); internal _accountid, _offeringid,
  _started (its router deployed and source NAT IP allocated; createVPC start=false leaves it for the first tier
  that is implemented).

Contract for other families (keep the names):
- get_vpc(ctx, vpcid, name="vpcid") -> the VPC, or CloudStack's 431 for an unknown id (531 without access);
- find_vpc(store_or_ctx, vpcid) -> the VPC or None;
- tiers(ctx_or_sim, vpcid) -> the VPC's networks;
- register_cleanup(fn): deleteVPC calls fn(ctx, vpc) before the VPC goes (ACL lists, private gateways, VPN
  gateways, static routes);
- check_tier(ctx, zone, off, own) / attach_tier(ctx, net, vpc): guestnet's createNetwork with vpcid;
  a tier keeps the aclid it was created with (unchecked here: the ACL family validates it).
Not modelled: redundant VPC routers (makeredundant), region-level VPCs, distributed routers, IPv6, MTU limits.
"""
import ipaddress
import re

from ...backend import backend
from ...context import now
from ...errors import ApiError, invalid_id, param_error
from ...registry import seed
from ...spec import defaults
from ..helpers import as_bool, check_access, owner_view

OFFERINGS = "vpcoffering"
TABLE = "vpc"
SERVICES = ("Vpn", "Dhcp", "Dns", "SourceNat", "PortForwarding", "Lb", "UserData", "StaticNat", "NetworkACL", "Gateway", "Connectivity",
            "SecurityGroup", "Firewall", "BaremetalPxeService")
NOT_IN_VPC = ("SecurityGroup", "Firewall", "BaremetalPxeService")
PROVIDERS = ("VpcVirtualRouter", "InternalLbVm", "Netscaler", "NiciraNvp", "JuniperContrailVpcRouter", "ConfigDrive", "BigSwitchBcf",
             "Ovs", "Tungsten", "VirtualRouter")
CAPABILITIES = {"redundantrouter": "RedundantRouter", "distributedrouter": "DistributedRouter", "regionlevelvpc": "RegionLevelVpc"}
RFC1918 = [ipaddress.IPv4Network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")]
LABEL_RE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
CLEANUP = []


# ---- seed ------------------------------------------------------------------------------------------
@seed(25)
def seed_vpc_offerings(sim):
    """VpcManagerImpl.configure: the default VPC offerings of a fresh 4.18 (db ids 1..3, display text = name)."""
    for row in defaults()["vpc_offerings"]["offerings"]:
        if "4.18" not in row.get("versions", []):
            continue
        sim.store.add(OFFERINGS, {
            "name": row["name"], "displaytext": row["displaytext"], "isdefault": row["isdefault"], "state": row["state"],
            "distributedvpcrouter": row["supportsdistributedrouter"], "supportsregionLevelvpc": row["supportsregionLevelvpc"],
            "created": now(), "_services": {k: list(v) for k, v in row["services"].items()},
            "_redundantrouter": row["redundantrouter"], "_serviceofferingid": row["serviceofferingid"], "_sortkey": 0,
        })


# ---- the contract for other families -----------------------------------------------------------------------
def _store(x):
    return getattr(x, "store", x)


def register_cleanup(fn):
    """fn(ctx, vpc) runs when deleteVPC removes a VPC (before it goes)."""
    CLEANUP.append(fn)
    return fn


def find_vpc(store_or_ctx, vpcid):
    vpc = _store(store_or_ctx).get(TABLE, vpcid) if vpcid else None
    return None if vpc is None or vpc.get("_removed") else vpc


def get_vpc(ctx, vpcid, name="vpcid"):
    vpc = find_vpc(ctx, vpcid)
    if vpc is None:
        raise invalid_id(ctx.command, name, vpcid)
    check_access(ctx, vpc, "VPC")
    return vpc


def tiers(ctx, vpcid):
    return sorted((n for n in _store(ctx).all("network") if n.get("vpcid") == vpcid and not n.get("_removed")), key=lambda n: n.get("_seq", 0))


def vpc_text(vpc):
    """VpcVO.toString in 4.18."""
    return f"[VPC [{vpc.get('_seq')}-{vpc.get('name')}]"


def _net_text(net):
    """NetworkVO.toString in 4.18."""
    off = net.get("_offseq", net.get("networkofferingid"))
    return f"Ntwk[{net.get('_seq')}|{net.get('traffictype', 'Guest')}|{off}]"


# ---- views ---------------------------------------------------------------------------------------------
def _service_list(services):
    return [{"name": svc, "provider": [{"name": p} for p in provs]} for svc, provs in services.items()]


def offering_view(off):
    view = dict(off)
    view["service"] = _service_list(off.get("_services") or {})
    return view


def vpc_view(ctx, vpc):
    view = dict(vpc)
    off = ctx.store.get(OFFERINGS, vpc.get("vpcofferingid")) or {}
    view["service"] = _service_list(off.get("_services") or {})
    view["network"] = tiers(ctx, vpc["id"])
    return view


# ---- VPC offerings -----------------------------------------------------------------------------------
def _canonical(value, choices, text):
    for c in choices:
        if c.lower() == str(value).lower():
            return c
    raise param_error(text)


def offering_services(ctx):
    """supportedservices, serviceproviderlist -> {service: [providers]} as createVpcOffering builds it."""
    services = {}
    for name in ctx.list("supportedservices"):
        svc = _canonical(name, SERVICES, f"Service {name} is not supported in VPC")
        if svc in NOT_IN_VPC:
            raise param_error(f"Service {name} is not supported in VPC")
        services[svc] = ["NiciraNvp"] if svc == "Connectivity" else ["VpcVirtualRouter"]
    services.setdefault("SourceNat", ["VpcVirtualRouter"])
    services.setdefault("NetworkACL", ["VpcVirtualRouter"])
    given = {}
    for entry in ctx.map_param("serviceproviderlist"):
        name, prov = entry.get("service"), entry.get("provider")
        svc = next((s for s in services if s.lower() == str(name).lower()), None)
        if svc is None:
            raise param_error(f"Service {name} is not enabled for the network offering, can't add a provider to it")
        provider = _canonical(prov, PROVIDERS, f"Invalid service provider: {prov}")
        given.setdefault(svc, [])
        if provider not in given[svc]:
            given[svc].append(provider)
    services.update(given)
    services["Gateway"] = list(services["SourceNat"])
    return services


def offering_capabilities(ctx, services):
    """servicecapabilitylist -> {redundantrouter, distributedrouter, regionlevelvpc} booleans (CloudStack's checks and texts)."""
    found = {k: False for k in CAPABILITIES}
    for cap in ctx.map_param("servicecapabilitylist"):
        name, value, svc = cap.get("capabilitytype"), cap.get("capabilityvalue"), cap.get("service")
        key = str(name or "").lower()
        if key not in CAPABILITIES or value is None:
            raise param_error(f"Invalid capability:{name} capability value:{value}")
        if str(value).lower() not in ("true", "false"):
            raise param_error(f"Invalid Capability value:{value} specified.")
        want = "SourceNat" if key == "redundantrouter" else "Connectivity"
        if str(svc or "").lower() != want.lower():
            raise param_error(f"Invalid Service: {svc} specified. Capability {want} can be specified only for service {CAPABILITIES[key]}")
        found[key] = str(value).lower() == "true"
    return found


def get_offering(ctx, name="id"):
    return ctx.obj(OFFERINGS, name, required=True)


def offering_in_use(ctx, off):
    return [v for v in ctx.store.all(TABLE) if v.get("vpcofferingid") == off["id"] and not v.get("_removed")]


# ---- VPCs --------------------------------------------------------------------------------------------------
def check_cidr(cidr):
    """VpcManagerImpl.createVpc: a valid IPv4 CIDR (a.b.c.d/n), RFC 1918."""
    try:
        if "/" not in str(cidr):
            raise ValueError(cidr)
        net = ipaddress.IPv4Network(cidr, strict=False)
    except ValueError:
        raise param_error(f"Invalid CIDR specified {cidr}") from None
    if not any(net.subnet_of(r) for r in RFC1918):
        raise param_error(f"Guest Cidr {cidr} is not RFC1918 compliant")
    return str(net)


def check_network_domain(domain):
    labels = str(domain).split(".")
    if len(domain) > 190 or not all(LABEL_RE.match(lb) for lb in labels):
        raise param_error("Invalid network domain. Total length shouldn't exceed 190 chars. Each domain label must be between 1 and 63 "
                          "characters long, can contain ASCII letters 'a' through 'z', the digits '0' through '9', and the hyphen ('-'); "
                          "can't start or end with \"-\"")


def default_network_domain(ctx, own):
    acc = ctx.store.get("account", own.get("_accountid")) or {}
    suffix = ctx.config("guest.domain.suffix", "cloud.internal") or "cloud.internal"
    return f"cs{acc.get('_seq', 2):x}{suffix}"


def check_providers(ctx, zone, off):
    """VpcManagerImpl.finalizeServicesAndProvidersForVpc: each provider of the offering is enabled on a physical network of the zone."""
    pnets = {p["id"] for p in ctx.store.all("physicalnetwork") if p.get("zoneid") == zone["id"] and not p.get("_removed")}
    enabled = {n.get("name") for n in ctx.store.all("networkserviceprovider") if n.get("physicalnetworkid") in pnets and n.get("state") == "Enabled"}
    for provs in (off.get("_services") or {}).values():
        for prov in provs:
            if prov not in enabled:
                raise param_error(f"Provider {prov} should be enabled in at least one physical network of the zone specified")


def new_vpc(ctx, zone, off, own, cidr, networkdomain):
    vpc = {
        "name": ctx.require("name"), "displaytext": ctx.require("displaytext"), "state": "Enabled", "zoneid": zone["id"],
        "zonename": zone.get("name"), "cidr": cidr, "vpcofferingid": off["id"], "vpcofferingname": off.get("name"), "created": now(),
        **owner_view(own), "_accountid": own.get("_accountid"), "restartrequired": False, "networkdomain": networkdomain, "tags": [],
        "fordisplay": ctx.bool("fordisplay", True), "distributedvpcrouter": as_bool(off.get("distributedvpcrouter")),
        "regionlevelvpc": as_bool(off.get("supportsregionLevelvpc")), "redundantvpcrouter": as_bool(off.get("_redundantrouter")),
        "hasannotations": False, "dns1": ctx.get("dns1"), "dns2": ctx.get("dns2"), "ip6dns1": ctx.get("ip6dns1"), "ip6dns2": ctx.get("ip6dns2"),
        "publicmtu": ctx.int("publicmtu", 1500), "_started": False,
    }
    ctx.store.add(TABLE, vpc)
    backend.monitoring.record_event(ctx, "VPC.CREATE", f"Successfully created VPC {vpc['name']}. VPC Id: {vpc['id']}", vpc, "Vpc")
    return vpc


def _own(vpc):
    return {**owner_view(vpc), "_accountid": vpc.get("_accountid")}


def source_nat_ip(sim, vpc):
    return next((ip for ip in sim.store.all("publicipaddress") if ip.get("vpcid") == vpc["id"] and ip.get("issourcenat")), None)


def routers_of(sim, vpc):
    # DomainRouterDao.listByVpcId: the VPC's virtual routers (not the internal LB VMs of its tiers, rows of the same table)
    return [r for r in sim.store.all("router") if r.get("vpcid") == vpc["id"] and r.get("role", "VIRTUAL_ROUTER") == "VIRTUAL_ROUTER"]


def start(ctx, vpc):
    """VpcVirtualRouterElement.implementVpc: the source NAT public IP and the VPC's virtual router."""
    zone = ctx.store.get("zone", vpc["zoneid"]) or {"id": vpc["zoneid"]}
    if source_nat_ip(ctx.sim, vpc) is None:
        try:
            ip = backend.guestnet.new_public_ip(ctx, zone, _own(vpc))
        except ApiError as err:
            raise ApiError(530, "new source NAT address cannot be acquired") from err
        ip.update(issourcenat=True, vpcid=vpc["id"], vpcname=vpc.get("name"))
        ctx.store.save("publicipaddress", ip)
    if not routers_of(ctx.sim, vpc):
        backend.routers.deploy(ctx.sim, zone, _own(vpc), vpc=vpc)
    vpc["_started"] = True
    ctx.store.save(TABLE, vpc)


def on_tier_implemented(ctx, net):
    """A tier got its first VM (or IP): a VPC created with start=false starts now."""
    vpc = find_vpc(ctx, net.get("vpcid"))
    if vpc is not None and not vpc.get("_started"):
        start(ctx, vpc)


def restart(ctx, vpc, cleanup):
    """restartVPC: cleanup=true replaces the VPC's routers; restartrequired is cleared."""
    if cleanup:
        for r in routers_of(ctx.sim, vpc):
            backend.routers.destroy(ctx.sim, r)
    if vpc.get("_started") or cleanup:
        start(ctx, vpc)
    vpc["restartrequired"] = False
    ctx.store.save(TABLE, vpc)


def destroy(ctx, vpc):
    """VpcManagerImpl.destroyVpc after the tier check: cleanup hooks, public IPs, routers, tags, the VPC."""
    vpc["state"] = "Inactive"
    for fn in CLEANUP:
        fn(ctx, vpc)
    for ip in list(ctx.store.all("publicipaddress")):
        if ip.get("vpcid") == vpc["id"]:
            backend.guestnet.release_public_ip(ctx.sim, ip)
    for r in routers_of(ctx.sim, vpc):
        backend.routers.destroy(ctx.sim, r)
    backend.guestnet.delete_tags_of(ctx.sim, vpc["id"])
    ctx.store.delete(TABLE, vpc["id"])
    backend.monitoring.record_event(ctx, "VPC.DELETE", f"Successfully deleted VPC {vpc['name']}", vpc, "Vpc")


def check_deletable(ctx, vpc):
    count = len(tiers(ctx, vpc["id"]))
    if count:
        raise param_error(f"Can't delete VPC {vpc_text(vpc)} as its used by {count} networks")


@backend.identity.on_account_removed
def on_account_deleted(ctx, acc):
    """AccountManagerImpl.cleanupAccount: the account's VPCs go (after its networks)."""
    for vpc in list(ctx.store.all(TABLE)):
        if vpc.get("_accountid") == acc["id"]:
            destroy(ctx, vpc)


# ---- tiers (createNetwork with vpcid) ---------------------------------------------------------------------
def _tier_cidr(ctx):
    gateway, netmask = ctx.get("gateway"), ctx.get("netmask")
    if not (gateway and netmask):
        raise param_error("Gateway/netmask are required when create network for VPC")
    return gateway, ipaddress.IPv4Network(f"{gateway}/{netmask}", strict=False)


def _check_tier_offering(ctx, off):
    services = backend.guestnet.offering_services(off)
    if not as_bool(off.get("forvpc")):
        raise param_error("Network offering can't be used for VPC networks")
    if off.get("guestiptype") != "Isolated" or not ({"SourceNat", "Gateway"} & set(services)):
        raise param_error("Only network offerings of type Isolated with service SourceNat are valid for vpc ")
    return services


def check_tier(ctx, zone, off, own):
    """NetworkServiceImpl.createGuestNetwork -> VpcManagerImpl.createVpcGuestNetwork: may this new network join the VPC?

    Returns the VPC. Checks (CloudStack's order and texts): the VPC exists and is Enabled, the zone, the offering
    (forvpc, Isolated with SourceNat, providers of the VPC offering), the tier count (vpc.max.networks), gateway/netmask
    inside the VPC's CIDR, no overlap with another tier, the network domain, the gateway not the subnet address, and
    NetworkACL support when aclid is given."""
    vpc = get_vpc(ctx, ctx.get("vpcid"))
    services = _check_tier_offering(ctx, off)
    if vpc.get("state") != "Enabled":
        raise param_error("Unable to find Enabled VPC ")
    if vpc["zoneid"] != zone["id"]:
        raise param_error("New network doesn't belong to vpc zone")
    vpc_services = (ctx.store.get(OFFERINGS, vpc.get("vpcofferingid")) or {}).get("_services") or {}
    for svc, provs in services.items():
        for prov in provs:
            if prov not in (vpc_services.get(svc) or []):
                raise param_error(f"Service/provider combination {svc}/{prov} is not supported by VPC {vpc_text(vpc)}")
    limit = int(ctx.config("vpc.max.networks", 3) or 3)
    if len(tiers(ctx, vpc["id"])) >= limit:
        raise ApiError(530, f"Number of networks per VPC cannot surpass [{limit}].")
    gateway, cidr = _tier_cidr(ctx)
    if not cidr.subnet_of(ipaddress.IPv4Network(vpc["cidr"])):
        raise param_error(f"Network cidr {cidr} is not within vpc {vpc_text(vpc)} cidr")
    for other in tiers(ctx, vpc["id"]):
        if other.get("cidr") and ipaddress.IPv4Network(other["cidr"]).overlaps(cidr):
            raise param_error(f"Network cidr {cidr} crosses other network cidr {_net_text(other)} belonging to the same vpc {vpc_text(vpc)}")
    domain = ctx.get("networkdomain")
    if domain and domain.lower() != str(vpc.get("networkdomain") or "").lower():
        raise param_error(f"Network domain of the new network should match network domain of vpc {vpc_text(vpc)}")
    if str(cidr.network_address) == gateway:
        raise param_error("Invalid gateway specified. It should never be equal to the cidr subnet value")
    if ctx.get("aclid") and "NetworkACL" not in services:
        raise param_error("Cannot apply NetworkACL. Network Offering does not support NetworkACL service")
    return vpc


def attach_tier(ctx, net, vpc):
    """The new network is a tier of vpc: vpcid/vpcname, the VPC's network domain, aclid as given."""
    net.update(vpcid=vpc["id"], vpcname=vpc.get("name"), networkdomain=vpc.get("networkdomain"))
    if ctx.get("aclid"):
        net["aclid"] = ctx.get("aclid")
    ctx.store.save("network", net)
    return net
