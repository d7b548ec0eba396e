"""instance_nic against the simulator (in process): add, re-run, check mode, --diff, change the IP, absent, the
default NIC and a second NIC in a network (CloudStack refuses both), bad input, a failed and a too slow job, faults."""
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
    d.vm = d.deploy("web-1", networks=[d.net])
    return d


def nics(sim, dc):
    return {n["networkname"]: n for n in sim.ok("listNics", virtualmachineid=dc.vm["id"]).get("nic", [])}


ARGS = dict(vm="web-1", network="back-net", zone=ADV)


def test_add_rerun_check_diff_absent(module, sim, dc):
    res = module("instance_nic", _check=True, _diff=True, **ARGS)
    assert res["changed"] and "back-net" not in nics(sim, dc)
    assert res["diff"] == {"before": {"state": "absent"}, "after": {"state": "present"}}
    assert "id" not in res and res["vm"] == "web-1" and res["network"] == "back-net"
    res = module("instance_nic", _diff=True, **ARGS)
    nic = nics(sim, dc)["back-net"]
    assert res["changed"] and res["id"] == nic["id"] and res["ip_address"] == nic["ipaddress"]
    assert res["mac_address"] == nic["macaddress"] and res["netmask"] == nic["netmask"] and res["vm"] == "web-1"
    assert nic["isdefault"] is False
    res = module("instance_nic", _diff=True, **ARGS)
    assert res["changed"] is False and res["id"] == nic["id"] and res["diff"] == {"before": {}, "after": {}}
    res = module("instance_nic", _check=True, _diff=True, state="absent", **ARGS)
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and "back-net" in nics(sim, dc)
    res = module("instance_nic", state="absent", **ARGS)
    assert res["changed"] and res["id"] == nic["id"] and "back-net" not in nics(sim, dc)
    res = module("instance_nic", state="absent", **ARGS)
    assert res["changed"] is False and "id" not in res and res["vm"] == "web-1"


def test_ip_address_on_add_and_update(module, sim, dc):
    res = module("instance_nic", ip_address="10.1.1.50", **ARGS)
    assert res["changed"] and res["ip_address"] == "10.1.1.50" == nics(sim, dc)["back-net"]["ipaddress"]
    assert module("instance_nic", ip_address="10.1.1.50", **ARGS)["changed"] is False
    res = module("instance_nic", _check=True, _diff=True, ip_address="10.1.1.60", **ARGS)
    assert res["changed"] and res["ip_address"] == "10.1.1.50"  # check mode: the NIC as it is
    assert res["diff"] == {"before": {"ip_address": "10.1.1.50"}, "after": {"ip_address": "10.1.1.60"}}
    assert nics(sim, dc)["back-net"]["ipaddress"] == "10.1.1.50"
    res = module("instance_nic", ip_address="10.1.1.60", **ARGS)  # CloudStack changes it on a stopped instance only
    assert res.failed and res["msg"] == ("vm 'web-1' is Running: CloudStack changes the ip_address of a NIC (10.1.1.50 to 10.1.1.60) "
                                         "only while the instance is stopped (stop it first)")
    assert nics(sim, dc)["back-net"]["ipaddress"] == "10.1.1.50"
    wait(sim, sim.ok("stopVirtualMachine", id=dc.vm["id"]))
    res = module("instance_nic", ip_address="10.1.1.60", **ARGS)
    assert res["changed"] and res["ip_address"] == "10.1.1.60" == nics(sim, dc)["back-net"]["ipaddress"]
    assert module("instance_nic", ip_address="10.1.1.60", **ARGS)["changed"] is False
    assert module("instance_nic", **ARGS)["changed"] is False  # no ip_address: the NIC's is kept


def test_cloudstack_refusals(module, sim, dc):
    # the default NIC cannot be removed (CloudStack's refusal, nothing changed)
    res = module("instance_nic", vm="web-1", network="app-net", zone=ADV, state="absent")
    assert res.failed and "removeNicFromVirtualMachine" in res["msg"] and "default" in res["msg"]
    assert "app-net" in nics(sim, dc)
    # a NIC in a network the instance is in (CloudStack refuses a second one: tests/simulator/test_compute_nics.py) is found
    assert module("instance_nic", vm="web-1", network="app-net", zone=ADV)["changed"] is False
    # an address already taken in the network
    module("instance_nic", **ARGS)
    other = Dc(sim).deploy("web-2", networks=[dc.net2])
    wait(sim, sim.ok("stopVirtualMachine", id=dc.vm["id"]))
    res = module("instance_nic", ip_address=other["nic"][0]["ipaddress"], **ARGS)
    assert res.failed and "updateVmNicIp" in res["msg"] and "please choose another ip" in res["msg"]
    assert nics(sim, dc)["back-net"]["ipaddress"] != other["nic"][0]["ipaddress"]


def test_bad_input(module, sim, dc):
    res = module("instance_nic", vm="nope", network="back-net", zone=ADV)
    assert res.failed and "'nope'" in res["msg"] and "option vm" in res["msg"]
    res = module("instance_nic", vm="web-1", network="nonet", zone=ADV)
    assert res.failed and "'nonet'" in res["msg"] and "option network" in res["msg"]
    res = module("instance_nic", vm="web-1", network="back-net", zone="nozone")
    assert res.failed and "'nozone'" in res["msg"] and "zone" in res["msg"]
    res = module("instance_nic", state="gone", **ARGS)
    assert res.failed and "state" in res["msg"] and "gone" in res["msg"]
    res = module("instance_nic", vm="web-1", zone=ADV)
    assert res.failed and "network" in res["msg"]
    assert set(nics(sim, dc)) == {"app-net"}


def test_failed_job_and_timeout(module, sim, dc):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=addNicToVirtualMachine")
    res = module("instance_nic", **ARGS)
    assert res.failed and "addNicToVirtualMachine" in res["msg"]
    sim.sim.faults.set("")
    assert "back-net" not in nics(sim, dc)
    module("instance_nic", **ARGS)
    sim.sim.job_seconds = 3
    res = module("instance_nic", state="absent", api_async_timeout=1, **ARGS)
    assert res.failed and "removeNicFromVirtualMachine" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults(module, sim, dc):
    wait(sim, sim.ok("stopVirtualMachine", id=dc.vm["id"]))  # so that the IP can change
    sim.sim.faults.set("5xx=0.25,drop=0.25,seed=7")
    for args in (ARGS, dict(ARGS, ip_address="10.1.1.70"), ARGS, dict(ARGS, state="absent"), ARGS):
        module("instance_nic", **args)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    assert not module("instance_nic", **ARGS).failed
    found = sim.ok("listNics", virtualmachineid=dc.vm["id"])["nic"]
    assert sorted(n["networkname"] for n in found) == ["app-net", "back-net"]  # no duplicate NIC
