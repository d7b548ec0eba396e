"""The data center loader: the ansible-test sandbox and Marvin deployDataCenter files, with their refusals."""
import json

import pytest
from cloudstack_simulator.app import Simulator
from cloudstack_simulator.datacenter import DatacenterError, load_datacenter
from sim_infra_helpers import sim_server

MARVIN_CFG = {
    "zones": [{
        "name": "Marvin-adv", "networktype": "Advanced", "guestcidraddress": "10.1.1.0/24", "dns1": "10.147.28.6", "internaldns1": "10.147.28.6",
        "physical_networks": [{
            "name": "pnet", "broadcastdomainrange": "Zone", "vlan": "100-200", "isolationmethods": ["VLAN"],
            "traffictypes": [{"typ": "Guest", "kvm": "cloudbr1"}, {"typ": "Management"}, {"typ": "Public"}],
            "providers": [{"name": "VirtualRouter", "broadcastdomainrange": "ZONE"}, {"name": "VpcVirtualRouter", "broadcastdomainrange": "ZONE"},
                          {"name": "InternalLbVm", "broadcastdomainrange": "ZONE"}],
        }],
        "ipranges": [{"startip": "192.168.2.2", "endip": "192.168.2.200", "netmask": "255.255.255.0", "vlan": "50", "gateway": "192.168.2.1"}],
        "pods": [{
            "name": "POD0", "gateway": "172.16.15.1", "netmask": "255.255.255.0", "startip": "172.16.15.2", "endip": "172.16.15.200",
            "clusters": [
                {"clustername": "C0", "hypervisor": "simulator", "clustertype": "CloudManaged",
                 "hosts": [{"username": "root", "password": "password", "url": "http://sim/c0/h0"},
                           {"username": "root", "password": "password", "url": "http://sim/c0/h1/cpucore=16&memory=34359738368", "hosttags": "big"}],
                 "primaryStorages": [{"name": "PS0", "url": "nfs://10.147.28.6:/export/home/sandbox/primary0", "tags": "fast"}]},
                {"clustername": "C1", "hypervisor": "simulator", "clustertype": "CloudManaged",
                 "hosts": [{"username": "root", "password": "password", "url": "http://sim/c1/h0"}],
                 "primaryStorages": [{"name": "PS1", "url": "nfs://10.147.28.6:/export/home/sandbox/primary1"}]},
            ],
        }],
        "primaryStorages": [{"name": "ZPS", "url": "nfs://10.147.28.6:/export/zone", "scope": "zone", "hypervisor": "Simulator"}],
        "secondaryStorages": [{"url": "nfs://10.147.28.6:/export/home/sandbox/secondary", "provider": "NFS"}],
    }],
    "dbSvr": {"dbSvr": "localhost", "passwd": "cloud", "db": "cloud", "port": 3306, "user": "cloud"},
    "logger": {"LogFolderPath": "/tmp/"},
    "globalConfig": [{"name": "expunge.delay", "value": "60"}, {"name": "instance.name", "value": "QA"},
                     {"name": "outofbandmanagement.sync.interval", "value": "2000"}],
    "mgtSvr": [{"mgtSvrIp": "localhost", "passwd": "password", "user": "root", "port": 8096, "hypervisor": "simulator"}],
}


def names(s, command, key=None):
    reply = s.ok(command)
    (items,) = [v for k, v in reply.items() if k != "count"] if reply else [[]]
    return [o["name"] for o in items]


def cfg_value(s, name):
    return [c for c in s.ok("listConfigurations", name=name)["configuration"] if c["name"] == name][0].get("value")


# ---- the sandbox --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sandbox():
    s = sim_server(job_seconds=0.05, datacenter="sandbox")
    yield s
    s.stop()


def test_sandbox_zones(sandbox):
    zones = {z["name"]: z for z in sandbox.ok("listZones")["zone"]}
    assert list(zones) == ["Sandbox-simulator-basic", "Sandbox-simulator-advanced"]
    basic, adv = zones["Sandbox-simulator-basic"], zones["Sandbox-simulator-advanced"]
    assert basic["networktype"] == "Basic" and basic["securitygroupsenabled"] is True and basic["dns1"] == "8.8.8.8"
    assert adv["networktype"] == "Advanced" and adv["guestcidraddress"] == "10.1.1.0/24" and adv["internaldns1"] == "10.147.28.7"
    assert basic["allocationstate"] == adv["allocationstate"] == "Enabled"


