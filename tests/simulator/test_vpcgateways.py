"""VPC private gateways and static routes over the wire, against VpcManagerImpl's rules (4.18)."""
import pytest
from workload_helpers import As, error_of, job_error, job_result, keys_for, make_dc, new_account

GW_FIELDS = {"id", "ipaddress", "gateway", "netmask", "vlan", "zoneid", "zonename", "vpcid", "vpcname", "physicalnetworkid",
             "sourcenatsupported", "state", "account", "domainid", "domain", "hasannotations"}
ROUTE_FIELDS = {"id", "cidr", "gatewayid", "vpcid", "state", "account", "domainid", "domain", "tags"}


@pytest.fixture
def dc(make_simserver):
    dc = make_dc(make_simserver)
    dc.vpc_off = dc.s.ok("listVPCOfferings", name="Default VPC offering", isdefault="true")["vpcoffering"][0]
    dc.vpc = vpc_of(dc)
    return dc


def vpc_of(dc, name="vpc1", cidr="10.10.0.0/16"):
    return job_result(dc.s, "createVPC", name=name, displaytext=name, cidr=cidr, zoneid=dc.adv["id"], vpcofferingid=dc.vpc_off["id"])["vpc"]


def gateway(dc, vpc=None, ip="10.200.0.2", vlan="400", **kw):
    kw.setdefault("gateway", "10.200.0.1")
    kw.setdefault("netmask", "255.255.255.0")
    return job_result(dc.s, "createPrivateGateway", vpcid=(vpc or dc.vpc)["id"], ipaddress=ip, vlan=vlan, **kw)["privategateway"]


def gateways(dc, **kw):
    return dc.s.ok("listPrivateGateways", listall="true", **kw).get("privategateway", [])


def routes(dc, **kw):
    return dc.s.ok("listStaticRoutes", listall="true", **kw).get("staticroute", [])


def test_private_gateway_create_list_delete(dc):
    s = dc.s
    gw = gateway(dc, sourcenatsupported="true")
    assert GW_FIELDS <= set(gw) and not any(k.startswith("_") for k in gw)
    assert (gw["ipaddress"], gw["gateway"], gw["netmask"], gw["vlan"], gw["state"]) == ("10.200.0.2", "10.200.0.1", "255.255.255.0", "vlan://400", "Ready")
    assert gw["vpcid"] == dc.vpc["id"] and gw["vpcname"] == "vpc1" and gw["sourcenatsupported"] is True and gw["zonename"] == dc.adv["name"]
    assert gw["account"] == dc.vpc["account"] and gw["domainid"] == dc.vpc["domainid"]
    assert [g["id"] for g in gateways(dc)] == [gw["id"]]
    assert [g["id"] for g in gateways(dc, vpcid=dc.vpc["id"], ipaddress="10.200.0.2", vlan="400", state="ready")] == [gw["id"]]
    assert gateways(dc, ipaddress="10.200.0.3") == [] and gateways(dc, vlan="401") == []
    gw2 = gateway(dc, ip="10.201.0.2", vlan="401", gateway="10.201.0.1")
    assert [g["id"] for g in gateways(dc)] == [gw2["id"], gw["id"]]  # id desc
    job_result(s, "deletePrivateGateway", id=gw["id"])
    assert [g["id"] for g in gateways(dc)] == [gw2["id"]]
    status, text = error_of(s, "deletePrivateGateway", id=gw["id"])
    assert status == 431 and "invalid value" in text


def test_private_gateway_refusals(dc):
    s = dc.s
    base = dict(vpcid=dc.vpc["id"], ipaddress="10.200.0.2", gateway="10.200.0.1", netmask="255.255.255.0")
    assert error_of(s, "createPrivateGateway", **base) == (431, "One of vlanId and associatedNetworkId must be specified")
    net = dc.network("iso1")
    assert error_of(s, "createPrivateGateway", vlan="400", associatednetworkid=net["id"], **base) == (
        431, "vlanId and associatedNetworkId are mutually exclusive")
    assert error_of(s, "createPrivateGateway", vlan="400", **dict(base, gateway="10.9.0.1")) == (
        431, "The IP address 10.200.0.2 is not in the subnet 10.9.0.0/24 of the gateway 10.9.0.1")
    assert error_of(s, "createPrivateGateway", vlan="400", **dict(base, netmask="255.0.255.0")) == (431, "Invalid netmask")
    assert error_of(s, "createPrivateGateway", vlan="400", **dict(base, ipaddress="10.200.0.300"))[0] == 431
    status, text = error_of(s, "createPrivateGateway", vlan="400", **dict(base, vpcid="9e0fc3b8-0000-4000-8000-000000000000"))
    assert status == 431 and "vpcid" in text
    status, text = error_of(s, "createPrivateGateway", vlan="400", aclid="9e0fc3b8-0000-4000-8000-000000000000", **base)
    assert status == 431 and "aclid" in text
    gateway(dc)
    vpc = dc.vpc
    assert error_of(s, "createPrivateGateway", vlan="400", **dict(base, ipaddress="10.200.0.3")) == (
        431, f"Private network for the vlan: vlan://400 and cidr  10.200.0.0/24  already exists for Vpc {vpc['id']} in zone {dc.adv['name']}")
    other = vpc_of(dc, "vpc2", "10.20.0.0/16")
    assert error_of(s, "createPrivateGateway", vlan="400", **dict(base, vpcid=other["id"])) == (
        431, f"Private ip address 10.200.0.2 already used for private gateway in zone {dc.adv['name']}")
    # a VLAN a guest network uses: refused unless the overlap check is bypassed
    iso = s.ok("listNetworks", id=net["id"])["network"][0]
    s.ok("createNetwork", name="vlannet", displaytext="vlannet", zoneid=dc.adv["id"], networkofferingid=dc.shared_off["id"], vlan="555",
         gateway="10.55.0.1", netmask="255.255.255.0", startip="10.55.0.10", endip="10.55.0.20")
    assert error_of(s, "createPrivateGateway", vlan="555", **dict(base, vpcid=other["id"], ipaddress="10.200.5.2", gateway="10.200.5.1")) == (
        431, f"Network with vlan 555 already exists or overlaps with other network vlans in zone {dc.adv['id']}")
    assert gateway(dc, other, ip="10.200.5.2", vlan="555", gateway="10.200.5.1", bypassvlanoverlapcheck="true")["vlan"] == "vlan://555"
    assert iso["id"] == net["id"] and len(gateways(dc)) == 2


