"""router_info against the simulator (in process): the filters, query, health checks (last and fresh, a failing one)."""
import time

import pytest
from cloudstack_simulator.backend import backend
from guest_helpers import ADV, Dc, sandbox


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    d.net1, d.net2 = d.network("info-net1"), d.network("info-net2")
    d.deploy("info-vm1", networks=[d.net1])
    d.deploy("info-vm2", networks=[d.net2])
    deadline = time.monotonic() + 5
    while any(r["state"] != "Running" for r in sim.ok("listRouters")["router"]) and time.monotonic() < deadline:
        time.sleep(0.02)
    d.r1 = sim.ok("listRouters", networkid=d.net1["id"])["router"][0]
    d.r2 = sim.ok("listRouters", networkid=d.net2["id"])["router"][0]
    return d


def test_filters_and_query(module, sim, dc):
    res = module("router_info")
    assert res["changed"] is False and sorted(r["name"] for r in res["routers"]) == sorted([dc.r1["name"], dc.r2["name"]])
    assert all("health_checks" not in r for r in res["routers"])
    (r,) = module("router_info", name=dc.r1["name"])["routers"]
    assert r["id"] == dc.r1["id"] and r["network"] == "info-net1" and r["service_offering"] == "System Offering For Software Router"
    assert r["role"] == "VIRTUAL_ROUTER" and r["zone"] == ADV and r["state"] == "Running" and r["template_version"]
    assert [x["id"] for x in module("router_info", network="info-net2", zone=ADV)["routers"]] == [dc.r2["id"]]
    assert [x["id"] for x in module("router_info", id=dc.r2["id"])["routers"]] == [dc.r2["id"]]
    assert module("router_info", id="4b5c2b8f-0000-4000-8000-000000000000")["routers"] == []
    assert module("router_info", name="r-999-VM")["routers"] == []
    assert module("router_info", state="Stopped")["routers"] == []
    assert len(module("router_info", account="admin", domain="ROOT", zone=ADV)["routers"]) == 2
    res = module("router_info", query="[?network=='info-net1'].name")
    assert res["query_result"] == [dc.r1["name"]]


def test_health_checks(module, sim, dc):
    res = module("router_info", name=dc.r1["name"], health_checks=True)
    (r,) = res["routers"]
    names = {c["check_name"]: c for c in r["health_checks"]}
    assert "dns_check.py" in names and all(c["success"] for c in names.values()) and r["health_checks_failed"] is False
    assert set(names["dns_check.py"]) == {"check_name", "check_type", "success", "last_updated", "details"}
    with sim.sim.lock:
        backend.routers.set_health_check(sim.sim, dc.r2["id"], "gateways_check.py", success=False, details="Unable to ping 10.1.1.1")
        sim.sim.store.commit()
    res = module("router_info", health_checks=True, query="[?health_checks[?success==`false`]].name")
    assert res["query_result"] == [dc.r2["name"]]
    (r2,) = [r for r in res["routers"] if r["id"] == dc.r2["id"]]
    failed = [c for c in r2["health_checks"] if not c["success"]]
    assert [(c["check_name"], c["details"]) for c in failed] == [("gateways_check.py", "Unable to ping 10.1.1.1")]
    assert r2["health_checks_failed"] is True


def test_fresh_health_checks(module, sim, dc):
    before = module("router_info", name=dc.r1["name"], health_checks=True)["routers"][0]["health_checks"]
    calls = sim.sim.calls["getRouterHealthCheckResults"]
    time.sleep(1.1)  # lastupdated has a resolution of a second
    after = module("router_info", name=dc.r1["name"], fresh_health_checks=True)["routers"][0]["health_checks"]
    assert sim.sim.calls["getRouterHealthCheckResults"] == calls + 1
    assert [c["check_name"] for c in after] == [c["check_name"] for c in before]
    assert after[0]["last_updated"] != before[0]["last_updated"]
    # a stopped router: its last results, no fresh checks asked of it
    sim.ok("stopRouter", id=dc.r2["id"])
    sim.sim.wait_jobs(10)
    res = module("router_info", fresh_health_checks=True)
    assert sim.sim.calls["getRouterHealthCheckResults"] == calls + 2
    (r2,) = [r for r in res["routers"] if r["id"] == dc.r2["id"]]
    assert r2["state"] == "Stopped" and r2["health_checks"] == []  # never checked while it ran


def test_checks_disabled_and_bad_input(module, sim, dc):
    sim.ok("updateConfiguration", name="router.health.checks.enabled", value="false")
    res = module("router_info", fresh_health_checks=True)
    assert not res.failed and all(r["health_checks"] == [] for r in res["routers"])
    res = module("router_info", network="no-such-net")
    assert res.failed and "no-such-net" in res["msg"] and "network" in res["msg"]
    res = module("router_info", query="[?")
    assert res.failed and "query" in res["msg"]
