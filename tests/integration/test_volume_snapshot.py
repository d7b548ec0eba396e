"""volume_snapshot against the simulator (in process): create, re-run, check mode, --diff, absent, revert (the instance
stopped), a volume from the snapshot (volume's option snapshot), bad input, tags, a failed and a too slow job, faults."""
import pytest
from guest_helpers import ADV, Dc, sandbox, wait


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    d.vm = d.deploy("web-01")
    vol = wait(sim, sim.ok("createVolume", name="data-01", zoneid=d.adv["id"], diskofferingid=d.disk_small["id"]))["volume"]
    d.vol = wait(sim, sim.ok("attachVolume", id=vol["id"], virtualmachineid=d.vm["id"]))["volume"]
    return d


def snaps(sim, dc, vol=None):
    return sim.ok("listSnapshots", volumeid=(vol or dc.vol)["id"]).get("snapshot", [])


def test_create_rerun_check_diff_absent(module, sim, dc):
    args = dict(name="before-migration", volume="data-01")
    res = module("volume_snapshot", _check=True, _diff=True, **args)
    assert res["changed"] and snaps(sim, dc) == [] and res["diff"]["before"] == {"state": "absent"}
    res = module("volume_snapshot", **args)
    (snap,) = snaps(sim, dc)
    assert res["changed"] and res["id"] == snap["id"] and res["name"] == "before-migration" and res["state"] == "BackedUp"
    assert res["volume"] == "data-01" and res["volume_type"] == "DATADISK" and res["snapshot_type"] == "MANUAL"
    assert "zone" not in res  # 4.18's SnapshotResponse has zoneid only
    res = module("volume_snapshot", _diff=True, **args)
    assert res["changed"] is False and res["id"] == snap["id"] and res["diff"] == {"before": {}, "after": {}}
    # the ROOT volume of the instance, named through vm
    res = module("volume_snapshot", name="root-1", vm="web-01", volume_type="ROOT")
    assert res["changed"] and res["volume_type"] == "ROOT"
    res = module("volume_snapshot", _check=True, state="absent", **args)
    assert res["changed"] and len(snaps(sim, dc)) == 1
    res = module("volume_snapshot", _diff=True, state="absent", **args)
    assert res["changed"] and snaps(sim, dc) == [] and res["diff"]["after"] == {"state": "absent"}
    assert module("volume_snapshot", state="absent", **args)["changed"] is False
    assert module("volume_snapshot", state="absent", name="x", volume="no-such-volume")["changed"] is False


def test_revert_and_volume_from_snapshot(module, sim, dc):
    args = dict(name="s1", volume="data-01")
    module("volume_snapshot", **args)
    res = module("volume_snapshot", state="revert", **args)
    assert res.failed and "not in the shutdown state" in res["msg"] and "revertSnapshot" in res["msg"]
    wait(sim, sim.ok("stopVirtualMachine", id=dc.vm["id"]))
    res = module("volume_snapshot", _check=True, _diff=True, state="revert", **args)
    assert res["changed"] and res["diff"]["after"] == {"reverted_to": "s1"}
    before = len(sim.ok("listEvents", type="SNAPSHOT.REVERT").get("event", []))
    res = module("volume_snapshot", state="revert", **args)
    assert res["changed"] and res["state"] == "BackedUp"
    assert len(sim.ok("listEvents", type="SNAPSHOT.REVERT").get("event", [])) == before + 1
    res = module("volume_snapshot", state="revert", name="nothing", volume="data-01")
    assert res.failed and res["msg"] == "snapshot nothing of volume data-01 not found, could not revert the volume"
    res = module("volume", name="data-copy", zone=ADV, snapshot="s1")
    assert res["changed"] and res["size"] == dc.vol["size"]
    (copy,) = sim.ok("listVolumes", name="data-copy")["volume"]
    assert copy["snapshotid"] == snaps(sim, dc)[0]["id"]


def test_bad_input_changes_nothing(module, sim, dc):
    res = module("volume_snapshot", name="s", volume="no-such-volume")
    assert res.failed and "no-such-volume" in res["msg"] and "volume" in res["msg"]
    res = module("volume_snapshot", name="s")
    assert res.failed and "vm" in res["msg"] and "volume" in res["msg"]
    res = module("volume_snapshot", name="s", vm="web-01")  # ROOT and DATADISK: which one?
    assert res.failed and "2 volumes match" in res["msg"]
    res = module("volume_snapshot", name="s", vm="web-01", volume_type="SWAP")
    assert res.failed and "volume_type" in res["msg"] and "SWAP" in res["msg"]
    assert snaps(sim, dc) == []


def test_tags(module, sim, dc):
    args = dict(name="tagged", volume="data-01")
    res = module("volume_snapshot", tags=[{"key": "env", "value": "prod"}], **args)
    assert res["changed"] and res["tags"] == [{"key": "env", "value": "prod"}]
    assert module("volume_snapshot", tags=[{"key": "env", "value": "prod"}], **args)["changed"] is False
    res = module("volume_snapshot", _diff=True, tags=[{"key": "env", "value": "test"}], **args)
    assert res["changed"] and res["diff"]["after"]["tags"] == [{"key": "env", "value": "test"}]
    assert [(t["key"], t["value"]) for t in snaps(sim, dc)[0]["tags"]] == [("env", "test")]


def test_failed_job_and_timeout(module, sim, dc):
    args = dict(name="s1", volume="data-01")
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createSnapshot")
    res = module("volume_snapshot", **args)
    assert res.failed and "createSnapshot" in res["msg"]
    sim.sim.faults.set("")
    assert [s["state"] for s in snaps(sim, dc)] == ["Error"]
    res = module("volume_snapshot", **args)  # the snapshot in Error is taken again
    assert res["changed"] and res["state"] == "BackedUp" and "Error" in " ".join(res.get("warnings", []))
    assert [s["state"] for s in snaps(sim, dc)] == ["BackedUp"]
    module("volume_snapshot", name="s2", volume="data-01")
    sim.sim.job_seconds = 3
    res = module("volume_snapshot", state="absent", name="s2", volume="data-01", api_async_timeout=1)
    assert res.failed and "deleteSnapshot" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=5")
    for i in range(5):
        module("volume_snapshot", name="s%d" % i, volume="data-01")
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for i in range(5):
        assert not module("volume_snapshot", name="s%d" % i, volume="data-01").failed
    assert sorted(s["name"] for s in snaps(sim, dc)) == ["s%d" % i for i in range(5)]
