"""resource_limit against the simulator (in process): domain, account and project limits, by name or number,
re-run/check/diff, bad input (CloudStack's refusals too), faults."""
import pytest
from tenancy_helpers import check_update, runner, until_ok


def setup_owners(sim):
    dom = sim.ok("createDomain", name="customers")["domain"]
    sim.ok("createAccount", account="acme-ops", accounttype=0, username="acme-admin", password="pw", firstname="a", lastname="b",
           email="a@b.c", domainid=dom["id"])
    job = sim.ok("createProject", name="web", displaytext="web", account="acme-ops", domainid=dom["id"])
    sim.wait(job)
    return dom


@pytest.fixture
def run(sim):
    setup_owners(sim)
    return runner(sim)


def limit(sim, rtype, **owner):
    (lim,) = sim.ok("listResourceLimits", resourcetype=rtype, **owner)["resourcelimit"]
    return lim["max"]


def ids(sim):
    dom = sim.ok("listDomains", name="customers", listall="true")["domain"][0]
    project = sim.ok("listProjects", name="web", listall="true")["project"][0]
    return dom["id"], project["id"]


def test_domain_account_project_limits(run, sim):
    domid, pid = ids(sim)
    check_update(run, "resource_limit", {"resource_type": "instance", "domain": "customers"}, "limit", 50, 100,
                 lambda: limit(sim, 0, domainid=domid))
    check_update(run, "resource_limit", {"resource_type": "cpu", "account": "acme-ops", "domain": "customers"}, "limit", 8, 16,
                 lambda: limit(sim, 8, account="acme-ops", domainid=domid))
    check_update(run, "resource_limit", {"resource_type": "memory", "project": "web", "domain": "customers"}, "limit", 4096, 8192,
                 lambda: limit(sim, 9, projectid=pid))
    res = run("resource_limit", resource_type="cpu", account="acme-ops", domain="customers", limit=16)
    assert res == {**res, "changed": False, "limit": 16, "resource_type": "cpu", "account": "acme-ops", "domain": "customers"}


@pytest.mark.parametrize("rtype,number", [("instance", 0), ("user_vm", 0), ("ip_address", 1), ("0", 0), ("11", 11), ("secondary_storage", 11)])
def test_type_by_name_or_number(run, sim, rtype, number):
    domid, _ = ids(sim)
    res = run("resource_limit", _diff=True, type=rtype, max=7, domain="customers")
    assert res["changed"] and limit(sim, number, domainid=domid) == 7 and res["diff"]["after"] == {"limit": 7}


def test_unlimited_by_default(run, sim):
    domid, _ = ids(sim)
    run("resource_limit", resource_type="volume", limit=5, domain="customers")
    res = run("resource_limit", resource_type="volume", domain="customers")
    assert res["changed"] and limit(sim, 2, domainid=domid) == -1


@pytest.mark.parametrize("args,message", [
    ({"resource_type": "gpu", "domain": "customers"}, "resource_type"),
    ({"resource_type": "cpu"}, "set domain, account (with domain) or project"),
    ({"resource_type": "cpu", "domain": "nowhere"}, "Domain 'nowhere' not found"),
    ({"resource_type": "cpu", "account": "nobody", "domain": "customers"}, "Account 'nobody' not found"),
    ({"resource_type": "cpu", "project": "nothing"}, "project 'nothing' not found"),
    ({"resource_type": "cpu", "domain": "customers", "limit": -5}, "Please specify either '-1' for an infinite limit"),
    ({"resource_type": "cpu", "domain": "ROOT", "limit": 5}, "Cannot update resource limit for ROOT domain"),
])
def test_bad_input(run, sim, args, message):
    domid, _ = ids(sim)
    before = limit(sim, 8, domainid=domid)
    res = run("resource_limit", **args)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"] and limit(sim, 8, domainid=domid) == before


def test_account_limit_above_the_domain_limit_is_refused(run, sim):
    run("resource_limit", resource_type="cpu", limit=10, domain="customers")
    res = run("resource_limit", resource_type="cpu", limit=20, account="acme-ops", domain="customers")
    assert res.failed and "cannot exceed the domain resource limit 10" in res["msg"]


def test_faults(make_simserver):
    sim = make_simserver()
    setup_owners(sim)
    domid, _ = ids(sim)
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=74")
    run = runner(sim)
    for rtype, value in (("instance", 20), ("volume", 30), ("cpu", 40)):
        until_ok(run, "resource_limit", resource_type=rtype, limit=value, domain="customers")
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    assert [limit(sim, n, domainid=domid) for n in (0, 2, 8)] == [20, 30, 40]
    assert injected.get("5xx") and injected.get("drop")
