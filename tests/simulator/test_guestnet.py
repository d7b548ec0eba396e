"""Guest networks and their IP allocation, public IPs, firewall / port forwarding / static NAT, security groups,
affinity groups and tags."""
import ipaddress

import pytest
from workload_helpers import As, error_of, job_error, job_result, keys_for, make_dc, new_account


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def test_isolated_network_allocates_distinct_ips_from_its_cidr(dc):
    net = dc.network("tier1", gateway="10.20.0.1", netmask="255.255.255.248")  # 6 usable addresses, the gateway is one
    assert (net["type"], net["state"], net["cidr"], net["traffictype"]) == ("Isolated", "Allocated", "10.20.0.0/29", "Guest")
    assert net["service"] and {s["name"] for s in net["service"]} >= {"SourceNat", "Firewall", "PortForwarding", "StaticNat"}
    vms = [dc.deploy(networkids=net["id"]) for _ in range(5)]
    ips = [v["nic"][0]["ipaddress"] for v in vms]
    assert len(set(ips)) == 5 and "10.20.0.1" not in ips
    assert all(ipaddress.IPv4Address(ip) in ipaddress.IPv4Network("10.20.0.0/29") for ip in ips)
    assert dc.s.ok("listNetworks", id=net["id"])["network"][0]["state"] == "Implemented"
    job = dc.deploy_fails(networkids=net["id"])
    assert job["jobresultcode"] == 533 and "address capacity" in job["jobresult"]["errortext"]
    job_result(dc.s, "destroyVirtualMachine", id=vms[0]["id"], expunge="true")
    again = dc.deploy(networkids=net["id"], ipaddress=ips[0])  # a released address can be asked for again
    assert again["nic"][0]["ipaddress"] == ips[0]
    status, text = error_of(dc.s, "deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=dc.template["id"],
                            networkids=net["id"], ipaddress=ips[1])
    assert status == 431 and "already in use" in text


def test_shared_network_with_vlan_and_range_and_l2(dc):
    shared = dc.network("shared1", offering=dc.shared_off, vlan="300", gateway="172.30.0.1", netmask="255.255.255.0",
                        startip="172.30.0.10", endip="172.30.0.20")
    assert (shared["type"], shared["state"], shared["vlan"], shared["broadcasturi"], shared["acltype"]) == ("Shared", "Setup", "300", "vlan://300", "Domain")
    ranges = dc.s.ok("listVlanIpRanges", networkid=shared["id"])["vlaniprange"]
    assert [(r["startip"], r["endip"], r["forvirtualnetwork"]) for r in ranges] == [("172.30.0.10", "172.30.0.20", False)]
    vm = dc.deploy(networkids=shared["id"])
    assert vm["nic"][0]["ipaddress"] == "172.30.0.10" and vm["nic"][0]["broadcasturi"] == "vlan://300"
    status, text = error_of(dc.s, "createNetwork", name="s2", displaytext="s2", networkofferingid=dc.shared_off["id"], zoneid=dc.adv["id"],
                            gateway="172.31.0.1", netmask="255.255.255.0", startip="172.31.0.10")
    assert (status, text) == (431, "vlan is required for a network offering with specifyVlan=true")
    status, text = error_of(dc.s, "createNetwork", name="s3", displaytext="s3", networkofferingid=dc.shared_off["id"], zoneid=dc.adv["id"],
                            vlan="300", gateway="172.32.0.1", netmask="255.255.255.0", startip="172.32.0.10")
    assert status == 431 and "vlan 300 already exists" in text
    l2 = dc.network("l2net", offering=dc.l2_off)
    vm2 = dc.deploy(networkids=f"{l2['id']},{shared['id']}")
    assert "ipaddress" not in vm2["nic"][0] and vm2["nic"][0]["isdefault"] and vm2["nic"][1]["ipaddress"] == "172.30.0.11"


def test_delete_network_refused_while_used_restart_and_update(dc):
    net = dc.network("busy")
    status, text = error_of(dc.s, "restartNetwork", id=net["id"])
    assert (status, text) == (431, "Network is not in the right state to be restarted. Correct states are: Implemented, Setup")
    vm = dc.deploy(networkids=net["id"])
    status, text = error_of(dc.s, "deleteNetwork", id=net["id"])
    assert (status, text) == (431, f"Unable to remove the network id={net['id']} as it has active Nics.")
    assert job_result(dc.s, "restartNetwork", id=net["id"], cleanup="true") == {"success": True}
    upd = job_result(dc.s, "updateNetwork", id=net["id"], name="busy2", displaytext="Busy two")["network"]
    assert (upd["name"], upd["displaytext"]) == ("busy2", "Busy two")
    assert dc.vm(vm["id"])["nic"][0]["networkname"] == "busy2"
    job_result(dc.s, "destroyVirtualMachine", id=vm["id"])
    status, _ = error_of(dc.s, "deleteNetwork", id=net["id"])  # a destroyed VM keeps its NIC until it is expunged
    assert status == 431
    job_result(dc.s, "expungeVirtualMachine", id=vm["id"])
    assert job_result(dc.s, "deleteNetwork", id=net["id"]) == {"success": True}
    assert dc.s.ok("listNetworks", id=net["id"]) == {}


