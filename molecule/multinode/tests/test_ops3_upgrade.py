"""Day-2 (issue 13): db_backup.yml, upgrade.yml from 4.19 to 4.20 and restore.yml back, on the converged multinode cloud.

Converge installed the stand-in release 4.19 (molecule/multinode/group_vars/all/50-multinode.yml). The playbooks run
from this machine (the controller) with the molecule inventory; the template registration talks to mgmt1's API (the
stand-in's simulator: mgmt1 and mgmt2 do not share CloudStack state, so the keys are mgmt1's, from its /admin.json),
with extra vars in a file deleted after the run. The tests run in order: each one starts from where the last one left.
"""
import hashlib
import json
import re
import time
import urllib.parse

import pytest
import testinfra
from ops_helpers import ROOT, api_code, haproxy_states, nothing_changed, run_playbook

MGMT1_API = "http://10.89.0.21:8080/client/api"
KVM3 = "10.89.0.43"
MARKER = "csops.ops3.marker"
testinfra_hosts = ["ansible://db"]


@pytest.fixture(scope="module")
def hosts(request):
    inv = request.config.option.ansible_inventory
    return {n: testinfra.get_host(f"ansible://{n}", ansible_inventory=inv) for n in ("db", "mgmt1", "mgmt2", "lb", "kvm3")}


def sql(db, query):
    return db.check_output("mysql --batch --skip-column-names cloud -e %s", query)


def schema_version(db):
    return sql(db, "SELECT version FROM version WHERE step = 'Complete' ORDER BY id DESC LIMIT 1")


def package_version(h, name="cloudstack-management"):
    return h.check_output("dpkg-query -W -f '${Version}' %s", name)


def admin_keys(h, address):
    out = h.check_output("python3 -c %s", f"import urllib.request as u; print(u.urlopen('http://{address}:8080/admin.json').read().decode())")
    return json.loads(out)


def state(hosts):
    return {
        "schema": schema_version(hosts["db"]),
        "rows": sql(hosts["db"], "SELECT COUNT(*) FROM version"),
        "packages": {n: package_version(hosts[n]) for n in ("mgmt1", "mgmt2")},
        "running": {n: hosts[n].service("cloudstack-management").is_running for n in ("mgmt1", "mgmt2")},
        "backups": hosts["db"].run("ls /var/backups/cloudstack").stdout,
    }


def signed_call_through_lb(lb, keys):
    """listCapabilities signed with keys, sent to HAProxy on lb: the HTTP status (200 when authenticated)."""
    import base64
    import hashlib
    import hmac

    params = {"command": "listCapabilities", "response": "json", "apikey": keys["apikey"]}
    query = "&".join(f"{k}={urllib.parse.quote(str(v), safe='*')}" for k, v in sorted(params.items()))
    sig = base64.b64encode(hmac.new(keys["secretkey"].encode(), query.lower().encode(), hashlib.sha1).digest()).decode()
    url = f"http://127.0.0.1:8080/client/api?{query}&signature={urllib.parse.quote(sig, safe='')}"
    probe = ("import urllib.request as u,urllib.error as e\ntry: print(u.urlopen(%r).status)\n"
             "except e.HTTPError as x: print(x.code)") % url
    return lb.check_output("python3 -c %s", probe)


def template_vars(hosts):
    keys = admin_keys(hosts["mgmt1"], "127.0.0.1")
    # no zone and no secondary storage in this cloud: the template is registered, not waited for
    return {"cloudstack_api_url": MGMT1_API, "cloudstack_api_key": keys["apikey"], "cloudstack_api_secret": keys["secretkey"],
            "upgrade_template_wait": False}


def test_converge_installed_4_19(hosts):
    assert schema_version(hosts["db"]).startswith("4.19.")
    for n in ("mgmt1", "mgmt2"):
        assert package_version(hosts[n]).startswith("4.19.")


@pytest.mark.parametrize("release,words", [("4.18", "downgrade"), ("4.21", "not a release this role knows"),
                                           ("4.99", "not a release this role knows")])
