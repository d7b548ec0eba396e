"""disk_offering against the simulator (in process): create, re-run/check/diff, each updatable option, create-only
options warn, domain/zone scope, absent, bad input, faults."""
import pytest
from tenancy_helpers import check_create_rerun_absent, check_update, runner, until_ok

BASE = {"name": "ssd-20", "disk_size": 20}


@pytest.fixture
def run(sim):
    return runner(sim)


def offerings(sim, **filters):
    return sim.ok("listDiskOfferings", **filters).get("diskoffering", [])


def ssd(sim):
    (off,) = offerings(sim, name="ssd-20")
    return off


def test_lifecycle(run, sim):
    res = check_create_rerun_absent(run, "disk_offering", dict(BASE, storage_tags=["ssd"], iops_read_rate=500), lambda: len(offerings(sim)),
                                    expect_after={"name": "ssd-20", "disk_size": 20, "display_text": "ssd-20"})
    assert res["disk_size"] == 20 and res["display_text"] == "ssd-20" and res["storage_tags"] == ["ssd"] and res["iops_read_rate"] == 500
    assert res["customized"] is False and res["provisioning_type"] == "thin"


@pytest.mark.parametrize("option,first,second,field", [
    ("display_text", "SSD 20", "SSD twenty", "displaytext"),
    ("storage_tags", ["ssd"], ["ssd", "fast"], "tags"),
    ("display_offering", True, False, "displayoffering"),
    ("bytes_read_rate", 1000, 2000, "diskBytesReadRate"),
    ("bytes_write_rate", 1000, 2000, "diskBytesWriteRate"),
    ("iops_read_rate", 100, 200, "diskIopsReadRate"),
    ("iops_write_rate", 100, 200, "diskIopsWriteRate"),
])
def test_update(run, sim, option, first, second, field):
    check_update(run, "disk_offering", BASE, option, first, second, lambda: ssd(sim).get(field))


def test_domain_and_zone_scope(run, sim):
    sim.ok("createDomain", name="customers")
    zone = sim.ok("createZone", name="zone1", dns1="8.8.8.8", internaldns1="8.8.8.8", networktype="Basic")["zone"]
    check_update(run, "disk_offering", BASE, "domain", "ROOT", "customers", lambda: ssd(sim).get("domain"))
    res = run("disk_offering", zone="zone1", **BASE)
    assert res["changed"] and ssd(sim)["zoneid"] == zone["id"] and res["zone"] == "zone1"


def test_create_only_options_warn(run, sim):
    run("disk_offering", storage_type="shared", **BASE)
    for option, value in (("disk_size", 40), ("storage_type", "local"), ("provisioning_type", "fat"), ("iops_min", 10), ("customized", True)):
        res = run("disk_offering", **dict(BASE, **{option: value}))
        assert res["changed"] is False and any("%s differs" % option in w for w in res["warnings"]), (option, res["warnings"])
    assert ssd(sim)["disksize"] == 20


def test_customized(run, sim):
    res = run("disk_offering", name="custom", customized=True)
    assert res["changed"] and res["customized"] is True
    assert run("disk_offering", name="custom", customized=True)["changed"] is False


@pytest.mark.parametrize("args,message", [
    ({"provisioning_type": "thick"}, "provisioning_type"),
    ({"storage_type": "remote"}, "storage_type"),
    ({"disk_size": "big"}, "disk_size"),
    ({"domain": "nowhere"}, "Domain 'nowhere' not found"),
    ({"zone": "nozone"}, "zone 'nozone' not found (option zone)"),
    ({"disk_size": None}, "Disksize is required for a non-customized disk offering"),
    ({"iops_min": 500, "iops_max": 100}, "The min IOPS must be less than or equal to the max IOPS"),
])
def test_bad_input(run, sim, args, message):
    n = len(offerings(sim))
    res = run("disk_offering", **{k: v for k, v in dict(BASE, **args).items() if v is not None})
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"] and len(offerings(sim)) == n


def test_faults_leave_no_duplicates(make_simserver):
    sim = make_simserver(faults="5xx=0.2,drop=0.2,seed=91")
    run = runner(sim)
    names = ["d%d" % i for i in range(3)]
    for name in names:
        until_ok(run, "disk_offering", name=name, disk_size=10)
    for name in names:
        until_ok(run, "disk_offering", name=name, disk_size=10, storage_tags=["ssd"])
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    mine = [o for o in offerings(sim) if o["name"] in names]
    assert sorted(o["name"] for o in mine) == names and all(o["tags"] == "ssd" for o in mine)
    assert injected.get("5xx") and injected.get("drop")


def test_rename_by_id(run, sim):
    oid = run("disk_offering", **BASE)["id"]
    res = run("disk_offering", id=oid, name="ssd-twenty", disk_size=20)
    assert res["changed"] and [o["name"] for o in offerings(sim, id=oid)] == ["ssd-twenty"]
    assert run("disk_offering", id=oid, name="ssd-twenty", disk_size=20)["changed"] is False
