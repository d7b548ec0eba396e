"""Site-to-site VPN over the wire: the VPN gateway of a VPC (its source NAT IP), connections to customer gateways
(Site2SiteVpnManagerImpl's checks and states), remote access VPN on a VPC's source NAT IP, and deleteVPC's cleanup."""
import pytest
from test_vpn import CGW
from workload_helpers import As, error_of, job_error, job_result, keys_for, make_dc, new_account


@pytest.fixture
def dc(make_simserver):
    dc = make_dc(make_simserver)
    dc.vpc_off = dc.s.ok("listVPCOfferings", name="Default VPC offering", isdefault="true")["vpcoffering"][0]
    return dc


def vpc_of(dc, name="vpc1", cidr="10.10.0.0/16", **kw):
    return job_result(dc.s, "createVPC", name=name, displaytext=name, cidr=cidr, zoneid=dc.adv["id"], vpcofferingid=dc.vpc_off["id"], **kw)["vpc"]


def cgw(dc, **kw):
    return job_result(dc.s, "createVpnCustomerGateway", **dict(CGW, **kw))["vpncustomergateway"]


def test_vpn_gateway_of_a_vpc(dc):
    vpc = vpc_of(dc)
    snat = dc.s.ok("listPublicIpAddresses", vpcid=vpc["id"], issourcenat="true")["publicipaddress"][0]
    reply = dc.s.ok("createVpnGateway", vpcid=vpc["id"])
    assert set(reply) == {"jobid", "id"}
    gw = dc.s.wait(reply)["jobresult"]["vpngateway"]
    assert gw["id"] == reply["id"] and gw["vpcid"] == vpc["id"] and gw["vpcname"] == "vpc1" and gw["publicip"] == snat["ipaddress"]
    assert gw["account"] == "admin" and gw["domain"] == "ROOT" and gw["fordisplay"] is True
    assert [g["id"] for g in dc.s.ok("listVpnGateways", vpcid=vpc["id"])["vpngateway"]] == [gw["id"]]
    # one per VPC, checked before the job (CreateVpnGatewayCmd is a BaseAsyncCreateCmd)
    assert error_of(dc.s, "createVpnGateway", vpcid=vpc["id"]) == (431, f"The VPN gateway of VPC {vpc['id']} already existed!")
    status, text = error_of(dc.s, "createVpnGateway", vpcid="7e0e3f3a-0000-4000-8000-000000000000")
    assert status == 431 and "Invalid parameter vpcid value=" in text
    assert job_result(dc.s, "updateVpnGateway", id=gw["id"], fordisplay="false")["vpngateway"]["fordisplay"] is False
    assert job_result(dc.s, "deleteVpnGateway", id=gw["id"]) == {"success": True}
    assert dc.s.ok("listVpnGateways") == {}


def test_vpn_gateway_needs_the_source_nat_ip(dc):
    vpc = vpc_of(dc, name="idle", start="false")
    status, text = error_of(dc.s, "createVpnGateway", vpcid=vpc["id"])
    assert status == 530 and text == f"Cannot found source nat ip of vpc {vpc['id']}"


def test_connection_lifecycle(dc):
    vpc = vpc_of(dc)
    gw = job_result(dc.s, "createVpnGateway", vpcid=vpc["id"])["vpngateway"]
    office = cgw(dc)
    reply = dc.s.ok("createVpnConnection", s2scustomergatewayid=office["id"], s2svpngatewayid=gw["id"])
    assert set(reply) == {"jobid", "id"}
    conn = dc.s.wait(reply)["jobresult"]["vpnconnection"]
    assert conn["state"] == "Connected" and conn["passive"] is False and conn["publicip"] == gw["publicip"]
    assert conn["gateway"] == office["gateway"] and conn["cidrlist"] == office["cidrlist"] and conn["ikepolicy"] == office["ikepolicy"]
    assert conn["s2scustomergatewayid"] == office["id"] and conn["s2svpngatewayid"] == gw["id"] and conn["ipsecpsk"] == CGW["ipsecpsk"]
    listed = dc.s.ok("listVpnConnections", vpcid=vpc["id"])["vpnconnection"]
    assert [c["id"] for c in listed] == [conn["id"]] and listed[0]["esplifetime"] == 3600
    assert error_of(dc.s, "createVpnConnection", s2scustomergatewayid=office["id"], s2svpngatewayid=gw["id"]) == (
        431, f"The vpn connection with customer gateway id {office['id']} and vpn gateway id {gw['id']} already existed!")
    # what still has a connection cannot go
    job = job_error(dc.s, "deleteVpnCustomerGateway", id=office["id"])
    assert job["jobresult"]["errortext"] == f"Unable to delete VPN customer gateway with id {office['id']} because there is still related VPN connections!"
    job = job_error(dc.s, "deleteVpnGateway", id=gw["id"])
    assert job["jobresult"]["errortext"] == f"Unable to delete VPN gateway {gw['id']} because there is still related VPN connections!"
    assert job_result(dc.s, "resetVpnConnection", id=conn["id"])["vpnconnection"]["state"] == "Connected"
    assert job_result(dc.s, "deleteVpnConnection", id=conn["id"]) == {"success": True}
    assert dc.s.ok("listVpnConnections") == {}
    # passive: Disconnected until the peer connects
    passive = job_result(dc.s, "createVpnConnection", s2scustomergatewayid=office["id"], s2svpngatewayid=gw["id"], passive="true")
    assert passive["vpnconnection"]["state"] == "Disconnected" and passive["vpnconnection"]["passive"] is True


