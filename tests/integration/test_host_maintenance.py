"""playbooks/host_maintenance.yml (role csops.cloudstack.host_maintenance) against the sandbox simulator.

The sandbox's advanced zone has cluster C0-adv (two hosts, renamed kvm1 and kvm2 here) and C1-adv (one host, kvm3).
The inventory names kvm1 and kvm3 by name (kvm3 through cloudstack_host_name) and kvm2 by address (inventory host
hv-b, ansible_host = its IP); ansible_connection=local, so the operator's tasks (a test task file that writes a marker
under tmp_path and logs the host's CloudStack state while they run) run here.
"""
import json
import os
import pathlib
import re
import subprocess
import sys

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLAYBOOK = ROOT / "playbooks" / "host_maintenance.yml"
ANSIBLE_PLAYBOOK = pathlib.Path(sys.executable).parent / "ansible-playbook"
RECAP_RE = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)
ADV = "Sandbox-simulator-advanced"
ACTIVE = ("Running", "Starting", "Migrating", "Stopping")

OPS = """---
- name: Marker (the operator's change)
  ansible.builtin.copy:
    content: "{{ inventory_hostname }} maintained\\n"
    dest: "{{ marker_dir }}/{{ inventory_hostname }}.done"
    mode: "0644"
  register: marker

- name: Log the host's CloudStack state while the tasks run
  ansible.builtin.lineinfile:
    path: "{{ marker_dir }}/order.log"
    line: "{{ inventory_hostname }} {{ query('csops.cloudstack.api', 'listHosts', id=host_maintenance__cs.id, api_url=cloudstack_api_url,
            api_key=cloudstack_api_key, api_secret=cloudstack_api_secret)[0].resourcestate }}"
    create: true
    mode: "0644"
  when: marker is changed
"""

FAILING = OPS + """
- name: The upgrade breaks on kvm1 (a command - skipped in the check pass)
  ansible.builtin.command: sh -c 'echo simulated upgrade failure >&2; exit 3'
  changed_when: true
  when: inventory_hostname == 'kvm1' and not host_maintenance_check_pass
"""


def wait(sim, reply):
    job = sim.wait(reply)
    assert job["jobstatus"] == 1, job
    return job["jobresult"]


@pytest.fixture
def cloud(make_simserver, tmp_path):
    sim = make_simserver(datacenter="sandbox", job_seconds=0.02)
    zone = next(z for z in sim.ok("listZones")["zone"] if z["name"] == ADV)
    hosts = sorted(sim.ok("listHosts", zoneid=zone["id"], type="Routing")["host"], key=lambda h: (h["clustername"], h["ipaddress"]))
    assert [h["clustername"] for h in hosts] == ["C0-adv", "C0-adv", "C1-adv"]
    ids = {}
    for name, h in zip(("kvm1", "kvm2", "kvm3"), hosts, strict=True):
        sim.ok("updateHost", id=h["id"], name=name)
        ids[name] = h["id"]
    offs = {o["name"]: o for o in sim.ok("listServiceOfferings")["serviceoffering"]}
    template = sim.ok("listTemplates", templatefilter="featured", zoneid=zone["id"])["template"][0]
    nos = {o["name"]: o for o in sim.ok("listNetworkOfferings")["networkoffering"]}
    net = sim.ok("createNetwork", name="ops", displaytext="ops", zoneid=zone["id"],
                 networkofferingid=nos["DefaultIsolatedNetworkOfferingWithSourceNatService"]["id"])["network"]

    def deploy(name, host, offering="Small Instance"):
        off = offs.get(offering) or sim.ok("listServiceOfferings", name=offering)["serviceoffering"][0]
        return wait(sim, sim.ok("deployVirtualMachine", zoneid=zone["id"], serviceofferingid=off["id"], templateid=template["id"],
                                networkids=net["id"], name=name, hostid=ids[host]))["virtualmachine"]

    ops = tmp_path / "ops.yml"
    ops.write_text(OPS)
    inventory = {"all": {"vars": {
        "ansible_connection": "local", "ansible_python_interpreter": sys.executable,
        "cloudstack_api_url": sim.endpoint, "cloudstack_api_key": sim.key, "cloudstack_api_secret": sim.secret,
        "host_maintenance_tasks": str(ops), "host_maintenance_poll": 1, "host_maintenance_timeout": 30, "marker_dir": str(tmp_path)},
        "children": {"kvm": {"hosts": {"kvm1": {}, "hv-b": {"ansible_host": hosts[1]["ipaddress"]}, "kvm3": {"cloudstack_host_name": "kvm3"}}},
                     "other": {"hosts": {"ghost": {}}}}}}
    inv = tmp_path / "inventory.yml"
    inv.write_text(yaml.safe_dump(inventory, sort_keys=False))  # the hosts in this order

    class Cloud:
        pass

    c = Cloud()
    c.sim, c.ids, c.deploy, c.inv, c.tmp, c.offs = sim, ids, deploy, inv, tmp_path, offs
    return c