def test_upgrade_bad_input_refused_and_nothing_changed(hosts, tmp_path, release, words):
    before = state(hosts)
    run = run_playbook("upgrade.yml", {**template_vars(hosts), "upgrade_release": release}, tmp_path, f"bad-{release}")
    assert run.rc != 0
    assert "upgrade refused, nothing changed" in run.flat and f"upgrade_release {release}" in run.flat.replace("'", "")
    assert words in run.flat
    assert nothing_changed(run, ("db", "mgmt1", "mgmt2")), run.out[-3000:]
    assert state(hosts) == before


def test_restore_refused_without_confirmation(hosts, tmp_path):
    before = state(hosts)
    run = run_playbook("restore.yml", {"restore_backup": "20261204T000000Z_4.19.3.0_x"}, tmp_path, "restore-noconfirm")
    assert run.rc != 0 and "restore refused, nothing changed" in run.flat and "restore_confirm must be true" in run.flat
    assert state(hosts) == before


def test_db_backup_bad_label_refused(hosts, tmp_path):
    run = run_playbook("db_backup.yml", {"db_backup_label": "no/slash"}, tmp_path, "backup-bad")
    assert run.rc != 0 and "db_backup: bad input" in run.flat and "got no/slash" in run.flat
    assert hosts["db"].run("test -e /var/backups/cloudstack").rc != 0


def test_db_backup_then_a_second_run_changes_nothing(hosts, tmp_path):
    db = hosts["db"]
    sql(db, f"INSERT INTO configuration (instance, name, value, description) VALUES ('DEFAULT', '{MARKER}', 'before-upgrade', "
            "'written before the upgrade') ON DUPLICATE KEY UPDATE value = 'before-upgrade'")
    run = run_playbook("db_backup.yml", {"db_backup_label": "ops3"}, tmp_path, "backup-1")
    assert run.rc == 0, run.out[-3000:]
    sets = db.check_output("ls /var/backups/cloudstack").split()
    assert len(sets) == 1 and re.match(r"^\d{8}T\d{6}Z_4\.19\.\d+\.\d+_ops3$", sets[0])
    for f in ("cloud.sql", "cloud_usage.sql", "backup.json"):
        assert db.file(f"/var/backups/cloudstack/{sets[0]}/{f}").mode == 0o600
    assert MARKER in db.file(f"/var/backups/cloudstack/{sets[0]}/cloud.sql").content_string
    assert db.file("/var/backups/cloudstack").mode == 0o700
    run = run_playbook("db_backup.yml", {"db_backup_label": "ops3"}, tmp_path, "backup-2")
    assert run.rc == 0 and nothing_changed(run, ("db",)), run.out[-3000:]
    assert db.check_output("ls /var/backups/cloudstack").split() == sets


def test_db_backup_fetch_copies_the_set_to_the_controller(hosts, tmp_path):
    """db_backup_fetch: check mode says what it would copy and writes nothing; a run copies the set (0600 files in a
    0700 directory, the same bytes as on db); a second run and a check run change nothing."""
    db = hosts["db"]
    controller = tmp_path / "backups"
    extra = {"db_backup_label": "ops3", "db_backup_fetch": True, "db_backup_fetch_dir": str(controller)}
    before = state(hosts)
    (name,) = db.check_output("ls /var/backups/cloudstack").split()
    run = run_playbook("db_backup.yml", extra, tmp_path, "fetch-check", "--check")
    assert run.rc == 0, run.out[-3000:]
    assert f"check mode: cloud.sql of {name} would be copied" in run.flat and run.changed["db"] > 0
    assert not controller.exists()
    run = run_playbook("db_backup.yml", extra, tmp_path, "fetch-1")
    assert run.rc == 0, run.out[-3000:]
    assert [p.name for p in controller.iterdir()] == [name]
    assert oct((controller / name).stat().st_mode & 0o777) == "0o700"
    for f in ("cloud.sql", "cloud_usage.sql", "backup.json"):
        copy = controller / name / f
        assert oct(copy.stat().st_mode & 0o777) == "0o600", f
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == db.file(f"/var/backups/cloudstack/{name}/{f}").sha256sum, f
    assert MARKER in (controller / name / "cloud.sql").read_text()
    for tag, args in (("fetch-2", ()), ("fetch-check-2", ("--check",))):
        run = run_playbook("db_backup.yml", extra, tmp_path, tag, *args)
        assert run.rc == 0 and nothing_changed(run, ("db",)), run.out[-3000:]
    assert state(hosts) == before


