"""VM autoscaling: counters, conditions, autoscale policies, VM profiles and VM groups on a public load balancer rule
(CloudStack 4.18's AutoScaleManagerImpl, with the virtual router as the load balancer provider).

Store types:
- "counter": a performance counter (global; a fresh cloud has 4.18's seed: the Netscaler SNMP counters and the
  VirtualRouter / VpcVirtualRouter / None counters of schema-41720to41800.sql);
- "condition": counter + relational operator + threshold, account-owned;
- "autoscalepolicy": action SCALEUP/SCALEDOWN, duration, quiet time, its conditions (_conditionids);
- "autoscalevmprofile": zone, service offering, template, other deploy parameters, user data (shown as CloudStack
  shows it), expunge grace period;
- "autoscalevmgroup": the group (state NEW -> ENABLED <-> DISABLED, SCALING while the loop acts, REVOKE while deleted),
  its policies (_scaleup, _scaledown), members (_members: VM ids deployed by the group), the loop's clock and samples.

Validations and texts are AutoScaleManagerImpl's. Create commands validate before the job (BaseAsyncCreateCmd.create),
update/delete/enable/disable inside the job (their refusals fail the job).

The scale loop (model_scale.py) is driven explicitly: set_counter_value() feeds values, evaluate() runs one monitor
interval of every enabled group (no thread of its own).

What other families call (through backend.autoscale): group_of_rule(sim, ruleid) (the group on a load balancer rule).
"""
from ...backend import backend
from ...context import now
from ...errors import ApiError, param_error
from ...registry import seed
from ..helpers import check_access, owner_view

SOURCES = ("netscaler", "snmp", "cpu", "memory", "virtualrouter")  # Counter.Source (lower-case constants)
OPERATORS = ("EQ", "GT", "LT", "GE", "LE")  # Condition.Operator
ACTIONS = ("SCALEUP", "SCALEDOWN")  # AutoScalePolicy.Action
PROVIDERS = ("VirtualRouter", "VpcVirtualRouter", "Netscaler", "None", "InternalLbVm", "ElasticLoadBalancerVm", "F5BigIp",
             "JuniperSRX", "PaloAlto", "Ovs", "ConfigDrive", "Tungsten")  # Network.Provider names getProvider() knows
DEPLOY_PARAMS = ("rootdisksize", "diskofferingid", "size", "securitygroupids", "overridediskofferingid", "keypairs",
                 "affinitygroupids", "networkids")  # AutoScaleManagerImpl.supportedDeployParams
DEFAULT_INTERVAL = 30  # NetUtils.DEFAULT_AUTOSCALE_POLICY_INTERVAL_TIME
DEFAULT_QUIET_TIME = 300  # NetUtils.DEFAULT_AUTOSCALE_POLICY_QUIET_TIME
DEFAULT_GRACE = 120  # the expunge grace period of a profile when none is given
IN_USE = 536  # ApiErrorCode.RESOURCE_IN_USE_ERROR (ResourceInUseException)
SEED_COUNTERS = (
    ("Netscaler", "snmp", "Linux User CPU - percentage", "1.3.6.1.4.1.2021.11.9.0"),
    ("Netscaler", "snmp", "Linux System CPU - percentage", "1.3.6.1.4.1.2021.11.10.0"),
    ("Netscaler", "snmp", "Linux CPU Idle - percentage", "1.3.6.1.4.1.2021.11.11.0"),
    ("Netscaler", "netscaler", "Response Time - microseconds", "RESPTIME"),
) + tuple(
    (provider, source, name, value)
    for provider in ("VirtualRouter", "VpcVirtualRouter")
    for source, name, value in (
        ("cpu", "VM CPU - average percentage", "vm.cpu.average.percentage"),
        ("memory", "VM Memory - average percentage", "vm.memory.average.percentage"),
        ("virtualrouter", "Public Network - mbps received per vm", "public.network.received.average.mbps"),
        ("virtualrouter", "Public Network - mbps transmit per vm", "public.network.transmit.average.mbps"),
        ("virtualrouter", "Load Balancer - average connections per vm", "virtual.network.lb.average.connections"),
    )
) + (
    ("None", "cpu", "VM CPU - average percentage", "vm.cpu.average.percentage"),
    ("None", "memory", "VM Memory - average percentage", "vm.memory.average.percentage"),
)


@seed(45)
def seed_counters(sim):
    for provider, source, name, value in SEED_COUNTERS:
        sim.store.add("counter", {"provider": provider, "source": source, "name": name, "value": value, "_created": now()})


