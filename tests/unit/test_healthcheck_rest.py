"""The healthcheck rules added for H16 (the SSVM's view of the image stores, the exported directories), H17 (the KVM
hosts' NFS mounts, dmesg), H18 (the system VM's agent reaches the management server) and H24 (the port probes between
the inventory's hosts and from the controller), plus the role's two probe scripts run for real on this machine."""
import json
import os
import pathlib
import socket
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "collections"))
from ansible_collections.csops.cloudstack.plugins.filter import healthcheck as hc  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
FILES = ROOT / "roles" / "healthcheck" / "files"
NOW = 1_800_000_000.0
ZONE = [{"id": "z1", "name": "z1", "network_type": "Advanced", "allocation_state": "Enabled"}]
SSVM = {"name": "s-1-VM", "zone": "z1", "system_vm_type": "secondarystoragevm", "state": "Running", "agent_state": "Up",
        "public_ip": "1.2.3.4"}
GIB = 2 ** 30


def h16(stores, vms=(SSVM,)):
    got = hc.healthcheck_findings({"zones": ZONE, "image_stores": stores, "system_vms": list(vms)}, {"now": NOW})
    return [(f["severity"], f["target"], f["evidence"]) for f in got if f["id"] == "H16"]


def test_h16_the_ssvm_view_of_the_image_stores():
    store = {"name": "sec1", "zoneid": "z1", "readonly": False, "url": "nfs://10.0.0.31/export/secondary",
             "disksizetotal": 100 * GIB, "disksizeused": 10 * GIB}
    assert h16([store]) == []
    assert h16([dict(store, disksizeused=85 * GIB)]) == [
        ("warning", "sec1", "image store 85.00% full (85 of 100 GiB used) >= 80%")]
    no_size = dict(store)
    del no_size["disksizetotal"], no_size["disksizeused"]
    for bad in (no_size, dict(store, disksizetotal=0)):
        got = h16([bad])
        assert len(got) == 1 and got[0][:2] == ("warning", "sec1") and "not mounted or not readable on the SSVM" in got[0][2]
    stopped = dict(SSVM, state="Stopped", agent_state="Disconnected")
    assert h16([store], [stopped]) == [("warning", "z1", "no Running secondary storage VM with its agent Up (s-1-VM "
                                                         "Stopped/Disconnected): nothing mounts the zone's image stores (H18)")]
    assert h16([store], [dict(SSVM, agent_state="Disconnected")])[0][2].startswith("no Running secondary storage VM")
    assert "(none)" in h16([store], [])[0][2]
    # no system VM data read: only the store rules of before
    got = hc.healthcheck_findings({"zones": ZONE, "image_stores": [dict(store, disksizetotal=0)]}, {"now": NOW})
    assert [f for f in got if f["id"] == "H16"] == []


GROUPS = {"all": ["db", "mgmt1", "mgmt2", "lb", "nfs", "kvm1"], "db": ["db"], "management": ["mgmt1", "mgmt2"],
          "loadbalancer": ["lb"], "nfs": ["nfs"], "kvm": ["kvm1"]}
ADDRESSES = {"db": "10.0.0.11", "mgmt1": "10.0.0.21", "mgmt2": "10.0.0.22", "lb": "10.0.0.5", "nfs": "10.0.0.31",
             "kvm1": "10.0.0.41"}


def plan(source, **settings):
    return sorted((p["target"], p["port"], p["expect"], p["severity"])
                  for p in hc.healthcheck_port_probes(source, GROUPS, ADDRESSES, settings))