def test_public_ips_firewall_port_forwarding_static_nat(dc):
    net = dc.network("pub")
    vm = dc.deploy(networkids=net["id"])
    src = dc.s.ok("listPublicIpAddresses", associatednetworkid=net["id"], issourcenat="true")["publicipaddress"]
    assert len(src) == 1 and src[0]["state"] == "Allocated"
    reply = dc.s.ok("associateIpAddress", networkid=net["id"])
    assert reply["id"] and reply["jobid"]
    ip = dc.s.wait(reply)["jobresult"]["ipaddress"]
    assert ip["associatednetworkid"] == net["id"] and ip["issourcenat"] is False and ip["ipaddress"].startswith("192.168.2.")
    listed = dc.s.ok("listPublicIpAddresses", id=ip["id"])
    assert list(listed) == ["count", "publicipaddress"]

    fw = job_result(dc.s, "createFirewallRule", ipaddressid=ip["id"], protocol="tcp", startport=22, endport=22, cidrlist="10.0.0.0/8")["firewallrule"]
    assert (fw["startport"], fw["endport"], fw["cidrlist"], fw["state"]) == (22, 22, "10.0.0.0/8", "Active")
    status, body = dc.s.call("createFirewallRule", ipaddressid=ip["id"], protocol="tcp", startport=20, endport=30)
    assert status == 537 and "conflicts with rule" in body["createfirewallruleresponse"]["errortext"]
    status, text = error_of(dc.s, "createFirewallRule", ipaddressid=ip["id"], protocol="tcp", startport=30, endport=20)
    assert (status, text) == (431, "Start port can't be bigger than end port")
    status, text = error_of(dc.s, "createFirewallRule", ipaddressid=ip["id"], protocol="gre")
    assert status == 431 and "protocol" in text

    pf = job_result(dc.s, "createPortForwardingRule", ipaddressid=ip["id"], protocol="tcp", publicport=8080, privateport=80,
                    virtualmachineid=vm["id"])["portforwardingrule"]
    assert (pf["publicport"], pf["privateport"], pf["vmguestip"]) == ("8080", "80", vm["nic"][0]["ipaddress"])
    assert dc.s.ok("listPortForwardingRules", ipaddressid=ip["id"])["count"] == 1
    status, _ = error_of(dc.s, "enableStaticNat", ipaddressid=ip["id"], virtualmachineid=vm["id"])
    assert status == 537  # port forwarding rules on the IP
    job_result(dc.s, "deletePortForwardingRule", id=pf["id"])
    job_result(dc.s, "deleteFirewallRule", id=fw["id"])
    assert dc.s.ok("listFirewallRules", ipaddressid=ip["id"]) == {}

    assert dc.s.ok("enableStaticNat", ipaddressid=ip["id"], virtualmachineid=vm["id"]) == {"success": True}
    nat = dc.s.ok("listPublicIpAddresses", id=ip["id"])["publicipaddress"][0]
    assert nat["isstaticnat"] and nat["virtualmachineid"] == vm["id"] and nat["vmipaddress"] == vm["nic"][0]["ipaddress"]
    assert dc.vm(vm["id"])["publicip"] == ip["ipaddress"]
    job_result(dc.s, "disableStaticNat", ipaddressid=ip["id"])
    assert dc.s.ok("listPublicIpAddresses", id=ip["id"])["publicipaddress"][0]["isstaticnat"] is False

    egress = job_result(dc.s, "createEgressFirewallRule", networkid=net["id"], protocol="udp", startport=53)["firewallrule"]
    assert egress["cidrlist"] == net["cidr"] and egress["destcidrlist"] == ""
    assert [r["id"] for r in dc.s.ok("listEgressFirewallRules", networkid=net["id"])["firewallrule"]] == [egress["id"]]
    assert dc.s.ok("listFirewallRules", networkid=net["id"]) == {}

    status, text = error_of(dc.s, "disassociateIpAddress", id=src[0]["id"])
    assert status == 431 and "source nat" in text
    assert job_result(dc.s, "disassociateIpAddress", id=ip["id"]) == {"success": True}
    assert dc.s.ok("listPublicIpAddresses", id=ip["id"]) == {}


