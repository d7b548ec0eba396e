"""The autoscale commands: counters, conditions, policies, VM profiles, VM groups (CloudStack 4.18)."""
from ...errors import UNKNOWN_COMMAND_TEXT, ApiError, invalid_id
from ...registry import api
from ..helpers import check_access, owner
from . import model as m
from . import model_scale


def _obj(ctx, type_, what, name="id"):
    value = ctx.require(name)
    obj = ctx.store.get(type_, value)
    if obj is None:
        raise invalid_id(ctx.command, name, value)
    if what:
        check_access(ctx, obj, what)
    return obj


def _later_view(ctx, type_, oid, view):
    """The job's result: the object as it is when the job completes."""
    def finish():
        cur = ctx.store.get(type_, oid)
        if cur is None:
            raise ApiError(530, f"The {type_} {oid} was removed")
        return view(cur)
    return finish


def _later_success(ctx, fn, *args):
    def finish():
        fn(ctx, *args)
    return finish


# ---- counters ----------------------------------------------------------------------------------------------------------------
@api("createCounter")
def create_counter(ctx, p):
    if not ctx.is_root_admin:
        raise ApiError(432, UNKNOWN_COMMAND_TEXT)  # an admin command (the role of a user has no permission for it)
    c = m.create_counter(ctx)
    return ctx.later(_later_view(ctx, "counter", c["id"], m.counter_view), "Counter", c["id"])


@api("listCounters")
def list_counters(ctx, p):
    items = sorted(ctx.store.all("counter"), key=lambda c: c["_seq"])
    if ctx.get("provider"):
        provider = m.provider_name(ctx.get("provider"), "list")
        items = [c for c in items if c["provider"] == provider]
    if ctx.get("source"):
        items = [c for c in items if c["source"].lower() == ctx.get("source").lower()]
    items = ctx.filter_keyword(ctx.filter_eq(items, ["id", "name"]))
    return [m.counter_view(c) for c in items]


@api("deleteCounter")
def delete_counter(ctx, p):
    if not ctx.is_root_admin:
        raise ApiError(432, UNKNOWN_COMMAND_TEXT)
    c = ctx.store.get("counter", ctx.require("id"))
    if c is None:
        raise invalid_id(ctx.command, "id", ctx.get("id"))
    return ctx.later(_later_success(ctx, m.delete_counter, c), "Counter", c["id"])


# ---- conditions --------------------------------------------------------------------------------------------------------------
@api("createCondition")
def create_condition(ctx, p):
    cond = m.create_condition(ctx, owner(ctx))
    return ctx.later(_later_view(ctx, "condition", cond["id"], lambda c: m.condition_view(ctx.sim, c)), "Condition", cond["id"])


@api("listConditions")
def list_conditions(ctx, p):
    items = ctx.filter_eq(ctx.scope(sorted(ctx.store.all("condition"), key=lambda c: c["_seq"])), ["id", "counterid"])
    if ctx.get("policyid"):
        pol = ctx.store.get("autoscalepolicy", ctx.get("policyid")) or {}
        items = [c for c in items if c["id"] in pol.get("_conditionids", [])]
    return [m.condition_view(ctx.sim, c) for c in items]


@api("updateCondition")
def update_condition(ctx, p):
    cond = _obj(ctx, "condition", "condition")
    op, threshold = ctx.require("relationaloperator"), ctx.int("threshold")
    return ctx.later(_later_success(ctx, m.update_condition, cond, op, threshold), "Condition", cond["id"])


@api("deleteCondition")
def delete_condition(ctx, p):
    cond = _obj(ctx, "condition", "condition")
    return ctx.later(_later_success(ctx, m.delete_condition, cond), "Condition", cond["id"])


# ---- policies ----------------------------------------------------------------------------------------------------------------
def _policy_view(ctx):
    return lambda pol: m.policy_view(ctx.sim, pol)


@api("createAutoScalePolicy")
def create_policy(ctx, p):
    pol = m.create_policy(ctx)
    return ctx.later(_later_view(ctx, "autoscalepolicy", pol["id"], _policy_view(ctx)), "AutoScalePolicy", pol["id"])


@api("listAutoScalePolicies")
def list_policies(ctx, p):
    items = ctx.filter_eq(ctx.scope(sorted(ctx.store.all("autoscalepolicy"), key=lambda x: x["_seq"])), ["id", "name"], ci_fields=())
    if ctx.get("action"):
        action = m.parse_action(ctx.get("action"))
        items = [x for x in items if x["action"] == action]
    if ctx.get("conditionid"):
        items = [x for x in items if ctx.get("conditionid") in x.get("_conditionids", [])]
    if ctx.get("vmgroupid"):
        g = ctx.store.get("autoscalevmgroup", ctx.get("vmgroupid")) or {}
        items = [x for x in items if x["id"] in m.policy_ids(g)]
    return [m.policy_view(ctx.sim, x) for x in items]


@api("updateAutoScalePolicy")
def update_policy(ctx, p):
    pol = _obj(ctx, "autoscalepolicy", "autoscale policy")

    def finish():
        return m.policy_view(ctx.sim, m.update_policy(ctx, pol))
    return ctx.later(finish, "AutoScalePolicy", pol["id"])


