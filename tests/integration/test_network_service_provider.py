"""network_service_provider against the simulator (in process): enable (element configured first),
disable, services, add a provider by hand (its element created), absent, bad input, failed and slow jobs, faults."""
import pytest
from infra_helpers import fault_times, listed, make_pnet, make_zone

VR = {"name": "VirtualRouter", "physical_network": "pnet1", "zone": "zone1"}


@pytest.fixture
def pnet(sim):
    zone = make_zone(sim)
    return make_pnet(sim, zone, "pnet1", isolationmethods="VLAN")


def nsp(sim, pnet, name):
    found = listed(sim, "listNetworkServiceProviders", "networkserviceprovider", physicalnetworkid=pnet["id"], name=name)
    return found[0] if found else None


def vr_element(sim, nsp_id):
    found = listed(sim, "listVirtualRouterElements", "virtualrouterelement", nspid=nsp_id)
    return found[0] if found else None


def test_enable_configures_the_element_first(module, sim, pnet):
    vr = nsp(sim, pnet, "VirtualRouter")
    assert vr["state"] == "Disabled" and vr_element(sim, vr["id"])["enabled"] is False
    res = module("network_service_provider", _check=True, _diff=True, state="enabled", **VR)
    assert res["changed"] and res["diff"]["before"] == {"name": "VirtualRouter", "state": "disabled", "element_enabled": False}
    assert res["diff"]["after"] == {"name": "VirtualRouter", "state": "enabled", "element_enabled": True}
    assert nsp(sim, pnet, "VirtualRouter")["state"] == "Disabled" and vr_element(sim, vr["id"])["enabled"] is False
    res = module("network_service_provider", _diff=True, state="enabled", **VR)
    assert res["changed"] and not res.failed, res.get("msg")
    assert res["id"] == vr["id"] and res["state"] == "Enabled" and res["name"] == "VirtualRouter" and res["zone"] == "zone1"
    assert res["physical_network"] == "pnet1" and res["physical_network_id"] == pnet["id"] and "Dhcp" in res["service_list"]
    assert res["element"] == {"id": vr_element(sim, vr["id"])["id"], "enabled": True}
    assert res["diff"]["before"]["element_enabled"] is False and res["diff"]["after"]["element_enabled"] is True
    assert nsp(sim, pnet, "VirtualRouter")["state"] == "Enabled" and vr_element(sim, vr["id"])["enabled"] is True
    res = module("network_service_provider", _diff=True, state="enabled", **VR)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    # case-insensitive names, as ngine_io's nsps_enabled
    assert module("network_service_provider", name="virtualrouter", physical_network="pnet1", zone="zone1", state="enabled")["changed"] is False


def test_disable_and_element(module, sim, pnet):
    module("network_service_provider", state="enabled", **VR)
    res = module("network_service_provider", _diff=True, state="disabled", **VR)
    assert res["changed"] and res["state"] == "Disabled" and nsp(sim, pnet, "VirtualRouter")["state"] == "Disabled"
    assert res["diff"]["before"]["state"] == "enabled" and res["diff"]["after"]["state"] == "disabled"
    assert "element_enabled" not in res["diff"]["after"]  # left alone
    assert module("network_service_provider", state="disabled", **VR)["changed"] is False
    res = module("network_service_provider", state="disabled", element_enabled=False, **VR)
    vr = nsp(sim, pnet, "VirtualRouter")
    assert res["changed"] and vr_element(sim, vr["id"])["enabled"] is False
    bad = module("network_service_provider", state="enabled", element_enabled=False, **VR)
    assert bad.failed and "cannot be enabled with element_enabled=false" in bad["msg"]
    assert nsp(sim, pnet, "VirtualRouter")["state"] == "Disabled"


def test_internal_lb_and_a_provider_without_element(module, sim, pnet):
    res = module("network_service_provider", name="InternalLbVm", physical_network="pnet1", zone="zone1", state="enabled")
    assert res["changed"] and res["state"] == "Enabled" and res["element"]["enabled"] is True
    res = module("network_service_provider", name="SecurityGroupProvider", physical_network="pnet1", zone="zone1", state="enabled")
    assert res["changed"] and res["state"] == "Enabled" and "element" not in res
    assert nsp(sim, pnet, "SecurityGroupProvider")["state"] == "Enabled"