def test_public_ips_run_out(dc):
    ranges = dc.s.ok("listVlanIpRanges", zoneid=dc.adv["id"], forvirtualnetwork="true")["vlaniprange"]
    total = sum(int(ipaddress.IPv4Address(r["endip"])) - int(ipaddress.IPv4Address(r["startip"])) + 1 for r in ranges)
    system = [v for v in dc.s.ok("listSystemVms", zoneid=dc.adv["id"])["systemvm"] if v.get("publicip")]  # the SSVM and CPVM have theirs
    assert len(system) == 2
    for _ in range(total - len(system)):
        job_result(dc.s, "associateIpAddress", zoneid=dc.adv["id"])
    job = job_error(dc.s, "associateIpAddress", zoneid=dc.adv["id"])
    assert (job["jobresultcode"], job["jobresult"]["errortext"]) == (533, "Insufficient address capacity")
    cap = [c for c in dc.s.ok("listCapacity", zoneid=dc.adv["id"], type=4)["capacity"]]
    assert cap[0]["capacityused"] == cap[0]["capacitytotal"] == total


def test_security_groups(dc):
    groups = dc.s.ok("listSecurityGroups")["securitygroup"]
    assert [g["name"] for g in groups] == ["default"] and groups[0]["description"] == "Default Security Group"
    sg = dc.s.ok("createSecurityGroup", name="web", description="web servers")["securitygroup"]
    status, text = error_of(dc.s, "createSecurityGroup", name="web")
    assert (status, text) == (431, "Unable to create security group, a group with name web already exists.")
    got = job_result(dc.s, "authorizeSecurityGroupIngress", securitygroupid=sg["id"], protocol="tcp", startport=80, endport=80,
                     cidrlist="0.0.0.0/0,10.0.0.0/8")["securitygroup"]
    rules = got["ingressrule"]
    assert [(r["protocol"], r["startport"], r["cidr"]) for r in rules] == [("tcp", 80, "0.0.0.0/0"), ("tcp", 80, "10.0.0.0/8")]
    job = job_error(dc.s, "authorizeSecurityGroupIngress", securitygroupid=sg["id"], protocol="tcp", startport=80, endport=80, cidrlist="0.0.0.0/0")
    assert job["jobresult"]["errortext"] == "Failed to authorize security group ingress rule(s)"
    eg = job_result(dc.s, "authorizeSecurityGroupEgress", securitygroupname="web", protocol="all", cidrlist="0.0.0.0/0")
    assert eg["securitygroup"]["egressrule"][0]["protocol"] == "all"
    job_result(dc.s, "revokeSecurityGroupIngress", id=rules[0]["ruleid"])
    assert len(dc.s.ok("listSecurityGroups", id=sg["id"])["securitygroup"][0]["ingressrule"]) == 1
    vm = dc.deploy(zone=dc.basic, securitygroupids=sg["id"])
    assert [g["name"] for g in vm["securitygroup"]] == ["web"]
    assert dc.s.ok("listSecurityGroups", id=sg["id"])["securitygroup"][0]["virtualmachinecount"] == 1
    status, text = error_of(dc.s, "deleteSecurityGroup", id=sg["id"])
    assert (status, text) == (536, "Cannot delete group when it's in use by virtual machines")
    status, text = error_of(dc.s, "deleteSecurityGroup", name="default")
    assert (status, text) == (431, "The network default group cannot be deleted")
    plain = dc.deploy(zone=dc.basic)
    assert [g["name"] for g in plain["securitygroup"]] == ["default"]
    status, text = error_of(dc.s, "deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=dc.template["id"],
                            securitygroupids=sg["id"])
    assert (status, text) == (431, "Can't create vm with security groups; security group feature is not enabled per zone")
    job_result(dc.s, "destroyVirtualMachine", id=vm["id"], expunge="true")
    assert dc.s.ok("deleteSecurityGroup", id=sg["id"]) == {"success": True}


def test_affinity_group_types_and_errors(dc):
    status, text = error_of(dc.s, "createAffinityGroup", name="x", type="rack affinity")
    assert (status, text) == (431, "Unable to create affinity group, invalid affinity group type: rack affinity")
    g = job_result(dc.s, "createAffinityGroup", name="ag1", type="host anti-affinity", description="spread")["affinitygroup"]
    status, text = error_of(dc.s, "createAffinityGroup", name="ag1", type="host affinity")
    assert status == 431 and "already exists" in text
    vm = dc.deploy(affinitygroupids=g["id"])
    assert [a["name"] for a in vm["affinitygroup"]] == ["ag1"]
    assert dc.s.ok("listAffinityGroups", virtualmachineid=vm["id"])["affinitygroup"][0]["id"] == g["id"]
    job_result(dc.s, "deleteAffinityGroup", id=g["id"])
    assert dc.vm(vm["id"])["affinitygroup"] == []


