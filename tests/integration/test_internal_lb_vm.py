"""internal_lb_vm against the simulator (in process): the internal LB VMs of VPC tiers (deployed here with the routers
family's deploy_internal_lb_vm, as createLoadBalancer does for an internal rule's first member) started and stopped;
re-run, check mode, --diff, force, several matching, not found, bad input, a failed and a too slow job, faults."""
import time

import pytest
from cloudstack_simulator.backend import backend
from guest_helpers import ADV, Dc, sandbox, wait


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    off = sim.ok("listNetworkOfferings", forvpc="true", name="DefaultIsolatedNetworkOfferingForVpcNetworksWithInternalLB")["networkoffering"][0]
    vpc_off = sim.ok("listVPCOfferings", name="Default VPC offering")["vpcoffering"][0]
    d.vpc = wait(sim, sim.ok("createVPC", name="ilb-vpc", displaytext="ilb-vpc", cidr="10.40.0.0/16", zoneid=d.adv["id"],
                             vpcofferingid=vpc_off["id"]))["vpc"]
    d.web = d.network("web-tier", offering=off, vpcid=d.vpc["id"], gateway="10.40.1.1", netmask="255.255.255.0")
    d.app = d.network("app-tier", offering=off, vpcid=d.vpc["id"], gateway="10.40.2.1", netmask="255.255.255.0")
    d.vm_web = deploy(sim, d.web)
    d.vm_app = deploy(sim, d.app)
    sim.sim.wait_jobs(5)
    return d


def deploy(sim, net):
    with sim.sim.lock:
        row = sim.sim.store.get("network", net["id"])
        vm = backend.routers.deploy_internal_lb_vm(sim.sim, sim.sim.store.get("zone", row["zoneid"]), row, row)
        sim.sim.store.commit()
    return vm


def state(sim, vm):
    return sim.ok("listInternalLoadBalancerVMs", id=vm["id"])["router"][0]["state"]


def settle(sim, vm):
    for _ in range(100):
        if state(sim, vm) == "Running":
            return
        time.sleep(0.02)


def test_stop_start_rerun_check_diff(module, sim, dc):
    settle(sim, dc.vm_web)
    args = dict(vpc="ilb-vpc", network="web-tier", zone=ADV)
    res = module("internal_lb_vm", **args)
    assert res["changed"] is False and res["id"] == dc.vm_web["id"] and res["name"] == dc.vm_web["name"] and res["state"] == "Running"
    assert res["network_id"] == dc.web["id"] and res["vpc_id"] == dc.vpc["id"] and res["zone"] == ADV
    assert res["service_offering"] == "System Offering For Internal LB VM" and res["guest_ip_address"].startswith("10.40.1.")
    assert res["requires_upgrade"] is False and res["host"] and res["template_version"] and "public_ip" not in res
    res = module("internal_lb_vm", _check=True, _diff=True, state="stopped", **args)
    assert res["changed"] and res["state"] == "Running" and state(sim, dc.vm_web) == "Running"
    assert res["diff"] == {"before": {"state": "Running"}, "after": {"state": "Stopped"}}
    res = module("internal_lb_vm", _diff=True, state="stopped", **args)
    assert res["changed"] and res["state"] == "Stopped" and state(sim, dc.vm_web) == "Stopped" and "host" not in res
    assert module("internal_lb_vm", state="stopped", **args)["changed"] is False
    assert state(sim, dc.vm_app) in ("Starting", "Running")  # the other tier's is left alone
    # by name (or uuid), started again
    res = module("internal_lb_vm", name=dc.vm_web["name"].lower(), zone=ADV, state="started")
    assert res["changed"] and res["state"] == "Running" and state(sim, dc.vm_web) == "Running"
    assert module("internal_lb_vm", name=dc.vm_web["id"], zone=ADV)["changed"] is False


def test_force(module, sim, dc):
    calls = []
    real = sim.sim.call

    def spy(command, params, caller=None):
        calls.append((command, dict(params)))
        return real(command, params, caller)

    sim.sim.call = spy
    try:
        res = module("internal_lb_vm", network="app-tier", vpc="ilb-vpc", zone=ADV, state="stopped", force=True)
    finally:
        sim.sim.call = real
    assert res["changed"] and res["state"] == "Stopped"
    (stop,) = [p for c, p in calls if c == "stopInternalLoadBalancerVM"]
    assert stop["forced"] == "true" and stop["id"] == dc.vm_app["id"]


def test_several_not_found_bad_input(module, sim, dc):
    res = module("internal_lb_vm", vpc="ilb-vpc", zone=ADV, state="stopped")
    assert res.failed and res["msg"] == ("More than one internal load balancer instance found: %s. Pass name to select one of them."
                                         % ", ".join(sorted([dc.vm_web["name"], dc.vm_app["name"]])))
    res = module("internal_lb_vm", name="b-999-VM", zone=ADV)
    assert res.failed and res["msg"].startswith("Internal load balancer instance not found.")
    res = module("internal_lb_vm", zone=ADV)
    assert res.failed and "name" in res["msg"] and "network" in res["msg"] and "vpc" in res["msg"]
    res = module("internal_lb_vm", name=dc.vm_web["name"])
    assert res.failed and "zone" in res["msg"]
    res = module("internal_lb_vm", name=dc.vm_web["name"], zone=ADV, state="present")
    assert res.failed and "state" in res["msg"] and "present" in res["msg"]
    res = module("internal_lb_vm", network="no-such-tier", vpc="ilb-vpc", zone=ADV, state="stopped")
    assert res.failed and "no-such-tier" in res["msg"] and "network" in res["msg"]
    res = module("internal_lb_vm", vpc="no-such-vpc", zone=ADV, state="stopped")
    assert res.failed and "no-such-vpc" in res["msg"] and "vpc" in res["msg"]
    assert state(sim, dc.vm_web) != "Stopped" and state(sim, dc.vm_app) != "Stopped"


def test_failed_job_and_timeout(module, sim, dc):
    args = dict(name=dc.vm_web["name"], zone=ADV, state="stopped")
    sim.sim.faults.set("jobfail=1.0,seed=1,only=stopInternalLoadBalancerVM")
    res = module("internal_lb_vm", **args)
    assert res.failed and "stopInternalLoadBalancerVM" in res["msg"]
    sim.sim.faults.set("")
    assert state(sim, dc.vm_web) != "Stopped"
    sim.sim.job_seconds = 3
    res = module("internal_lb_vm", api_async_timeout=1, **args)
    assert res.failed and "stopInternalLoadBalancerVM" in res["msg"]
    sim.sim.job_seconds = 0.02
    sim.sim.wait_jobs(10)
    assert module("internal_lb_vm", **args)["changed"] is False


def test_faults(module, sim, dc):
    sim.sim.faults.set("5xx=0.25,drop=0.25,seed=4")
    for wanted in ("stopped", "started", "stopped"):
        module("internal_lb_vm", name=dc.vm_app["name"], zone=ADV, state=wanted)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    res = module("internal_lb_vm", name=dc.vm_app["name"], zone=ADV, state="stopped")
    assert not res.failed and res["state"] == "Stopped"
    assert len(sim.ok("listInternalLoadBalancerVMs")["router"]) == 2
