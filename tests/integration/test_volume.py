"""volume against the simulator (in process): create, re-run, check mode, --diff, resize, attach/detach, tags, absent,
bad input, a failed and a too slow job, faults."""
import pytest
from guest_helpers import ADV, Dc, sandbox

GIB = 1024 ** 3


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    return Dc(sim)


def vols(sim, name):
    return [v for v in sim.ok("listVolumes", name=name, listall=True).get("volume", []) if v["name"] == name]


BASE = {"name": "data-1", "zone": ADV}


def test_create_rerun_check_diff_resize_absent(module, sim, dc):
    args = dict(BASE, disk_offering="Custom", size=10)
    res = module("volume", _check=True, _diff=True, **args)
    assert res["changed"] and vols(sim, "data-1") == []
    assert res["diff"]["before"] == {"state": "absent"} and res["diff"]["after"]["size"] == 10
    res = module("volume", _diff=True, **args)
    (v,) = vols(sim, "data-1")
    assert res["changed"] and res["id"] == v["id"] and res["size"] == 10 * GIB and res["size_gb"] == 10 and res["zone"] == ADV
    assert res["disk_offering"] == "Custom" and res["type"] == "DATADISK"
    res = module("volume", _diff=True, **args)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    # grow: check mode first
    args["size"] = 20
    res = module("volume", _check=True, _diff=True, **args)
    assert res["changed"] and res["diff"]["before"]["size"] == 10 and res["diff"]["after"]["size"] == 20
    assert int(vols(sim, "data-1")[0]["size"]) == 10 * GIB
    res = module("volume", **args)
    assert res["changed"] and int(vols(sim, "data-1")[0]["size"]) == 20 * GIB and res["size_gb"] == 20
    assert module("volume", **args)["changed"] is False
    # shrink only with shrink_ok
    args["size"] = 15
    res = module("volume", **args)
    assert res.failed and "shrink_ok" in res["msg"] and "15" in res["msg"]
    assert int(vols(sim, "data-1")[0]["size"]) == 20 * GIB
    res = module("volume", shrink_ok=True, **args)
    assert res["changed"] and int(vols(sim, "data-1")[0]["size"]) == 15 * GIB
    # absent
    res = module("volume", _check=True, _diff=True, state="absent", **BASE)
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(vols(sim, "data-1")) == 1
    assert module("volume", state="absent", **BASE)["changed"]
    assert vols(sim, "data-1") == []
    assert module("volume", state="absent", **BASE)["changed"] is False


def test_disk_offering_change_and_iops(module, sim, dc):
    assert module("volume", disk_offering="Small", **BASE)["changed"]
    assert int(vols(sim, "data-1")[0]["size"]) == 5 * GIB
    assert module("volume", disk_offering="Small", **BASE)["changed"] is False
    res = module("volume", _diff=True, disk_offering="Medium", **BASE)
    assert res["changed"] and res["diff"]["before"]["disk_offering"] == "Small" and res["diff"]["after"]["disk_offering"] == "Medium"
    v = vols(sim, "data-1")[0]
    assert v["diskofferingname"] == "Medium" and int(v["size"]) == 20 * GIB
    assert module("volume", disk_offering="Medium", **BASE)["changed"] is False


def test_attach_detach_and_absent_with_force(module, sim, dc):
    net = dc.network("net-vol")
    vm1 = dc.deploy("vm-1", networks=[net])
    vm2 = dc.deploy("vm-2", networks=[net])
    res = module("volume", _check=True, _diff=True, disk_offering="Small", vm="vm-1", state="attached", **BASE)
    assert res["changed"] and vols(sim, "data-1") == [] and res["diff"]["after"]["vm"] == "vm-1"
    res = module("volume", _diff=True, disk_offering="Small", vm="vm-1", state="attached", **BASE)
    v = vols(sim, "data-1")[0]
    assert res["changed"] and v["virtualmachineid"] == vm1["id"] and res["vm"] == "vm-1" and res["device_id"] == v["deviceid"]
    assert module("volume", vm="vm-1", state="attached", **BASE)["changed"] is False
    # to another instance: check mode first, then moved
    res = module("volume", _check=True, _diff=True, vm="vm-2", state="attached", **BASE)
    assert res["changed"] and res["diff"] == {"before": {"vm": "vm-1"}, "after": {"vm": "vm-2"}}
    assert vols(sim, "data-1")[0]["virtualmachineid"] == vm1["id"]
    assert module("volume", vm="vm-2", state="attached", **BASE)["changed"]
    assert vols(sim, "data-1")[0]["virtualmachineid"] == vm2["id"]
    # an attached volume is not removed without force
    res = module("volume", _check=True, state="absent", **BASE)
    assert res.failed and res["msg"] == "Volume 'data-1' is attached, use force=true for detaching and removing the volume."
    res = module("volume", state="absent", **BASE)
    assert res.failed and res["msg"] == "Volume 'data-1' is attached, use force=true for detaching and removing the volume."
    assert len(vols(sim, "data-1")) == 1
    res = module("volume", _diff=True, state="detached", **BASE)
    assert res["changed"] and res["diff"] == {"before": {"vm": "vm-2"}, "after": {"vm": None}} and "vm" not in res
    assert "virtualmachineid" not in vols(sim, "data-1")[0]
    assert module("volume", state="detached", **BASE)["changed"] is False
    module("volume", vm="vm-1", state="attached", **BASE)
    assert module("volume", state="absent", force=True, **BASE)["changed"]
    assert vols(sim, "data-1") == []
    res = module("volume", state="attached", **BASE)
    assert res.failed and res["msg"] == "Virtual machine param 'vm' is required" and vols(sim, "data-1") == []  # nothing created


