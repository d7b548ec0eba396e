"""Physical networks, traffic types, network service providers and their elements, VLAN / public IP ranges."""
from sim_infra_helpers import error, job_error, job_result, physical_network, pod, traffic_type, zone


def providers(s, pnet_id):
    return {p["name"]: p for p in s.ok("listNetworkServiceProviders", physicalnetworkid=pnet_id)["networkserviceprovider"]}


# ---- physical networks ------------------------------------------------------------------------------------------
def test_create_physical_network_adds_default_providers(simserver):
    z = zone(simserver)
    reply = simserver.ok("createPhysicalNetwork", zoneid=z["id"], name="pn", isolationmethods="VLAN", vlan="100-200")
    assert set(reply) == {"jobid", "id"}
    job = simserver.wait(reply)
    pn = job["jobresult"]["physicalnetwork"]
    assert job["jobinstancetype"] == "PhysicalNetwork" and pn["id"] == reply["id"]
    assert pn["state"] == "Disabled" and pn["broadcastdomainrange"] == "ZONE" and pn["isolationmethods"] == "VLAN"
    assert pn["vlan"] == "100-200" and pn["zonename"] == "z1"
    provs = providers(simserver, pn["id"])
    assert set(provs) >= {"VirtualRouter", "VpcVirtualRouter", "InternalLbVm", "SecurityGroupProvider", "ConfigDrive", "BaremetalPxeProvider"}
    assert {n: p["state"] for n, p in provs.items() if p["state"] == "Enabled"} == {"ConfigDrive": "Enabled", "BaremetalPxeProvider": "Enabled"}
    # CloudStack's DAO lists providers newest first
    listed = simserver.ok("listNetworkServiceProviders", physicalnetworkid=pn["id"])["networkserviceprovider"]
    assert listed[-1]["name"] == "VirtualRouter"
    assert provs["VirtualRouter"]["canenableindividualservice"] is True and "SourceNat" in provs["VirtualRouter"]["servicelist"]
    basic = zone(simserver, "b", networktype="Basic")
    bpn = physical_network(simserver, basic["id"], name="bpn")
    assert bpn["broadcastdomainrange"] == "POD"
    assert {"BaremetalDhcpProvider", "BaremetalUserdataProvider"} <= set(providers(simserver, bpn["id"]))
    assert "ConfigDrive" not in providers(simserver, bpn["id"])
    # CloudStack's enableProvider enables the first provider of the name in the cloud, not this network's
    z2 = zone(simserver, "z2")
    pn2 = physical_network(simserver, z2["id"])
    assert providers(simserver, pn2["id"])["ConfigDrive"]["state"] == "Disabled"
    assert providers(simserver, pn["id"])["ConfigDrive"]["state"] == "Enabled"
    assert providers(simserver, bpn["id"])["BaremetalPxeProvider"]["state"] == "Disabled"


def test_physical_network_refusals(simserver):
    z = zone(simserver)
    status, text = error(simserver, "createPhysicalNetwork", zoneid=z["id"], name="pn", broadcastdomainrange="Pod")
    assert status == 431 and text == "Advance zone can have broadcast domain type of value ZONE only"
    status, text = error(simserver, "createPhysicalNetwork", zoneid=z["id"], name="pn", vlan="300-200")
    assert text == "Vnet range has to be between 0 and 4095 and start range should be lesser than or equal to stop range"
    status, text = error(simserver, "createPhysicalNetwork", zoneid=z["id"], name="pn", isolationmethods="VLAN,GRE")
    assert text == "Only one isolationMethod can be specified for a physical network at this time"
    b = zone(simserver, "b", networktype="Basic")
    physical_network(simserver, b["id"])
    status, text = error(simserver, "createPhysicalNetwork", zoneid=b["id"], name="pn2")
    assert status == 530 and text.startswith("Cannot add the physical network to basic zone")
    simserver.ok("updateZone", id=z["id"], allocationstate="Enabled")
    status, text = error(simserver, "createPhysicalNetwork", zoneid=z["id"], name="pn3")
    assert status == 531 and text == "Cannot create PhysicalNetwork since the Zone is currently enabled, zone Id: 1"


