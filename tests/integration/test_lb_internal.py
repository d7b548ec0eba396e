"""lb_internal and lb_internal_member against the simulator (in process): create, re-run, check mode, --diff, for_display,
an option that cannot change (fails; force recreates), absent, members (the internal LB VM comes with the first), bad
input, a failed and a too slow job, faults."""
import pytest
from guest_helpers import ADV, Dc, sandbox, wait


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    off = sim.ok("listNetworkOfferings", forvpc="true", name="DefaultIsolatedNetworkOfferingForVpcNetworksWithInternalLB")["networkoffering"][0]
    vpc_off = sim.ok("listVPCOfferings", name="Default VPC offering")["vpcoffering"][0]
    d.vpc = wait(sim, sim.ok("createVPC", name="app-vpc", displaytext="app", cidr="10.30.0.0/16", zoneid=d.adv["id"], vpcofferingid=vpc_off["id"]))["vpc"]
    d.net = d.network("web-tier", offering=off, vpcid=d.vpc["id"], gateway="10.30.1.1", netmask="255.255.255.0")
    d.vms = [d.deploy("web-%d" % i, networks=[d.net]) for i in (1, 2)]
    return d


def lbs(sim):
    return sim.ok("listLoadBalancers", listall="true").get("loadbalancer", []) + sim.ok("listLoadBalancers", listall="true", fordisplay="false").get(
        "loadbalancer", [])


def base(**extra):
    return {**dict(name="web-ilb", vpc="app-vpc", network="web-tier", zone=ADV, source_port=80, instance_port=8080), **extra}


def test_create_rerun_check_diff_update_force_absent(module, sim, dc):
    res = module("lb_internal", _check=True, _diff=True, **base(algorithm="roundrobin"))
    assert res["changed"] and lbs(sim) == [] and res["diff"]["before"] == {"state": "absent"} and res["diff"]["after"]["algorithm"] == "roundrobin"
    res = module("lb_internal", **base(algorithm="roundrobin", description="web"))
    (lb,) = lbs(sim)
    assert res["changed"] and res["id"] == lb["id"] and (res["source_port"], res["instance_port"], res["algorithm"]) == (80, 8080, "roundrobin")
    assert res["source_ip"].startswith("10.30.1.") and res["network_id"] == dc.net["id"] and res["source_ip_network_id"] == dc.net["id"]
    assert (res["network"], res["zone"], res["state"], res["for_display"]) == ("web-tier", ADV, "Active", True)
    res = module("lb_internal", _diff=True, **base(algorithm="roundrobin"))
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    res = module("lb_internal", _check=True, _diff=True, **base(algorithm="roundrobin", for_display=False))
    assert res["changed"] and res["diff"]["after"]["for_display"] is False and lbs(sim)[0]["fordisplay"] is True
    res = module("lb_internal", **base(algorithm="roundrobin", for_display=False))
    assert res["changed"] and res["for_display"] is False and lbs(sim)[0]["fordisplay"] is False
    assert module("lb_internal", **base(algorithm="roundrobin", for_display=False))["changed"] is False  # found with fordisplay=false
    res = module("lb_internal", **base(algorithm="roundrobin", instance_port=9090))
    assert res.failed and res["msg"] == ("Internal load balancer 'web-ilb' exists but the following options can not be changed: instance_port "
                                         "(current: 8080, wanted: 9090). Use force=true to delete and recreate it, or state=absent followed by "
                                         "state=present.")
    assert lbs(sim)[0]["id"] == lb["id"]
    res = module("lb_internal", **base(algorithm="roundrobin", instance_port=9090, force=True, source_ip=res.get("source_ip") or lb["sourceipaddress"]))
    (lb2,) = lbs(sim)
    assert res["changed"] and lb2["id"] != lb["id"] and lb2["loadbalancerrule"][0]["instanceport"] == 9090 and lb2["sourceipaddress"] == lb["sourceipaddress"]
    res = module("lb_internal", _check=True, state="absent", **base())
    assert res["changed"] and len(lbs(sim)) == 1
    assert module("lb_internal", state="absent", **base())["changed"] and lbs(sim) == []
    assert module("lb_internal", state="absent", **base())["changed"] is False


