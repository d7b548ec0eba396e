"""instance_group against the simulator (in process): create, re-run, check mode, --diff, absent, owners, bad input,
faults (createInstanceGroup is synchronous: no job to fail or to time out)."""
import pytest
from guest_helpers import Dc, sandbox


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


def groups(sim, **params):
    return sim.ok("listInstanceGroups", listall="true", **params).get("instancegroup", [])


def test_create_rerun_check_diff_absent(module, sim):
    res = module("instance_group", _check=True, _diff=True, name="web")
    assert res["changed"] and groups(sim) == [] and res["diff"] == {"before": {"state": "absent"}, "after": {"name": "web", "state": "present"}}
    res = module("instance_group", name="web")
    (grp,) = groups(sim)
    assert res["changed"] and res["id"] == grp["id"] and res["name"] == "web" and res["account"] == "admin" and res["created"]
    res = module("instance_group", _diff=True, name="web")
    assert res["changed"] is False and res["id"] == grp["id"]
    assert module("instance_group", name="WEB")["id"] == grp["id"]  # one group of a name per account
    vm = Dc(sim).deploy("web-01", group="web")
    assert vm["groupid"] == grp["id"]
    res = module("instance_group", _check=True, name="web", state="absent")
    assert res["changed"] and len(groups(sim)) == 1
    res = module("instance_group", _diff=True, name="web", state="absent")
    assert res["changed"] and groups(sim) == [] and res["diff"]["after"] == {"state": "absent"}
    assert "groupid" not in sim.ok("listVirtualMachines", id=vm["id"])["virtualmachine"][0]
    assert module("instance_group", name="web", state="absent")["changed"] is False


def test_owner_and_bad_input(module, sim):
    dom = sim.ok("createDomain", name="customers")["domain"]
    sim.ok("createAccount", username="alice", password="pw-alice-1", firstname="A", lastname="L", email="a@example.com",
           accounttype=0, domainid=dom["id"], account="alice")
    res = module("instance_group", name="web", domain="customers", account="alice")
    assert res["changed"] and res["account"] == "alice" and res["domain"] == "customers"
    res = module("instance_group", name="web")  # the caller's own group of that name is another group
    assert res["changed"] and res["account"] == "admin"
    assert module("instance_group", name="web", domain="customers", account="alice")["changed"] is False
    res = module("instance_group", name="x", domain="no-such-domain", account="alice")
    assert res.failed and "no-such-domain" in res["msg"]
    res = module("instance_group", name="x", project="no-such-project")
    assert res.failed and "no-such-project" in res["msg"]
    res = module("instance_group")
    assert res.failed and "name" in res["msg"]
    res = module("instance_group", name="x", state="enabled")
    assert res.failed and "state" in res["msg"] and "enabled" in res["msg"]
    assert sorted(g["account"] for g in groups(sim)) == ["admin", "alice"]


def test_faults_leave_no_duplicates(module, sim):
    sim.sim.faults.set("5xx=0.25,drop=0.25,seed=4")
    for i in range(6):
        module("instance_group", name="g%d" % i)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for i in range(6):
        assert not module("instance_group", name="g%d" % i).failed
    assert sorted(g["name"] for g in groups(sim)) == ["g%d" % i for i in range(6)]
