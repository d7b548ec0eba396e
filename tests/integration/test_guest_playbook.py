"""The guest modules end to end through ansible-playbook on the sandbox: the connection set once for the action
group, a network with a public IP, firewall, port forwarding and static NAT, a volume, security group and rule,
affinity group and snapshot policy; a re-run with no change; check mode of a change with --diff."""
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
    - csops.cloudstack.network: {{name: app-net, zone: "{{{{ zone }}}}", network_offering: DefaultIsolatedNetworkOfferingWithSourceNatService}}
    - csops.cloudstack.ip_address: {{zone: "{{{{ zone }}}}", network: app-net, tags: [{{key: role, value: web}}]}}
      register: ip
    - csops.cloudstack.firewall: {{ip_address: "{{{{ ip.ip_address }}}}", zone: "{{{{ zone }}}}", port: 443}}
    - csops.cloudstack.firewall: {{network: app-net, zone: "{{{{ zone }}}}", type: egress, protocol: udp, port: 53, dest_cidrs: [9.9.9.9/32]}}
    - csops.cloudstack.portforward: {{ip_address: "{{{{ ip.ip_address }}}}", zone: "{{{{ zone }}}}", public_port: 2222, private_port: 22, vm: web-1}}
    - csops.cloudstack.ip_address: {{zone: "{{{{ zone }}}}", network: app-net, tags: [{{key: role, value: nat}}]}}
      register: ip2
    - csops.cloudstack.static_nat: {{ip_address: "{{{{ ip2.ip_address }}}}", zone: "{{{{ zone }}}}", vm: web-1}}
    - csops.cloudstack.volume: {{name: data-1, zone: "{{{{ zone }}}}", disk_offering: Small, vm: web-1, state: attached}}
    - csops.cloudstack.volume_snapshot_policy: {{volume: data-1, schedule: "30:1", max_snaps: {max_snaps}}}
    - csops.cloudstack.security_group: {{name: web}}
    - csops.cloudstack.security_group_rule: {{security_group: web, port: 80}}
    - csops.cloudstack.affinity_group: {{name: spread, affinity_type: host anti-affinity}}
"""


def recap(out):
    return tuple(int(x) for x in RECAP_RE.search(out).groups())


def test_guest_play_rerun_and_check_mode(make_simserver):
    sim = sandbox(make_simserver)
    dc = Dc(sim)
    dc.deploy("web-1", networks=[dc.network("app-net")])  # the network exists: the play's network task finds it
    conn = dict(url=sim.endpoint, key=sim.key, secret=sim.secret)
    out = run_playbook(PLAY.format(max_snaps=7, **conn))
    assert out.returncode == 0, out.stdout + out.stderr
    assert recap(out.stdout) == (12, 11, 0, 0), out.stdout
    out = run_playbook(PLAY.format(max_snaps=7, **conn))
    assert out.returncode == 0 and recap(out.stdout) == (12, 0, 0, 0), out.stdout
    out = run_playbook(PLAY.format(max_snaps=5, **conn), ["--check", "--diff"])
    assert out.returncode == 0 and recap(out.stdout) == (12, 1, 0, 0), out.stdout
    assert re.search(r'-\s+"?max_snaps"?: 7', out.stdout) and re.search(r'\+\s+"?max_snaps"?: 5', out.stdout), out.stdout
    volume = dc.items("listVolumes", "volume", name="data-1")[0]
    assert sim.ok("listSnapshotPolicies", volumeid=volume["id"])["snapshotpolicy"][0]["maxsnaps"] == 7
