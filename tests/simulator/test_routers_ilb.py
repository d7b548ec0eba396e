"""Internal LB VMs (b-N-VM, role INTERNAL_LB_VM): deployed on a VPC tier by the routers family's
deploy_internal_lb_vm (the load balancer family calls it when an internal rule gets its first member);
listInternalLoadBalancerVMs, start/stopInternalLoadBalancerVM over the wire."""
import pytest
from cloudstack_simulator.backend import backend
from test_routers import running
from workload_helpers import As, error_of, job_result, keys_for, make_dc, new_account


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def tier(dc, name, cidr="10.30.0.0/16", gateway="10.30.1.1"):
    """A VPC tier (a VPC of its own) as the store has it."""
    off = dc.s.ok("listNetworkOfferings", forvpc="true", name="DefaultIsolatedNetworkOfferingForVpcNetworksWithInternalLB")["networkoffering"][0]
    vpc_off = dc.s.ok("listVPCOfferings", name="Default VPC offering")["vpcoffering"][0]
    vpc = job_result(dc.s, "createVPC", name=f"{name}-vpc", displaytext=name, cidr=cidr, zoneid=dc.adv["id"], vpcofferingid=vpc_off["id"])["vpc"]
    net = dc.network(name, offering=off, vpcid=vpc["id"], gateway=gateway, netmask="255.255.255.0")
    with dc.s.sim.lock:
        return dc.s.sim.store.get("network", net["id"])


def deploy_ilb(dc, net, ip=None):
    with dc.s.sim.lock:
        zone = dc.s.sim.store.get("zone", net["zoneid"])
        vm = backend.routers.deploy_internal_lb_vm(dc.s.sim, zone, net, net, **({"ip": ip} if ip else {}))
        dc.s.sim.store.commit()
    return vm


def ilbs(s, **kw):
    return s.ok("listInternalLoadBalancerVMs", **kw).get("router", [])


def test_deploy_and_list(dc):
    net = tier(dc, "web")
    vm = deploy_ilb(dc, net)
    assert vm["name"].startswith("b-") and vm["name"].endswith("-VM") and vm["role"] == "INTERNAL_LB_VM"
    status, body = dc.s.call("listInternalLoadBalancerVMs")
    assert status == 200 and list(body) == ["listinternallbvmsresponse"] and body["listinternallbvmsresponse"]["count"] == 1
    (got,) = ilbs(dc.s)
    assert got["id"] == vm["id"] and got["guestnetworkid"] == net["id"] and got["vpcid"] == net["vpcid"] and got["vpcname"] == "web-vpc"
    assert got["serviceofferingname"] == "System Offering For Internal LB VM" and got["zoneid"] == dc.adv["id"]
    assert got["hostid"] in {h["id"] for h in dc.adv_hosts} and got["state"] in ("Starting", "Running")
    assert got["guestipaddress"] not in ("10.30.1.1", None) and got["guestipaddress"].startswith("10.30.1.")
    assert "publicip" not in got and got["account"] == "admin"
    assert sorted(n["traffictype"] for n in got["nic"]) == ["Control", "Guest"]
    # not a virtual router: listRouters leaves it out, the router commands do not take it
    assert all(r["id"] != vm["id"] for r in dc.s.ok("listRouters", listall="true").get("router", []))
    status, text = error_of(dc.s, "startRouter", id=vm["id"])
    assert status == 431 and text == f"Unable to find router by id {vm['id']}."
    # the filters
    assert [v["id"] for v in ilbs(dc.s, networkid=net["id"])] == [vm["id"]]
    assert [v["id"] for v in ilbs(dc.s, name=vm["name"], forvpc="true")] == [vm["id"]]
    assert ilbs(dc.s, forvpc="false") == [] and ilbs(dc.s, state="Stopped") == []
    assert [v["id"] for v in ilbs(dc.s, vpcid=net["vpcid"])] == [vm["id"]]
    # the VPC's own router is a router, not an internal LB VM; restartVPC cleanup replaces it and leaves the LB VM
    (vr,) = dc.s.ok("listRouters", vpcid=net["vpcid"])["router"]
    job_result(dc.s, "restartVPC", id=net["vpcid"], cleanup="true")
    (new,) = dc.s.ok("listRouters", vpcid=net["vpcid"])["router"]
    assert new["id"] != vr["id"] and [v["id"] for v in ilbs(dc.s, vpcid=net["vpcid"])] == [vm["id"]]
    other = dc.network("other")
    assert ilbs(dc.s, networkid=other["id"]) == []


