"""router against the simulator (in process): the router of an Isolated network stopped, started, restarted, its
service offering changed (on a stopped router, the state restored), destroyed; re-run, check mode, --diff, bad input,
a failed and a too slow job, faults."""
import time

import pytest
from guest_helpers import ADV, Dc, sandbox


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    d.net = d.network("rt-net")
    d.deploy("rt-vm", networks=[d.net])
    d.router = running(sim, d.net)
    d.bigger = sim.ok("createServiceOffering", name="Bigger router", displaytext="Bigger router", cpunumber=2, cpuspeed=500,
                      memory=1024, issystem="true", systemvmtype="domainrouter")["serviceoffering"]
    return d


def running(sim, net):
    deadline = time.monotonic() + 5
    while True:
        (r,) = sim.ok("listRouters", networkid=net["id"])["router"]
        if r["state"] == "Running" or time.monotonic() > deadline:
            return r
        time.sleep(0.02)


def now(sim, dc):
    return sim.ok("listRouters", id=dc.router["id"])["router"][0]


def test_states_rerun_check_diff(module, sim, dc):
    name = dc.router["name"]
    res = module("router", name=name)
    assert res["changed"] is False and res["id"] == dc.router["id"] and res["role"] == "VIRTUAL_ROUTER"
    assert res["service_offering"] == "System Offering For Software Router" and res["zone"] == ADV and res["state"] == "Running"
    assert res["network"] == "rt-net" and res["guest_ip_address"] == dc.net["gateway"] and res["health_checks_failed"] is False
    res = module("router", _check=True, _diff=True, name=name, state="stopped")
    assert res["changed"] and res["state"] == "Running" and now(sim, dc)["state"] == "Running"
    assert res["diff"] == {"before": {"state": "Running"}, "after": {"state": "Stopped"}}
    res = module("router", _diff=True, name=name, state="stopped")
    assert res["changed"] and res["state"] == "Stopped" and now(sim, dc)["state"] == "Stopped"
    assert module("router", name=name, state="stopped")["changed"] is False
    # by uuid, in its zone and account
    res = module("router", name=dc.router["id"], zone=ADV, account="admin", domain="ROOT", state="started")
    assert res["changed"] and res["state"] == "Running" and now(sim, dc)["state"] == "Running"
    assert module("router", name=name.upper(), state="started")["changed"] is False
    # restarted: a reboot on every run
    events = len(sim.ok("listEvents", type="ROUTER.REBOOT").get("event", []))
    res = module("router", _diff=True, name=name, state="restarted")
    assert res["changed"] and res["state"] == "Running" and res["diff"]["after"] == {"rebooted": True}
    assert len(sim.ok("listEvents", type="ROUTER.REBOOT")["event"]) == events + 1
    assert module("router", _check=True, name=name, state="restarted")["changed"]
    assert len(sim.ok("listEvents", type="ROUTER.REBOOT")["event"]) == events + 1
    # a stopped router restarted: started
    module("router", name=name, state="stopped")
    res = module("router", name=name, state="restarted")
    assert res["changed"] and res["state"] == "Running"


