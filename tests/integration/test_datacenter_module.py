"""The datacenter module (csops.cloudstack.datacenter): the whole data center as one plan, in process against the simulator.

Every element goes through its single module's engine; each resource type is listed once; check mode shows the
whole plan without a write; a failure names the elements done and not done and a re-run finishes the job."""
import copy
import json
import pathlib

import pytest
import yaml
from harness import connection, run_module

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = pathlib.Path(__file__).resolve().parent / "data"
REFERENCE = yaml.safe_load((ROOT / "inventories" / "simulator" / "group_vars" / "all" / "datacenter.yml").read_text())["datacenter_config"]
HOST_PASSWORD = "Host-Secret-42"
WRITES = ("create", "add", "update", "delete", "configure", "enable", "prepare", "cancel", "dedicate", "release")


def marvin():
    text = "\n".join(line for line in (DATA / "advanced.cfg").read_text().splitlines() if not line.strip().startswith("#"))
    return json.loads(text)


def run(sim, config, check=False, diff=True, **args):
    full = connection(sim)
    full.update(config=config, host_password=HOST_PASSWORD, **args)
    return run_module("datacenter", full, check=check, diff=diff)


def writes(sim):
    return {c: n for c, n in sim.sim.calls.items() if c.startswith(WRITES)}


def listing(sim, command, key, **params):
    return sim.ok(command, **params).get(key, [])


def everything(sim):
    return {cmd: sim.ok(cmd, listall="true") for cmd in ("listZones", "listPhysicalNetworks", "listPods", "listClusters", "listHosts",
                                                         "listStoragePools", "listImageStores", "listVlanIpRanges")}


def counts(res, outcome):
    return {level: len(kind[outcome]) for level, kind in res["datacenter"].items() if kind[outcome]}


def test_reference_datacenter_converges_then_no_change_in_15_calls(sim):
    res = run(sim, REFERENCE)
    assert not res.failed, res.get("msg")
    assert res["changed"] is True
    assert counts(res, "created") == {"zones": 1, "physical_networks": 1, "traffic_types": 3, "pods": 2, "public_ranges": 1, "clusters": 4,
                                      "hosts": 32, "primary_storage": 8, "secondary_storage": 1}
    assert counts(res, "updated") == {"settings": 10, "providers": 1, "enable": 1}
    (zone,) = listing(sim, "listZones", "zone")
    assert zone["allocationstate"] == "Enabled"
    hosts = listing(sim, "listHosts", "host", type="Routing")
    assert sorted(h["name"] for h in hosts)[:2] == ["sim-ref-c1-h1", "sim-ref-c1-h2"] and len(hosts) == 32
    assert len(listing(sim, "listStoragePools", "storagepool")) == 8
    assert res["summary"]["hosts"] == {"described": 32, "to_remove": 0, "created": 32, "updated": 0, "removed": 0, "unchanged": 0, "changed": 32}
    assert HOST_PASSWORD not in json.dumps(res)  # the hosts' password (no_log) is masked everywhere

    sim.sim.calls.clear()
    again = run(sim, REFERENCE)
    assert not again.failed, again.get("msg")
    assert again["changed"] is False, again["diff"]
    assert counts(again, "unchanged")["hosts"] == 32
    calls = dict(sim.sim.calls)
    assert writes(sim) == {}
    assert sum(calls.values()) <= 15, calls
    assert all(n == 1 for c, n in calls.items() if c not in ("listConfigurations",)), calls  # each type listed once
    assert again["api_calls"] == calls


def test_check_mode_on_an_empty_cloud_shows_every_element_and_changes_nothing(sim):
    before = everything(sim)
    sim.sim.calls.clear()
    res = run(sim, REFERENCE, check=True)
    assert not res.failed, res.get("msg")
    assert res["changed"] is True
    labels = [d["after_header"] for d in res["diff"]]
    assert len(labels) == 65 == len(set(labels))  # 10 settings, zone, network, 3 traffic types, providers, 2 pods, range, 4 clusters, ...
    assert "host ref-zone1/ref-c1/sim-ref-c1-h1" in labels and "primary storage ref-zone1/ref-c4/ref-c4-ps1" in labels
    host = next(d for d in res["diff"] if d["after_header"] == "host ref-zone1/ref-c1/sim-ref-c1-h1")
    assert host["before"] == {"state": "absent"} and host["after"]["cluster"] == "ref-c1" and host["after"]["state"] == "present"
    assert counts(res, "created")["hosts"] == 32
    assert writes(sim) == {}
    assert set(sim.sim.calls) <= {"listZones", "listConfigurations"}  # nothing under a zone to be created is looked for
    assert everything(sim) == before
    assert "sim-ref-c1-h1" in " ".join(res["plan"]["pending"]) or "c:ref-zone1/ref-c1" in res["plan"]["pending"]


