"""Volumes (ROOT and DATA on primary storage, their states, pool accounting) and snapshot policies."""
import pytest
from workload_helpers import error_of, job_error, job_result, make_dc


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


GIB = 1024 ** 3


def pool_allocated(dc, poolid):
    return dc.s.ok("listStoragePools", id=poolid)["storagepool"][0]["disksizeallocated"]


def test_root_size_from_template_or_rootdisksize_and_data_disk_at_deploy(dc):
    vm = dc.deploy(rootdisksize=10, diskofferingid=dc.disk_small["id"])
    vols = dc.s.ok("listVolumes", virtualmachineid=vm["id"])["volume"]
    assert [(v["type"], v["size"], v["deviceid"], v["state"]) for v in vols] == [("ROOT", 10 * GIB, 0, "Ready"), ("DATADISK", 5 * GIB, 1, "Ready")]
    assert vols[0]["name"] == "ROOT-" + vm["instancename"].split("-")[2]
    assert vols[0]["vmname"] == vm["name"] and vols[0]["vmstate"] == "Running" and vols[0]["templateid"] == dc.template["id"]
    status, text = error_of(dc.s, "deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=dc.template["id"],
                            rootdisksize=1)
    assert status == 431 and "smaller than the template size" in text


def test_create_attach_detach_resize_delete(dc):
    vm = dc.deploy()
    root = dc.s.ok("listVolumes", virtualmachineid=vm["id"])["volume"][0]
    before = pool_allocated(dc, root["storageid"])
    vol = job_result(dc.s, "createVolume", name="data1", zoneid=dc.adv["id"], diskofferingid=dc.disk_custom["id"], size=20)["volume"]
    assert (vol["state"], vol["size"], vol["type"]) == ("Allocated", 20 * GIB, "DATADISK") and "storageid" not in vol
    att = job_result(dc.s, "attachVolume", id=vol["id"], virtualmachineid=vm["id"])["volume"]
    assert att["state"] == "Ready" and att["virtualmachineid"] == vm["id"] and att["deviceid"] == 1
    assert sum(pool_allocated(dc, p["id"]) for p in dc.s.ok("listStoragePools", zoneid=dc.adv["id"])["storagepool"]) >= before + 20 * GIB
    status, text = error_of(dc.s, "deleteVolume", id=vol["id"])
    assert (status, text) == (431, "Please specify a volume that is not attached to any VM.")
    status, text = error_of(dc.s, "attachVolume", id=vol["id"], virtualmachineid=vm["id"])
    assert status == 431 and "not attached to any VM" in text
    status, text = error_of(dc.s, "detachVolume", id=root["id"])
    assert (status, text) == (431, "Please specify a data volume.")
    status, text = error_of(dc.s, "resizeVolume", id=vol["id"], size=10)
    assert status == 431 and "shrinkok" in text
    grown = job_result(dc.s, "resizeVolume", id=vol["id"], size=30)["volume"]
    assert grown["size"] == 30 * GIB
    det = job_result(dc.s, "detachVolume", id=vol["id"])["volume"]
    assert "virtualmachineid" not in det and det["state"] == "Ready"
    pool = det["storageid"]
    used = pool_allocated(dc, pool)
    dc.s.ok("deleteVolume", id=vol["id"])
    assert dc.s.ok("listVolumes", id=vol["id"]) == {}
    assert pool_allocated(dc, pool) == used - 30 * GIB


def test_volume_bad_input(dc):
    status, text = error_of(dc.s, "createVolume", name="x", zoneid=dc.adv["id"])
    assert (status, text) == (431, "Either disk Offering Id or snapshot Id must be passed whilst creating volume")
    status, text = error_of(dc.s, "createVolume", name="x", zoneid=dc.adv["id"], diskofferingid=dc.disk_custom["id"])
    assert (status, text) == (431, "This disk offering requires a custom size specified")
    status, text = error_of(dc.s, "createVolume", name="x", zoneid=dc.adv["id"], diskofferingid=dc.disk_small["id"], size=7)
    assert (status, text) == (431, "This disk offering does not allow custom size")


