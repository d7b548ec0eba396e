"""The tenancy modules through ansible-playbook: the action group with module_defaults, check mode, --diff, a re-run
without change, passwords and API secrets never in the (verbose) output."""
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
    - csops.cloudstack.domain:
        path: ROOT/pb
        network_domain: "{netdom}"
    - csops.cloudstack.account:
        name: pb-ops
        domain: ROOT/pb
        username: pb-admin
        password: Pb-password-0815
        first_name: P
        last_name: B
        email: pb@example.com
        state: "{state}"
    - csops.cloudstack.user:
        username: pb-bot
        account: pb-ops
        domain: ROOT/pb
        password: Pb-password-0815
        first_name: Bot
        last_name: B
        email: bot@example.com
        keys_registered: true
      register: bot
    - csops.cloudstack.service_offering:
        name: pb-small
        cpu_number: 1
        cpu_speed: 500
        memory: 512
    - ansible.builtin.debug:
        msg: "KEYLEN {{{{ bot.user_api_secret | default('') | length }}}}"
"""


def play(sim, netdom="pb.example.com", state="enabled"):
    return PLAY.format(url=sim.endpoint, key=sim.key, secret=sim.secret, netdom=netdom, state=state)


def recap(out):
    m = re.search(r"localhost\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", out)
    assert m, out[-3000:]
    return {"ok": int(m.group(1)), "changed": int(m.group(2)), "failed": int(m.group(4))}


def diff_line(sign, key, value, out):
    pattern = r"^%s\s+\"?%s\"?: [\"']?%s[\"']?\s*$" % (re.escape(sign), re.escape(key), re.escape(value))
    return re.search(pattern, out, re.M) is not None


def test_check_apply_rerun_diff_and_no_secrets(sim):
    r = run_playbook(play(sim), ["--check", "--diff"])
    assert r.returncode == 0, r.stdout + r.stderr
    assert recap(r.stdout)["changed"] >= 2 and [d["path"] for d in sim.ok("listDomains", listall="true")["domain"]] == ["ROOT"]
    assert diff_line("+", "path", "ROOT/pb", r.stdout), r.stdout
    r = run_playbook(play(sim), ["--diff"])
    assert r.returncode == 0, r.stdout + r.stderr
    assert recap(r.stdout)["changed"] == 4
    assert re.search(r"KEYLEN [1-9]\d+", r.stdout), r.stdout  # the task got the secret (user_api_secret)
    (user,) = sim.ok("listUsers", listall="true", username="pb-bot")["user"]
    keys = sim.ok("getUserKeys", id=user["id"])["userkeys"]
    out = r.stdout + r.stderr
    # neither the password, the admin's secret nor the new user's secret shows in the output or the diff
    assert "Pb-password-0815" not in out and sim.secret not in out and keys["secretkey"] not in out
    assert diff_line("+", "keys_registered", "true", out), out
    # with -v Ansible prints results (user_api_secret among them, as ngine_io returns it: use no_log on such a task),
    # but never the module's no_log options
    r = run_playbook(play(sim), ["-v"])
    assert "Pb-password-0815" not in r.stdout + r.stderr and sim.secret not in r.stdout + r.stderr
    r = run_playbook(play(sim))
    assert recap(r.stdout)["changed"] == 0, r.stdout
    r = run_playbook(play(sim, netdom="pb2.example.com", state="locked"), ["--diff"])
    assert recap(r.stdout)["changed"] == 2
    assert diff_line("-", "network_domain", "pb.example.com", r.stdout) and diff_line("+", "network_domain", "pb2.example.com", r.stdout)
    assert diff_line("-", "state", "enabled", r.stdout) and diff_line("+", "state", "locked", r.stdout), r.stdout