def test_tags(module, sim, dc):
    res = module("volume", disk_offering="Small", tags=[{"key": "env", "value": "prod"}], **BASE)
    assert res["changed"] and res["tags"] == [{"key": "env", "value": "prod"}] or [t["key"] for t in res["tags"]] == ["env"]
    assert module("volume", tags=[{"key": "env", "value": "prod"}], **BASE)["changed"] is False
    res = module("volume", _diff=True, tags=[{"key": "env", "value": "dev"}], **BASE)
    assert res["changed"] and res["diff"]["before"]["tags"] == [{"key": "env", "value": "prod"}]
    assert [(t["key"], t["value"]) for t in vols(sim, "data-1")[0]["tags"]] == [("env", "dev")]
    assert module("volume", tags=[], **BASE)["changed"]
    assert vols(sim, "data-1")[0]["tags"] == []


def test_bad_input(module, sim, dc):
    res = module("volume", disk_offering="NoSuchOffering", **BASE)
    assert res.failed and "NoSuchOffering" in res["msg"] and "disk_offering" in res["msg"]
    res = module("volume", **BASE)
    assert res.failed and "disk_offering" in res["msg"]
    res = module("volume", name="data-1", zone="nozone", disk_offering="Small")
    assert res.failed and "nozone" in res["msg"] and "zone" in res["msg"]
    res = module("volume", disk_offering="Small", tags=[{"name": "x"}], **BASE)
    assert res.failed and "tags" in res["msg"]
    res = module("volume", disk_offering="Small", state="attached", vm="no-such-vm", **BASE)
    assert res.failed and "no-such-vm" in res["msg"] and "vm" in res["msg"]
    assert [v for v in vols(sim, "data-1") if v.get("virtualmachineid")] == []


def test_failed_job_and_timeout(module, sim, dc):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createVolume")
    res = module("volume", disk_offering="Small", **BASE)
    assert res.failed and "createVolume" in res["msg"] and res["cloudstack_errorcode"] == 530
    sim.sim.faults.set("")
    # createVolume makes the volume before its job runs (a BaseAsyncCreateCmd): the re-run finds it, no duplicate
    assert not module("volume", disk_offering="Small", **BASE).failed
    assert len(vols(sim, "data-1")) == 1
    sim.sim.job_seconds = 3
    res = module("volume", size=30, disk_offering="Custom", api_async_timeout=1, **BASE)
    assert res.failed and "resizeVolume" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=7")
    for i in range(5):
        module("volume", name="v%d" % i, zone=ADV, disk_offering="Small")
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for i in range(5):
        assert not module("volume", name="v%d" % i, zone=ADV, disk_offering="Small").failed
        assert len(vols(sim, "v%d" % i)) == 1


def test_custom_iops(module, sim, dc):
    sim.ok("createDiskOffering", name="iops", displaytext="iops", disksize=5, customizediops=True)
    args = dict(BASE, disk_offering="iops", min_iops=100, max_iops=500)
    res = module("volume", **args)
    assert res["changed"] and res["min_iops"] == 100 and res["max_iops"] == 500
    assert module("volume", **args)["changed"] is False
    args["max_iops"] = 1000
    res = module("volume", _diff=True, **args)
    assert res["changed"] and res["diff"]["before"]["max_iops"] == 500 and res["diff"]["after"]["max_iops"] == 1000
    v = vols(sim, "data-1")[0]
    assert (v["miniops"], v["maxiops"]) == (100, 1000)
    assert module("volume", **args)["changed"] is False


def test_owner_scope(module, sim, dc):
    dom = sim.ok("createDomain", name="customers")["domain"]
    sim.ok("createAccount", username="u1", account="acme", email="a@example.com", firstname="a", lastname="b", password="pw-12345678",
           accounttype=0, domainid=dom["id"])
    owner = dict(account="acme", domain="customers")
    res = module("volume", disk_offering="Small", **owner, **BASE)
    assert res["changed"] and res["account"] == "acme" and res["domain"] == "customers"
    assert module("volume", disk_offering="Small", **owner, **BASE)["changed"] is False
    # the admin's own volume of the same name is another volume
    assert module("volume", disk_offering="Small", **BASE)["changed"]
    assert sorted(v["account"] for v in vols(sim, "data-1")) == ["acme", "admin"]
    assert module("volume", state="absent", **owner, **BASE)["changed"]
    assert [v["account"] for v in vols(sim, "data-1")] == ["admin"]
