"""playbooks/add_hosts.yml adds kvm3 (group kvm_new, created but left alone by converge) end to end, from the controller.

The API is mgmt1's (http://10.89.0.21:8080): the stand-in management service is the API simulator and each management
server keeps its CloudStack state in its own sqlite file (mgmt1 and mgmt2 do not share it, unlike real management
servers on one database), so the test and the playbook talk to one server rather than through the load balancer. After
install.yml no zone exists: the test makes one (zone, pod, KVM cluster) and sets the "host" global setting to mgmt1, as
an operator's cloud has it. The simulator's addHost cannot SSH to kvm3, so the role runs on kvm3 what addHost runs
there (cloudstack-setup-agent -m .. -z .. -p .. -c .. -g <guid> -a -s); a plain listener on mgmt1's 8250 stands in for
the management server's agent port (the stand-in serves only the API), so the agent's connection through the firewalls
is checked too. A second run must report changed=0 on every host and leave kvm3's agent files as the first run left them.
"""
import hashlib
import json
import urllib.request
import uuid

import pytest
import testinfra
from ops_helpers import inventory, run_playbook

MGMT1 = "10.89.0.21"
KVM3 = "10.89.0.43"
API = f"http://{MGMT1}:8080/client/api"
ZONE, POD, CLUSTER = "ops1-zone", "ops1-pod", "ops1-kvm"
HOST_PASSWORD = "molecule-kvm3-root-pw"  # test-only: the simulator does not log into the host

testinfra_hosts = ["ansible://kvm3"]


def api():
    from cs import CloudStack  # the cs client of the project's venv

    with urllib.request.urlopen(f"http://{MGMT1}:8080/admin.json", timeout=10) as resp:
        keys = json.load(resp)
    return CloudStack(endpoint=API, key=keys["apikey"], secret=keys["secretkey"]), keys


def datacenter(cs):
    """A zone, a pod and a KVM cluster on mgmt1 (install.yml makes none)."""
    zones = cs.listZones(name=ZONE).get("zone", [])
    zone = zones[0] if zones else cs.createZone(name=ZONE, dns1="10.89.0.1", internaldns1="10.89.0.1", networktype="Advanced")["zone"]
    pods = cs.listPods(name=POD, zoneid=zone["id"]).get("pod", [])
    pod = pods[0] if pods else cs.createPod(name=POD, zoneid=zone["id"], gateway="10.89.0.1", netmask="255.255.255.0",
                                            startip="10.89.0.200", endip="10.89.0.220")["pod"]
    clusters = cs.listClusters(name=CLUSTER, zoneid=zone["id"]).get("cluster", [])
    cluster = clusters[0] if clusters else cs.addCluster(zoneid=zone["id"], podid=pod["id"], clustername=CLUSTER, hypervisor="KVM",
                                                          clustertype="CloudManaged")["cluster"][0]
    cs.updateConfiguration(name="host", value=MGMT1)
    return zone, pod, cluster


def run_add_hosts(keys, workdir, name, ok=True, **extra):
    run = run_playbook("add_hosts.yml", {
        "cloudstack_api_url": API, "cloudstack_api_key": keys["apikey"], "cloudstack_api_secret": keys["secretkey"],
        "add_hosts_zone": ZONE, "add_hosts_pod": POD, "add_hosts_cluster": CLUSTER,
        "add_hosts_password": HOST_PASSWORD, "add_hosts_poll": 2, "add_hosts_timeout": 120,
        # as converge.yml gives kvm1 and kvm2
        "kvm_agent_qemu_extra_settings": {"remember_owner": "0", "cgroup_controllers": "[ ]"}, **extra}, workdir, name)
    assert (run.rc == 0) == ok, run.out[-8000:]
    return {"out": run.out, "flat": run.flat, "changed": run.changed}


def agent_files(kvm3):
    return {p: kvm3.file(p).md5sum for p in ("/etc/cloudstack/agent/agent.properties", "/etc/libvirt/libvirtd.conf", "/etc/libvirt/qemu.conf")}


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    inv = inventory()
    kvm3 = testinfra.get_host("ansible://kvm3", ansible_inventory=inv)
    mgmt1 = testinfra.get_host("ansible://mgmt1", ansible_inventory=inv)
    cs, keys = api()
    zone, pod, cluster = datacenter(cs)
    workdir = tmp_path_factory.mktemp("add_hosts")
    if mgmt1.run("systemctl is-active csops-ops1-8250").rc != 0:
        mgmt1.check_output("systemd-run --unit=csops-ops1-8250 python3 -c %s",
                           "import socket\ns = socket.create_server(('0.0.0.0', 8250))\nwhile True: s.accept()[0].close()")
    try:
        first = run_add_hosts(keys, workdir, "first")
        files = agent_files(kvm3)
        second = run_add_hosts(keys, workdir, "second")
        yield {"cs": cs, "zone": zone, "pod": pod, "cluster": cluster, "first": first, "second": second, "files": files,
               "kvm3": kvm3, "mgmt1": mgmt1, "kvm1": testinfra.get_host("ansible://kvm1", ansible_inventory=inv)}
    finally:
        mgmt1.run("systemctl stop csops-ops1-8250")


def test_kvm3_is_up_in_its_cluster(added):
    hosts = [h for h in added["cs"].listHosts(type="Routing", zoneid=added["zone"]["id"]).get("host", []) if h["ipaddress"] == KVM3]
    assert len(hosts) == 1
    h = hosts[0]
    assert (h["state"], h["resourcestate"], h["hypervisor"], h["clustername"], h["podname"]) == ("Up", "Enabled", "KVM", CLUSTER, POD)
    assert added["first"]["changed"].get("kvm3", 0) > 0


