"""VPC offerings, VPCs and VPC tiers over the wire, against VpcManagerImpl's rules and the captured VPCService replies."""
import json
import pathlib
import time

import pytest
from workload_helpers import As, error_of, job_error, job_result, keys_for, make_dc, new_account

SAMPLES = pathlib.Path("/work/shared/cloudstack-api/samples/VPCService.json")


@pytest.fixture
def dc(make_simserver):
    dc = make_dc(make_simserver)
    offs = {o["name"]: o for o in dc.s.ok("listNetworkOfferings", forvpc="true")["networkoffering"]}
    dc.tier_off = offs["DefaultIsolatedNetworkOfferingForVpcNetworks"]
    dc.vpc_off = dc.s.ok("listVPCOfferings", name="Default VPC offering", isdefault="true")["vpcoffering"][0]
    return dc


def vpc_of(dc, name="vpc1", cidr="10.10.0.0/16", **kw):
    kw.setdefault("zoneid", dc.adv["id"])
    kw.setdefault("vpcofferingid", dc.vpc_off["id"])
    return job_result(dc.s, "createVPC", name=name, displaytext=kw.pop("displaytext", name), cidr=cidr, **kw)["vpc"]


def tier(dc, vpc, name, gateway, netmask="255.255.255.0", **kw):
    return dc.network(name, offering=dc.tier_off, vpcid=vpc["id"], gateway=gateway, netmask=netmask, **kw)


def test_default_offerings_seeded(dc):
    offs = dc.s.ok("listVPCOfferings")["vpcoffering"]
    assert [o["name"] for o in offs] == ["Default VPC offering", "Default VPC  offering with Netscaler", "Redundant VPC offering"]
    default = offs[0]
    assert default["displaytext"] == "Default VPC offering" and default["isdefault"] is True and default["state"] == "Enabled"
    services = {s["name"]: [p["name"] for p in s["provider"]] for s in default["service"]}
    assert services["Lb"] == ["VpcVirtualRouter", "InternalLbVm"] and services["SourceNat"] == ["VpcVirtualRouter"]
    assert set(services) == {"Dhcp", "Dns", "UserData", "NetworkACL", "PortForwarding", "Lb", "SourceNat", "StaticNat", "Gateway", "Vpn"}
    assert default["distributedvpcrouter"] is False and default["supportsregionLevelvpc"] is False
    assert not any(k.startswith("_") for k in default)
    # name is a LIKE filter, isdefault an exact one
    assert len(dc.s.ok("listVPCOfferings", name="VPC")["vpcoffering"]) == 3
    assert [o["name"] for o in dc.s.ok("listVPCOfferings", isdefault="true")["vpcoffering"]] == ["Default VPC offering", "Redundant VPC offering"]
    assert dc.s.ok("listVPCOfferings", supportedservices="Lb,Vpn")["vpcoffering"]
    assert error_of(dc.s, "listVPCOfferings", supportedservices="Nope") == (431, "Invalid service specified Nope")


def test_offering_create_update_delete(dc):
    s = dc.s
    off = job_result(s, "createVPCOffering", name="myoff", displaytext="My offering", supportedservices="dns,Dhcp",
                     **{"serviceproviderlist[0].service": "dns", "serviceproviderlist[0].provider": "VpcVirtualRouter"})["vpcoffering"]
    assert off["state"] == "Disabled" and off["isdefault"] is False  # enable defaults to false
    assert {x["name"] for x in off["service"]} == {"Dns", "Dhcp", "SourceNat", "NetworkACL", "Gateway"}  # SourceNat, ACL, Gateway added
    up = job_result(s, "updateVPCOffering", id=off["id"], state="Enabled", displaytext="changed")["vpcoffering"]
    assert up["state"] == "Enabled" and up["displaytext"] == "changed"
    assert job_error(s, "updateVPCOffering", id=off["id"], state="Broken")["jobresult"]["errortext"] == "Incorrect state value: Broken"
    # createVPCOffering is an async create command: its checks answer at once (BaseAsyncCreateCmd.create)
    assert error_of(s, "createVPCOffering", name="bad", displaytext="bad", supportedservices="Firewall") == (
        431, "Service Firewall is not supported in VPC")
    assert error_of(s, "createVPCOffering", name="bad", displaytext="bad", supportedservices="Dns",
                    **{"serviceproviderlist[0].service": "Lb", "serviceproviderlist[0].provider": "VpcVirtualRouter"}) == (
        431, "Service Lb is not enabled for the network offering, can't add a provider to it")
    assert [o["name"] for o in s.ok("listVPCOfferings", name="bad").get("vpcoffering", [])] == []
    red = job_result(s, "createVPCOffering", name="red", displaytext="red", supportedservices="SourceNat", enable="true",
                     **{"servicecapabilitylist[0].service": "SourceNat", "servicecapabilitylist[0].capabilitytype": "RedundantRouter",
                        "servicecapabilitylist[0].capabilityvalue": "true"})["vpcoffering"]
    assert red["state"] == "Enabled"
    vpc = vpc_of(dc, vpcofferingid=red["id"])
    assert vpc["redundantvpcrouter"] is True
    job = job_error(s, "deleteVPCOffering", id=red["id"])
    assert job["jobresult"]["errortext"].startswith("Can't delete vpc offering ") and "as its used by 1 vpcs" in job["jobresult"]["errortext"]
    job = job_error(s, "deleteVPCOffering", id=dc.vpc_off["id"])
    assert job["jobresult"]["errortext"] == "Default network offering can't be deleted"
    job_result(s, "deleteVPCOffering", id=off["id"])
    assert [o["name"] for o in s.ok("listVPCOfferings", id=dc.vpc_off["id"])["vpcoffering"]] == ["Default VPC offering"]
    assert "vpcoffering" not in s.ok("listVPCOfferings", name="myoff")
    # a disabled offering creates no VPC
    job_result(s, "updateVPCOffering", id=red["id"], state="Disabled")
    status, text = error_of(s, "createVPC", name="x", displaytext="x", cidr="10.0.0.0/16", zoneid=dc.adv["id"], vpcofferingid=red["id"])
    assert (status, text) == (431, "Unable to find vpc offering in Enabled state by specified id")


