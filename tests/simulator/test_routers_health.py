"""Router health checks: getRouterHealthCheckResults and listRouters fetchhealthcheckresults, with the results a
test can make fail (backend.routers.set_health_check)."""
import pytest
from cloudstack_simulator.backend import backend
from simwire import set_config
from test_routers import running
from workload_helpers import As, error_of, job_result, keys_for, make_dc, new_account

NO_RESULTS = ("Failed to get health check results due to: No health check results found for the router. This could happen for a "
              "newly created router. Please wait for periodic results to populate or manually call for checks to execute.")


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def a_router(dc, name):
    net = dc.network(name)
    dc.deploy(networkids=net["id"])
    (r,) = running(dc.s, networkid=net["id"])
    return r


def checks(dc, routerid, **kw):
    return dc.s.ok("getRouterHealthCheckResults", routerid=routerid, **kw)["routerhealthchecks"]


def test_results_of_a_running_router(dc):
    r = a_router(dc, "hc1")
    got = checks(dc, r["id"])
    assert got["routerid"] == r["id"]
    names = {c["checkname"]: c for c in got["healthchecks"]}
    assert {"connectivity.test", "filesystem.writable.test", "dhcp_check.py", "dns_check.py"} <= set(names)
    assert all(c["success"] is True and c["checktype"] in ("basic", "advanced") and c["lastupdated"] for c in names.values())
    assert names["connectivity.test"]["checktype"] == "basic" and names["iptables_check.py"]["checktype"] == "advanced"
    (listed,) = dc.s.ok("listRouters", id=r["id"], fetchhealthcheckresults="true")["router"]
    assert listed["healthchecksfailed"] is False and len(listed["healthcheckresults"]) == len(got["healthchecks"])
    assert "healthcheckresults" not in dc.s.ok("listRouters", id=r["id"])["router"][0]


def test_a_failing_check(dc):
    r = a_router(dc, "hc2")
    with dc.s.sim.lock:
        backend.routers.set_health_check(dc.s.sim, r["id"], "dns_check.py", success=False, details="Missing entries for VMs in /etc/hosts")
        dc.s.sim.store.commit()
    got = {c["checkname"]: c for c in checks(dc, r["id"])["healthchecks"]}
    assert got["dns_check.py"]["success"] is False and got["dns_check.py"]["details"] == "Missing entries for VMs in /etc/hosts"
    assert got["dhcp_check.py"]["success"] is True
    assert [x["id"] for x in dc.s.ok("listRouters", healthchecksfailed="true")["router"]] == [r["id"]]
    assert dc.s.ok("listRouters", healthchecksfailed="false") == {}
    # fixed again: the next (fresh) checks pass
    with dc.s.sim.lock:
        backend.routers.set_health_check(dc.s.sim, r["id"], "dns_check.py", success=True)
        dc.s.sim.store.commit()
    assert all(c["success"] for c in checks(dc, r["id"], performfreshchecks="true")["healthchecks"])
    assert dc.s.ok("listRouters", id=r["id"])["router"][0]["healthchecksfailed"] is False


def test_fresh_checks_and_refusals(dc):
    r = a_router(dc, "hc3")
    before = checks(dc, r["id"])["healthchecks"]
    job_result(dc.s, "stopRouter", id=r["id"])
    assert checks(dc, r["id"])["healthchecks"] == before  # the last results stay
    status, text = error_of(dc.s, "getRouterHealthCheckResults", routerid=r["id"], performfreshchecks="true")
    assert status == 530 and text.startswith("Failed to get health check results due to: Unable to perform fresh checks on router - "
                                             "Unable to update health check config for router: VM instance {")
    status, text = error_of(dc.s, "getRouterHealthCheckResults", routerid="4b5c2b8f-0000-4000-8000-000000000000")
    assert status == 431
    vm = dc.deploy(networkids=dc.network("hc3b")["id"])
    status, text = error_of(dc.s, "getRouterHealthCheckResults", routerid=vm["id"])
    assert status == 431
    acc = new_account(dc.s, "hcuser")
    status, _ = error_of(As(dc.s, keys_for(dc.s, acc)), "getRouterHealthCheckResults", routerid=r["id"])
    assert status == 432
    set_config(dc.s, "router.health.checks.enabled", "false")
    status, text = error_of(dc.s, "getRouterHealthCheckResults", routerid=r["id"])
    assert status == 530 and text.startswith("Failed to get health check results due to: Router health checks are not enabled for router ")


def test_no_results_for_a_router_never_running(dc):
    net = dc.network("hc4")
    job_result(dc.s, "associateIpAddress", networkid=net["id"])
    (r,) = dc.s.ok("listRouters", networkid=net["id"])["router"]
    job_result(dc.s, "stopRouter", id=r["id"])
    status, text = error_of(dc.s, "getRouterHealthCheckResults", routerid=r["id"])
    assert status == 530 and text == NO_RESULTS
    started = job_result(dc.s, "startRouter", id=r["id"])["router"]
    assert started["state"] == "Running" and checks(dc, r["id"])["healthchecks"]
