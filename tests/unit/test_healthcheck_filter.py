"""The healthcheck role's filters: each check's rule on data shaped as the info modules and the api lookup return it."""
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "collections"))
from ansible.errors import AnsibleFilterError  # noqa: E402
from ansible_collections.csops.cloudstack.plugins.filter import healthcheck as hc  # noqa: E402

NOW = 1_800_000_000.0  # 2027-01-15T08:00:00Z
FIELDS = {"id", "title", "severity", "target", "evidence", "remedy", "source"}


def ts(seconds_ago):
    import datetime

    return datetime.datetime.fromtimestamp(NOW - seconds_ago, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


def run(**data):
    return hc.healthcheck_findings(data, {"now": NOW})


def only(findings, check):
    got = [f for f in findings if f["id"] == check]
    assert all(set(f) == FIELDS for f in got)
    assert all(f["remedy"] == hc.CHECKS[check][1] and f["source"] == hc.CHECKS[check][2] for f in got)
    return got


ZONES = [{"id": "z1", "name": "z1", "network_type": "Advanced", "allocation_state": "Enabled"},
         {"id": "z2", "name": "z2", "network_type": "Basic", "allocation_state": "Enabled"}]


def host(name, state="Up", cluster="c1", tags=(), hv="KVM", version="8", **extra):
    return dict(name=name, state=state, cluster=cluster, host_tags=list(tags), hypervisor=hv, hypervisor_version=version,
                host_type="Routing", **extra)


def test_h1_management_server_not_up():
    got = only(run(management_servers=[{"name": "ms1", "state": "Up"}, {"name": "ms2", "state": "Down"}]), "H1")
    assert [(f["target"], f["severity"]) for f in got] == [("ms2", "critical")]


def test_h7_hosts_not_up():
    got = only(run(hosts=[host("h1"), host("h2", "Alert"), host("h3", "Disconnected"), host("h4", "Connecting")]), "H7")
    assert [(f["target"], f["severity"]) for f in got] == [("h2", "critical"), ("h3", "critical"), ("h4", "warning")]
    assert "state Alert" in got[0]["evidence"]


def test_h16_zone_without_writable_image_store():
    stores = [{"name": "nfs1", "zoneid": "z1", "readonly": False}, {"name": "nfs2", "zoneid": "z2", "readonly": True}]
    got = only(run(zones=ZONES, image_stores=stores), "H16")
    assert [(f["target"], f["evidence"]) for f in got] == [("z2", "every image store is read-only: nfs2")]
    assert only(run(zones=ZONES, image_stores=stores[:1]), "H16")[0]["evidence"] == "no image store in the zone"
    assert only(run(zones=ZONES), "H16") == []  # not read: not judged


def test_h17_pools_not_up():
    got = only(run(pools=[{"name": "p1", "state": "Up"}, {"name": "p2", "state": "Maintenance"}, {"name": "p3", "state": "Down"}]),
               "H17")
    assert [(f["target"], f["severity"]) for f in got] == [("p3", "critical"), ("p2", "warning")]


def test_h18_system_vms():
    vms = [{"name": "s-1-VM", "zone": "z1", "system_vm_type": "secondarystoragevm", "state": "Running", "public_ip": "1.2.3.4"},
           {"name": "v-2-VM", "zone": "z1", "system_vm_type": "consoleproxy", "state": "Running"},
           {"name": "s-3-VM", "zone": "z2", "system_vm_type": "secondarystoragevm", "state": "Stopped"},
           {"name": "v-4-VM", "zone": "z2", "system_vm_type": "consoleproxy", "state": "Running", "agent_state": "Disconnected"}]
    got = only(run(zones=ZONES, system_vms=vms), "H18")
    assert sorted((f["target"], f["evidence"]) for f in got) == [
        ("s-3-VM", "secondarystoragevm state Stopped"), ("v-2-VM", "consoleproxy has no public IP"),
        ("v-4-VM", "consoleproxy agent state Disconnected: the VM's agent is not connected to the management server (8250)")]
    assert [f["severity"] for f in got if f["target"] == "v-4-VM"] == ["critical"]
    connecting = [dict(vms[3], agent_state="Connecting")]
    assert [f["severity"] for f in only(run(zones=ZONES[1:], system_vms=connecting), "H18") if f["target"] == "v-4-VM"] == ["warning"]
    got = only(run(zones=ZONES[:1], system_vms=vms[:1]), "H18")
    assert [(f["target"], f["evidence"]) for f in got] == [("z1", "no consoleproxy in the zone")]


def test_h19_starting_older_than_threshold():
    vms = [{"name": "old", "state": "Starting", "lastupdated": ts(3601)}, {"name": "new", "state": "Starting", "lastupdated": ts(60)},
           {"name": "created-only", "state": "Starting", "created": ts(7200)}]
    assert [f["target"] for f in only(run(vms_starting=vms), "H19")] == ["created-only", "old"]
    assert len(only(hc.healthcheck_findings({"vms_starting": vms}, {"now": NOW, "starting_threshold": 30}), "H19")) == 3


def test_h20_capacity_rows_and_line():
    clusters = [{"capacities": [
        {"name": "CPU", "zone": "z1", "pod": "p1", "cluster": "c1", "capacity_total": 100, "capacity_used": 85, "percent_used": 85.0},
        {"name": "MEMORY", "zone": "z1", "pod": "p1", "cluster": "c1", "percent_used": 79.99},
        {"name": "CPU_CORE", "zone": "z1", "pod": "p1", "cluster": "c1", "percent_used": 99.0}]}]
    zones = [{"capacities": [{"name": "CPU", "zone": "z1", "percent_used": 90.0, "percent_allocated": 80.0},
                             {"name": "SECONDARY_STORAGE", "zone": "z1", "percent_used": 81.5}]}]
    rows = hc.healthcheck_capacity_rows(clusters, zones)
    assert [(r["scope"], r["type"]) for r in rows] == [("cluster", "CPU"), ("cluster", "MEMORY"), ("zone", "CPU"),
                                                       ("zone", "SECONDARY_STORAGE")]
    got = only(run(capacity=rows), "H20")
    # per cluster the used percentage, per zone CPU/MEMORY the allocated one (its used one is what runs)
    assert sorted((f["target"], f["evidence"]) for f in got) == [
        ("cluster c1", "CPU used 85.00% >= 80%"), ("zone z1", "CPU allocated 80.00% >= 80%"),
        ("zone z1", "SECONDARY_STORAGE used 81.50% >= 80%")]
    assert only(hc.healthcheck_findings({"capacity": rows}, {"capacity_threshold": 90}), "H20") == []


def test_h21_tags_and_disable_threshold():
    hosts = [host("h1", tags=["gpu"], state="Alert"), host("h2", tags=["ssd-host", "fast"]),
             host("h3", cpu_allocated_disable_threshold=True)]
    pools = [{"name": "p1", "state": "Up", "storage_tags": ["ssd"]}, {"name": "p2", "state": "Maintenance", "storage_tags": ["hdd"]}]
    offerings = [{"name": "gpu", "hosttags": "gpu"}, {"name": "fast", "hosttags": "fast,ssd-host", "storagetags": "ssd"},
                 {"name": "hdd-vm", "storagetags": "hdd"}, {"name": "plain"}]
    disks = [{"name": "d-ssd", "tags": "ssd"}, {"name": "d-nvme", "tags": "nvme"}]
    got = only(run(hosts=hosts, pools=pools, service_offerings=offerings, disk_offerings=disks), "H21")
    assert sorted((f["target"], f["evidence"]) for f in got) == [
        ("disk offering d-nvme", "storage tag nvme is on no Up pool"), ("h3", "at its disable threshold: cpu_allocated_disable_threshold"),
        ("service offering gpu", "host tag gpu is on no Up host"), ("service offering hdd-vm", "storage tag hdd is on no Up pool")]


def test_h22_cluster_homogeneity():
    got = only(run(hosts=[host("a"), host("b", version="9"), host("c", cluster="c2"), host("d", cluster="c2")]), "H22")
    assert [(f["target"], f["evidence"]) for f in got] == [("c1", "hypervisors in the cluster: KVM 8; KVM 9")]


def test_h23_default_login():
    assert [f["severity"] for f in only(run(default_login=True), "H23")] == ["critical"]
    assert only(run(default_login=False), "H23") == []


def test_h25_system_template_per_zone_hypervisor():
    clusters = [{"zone": "z1", "hypervisor": "KVM"}, {"zone": "z1", "hypervisor": "VMware"}, {"zone": "z2", "hypervisor": "KVM"}]
    templates = [{"templatetype": "SYSTEM", "zonename": "z1", "hypervisor": "KVM", "isready": True},
                 {"templatetype": "SYSTEM", "zonename": "z2", "hypervisor": "KVM", "isready": False},
                 {"templatetype": "USER", "zonename": "z1", "hypervisor": "VMware", "isready": True}]
    got = only(run(clusters=clusters, templates=templates), "H25")
    assert [(f["target"], f["evidence"]) for f in got] == [("z1", "system VM template for VMware missing"),
                                                           ("z2", "system VM template for KVM present, not Ready")]


def test_h26_pending_jobs_older_than_threshold():
    jobs = [{"jobid": "j1", "jobstatus": 0, "created": ts(4000), "cmd": "org.apache.X.DeployVMCmd"},
            {"jobid": "j2", "jobstatus": 0, "created": ts(10)}, {"jobid": "j3", "jobstatus": 1, "created": ts(9000)}]
    got = only(run(jobs=jobs), "H26")
    assert [f["target"] for f in got] == ["j1"] and got[0]["evidence"].startswith("DeployVMCmd pending for 1h06m")


def test_h28_usage_server():
    assert only(run(usage_enabled="true", usage_server={"hostname": "u1", "state": "Down"}), "H28")[0]["target"] == "u1"
    assert only(run(usage_enabled="true", usage_server={"state": "Up"}), "H28") == []
    assert only(run(usage_enabled="false", usage_server={}), "H28") == []


def test_sorted_by_severity_and_summary():
    findings = run(hosts=[host("h1", "Alert")], default_login=True, usage_enabled="true", usage_server={"state": "Down"})
    assert [(f["severity"], f["id"]) for f in findings] == [("critical", "H7"), ("critical", "H23"), ("warning", "H28")]
    assert hc.healthcheck_sorted(findings + findings[:1]) == findings
    s = hc.healthcheck_summary(findings, "critical")
    assert s["counts"] == {"critical": 2, "warning": 1, "info": 0} and s["failing"] == 2 and s["failing_ids"] == ["H7", "H23"]
    assert hc.healthcheck_summary(findings, "warning")["failing"] == 3
    assert hc.healthcheck_summary(findings, "never")["failing"] == 0
    assert hc.healthcheck_summary([], "critical")["failing"] == 0
    assert hc.healthcheck_line(findings[0]).startswith("CRITICAL H7 h1: state Alert")


def test_bad_input_names_the_value():
    with pytest.raises(AnsibleFilterError, match="healthcheck_fail_on must be one of critical, warning, never, got 'bogus'"):
        hc.healthcheck_summary([], "bogus")
    with pytest.raises(AnsibleFilterError, match="capacity_threshold must be a number, got 'lots'"):
        hc.healthcheck_findings({}, {"capacity_threshold": "lots"})
    with pytest.raises(AnsibleFilterError, match="unknown setting 'colour'"):
        hc.healthcheck_findings({}, {"colour": 1})
    with pytest.raises(AnsibleFilterError, match="severity 'fatal'"):
        hc.healthcheck_sorted([{"id": "H2", "target": "ms1", "severity": "fatal"}])


# ---- host checks: what tasks/host.yml reads, as the commands print it ---------------------------------------------------
def units_text(**states):
    return "\n\n".join("Id=%s.service\nLoadState=%s\nActiveState=%s" % (name.replace("_", "-"), *state.split("/"))
                       for name, state in states.items())


def host_facts(groups, **extra):
    facts = {"host": "n1", "groups": groups, "units": units_text(chronyd="loaded/active"), "kernel": "chrony=Normal\nselinux=Permissive"}
    facts.update(extra)
    return facts


def host_ids(facts, **settings):
    return sorted((f["id"], f["severity"], f["evidence"]) for f in hc.healthcheck_host_findings(facts, settings))


def test_host_management_server():
    healthy = host_facts(["management"], units=units_text(chronyd="loaded/active", cloudstack_management="loaded/active",
                                                          cloudstack_usage="not-found/inactive"),
                         ports="LISTEN 0 4096 *:8080 *:*\nLISTEN 0 128 0.0.0.0:22 0.0.0.0:*",
                         management="db_properties=readable\njava=11\nxmx=2G")
    assert host_ids(healthy) == []
    broken = dict(healthy, units=units_text(chronyd="loaded/active", cloudstack_management="loaded/failed",
                                            cloudstack_usage="loaded/inactive"),
                  ports="LISTEN 0 128 0.0.0.0:22 0.0.0.0:*", management="db_properties=missing\njava=17\nxmx=1024m",
                  port_probes=[{"target": "ms1", "address": "10.0.0.21", "port": 8096, "expect": "closed", "severity": "critical",
                                "result": "open", "source": "the controller"}])
    assert host_ids(broken) == [
        ("H1", "critical", "cloudstack-management not active (cloudstack-management loaded/failed)"),
        ("H1", "critical", "nothing listens on TCP 8080"),
        ("H24", "critical", "TCP 8096 of ms1 (10.0.0.21) reachable from the controller (the unauthenticated integration API "
                            "must be closed to every host)"),
        ("H28", "warning", "cloudstack-usage inactive"),
        ("H3", "critical", "/etc/cloudstack/management/db.properties missing or unreadable"),
        ("H4", "warning", "java 17, the release needs 11"),
        ("H5", "warning", "-Xmx1024m < 2048 MiB")]


def test_host_load_balancer_h1_the_vip():
    """H1's "and the VIP" (seeds 000:57): HAProxy active, 8080 listening, the management servers UP in the API backend."""
    healthy = host_facts(["loadbalancer"], units=units_text(chronyd="loaded/active", haproxy="loaded/active"),
                         ports="LISTEN 0 4096 0.0.0.0:8080 0.0.0.0:*",
                         haproxy={"servers": [{"name": "mgmt1", "status": "UP"}, {"name": "mgmt2", "status": "UP"}]},
                         haproxy_backend="cloudstack_http")
    assert host_ids(healthy) == []
    assert host_ids(dict(healthy, haproxy={"servers": [{"name": "mgmt1", "status": "UP"}, {"name": "mgmt2", "status": "DOWN"}]})) == [
        ("H1", "warning", "HAProxy's cloudstack_http: mgmt2 DOWN (UP: mgmt1)")]
    assert host_ids(dict(healthy, haproxy={"servers": [{"name": "mgmt1", "status": "UP 1/3"}, {"name": "mgmt2", "status": "MAINT"}]})) == [
        ("H1", "critical", "no management server UP in HAProxy's cloudstack_http (mgmt1 UP 1/3, mgmt2 MAINT): the API answers 503")]
    assert host_ids(dict(healthy, haproxy={})) == []  # not read (no socket configured)
    unreadable = {"failed": True, "msg": "HAProxy's admin socket /run/haproxy/admin.sock could not be read: [Errno 2] No such file"}
    assert host_ids(dict(healthy, haproxy=unreadable)) == [
        ("H1", "info", "HAProxy's states could not be read (haproxy_info: HAProxy's admin socket /run/haproxy/admin.sock could not be "
                       "read: [Errno 2] No such file)")]
    assert host_ids(dict(healthy, haproxy={"servers": []})) == [("H1", "critical", "HAProxy has no server in backend cloudstack_http")]
    stopped = dict(healthy, units=units_text(chronyd="loaded/active", haproxy="loaded/inactive"), ports="LISTEN 0 128 0.0.0.0:22 0.0.0.0:*",
                   haproxy={"failed": True, "msg": "HAProxy's admin socket /run/haproxy/admin.sock could not be read: [Errno 111]"})
    assert [(i, s) for i, s, _ in host_ids(stopped)] == [("H1", "critical"), ("H1", "critical"), ("H1", "info")]
    assert ("H1", "critical", "nothing listens on TCP 8080 (the API's load balancer)") in host_ids(stopped)
    assert ("H1", "critical", "haproxy not active (haproxy loaded/inactive)") in host_ids(stopped)
    # a management server that is also the load balancer: both sets of rules
    both = dict(healthy, groups=["management", "loadbalancer"],
                units=units_text(chronyd="loaded/active", haproxy="loaded/active", cloudstack_management="loaded/active"),
                management="db_properties=readable\njava=11\nxmx=2G")
    assert host_ids(both) == []


def test_host_kvm():
    healthy = host_facts(["kvm"], units=units_text(chronyd="loaded/active", cloudstack_agent="loaded/active", libvirtd="loaded/active"),
                         kernel="ip_forward=1\nvirt_flags=8\nselinux=Disabled\nchrony=Normal",
                         kvm="listen_tls=0\nreach_8250 10.0.0.5=ok\nmtu 10.0.0.5=ok\nloss 10.0.0.5=0")
    assert host_ids(healthy) == []
    broken = dict(healthy, units=units_text(chronyd="loaded/inactive", cloudstack_agent="loaded/inactive", libvirtd="loaded/active"),
                  kernel="ip_forward=0\nvirt_flags=0\nselinux=Enforcing\nchrony=Normal",
                  kvm="listen_tls=\nreach_8250 10.0.0.5=fail\nmtu 10.0.0.5=fail\nloss 10.0.0.5=20")
    assert [i for i, _, _ in host_ids(broken)] == ["H10", "H11", "H12", "H13", "H14", "H15", "H8", "H8", "H9"]
    assert ("H9", "warning", "listen_tls = not set (libvirt's default: 1) in /etc/libvirt/libvirtd.conf") in host_ids(broken)


def test_host_logs_db_nfs_and_chrony():
    logs = ("/var/log/cloudstack/management/management-server.log\t2027-01-15 07:00:00,1 WARN Unable to reach host 10.0.0.5\n"
            "/var/log/cloudstack/management/management-server.log\t2027-01-15 07:10:00,1 WARN Unable to reach host 10.0.0.6\n"
            "/var/log/cloudstack/agent/agent.log\t2027-01-15 07:10:00,1 ERROR Agent denied connection")
    got = host_ids(host_facts(["db", "nfs"], logs=logs, units=units_text(chronyd="loaded/active", mysqld="not-found/inactive",
                                                                          mariadb="loaded/active", nfs_server="loaded/active"),
                              kernel="chrony=Not synchronised",
                              exports="/export/primary\n\t\t10.0.0.0/24(sync,wdelay,rw,secure,no_root_squash,no_all_squash)\n"
                                      "/export/secondary  10.0.0.0/24(sync,rw,root_squash)"))
    assert [(i, s) for i, s, _ in got] == [("H12", "warning"), ("H17", "warning"), ("H2", "warning"), ("H2", "warning")]
    assert "2 line(s) with 'Unable to reach host', last: 2027-01-15 07:10:00,1 WARN Unable to reach host 10.0.0.6" in got[3][2]
    assert "export /export/secondary without no_root_squash" in got[1][2]
    down = host_ids(host_facts(["db"], units=units_text(chronyd="loaded/active", mysqld="loaded/failed")))
    assert down == [("H3", "critical", "mysqld or mysql or mariadb not active (mysqld loaded/failed)")]
    assert host_ids(host_facts(["db"], units=""))[0][1] == "info"


def test_host_cross_h27_and_bad_input():
    same = [{"host": "a", "kernel": "idmapd_domain=cloud.internal"}, {"host": "b", "kernel": "idmapd_domain=cloud.internal"},
            {"host": "c", "kernel": "idmapd_domain="}]
    assert hc.healthcheck_cross_host(same) == []
    got = hc.healthcheck_cross_host(same + [{"host": "d", "kernel": "idmapd_domain=localdomain"}])
    assert [(f["id"], f["target"], f["evidence"]) for f in got] == [
        ("H27", "a, b, d", "Domain cloud.internal on a, b; Domain localdomain on d")]
    with pytest.raises(AnsibleFilterError, match="must be a dict with host"):
        hc.healthcheck_host_findings({"groups": []})


def test_h23_not_probed_is_info():
    got = only(run(default_login=False, default_login_skipped=True, login_user="ops", login_attempts_allowed=5), "H23")
    assert [(f["severity"], f["target"], f["evidence"]) for f in got] == [(
        "info", "ops", "not probed: ops is no user of a ROOT admin account, and its refused logins count toward "
                       "incorrect.login.attempts.allowed = 5, which disables it (healthcheck_default_login: true probes anyway)")]


def test_host_h16_exports_served_kernel_or_ganesha():
    ganesha = units_text(chronyd="loaded/active", nfs_server="not-found/inactive", nfs_ganesha="loaded/active")
    served = "--- showmount\n/export/primary   (everyone)\n/export/secondary (everyone)"
    expected = ["/export/primary", "/export/secondary"]
    assert host_ids(host_facts(["nfs"], units=ganesha, exports=served, exports_expected=expected)) == []
    got = host_ids(host_facts(["nfs"], units=ganesha, exports="--- showmount\n/export/secondary (everyone)",
                              exports_expected=expected))
    assert got == [("H16", "critical", "export /export/primary not served (showmount -e: /export/secondary)")]
    refused = host_ids(host_facts(["nfs"], units=ganesha, exports="--- showmount\nclnt_create: RPC: Program not registered",
                                  exports_expected=expected))
    assert refused == [("H16", "critical", "showmount -e failed: clnt_create: RPC: Program not registered")]
    down = units_text(chronyd="loaded/active", nfs_server="not-found/inactive", nfs_ganesha="loaded/failed")
    assert host_ids(host_facts(["nfs"], units=down)) == [
        ("H16", "critical", "nfs-server or nfs-ganesha not active (nfs-server not-found/inactive, nfs-ganesha loaded/failed)")]
    # exportfs -v before the marker still gives H17 its options; no expected exports: nothing to compare
    kernel = "/export/primary\t10.0.0.0/24(sync,rw,root_squash)\n--- showmount\n/export/primary 10.0.0.0/24"
    nfs = units_text(chronyd="loaded/active", nfs_server="loaded/active")
    assert [i for i, _, _ in host_ids(host_facts(["nfs"], units=nfs, exports=kernel))] == ["H17"]


def test_host_h16_exports_seen_from_the_kvm_hosts():
    wanted = ["/export/primary", "/export/secondary"]
    both = "--- nfs1 10.0.0.5\n/export/primary   10.0.0.0/24\n/export/secondary 10.0.0.0/24\n"

    def h16(seen):
        return [f for f in host_ids(host_facts(["kvm"], exports_seen=seen, exports_wanted=wanted)) if f[0] == "H16"]

    assert h16(both) == []
    assert h16("--- nfs1 10.0.0.5\n/export/secondary 10.0.0.0/24\n") == [
        ("H16", "critical", "export /export/primary of nfs1 not seen from this KVM host (showmount -e: /export/secondary)")]
    assert h16(both + "--- nfs2 10.0.0.6\nclnt_create: RPC: Port mapper failure - Unable to receive\n") == [
        ("H16", "critical", "showmount -e nfs2 from this KVM host failed: clnt_create: RPC: Port mapper failure - Unable to receive")]
    assert h16("") == []  # no nfs group: nothing asked


def test_host_h9_libvirt_socket_activated():
    idle = (units_text(chronyd="loaded/active", cloudstack_agent="loaded/active", libvirtd="loaded/inactive")
            + "\n\nId=libvirtd.socket\nLoadState=loaded\nActiveState=active")
    assert host_ids(host_facts(["kvm"], units=idle, kernel="virt_flags=2\nchrony=Normal")) == []
    stopped = idle.rsplit("ActiveState=active", 1)[0] + "ActiveState=inactive"
    assert host_ids(host_facts(["kvm"], units=stopped, kernel="virt_flags=2\nchrony=Normal")) == [
        ("H9", "critical", "libvirtd or libvirtd.socket not active (libvirtd loaded/inactive, libvirtd.socket loaded/inactive)")]


def test_host_db_h6_h26_and_unreadable_h3():
    checks = {"max_connections": {"value": "42", "expected": ">= 700", "ok": False},
              "binlog_format": {"value": "ROW", "expected": "ROW", "ok": True},
              "innodb_lock_wait_timeout": {"value": "50", "expected": "600", "ok": False}}
    stuck = [{"id": 7, "instance_id": 12, "instance_name": "i-2-12-VM", "type": "HA", "vm_type": "User", "step": "Investigating",
              "age_minutes": 95}]
    db = host_facts(["db"], units=units_text(chronyd="loaded/active", mariadb="loaded/active"),
                    db={"failed": False, "mysql_checks": checks, "ha_work_stuck": stuck})
    got = hc.healthcheck_host_findings(db)
    assert [(f["id"], f["severity"], f["target"], f["evidence"]) for f in got] == [
        ("H6", "warning", "n1", "innodb_lock_wait_timeout = 50, CloudStack needs 600"),
        ("H6", "warning", "n1", "max_connections = 42, CloudStack needs >= 700"),
        ("H26", "warning", "i-2-12-VM", "op_ha_work 7 HA of User at step Investigating for 95 min")]
    assert all(f["remedy"] == hc.CHECKS[f["id"]][1] for f in got)
    failed = dict(db, db={"failed": True, "msg": "Table 'cloud.op_ha_work' doesn't exist"})
    assert host_ids(failed) == [("H3", "critical", "cloud_db_info: Table 'cloud.op_ha_work' doesn't exist")]
    assert host_ids(dict(db, db={})) == [] and host_ids(dict(db, groups=["kvm"], units="")) == [
        ("H12", "info", "the service states could not be read (systemctl show)"),
        ("H8", "info", "the service states could not be read (systemctl show)"),
        ("H9", "info", "the service states could not be read (systemctl show)")]


def test_host_kvm_info_h9_h17_h8():
    ok_units = units_text(chronyd="loaded/active", cloudstack_agent="loaded/active", libvirtd="loaded/active")
    pools = [{"name": "p1", "type": "netfs", "state": "running", "mounted": True, "source_host": "nfs1",
              "source_path": "/export/primary", "target_path": "/mnt/p1"},
             {"name": "p2", "type": "netfs", "state": "running", "mounted": False, "source_host": "nfs1",
              "source_path": "/export/p2", "target_path": "/mnt/p2"},
             {"name": "local", "type": "dir", "state": "inactive"}]
    info = {"failed": False, "libvirt": {"answers": True}, "storage_pools": pools[:1],
            "agent_properties": {"exists": True, "readable": True}}
    kvm = host_facts(["kvm"], units=ok_units, kernel="virt_flags=2\nchrony=Normal", kvm_info=info)
    assert host_ids(kvm) == []
    broken = dict(kvm, kvm_info=dict(info, libvirt={"answers": False, "error": "Connection refused"}, storage_pools=pools,
                                     agent_properties={"exists": True, "readable": False}))
    assert host_ids(broken) == [
        ("H17", "critical", "NFS pool nfs1:/export/p2 on /mnt/p2: running, not mounted"),
        ("H8", "critical", "agent.properties not readable"),
        ("H9", "critical", "libvirt does not answer a read-only connection (Connection refused)")]
    assert [f["target"] for f in hc.healthcheck_host_findings(broken) if f["id"] == "H17"] == ["n1 p2"]
    assert host_ids(dict(kvm, kvm_info={"failed": True, "msg": "boom"})) == [("H9", "warning", "kvm_host_info: boom")]
