"""The network ACL commands: parameters in, views out; the state and rules are in model.py."""
from ...backend import backend
from ...errors import param_error
from ...registry import api
from ..helpers import tags_matching
from .model import (
    ITEMS,
    LISTS,
    action_of,
    activate,
    assign,
    check_deletable,
    check_list_access,
    check_modifiable,
    check_number,
    check_replace_on_gateway,
    check_replace_on_network,
    create_list,
    delete_list,
    get_item,
    get_list,
    item_view,
    list_view,
    move_item,
    new_item,
    normalize_protocol,
    remove_item,
    replace_on_gateway,
    revoke_item,
    traffic_type,
    update_list,
    validate_item,
    visible_vpc_ids,
    vpc_of,
)


def _newest_first(objs):
    """CloudStack lists ACL lists and items ordered by id, descending."""
    return sorted(objs, key=lambda o: o.get("_seq", 0), reverse=True)


# ---- lists ---------------------------------------------------------------------------------------------------------
@api("createNetworkACLList")
def create_network_acl_list(ctx, p):
    vpc = backend.vpc.get_vpc(ctx, ctx.require("vpcid"))
    acl = create_list(ctx, vpc, ctx.require("name"), ctx.get("description"), ctx.bool("fordisplay", True))
    return ctx.later(lambda: list_view(ctx, ctx.store.get(LISTS, acl["id"]) or acl), "NetworkAcl", acl["id"])


@api("listNetworkACLLists")
def list_network_acl_lists(ctx, p):
    lists = ctx.store.all(LISTS)
    if ctx.get("vpcid"):
        vpc = backend.vpc.get_vpc(ctx, ctx.get("vpcid"))
        lists = [a for a in lists if a.get("_default") or a.get("vpcid") == vpc["id"]]
    else:
        vpcs = visible_vpc_ids(ctx)
        lists = [a for a in lists if a.get("_default") or a.get("vpcid") in vpcs]
    if ctx.get("networkid"):
        net = backend.guestnet.get_network(ctx, "networkid")
        lists = [a for a in lists if a["id"] == net.get("aclid")]
    lists = ctx.filter_eq(lists, ["id", "name"])
    if ctx.get("fordisplay") is not None:
        lists = [a for a in lists if bool(a.get("fordisplay", True)) == ctx.bool("fordisplay")]
    lists = ctx.filter_keyword(lists, ("name", "description"))
    return [list_view(ctx, a) for a in _newest_first(lists)]


# The commands below are async commands that are no create commands (BaseAsyncCmd): past the parameter checks, what they
# refuse fails their job.
@api("updateNetworkACLList")
def update_network_acl_list(ctx, p):
    acl = get_list(ctx)
    fordisplay = ctx.bool("fordisplay") if ctx.get("fordisplay") is not None else None

    def finish():
        return list_view(ctx, update_list(ctx, acl, ctx.get("name"), ctx.get("description"), fordisplay, ctx.get("customid")))

    return ctx.later(finish, "NetworkAcl", acl["id"])


@api("deleteNetworkACLList")
def delete_network_acl_list(ctx, p):
    acl = get_list(ctx)

    def finish():
        check_deletable(ctx, acl)
        delete_list(ctx.sim, acl)
        backend.monitoring.record_event(ctx, "NETWORK.ACL.DELETE", f"Successfully deleted network ACL list {acl['name']}", acl, "NetworkAcl")
        return None

    return ctx.later(finish, "NetworkAcl", acl["id"])


# ---- items -------------------------------------------------------------------------------------------------------------
def _item_fields(ctx):
    proto = normalize_protocol(ctx.require("protocol") if ctx.command == "createNetworkACL" else ctx.get("protocol"))
    start = ctx.int("startport")
    end = ctx.int("endport")
    end = start if end is None else end  # the command's getSourcePortEnd: the start port when no end port is given
    icmp = str(proto or "").lower() == "icmp"
    fields = {
        "protocol": proto, "startport": start, "endport": end,
        "icmptype": ctx.int("icmptype", -1 if icmp else None), "icmpcode": ctx.int("icmpcode", -1 if icmp else None),
        "reason": ctx.get("reason"), "fordisplay": ctx.bool("fordisplay", True),
    }
    cidrs = ctx.list("cidrlist")
    fields["cidrlist"] = ",".join(cidrs) if cidrs else None
    return fields


def _acl_for_new_item(ctx):
    """createAclListIfNeeded: aclid, else the ACL of the tier networkid names."""
    if ctx.get("aclid"):
        return get_list(ctx, "aclid")
    if not ctx.get("networkid"):
        raise param_error("Cannot create Network ACL Item. ACL Id or network Id is required")
    net = backend.guestnet.get_network(ctx, "networkid")
    if not net.get("vpcid"):
        raise param_error(f"Network: {net['id']} does not belong to VPC")
    if net.get("aclid"):
        return get_list(ctx, "aclid", net["aclid"])
    vpc = backend.vpc.get_vpc(ctx, net["vpcid"])
    name = f"VPC_{vpc['name']}_Tier_{net['name']}_ACL_{net['id']}"
    acl = create_list(ctx, vpc, name, f"ACL for {name}", ctx.bool("fordisplay", True))
    assign(ctx, net, acl)  # the new list is applied to the tier (replaceNetworkACL)
    return acl