def test_connection_checks(dc):
    vpc = vpc_of(dc)
    gw = job_result(dc.s, "createVpnGateway", vpcid=vpc["id"])["vpngateway"]
    inside = cgw(dc, name="inside", cidrlist="10.10.5.0/24")
    assert error_of(dc.s, "createVpnConnection", s2scustomergatewayid=inside["id"], s2svpngatewayid=gw["id"]) == (
        431, f"The subnets of customer gateway {inside['id']}'s subnet 10.10.5.0/24 is overlapped with VPC cidr 10.10.0.0/16!")
    first = cgw(dc, name="first", cidrlist="172.20.0.0/16")
    job_result(dc.s, "createVpnConnection", s2scustomergatewayid=first["id"], s2svpngatewayid=gw["id"])
    overlapping = cgw(dc, name="second", cidrlist="172.20.1.0/24")
    status, text = error_of(dc.s, "createVpnConnection", s2scustomergatewayid=overlapping["id"], s2svpngatewayid=gw["id"])
    assert status == 431 and text == ("The new connection's remote subnet 172.20.1.0/24 is overlapped with existed VPN connection to "
                                      "customer gateway first's subnet 172.20.0.0/16")
    # another account's customer gateway
    acc = new_account(dc.s, "peer")
    user = As(dc.s, keys_for(dc.s, acc))
    theirs = user.s.wait(user.ok("createVpnCustomerGateway", **dict(CGW, name="theirs", cidrlist="172.30.0.0/16")))
    theirs = theirs["jobresult"]["vpncustomergateway"]
    assert error_of(dc.s, "createVpnConnection", s2scustomergatewayid=theirs["id"], s2svpngatewayid=gw["id"]) == (
        431, "VPN connection can only be esitablished between same account's VPN gateway and customer gateway!")
    assert len(dc.s.ok("listVpnConnections")["vpnconnection"]) == 1


def test_connection_limit(dc):
    dc.s.ok("updateConfiguration", name="site2site.vpn.vpngateway.connection.limit", value="1")
    vpc = vpc_of(dc)
    gw = job_result(dc.s, "createVpnGateway", vpcid=vpc["id"])["vpngateway"]
    job_result(dc.s, "createVpnConnection", s2scustomergatewayid=cgw(dc, name="a", cidrlist="172.21.0.0/16")["id"], s2svpngatewayid=gw["id"])
    status, text = error_of(dc.s, "createVpnConnection", s2scustomergatewayid=cgw(dc, name="b", cidrlist="172.22.0.0/16")["id"],
                            s2svpngatewayid=gw["id"])
    assert (status, text) == (431, "There are too many VPN connections with current VPN gateway! The limit is 1")


def test_update_customer_gateway_shows_in_connection(dc):
    vpc = vpc_of(dc)
    gw = job_result(dc.s, "createVpnGateway", vpcid=vpc["id"])["vpngateway"]
    office = cgw(dc)
    conn = job_result(dc.s, "createVpnConnection", s2scustomergatewayid=office["id"], s2svpngatewayid=gw["id"])["vpnconnection"]
    job_result(dc.s, "updateVpnCustomerGateway", id=office["id"], **dict(CGW, esppolicy="aes128-sha256;modp2048", dpd="true"))
    (listed,) = dc.s.ok("listVpnConnections", id=conn["id"])["vpnconnection"]
    assert listed["esppolicy"] == "aes128-sha256;modp2048" and listed["dpd"] is True and listed["state"] == "Connected"


def test_remote_access_vpn_on_vpc_source_nat_and_vpc_cleanup(dc):
    vpc = vpc_of(dc)
    snat = dc.s.ok("listPublicIpAddresses", vpcid=vpc["id"], issourcenat="true")["publicipaddress"][0]
    assert error_of(dc.s, "createRemoteAccessVpn", publicipid=snat["id"], iprange="10.10.200.1-10.10.200.9") == (
        431, "Invalid ip range: 10.10.200.1-10.10.200.9 overlaps with guest ip range 10.10.0.0-10.10.255.255")
    vpn = job_result(dc.s, "createRemoteAccessVpn", publicipid=snat["id"])["remoteaccessvpn"]
    assert vpn["publicip"] == snat["ipaddress"] and vpn["state"] == "Running"
    gw = job_result(dc.s, "createVpnGateway", vpcid=vpc["id"])["vpngateway"]
    job_result(dc.s, "createVpnConnection", s2scustomergatewayid=cgw(dc)["id"], s2svpngatewayid=gw["id"])
    # deleteVPC removes its connections, its VPN gateway and the remote access VPN on its IP (the customer gateway stays)
    job_result(dc.s, "deleteVPC", id=vpc["id"])
    assert dc.s.ok("listVpnConnections") == {} and dc.s.ok("listVpnGateways") == {} and dc.s.ok("listRemoteAccessVpns") == {}
    assert len(dc.s.ok("listVpnCustomerGateways")["vpncustomergateway"]) == 1
