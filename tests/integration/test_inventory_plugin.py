"""The inventory plugin csops.cloudstack.instances against a sandbox simulator, through ansible-inventory."""
import json
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent


@pytest.fixture
def cloud(make_simserver):
    """A sandbox cloud with 14 instances: 8 of admin (tagged role=web / role=db), 6 of account acme in ROOT/customers."""
    s = make_simserver(datacenter="sandbox", job_seconds=0)
    zone = next(z for z in s.ok("listZones")["zone"] if z["name"] == "Sandbox-simulator-advanced")
    offering = next(o for o in s.ok("listServiceOfferings")["serviceoffering"] if o["name"] == "Small Instance")
    template = s.ok("listTemplates", templatefilter="featured", zoneid=zone["id"])["template"][0]
    dom = s.ok("createDomain", name="customers")["domain"]
    s.ok("createAccount", username="acme", account="acme", password="Secret-123", email="a@example.com", firstname="A", lastname="Cme",
         accounttype=0, domainid=dom["id"])
    base = dict(zoneid=zone["id"], serviceofferingid=offering["id"], templateid=template["id"])

    def deploy(name, **extra):
        job = s.wait(s.ok("deployVirtualMachine", name=name, **base, **extra))
        assert job["jobstatus"] == 1, job
        return job["jobresult"]["virtualmachine"]

    for i in range(8):
        vm = deploy(f"web-{i:02d}" if i < 5 else f"db-{i:02d}")
        role = "web" if i < 5 else "db"
        s.wait(s.ok("createTags", resourcetype="UserVm", resourceids=vm["id"], **{"tags[0].key": "role", "tags[0].value": role}))
    for i in range(6):
        deploy(f"acme-{i:02d}", account="acme", domainid=dom["id"])
    stopped = s.ok("listVirtualMachines", name="db-07")["virtualmachine"][0]
    assert s.wait(s.ok("stopVirtualMachine", id=stopped["id"]))["jobstatus"] == 1
    return s


def inventory(s, tmp_path, config, env=None, name="cloudstack-instances.yml"):
    path = tmp_path / name
    path.write_text(json.dumps({"plugin": "csops.cloudstack.instances", **config}))
    full_env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), CLOUDSTACK_ENDPOINT=s.endpoint, CLOUDSTACK_KEY=s.key,
                    CLOUDSTACK_SECRET=s.secret, ANSIBLE_INVENTORY_ENABLED="csops.cloudstack.instances", ANSIBLE_FORCE_COLOR="0")
    full_env.update(env or {})
    proc = subprocess.run([str(BIN / "ansible-inventory"), "-i", str(path), "--list"], cwd=ROOT, env=full_env, capture_output=True,
                          text=True, timeout=120)
    return proc


