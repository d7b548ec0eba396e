"""The admin desk playbooks (role csops.cloudstack.admin_desk) against the sandbox simulator: rotate_credentials.yml,
systemvm_refresh.yml and the setting part of rolling_restart.yml (the management-server restarts behind HAProxy run in
molecule/multinode, tests/test_ops2_admin_desk.py)."""
import json
import os
import pathlib
import re
import stat
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLAYBOOKS = ROOT / "playbooks"
ANSIBLE_PLAYBOOK = pathlib.Path(sys.executable).parent / "ansible-playbook"
RECAP_RE = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)
NEW_PASSWORD = "Admin-desk-test-Passw0rd"


@pytest.fixture
def cloud(make_simserver, tmp_path):
    sim = make_simserver(datacenter="sandbox", job_seconds=0.02)
    inv = tmp_path / "inventory.yml"
    inv.write_text(yaml.safe_dump({"all": {"hosts": {"localhost": {
        "ansible_connection": "local", "ansible_python_interpreter": sys.executable}}}}))
    sim.tmp, sim.inv = tmp_path, inv
    return sim


def play(cloud, playbook, extra, *args, key=None, secret=None):
    """Run a playbook with the API connection (and the extra vars) in a file deleted after (it holds the secret)."""
    varfile = cloud.tmp / "extra.json"
    varfile.write_text(json.dumps({"cloudstack_api_url": cloud.endpoint, "cloudstack_api_key": key or cloud.key,
                                   "cloudstack_api_secret": secret or cloud.secret, **extra}))
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_FORCE_COLOR="0", ANSIBLE_NOCOLOR="1")
    try:
        proc = subprocess.run([str(ANSIBLE_PLAYBOOK), "-i", str(cloud.inv), str(PLAYBOOKS / playbook), "-e", f"@{varfile}", *args],
                              cwd=str(ROOT), env=env, capture_output=True, text=True, timeout=600)
    finally:
        varfile.unlink()
    text = proc.stdout + proc.stderr
    recap = RECAP_RE.findall(proc.stdout)
    return {"rc": proc.returncode, "changed": sum(int(r[2]) for r in recap), "out": " ".join(text.split()), "raw": text}


def admin(cloud):
    return next(u for u in cloud.ok("listUsers", username="admin", listall="true")["user"] if u["account"] == "admin")


def login(cloud, password):
    data = urllib.parse.urlencode({"command": "login", "username": "admin", "password": password, "domain": "/",
                                   "response": "json"}).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(cloud.endpoint, data=data), timeout=10) as resp:
            return resp.status
    except urllib.error.HTTPError as err:
        return err.code


# ---- rotate_credentials.yml ---------------------------------------------------------------------------------------
def test_rotation_of_password_and_keys(cloud):
    secrets = cloud.tmp / "ops" / "admin.yml"
    secrets.parent.mkdir()
    old_key, old_secret = cloud.key, cloud.secret
    r = play(cloud, "rotate_credentials.yml", {"admin_desk_rotate_password": True, "admin_desk_new_password": NEW_PASSWORD,
                                               "admin_desk_rotate_keys": True, "admin_desk_secrets_file": str(secrets)})
    assert r["rc"] == 0, r["out"][-3000:]
    stored = yaml.safe_load(secrets.read_text())
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    assert stored["cloudstack_admin_password"] == NEW_PASSWORD and stored["cloudstack_admin_user"] == "admin"
    new_key, new_secret = stored["cloudstack_api_key"], stored["cloudstack_api_secret"]
    assert new_key != old_key and new_secret != old_secret
    # nothing secret in the output: neither the new password nor either key pair's secret, nor the new key
    for secret in (NEW_PASSWORD, new_secret, old_secret, new_key):
        assert secret not in r["raw"]
    # the old keys stop working, the new ones work, the password logs in (CloudStack's own hashing: updateUser)
    status, body = cloud.call("listCapabilities", key=old_key, secret=old_secret)
    assert status == 401, body
    status, body = cloud.call("listUsers", key=new_key, secret=new_secret, id=admin_user_id(cloud, new_key, new_secret))
    assert status == 200 and body["listusersresponse"]["user"][0]["apikey"] == new_key
    assert login(cloud, NEW_PASSWORD) == 200
    assert login(cloud, "password") == 531  # CloudStack answers a failed login with 531


