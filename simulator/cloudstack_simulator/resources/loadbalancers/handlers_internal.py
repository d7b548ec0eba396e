"""The internal load balancer commands (createLoadBalancer, listLoadBalancers, updateLoadBalancer, deleteLoadBalancer)."""
from ...backend import backend
from ...errors import ApiError, invalid_id, param_error
from ...registry import api
from ..helpers import check_access, tags_matching
from . import model as m
from . import model_internal as mi


def _internal(ctx, name="id"):
    value = ctx.require(name)
    rule = ctx.store.get("loadbalancer", value)
    if rule is None or not m.is_internal(rule):
        raise invalid_id(ctx.command, name, value)
    check_access(ctx, rule, "load balancer")
    return rule


@api("createLoadBalancer")
def create_internal_lb(ctx, p):
    net = backend.guestnet.get_network(ctx, "networkid")
    source_net = backend.guestnet.get_network(ctx, "sourceipaddressnetworkid")
    rule = mi.create(ctx, net, source_net)
    rid = rule["id"]

    def finish():
        cur = ctx.store.get("loadbalancer", rid)
        if cur is None:
            raise ApiError(530, f"Failed to create load balancer {rid}")
        cur["state"] = "Active"
        ctx.store.save("loadbalancer", cur)
        return mi.view(ctx, cur)

    return ctx.later(finish, "LoadBalancerRule", rid)


@api("listLoadBalancers")
def list_internal_lbs(ctx, p):
    if ctx.get("scheme") and str(ctx.get("scheme")).lower() != "internal":
        raise param_error("Invalid value for scheme. Supported value is internal")
    rules = ctx.scope([r for r in ctx.store.all("loadbalancer") if m.is_internal(r)])
    rules = ctx.filter_eq(rules, ["id", "name", "networkid", "sourceipaddress", "sourceipaddressnetworkid"])
    want = ctx.bool("fordisplay", True)  # ListApplicationLoadBalancersCmd: display=true unless asked otherwise
    rules = [r for r in rules if bool(r.get("fordisplay", True)) == want]
    if ctx.get("keyword"):
        rules = [r for r in rules if ctx.get("keyword").lower() in r["name"].lower()]
    tags = ctx.map_param("tags")
    if tags:
        rules = [r for r in rules if tags_matching(r, tags)]
    return [mi.view(ctx, r) for r in rules]


@api("updateLoadBalancer")
def update_internal_lb(ctx, p):
    rule = _internal(ctx)
    if ctx.get("customid") and not ctx.is_root_admin:
        raise ApiError(531, "Parameter customid can be specified by ROOT admin only")
    rid = rule["id"]

    def finish():
        cur = ctx.store.get("loadbalancer", rid)
        if cur is None:
            raise ApiError(530, f"Load balancer {rid} was removed")
        if ctx.get("fordisplay") is not None:
            cur["fordisplay"] = ctx.bool("fordisplay")
            ctx.store.save("loadbalancer", cur)
        return mi.view(ctx, cur)

    return ctx.later(finish, "LoadBalancerRule", rid)


@api("deleteLoadBalancer")
def delete_internal_lb(ctx, p):
    rule = _internal(ctx)
    rid = rule["id"]

    def finish():
        cur = ctx.store.get("loadbalancer", rid)
        if cur is not None:
            m.delete_rule(ctx.sim, cur)
            mi.on_deleted(ctx.sim, cur)
            backend.monitoring.record_event(ctx, "LB.DELETE", f"Successfully deleted load balancer {cur['name']}", cur, "LoadBalancer")
        return None

    return ctx.later(finish, "LoadBalancerRule", rid)
