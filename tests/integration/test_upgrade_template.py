"""The upgrade role's API step (roles/upgrade/tasks/template.yml) against the sandbox simulator: the new release's
system VM template registered in every zone before the upgrade, waited for, and a second run that changes nothing."""
import os
import pathlib
import re
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
ANSIBLE_PLAYBOOK = pathlib.Path(sys.executable).parent / "ansible-playbook"
RECAP_RE = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)

PLAY = """---
- name: The upgrade's template step
  hosts: mgmt1
  gather_facts: false
  module_defaults:
    group/csops.cloudstack.cloudstack:
      api_url: "{{ cloudstack_api_url }}"
      api_key: "{{ cloudstack_api_key }}"
      api_secret: "{{ cloudstack_api_secret }}"
  tasks:
    - name: Register the template
      ansible.builtin.include_role:
        name: csops.cloudstack.upgrade
        tasks_from: template.yml
"""


def play(sim, tmp_path, *args):
    inv = tmp_path / "inventory.yml"
    inv.write_text(yaml.safe_dump({"all": {"vars": {
        "ansible_connection": "local", "ansible_python_interpreter": sys.executable, "cloudstack_api_url": sim.endpoint,
        "cloudstack_api_key": sim.key, "cloudstack_api_secret": sim.secret, "upgrade_template_timeout": 60},
        "children": {"management": {"hosts": {"mgmt1": {}}}}}}))
    pb = tmp_path / "template.yml"
    pb.write_text(PLAY)
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_NOCOLOR="1")
    proc = subprocess.run([str(ANSIBLE_PLAYBOOK), "-i", str(inv), str(pb), *args], cwd=str(ROOT), env=env,
                          capture_output=True, text=True, timeout=300)
    recap = RECAP_RE.findall(proc.stdout)
    out = proc.stdout + proc.stderr
    assert sim.secret not in out
    return {"rc": proc.returncode, "changed": sum(int(r[2]) for r in recap), "out": " ".join(out.split())}


def templates(sim, name):
    return sim.ok("listTemplates", templatefilter="all", listall="true", name=name).get("template", [])


def test_registers_the_release_template_in_every_zone_and_a_second_run_changes_nothing(make_simserver, tmp_path):
    sim = make_simserver(datacenter="sandbox", job_seconds=0.02)
    zones = sim.ok("listZones")["zone"]
    res = play(sim, tmp_path, "-e", "upgrade_release=4.20", "--check")
    assert res["rc"] == 0 and res["changed"] == 1, res["out"][-3000:]
    assert templates(sim, "systemvm-kvm-4.20.2") == []  # check mode made nothing
    res = play(sim, tmp_path, "-e", "upgrade_release=4.20")
    assert res["rc"] == 0 and res["changed"] == 1, res["out"][-3000:]
    made = templates(sim, "systemvm-kvm-4.20.2")
    assert {t["zoneid"] for t in made} == {z["id"] for z in zones}
    assert all(t["templatetype"] == "ROUTING" and t["hypervisor"] == "KVM" and t["isready"] for t in made), made
    assert all(t["ostypename"] == "Debian GNU/Linux 12 (64-bit)" for t in made)
    res = play(sim, tmp_path, "-e", "upgrade_release=4.20")
    assert res["rc"] == 0 and res["changed"] == 0, res["out"][-3000:]

