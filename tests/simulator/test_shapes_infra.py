"""Golden shapes: the simulator's infrastructure objects against replies of real CloudStack servers.

For every object with a captured reply (samples/infra/*Service.json): each key of the sample object is in
ours with the same JSON type, except the keys listed in EXCLUDED with the reason we leave them out. For
every object (with or without a sample): each key we send is a documented response field of that object
in CloudStack 4.18 (samples/infra/object-fields-4.18.json) and has the documented type.
"""
import json
import pathlib

import pytest
from sim_infra_helpers import job_result, physical_network, pod, pool, sim_server, traffic_type, tree

SAMPLES = pathlib.Path(__file__).parent / "samples" / "infra"

# sample keys a real server sends only for features the simulator does not have (yet)
STATS = "host statistics reported by a running agent (the simulated agent reports none)"
EXCLUDED = {
    "host": {
        "cpuused": STATS, "cpuloadaverage": STATS, "networkkbsread": STATS, "networkkbswrite": STATS, "memoryused": STATS,
        "disconnected": "only set once the agent has been disconnected",
        "oscategoryid": "only set when the host has an OS category preference (updateHost oscategoryid)",
        "oscategoryname": "only set when the host has an OS category preference (updateHost oscategoryid)",
        "hosttags": "only sent when the host has tags (the sample's \"null\" string is a quirk of an older server)",
        "jobid": "the object's latest async job: not tracked on objects",
        "jobstatus": "the object's latest async job: not tracked on objects",
        "hostha.haprovider": "only when host HA is configured (configureHAForHost): host HA is not simulated",
    },
    "storagepool": {
        "jobid": "the object's latest async job: not tracked on objects",
        "jobstatus": "the object's latest async job: not tracked on objects",
    },
}

JSON_TYPES = {"string": str, "date": str, "boolean": bool, "integer": int, "long": int, "short": int, "double": (int, float),
              "list": list, "set": list, "map": dict, "uuid": str}


def sample(filename, command):
    """The object(s) of one sample reply: a list's items, an object, or an async job's result object."""
    body = json.loads((SAMPLES / filename).read_text())[command]
    (inner,) = body.values()
    if "jobresult" in inner:
        (obj,) = inner["jobresult"].values()
        return [obj]
    values = [v for k, v in inner.items() if k != "count"]
    (value,) = values
    return value if isinstance(value, list) else [value]


def documented(obj_type):
    fields = json.loads((SAMPLES / "object-fields-4.18.json").read_text())[obj_type]
    return {f["name"]: f["type"] for f in fields}


def json_type(value):
    return {bool: "boolean", int: "number", float: "number", str: "string", list: "list", dict: "object"}[type(value)]


def assert_like_sample(ours, samples, obj_type):
    excluded = EXCLUDED.get(obj_type, {})
    for golden in samples:
        missing = sorted(k for k in golden if k not in ours and k not in excluded)
        assert not missing, f"{obj_type}: keys of the real reply missing from ours: {missing}"
        for key, value in golden.items():
            if key in ours:
                assert json_type(ours[key]) == json_type(value), f"{obj_type}.{key}: ours {ours[key]!r}, real {value!r}"
                if isinstance(value, dict) and key not in ("resourcedetails", "storagecapabilities"):
                    sub = {k for k in value if f"{key}.{k}" not in excluded}
                    assert sub <= set(ours[key]), f"{obj_type}.{key}: {sorted(value)} vs ours {sorted(ours[key])}"


def assert_documented(ours, obj_type):
    doc = documented(obj_type)
    undocumented = sorted(k for k in ours if k not in doc)
    assert not undocumented, f"{obj_type}: keys CloudStack 4.18 does not document: {undocumented}"
    for key, value in ours.items():
        want = JSON_TYPES.get(doc[key])
        if want is None:  # enum-like types (hypervisortype, status, scopetype, ...) are strings, nested responses objects
            want = dict if doc[key].endswith("response") else str
        assert isinstance(value, want) and not (want is int and isinstance(value, bool)), f"{obj_type}.{key}={value!r}: documented {doc[key]}"


@pytest.fixture(scope="module")
def world():
    """One simulator with one of everything (module scope: the checks only read)."""
    s = sim_server(job_seconds=0.01)
    z, p, c = tree(s)
    h = s.ok("addHost", zoneid=z["id"], podid=p["id"], clusterid=c["id"], hypervisor="Simulator", url="http://sim/c0/h0",
             username="root", password="password")["host"][0]
    ps = pool(s, c, tags="ssd")
    pn = physical_network(s, z["id"], isolationmethods="VLAN", vlan="100-200")
    tt = traffic_type(s, pn["id"], "Public", kvmnetworklabel="cloudbr0")
    traffic_type(s, pn["id"], "Guest")
    vlan = s.ok("createVlanIpRange", zoneid=z["id"], vlan="50", gateway="192.168.2.1", netmask="255.255.255.0",
                startip="192.168.2.2", endip="192.168.2.200")["vlan"]
    store = s.ok("addImageStore", provider="NFS", url="nfs://10.0.0.5/export/secondary", zoneid=z["id"])["imagestore"]
    yield {"server": s, "zone": z, "pod": p, "cluster": c, "host": h, "pool": ps, "pnet": pn, "traffictype": tt, "vlan": vlan, "store": store}
    s.stop()


