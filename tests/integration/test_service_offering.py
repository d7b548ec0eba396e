"""service_offering against the simulator (in process): guest and system offerings, custom and constrained ones,
QoS, re-run/check/diff, each updatable option, create-only options warn, absent, bad input, faults."""
import pytest
from tenancy_helpers import check_create_rerun_absent, check_update, runner, until_ok

BASE = {"name": "m1.medium", "cpu_number": 2, "cpu_speed": 2000, "memory": 4096}


@pytest.fixture
def run(sim):
    return runner(sim)


def offerings(sim, **filters):
    return sim.ok("listServiceOfferings", **filters).get("serviceoffering", [])


def medium(sim):
    (off,) = offerings(sim, name="m1.medium")
    return off


def test_lifecycle(run, sim):
    args = dict(BASE, offer_ha=True, limit_cpu_usage=True, host_tags=["general"], storage_tags=["ssd"], network_rate=500,
                disk_bytes_read_rate=1000, disk_bytes_write_rate=2000, disk_iops_read_rate=300, disk_iops_write_rate=400, provisioning_type="fat")
    res = check_create_rerun_absent(run, "service_offering", args, lambda: len(offerings(sim)),
                                    expect_after={"name": "m1.medium", "cpu_number": 2, "memory": 4096})
    assert (res["cpu_number"], res["cpu_speed"], res["memory"]) == (2, 2000, 4096)
    assert res["offer_ha"] is True and res["limit_cpu_usage"] is True and res["host_tags"] == ["general"] and res["storage_tags"] == ["ssd"]
    assert res["network_rate"] == 500 and res["disk_iops_write_rate"] == 400 and res["disk_bytes_read_rate"] == 1000
    assert res["provisioning_type"] == "fat" and res["is_system"] is False


@pytest.mark.parametrize("option,first,second,field", [
    ("display_text", "2 vCPU", "two vCPU", "displaytext"),
    ("host_tags", ["general"], ["general", "gpu"], "hosttags"),
    ("storage_tags", ["ssd"], ["nvme"], "storagetags"),
])
def test_update(run, sim, option, first, second, field):
    check_update(run, "service_offering", BASE, option, first, second, lambda: medium(sim).get(field))


def test_domain_and_zone_scope(run, sim):
    sim.ok("createDomain", name="customers")
    zone = sim.ok("createZone", name="zone1", dns1="8.8.8.8", internaldns1="8.8.8.8", networktype="Basic")["zone"]
    check_update(run, "service_offering", BASE, "domain", "ROOT", "customers", lambda: medium(sim).get("domain"))
    res = run("service_offering", zone="zone1", **BASE)
    assert res["changed"] and medium(sim)["zoneid"] == zone["id"]


def test_create_only_options_warn(run, sim):
    run("service_offering", offer_ha=False, **BASE)
    for option, value in (("cpu_number", 4), ("memory", 8192), ("offer_ha", True), ("disk_iops_read_rate", 10), ("storage_type", "local")):
        res = run("service_offering", **dict(BASE, **{option: value}))
        assert res["changed"] is False and any("%s differs" % option in w for w in res["warnings"]), (option, res["warnings"])
    assert medium(sim)["cpunumber"] == 2


def test_custom_and_constrained(run, sim):
    res = run("service_offering", name="custom", is_customized=True)
    assert res["changed"] and res["is_customized"] is True and "cpu_number" not in res
    bounds = dict(name="flex", min_cpu_number=1, max_cpu_number=8, min_memory=1024, max_memory=16384)
    res = run("service_offering", _diff=True, **bounds)
    assert res["changed"] and res["is_customized"] is True
    assert (res["min_cpu_number"], res["max_cpu_number"], res["min_memory"], res["max_memory"]) == (1, 8, 1024, 16384)
    assert run("service_offering", **bounds)["changed"] is False
    res = run("service_offering", **dict(bounds, max_cpu_number=16))
    assert res["changed"] is False and any("max_cpu_number differs" in w for w in res["warnings"])


def test_system_offerings_are_apart_from_guest_ones(run, sim):
    sysargs = dict(BASE, is_system=True, system_vm_type="domainrouter")
    res = run("service_offering", **sysargs)
    assert res["changed"] and res["is_system"] is True and res["system_vm_type"] == "domainrouter"
    assert offerings(sim, name="m1.medium") == []  # not among the guest offerings
    assert run("service_offering", **sysargs)["changed"] is False
    # a guest offering of the same name is another offering
    assert run("service_offering", **BASE)["changed"]
    assert len(offerings(sim, name="m1.medium", issystem="true")) == 1 and len(offerings(sim, name="m1.medium")) == 1
    assert run("service_offering", name="m1.medium", is_system=True, state="absent")["changed"]
    assert offerings(sim, name="m1.medium", issystem="true") == [] and len(offerings(sim, name="m1.medium")) == 1


def test_details(run, sim):
    res = run("service_offering", service_offering_details=[{"key": "pciDevice", "value": "Group of NVIDIA"}], **BASE)
    assert res["changed"] and medium(sim)["serviceofferingdetails"]["pciDevice"] == "Group of NVIDIA"


@pytest.mark.parametrize("args,message", [
    ({"system_vm_type": "webserver"}, "system_vm_type"),
    ({"provisioning_type": "thick"}, "provisioning_type"),
    ({"memory": 16}, "specify the memory value between 32 and 2147483647 MB"),
    ({"cpu_number": "two"}, "cpu_number"),
    ({"domain": "nowhere"}, "Domain 'nowhere' not found"),
    ({"system_vm_type": "consoleproxy"}, "systemvmtype is only valid for system offerings"),
    ({"is_customized": False, "memory": None}, "Parameters cpunumber, cpuspeed and memory are required"),
    ({"min_cpu_number": 8, "max_cpu_number": 2}, "mincpunumber (8) can't be greater than maxcpunumber (2)"),
])
def test_bad_input(run, sim, args, message):
    n = len(offerings(sim))
    res = run("service_offering", **{k: v for k, v in dict(BASE, **args).items() if v is not None})
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"] and len(offerings(sim)) == n


def test_faults_leave_no_duplicates(make_simserver):
    sim = make_simserver(faults="5xx=0.2,drop=0.2,seed=101")
    run = runner(sim)
    names = ["s%d" % i for i in range(3)]
    for name in names:
        until_ok(run, "service_offering", **dict(BASE, name=name))
    for name in names:
        until_ok(run, "service_offering", **dict(BASE, name=name, host_tags=["h"]))
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    mine = [o for o in offerings(sim) if o["name"] in names]
    assert sorted(o["name"] for o in mine) == names and all(o["hosttags"] == "h" for o in mine)
    assert injected.get("5xx") and injected.get("drop")
