"""traffic_type against the simulator (in process)."""
import pytest
from infra_helpers import fault_times, listed, make_pnet, make_zone

BASE = {"physical_network": "pnet1", "zone": "zone1", "traffic_type": "Guest"}


@pytest.fixture
def pnet(sim):
    zone = make_zone(sim)
    return make_pnet(sim, zone, "pnet1", isolationmethods="VLAN")


def types(sim, pnet):
    return {t["traffictype"]: t for t in listed(sim, "listTrafficTypes", "traffictype", physicalnetworkid=pnet["id"])}


def test_add_check_mode_then_add_then_rerun(module, sim, pnet):
    res = module("traffic_type", _check=True, _diff=True, kvm_networklabel="cloudbr1", **BASE)
    assert res["changed"] and not res.failed and "id" not in res and types(sim, pnet) == {}
    assert res["diff"] == {"before": {"state": "absent"}, "after": {"traffic_type": "Guest", "kvm_networklabel": "cloudbr1", "state": "present"}}
    res = module("traffic_type", _diff=True, kvm_networklabel="cloudbr1", **BASE)
    assert res["changed"] and not res.failed, res.get("msg")
    tt = types(sim, pnet)["Guest"]
    assert res["id"] == tt["id"] and res["traffic_type"] == "Guest" and res["kvm_networklabel"] == "cloudbr1"
    assert res["physical_network"] == pnet["id"] and res["zone"] == "zone1"
    res = module("traffic_type", _diff=True, kvm_networklabel="cloudbr1", **BASE)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    assert module("traffic_type", _check=True, **BASE)["changed"] is False
    assert sim.sim.calls["addTrafficType"] == 1


LABELS = ["kvm_networklabel", "xen_networklabel", "vmware_networklabel", "hyperv_networklabel", "ovm3_networklabel"]


@pytest.mark.parametrize("label", LABELS)
def test_update_each_label(module, sim, pnet, label):
    module("traffic_type", **dict(BASE, **{label: "first"}))
    field = label.replace("_", "")
    assert types(sim, pnet)["Guest"][field] == "first"
    res = module("traffic_type", _check=True, _diff=True, **dict(BASE, **{label: "second"}))
    assert res["changed"] and res["diff"]["before"][label] == "first" and res["diff"]["after"][label] == "second"
    assert types(sim, pnet)["Guest"][field] == "first"
    res = module("traffic_type", **dict(BASE, **{label: "second"}))
    assert res["changed"] and res[label] == "second" and types(sim, pnet)["Guest"][field] == "second"
    assert module("traffic_type", **dict(BASE, **{label: "second"}))["changed"] is False


def test_several_types_and_absent(module, sim, pnet):
    for t in ("Guest", "Management", "Public"):
        assert module("traffic_type", **dict(BASE, traffic_type=t))["changed"]
    assert sorted(types(sim, pnet)) == ["Guest", "Management", "Public"]
    res = module("traffic_type", _check=True, _diff=True, state="absent", **dict(BASE, traffic_type="Public"))
    assert res["changed"] and "Public" in types(sim, pnet) and res["diff"]["after"] == {"state": "absent"}
    assert module("traffic_type", state="absent", **dict(BASE, traffic_type="Public"))["changed"]
    assert sorted(types(sim, pnet)) == ["Guest", "Management"]
    assert module("traffic_type", state="absent", **dict(BASE, traffic_type="Public"))["changed"] is False


@pytest.mark.parametrize("args,message", [
    ({"traffic_type": "Control"}, "traffic_type"),
    ({"isolation_method": "gre"}, "isolation_method"),
    ({"physical_network": "nonet"}, "physical network 'nonet' not found"),
    ({"zone": "nozone"}, "zone 'nozone' not found (option zone)"),
])
def test_bad_input_fails_clearly_and_changes_nothing(module, sim, pnet, args, message):
    res = module("traffic_type", **dict(BASE, **args))
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"] and types(sim, pnet) == {}


def test_refusal_one_public_network_per_zone(module, sim, pnet):
    zone = sim.ok("listZones", name="zone1")["zone"][0]
    other = make_pnet(sim, zone, "pnet2", isolationmethods="VLAN", tags="other")
    assert module("traffic_type", **dict(BASE, traffic_type="Public"))["changed"]
    res = module("traffic_type", physical_network="pnet2", zone="zone1", traffic_type="Public")
    assert res.failed and "Zone already has a physical network with this traffic type: Public" in res["msg"]
    assert types(sim, other) == {}


def test_failed_and_slow_jobs(module, sim, pnet):
    module("traffic_type", kvm_networklabel="cloudbr0", **BASE)
    fault_times(sim, "jobfail", "updateTrafficType")
    res = module("traffic_type", kvm_networklabel="cloudbr9", **BASE)
    assert res.failed and "updateTrafficType failed (errorcode 530)" in res["msg"]
    assert types(sim, pnet)["Guest"]["kvmnetworklabel"] == "cloudbr0"
    sim.sim.job_seconds = 4
    res = module("traffic_type", _conn={"api_async_timeout": 1}, kvm_networklabel="cloudbr9", **BASE)
    assert res.failed and "still running after 1 seconds (api_async_timeout)" in res["msg"]


@pytest.mark.parametrize("kind", ["5xx", "drop"])
def test_faults_leave_no_duplicate(module, sim, pnet, kind):
    hits = fault_times(sim, kind, "addTrafficType")
    res = module("traffic_type", **BASE)
    assert hits["n"] == 1 and res["changed"] and not res.failed, res.get("msg")
    assert len(listed(sim, "listTrafficTypes", "traffictype", physicalnetworkid=pnet["id"])) == 1
    hits = fault_times(sim, kind, "deleteTrafficType")
    res = module("traffic_type", state="absent", **BASE)
    assert hits["n"] == 1 and res["changed"] and not res.failed, res.get("msg")
    assert types(sim, pnet) == {}
