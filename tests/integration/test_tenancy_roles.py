"""The offerings and tenants roles (playbooks/offerings.yml, playbooks/tenants.yml) against a fresh simulator:
check mode on an empty cloud creates nothing, a run converges the reference data of inventories/simulator, a re-run
changes nothing, passwords and API secrets never show, items marked absent are removed in order."""
import json
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
ANSIBLE_PLAYBOOK = pathlib.Path(sys.executable).parent / "ansible-playbook"
RECAP_RE = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)
PASSWORD = "Test-only-pw-4711"


def both(tmp_path):
    """One playbook importing playbooks/offerings.yml and playbooks/tenants.yml (one ansible-playbook start for both)."""
    path = tmp_path / "both.yml"
    path.write_text("- import_playbook: %s\n- import_playbook: %s\n" % (ROOT / "playbooks" / "offerings.yml", ROOT / "playbooks" / "tenants.yml"))
    return str(path)


def playbook(sim, name, *args):
    env = dict(os.environ, CSOPS_SIMULATOR_URL=sim.url, CSOPS_TENANT_PASSWORD=PASSWORD, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"),
               ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0")
    path = str(ROOT / "playbooks" / name) if "/" not in name else name
    proc = subprocess.run([str(ANSIBLE_PLAYBOOK), path, *args], cwd=str(ROOT), env=env, capture_output=True, text=True, timeout=600)
    out = proc.stdout + proc.stderr
    recap = RECAP_RE.findall(proc.stdout)
    assert recap, out[-4000:]
    res = {"rc": proc.returncode, "changed": sum(int(r[2]) for r in recap), "failed": sum(int(r[4]) for r in recap), "out": out}
    assert res["rc"] == 0 and res["failed"] == 0, out[-6000:]
    return res


def names(sim, command, key, field="name", **params):
    return sorted(o[field] for o in sim.ok(command, **params).get(key, []))


def snapshot(sim):
    return {
        "domains": names(sim, "listDomains", "domain", "path", listall="true"),
        "accounts": names(sim, "listAccounts", "account", listall="true"),
        "users": names(sim, "listUsers", "user", "username", listall="true"),
        "projects": names(sim, "listProjects", "project", listall="true"),
        "service": names(sim, "listServiceOfferings", "serviceoffering") + names(sim, "listServiceOfferings", "serviceoffering", issystem="true"),
        "disk": names(sim, "listDiskOfferings", "diskoffering"),
        "network": names(sim, "listNetworkOfferings", "networkoffering"),
    }


def test_roles_converge_the_reference_data(make_simserver, tmp_path):
    sim = make_simserver()
    empty = snapshot(sim)
    # check mode on an empty cloud: changes reported, nothing made
    res = playbook(sim, both(tmp_path), "--check", "--diff")
    assert res["changed"] > 0 and snapshot(sim) == empty
    assert "Pending until their domains/accounts exist" in res["out"]

    converge = playbook(sim, both(tmp_path), "--diff", "-v")
    assert converge["changed"] > 0
    now = snapshot(sim)
    assert set(now["domains"]) - set(empty["domains"]) == {"ROOT/acme", "ROOT/globex", "ROOT/initech"}
    accounts = {"acme-dev", "acme-prod", "globex-dev", "globex-prod", "initech-dev", "initech-prod"}
    assert set(now["accounts"]) - set(empty["accounts"]) == accounts
    assert {"acme-ci", "initech-milton", "acme-dev-admin"} <= set(now["users"])
    assert now["projects"] == ["acme-web", "globex-data"]
    assert {"ref-small", "ref-medium", "ref-large", "ref-flex", "ref-iops-limited", "ref-router"} <= set(now["service"])
    assert {"ref-disk-10", "ref-disk-50", "ref-disk-custom"} <= set(now["disk"])
    assert {"ref-isolated-nat", "ref-l2"} <= set(now["network"])
    # what the declarations say, on the server
    (milton,) = sim.ok("listUsers", listall="true", username="initech-milton")["user"]
    assert milton["state"] == "disabled" and milton["account"] == "initech-prod"
    (ci,) = sim.ok("listUsers", listall="true", username="acme-ci")["user"]
    assert ci.get("apikey")
    (nat,) = sim.ok("listNetworkOfferings", name="ref-isolated-nat")["networkoffering"]
    assert nat["state"] == "Enabled"
    acme = sim.ok("listDomains", listall="true", name="acme")["domain"][0]
    (lim,) = sim.ok("listResourceLimits", domainid=acme["id"], account="acme-dev", resourcetype=0)["resourcelimit"]
    assert lim["max"] == 40
    prod = sim.ok("listAccounts", listall="true", name="acme-prod")["account"][0]
    assert prod["rolename"] == "Domain Admin"
    # secrets never in the output
    assert PASSWORD not in converge["out"] and ci["apikey"] not in converge["out"]
    # a re-run changes nothing (check mode neither)
    assert playbook(sim, both(tmp_path), "--diff")["changed"] == 0
    assert snapshot(sim) == now


def test_absent_items_are_removed_in_order(make_simserver, tmp_path):
    sim = make_simserver()
    data = {
        "tenants_domains": [{"path": "ROOT/t1"}, {"path": "ROOT/t1/sub"}],
        "tenants_accounts": [{"name": "a1", "domain": "ROOT/t1/sub", "username": "a1-admin", "first_name": "A", "last_name": "One",
                              "email": "a1@example.com", "users": [{"username": "a1-extra", "first_name": "B", "last_name": "Two",
                                                                    "email": "b@example.com"}]}],
        "tenants_projects": [{"name": "p1", "account": "a1", "domain": "ROOT/t1/sub"}],
        "tenants_resource_limits": [], "tenants_roles": [{"name": "r1", "role_type": "User"}],
        "offerings_service_offerings": [{"name": "o1", "cpu_number": 1, "cpu_speed": 500, "memory": 512}],
        "offerings_disk_offerings": [], "offerings_network_offerings": [],
    }
    path = tmp_path / "vars.json"
    path.write_text(json.dumps(data))
    assert playbook(sim, both(tmp_path), "-e", "@%s" % path)["changed"] > 0
    assert names(sim, "listProjects", "project", listall="true") == ["p1"]
    for key in ("tenants_domains", "tenants_accounts", "tenants_projects", "tenants_roles", "offerings_service_offerings"):
        for item in data[key]:
            item["state"] = "absent"
    data["tenants_accounts"][0]["users"][0]["state"] = "absent"
    path.write_text(json.dumps(data))
    res = playbook(sim, "tenants.yml", "-e", "@%s" % path, "--check")
    assert res["changed"] > 0 and names(sim, "listProjects", "project", listall="true") == ["p1"]
    assert playbook(sim, both(tmp_path), "-e", "@%s" % path)["changed"] > 0
    assert names(sim, "listProjects", "project", listall="true") == []
    assert "a1" not in names(sim, "listAccounts", "account", listall="true")
    assert names(sim, "listDomains", "domain", "path", listall="true") == ["ROOT"]
    assert "r1" not in names(sim, "listRoles", "role") and "o1" not in names(sim, "listServiceOfferings", "serviceoffering")
    assert playbook(sim, "tenants.yml", "-e", "@%s" % path)["changed"] == 0