def _get(ctx, type_, value, text, what=None):
    obj = ctx.store.get(type_, value) if value else None
    if obj is None:
        raise param_error(text)
    if what:
        check_access(ctx, obj, what)
    return obj


def group_of_rule(sim, ruleid):
    return next((g for g in sim.store.all("autoscalevmgroup") if g.get("lbruleid") == ruleid), None)


# ---- counters ----------------------------------------------------------------------------------------------------------------
def provider_name(value, verb="create"):
    found = next((p for p in PROVIDERS if p.lower() == str(value).lower()), None)
    if found is None:
        raise param_error(f"The Provider {value} does not exist; Unable to {verb} Counter")
    return found


def create_counter(ctx):
    source = ctx.require("source").lower()
    if source not in SOURCES:
        raise param_error(f"The Source {source} does not exist; Unable to create Counter")
    provider = provider_name(ctx.require("provider"))
    value = ctx.require("value")
    for c in ctx.store.all("counter"):  # the unique key (provider, source, value) of the counter table
        if (c["provider"], c["source"], c["value"]) == (provider, source, value):
            raise ApiError(530, f"A counter with provider {provider}, source {source} and value {value} already exists")
    return ctx.store.add("counter", {"provider": provider, "source": source, "name": ctx.require("name"), "value": value,
                                     "_created": now()})


def delete_counter(ctx, counter):
    if any(c.get("counterid") == counter["id"] for c in ctx.store.all("condition")):
        raise ApiError(IN_USE, "Counter is in use.")
    ctx.store.delete("counter", counter["id"])


def counter_view(c):
    return {k: c.get(k) for k in ("id", "name", "source", "value", "provider")}


# ---- conditions --------------------------------------------------------------------------------------------------------------
def check_operator(op, threshold, verb):
    op = str(op).upper()
    if op not in OPERATORS:
        raise param_error(f"The Operator {op} does not exist; Unable to {verb} Condition.")
    if threshold < 0:
        raise param_error(f"The threshold {threshold} must be equal to or greater than 0.")
    return op


def create_condition(ctx, own):
    threshold = ctx.int("threshold")
    op = check_operator(ctx.require("relationaloperator"), threshold, "create")
    counter = _get(ctx, "counter", ctx.require("counterid"), "Unable to find counter")
    return ctx.store.add("condition", {**own, "counterid": counter["id"], "relationaloperator": op, "threshold": threshold})


def policies_of_condition(sim, condid):
    return [p for p in sim.store.all("autoscalepolicy") if condid in p.get("_conditionids", [])]


def update_condition(ctx, cond, op, threshold):
    op = check_operator(op, threshold, "update")
    pids = {p["id"] for p in policies_of_condition(ctx.sim, cond["id"])}
    groups = [g for g in ctx.store.all("autoscalevmgroup") if g["state"] != "DISABLED" and pids & set(policy_ids(g))]
    if groups:
        raise ApiError(IN_USE, f"Cannot update condition {cond['_seq']} as it is being used in {len(groups)} vm groups NOT in Disabled state.")
    cond.update(relationaloperator=op, threshold=threshold)
    ctx.store.save("condition", cond)
    for pid in pids:
        reset_statistics(ctx.sim, policyid=pid)


def delete_condition(ctx, cond):
    if policies_of_condition(ctx.sim, cond["id"]):
        raise ApiError(IN_USE, "Cannot delete Condition when it is in use by one or more AutoScale Policies.")
    ctx.store.delete("condition", cond["id"])


def condition_view(sim, cond):
    counter = sim.store.get("counter", cond.get("counterid")) or {}
    return {"id": cond["id"], "counterid": cond.get("counterid"), "countername": counter.get("name"),
            "counter": [counter_view(counter)] if counter else None, "relationaloperator": cond["relationaloperator"],
            "threshold": cond["threshold"], **owner_view(cond)}


# ---- policies ----------------------------------------------------------------------------------------------------------------
def parse_action(value):
    action = str(value or "").upper()
    if action not in ACTIONS:
        raise param_error("action is invalid. Supported actions are: [SCALEUP, SCALEDOWN]")
    return action