def test_cluster(world):
    s = world["server"]
    for ours in (world["cluster"], s.ok("listClusters", id=world["cluster"]["id"])["cluster"][0]):
        assert_like_sample(ours, sample("ClusterService.json", "listClusters"), "cluster")
        assert_documented(ours, "cluster")


def test_host(world):
    s = world["server"]
    listed = s.ok("listHosts", id=world["host"]["id"])["host"][0]
    for ours in (world["host"], listed):
        assert_like_sample(ours, sample("HostService.json", "listHosts"), "host")
        assert_documented(ours, "host")
    prepared = job_result(s, s.ok("prepareHostForMaintenance", id=world["host"]["id"]))["host"]
    assert_like_sample(prepared, sample("HostService.json", "prepareHostForMaintenance"), "host")
    job_result(s, s.ok("cancelHostMaintenance", id=world["host"]["id"]))


def test_storage_pool(world):
    s = world["server"]
    assert_like_sample(world["pool"], sample("PoolService.json", "createStoragePool"), "storagepool")
    listed = s.ok("listStoragePools", id=world["pool"]["id"])["storagepool"][0]
    assert_like_sample(listed, sample("PoolService.json", "listStoragePools"), "storagepool")
    assert_documented(listed, "storagepool")
    reply = s.call("enableStorageMaintenance", id=world["pool"]["id"])[1]["prepareprimarystorageformaintenanceresponse"]
    in_maint = job_result(s, reply)["storagepool"]
    assert_like_sample(in_maint, sample("StoragePoolService.json", "enableStorageMaintenance"), "storagepool")
    reply = s.call("cancelStorageMaintenance", id=world["pool"]["id"])[1]["cancelprimarystoragemaintenanceresponse"]
    assert_like_sample(job_result(s, reply)["storagepool"], sample("StoragePoolService.json", "cancelStorageMaintenance"), "storagepool")


def test_image_store(world):
    s = world["server"]
    assert_like_sample(world["store"], sample("ImageStoreService.json", "addImageStore"), "imagestore")
    listed = s.ok("listImageStores", id=world["store"]["id"])["imagestore"][0]
    assert_like_sample(listed, sample("ImageStoreService.json", "listImageStores"), "imagestore")
    assert_documented(listed, "imagestore")


def test_physical_network(world):
    s = world["server"]
    assert_like_sample(world["pnet"], sample("NetworkService.json", "createPhysicalNetwork"), "physicalnetwork")
    listed = s.ok("listPhysicalNetworks", id=world["pnet"]["id"])["physicalnetwork"][0]
    assert_like_sample(listed, sample("NetworkService.json", "createPhysicalNetwork"), "physicalnetwork")
    assert_documented(listed, "physicalnetwork")


def test_vlan_ip_range(world):
    s = world["server"]
    assert_like_sample(world["vlan"], sample("VLANService.json", "createVlanIpRange"), "vlaniprange")
    listed = s.ok("listVlanIpRanges", id=world["vlan"]["id"])["vlaniprange"][0]
    assert_like_sample(listed, sample("VLANService.json", "listVlanIpRanges"), "vlaniprange")
    assert_documented(listed, "vlaniprange")


def test_configuration(world):
    s = world["server"]
    listed = s.ok("listConfigurations", name="allow.user.create.projects")["configuration"][0]
    assert_like_sample(listed, sample("ConfigurationService.json", "listConfigurations"), "configuration")
    assert_documented(listed, "configuration")
    updated = s.ok("updateConfiguration", name="allow.user.create.projects", value="false")["configuration"]
    assert_like_sample(updated, sample("ConfigurationService.json", "updateConfiguration"), "configuration")
    reset = s.ok("resetConfiguration", name="allow.user.create.projects")["configuration"]
    assert_like_sample(reset, sample("ConfigurationService.json", "resetConfiguration"), "configuration")
    assert reset["value"] == "true"
    scoped = s.ok("listConfigurations", zoneid=world["zone"]["id"], name="vr.public.interface.max.mtu")["configuration"][0]
    assert_documented(scoped, "configuration")


# objects without a captured reply: documented fields and types only
def test_zone_pod_traffic_type_provider_documented(world):
    s = world["server"]
    zone = s.ok("listZones", id=world["zone"]["id"], showcapacities="true")["zone"][0]
    assert_documented(zone, "zone")
    for row in zone["capacity"]:
        assert_documented(row, "capacity")
    assert_documented(s.ok("listPods", id=world["pod"]["id"])["pod"][0], "pod")
    new_pod = pod(s, world["zone"]["id"], name="p-shape", gateway="10.5.0.1", startip="10.5.0.2", endip="10.5.0.9")
    assert_documented(new_pod, "pod")
    for tt in s.ok("listTrafficTypes", physicalnetworkid=world["pnet"]["id"])["traffictype"]:
        assert_documented(tt, "traffictype")
    assert_documented(world["traffictype"], "traffictype")
    for nsp in s.ok("listNetworkServiceProviders", physicalnetworkid=world["pnet"]["id"])["networkserviceprovider"]:
        assert_documented(nsp, "networkserviceprovider")
    for el in s.ok("listVirtualRouterElements")["virtualrouterelement"]:
        assert_documented(el, "virtualrouterelement")
    for row in s.ok("listCapacity")["capacity"]:
        assert_documented(row, "capacity")
