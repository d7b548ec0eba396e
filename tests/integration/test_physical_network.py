"""physical_network against the simulator (in process): create, re-run, check mode, --diff, updates,
states, providers (nsps_enabled / nsps_disabled), absent, bad input, failed and slow jobs, faults."""
import pytest
from infra_helpers import fault_times, listed, make_pnet, make_zone, writes

BASE = {"name": "pnet1", "zone": "zone1", "isolation_method": "VLAN", "broadcast_domain_range": "ZONE", "vlan": "100-200"}


@pytest.fixture
def zone(sim):
    return make_zone(sim)


def pnets(sim, **filters):
    return listed(sim, "listPhysicalNetworks", "physicalnetwork", **filters)


def providers(sim, pnet_id):
    return {p["name"]: p["state"] for p in listed(sim, "listNetworkServiceProviders", "networkserviceprovider", physicalnetworkid=pnet_id)}


def elements(sim, pnet_id):
    nsps = {p["id"]: p["name"] for p in listed(sim, "listNetworkServiceProviders", "networkserviceprovider", physicalnetworkid=pnet_id)}
    out = {}
    for cmd, key in (("listVirtualRouterElements", "virtualrouterelement"), ("listInternalLoadBalancerElements", "internalloadbalancerelement")):
        for el in listed(sim, cmd, key):
            if el["nspid"] in nsps:
                out[nsps[el["nspid"]]] = el["enabled"]
    return out


def test_create_check_mode_then_create_then_rerun(module, sim, zone):
    res = module("physical_network", _check=True, _diff=True, **BASE)
    assert res["changed"] and not res.failed and "id" not in res and pnets(sim) == []
    assert res["diff"]["before"] == {"state": "absent"}
    assert res["diff"]["after"] == {"name": "pnet1", "isolation_method": "VLAN", "broadcast_domain_range": "ZONE", "vlan": "100-200", "state": "present"}
    res = module("physical_network", _diff=True, **BASE)
    assert res["changed"] and not res.failed, res.get("msg")
    (pn,) = pnets(sim)
    assert res["id"] == pn["id"] and res["name"] == res["physical_network"] == "pnet1" and res["zone"] == "zone1"
    assert res["isolation_method"] == "VLAN" and res["broadcast_domain_range"] == "ZONE" and res["vlan"] == "100-200" and res["state"] == "Disabled"
    res = module("physical_network", _diff=True, **BASE)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    assert module("physical_network", _check=True, **BASE)["changed"] is False
    assert module("physical_network", physical_network="pnet1", zone="zone1")["changed"] is False  # the alias
    assert writes(sim)["createPhysicalNetwork"] == 1


UPDATES = [
    ("network_speed", "1G", "10G", "networkspeed"),
    ("tags", "overlay", "underlay", "tags"),
    ("vlan", "100-200", "100-300", "vlan"),
]


@pytest.mark.parametrize("option,first,second,field", UPDATES, ids=[u[0] for u in UPDATES])
def test_update_each_updatable_option(module, sim, zone, option, first, second, field):
    module("physical_network", **dict(BASE, **{option: first}))
    assert pnets(sim)[0][field] == first
    res = module("physical_network", _check=True, _diff=True, **dict(BASE, **{option: second}))
    assert res["changed"] and res["diff"]["before"][option] == first and res["diff"]["after"][option] == second
    assert pnets(sim)[0][field] == first
    res = module("physical_network", **dict(BASE, **{option: second}))
    assert res["changed"] and not res.failed and res[option] == second and pnets(sim)[0][field] == second
    assert module("physical_network", **dict(BASE, **{option: second}))["changed"] is False


def test_remove_the_tag_with_an_empty_string(module, sim, zone):
    module("physical_network", tag="overlay", **BASE)
    res = module("physical_network", name="pnet1", zone="zone1", tags="")
    assert res["changed"] and "tags" not in pnets(sim)[0]
    assert module("physical_network", name="pnet1", zone="zone1", tags="")["changed"] is False


def test_states(module, sim, zone):
    res = module("physical_network", state="enabled", **BASE)  # created Disabled by CloudStack, then enabled
    assert res["changed"] and res["state"] == "Enabled" and pnets(sim)[0]["state"] == "Enabled"
    assert module("physical_network", state="enabled", **BASE)["changed"] is False
    res = module("physical_network", _diff=True, name="pnet1", zone="zone1", state="disabled")
    assert res["changed"] and pnets(sim)[0]["state"] == "Disabled"
    assert res["diff"]["before"]["state"] == "enabled" and res["diff"]["after"]["state"] == "disabled"
    assert module("physical_network", name="pnet1", zone="zone1", state="present")["changed"] is False