def play(cloud, *args):
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_FORCE_COLOR="0", ANSIBLE_NOCOLOR="1")
    proc = subprocess.run([str(ANSIBLE_PLAYBOOK), "-i", str(cloud.inv), str(PLAYBOOK), *args], cwd=str(ROOT), env=env,
                          capture_output=True, text=True, timeout=300)
    out = " ".join((proc.stdout + proc.stderr).split())  # one line: the output callback wraps long messages
    recap = RECAP_RE.findall(proc.stdout)
    return {"rc": proc.returncode, "changed": sum(int(r[2]) for r in recap), "failed": sum(int(r[4]) for r in recap), "out": out}


def host(cloud, name):
    return cloud.sim.ok("listHosts", id=cloud.ids[name])["host"][0]


def vms(cloud):
    return {v["id"]: v for v in cloud.sim.ok("listVirtualMachines", listall="true").get("virtualmachine", [])}


def calls(cloud, command):
    return cloud.sim.sim.calls.get(command, 0)


def order(cloud):
    path = cloud.tmp / "order.log"
    return path.read_text().split("\n")[:-1] if path.exists() else []


def test_rolling_maintenance_moves_instances_and_a_second_run_changes_nothing(cloud):
    for i in range(2):
        cloud.deploy(f"a{i}", "kvm1")
    cloud.deploy("b0", "kvm2")
    before = vms(cloud)
    res = play(cloud)
    assert res["rc"] == 0 and res["failed"] == 0, res["out"][-5000:]
    # one host at a time, in inventory order, each in Maintenance while the operator's tasks ran
    assert order(cloud) == ["kvm1 Maintenance", "hv-b Maintenance", "kvm3 Maintenance"]
    assert calls(cloud, "prepareHostForMaintenance") == 3 and calls(cloud, "cancelHostMaintenance") == 3
    for name in ("kvm1", "kvm2", "kvm3"):
        h = host(cloud, name)
        assert (h["state"], h["resourcestate"]) == ("Up", "Enabled"), h
    after = vms(cloud)
    assert set(after) == set(before) and all(v["state"] == "Running" for v in after.values())  # no instance lost
    # kvm1's went to kvm2, then kvm2's (all three) back to kvm1
    assert {v["hostid"] for v in after.values()} == {cloud.ids["kvm1"]}
    assert "instance(s) fit on kvm2" in res["out"]
    again = play(cloud)
    assert again["rc"] == 0 and again["changed"] == 0, again["out"][-5000:]
    assert calls(cloud, "prepareHostForMaintenance") == 3 and order(cloud) == ["kvm1 Maintenance", "hv-b Maintenance", "kvm3 Maintenance"]
    assert again["out"].count("would change nothing - not cycled") == 3