def test_vpc_shape_against_sample(dc):
    vpc = vpc_of(dc, "my-vpc", networkdomain="my-domain")
    sample = json.loads(SAMPLES.read_text())["listVPCs"]["listvpcresponse"]["vpc"][0]
    listed = dc.s.ok("listVPCs", id=vpc["id"])["vpc"][0]
    missing = set(sample) - set(listed) - {"tags"}  # tags: an empty list is left out on the wire as CloudStack does for none
    assert not missing, missing
    assert listed["state"] == "Enabled" and listed["cidr"] == "10.10.0.0/16" and listed["networkdomain"] == "my-domain"
    assert listed["vpcofferingname"] == "Default VPC offering" and listed["network"] == [] and listed["fordisplay"] is True
    assert [x["name"] for x in listed["service"]] and all("provider" in x for x in listed["service"])
    assert listed["account"] == "admin" and listed["domain"] == "ROOT" and listed["zonename"] == dc.adv["name"]


def test_vpc_source_nat_and_router(dc):
    vpc = vpc_of(dc)
    (snat,) = dc.s.ok("listPublicIpAddresses", issourcenat="true", listall="true", vpcid=vpc["id"])["publicipaddress"]
    assert snat["vpcid"] == vpc["id"] and snat["issourcenat"] is True
    deadline = time.time() + 5
    while True:
        rs = dc.s.ok("listRouters", vpcid=vpc["id"]).get("router", [])
        if rs or time.time() > deadline:
            break
        time.sleep(0.05)
    (router,) = rs
    assert router["vpcid"] == vpc["id"] and router["vpcname"] == "vpc1" and router["role"] == "VIRTUAL_ROUTER"
    assert router["publicip"] == snat["ipaddress"] and "guestnetworkid" not in router
    assert sorted(n["traffictype"] for n in router["nic"]) in (["Public"], ["Control", "Public"])
    # an IP of the VPC (associateIpAddress vpcid): the VPC's owner and zone, no network
    ip = job_result(dc.s, "associateIpAddress", vpcid=vpc["id"])["ipaddress"]
    assert ip["vpcid"] == vpc["id"] and ip["issourcenat"] is False and "associatednetworkid" not in ip and ip["zoneid"] == vpc["zoneid"]
    assert len(dc.s.ok("listPublicIpAddresses", vpcid=vpc["id"])["publicipaddress"]) == 2
    # restart with cleanup replaces the router; without, it stays
    job_result(dc.s, "restartVPC", id=vpc["id"])
    assert [r["id"] for r in dc.s.ok("listRouters", vpcid=vpc["id"])["router"]] == [router["id"]]
    job_result(dc.s, "restartVPC", id=vpc["id"], cleanup="true")
    (new,) = dc.s.ok("listRouters", vpcid=vpc["id"])["router"]
    assert new["id"] != router["id"]
    # delete: the IP and the router go with it
    job_result(dc.s, "deleteVPC", id=vpc["id"])
    assert "vpc" not in dc.s.ok("listVPCs", listall="true")
    assert "router" not in dc.s.ok("listRouters", vpcid=vpc["id"])
    left = [i["ipaddress"] for i in dc.s.ok("listPublicIpAddresses", listall="true").get("publicipaddress", [])]
    assert snat["ipaddress"] not in left and ip["ipaddress"] not in left


