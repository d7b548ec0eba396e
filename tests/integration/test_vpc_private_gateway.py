"""vpc_private_gateway against the simulator (in process): create, re-run, check mode, --diff, the create-only options
(a warning, no change), absent, bad input, a failed and a too slow job, faults."""
import pytest
from guest_helpers import ADV, Dc, sandbox, wait


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    off = sim.ok("listVPCOfferings", name="Default VPC offering")["vpcoffering"][0]
    d.vpc = wait(sim, sim.ok("createVPC", name="gw-vpc", displaytext="gw-vpc", cidr="10.10.0.0/16", zoneid=d.adv["id"],
                             vpcofferingid=off["id"]))["vpc"]
    return d


ARGS = dict(vpc="gw-vpc", zone=ADV, ip_address="10.200.0.2", gateway="10.200.0.1", netmask="255.255.255.0", vlan="400")


def gateways(sim):
    return sim.ok("listPrivateGateways", listall="true").get("privategateway", [])


def test_create_rerun_check_diff_absent(module, sim, dc):
    res = module("vpc_private_gateway", _check=True, _diff=True, **ARGS)
    assert res["changed"] and gateways(sim) == [] and "id" not in res
    assert res["diff"]["before"] == {"state": "absent"}
    assert res["diff"]["after"]["gateway"] == "10.200.0.1" and res["diff"]["after"]["vlan"] == "vlan://400"
    res = module("vpc_private_gateway", source_nat_supported=True, **ARGS)
    (gw,) = gateways(sim)
    assert res["changed"] and res["id"] == gw["id"] and res["ip_address"] == "10.200.0.2" and res["vlan"] == "vlan://400"
    assert res["vpc"] == "gw-vpc" and res["vpc_id"] == dc.vpc["id"] and res["zone"] == ADV and res["state"] == "Ready"
    assert res["gateway"] == "10.200.0.1" and res["netmask"] == "255.255.255.0" and res["source_nat_supported"] is True
    assert res["physical_network_id"] == gw["physicalnetworkid"]
    res = module("vpc_private_gateway", _diff=True, source_nat_supported=True, **ARGS)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}} and not res.get("warnings")
    # vlan given as a URI is the same VLAN
    assert module("vpc_private_gateway", **dict(ARGS, vlan="vlan://400"))["changed"] is False
    # CloudStack cannot change a private gateway: a difference is a warning, never a change
    res = module("vpc_private_gateway", **dict(ARGS, gateway="10.200.0.254", vlan="401"))
    assert res["changed"] is False and "gateway" in " ".join(res["warnings"]) and "vlan" in " ".join(res["warnings"])
    assert gateways(sim)[0]["vlan"] == "vlan://400"
    # absent: check mode, then for real, then again
    res = module("vpc_private_gateway", _check=True, _diff=True, state="absent", vpc="gw-vpc", zone=ADV, ip_address="10.200.0.2")
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(gateways(sim)) == 1
    assert module("vpc_private_gateway", state="absent", vpc="gw-vpc", zone=ADV, ip_address="10.200.0.2")["changed"]
    assert gateways(sim) == []
    assert module("vpc_private_gateway", state="absent", vpc="gw-vpc", zone=ADV, ip_address="10.200.0.2")["changed"] is False


def test_network_acl(module, sim, dc):
    res = module("vpc_private_gateway", **dict(ARGS, network_acl="nope"))
    assert res.failed and "network_acl" in res["msg"] and "nope" in res["msg"] and gateways(sim) == []
    res = module("vpc_private_gateway", network_acl="default_allow", **ARGS)
    assert res["changed"] and res["network_acl"] == "default_allow"
    assert module("vpc_private_gateway", network_acl="default_allow", **ARGS)["changed"] is False
    # another list: replaceNetworkACLList (check mode: nothing replaced)
    res = module("vpc_private_gateway", _check=True, _diff=True, network_acl="default_deny", **ARGS)
    assert res["changed"] and res["diff"]["before"]["network_acl"] == "default_allow" and res["diff"]["after"]["network_acl"] == "default_deny"
    assert gateways(sim)[0]["aclname"] == "default_allow"
    res = module("vpc_private_gateway", network_acl="default_deny", **ARGS)
    assert res["changed"] and res["network_acl"] == "default_deny" and gateways(sim)[0]["aclname"] == "default_deny"
    assert module("vpc_private_gateway", network_acl="default_deny", **ARGS)["changed"] is False


def test_default_acl_is_default_deny(module, sim, dc):
    res = module("vpc_private_gateway", **ARGS)
    deny = sim.ok("listNetworkACLLists", name="default_deny")["networkacllist"][0]
    assert (res["network_acl_id"], res["network_acl"]) == (deny["id"], "default_deny")


def test_bad_input(module, sim, dc):
    res = module("vpc_private_gateway", **dict(ARGS, vlan=None))
    assert res.failed and "vlan" in res["msg"] and "network" in res["msg"] and "10.200.0.2" in res["msg"]
    res = module("vpc_private_gateway", _check=True, **dict(ARGS, vlan=None))
    assert res.failed and "vlan" in res["msg"]
    res = module("vpc_private_gateway", **dict(ARGS, gateway=None))
    assert res.failed and res["msg"] == "missing required arguments: gateway"
    res = module("vpc_private_gateway", **dict(ARGS, vpc="no-such-vpc"))
    assert res.failed and "no-such-vpc" in res["msg"] and "vpc" in res["msg"]
    res = module("vpc_private_gateway", **dict(ARGS, gateway="10.9.0.1"))
    assert res.failed and "10.9.0.1" in res["msg"] and res["cloudstack_errorcode"] == 431
    assert gateways(sim) == []


def test_failed_job_and_timeout(module, sim, dc):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createPrivateGateway")
    res = module("vpc_private_gateway", **ARGS)
    assert res.failed and "createPrivateGateway" in res["msg"]
    sim.sim.faults.set("")
    sim.sim.job_seconds = 3
    res = module("vpc_private_gateway", api_async_timeout=1, **dict(ARGS, ip_address="10.201.0.2", gateway="10.201.0.1", vlan="401"))
    assert res.failed and "createPrivateGateway" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=4")
    for n in range(4):
        module("vpc_private_gateway", **dict(ARGS, ip_address="10.20%d.0.2" % n, gateway="10.20%d.0.1" % n, vlan=str(400 + n)))
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for n in range(4):
        assert not module("vpc_private_gateway", **dict(ARGS, ip_address="10.20%d.0.2" % n, gateway="10.20%d.0.1" % n, vlan=str(400 + n))).failed
    assert sorted(g["ipaddress"] for g in gateways(sim)) == ["10.200.0.2", "10.201.0.2", "10.202.0.2", "10.203.0.2"]
