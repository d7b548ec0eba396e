"""VPC private gateways and static routes (VpcManagerImpl.createVpcPrivateGateway / createStaticRoute in 4.18).

Store types:
- "privategateway": fields of listPrivateGateways (vlan as the network's broadcast URI, vlan://<tag>); the owner is
  the VPC's. Internal: _accountid, _vlantag. The ACL family reads and sets aclid/aclname on it
  (replaceNetworkACLList gatewayid) and reads state and vpcid.
- "staticroute": fields of listStaticRoutes (state Add while its job runs, then Active). Internal: _accountid.

A gateway's private network (vpc-<name>-privateNetwork, a hidden system network in CloudStack) is not modelled as a
network object: its VLAN and CIDR are kept on the gateway and checked against other gateways and guest networks.
The ACL lists are read from the ACL family's table "networkacllist" (read only; without that family a gateway has
no ACL and aclid names nothing).
Rules and texts: VpcManagerImpl (InvalidParameterValueException = 431, NetworkRuleConflictException = 537,
CloudRuntimeException = 530), NetworkServiceImpl.createPrivateNetwork.
"""
import ipaddress

from ...backend import backend
from ...context import now
from ...errors import ApiError, invalid_id, param_error
from ..helpers import check_access, check_ip, owner_view

GATEWAYS = "privategateway"
ROUTES = "staticroute"
ACL_LISTS = "networkacllist"
LINK_LOCAL = ipaddress.IPv4Network("169.254.0.0/16")


# ---- lookups ------------------------------------------------------------------------------------------------------
def get_gateway(ctx, name="id", value=None):
    value = value or ctx.require(name)
    gw = ctx.store.get(GATEWAYS, value)
    if gw is None:
        raise invalid_id(ctx.command, name, value)
    check_access(ctx, gw, "private gateway")
    return gw


def get_route(ctx, name="id"):
    value = ctx.require(name)
    route = ctx.store.get(ROUTES, value)
    if route is None:
        raise invalid_id(ctx.command, name, value)
    check_access(ctx, route, "static route")
    return route


def routes_of_gateway(store, gwid):
    return [r for r in store.all(ROUTES) if r.get("gatewayid") == gwid]


def gateway_text(gw):
    """VpcGatewayVO.toString."""
    return f"VpcGateway[{gw.get('_seq')}|{gw.get('ipaddress')}|{gw.get('vpcid')}]"


def route_text(route):
    """StaticRouteVO.toString."""
    return f"StaticRoute[{route.get('id')}|{route.get('cidr')}|{route.get('gatewayid')}]"


# ---- private gateways ---------------------------------------------------------------------------------------------------
def _acl(ctx, vpc):
    """aclid given: a default list or one of the VPC; none: default_deny (NetworkACL.DEFAULT_DENY)."""
    aclid = ctx.get("aclid")
    if not aclid:
        return next((a for a in ctx.store.all(ACL_LISTS) if a.get("name") == "default_deny" and not a.get("vpcid")), None)
    acl = ctx.store.get(ACL_LISTS, aclid)
    if acl is None:
        raise invalid_id(ctx.command, "aclid", aclid)
    if acl.get("vpcid") and acl["vpcid"] != vpc["id"]:
        raise param_error("Private gateway and network acl are not in the same vpc")
    return acl


def _offering(ctx):
    off = ctx.obj("networkoffering", "networkofferingid")
    if off is None:
        return None
    if off.get("traffictype", "Guest") != "Guest":
        raise param_error("The network offering cannot be used to create Guest network")
    if off.get("guestiptype") != "Isolated":
        raise param_error("The network offering cannot be used to create Isolated network")
    return off


def _check_vlan_or_network(ctx, off):
    """validateVpcPrivateGatewayAssociateNetworkId: vlan (root admin) or associatednetworkid, not both."""
    vlan, assoc = ctx.get("vlan"), ctx.get("associatednetworkid")
    if not vlan and not assoc:
        raise param_error("One of vlanId and associatedNetworkId must be specified")
    if vlan and assoc:
        raise param_error("vlanId and associatedNetworkId are mutually exclusive")
    specify_vlan = off is None or str(off.get("specifyvlan")).lower() == "true"
    if not ctx.is_root_admin and (vlan or ctx.bool("bypassvlanoverlapcheck") or (off is not None and specify_vlan)):
        raise param_error("Only ROOT admin is allowed to specify vlanId or bypass vlan overlap check")
    if off is not None and specify_vlan and not vlan:
        raise param_error("vlanId must be specified for this network offering")
    if off is not None and not specify_vlan and not assoc:
        raise param_error("associatedNetworkId must be specified for this network offering")


