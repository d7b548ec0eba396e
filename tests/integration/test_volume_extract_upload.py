"""volume state=extracted (extractVolume) and state=uploaded (uploadVolume) against the simulator (in process): check
mode, run, re-run, --diff, bad input, a failed job, a job past api_async_timeout, faults."""
import time

import pytest
from guest_helpers import ADV, Dc, sandbox, wait

URL = "http://images.example.com/disk.qcow2"


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    return Dc(sim)


def vols(sim, name):
    return [v for v in sim.ok("listVolumes", name=name, listall=True).get("volume", []) if v["name"] == name]


def on_pool(sim, dc, name="data-x"):
    """A detached DATA volume on primary storage (attached once, then detached): one CloudStack can extract."""
    vm = dc.deploy(name="vm-" + name)
    vol = wait(sim, sim.ok("createVolume", name=name, zoneid=dc.adv["id"], diskofferingid=dc.disk_small["id"]))["volume"]
    wait(sim, sim.ok("attachVolume", id=vol["id"], virtualmachineid=vm["id"]))
    wait(sim, sim.ok("detachVolume", id=vol["id"]))
    return vol


def test_extracted_check_mode_run_rerun_diff(module, sim, dc):
    vol = on_pool(sim, dc)
    args = {"name": "data-x", "zone": ADV, "state": "extracted"}
    res = module("volume", _check=True, _diff=True, **args)
    assert res["changed"] and not res.failed and res["id"] == vol["id"] and res["state"] == "Ready" and "url" not in res
    assert res["diff"] == {"before": {"state": "Ready"}, "after": {"state": "extracted", "mode": "http_download"}}
    res = module("volume", _diff=True, **args)
    assert res["changed"] and res["state"] == "DOWNLOAD_URL_CREATED" and res["mode"] == "HTTP_DOWNLOAD"
    assert res["url"].startswith("http://") and res["url"].endswith(".qcow2") and res["zone"] == ADV and res["name"] == "data-x"
    assert res["diff"]["after"]["url"] == res["url"]
    # CloudStack answers the URL it made: a re-run gets the same one (reported as a change, as ngine_io: nothing lists it)
    again = module("volume", **args)
    assert again["url"] == res["url"] and again["changed"]
    assert vols(sim, "data-x")[0]["state"] == "Ready"  # the volume itself is unchanged


def test_extracted_refusals(module, sim, dc):
    res = module("volume", name="nope", zone=ADV, state="extracted")
    assert res.failed and res["msg"] == "Failed: volume not found" and vols(sim, "nope") == []
    # never attached: not on primary storage yet, CloudStack refuses (431, its text)
    wait(sim, sim.ok("createVolume", name="fresh", zoneid=dc.adv["id"], diskofferingid=dc.disk_small["id"]))
    res = module("volume", name="fresh", zone=ADV, state="extracted")
    assert res.failed and "extractVolume" in res["msg"] and "doesn't belong to a storage pool" in res["msg"]
    on_pool(sim, dc, "data-y")
    res = module("volume", name="data-y", zone=ADV, state="extracted", mode="ftp_upload")
    assert res.failed and "mode=ftp_upload needs url" in res["msg"] and "None" in res["msg"]
    res = module("volume", name="data-y", zone=ADV, state="extracted", mode="ftp_upload", url="http://x.example.com/a")
    assert res.failed and "'http://x.example.com/a'" in res["msg"]
    res = module("volume", name="data-y", zone=ADV, state="extracted", mode="scp")
    assert res.failed and "mode" in res["msg"] and "scp" in res["msg"]
    res = module("volume", name="data-y", zone=ADV, state="extracted", mode="ftp_upload", url="ftp://ftp.example.com/in/d.qcow2")
    assert res["changed"] and res["mode"] == "FTP_UPLOAD" and res["url"] == "ftp://ftp.example.com/in/d.qcow2" and res["state"] == "UPLOADED"