def test_levels_one_task_each_hand_the_plan_on(sim):
    """As the role runs it: each step lists only what it has not listed yet; check mode carries what is to be created."""
    steps = [["settings", "zones", "physical_networks", "traffic_types", "providers"], ["pods", "public_ranges", "clusters"], ["hosts"],
             ["primary_storage", "secondary_storage", "enable"]]
    for check in (True, False):
        plan = {}
        for levels in steps:
            res = run(sim, REFERENCE, check=check, levels=levels, phase="present", plan=plan)
            assert not res.failed, res.get("msg")
            assert set(res["datacenter"]) == set(levels)
            plan = res["plan"]
        assert res["summary"]["hosts"]["created"] == 32
        if check:
            assert writes(sim) == {} and listing(sim, "listZones", "zone") == []
    sim.sim.calls.clear()
    plan = {}
    for levels in steps:
        res = run(sim, REFERENCE, levels=levels, phase="present", plan=plan)
        assert res["changed"] is False
        plan = res["plan"]
    assert sum(sim.sim.calls.values()) <= 15, dict(sim.sim.calls)


def test_diff_and_update_of_one_element_with_case_only_difference(sim):
    base = copy.deepcopy(REFERENCE)
    base["globalConfig"].append({"name": "instance.name", "value": "ref"})
    assert not run(sim, base).failed
    changed = copy.deepcopy(base)
    changed["globalConfig"][-1]["value"] = "REF"  # differs only in case: a change (the old role's filter lower-cased and skipped it)
    changed["zones"][0]["pods"][0]["clusters"][0]["hosts"][0]["hosttags"] = "gpu"
    sim.sim.calls.clear()
    check = run(sim, changed, check=True)
    assert counts(check, "updated") == {"settings": 1, "hosts": 1}
    assert writes(sim) == {}
    res = run(sim, changed)
    assert not res.failed, res.get("msg")
    assert counts(res, "updated") == {"settings": 1, "hosts": 1}
    diffs = {d["after_header"]: d for d in res["diff"]}
    assert diffs["setting instance.name"]["before"]["value"] == "ref"
    assert diffs["setting instance.name"]["after"]["value"] == "REF"
    assert diffs["host ref-zone1/ref-c1/sim-ref-c1-h1"]["after"]["host_tags"] == ["gpu"]
    (setting,) = [c for c in listing(sim, "listConfigurations", "configuration", name="instance.name") if c["name"] == "instance.name"]
    assert setting["value"] == "REF"
    (host,) = listing(sim, "listHosts", "host", name="sim-ref-c1-h1", type="Routing")
    assert host["hosttags"] == "gpu"
    assert run(sim, changed)["changed"] is False


def test_absent_removes_in_reverse_order_hosts_into_maintenance_first(sim):
    data = marvin()
    assert not run(sim, data).failed
    gone = copy.deepcopy(data)
    gone["zones"][0]["pods"][0]["clusters"][1]["state"] = "absent"  # C1 with its host and PS2
    check = run(sim, gone, check=True)
    assert counts(check, "removed") == {"clusters": 1, "hosts": 1, "primary_storage": 1}
    assert len(listing(sim, "listClusters", "cluster")) == 2
    res = run(sim, gone)
    assert not res.failed, res.get("msg")
    assert counts(res, "removed") == {"clusters": 1, "hosts": 1, "primary_storage": 1}
    assert [c["name"] for c in listing(sim, "listClusters", "cluster")] == ["C0"]
    assert sorted(p["name"] for p in listing(sim, "listStoragePools", "storagepool")) == ["PS0", "PS1"]
    assert sim.sim.calls.get("prepareHostForMaintenance", 0) >= 1
    diffs = {d["after_header"]: d for d in res["diff"]}
    assert diffs["cluster Sandbox-simulator/POD0/C1"]["after"] == {"state": "absent"}
    again = run(sim, gone)
    assert again["changed"] is False and not again.failed


