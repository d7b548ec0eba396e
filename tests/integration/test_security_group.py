"""security_group against the simulator (in process): create, re-run, check mode, --diff, owner scope, absent, faults."""
import pytest
from guest_helpers import sandbox


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


def groups(sim, name, **params):
    return [g for g in sim.ok("listSecurityGroups", securitygroupname=name, **params).get("securitygroup", []) if g["name"] == name]


def test_create_rerun_check_diff_absent(module, sim):
    res = module("security_group", _check=True, _diff=True, name="web", description="Web servers")
    assert res["changed"] and not res.failed and groups(sim, "web") == []
    assert res["diff"] == {"before": {"state": "absent"}, "after": {"name": "web", "description": "Web servers", "state": "present"}}
    res = module("security_group", _diff=True, name="web", description="Web servers")
    assert res["changed"]
    (g,) = groups(sim, "web")
    assert res["id"] == g["id"] and res["name"] == "web" and res["description"] == "Web servers" and res["account"] == "admin"
    res = module("security_group", _diff=True, name="web", description="Web servers")
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    # the description cannot change: a warning, no change
    res = module("security_group", name="web", description="other")
    assert res["changed"] is False and any("description" in w for w in res["warnings"])
    res = module("security_group", _check=True, _diff=True, name="web", state="absent")
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(groups(sim, "web")) == 1
    assert module("security_group", name="web", state="absent")["changed"]
    assert groups(sim, "web") == []
    assert module("security_group", name="web", state="absent")["changed"] is False


def test_owner_scope_and_bad_input(module, sim):
    dom = sim.ok("createDomain", name="customers")["domain"]
    sim.ok("createAccount", username="u1", account="acme", email="a@example.com", firstname="a", lastname="b", password="pw-12345678",
           accounttype=0, domainid=dom["id"])
    res = module("security_group", name="web", account="acme", domain="customers")
    assert res["changed"] and res["account"] == "acme" and res["domain"] == "customers"
    assert module("security_group", name="web", account="acme", domain="customers")["changed"] is False
    # the admin's own group of the same name is another object
    assert module("security_group", name="web")["changed"]
    assert len(groups(sim, "web", listall=True)) == 2
    res = module("security_group", name="web", account="acme", domain="nosuchdomain")
    assert res.failed and "nosuchdomain" in res["msg"] and "domain" in res["msg"]
    res = module("security_group", name="default")
    assert res["changed"] is False and not res.failed  # every account has its default group


def test_faults_leave_no_duplicates(module, sim):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=3")
    for i in range(6):
        module("security_group", name="sg%d" % i)  # may fail after its retries: never a duplicate
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for i in range(6):
        assert not module("security_group", name="sg%d" % i).failed
        assert len(groups(sim, "sg%d" % i)) == 1
        assert module("security_group", name="sg%d" % i)["changed"] is False
