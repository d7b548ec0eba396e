"""The VPC commands (VPC offerings, VPCs): parameters in, views out; the state and rules are in model.py."""
from ...backend import backend
from ...context import ROOT_ADMIN
from ...errors import ApiError, param_error
from ...registry import api
from ..helpers import check_limits, owner, tags_matching
from .model import (
    OFFERINGS,
    TABLE,
    check_cidr,
    check_deletable,
    check_network_domain,
    check_providers,
    default_network_domain,
    destroy,
    get_offering,
    get_vpc,
    new_vpc,
    offering_capabilities,
    offering_in_use,
    offering_services,
    offering_view,
    restart,
    start,
    vpc_view,
)


def _root_only(ctx):
    if int(ctx.account.get("accounttype", 0)) != ROOT_ADMIN:
        raise ApiError(531, f"Account {ctx.account['name']} does not have permission to manage VPC offerings")


def _scope_ids(ctx, name, table):
    """domainid / zoneid of an offering: comma-separated ids, each must exist."""
    out = []
    for value in ctx.list(name):
        if ctx.store.get(table, value) is None:
            raise param_error(f"Please specify a valid {'domain' if table == 'domain' else 'zone'} id")
        out.append(ctx.store.get(table, value))
    return out


def _apply_scope(off, doms, zones):
    if doms:
        off["domainid"], off["domain"] = ",".join(d["id"] for d in doms), ",".join(d["name"] for d in doms)
    if zones:
        off["zoneid"], off["zone"] = ",".join(z["id"] for z in zones), ",".join(z["name"] for z in zones)


# ---- VPC offerings ---------------------------------------------------------------------------------------
@api("createVPCOffering")
def create_vpc_offering(ctx, p):
    _root_only(ctx)
    name, displaytext = ctx.require("name"), ctx.require("displaytext")
    ctx.require("supportedservices")
    doms, zones = _scope_ids(ctx, "domainid", "domain"), _scope_ids(ctx, "zoneid", "zone")
    so = ctx.obj("serviceoffering", "serviceofferingid")
    if so is not None and (not so.get("issystem") or str(so.get("systemvmtype") or "").lower() != "domainrouter"):
        raise param_error("The specified service offering is not a system offering for the domain router")
    services = offering_services(ctx)
    caps = offering_capabilities(ctx, services)
    off = {
        "name": name, "displaytext": displaytext, "isdefault": False, "state": "Enabled" if ctx.bool("enable") else "Disabled",
        "distributedvpcrouter": caps["distributedrouter"], "supportsregionLevelvpc": caps["regionlevelvpc"], "created": ctx.now(),
        "internetprotocol": ctx.get("internetprotocol"), "_services": services, "_redundantrouter": caps["redundantrouter"],
        "_serviceofferingid": so["id"] if so else None, "_sortkey": 0,
    }
    _apply_scope(off, doms, zones)
    ctx.store.add(OFFERINGS, off)
    backend.monitoring.record_event(ctx, "VPC.OFFERING.CREATE", f"Successfully created VPC offering {name}", off, "VpcOffering")
    return offering_view(off)


@api("updateVPCOffering")
def update_vpc_offering(ctx, p):
    _root_only(ctx)
    off = get_offering(ctx)
    return ctx.later(lambda: _update_offering(ctx, off["id"]), "VpcOffering", off["id"])


def _update_offering(ctx, offid):
    """VpcManagerImpl.updateVpcOfferingInternal (in the job: its refusals fail the job)."""
    off = ctx.store.get(OFFERINGS, offid)
    if off is None:
        raise param_error(f"Unable to find vpc offering {offid}")
    state = ctx.get("state")
    doms = zones = None
    if ctx.get("domainid") is not None and ctx.get("domainid").lower() != "public":
        doms = _scope_ids(ctx, "domainid", "domain")
    if ctx.get("zoneid") is not None and ctx.get("zoneid").lower() != "all":
        zones = _scope_ids(ctx, "zoneid", "zone")
    if state is not None and state.lower() not in ("enabled", "disabled"):
        raise param_error(f"Incorrect state value: {state}")
    for field in ("name", "displaytext"):
        if ctx.get(field) is not None:
            off[field] = ctx.get(field)
    if state is not None:
        off["state"] = state.capitalize()
    if ctx.get("sortkey") is not None:
        off["_sortkey"] = ctx.int("sortkey")
    for param, fields in (("domainid", ("domainid", "domain")), ("zoneid", ("zoneid", "zone"))):
        if ctx.get(param) is not None:
            for f in fields:
                off.pop(f, None)
    _apply_scope(off, doms, zones)
    ctx.store.save(OFFERINGS, off)
    backend.monitoring.record_event(ctx, "VPC.OFFERING.UPDATE", f"Successfully updated VPC offering {off['name']}", off, "VpcOffering")
    return offering_view(off)