def check_conditions(ctx, ids, policy_owner):
    """checkValidityAndPersist(policy, conditionIds): at least one, all found, one per counter, the policy's owner."""
    if not ids:
        raise param_error("AutoScale policy must have at least one condition")
    conds = [ctx.store.get("condition", i) for i in dict.fromkeys(ids)]
    if any(c is None for c in conds) or len(conds) != len(ids):
        raise param_error("Unable to find the condition specified")
    for c in conds:
        check_access(ctx, c, "condition")
        if policy_owner and c.get("_accountid") != policy_owner:
            raise ApiError(531, "Entity is not owned by the same account: condition " + c["id"])
    counters = [c["counterid"] for c in conds]
    if len(set(counters)) != len(counters):
        raise param_error("at least two conditions in the conditionids have the same counter. It is not right to apply two different "
                          "conditions for the same counter")
    return [c["id"] for c in conds]


def check_times(duration, quiettime):
    if duration is not None and duration < 0:
        raise param_error(f"duration is an invalid value: {duration}")
    if quiettime is not None and quiettime < 0:
        raise param_error(f"quietTime is an invalid value: {quiettime}")


def create_policy(ctx):
    action = parse_action(ctx.require("action"))
    duration, quiet = ctx.int("duration"), ctx.int("quiettime", DEFAULT_QUIET_TIME)
    ids = ctx.list("conditionids")
    first = ctx.store.get("condition", ids[0]) if ids else None  # the policy belongs to its conditions' owner
    own = {k: first.get(k) for k in ("account", "domainid", "domain", "projectid", "project", "_accountid")} if first else \
        {"account": ctx.account["name"], "domainid": ctx.account["domainid"], "domain": ctx.caller["domain"].get("name"), "_accountid": ctx.account["id"]}
    check_times(duration, quiet)
    conds = check_conditions(ctx, ids, own["_accountid"])
    return ctx.store.add("autoscalepolicy", {**own, "name": ctx.get("name"), "action": action, "duration": duration,
                                             "quiettime": quiet, "_conditionids": conds})


def groups_of_policy(sim, pid):
    return [g for g in sim.store.all("autoscalevmgroup") if pid in policy_ids(g)]


def update_policy(ctx, pol):
    duration, quiet = ctx.int("duration"), ctx.int("quiettime")
    wanted = dict(pol)
    for key, value in (("name", ctx.get("name")), ("duration", duration), ("quiettime", quiet)):
        if value is not None:
            wanted[key] = value
    for g in groups_of_policy(ctx.sim, pol["id"]):
        if g["state"] != "DISABLED":
            raise param_error("The AutoScale Policy can be updated only if the Vm Group it is associated with is disabled in state")
        if wanted["duration"] < g["interval"]:
            raise param_error("duration is less than the associated AutoScaleVmGroup's interval")
    check_times(wanted["duration"], wanted["quiettime"])
    if ctx.get("conditionids") is not None:
        wanted["_conditionids"] = check_conditions(ctx, ctx.list("conditionids"), pol.get("_accountid"))
    pol.update(wanted)
    ctx.store.save("autoscalepolicy", pol)
    if ctx.list("conditionids"):
        reset_statistics(ctx.sim, policyid=pol["id"])
    return pol


def delete_policy(ctx, pol):
    if groups_of_policy(ctx.sim, pol["id"]):
        raise param_error("Cannot delete AutoScale Policy when it is in use by one or more AutoScale Vm Groups")
    ctx.store.delete("autoscalepolicy", pol["id"])


def policy_view(sim, pol):
    conds = [sim.store.get("condition", c) for c in pol.get("_conditionids", [])]
    return {"id": pol["id"], "name": pol.get("name"), "action": pol["action"], "duration": pol["duration"], "quiettime": pol["quiettime"],
            "conditions": [condition_view(sim, c) for c in conds if c], **owner_view(pol)}


# ---- VM profiles -------------------------------------------------------------------------------------------------------------
def deploy_params(ctx):
    """otherdeployparams[i].name/value -> {name: value}, only the supported keys."""
    out = {}
    for entry in ctx.map_param("otherdeployparams"):
        key, value = entry.get("name"), entry.get("value")
        if key not in DEPLOY_PARAMS:
            raise param_error(f"Unsupported otherdeployparams key: {key}. Supported values are [{', '.join(DEPLOY_PARAMS)}]")
        out[key] = value
    return out