def test_upgrade_in_check_mode_changes_nothing(hosts, tmp_path):
    before = state(hosts)
    run = run_playbook("upgrade.yml", {**template_vars(hosts), "upgrade_release": "4.20"}, tmp_path, "upgrade-check", "--check")
    assert run.rc == 0, run.out[-4000:]
    assert "check mode: the repository would switch to 4.20" in run.flat
    assert state(hosts) == before
    assert hosts["mgmt1"].run("grep -r ' 4.20' /etc/apt/sources.list.d/cloudstack.sources").rc != 0


def test_upgrade_4_19_to_4_20(hosts, tmp_path):
    db, lb = hosts["db"], hosts["lb"]
    run = run_playbook("upgrade.yml", {**template_vars(hosts), "upgrade_release": "4.20"}, tmp_path, "upgrade-1")
    assert run.rc == 0, run.out[-4000:]
    assert schema_version(db).startswith("4.20.")
    assert sql(db, f"SELECT value FROM configuration WHERE name = '{MARKER}'") == "before-upgrade"
    for n in ("mgmt1", "mgmt2"):
        for p in ("cloudstack-common", "cloudstack-management", "cloudstack-usage"):
            assert package_version(hosts[n], p).startswith("4.20."), (n, p)
        assert hosts[n].service("cloudstack-management").is_running
        assert api_code(hosts[n], "127.0.0.1") == "401"
    log = hosts["mgmt1"].file("/var/log/cloudstack/management/management-server.log").content_string
    assert "Database upgrade must be performed from 4.19" in log
    # the backup before the upgrade
    assert re.search(r"_4\.19\.\d+\.\d+_before-4\.20$", db.check_output("ls /var/backups/cloudstack"), re.M)
    # the playbook waited until HAProxy shows each server UP: the API answers through it at once (503 otherwise)
    assert api_code(lb, "127.0.0.1") == "401"
    assert haproxy_states(lb) == {"mgmt1": "UP", "mgmt2": "UP"}
    # calls signed with either server's keys get through (the stand-in servers do not share keys: HAProxy's round
    # robin may send one to the other server first)
    for address in ("10.89.0.21", "10.89.0.22"):
        keys = admin_keys(hosts["mgmt1"], address)
        codes = set()
        for _ in range(30):
            codes.add(signed_call_through_lb(lb, keys))
            if "200" in codes:
                break
            time.sleep(1)
        assert "200" in codes, (address, codes)


def test_upgrade_second_run_changes_nothing(hosts, tmp_path):
    before = state(hosts)
    run = run_playbook("upgrade.yml", {**template_vars(hosts), "upgrade_release": "4.20"}, tmp_path, "upgrade-2")
    assert run.rc == 0, run.out[-4000:]
    assert nothing_changed(run, ("db", "mgmt1", "mgmt2")), run.out[-4000:]
    assert "nothing to do" in run.flat
    assert state(hosts) == before


def agent_state(hosts, keys):
    """kvm3's agent packages, its service's start, and the host as mgmt1's API shows it (test_ops1 added it)."""
    from cs import CloudStack  # the cs client of the project's venv

    kvm3 = hosts["kvm3"]
    api = CloudStack(endpoint=MGMT1_API, key=keys["cloudstack_api_key"], secret=keys["cloudstack_api_secret"])
    (host,) = [h for h in api.listHosts(type="Routing").get("host", []) if h["ipaddress"] == KVM3]
    return {"packages": {p: package_version(kvm3, p) for p in ("cloudstack-common", "cloudstack-agent")},
            "started": kvm3.check_output("systemctl show -p ActiveEnterTimestampMonotonic cloudstack-agent"),
            "host": (host["state"], host["resourcestate"])}