def test_tags_on_vms_volumes_networks_and_ips(dc):
    net = dc.network("tagged")
    vm = dc.deploy(networkids=net["id"])
    vol = dc.s.ok("listVolumes", virtualmachineid=vm["id"])["volume"][0]
    ip = job_result(dc.s, "associateIpAddress", networkid=net["id"])["ipaddress"]
    for rtype, rid in (("UserVm", vm["id"]), ("Volume", vol["id"]), ("Network", net["id"]), ("PublicIpAddress", ip["id"])):
        assert job_result(dc.s, "createTags", resourcetype=rtype, resourceids=rid, **{"tags[0].key": "env", "tags[0].value": "prod"}) == {"success": True}
    assert dc.vm(vm["id"])["tags"][0]["key"] == "env"
    assert dc.s.ok("listVolumes", id=vol["id"])["volume"][0]["tags"][0]["value"] == "prod"
    assert dc.s.ok("listNetworks", **{"tags[0].key": "env", "tags[0].value": "prod"})["network"][0]["id"] == net["id"]
    tags = dc.s.ok("listTags", keyword="env")["tag"]  # ("key" is the API key argument of the test client)
    assert sorted(t["resourcetype"] for t in tags) == ["Network", "PublicIpAddress", "UserVm", "Volume"]
    job = job_error(dc.s, "createTags", resourcetype="UserVm", resourceids=vm["id"], **{"tags[0].key": "env", "tags[0].value": "dev"})
    assert job["jobresult"]["errortext"] == f"tag env already on UserVm with id {vm['id']}"
    status, text = error_of(dc.s, "createTags", resourcetype="Toaster", resourceids=vm["id"], **{"tags[0].key": "a", "tags[0].value": "b"})
    assert (status, text) == (431, "Invalid resource type Toaster")
    job_result(dc.s, "deleteTags", resourcetype="UserVm", resourceids=vm["id"], **{"tags[0].key": "env"})
    assert dc.vm(vm["id"])["tags"] == []
    assert dc.s.ok("listTags", resourceid=vm["id"]) == {}


def test_tenant_networks_are_private(dc):
    acc = new_account(dc.s, "netowner")
    them = As(dc.s, keys_for(dc.s, acc))
    mine = dc.network("adminnet")
    theirs = them.ok("createNetwork", name="theirs", displaytext="theirs", networkofferingid=dc.iso_off["id"], zoneid=dc.adv["id"])["network"]
    assert theirs["account"] == "netowner"
    assert [n["name"] for n in them.items("listNetworks", "network", zoneid=dc.adv["id"])] == ["theirs"]
    assert [n["name"] for n in them.items("listNetworks", "network", zoneid=dc.basic["id"])] == ["guestNetworkForBasicZone"]  # a ROOT domain network
    status, _ = them.call("deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=dc.template["id"],
                          networkids=mine["id"])
    assert status == 531
    status, _ = them.call("createNetwork", name="sh", displaytext="sh", networkofferingid=dc.shared_off["id"], zoneid=dc.adv["id"], vlan="9",
                          gateway="1.1.1.1", netmask="255.255.255.0", startip="1.1.1.5")
    assert status == 531


def test_update_port_forwarding_rule(dc):
    net = dc.network("pfu")
    a = dc.deploy(networkids=net["id"])
    b = dc.deploy(networkids=net["id"])
    ip = job_result(dc.s, "associateIpAddress", networkid=net["id"])["ipaddress"]
    pf = job_result(dc.s, "createPortForwardingRule", ipaddressid=ip["id"], protocol="tcp", publicport=2222, privateport=22,
                    virtualmachineid=a["id"], openfirewall="false")["portforwardingrule"]
    assert dc.s.ok("listFirewallRules", ipaddressid=ip["id"]) == {}  # openfirewall=false
    upd = job_result(dc.s, "updatePortForwardingRule", id=pf["id"], privateport=2200, virtualmachineid=b["id"])["portforwardingrule"]
    assert (upd["privateport"], upd["virtualmachineid"], upd["vmguestip"]) == ("2200", b["id"], b["nic"][0]["ipaddress"])


def test_every_account_has_a_default_security_group(dc):
    acc = new_account(dc.s, "sgowner")
    them = As(dc.s, keys_for(dc.s, acc))
    assert [(g["name"], g["account"]) for g in them.items("listSecurityGroups", "securitygroup")] == [("default", "sgowner")]
    listed = dc.s.ok("listSecurityGroups", listall="true", securitygroupname="default")["securitygroup"]
    assert sorted(g["account"] for g in listed) == ["admin", "sgowner"]
