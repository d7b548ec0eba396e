"""instance_nic_secondaryip against the simulator (in process): add, re-run, check mode, --diff, on another NIC, an
address CloudStack picks, absent, bad input, a failed and a too slow job, faults (no duplicate address)."""
import pytest
from guest_helpers import ADV, Dc, sandbox, wait


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    d.net = d.network("app-net")
    d.net2 = d.network("back-net")
    d.vm = d.deploy("web-1", networks=[d.net, d.net2])
    d.nic = [n for n in d.vm["nic"] if n["isdefault"]][0]
    d.nic2 = [n for n in d.vm["nic"] if not n["isdefault"]][0]
    return d


def secondary(sim, dc, nic=None):
    found = sim.ok("listNics", virtualmachineid=dc.vm["id"], nicid=(nic or dc.nic)["id"])["nic"][0]
    return sorted(s["ipaddress"] for s in found.get("secondaryip") or [])


ARGS = dict(vm="web-1", zone=ADV, vm_guest_ip="10.1.1.100")


def test_add_rerun_check_diff_absent(module, sim, dc):
    res = module("instance_nic_secondaryip", _check=True, _diff=True, **ARGS)
    assert res["changed"] and secondary(sim, dc) == []
    assert res["diff"] == {"before": {"state": "absent"}, "after": {"vm_guest_ip": "10.1.1.100", "state": "present"}}
    assert res["id"] == dc.nic["id"] and res["vm_guest_ip"] == "10.1.1.100"  # the NIC as it is, the address meant
    res = module("instance_nic_secondaryip", _diff=True, **ARGS)
    assert res["changed"] and secondary(sim, dc) == ["10.1.1.100"]
    assert res["id"] == dc.nic["id"] and res["ip_address"] == dc.nic["ipaddress"] and res["vm_guest_ip"] == "10.1.1.100"
    assert res["vm"] == "web-1" and res["network"] == "app-net" and res["mac_address"] == dc.nic["macaddress"]
    res = module("instance_nic_secondaryip", _diff=True, secondary_ip="10.1.1.100", vm="web-1", zone=ADV)  # the alias
    assert res["changed"] is False and res["vm_guest_ip"] == "10.1.1.100" and res["diff"] == {"before": {}, "after": {}}
    res = module("instance_nic_secondaryip", _check=True, _diff=True, state="absent", **ARGS)
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and secondary(sim, dc) == ["10.1.1.100"]
    res = module("instance_nic_secondaryip", state="absent", **ARGS)
    assert res["changed"] and res["vm_guest_ip"] == "10.1.1.100" and secondary(sim, dc) == []
    res = module("instance_nic_secondaryip", state="absent", **ARGS)
    assert res["changed"] is False and res["id"] == dc.nic["id"] and res["vm_guest_ip"] == "10.1.1.100"


def test_other_nic_and_picked_address(module, sim, dc):
    args = dict(vm="web-1", zone=ADV, network="back-net")
    res = module("instance_nic_secondaryip", **args)  # CloudStack picks the address: a new one every run
    assert res["changed"] and res["id"] == dc.nic2["id"] and secondary(sim, dc, dc.nic2) == [res["vm_guest_ip"]]
    res2 = module("instance_nic_secondaryip", **args)
    assert res2["changed"] and secondary(sim, dc, dc.nic2) == sorted([res["vm_guest_ip"], res2["vm_guest_ip"]])
    assert module("instance_nic_secondaryip", state="absent", vm_guest_ip=res["vm_guest_ip"], **args)["changed"]
    assert secondary(sim, dc, dc.nic2) == [res2["vm_guest_ip"]] and secondary(sim, dc) == []


def test_bad_input(module, sim, dc):
    res = module("instance_nic_secondaryip", vm="web-1", zone=ADV, state="absent")
    assert res.failed and "vm_guest_ip" in res["msg"] and "absent" in res["msg"]
    res = module("instance_nic_secondaryip", **dict(ARGS, vm="nope"))
    assert res.failed and "'nope'" in res["msg"] and "option vm" in res["msg"]
    res = module("instance_nic_secondaryip", **dict(ARGS, network="nonet"))
    assert res.failed and "'nonet'" in res["msg"] and "option network" in res["msg"]
    other = Dc(sim).network("third-net")
    res = module("instance_nic_secondaryip", **dict(ARGS, network=other["name"]))
    assert res.failed and res["msg"] == "NIC for VM web-1 in network third-net not found"  # ngine_io's message
    res = module("instance_nic_secondaryip", **dict(ARGS, vpc="some-vpc"))
    assert res.failed and "'some-vpc'" in res["msg"] and "option vpc" in res["msg"]
    vpc_off = sim.ok("listVPCOfferings", name="Default VPC offering")["vpcoffering"][0]
    wait(sim, sim.ok("createVPC", name="vpc1", displaytext="vpc1", cidr="10.10.0.0/16", zoneid=dc.adv["id"], vpcofferingid=vpc_off["id"]))
    res = module("instance_nic_secondaryip", **dict(ARGS, vpc="vpc1"))
    assert res.failed and res["msg"] == "Could not find network for VPC 'vpc1' due missing argument: network"  # ngine_io's
    res = module("instance_nic_secondaryip", **dict(ARGS, vm_guest_ip="10.1.1.300"))
    assert res.failed and "addIpToNic" in res["msg"]
    assert secondary(sim, dc) == [] and secondary(sim, dc, dc.nic2) == []


def test_failed_job_and_timeout(module, sim, dc):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=removeIpFromNic")
    module("instance_nic_secondaryip", **ARGS)
    res = module("instance_nic_secondaryip", state="absent", **ARGS)
    assert res.failed and "removeIpFromNic" in res["msg"]
    sim.sim.faults.set("")
    assert secondary(sim, dc) == ["10.1.1.100"]
    sim.sim.job_seconds = 3
    res = module("instance_nic_secondaryip", state="absent", api_async_timeout=1, **ARGS)
    assert res.failed and "removeIpFromNic" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults(module, sim, dc):
    sim.sim.faults.set("5xx=0.25,drop=0.25,seed=5")
    for args in (ARGS, dict(vm="web-1", zone=ADV, network="back-net"), ARGS, dict(ARGS, state="absent"), ARGS):
        module("instance_nic_secondaryip", **args)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    assert not module("instance_nic_secondaryip", **ARGS).failed
    assert secondary(sim, dc) == ["10.1.1.100"] and len(secondary(sim, dc, dc.nic2)) <= 1  # no duplicate address
