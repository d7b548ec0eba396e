"""A public load balancer rule on an IP of a VPC (CloudStack's createPublicLoadBalancerRule, assignToVpcNtwk): the IP, not
yet used by a rule, takes the tier networkid names; openfirewall is false for a VPC (true refused); members come from
that tier."""
import pytest
from workload_helpers import error_of, job_result, make_dc


@pytest.fixture
def dc(make_simserver):
    dc = make_dc(make_simserver)
    offs = {o["name"]: o for o in dc.s.ok("listNetworkOfferings", forvpc="true")["networkoffering"]}
    dc.tier_off = offs["DefaultIsolatedNetworkOfferingForVpcNetworks"]
    vpc_off = dc.s.ok("listVPCOfferings", name="Default VPC offering", isdefault="true")["vpcoffering"][0]
    dc.vpc = job_result(dc.s, "createVPC", name="v1", displaytext="v1", cidr="10.10.0.0/16", zoneid=dc.adv["id"],
                        vpcofferingid=vpc_off["id"])["vpc"]
    dc.web = dc.network("web", offering=dc.tier_off, vpcid=dc.vpc["id"], gateway="10.10.1.1", netmask="255.255.255.0")
    return dc


def test_a_vpc_ip_takes_the_tier_of_its_first_rule(dc):
    vm = dc.deploy(networkids=dc.web["id"], name="web1")
    ip = job_result(dc.s, "associateIpAddress", vpcid=dc.vpc["id"])["ipaddress"]
    base = dict(publicipid=ip["id"], name="http", algorithm="roundrobin", publicport=80, privateport=8080)
    assert error_of(dc.s, "createLoadBalancerRule", **base) == \
        (431, "Unable to create load balancer rule ; specified sourceip id is not associated with any network")
    assert error_of(dc.s, "createLoadBalancerRule", **dict(base, networkid=dc.web["id"], openfirewall="true")) == \
        (431, "Can't have openFirewall=true when IP address belongs to VPC")
    (listed,) = dc.s.ok("listPublicIpAddresses", id=ip["id"])["publicipaddress"]
    assert not listed.get("associatednetworkid")  # a refused rule leaves the IP with the VPC

    rule = job_result(dc.s, "createLoadBalancerRule", networkid=dc.web["id"], **base)["loadbalancer"]
    assert rule["networkid"] == dc.web["id"] and rule["publicip"] == ip["ipaddress"]
    (listed,) = dc.s.ok("listPublicIpAddresses", id=ip["id"])["publicipaddress"]
    assert (listed["associatednetworkid"], listed["vpcid"]) == (dc.web["id"], dc.vpc["id"])
    assert dc.s.ok("listFirewallRules", ipaddressid=ip["id"]) == {}  # no firewall on a VPC: its tiers have ACLs
    job_result(dc.s, "assignToLoadBalancerRule", id=rule["id"], virtualmachineids=vm["id"])
    members = dc.s.ok("listLoadBalancerRuleInstances", id=rule["id"])["loadbalancerruleinstance"]
    assert [m["name"] for m in members] == ["web1"]
    # the IP is the tier's now: a second rule on it needs no networkid
    second = job_result(dc.s, "createLoadBalancerRule", **dict(base, name="https", publicport=443, privateport=8443))["loadbalancer"]
    assert second["networkid"] == dc.web["id"]