@pytest.mark.parametrize("mutate, message", [
    (lambda d: d["zones"][0]["pods"][0]["clusters"][0].pop("clustername"), "missing required field 'clustername'"),
    (lambda d: d["zones"][0]["physical_networks"][0]["traffictypes"].append({"typ": "Backup"}), "typ must be one of"),
    (lambda d: d["zones"][0]["physical_networks"][0].update(networkspeed="3G"),
     "physical network Sandbox-simulator/Sandbox-pnet: network_speed must be one of 1G, 10G, got '3G'"),
    (lambda d: d["zones"][0]["pods"][0]["clusters"][0].update(clustertype="Elsewhere"),
     "cluster Sandbox-simulator/POD0/C0: cluster_type must be one of CloudManaged, ExternalManaged, got 'Elsewhere'"),
])
def test_bad_input_names_the_element_and_the_option_and_changes_nothing(sim, mutate, message):
    data = marvin()
    mutate(data)
    res = run(sim, data)
    assert res.failed and message in res["msg"], res.get("msg")
    assert writes(sim) == {}


def test_failed_job_names_done_and_not_done_and_a_rerun_finishes(make_simserver):
    sim = make_simserver(faults="jobfail=1.0,only=addTrafficType")
    res = run(sim, marvin())
    assert res.failed
    assert "3 element(s) failed" in res["msg"] and "traffic type Sandbox-simulator/Sandbox-pnet/Guest" in res["msg"]
    assert "zone Sandbox-simulator" in res["done"] and "physical network Sandbox-simulator/Sandbox-pnet" in res["done"]
    assert "traffic type Sandbox-simulator/Sandbox-pnet/Public" in res["not_done"] and "host Sandbox-simulator/C0/sim-c0-h0" in res["not_done"]
    assert listing(sim, "listPods", "pod") == []  # later levels wait for their parents
    sim.sim.faults.set("")
    again = run(sim, marvin())
    assert not again.failed, again.get("msg")
    assert counts(again, "unchanged")["zones"] == 1
    # the simulator's failed job had made the traffic types (as a job may fail after its effect): found, not added twice
    assert len(listing(sim, "listTrafficTypes", "traffictype", physicalnetworkid=listing(sim, "listPhysicalNetworks", "physicalnetwork")[0]["id"])) == 3
    assert counts(again, "created")["pods"] == 1 and counts(again, "created")["hosts"] == 3
    assert len(listing(sim, "listHosts", "host", type="Routing")) == 3
    assert run(sim, marvin())["changed"] is False


def test_faults_leave_no_duplicates(make_simserver):
    sim = make_simserver(faults="5xx=0.15,drop=0.15,seed=7")
    for _attempt in range(6):
        res = run(sim, REFERENCE, max_concurrent=4)
        if not res.failed:
            break
    assert not res.failed, res.get("msg")
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    assert injected.get("5xx", 0) + injected.get("drop", 0) > 0
    hosts = listing(sim, "listHosts", "host", type="Routing")
    assert len(hosts) == 32 and len({h["name"] for h in hosts}) == 32, sorted(h["name"] for h in hosts)
    assert len(listing(sim, "listZones", "zone")) == 1 and len(listing(sim, "listPods", "pod")) == 2
    assert len(listing(sim, "listClusters", "cluster")) == 4 and len(listing(sim, "listStoragePools", "storagepool")) == 8
    assert run(sim, REFERENCE)["changed"] is False


def test_a_job_past_api_async_timeout_fails_its_element_and_a_rerun_finishes(make_simserver):
    sim = make_simserver(job_seconds=2.5)
    res = run(sim, marvin(), api_async_timeout=1)
    assert res.failed
    assert "physical network Sandbox-simulator/Sandbox-pnet: CloudStack async job" in res["msg"] and "api_async_timeout" in res["msg"]
    assert "zone Sandbox-simulator" in res["done"] and "physical network Sandbox-simulator/Sandbox-pnet" in res["not_done"]
    sim.sim.job_seconds = 0.05
    again = run(sim, marvin())
    assert not again.failed, again.get("msg")
    assert len(listing(sim, "listPhysicalNetworks", "physicalnetwork")) == 1  # the job finished on the server: found, not made twice
    assert len(listing(sim, "listHosts", "host", type="Routing")) == 3
