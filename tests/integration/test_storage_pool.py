"""storage_pool against the simulator (in process): cluster- and zone-wide pools, re-run, check mode,
--diff, tags and capacity updates, allocation states with maintenance, absent (maintenance first), bad
input, failed and slow async jobs, faults."""
import pytest
from infra_helpers import fault_times, listed, make_tree, writes

BASE = {"name": "ps1", "zone": "zone1", "pod": "pod1", "cluster": "cluster1", "storage_url": "nfs://10.40.0.10/export/ps1"}
ZONE_WIDE = {"name": "zps1", "zone": "zone1", "storage_url": "nfs://10.40.0.10/export/zps1", "scope": "zone", "hypervisor": "Simulator"}


@pytest.fixture
def tree(sim):
    return make_tree(sim)


def pools(sim, **filters):
    return listed(sim, "listStoragePools", "storagepool", **filters)


def test_create_check_mode_then_create_then_rerun(module, sim, tree):
    res = module("storage_pool", _check=True, _diff=True, **BASE)
    assert res["changed"] and not res.failed and "id" not in res and pools(sim) == []
    assert res["diff"]["before"] == {"state": "absent"} and res["diff"]["after"]["name"] == "ps1"

    res = module("storage_pool", _diff=True, storage_tags=["ssd"], **BASE)
    assert res["changed"] and not res.failed, res.get("msg")
    (pool,) = pools(sim)
    assert res["id"] == pool["id"] and res["name"] == "ps1" and res["zone"] == "zone1" and res["pod"] == "pod1" and res["cluster"] == "cluster1"
    assert res["scope"] == "cluster" and pool["scope"] == "CLUSTER" and res["state"] == "Up" and res["allocation_state"] == "enabled"
    assert res["storage_tags"] == ["ssd"] and res["path"] == "/export/ps1" and res["type"] == "NetworkFilesystem"
    assert res["storage_url"] == "NetworkFilesystem://10.40.0.10//export/ps1" and res["disk_size_total"] == 1099511627776

    res = module("storage_pool", _diff=True, storage_tags=["ssd"], **BASE)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    # found with only name and zone; the URL is only used at creation
    assert module("storage_pool", name="ps1", zone="zone1")["changed"] is False
    assert module("storage_pool", **dict(BASE, storage_url="nfs://elsewhere/x"))["changed"] is False
    assert len(pools(sim)) == 1 and writes(sim)["createStoragePool"] == 1


def test_zone_wide_pool(module, sim, tree):
    res = module("storage_pool", **ZONE_WIDE)
    assert res["changed"] and res["scope"] == "zone" and res["hypervisor"] == "Simulator" and "cluster" not in res
    assert pools(sim)[0]["scope"] == "ZONE"
    assert module("storage_pool", **ZONE_WIDE)["changed"] is False
    # scope defaults to zone without a cluster
    res = module("storage_pool", name="zps2", zone="zone1", storage_url="nfs://10.40.0.10/export/zps2", hypervisor="Simulator")
    assert res["changed"] and res["scope"] == "zone"


UPDATES = [
    ("storage_tags", ["ssd"], ["hdd", "slow"], "tags", "hdd,slow"),
    ("capacity_bytes", 2199023255552, 3298534883328, "disksizetotal", 3298534883328),
    ("capacity_iops", 1000, 2000, "capacityiops", 2000),
]


@pytest.mark.parametrize("option,first,second,field,api_value", UPDATES, ids=[u[0] for u in UPDATES])
def test_update_each_updatable_option(module, sim, tree, option, first, second, field, api_value):
    assert module("storage_pool", **dict(BASE, **{option: first}))["changed"]
    res = module("storage_pool", _check=True, _diff=True, **dict(BASE, **{option: second}))
    assert res["changed"] and res["diff"]["after"][option] == second
    assert pools(sim)[0][field] != api_value
    res = module("storage_pool", **dict(BASE, **{option: second}))
    assert res["changed"] and not res.failed and pools(sim)[0][field] == api_value
    assert module("storage_pool", **dict(BASE, **{option: second}))["changed"] is False


def test_remove_every_tag(module, sim, tree):
    module("storage_pool", storage_tags=["a", "b"], **BASE)
    res = module("storage_pool", name="ps1", zone="zone1", storage_tag=[])
    assert res["changed"] and res["storage_tags"] == [] and "tags" not in pools(sim)[0]
    assert module("storage_pool", name="ps1", zone="zone1", storage_tags=[])["changed"] is False