def test_service_offering(module, sim, dc):
    name = dc.router["name"]
    res = module("router", _check=True, _diff=True, name=name, service_offering="Bigger router")
    assert res["changed"] and res["service_offering"] == "System Offering For Software Router"
    assert res["diff"]["after"]["service_offering"] == "Bigger router" and now(sim, dc)["serviceofferingid"] == dc.router["serviceofferingid"]
    # running: stopped, changed and started again (state=present keeps the state it had)
    res = module("router", _diff=True, name=name, service_offering="Bigger router")
    assert res["changed"] and res["service_offering"] == "Bigger router" and res["state"] == "Running"
    assert res["diff"] == {"before": {"service_offering": "System Offering For Software Router"}, "after": {"service_offering": "Bigger router"}}
    cur = now(sim, dc)
    assert cur["serviceofferingname"] == "Bigger router" and cur["state"] == "Running"
    assert module("router", name=name, service_offering=dc.bigger["id"])["changed"] is False
    # back, and left stopped
    res = module("router", _diff=True, name=name, service_offering="System Offering For Software Router", state="stopped")
    assert res["changed"] and res["state"] == "Stopped" and res["diff"]["after"]["state"] == "Stopped"
    assert now(sim, dc)["serviceofferingname"] == "System Offering For Software Router"
    # a stopped router changed with state=started
    res = module("router", name=name, service_offering="Bigger router", state="started")
    assert res["changed"] and res["state"] == "Running" and now(sim, dc)["serviceofferingname"] == "Bigger router"
    # CloudStack refuses another storage type (its error; the router, stopped for the change, stays stopped as asked)
    res = module("router", name=name, service_offering="System Offering For Software Router - Local Storage", state="stopped")
    assert res.failed and "Can't upgrade, due to new local storage status : true" in res["msg"]
    assert now(sim, dc)["serviceofferingname"] == "Bigger router"


def test_absent(module, sim, dc):
    name = dc.router["name"]
    res = module("router", _check=True, _diff=True, name=name, state="absent")
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and now(sim, dc)["id"] == dc.router["id"]
    res = module("router", name=name, state="absent")
    assert res["changed"] and res["id"] == dc.router["id"]
    assert [r for r in sim.ok("listRouters", listall="true").get("router", []) if r["id"] == dc.router["id"]] == []
    res = module("router", name=name, state="absent")
    assert res["changed"] is False and "id" not in res


def test_bad_input(module, sim, dc):
    res = module("router", name="r-999-VM")
    assert res.failed and res["msg"] == "Router can not be created using the API, see the network and vpc modules."
    res = module("router", name="r-999-VM", state="started")
    assert res.failed and res["msg"] == "Router not found"
    res = module("router", name=dc.router["name"], service_offering="No such offering")
    assert res.failed and "No such offering" in res["msg"] and "service_offering" in res["msg"]
    res = module("router", name=dc.router["name"], service_offering="Small Instance")  # not a system offering
    assert res.failed and "Small Instance" in res["msg"]
    res = module("router", name=dc.router["name"], state="running")
    assert res.failed and "state" in res["msg"] and "running" in res["msg"]
    res = module("router", name=dc.router["name"], zone="no-such-zone")
    assert res.failed and "no-such-zone" in res["msg"] and "zone" in res["msg"]
    res = module("router")
    assert res.failed and "name" in res["msg"]
    cur = now(sim, dc)
    assert cur["state"] == "Running" and cur["serviceofferingid"] == dc.router["serviceofferingid"]


def test_failed_job_and_timeout(module, sim, dc):
    name = dc.router["name"]
    sim.sim.faults.set("jobfail=1.0,seed=1,only=stopRouter")
    res = module("router", name=name, state="stopped")
    assert res.failed and "stopRouter" in res["msg"]
    sim.sim.faults.set("")
    assert now(sim, dc)["state"] == "Running"
    sim.sim.job_seconds = 3
    res = module("router", name=name, state="stopped", api_async_timeout=1)
    assert res.failed and "stopRouter" in res["msg"]
    sim.sim.job_seconds = 0.02
    sim.sim.wait_jobs(10)
    assert module("router", name=name, state="stopped")["changed"] is False


def test_faults_leave_no_duplicates(module, sim, dc):
    name = dc.router["name"]
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=3")
    for state in ("stopped", "started", "stopped", "started"):
        module("router", name=name, state=state)
    module("router", name=name, service_offering="Bigger router")
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    res = module("router", name=name, service_offering="Bigger router", state="started")
    assert not res.failed and res["state"] == "Running" and res["service_offering"] == "Bigger router"
    assert len(sim.ok("listRouters", networkid=dc.net["id"])["router"]) == 1