def admin_user_id(cloud, key, secret):
    status, body = cloud.call("listUsers", key=key, secret=secret, username="admin", listall="true")
    assert status == 200, body
    return body["listusersresponse"]["user"][0]["id"]


def test_generated_password_vault_file_and_no_request_changes_nothing(cloud):
    secrets = cloud.tmp / "admin.vault.yml"
    vault_pass = cloud.tmp / "vault-pass"
    vault_pass.write_text("csops-test-vault\n")
    r = play(cloud, "rotate_credentials.yml", {"admin_desk_rotate_password": True, "admin_desk_secrets_file": str(secrets),
                                               "admin_desk_vault_password_file": str(vault_pass)})
    assert r["rc"] == 0, r["out"][-3000:]
    text = secrets.read_text()
    assert text.startswith("$ANSIBLE_VAULT;1.") and "AES256" in text.splitlines()[0] and stat.S_IMODE(secrets.stat().st_mode) == 0o600
    clear = subprocess.run([str(ANSIBLE_PLAYBOOK.parent / "ansible-vault"), "view", "--vault-password-file", str(vault_pass),
                            str(secrets)], capture_output=True, text=True, check=True).stdout
    password = yaml.safe_load(clear)["cloudstack_admin_password"]
    assert len(password) == 24 and password not in r["raw"]
    assert login(cloud, password) == 200
    # the keys were not asked for: they still work
    assert cloud.call("listCapabilities")[0] == 200
    # a run without a rotation request changes nothing (a rotation by nature changes: it is made only on request)
    before = admin(cloud)
    r = play(cloud, "rotate_credentials.yml", {})
    assert r["rc"] == 0 and r["changed"] == 0, r["out"][-3000:]
    assert admin(cloud) == before and login(cloud, password) == 200


def test_check_mode_rotates_nothing(cloud):
    secrets = cloud.tmp / "admin.yml"
    r = play(cloud, "rotate_credentials.yml", {"admin_desk_rotate_password": True, "admin_desk_rotate_keys": True,
                                               "admin_desk_secrets_file": str(secrets)}, "--check")
    assert r["rc"] == 0, r["out"][-3000:]
    assert not secrets.exists() and cloud.call("listCapabilities")[0] == 200 and login(cloud, "password") == 200


@pytest.mark.parametrize("extra,message", [
    ({"admin_desk_rotate_keys": True}, "admin_desk_secrets_file= must be an absolute path"),
    ({"admin_desk_rotate_keys": True, "admin_desk_secrets_file": "rel/admin.yml"}, "admin_desk_secrets_file=rel/admin.yml must be"),
    ({"admin_desk_rotate_keys": True, "admin_desk_secrets_file": "/nonexistent-dir/admin.yml"},
     "admin_desk_secrets_file=/nonexistent-dir/admin.yml: its directory must exist"),
    ({"admin_desk_rotate_password": True, "admin_desk_new_password": "   ", "admin_desk_secrets_file": "/tmp/x.yml"},
     "admin_desk_new_password is blank"),
    ({"admin_desk_rotate_keys": True, "admin_desk_user": "nosuchuser", "admin_desk_secrets_file": "@TMP@/a.yml"},
     "admin_desk_user=nosuchuser (admin_desk_user_domain=ROOT): no such user"),
    ({"admin_desk_rotate_keys": "maybe", "admin_desk_secrets_file": "@TMP@/a.yml"}, "admin_desk_rotate_keys"),
])
def test_bad_input_refused_nothing_changed(cloud, extra, message):
    extra = {k: (v.replace("@TMP@", str(cloud.tmp)) if isinstance(v, str) else v) for k, v in extra.items()}
    before = admin(cloud)
    r = play(cloud, "rotate_credentials.yml", extra)
    assert r["rc"] != 0 and message in r["out"], r["out"][-3000:]
    assert admin(cloud) == before and cloud.call("listCapabilities")[0] == 200 and login(cloud, "password") == 200
    assert not list(cloud.tmp.glob("a.yml*"))


# ---- systemvm_refresh.yml -----------------------------------------------------------------------------------------
ADV = "Sandbox-simulator-advanced"
TEMPLATE = {"admin_desk_systemvm_template_name": "systemvm-sim-4.18.1", "admin_desk_systemvm_template_hypervisor": "Simulator",
            "admin_desk_systemvm_template_url": "http://templates.example.com/systemvmtemplate-4.18.1.qcow2",
            "admin_desk_poll": 1, "admin_desk_systemvm_timeout": 60}


