"""autoscale_counter against the simulator (in process): the seed counters, create, re-run, check mode, --diff, a
create-only difference, absent, in use, bad input, a failed and a too slow job, faults."""
import pytest
from autoscale_helpers import VR_CPU, condition, items, lb_setup, sandbox

ARGS = dict(name="Linux User RAM - percentage", provider="Netscaler", source="snmp", value="1.3.6.1.4.1.2021.4.6.0")


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


def counters(sim, name=ARGS["name"]):
    return [c for c in items(sim, "listCounters", "counter") if c["name"] == name]


def test_seed_counter_found_by_name_and_provider(module, sim):
    res = module("autoscale_counter", name=VR_CPU, provider="VirtualRouter")
    assert not res["changed"] and (res["provider"], res["source"], res["value"]) == ("VirtualRouter", "cpu", "vm.cpu.average.percentage")
    res = module("autoscale_counter", name=VR_CPU)  # one per provider: VirtualRouter, VpcVirtualRouter, None
    assert res.failed and "3 objects match" in res["msg"]


def test_create_rerun_check_diff_absent(module, sim):
    res = module("autoscale_counter", _check=True, _diff=True, **ARGS)
    assert res["changed"] and counters(sim) == [] and res["diff"]["before"] == {"state": "absent"}
    assert res["diff"]["after"]["value"] == ARGS["value"] and "id" not in res
    res = module("autoscale_counter", **ARGS)
    (c,) = counters(sim)
    assert res["changed"] and res["id"] == c["id"] and (res["source"], res["provider"]) == ("snmp", "Netscaler")
    res = module("autoscale_counter", _diff=True, **ARGS)
    assert not res["changed"] and res["diff"] == {"before": {}, "after": {}}
    res = module("autoscale_counter", **dict(ARGS, value="1.3.6.1.4.1.2021.4.5.0"))  # no update command: a warning
    assert not res["changed"] and "can only be set when the autoscale counter is created" in " ".join(res["warnings"])
    res = module("autoscale_counter", _check=True, _diff=True, name=ARGS["name"], state="absent")
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(counters(sim)) == 1
    assert module("autoscale_counter", name=ARGS["name"], state="absent")["changed"]
    assert counters(sim) == []
    assert not module("autoscale_counter", name=ARGS["name"], state="absent")["changed"]


def test_in_use_and_bad_input(module, sim):
    d = lb_setup(sim)
    res = module("autoscale_counter", name="x", provider="Netscaler")
    assert res.failed and res["msg"] == "missing required arguments: source, value"
    res = module("autoscale_counter", **dict(ARGS, source="disk"))
    assert res.failed and "source" in res["msg"] and "disk" in res["msg"]
    res = module("autoscale_counter", **dict(ARGS, provider="Nope"))
    assert res.failed and "The Provider Nope does not exist; Unable to list Counter" in res["msg"] and res["cloudstack_errorcode"] == 431
    assert counters(sim) == []
    c = module("autoscale_counter", **ARGS)
    d.cpu = {"id": c["id"]}
    condition(sim, d, "GT", 50)
    res = module("autoscale_counter", name=ARGS["name"], state="absent")
    assert res.failed and "Counter is in use." in res["msg"] and res["cloudstack_errorcode"] == 536
    assert len(counters(sim)) == 1


def test_failed_job_and_timeout(module, sim):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createCounter")
    res = module("autoscale_counter", **ARGS)
    assert res.failed and "createCounter" in res["msg"]
    sim.sim.faults.set("")
    assert not module("autoscale_counter", **ARGS).failed
    assert len(counters(sim)) == 1
    sim.sim.job_seconds = 3
    res = module("autoscale_counter", name=ARGS["name"], state="absent", api_async_timeout=1)
    assert res.failed and "deleteCounter" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim):
    names = ["counter-%d" % n for n in range(6)]
    sim.sim.faults.set("5xx=0.15,drop=0.15,seed=3")
    for name in names:
        module("autoscale_counter", **dict(ARGS, name=name, value="1.3.6.1.%s" % name[-1]))
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for name in names:
        assert not module("autoscale_counter", **dict(ARGS, name=name, value="1.3.6.1.%s" % name[-1])).failed
    assert sorted(c["name"] for c in items(sim, "listCounters", "counter") if c["name"].startswith("counter-")) == names