def plain(value):
    """ansible-inventory shows untrusted (API-sourced) strings as {"__ansible_unsafe": ...}: unwrap them."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def hosts_of(data, group="cloudstack"):
    return set(data.get(group, {}).get("hosts", []))


def test_lists_every_instance_with_its_variables(cloud, tmp_path):
    proc = inventory(cloud, tmp_path, {})
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    hosts = hosts_of(data)
    assert len(hosts) == 14
    hv = plain(data["_meta"]["hostvars"]["web-00"])
    assert hv["state"] == "Running" and hv["zone"] == "Sandbox-simulator-advanced"
    assert hv["instance_tags"] == {"role": "web"} and hv["hostname"] == "web-00"
    assert "reserved name" not in proc.stderr
    assert hv["ansible_host"] == hv["v4_default_ip"] and hv["v4_default_ip"]
    assert hv["service_offering"] == "Small Instance"
    assert "web-00" in hosts_of(data, "zone_Sandbox_simulator_advanced")
    # the secret never shows
    assert cloud.secret not in proc.stdout and cloud.secret not in proc.stderr


def test_pages_through_every_page(cloud, tmp_path):
    cloud.ok("updateConfiguration", name="default.page.size", value="4")
    cloud.sim.calls.clear()
    proc = inventory(cloud, tmp_path, {})
    assert proc.returncode == 0, proc.stderr
    assert len(hosts_of(json.loads(proc.stdout))) == 14
    assert cloud.sim.calls["listVirtualMachines"] >= 4  # 14 instances in pages of 4


def test_filters_state_tags_domain_account(cloud, tmp_path):
    running = json.loads(inventory(cloud, tmp_path, {"filter_by_state": ["running"]}).stdout)
    assert "db-07" not in hosts_of(running) and len(hosts_of(running)) == 13
    web = json.loads(inventory(cloud, tmp_path, {"filter_by_tags": {"role": "web"}}).stdout)
    assert hosts_of(web) == {f"web-{i:02d}" for i in range(5)}
    web2 = json.loads(inventory(cloud, tmp_path, {"filter_by_tags": [{"key": "role", "value": "db"}]}).stdout)
    assert hosts_of(web2) == {"db-05", "db-06", "db-07"}
    acme = json.loads(inventory(cloud, tmp_path, {"filter_by_domain": "ROOT/customers"}).stdout)
    assert hosts_of(acme) == {f"acme-{i:02d}" for i in range(6)}
    acme2 = json.loads(inventory(cloud, tmp_path, {"filter_by_domain": "customers", "filter_by_account": "acme"}).stdout)
    assert hosts_of(acme2) == hosts_of(acme)
    zone = json.loads(inventory(cloud, tmp_path, {"filter_by_zone": "Sandbox-simulator-basic"}).stdout)
    assert hosts_of(zone) == set()


def test_constructed_groups_and_hostname_modes(cloud, tmp_path):
    cfg = {
        "hostname": "name",
        "keyed_groups": [{"key": "instance_tags.role | default('none')", "prefix": "role"}],
        "groups": {"stopped": "state == 'Stopped'"},
        "compose": {"ansible_user": "'debian'"},
    }
    data = json.loads(inventory(cloud, tmp_path, cfg).stdout)
    assert hosts_of(data, "role_web") == {f"web-{i:02d}" for i in range(5)}
    assert hosts_of(data, "role_none") == {f"acme-{i:02d}" for i in range(6)}
    assert hosts_of(data, "stopped") == {"db-07"}
    hv = plain(data["_meta"]["hostvars"]["web-01"])
    assert hv["ansible_user"] == "debian" and "ansible_host" not in hv


def test_unknown_filter_value_is_a_clear_error(cloud, tmp_path):
    proc = inventory(cloud, tmp_path, {"filter_by_zone": "no-such-zone"})
    assert "zone 'no-such-zone' not found (option filter_by_zone)" in proc.stderr


def test_cache_serves_a_second_run_without_api_calls(cloud, tmp_path):
    cfg = {"cache": True, "cache_plugin": "ansible.builtin.jsonfile", "cache_connection": str(tmp_path / "cache"), "cache_timeout": 600}
    first = inventory(cloud, tmp_path, cfg)
    assert first.returncode == 0, first.stderr
    cloud.sim.calls.clear()
    second = inventory(cloud, tmp_path, cfg)
    assert second.returncode == 0, second.stderr
    assert hosts_of(json.loads(second.stdout)) == hosts_of(json.loads(first.stdout))
    assert cloud.sim.calls["listVirtualMachines"] == 0


def test_file_name_must_match(cloud, tmp_path):
    """A config file with another name is not this plugin's: no host comes from it."""
    proc = inventory(cloud, tmp_path, {}, name="other.yml")
    assert "cloudstack" not in json.loads(proc.stdout)
    assert "Unable to parse" in proc.stderr or "not a valid" in proc.stderr or "did not pass its verify_file" in proc.stderr


def test_api_values_are_never_templated(cloud, tmp_path):
    """A tag value that looks like a template stays text: data from the API must not run as Jinja."""
    vm = cloud.ok("listVirtualMachines", name="web-00")["virtualmachine"][0]
    cloud.wait(cloud.ok("createTags", resourcetype="UserVm", resourceids=vm["id"],
                        **{"tags[0].key": "note", "tags[0].value": "{{ 6 * 7 }}"}))
    cfg = tmp_path / "cloudstack-instances.yml"
    cfg.write_text(json.dumps({"plugin": "csops.cloudstack.instances", "filter_by_tags": {"note": "{{ 6 * 7 }}"}}))
    play = tmp_path / "play.yml"
    play.write_text(
        "- hosts: cloudstack\n  gather_facts: false\n  tasks:\n"
        "    - name: Show the tag\n      ansible.builtin.debug:\n        msg: \"note=[{{ instance_tags.note }}]\"\n"
    )
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), CLOUDSTACK_ENDPOINT=cloud.endpoint, CLOUDSTACK_KEY=cloud.key,
               CLOUDSTACK_SECRET=cloud.secret, ANSIBLE_FORCE_COLOR="0")
    proc = subprocess.run([str(BIN / "ansible-playbook"), "-i", str(cfg), str(play)], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    out = proc.stdout + proc.stderr
    assert "note=[42]" not in out
    assert proc.returncode == 0 and "note=[{{ 6 * 7 }}]" in out, out[-2000:]
