"""A play of plain infrastructure modules in check mode on a cloud that has none of it yet: every task reports the
change it would make, with a warning that its parent (zone, physical network, pod, cluster) is still to be created,
instead of failing at the second task with "zone ... not found" (issue: the data center in check mode). Nothing is
made. With state=absent a missing parent is no change. A parent that is missing outside check mode still fails."""
import json

import pytest
from harness import connection, run_playbook

ZONE = "zone-to-be"
TASKS = [
    ("zone", dict(name=ZONE, dns1="8.8.8.8", network_type="Advanced")),
    ("physical_network", dict(name="pn1", zone=ZONE, isolation_method="VLAN", vlan="100-200")),
    ("traffic_type", dict(physical_network="pn1", zone=ZONE, traffic_type="Guest", kvm_networklabel="cloudbr1")),
    ("network_service_provider", dict(name="VirtualRouter", physical_network="pn1", zone=ZONE, state="enabled")),
    ("pod", dict(name="pod1", zone=ZONE, gateway="10.0.0.1", netmask="255.255.255.0", start_ip="10.0.0.10", end_ip="10.0.0.20")),
    ("vlan_ip_range", dict(zone=ZONE, physical_network="pn1", start_ip="1.2.3.10", end_ip="1.2.3.20", gateway="1.2.3.1",
                           netmask="255.255.255.0", vlan="untagged", for_virtual_network=True)),
    ("cluster", dict(name="c1", zone=ZONE, pod="pod1", hypervisor="KVM", cluster_type="CloudManaged")),
    ("host", dict(name="10.0.0.50", zone=ZONE, pod="pod1", cluster="c1", hypervisor="KVM", url="http://10.0.0.50",
                  username="root", password="secret-host-pw")),
    ("storage_pool", dict(name="ps1", zone=ZONE, pod="pod1", cluster="c1", storage_url="nfs://10.0.0.5/export/primary",
                          scope="cluster", hypervisor="KVM")),
    ("image_store", dict(name="ss1", zone=ZONE, url="nfs://10.0.0.5/export/secondary", provider="NFS")),
    ("configuration", dict(name="cpu.overprovisioning.factor", value="2.0", cluster="c1")),
]
LISTS = ("listZones", "listPhysicalNetworks", "listPods", "listClusters", "listHosts", "listStoragePools", "listImageStores",
         "listVlanIpRanges")


def inventory(sim):
    return {cmd: sim.ok(cmd, listall="true") for cmd in LISTS}


@pytest.mark.parametrize("name,args", TASKS[1:], ids=[t[0] for t in TASKS[1:]])
def test_missing_parent_in_check_mode_is_a_change_with_a_warning(module, sim, name, args):
    before = inventory(sim)
    res = module(name, _check=True, _diff=True, **args)
    assert not res.failed, res.get("msg")
    assert res["changed"] is True
    warned = " ".join(res["warnings"])
    assert "not found" in warned and "reported as to be created" in warned, res["warnings"]
    assert res["diff"]["after"] and res["diff"]["after"] != res["diff"]["before"]
    assert "secret-host-pw" not in json.dumps(res)
    assert inventory(sim) == before  # nothing made


@pytest.mark.parametrize("name,args", TASKS[1:-1], ids=[t[0] for t in TASKS[1:-1]])
def test_missing_parent_absent_is_no_change(module, sim, name, args):
    res = module(name, **dict(args, state="absent"))
    assert not res.failed, res.get("msg")
    assert res["changed"] is False


def test_missing_parent_outside_check_mode_still_fails_naming_it(module, sim):
    before = inventory(sim)
    res = module("pod", **TASKS[4][1])
    assert res.failed and res["msg"] == "zone '%s' not found (option zone)" % ZONE
    assert inventory(sim) == before


def test_a_play_of_plain_modules_in_check_mode_lists_every_element_and_changes_nothing(sim):
    conn = connection(sim)
    tasks = "".join("    - name: %s\n      csops.cloudstack.%s: %s\n" % (n, n, json.dumps(a)) for n, a in TASKS)
    play = ("- hosts: localhost\n  gather_facts: false\n  module_defaults:\n    group/csops.cloudstack.cloudstack: %s\n"
            "  tasks:\n%s" % (json.dumps(conn), tasks))
    before = inventory(sim)
    out = run_playbook(play, ["--check", "--diff"])
    assert out.returncode == 0, out.stdout[-3000:]
    recap = [line for line in out.stdout.splitlines() if line.startswith("localhost")][-1]
    assert "changed=%d" % len(TASKS) in recap and "failed=0" in recap, recap
    assert inventory(sim) == before