def with_router(cloud):
    zone = next(z for z in cloud.ok("listZones")["zone"] if z["name"] == ADV)
    nos = {o["name"]: o for o in cloud.ok("listNetworkOfferings")["networkoffering"]}
    net = cloud.ok("createNetwork", name="desk", displaytext="desk", zoneid=zone["id"],
                   networkofferingid=nos["DefaultIsolatedNetworkOfferingWithSourceNatService"]["id"])["network"]
    off = cloud.ok("listServiceOfferings", name="Small Instance")["serviceoffering"][0]
    tmpl = cloud.ok("listTemplates", templatefilter="featured", zoneid=zone["id"])["template"][0]
    job = cloud.wait(cloud.ok("deployVirtualMachine", zoneid=zone["id"], serviceofferingid=off["id"], templateid=tmpl["id"],
                              networkids=net["id"], name="desk1"))
    assert job["jobstatus"] == 1, job
    return zone, net


def system_vms(cloud):
    return cloud.ok("listSystemVms").get("systemvm", [])


def vm_ids(cloud):
    """(id, template) of each system VM: what a refresh changes (their state moves on by itself: Starting -> Running)."""
    return sorted((v["id"], v["templateid"]) for v in system_vms(cloud))


def routers(cloud):
    return cloud.ok("listRouters", listall="true").get("router", [])


def test_systemvm_refresh_recreates_system_vms_and_routers_on_the_new_template(cloud):
    zone, net = with_router(cloud)
    before_vms, before_routers = system_vms(cloud), routers(cloud)
    assert before_vms and before_routers
    r = play(cloud, "systemvm_refresh.yml", TEMPLATE)
    assert r["rc"] == 0, r["out"][-3000:]
    tmpl = cloud.ok("listTemplates", templatefilter="all", name=TEMPLATE["admin_desk_systemvm_template_name"])["template"]
    assert {t["templatetype"] for t in tmpl} == {"SYSTEM"} and all(t["isready"] for t in tmpl)
    after_vms, after_routers = system_vms(cloud), routers(cloud)
    # every system VM recreated (new ids) on the template, as many of each type per zone as before, all Running
    count = sorted((v["zoneid"], v["systemvmtype"]) for v in before_vms)
    assert sorted((v["zoneid"], v["systemvmtype"]) for v in after_vms) == count
    assert not {v["id"] for v in after_vms} & {v["id"] for v in before_vms}
    assert {(v["state"], v["templateid"]) for v in after_vms} == {("Running", tmpl[0]["id"])}
    assert len(after_routers) == len(before_routers)
    assert {(v["state"], v["templateid"]) for v in after_routers} == {("Running", tmpl[0]["id"])}
    assert not {v["id"] for v in after_routers} & {v["id"] for v in before_routers}
    # a second run changes nothing
    r = play(cloud, "systemvm_refresh.yml", TEMPLATE)
    assert r["rc"] == 0 and r["changed"] == 0, r["out"][-3000:]
    assert {v["id"] for v in system_vms(cloud)} == {v["id"] for v in after_vms}


def test_systemvm_refresh_check_mode_changes_nothing(cloud):
    before = vm_ids(cloud)
    r = play(cloud, "systemvm_refresh.yml", TEMPLATE, "--check")
    assert r["rc"] == 0, r["out"][-3000:]
    assert vm_ids(cloud) == before
    assert not cloud.ok("listTemplates", templatefilter="all", name=TEMPLATE["admin_desk_systemvm_template_name"]).get("template")


@pytest.mark.parametrize("extra,message", [
    ({"admin_desk_systemvm_template_url": "ftp://x/y.qcow2"}, "admin_desk_systemvm_template_url=ftp://x/y.qcow2 must be an http(s) URL"),
    ({"admin_desk_systemvm_template_name": ""}, "admin_desk_systemvm_template_name= must be set"),
    ({"admin_desk_systemvm_zone": "nowhere"}, "admin_desk_systemvm_zone=nowhere: no such zone"),
    ({"admin_desk_systemvm_template_hypervisor": "Bhyve"}, "admin_desk_systemvm_template_hypervisor"),
])
def test_systemvm_refresh_bad_input_refused(cloud, extra, message):
    before = vm_ids(cloud)
    r = play(cloud, "systemvm_refresh.yml", {**TEMPLATE, **extra})
    assert r["rc"] != 0 and message in r["out"], r["out"][-3000:]
    assert vm_ids(cloud) == before
    assert not cloud.ok("listTemplates", templatefilter="all", name=TEMPLATE["admin_desk_systemvm_template_name"]).get("template")


