"""user against the simulator (in process): create, re-run/check/diff, updates, states, API keys (returned, never in
the diff or the logged arguments), absent, bad input, the async disableUser job (failure, timeout), faults."""
import time

import pytest
from tenancy_helpers import check_create_rerun_absent, check_update, runner, until_ok

BASE = {"username": "bot", "account": "acme-ops", "domain": "customers", "password": "Bot-pw-123",
        "first_name": "Deploy", "last_name": "Bot", "email": "bot@example.com"}


def make_account(sim):
    dom = sim.ok("createDomain", name="customers")["domain"]
    sim.ok("createAccount", account="acme-ops", accounttype=0, username="acme-admin", password="pw", firstname="a", lastname="b",
           email="a@b.c", domainid=dom["id"])


@pytest.fixture
def run(sim):
    make_account(sim)
    return runner(sim)


def users(sim, **filters):
    return sim.ok("listUsers", listall="true", **filters).get("user", [])


def bot(sim):
    (user,) = users(sim, username="bot")
    return user


def test_lifecycle(run, sim):
    res = check_create_rerun_absent(run, "user", BASE, lambda: len(users(sim)), absent_args={"username": "bot", "domain": "customers"},
                                    expect_after={"username": "bot", "email": "bot@example.com"})
    assert res["username"] == "bot" and res["account"] == "acme-ops" and res["domain"] == "customers" and res["state"] == "enabled"
    assert res["first_name"] == "Deploy" and res["account_type"] == "user"
    assert BASE["password"] not in res["_stdout"] and "password" not in res["diff"]["after"]


@pytest.mark.parametrize("option,first,second,field", [
    ("first_name", "Deploy", "Build", "firstname"),
    ("last_name", "Bot", "Robot", "lastname"),
    ("email", "bot@example.com", "robot@example.com", "email"),
    ("timezone", "UTC", "Europe/Zurich", "timezone"),
])
def test_update(run, sim, option, first, second, field):
    check_update(run, "user", BASE, option, first, second, lambda: bot(sim).get(field))


def test_api_keys(run, sim):
    res = run("user", _diff=True, keys_registered=True, **BASE)
    assert res["changed"] and res["user_api_key"] and res["user_api_secret"]
    user = bot(sim)
    assert user["apikey"] == res["user_api_key"]
    assert res["user_api_secret"] not in str(res["diff"]) and res["diff"]["after"]["keys_registered"] is True
    # the keys are registered once: a re-run returns the same keys and changes nothing
    again = run("user", _diff=True, keys_registered=True, **BASE)
    assert again["changed"] is False and again["user_api_key"] == res["user_api_key"] and again["user_api_secret"] == res["user_api_secret"]
    # an existing user without keys: check mode reports the change, makes no keys
    run("user", **dict(BASE, username="bot2"))
    res = run("user", _check=True, _diff=True, keys_registered=True, **dict(BASE, username="bot2"))
    assert res["changed"] and res["diff"] == {"before": {"keys_registered": False}, "after": {"keys_registered": True}}
    assert not users(sim, username="bot2")[0].get("apikey")
    res = run("user", keys_registered=True, **dict(BASE, username="bot2"))
    assert res["changed"] and users(sim, username="bot2")[0]["apikey"] == res["user_api_key"]
    # the keys work
    from ansible_collections.csops.cloudstack.plugins.module_utils.client import CloudStackClient

    c = CloudStackClient(sim.endpoint, api_key=res["user_api_key"], api_secret=res["user_api_secret"])
    assert c.call("listUsers")["user"][0]["username"] == "bot2"


@pytest.mark.parametrize("steps", [
    [("disabled", "disabled"), ("enabled", "enabled"), ("locked", "locked"), ("unlocked", "enabled")],
    [("disabled", "disabled"), ("locked", "locked"), ("present", "locked")],
])
def test_states(run, sim, steps):
    run("user", **BASE)
    for state, api in steps:
        before = bot(sim)["state"]
        res = run("user", _check=True, _diff=True, username="bot", domain="customers", state=state)
        assert res["changed"] is (before != api) and bot(sim)["state"] == before
        if res["changed"]:
            assert res["diff"]["before"]["state"] == before and res["diff"]["after"]["state"] == state
        res = run("user", username="bot", domain="customers", state=state)
        assert res["changed"] is (before != api) and not res.failed, res.get("msg")
        assert bot(sim)["state"] == api and res["state"] == api
        assert run("user", username="bot", domain="customers", state=state)["changed"] is False


@pytest.mark.parametrize("args,message", [
    ({"account": None}, "missing required arguments: account"),
    ({"password": None}, "missing required arguments: password"),
    ({"account": "nobody"}, "Unable to find account nobody"),
    ({"domain": "nowhere"}, "domain 'nowhere' not found (option domain)"),
    ({"state": "asleep"}, "state"),
    ({"keys_registered": "maybe"}, "keys_registered"),
])
def test_bad_input(run, sim, args, message):
    full = {k: v for k, v in dict(BASE, **args).items() if v is not None}
    n = len(users(sim))
    res = run("user", **full)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"] and BASE["password"] not in res["_stdout"]
    assert len(users(sim)) == n


def test_failed_disable_job(make_simserver):
    sim = make_simserver(faults="jobfail=1.0,only=disableUser")
    make_account(sim)
    run = runner(sim)
    run("user", **BASE)
    res = run("user", username="bot", domain="customers", state="disabled")
    assert res.failed and "disableUser failed (errorcode 530)" in res["msg"]
    assert bot(sim)["state"] == "enabled"


def test_disable_job_that_outlives_api_async_timeout(make_simserver):
    sim = make_simserver(job_seconds=5)
    make_account(sim)
    run = runner(sim)
    run("user", **BASE)
    t = time.monotonic()
    res = run("user", username="bot", domain="customers", state="disabled", api_async_timeout=1)
    assert res.failed and "still running after 1 seconds (api_async_timeout)" in res["msg"]
    assert time.monotonic() - t < 3


def test_faults_leave_no_duplicates(make_simserver):
    sim = make_simserver()
    make_account(sim)
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=41")
    run = runner(sim)
    names = ["bot%d" % i for i in range(3)]
    for name in names:
        until_ok(run, "user", **dict(BASE, username=name, keys_registered=True))
    for name in names:
        until_ok(run, "user", **dict(BASE, username=name, email="new@example.com"))
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    found = [u for u in users(sim) if u["username"] in names]
    assert sorted(u["username"] for u in found) == names
    assert all(u["email"] == "new@example.com" and u.get("apikey") for u in found)
    assert injected.get("5xx") and injected.get("drop")