def test_refused_when_the_cluster_cannot_take_the_instances(cloud):
    cloud.deploy("alone", "kvm3")
    res = play(cloud, "--limit", "kvm3")
    assert res["rc"] != 0
    assert "host_maintenance stopped at kvm3" in res["out"] and "it is left Enabled" in res["out"]
    assert "instance alone (500 MHz, 512 MiB) fits on no other host: cluster C1-adv has no other Up and Enabled host" in res["out"]
    # memory: kvm1's big instance does not fit beside kvm2's
    big = cloud.sim.ok("createServiceOffering", name="big", displaytext="big", cpunumber=1, cpuspeed=1000, memory=6144)["serviceoffering"]
    cloud.offs["big"] = big
    cloud.deploy("big1", "kvm1", "big")
    cloud.deploy("big2", "kvm2", "big")
    res = play(cloud, "-e", "host_maintenance_cluster=C0-adv")
    assert res["rc"] != 0 and "host_maintenance stopped at kvm1" in res["out"]
    assert re.search(r"instance big1 \(1000 MHz, 6144 MiB\) fits on no other host: kvm2 [0-9]+ MiB memory free of 6144 needed", res["out"]), res["out"][-3000:]
    assert calls(cloud, "prepareHostForMaintenance") == 0 and order(cloud) == []
    assert all(host(cloud, n)["resourcestate"] == "Enabled" for n in ("kvm1", "kvm2", "kvm3"))
    # host tags: an instance whose offering needs a tag only kvm1 has
    cloud.sim.ok("updateHost", id=cloud.ids["kvm1"], hosttags="gpu")
    gpu = cloud.sim.ok("createServiceOffering", name="gpu", displaytext="gpu", cpunumber=1, cpuspeed=500, memory=256, hosttags="gpu")
    cloud.offs["gpu"] = gpu["serviceoffering"]
    cloud.sim.ok("destroyVirtualMachine", id=next(v["id"] for v in vms(cloud).values() if v["name"] == "big1"), expunge="true")
    cloud.deploy("g1", "kvm1", "gpu")
    res = play(cloud, "--limit", "kvm1")
    assert res["rc"] != 0 and "instance g1 (500 MHz, 256 MiB, host tags gpu) fits on no other host: kvm2 lacks host tag(s) gpu" in res["out"]
    assert calls(cloud, "prepareHostForMaintenance") == 0


def test_a_failure_half_way_stops_and_leaves_the_host_in_maintenance(cloud):
    cloud.deploy("a0", "kvm1")
    (cloud.tmp / "ops.yml").write_text(FAILING)
    res = play(cloud)
    assert res["rc"] != 0
    assert "host_maintenance stopped at kvm1 (CloudStack host kvm1, cluster C0-adv): it is left Maintenance" in res["out"]
    assert "simulated upgrade failure" in res["out"]
    assert host(cloud, "kvm1")["resourcestate"] == "Maintenance"
    assert host(cloud, "kvm2")["resourcestate"] == "Enabled" and host(cloud, "kvm3")["resourcestate"] == "Enabled"
    assert calls(cloud, "prepareHostForMaintenance") == 1 and calls(cloud, "cancelHostMaintenance") == 0  # the next hosts untouched
    assert [v["state"] for v in vms(cloud).values()] == ["Running"]
    # fixed: the next run resumes kvm1 (its tasks, then back into service) and goes on
    (cloud.tmp / "ops.yml").write_text(OPS)
    res = play(cloud, "--limit", "kvm1")
    assert res["rc"] == 0, res["out"][-4000:]
    assert host(cloud, "kvm1")["resourcestate"] == "Enabled" and calls(cloud, "prepareHostForMaintenance") == 1


@pytest.mark.parametrize("args, text", [
    (["-e", "host_maintenance_serial=0"], "host_maintenance_serial must be a number of hosts (>= 1) or a percentage (1%-100%) (got 0)"),
    (["-e", "host_maintenance_timeout=soon"], "host_maintenance_timeout and host_maintenance_poll positive numbers of seconds (got soon and 1)"),
    (["-e", "host_maintenance_cluster=nocluster"], "host_maintenance_cluster nocluster: no such cluster with hosts"),
    (["-e", "host_maintenance_hosts=kvm1,ghost"], "inventory host ghost: no CloudStack host is named or addressed ghost"),
    (["-e", "host_maintenance_tasks=/nonexistent/ops.yml"], "host_maintenance_tasks /nonexistent/ops.yml: no such file"),
])
def test_bad_input_changes_nothing(cloud, args, text):
    cloud.deploy("a0", "kvm1")
    res = play(cloud, *args)
    assert res["rc"] != 0 and text in res["out"], res["out"][-3000:]
    assert calls(cloud, "prepareHostForMaintenance") == 0 and order(cloud) == []
    assert json.dumps(host(cloud, "kvm1")["resourcestate"]) == '"Enabled"'


def test_check_mode_changes_nothing(cloud):
    cloud.deploy("a0", "kvm1")
    res = play(cloud, "--check", "--limit", "kvm1")
    assert res["rc"] == 0 and res["failed"] == 0, res["out"][-4000:]
    assert res["changed"] > 0  # what it would do
    assert calls(cloud, "prepareHostForMaintenance") == 0 and calls(cloud, "cancelHostMaintenance") == 0
    assert host(cloud, "kvm1")["resourcestate"] == "Enabled" and not (cloud.tmp / "kvm1.done").exists() and order(cloud) == []
