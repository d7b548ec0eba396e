"""The autoscale monitor (AutoScaleManagerImpl.checkAutoScaleVmGroup for virtual-router groups), driven explicitly.

- set_counter_value(sim, counter, value, group=None): the value the next samples read for a counter (by id or name; a
  name sets every counter of that name), for one group or for all;
- evaluate(sim, groupid=None): one monitor interval of every ENABLED group (or one): the group's clock advances by its
  interval, members whose deploy finished join the load balancer rule, members that are gone leave the group; then
  the group is brought within minmembers/maxmembers, and otherwise one sample is taken and the policies are checked:
  a policy acts when the average of each of its counters over the last `duration` seconds (samples since the
  statistics were last reset, covering the whole duration) meets its condition, and not within its quiet time after
  its last action. Scale-up policies first (one VM, never above maxmembers), then scale-down (one VM, never below
  minmembers). Returns what it did: [(groupid, "scaleup"|"scaledown", vmid)].

A new member is deployed with deployVirtualMachine as the group's owner (the profile's zone, template and offering,
its other deploy parameters, the rule's network) and joins the rule once Running (backend.loadbalancers.
set_autoscale_member: assignToLoadBalancer with isAutoScaleVM, which users cannot call on the rule); a member scaled
down leaves the rule and is destroyed (expunged) by destroyVirtualMachine (the commands through the simulator's API,
as the manager calls the services).
"""
from ...backend import backend
from . import model as m

OPS = {"EQ": lambda a, b: a == b, "GT": lambda a, b: a > b, "LT": lambda a, b: a < b, "GE": lambda a, b: a >= b, "LE": lambda a, b: a <= b}
VALUES_KEY = "autoscale:countervalues"


def _counter_ids(sim, counter):
    if sim.store.get("counter", counter):
        return [counter]
    ids = [c["id"] for c in sim.store.all("counter") if c["name"] == counter]
    if not ids:
        raise ValueError(f"no counter {counter}")
    return ids


def set_counter_value(sim, counter, value, group=None):
    """Feed a counter value (a test helper; the real monitor reads the router's or the VMs' statistics)."""
    with sim.lock:
        for cid in _counter_ids(sim, counter):
            if group:
                g = sim.store.get("autoscalevmgroup", group)
                g.setdefault("_values", {})[cid] = float(value)
                sim.store.save("autoscalevmgroup", g)
            else:
                values = dict(sim.store.meta.get(VALUES_KEY) or {})
                values[cid] = float(value)
                sim.store.set_meta(VALUES_KEY, values)
        sim.store.commit()


def _value(sim, g, cid):
    own = (g.get("_values") or {}).get(cid)
    return own if own is not None else (sim.store.meta.get(VALUES_KEY) or {}).get(cid)


def _owner_caller(sim, g):
    user = next((u for u in sim.store.all("user") if u.get("accountid") == g.get("_accountid")), None)
    return sim.caller_for_user(user) if user else sim.admin_caller()


def _call(sim, command, params, caller=None):
    status, body = sim.call(command, {k: str(v) for k, v in params.items()}, caller or sim.admin_caller())
    return status, next(iter(body.values()))


def _reconcile(sim, g):
    """Members that are gone leave the group; Running members not yet on the rule join it."""
    live = {vm["id"]: vm for vm in m.live_members(sim, g)}
    pending = [vmid for vmid in g["_members"] if vmid in live or (sim.store.get("virtualmachine", vmid) or {}).get("state") == "Starting"]
    g["_members"] = pending
    rule = sim.store.get("loadbalancer", g["lbruleid"]) or {}
    on_rule = {x["vmid"] for x in rule.get("_members") or []}
    for vmid, vm in live.items():
        if rule and vm.get("state") == "Running" and vmid not in on_rule:
            backend.loadbalancers.set_autoscale_member(sim, rule, vm)


