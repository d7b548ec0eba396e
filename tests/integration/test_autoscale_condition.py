"""autoscale_condition against the simulator (in process): create, re-run, check mode, --diff, the threshold, the
operator by id, absent, in use, bad input, a failed and a too slow job, faults."""
import pytest
from autoscale_helpers import VR_CPU, items, lb_setup, policy, sandbox

ARGS = dict(counter=VR_CPU, counter_provider="VirtualRouter", relational_operator="GT", threshold=80)


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


def conditions(sim):
    return items(sim, "listConditions", "condition", listall="true")


def test_create_rerun_check_diff_update_absent(module, sim):
    res = module("autoscale_condition", _check=True, _diff=True, **ARGS)
    assert res["changed"] and conditions(sim) == [] and res["diff"]["before"] == {"state": "absent"}
    assert res["diff"]["after"]["threshold"] == 80
    res = module("autoscale_condition", **ARGS)
    (c,) = conditions(sim)
    assert res["changed"] and res["id"] == c["id"] and (res["relational_operator"], res["threshold"], res["counter"]) == ("GT", 80, VR_CPU)
    res = module("autoscale_condition", _diff=True, **ARGS)
    assert not res["changed"] and res["diff"] == {"before": {}, "after": {}}
    # the threshold: check mode changes nothing, then the update
    res = module("autoscale_condition", _check=True, _diff=True, **dict(ARGS, threshold=90))
    assert res["changed"] and res["threshold"] == 80 and res["diff"]["after"]["threshold"] == 90 and conditions(sim)[0]["threshold"] == 80
    res = module("autoscale_condition", **dict(ARGS, threshold=90))
    assert res["changed"] and res["threshold"] == 90 and conditions(sim)[0]["threshold"] == 90
    # another operator is another condition; with id the operator changes
    lt = module("autoscale_condition", **dict(ARGS, relational_operator="LT", threshold=20))
    assert lt["changed"] and lt["id"] != c["id"] and len(conditions(sim)) == 2
    res = module("autoscale_condition", id=lt["id"], **dict(ARGS, relational_operator="LE", threshold=20))
    assert res["changed"] and res["relational_operator"] == "LE" and res["id"] == lt["id"]
    assert sorted(x["relationaloperator"] for x in conditions(sim)) == ["GT", "LE"]
    res = module("autoscale_condition", _check=True, state="absent", **ARGS)
    assert res["changed"] and len(conditions(sim)) == 2
    assert module("autoscale_condition", state="absent", **ARGS)["changed"]
    assert [x["relationaloperator"] for x in conditions(sim)] == ["LE"]
    assert not module("autoscale_condition", state="absent", **ARGS)["changed"]


def test_bad_input_and_in_use(module, sim):
    d = lb_setup(sim)
    res = module("autoscale_condition", **dict(ARGS, counter="nope"))
    assert res.failed and "nope" in res["msg"] and "counter" in res["msg"]
    res = module("autoscale_condition", **dict(ARGS, counter_provider=None))
    assert res.failed and "ambiguous" in res["msg"] and VR_CPU in res["msg"]
    res = module("autoscale_condition", **dict(ARGS, threshold=-1))
    assert res.failed and "The threshold -1 must be equal to or greater than 0." in res["msg"] and res["cloudstack_errorcode"] == 431
    res = module("autoscale_condition", **dict(ARGS, relational_operator="NE"))
    assert res.failed and "relational_operator" in res["msg"] and "NE" in res["msg"]
    assert conditions(sim) == []
    c = module("autoscale_condition", **ARGS)
    policy(sim, "up", "scaleup", [{"id": c["id"]}])
    res = module("autoscale_condition", state="absent", **ARGS)
    assert res.failed and "Cannot delete Condition when it is in use by one or more AutoScale Policies." in res["msg"]
    assert res["cloudstack_errorcode"] == 536 and len(conditions(sim)) == 1
    assert d.rule["id"]


def test_failed_job_and_timeout(module, sim):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createCondition")
    res = module("autoscale_condition", **ARGS)
    assert res.failed and "createCondition" in res["msg"]
    sim.sim.faults.set("")
    assert not module("autoscale_condition", **ARGS).failed
    sim.sim.job_seconds = 3
    res = module("autoscale_condition", api_async_timeout=1, **dict(ARGS, threshold=70))
    assert res.failed and "updateCondition" in res["msg"]
    sim.sim.job_seconds = 0.02
    assert len(conditions(sim)) == 1


def test_faults_leave_no_duplicates(module, sim):
    wanted = [(name, provider, op) for name in (VR_CPU, "VM Memory - average percentage") for provider in ("VirtualRouter", "None")
              for op in ("GT", "LT")]
    sim.sim.faults.set("5xx=0.15,drop=0.15,seed=5")
    for name, provider, op in wanted:
        module("autoscale_condition", counter=name, counter_provider=provider, relational_operator=op, threshold=50)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for name, provider, op in wanted:
        assert not module("autoscale_condition", counter=name, counter_provider=provider, relational_operator=op, threshold=50).failed
    assert len(conditions(sim)) == len(wanted)
