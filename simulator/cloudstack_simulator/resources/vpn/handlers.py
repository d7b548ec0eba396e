"""The vpn commands: parameters in, views out; the state and rules are in model.py.

As in CloudStack 4.18, a BaseAsyncCmd (create/update/delete of customer gateways, the deletes, resets, removeVpnUser)
checks its input inside the job (a bad value fails the job), a BaseAsyncCreateCmd (createVpnGateway, createVpnConnection,
createRemoteAccessVpn, addVpnUser) in its create() step, before the job (a bad value fails the call).
"""
from ...backend import backend
from ...errors import ApiError
from ...registry import api
from ..helpers import check_access, owner, sorted_seq
from . import model as m


def _job(ctx, fn, instance_type, instance_id=None):
    return ctx.later(fn, instance_type, instance_id)


def _listed(ctx, table, filters=(), keyword=("name",)):
    """The objects of a table the caller may see, filtered; newest first (the managers' Filter(..., "id", false))."""
    objs = ctx.scope(list(reversed(sorted_seq(ctx.store.all(table)))))
    objs = ctx.filter_eq(objs, ["id", *filters])
    return ctx.filter_keyword(objs, keyword)


def _display(ctx, objs):
    if ctx.get("fordisplay") is not None:
        want = ctx.bool("fordisplay")
        objs = [o for o in objs if bool(o.get("fordisplay", True)) == want]
    return objs


# ---- customer gateways ------------------------------------------------------------------------------------------------
@api("createVpnCustomerGateway")
def create_customer_gateway(ctx, p):
    own = owner(ctx)
    return _job(ctx, lambda: m.create_customer_gateway(ctx, own), "Site2SiteCustomerGateway")


@api("updateVpnCustomerGateway")
def update_customer_gateway(ctx, p):
    gw = m.get(ctx, m.CGW)
    return _job(ctx, lambda: m.update_customer_gateway(ctx, gw["id"]), "Site2SiteCustomerGateway", gw["id"])


@api("deleteVpnCustomerGateway")
def delete_customer_gateway(ctx, p):
    gw = m.get(ctx, m.CGW)
    return _job(ctx, lambda: m.delete_customer_gateway(ctx, gw["id"]), "Site2SiteCustomerGateway", gw["id"])


@api("listVpnCustomerGateways")
def list_customer_gateways(ctx, p):
    return _listed(ctx, m.CGW)


# ---- VPN gateways ----------------------------------------------------------------------------------------------------------------
@api("createVpnGateway")
def create_vpn_gateway(ctx, p):
    vpc = backend.vpc.get_vpc(ctx, ctx.require("vpcid"))
    check_access(ctx, vpc, "VPC")
    gw = m.create_vpn_gateway(ctx, vpc)  # CreateVpnGatewayCmd is a BaseAsyncCreateCmd: made (and checked) in create()
    return _job(ctx, lambda: ctx.store.get(m.GW, gw["id"]) or gw, "Site2SiteVpnGateway", gw["id"])


@api("updateVpnGateway")
def update_vpn_gateway(ctx, p):
    gw = m.get(ctx, m.GW)

    def finish():
        cur = ctx.store.get(m.GW, gw["id"])
        if cur is None:
            raise ApiError(530, f"VPN gateway {gw['id']} was removed")
        if ctx.get("fordisplay") is not None:
            cur["fordisplay"] = ctx.bool("fordisplay")
        ctx.store.save(m.GW, cur)
        return cur

    return _job(ctx, finish, "Site2SiteVpnGateway", gw["id"])


@api("deleteVpnGateway")
def delete_vpn_gateway(ctx, p):
    gw = m.get(ctx, m.GW)
    return _job(ctx, lambda: m.delete_vpn_gateway(ctx, gw["id"]), "Site2SiteVpnGateway", gw["id"])


@api("listVpnGateways")
def list_vpn_gateways(ctx, p):
    if ctx.get("vpcid"):
        backend.vpc.get_vpc(ctx, ctx.get("vpcid"))
    return _display(ctx, _listed(ctx, m.GW, ["vpcid"], keyword=("vpcname",)))


# ---- site-to-site connections ---------------------------------------------------------------------------------------------------
@api("createVpnConnection")
def create_connection(ctx, p):
    cgw = m.get(ctx, m.CGW, "s2scustomergatewayid")
    gw = m.get(ctx, m.GW, "s2svpngatewayid")
    conn = m.create_connection(ctx, cgw, gw)
    return _job(ctx, lambda: m.start_connection(ctx, conn["id"]), "Site2SiteVpnConnection", conn["id"])