def test_h24_probe_plan_follows_the_install_firewall():
    assert plan("kvm1") == [
        ("db", 3306, "closed", "warning"), ("lb", 8096, "closed", "critical"), ("lb", 8250, "open", "warning"),
        ("mgmt1", 8080, "closed", "warning"), ("mgmt1", 8096, "closed", "critical"),
        ("mgmt2", 8080, "closed", "warning"), ("mgmt2", 8096, "closed", "critical")]  # kvm -> MS 8250 is H8's
    assert plan("lb") == [
        ("db", 3306, "closed", "warning"), ("mgmt1", 8080, "open", "critical"), ("mgmt1", 8096, "closed", "critical"),
        ("mgmt1", 8250, "open", "critical"), ("mgmt2", 8080, "open", "critical"), ("mgmt2", 8096, "closed", "critical"),
        ("mgmt2", 8250, "open", "critical")]
    # a management server: only its peers' 8096 and the lb's (the database is not probed from it: max_connect_errors)
    assert plan("mgmt1") == [("lb", 8096, "closed", "critical"), ("mgmt2", 8096, "closed", "critical")]
    nfs = plan("nfs")
    assert ("mgmt1", 8250, "closed", "warning") in nfs and ("mgmt1", 8080, "closed", "warning") in nfs
    # a host in the admin network may reach 8080
    assert ("mgmt1", 8080, "closed", "warning") not in plan("nfs", admin_sources=["10.0.0.0/24"])
    # the controller: an admin machine, 8080 not judged
    assert plan("controller", only_target="mgmt1") == [("mgmt1", 8096, "closed", "critical"), ("mgmt1", 8250, "closed", "warning")]
    assert plan("controller", only_target="db", db_port=3307) == [("db", 3307, "closed", "warning")]


def test_h24_all_in_one_probes_only_from_the_controller():
    groups = {"all": ["cloud1"], "db": ["cloud1"], "management": ["cloud1"], "nfs": ["cloud1"], "kvm": ["cloud1"]}
    assert hc.healthcheck_port_probes("cloud1", groups, {"cloud1": "10.89.0.10"}) == []
    got = hc.healthcheck_port_probes("controller", groups, {"cloud1": "10.89.0.10"}, {"only_target": "cloud1"})
    assert sorted((p["port"], p["expect"]) for p in got) == [(3306, "closed"), (8096, "closed"), (8250, "closed")]


def test_h24_judged_against_the_plan():
    probes = hc.healthcheck_port_probes("kvm1", GROUPS, ADDRESSES)
    lines = "\n".join(json.dumps({"address": p["address"], "port": p["port"], "result": "timeout"}) for p in probes)
    lines = lines.replace('"port": 8096, "result": "timeout"}', '"port": 8096, "result": "open"}', 1)  # the lb's 8096
    facts = {"host": "kvm1", "groups": ["kvm"], "port_probes": hc.probe_results(lines + "\nnot json", probes, "kvm1")}
    got = sorted((f["id"], f["severity"], f["target"], f["evidence"]) for f in hc.host_h24(facts))
    assert got == [("H24", "critical", "lb", "TCP 8096 of lb (10.0.0.5) reachable from kvm1 (the unauthenticated integration "
                                             "API must be closed to every host)"),
                   ("H24", "warning", "lb", "TCP 8250 of lb (10.0.0.5) not reachable from kvm1: timeout (the agents "
                                            "connect to it)")]
    # a probe that gave no result is not judged
    assert hc.probe_results("", probes, "kvm1") == []


def paths(*items):
    return "\n".join(json.dumps(i) for i in items)


UNITS = "\n\n".join("Id=%s.service\nLoadState=loaded\nActiveState=active" % u for u in ("chronyd", "nfs-server"))


def storage(groups, **facts):
    got = hc.healthcheck_host_findings(dict({"host": "n1", "groups": groups, "units": UNITS, "kernel": ""}, **facts))
    return [(f["id"], f["severity"], f["evidence"]) for f in got if f["id"] in ("H16", "H17")]


