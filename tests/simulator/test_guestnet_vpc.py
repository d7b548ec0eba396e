"""Public IPs of a VPC and the rule gaps of the guestnet family (4.18): associateIpAddress vpcid, port forwarding on a
VPC's address (the tier it takes, openfirewall, vmguestip), egress rules with destination CIDRs (ngine_io#76)."""
import pytest
from workload_helpers import error_of, job_result, make_dc


@pytest.fixture
def dc(make_simserver):
    dc = make_dc(make_simserver)
    s = dc.s
    off = s.ok("listVPCOfferings", name="Default VPC offering")["vpcoffering"][0]
    dc.vpc = job_result(s, "createVPC", name="v1", displaytext="v1", cidr="10.10.0.0/16", zoneid=dc.adv["id"], vpcofferingid=off["id"])["vpc"]
    tier_off = s.ok("listNetworkOfferings", name="DefaultIsolatedNetworkOfferingForVpcNetworks")["networkoffering"][0]
    dc.tier1 = dc.network("t1", offering=tier_off, vpcid=dc.vpc["id"], gateway="10.10.1.1", netmask="255.255.255.0")
    dc.tier2 = dc.network("t2", offering=tier_off, vpcid=dc.vpc["id"], gateway="10.10.2.1", netmask="255.255.255.0")
    return dc


def test_associate_ip_to_vpc(dc):
    s = dc.s
    ip = job_result(s, "associateIpAddress", vpcid=dc.vpc["id"], networkid=dc.tier1["id"])["ipaddress"]  # networkid is ignored
    assert ip["vpcid"] == dc.vpc["id"] and ip["vpcname"] == "v1" and ip["issourcenat"] is False and not ip.get("associatednetworkid")
    assert ip["zoneid"] == dc.adv["id"] and ip["account"] == dc.vpc["account"]
    listed = s.ok("listPublicIpAddresses", vpcid=dc.vpc["id"])["publicipaddress"]
    assert ip["id"] in [i["id"] for i in listed] and all(i["vpcid"] == dc.vpc["id"] for i in listed)
    assert len([i for i in listed if i["issourcenat"]]) == 1  # the VPC's own source NAT address
    assert error_of(s, "associateIpAddress", networkid=dc.tier1["id"]) == (
        431, "Can't assign ip to the network directly when network belongs to VPC.Specify vpcId to associate ip address to VPC")
    status, text = error_of(s, "associateIpAddress", vpcid="9e0fc3b8-0000-4000-8000-000000000000")
    assert status == 431 and "vpcid" in text


def test_port_forwarding_on_a_vpc_address(dc):
    s = dc.s
    vm = dc.deploy(networkids=f"{dc.tier1['id']},{dc.tier2['id']}")
    nic2 = [n for n in vm["nic"] if n["networkid"] == dc.tier2["id"]][0]
    ip = job_result(s, "associateIpAddress", vpcid=dc.vpc["id"])["ipaddress"]
    base = dict(ipaddressid=ip["id"], protocol="tcp", publicport=80, privateport=8080, virtualmachineid=vm["id"])
    assert error_of(s, "createPortForwardingRule", **base) == (
        431, f"Unable to create port forwarding rule for the ipAddress id={ip['id']} as ip is not associated with any network and no networkId "
             "is passed in")
    assert error_of(s, "createPortForwardingRule", networkid=dc.tier1["id"], openfirewall="true", **base) == (
        431, "Can't have openFirewall=true when IP address belongs to VPC")
    assert error_of(s, "createPortForwardingRule", networkid=dc.tier2["id"], vmguestip="10.10.2.250", **base) == (
        431, "IP Address is not in the VM nic's network ")
    rule = job_result(s, "createPortForwardingRule", networkid=dc.tier2["id"], vmguestip=nic2["ipaddress"], **base)["portforwardingrule"]
    assert rule["networkid"] == dc.tier2["id"] and rule["vmguestip"] == nic2["ipaddress"]
    cur = s.ok("listPublicIpAddresses", id=ip["id"])["publicipaddress"][0]
    assert cur["associatednetworkid"] == dc.tier2["id"] and cur["associatednetworkname"] == "t2"
    assert s.ok("listFirewallRules", ipaddressid=ip["id"]).get("firewallrule", []) == []  # openfirewall defaults to false in a VPC
    # the address is the tier's now: CreatePortForwardingRuleCmd.getNetworkId takes its network, whatever networkid says
    other = job_result(s, "createPortForwardingRule", **dict(base, publicport=81, networkid=dc.tier1["id"]))["portforwardingrule"]
    assert other["networkid"] == dc.tier2["id"]
    job_result(s, "deletePortForwardingRule", id=rule["id"])
    assert s.ok("listPublicIpAddresses", id=ip["id"])["publicipaddress"][0]["associatednetworkid"] == dc.tier2["id"]  # a rule is left
    job_result(s, "deletePortForwardingRule", id=other["id"])
    assert not s.ok("listPublicIpAddresses", id=ip["id"])["publicipaddress"][0].get("associatednetworkid")