def test_seven_data_disks_do_not_fit(dc):
    vm = dc.deploy()
    for i in range(6):
        vol = job_result(dc.s, "createVolume", name=f"d{i}", zoneid=dc.adv["id"], diskofferingid=dc.disk_small["id"])["volume"]
        att = job_result(dc.s, "attachVolume", id=vol["id"], virtualmachineid=vm["id"])["volume"]
        assert att["deviceid"] != 3  # device 3 is the CD-ROM
    vol = job_result(dc.s, "createVolume", name="d7", zoneid=dc.adv["id"], diskofferingid=dc.disk_small["id"])["volume"]
    job = job_error(dc.s, "attachVolume", id=vol["id"], virtualmachineid=vm["id"])
    assert "maximum number of data disks (6)" in job["jobresult"]["errortext"]


def test_create_volume_attached_to_a_stopped_vm_and_listed_by_filters(dc):
    vm = dc.deploy(startvm="false")
    vol = job_result(dc.s, "createVolume", name="late", zoneid=dc.adv["id"], diskofferingid=dc.disk_small["id"], virtualmachineid=vm["id"])["volume"]
    assert vol["virtualmachineid"] == vm["id"] and vol["state"] == "Allocated"  # the VM never ran: nothing is on a pool yet
    job_result(dc.s, "startVirtualMachine", id=vm["id"])
    vols = dc.s.ok("listVolumes", virtualmachineid=vm["id"])["volume"]
    assert all(v["state"] == "Ready" and v["storageid"] for v in vols)
    assert [v["name"] for v in dc.s.ok("listVolumes", type="DATADISK")["volume"]] == ["late"]
    assert dc.s.ok("listVolumes", name="late")["count"] == 1
    assert dc.s.ok("listVolumes", keyword="lat")["count"] == 1


def test_snapshot_policies(dc):
    vm = dc.deploy()
    root = dc.s.ok("listVolumes", virtualmachineid=vm["id"])["volume"][0]
    pol = dc.s.ok("createSnapshotPolicy", volumeid=root["id"], intervaltype="daily", schedule="30:2", maxsnaps=3, timezone="Europe/Paris")["snapshotpolicy"]
    assert (pol["intervaltype"], pol["schedule"], pol["maxsnaps"], pol["volumeid"]) == (1, "30:2", 3, root["id"])
    again = dc.s.ok("createSnapshotPolicy", volumeid=root["id"], intervaltype="DAILY", schedule="0:4", maxsnaps=5, timezone="UTC")["snapshotpolicy"]
    assert again["id"] == pol["id"] and again["maxsnaps"] == 5  # one policy per volume and interval type
    dc.s.ok("createSnapshotPolicy", volumeid=root["id"], intervaltype="WEEKLY", schedule="0:4:1", maxsnaps=2, timezone="UTC")
    assert dc.s.ok("listSnapshotPolicies", volumeid=root["id"])["count"] == 2
    upd = job_result(dc.s, "updateSnapshotPolicy", id=pol["id"], fordisplay="false")["snapshotpolicy"]
    assert upd["fordisplay"] is False
    for bad, text in (({"intervaltype": "yearly"}, "Unsupported interval type yearly"),
                      ({"schedule": "99"}, "Invalid schedule: 99 for interval type: DAILY"),
                      ({"timezone": "Mars/Olympus"}, "Invalid timezone: Mars/Olympus")):
        params = {"volumeid": root["id"], "intervaltype": "daily", "schedule": "30:2", "maxsnaps": 3, "timezone": "UTC", **bad}
        assert error_of(dc.s, "createSnapshotPolicy", **params) == (431, text)
    dc.s.ok("deleteSnapshotPolicies", ids=pol["id"])
    assert dc.s.ok("listSnapshotPolicies", volumeid=root["id"])["count"] == 1