def test_extracted_failed_job_timeout_faults(module, sim, dc):
    on_pool(sim, dc)
    args = {"name": "data-x", "zone": ADV, "state": "extracted"}
    sim.sim.faults.set("jobfail=1.0,only=extractVolume")
    res = module("volume", **args)
    assert res.failed and "extractVolume" in res["msg"] and res["cloudstack_errorcode"] == 530
    sim.sim.faults.set("")
    sim.sim.job_seconds = 3
    res = module("volume", api_async_timeout=1, **args)
    assert res.failed and "extractVolume" in res["msg"] and "api_async_timeout" in res["msg"]
    sim.sim.job_seconds = 0.02
    sim.sim.faults.set("5xx=0.3,drop=0.3,seed=5,only=extractVolume")
    urls = set()
    for _ in range(4):
        res = module("volume", **args)
        if not res.failed:
            urls.add(res["url"])
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    urls.add(module("volume", **args)["url"])
    assert injected > 0 and len(urls) == 1  # resent after a lost reply: CloudStack answers the one URL


def test_uploaded_check_mode_run_rerun_diff(module, sim, dc):
    sim.sim.download_seconds = 0.3
    args = {"name": "up-1", "zone": ADV, "state": "uploaded", "url": URL, "format": "QCOW2", "checksum": "0b31bc"}
    res = module("volume", _check=True, _diff=True, **args)
    assert res["changed"] and vols(sim, "up-1") == [] and "id" not in res
    assert res["diff"]["before"] == {"state": "absent"} and res["diff"]["after"]["state"] == "uploaded"
    res = module("volume", _diff=True, **args)
    (v,) = vols(sim, "up-1")
    assert res["changed"] and res["id"] == v["id"] and res["state"] == "UploadOp" and res["status"] == "0% Uploaded"
    assert res["format"] == "QCOW2" and res["type"] == "DATADISK" and res["disk_offering"] == "Custom"
    res = module("volume", _diff=True, **args)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    deadline = time.monotonic() + 5
    while vols(sim, "up-1")[0]["state"] != "Uploaded":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    res = module("volume", **args)
    assert res["changed"] is False and res["state"] == "Uploaded" and res["status"] == "Upload Complete"
    # then attached like any volume: CloudStack moves it to primary storage
    dc.deploy(name="upvm")
    res = module("volume", name="up-1", zone=ADV, vm="upvm", state="attached")
    assert res["changed"] and res["state"] == "Ready" and res["vm"] == "upvm"


def test_uploaded_with_a_custom_offering_and_bad_input(module, sim, dc):
    res = module("volume", name="up-2", zone=ADV, state="uploaded", url=URL)
    assert res.failed and "state is uploaded but all of the following are missing: format" in res["msg"]
    res = module("volume", name="up-2", zone=ADV, state="uploaded", url=URL, format="EXE")
    assert res.failed and "format" in res["msg"] and "EXE" in res["msg"]
    res = module("volume", name="up-2", zone=ADV, state="uploaded", url="ftp://images.example.com/d.qcow2", format="QCOW2")
    assert res.failed and "uploadVolume" in res["msg"] and "Unsupported scheme for url: ftp://images.example.com/d.qcow2" in res["msg"]
    res = module("volume", name="up-2", zone=ADV, state="uploaded", url=URL, format="QCOW2", disk_offering="Small")
    assert res.failed and "Please specify a custom sized disk offering." in res["msg"]
    res = module("volume", name="up-2", zone=ADV, state="uploaded", url=URL, format="QCOW2", disk_offering="No such")
    assert res.failed and "disk_offering" in res["msg"] and "No such" in res["msg"]
    assert vols(sim, "up-2") == []
    res = module("volume", name="up-2", zone=ADV, state="uploaded", url=URL, format="QCOW2", disk_offering="Custom")
    assert res["changed"] and res["disk_offering"] == "Custom"


def test_uploaded_failed_job_timeout_faults(module, sim, dc):
    args = {"zone": ADV, "state": "uploaded", "url": URL, "format": "QCOW2"}
    sim.sim.faults.set("jobfail=1.0,only=uploadVolume")
    res = module("volume", name="up-3", **args)
    assert res.failed and "uploadVolume" in res["msg"] and res["cloudstack_errorcode"] == 530
    sim.sim.faults.set("")
    sim.sim.job_seconds = 3
    res = module("volume", name="up-4", api_async_timeout=1, **args)
    assert res.failed and "uploadVolume" in res["msg"] and "api_async_timeout" in res["msg"]
    sim.sim.job_seconds = 0.02
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=9,only=uploadVolume|listVolumes")
    for i in range(5):
        module("volume", name="up-f%d" % i, **args)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for i in range(5):
        assert not module("volume", name="up-f%d" % i, **args).failed
        assert len(vols(sim, "up-f%d" % i)) == 1
