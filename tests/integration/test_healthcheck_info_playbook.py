"""The health-check info modules in one play through ansible-playbook, connection set once for the action group,
with --check: every task answers, nothing changes, the simulator sees no write."""
import re

from harness import run_playbook
from health_helpers import sandbox, writes

PLAY = """
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/csops.cloudstack.cloudstack: {{api_url: "{url}", api_key: "{key}", api_secret: "{secret}"}}
  tasks:
    - csops.cloudstack.capacity_info: {{zone: Sandbox-simulator-advanced, capacity_type: CPU}}
      register: cap
    - csops.cloudstack.alert_info: {{since: 1d}}
      register: alerts
    - csops.cloudstack.event_info: {{since: 1d, level: INFO}}
      register: events
    - csops.cloudstack.system_vm_info: {{query: "[?state!='Running'].name"}}
      register: svms
    - csops.cloudstack.management_server_info:
      register: ms
    - csops.cloudstack.host_info: {{metrics: true, host_type: Routing, query: "[?cpu_allocated_threshold].name"}}
      register: hv
    - ansible.builtin.assert:
        that:
          - cap.capacities | length == 1 and cap.capacities[0].name == 'CPU'
          - alerts.alerts == []
          - events.events | length > 0
          - svms.query_result == []
          - ms.management_servers[0].state == 'Up' and ms.db.queries > 0
          - hv.query_result == []
"""
RECAP_RE = re.compile(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")


def test_read_only_play_in_check_mode(make_simserver):
    dc = sandbox(make_simserver)
    dc.deploy()
    before = writes(dc)
    proc = run_playbook(PLAY.format(url=dc.s.endpoint, key=dc.s.key, secret=dc.s.secret), ["--check"])
    m = RECAP_RE.findall(proc.stdout)
    assert m and proc.returncode == 0, (proc.stdout + proc.stderr)[-5000:]
    assert m[-1] == ("7", "0", "0", "0")
    assert writes(dc) == before
