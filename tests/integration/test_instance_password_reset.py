"""instance_password_reset against the simulator (in process): reset (the password only under `password`, never in
the diff or the api log), check mode, every run a change, a running instance and a template without passwords
refused before any write, bad input, a failed and a too slow job, faults."""
import json

import pytest
from guest_helpers import ADV, Dc, sandbox


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    d.net = d.network("app-net")
    d.plain = d.deploy("plain-1", networks=[d.net], startvm="false")
    sim.ok("updateTemplate", id=d.template["id"], passwordenabled="true")
    d.vm = d.deploy("web-1", networks=[d.net], startvm="false")
    d.running = d.deploy("web-2", networks=[d.net])
    return d


def resets(sim):
    return [e for e in sim.ok("listEvents", type="VM.RESETPASSWORD").get("event", [])]


ARGS = dict(vm="web-1", zone=ADV)


def test_reset_check_diff_no_secret(module, sim, dc):
    res = module("instance_password_reset", _check=True, _diff=True, **ARGS)
    assert res["changed"] and res["password"] is None and res["id"] == dc.vm["id"] and resets(sim) == []
    res = module("instance_password_reset", _diff=True, _verbosity=4, **ARGS)
    password = res["password"]
    assert res["changed"] and res["id"] == dc.vm["id"] and len(password) >= 8 and len(resets(sim)) == 1
    assert res["diff"] == {"before": {"password": "(current)"}, "after": {"password": "(reset)"}}
    shown = dict(res)
    shown.pop("password")
    shown.pop("_stdout")  # the module's output as a whole (Ansible's result: what the password key holds)
    assert password not in json.dumps(shown) and password not in "".join(res.get("api_log", []))
    res2 = module("instance_password_reset", **ARGS)  # an action: every run resets
    assert res2["changed"] and res2["password"] != password and len(resets(sim)) == 2
    assert sim.ok("listVirtualMachines", id=dc.vm["id"])["virtualmachine"][0]["state"] == "Stopped"


def test_refused_before_any_write(module, sim, dc):
    for check in (True, False):
        res = module("instance_password_reset", _check=check, vm="web-2", zone=ADV)
        assert res.failed and "'web-2' is Running" in res["msg"] and "stopped" in res["msg"]
        res = module("instance_password_reset", _check=check, vm="plain-1", zone=ADV)
        assert res.failed and "'plain-1'" in res["msg"] and "not password enabled" in res["msg"]
    assert resets(sim) == []  # the API's own refusals (a failed job): tests/simulator/test_compute_nics.py


def test_bad_input(module, sim, dc):
    res = module("instance_password_reset", vm="nope", zone=ADV)
    assert res.failed and "'nope'" in res["msg"] and "option vm" in res["msg"]
    res = module("instance_password_reset", vm="web-1")
    assert res.failed and "zone" in res["msg"]
    res = module("instance_password_reset", vm="web-1", zone=ADV, state="absent")
    assert res.failed and "state" in res["msg"]
    res = module("instance_password_reset", name="web-1", zone=ADV)  # no alias in ngine_io's
    assert res.failed and res["msg"] == "missing required arguments: vm"
    assert resets(sim) == []


def test_failed_job_and_timeout(module, sim, dc):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=resetPasswordForVirtualMachine")
    res = module("instance_password_reset", **ARGS)
    assert res.failed and "resetPasswordForVirtualMachine" in res["msg"] and "password" not in res
    sim.sim.faults.set("")
    sim.sim.job_seconds = 3
    res = module("instance_password_reset", api_async_timeout=1, **ARGS)
    assert res.failed and "resetPasswordForVirtualMachine" in res["msg"] and "password" not in res
    sim.sim.job_seconds = 0.02


def test_faults(module, sim, dc):
    sim.sim.faults.set("5xx=0.25,drop=0.25,seed=3")
    results = [module("instance_password_reset", **ARGS) for _ in range(4)]
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    assert all(r["password"] for r in results if not r.failed)
    assert module("instance_password_reset", **ARGS)["password"]
