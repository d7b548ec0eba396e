"""The datacenter role (playbooks/datacenter.yml: the module csops.cloudstack.datacenter, one task per step of levels)
against a fresh simulator per test.

ansible-playbook runs as a subprocess with CSOPS_SIMULATOR_URL pointing at the test's simulator;
the inventory (inventories/simulator) supplies the reference data center and the API keys.
"""
import copy
import json
import os
import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = pathlib.Path(__file__).resolve().parent / "data"
PLAYBOOK = ROOT / "playbooks" / "datacenter.yml"
ANSIBLE_PLAYBOOK = pathlib.Path(sys.executable).parent / "ansible-playbook"
RECAP_RE = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)
CREATES = ("createZone", "createPhysicalNetwork", "addTrafficType", "createPod", "createVlanIpRange", "addCluster", "addHost",
           "createStoragePool", "addImageStore", "updateConfiguration", "updateZone", "updatePhysicalNetwork")


def playbook(sim, *args):
    env = dict(os.environ, CSOPS_SIMULATOR_URL=sim.url, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_FORCE_COLOR="0",
               ANSIBLE_NOCOLOR="1")
    proc = subprocess.run([str(ANSIBLE_PLAYBOOK), str(PLAYBOOK), *args], cwd=str(ROOT), env=env, capture_output=True, text=True,
                          timeout=900)
    out = proc.stdout + proc.stderr
    recap = RECAP_RE.findall(proc.stdout)
    assert recap, out[-4000:]
    # the play recap has only the inventory's host (no worker hosts added by the role or the playbook)
    assert [r[0] for r in recap] == ["localhost"], [r[0] for r in recap]
    return {"rc": proc.returncode, "changed": sum(int(r[2]) for r in recap), "failed": sum(int(r[4]) for r in recap), "out": out}


def converged(res):
    assert res["rc"] == 0 and res["failed"] == 0, res["out"][-6000:]
    return res


def calls(sim):
    return dict(sim.sim.calls)


def listing(sim, command, key, **params):
    return sim.ok(command, **params).get(key, [])


