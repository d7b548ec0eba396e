"""The snapshot modules end to end through ansible-playbook on the sandbox: the connection set once for the action
group; an instance group, a VM snapshot with memory, a ROOT volume snapshot and a volume made from it; a re-run with
no change; check mode with --diff of a revert; the revert of the VM snapshot."""
import re

from guest_helpers import Dc, sandbox
from harness import run_playbook

RECAP_RE = re.compile(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")

PLAY = """
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/csops.cloudstack.cloudstack:
      api_url: "{url}"
      api_key: "{key}"
      api_secret: "{secret}"
  vars:
    zone: Sandbox-simulator-advanced
  tasks:
    - csops.cloudstack.instance_group: {{name: web}}
    - csops.cloudstack.instance_snapshot: {{name: before upgrade, vm: web-1, zone: "{{{{ zone }}}}", snapshot_memory: true, state: {state}}}
    - csops.cloudstack.volume_snapshot: {{name: root-before-upgrade, vm: web-1, volume_type: ROOT}}
    - csops.cloudstack.volume: {{name: root-copy, zone: "{{{{ zone }}}}", snapshot: root-before-upgrade}}
"""


def recap(out):
    return tuple(int(x) for x in RECAP_RE.search(out).groups())


def test_snapshot_play_rerun_check_and_revert(make_simserver):
    sim = sandbox(make_simserver)
    dc = Dc(sim)
    vm = dc.deploy("web-1")
    conn = dict(url=sim.endpoint, key=sim.key, secret=sim.secret)
    out = run_playbook(PLAY.format(state="present", **conn))
    assert out.returncode == 0, out.stdout + out.stderr
    assert recap(out.stdout) == (4, 4, 0, 0), out.stdout
    out = run_playbook(PLAY.format(state="present", **conn))
    assert out.returncode == 0 and recap(out.stdout) == (4, 0, 0, 0), out.stdout
    out = run_playbook(PLAY.format(state="revert", **conn), ["--check", "--diff"])
    assert out.returncode == 0 and recap(out.stdout) == (4, 1, 0, 0), out.stdout
    assert re.search(r'\+\s+"?reverted_to"?: "?before upgrade', out.stdout), out.stdout
    events = len(sim.ok("listEvents", type="VMSNAPSHOT.REVERTTO").get("event", []))
    out = run_playbook(PLAY.format(state="revert", **conn))
    assert out.returncode == 0 and recap(out.stdout) == (4, 1, 0, 0), out.stdout
    assert len(sim.ok("listEvents", type="VMSNAPSHOT.REVERTTO").get("event", [])) == events + 1
    (snap,) = sim.ok("listVMSnapshot", virtualmachineid=vm["id"])["vmSnapshot"]
    assert snap["current"] is True and snap["type"] == "DiskAndMemory"
    assert dc.items("listVolumes", "volume", name="root-copy")[0]["snapshotid"]
