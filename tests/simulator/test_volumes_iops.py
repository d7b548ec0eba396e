"""createVolume/resizeVolume: min/max IOPS are taken with a disk offering of customized IOPS only."""
import pytest


@pytest.fixture
def s(make_simserver):
    return make_simserver(datacenter="sandbox", job_seconds=0.02)


def volume(s, vid):
    return s.ok("listVolumes", id=vid)["volume"][0]


def test_custom_iops_on_create_and_resize(s):
    zone = [z for z in s.ok("listZones")["zone"] if z["networktype"] == "Advanced"][0]
    off = s.ok("createDiskOffering", name="iops", displaytext="iops", disksize=5, customizediops=True)["diskoffering"]
    fixed = [o for o in s.ok("listDiskOfferings")["diskoffering"] if o["name"] == "Small"][0]
    vid = s.wait(s.ok("createVolume", name="v1", zoneid=zone["id"], diskofferingid=off["id"], miniops=100, maxiops=500))["jobresult"]["volume"]["id"]
    assert (volume(s, vid)["miniops"], volume(s, vid)["maxiops"]) == (100, 500)
    job = s.wait(s.ok("resizeVolume", id=vid, miniops=200, maxiops=800))
    assert job["jobstatus"] == 1
    assert (volume(s, vid)["miniops"], volume(s, vid)["maxiops"]) == (200, 800) and int(volume(s, vid)["size"]) == 5 * 1024 ** 3
    status, body = s.call("createVolume", name="v2", zoneid=zone["id"], diskofferingid=off["id"], miniops=900, maxiops=500)
    assert status == 431 and "min IOPS" in str(body)
    # an offering without customized IOPS keeps its own (none here)
    vid2 = s.wait(s.ok("createVolume", name="v3", zoneid=zone["id"], diskofferingid=fixed["id"], miniops=100, maxiops=500))["jobresult"]["volume"]["id"]
    assert "miniops" not in volume(s, vid2) and "maxiops" not in volume(s, vid2)