@api("deleteVPCOffering")
def delete_vpc_offering(ctx, p):
    _root_only(ctx)
    off = get_offering(ctx)
    offid = off["id"]

    def finish():  # VpcManagerImpl.deleteVpcOffering, in the job
        cur = ctx.store.get(OFFERINGS, offid)
        if cur is None:
            raise param_error(f"unable to find vpc offering {offid}")
        if cur.get("isdefault"):
            raise param_error("Default network offering can't be deleted")
        used = offering_in_use(ctx, cur)
        if used:
            raise param_error(f"Can't delete vpc offering {cur['_seq']} as its used by {len(used)} vpcs. "
                              "To make the network offering unavailable, disable it")
        ctx.store.delete(OFFERINGS, offid)
        backend.monitoring.record_event(ctx, "VPC.OFFERING.DELETE", f"Successfully deleted VPC offering {cur['name']}", cur, "VpcOffering")
        return None

    return ctx.later(finish, "VpcOffering", offid)


def _visible(ctx, off, domainid):
    if not off.get("domainid") or (ctx.is_root_admin and not domainid):
        return True
    target = ctx.store.get("domain", domainid or ctx.account["domainid"]) or {}
    for did in off["domainid"].split(","):
        dom = ctx.store.get("domain", did) or {}
        if str(target.get("_path", "")).startswith(str(dom.get("_path", "\0"))):
            return True
    return False


@api("listVPCOfferings")
def list_vpc_offerings(ctx, p):
    offs = sorted(ctx.store.all(OFFERINGS), key=lambda o: (o.get("_sortkey", 0), o["_seq"]))
    if ctx.get("domainid"):
        ctx.obj("domain", "domainid")
    offs = ctx.filter_eq(offs, ["id", ("state", "state")], ci_fields=("state",))
    for name in ("name", "displaytext"):
        if ctx.get(name):
            offs = [o for o in offs if ctx.get(name).lower() in str(o.get(name, "")).lower()]  # LIKE %value%
    if ctx.get("isdefault") is not None:
        offs = [o for o in offs if bool(o.get("isdefault")) == ctx.bool("isdefault")]
    if ctx.get("zoneid"):
        offs = [o for o in offs if not o.get("zoneid") or ctx.get("zoneid") in o["zoneid"].split(",")]
    offs = [o for o in offs if _visible(ctx, o, ctx.get("domainid"))]
    wanted = ctx.list("supportedservices")
    if wanted:
        known = {s.lower(): s for o in offs for s in o.get("_services", {})} | {s.lower(): s for s in
                                                                               ("Vpn", "Dhcp", "Dns", "SourceNat", "PortForwarding", "Lb", "UserData",
                                                                                "StaticNat", "NetworkACL", "Gateway", "Connectivity", "Firewall",
                                                                                "SecurityGroup")}
        for w in wanted:
            if w.lower() not in known:
                raise param_error(f"Invalid service specified {w}")
        offs = [o for o in offs if {w.lower() for w in wanted} <= {s.lower() for s in o.get("_services", {})}]
    return [offering_view(o) for o in ctx.filter_keyword(offs, ("name", "displaytext"))]


# ---- VPCs -----------------------------------------------------------------------------------------------------
@api("createVPC")
def create_vpc(ctx, p):
    own = owner(ctx)
    check_limits(ctx, own, {7: 1})  # ResourceType.vpc
    zone = ctx.obj("zone", "zoneid", required=True)
    off = ctx.obj(OFFERINGS, "vpcofferingid", required=True)
    if off.get("state") != "Enabled":
        raise param_error("Unable to find vpc offering in Enabled state by specified id")
    if off.get("zoneid") and zone["id"] not in off["zoneid"].split(","):
        raise ApiError(531, f"Entity {off['_seq']} is not available in zone {zone.get('name')}")
    domain = ctx.get("networkdomain")
    if off.get("supportsregionLevelvpc") and not domain:
        raise param_error("Network domain must be specified for region level VPC")
    if zone.get("allocationstate") == "Disabled" and not ctx.is_root_admin:
        raise ApiError(531, "Cannot perform this operation since specified Zone is currently disabled")
    domain = domain or default_network_domain(ctx, own)
    check_network_domain(domain)
    cidr = check_cidr(ctx.require("cidr"))
    check_providers(ctx, zone, off)
    vpc = new_vpc(ctx, zone, off, own, cidr, domain)
    vpcid = vpc["id"]
    if not ctx.bool("start", True):
        return vpc_view(ctx, vpc)

    def finish():  # CreateVPCCmd.execute: startVpc (destroyed again when it fails)
        cur = ctx.store.get(TABLE, vpcid)
        if cur is None:
            raise ApiError(530, f"Failed to create VPC {vpcid}")
        try:
            start(ctx, cur)
        except ApiError:
            destroy(ctx, cur)  # startVpc(destroyOnFailure=true); CreateVPCCmd then finds no VPC
            raise ApiError(530, "Failed to create VPC") from None
        return vpc_view(ctx, cur)

    return ctx.later(finish, "Vpc", vpcid)


