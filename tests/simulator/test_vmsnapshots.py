"""VM snapshots (the vmsnapshots family): createVMSnapshot / listVMSnapshot / revertToVMSnapshot / deleteVMSnapshot as
4.18's VMSnapshotManagerImpl: states, types, names unique per VM, memory only of a running VM, revert rules, the
current/parent chain, a failed job, cleanup with the VM."""
import pytest
from workload_helpers import error_of, job_error, job_result, make_dc


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


@pytest.fixture
def slow_dc(make_simserver):
    """Jobs of 0.5 s: a test that reads a state between the call and the job's end must not race a busy machine."""
    return make_dc(make_simserver, job_seconds=0.5)


def snaps(dc, **params):
    return dc.s.ok("listVMSnapshot", **params).get("vmSnapshot", [])


def stop(dc, vm):
    job_result(dc.s, "stopVirtualMachine", id=vm["id"])


def test_commands_are_served(dc):
    served = {a["name"] for a in dc.s.ok("listApis")["api"]}
    assert {"createVMSnapshot", "deleteVMSnapshot", "listVMSnapshot", "revertToVMSnapshot"} <= served


def test_create_list_names_types_and_chain(slow_dc):
    dc = slow_dc
    vm = dc.deploy(name="web-01")
    reply = dc.s.ok("createVMSnapshot", virtualmachineid=vm["id"], name="before", description="pre-upgrade", snapshotmemory="true")
    assert reply["id"] and reply["jobid"]  # BaseAsyncCreateCmd: the id beside the job id
    (pending,) = snaps(dc, virtualmachineid=vm["id"])
    assert pending["state"] == "Allocated" and pending["id"] == reply["id"]
    first = dc.s.wait(reply)["jobresult"]["vmsnapshot"]
    assert (first["displayname"], first["state"], first["type"], first["current"]) == ("before", "Ready", "DiskAndMemory", True)
    assert first["name"].startswith(vm["instancename"] + "_VS_") and len(first["name"].rsplit("_", 1)[1]) == 14
    assert first["virtualmachinename"] == "web-01" and first["description"] == "pre-upgrade" and "parent" not in first
    assert first["account"] == "admin" and first["zonename"] == vm["zonename"] and first["hypervisor"] == vm["hypervisor"]
    second = job_result(dc.s, "createVMSnapshot", virtualmachineid=vm["id"])["vmsnapshot"]
    assert second["displayname"] == second["name"] and second["type"] == "Disk"  # the default display name is the name
    assert second["parent"] == first["id"] and second["parentName"] == "before" and second["current"] is True
    assert [s["current"] for s in snaps(dc, virtualmachineid=vm["id"])] == [False, True]
    (found,) = snaps(dc, name="BEFORE", virtualmachineid=vm["id"])  # name filters the display name
    assert found["id"] == first["id"]
    assert [s["id"] for s in snaps(dc, vmsnapshotid=second["id"])] == [second["id"]]
    assert [s["id"] for s in snaps(dc, keyword="pre-up")] == [first["id"]]
    status, text = error_of(dc.s, "createVMSnapshot", virtualmachineid=vm["id"], name="before")
    assert (status, text) == (431, "Creating VM snapshot failed due to VM snapshot with namebefore  already exists")
    other = dc.deploy(name="web-02")
    assert job_result(dc.s, "createVMSnapshot", virtualmachineid=other["id"], name="before")["vmsnapshot"]["displayname"] == "before"


def test_create_refusals(dc):
    vm = dc.deploy(name="web-01")
    status, text = error_of(dc.s, "createVMSnapshot", virtualmachineid="00000000-0000-0000-0000-000000000000")
    assert status == 431 and text == "Creating VM snapshot failed due to VM:00000000-0000-0000-0000-000000000000 is a system VM or does not exist"
    stop(dc, vm)
    status, text = error_of(dc.s, "createVMSnapshot", virtualmachineid=vm["id"], snapshotmemory="true")
    assert (status, text) == (431, "Can not snapshot memory when VM is not in Running state")
    status, text = error_of(dc.s, "createVMSnapshot", virtualmachineid=vm["id"], name="x" * 256)
    assert status == 431 and "should not exceed 255" in text
    dc.s.ok("updateConfiguration", name="vmsnapshot.max", value="1")
    job_result(dc.s, "createVMSnapshot", virtualmachineid=vm["id"], name="one")
    status, text = error_of(dc.s, "createVMSnapshot", virtualmachineid=vm["id"], name="two")
    assert status == 530 and text == "Creating vm snapshot failed due to a VM can just have : 1 VM snapshots. Please delete old ones"
    assert [s["displayname"] for s in snaps(dc, virtualmachineid=vm["id"])] == ["one"]


