"""The private gateway and static route commands: parameters in, views out; the rules are in model.py."""
from ...backend import backend
from ...errors import ApiError
from ...registry import api
from ..helpers import tags_matching
from .model import (
    GATEWAYS,
    ROUTES,
    apply_gateway,
    apply_route,
    delete_gateway,
    gateway_view,
    get_gateway,
    get_route,
    new_gateway,
    new_route,
    revoke_route,
    route_view,
)


# ---- private gateways ---------------------------------------------------------------------------------------------
@api("createPrivateGateway")
def create_private_gateway(ctx, p):
    """CreatePrivateGatewayCmd: create() checks and adds the gateway (Creating), the job applies it (Ready)."""
    vpc = backend.vpc.get_vpc(ctx, ctx.require("vpcid"))
    gw = new_gateway(ctx, vpc)
    gwid = gw["id"]
    return ctx.later(lambda: gateway_view(apply_gateway(ctx, gwid)), "PrivateGateway", gwid)


@api("deletePrivateGateway")
def delete_private_gateway(ctx, p):
    gw = get_gateway(ctx)
    if not ctx.is_root_admin and gw.get("_vlantag"):
        raise ApiError(431, "Unable to delete private gateway with specified vlan by non-ROOT accounts")
    gwid = gw["id"]
    return ctx.later(lambda: delete_gateway(ctx, gwid), "PrivateGateway", gwid)


@api("listPrivateGateways")
def list_private_gateways(ctx, p):
    if ctx.get("vpcid"):
        backend.vpc.get_vpc(ctx, ctx.get("vpcid"))
    gws = ctx.scope(sorted(ctx.store.all(GATEWAYS), key=lambda g: g["_seq"], reverse=True))  # id desc
    gws = ctx.filter_eq(gws, ["id", "ipaddress", "vpcid", ("state", "state")], ci_fields=("state",))
    if ctx.get("vlan"):
        want = "vlan://" + ctx.get("vlan").replace("vlan://", "")
        gws = [g for g in gws if g.get("vlan") == want]
    return [gateway_view(g) for g in ctx.filter_keyword(gws, ("ipaddress",))]


# ---- static routes ---------------------------------------------------------------------------------------------------
@api("createStaticRoute")
def create_static_route(ctx, p):
    """CreateStaticRouteCmd: create() checks and adds the route (Add), the job applies it (Active)."""
    gw = get_gateway(ctx, "gatewayid")
    route = new_route(ctx, gw, ctx.require("cidr"))
    rid = route["id"]
    return ctx.later(lambda: route_view(apply_route(ctx, rid)), "StaticRoute", rid)


@api("deleteStaticRoute")
def delete_static_route(ctx, p):
    route = get_route(ctx)
    rid = route["id"]
    return ctx.later(lambda: revoke_route(ctx, rid), "StaticRoute", rid)


@api("listStaticRoutes")
def list_static_routes(ctx, p):
    routes = ctx.scope(sorted(ctx.store.all(ROUTES), key=lambda r: r["_seq"], reverse=True))  # created desc
    routes = ctx.filter_eq(routes, ["id", "vpcid", "gatewayid", ("state", "state")], ci_fields=("state",))
    tags = ctx.map_param("tags")
    if tags:
        routes = [r for r in routes if tags_matching(r, tags)]
    return [route_view(r) for r in ctx.filter_keyword(routes, ("cidr",))]