def write_json(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def marvin(path=DATA / "advanced.cfg"):
    text = "\n".join(line for line in path.read_text().splitlines() if not line.strip().startswith("#"))
    return json.loads(text)


def test_reference_datacenter_converges_then_no_change(make_simserver):
    sim = make_simserver()
    first = converged(playbook(sim))
    assert first["changed"] > 0
    (zone,) = listing(sim, "listZones", "zone")
    assert zone["name"] == "ref-zone1" and zone["allocationstate"] == "Enabled" and zone["networktype"] == "Advanced"
    (pnet,) = listing(sim, "listPhysicalNetworks", "physicalnetwork", zoneid=zone["id"])
    assert pnet["state"] == "Enabled" and pnet["isolationmethods"].upper() == "VLAN" and pnet["vlan"] == "500-999"
    types = sorted(t["traffictype"] for t in listing(sim, "listTrafficTypes", "traffictype", physicalnetworkid=pnet["id"]))
    assert types == ["Guest", "Management", "Public"]
    vr = listing(sim, "listNetworkServiceProviders", "networkserviceprovider", physicalnetworkid=pnet["id"], name="VirtualRouter")
    assert vr and vr[0]["state"] == "Enabled"
    assert len(listing(sim, "listPods", "pod", zoneid=zone["id"])) == 2
    assert len(listing(sim, "listClusters", "cluster", zoneid=zone["id"])) == 4
    hosts = listing(sim, "listHosts", "host", zoneid=zone["id"], type="Routing")
    assert len(hosts) == 32
    pools = listing(sim, "listStoragePools", "storagepool", zoneid=zone["id"])
    assert len(pools) == 8
    assert sorted(p["scope"] for p in pools).count("ZONE") == 2
    assert len(listing(sim, "listImageStores", "imagestore", zoneid=zone["id"])) == 1
    assert len(listing(sim, "listVlanIpRanges", "vlaniprange", zoneid=zone["id"])) == 1
    (setting,) = listing(sim, "listConfigurations", "configuration", name="vm.allocation.algorithm")
    assert setting["value"] == "firstfitleastconsumed"

    before = calls(sim)
    again = converged(playbook(sim))
    assert again["changed"] == 0, again["out"][-6000:]
    made = {k: v - before.get(k, 0) for k, v in calls(sim).items() if v - before.get(k, 0)}
    assert not [c for c in made if c in CREATES], made
    assert sum(made.values()) <= 15, made  # each type listed once over the role's tasks (the plan is handed on)
    assert len(listing(sim, "listHosts", "host", zoneid=zone["id"], type="Routing")) == 32


def test_check_mode_on_empty_simulator_reports_and_creates_nothing(make_simserver):
    sim = make_simserver()
    res = converged(playbook(sim, "--check", "--diff"))
    assert res["changed"] > 0
    assert listing(sim, "listZones", "zone") == []
    made = [c for c in calls(sim) if c in CREATES]
    assert made == [], made
    # every element of the reference data center is listed (--diff: each one's before/after), those under the zone
    # still to be created included
    listed = set(re.findall(r"^\+\+\+ after: (.+)$", res["out"], re.M))
    assert len(listed) == 65, sorted(listed)
    assert "host ref-zone1/ref-c1/sim-ref-c1-h1" in listed and "zone ref-zone1 enabled" in listed


def test_marvin_advanced_cfg_accepted_as_is(make_simserver, tmp_path):
    sim = make_simserver()
    cfg = DATA / "advanced.cfg"
    assert cfg.read_text().startswith("#")  # comment lines, as Marvin's own files have
    converged(playbook(sim, "-e", "datacenter_marvin_file=%s" % cfg))
    (zone,) = listing(sim, "listZones", "zone")
    assert zone["name"] == "Sandbox-simulator" and zone["allocationstate"] == "Enabled"
    assert sorted(c["name"] for c in listing(sim, "listClusters", "cluster")) == ["C0", "C1"]
    assert len(listing(sim, "listHosts", "host", type="Routing")) == 3
    assert sorted(p["name"] for p in listing(sim, "listStoragePools", "storagepool")) == ["PS0", "PS1", "PS2"]
    assert len(listing(sim, "listImageStores", "imagestore")) == 1
    (setting,) = listing(sim, "listConfigurations", "configuration", name="instance.name")
    assert setting["value"] == "QA"
    again = converged(playbook(sim, "-e", "datacenter_marvin_file=%s" % cfg))
    assert again["changed"] == 0, again["out"][-6000:]


def test_state_absent_removes_a_host_then_a_cluster(make_simserver, tmp_path):
    sim = make_simserver()
    data = marvin()
    converged(playbook(sim, "-e", "datacenter_marvin_file=%s" % write_json(tmp_path, "dc.json", data)))
    assert len(listing(sim, "listHosts", "host", type="Routing")) == 3

    gone = copy.deepcopy(data)
    gone["zones"][0]["pods"][0]["clusters"][0]["hosts"][1]["state"] = "absent"  # http://sim/c0/h1
    res = converged(playbook(sim, "-e", "datacenter_marvin_file=%s" % write_json(tmp_path, "dc1.json", gone)))
    assert res["changed"] > 0
    assert len(listing(sim, "listHosts", "host", type="Routing")) == 2
    assert calls(sim).get("prepareHostForMaintenance", 0) >= 1  # maintenance first, as CloudStack requires
    again = converged(playbook(sim, "-e", "datacenter_marvin_file=%s" % write_json(tmp_path, "dc1.json", gone)))
    assert again["changed"] == 0, again["out"][-6000:]

    gone["zones"][0]["pods"][0]["clusters"][1]["state"] = "absent"  # C1 with its host and PS2
    converged(playbook(sim, "-e", "datacenter_marvin_file=%s" % write_json(tmp_path, "dc2.json", gone)))
    assert [c["name"] for c in listing(sim, "listClusters", "cluster")] == ["C0"]
    assert sorted(p["name"] for p in listing(sim, "listStoragePools", "storagepool")) == ["PS0", "PS1"]
    assert len(listing(sim, "listHosts", "host", type="Routing")) == 1


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["zones"][0]["pods"][0]["clusters"][0].pop("clustername"), "missing required field 'clustername'"),
    (lambda d: d["zones"][0]["physical_networks"][0]["traffictypes"].append({"typ": "Backup"}), "typ must be one of"),
    (lambda d: d["zones"][0].update(networktype="Hybrid"), "networktype must be Basic or Advanced"),
])
def test_bad_description_fails_clearly_and_changes_nothing(make_simserver, tmp_path, mutate, message):
    sim = make_simserver()
    data = marvin()
    mutate(data)
    res = playbook(sim, "-e", "datacenter_marvin_file=%s" % write_json(tmp_path, "bad.json", data))
    assert res["rc"] != 0 and res["failed"] >= 1
    assert message in res["out"], res["out"][-3000:]
    assert [c for c in calls(sim) if c in CREATES] == []


