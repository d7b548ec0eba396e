"""The health check (playbooks/healthcheck.yml) against the converged all-in-one host: healthy, then broken on purpose.

The playbook runs from this machine (the controller) with the molecule inventory: the host play on cloud1 (groups db,
management, nfs, kvm) and the API play on the controller against the stand-in management server's API (the bundled
simulator on 8080; the admin's keys from its /admin.json). Each run must leave the host as it was (active units, /etc,
packages, MySQL variables, firewall, exports). The breakages are repaired at the end, whatever the outcome.
"""
import json
import os
import pathlib
import subprocess
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
HOST = "cloud1"
ADDRESS = "10.89.0.10"
API = f"http://{ADDRESS}:8080/client/api"
STRONG = "Hc-molecule-admin-1"  # a test-only admin password for the throw-away host


def inventory():
    if os.environ.get("MOLECULE_INVENTORY_FILE"):
        return os.environ["MOLECULE_INVENTORY_FILE"]
    return str(pathlib.Path(os.environ["MOLECULE_EPHEMERAL_DIRECTORY"]) / "inventory")


def admin_keys():
    with urllib.request.urlopen(f"http://{ADDRESS}:8080/admin.json", timeout=10) as resp:
        return json.load(resp)


def set_admin_password(keys, password):
    from cs import CloudStack  # the cs client of the project's venv

    api = CloudStack(endpoint=API, key=keys["apikey"], secret=keys["secretkey"])
    admin = [u for u in api.listUsers(username="admin", listall=True)["user"] if u["account"] == "admin"][0]
    api.updateUser(id=admin["id"], password=password)