def test_sandbox_tree(sandbox):
    assert names(sandbox, "listPods") == ["POD0-basic", "POD0-adv"]
    clusters = {c["name"]: c for c in sandbox.ok("listClusters")["cluster"]}
    assert list(clusters) == ["C0-basic", "C0-adv", "C1-adv"]
    assert {c["hypervisortype"] for c in clusters.values()} == {"Simulator"}
    hosts = sandbox.ok("listHosts")["host"]
    per_cluster = {}
    for h in hosts:
        per_cluster[h["clustername"]] = per_cluster.get(h["clustername"], 0) + 1
        assert h["state"] == "Up" and h["resourcestate"] == "Enabled" and h["name"].startswith("SimulatedAgent.")
        assert h["ipaddress"].startswith("172.16.15.")
    assert per_cluster == {"C0-basic": 2, "C0-adv": 2, "C1-adv": 1}
    pools = {p["name"]: p for p in sandbox.ok("listStoragePools")["storagepool"]}
    assert list(pools) == ["PS0-basic", "PS0-adv", "PS1-adv", "PS2-adv"]
    assert pools["PS1-adv"]["clustername"] == "C0-adv" and pools["PS2-adv"]["clustername"] == "C1-adv"
    assert pools["PS0-basic"]["ipaddress"] == "nfsstor" and pools["PS0-basic"]["path"] == "/export/home/sandbox/primary"
    stores = sandbox.ok("listImageStores")["imagestore"]
    assert [s["url"] for s in stores] == ["nfs://nfsstor:/export/home/sandbox/secondary", "nfs://10.147.28.7:/export/home/sandbox/secondary"]


def test_sandbox_networks(sandbox):
    pnets = sandbox.ok("listPhysicalNetworks")["physicalnetwork"]
    assert [p["name"] for p in pnets] == ["Sandbox-pnet", "Sandbox-pnet"] and {p["state"] for p in pnets} == {"Enabled"}
    basic_pn, adv_pn = pnets
    assert adv_pn["vlan"] == "100-200" and adv_pn["isolationmethods"] == "VLAN" and basic_pn["isolationmethods"] == "L3"
    assert [t["traffictype"] for t in sandbox.ok("listTrafficTypes", physicalnetworkid=adv_pn["id"])["traffictype"]] == ["Guest", "Management", "Public"]
    enabled = {p["name"] for p in sandbox.ok("listNetworkServiceProviders", physicalnetworkid=adv_pn["id"], state="Enabled")["networkserviceprovider"]}
    assert {"VirtualRouter", "VpcVirtualRouter", "InternalLbVm"} <= enabled
    enabled = {p["name"] for p in sandbox.ok("listNetworkServiceProviders", physicalnetworkid=basic_pn["id"], state="Enabled")["networkserviceprovider"]}
    assert {"VirtualRouter", "SecurityGroupProvider"} <= enabled
    # enableProvider("BaremetalPxeProvider") of the advanced zone enables the first such provider: the basic zone's
    assert "BaremetalPxeProvider" in enabled
    adv_states = {p["name"]: p["state"] for p in sandbox.ok("listNetworkServiceProviders", physicalnetworkid=adv_pn["id"])["networkserviceprovider"]}
    assert adv_states["BaremetalPxeProvider"] == "Disabled" and adv_states["ConfigDrive"] == "Enabled" and adv_states["Tungsten"] == "Disabled"
    ranges = sandbox.ok("listVlanIpRanges")["vlaniprange"]
    guest, public = ranges
    assert guest["startip"] == "60.147.41.2" and guest["forvirtualnetwork"] is False and guest["podname"] == "POD0-basic"
    assert public["vlan"] == "vlan://50" and public["forvirtualnetwork"] is True and public["endip"] == "192.168.2.200"


def test_sandbox_global_settings_and_hypervisors(sandbox):
    assert cfg_value(sandbox, "instance.name") == "QA"
    assert cfg_value(sandbox, "guest.domain.suffix") == "sandbox.simulator"
    assert cfg_value(sandbox, "expunge.delay") == "20" and cfg_value(sandbox, "ping.timeout") == "2"
    assert cfg_value(sandbox, "hypervisor.list") == "Simulator"  # deploy.sh, after deployDataCenter
    assert sandbox.ok("listHypervisors")["hypervisor"] == [{"name": "Simulator"}]