@api("createNetworkACL")
def create_network_acl(ctx, p):
    acl = _acl_for_new_item(ctx)
    fields = _item_fields(ctx)
    fields.update(number=ctx.int("number"), traffictype=traffic_type(ctx.get("traffictype")), action=ctx.get("action"))
    fields["cidrlist"] = fields["cidrlist"] or "0.0.0.0/0"  # the command's default source CIDR
    item = new_item(ctx, acl, fields)
    return ctx.later(lambda: item_view(ctx, activate(ctx, item["id"])), "NetworkAclItem", item["id"])


@api("listNetworkACLs")
def list_network_acls(ctx, p):
    items = ctx.store.all(ITEMS)
    if ctx.get("networkid"):
        net = backend.guestnet.get_network(ctx, "networkid")
        if not net.get("aclid"):
            return []
        items = [i for i in items if i.get("aclid") == net["aclid"]]
    if ctx.get("aclid"):
        acl = get_list(ctx, "aclid")
        if vpc_of(ctx, acl) is not None:
            check_list_access(ctx, acl)
        items = [i for i in items if i.get("aclid") == acl["id"]]
    elif not ctx.get("networkid"):
        vpcs = visible_vpc_ids(ctx)
        visible = {a["id"] for a in ctx.store.all(LISTS) if a.get("_default") or a.get("vpcid") in vpcs}
        items = [i for i in items if i.get("aclid") in visible]
    items = ctx.filter_eq(items, ["id", "traffictype", "protocol", "action"], ci_fields=("traffictype", "protocol", "action"))
    tags = ctx.map_param("tags")
    if tags:
        items = [i for i in items if tags_matching(i, tags)]
    return [item_view(ctx, i) for i in _newest_first(items)]


def _apply_update(ctx, item, acl):
    """transferDataToNetworkAclRulePojo: without partialupgrade=true every field not sent is cleared (the number, the
    protocol and the traffic type, NOT NULL columns, stay)."""
    partial = ctx.bool("partialupgrade")
    fields = _item_fields(ctx)
    number = ctx.int("number")
    check_number(ctx, acl, number, item["id"])
    new = dict(item)
    if number is not None:
        new["number"] = number
    for key in ("startport", "endport", "icmpcode", "icmptype", "reason"):
        if not partial or fields[key] is not None:
            new[key] = fields[key]
    if not partial or fields["cidrlist"]:
        new["cidrlist"] = fields["cidrlist"]
    if fields["protocol"]:
        new["protocol"] = fields["protocol"]
    if not partial or ctx.get("action"):
        new["action"] = action_of(ctx.get("action"))
    if ctx.get("traffictype"):
        new["traffictype"] = traffic_type(ctx.get("traffictype"))
    if not partial or ctx.get("fordisplay") is not None:
        new["fordisplay"] = fields["fordisplay"]
    validate_item(new)
    return new


@api("updateNetworkACLItem")
def update_network_acl_item(ctx, p):
    item = get_item(ctx)

    def finish():
        acl = ctx.store.get(LISTS, item.get("aclid"))
        check_modifiable(ctx, acl)
        item.update(_apply_update(ctx, item, acl))
        ctx.store.save(ITEMS, item)
        return item_view(ctx, activate(ctx, item["id"]))

    return ctx.later(finish, "NetworkAclItem", item["id"])


@api("deleteNetworkACL")
def delete_network_acl(ctx, p):
    item = get_item(ctx)

    def finish():
        revoke_item(ctx, item)
        remove_item(ctx, item["id"])

    return ctx.later(finish, "NetworkAclItem", item["id"])


def _rule(ctx, name):
    value = ctx.get(name)
    if not value:
        return None
    rule = ctx.store.get(ITEMS, value)
    if rule is None:
        raise param_error(f"Could not find rule with ID [{value}]")
    return rule


@api("moveNetworkAclItem")
def move_network_acl_item(ctx, p):
    ruleid = ctx.require("id")

    def finish():
        if not ctx.get("previousaclruleid") and not ctx.get("nextaclruleid"):
            raise param_error("Both previous and next ACL rule IDs cannot be blank.")
        moved = ctx.store.get(ITEMS, ruleid)
        if moved is None:
            raise param_error(f"Could not find a rule with ID[{ruleid}]")
        previous, nxt = _rule(ctx, "previousaclruleid"), _rule(ctx, "nextaclruleid")
        return item_view(ctx, move_item(ctx, moved, previous, nxt, ctx.get("aclconsistencyhash")))

    return ctx.later(finish, "NetworkAclItem", ruleid)


# ---- replacing the list of a tier or a private gateway ----------------------------------------------------------------------
@api("replaceNetworkACLList")
def replace_network_acl_list(ctx, p):
    acl = get_list(ctx, "aclid")
    gw = ctx.obj("privategateway", "gatewayid")
    net = backend.guestnet.get_network(ctx, "networkid") if ctx.get("networkid") else None

    def finish():
        if (net is None) == (gw is None):
            raise param_error("Network ID and private gateway can't be passed at the same time"
                              if net is not None else "Network ID and private gateway can't be null at the same time")
        if gw is not None:
            check_replace_on_gateway(ctx, acl, gw)
            replace_on_gateway(ctx, acl, gw)
        else:
            check_replace_on_network(ctx, acl, net)
            assign(ctx, net, acl)
        return None

    return ctx.later(finish, "NetworkAcl", acl["id"])
