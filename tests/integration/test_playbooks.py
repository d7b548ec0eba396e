"""The end-to-end contract through ansible-playbook: the action group with module_defaults, check mode, --diff,
a re-run without change, secrets masked in verbose output."""
import json
import re

from harness import run_playbook

PLAY = """
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/csops.cloudstack.cloudstack:
      api_url: "{url}"
      api_key: "{key}"
      api_secret: "{secret}"
  tasks:
    - name: zone
      csops.cloudstack.zone:
        name: pb-zone
        dns1: "{dns1}"
        network_type: Advanced
        state: enabled
      register: zone
    - name: setting
      csops.cloudstack.configuration:
        name: expunge.delay
        value: "{delay}"
    - name: info
      csops.cloudstack.zone_info:
        query: "[?name=='pb-zone'].allocation_state | [0]"
      register: info
    - name: facts for the test
      ansible.builtin.debug:
        msg: "RESULT {{{{ {{'id': zone.id | default(''), 'state': info.query_result}} | to_json }}}}"
"""


def play(sim, dns1="8.8.8.8", delay="600"):
    return PLAY.format(url=sim.endpoint, key=sim.key, secret=sim.secret, dns1=dns1, delay=delay)


def diff_line(sign, key, value, out):
    """A line of Ansible's diff display, in JSON or YAML result format."""
    pattern = r"^%s\s+\"?%s\"?: [\"']?%s[\"']?\s*$" % (re.escape(sign), re.escape(key), re.escape(value))
    return re.search(pattern, out, re.M) is not None


def recap(out):
    m = re.search(r"localhost\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", out)
    assert m, out[-3000:]
    return {"ok": int(m.group(1)), "changed": int(m.group(2)), "failed": int(m.group(4))}


def test_check_mode_then_apply_then_rerun_with_diff(sim):
    # check mode on an empty cloud: reports the changes, makes none
    r = run_playbook(play(sim), ["--check", "--diff"])
    assert r.returncode == 0, r.stdout + r.stderr
    assert recap(r.stdout) == {"ok": 4, "changed": 2, "failed": 0}
    assert sim.ok("listZones") == {}
    assert diff_line("+", "dns1", "8.8.8.8", r.stdout) and diff_line("+", "state", "enabled", r.stdout), r.stdout
    # apply
    r = run_playbook(play(sim))
    assert r.returncode == 0, r.stdout + r.stderr
    assert recap(r.stdout)["changed"] == 2
    (zone,) = sim.ok("listZones")["zone"]
    assert zone["allocationstate"] == "Enabled" and zone["networktype"] == "Advanced"
    result = json.loads(re.search(r"RESULT (\{.*?\})", r.stdout).group(1).replace('\\"', '"'))
    assert result == {"id": zone["id"], "state": "Enabled"}
    # re-run: nothing to do
    r = run_playbook(play(sim))
    assert recap(r.stdout) == {"ok": 4, "changed": 0, "failed": 0}
    # --diff on an update shows the real before and after
    r = run_playbook(play(sim, dns1="9.9.9.9", delay="700"), ["--diff"])
    assert recap(r.stdout)["changed"] == 2
    assert diff_line("-", "dns1", "8.8.8.8", r.stdout) and diff_line("+", "dns1", "9.9.9.9", r.stdout), r.stdout
    assert diff_line("-", "value", "600", r.stdout) and diff_line("+", "value", "700", r.stdout), r.stdout


def test_errors_and_verbose_output_never_show_the_secret(sim):
    bad = PLAY.format(url=sim.endpoint, key=sim.key, secret=sim.secret, dns1="8.8.8.8", delay="soon")
    r = run_playbook(bad, ["-vvvv"])
    assert r.returncode != 0
    out = r.stdout + r.stderr
    assert "CloudStack API updateConfiguration failed (HTTP 431" in out
    assert "Traceback" not in out
    # the secret appears in the playbook file itself but never in what ansible prints
    assert sim.secret not in out