def test_allocation_states_and_maintenance(module, sim, tree):
    module("storage_pool", **BASE)
    name = {"name": "ps1", "zone": "zone1"}
    res = module("storage_pool", _diff=True, allocation_state="disabled", **name)
    assert res["changed"] and res["allocation_state"] == "disabled" and pools(sim)[0]["state"] == "Disabled"
    assert res["diff"]["before"]["allocation_state"] == "enabled" and res["diff"]["after"]["allocation_state"] == "disabled"
    assert module("storage_pool", allocation_state="disabled", **name)["changed"] is False
    res = module("storage_pool", _check=True, _diff=True, allocation_state="maintenance", **name)
    # check mode returns the pool as it is (diff.after has the change)
    assert res["changed"] and res["allocation_state"] == "disabled" and pools(sim)[0]["state"] == "Disabled"
    assert res["diff"]["after"]["allocation_state"] == "maintenance"
    res = module("storage_pool", allocation_state="maintenance", **name)
    assert res["changed"] and res["allocation_state"] == "maintenance" and res["state"] == "Maintenance"
    assert pools(sim)[0]["state"] == "Maintenance"
    assert module("storage_pool", allocation_state="maintenance", **name)["changed"] is False
    res = module("storage_pool", allocation_state="disabled", **name)  # cancelStorageMaintenance, then disabled
    assert res["changed"] and pools(sim)[0]["state"] == "Disabled" and sim.sim.calls["cancelStorageMaintenance"] == 1
    res = module("storage_pool", allocation_state="enabled", **name)
    assert res["changed"] and pools(sim)[0]["state"] == "Up"
    module("storage_pool", allocation_state="maintenance", **name)
    res = module("storage_pool", allocation_state="enabled", **name)
    assert res["changed"] and pools(sim)[0]["state"] == "Up"
    # created directly disabled
    res = module("storage_pool", allocation_state="disabled", **ZONE_WIDE)
    assert res["changed"] and pools(sim, name="zps1")[0]["state"] == "Disabled"


def test_absent_goes_through_maintenance(module, sim, tree):
    module("storage_pool", **BASE)
    res = module("storage_pool", _check=True, _diff=True, name="ps1", zone="zone1", state="absent")
    assert res["changed"] and pools(sim)[0]["state"] == "Up" and res["diff"]["after"] == {"state": "absent"}
    res = module("storage_pool", name="ps1", zone="zone1", state="absent")
    assert res["changed"] and pools(sim) == []
    assert sim.sim.calls["enableStorageMaintenance"] == 1 and sim.sim.calls["deleteStoragePool"] == 1
    assert module("storage_pool", name="ps1", zone="zone1", state="absent")["changed"] is False


def test_create_only_options_warn(module, sim, tree):
    module("storage_pool", **BASE)
    res = module("storage_pool", **dict(BASE, scope="zone"))
    assert res["changed"] is False and any("scope differs" in w for w in res.get("warnings", []))


@pytest.mark.parametrize("args,message", [
    ({"allocation_state": "asleep"}, "allocation_state"),
    ({"scope": "region"}, "scope"),
    ({"pod": None}, "parameters are required together: pod, cluster"),
    ({"cluster": "nocluster"}, "cluster 'nocluster' not found"),
    ({"storage_url": None}, "missing required arguments: storage_url"),
    ({"storage_url": "ftp://x/y"}, "unsupported protocol ftp"),
    ({"capacity_bytes": "lots"}, "capacity_bytes"),
])
def test_bad_input_fails_clearly_and_changes_nothing(module, sim, tree, args, message):
    full = {k: v for k, v in dict(BASE, **args).items() if v is not None}
    res = module("storage_pool", **full)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"]
    assert pools(sim) == []


def test_zone_wide_needs_a_hypervisor(module, sim, tree):
    res = module("storage_pool", **dict(ZONE_WIDE, hypervisor=None))
    assert res.failed and "Hypervisor type is required to create zone wide primary storage" in res["msg"] and pools(sim) == []


def test_failed_and_slow_maintenance_jobs(module, sim, tree):
    module("storage_pool", **BASE)
    fault_times(sim, "jobfail", "enableStorageMaintenance")
    res = module("storage_pool", name="ps1", zone="zone1", allocation_state="maintenance")
    assert res.failed and "enableStorageMaintenance failed (errorcode 530)" in res["msg"] and pools(sim)[0]["state"] == "Up"
    fault_times(sim, "jobfail", "enableStorageMaintenance")
    res = module("storage_pool", name="ps1", zone="zone1", state="absent")
    assert res.failed and len(pools(sim)) == 1 and sim.sim.calls["deleteStoragePool"] == 0
    sim.sim.job_seconds = 4
    res = module("storage_pool", _conn={"api_async_timeout": 1}, name="ps1", zone="zone1", allocation_state="maintenance")
    assert res.failed and "still running after 1 seconds (api_async_timeout)" in res["msg"]


@pytest.mark.parametrize("kind", ["5xx", "drop"])
def test_faults_leave_no_duplicate(module, sim, tree, kind):
    hits = fault_times(sim, kind, "createStoragePool")
    res = module("storage_pool", **BASE)
    assert hits["n"] == 1 and res["changed"] and not res.failed, res.get("msg")
    assert len(pools(sim)) == 1
    hits = fault_times(sim, kind, "updateStoragePool")
    res = module("storage_pool", name="ps1", zone="zone1", storage_tags=["x"])
    assert hits["n"] == 1 and res["changed"] and not res.failed and pools(sim)[0]["tags"] == "x"
    hits = fault_times(sim, kind, "deleteStoragePool")
    res = module("storage_pool", name="ps1", zone="zone1", state="absent")
    assert hits["n"] == 1 and res["changed"] and not res.failed and pools(sim) == []