@api("updateVpnConnection")
def update_connection(ctx, p):
    conn = m.get(ctx, m.CONN)

    def finish():
        cur = ctx.store.get(m.CONN, conn["id"])
        if cur is None:
            raise ApiError(530, f"Site to site VPN connection {conn['id']} was removed")
        if ctx.get("fordisplay") is not None:
            cur["fordisplay"] = ctx.bool("fordisplay")
        ctx.store.save(m.CONN, cur)
        return m.connection_view(ctx, cur)

    return _job(ctx, finish, "Site2SiteVpnConnection", conn["id"])


@api("resetVpnConnection")
def reset_connection(ctx, p):
    conn = m.get(ctx, m.CONN)
    return _job(ctx, lambda: m.reset_connection(ctx, conn["id"]), "Site2SiteVpnConnection", conn["id"])


@api("deleteVpnConnection")
def delete_connection(ctx, p):
    conn = m.get(ctx, m.CONN)
    return _job(ctx, lambda: m.delete_connection(ctx, conn["id"]), "Site2SiteVpnConnection", conn["id"])


@api("listVpnConnections")
def list_connections(ctx, p):
    conns = _listed(ctx, m.CONN, keyword=())
    if ctx.get("vpcid"):
        gws = {g["id"] for g in ctx.store.all(m.GW) if g["vpcid"] == ctx.get("vpcid")}
        conns = [c for c in conns if c["s2svpngatewayid"] in gws]
    return [m.connection_view(ctx, c) for c in _display(ctx, conns)]


# ---- remote access VPN ------------------------------------------------------------------------------------------------------------
@api("createRemoteAccessVpn")
def create_remote_access_vpn(ctx, p):
    ip = ctx.obj("publicipaddress", "publicipid", required=True)
    check_access(ctx, ip, "IP address")
    vpn = m.create_remote_access_vpn(ctx, ip)
    return _job(ctx, lambda: m.start_remote_access_vpn(ctx, vpn["id"]), "RemoteAccessVpn", vpn["id"])


@api("updateRemoteAccessVpn")
def update_remote_access_vpn(ctx, p):
    vpn = m.get(ctx, m.RAVPN)

    def finish():
        cur = ctx.store.get(m.RAVPN, vpn["id"])
        if cur is None:
            raise ApiError(431, f"Can't find remote access vpn by id {vpn['id']}")
        if ctx.get("fordisplay") is not None:
            cur["fordisplay"] = ctx.bool("fordisplay")
        ctx.store.save(m.RAVPN, cur)
        return cur

    return _job(ctx, finish, "RemoteAccessVpn", vpn["id"])


@api("deleteRemoteAccessVpn")
def delete_remote_access_vpn(ctx, p):
    ip = ctx.obj("publicipaddress", "publicipid", required=True)
    check_access(ctx, ip, "IP address")
    return _job(ctx, lambda: m.destroy_remote_access_vpn(ctx, ip["id"]), "RemoteAccessVpn")


@api("listRemoteAccessVpns")
def list_remote_access_vpns(ctx, p):
    if ctx.get("publicipid"):
        ip = ctx.obj("publicipaddress", "publicipid")
        check_access(ctx, ip, "IP address")
    if ctx.get("networkid"):
        ctx.obj("network", "networkid")
    vpns = _listed(ctx, m.RAVPN, ["publicipid", ("networkid", "_networkid")], keyword=())
    vpns.sort(key=lambda v: (ctx.store.get("publicipaddress", v["publicipid"]) or {}).get("_seq", 0), reverse=True)  # by serverAddressId, desc
    return _display(ctx, [v for v in vpns if v["state"] == "Running"])


# ---- VPN users --------------------------------------------------------------------------------------------------------------------
@api("addVpnUser")
def add_vpn_user(ctx, p):
    own = owner(ctx)
    user = m.add_user(ctx, own, ctx.require("username"), ctx.require("password"))

    def finish():
        if not m.apply_users(ctx, user.get("_accountid")):
            raise ApiError(530, "Failed to add vpn user")
        return m.user_view(ctx.store.get(m.USER, user["id"]) or user)

    return _job(ctx, finish, "VpnUser", user["id"])


@api("removeVpnUser")
def remove_vpn_user(ctx, p):
    own = owner(ctx)
    username = ctx.require("username")
    return _job(ctx, lambda: m.remove_user(ctx, own, username), "VpnUser")


@api("listVpnUsers")
def list_vpn_users(ctx, p):
    users = [u for u in _listed(ctx, m.USER, ["username"], keyword=("username",)) if u["state"] in ("Add", "Active")]
    return sorted(users, key=lambda u: u["username"])
