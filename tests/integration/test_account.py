"""account against the simulator (in process): create with the first user, re-run/check/diff, updates, states,
absent, bad input, the async disableAccount/deleteAccount jobs (failure, timeout), faults."""
import time

import pytest
from tenancy_helpers import check_create_rerun_absent, check_update, runner, until_ok

FIRST_USER = {"username": "acme-admin", "password": "S3cret-pw!", "first_name": "Ada", "last_name": "Lovelace", "email": "ada@example.com"}
BASE = dict(FIRST_USER, name="acme-ops", domain="customers")


@pytest.fixture
def run(sim):
    sim.ok("createDomain", name="customers")
    return runner(sim)


def accounts(sim, **filters):
    return [a for a in sim.ok("listAccounts", listall="true", **filters).get("account", [])]


def acme(sim):
    (acc,) = [a for a in accounts(sim) if a["name"] == "acme-ops"]
    return acc


def test_lifecycle(run, sim):
    res = check_create_rerun_absent(run, "account", BASE, lambda: len(accounts(sim)), expect_after={"name": "acme-ops"})
    assert res["name"] == "acme-ops" and res["domain"] == "customers" and res["account_type"] == "user" and res["state"] == "enabled"
    assert "password" not in str(res.get("diff")) and FIRST_USER["password"] not in res["_stdout"]


def test_first_user_is_created_with_the_account(run, sim):
    run("account", **BASE)
    (user,) = sim.ok("listUsers", listall="true", username="acme-admin")["user"]
    assert user["account"] == "acme-ops" and user["firstname"] == "Ada" and user["email"] == "ada@example.com"
    # the first user's fields are for the creation only: another value later is no change
    assert run("account", **dict(BASE, email="other@example.com"))["changed"] is False


def test_update_network_domain_and_role(run, sim):
    check_update(run, "account", BASE, "network_domain", "a.example.com", "b.example.com", lambda: acme(sim).get("networkdomain"))
    sim.ok("createRole", name="Custom User", type="User")
    check_update(run, "account", BASE, "role", "User", "Custom User", lambda: acme(sim)["rolename"])


def test_account_type_and_role_at_creation(run, sim):
    res = run("account", **dict(BASE, name="dadmin", username="da", account_type="domain_admin"))
    assert res["changed"] and res["account_type"] == "domain_admin" and res["role"] == "Domain Admin"
    res = run("account", **dict(BASE, name="viarole", username="vr", role="Domain Admin"))
    assert res["account_type"] == "domain_admin"
    # a different type later is a warning, never a change
    res = run("account", name="dadmin", domain="customers", account_type="user")
    assert res["changed"] is False and any("account_type differs" in w for w in res["warnings"])


@pytest.mark.parametrize("steps", [
    [("disabled", "disabled"), ("enabled", "enabled"), ("locked", "locked"), ("unlocked", "enabled")],
    [("disabled", "disabled"), ("locked", "locked"), ("disabled", "disabled"), ("present", "disabled")],
])
def test_states(run, sim, steps):
    run("account", **BASE)
    for state, api in steps:
        before = acme(sim)["state"]
        res = run("account", _check=True, _diff=True, name="acme-ops", domain="customers", state=state)
        assert res["changed"] is (before != api) and acme(sim)["state"] == before
        if res["changed"]:
            assert res["diff"]["before"]["state"] == before and res["diff"]["after"]["state"] == state
        res = run("account", name="acme-ops", domain="customers", state=state)
        assert res["changed"] is (before != api) and not res.failed, res.get("msg")
        assert acme(sim)["state"] == api and res["state"] == api
        assert run("account", name="acme-ops", domain="customers", state=state)["changed"] is False


def test_created_in_a_state(run, sim):
    res = run("account", **dict(BASE, state="locked"))
    assert res["changed"] and acme(sim)["state"] == "locked"
    assert run("account", **dict(BASE, state="locked"))["changed"] is False


def test_same_name_in_two_domains(run, sim):
    run("account", **BASE)
    res = run("account", **dict(BASE, domain="ROOT", username="other-admin"))
    assert res["changed"] and res["domain"] == "ROOT"
    assert sorted(a["domain"] for a in accounts(sim) if a["name"] == "acme-ops") == ["ROOT", "customers"]