def test_non_root_may_not_give_a_vlan(dc):
    s = dc.s
    acc = new_account(s, "gwuser", accounttype=0)
    user = As(s, keys_for(s, acc))
    vpc = job_result(s, "createVPC", name="uvpc", displaytext="uvpc", cidr="10.30.0.0/16", zoneid=dc.adv["id"],
                     vpcofferingid=dc.vpc_off["id"], account="gwuser", domainid=acc["domainid"])["vpc"]
    assert error_of(user, "createPrivateGateway", vpcid=vpc["id"], ipaddress="10.200.0.2", gateway="10.200.0.1", netmask="255.255.255.0",
                    vlan="400") == (431, "Only ROOT admin is allowed to specify vlanId or bypass vlan overlap check")
    gw = gateway(dc, vpc)  # the root admin makes it: the gateway belongs to the VPC's owner
    assert gw["account"] == "gwuser"
    assert [g["id"] for g in user.ok("listPrivateGateways").get("privategateway", [])] == [gw["id"]]
    # deletePrivateGateway has neither a rule in the 4.18 User role nor an @APICommand(authorized=...): the access check refuses it
    assert error_of(user, "deletePrivateGateway", id=gw["id"])[0] == 432


def test_static_routes(dc):
    s = dc.s
    gw = gateway(dc)
    route = job_result(s, "createStaticRoute", gatewayid=gw["id"], cidr="172.16.0.0/16")["staticroute"]
    assert ROUTE_FIELDS <= set(route) and not any(k.startswith("_") for k in route)
    assert (route["cidr"], route["gatewayid"], route["vpcid"], route["state"]) == ("172.16.0.0/16", gw["id"], dc.vpc["id"], "Active")
    assert [r["id"] for r in routes(dc, gatewayid=gw["id"])] == [route["id"]]
    assert [r["id"] for r in routes(dc, vpcid=dc.vpc["id"], state="Active")] == [route["id"]]
    # CloudStack's checks: a valid CIDR, outside the VPC's CIDR and link local, no overlap with another route of the VPC
    assert error_of(s, "createStaticRoute", gatewayid=gw["id"], cidr="172.16.0.1/16") == (431, "Invalid format for cidr 172.16.0.1/16")
    assert error_of(s, "createStaticRoute", gatewayid=gw["id"], cidr="nope") == (431, "Invalid format for cidr nope")
    assert error_of(s, "createStaticRoute", gatewayid=gw["id"], cidr="10.10.5.0/24") == (431, "CIDR should be outside of VPC cidr 10.10.0.0/16")
    assert error_of(s, "createStaticRoute", gatewayid=gw["id"], cidr="169.254.3.0/24") == (431, "CIDR should be outside of link local cidr 169.254.0.0/16")
    status, text = error_of(s, "createStaticRoute", gatewayid=gw["id"], cidr="172.16.0.0/16")
    assert status == 537 and text.startswith("New static route cidr conflicts with existing route StaticRoute[" + route["id"])
    assert error_of(s, "createStaticRoute", gatewayid=gw["id"], cidr="172.16.4.0/24")[0] == 537
    assert len(routes(dc)) == 1
    # a gateway with routes is not deleted: the job fails
    job = job_error(s, "deletePrivateGateway", id=gw["id"])
    assert job["jobresult"]["errorcode"] == 530 and "as it has 1 static routes applied. Remove the routes first" in job["jobresult"]["errortext"]
    job_result(s, "deleteStaticRoute", id=route["id"])
    assert routes(dc) == []
    job_result(s, "deletePrivateGateway", id=gw["id"])
    assert gateways(dc) == []


def test_delete_vpc_removes_gateways_and_routes(dc):
    s = dc.s
    gw = gateway(dc)
    job_result(s, "createStaticRoute", gatewayid=gw["id"], cidr="192.168.50.0/24")
    other = vpc_of(dc, "vpc2", "10.20.0.0/16")
    gw2 = gateway(dc, other, ip="10.202.0.2", vlan="402", gateway="10.202.0.1")
    job_result(s, "deleteVPC", id=dc.vpc["id"])
    assert [g["id"] for g in gateways(dc)] == [gw2["id"]]
    assert routes(dc) == []
