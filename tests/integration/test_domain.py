"""domain against the simulator (in process): path lookup, create/re-run/check/diff, update, absent with clean_up,
bad input, the async deleteDomain job (failure, timeout), faults."""
import time

import pytest
from tenancy_helpers import check_create_rerun_absent, check_update, runner, until_ok


def domains(sim):
    return {d["path"]: d for d in sim.ok("listDomains", listall="true")["domain"]}


@pytest.fixture
def run(sim):
    return runner(sim)


def test_lifecycle(run, sim):
    run("domain", path="customers")
    res = check_create_rerun_absent(run, "domain", {"path": "ROOT/customers/acme", "network_domain": "acme.example.com"},
                                    lambda: len(domains(sim)), expect_after={"path": "ROOT/customers/acme"})
    assert res["path"] == "ROOT/customers/acme" and res["name"] == "acme" and res["parent_domain"] == "customers"
    assert res["network_domain"] == "acme.example.com"


@pytest.mark.parametrize("spelling", ["customers", "/customers", "ROOT/customers", "root/Customers"])
def test_path_spellings_find_the_same_domain(run, sim, spelling):
    run("domain", path="ROOT/customers")
    res = run("domain", path=spelling)
    assert res["changed"] is False and res["path"] == "ROOT/customers"
    assert len(domains(sim)) == 2


def test_same_name_under_different_parents(run, sim):
    for path in ("a", "b", "a/web", "b/web"):
        assert run("domain", path=path)["changed"]
    assert run("domain", path="b/web")["changed"] is False
    assert {"ROOT/a/web", "ROOT/b/web"} <= set(domains(sim))


def test_update_network_domain(run, sim):
    check_update(run, "domain", {"path": "customers"}, "network_domain", "a.example.com", "b.example.com",
                 lambda: domains(sim)["ROOT/customers"].get("networkdomain"))


def test_absent_with_and_without_clean_up(run, sim):
    run("domain", path="customers")
    run("domain", path="customers/acme")
    sim.ok("createAccount", accounttype=0, username="u1", password="pw", firstname="a", lastname="b", email="a@b.c",
           domainid=domains(sim)["ROOT/customers/acme"]["id"])
    res = run("domain", path="customers", state="absent")
    assert res.failed and "deleteDomain" in res["msg"], res.get("msg")
    assert "ROOT/customers" in domains(sim)
    res = run("domain", path="customers", state="absent", clean_up=True)
    assert res["changed"] and not res.failed, res.get("msg")
    assert set(domains(sim)) == {"ROOT"}


@pytest.mark.parametrize("args,message", [
    ({"path": "nope/child"}, "Parent domain path nope does not exist"),
    ({"path": "ROOT/nope/child"}, "Parent domain path ROOT/nope does not exist"),
    ({"path": "customers/"}, "Path 'customers/' must not end with /"),
    ({"path": "ROOT", "state": "absent"}, "domain ROOT cannot be removed (option path)"),
    ({"path": "x", "state": "gone"}, "state"),
    ({"path": "x", "clean_up": "perhaps"}, "clean_up"),
    ({"path": "x", "network_domain": "-bad-"}, "Invalid network domain"),
])
def test_bad_input(run, sim, args, message):
    res = run("domain", **args)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"]
    assert set(domains(sim)) == {"ROOT"}


def test_failed_delete_job(make_simserver):
    sim = make_simserver(faults="jobfail=1.0,only=deleteDomain")
    run = runner(sim)
    run("domain", path="customers")
    res = run("domain", path="customers", state="absent")
    assert res.failed and "deleteDomain failed (errorcode 530)" in res["msg"] and res["cloudstack_jobid"]
    assert "ROOT/customers" in domains(sim)


def test_delete_job_that_outlives_api_async_timeout(make_simserver):
    sim = make_simserver(job_seconds=5)
    run = runner(sim)
    run("domain", path="customers")
    t = time.monotonic()
    res = run("domain", path="customers", state="absent", api_async_timeout=1)
    assert res.failed and "still running after 1 seconds (api_async_timeout)" in res["msg"]
    assert time.monotonic() - t < 3


def test_faults_leave_no_duplicates(make_simserver):
    sim = make_simserver(faults="5xx=0.2,drop=0.2,seed=21")
    run = runner(sim)
    paths = ["c0", "c1", "c0/sub0", "c0/sub1"]
    for path in paths:
        until_ok(run, "domain", path=path, network_domain="x.example.com")
    for path in paths:
        until_ok(run, "domain", path=path, network_domain="y.example.com")
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    found = domains(sim)
    assert sorted(found) == sorted(["ROOT"] + ["ROOT/%s" % p for p in paths])
    assert all(d.get("networkdomain") == "y.example.com" for p, d in found.items() if p != "ROOT")
    assert injected.get("5xx") and injected.get("drop")
    for path in paths:
        assert run("domain", path=path, network_domain="y.example.com")["changed"] is False