@pytest.mark.parametrize("args,message", [
    ({"email": None}, "missing required arguments: email"),
    ({"account_type": "superuser"}, "account_type"),
    ({"domain": "nowhere"}, "domain 'nowhere' not found (option domain)"),
    ({"role": "no-such-role"}, "role 'no-such-role' not found (option role)"),
    ({"state": "frozen"}, "state"),
    ({"ldap_domain": "cn=x"}, "ldap_domain=cn=x"),
    ({"account_type": "root_admin"}, "unable to create user of admin role type in non-ROOT domain"),
])
def test_bad_input(run, sim, args, message):
    full = {k: v for k, v in dict(BASE, **args).items() if v is not None}
    n = len(accounts(sim))
    res = run("account", **full)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"] and FIRST_USER["password"] not in res["_stdout"]
    assert len(accounts(sim)) == n


def test_failed_disable_and_delete_jobs(make_simserver):
    sim = make_simserver(faults="jobfail=1.0,only=disableAccount|deleteAccount")
    run = runner(sim)
    run("account", **dict(BASE, domain="ROOT"))
    res = run("account", name="acme-ops", state="disabled")
    assert res.failed and "disableAccount failed (errorcode 530)" in res["msg"]
    assert acme(sim)["state"] == "enabled"
    res = run("account", name="acme-ops", state="absent")
    assert res.failed and "deleteAccount failed" in res["msg"]
    assert len([a for a in accounts(sim) if a["name"] == "acme-ops"]) == 1


def test_job_that_outlives_api_async_timeout(make_simserver):
    sim = make_simserver(job_seconds=5)
    run = runner(sim)
    run("account", **dict(BASE, domain="ROOT"))
    t = time.monotonic()
    res = run("account", name="acme-ops", state="locked", api_async_timeout=1)
    assert res.failed and "still running after 1 seconds (api_async_timeout)" in res["msg"]
    assert time.monotonic() - t < 3


def test_faults_leave_no_duplicates(make_simserver):
    sim = make_simserver(faults="5xx=0.2,drop=0.2,seed=31")
    run = runner(sim)
    names = ["acc%d" % i for i in range(3)]
    for name in names:
        until_ok(run, "account", **dict(FIRST_USER, name=name, username="u-" + name, domain="ROOT", network_domain="x.example.com"))
    for name in names:
        until_ok(run, "account", name=name, state="disabled")
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    found = [a for a in accounts(sim) if a["name"] in names]
    assert sorted(a["name"] for a in found) == names, "duplicates or missing accounts"
    assert all(a["state"] == "disabled" for a in found)
    assert len(sim.ok("listUsers", listall="true", keyword="u-acc")["user"]) == 3
    assert injected.get("5xx") and injected.get("drop")


def test_check_mode_with_a_domain_still_to_be_created(run, sim):
    # a playbook that creates the domain in an earlier task: in check mode the domain is not there yet
    n = len(accounts(sim))
    res = run("account", _check=True, _diff=True, **dict(BASE, domain="ROOT/later"))
    assert res["changed"] and not res.failed and res["diff"]["before"] == {"state": "absent"}
    assert any("domain 'ROOT/later' not found" in w and "reported as to be created" in w for w in res["warnings"])
    assert len(accounts(sim)) == n
    res = run("account", **dict(BASE, domain="ROOT/later"))
    assert res.failed and "domain 'ROOT/later' not found (option domain)" in res["msg"]


def test_rename_by_id(run, sim):
    aid = run("account", **BASE)["id"]
    res = run("account", _diff=True, id=aid, name="acme-operations", domain="customers")
    assert res["changed"] and res["name"] == "acme-operations", res.get("msg")
    assert res["diff"]["before"]["name"] == "acme-ops" and res["diff"]["after"]["name"] == "acme-operations"
    assert [a["name"] for a in accounts(sim) if a["id"] == aid] == ["acme-operations"]
    assert run("account", id=aid, name="acme-operations", domain="customers")["changed"] is False