def test_update_and_list_physical_network(simserver):
    z = zone(simserver)
    pn = physical_network(simserver, z["id"], isolationmethods="VLAN")
    up = job_result(simserver, simserver.ok("updatePhysicalNetwork", id=pn["id"], state="Enabled", vlan="500-510,511-520", tags="t1"))
    up = up["physicalnetwork"]
    assert up["state"] == "Enabled" and up["vlan"] == "500-520" and up["tags"] == "t1"
    status, text = error(simserver, "updatePhysicalNetwork", id=pn["id"], state="enabled")
    assert status == 431 and text == "Unable to resolve state 'enabled' to a supported value {Enabled or Disabled}"
    physical_network(simserver, z["id"], name="other")
    assert simserver.ok("listPhysicalNetworks", zoneid=z["id"])["count"] == 2
    assert simserver.ok("listPhysicalNetworks", name="oth")["physicalnetwork"][0]["name"] == "other"  # name is a LIKE search
    assert simserver.ok("listPhysicalNetworks", id=pn["id"])["physicalnetwork"][0]["state"] == "Enabled"


def test_delete_physical_network_removes_its_parts(simserver):
    z = zone(simserver)
    pn = physical_network(simserver, z["id"])
    traffic_type(simserver, pn["id"], "Guest")
    status, text = error(simserver, "deleteZone", id=z["id"])
    assert status == 530 and text == "The zone is not deletable because there are physical networks in this zone"
    with simserver.sim.lock:  # a guest network of a later issue on this physical network
        net = simserver.sim.store.add("network", {"name": "n1", "physicalnetworkid": pn["id"], "traffictype": "Guest", "state": "Implemented"})
    code, text = job_error(simserver, simserver.ok("deletePhysicalNetwork", id=pn["id"]))
    assert code == 530 and text == "The Physical Network is not deletable because there are networks associated to this physical network"
    guest = simserver.ok("listTrafficTypes", physicalnetworkid=pn["id"])["traffictype"][0]
    code, text = job_error(simserver, simserver.ok("deleteTrafficType", id=guest["id"]))
    assert text == "The Traffic Type is not deletable because there are existing networks with this traffic type:Guest"
    with simserver.sim.lock:
        simserver.sim.store.delete("network", net["id"])
    assert simserver.wait(simserver.ok("deletePhysicalNetwork", id=pn["id"]))["jobresult"] == {"success": True}
    assert simserver.ok("listPhysicalNetworks") == {}
    assert simserver.ok("listNetworkServiceProviders") == {} and simserver.ok("listVirtualRouterElements") == {}
    assert simserver.ok("deleteZone", id=z["id"]) == {"success": True}


# ---- traffic types ------------------------------------------------------------------------------------------------
def test_traffic_types_with_labels(simserver):
    z = zone(simserver)
    pn = physical_network(simserver, z["id"])
    reply = simserver.ok("addTrafficType", physicalnetworkid=pn["id"], traffictype="Guest", kvmnetworklabel="cloudbr1", vmwarenetworklabel="vSwitch1")
    job = simserver.wait(reply)
    tt = job["jobresult"]["traffictype"]
    assert job["jobinstancetype"] == "TrafficType" and tt["id"] == reply["id"]
    assert tt == {"id": tt["id"], "traffictype": "Guest", "physicalnetworkid": pn["id"], "kvmnetworklabel": "cloudbr1", "vmwarenetworklabel": "vSwitch1"}
    traffic_type(simserver, pn["id"], "Management")
    listed = simserver.ok("listTrafficTypes", physicalnetworkid=pn["id"])
    assert listed["count"] == 2 and [t["traffictype"] for t in listed["traffictype"]] == ["Guest", "Management"]
    assert "name" not in listed["traffictype"][0]  # traffic-type objects, not the provider fields listApis documents
    up = job_result(simserver, simserver.ok("updateTrafficType", id=tt["id"], kvmnetworklabel="cloudbr9", vmwarenetworklabel=""))["traffictype"]
    assert up["kvmnetworklabel"] == "cloudbr9" and "vmwarenetworklabel" not in up
    assert job_result(simserver, simserver.ok("deleteTrafficType", id=tt["id"])) == {"success": True}
    assert simserver.ok("listTrafficTypes", physicalnetworkid=pn["id"])["count"] == 1


