"""vpn_user against the simulator (in process): add (with and without a remote access VPN), re-run, check mode,
--diff, absent, bad input, a failed and a too slow job, faults; the password never returned or shown."""
import json

import pytest
from guest_helpers import sandbox
from vpn_helpers import VpnDc, wait

PW = "S3cret-pw"


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = VpnDc(sim)
    d.net = d.network("users-net")
    d.ip = d.public_ip(d.net)
    wait(sim, sim.ok("createRemoteAccessVpn", publicipid=d.ip["id"]))
    return d


def users(sim):
    return sim.ok("listVpnUsers", listall="true").get("vpnuser", [])


def test_add_rerun_check_diff_absent(module, sim, dc):
    res = module("vpn_user", _check=True, _diff=True, username="alice", password=PW)
    assert res["changed"] and users(sim) == [] and res["diff"]["before"] == {"state": "absent"}
    assert PW not in json.dumps(res["diff"])
    res = module("vpn_user", _diff=True, username="alice", password=PW)
    (user,) = users(sim)
    assert res["changed"] and res["id"] == user["id"] and res["username"] == "alice" and res["state"] == "Active"
    assert res["account"] == "admin" and res["domain"] == "ROOT" and PW not in json.dumps(res) and "password" not in res
    # the password is only used when the user is added
    res = module("vpn_user", _diff=True, username="alice", password="Other-pw")
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    res = module("vpn_user", _check=True, _diff=True, username="alice", state="absent")
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(users(sim)) == 1
    assert module("vpn_user", username="alice", state="absent")["changed"]
    assert users(sim) == []
    assert module("vpn_user", username="alice", state="absent")["changed"] is False


def test_account_scope(module, sim, dc):
    acc = sim.ok("createAccount", username="bob", password="pw-bob-1", firstname="B", lastname="T", email="b@example.com", accounttype=0)
    res = module("vpn_user", username="bob-vpn", password=PW, account="bob", domain="ROOT")
    # bob's account has no remote access VPN: CloudStack's job fails, the user waits in state Add
    assert res.failed and "Failed to add vpn user" in res["msg"]
    (user,) = sim.ok("listVpnUsers", account="bob", domainid=acc["account"]["domainid"])["vpnuser"]
    assert user["state"] == "Add"
    res = module("vpn_user", username="bob-vpn", password=PW, account="bob", domain="ROOT")
    assert res["changed"] is False and res["state"] == "Add" and res["account"] == "bob"
    assert users(sim) == [user]  # nothing of the admin's


def test_bad_input(module, sim, dc):
    res = module("vpn_user", username="alice")
    assert res.failed and res["msg"] == "missing required arguments: password"
    res = module("vpn_user", username="al", password=PW)
    assert res.failed and "Username [al] is invalid" in res["msg"]
    res = module("vpn_user", username="alice", password="bad pw")
    assert res.failed and "Password has to be 3-32 characters" in res["msg"] and "bad pw" not in res["msg"]
    res = module("vpn_user", username="alice", password=PW, account="nobody", domain="ROOT")
    assert res.failed and "nobody" in res["msg"]
    assert users(sim) == []


def test_failed_job_and_timeout(module, sim, dc):
    module("vpn_user", username="alice", password=PW)
    sim.sim.faults.set("jobfail=1.0,seed=1,only=removeVpnUser")
    res = module("vpn_user", username="alice", state="absent")
    assert res.failed and "removeVpnUser" in res["msg"]
    sim.sim.faults.set("")
    assert len(users(sim)) == 1
    sim.sim.job_seconds = 3
    res = module("vpn_user", username="carol", password=PW, api_async_timeout=1)
    assert res.failed and "addVpnUser" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.3,drop=0.3,seed=4")
    for state in ("present", "absent", "present"):
        module("vpn_user", username="alice", password=PW, state=state)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    assert not module("vpn_user", username="alice", password=PW).failed
    assert [u["username"] for u in users(sim)] == ["alice"]
    assert module("vpn_user", username="alice", password=PW)["changed"] is False


def test_project_users(module, sim, dc):
    proj = wait(sim, sim.ok("createProject", name="ops", displaytext="ops"))["project"]
    res = module("vpn_user", username="deploy", password=PW, project="ops")
    # the project has no remote access VPN: CloudStack's job fails, the user waits in state Add
    assert res.failed and "Failed to add vpn user" in res["msg"]
    (user,) = sim.ok("listVpnUsers", projectid=proj["id"])["vpnuser"]
    assert user["project"] == "ops" and user["state"] == "Add"
    res = module("vpn_user", username="deploy", password=PW, project="ops")
    assert res["changed"] is False and res["project"] == "ops"
    assert users(sim) == []  # the admin's own users: none
    assert module("vpn_user", username="deploy", project="ops", state="absent")["changed"]
    assert sim.ok("listVpnUsers", projectid=proj["id"]) == {}
