"""ip_address against the simulator (in process): tags as the key, a given address, re-run, check mode, --diff, absent,
bad input, a failed and a too slow job, faults (the tags decide what a duplicate is)."""
import pytest
from guest_helpers import ADV, Dc, sandbox, wait

TAGS = [{"key": "role", "value": "web"}]


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    d.net = d.network("app-net")
    return d


def ips(sim, dc, **params):
    return sim.ok("listPublicIpAddresses", associatednetworkid=dc.net["id"], **params).get("publicipaddress", [])


def tagged(sim, dc, tags=TAGS):
    return [i for i in ips(sim, dc) if {(t["key"], t["value"]) for t in i.get("tags") or []} >= {(t["key"], t["value"]) for t in tags}]


BASE = {"zone": ADV, "network": "app-net"}


def test_tags_as_key_create_rerun_check_diff_absent(module, sim, dc):
    res = module("ip_address", _check=True, _diff=True, tags=TAGS, **BASE)
    assert res["changed"] and ips(sim, dc) == []
    assert res["diff"]["before"] == {"state": "absent"} and res["diff"]["after"]["tags"] == TAGS and res["diff"]["after"]["network"] == "app-net"
    res = module("ip_address", _diff=True, tags=TAGS, **BASE)
    (ip,) = tagged(sim, dc)
    assert res["changed"] and res["id"] == ip["id"] and res["ip_address"] == ip["ipaddress"] and res["network"] == "app-net"
    assert res["tags"] == TAGS and res["zone"] == ADV
    n = len(ips(sim, dc))
    res = module("ip_address", _diff=True, tags=TAGS, **BASE)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}} and res["ip_address"] == ip["ipaddress"]
    assert len(ips(sim, dc)) == n
    # other tags: another address
    res = module("ip_address", tags=[{"key": "role", "value": "db"}], **BASE)
    assert res["changed"] and res["ip_address"] != ip["ipaddress"] and len(ips(sim, dc)) == n + 1
    # absent by tags
    res = module("ip_address", _check=True, _diff=True, tags=TAGS, state="absent", zone=ADV)
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(tagged(sim, dc)) == 1
    assert module("ip_address", tags=TAGS, state="absent", zone=ADV)["changed"]
    assert tagged(sim, dc) == []
    assert module("ip_address", tags=TAGS, state="absent", zone=ADV)["changed"] is False


def test_given_address_and_tag_update(module, sim, dc):
    free = sim.ok("listPublicIpAddresses", zoneid=dc.adv["id"], allocatedonly=False, state="Free")["publicipaddress"][-1]["ipaddress"]
    res = module("ip_address", ip_address=free, **BASE)
    assert res["changed"] and res["ip_address"] == free
    assert [i["ipaddress"] for i in ips(sim, dc, ipaddress=free)] == [free]
    assert module("ip_address", ip_address=free, **BASE)["changed"] is False
    res = module("ip_address", _diff=True, ip_address=free, tags=TAGS, **BASE)
    assert res["changed"] and res["diff"] == {"before": {"tags": []}, "after": {"tags": TAGS}}
    assert tagged(sim, dc)[0]["ipaddress"] == free
    assert module("ip_address", ip_address=free, tags=TAGS, **BASE)["changed"] is False
    assert module("ip_address", ip_address=free, state="absent", zone=ADV)["changed"]
    assert ips(sim, dc, ipaddress=free) == []


def test_bad_input(module, sim, dc):
    res = module("ip_address", **BASE)
    assert res.failed and "ip_address" in res["msg"] and "tags" in res["msg"]
    res = module("ip_address", tags=TAGS, zone=ADV, network="no-such-net")
    assert res.failed and "no-such-net" in res["msg"] and "network" in res["msg"]
    res = module("ip_address", tags=[{"value": "x"}], **BASE)
    assert res.failed and "tags" in res["msg"]
    res = module("ip_address", ip_address="10.99.99.99", **BASE)
    assert res.failed and "10.99.99.99" in res["msg"]
    assert ips(sim, dc) == []