def test_given_address_and_deleted_tier(dc):
    net = tier(dc, "app")
    vm = deploy_ilb(dc, net, ip="10.30.1.50")
    assert vm["guestipaddress"] == "10.30.1.50"
    with dc.s.sim.lock:
        assert [v["id"] for v in backend.routers.internal_lb_vms_of(dc.s.sim, net["id"], "10.30.1.50")] == [vm["id"]]
        assert backend.routers.internal_lb_vms_of(dc.s.sim, net["id"], "10.30.1.51") == []
    job_result(dc.s, "deleteNetwork", id=net["id"])
    assert ilbs(dc.s) == []


def test_start_stop(dc):
    net = tier(dc, "db")
    vm = deploy_ilb(dc, net)
    reply = dc.s.ok("stopInternalLoadBalancerVM", id=vm["id"])
    assert "jobid" in reply
    done = dc.s.wait(reply)
    assert done["jobstatus"] == 1 and done["jobinstancetype"] == "InternalLbVm"
    stopped = done["jobresult"]["router"]
    assert stopped["state"] == "Stopped" and "hostid" not in stopped and stopped["role"] == "INTERNAL_LB_VM"
    assert ilbs(dc.s, state="Stopped")[0]["id"] == vm["id"]
    assert job_result(dc.s, "stopInternalLoadBalancerVM", id=vm["id"], forced="true")["router"]["state"] == "Stopped"
    started = job_result(dc.s, "startInternalLoadBalancerVM", id=vm["id"])["router"]
    assert started["state"] == "Running" and started["hostid"] == vm["hostid"]
    assert job_result(dc.s, "startInternalLoadBalancerVM", id=vm["id"])["router"]["state"] == "Running"
    events = dc.s.ok("listEvents", type="INTERNALLBVM.STOP")["event"]
    assert len(events) == 1


def test_refusals(dc):
    net = tier(dc, "refuse")
    vm = deploy_ilb(dc, net)
    plain = dc.network("plain")
    dc.deploy(networkids=plain["id"])
    (router,) = running(dc.s, networkid=plain["id"])
    for cmd in ("startInternalLoadBalancerVM", "stopInternalLoadBalancerVM"):
        status, text = error_of(dc.s, cmd, id=router["id"])  # a virtual router is no internal LB VM
        assert status == 431 and text == "Unable to find internal lb vm by id"
        status, text = error_of(dc.s, cmd, id="4b5c2b8f-0000-4000-8000-000000000000")
        assert status == 431 and "4b5c2b8f-0000-4000-8000-000000000000" in text
    acc = new_account(dc.s, "ilbuser")
    tenant = As(dc.s, keys_for(dc.s, acc))
    for cmd, params in (("listInternalLoadBalancerVMs", {}), ("stopInternalLoadBalancerVM", {"id": vm["id"]})):
        status, _ = error_of(tenant, cmd, **params)
        assert status == 432  # root admin commands
    assert ilbs(dc.s)[0]["state"] in ("Starting", "Running")


def test_no_host_no_vm(dc):
    net = tier(dc, "nohost")
    for h in dc.adv_hosts:
        job_result(dc.s, "prepareHostForMaintenance", id=h["id"])
    assert deploy_ilb(dc, net) is None
    assert ilbs(dc.s) == []
