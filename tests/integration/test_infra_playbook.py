"""The infrastructure modules end to end through ansible-playbook: the connection set once for the
action group, a small data center built in order, a re-run with no change, check mode on an empty
simulator (reports, creates nothing), --diff output."""
import re

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
  tasks:
    - csops.cloudstack.zone: {{name: z1, dns1: 8.8.8.8, network_type: Advanced}}
      register: zone
    - csops.cloudstack.physical_network: {{name: pn1, zone: z1, isolation_method: VLAN, vlan: "100-199"}}
      when: zone.id is defined
      register: pnet
    - csops.cloudstack.traffic_type: {{physical_network: pn1, zone: z1, traffic_type: "{{{{ item }}}}", kvm_networklabel: cloudbr0}}
      loop: [Guest, Management, Public]
      when: pnet.id is defined
    - csops.cloudstack.physical_network:
        name: pn1
        zone: z1
        state: enabled
        nsps_enabled: [virtualrouter, vpcvirtualrouter, internallbvm]
      when: pnet.id is defined
    - csops.cloudstack.network_service_provider: {{name: ConfigDrive, physical_network: pn1, zone: z1, state: enabled}}
      when: pnet.id is defined
    - csops.cloudstack.pod: {{name: p1, zone: z1, gateway: 10.10.0.1, netmask: 255.255.255.0, start_ip: 10.10.0.10, end_ip: 10.10.0.99}}
      when: zone.id is defined
      register: pod
    - csops.cloudstack.vlan_ip_range:
        zone: z1
        physical_network: pn1
        for_virtual_network: true
        vlan: untagged
        start_ip: 203.0.113.10
        end_ip: 203.0.113.50
        gateway: 203.0.113.1
        netmask: 255.255.255.0
      when: pnet.id is defined
    - csops.cloudstack.cluster: {{name: c1, zone: z1, pod: p1, hypervisor: Simulator, cluster_type: CloudManaged}}
      when: pod.id is defined
      register: cluster
    - csops.cloudstack.host:
        name: "sim-c1-h{{{{ item }}}}"
        url: "http://sim/c1/h{{{{ item }}}}"
        zone: z1
        pod: p1
        cluster: c1
        hypervisor: Simulator
        username: root
        password: password
        host_tags: [perf]
      loop: [1, 2]
      when: cluster.id is defined
    - csops.cloudstack.storage_pool: {{name: ps1, zone: z1, pod: p1, cluster: c1, storage_url: "nfs://10.40.0.10/export/ps1", storage_tags: [ssd]}}
      when: cluster.id is defined
    - csops.cloudstack.image_store: {{name: sec1, zone: z1, provider: NFS, url: "nfs://10.40.0.10/export/secondary"}}
      when: zone.id is defined
    - csops.cloudstack.storage_pool: {{name: zps1, zone: z1, scope: zone, hypervisor: Simulator, storage_url: "nfs://10.40.0.10/export/zps1"}}
      when: zone.id is defined
    - csops.cloudstack.zone: {{name: z1, state: enabled}}
      when: zone.id is defined
    - csops.cloudstack.host_info: {{zone: z1, host_type: Routing, query: "sort([].name)"}}
      when: zone.id is defined
      register: hosts
    - ansible.builtin.assert:
        that: hosts.query_result == ['sim-c1-h1', 'sim-c1-h2']
      when: zone.id is defined
"""


def recap(proc):
    m = RECAP_RE.findall(proc.stdout)
    assert m and proc.returncode == 0, (proc.stdout + proc.stderr)[-5000:]
    ok, changed, unreachable, failed = map(int, m[-1])
    return changed, failed


def test_small_datacenter_then_rerun_then_check_mode(sim, make_simserver):
    play = PLAY.format(url=sim.endpoint, key=sim.key, secret=sim.secret)
    changed, failed = recap(run_playbook(play))
    # every task that writes changed (a loop counts once), except ConfigDrive: CloudStack enables it with an advanced zone's network
    assert failed == 0 and changed == 12
    assert len(sim.ok("listHosts", type="Routing")["host"]) == 2
    assert sim.ok("listZones", name="z1")["zone"][0]["allocationstate"] == "Enabled"
    before = dict(sim.sim.calls)
    proc = run_playbook(play, ["--diff"])
    changed, failed = recap(proc)
    assert changed == 0 and failed == 0, proc.stdout[-3000:]
    writes = {c: n - before.get(c, 0) for c, n in sim.sim.calls.items() if n != before.get(c, 0) and not c.startswith(("list", "query"))}
    assert writes == {}

    empty = make_simserver()
    proc = run_playbook(PLAY.format(url=empty.endpoint, key=empty.key, secret=empty.secret), ["--check", "--diff"])
    changed, failed = recap(proc)
    assert changed == 1 and failed == 0  # the zone would be created; what is under it is skipped (its parent is not there)
    assert "-    state: absent" in proc.stdout and "+    name: z1" in proc.stdout
    assert empty.ok("listZones").get("zone") is None
    assert not [c for c, n in empty.sim.calls.items() if n and not c.startswith(("list", "query"))]