def check_profile_refs(ctx, offeringid, templateid, grace):
    if offeringid is not None:
        off = ctx.store.get("serviceoffering", offeringid)
        if off is None:
            raise param_error("Unable to find service offering by id")
        if off.get("iscustomized"):
            raise param_error("Unable to use dynamic service offering in AutoScale vm profile")
    if templateid is not None and ctx.store.get("template", templateid) is None:
        raise param_error("Unable to use the given template.")
    if grace is not None and grace < 0:
        raise param_error("Expunge Vm Grace Period cannot be less than 0.")


def create_profile(ctx, own):
    zoneid = ctx.require("zoneid")
    if ctx.store.get("zone", zoneid) is None:
        raise param_error("Unable to find zone by id")
    offeringid, templateid = ctx.require("serviceofferingid"), ctx.require("templateid")
    grace = ctx.int("expungevmgraceperiod", DEFAULT_GRACE)
    check_profile_refs(ctx, offeringid, templateid, grace)
    prof = {**own, "zoneid": zoneid, "serviceofferingid": offeringid, "templateid": templateid, "expungevmgraceperiod": grace,
            "otherdeployparams": deploy_params(ctx) or None, "userdata": ctx.get("userdata"), "autoscaleuserid": ctx.get("autoscaleuserid"),
            "fordisplay": ctx.bool("fordisplay", True), "_counterparams": ctx.map_param("counterparam")}
    return ctx.store.add("autoscalevmprofile", prof)


PHYSICAL_PROFILE = ("templateid", "autoscaleuserid", "counterparam", "otherdeployparams", "expungevmgraceperiod", "userdata")


def update_profile(ctx, prof):
    offeringid, templateid, grace = ctx.get("serviceofferingid"), ctx.get("templateid"), ctx.int("expungevmgraceperiod")
    physical = any(ctx.get(p) is not None or ctx.map_param(p) for p in PHYSICAL_PROFILE)
    if physical and any(g["state"] != "DISABLED" for g in ctx.store.find("autoscalevmgroup", vmprofileid=prof["id"])):
        raise param_error("The AutoScale Vm Profile can be updated only if the Vm Group it is associated with is disabled in state")
    check_profile_refs(ctx, offeringid, templateid, grace)
    changes = {"serviceofferingid": offeringid, "templateid": templateid, "expungevmgraceperiod": grace, "userdata": ctx.get("userdata"),
               "autoscaleuserid": ctx.get("autoscaleuserid")}
    prof.update({k: v for k, v in changes.items() if v is not None})
    if ctx.map_param("otherdeployparams"):
        prof["otherdeployparams"] = deploy_params(ctx)
    if ctx.get("fordisplay") is not None:
        prof["fordisplay"] = ctx.bool("fordisplay")
    ctx.store.save("autoscalevmprofile", prof)
    return prof


def delete_profile(ctx, prof):
    if ctx.store.find("autoscalevmgroup", vmprofileid=prof["id"]):
        raise param_error("Cannot delete AutoScale Vm Profile when it is in use by one more vm groups")
    ctx.store.delete("autoscalevmprofile", prof["id"])


def profile_view(prof):
    keys = ("id", "zoneid", "serviceofferingid", "templateid", "expungevmgraceperiod", "otherdeployparams", "userdata", "autoscaleuserid",
            "fordisplay")
    return {**{k: prof.get(k) for k in keys}, **owner_view(prof)}


# ---- VM groups ---------------------------------------------------------------------------------------------------------------
def policy_ids(group):
    return list(group.get("_scaleup", [])) + list(group.get("_scaledown", []))


def check_group_name(name):
    if name and not all(ch.isalnum() or ch == "-" for ch in name):
        raise param_error("Invalid name. Vm group name can contain ASCII letters 'a' through 'z', the digits '0' through '9' and the hyphen "
                          "('-'), must be between 1 and 255 characters long.")


def lb_provider(sim, rule):
    net = sim.store.get("network", rule.get("networkid")) or {}
    off = sim.store.get("networkoffering", net.get("networkofferingid")) or {}
    providers = backend.guestnet.offering_services(off).get("Lb") or []
    return providers[0] if providers else None


def _policies(ctx, ids, interval, scaleup):
    out = []
    for pid in ids:
        pol = ctx.store.get("autoscalepolicy", pid)
        if pol is None:
            raise param_error("Unable to find the policy specified")
        if pol["duration"] < interval:
            raise param_error(f"duration : {pol['duration']} specified in a policy cannot be less than vm group's interval : {interval}")
        if scaleup and pol["action"] != "SCALEUP":
            raise param_error("Only scaleup policies can be specified in scaleuppolicyids")
        if not scaleup and pol["action"] == "SCALEUP":
            raise param_error("Only scaledown policies can be specified in scaledownpolicyids")
        out.append(pol)
    return out