def test_revert_rules(slow_dc):
    dc = slow_dc
    vm = dc.deploy(name="web-01")
    disk = job_result(dc.s, "createVMSnapshot", virtualmachineid=vm["id"], name="disk")["vmsnapshot"]
    mem = job_result(dc.s, "createVMSnapshot", virtualmachineid=vm["id"], name="mem", snapshotmemory="true")["vmsnapshot"]
    status, text = error_of(dc.s, "revertToVMSnapshot", vmsnapshotid=disk["id"])
    assert status == 431 and text.startswith("Reverting to the VM Snapshot is not allowed for running VMs")
    back = job_result(dc.s, "revertToVMSnapshot", vmsnapshotid=mem["id"])["virtualmachine"]
    assert back["id"] == vm["id"] and back["state"] == "Running"
    stop(dc, vm)
    status, text = error_of(dc.s, "revertToVMSnapshot", vmsnapshotid=mem["id"])
    assert status == 431 and text.startswith("Reverting to the VM Snapshot is not allowed for stopped VMs")
    reply = dc.s.ok("revertToVMSnapshot", vmsnapshotid=disk["id"])
    assert snaps(dc, vmsnapshotid=disk["id"])[0]["state"] == "Reverting"
    status, text = error_of(dc.s, "deleteVMSnapshot", vmsnapshotid=mem["id"])
    assert (status, text) == (431, "There is other active vm snapshot tasks on the instance, please try again later")
    dc.s.wait(reply)
    cur = {s["displayname"]: s for s in snaps(dc, virtualmachineid=vm["id"])}
    assert cur["disk"]["current"] is True and cur["mem"]["current"] is False and cur["disk"]["state"] == "Ready"


def test_delete_moves_children_and_current(dc):
    vm = dc.deploy(name="web-01")
    a = job_result(dc.s, "createVMSnapshot", virtualmachineid=vm["id"], name="a")["vmsnapshot"]
    b = job_result(dc.s, "createVMSnapshot", virtualmachineid=vm["id"], name="b")["vmsnapshot"]
    c = job_result(dc.s, "createVMSnapshot", virtualmachineid=vm["id"], name="c")["vmsnapshot"]
    job_result(dc.s, "deleteVMSnapshot", vmsnapshotid=b["id"])
    cur = {s["displayname"]: s for s in snaps(dc, virtualmachineid=vm["id"])}
    assert set(cur) == {"a", "c"} and cur["c"]["parent"] == a["id"] and cur["c"]["current"] is True
    job_result(dc.s, "deleteVMSnapshot", vmsnapshotid=c["id"])
    (only,) = snaps(dc, virtualmachineid=vm["id"])
    assert only["id"] == a["id"] and only["current"] is True
    status, text = error_of(dc.s, "deleteVMSnapshot", vmsnapshotid=c["id"])
    assert status == 431 and "vmsnapshotid" in text


def test_failed_job_leaves_error_and_delete_cleans(dc):
    vm = dc.deploy(name="web-01")
    dc.s.sim.faults.set("jobfail=1.0,seed=1,only=createVMSnapshot")
    job = job_error(dc.s, "createVMSnapshot", virtualmachineid=vm["id"], name="broken")
    dc.s.sim.faults.set("")
    assert job["jobresult"]["errorcode"] == 530
    (broken,) = snaps(dc, virtualmachineid=vm["id"])
    assert broken["state"] == "Error"
    assert snaps(dc, virtualmachineid=vm["id"], state="Ready") == []
    job_result(dc.s, "deleteVMSnapshot", vmsnapshotid=broken["id"])
    assert snaps(dc, virtualmachineid=vm["id"]) == []


def test_snapshots_go_with_the_vm_and_access(dc):
    from workload_helpers import As, keys_for, new_account

    vm = dc.deploy(name="web-01")
    snap = job_result(dc.s, "createVMSnapshot", virtualmachineid=vm["id"], name="s1")["vmsnapshot"]
    user = As(dc.s, keys_for(dc.s, new_account(dc.s, "alice")))
    status, body = user.call("deleteVMSnapshot", vmsnapshotid=snap["id"])
    assert status == 531
    assert user.ok("listVMSnapshot") == {}
    job_result(dc.s, "destroyVirtualMachine", id=vm["id"], expunge="true")
    assert snaps(dc, listall="true") == []