def test_members(module, sim, dc):
    module("lb_internal", **base())
    args = dict(name="web-ilb", vpc="app-vpc", network="web-tier", zone=ADV, vms=["web-1", dc.vms[1]["id"]])
    res = module("lb_internal_member", _check=True, _diff=True, **args)
    assert res["changed"] and res["vms"] == [] and res["diff"] == {"before": {"vms": []}, "after": {"vms": ["web-1", "web-2"]}}
    assert sim.ok("listInternalLoadBalancerVMs").get("router", []) == []
    res = module("lb_internal_member", **args)
    assert res["changed"] and res["vms"] == ["web-1", "web-2"] and res["source_port"] == 80
    (ilb_vm,) = sim.ok("listInternalLoadBalancerVMs")["router"]
    assert ilb_vm["guestipaddress"] == res["source_ip"]
    assert module("lb_internal_member", **args)["changed"] is False
    res = module("lb_internal_member", _diff=True, state="absent", **dict(args, vms=["web-2"]))
    assert res["changed"] and res["vms"] == ["web-1"] and res["diff"]["after"] == {"vms": ["web-1"]}
    assert module("lb_internal_member", state="absent", **dict(args, vms=["web-2"]))["changed"] is False


def test_bad_input(module, sim, dc):
    res = module("lb_internal", **{k: v for k, v in base().items() if k != "instance_port"})
    assert res.failed and res["msg"] == "state is present but all of the following are missing: instance_port"
    res = module("lb_internal", **base(network="no-such-tier"))
    assert res.failed and "no-such-tier" in res["msg"] and "network" in res["msg"]
    res = module("lb_internal", **base(source_ip="10.99.0.5"))
    assert res.failed and "createLoadBalancer" in res["msg"] and "10.99.0.5 is not in the CIDR" in res["msg"]
    res = module("lb_internal", **base(algorithm="fastest"))
    assert res.failed and "algorithm" in res["msg"] and "fastest" in res["msg"]
    assert lbs(sim) == []
    res = module("lb_internal_member", name="web-ilb", network="web-tier", vpc="app-vpc", zone=ADV, vms=["web-1"])
    assert res.failed and res["msg"] == "Internal load balancer not found: web-ilb"
    module("lb_internal", **base())
    res = module("lb_internal_member", name="web-ilb", network="web-tier", vpc="app-vpc", zone=ADV, vms=["ghost"])
    assert res.failed and res["msg"] == "Instance not found in network web-tier: ghost"


def test_failed_job_and_timeout(module, sim, dc):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createLoadBalancer")
    res = module("lb_internal", **base())
    assert res.failed and "createLoadBalancer" in res["msg"]
    sim.sim.faults.set("")
    module("lb_internal", **base())
    sim.sim.job_seconds = 3
    res = module("lb_internal", state="absent", api_async_timeout=1, **base())
    assert res.failed and "deleteLoadBalancer" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=6")
    for port in (80, 81, 82, 83):
        module("lb_internal", **base(name="ilb%d" % port, source_port=port))
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for port in (80, 81, 82, 83):
        assert not module("lb_internal", **base(name="ilb%d" % port, source_port=port)).failed
    assert sorted(x["name"] for x in lbs(sim)) == ["ilb80", "ilb81", "ilb82", "ilb83"]


def test_member_failed_job_timeout_and_faults(module, sim, dc):
    module("lb_internal", **base())
    args = dict(name="web-ilb", vpc="app-vpc", network="web-tier", zone=ADV)
    sim.sim.faults.set("jobfail=1.0,seed=1,only=assignToLoadBalancerRule")
    res = module("lb_internal_member", vms=["web-1"], **args)
    assert res.failed and "assignToLoadBalancerRule" in res["msg"]
    sim.sim.faults.set("")
    assert lbs(sim)[0].get("loadbalancerinstance", []) == []
    assert module("lb_internal_member", vms=["web-1"], **args)["changed"]
    sim.sim.job_seconds = 3
    res = module("lb_internal_member", vms=["web-1"], state="absent", api_async_timeout=1, **args)
    assert res.failed and "removeFromLoadBalancerRule" in res["msg"]
    sim.sim.job_seconds = 0.02
    module("lb_internal_member", vms=["web-1"], state="absent", **args)
    sim.sim.faults.set("5xx=0.3,drop=0.3,seed=2")
    for name in ("web-1", "web-2"):
        module("lb_internal_member", vms=[name], **args)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    assert module("lb_internal_member", vms=["web-1", "web-2"], **args)["vms"] == ["web-1", "web-2"]
    (lb,) = lbs(sim)
    assert sorted(x["id"] for x in lb["loadbalancerinstance"]) == sorted(v["id"] for v in dc.vms)  # each once
