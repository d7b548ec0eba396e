"""static_nat against the simulator (in process): enable, re-run, check mode, --diff, move to another instance and
guest IP, absent, bad input, a failed and a too slow job, faults."""
import pytest
from guest_helpers import ADV, Dc, sandbox


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    d.net = d.network("app-net")
    d.net2 = d.network("back-net")
    d.vm1 = d.deploy("web-1", networks=[d.net])
    d.vm2 = d.deploy("web-2", networks=[d.net, d.net2])
    d.ip = d.public_ip(d.net)
    return d


def ip_now(sim, dc):
    return sim.ok("listPublicIpAddresses", id=dc.ip["id"])["publicipaddress"][0]


def test_enable_rerun_check_diff_move_absent(module, sim, dc):
    args = dict(ip_address=dc.ip["ipaddress"], zone=ADV, vm="web-1")
    res = module("static_nat", _check=True, _diff=True, **args)
    assert res["changed"] and not ip_now(sim, dc)["isstaticnat"]
    assert res["diff"] == {"before": {"ip_address": dc.ip["ipaddress"]}, "after": {"ip_address": dc.ip["ipaddress"], "vm": "web-1"}}
    res = module("static_nat", _diff=True, **args)
    now = ip_now(sim, dc)
    assert res["changed"] and now["isstaticnat"] and now["virtualmachineid"] == dc.vm1["id"]
    assert res["vm_name"] == "web-1" and res["vm_guest_ip"] == dc.vm1["nic"][0]["ipaddress"] and res["ip_address"] == dc.ip["ipaddress"]
    res = module("static_nat", _diff=True, **args)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    # to another instance: disabled, then enabled there
    args["vm"] = "web-2"
    res = module("static_nat", _check=True, _diff=True, **args)
    assert res["changed"] and res["diff"]["before"]["vm"] == "web-1" and ip_now(sim, dc)["virtualmachineid"] == dc.vm1["id"]
    assert module("static_nat", **args)["changed"]
    assert ip_now(sim, dc)["virtualmachineid"] == dc.vm2["id"]
    assert module("static_nat", **args)["changed"] is False
    res = module("static_nat", _check=True, _diff=True, ip_address=dc.ip["ipaddress"], zone=ADV, state="absent")
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and ip_now(sim, dc)["isstaticnat"]
    assert module("static_nat", ip_address=dc.ip["ipaddress"], zone=ADV, state="absent")["changed"]
    assert not ip_now(sim, dc)["isstaticnat"] and "virtualmachineid" not in ip_now(sim, dc)
    assert module("static_nat", ip_address=dc.ip["ipaddress"], zone=ADV, state="absent")["changed"] is False


def test_vm_guest_ip(module, sim, dc):
    nic1 = [n for n in dc.vm2["nic"] if n["networkid"] == dc.net["id"]][0]
    args = dict(ip_address=dc.ip["ipaddress"], zone=ADV, vm="web-2", vm_guest_ip=nic1["ipaddress"])
    assert module("static_nat", **args)["changed"]
    assert ip_now(sim, dc)["vmipaddress"] == nic1["ipaddress"]
    assert module("static_nat", **args)["changed"] is False
    res = module("static_nat", **dict(args, vm_guest_ip="10.77.0.1"))
    assert res.failed and res["msg"] == "Secondary IP '10.77.0.1' not assigned to VM"  # ngine_io's message
    assert ip_now(sim, dc)["vmipaddress"] == nic1["ipaddress"]


def test_bad_input(module, sim, dc):
    res = module("static_nat", ip_address="10.5.5.5", zone=ADV, vm="web-1")
    assert res.failed and res["msg"] == "IP address '10.5.5.5' not found"  # ngine_io's message
    res = module("static_nat", ip_address=dc.ip["ipaddress"], zone=ADV)
    assert res.failed and "vm" in res["msg"]
    res = module("static_nat", ip_address=dc.ip["ipaddress"], zone=ADV, vm="nope")
    assert res.failed and "nope" in res["msg"] and "vm" in res["msg"]
    assert not ip_now(sim, dc)["isstaticnat"]


def test_failed_job_and_timeout(module, sim, dc):
    args = dict(ip_address=dc.ip["ipaddress"], zone=ADV, vm="web-1")
    module("static_nat", **args)
    sim.sim.faults.set("jobfail=1.0,seed=1,only=disableStaticNat")
    res = module("static_nat", ip_address=dc.ip["ipaddress"], zone=ADV, state="absent")
    assert res.failed and "disableStaticNat" in res["msg"]
    sim.sim.faults.set("")
    assert ip_now(sim, dc)["isstaticnat"]
    sim.sim.job_seconds = 3
    res = module("static_nat", ip_address=dc.ip["ipaddress"], zone=ADV, state="absent", api_async_timeout=1)
    assert res.failed and "disableStaticNat" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults(module, sim, dc):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=12")
    for vm in ("web-1", "web-2", "web-1"):
        module("static_nat", ip_address=dc.ip["ipaddress"], zone=ADV, vm=vm)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    assert not module("static_nat", ip_address=dc.ip["ipaddress"], zone=ADV, vm="web-1").failed
    assert ip_now(sim, dc)["virtualmachineid"] == dc.vm1["id"]
    assert module("static_nat", ip_address=dc.ip["ipaddress"], zone=ADV, vm="web-1")["changed"] is False
