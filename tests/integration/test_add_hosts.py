"""playbooks/add_hosts.yml (role csops.cloudstack.add_hosts), its API part against the sandbox simulator.

The sandbox's advanced zone gets two KVM clusters (kvm-a and kvm-b) in pod POD0-adv. The inventory's group kvm_new has
new1 and new2 (ansible_connection=local, add_hosts_address 10.50.0.11 and .12); add_hosts_prepare=false leaves out
the roles common and kvm_agent and add_hosts_agent_setup=never the host side (molecule/multinode's test_ops1_add_hosts
covers both on a real test host): here addHost, the wait until Up, re-runs, check mode and the input checks.
"""
import os
import pathlib
import re
import subprocess
import sys

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLAYBOOK = ROOT / "playbooks" / "add_hosts.yml"
ANSIBLE_PLAYBOOK = pathlib.Path(sys.executable).parent / "ansible-playbook"
RECAP_RE = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)
ADV = "Sandbox-simulator-advanced"
PASSWORD = "s3cret-host-pw"
ADDRESSES = {"new1": "10.50.0.11", "new2": "10.50.0.12"}


@pytest.fixture
def cloud(make_simserver, tmp_path):
    sim = make_simserver(datacenter="sandbox", job_seconds=0.02)
    zone = next(z for z in sim.ok("listZones")["zone"] if z["name"] == ADV)
    pod = sim.ok("listPods", zoneid=zone["id"])["pod"][0]
    clusters = {name: sim.ok("addCluster", zoneid=zone["id"], podid=pod["id"], clustername=name, hypervisor="KVM",
                             clustertype="CloudManaged")["cluster"][0] for name in ("kvm-a", "kvm-b")}

    def inventory(**overrides):
        hosts = {name: {"add_hosts_address": address} for name, address in ADDRESSES.items()}
        for name, hv in overrides.pop("hostvars", {}).items():
            hosts[name].update(hv)
        variables = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable,
                     "cloudstack_api_url": sim.endpoint, "cloudstack_api_key": sim.key, "cloudstack_api_secret": sim.secret,
                     "add_hosts_prepare": False, "add_hosts_agent_setup": "never", "add_hosts_poll": 1, "add_hosts_timeout": 20,
                     "add_hosts_password": PASSWORD, "add_hosts_zone": ADV, "add_hosts_pod": pod["name"], "add_hosts_cluster": "kvm-a",
                     **overrides}
        inv = {"all": {"children": {"kvm_new": {"hosts": hosts, "vars": variables}}}}
        path = tmp_path / "inventory.yml"
        path.write_text(yaml.safe_dump(inv, sort_keys=False))
        return path

    class Cloud:
        pass

    c = Cloud()
    c.sim, c.zone, c.pod, c.clusters, c.inventory = sim, zone, pod, clusters, inventory
    return c


def play(cloud, *args, **overrides):
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_FORCE_COLOR="0", ANSIBLE_NOCOLOR="1")
    proc = subprocess.run([str(ANSIBLE_PLAYBOOK), "-i", str(cloud.inventory(**overrides)), str(PLAYBOOK), *args], cwd=str(ROOT),
                          env=env, capture_output=True, text=True, timeout=300)
    out = " ".join((proc.stdout + proc.stderr).split())
    recap = RECAP_RE.findall(proc.stdout)
    assert PASSWORD not in out and cloud.sim.secret not in out
    return {"rc": proc.returncode, "changed": sum(int(r[2]) for r in recap), "out": out}


def kvm_hosts(cloud):
    hosts = cloud.sim.ok("listHosts", zoneid=cloud.zone["id"], hypervisor="KVM").get("host", [])
    return {h["ipaddress"]: h for h in hosts}


def calls(cloud, command):
    return cloud.sim.sim.calls.get(command, 0)


def test_hosts_added_up_and_a_second_run_changes_nothing(cloud):
    res = play(cloud)
    assert res["rc"] == 0, res["out"][-5000:]
    hosts = kvm_hosts(cloud)
    assert set(hosts) == set(ADDRESSES.values())
    for h in hosts.values():
        assert (h["state"], h["resourcestate"], h["hypervisor"], h["clustername"], h["podname"]) == ("Up", "Enabled", "KVM", "kvm-a", cloud.pod["name"])
    assert calls(cloud, "addHost") == 2 and res["changed"] == 2
    again = play(cloud)
    assert again["rc"] == 0 and again["changed"] == 0, again["out"][-5000:]
    assert calls(cloud, "addHost") == 2 and set(kvm_hosts(cloud)) == set(ADDRESSES.values())


