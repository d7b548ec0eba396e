"""affinity_group against the simulator (in process): create, re-run, check mode, --diff, types, absent, failed and slow jobs, faults."""
import pytest
from guest_helpers import sandbox


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


def groups(sim, name=None):
    return [g for g in sim.ok("listAffinityGroups", listall=True).get("affinitygroup", []) if name is None or g["name"] == name]


def test_create_rerun_check_diff_absent(module, sim):
    args = dict(name="app", affinity_type="host anti-affinity", description="spread")
    res = module("affinity_group", _check=True, _diff=True, **args)
    assert res["changed"] and groups(sim) == []
    assert res["diff"]["before"] == {"state": "absent"} and res["diff"]["after"]["affinity_type"] == "host anti-affinity"
    res = module("affinity_group", _diff=True, **args)
    (g,) = groups(sim, "app")
    assert res["changed"] and res["id"] == g["id"] and res["affinity_type"] == "host anti-affinity" and res["description"] == "spread"
    assert module("affinity_group", **args)["changed"] is False
    # the type cannot change: a warning, no change
    res = module("affinity_group", name="app", affinity_type="host affinity")
    assert res["changed"] is False and any("affinity_type" in w for w in res["warnings"])
    res = module("affinity_group", _diff=True, name="app", state="absent")
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and groups(sim) == []
    assert module("affinity_group", name="app", state="absent")["changed"] is False


def test_default_type_and_host_affinity(module, sim):
    types = [t["type"] for t in sim.ok("listAffinityGroupTypes")["affinityGroupType" if "affinityGroupType" in sim.ok("listAffinityGroupTypes")
                                                                     else "affinitygrouptype"]]
    res = module("affinity_group", name="g1")
    assert res["changed"] and res["affinity_type"] == types[0]
    res = module("affinity_group", name="g2", affinity_type="Host Affinity")
    assert res["changed"] and res["affinity_type"] == "host affinity"


def test_bad_type_fails_before_creating(module, sim):
    res = module("affinity_group", name="g1", affinity_type="rack anti-affinity")
    assert res.failed and res["msg"] == "affinity group type not found: rack anti-affinity"
    assert groups(sim) == []


def test_failed_job_and_timeout(module, sim):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createAffinityGroup")
    res = module("affinity_group", name="g1")
    assert res.failed and "createAffinityGroup" in res["msg"]
    assert res.get("cloudstack_errorcode") == 530
    sim.sim.faults.set("")
    # createAffinityGroup makes the group before its job runs (a BaseAsyncCreateCmd): a re-run converges, no duplicate
    assert not module("affinity_group", name="g1").failed
    assert len(groups(sim, "g1")) == 1
    sim.sim.job_seconds = 3
    res = module("affinity_group", name="g2", state="present", api_async_timeout=1)
    assert res.failed and "createAffinityGroup" in res["msg"] and "1" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=5")
    for i in range(6):
        module("affinity_group", name="ag%d" % i)  # may fail after its retries: never a duplicate
    sim.sim.faults.set("")
    for i in range(6):
        assert not module("affinity_group", name="ag%d" % i).failed
        assert len(groups(sim, "ag%d" % i)) == 1
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=6")
    for i in range(0, 6, 2):
        module("affinity_group", name="ag%d" % i, state="absent")
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    for i in range(0, 6, 2):
        assert not module("affinity_group", name="ag%d" % i, state="absent").failed
    assert sorted(g["name"] for g in groups(sim)) == ["ag1", "ag3", "ag5"]
    assert injected > 0