# ---- the description on its own (no simulator) ----------------------------------------------------
def load_description():
    import importlib.util

    spec = importlib.util.spec_from_file_location("datacenter_description", ROOT / "plugins" / "module_utils" / "datacenter_description.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_plan_of_the_reference_datacenter():
    import yaml

    f = load_description()
    inv = yaml.safe_load((ROOT / "inventories" / "simulator" / "group_vars" / "all" / "datacenter.yml").read_text())
    plan = f.plan(inv["datacenter_config"], {"host_username": "root", "host_password": "pw"})
    counts = {k: len(v) for k, v in plan.items() if isinstance(v, list) and not k.endswith("_absent")}
    assert counts == {"settings": 10, "zones": 1, "zones_enable": 1, "physical_networks": 1, "physical_networks_enable": 1,
                      "traffic_types": 3, "pods": 2, "ipranges": 1, "clusters": 4, "hosts": 32, "storage_pools": 8,
                      "image_stores": 1, "warnings": 0}
    assert sorted(p["scope"] for p in plan["storage_pools"]).count("zone") == 2
    assert len({h["name"] for h in plan["hosts"]}) == 32
    assert plan["physical_networks_enable"][0]["nsps_enabled"] == ["VirtualRouter", "VpcVirtualRouter", "InternalLbVm"]
    assert plan["physical_networks"][0]["broadcast_domain_range"] == "ZONE"


def test_plan_absent_takes_the_children_and_names_hosts_from_urls():
    f = load_description()
    data = marvin()
    data["zones"][0]["pods"][0]["clusters"][1]["state"] = "absent"
    plan = f.plan(data, {})
    assert [c["name"] for c in plan["clusters_absent"]] == ["C1"]
    assert [h["name"] for h in plan["hosts_absent"]] == ["sim-c1-h0"]
    assert [p["name"] for p in plan["storage_pools_absent"]] == ["PS2"]
    assert [h["name"] for h in plan["hosts"]] == ["sim-c0-h0", "sim-c0-h1"]
    assert f.host_name({"url": "http://10.0.0.5"}, "x") == "10.0.0.5"
    assert f.host_name({"url": "http://sim/c0/h0", "name": "kvm1"}, "x") == "kvm1"
    # the image store is named by its URL (Marvin gives none)
    assert plan["image_stores"][0]["name"] == "nfs://10.147.28.6:/export/home/sandbox/secondary"
    with pytest.raises(f.DescriptionError, match="zone Sandbox-simulator: networktype must be Basic or Advanced"):
        f.plan(dict(data, zones=[dict(data["zones"][0], networktype="Hybrid")]), {})
