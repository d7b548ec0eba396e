"""volume_snapshot_policy against the simulator (in process): create, re-run, check mode, --diff, update of schedule,
max_snaps and time zone, intervals side by side, a VM's ROOT volume, absent, bad input, faults."""
import pytest
from guest_helpers import ADV, Dc, sandbox, wait


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    d.vol = sim.ok("createVolume", name="data-1", zoneid=d.adv["id"], diskofferingid=d.disk_small["id"])
    d.vol = d.items("listVolumes", "volume", name="data-1")[0]
    return d


def policies(sim, dc, volid=None):
    return sim.ok("listSnapshotPolicies", volumeid=volid or dc.vol["id"]).get("snapshotpolicy", [])


def test_create_rerun_check_diff_update_absent(module, sim, dc):
    args = dict(volume="data-1", schedule="30:1", max_snaps=7, time_zone="Europe/Zurich")
    res = module("volume_snapshot_policy", _check=True, _diff=True, **args)
    assert res["changed"] and policies(sim, dc) == []
    assert res["diff"] == {"before": {"state": "absent"}, "after": {"interval_type": "daily", "schedule": "30:1", "max_snaps": 7,
                                                                    "time_zone": "Europe/Zurich", "state": "present"}}
    res = module("volume_snapshot_policy", _diff=True, **args)
    (pol,) = policies(sim, dc)
    assert res["changed"] and res["id"] == pol["id"] and res["interval_type"] == "daily" and res["schedule"] == "30:1"
    assert res["max_snaps"] == 7 and res["time_zone"] == "Europe/Zurich" and res["volume"] == "data-1" and res["zone"] == ADV
    res = module("volume_snapshot_policy", _diff=True, **args)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    for option, value, field in (("schedule", "45:3", "schedule"), ("max_snaps", 3, "maxsnaps"), ("time_zone", "UTC", "timezone")):
        args[option] = value
        res = module("volume_snapshot_policy", _check=True, _diff=True, **args)
        assert res["changed"] and res["diff"]["after"][option] == value and str(policies(sim, dc)[0][field]) != str(value)
        res = module("volume_snapshot_policy", **args)
        assert res["changed"] and str(policies(sim, dc)[0][field]) == str(value)
        assert module("volume_snapshot_policy", **args)["changed"] is False
    assert len(policies(sim, dc)) == 1
    # another interval: another policy
    weekly = dict(volume="data-1", interval_type="weekly", schedule="0:2:7", max_snaps=4)
    assert module("volume_snapshot_policy", **weekly)["changed"]
    assert module("volume_snapshot_policy", **weekly)["changed"] is False
    assert len(policies(sim, dc)) == 2
    res = module("volume_snapshot_policy", _check=True, _diff=True, volume="data-1", state="absent")
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(policies(sim, dc)) == 2
    res = module("volume_snapshot_policy", volume="data-1", state="absent")
    assert res.get("changed"), res.get("msg")
    assert [p["intervaltype"] for p in policies(sim, dc)] == [2]
    assert module("volume_snapshot_policy", volume="data-1", state="absent")["changed"] is False


def test_root_volume_of_an_instance(module, sim, dc):
    net = dc.network("net-snap")
    vm = dc.deploy("web-1", networks=[net])
    wait(sim, sim.ok("attachVolume", id=dc.vol["id"], virtualmachineid=vm["id"]))
    root = dc.items("listVolumes", "volume", virtualmachineid=vm["id"], type="ROOT")[0]
    res = module("volume_snapshot_policy", vm="web-1", schedule="10:4")
    assert res.failed and "2 volumes" in res["msg"] and "volume_type" in res["msg"]
    res = module("volume_snapshot_policy", vm="web-1", volume_type="ROOT", interval_type="hourly", schedule="10")
    assert res["changed"] and res["volume"] == root["name"]
    assert [p["intervaltype"] for p in policies(sim, dc, root["id"])] == [0]
    assert module("volume_snapshot_policy", vm="web-1", volume_type="ROOT", interval_type="hourly", schedule="10")["changed"] is False


def test_bad_input(module, sim, dc):
    res = module("volume_snapshot_policy", volume="data-1")
    assert res.failed and "schedule" in res["msg"]
    res = module("volume_snapshot_policy", volume="nope", schedule="1:1")
    assert res.failed and "nope" in res["msg"] and "volume" in res["msg"]
    res = module("volume_snapshot_policy", volume="data-1", schedule="99:1")
    assert res.failed and "99:1" in res["msg"]
    res = module("volume_snapshot_policy", volume="data-1", schedule="1:1", time_zone="Mars/Olympus")
    assert res.failed and "Mars/Olympus" in res["msg"]
    res = module("volume_snapshot_policy", volume="data-1", schedule="1:1", interval_type="yearly")
    assert res.failed and "interval_type" in res["msg"]
    res = module("volume_snapshot_policy", schedule="1:1")
    assert res.failed and "volume" in res["msg"] and "vm" in res["msg"]
    assert policies(sim, dc) == []


def test_faults_leave_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=31")
    for interval, schedule in (("hourly", "5"), ("daily", "5:1"), ("weekly", "5:1:1"), ("monthly", "5:1:1")):
        module("volume_snapshot_policy", volume="data-1", interval_type=interval, schedule=schedule)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for interval, schedule in (("hourly", "5"), ("daily", "5:1"), ("weekly", "5:1:1"), ("monthly", "5:1:1")):
        assert not module("volume_snapshot_policy", volume="data-1", interval_type=interval, schedule=schedule).failed
    assert sorted(p["intervaltype"] for p in policies(sim, dc)) == [0, 1, 2, 3]
