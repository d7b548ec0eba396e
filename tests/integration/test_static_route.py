"""static_route against the simulator (in process): create, re-run, check mode, --diff, another CIDR, absent,
bad input (the module's checks and CloudStack's), a failed and a too slow job, faults."""
import re

import pytest
from guest_helpers import ADV, Dc, sandbox, wait
from harness import run_playbook


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    off = sim.ok("listVPCOfferings", name="Default VPC offering")["vpcoffering"][0]
    d.vpc = wait(sim, sim.ok("createVPC", name="rt-vpc", displaytext="rt-vpc", cidr="10.10.0.0/16", zoneid=d.adv["id"],
                             vpcofferingid=off["id"]))["vpc"]
    d.gw = wait(sim, sim.ok("createPrivateGateway", vpcid=d.vpc["id"], ipaddress="10.200.0.2", gateway="10.200.0.1",
                            netmask="255.255.255.0", vlan="400"))["privategateway"]
    return d


ARGS = dict(vpc="rt-vpc", zone=ADV, gateway="10.200.0.2", cidr="172.16.0.0/16")


def routes(sim):
    return sim.ok("listStaticRoutes", listall="true").get("staticroute", [])


def test_create_rerun_check_diff_absent(module, sim, dc):
    res = module("static_route", _check=True, _diff=True, **ARGS)
    assert res["changed"] and routes(sim) == [] and res["diff"]["before"] == {"state": "absent"}
    assert res["diff"]["after"]["cidr"] == "172.16.0.0/16"
    res = module("static_route", **ARGS)
    (route,) = routes(sim)
    assert res["changed"] and res["id"] == route["id"] and res["cidr"] == "172.16.0.0/16" and res["state"] == "Active"
    assert res["gateway"] == "10.200.0.2" and res["gateway_id"] == dc.gw["id"] and res["vpc"] == "rt-vpc" and res["vpc_id"] == dc.vpc["id"]
    assert res["zone"] == ADV
    res = module("static_route", _diff=True, **ARGS)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    # another CIDR is another route
    assert module("static_route", **dict(ARGS, cidr="192.168.100.0/24"))["changed"]
    assert sorted(r["cidr"] for r in routes(sim)) == ["172.16.0.0/16", "192.168.100.0/24"]
    res = module("static_route", _check=True, _diff=True, state="absent", **ARGS)
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(routes(sim)) == 2
    assert module("static_route", state="absent", **ARGS)["changed"]
    assert [r["cidr"] for r in routes(sim)] == ["192.168.100.0/24"]
    assert module("static_route", state="absent", **ARGS)["changed"] is False
    # a gateway that does not exist carries no route: absent is no change
    assert module("static_route", state="absent", **dict(ARGS, gateway="10.99.0.2"))["changed"] is False


def test_bad_input(module, sim, dc):
    res = module("static_route", **dict(ARGS, cidr="172.16.0.1/16"))
    assert res.failed and "cidr" in res["msg"] and "172.16.0.1/16" in res["msg"]
    res = module("static_route", _check=True, **dict(ARGS, cidr="nope"))
    assert res.failed and "cidr" in res["msg"] and "nope" in res["msg"]
    res = module("static_route", **dict(ARGS, gateway="10.99.0.2"))
    assert res.failed and "gateway" in res["msg"] and "10.99.0.2" in res["msg"]
    res = module("static_route", _check=True, **dict(ARGS, gateway="10.99.0.2"))  # it may come from an earlier task of the run
    assert res["changed"] and not res.failed and "10.99.0.2" in " ".join(res["warnings"])
    res = module("static_route", **dict(ARGS, vpc="nope"))
    assert res.failed and "nope" in res["msg"]
    # CloudStack's checks: inside the VPC's CIDR, overlapping another route
    res = module("static_route", **dict(ARGS, cidr="10.10.4.0/24"))
    assert res.failed and "CIDR should be outside of VPC cidr 10.10.0.0/16" in res["msg"] and res["cloudstack_errorcode"] == 431
    module("static_route", **ARGS)
    res = module("static_route", **dict(ARGS, cidr="172.16.8.0/24"))
    assert res.failed and "conflicts with existing route" in res["msg"] and res["cloudstack_errorcode"] == 537
    assert [r["cidr"] for r in routes(sim)] == ["172.16.0.0/16"]


def test_failed_job_and_timeout(module, sim, dc):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createStaticRoute")
    res = module("static_route", **ARGS)
    assert res.failed and "createStaticRoute" in res["msg"]
    sim.sim.faults.set("")
    assert not module("static_route", **ARGS).failed  # the re-run converges, no duplicate
    assert len(routes(sim)) == 1
    sim.sim.job_seconds = 3
    res = module("static_route", state="absent", api_async_timeout=1, **ARGS)
    assert res.failed and "deleteStaticRoute" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim, dc):
    cidrs = ["172.%d.0.0/16" % n for n in range(16, 22)]
    sim.sim.faults.set("5xx=0.15,drop=0.15,seed=3")
    for cidr in cidrs:
        module("static_route", **dict(ARGS, cidr=cidr))
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for cidr in cidrs:
        assert not module("static_route", **dict(ARGS, cidr=cidr)).failed
    assert sorted(r["cidr"] for r in routes(sim)) == sorted(cidrs)


PLAY = """
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/csops.cloudstack.cloudstack: {{api_url: "{url}", api_key: "{key}", api_secret: "{secret}"}}
  tasks:
    - csops.cloudstack.vpc_private_gateway:
        {{vpc: rt-vpc, zone: {zone}, ip_address: 10.210.0.2, gateway: 10.210.0.1, netmask: 255.255.255.0, vlan: "410"}}
    - csops.cloudstack.static_route: {{vpc: rt-vpc, zone: {zone}, gateway: 10.210.0.2, cidr: "{{{{ item }}}}"}}
      loop: [172.20.0.0/16, 192.168.200.0/24]
"""


def test_playbook_gateway_and_routes(sim, dc):
    """The gateway and its routes in one play: check mode (the routes of a gateway still to be made are reported as to be
    created), the run, a second run without change."""
    recap = re.compile(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")
    play = PLAY.format(url=sim.endpoint, key=sim.key, secret=sim.secret, zone=ADV)
    out = run_playbook(play, ["--check", "--diff"])
    assert out.returncode == 0 and recap.search(out.stdout).groups() == ("2", "2", "0", "0"), out.stdout
    assert routes(sim) == [] and len(sim.ok("listPrivateGateways", listall="true")["privategateway"]) == 1
    out = run_playbook(play)
    assert out.returncode == 0 and recap.search(out.stdout).groups() == ("2", "2", "0", "0"), out.stdout + out.stderr
    assert sorted(r["cidr"] for r in routes(sim)) == ["172.20.0.0/16", "192.168.200.0/24"]
    out = run_playbook(play)
    assert out.returncode == 0 and recap.search(out.stdout).groups() == ("2", "0", "0", "0"), out.stdout