def test_common_on_kvm3(added):
    kvm3 = added["kvm3"]
    assert kvm3.check_output("hostname --fqdn") == "kvm3.csops.test"
    assert kvm3.service("nftables").is_enabled
    rules = kvm3.check_output("nft list ruleset")
    assert "16509" in rules and "16514" in rules  # kvm3 counted as a KVM host: libvirt opened to the management servers


def test_kvm_agent_on_kvm3(added):
    kvm3 = added["kvm3"]
    assert kvm3.package("cloudstack-agent").is_installed
    assert kvm3.service("cloudstack-agent").is_enabled and kvm3.service("cloudstack-agent").is_running
    assert kvm3.interface("cloudbr0").exists and kvm3.interface("cloudbr1").exists
    assert kvm3.check_output("virsh -r -c qemu:///system uri") == "qemu:///system"


def test_agent_set_up_as_addhost_does(added):
    kvm3 = added["kvm3"]
    props = dict(line.split("=", 1) for line in kvm3.file("/etc/cloudstack/agent/agent.properties").content_string.splitlines()
                 if "=" in line and not line.startswith("#"))
    guid = str(uuid.UUID(bytes=hashlib.md5(KVM3.encode()).digest(), version=3))  # UUID.nameUUIDFromBytes(<address>)
    assert props["guid"] == guid and props["host"] == MGMT1
    assert (props["zone"], props["pod"], props["cluster"]) == (added["zone"]["id"], added["pod"]["id"], added["cluster"]["id"])
    assert props["private.network.device"] == "cloudbr0" and props["hypervisor.type"] == "kvm"
    conf = kvm3.file("/etc/libvirt/libvirtd.conf").content_string
    assert "listen_tls = 1" in conf and "listen_tcp = 0" in conf  # -s: TLS, as addHost leaves libvirt


def test_agent_reaches_the_management_server_through_the_firewalls(added):
    # mgmt1's firewall now lets kvm3 in on 8250 (the common role re-run with kvm3 counted in group kvm)
    assert KVM3 in added["mgmt1"].check_output("nft list ruleset")
    assert KVM3 in added["kvm1"].check_output("nft list ruleset")  # libvirt/migration peers
    log = added["kvm3"].check_output("journalctl -u cloudstack-agent --no-pager -o cat")
    assert f"connected to {MGMT1}:8250" in log


def test_second_run_changes_nothing(added):
    assert added["second"]["changed"] and set(added["second"]["changed"].values()) == {0}, added["second"]["changed"]
    assert agent_files(added["kvm3"]) == added["files"]
    assert "listen_tls = 1" in added["kvm3"].file("/etc/libvirt/libvirtd.conf").content_string


def test_a_non_root_account_gets_the_sudo_rule_addhost_needs(added, tmp_path):
    """add_hosts_username not root: an account kvm3 does not have is refused with nothing changed; once it exists, the
    role writes the sudo rule addHost needs (cloudstack-setup-agent and the CA framework's keystore scripts, no tty, no
    password, nothing else), checked with visudo; a second run changes nothing. The host is not added again."""
    kvm3, user = added["kvm3"], "csagent"
    rule = f"/etc/sudoers.d/cloudstack-agent-{user}"
    cs, keys = api()
    try:
        refused = run_add_hosts(keys, tmp_path, "user-missing", ok=False, add_hosts_username=user)
        assert f"add_hosts_username {user} is not an account on kvm3" in refused["flat"], refused["out"][-3000:]
        assert refused["changed"].get("kvm3") == 0 and set(refused["changed"].values()) == {0}, refused["changed"]
        assert not kvm3.file(rule).exists
        kvm3.check_output(f"useradd -m -s /bin/bash {user}")
        first = run_add_hosts(keys, tmp_path, "user-1", add_hosts_username=user)
        assert first["changed"]["kvm3"] > 0
        f = kvm3.file(rule)
        assert (f.user, f.group, f.mode) == ("root", "root", 0o440)
        assert kvm3.run("visudo -c").rc == 0

        def allowed(command):
            return kvm3.run("su -s /bin/sh %s -c %s", user, f"sudo -n -l {command}").rc == 0

        assert allowed("/usr/bin/cloudstack-setup-agent") and not allowed("/usr/bin/id")
        # the keystore scripts are not in the stand-in's cloudstack-common (sudo -l <command> needs the file): the
        # rules as sudo reads them for the user, listed by the user without a password
        rules = kvm3.check_output("su -s /bin/sh %s -c %s", user, "sudo -n -l")
        assert "!requiretty" in rules
        assert [line.strip() for line in rules.splitlines() if "NOPASSWD" in line] == [
            "(root) NOPASSWD: /usr/bin/cloudstack-setup-agent, /usr/share/cloudstack-common/scripts/util/keystore-setup, "
            "/usr/share/cloudstack-common/scripts/util/keystore-cert-import"]
        second = run_add_hosts(keys, tmp_path, "user-2", add_hosts_username=user)
        assert set(second["changed"].values()) == {0}, second["changed"]
        assert len([h for h in cs.listHosts(type="Routing").get("host", []) if h["ipaddress"] == KVM3]) == 1
    finally:
        kvm3.run(f"rm -f {rule}")
        kvm3.run(f"userdel -r {user}")