def _physical_network(ctx, vpc, assoc):
    """validateVpcPrivateGatewayPhysicalNetworkId: given, else the associated network's, else the zone's only guest one."""
    phys = ctx.obj("physicalnetwork", "physicalnetworkid")
    if assoc is not None:
        if phys is not None and phys["id"] != assoc.get("physicalnetworkid"):
            raise param_error("The network can only be created on the same physical network as the associated network")
        phys = phys or ctx.store.get("physicalnetwork", assoc.get("physicalnetworkid"))
    if phys is None:
        guest = [p for p in ctx.store.all("physicalnetwork") if p.get("zoneid") == vpc["zoneid"] and not p.get("_removed")
                 and "guest" in str(p.get("_traffictypes") or p.get("traffictypes") or "guest").lower()]
        if len(guest) != 1:
            raise param_error("Physical network can't be determined; pass physical network id")
        phys = guest[0]
    if phys.get("zoneid") != vpc["zoneid"]:
        raise param_error(f"Physical network {phys['id']} doesn't belong to the zone of the VPC")
    return phys


def _addresses(ctx):
    """ipaddress, gateway and netmask: IPv4, a valid netmask, the address in the gateway's subnet -> the CIDR."""
    ip, gateway, netmask = check_ip("ipaddress", ctx.require("ipaddress")), ctx.require("gateway"), ctx.require("netmask")
    try:
        ipaddress.IPv4Address(gateway)
    except ValueError:
        raise param_error("Invalid gateway") from None
    try:
        cidr = ipaddress.IPv4Network(f"{gateway}/{netmask}", strict=False)
    except ValueError:
        raise param_error("Invalid netmask") from None
    if ipaddress.IPv4Address(ip) not in cidr:
        raise param_error(f"The IP address {ip} is not in the subnet {cidr} of the gateway {gateway}")
    if ip == gateway:
        raise param_error(f"The IP address {ip} is the gateway's address")
    return ip, gateway, netmask, str(cidr)


def _check_overlaps(ctx, vpc, zone, tag, cidr, ip):
    """createPrivateNetwork: one private network per VLAN and CIDR in a VPC, an IP once per private network; the
    VLAN not in use by a guest network or another VPC's private gateway (unless bypassvlanoverlapcheck)."""
    same_net = [g for g in ctx.store.all(GATEWAYS) if g.get("zoneid") == zone["id"] and g.get("_vlantag") == tag and g.get("_cidr") == cidr]
    for gw in same_net:
        if gw.get("vpcid") == vpc["id"]:
            raise param_error(f"Private network for the vlan: vlan://{tag} and cidr  {cidr}  already exists for Vpc {vpc['id']} "
                              f"in zone {zone.get('name')}")
        if gw.get("ipaddress") == ip:
            raise param_error(f"Private ip address {ip} already used for private gateway in zone {zone.get('name')}")
    if ctx.bool("bypassvlanoverlapcheck"):
        return
    used = [n for n in ctx.store.all("network") if n.get("zoneid") == zone["id"] and n.get("vlan") == tag and not n.get("_removed")]
    used += [g for g in ctx.store.all(GATEWAYS) if g.get("zoneid") == zone["id"] and g.get("_vlantag") == tag and g.get("_cidr") != cidr]
    if used:
        raise param_error(f"Network with vlan {tag} already exists or overlaps with other network vlans in zone {zone['id']}")


def new_gateway(ctx, vpc):
    """createVpcPrivateGateway up to the gateway row (state Creating); the job makes it Ready."""
    if vpc.get("state") != "Enabled":
        raise param_error("Unable to find Enabled VPC by id specified")
    off = _offering(ctx)
    _check_vlan_or_network(ctx, off)
    assoc = backend.guestnet.get_network(ctx, "associatednetworkid") if ctx.get("associatednetworkid") else None
    phys = _physical_network(ctx, vpc, assoc)
    zone = ctx.store.get("zone", vpc["zoneid"]) or {"id": vpc["zoneid"]}
    ip, gateway, netmask, cidr = _addresses(ctx)
    tag = str(ctx.get("vlan") or "").replace("vlan://", "") or None
    if tag is not None:
        _check_overlaps(ctx, vpc, zone, tag, cidr, ip)
    acl = _acl(ctx, vpc)
    gw = {
        "gateway": gateway, "ipaddress": ip, "netmask": netmask, "vlan": f"vlan://{tag}" if tag else None, "zoneid": zone["id"],
        "zonename": zone.get("name"), "vpcid": vpc["id"], "vpcname": vpc.get("name"), "physicalnetworkid": phys["id"],
        "sourcenatsupported": ctx.bool("sourcenatsupported"), "state": "Creating", "hasannotations": False,
        **owner_view(vpc), "_accountid": vpc.get("_accountid"), "_vlantag": tag, "_cidr": cidr, "created": now(),
    }
    if acl is not None:
        gw["aclid"], gw["aclname"] = acl["id"], acl.get("name")
    if assoc is not None:
        gw["associatednetworkid"], gw["associatednetwork"] = assoc["id"], assoc.get("name")
    return ctx.store.add(GATEWAYS, gw)


