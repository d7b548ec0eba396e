"""portforward against the simulator (in process): create, re-run, check mode, --diff, update of the private ports and
instance, vm_guest_ip on a secondary NIC, absent, bad input, a failed and a too slow job, faults."""
import pytest
from guest_helpers import ADV, Dc, sandbox, wait


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    d.net = d.network("app-net")
    d.net2 = d.network("back-net")
    d.vm1 = d.deploy("web-1", networks=[d.net])
    d.vm2 = d.deploy("web-2", networks=[d.net, d.net2])
    d.ip = d.public_ip(d.net)
    d.ip2 = d.public_ip(d.net2)
    return d


def rules(sim, ip):
    return sim.ok("listPortForwardingRules", ipaddressid=ip["id"]).get("portforwardingrule", [])


def test_create_rerun_check_diff_update_absent(module, sim, dc):
    args = dict(ip_address=dc.ip["ipaddress"], zone=ADV, public_port=2222, private_port=22, vm="web-1")
    res = module("portforward", _check=True, _diff=True, **args)
    assert res["changed"] and rules(sim, dc.ip) == []
    assert res["diff"]["before"] == {"state": "absent"} and res["diff"]["after"]["vm"] == "web-1" and res["diff"]["after"]["public_port"] == 2222
    res = module("portforward", **args)
    (rule,) = rules(sim, dc.ip)
    assert res["changed"] and res["id"] == rule["id"] and res["public_port"] == 2222 and res["private_port"] == 22
    assert res["vm_name"] == "web-1" and res["vm_guest_ip"] == dc.vm1["nic"][0]["ipaddress"] and res["network"] == "app-net"
    res = module("portforward", _diff=True, **args)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    # private port, then the instance
    args["private_port"] = 2022
    res = module("portforward", _check=True, _diff=True, **args)
    assert res["changed"] and res["diff"]["before"]["private_port"] == 22 and res["diff"]["after"]["private_port"] == 2022
    assert rules(sim, dc.ip)[0]["privateport"] == "22"
    assert module("portforward", **args)["changed"]
    assert rules(sim, dc.ip)[0]["privateport"] == "2022"
    args["vm"] = "web-2"
    res = module("portforward", _diff=True, **args)
    assert res["changed"] and res["diff"]["before"]["vm"] == "web-1" and res["diff"]["after"]["vm"] == "web-2"
    assert rules(sim, dc.ip)[0]["virtualmachineid"] == dc.vm2["id"]
    assert module("portforward", **args)["changed"] is False
    res = module("portforward", _check=True, _diff=True, state="absent", **args)
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(rules(sim, dc.ip)) == 1
    assert module("portforward", state="absent", **args)["changed"]
    assert rules(sim, dc.ip) == []
    assert module("portforward", state="absent", **args)["changed"] is False


def test_vm_guest_ip_of_a_secondary_nic(module, sim, dc):
    nic2 = [n for n in dc.vm2["nic"] if n["networkid"] == dc.net2["id"]][0]
    args = dict(ip_address=dc.ip2["ipaddress"], zone=ADV, public_port=80, private_port=8080, vm="web-2", vm_guest_ip=nic2["ipaddress"])
    res = module("portforward", **args)
    assert res["changed"] and res["vm_guest_ip"] == nic2["ipaddress"] and res["network"] == "back-net"
    (rule,) = rules(sim, dc.ip2)
    assert rule["vmguestip"] == nic2["ipaddress"] and rule["networkid"] == dc.net2["id"]
    assert module("portforward", **args)["changed"] is False
    res = module("portforward", **dict(args, vm_guest_ip="10.99.0.7"))
    assert res.failed and res["msg"] == "Secondary IP '10.99.0.7' not assigned to VM"  # ngine_io's message
    assert rules(sim, dc.ip2)[0]["vmguestip"] == nic2["ipaddress"]


def test_port_ranges_and_protocols(module, sim, dc):
    args = dict(ip_address=dc.ip["ipaddress"], zone=ADV, public_port=8000, public_end_port=8010, private_port=9000, private_end_port=9010, vm="web-1")
    assert module("portforward", **args)["changed"]
    assert module("portforward", **args)["changed"] is False
    assert module("portforward", **dict(args, protocol="udp"))["changed"]
    assert sorted(r["protocol"] for r in rules(sim, dc.ip)) == ["tcp", "udp"]


def test_bad_input(module, sim, dc):
    base = dict(ip_address=dc.ip["ipaddress"], zone=ADV, public_port=2222, private_port=22)
    res = module("portforward", **base)
    assert res.failed and "vm" in res["msg"]
    res = module("portforward", vm="nope", **base)
    assert res.failed and "nope" in res["msg"] and "vm" in res["msg"]
    res = module("portforward", vm="web-1", **dict(base, ip_address="10.8.8.8"))
    assert res.failed and res["msg"] == "IP address '10.8.8.8' not found"  # ngine_io's message
    res = module("portforward", vm="web-1", protocol="icmp", **base)
    assert res.failed and "protocol" in res["msg"]
    res = module("portforward", vm="web-1", **dict(base, private_port=22, private_end_port=30))
    assert res.failed and "same size" in res["msg"]
    assert rules(sim, dc.ip) == []