def test_traffic_type_refusals(simserver):
    z = zone(simserver)
    pn = physical_network(simserver, z["id"])
    traffic_type(simserver, pn["id"], "Public")
    status, body = simserver.call("addTrafficType", physicalnetworkid=pn["id"], traffictype="Public")
    assert status == 530 and body["addtraffictyperesponse"]["errortext"] == "This physical network already supports the traffic type: Public"
    pn2 = physical_network(simserver, z["id"], name="pn2", tags="second")
    status, text = error(simserver, "addTrafficType", physicalnetworkid=pn2["id"], traffictype="Public")
    assert text == "Fail to add the traffic type to physical network because Zone already has a physical network with this traffic type: Public"
    status, text = error(simserver, "addTrafficType", physicalnetworkid=pn2["id"], traffictype="guest")
    assert status == 431 and text == "Unable to resolve trafficType 'guest' to a supported value"
    traffic_type(simserver, pn["id"], "Guest")
    pn3 = physical_network(simserver, z["id"], name="pn3")
    status, text = error(simserver, "addTrafficType", physicalnetworkid=pn3["id"], traffictype="Guest")
    assert status == 530 and text == "There are more than 1 physical network without tags in the zone= 1"
    assert traffic_type(simserver, pn2["id"], "Guest")["physicalnetworkid"] == pn2["id"]  # a tagged network may carry Guest too


# ---- providers and elements -------------------------------------------------------------------------------------------
def test_enable_virtual_router_provider_needs_its_element(simserver):
    z = zone(simserver)
    pn = physical_network(simserver, z["id"])
    vr = providers(simserver, pn["id"])["VirtualRouter"]
    code, text = job_error(simserver, simserver.ok("updateNetworkServiceProvider", id=vr["id"], state="Enabled"))
    assert code == 530 and text == "Provider is not ready, cannot Enable the provider, please configure the provider first"
    els = simserver.ok("listVirtualRouterElements", nspid=vr["id"])
    assert els["count"] == 1 and els["virtualrouterelement"][0]["enabled"] is False
    el = job_result(simserver, simserver.ok("configureVirtualRouterElement", id=els["virtualrouterelement"][0]["id"], enabled="true"))
    assert el["virtualrouterelement"]["enabled"] is True and el["virtualrouterelement"]["nspid"] == vr["id"]
    up = job_result(simserver, simserver.ok("updateNetworkServiceProvider", id=vr["id"], state="Enabled"))["networkserviceprovider"]
    assert up["state"] == "Enabled"
    assert simserver.ok("listNetworkServiceProviders", physicalnetworkid=pn["id"], state="Enabled", name="VirtualRouter")["count"] == 1
    assert simserver.ok("listVirtualRouterElements", enabled="true")["count"] == 1
    ilb = providers(simserver, pn["id"])["InternalLbVm"]
    iel = simserver.ok("listInternalLoadBalancerElements", nspid=ilb["id"])["internalloadbalancerelement"][0]
    job_result(simserver, simserver.ok("configureInternalLoadBalancerElement", id=iel["id"], enabled="true"))
    assert job_result(simserver, simserver.ok("updateNetworkServiceProvider", id=ilb["id"], state="Enabled"))["networkserviceprovider"]["state"] == "Enabled"
    sg = providers(simserver, pn["id"])["SecurityGroupProvider"]
    assert job_result(simserver, simserver.ok("updateNetworkServiceProvider", id=sg["id"], state="Enabled"))["networkserviceprovider"]["state"] == "Enabled"
    status, text = error(simserver, "updateNetworkServiceProvider", id=sg["id"], state="On")
    assert status == 431 and text == "Unable to resolve state 'On' to a supported value {Enabled or Disabled}"