def test_service_list(module, sim, pnet):
    services = ["Dhcp", "Dns", "UserData"]
    res = module("network_service_provider", _diff=True, service_list=services, **VR)
    assert res["changed"] and sorted(res["service_list"]) == sorted(services)
    assert sorted(nsp(sim, pnet, "VirtualRouter")["servicelist"]) == sorted(services)
    assert module("network_service_provider", services=["UserData", "Dns", "Dhcp"], **VR)["changed"] is False
    assert module("network_service_provider", services=["userdata", "dns", "DHCP"], **VR)["changed"] is False  # as CloudStack reads them
    assert nsp(sim, pnet, "VirtualRouter")["state"] == "Disabled"  # present leaves the state alone


def test_absent_then_added_by_hand(module, sim, pnet):
    res = module("network_service_provider", _check=True, state="absent", **VR)
    assert res["changed"] and nsp(sim, pnet, "VirtualRouter") is not None
    res = module("network_service_provider", state="absent", **VR)
    assert res["changed"] and nsp(sim, pnet, "VirtualRouter") is None
    assert module("network_service_provider", state="absent", **VR)["changed"] is False
    # added again and enabled: addNetworkServiceProvider, then the element created and enabled, then the provider enabled
    res = module("network_service_provider", _check=True, _diff=True, state="enabled", **VR)
    assert res["changed"] and res["diff"]["before"] == {"state": "absent"} and nsp(sim, pnet, "VirtualRouter") is None
    res = module("network_service_provider", state="enabled", **VR)
    assert res["changed"] and not res.failed, res.get("msg")
    vr = nsp(sim, pnet, "VirtualRouter")
    assert vr["state"] == "Enabled" and vr_element(sim, vr["id"])["enabled"] is True
    assert sim.sim.calls["createVirtualRouterElement"] == 1
    assert module("network_service_provider", state="enabled", **VR)["changed"] is False


@pytest.mark.parametrize("args,message", [
    ({"state": "on"}, "state"),
    ({"physical_network": "nonet"}, "physical network 'nonet' not found"),
    ({"zone": "nozone"}, "zone 'nozone' not found (option zone)"),
    ({"name": "Bogus"}, "Invalid Network Service Provider=Bogus"),
    ({"service_list": ["Teleport"]}, "Invalid Network Service specified=Teleport"),
])
def test_bad_input_fails_clearly_and_changes_nothing(module, sim, pnet, args, message):
    before = listed(sim, "listNetworkServiceProviders", "networkserviceprovider")
    res = module("network_service_provider", **dict(VR, **args))
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"]
    assert listed(sim, "listNetworkServiceProviders", "networkserviceprovider") == before


def test_failed_and_slow_jobs(module, sim, pnet):
    fault_times(sim, "jobfail", "updateNetworkServiceProvider")
    res = module("network_service_provider", state="enabled", **VR)
    assert res.failed and "updateNetworkServiceProvider failed (errorcode 530)" in res["msg"]
    assert nsp(sim, pnet, "VirtualRouter")["state"] == "Disabled"
    sim.sim.job_seconds = 4
    res = module("network_service_provider", _conn={"api_async_timeout": 1}, state="enabled", **VR)
    assert res.failed and "still running after 1 seconds (api_async_timeout)" in res["msg"]


@pytest.mark.parametrize("kind", ["5xx", "drop"])
def test_faults_leave_no_duplicate(module, sim, pnet, kind):
    module("network_service_provider", state="absent", **VR)
    hits = fault_times(sim, kind, "addNetworkServiceProvider")
    res = module("network_service_provider", **VR)
    assert hits["n"] == 1 and res["changed"] and not res.failed, res.get("msg")
    assert len([p for p in listed(sim, "listNetworkServiceProviders", "networkserviceprovider") if p["name"] == "VirtualRouter"]) == 1
    hits = fault_times(sim, kind, "updateNetworkServiceProvider")
    res = module("network_service_provider", state="enabled", **VR)
    assert hits["n"] == 1 and res["changed"] and not res.failed, res.get("msg")
    assert nsp(sim, pnet, "VirtualRouter")["state"] == "Enabled"
