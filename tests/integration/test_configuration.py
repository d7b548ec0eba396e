"""configuration and configuration_info against the simulator (in process)."""
import pytest


def setting(sim, name, **scope):
    found = [c for c in sim.ok("listConfigurations", name=name, **scope).get("configuration", []) if c["name"] == name]
    assert len(found) == 1
    return found[0]


def test_global_setting_check_mode_update_rerun_diff(module, sim):
    before = setting(sim, "expunge.delay").get("value")
    res = module("configuration", _check=True, _diff=True, name="expunge.delay", value="123")
    assert res["changed"] and setting(sim, "expunge.delay").get("value") == before
    assert res["diff"] == {"before": {"value": before}, "after": {"value": "123"}}
    assert res["value"] == before  # as ngine_io.cloudstack: check mode returns the setting as it is (diff.after has the change)
    res = module("configuration", _diff=True, name="expunge.delay", value="123")
    assert res["changed"] and res["value"] == "123" and res["category"] and res["name"] == "expunge.delay"
    assert setting(sim, "expunge.delay")["value"] == "123"
    res = module("configuration", _diff=True, name="expunge.delay", value="123")
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    # values compare as CloudStack reads them
    assert module("configuration", name="expunge.delay", value="123.0")["changed"] is False


def test_boolean_values_from_yaml(module, sim):
    name = "allow.user.create.projects"
    res = module("configuration", name=name, value=False)
    assert setting(sim, name)["value"] == "false"
    assert module("configuration", name=name, value=False)["changed"] is False
    assert module("configuration", name=name, value="false")["changed"] is False
    res = module("configuration", name=name, value=True)
    assert res["changed"] and setting(sim, name)["value"] == "true"


def test_empty_value_is_no_false_change(module, sim):
    """ngine_io#24: CloudStack leaves "value" out of the reply when the value is empty."""
    empty = [c for c in sim.ok("listConfigurations", category="Advanced", page=1, pagesize=500)["configuration"] if "value" not in c]
    assert empty, "the simulator has settings without a value"
    name = empty[0]["name"]
    res = module("configuration", _diff=True, name=name, value="")
    assert res["changed"] is False and "value" not in res and not res.failed
    assert module("configuration", name=name, value="")["changed"] is False


def test_zone_scoped_setting(module, sim):
    zone = module("zone", name="zone-a", dns1="8.8.8.8")["id"]
    name = "allow.end.users.to.specify.vr.mtu"
    res = module("configuration", _diff=True, name=name, zone="zone-a", value="true")
    assert res["changed"] and res["zone"] == "zone-a" and res["scope"] == "zone"
    assert setting(sim, name, zoneid=zone)["value"] == "true"
    assert module("configuration", name=name, zone="zone-a", value="true")["changed"] is False
    # the global value is untouched
    assert setting(sim, name).get("value") != "true" or setting(sim, name, zoneid=zone)["value"] == "true"


def test_account_scoped_setting(module, sim):
    name = "allow.public.user.templates"
    res = module("configuration", name=name, account="admin", value="false")
    assert not res.failed and res["account"] == "admin" and res["domain"] == "ROOT"
    accid = sim.ok("listAccounts", name="admin")["account"][0]["id"]
    assert setting(sim, name, accountid=accid)["value"] == "false"
    assert module("configuration", name=name, account="admin", domain="ROOT", value="false")["changed"] is False


@pytest.mark.parametrize("args,message", [
    ({"name": "no.such.setting", "value": "1"}, "configuration no.such.setting not found"),
    ({"name": "expunge.delay", "value": "1", "account": "admin"}, "configuration expunge.delay exists but has no account scope"),
    ({"name": "expunge.delay", "value": "1", "zone": "nowhere"}, "zone 'nowhere' not found (option zone)"),
    ({"name": "expunge.delay", "value": "soon"}, "CloudStack API updateConfiguration failed (HTTP 431"),
    ({"name": "expunge.delay"}, "value"),
    ({"name": "allow.public.user.templates", "value": "false", "account": "admin", "domain": "nope"}, "domain 'nope' not found (option domain)"),
])
def test_bad_input_fails_clearly_and_changes_nothing(module, sim, args, message):
    before = setting(sim, "expunge.delay").get("value")
    res = module("configuration", **args)
    assert res.failed and message in res["msg"], res["msg"]
    assert setting(sim, "expunge.delay").get("value") == before


def test_configuration_info_pages_through_everything(module, sim):
    """ngine_io#188: more than one page (500) of settings."""
    total = sim.ok("listConfigurations", page=1, pagesize=1)["count"]
    assert total > 500
    sim.sim.calls.clear()
    res = module("configuration_info")
    assert len(res["configurations"]) == total and res["changed"] is False
    assert len({c["name"] for c in res["configurations"]}) == total
    assert sim.sim.calls["listConfigurations"] == (total + 499) // 500


def test_configuration_info_filters_and_query(module, sim):
    one = module("configuration_info", name="expunge.delay")
    assert [c["name"] for c in one["configurations"]] == ["expunge.delay"]  # exact, not "contains"
    assert set(one["configurations"][0]) >= {"name", "value", "description", "category"}
    kw = module("configuration_info", keyword="expunge")
    assert len(kw["configurations"]) > 1 and all("expunge" in str(c).lower() for c in kw["configurations"])
    q = module("configuration_info", category="Advanced", query="[?name=='expunge.delay'].value | [0]")
    assert q["query_result"] == setting(sim, "expunge.delay")["value"]
    assert module("configuration_info", name="no.such.setting")["configurations"] == []


def test_cluster_and_storage_scoped_settings(module, sim):
    zone = sim.ok("createZone", name="zone-s", dns1="8.8.8.8", internaldns1="8.8.8.8", networktype="Advanced")["zone"]
    pod = sim.ok("createPod", zoneid=zone["id"], name="pod-s", gateway="10.1.0.1", netmask="255.255.255.0", startip="10.1.0.10",
                 endip="10.1.0.100")["pod"]
    cluster = sim.ok("addCluster", zoneid=zone["id"], podid=pod["id"], clustername="cluster-s", hypervisor="Simulator",
                     clustertype="CloudManaged")["cluster"][0]
    name = "cluster.cpu.allocated.capacity.disablethreshold"
    res = module("configuration", _diff=True, name=name, cluster="cluster-s", value="0.9")
    assert res["changed"] and res["cluster"] == "cluster-s" and res["diff"]["after"] == {"value": "0.9"}
    assert setting(sim, name, clusterid=cluster["id"])["value"] == "0.9"
    assert module("configuration", name=name, cluster="cluster-s", value="0.90")["changed"] is False
    pool = sim.call("createStoragePool", zoneid=zone["id"], podid=pod["id"], clusterid=cluster["id"], name="pool-s",
                    url="nfs://10.1.0.5/export/primary", scope="cluster", hypervisor="Simulator")
    assert pool[0] == 200, pool
    name = "storage.overprovisioning.factor"
    res = module("configuration", name=name, storage="pool-s", value="3")
    assert res["changed"] and res["storage"] == "pool-s"
    assert module("configuration", name=name, storage="pool-s", value="3.0")["changed"] is False