def run_healthcheck(keys, workdir, name):
    report = pathlib.Path(workdir) / name
    extra = pathlib.Path(workdir) / f"{name}-vars.json"
    extra.write_text(json.dumps({"cloudstack_api_url": API, "cloudstack_api_key": keys["apikey"],
                                 "cloudstack_api_secret": keys["secretkey"], "healthcheck_fail_on": "never",
                                 "healthcheck_report_dir": str(report)}))
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(ROOT / "collections"), ANSIBLE_ROLES_PATH=str(ROOT / "roles"),
               ANSIBLE_HOST_KEY_CHECKING="False", ANSIBLE_NOCOLOR="1")
    run = subprocess.run(["ansible-playbook", "-i", inventory(), str(ROOT / "playbooks" / "healthcheck.yml"), "-e", f"@{extra}"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    extra.unlink()  # it holds the API secret
    (pathlib.Path(workdir) / f"{name}.log").write_text(run.stdout + run.stderr)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert keys["secretkey"] not in run.stdout + run.stderr
    return json.loads((report / "report.json").read_text())


def state(host):
    """What a read-only check must not change."""
    return {
        "units": host.check_output("systemctl list-units --all --plain --no-legend --type=service,socket "
                                   "| awk '{print $1, $3, $4}' | sort"),
        "etc": host.check_output("find /etc -xdev -type f -print0 | sort -z | xargs -0 md5sum"),
        "packages": host.check_output("dpkg-query -W -f '${Package} ${Version} ${Status}\\n'"),
        "mysql": host.check_output("mysql --batch --skip-column-names -e %s", "SHOW GLOBAL VARIABLES"),
        "firewall": host.check_output("nft list ruleset"),
        "exports": host.check_output("showmount -e --no-headers 127.0.0.1"),
    }


def assert_unchanged(before, after):
    for key in before:
        assert before[key] == after[key], key


def host_findings(report):
    return [f for f in report["findings"] if f["target"].split()[0] == HOST]


def as_a_datacenter_leaves_it(host):
    """After install.yml alone no zone exists: CloudStack's addHost would start the agent (cloudstack-setup-agent), and a
    real management server listens on 8250 for it. The stand-in serves only the API, so a plain listener stands in."""
    host.check_output("systemctl start cloudstack-agent")
    # a real agent keeps a libvirt connection open, so libvirtd (which Debian's exits when idle) stays up
    host.check_output("virsh -r -c qemu:///system uri")
    if host.run("systemctl is-active csops-hc-8250").rc != 0:
        host.check_output("systemd-run --unit=csops-hc-8250 python3 -c %s",
                          "import socket\ns = socket.create_server(('0.0.0.0', 8250))\nwhile True: s.accept()[0].close()")
    host.check_output("for i in 1 2 3 4 5; do ss -Hltn | grep -q ':8250 ' && break; sleep 1; done; ss -Hltn | grep ':8250 '")


def break_host(host):
    host.run("systemctl stop cloudstack-agent")
    host.run("systemctl stop libvirtd.service libvirtd.socket libvirtd-ro.socket libvirtd-admin.socket libvirtd-tcp.socket")
    host.check_output("mysql -e %s", "SET GLOBAL max_connections = 42")
    host.check_output("systemd-run --unit=csops-hc-8096 python3 -m http.server --bind 0.0.0.0 8096")
    host.check_output("nft insert rule inet cloudstack input tcp dport 8096 accept")
    # 8250 (the agents' port; the stand-in listener of as_a_datacenter_leaves_it) opened to everyone, the controller too
    host.check_output("nft insert rule inet cloudstack input tcp dport 8250 accept")
    # the secondary storage directory gone from under the export (ganesha keeps serving its handle)
    host.check_output("mv /export/secondary /export/secondary.hc-moved")
    # nfs-ganesha: remove the export of /export/primary (Export_Id 1) at run time, as exportfs -u does for the kernel server
    host.check_output("dbus-send --system --print-reply --dest=org.ganesha.nfsd /org/ganesha/nfsd/ExportMgr "
                      "org.ganesha.nfsd.exportmgr.RemoveExport uint16:1")


def repair_host(host):
    host.run("test -d /export/secondary.hc-moved && mv /export/secondary.hc-moved /export/secondary")
    host.run("systemctl stop csops-hc-8250 cloudstack-agent")
    host.run("systemctl stop csops-hc-8096")
    host.run("nft -f /etc/nftables.conf")
    host.run("mysql -e %s", "SET GLOBAL max_connections = 350")
    host.run("systemctl start libvirtd.socket libvirtd-ro.socket libvirtd-admin.socket libvirtd-tcp.socket libvirtd.service")
    host.run("systemctl restart nfs-ganesha")


@pytest.fixture(scope="module")
def runs(host, tmp_path_factory):
    keys = admin_keys()
    workdir = tmp_path_factory.mktemp("healthcheck")  # the reports and playbook logs (pytest keeps the last runs)
    out = {"workdir": workdir}
    set_admin_password(keys, STRONG)
    try:
        as_a_datacenter_leaves_it(host)
        out["before_healthy"] = state(host)
        out["healthy"] = run_healthcheck(keys, workdir, "healthy")
        out["after_healthy"] = state(host)
        break_host(host)
        set_admin_password(keys, "password")
        out["before_broken"] = state(host)
        out["broken"] = run_healthcheck(keys, workdir, "broken")
        out["after_broken"] = state(host)
        yield out
    finally:
        repair_host(host)
        set_admin_password(keys, STRONG)


def test_healthy_host_has_no_critical_host_finding(host, runs):
    critical = [f for f in host_findings(runs["healthy"]) if f["severity"] == "critical"]
    # a container on a machine without VT-x/AMD-V: H15 is right to be critical there, and only there
    if host.run("grep -qE '\\b(vmx|svm)\\b' /proc/cpuinfo").rc != 0:
        critical = [f for f in critical if f["id"] != "H15"]
    assert critical == []
    assert runs["healthy"]["check_mode"] in (False, "False", "false")
    assert not [f for f in runs["healthy"]["findings"] if f["id"] == "H23" and f["severity"] == "critical"]


def test_the_check_changed_nothing(runs):
    assert_unchanged(runs["before_healthy"], runs["after_healthy"])
    assert_unchanged(runs["before_broken"], runs["after_broken"])


def found(report, check, text):
    return [f for f in report["findings"] if f["id"] == check and text in f["evidence"] and f["severity"] == "critical"]


def test_agent_stopped_is_h8(runs):
    assert found(runs["broken"], "H8", "cloudstack-agent not active"), runs["broken"]["findings"]


def test_libvirt_stopped_is_h9(runs):
    assert found(runs["broken"], "H9", "libvirtd or libvirtd.socket not active")
    assert found(runs["broken"], "H9", "libvirt does not answer")


def test_mysql_max_connections_is_h6(runs):
    assert not [f for f in runs["healthy"]["findings"] if f["id"] == "H6" and "max_connections = 42" in f["evidence"]]
    got = [f for f in runs["broken"]["findings"] if f["id"] == "H6" and f["evidence"].startswith("max_connections = 42,")]
    assert got and got[0]["severity"] == "warning"


def test_port_8096_is_h24(runs):
    assert not [f for f in runs["healthy"]["findings"] if f["id"] == "H24"]
    assert found(runs["broken"], "H24", "TCP 8096 of cloud1 (10.89.0.10) reachable from the controller")


def test_port_8250_open_to_the_controller_is_h24(runs):
    """The probes from the controller (the all-in-one host has no other host to probe from): 8250 must be closed to it,
    only KVM hosts and load balancers need it; the database port, closed to it too, stays closed in both runs."""
    got = [f for f in runs["broken"]["findings"] if f["id"] == "H24" and "TCP 8250 of cloud1" in f["evidence"]]
    assert [(f["severity"], f["target"]) for f in got] == [("warning", HOST)], runs["broken"]["findings"]
    assert "reachable from the controller (only the KVM hosts and load balancers need the agent port)" in got[0]["evidence"]
    assert not [f for f in runs["broken"]["findings"] if f["id"] == "H24" and "TCP 3306" in f["evidence"]]


def test_h6_max_connections_follows_the_management_servers(runs):
    """350 for the one management server of the inventory: the mysql role's value is what the check wants."""
    assert not [f for f in runs["healthy"]["findings"] if f["id"] == "H6"], runs["healthy"]["findings"]


def test_secondary_storage_writable_is_h16(runs):
    """The exported directories exist and root can write to them (access(2), nothing written) with room left; the
    secondary one moved away is a critical H16."""
    assert not [f for f in host_findings(runs["healthy"]) if f["id"] in ("H16", "H17") and f["severity"] == "critical"], \
        runs["healthy"]["findings"]
    assert found(runs["broken"], "H16", "exported directory /export/secondary does not exist")


def test_default_admin_password_is_h23(runs):
    assert [f for f in runs["broken"]["findings"] if f["id"] == "H23" and f["severity"] == "critical" and f["target"] == "admin"]


def test_export_removed_is_h16(runs):
    assert not [f for f in runs["healthy"]["findings"] if f["id"] == "H16" and "not served" in f["evidence"]]
    assert found(runs["broken"], "H16", "export /export/primary not served")