# ---- rolling_restart.yml: the settings (the restarts behind HAProxy: molecule multinode) ----------------------------
def setting(cloud, name):
    return next(c for c in cloud.ok("listConfigurations", name=name)["configuration"] if c["name"] == name)


def test_setting_that_needs_a_restart(cloud):
    assert setting(cloud, "sync.interval")["isdynamic"] is False and setting(cloud, "job.expire.minutes")["isdynamic"] is True
    r = play(cloud, "rolling_restart.yml", {"admin_desk_settings": {"sync.interval": 120}})
    assert r["rc"] == 0, r["out"][-3000:]
    assert setting(cloud, "sync.interval")["value"] == "120"
    assert "1 setting(s) changed, of which not dynamic (read at start): sync.interval; the management servers restart" in r["out"]
    # a second run changes nothing, and restarts nothing
    r = play(cloud, "rolling_restart.yml", {"admin_desk_settings": {"sync.interval": 120}})
    assert r["rc"] == 0 and r["changed"] == 0, r["out"][-3000:]
    assert "0 setting(s) changed; the management servers are not restarted" in r["out"]
    # a dynamic setting needs no restart
    r = play(cloud, "rolling_restart.yml", {"admin_desk_settings": {"job.expire.minutes": 600}})
    assert r["rc"] == 0 and "1 setting(s) changed; the management servers are not restarted" in r["out"], r["out"][-3000:]
    assert setting(cloud, "job.expire.minutes")["value"] == "600"


def test_setting_check_mode_changes_nothing(cloud):
    r = play(cloud, "rolling_restart.yml", {"admin_desk_settings": {"sync.interval": 120}}, "--check")
    assert r["rc"] == 0, r["out"][-3000:]
    assert setting(cloud, "sync.interval")["value"] == "60"


@pytest.mark.parametrize("extra,message", [
    ({"admin_desk_settings": {"no.such.setting": 1, "sync.interval": 120}},
     "admin_desk_settings names settings CloudStack does not have - no.such.setting"),
    ({"admin_desk_settings": {"sync.interval": 120}, "admin_desk_restart": "sometimes"}, "admin_desk_restart"),
    ({"admin_desk_settings": "sync.interval=120"}, "admin_desk_settings"),
])
def test_setting_bad_input_refused(cloud, extra, message):
    r = play(cloud, "rolling_restart.yml", extra)
    assert r["rc"] != 0 and message in r["out"], r["out"][-3000:]
    assert setting(cloud, "sync.interval")["value"] == "60"


def test_main_entry_point_runs_what_is_asked(cloud):
    pb = cloud.tmp / "desk.yml"
    pb.write_text("""
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/csops.cloudstack.cloudstack:
      api_url: "{{ cloudstack_api_url }}"
      api_key: "{{ cloudstack_api_key }}"
      api_secret: "{{ cloudstack_api_secret }}"
  roles:
    - role: csops.cloudstack.admin_desk
""")
    secrets = cloud.tmp / "keys.yml"
    varfile = cloud.tmp / "vars.json"
    varfile.write_text(json.dumps({"cloudstack_api_url": cloud.endpoint, "cloudstack_api_key": cloud.key, "cloudstack_api_secret": cloud.secret,
                                   "admin_desk_settings": {"sync.interval": "90"}, "admin_desk_rotate_keys": True,
                                   "admin_desk_secrets_file": str(secrets)}))
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_NOCOLOR="1")
    proc = subprocess.run([str(ANSIBLE_PLAYBOOK), "-i", str(cloud.inv), str(pb), "-e", f"@{varfile}"], cwd=str(ROOT), env=env,
                          capture_output=True, text=True, timeout=300)
    varfile.unlink()
    assert proc.returncode == 0, proc.stdout[-3000:]
    keys = yaml.safe_load(secrets.read_text())
    assert cloud.call("listCapabilities")[0] == 401  # the old pair is gone
    assert cloud.call("listCapabilities", key=keys["cloudstack_api_key"], secret=keys["cloudstack_api_secret"])[0] == 200
    cloud.key, cloud.secret = keys["cloudstack_api_key"], keys["cloudstack_api_secret"]
    assert setting(cloud, "sync.interval")["value"] == "90"
