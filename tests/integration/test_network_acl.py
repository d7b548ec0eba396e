"""network_acl against the simulator (in process): create, re-run, check mode, --diff, the description, absent, the
default lists, a list in use, bad input, a failed and a too slow job, faults; and a play of the ACL modules through
ansible-playbook."""
import pytest
from acl_helpers import ADV, VPC, acl_lists, new_list, tier, vpc_dc
from guest_helpers import sandbox
from harness import run_playbook


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    return vpc_dc(sim)


def names(sim, dc):
    return [a["name"] for a in acl_lists(sim, dc)]


ARGS = dict(name="web", vpc=VPC, zone=ADV)


def test_create_rerun_check_diff_absent(module, sim, dc):
    res = module("network_acl", _check=True, _diff=True, **ARGS)
    assert res["changed"] and "web" not in names(sim, dc)
    assert res["diff"] == {"before": {"state": "absent"}, "after": {"name": "web", "description": "web", "state": "present"}}
    assert res["vpc"] == VPC and res["zone"] == ADV and "id" not in res
    res = module("network_acl", _diff=True, **ARGS)
    (acl,) = [a for a in acl_lists(sim, dc) if a["name"] == "web"]
    assert res["changed"] and res["id"] == acl["id"] and res["description"] == "web" and res["vpc"] == VPC and res["vpc_id"] == dc.vpc["id"]
    assert acl["description"] == "web"  # description defaults to the name
    res = module("network_acl", _diff=True, **ARGS)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}} and res["id"] == acl["id"]
    # the description is updated (ngine_io sets it at creation only)
    res = module("network_acl", _check=True, _diff=True, description="web tier", **ARGS)
    assert res["changed"] and res["description"] == "web" and res["diff"]["after"]["description"] == "web tier"
    assert acl_lists(sim, dc, id=acl["id"])[0]["description"] == "web"
    res = module("network_acl", description="web tier", **ARGS)
    assert res["changed"] and res["description"] == "web tier" and acl_lists(sim, dc, id=acl["id"])[0]["description"] == "web tier"
    assert module("network_acl", description="web tier", **ARGS)["changed"] is False
    res = module("network_acl", _check=True, _diff=True, state="absent", **ARGS)
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and "web" in names(sim, dc)
    res = module("network_acl", state="absent", **ARGS)
    assert res["changed"] and res["id"] == acl["id"] and "web" not in names(sim, dc)
    assert module("network_acl", state="absent", **ARGS)["changed"] is False


def test_vpc_by_id_and_default_lists(module, sim, dc):
    res = module("network_acl", name="default_allow", vpc=dc.vpc["id"], zone=ADV)
    assert res["changed"] is False and res["name"] == "default_allow" and "vpc_id" not in res
    for check in (True, False):
        res = module("network_acl", _check=check, name="default_deny", vpc=VPC, zone=ADV, state="absent")
        assert res.failed and "default_deny" in res["msg"] and "cannot be removed" in res["msg"]
    assert "default_deny" in names(sim, dc)


def test_in_use_and_bad_input(module, sim, dc):
    acl = new_list(sim, dc, "app")
    tier(sim, dc, "t1", "10.10.1.1", aclid=acl["id"])
    res = module("network_acl", name="app", vpc=VPC, zone=ADV, state="absent")
    assert res.failed and "ACL is still associated with 1 tier(s)" in res["msg"] and "deleteNetworkACLList" in res["msg"]
    assert "app" in names(sim, dc)
    res = module("network_acl", name="x", vpc="no-such-vpc", zone=ADV)
    assert res.failed and "no-such-vpc" in res["msg"] and "vpc" in res["msg"]
    res = module("network_acl", name="x", vpc=VPC, zone="no-such-zone")
    assert res.failed and "no-such-zone" in res["msg"]
    res = module("network_acl", vpc=VPC, zone=ADV)
    assert res.failed and "name" in res["msg"]
    assert "x" not in names(sim, dc)


def test_failed_job_and_timeout(module, sim, dc):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=deleteNetworkACLList")
    new_list(sim, dc, "web")
    res = module("network_acl", state="absent", **ARGS)
    assert res.failed and "deleteNetworkACLList" in res["msg"]
    sim.sim.faults.set("")
    assert "web" in names(sim, dc)
    sim.sim.job_seconds = 3
    res = module("network_acl", api_async_timeout=1, **dict(ARGS, name="slow"))
    assert res.failed and "createNetworkACLList" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=3")
    for i in range(6):
        module("network_acl", **dict(ARGS, name="acl%d" % i))
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for i in range(6):
        assert not module("network_acl", **dict(ARGS, name="acl%d" % i)).failed
    got = [n for n in names(sim, dc) if n.startswith("acl")]
    assert sorted(got) == ["acl%d" % i for i in range(6)]


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
    - csops.cloudstack.network_acl: {{name: web, vpc: acl-vpc, zone: "{{{{ zone }}}}", description: web tier}}
    - csops.cloudstack.network_acl_rule: {{network_acl: web, vpc: acl-vpc, zone: "{{{{ zone }}}}", rule_position: 1, port: {port}}}
    - csops.cloudstack.network_acl_rule: {{network_acl: web, vpc: acl-vpc, zone: "{{{{ zone }}}}", rule_position: 2, protocol: all, action: deny}}
    - csops.cloudstack.network:
        name: web
        zone: "{{{{ zone }}}}"
        vpc: acl-vpc
        network_offering: DefaultIsolatedNetworkOfferingForVpcNetworks
        gateway: 10.10.1.1
        netmask: 255.255.255.0
        acl: web
"""


def test_playbook(sim, dc):
    """End to end with ansible-playbook: a list, two rules and a tier using it; the second run changes nothing."""
    conn = dict(url=sim.endpoint, key=sim.key, secret=sim.secret)
    out = run_playbook(PLAY.format(port=443, **conn))
    assert out.returncode == 0 and "ok=4 " in out.stdout and "changed=4 " in out.stdout, out.stdout + out.stderr
    out = run_playbook(PLAY.format(port=443, **conn))
    assert out.returncode == 0 and "changed=0 " in out.stdout, out.stdout
    out = run_playbook(PLAY.format(port=8443, **conn), ["--check", "--diff"])
    assert out.returncode == 0 and "changed=1 " in out.stdout and "8443" in out.stdout, out.stdout
    (net,) = sim.ok("listNetworks", vpcid=dc.vpc["id"])["network"]
    assert net["aclname"] == "web"
    acl = [a for a in acl_lists(sim, dc) if a["name"] == "web"][0]
    assert [r["startport"] for r in sim.ok("listNetworkACLs", aclid=acl["id"], protocol="tcp")["networkacl"]] == ["443"]