@api("deleteAutoScalePolicy")
def delete_policy(ctx, p):
    pol = _obj(ctx, "autoscalepolicy", "autoscale policy")
    return ctx.later(_later_success(ctx, m.delete_policy, pol), "AutoScalePolicy", pol["id"])


# ---- VM profiles -------------------------------------------------------------------------------------------------------------
@api("createAutoScaleVmProfile")
def create_profile(ctx, p):
    prof = m.create_profile(ctx, owner(ctx))
    return ctx.later(_later_view(ctx, "autoscalevmprofile", prof["id"], m.profile_view), "AutoScaleVmProfile", prof["id"])


@api("listAutoScaleVmProfiles")
def list_profiles(ctx, p):
    items = ctx.scope(sorted(ctx.store.all("autoscalevmprofile"), key=lambda x: x["_seq"]))
    items = ctx.filter_eq(items, ["id", "templateid", "serviceofferingid", "zoneid"])
    if ctx.get("fordisplay") is not None:
        items = [x for x in items if bool(x.get("fordisplay", True)) == ctx.bool("fordisplay")]
    if ctx.get("otherdeployparams"):
        text = ctx.get("otherdeployparams")
        items = [x for x in items if text in "&".join(f"{k}={v}" for k, v in (x.get("otherdeployparams") or {}).items())]
    return [m.profile_view(x) for x in items]


@api("updateAutoScaleVmProfile")
def update_profile(ctx, p):
    prof = _obj(ctx, "autoscalevmprofile", "autoscale vm profile")

    def finish():
        return m.profile_view(m.update_profile(ctx, prof))
    return ctx.later(finish, "AutoScaleVmProfile", prof["id"])


@api("deleteAutoScaleVmProfile")
def delete_profile(ctx, p):
    prof = _obj(ctx, "autoscalevmprofile", "autoscale vm profile")
    return ctx.later(_later_success(ctx, m.delete_profile, prof), "AutoScaleVmProfile", prof["id"])


# ---- VM groups ---------------------------------------------------------------------------------------------------------------
def _group_view(ctx):
    return lambda g: m.group_view(ctx.sim, g)


@api("createAutoScaleVmGroup")
def create_group(ctx, p):
    g = m.create_group(ctx)
    gid = g["id"]

    def finish():  # configureAutoScaleVmGroup(NEW): the load balancer takes the group, which is then enabled
        cur = ctx.store.get("autoscalevmgroup", gid)
        if cur is None:
            raise ApiError(530, f"The autoscale vm group {gid} was removed")
        if cur["state"] == "NEW":
            m.set_group_state(ctx, cur, "ENABLED")
        return m.group_view(ctx.sim, cur)
    return ctx.later(finish, "AutoScaleVmGroup", gid)


@api("listAutoScaleVmGroups")
def list_groups(ctx, p):
    items = ctx.scope(sorted(ctx.store.all("autoscalevmgroup"), key=lambda x: x["_seq"]))
    items = ctx.filter_eq(items, ["id", "name", "lbruleid", "vmprofileid"], ci_fields=())
    if ctx.get("zoneid"):
        items = [g for g in items if (ctx.store.get("autoscalevmprofile", g["vmprofileid"]) or {}).get("zoneid") == ctx.get("zoneid")]
    if ctx.get("policyid"):
        items = [g for g in items if ctx.get("policyid") in m.policy_ids(g)]
    if ctx.get("fordisplay") is not None:
        items = [g for g in items if bool(g.get("fordisplay", True)) == ctx.bool("fordisplay")]
    return [m.group_view(ctx.sim, g) for g in items]


@api("updateAutoScaleVmGroup")
def update_group(ctx, p):
    g = _obj(ctx, "autoscalevmgroup", "autoscale vm group")
    if ctx.get("customid") and not ctx.is_root_admin:
        raise ApiError(531, "Parameter customid can be specified by ROOT admin only")

    def finish():
        return m.group_view(ctx.sim, m.update_group(ctx, g))
    return ctx.later(finish, "AutoScaleVmGroup", g["id"])


def _state_command(ctx, fn):
    g = _obj(ctx, "autoscalevmgroup", "autoscale vm group")

    def finish():
        return m.group_view(ctx.sim, fn(ctx, g))
    return ctx.later(finish, "AutoScaleVmGroup", g["id"])


@api("enableAutoScaleVmGroup")
def enable_group(ctx, p):
    return _state_command(ctx, m.enable_group)


@api("disableAutoScaleVmGroup")
def disable_group(ctx, p):
    return _state_command(ctx, m.disable_group)


@api("deleteAutoScaleVmGroup")
def delete_group(ctx, p):
    g = _obj(ctx, "autoscalevmgroup", "autoscale vm group")
    cleanup = ctx.bool("cleanup")

    def finish():
        m.check_delete_group(ctx, g, cleanup)
        if cleanup:
            g["state"] = "REVOKE"
            model_scale.destroy_members(ctx.sim, g)
        ctx.store.delete("autoscalevmgroup", g["id"])
    return ctx.later(finish, "AutoScaleVmGroup", g["id"])