def apply_gateway(ctx, gwid):
    """applyVpcPrivateGateway: the VPC's router gets the gateway; the gateway is Ready."""
    gw = ctx.store.get(GATEWAYS, gwid)
    if gw is None:
        raise ApiError(530, "Failed to create private gateway")
    gw["state"] = "Ready"
    ctx.store.save(GATEWAYS, gw)
    backend.monitoring.record_event(ctx, "PRIVATE.GATEWAY.CREATE", f"Private Gateway Id: {gw['id']}", gw, "PrivateGateway")
    return gw


def delete_gateway(ctx, gwid):
    """deleteVpcPrivateGateway (in the job): refused while static routes use it."""
    gw = ctx.store.get(GATEWAYS, gwid)
    if gw is None:
        return None
    count = len(routes_of_gateway(ctx.store, gwid))
    if count:
        raise ApiError(530, f"Can't delete private gateway {gateway_text(gw)} as it has {count} static routes applied. Remove the routes first")
    ctx.store.delete(GATEWAYS, gwid)
    backend.guestnet.delete_tags_of(ctx.sim, gwid)
    backend.monitoring.record_event(ctx, "PRIVATE.GATEWAY.DELETE", f"Successfully deleted private gateway {gw['ipaddress']}", gw, "PrivateGateway")
    return None


# ---- static routes ---------------------------------------------------------------------------------------------------------------
def _valid_cidr(cidr):
    """NetUtils.isValidIp4Cidr: a.b.c.d/n with the address the network's (strict)."""
    try:
        if "/" not in str(cidr):
            raise ValueError(cidr)
        return ipaddress.IPv4Network(cidr, strict=True)
    except ValueError:
        raise param_error(f"Invalid format for cidr {cidr}") from None


def new_route(ctx, gw, cidr_text):
    """createStaticRoute's create step: gateway Ready, VPC active, the CIDR valid, outside the VPC's CIDR and link
    local, not overlapping another route of the VPC (537). (4.18's deny-list check reads guest.domain.suffix, which
    never names a CIDR: it refuses nothing, and is left out.)"""
    if gw.get("state") != "Ready":
        raise param_error(f"Gateway is not in the Ready state: {gw.get('state')}")
    vpc = backend.vpc.find_vpc(ctx, gw.get("vpcid"))
    if vpc is None or vpc.get("state") != "Enabled":
        raise param_error("Can't add static route to VPC that is being deleted")
    check_access(ctx, vpc, "VPC")
    cidr = _valid_cidr(cidr_text)
    if ipaddress.IPv4Network(vpc["cidr"]).overlaps(cidr):
        raise param_error(f"CIDR should be outside of VPC cidr {vpc['cidr']}")
    if LINK_LOCAL.overlaps(cidr):
        raise param_error(f"CIDR should be outside of link local cidr {LINK_LOCAL}")
    for other in ctx.store.all(ROUTES):
        if other.get("vpcid") == vpc["id"] and ipaddress.IPv4Network(other["cidr"]).overlaps(cidr):
            raise ApiError(537, f"New static route cidr conflicts with existing route {route_text(other)}")
    route = {"cidr": cidr_text, "gatewayid": gw["id"], "vpcid": vpc["id"], "state": "Add", "tags": [], "created": now(),
             **owner_view(vpc), "_accountid": vpc.get("_accountid")}
    return ctx.store.add(ROUTES, route)


def apply_route(ctx, routeid):
    route = ctx.store.get(ROUTES, routeid)
    if route is None:
        raise ApiError(530, "Failed to apply static route")
    route["state"] = "Active"
    ctx.store.save(ROUTES, route)
    backend.monitoring.record_event(ctx, "STATIC.ROUTE.CREATE", f"Static route Id: {routeid}", route, "StaticRoute")
    return route


def revoke_route(ctx, routeid):
    route = ctx.store.get(ROUTES, routeid)
    if route is not None:
        ctx.store.delete(ROUTES, routeid)
        backend.guestnet.delete_tags_of(ctx.sim, routeid)
        backend.monitoring.record_event(ctx, "STATIC.ROUTE.DELETE", f"Successfully deleted static route {route['cidr']}", route, "StaticRoute")
    return None


def route_view(route):
    return {k: v for k, v in route.items() if k != "created"}


def gateway_view(gw):
    return {k: v for k, v in gw.items() if k != "created"}


# ---- deleteVPC -----------------------------------------------------------------------------------------------------------------
def cleanup_vpc(ctx, vpc):
    """VpcManagerImpl.destroyVpc: the VPC's static routes are revoked, its private gateways deleted."""
    for route in list(ctx.store.all(ROUTES)):
        if route.get("vpcid") == vpc["id"]:
            ctx.store.delete(ROUTES, route["id"])
            backend.guestnet.delete_tags_of(ctx.sim, route["id"])
    for gw in list(ctx.store.all(GATEWAYS)):
        if gw.get("vpcid") == vpc["id"]:
            ctx.store.delete(GATEWAYS, gw["id"])
            backend.guestnet.delete_tags_of(ctx.sim, gw["id"])


backend.vpc.register_cleanup(cleanup_vpc)
