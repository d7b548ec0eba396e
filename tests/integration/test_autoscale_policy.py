"""autoscale_policy against the simulator (in process): create, re-run, check mode, --diff, duration, quiet time and
conditions, the action (create only), absent, in use, bad input, a failed and a too slow job, faults."""
import pytest
from autoscale_helpers import condition, items, lb_setup, policy, profile, sandbox, wait


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def d(sim):
    d = lb_setup(sim)
    d.gt = condition(sim, d, "GT", 80)
    d.ge = condition(sim, d, "GE", 90)
    mem = next(c for c in sim.ok("listCounters", provider="VirtualRouter")["counter"] if c["name"] == "VM Memory - average percentage")
    d.mem = wait(sim, sim.ok("createCondition", counterid=mem["id"], relationaloperator="GT", threshold=70))["condition"]
    return d


def policies(sim):
    return items(sim, "listAutoScalePolicies", "autoscalepolicy", listall="true")


def args(d, **extra):
    return dict(dict(name="up", action="scaleup", duration=60, conditions=[d.gt["id"]]), **extra)


def test_create_rerun_check_diff_update_absent(module, sim, d):
    res = module("autoscale_policy", _check=True, _diff=True, **args(d))
    assert res["changed"] and policies(sim) == [] and res["diff"]["before"] == {"state": "absent"} and res["diff"]["after"]["duration"] == 60
    res = module("autoscale_policy", **args(d))
    (p,) = policies(sim)
    assert res["changed"] and res["id"] == p["id"] and (res["action"], res["duration"], res["quiet_time"]) == ("SCALEUP", 60, 300)
    assert res["conditions"] == [d.gt["id"]]
    res = module("autoscale_policy", _diff=True, **args(d))
    assert not res["changed"] and res["diff"] == {"before": {}, "after": {}}
    res = module("autoscale_policy", _check=True, _diff=True, **args(d, duration=120))
    assert res["changed"] and res["duration"] == 60 and res["diff"]["after"]["duration"] == 120 and policies(sim)[0]["duration"] == 60
    res = module("autoscale_policy", **args(d, duration=120, quiet_time=60))
    assert res["changed"] and (res["duration"], res["quiet_time"]) == (120, 60)
    res = module("autoscale_policy", **args(d, conditions=[d.ge["id"], d.mem["id"]]))
    assert res["changed"] and sorted(res["conditions"]) == sorted([d.ge["id"], d.mem["id"]])
    assert not module("autoscale_policy", **args(d, conditions=[d.mem["id"], d.ge["id"]]))["changed"]  # a set
    res = module("autoscale_policy", **args(d, action="scaledown", conditions=[d.mem["id"], d.ge["id"]]))
    assert not res["changed"] and "can only be set when the autoscale policy is created" in " ".join(res["warnings"])
    res = module("autoscale_policy", _check=True, name="up", state="absent")
    assert res["changed"] and len(policies(sim)) == 1
    assert module("autoscale_policy", name="up", state="absent")["changed"]
    assert policies(sim) == []
    assert not module("autoscale_policy", name="up", state="absent")["changed"]


def test_bad_input_and_in_use(module, sim, d):
    res = module("autoscale_policy", name="up", duration=60)
    assert res.failed and res["msg"] == "missing required arguments: action, conditions"
    res = module("autoscale_policy", **args(d, action="grow"))
    assert res.failed and "action" in res["msg"] and "grow" in res["msg"]
    res = module("autoscale_policy", **args(d, duration=-5))
    assert res.failed and "duration is an invalid value: -5" in res["msg"] and res["cloudstack_errorcode"] == 431
    res = module("autoscale_policy", **args(d, conditions=[d.gt["id"], d.ge["id"]]))
    assert res.failed and "at least two conditions in the conditionids have the same counter" in res["msg"]
    assert policies(sim) == []
    up = module("autoscale_policy", **args(d))
    down = policy(sim, "down", "scaledown", [condition(sim, d, "LT", 10)])
    prof = profile(sim, d)
    wait(sim, sim.ok("createAutoScaleVmGroup", lbruleid=d.rule["id"], minmembers=1, maxmembers=2, scaleuppolicyids=up["id"],
                     scaledownpolicyids=down["id"], vmprofileid=prof["id"], name="g"))
    res = module("autoscale_policy", name="up", state="absent")
    assert res.failed and "Cannot delete AutoScale Policy when it is in use by one or more AutoScale Vm Groups" in res["msg"]
    res = module("autoscale_policy", **args(d, duration=90))  # the group is enabled
    assert res.failed and "can be updated only if the Vm Group it is associated with is disabled" in res["msg"]
    assert len(policies(sim)) == 2 and policies(sim)[0]["duration"] == 60


def test_failed_job_and_timeout(module, sim, d):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createAutoScalePolicy")
    res = module("autoscale_policy", **args(d))
    assert res.failed and "createAutoScalePolicy" in res["msg"]
    sim.sim.faults.set("")
    assert not module("autoscale_policy", **args(d)).failed
    sim.sim.job_seconds = 3
    res = module("autoscale_policy", api_async_timeout=1, **args(d, duration=90))
    assert res.failed and "updateAutoScalePolicy" in res["msg"]
    sim.sim.job_seconds = 0.02
    assert len(policies(sim)) == 1


def test_faults_leave_no_duplicates(module, sim, d):
    names = ["p%d" % n for n in range(6)]
    sim.sim.faults.set("5xx=0.15,drop=0.15,seed=7")
    for name in names:
        module("autoscale_policy", **args(d, name=name))
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for name in names:
        assert not module("autoscale_policy", **args(d, name=name)).failed
    assert sorted(p["name"] for p in policies(sim)) == names