def test_sandbox_load_is_not_in_call_counts(make_simserver):
    s = make_simserver(datacenter="sandbox")
    assert s.sim.calls.get("createZone", 0) == 0 and s.sim.calls.get("addHost", 0) == 0


def test_sandbox_with_the_cs_client(sandbox):
    cs = sandbox.cs()
    assert [z["name"] for z in cs.listZones()["zone"]] == ["Sandbox-simulator-basic", "Sandbox-simulator-advanced"]


# ---- Marvin files --------------------------------------------------------------------------------------------------------
def write_cfg(tmp_path, cfg, header=True):
    path = tmp_path / "dc.cfg"
    text = json.dumps(cfg, indent=2)
    if header:
        text = "# a Marvin deployDataCenter file\n# comment lines are skipped as Marvin skips them\n" + text
    path.write_text(text)
    return str(path)


def test_marvin_file_from_a_path(make_simserver, tmp_path):
    s = make_simserver(datacenter=write_cfg(tmp_path, MARVIN_CFG))
    zone = s.ok("listZones")["zone"]
    assert [z["name"] for z in zone] == ["Marvin-adv"] and zone[0]["allocationstate"] == "Enabled"
    hosts = {h["clustername"] + "/" + str(h.get("hosttags")): h for h in s.ok("listHosts")["host"]}
    assert set(hosts) == {"C0/None", "C0/big", "C1/None"}
    assert hosts["C0/big"]["cpunumber"] == 16 and hosts["C0/big"]["memorytotal"] == 34359738368
    pools = {p["name"]: p for p in s.ok("listStoragePools")["storagepool"]}
    assert pools["PS0"]["tags"] == "fast" and pools["PS0"]["scope"] == "CLUSTER"
    assert pools["ZPS"]["scope"] == "ZONE" and pools["ZPS"]["hypervisor"] == "Simulator"
    pn = s.ok("listPhysicalNetworks")["physicalnetwork"][0]
    guest = [t for t in s.ok("listTrafficTypes", physicalnetworkid=pn["id"])["traffictype"] if t["traffictype"] == "Guest"][0]
    assert guest["kvmnetworklabel"] == "cloudbr1"
    assert cfg_value(s, "expunge.delay") == "60" and cfg_value(s, "instance.name") == "QA"
    assert cfg_value(s, "hypervisor.list") != "Simulator"  # only the sandbox runs the container's deploy.sh
    assert s.ok("listVlanIpRanges")["vlaniprange"][0]["vlan"] == "vlan://50"


def test_marvin_zone_left_disabled(make_simserver, tmp_path):
    cfg = json.loads(json.dumps(MARVIN_CFG))
    cfg["zones"][0]["enabled"] = "False"
    s = make_simserver(datacenter=write_cfg(tmp_path, cfg, header=False))
    assert s.ok("listZones")["zone"][0]["allocationstate"] == "Disabled"


def test_calls_in_marvin_order(tmp_path):
    sim = Simulator(job_seconds=0)
    seen = []
    real = sim.call

    def spy(command, params, caller=None):
        seen.append(command)
        return real(command, params, caller)

    sim.call = spy
    try:
        load_datacenter(sim, write_cfg(tmp_path, MARVIN_CFG))
    finally:
        sim.close()
    firsts = [c for i, c in enumerate(seen) if c not in seen[:i]]
    assert firsts == ["updateConfiguration", "createZone", "createPhysicalNetwork", "addTrafficType", "listNetworkServiceProviders",
                      "listVirtualRouterElements", "configureVirtualRouterElement", "updateNetworkServiceProvider",
                      "listInternalLoadBalancerElements", "configureInternalLoadBalancerElement", "updatePhysicalNetwork", "createPod",
                      "addCluster", "addHost", "listHosts", "createStoragePool", "createVlanIpRange", "addImageStore", "updateZone"]
    # per cluster: addCluster, its hosts, listHosts, its primary storage
    assert seen[seen.index("addCluster"):seen.index("addCluster") + 5] == ["addCluster", "addHost", "addHost", "listHosts", "createStoragePool"]