def check_group(ctx, g, up_ids, down_ids):
    """checkValidityAndPersist(vmGroup, scaleUp, scaleDown): members, interval, policies, counters of the rule's provider."""
    check_group_name(g.get("name"))
    if g["minmembers"] <= 0:
        raise param_error(f"minmembers is an invalid value: {g['minmembers']}")
    if g["maxmembers"] <= 0:
        raise param_error(f"maxmembers is an invalid value: {g['maxmembers']}")
    if g["minmembers"] > g["maxmembers"]:
        raise param_error(f"minmembers ({g['minmembers']})cannot be greater than maxmembers ({g['maxmembers']})")
    if g["interval"] <= 0:
        raise param_error(f"interval is an invalid value: {g['interval']}")
    for ids, which in ((up_ids, "ScaleUp"), (down_ids, "ScaleDown")):
        if ids is not None and not ids:
            raise param_error(f"AutoScale VM group must have at least one {which} policy")
    ups = _policies(ctx, g.get("_scaleup", []) if up_ids is None else up_ids, g["interval"], True)
    downs = _policies(ctx, g.get("_scaledown", []) if down_ids is None else down_ids, g["interval"], False)
    prof = _get(ctx, "autoscalevmprofile", g["vmprofileid"], "Unable to find vmprofileid", "autoscale vm profile")
    rule = _get(ctx, "loadbalancer", g["lbruleid"], "Unable to find lbruleid", "load balancer rule")
    provider = lb_provider(ctx.sim, rule)
    for pol in ups + downs:
        for cid in pol["_conditionids"]:
            counter = ctx.store.get("counter", (ctx.store.get("condition", cid) or {}).get("counterid")) or {}
            if counter.get("provider") != provider:
                raise param_error(f"AutoScale counter with source='{counter.get('source', '')}' is not supported in the network")
    for obj in ups + downs + [prof]:
        if obj.get("_accountid") != rule.get("_accountid"):
            raise ApiError(531, f"Entity is not owned by the same account: {obj['id']}")
    return [p["id"] for p in ups], [p["id"] for p in downs]


def create_group(ctx):
    rule = _get(ctx, "loadbalancer", ctx.require("lbruleid"), "Unable to find lbruleid", "load balancer rule")
    if group_of_rule(ctx.sim, rule["id"]):
        raise param_error("an AutoScaleVmGroup is already attached to the lb rule, the existing vm group has to be first deleted")
    if rule.get("_members"):
        raise param_error("there are Vms already bound to the specified LoadBalancing Rule. User bound Vms and AutoScaled Vm Group cannot "
                          "co-exist on a Load Balancing Rule")
    g = {"lbruleid": rule["id"], "name": ctx.get("name") or f"AutoScale-VmGroup-{rule['name']}", "minmembers": ctx.int("minmembers"),
         "maxmembers": ctx.int("maxmembers"), "interval": ctx.int("interval", DEFAULT_INTERVAL), "vmprofileid": ctx.require("vmprofileid"),
         "fordisplay": ctx.bool("fordisplay", True), "state": "NEW", "created": now(), "_members": [], "_clock": 0, "_samples": [],
         "_lastaction": {}, "_vmseq": 0, **{k: rule.get(k) for k in ("account", "domainid", "domain", "projectid", "project", "_accountid")}}
    g["_scaleup"], g["_scaledown"] = check_group(ctx, g, ctx.list("scaleuppolicyids"), ctx.list("scaledownpolicyids"))
    return ctx.store.add("autoscalevmgroup", g)


def update_group(ctx, g):
    up, down = ctx.list("scaleuppolicyids") or None, ctx.list("scaledownpolicyids") or None
    interval = ctx.int("interval")
    physical = any(v is not None for v in (ctx.int("minmembers"), ctx.int("maxmembers"), up, down)) or (interval is not None and interval != g["interval"])
    if physical and g["state"] != "DISABLED":
        raise param_error("An AutoScale Vm Group can be updated with minMembers/maxMembers/Interval only when it is in disabled state")
    wanted = dict(g)
    for key in ("minmembers", "maxmembers", "interval"):
        if ctx.int(key) is not None:
            wanted[key] = ctx.int(key)
    if ctx.get("name"):
        wanted["name"] = ctx.get("name")
    if ctx.get("fordisplay") is not None:
        wanted["fordisplay"] = ctx.bool("fordisplay")
    wanted["_scaleup"], wanted["_scaledown"] = check_group(ctx, wanted, up, down)
    g.update(wanted)
    if (interval is not None and interval != g["interval"]) or up or down:
        reset_statistics(ctx.sim, groupid=g["id"])
    ctx.store.save("autoscalevmgroup", g)
    return g


