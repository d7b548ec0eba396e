"""Internal load balancers (scheme Internal) on a VPC tier: createLoadBalancer/listLoadBalancers/updateLoadBalancer/
deleteLoadBalancer, members with the rule commands, the internal LB VM deployed with the first member and destroyed
with the last rule on its address."""
import pytest
from workload_helpers import error_of, job_result, make_dc


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def tier(dc, name="web", offering="DefaultIsolatedNetworkOfferingForVpcNetworksWithInternalLB", cidr="10.30.0.0/16", gateway="10.30.1.1"):
    off = dc.s.ok("listNetworkOfferings", forvpc="true", name=offering)["networkoffering"][0]
    vpc_off = dc.s.ok("listVPCOfferings", name="Default VPC offering")["vpcoffering"][0]
    vpc = job_result(dc.s, "createVPC", name=f"{name}-vpc", displaytext=name, cidr=cidr, zoneid=dc.adv["id"], vpcofferingid=vpc_off["id"])["vpc"]
    return dc.network(name, offering=off, vpcid=vpc["id"], gateway=gateway, netmask="255.255.255.0")


def ilb(dc, net, **extra):
    params = dict(name="web-ilb", networkid=net["id"], sourceipaddressnetworkid=net["id"], scheme="Internal", algorithm="roundrobin",
                  sourceport=80, instanceport=8080)
    params.update(extra)
    return job_result(dc.s, "createLoadBalancer", **params)["loadbalancer"]


def ilb_vms(dc):
    return dc.s.ok("listInternalLoadBalancerVMs").get("router", [])


def test_create_list_update_delete(dc):
    net = tier(dc)
    lb = ilb(dc, net, description="d")
    assert (lb["name"], lb["algorithm"], lb["networkid"], lb["sourceipaddressnetworkid"]) == ("web-ilb", "roundrobin", net["id"], net["id"])
    assert lb["sourceipaddress"].startswith("10.30.1.") and "description" not in lb and lb["fordisplay"] is True
    assert lb["loadbalancerrule"] == [{"sourceport": 80, "instanceport": 8080, "state": "Active"}] and lb.get("loadbalancerinstance", []) == []
    listed = dc.s.ok("listLoadBalancers", networkid=net["id"], scheme="Internal")["loadbalancer"]
    assert [x["id"] for x in listed] == [lb["id"]]
    assert dc.s.ok("listLoadBalancerRules", listall="true") == {}  # the public rules' list leaves it out
    upd = job_result(dc.s, "updateLoadBalancer", id=lb["id"], fordisplay="false")["loadbalancer"]
    assert upd["fordisplay"] is False
    assert dc.s.ok("listLoadBalancers", networkid=net["id"]) == {}  # display=true unless asked
    assert [x["id"] for x in dc.s.ok("listLoadBalancers", fordisplay="false")["loadbalancer"]] == [lb["id"]]
    fixed = ilb(dc, net, name="second", sourceipaddress="10.30.1.200", sourceport=443, instanceport=443)
    assert fixed["sourceipaddress"] == "10.30.1.200"
    status, text = error_of(dc.s, "createLoadBalancer", name="third", networkid=net["id"], sourceipaddressnetworkid=net["id"], scheme="Internal",
                            algorithm="source", sourceport=443, instanceport=8443, sourceipaddress="10.30.1.200")
    assert (status, text) == (537, f"The range specified, 443-443, conflicts with rule {fixed['id']} which has 443-443")
    assert job_result(dc.s, "deleteLoadBalancer", id=lb["id"]) == {"success": True}
    assert [x["id"] for x in dc.s.ok("listLoadBalancers")["loadbalancer"]] == [fixed["id"]]
    assert error_of(dc.s, "deleteLoadBalancer", id=lb["id"])[0] == 431


def test_refusals(dc):
    net = tier(dc)
    base = dict(name="x", networkid=net["id"], sourceipaddressnetworkid=net["id"], scheme="Internal", algorithm="source", sourceport=80,
                instanceport=80)
    for change, expected in (({"scheme": "Public"}, "Invalid value for scheme. Supported value is internal"),
                             ({"algorithm": "fastest"}, "Invalid algorithm: fastest"),
                             ({"sourceport": 0}, "Invalid value for source port: 0"),
                             ({"sourceipaddress": "10.99.0.5"}, "The requested source IP address 10.99.0.5 is not in the CIDR 10.30.1.0/24 of network web")):
        assert error_of(dc.s, "createLoadBalancer", **dict(base, **change)) == (431, expected)
    plain = tier(dc, "plain", offering="DefaultIsolatedNetworkOfferingForVpcNetworks", cidr="10.40.0.0/16", gateway="10.40.1.1")
    status, text = error_of(dc.s, "createLoadBalancer", **dict(base, networkid=plain["id"], sourceipaddressnetworkid=plain["id"]))
    assert status == 431 and text.startswith("Scheme Internal is not supported by the network offering")
    assert dc.s.ok("listLoadBalancers") == {}


def test_members_deploy_the_internal_lb_vm(dc):
    net = tier(dc)
    vms = [dc.deploy(networkids=net["id"], name=f"app{i}") for i in (1, 2)]
    lb = ilb(dc, net)
    assert ilb_vms(dc) == []  # no member, no internal LB VM
    assert job_result(dc.s, "assignToLoadBalancerRule", id=lb["id"], virtualmachineids=",".join(v["id"] for v in vms)) == {"success": True}
    (vm,) = ilb_vms(dc)
    assert vm["guestipaddress"] == lb["sourceipaddress"] and vm["guestnetworkid"] == net["id"]
    listed = dc.s.ok("listLoadBalancers", id=lb["id"])["loadbalancer"][0]
    assert sorted(x["id"] for x in listed["loadbalancerinstance"]) == sorted(v["id"] for v in vms)
    assert [x["name"] for x in listed["loadbalancerinstance"]][0].startswith("i-")  # the instance name
    names = [v["name"] for v in dc.s.ok("listLoadBalancerRuleInstances", id=lb["id"])["loadbalancerruleinstance"]]
    assert names == ["app1", "app2"]
    job_result(dc.s, "removeFromLoadBalancerRule", id=lb["id"], virtualmachineids=vms[0]["id"])
    assert len(ilb_vms(dc)) == 1
    job_result(dc.s, "deleteLoadBalancer", id=lb["id"])
    assert ilb_vms(dc) == []  # the last rule on its address took it
    again = ilb(dc, net, sourceipaddress=lb["sourceipaddress"])  # and the address is free again
    assert again["sourceipaddress"] == lb["sourceipaddress"]


def test_public_rule_refused_on_an_internal_lb_tier(dc):
    net = tier(dc)
    ip = job_result(dc.s, "associateIpAddress", networkid=net["id"])["ipaddress"]
    status, text = error_of(dc.s, "createLoadBalancerRule", publicipid=ip["id"], name="pub", algorithm="source", publicport=80, privateport=80)
    assert status == 431 and text.startswith("Scheme Public is not supported by the network offering")