def test_vpc_not_started(dc):
    vpc = vpc_of(dc, start="false")
    assert "router" not in dc.s.ok("listRouters", vpcid=vpc["id"])
    t = tier(dc, vpc, "web", "10.10.1.1")
    dc.deploy(networkids=t["id"])  # the first VM implements the tier: the VPC starts
    assert dc.s.ok("listRouters", vpcid=vpc["id"])["router"]
    assert dc.s.ok("listPublicIpAddresses", vpcid=vpc["id"], issourcenat="true")["publicipaddress"]
    # the tier itself has no source NAT IP of its own
    assert "publicipaddress" not in dc.s.ok("listPublicIpAddresses", associatednetworkid=t["id"])


def test_create_vpc_errors(dc):
    s, base = dc.s, dict(name="v", displaytext="v", zoneid=dc.adv["id"], vpcofferingid=dc.vpc_off["id"])
    assert error_of(s, "createVPC", cidr="10.0.0.0", **base) == (431, "Invalid CIDR specified 10.0.0.0")
    assert error_of(s, "createVPC", cidr="8.8.0.0/16", **base) == (431, "Guest Cidr 8.8.0.0/16 is not RFC1918 compliant")
    status, text = error_of(s, "createVPC", cidr="10.0.0.0/16", networkdomain="-bad-", **base)
    assert status == 431 and text.startswith("Invalid network domain.")
    status, text = error_of(s, "createVPC", cidr="10.0.0.0/16", name="v", displaytext="v", zoneid=dc.adv["id"])
    assert status == 431 and "missing parameter vpcofferingid" in text
    # a Basic zone has no VpcVirtualRouter provider enabled (finalizeServicesAndProvidersForVpc)
    assert error_of(s, "createVPC", cidr="10.0.0.0/16", **dict(base, zoneid=dc.basic["id"])) == (
        431, "Provider VpcVirtualRouter should be enabled in at least one physical network of the zone specified")
    assert "vpc" not in s.ok("listVPCs", listall="true")


def test_update_and_filters(dc):
    vpc = vpc_of(dc, "alpha")
    vpc_of(dc, "beta", cidr="192.168.0.0/16")
    up = job_result(dc.s, "updateVPC", id=vpc["id"], displaytext="new text", name="alpha2")["vpc"]
    assert up["displaytext"] == "new text" and up["name"] == "alpha2"
    names = [v["name"] for v in dc.s.ok("listVPCs")["vpc"]]
    assert names == ["beta", "alpha2"]  # created, newest first
    assert [v["name"] for v in dc.s.ok("listVPCs", name="alph")["vpc"]] == ["alpha2"]  # LIKE
    assert [v["name"] for v in dc.s.ok("listVPCs", cidr="192.168.0.0/16")["vpc"]] == ["beta"]
    job_result(dc.s, "createTags", resourcetype="Vpc", resourceids=vpc["id"], **{"tags[0].key": "env", "tags[0].value": "prod"})
    tagged = dc.s.ok("listVPCs", **{"tags[0].key": "env", "tags[0].value": "prod"})["vpc"]
    assert [v["name"] for v in tagged] == ["alpha2"] and tagged[0]["tags"][0]["key"] == "env"
    assert error_of(dc.s, "updateVPC", id="00000000-0000-0000-0000-000000000000")[0] == 431