@api("listVPCs")
def list_vpcs(ctx, p):
    vpcs = [v for v in ctx.store.all(TABLE) if not v.get("_removed")]
    if ctx.get("id"):
        ctx.obj(TABLE, "id")
    vpcs = ctx.scope(vpcs)
    vpcs = ctx.filter_eq(vpcs, ["id", "zoneid", "vpcofferingid", "cidr", ("state", "state")], ci_fields=("state",))
    for name in ("name", "displaytext"):
        if ctx.get(name):
            vpcs = [v for v in vpcs if ctx.get(name).lower() in str(v.get(name, "")).lower()]  # LIKE %value%
    for name, field in (("restartrequired", "restartrequired"), ("fordisplay", "fordisplay")):
        if ctx.get(name) is not None:
            vpcs = [v for v in vpcs if bool(v.get(field)) == ctx.bool(name)]
    tags = ctx.map_param("tags")
    if tags:
        vpcs = [v for v in vpcs if tags_matching(v, tags)]
    wanted = {w.lower() for w in ctx.list("supportedservices")}
    if wanted:
        def services(v):
            return {s.lower() for s in (ctx.store.get(OFFERINGS, v.get("vpcofferingid")) or {}).get("_services", {})}
        vpcs = [v for v in vpcs if wanted <= services(v)]
    vpcs = sorted(ctx.filter_keyword(vpcs, ("name", "displaytext")), key=lambda v: v["_seq"], reverse=True)  # created desc
    return [vpc_view(ctx, v) for v in vpcs]


@api("updateVPC")
def update_vpc(ctx, p):
    vpc = get_vpc(ctx, ctx.require("id"), "id")
    if ctx.get("customid") and not ctx.is_root_admin:
        raise ApiError(531, "Only root admin can set a custom id")
    vpcid = vpc["id"]

    def finish():
        cur = ctx.store.get(TABLE, vpcid)
        if cur is None:
            raise param_error(f"Unable to find vpc by id {vpcid}")
        for name in ("name", "displaytext"):
            if ctx.get(name) is not None:
                cur[name] = ctx.get(name)
        if ctx.get("fordisplay") is not None:
            cur["fordisplay"] = ctx.bool("fordisplay")
        if ctx.get("publicmtu") is not None:
            cur["publicmtu"] = ctx.int("publicmtu")
        ctx.store.save(TABLE, cur)
        backend.monitoring.record_event(ctx, "VPC.UPDATE", f"Successfully updated VPC {cur['name']}", cur, "Vpc")
        return vpc_view(ctx, cur)

    return ctx.later(finish, "Vpc", vpcid)


@api("restartVPC")
def restart_vpc(ctx, p):
    vpc = get_vpc(ctx, ctx.require("id"), "id")
    if vpc.get("state") != "Enabled":
        raise param_error("Unable to find Enabled VPC by id specified")
    vpcid = vpc["id"]

    def finish():
        cur = ctx.store.get(TABLE, vpcid)
        if cur is None:
            raise param_error("Unable to find Enabled VPC by id specified")
        restart(ctx, cur, ctx.bool("cleanup"))
        backend.monitoring.record_event(ctx, "VPC.RESTART", f"Successfully restarted VPC {cur['name']}", cur, "Vpc")
        return None

    return ctx.later(finish, "Vpc", vpcid)


@api("deleteVPC")
def delete_vpc(ctx, p):
    vpc = get_vpc(ctx, ctx.require("id"), "id")
    vpcid = vpc["id"]

    def finish():
        cur = ctx.store.get(TABLE, vpcid)
        if cur is None:
            return None
        check_deletable(ctx, cur)
        destroy(ctx, cur)
        return None

    return ctx.later(finish, "Vpc", vpcid)