def test_h16_h17_exported_directories_on_the_nfs_server():
    ok = {"path": "/export/secondary", "exists": True, "writable": True, "readonly": False, "used_percent": 12.5, "avail_mb": 9000}
    primary = dict(ok, path="/export/primary")
    assert storage(["nfs"], export_dirs=paths(ok, primary), secondary_exports=["/export/secondary"]) == []
    got = storage(["nfs"], secondary_exports=["/export/secondary"], export_dirs=paths(
        dict(ok, readonly=True, writable=False, used_percent=91.0, avail_mb=100), {"path": "/export/primary", "exists": False},
        {"path": "/export/other", "hung": True}),
        exports="/export/secondary  10.0.0.0/24(sync,wdelay,ro,secure,no_root_squash)")
    assert sorted(got) == [
        ("H16", "critical", "export /export/secondary is read-only (10.0.0.0/24(sync,wdelay,ro,secure,no_root_squash))"),
        ("H16", "critical", "exported directory /export/secondary is not writable by root (read-only filesystem)"),
        ("H16", "warning", "exported directory /export/secondary is 91.0% full (100 MiB free) >= 80%"),
        ("H17", "critical", "exported directory /export/other does not answer (statvfs timed out)"),
        ("H17", "critical", "exported directory /export/primary does not exist")]
    # access(2) refused without a read-only filesystem
    got = storage(["nfs"], export_dirs=paths(dict(primary, writable=False)))
    assert got == [("H17", "critical", "exported directory /export/primary is not writable by root (access(W_OK) as root: denied)")]


def test_h17_nfs_mounts_and_dmesg_on_a_kvm_host():
    mount = {"path": "/mnt/0b1c", "source": "10.0.0.31:/export/primary", "exists": True, "writable": True, "readonly": False,
             "used_percent": 99.0}
    assert storage(["kvm"], nfs_mounts=paths(mount), dmesg="") == []  # the pool's fill is the API's (H20)
    got = storage(["kvm"], nfs_mounts=paths(dict(mount, readonly=True), {"path": "/mnt/dead", "hung": True}),
                  dmesg="[Fri Dec  4 10:00:00 2026] nfs: server 10.0.0.31 not responding, still trying\n"
                        "[Fri Dec  4 10:00:09 2026] nfs: server 10.0.0.31 not responding, timed out\n")
    assert sorted(got) == [
        ("H17", "critical", "NFS mount /mnt/0b1c is not writable by root (read-only filesystem)"),
        ("H17", "critical", "NFS mount /mnt/dead does not answer (statvfs timed out)"),
        ("H17", "warning", "2 NFS/RPC error line(s) in dmesg, last: [Fri Dec  4 10:00:09 2026] nfs: server 10.0.0.31 not "
                           "responding, timed out")]
    got = storage(["kvm"], dmesg="unreadable dmesg: read kernel buffer failed: Operation not permitted")
    assert got == [("H17", "info", "dmesg not readable here (dmesg: read kernel buffer failed: Operation not permitted): RPC "
                                   "errors not scanned")]


def script(name, arg, python=sys.executable):
    out = subprocess.run([python, "-c", (FILES / name).read_text(), json.dumps(arg)], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    return [json.loads(line) for line in out.stdout.splitlines()]


def test_probe_ports_script_connects_and_closes():
    listener = socket.create_server(("127.0.0.1", 0))
    open_port = listener.getsockname()[1]
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    closed_port = closed.getsockname()[1]  # bound, not listening: refused
    try:
        got = script("probe_ports.py", [{"address": "127.0.0.1", "port": open_port}, {"address": "127.0.0.1", "port": closed_port}])
    finally:
        listener.close()
        closed.close()
    assert sorted((g["port"], g["result"]) for g in got) == sorted([(open_port, "open"), (closed_port, "refused")])


def test_probe_paths_script_reads_without_writing(tmp_path):
    before = sorted(os.listdir(tmp_path))
    got = {g["path"]: g for g in script("probe_paths.py", [str(tmp_path), str(tmp_path / "missing")])}
    assert sorted(os.listdir(tmp_path)) == before  # nothing created
    mine = got[str(tmp_path)]
    assert mine["exists"] is True and mine["writable"] is os.access(tmp_path, os.W_OK) and mine["readonly"] is False
    assert 0 <= mine["used_percent"] <= 100 and mine["avail_mb"] >= 0
    assert got[str(tmp_path / "missing")]["exists"] is False
    mounts = script("probe_paths.py", "nfs-mounts")  # this machine's NFS mounts (usually none): each answered
    assert all("hung" in m or "exists" in m for m in mounts)