def test_egress_rules_with_destinations(dc):
    s = dc.s
    net = dc.network("iso")
    base = dict(networkid=net["id"], protocol="tcp", startport=443, endport=443)
    r1 = job_result(s, "createEgressFirewallRule", destcidrlist="1.1.1.1/32,9.9.9.9/32", **base)["firewallrule"]
    assert r1["cidrlist"] == net["cidr"] and r1["destcidrlist"] == "1.1.1.1/32,9.9.9.9/32"
    # 0.0.0.0/0 as source is the network's CIDR
    r2 = job_result(s, "createEgressFirewallRule", cidrlist="0.0.0.0/0", destcidrlist="8.8.8.8/32", **base)["firewallrule"]
    assert r2["cidrlist"] == net["cidr"]
    status, text = error_of(s, "createEgressFirewallRule", destcidrlist="9.9.9.9/32", **dict(base, startport=400, endport=500))
    assert status == 537 and text == f"The range specified, 400-500, conflicts with rule {r1['id']} which has 443-443"
    # no destination on both: a conflict on the source alone; none on one side only: no conflict
    r3 = job_result(s, "createEgressFirewallRule", **base)["firewallrule"]
    assert r3["destcidrlist"] == ""
    assert error_of(s, "createEgressFirewallRule", **base)[0] == 537
    job_result(s, "createEgressFirewallRule", networkid=net["id"], protocol="udp")
    assert error_of(s, "createEgressFirewallRule", networkid=net["id"], protocol="udp") == (
        537, "There is already a firewall rule specified with protocol = udp and no ports")
    assert error_of(s, "createEgressFirewallRule", destcidrlist="1.2.3.4/40", **base) == (431, "Destination cidrs formatting error 1.2.3.4/40")
    assert error_of(s, "createEgressFirewallRule", cidrlist="192.0.2.0/24", **base) == (431, f"192.0.2.0/24 is not within the guest cidr {net['cidr']}")
    assert error_of(s, "createEgressFirewallRule", cidrlist="10.1.1.5/24", **base) == (431, "Source cidrs formatting error 10.1.1.5/24")
    assert error_of(s, "createEgressFirewallRule", **dict(base, networkid=dc.tier1["id"])) == (431, "Firewall service is not supported in network t1")
    assert len(s.ok("listEgressFirewallRules", networkid=net["id"])["firewallrule"]) == 4


def test_secondary_ips_of_a_nic(dc):
    s = dc.s
    net = dc.network("iso2")
    vm = dc.deploy(networkids=net["id"])
    nic = vm["nic"][0]
    reply = s.ok("addIpToNic", nicid=nic["id"])
    assert reply["id"] and reply["jobid"]  # a create command: the new id at once
    sec = s.wait(reply)["jobresult"]["nicsecondaryip"]
    assert sec["nicid"] == nic["id"] and sec["networkid"] == net["id"] and sec["virtualmachineid"] == vm["id"] and sec["ipaddress"] != nic["ipaddress"]
    listed = s.ok("listNics", virtualmachineid=vm["id"])["nic"][0]
    assert [x["ipaddress"] for x in listed["secondaryip"]] == [sec["ipaddress"]]
    status, text = error_of(s, "addIpToNic", nicid=nic["id"], ipaddress=sec["ipaddress"])
    assert status == 431 and sec["ipaddress"] in text
    # a port forwarding rule to the secondary IP; the IP cannot be removed while the rule uses it
    ip = job_result(s, "associateIpAddress", networkid=net["id"])["ipaddress"]
    rule = job_result(s, "createPortForwardingRule", ipaddressid=ip["id"], protocol="tcp", publicport=22, privateport=22, virtualmachineid=vm["id"],
                      vmguestip=sec["ipaddress"])["portforwardingrule"]
    assert rule["vmguestip"] == sec["ipaddress"]
    job = s.wait(s.ok("removeIpFromNic", id=sec["id"]))  # refused in the job, as 4.18's releaseSecondaryIpFromNic
    assert job["jobstatus"] == 2 and job["jobresultcode"] == 431
    assert job["jobresult"]["errortext"] == f"Can't remove the secondary ip {sec['ipaddress']} is associate with the port forwarding rule"
    job_result(s, "deletePortForwardingRule", id=rule["id"])
    job_result(s, "removeIpFromNic", id=sec["id"])
    assert s.ok("listNics", virtualmachineid=vm["id"])["nic"][0]["secondaryip"] == []
    status, text = error_of(s, "removeIpFromNic", id=sec["id"])
    assert status == 431 and "invalid value" in text
