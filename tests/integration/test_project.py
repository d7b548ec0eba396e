"""project against the simulator (in process): create (async), re-run/check/diff, display text and tags, states
active/suspended, absent (with cleanup), bad input, failed and late jobs, faults."""
import time

import pytest
from tenancy_helpers import check_create_rerun_absent, check_update, runner, until_ok

BASE = {"name": "web", "display_text": "Web shop", "account": "acme-ops", "domain": "customers"}


def make_account(sim):
    dom = sim.ok("createDomain", name="customers")["domain"]
    sim.ok("createAccount", account="acme-ops", accounttype=0, username="acme-admin", password="pw", firstname="a", lastname="b",
           email="a@b.c", domainid=dom["id"])


@pytest.fixture
def run(sim):
    make_account(sim)
    return runner(sim)


def projects(sim):
    return sim.ok("listProjects", listall="true").get("project", [])


def web(sim):
    (project,) = [p for p in projects(sim) if p["name"] == "web"]
    return project


def test_lifecycle(run, sim):
    res = check_create_rerun_absent(run, "project", BASE, lambda: len(projects(sim)), absent_args={"name": "web", "domain": "customers"},
                                    expect_after={"name": "web", "display_text": "Web shop"})
    assert res["name"] == "web" and res["display_text"] == "Web shop" and res["state"] == "Active" and res["domain"] == "customers"


def test_owner_and_default_display_text(run, sim):
    res = run("project", name="web", account="acme-ops", domain="customers")
    assert res["display_text"] == "web"
    assert web(sim)["owner"] == [{"account": "acme-ops"}]


def test_update_display_text(run, sim):
    check_update(run, "project", BASE, "display_text", "Web shop", "Web store", lambda: web(sim)["displaytext"])


def test_tags(run, sim):
    tags = [{"key": "cost-center", "value": "4711"}, {"key": "env", "value": "prod"}]
    res = run("project", _diff=True, tags=tags, **BASE)
    assert res["changed"] and sorted((t["key"], t["value"]) for t in web(sim)["tags"]) == [("cost-center", "4711"), ("env", "prod")]
    assert run("project", tags=list(reversed(tags)), **BASE)["changed"] is False
    changed = [{"key": "cost-center", "value": "42"}]
    res = run("project", _check=True, _diff=True, tags=changed, **BASE)
    assert res["changed"] and len(web(sim)["tags"]) == 2
    assert res["diff"]["after"]["tags"] == changed and len(res["diff"]["before"]["tags"]) == 2
    res = run("project", tags=changed, **BASE)
    assert res["changed"] and [(t["key"], t["value"]) for t in web(sim)["tags"]] == [("cost-center", "42")]
    assert run("project", **BASE)["changed"] is False  # tags not set: left alone
    assert run("project", tags=[], **BASE)["changed"] and web(sim)["tags"] == []


def test_states(run, sim):
    run("project", **BASE)
    for state, api in (("suspended", "Suspended"), ("active", "Active"), ("suspended", "Suspended"), ("present", "Suspended")):
        before = web(sim)["state"]
        res = run("project", _check=True, _diff=True, name="web", domain="customers", state=state)
        assert res["changed"] is (before != api) and web(sim)["state"] == before
        res = run("project", name="web", domain="customers", state=state)
        assert res["changed"] is (before != api) and web(sim)["state"] == api and res["state"] == api
        assert run("project", name="web", domain="customers", state=state)["changed"] is False


def test_absent_removes_what_the_project_owns(run, sim):
    pid = run("project", **BASE)["id"]
    sim.ok("createSSHKeyPair", name="k1", projectid=pid)
    assert run("project", name="web", domain="customers", state="absent")["changed"]
    assert projects(sim) == []


@pytest.mark.parametrize("args,message", [
    ({"account": "nobody"}, "nobody"),
    ({"domain": "nowhere"}, "Domain 'nowhere' not found"),
    ({"state": "paused"}, "state"),
    ({"tags": [{"value": "x"}]}, "tags: each tag is a dict with key and value"),
])
def test_bad_input(run, sim, args, message):
    res = run("project", **dict(BASE, **args))
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"]
    assert projects(sim) == []


def test_failed_jobs(make_simserver):
    sim = make_simserver()
    make_account(sim)
    run = runner(sim)
    sim.sim.faults.set("jobfail=1.0,only=createProject")
    res = run("project", **BASE)
    assert res.failed and "createProject failed (errorcode 530)" in res["msg"]
    # createProject is an async *create* command: CloudStack makes the project before the job runs, so a failed
    # job may leave it; the next run finds it instead of making a second one
    sim.sim.faults.set("jobfail=1.0,only=suspendProject|deleteProject")
    assert not run("project", **BASE).failed
    assert len(projects(sim)) == 1
    res = run("project", name="web", domain="customers", state="suspended")
    assert res.failed and "suspendProject failed" in res["msg"] and web(sim)["state"] == "Active"
    res = run("project", name="web", domain="customers", state="absent")
    assert res.failed and "deleteProject failed" in res["msg"] and len(projects(sim)) == 1


def test_create_job_that_outlives_api_async_timeout(make_simserver):
    sim = make_simserver(job_seconds=3)
    make_account(sim)
    run = runner(sim)
    t = time.monotonic()
    res = run("project", api_async_timeout=1, **BASE)
    assert res.failed and "still running after 1 seconds (api_async_timeout)" in res["msg"]
    assert time.monotonic() - t < 3
    time.sleep(2.5)
    # the job finished on the server: the next run finds the project, no second one
    res = run("project", **BASE)
    assert res["changed"] is False and len(projects(sim)) == 1


def test_faults_leave_no_duplicates(make_simserver):
    sim = make_simserver()
    make_account(sim)
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=51")
    run = runner(sim)
    names = ["p%d" % i for i in range(3)]
    for name in names:
        until_ok(run, "project", **dict(BASE, name=name))
    for name in names:
        until_ok(run, "project", **dict(BASE, name=name, display_text="changed"))
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    found = projects(sim)
    assert sorted(p["name"] for p in found) == names and all(p["displaytext"] == "changed" for p in found)
    assert injected.get("5xx") and injected.get("drop")


def test_absent_when_the_domain_or_account_is_gone_is_no_change(run, sim):
    # the project (and its domain) are already gone: absent is converged, not an error
    res = run("project", name="web", domain="ROOT/gone", state="absent")
    assert res["changed"] is False and not res.failed, res.get("msg")
    assert not run("account", name="nobody", domain="ROOT/gone", state="absent").failed
    assert not run("user", username="nobody", domain="ROOT/gone", state="absent").failed
    # present with a missing domain still fails clearly
    res = run("project", name="web", domain="ROOT/gone")
    assert res.failed and "Domain 'ROOT/gone' not found" in res["msg"]