def set_group_state(ctx, g, state):
    g["state"] = state
    ctx.store.save("autoscalevmgroup", g)
    return g


def enable_group(ctx, g):
    if g["state"] == "ENABLED":
        return g
    if g["state"] != "DISABLED":
        raise param_error("Only a AutoScale Vm Group which is in Disabled state can be enabled.")
    reset_statistics(ctx.sim, groupid=g["id"])
    return set_group_state(ctx, g, "ENABLED")


def disable_group(ctx, g):
    if g["state"] == "DISABLED":
        return g
    if g["state"] not in ("ENABLED", "SCALING"):
        raise param_error("Only a AutoScale Vm Group which is in Enabled or Scaling state can be disabled.")
    return set_group_state(ctx, g, "DISABLED")


def check_delete_group(ctx, g, cleanup):
    """deleteAutoScaleVmGroup's refusals (None: the group may go; a NEW group always may)."""
    if g["state"] == "NEW":
        return
    if g["state"] != "DISABLED" and not cleanup:
        raise param_error(f"Cannot delete autoscale vm group id : {g['_seq']} because it is in {g['state']} state. Please disable it or pass "
                          "cleanup=true flag which will destroy all VMs.")
    members = live_members(ctx.sim, g)
    if members and not cleanup:
        raise param_error(f"Cannot delete autoscale vm group id : {g['_seq']} because there are {len(members)} VMs. Please remove the VMs or "
                          "pass cleanup=true flag which will destroy all VMs.")


def live_members(sim, g):
    out = []
    for vmid in g.get("_members", []):
        vm = sim.store.get("virtualmachine", vmid)
        if vm is not None and not vm.get("_removed") and vm.get("state") not in ("Destroyed", "Expunging", "Error"):
            out.append(vm)
    return out


def reset_statistics(sim, groupid=None, policyid=None):
    """markStatisticsAsInactive: the samples collected so far no longer count (a changed interval, policy or condition)."""
    for g in sim.store.all("autoscalevmgroup"):
        if (groupid and g["id"] == groupid) or (policyid and policyid in policy_ids(g)):
            g["_samples"], g["_since"] = [], g.get("_clock", 0)
            sim.store.save("autoscalevmgroup", g)


def group_view(sim, g):
    rule = sim.store.get("loadbalancer", g["lbruleid"]) or {}
    net = sim.store.get("network", rule.get("networkid")) or {}
    pols = [sim.store.get("autoscalepolicy", p) for p in policy_ids(g)]
    return {
        "id": g["id"], "name": g["name"], "lbruleid": g["lbruleid"], "vmprofileid": g["vmprofileid"], "minmembers": g["minmembers"],
        "maxmembers": g["maxmembers"], "interval": g["interval"], "state": g["state"], "fordisplay": g.get("fordisplay", True),
        "availablevirtualmachinecount": len(live_members(sim, g)), "created": g.get("created"), "hasannotations": False,
        "scaleuppolicies": [policy_view(sim, p) for p in pols if p and p["action"] == "SCALEUP"],
        "scaledownpolicies": [policy_view(sim, p) for p in pols if p and p["action"] == "SCALEDOWN"],
        "publicip": rule.get("publicip"), "publicipid": rule.get("publicipid"), "publicport": rule.get("publicport"),
        "privateport": rule.get("privateport"), "lbprovider": lb_provider(sim, rule), "associatednetworkid": net.get("id"),
        "associatednetworkname": net.get("name"), **owner_view(g),
    }


@backend.identity.on_account_removed
def on_account_deleted(ctx, acc):
    """AccountManagerImpl.cleanupAccount: deleteAutoScaleVmGroupsByAccount, then cleanUpAutoScaleResources (profiles,
    policies, conditions); the account's VMs go with the account's other VMs."""
    for type_ in ("autoscalevmgroup", "autoscalevmprofile", "autoscalepolicy", "condition"):
        for obj in [o for o in ctx.store.all(type_) if o.get("_accountid") == acc["id"]]:
            ctx.store.delete(type_, obj["id"])
