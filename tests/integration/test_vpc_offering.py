"""vpc_offering against the simulator (in process): create (Disabled unless enabled), re-run/check/diff, states,
display_text update, services set at creation, absent, bad input, a failed and a too slow job, faults."""
import pytest
from tenancy_helpers import check_create_rerun_absent, check_update, runner, until_ok

BASE = {"name": "my-vpc-off", "display_text": "My VPC offering", "supported_services": ["Dns", "Dhcp"],
        "service_providers": [{"service": "dns", "provider": "VpcVirtualRouter"}, {"service": "dhcp", "provider": "VpcVirtualRouter"}]}


@pytest.fixture
def run(sim):
    return runner(sim)


def offerings(sim, **filters):
    return sim.ok("listVPCOfferings", **filters).get("vpcoffering", [])


def mine(sim, name="my-vpc-off"):
    found = [o for o in offerings(sim, name=name) if o["name"] == name]
    return found[0] if found else None


def test_lifecycle(run, sim):
    res = check_create_rerun_absent(run, "vpc_offering", BASE, lambda: len(offerings(sim)), absent_args={"name": "my-vpc-off"},
                                    expect_after={"name": "my-vpc-off", "display_text": "My VPC offering", "state": "present"})
    assert res["state"] == "Disabled" and res["display_text"] == "My VPC offering" and res["is_default"] is False
    assert res["distributed"] is False and res["region_level"] is False and res["id"]


def test_created_services(run, sim):
    res = run("vpc_offering", **BASE)
    assert res["changed"]
    services = {s["name"]: [p["name"] for p in s["provider"]] for s in mine(sim)["service"]}
    assert services == {"Dns": ["VpcVirtualRouter"], "Dhcp": ["VpcVirtualRouter"], "SourceNat": ["VpcVirtualRouter"],
                        "NetworkACL": ["VpcVirtualRouter"], "Gateway": ["VpcVirtualRouter"]}
    # services are set at creation only (as ngine_io: not compared)
    assert run("vpc_offering", **dict(BASE, supported_services=["Dns", "Lb"]))["changed"] is False


def test_states(run, sim):
    res = run("vpc_offering", state="enabled", **BASE)
    assert res["changed"] and res["state"] == "Enabled" and mine(sim)["state"] == "Enabled"
    assert run("vpc_offering", state="enabled", **BASE)["changed"] is False
    for state, api in (("disabled", "Disabled"), ("present", "Disabled"), ("enabled", "Enabled")):
        before = mine(sim)["state"]
        res = run("vpc_offering", _check=True, _diff=True, name="my-vpc-off", state=state)
        assert res["changed"] is (before != api) and mine(sim)["state"] == before
        if res["changed"]:
            assert res["diff"]["after"]["state"] == state and res["state"] == before  # check mode: the object as it is
        res = run("vpc_offering", name="my-vpc-off", state=state)
        assert res["changed"] is (before != api) and mine(sim)["state"] == api
        assert run("vpc_offering", name="my-vpc-off", state=state)["changed"] is False


def test_update_display_text(run, sim):
    check_update(run, "vpc_offering", BASE, "display_text", "first", "second", lambda: mine(sim)["displaytext"])


def test_capabilities_and_router_offering(run, sim):
    sim.ok("createServiceOffering", name="vpc-router", displaytext="r", issystem="true", systemvmtype="domainrouter",
           cpunumber=1, cpuspeed=500, memory=512)
    caps = [{"service": "Connectivity", "capabilitytype": "DistributedRouter", "capabilityvalue": "true"}]
    res = run("vpc_offering", **dict(BASE, supported_services=["Dns", "Connectivity"], service_providers=None, service_capabilities=caps,
                                     service_offering="vpc-router"))
    assert res["changed"] and not res.failed, res.get("msg")
    assert res["distributed"] is True and mine(sim)["distributedvpcrouter"] is True


def test_default_offerings(run, sim):
    res = run("vpc_offering", name="Default VPC offering")
    assert res["changed"] is False and res["is_default"] is True and res["state"] == "Enabled"
    res = run("vpc_offering", name="Default VPC offering", state="absent")
    assert res.failed and "Default network offering can't be deleted" in res["msg"]
    assert mine(sim, "Default VPC offering")


@pytest.mark.parametrize("args,message", [
    ({"display_text": None}, "missing required arguments: display_text"),
    ({"supported_services": None}, "missing required arguments: supported_services"),
    ({"supported_services": ["Firewall"]}, "Service Firewall is not supported in VPC"),
    ({"service_providers": [{"service": "Dns", "provider": "Pigeon"}]}, "Invalid service provider: Pigeon"),
    ({"service_offering": "no-such-offering"}, "service offering 'no-such-offering' not found"),
    ({"service_capabilities": [{"service": "SourceNat", "capabilitytype": "RedundantRouter", "capabilityvalue": "maybe"}]},
     "Invalid Capability value:maybe specified."),
    ({"state": "on"}, "state"),
])
def test_bad_input(run, sim, args, message):
    n = len(offerings(sim))
    res = run("vpc_offering", **{k: v for k, v in dict(BASE, **args).items() if v is not None})
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"] and len(offerings(sim)) == n


def test_in_use_offering_is_not_removed(make_simserver):
    sim = make_simserver(datacenter="sandbox", job_seconds=0.02)
    run = runner(sim)
    run("vpc_offering", state="enabled", **BASE)
    zone = sim.ok("listZones", name="Sandbox-simulator-advanced")["zone"][0]
    reply = sim.ok("createVPC", name="v", displaytext="v", cidr="10.0.0.0/16", zoneid=zone["id"], vpcofferingid=mine(sim)["id"])
    sim.wait(reply)
    res = run("vpc_offering", name="my-vpc-off", state="absent")
    assert res.failed and "as its used by 1 vpcs" in res["msg"] and mine(sim)


def test_failed_job_and_timeout(run, sim):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createVPCOffering")
    res = run("vpc_offering", **BASE)
    assert res.failed and "createVPCOffering" in res["msg"]
    sim.sim.faults.set("")
    assert not run("vpc_offering", **BASE).failed
    assert len([o for o in offerings(sim) if o["name"] == "my-vpc-off"]) == 1
    sim.sim.job_seconds = 3
    res = run("vpc_offering", name="my-vpc-off", state="absent", api_async_timeout=1)
    assert res.failed and "deleteVPCOffering" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(make_simserver):
    sim = make_simserver(faults="5xx=0.2,drop=0.2,seed=113", job_seconds=0.02)
    run = runner(sim)
    names = ["v%d" % i for i in range(3)]
    for name in names:
        until_ok(run, "vpc_offering", **dict(BASE, name=name, state="enabled"))
    for name in names:
        until_ok(run, "vpc_offering", **dict(BASE, name=name, state="disabled", display_text="changed"))
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    found = [o for o in offerings(sim) if o["name"] in names]
    assert sorted(o["name"] for o in found) == names and all(o["state"] == "Disabled" and o["displaytext"] == "changed" for o in found)
    assert injected.get("5xx") and injected.get("drop")