def test_failed_job_and_timeout(module, sim, dc):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=associateIpAddress")
    res = module("ip_address", tags=TAGS, **BASE)
    assert res.failed and "associateIpAddress" in res["msg"]
    sim.sim.faults.set("")
    assert tagged(sim, dc) == []
    module("ip_address", tags=TAGS, **BASE)
    sim.sim.job_seconds = 3
    res = module("ip_address", tags=TAGS, zone=ADV, state="absent", api_async_timeout=1)
    assert res.failed and "disassociateIpAddress" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.15,drop=0.15,seed=4")
    for i in range(6):
        module("ip_address", tags=[{"key": "n", "value": str(i)}], **BASE)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for i in range(6):
        res = module("ip_address", tags=[{"key": "n", "value": str(i)}], **BASE)
        assert not res.failed, res["msg"]
        assert len(tagged(sim, dc, [{"key": "n", "value": str(i)}])) == 1
    # no address without tags left behind by a lost reply (except the network's source NAT address)
    assert [i["ipaddress"] for i in ips(sim, dc) if not i.get("tags") and not i["issourcenat"]] == []


def make_vpc(sim, dc, name="ip-vpc"):
    off = sim.ok("listVPCOfferings", name="Default VPC offering")["vpcoffering"][0]
    return wait(sim, sim.ok("createVPC", name=name, displaytext=name, cidr="10.10.0.0/16", zoneid=dc.adv["id"], vpcofferingid=off["id"]))["vpc"]


def vpc_ips(sim, vpc):
    return [i for i in sim.ok("listPublicIpAddresses", vpcid=vpc["id"]).get("publicipaddress", []) if not i.get("issourcenat")]


def test_in_a_vpc(module, sim, dc):
    """An address of a VPC (associateIpAddress vpcid): found, tagged and released within the VPC; the VPC's source NAT
    address is not taken for it."""
    vpc = make_vpc(sim, dc)
    args = dict(zone=ADV, vpc="ip-vpc", tags=TAGS)
    res = module("ip_address", _check=True, _diff=True, **args)
    assert res["changed"] and vpc_ips(sim, vpc) == []
    res = module("ip_address", **args)
    (ip,) = vpc_ips(sim, vpc)
    assert res["changed"] and res["id"] == ip["id"] and res["vpc"] == "ip-vpc" and res["is_source_nat"] is False
    assert ip["vpcid"] == vpc["id"] and not ip.get("associatednetworkid") and ip["account"] == vpc["account"]
    assert module("ip_address", **args)["changed"] is False
    # the same tags outside the VPC are another address
    assert module("ip_address", zone=ADV, network="app-net", tags=TAGS)["changed"]
    assert len(vpc_ips(sim, vpc)) == 1
    assert module("ip_address", state="absent", **args)["changed"]
    assert vpc_ips(sim, vpc) == [] and len(tagged(sim, dc)) == 1
    assert module("ip_address", state="absent", **args)["changed"] is False


def test_vpc_tier_needs_the_vpc(module, sim, dc):
    """CloudStack gives no address to a VPC tier directly: it belongs to the VPC (vpc), a rule ties it to a tier."""
    vpc = make_vpc(sim, dc)
    tier_off = sim.ok("listNetworkOfferings", name="DefaultIsolatedNetworkOfferingForVpcNetworks")["networkoffering"][0]
    dc.network("tier-1", offering=tier_off, vpcid=vpc["id"], gateway="10.10.1.1", netmask="255.255.255.0")
    res = module("ip_address", zone=ADV, network="tier-1", tags=TAGS)
    assert res.failed and "Specify vpcId to associate ip address to VPC" in res["msg"] and res["cloudstack_errorcode"] == 431
    assert vpc_ips(sim, vpc) == []
