"""instance_snapshot against the simulator (in process): create, re-run, check mode, --diff, absent, revert (and
CloudStack's revert rules), bad input, tags, a failed and a too slow job, faults."""
import pytest
from guest_helpers import ADV, Dc, sandbox, wait


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    d.vm = d.deploy("web-01")
    return d


def snaps(sim, dc):
    return sim.ok("listVMSnapshot", virtualmachineid=dc.vm["id"]).get("vmSnapshot", [])


def stop(sim, dc):
    wait(sim, sim.ok("stopVirtualMachine", id=dc.vm["id"]))


def test_create_rerun_check_diff_absent(module, sim, dc):
    args = dict(name="before upgrade", vm="web-01", zone=ADV, description="pre", snapshot_memory=True)
    res = module("instance_snapshot", _check=True, _diff=True, **args)
    assert res["changed"] and snaps(sim, dc) == [] and "id" not in res
    assert res["diff"]["before"] == {"state": "absent"} and res["diff"]["after"]["name"] == "before upgrade"
    res = module("instance_snapshot", _diff=True, **args)
    (snap,) = snaps(sim, dc)
    assert res["changed"] and res["id"] == snap["id"] and res["display_name"] == "before upgrade"
    assert res["name"] == snap["name"] and res["name"].startswith(dc.vm["instancename"] + "_VS_")
    assert res["type"] == "DiskAndMemory" and res["current"] is True and res["state"] == "Ready" and res["description"] == "pre"
    assert res["zone"] == ADV and res["account"] == "admin"
    res = module("instance_snapshot", _diff=True, **args)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    res = module("instance_snapshot", name="BEFORE UPGRADE", vm=dc.vm["id"], zone=ADV)  # display names compare as CloudStack's
    assert res["changed"] is False and res["id"] == snap["id"]
    res = module("instance_snapshot", _check=True, _diff=True, state="absent", **args)
    assert res["changed"] and len(snaps(sim, dc)) == 1 and res["diff"]["after"] == {"state": "absent"}
    res = module("instance_snapshot", state="absent", **args)
    assert res["changed"] and snaps(sim, dc) == [] and res["id"] == snap["id"]
    assert module("instance_snapshot", state="absent", **args)["changed"] is False


def test_revert(module, sim, dc):
    module("instance_snapshot", name="disk", vm="web-01", zone=ADV)
    module("instance_snapshot", name="later", vm="web-01", zone=ADV)
    res = module("instance_snapshot", name="disk", vm="web-01", zone=ADV, state="revert")
    assert res.failed and "Reverting to the VM Snapshot is not allowed for running VMs" in res["msg"] and "revertToVMSnapshot" in res["msg"]
    stop(sim, dc)
    res = module("instance_snapshot", _check=True, _diff=True, name="disk", vm="web-01", zone=ADV, state="revert")
    assert res["changed"] and res["current"] is False and res["diff"]["after"] == {"reverted_to": "disk"}
    res = module("instance_snapshot", name="disk", vm="web-01", zone=ADV, state="revert")
    assert res["changed"] and res["current"] is True
    cur = {s["displayname"]: s["current"] for s in snaps(sim, dc)}
    assert cur == {"disk": True, "later": False}
    res = module("instance_snapshot", name="nothing", vm="web-01", zone=ADV, state="revert")
    assert res.failed and res["msg"] == "snapshot not found, could not revert VM"


def test_bad_input_changes_nothing(module, sim, dc):
    res = module("instance_snapshot", name="s", vm="no-such-vm", zone=ADV)
    assert res.failed and "no-such-vm" in res["msg"] and "vm" in res["msg"]
    res = module("instance_snapshot", name="s", vm="web-01", zone="no-such-zone")
    assert res.failed and "no-such-zone" in res["msg"]
    res = module("instance_snapshot", name="s", vm="web-01", zone=ADV, state="sideways")
    assert res.failed and "state" in res["msg"] and "sideways" in res["msg"]
    stop(sim, dc)
    res = module("instance_snapshot", name="s", vm="web-01", zone=ADV, snapshot_memory=True)
    assert res.failed and "Can not snapshot memory when VM is not in Running state" in res["msg"]
    res = module("instance_snapshot", name="x" * 300, vm="web-01", zone=ADV)
    assert res.failed and "255" in res["msg"]
    assert snaps(sim, dc) == []


def test_tags(module, sim, dc):
    args = dict(name="tagged", vm="web-01", zone=ADV)
    res = module("instance_snapshot", tags=[{"key": "env", "value": "prod"}], **args)
    assert res["changed"] and res["tags"] == [{"key": "env", "value": "prod"}]
    assert module("instance_snapshot", tags=[{"key": "env", "value": "prod"}], **args)["changed"] is False
    res = module("instance_snapshot", _diff=True, tags=[], **args)
    assert res["changed"] and res["diff"]["before"]["tags"] == [{"key": "env", "value": "prod"}]
    assert snaps(sim, dc)[0].get("tags", []) == []


def test_failed_job_and_timeout(module, sim, dc):
    args = dict(name="s1", vm="web-01", zone=ADV)
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createVMSnapshot")
    res = module("instance_snapshot", **args)
    assert res.failed and "createVMSnapshot" in res["msg"]
    sim.sim.faults.set("")
    assert [s["state"] for s in snaps(sim, dc)] == ["Error"]
    res = module("instance_snapshot", **args)  # the snapshot in Error is taken again
    assert res["changed"] and res["state"] == "Ready" and "Error" in " ".join(res.get("warnings", []))
    assert [s["state"] for s in snaps(sim, dc)] == ["Ready"]
    sim.sim.job_seconds = 3
    res = module("instance_snapshot", state="absent", api_async_timeout=1, **args)
    assert res.failed and "deleteVMSnapshot" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=3")
    for i in range(5):
        module("instance_snapshot", name="s%d" % i, vm="web-01", zone=ADV)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for i in range(5):
        assert not module("instance_snapshot", name="s%d" % i, vm="web-01", zone=ADV).failed
    assert sorted(s["displayname"] for s in snaps(sim, dc)) == ["s%d" % i for i in range(5)]


def test_revert_under_faults(module, sim, dc):
    module("instance_snapshot", name="disk", vm="web-01", zone=ADV)
    stop(sim, dc)
    sim.sim.faults.set("5xx=0.3,drop=0.3,seed=7,only=revertToVMSnapshot")
    results = [module("instance_snapshot", name="disk", vm="web-01", zone=ADV, state="revert") for _ in range(6)]
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    assert [r.get("msg") for r in results if r.failed] == []
    (snap,) = snaps(sim, dc)
    assert snap["state"] == "Ready" and snap["current"] is True