@pytest.mark.parametrize("mutate, message", [
    (lambda c: c.pop("zones"), "no 'zones' list"),
    (lambda c: c["zones"][0].pop("name"), "zones[0] has no 'name'"),
    (lambda c: c["zones"][0].update(networktype="Fancy"), "networktype must be Basic or Advanced"),
    (lambda c: c["zones"][0]["pods"][0]["clusters"][0]["hosts"][0].pop("url"), "zones[0].pods[0].clusters[0].hosts[0] has no 'url'"),
    (lambda c: c["zones"][0]["pods"][0]["clusters"][0]["hosts"][0].update(url="http://10.0.0.1"),
     "addHost failed (530): Unable to add the host: Cannot find the server resources at http://10.0.0.1"),
    (lambda c: c["zones"][0].update(dns1="not-an-ip"), "createZone failed (431): Please enter a valid IP address for DNS1"),
])
def test_bad_marvin_files_are_refused(tmp_path, mutate, message):
    cfg = json.loads(json.dumps(MARVIN_CFG))
    mutate(cfg)
    with pytest.raises(DatacenterError) as err:
        Simulator(job_seconds=0, datacenter=write_cfg(tmp_path, cfg))
    assert message in str(err.value) and str(tmp_path) in str(err.value)


def test_unreadable_datacenter_spec(tmp_path):
    with pytest.raises(DatacenterError, match="no such file"):
        Simulator(job_seconds=0, datacenter=str(tmp_path / "missing.cfg"))
    bad = tmp_path / "bad.cfg"
    bad.write_text("{ not json")
    with pytest.raises(DatacenterError, match="not valid JSON"):
        Simulator(job_seconds=0, datacenter=str(bad))


def test_sandbox_survives_a_restart(tmp_path):
    state = str(tmp_path / "sim.db")
    first = sim_server(job_seconds=0.01, datacenter="sandbox", state=state)
    try:
        hosts = {h["id"] for h in first.ok("listHosts")["host"]}
        first.ok("updateConfiguration", name="expunge.delay", value="77")
    finally:
        first.stop()
    again = sim_server(job_seconds=0.01, state=state)
    try:
        assert [z["name"] for z in again.ok("listZones")["zone"]] == ["Sandbox-simulator-basic", "Sandbox-simulator-advanced"]
        assert {h["id"] for h in again.ok("listHosts")["host"]} == hosts
        assert cfg_value(again, "expunge.delay") == "77" and cfg_value(again, "hypervisor.list") == "Simulator"
    finally:
        again.stop()


def test_sandbox_basic_zone_guest_network(sandbox):
    basic = [z for z in sandbox.ok("listZones")["zone"] if z["networktype"] == "Basic"][0]
    nets = sandbox.ok("listNetworks", zoneid=basic["id"], listall="true")["network"]
    assert [n["name"] for n in nets] == ["guestNetworkForBasicZone"]
    guest_range = sandbox.ok("listVlanIpRanges", zoneid=basic["id"])["vlaniprange"][0]
    assert guest_range["networkid"] == nets[0]["id"] and guest_range["forvirtualnetwork"] is False


def test_sandbox_basic_zone_call_order():
    sim = Simulator(job_seconds=0)
    seen = []
    real = sim.call

    def spy(command, params, caller=None):
        seen.append(command)
        return real(command, params, caller)

    sim.call = spy
    try:
        load_datacenter(sim, "sandbox")
    finally:
        sim.close()
    basic = seen[seen.index("createZone"):seen.index("createZone", seen.index("createZone") + 1)]
    firsts = [c for i, c in enumerate(basic) if c not in basic[:i]]
    assert firsts == ["createZone", "createPhysicalNetwork", "addTrafficType", "listNetworkServiceProviders", "listVirtualRouterElements",
                      "configureVirtualRouterElement", "updateNetworkServiceProvider", "updatePhysicalNetwork", "listNetworkOfferings",
                      "createNetwork", "createPod", "createVlanIpRange", "addCluster", "addHost", "listHosts", "createStoragePool",
                      "addImageStore", "updateZone"]
    assert seen[:19] == ["updateConfiguration"] * 19 and seen[-1] == "updateConfiguration"  # globalConfig first, deploy.sh last
