"""Volume snapshots (snapshots family) whose create job fails: the snapshot is left in Error (SnapshotManagerImpl's
OperationFailed), can be deleted, and no volume is made from it."""
import pytest
from workload_helpers import error_of, job_error, job_result, make_dc


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def test_failed_create_job_leaves_error(dc):
    vm = dc.deploy()
    root = dc.s.ok("listVolumes", virtualmachineid=vm["id"])["volume"][0]
    dc.s.sim.faults.set("jobfail=1.0,seed=1,only=createSnapshot")
    job_error(dc.s, "createSnapshot", volumeid=root["id"], name="broken")
    dc.s.sim.faults.set("")
    (snap,) = dc.s.ok("listSnapshots", volumeid=root["id"])["snapshot"]
    assert snap["state"] == "Error" and snap["name"] == "broken"
    status, text = error_of(dc.s, "revertSnapshot", id=snap["id"])
    assert status == 431 and "BackedUp" in text
    status, text = error_of(dc.s, "createVolume", name="from-broken", zoneid=dc.adv["id"], snapshotid=snap["id"])
    assert (status, text) == (431, f"Snapshot id={snap['id']} is not in BackedUp state yet and can't be used for volume creation")
    assert dc.s.ok("listVolumes", name="from-broken") == {}
    job_result(dc.s, "deleteSnapshot", id=snap["id"])
    assert dc.s.ok("listSnapshots", volumeid=root["id"]) == {}
    good = job_result(dc.s, "createSnapshot", volumeid=root["id"], name="good")["snapshot"]
    assert good["state"] == "BackedUp"