def test_providers_enabled_and_disabled(module, sim, zone):
    pid = module("physical_network", **BASE)["id"]
    assert providers(sim, pid)["VirtualRouter"] == "Disabled" and elements(sim, pid)["VirtualRouter"] is False
    nsps = ["virtualrouter", "VpcVirtualRouter", "internallbvm"]
    res = module("physical_network", _check=True, _diff=True, name="pnet1", zone="zone1", state="enabled", nsps_enabled=nsps)
    assert res["changed"] and res["diff"]["after"]["nsps"] == {n: "enabled" for n in nsps}
    assert providers(sim, pid)["VirtualRouter"] == "Disabled" and pnets(sim)[0]["state"] == "Disabled"
    res = module("physical_network", _diff=True, name="pnet1", zone="zone1", state="enabled", nsps_enabled=nsps)
    assert res["changed"] and not res.failed, res.get("msg")
    assert res["nsps_enabled"] == nsps and res["diff"]["before"]["nsps"] == {n: "disabled" for n in nsps}
    got = providers(sim, pid)
    assert got["VirtualRouter"] == got["VpcVirtualRouter"] == got["InternalLbVm"] == "Enabled"
    assert elements(sim, pid) == {"VirtualRouter": True, "VpcVirtualRouter": True, "InternalLbVm": True}
    assert module("physical_network", name="pnet1", zone="zone1", state="enabled", nsps_enabled=nsps)["changed"] is False
    res = module("physical_network", name="pnet1", zone="zone1", nsps_disabled=["InternalLbVm", "ConfigDrive"])
    assert res["changed"] and res["nsps_disabled"] == ["InternalLbVm", "ConfigDrive"]
    got = providers(sim, pid)
    assert got["InternalLbVm"] == got["ConfigDrive"] == "Disabled" and got["VirtualRouter"] == "Enabled"
    assert module("physical_network", name="pnet1", zone="zone1", nsps_disabled=["InternalLbVm", "ConfigDrive"])["changed"] is False


def test_check_mode_of_a_new_network_with_providers(module, sim, zone):
    res = module("physical_network", _check=True, _diff=True, state="enabled", nsps_enabled=["virtualrouter"], **BASE)
    assert res["changed"] and res["diff"]["after"]["nsps"] == {"virtualrouter": "enabled"} and pnets(sim) == []


def test_create_only_options_warn(module, sim, zone):
    module("physical_network", **BASE)
    res = module("physical_network", **dict(BASE, isolation_method="VXLAN"))
    assert res["changed"] is False and any("isolation_method differs" in w for w in res.get("warnings", []))
    assert pnets(sim)[0]["isolationmethods"] == "VLAN"


def test_owned_by_a_domain(module, sim, zone):
    dom = sim.ok("createDomain", name="customers")["domain"]
    res = module("physical_network", domain="customers", **BASE)
    assert res["changed"] and res["domain"] == "ROOT/customers" and pnets(sim)[0]["domainid"] == dom["id"]
    assert module("physical_network", domain="customers", **BASE)["changed"] is False


def test_absent(module, sim, zone):
    module("physical_network", **BASE)
    res = module("physical_network", _check=True, _diff=True, name="pnet1", zone="zone1", state="absent")
    assert res["changed"] and len(pnets(sim)) == 1 and res["diff"]["after"] == {"state": "absent"}
    assert module("physical_network", name="pnet1", zone="zone1", state="absent")["changed"] and pnets(sim) == []
    assert module("physical_network", name="pnet1", zone="zone1", state="absent")["changed"] is False


@pytest.mark.parametrize("args,message", [
    ({"isolation_method": "TOKENRING"}, "isolation_method"),
    ({"network_speed": "100M"}, "network_speed"),
    ({"zone": "nozone"}, "zone 'nozone' not found (option zone)"),
    ({"domain": "nodomain"}, "Domain 'nodomain' not found"),
    ({"vlan": "200-100"}, "start range should be lesser than or equal to stop range"),
    ({"nsps_enabled": ["NoSuchProvider"]}, "Invalid Network Service Provider=NoSuchProvider"),
])
def test_bad_input_fails_clearly(module, sim, zone, args, message):
    full = {k: v for k, v in dict(BASE, **args).items() if v is not None}
    res = module("physical_network", **full)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"]
    if "nsps_enabled" not in args:
        assert pnets(sim) == []  # (a bad provider name is found out after the network is created)


def test_refused_in_an_enabled_zone(module, sim, zone):
    sim.ok("updateZone", id=zone["id"], allocationstate="Enabled")
    res = module("physical_network", **BASE)
    assert res.failed and "Cannot create PhysicalNetwork since the Zone is currently enabled" in res["msg"] and pnets(sim) == []


def test_failed_and_slow_async_jobs(module, sim, zone):
    make_pnet(sim, zone, "pnet1", isolationmethods="VLAN")
    fault_times(sim, "jobfail", "updatePhysicalNetwork")
    res = module("physical_network", name="pnet1", zone="zone1", network_speed="10G")
    assert res.failed and "updatePhysicalNetwork failed (errorcode 530)" in res["msg"] and "networkspeed" not in pnets(sim)[0]
    sim.sim.job_seconds = 4
    res = module("physical_network", _conn={"api_async_timeout": 1}, name="pnet1", zone="zone1", network_speed="10G")
    assert res.failed and "still running after 1 seconds (api_async_timeout)" in res["msg"]


@pytest.mark.parametrize("kind", ["5xx", "drop"])
def test_faults_leave_no_duplicate(module, sim, zone, kind):
    hits = fault_times(sim, kind, "createPhysicalNetwork")
    res = module("physical_network", **BASE)
    assert hits["n"] == 1 and res["changed"] and not res.failed, res.get("msg")
    assert len(pnets(sim)) == 1
    hits = fault_times(sim, kind, "deletePhysicalNetwork")
    res = module("physical_network", name="pnet1", zone="zone1", state="absent")
    assert hits["n"] == 1 and res["changed"] and not res.failed and pnets(sim) == []