def test_check_mode_adds_nothing_and_reports_the_change(cloud):
    res = play(cloud, "--check", "--diff")
    assert res["rc"] == 0 and res["changed"] == 2, res["out"][-5000:]
    assert kvm_hosts(cloud) == {} and calls(cloud, "addHost") == 0


def test_host_tags_and_a_host_per_cluster(cloud):
    res = play(cloud, hostvars={"new2": {"add_hosts_cluster": "kvm-b", "add_hosts_host_tags": ["ssd", "gpu"]}})
    assert res["rc"] == 0, res["out"][-5000:]
    hosts = kvm_hosts(cloud)
    assert hosts["10.50.0.11"]["clustername"] == "kvm-a" and hosts["10.50.0.12"]["clustername"] == "kvm-b"
    assert set(hosts["10.50.0.12"]["hosttags"].split(",")) == {"ssd", "gpu"} and "hosttags" not in hosts["10.50.0.11"]


def test_a_host_already_in_another_cluster_is_refused_before_anything_changes(cloud):
    cloud.sim.ok("addHost", zoneid=cloud.zone["id"], podid=cloud.pod["id"], clusterid=cloud.clusters["kvm-b"]["id"], hypervisor="KVM",
                 url="http://10.50.0.12", username="root", password="x")
    res = play(cloud)
    assert res["rc"] != 0
    assert "new2: address 10.50.0.12 (add_hosts_address) is already in CloudStack as host 10.50.0.12 in zone " + ADV in res["out"]
    assert "cluster kvm-b - not in add_hosts_cluster 'kvm-a'" in res["out"]
    assert calls(cloud, "addHost") == 1 and set(kvm_hosts(cloud)) == {"10.50.0.12"}  # new1 not added either


@pytest.mark.parametrize("overrides, message", [
    ({"add_hosts_zone": "nozone"}, "new1: add_hosts_zone 'nozone': no such zone (zones: Sandbox-simulator-advanced, Sandbox-simulator-basic)"),
    ({"add_hosts_pod": "nopod"}, "new1: add_hosts_pod 'nopod': no such pod in zone Sandbox-simulator-advanced (pods: POD0-adv)"),
    ({"add_hosts_cluster": "nocluster"}, "new1: add_hosts_cluster 'nocluster': no such cluster in zone Sandbox-simulator-advanced, pod POD0-adv"),
    ({"add_hosts_cluster": "C0-adv"}, "new1: add_hosts_cluster 'C0-adv' is a Simulator cluster, not KVM"),
    ({"add_hosts_password": ""}, "new1: add_hosts_password is empty and add_hosts_ssh_public_key is not set"),
    ({"hostvars": {"new2": {"add_hosts_address": "kvm-new2.example"}}},
     "new2: add_hosts_address 'kvm-new2.example' is not an IP address"),
    ({"hostvars": {"new2": {"add_hosts_address": "10.50.0.11"}}}, "two hosts of the play have the same add_hosts_address (new1=10.50.0.11, new2=10.50.0.11)"),
    ({"add_hosts_agent_setup": "sometimes"}, "add_hosts_agent_setup must be auto, never or always (got sometimes)"),
    ({"add_hosts_timeout": "soon"}, "add_hosts_timeout and add_hosts_poll positive numbers of seconds (got soon and 1)"),
    ({"add_hosts_username": "Bad User"}, "add_hosts_username an account name (got Bad User)"),
    ({"add_hosts_username": "csops-no-such-user"}, "add_hosts_username csops-no-such-user is not an account on new1: create it"),
])
def test_bad_input_is_refused_with_the_variable_and_value_and_nothing_changes(cloud, overrides, message):
    res = play(cloud, **overrides)
    assert res["rc"] != 0 and message in res["out"], res["out"][-5000:]
    assert calls(cloud, "addHost") == 0 and kvm_hosts(cloud) == {}
