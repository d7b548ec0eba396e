"""The datacenter module's listing and client wrapper without a network: what is answered from one listing, what goes
to CloudStack, what a write puts into the listing, and the elements with their params and input checks."""
import pytest
from ansible_collections.csops.cloudstack.plugins.module_utils.client import CloudStackError
from ansible_collections.csops.cloudstack.plugins.module_utils.datacenter import LEVEL_NAMES, Listing, PlanClient, elements
from ansible_collections.csops.cloudstack.plugins.module_utils.datacenter_description import plan as describe

HOSTS = [{"id": "h1", "name": "sim-a", "zoneid": "z1", "clusterid": "c1", "type": "Routing"},
         {"id": "h2", "name": "SIM-B", "zoneid": "z1", "clusterid": "c2", "type": "Routing"}]


class Real:
    """The CloudStack client underneath: records calls, answers from fixed tables."""

    def __init__(self):
        self.calls = []
        self.tables = {"listHosts": HOSTS, "listZones": [{"id": "z1", "name": "zone1"}], "listStorageProviders": [{"name": "DefaultPrimary"}],
                       "listTrafficTypes": [{"id": "t1", "traffictype": "Guest", "physicalnetworkid": "n1"}]}

    def list(self, command, key=None, **params):
        self.calls.append((command, params))
        return [dict(o) for o in self.tables.get(command, [])]

    def call(self, command, _method=None, **params):
        self.calls.append((command, params))
        if command == "addHost":
            return {"host": [{"id": "h3", "name": "sim-c", "zoneid": "z1", "clusterid": "c1", "type": "Routing"}]}
        return {}


def test_one_listing_per_type_filtered_client_side():
    real = Real()
    listing = Listing(zone_ids={"zone1": "z1"})
    client = PlanClient(real, listing)
    assert [h["id"] for h in client.list("listHosts", key="host", type="Routing", zoneid="z1", name="sim-b")] == ["h2"]  # names: any case
    assert [h["id"] for h in client.list("listHosts", key="host", type="Routing", zoneid="z1", clusterid="c1")] == ["h1"]
    assert client.list("listHosts", key="host", type="Routing", zoneid="z1", name="other") == []
    assert real.calls == [("listHosts", {"type": "Routing", "zoneid": "z1"})]  # listed once, limited to the one zone described
    # what the listing cannot answer goes to CloudStack: another zone, a filter it does not know, hosts of another type
    client.list("listHosts", key="host", type="Routing", zoneid="z2")
    client.list("listHosts", key="host", type="Routing", zoneid="z1", hypervisor="KVM")
    client.list("listHosts", key="host", type="SecondaryStorageVM", zoneid="z1")
    assert len(real.calls) == 4


def test_partitioned_and_memoised_reads():
    real = Real()
    client = PlanClient(real, Listing())
    for _ in range(2):
        assert [t["id"] for t in client.list("listTrafficTypes", key="traffictype", physicalnetworkid="n1")] == ["t1"]
        assert client.list("listStorageProviders", key="dataStoreProvider", type="primary") == [{"name": "DefaultPrimary"}]
    assert [c[0] for c in real.calls] == ["listTrafficTypes", "listStorageProviders"]


def test_a_write_reads_fresh_afterwards_and_puts_its_object_into_the_listing():
    real = Real()
    listing = Listing(zone_ids={"zone1": "z1"})
    client = PlanClient(real, listing)
    client.list("listHosts", key="host", type="Routing", zoneid="z1")
    client.call("addHost", zoneid="z1", clusterid="c1", url="http://sim/c")
    assert client.fresh
    client.list("listHosts", key="host", type="Routing", zoneid="z1")
    assert [c[0] for c in real.calls] == ["listHosts", "addHost", "listHosts"]  # after a write: from CloudStack
    other = PlanClient(real, listing)  # the next element sees the new host without a call
    assert [h["id"] for h in other.list("listHosts", key="host", type="Routing", zoneid="z1", clusterid="c1")] == ["h1", "h3"]
    other.call("deleteHost", id="h1")
    assert [h["id"] for h in PlanClient(real, listing).list("listHosts", key="host", type="Routing", zoneid="z1")] == ["h2", "h3"]
    # the plan hands the listing to the next task: nothing listed again
    again = PlanClient(real, Listing(listing.state(), zone_ids={"zone1": "z1"}))
    before = len(real.calls)
    assert len(again.list("listHosts", key="host", type="Routing", zoneid="z1")) == 2
    assert len(real.calls) == before


DESCRIPTION = {
    "globalConfig": [{"name": "expunge.delay", "value": 60}],
    "zones": [{"name": "z", "networktype": "Advanced", "dns1": "8.8.8.8",
               "physical_networks": [{"name": "n", "traffictypes": [{"typ": "Guest"}], "providers": [{"name": "VirtualRouter"}]}],
               "pods": [{"name": "p", "gateway": "10.0.0.1", "netmask": "255.255.255.0", "startip": "10.0.0.10", "endip": "10.0.0.20",
                         "clusters": [{"clustername": "c", "hypervisor": "KVM", "hosts": [{"url": "http://10.0.0.5", "state": "absent"}],
                                       "primaryStorages": [{"name": "ps", "url": "nfs://1.2.3.4/x"}]}]}]}],
}


def test_elements_in_dependency_order_absent_ones_reversed_with_their_modules_params():
    desc = describe(DESCRIPTION, {"host_password": "pw"})
    plan = elements(desc, LEVEL_NAMES, "both")
    assert [(lvl, len(els)) for lvl, els in plan] == [
        ("settings", 1), ("zones", 1), ("physical_networks", 1), ("traffic_types", 1), ("providers", 1), ("pods", 1), ("public_ranges", 0),
        ("clusters", 1), ("hosts", 0), ("primary_storage", 1), ("secondary_storage", 0), ("enable", 1),
        ("secondary_storage", 0), ("primary_storage", 0), ("hosts", 1), ("clusters", 0), ("public_ranges", 0), ("pods", 0),
        ("traffic_types", 0), ("physical_networks", 0), ("zones", 0)]
    by_level = {lvl: els for lvl, els in plan if els}
    (setting,) = by_level["settings"]
    assert setting.params["name"] == "expunge.delay" and setting.params["value"] == "60" and setting.label == "setting expunge.delay"
    (pool,) = by_level["primary_storage"]
    assert pool.params.get("provider") is None and pool.params["scope"] == "cluster" and pool.parent == "c:z/c"  # CloudStack's default provider
    (host,) = [e for lvl, els in plan if lvl == "hosts" for e in els]
    assert host.state == "absent" and host.params["state"] == "absent" and host.params["name"] == "10.0.0.5"
    assert [lvl for lvl, _ in elements(desc, ["hosts", "zones"], "present")] == ["zones", "hosts"]


def test_bad_choice_names_the_element_and_the_option():
    bad = dict(DESCRIPTION, zones=[dict(DESCRIPTION["zones"][0], physical_networks=[{"name": "n", "networkspeed": "3G"}])])
    with pytest.raises(CloudStackError, match=r"physical network z/n: network_speed must be one of 1G, 10G, got '3G'"):
        elements(describe(bad, {}), LEVEL_NAMES, "both")