def test_failed_job_and_timeout(module, sim, dc):
    args = dict(ip_address=dc.ip["ipaddress"], zone=ADV, public_port=2222, private_port=22, vm="web-1")
    module("portforward", **args)
    sim.sim.faults.set("jobfail=1.0,seed=1,only=updatePortForwardingRule")
    res = module("portforward", **dict(args, private_port=23))
    assert res.failed and "updatePortForwardingRule" in res["msg"]
    sim.sim.faults.set("")
    assert rules(sim, dc.ip)[0]["privateport"] == "22"
    sim.sim.job_seconds = 3
    res = module("portforward", state="absent", api_async_timeout=1, **args)
    assert res.failed and "deletePortForwardingRule" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.15,drop=0.15,seed=8")
    for port in range(2200, 2206):
        module("portforward", ip_address=dc.ip["ipaddress"], zone=ADV, public_port=port, private_port=22, vm="web-1")
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for port in range(2200, 2206):
        assert not module("portforward", ip_address=dc.ip["ipaddress"], zone=ADV, public_port=port, private_port=22, vm="web-1").failed
    assert sorted(int(r["publicport"]) for r in rules(sim, dc.ip)) == list(range(2200, 2206))


@pytest.fixture
def vpc(sim, dc):
    """A VPC with two tiers, web-3 on tier-1 and a second NIC on tier-2 (ngine_io#108: a port to the secondary NIC), and
    an address of the VPC."""
    off = sim.ok("listVPCOfferings", name="Default VPC offering")["vpcoffering"][0]
    v = wait(sim, sim.ok("createVPC", name="pf-vpc", displaytext="pf-vpc", cidr="10.10.0.0/16", zoneid=dc.adv["id"], vpcofferingid=off["id"]))["vpc"]
    tier_off = sim.ok("listNetworkOfferings", name="DefaultIsolatedNetworkOfferingForVpcNetworks")["networkoffering"][0]
    v["tier1"] = dc.network("tier-1", offering=tier_off, vpcid=v["id"], gateway="10.10.1.1", netmask="255.255.255.0")
    v["tier2"] = dc.network("tier-2", offering=tier_off, vpcid=v["id"], gateway="10.10.2.1", netmask="255.255.255.0")
    v["vm"] = dc.deploy("web-3", networks=[v["tier1"], v["tier2"]])
    v["ip"] = wait(sim, sim.ok("associateIpAddress", vpcid=v["id"]))["ipaddress"]
    return v


def test_in_a_vpc_to_a_secondary_nic(module, sim, dc, vpc):
    nic2 = [n for n in vpc["vm"]["nic"] if n["networkid"] == vpc["tier2"]["id"]][0]
    args = dict(ip_address=vpc["ip"]["ipaddress"], zone=ADV, public_port=9000, private_port=9000, vm="web-3", vpc="pf-vpc",
                network="tier-2", vm_guest_ip=nic2["ipaddress"])
    res = module("portforward", _check=True, _diff=True, **args)
    assert res["changed"] and rules(sim, vpc["ip"]) == []
    res = module("portforward", **args)
    (rule,) = rules(sim, vpc["ip"])
    assert res["changed"] and res["vm_guest_ip"] == nic2["ipaddress"] and res["network"] == "tier-2"
    assert rule["networkid"] == vpc["tier2"]["id"] and rule["vmguestip"] == nic2["ipaddress"]
    # the VPC's address now belongs to that tier; in a VPC no firewall rule is opened (network ACLs filter)
    ip = sim.ok("listPublicIpAddresses", id=vpc["ip"]["id"])["publicipaddress"][0]
    assert ip["associatednetworkid"] == vpc["tier2"]["id"]
    assert sim.ok("listFirewallRules", ipaddressid=vpc["ip"]["id"]).get("firewallrule", []) == []
    assert module("portforward", **args)["changed"] is False
    assert module("portforward", state="absent", **args)["changed"]
    assert rules(sim, vpc["ip"]) == []
    assert not sim.ok("listPublicIpAddresses", id=vpc["ip"]["id"])["publicipaddress"][0].get("associatednetworkid")  # back to the VPC


def test_in_a_vpc_bad_input(module, sim, dc, vpc):
    base = dict(ip_address=vpc["ip"]["ipaddress"], zone=ADV, public_port=9000, private_port=9000, vm="web-3", vpc="pf-vpc")
    res = module("portforward", **base)  # an address of the VPC not yet on a tier: the tier must be named
    assert res.failed and "as ip is not associated with any network and no networkId is passed in" in res["msg"]
    res = module("portforward", open_firewall=True, network="tier-1", **base)
    assert res.failed and "Can't have openFirewall=true when IP address belongs to VPC" in res["msg"]
    res = module("portforward", network="app-net", **base)
    assert res.failed and "app-net" in res["msg"]
    assert rules(sim, vpc["ip"]) == []


def test_vm_guest_ip_a_secondary_ip(module, sim, dc):
    """vm_guest_ip as ngine_io documents it: a secondary IP of the instance's NIC (addIpToNic)."""
    nic = dc.vm1["nic"][0]
    sec = wait(sim, sim.ok("addIpToNic", nicid=nic["id"]))["nicsecondaryip"]
    args = dict(ip_address=dc.ip["ipaddress"], zone=ADV, public_port=8443, private_port=443, vm="web-1", vm_guest_ip=sec["ipaddress"])
    res = module("portforward", **args)
    assert res["changed"] and res["vm_guest_ip"] == sec["ipaddress"] and res["network"] == "app-net"
    assert rules(sim, dc.ip)[0]["vmguestip"] == sec["ipaddress"]
    assert module("portforward", **args)["changed"] is False
    # back to the NIC's own address: an update of the rule (updatePortForwardingRule vmguestip)
    res = module("portforward", _diff=True, **dict(args, vm_guest_ip=nic["ipaddress"]))
    assert res["changed"] and res["diff"]["before"]["vm_guest_ip"] == sec["ipaddress"] and res["diff"]["after"]["vm_guest_ip"] == nic["ipaddress"]
    assert rules(sim, dc.ip)[0]["vmguestip"] == nic["ipaddress"]