def test_agents_upgraded_host_by_host_through_maintenance(hosts, tmp_path):
    """docs/operations.md: after upgrade.yml, the agents through host_maintenance.yml with the upgrade role's agent.yml."""
    keys = template_vars(hosts)
    extra = {k: keys[k] for k in ("cloudstack_api_url", "cloudstack_api_key", "cloudstack_api_secret")}
    extra.update(upgrade_release="4.20", host_maintenance_hosts=["kvm3"], cloudstack_host_name=KVM3, host_maintenance_poll=2,
                 host_maintenance_timeout=120, host_maintenance_tasks=str(ROOT / "roles" / "upgrade" / "tasks" / "agent.yml"))
    before = agent_state(hosts, keys)
    assert before["packages"]["cloudstack-agent"].startswith("4.19.") and before["host"] == ("Up", "Enabled")
    run = run_playbook("host_maintenance.yml", extra, tmp_path, "agents-1")
    assert run.rc == 0, run.out[-4000:]
    after = agent_state(hosts, keys)
    assert all(v.startswith("4.20.") for v in after["packages"].values()), after
    assert after["started"] != before["started"]  # restarted on the new release
    assert after["host"] == ("Up", "Enabled")
    assert "Put the host into maintenance" in run.out and run.changed.get("kvm3", 0) > 0
    # up to date: the check pass finds nothing to do, the host is not cycled
    run = run_playbook("host_maintenance.yml", extra, tmp_path, "agents-2")
    assert run.rc == 0 and nothing_changed(run, ("kvm3",)), run.out[-4000:]
    assert "the operator's tasks would change nothing - not cycled" in run.flat
    assert agent_state(hosts, keys) == after


def test_restore_in_check_mode_changes_nothing(hosts, tmp_path):
    """restore.yml --check: says what it would do (stop, replace, downgrade, start) and changes nothing."""
    db = hosts["db"]
    name = next(s for s in db.check_output("ls /var/backups/cloudstack").split() if s.endswith("_before-4.20"))
    before = state(hosts)
    marker = sql(db, f"SELECT value FROM configuration WHERE name = '{MARKER}'")
    run = run_playbook("restore.yml", {"restore_backup": name, "restore_confirm": True}, tmp_path, "restore-check", "--check")
    assert run.rc == 0, run.out[-4000:]
    assert f"restore {name} (release 4.19) over schema 4.20." in run.flat
    assert "check mode: the repository would switch to 4.19" in run.flat
    assert run.changed["db"] > 0 and run.changed["mgmt1"] > 0, run.changed
    assert state(hosts) == before
    assert sql(db, f"SELECT value FROM configuration WHERE name = '{MARKER}'") == marker
    assert db.run("test -e /var/backups/cloudstack/.last-restore.json").rc != 0
    assert haproxy_states(hosts["lb"]) == {"mgmt1": "UP", "mgmt2": "UP"}


def test_restore_back_to_the_4_19_backup(hosts, tmp_path):
    db = hosts["db"]
    name = next(s for s in db.check_output("ls /var/backups/cloudstack").split() if s.endswith("_before-4.20"))
    sql(db, f"UPDATE configuration SET value = 'after-upgrade' WHERE name = '{MARKER}'")
    run = run_playbook("restore.yml", {"restore_backup": name, "restore_confirm": True}, tmp_path, "restore-1")
    assert run.rc == 0, run.out[-4000:]
    assert schema_version(db).startswith("4.19.")
    assert sql(db, f"SELECT value FROM configuration WHERE name = '{MARKER}'") == "before-upgrade"
    for n in ("mgmt1", "mgmt2"):
        assert package_version(hosts[n]).startswith("4.19.")
        assert hosts[n].service("cloudstack-management").is_running
        assert api_code(hosts[n], "127.0.0.1") == "401"
    # the playbook waited until HAProxy shows each server UP: the API answers through it at once (503 otherwise)
    assert api_code(hosts["lb"], "127.0.0.1") == "401"
    assert haproxy_states(hosts["lb"]) == {"mgmt1": "UP", "mgmt2": "UP"}
    run = run_playbook("restore.yml", {"restore_backup": name, "restore_confirm": True}, tmp_path, "restore-2")
    assert run.rc == 0 and nothing_changed(run, ("db", "mgmt1", "mgmt2")), run.out[-4000:]