def test_add_and_delete_network_service_provider(simserver):
    z = zone(simserver)
    pn = physical_network(simserver, z["id"])
    nsp = job_result(simserver, simserver.ok("addNetworkServiceProvider", physicalnetworkid=pn["id"], name="Netscaler"))["networkserviceprovider"]
    assert nsp["state"] == "Disabled" and nsp["name"] == "Netscaler"
    code, text = job_error(simserver, simserver.ok("updateNetworkServiceProvider", id=nsp["id"], state="Enabled"))
    assert text == "Provider is not ready, cannot Enable the provider, please configure the provider first"
    status, text = error(simserver, "addNetworkServiceProvider", physicalnetworkid=pn["id"], name="Netscaler")
    assert status == 530 and text == "The 'Netscaler' provider already exists on physical network : 1"
    status, text = error(simserver, "addNetworkServiceProvider", physicalnetworkid=pn["id"], name="Frobnicator")
    assert status == 431 and text == "Invalid Network Service Provider=Frobnicator"
    assert job_result(simserver, simserver.ok("deleteNetworkServiceProvider", id=nsp["id"])) == {"success": True}
    assert "Netscaler" not in providers(simserver, pn["id"])


# ---- VLAN / public IP ranges ------------------------------------------------------------------------------------------
def _public_zone(s):
    z = zone(s)
    pn = physical_network(s, z["id"], isolationmethods="VLAN")
    traffic_type(s, pn["id"], "Public")
    traffic_type(s, pn["id"], "Guest")
    pod(s, z["id"])
    return z, pn


def test_public_vlan_range_create_list_delete(simserver):
    z, pn = _public_zone(simserver)
    reply = simserver.ok("createVlanIpRange", zoneid=z["id"], vlan="50", gateway="192.168.2.1", netmask="255.255.255.0",
                         startip="192.168.2.2", endip="192.168.2.200", forvirtualnetwork="true")
    assert set(reply) == {"vlan"}
    v = reply["vlan"]
    assert v["vlan"] == "vlan://50" and v["cidr"] == "192.168.2.0/24" and v["forvirtualnetwork"] is True
    assert v["physicalnetworkid"] == pn["id"] and v["networkid"] and v["forsystemvms"] is False
    listed = simserver.ok("listVlanIpRanges", zoneid=z["id"])
    assert set(listed) == {"count", "vlaniprange"} and listed["vlaniprange"][0]["id"] == v["id"]
    assert simserver.ok("listVlanIpRanges", vlan="50")["count"] == 1
    assert simserver.ok("listVlanIpRanges", forvirtualnetwork="false") == {}
    assert simserver.ok("listVlanIpRanges", physicalnetworkid=pn["id"])["count"] == 1
    untagged = simserver.ok("createVlanIpRange", zoneid=z["id"], gateway="10.9.0.1", netmask="255.255.255.0", startip="10.9.0.10")["vlan"]
    assert untagged["vlan"] == "vlan://untagged" and untagged["endip"] == "10.9.0.10"
    assert simserver.ok("deleteVlanIpRange", id=v["id"]) == {"success": True}
    assert simserver.ok("listVlanIpRanges")["count"] == 1


