"""uploadVolume (UploadOp -> Uploaded, attach moves it to primary storage) and the extract URLs made once per object
and zone (extractTemplate / extractIso / extractVolume answer the existing one again, as CloudStack does)."""
import time

import pytest
from workload_helpers import error_of, job_error, job_result, make_dc

URL = "http://images.example.com/disk.qcow2"


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def state_of(dc, volid):
    return dc.s.ok("listVolumes", id=volid)["volume"][0]


def wait_state(dc, volid, state, timeout=5):
    deadline = time.time() + timeout
    while time.time() < deadline:
        vol = state_of(dc, volid)
        if vol["state"] == state:
            return vol
        time.sleep(0.02)
    raise AssertionError("volume %s never became %s (%s)" % (volid, state, vol["state"]))


def test_upload_goes_uploadop_then_uploaded_and_ready_when_attached(dc):
    dc.s.sim.download_seconds = 0.3
    vol = job_result(dc.s, "uploadVolume", name="up1", zoneid=dc.adv["id"], url=URL, format="qcow2", checksum="abc")["volume"]
    assert (vol["state"], vol["status"], vol["type"], vol["format"]) == ("UploadOp", "0% Uploaded", "DATADISK", "QCOW2")
    assert "storageid" not in vol and vol["name"] == "up1" and vol["diskofferingname"] == "Custom" and vol["account"] == "admin"
    # still uploading: cannot be deleted nor attached
    status, text = error_of(dc.s, "deleteVolume", id=vol["id"])
    assert (status, text) == (431, "Please specify a volume that is not uploading")
    vm = dc.deploy(name="upvm")
    status, text = error_of(dc.s, "attachVolume", id=vol["id"], virtualmachineid=vm["id"])
    assert (status, text) == (431, "Volume state must be in Allocated, Ready or in Uploaded state")
    done = wait_state(dc, vol["id"], "Uploaded")
    assert done["status"] == "Upload Complete" and done["size"] == 2 * 1024 ** 3
    att = job_result(dc.s, "attachVolume", id=vol["id"], virtualmachineid=vm["id"])["volume"]
    assert att["state"] == "Ready" and att["storageid"] and att["virtualmachineid"] == vm["id"]


def test_upload_refusals(dc):
    zone = dc.adv["id"]
    for params, message in [
        ({"url": "file:///tmp/x.qcow2"}, "File:// type urls are currently unsupported"),
        ({"url": "ftp://images.example.com/x.qcow2"}, "Unsupported scheme for url: ftp://images.example.com/x.qcow2"),
        ({"format": "EXE"}, "Image format: EXE is incorrect. Supported formats are QCOW2, RAW, VHD, VHDX, OVA, ISO, BAREMETAL, VMDK, TAR, ZIP, DIR"),
        ({"diskofferingid": dc.disk_small["id"]}, "Please specify a custom sized disk offering."),
    ]:
        args = dict(name="bad", zoneid=zone, url=URL, format="QCOW2")
        args.update(params)
        assert error_of(dc.s, "uploadVolume", **args) == (431, message)
    status, text = error_of(dc.s, "uploadVolume", name="bad", zoneid=zone, url=URL)
    assert status == 431 and "format" in text
    assert [v for v in dc.s.ok("listVolumes", listall=True).get("volume", []) if v["name"] == "bad"] == []


def test_a_failed_upload_job(make_simserver):
    dc = make_dc(make_simserver, faults="jobfail=1.0,only=uploadVolume")
    job = job_error(dc.s, "uploadVolume", name="up2", zoneid=dc.adv["id"], url=URL, format="QCOW2")
    assert job["jobresult"]["errorcode"] == 530


def test_extract_urls_are_made_once_per_object_and_zone(dc):
    vm = dc.deploy(name="exvm")
    job_result(dc.s, "stopVirtualMachine", id=vm["id"])
    root = dc.s.ok("listVolumes", virtualmachineid=vm["id"], type="ROOT")["volume"][0]
    first = job_result(dc.s, "extractVolume", id=root["id"], zoneid=dc.adv["id"], mode="HTTP_DOWNLOAD")["volume"]["url"]
    again = job_result(dc.s, "extractVolume", id=root["id"], zoneid=dc.adv["id"], mode="HTTP_DOWNLOAD")["volume"]["url"]
    assert first == again and first.startswith("http://")
    tmpl = dc.s.ok("registerTemplate", name="ext9", displaytext="ext9", url=URL, format="QCOW2", hypervisor="Simulator",
                   ostypeid=dc.template["ostypeid"], zoneid=dc.adv["id"], isextractable="true")["template"][0]
    dc.s.sim.download_seconds = 0
    deadline = time.time() + 5
    while not dc.s.ok("listTemplates", templatefilter="self", id=tmpl["id"])["template"][0]["isready"] and time.time() < deadline:
        time.sleep(0.02)
    urls = {job_result(dc.s, "extractTemplate", id=tmpl["id"], mode="HTTP_DOWNLOAD", zoneid=dc.adv["id"])["template"]["url"] for _ in range(2)}
    assert len(urls) == 1 and urls.pop().endswith(".qcow2")