def test_tiers(dc):
    s = dc.s
    vpc = vpc_of(dc, networkdomain="corp.internal")
    allow = s.ok("listNetworkACLLists", name="default_allow")["networkacllist"][0]  # the acls family checks aclid
    web = tier(dc, vpc, "web", "10.10.1.1", aclid=allow["id"])
    assert web["vpcid"] == vpc["id"] and web["vpcname"] == "vpc1" and web["networkdomain"] == "corp.internal"
    assert web["aclid"] == allow["id"] and web["cidr"] == "10.10.1.0/24"
    tier(dc, vpc, "db", "10.10.2.1")
    assert [n["name"] for n in s.ok("listNetworks", vpcid=vpc["id"])["network"]] == ["web", "db"]
    assert [n["name"] for n in s.ok("listVPCs", id=vpc["id"])["vpc"][0]["network"]] == ["web", "db"]
    assert not {"web", "db"} & {n["name"] for n in s.ok("listNetworks", forvpc="false").get("network", [])}
    assert [n["name"] for n in s.ok("listNetworks", forvpc="true")["network"]] == ["web", "db"]
    base = dict(name="x", displaytext="x", zoneid=dc.adv["id"], networkofferingid=dc.tier_off["id"], vpcid=vpc["id"])
    status, text = error_of(s, "createNetwork", gateway="10.20.1.1", netmask="255.255.255.0", **base)
    assert (status, text[:39]) == (431, "Network cidr 10.20.1.0/24 is not within")
    assert text.endswith(" cidr") and "[VPC [" in text
    status, text = error_of(s, "createNetwork", gateway="10.10.1.129", netmask="255.255.255.128", **base)
    assert status == 431 and text.startswith("Network cidr 10.10.1.128/25 crosses other network cidr Ntwk[")
    assert error_of(s, "createNetwork", **base) == (431, "Gateway/netmask are required when create network for VPC")
    status, text = error_of(s, "createNetwork", gateway="10.10.3.1", netmask="255.255.255.0", networkdomain="other.internal", **base)
    assert status == 431 and text.startswith("Network domain of the new network should match network domain of vpc")
    status, text = error_of(s, "createNetwork", gateway="10.10.3.0", netmask="255.255.255.0", **base)
    assert (status, text) == (431, "Invalid gateway specified. It should never be equal to the cidr subnet value")
    status, text = error_of(s, "createNetwork", gateway="10.10.3.1", netmask="255.255.255.0", **dict(base, networkofferingid=dc.iso_off["id"]))
    assert (status, text) == (431, "Network offering can't be used for VPC networks")
    status, text = error_of(s, "createNetwork", gateway="10.10.3.1", netmask="255.255.255.0", **dict(base, vpcid="00000000-0000-0000-0000-000000000000"))
    assert status == 431 and "vpcid" in text
    tier(dc, vpc, "app", "10.10.3.1")
    status, text = error_of(s, "createNetwork", gateway="10.10.4.1", netmask="255.255.255.0", **base)
    assert (status, text) == (530, "Number of networks per VPC cannot surpass [3].")
    # a VPC with tiers is not deleted (the job fails), and stays
    job = job_error(s, "deleteVPC", id=vpc["id"])
    assert job["jobresult"]["errortext"].startswith("Can't delete VPC [VPC [") and job["jobresult"]["errortext"].endswith("as its used by 3 networks")
    for n in s.ok("listNetworks", vpcid=vpc["id"])["network"]:
        job_result(s, "deleteNetwork", id=n["id"])
    job_result(s, "deleteVPC", id=vpc["id"])


def test_account_removal_takes_its_vpcs(dc):
    acc = new_account(dc.s, "gone")
    vpc = vpc_of(dc, "acct-vpc", account="gone", domainid=acc["domainid"])
    assert vpc["account"] == "gone"
    job_result(dc.s, "deleteAccount", id=acc["id"])
    assert "vpc" not in dc.s.ok("listVPCs", listall="true")
    assert "router" not in dc.s.ok("listRouters", vpcid=vpc["id"])


def test_cleanup_hooks_and_contract(dc):
    from cloudstack_simulator.backend import backend

    calls = []
    backend.vpc.register_cleanup(lambda ctx, vpc: calls.append(vpc["id"]))
    try:
        vpc = vpc_of(dc)
        store = dc.s.sim.store
        assert backend.vpc.find_vpc(store, vpc["id"])["name"] == "vpc1" and backend.vpc.find_vpc(store, "nope") is None
        assert backend.vpc.tiers(store, vpc["id"]) == []
        job_result(dc.s, "deleteVPC", id=vpc["id"])
        assert calls == [vpc["id"]] and backend.vpc.find_vpc(store, vpc["id"]) is None
    finally:
        backend.vpc.CLEANUP.pop()


def test_user_scoping(dc):
    acc = new_account(dc.s, "vpcuser")
    user = As(dc.s, keys_for(dc.s, acc))
    job = dc.s.wait(user.ok("createVPC", name="uv", displaytext="uv", cidr="10.5.0.0/16", zoneid=dc.adv["id"], vpcofferingid=dc.vpc_off["id"]))
    vpc = job["jobresult"]["vpc"]
    assert vpc["account"] == "vpcuser"
    assert [v["name"] for v in user.ok("listVPCs")["vpc"]] == ["uv"]
    assert "vpc" not in dc.s.ok("listVPCs")  # the admin's own
    assert [v["name"] for v in dc.s.ok("listVPCs", listall="true")["vpc"]] == ["uv"]
    status, _ = error_of(user, "createVPCOffering", name="x", displaytext="x", supportedservices="Dns")
    assert status == 432  # no rule of the 4.18 User role names it (the API access check)
    # the account's VPC limit (resource type 7)
    dc.s.ok("updateResourceLimit", resourcetype=7, max=1, account="vpcuser", domainid=acc["domainid"])
    status, text = error_of(user, "createVPC", name="uv2", displaytext="uv2", cidr="10.6.0.0/16", zoneid=dc.adv["id"], vpcofferingid=dc.vpc_off["id"])
    assert status == 532 and "Maximum number of resources of type 'vpc' for account name=vpcuser" in text
    assert len(dc.s.ok("listVPCs", listall="true")["vpc"]) == 1