def test_overlapping_vlan_ranges_refused(simserver):
    z, pn = _public_zone(simserver)
    base = dict(zoneid=z["id"], vlan="50", gateway="192.168.2.1", netmask="255.255.255.0")
    simserver.ok("createVlanIpRange", startip="192.168.2.2", endip="192.168.2.100", **base)
    status, text = error(simserver, "createVlanIpRange", startip="192.168.2.50", endip="192.168.2.150", **base)
    assert status == 431 and text == "The IP range already has IPs that overlap with the new range. Please specify a different start IP/end IP."
    simserver.ok("createVlanIpRange", startip="192.168.2.101", endip="192.168.2.150", **base)  # adjacent is fine
    status, text = error(simserver, "createVlanIpRange", startip="192.168.2.200", endip="192.168.2.210", **dict(base, vlan="60"))
    assert text == "The IP range with tag: 50 in zone z1 has overlapped with the subnet. Please specify a different gateway/netmask."
    status, text = error(simserver, "createVlanIpRange", startip="192.168.3.2", endip="192.168.3.20", **base)
    assert text == "Please ensure that your start IP is in the same subnet as your IP range's gateway, as per the IP range's netmask."
    status, text = error(simserver, "createVlanIpRange", zoneid=z["id"], startip="10.0.0.2")
    assert text == "Gateway, netmask and zoneId have to be passed in for virtual and direct untagged networks"
    status, text = error(simserver, "createVlanIpRange", zoneid=z["id"], gateway="172.16.15.1", netmask="255.255.255.0",
                         startip="172.16.15.100", endip="172.16.15.250")
    assert text == "The Start IP and endIP address range overlap with private IP :172.16.15.2:172.16.15.200"


def test_vlan_range_in_use_refused(simserver):
    z, pn = _public_zone(simserver)
    v = simserver.ok("createVlanIpRange", zoneid=z["id"], vlan="50", gateway="192.168.2.1", netmask="255.255.255.0",
                     startip="192.168.2.2", endip="192.168.2.20")["vlan"]
    with simserver.sim.lock:  # an allocated public IP of a later issue
        simserver.sim.store.add("publicipaddress", {"ipaddress": "192.168.2.5", "vlanid": v["id"], "zoneid": z["id"], "state": "Allocated"})
    status, text = error(simserver, "deleteVlanIpRange", id=v["id"])
    assert status == 431 and text == "1  Ips are in use. Cannot delete this vlan"


def test_vnets_in_use_cannot_be_removed(simserver):
    z = zone(simserver)
    pn = physical_network(simserver, z["id"], isolationmethods="VLAN", vlan="100-200")
    with simserver.sim.lock:  # a guest network of a later issue holding vlan 150
        simserver.sim.store.add("network", {"name": "n", "physicalnetworkid": pn["id"], "traffictype": "Guest", "vlan": "150", "state": "Implemented"})
    status, text = error(simserver, "updatePhysicalNetwork", id=pn["id"], vlan="100-120")
    assert status == 431 and text == "physicalnetwork 1 has allocated vnets in the range 121-200"
    assert job_result(simserver, simserver.ok("updatePhysicalNetwork", id=pn["id"], vlan="100-300"))["physicalnetwork"]["vlan"] == "100-300"


def test_direct_range_of_an_advanced_shared_network(make_simserver):
    s = make_simserver(datacenter="sandbox")
    adv = [z for z in s.ok("listZones")["zone"] if z["networktype"] == "Advanced"][0]
    offering = s.ok("listNetworkOfferings", name="DefaultSharedNetworkOffering")["networkoffering"][0]
    net = s.ok("createNetwork", zoneid=adv["id"], name="shared", displaytext="shared", networkofferingid=offering["id"], vlan="300",
               gateway="10.50.0.1", netmask="255.255.255.0", startip="10.50.0.10", endip="10.50.0.20")["network"]
    status, text = error(s, "createVlanIpRange", zoneid=adv["id"], networkid=net["id"], forvirtualnetwork="false", startip="10.60.0.5")
    assert status == 431 and text == "Start ip is not in network cidr: 10.50.0.0/24"
    extra = s.ok("createVlanIpRange", zoneid=adv["id"], networkid=net["id"], forvirtualnetwork="false", vlan="300",
                 startip="10.50.0.30", endip="10.50.0.40")["vlan"]
    assert extra["gateway"] == "10.50.0.1" and extra["netmask"] == "255.255.255.0" and extra["networkid"] == net["id"]
    assert extra["forvirtualnetwork"] is False