def _scale_up(sim, g):
    prof = sim.store.get("autoscalevmprofile", g["vmprofileid"])
    rule = sim.store.get("loadbalancer", g["lbruleid"]) or {}
    g["_vmseq"] = g.get("_vmseq", 0) + 1
    params = {"zoneid": prof["zoneid"], "serviceofferingid": prof["serviceofferingid"], "templateid": prof["templateid"],
              "networkids": rule.get("networkid"), "name": f"autoScaleVm-{g['name']}-{g['_vmseq']}"[:63].rstrip("-")}
    for key, value in (prof.get("otherdeployparams") or {}).items():
        params[key] = value
    if prof.get("userdata"):
        params["userdata"] = prof["userdata"]
    status, reply = _call(sim, "deployVirtualMachine", params, _owner_caller(sim, g))
    if status != 200 or not reply.get("id"):
        return None
    g["_members"].append(reply["id"])
    return reply["id"]


def _scale_down(sim, g):
    members = m.live_members(sim, g)
    if not members:
        return None
    vm = members[-1]  # the newest member goes first
    rule = sim.store.get("loadbalancer", g["lbruleid"]) or {}
    if any(x["vmid"] == vm["id"] for x in rule.get("_members") or []):
        backend.loadbalancers.set_autoscale_member(sim, rule, vm, present=False)
    if vm.get("state") in ("Running", "Stopped"):
        _call(sim, "destroyVirtualMachine", {"id": vm["id"], "expunge": "true"})
    g["_members"] = [x for x in g["_members"] if x != vm["id"]]
    return vm["id"]


def destroy_members(sim, g):
    """deleteAutoScaleVmGroup with cleanup=true: every member leaves the rule and is destroyed."""
    while _scale_down(sim, g):
        pass


def _holds(sim, g, pol):
    window = [s for s in g["_samples"] if s["t"] > g["_clock"] - pol["duration"]]
    if not window or g["_clock"] - g.get("_since", 0) < pol["duration"]:
        return False  # not enough statistics yet for the policy's duration
    for cid in pol["_conditionids"]:
        cond = sim.store.get("condition", cid)
        values = [s["values"].get(cond["counterid"]) for s in window]
        if cond is None or any(v is None for v in values):
            return False
        if not OPS[cond["relationaloperator"]](sum(values) / len(values), cond["threshold"]):
            return False
    return True


def _quiet(g, pol):
    last = g["_lastaction"].get(pol["id"])
    return last is not None and g["_clock"] - last < pol["quiettime"]


def _sample(sim, g):
    conds = [sim.store.get("condition", c) for p in m.policy_ids(g) for c in (sim.store.get("autoscalepolicy", p) or {}).get("_conditionids", [])]
    counters = {c["counterid"] for c in conds if c}
    g["_samples"] = [s for s in g["_samples"] if s["t"] > g["_clock"] - 3600] + [
        {"t": g["_clock"], "values": {cid: _value(sim, g, cid) for cid in counters}}]


def _policy_step(sim, g, count):
    for action, ids in (("scaleup", g["_scaleup"]), ("scaledown", g["_scaledown"])):
        for pid in ids:
            pol = sim.store.get("autoscalepolicy", pid)
            if pol is None or _quiet(g, pol) or not _holds(sim, g, pol):
                continue
            if action == "scaleup" and count + 1 > g["maxmembers"]:
                continue  # checkConditionUp: never above maxmembers
            if action == "scaledown" and count - 1 < g["minmembers"]:
                continue  # checkConditionDown: never below minmembers
            vmid = _scale_up(sim, g) if action == "scaleup" else _scale_down(sim, g)
            g["_lastaction"][pid] = g["_clock"]
            return [(g["id"], action, vmid)] if vmid else []
    return []


def _step(sim, g):
    g["_clock"] += g["interval"]
    _reconcile(sim, g)
    count = len(g["_members"])
    if count < g["minmembers"]:  # an enabled group brings itself to minmembers, then to maxmembers
        return [(g["id"], "scaleup", _scale_up(sim, g)) for _ in range(g["minmembers"] - count)]
    if count > g["maxmembers"]:
        return [(g["id"], "scaledown", _scale_down(sim, g)) for _ in range(count - g["maxmembers"])]
    _sample(sim, g)
    return _policy_step(sim, g, count)


def evaluate(sim, groupid=None):
    """One monitor interval of the enabled groups (or of one); see the module docstring."""
    done = []
    with sim.lock:
        for g in sim.store.all("autoscalevmgroup"):
            if g["state"] != "ENABLED" or (groupid and g["id"] != groupid):
                continue
            done += _step(sim, g)
            sim.store.save("autoscalevmgroup", g)
        sim.store.commit()
    return done
