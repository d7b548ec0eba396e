"""VPN customer gateways, remote access VPN on an isolated network's public IP and VPN users, over the wire
(CloudStack 4.18's Site2SiteVpnManagerImpl and RemoteAccessVpnManagerImpl: texts, defaults, async steps)."""
import pytest
from workload_helpers import As, error_of, job_error, job_result, keys_for, make_dc, new_account

CGW = {"name": "office", "gateway": "203.0.113.10", "cidrlist": "192.168.10.0/24,192.168.11.0/24", "ipsecpsk": "S3cr3t-psk",
       "ikepolicy": "aes256-sha1;modp1536", "esppolicy": "aes256-sha1"}


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def cgws(s, **kw):
    return s.ok("listVpnCustomerGateways", **kw).get("vpncustomergateway", [])


def test_customer_gateway_create_defaults_and_list(dc):
    reply = dc.s.ok("createVpnCustomerGateway", **CGW)
    assert set(reply) == {"jobid"}  # a BaseAsyncCmd: no id before the job
    gw = dc.s.wait(reply)["jobresult"]["vpncustomergateway"]
    assert gw["name"] == "office" and gw["gateway"] == "203.0.113.10" and gw["cidrlist"] == CGW["cidrlist"]
    assert gw["ikelifetime"] == 86400 and gw["esplifetime"] == 3600 and gw["dpd"] is False and gw["forceencap"] is False
    assert gw["ikeversion"] == "ike" and gw["splitconnections"] is False and gw["account"] == "admin" and gw["domain"] == "ROOT"
    assert gw["ipsecpsk"] == "S3cr3t-psk"  # CloudStack lists the key back to its owner (createSite2SiteCustomerGatewayResponse)
    assert not any(k.startswith("_") for k in gw)
    assert [g["id"] for g in cgws(dc.s)] == [gw["id"]]
    assert cgws(dc.s, keyword="offi")[0]["id"] == gw["id"] and cgws(dc.s, keyword="nothing") == []
    # no name: "VPN-<gateway>"
    other = job_result(dc.s, "createVpnCustomerGateway", **dict(CGW, name="", gateway="vpn.example.com", cidrlist="10.9.0.0/16"))
    assert other["vpncustomergateway"]["name"] == "VPN-vpn.example.com"


@pytest.mark.parametrize("change, text", [
    ({"gateway": "not an address"}, "The customer gateway ip/Domain not an address is invalid!"),
    ({"cidrlist": "192.168.10.0"}, "The customer gateway peer cidr list 192.168.10.0 contains an invalid cidr!"),
    ({"ikepolicy": "aes256-sha1"}, "The customer gateway IKE policy aes256-sha1 is invalid!  Verify the required Diffie Hellman (DH) group is specified."),
    ({"esppolicy": "blowfish-sha1"}, "The customer gateway ESP policy blowfish-sha1 is invalid!"),
    ({"ikelifetime": "86401"}, "The IKE lifetime 86401 of vpn connection is invalid!"),
    ({"esplifetime": "90000"}, "The ESP lifetime 90000 of vpn connection is invalid!"),
    ({"cidrlist": "10.0.0.0/8,10.1.0.0/16"}, "The subnet of customer gateway 10.0.0.0/8 is overlapped with another subnet 10.1.0.0/16 of customer gateway!"),
])
def test_customer_gateway_bad_input_fails_the_job(dc, change, text):
    job = job_error(dc.s, "createVpnCustomerGateway", **dict(CGW, **change))
    assert job["jobresult"] == {"errorcode": 431, "errortext": text}
    assert cgws(dc.s) == []


def test_customer_gateway_name_unique_and_required_params(dc):
    job_result(dc.s, "createVpnCustomerGateway", **CGW)
    job = job_error(dc.s, "createVpnCustomerGateway", **dict(CGW, name="OFFICE"))
    assert job["jobresult"]["errortext"] == "The customer gateway with name OFFICE already existed!"
    status, text = error_of(dc.s, "createVpnCustomerGateway", **{k: v for k, v in CGW.items() if k != "ipsecpsk"})
    assert status == 431 and text.endswith("due to missing parameter ipsecpsk")


def test_customer_gateway_update_resets_unset_values_and_delete(dc):
    gw = job_result(dc.s, "createVpnCustomerGateway", **dict(CGW, ikelifetime=3600, dpd="true"))["vpncustomergateway"]
    assert gw["ikelifetime"] == 3600 and gw["dpd"] is True
    # updateVpnCustomerGateway takes every setting: what is left out is its default again
    upd = job_result(dc.s, "updateVpnCustomerGateway", id=gw["id"], **dict(CGW, ipsecpsk="n3w-key", esplifetime=7200))["vpncustomergateway"]
    assert upd["ipsecpsk"] == "n3w-key" and upd["esplifetime"] == 7200 and upd["ikelifetime"] == 86400 and upd["dpd"] is False
    job = job_error(dc.s, "updateVpnCustomerGateway", id=gw["id"], **dict(CGW, esppolicy="aes256"))
    assert job["jobresult"]["errortext"] == "The customer gateway ESP policyaes256 is invalid!"  # 4.18's update text lacks the space
    assert job_result(dc.s, "deleteVpnCustomerGateway", id=gw["id"]) == {"success": True}
    assert cgws(dc.s) == []
    status, text = error_of(dc.s, "deleteVpnCustomerGateway", id=gw["id"])
    assert status == 431 and "Invalid parameter id value=" in text


def test_customer_gateway_scoping(dc):
    acc = new_account(dc.s, "vpnuser1")
    user = As(dc.s, keys_for(dc.s, acc))
    mine = job_result(user.s, "createVpnCustomerGateway", key=user.key, secret=user.secret, **CGW)["vpncustomergateway"]
    assert mine["account"] == "vpnuser1"
    job_result(dc.s, "createVpnCustomerGateway", **CGW)  # the same name in another account
    assert [g["account"] for g in user.ok("listVpnCustomerGateways")["vpncustomergateway"]] == ["vpnuser1"]
    assert [g["account"] for g in cgws(dc.s)] == ["admin"]
    assert len(cgws(dc.s, listall="true")) == 2
    admin_gw = cgws(dc.s)[0]
    status, body = user.call("deleteVpnCustomerGateway", id=admin_gw["id"])
    assert status == 531


# ---- remote access VPN ------------------------------------------------------------------------------------------------------
def public_ip(dc, net):
    return job_result(dc.s, "associateIpAddress", networkid=net["id"])["ipaddress"]


def test_remote_access_vpn_on_isolated_ip(dc):
    net = dc.network("ravpn-net", gateway="10.30.0.1", netmask="255.255.255.0")
    ip = public_ip(dc, net)
    reply = dc.s.ok("createRemoteAccessVpn", publicipid=ip["id"])
    assert set(reply) == {"jobid", "id"}  # BaseAsyncCreateCmd
    vpn = dc.s.wait(reply)["jobresult"]["remoteaccessvpn"]
    assert vpn["id"] == reply["id"] and vpn["publicipid"] == ip["id"] and vpn["publicip"] == ip["ipaddress"]
    assert vpn["iprange"] == "10.1.2.2-10.1.2.8"  # the configured range less its first address (the VPN server's)
    assert vpn["state"] == "Running" and len(vpn["presharedkey"]) == 24 and vpn["account"] == "admin" and vpn["fordisplay"] is True
    listed = dc.s.ok("listRemoteAccessVpns", publicipid=ip["id"])["remoteaccessvpn"]
    assert [v["id"] for v in listed] == [vpn["id"]]
    assert dc.s.ok("listRemoteAccessVpns", networkid=net["id"])["remoteaccessvpn"][0]["id"] == vpn["id"]
    # a second one on the IP, or another IP of the network for the same account
    status, text = error_of(dc.s, "createRemoteAccessVpn", publicipid=ip["id"])
    assert status == 431 and text == f"A remote Access VPN already exists for the public IP address [{ip['ipaddress']}]."
    ip2 = public_ip(dc, net)
    status, text = error_of(dc.s, "createRemoteAccessVpn", publicipid=ip2["id"])
    assert status == 431 and text.startswith("A remote access VPN already exists for the account")
    upd = job_result(dc.s, "updateRemoteAccessVpn", id=vpn["id"], fordisplay="false")["remoteaccessvpn"]
    assert upd["fordisplay"] is False and dc.s.ok("listRemoteAccessVpns", fordisplay="true") == {}
    assert job_result(dc.s, "deleteRemoteAccessVpn", publicipid=ip["id"]) == {"success": True}
    assert dc.s.ok("listRemoteAccessVpns", publicipid=ip["id"]) == {}
    # none on the IP: deleteRemoteAccessVpn succeeds all the same (destroyRemoteAccessVpnForIp)
    assert job_result(dc.s, "deleteRemoteAccessVpn", publicipid=ip["id"]) == {"success": True}


@pytest.mark.parametrize("iprange, text", [
    ("10.1.2.1", "IP range [10.1.2.1] is an invalid IP range."),
    ("10.1.2.1-10.1.2", "One or both IPs sets in the range [10.1.2.1-10.1.2] are invalid IPs."),
    ("10.1.2.9-10.1.2.1", "Range of IPs [10.1.2.9-10.1.2.1] is invalid."),
    ("10.30.0.10-10.30.0.20", "Invalid ip range: 10.30.0.10-10.30.0.20 overlaps with guest ip range 10.30.0.0-10.30.0.255"),
])
def test_remote_access_vpn_bad_range(dc, iprange, text):
    net = dc.network("ravpn-net2", gateway="10.30.0.1", netmask="255.255.255.0")
    ip = public_ip(dc, net)
    assert error_of(dc.s, "createRemoteAccessVpn", publicipid=ip["id"], iprange=iprange) == (431, text)
    assert dc.s.ok("listRemoteAccessVpns", listall="true") == {}


def test_remote_access_vpn_custom_range_and_unassociated_ip(dc):
    net = dc.network("ravpn-net3")
    ip = public_ip(dc, net)
    vpn = job_result(dc.s, "createRemoteAccessVpn", publicipid=ip["id"], iprange="172.16.0.1-172.16.0.50")["remoteaccessvpn"]
    assert vpn["iprange"] == "172.16.0.2-172.16.0.50"
    lone = job_result(dc.s, "associateIpAddress", zoneid=dc.adv["id"])["ipaddress"]
    status, text = error_of(dc.s, "createRemoteAccessVpn", publicipid=lone["id"])
    assert status == 431
    assert text == f"Unable to create remote access vpn for the ipAddress: {lone['ipaddress']} as ip is not associated with any network or VPC"


# ---- VPN users ----------------------------------------------------------------------------------------------------------------
def test_vpn_users_without_and_with_a_vpn(dc):
    reply = dc.s.ok("addVpnUser", username="alice", password="pa55word")
    assert set(reply) == {"jobid", "id"}
    job = dc.s.wait(reply)
    # no remote access VPN of the account: the job fails, the user stays, in state Add (applyVpnUsers returns false)
    assert job["jobstatus"] == 2 and job["jobresult"] == {"errorcode": 530, "errortext": "Failed to add vpn user"}
    (user,) = dc.s.ok("listVpnUsers")["vpnuser"]
    assert user["username"] == "alice" and user["state"] == "Add" and "password" not in user and user["account"] == "admin"
    net = dc.network("users-net")
    ip = public_ip(dc, net)
    job_result(dc.s, "createRemoteAccessVpn", publicipid=ip["id"])
    assert dc.s.ok("listVpnUsers", username="alice")["vpnuser"][0]["state"] == "Active"
    bob = job_result(dc.s, "addVpnUser", username="bob", password="s3cret")["vpnuser"]
    assert bob["state"] == "Active" and bob["username"] == "bob"
    status, text = error_of(dc.s, "addVpnUser", username="bob", password="s3cret")
    assert status == 431 and text.startswith("VPN User with name bob is already added for account Acct[")
    assert job_result(dc.s, "removeVpnUser", username="bob") == {"success": True}
    assert [u["username"] for u in dc.s.ok("listVpnUsers")["vpnuser"]] == ["alice"]
    job = job_error(dc.s, "removeVpnUser", username="bob")
    assert job["jobresult"]["errorcode"] == 431 and job["jobresult"]["errortext"].startswith("Could not find VPN user=[bob].")


@pytest.mark.parametrize("username, password, text", [
    ("al", "pa55word", "Username [al] is invalid. Username has to begin with an alphabet have 3-64 characters including alphabets, "
                       "numbers and the set '@.-_'."),
    ("alice", "p w", "Password has to be 3-32 characters including alphabets, numbers and the set '@+=.-_'"),
])
def test_vpn_user_bad_input(dc, username, password, text):
    assert error_of(dc.s, "addVpnUser", username=username, password=password) == (431, text)
    assert dc.s.ok("listVpnUsers") == {}


def test_vpn_user_limit_and_removal_without_vpn(dc):
    dc.s.ok("updateConfiguration", name="remote.access.vpn.user.limit", value="2")
    for name in ("u-one", "u-two"):
        dc.s.wait(dc.s.ok("addVpnUser", username=name, password="pa55word"))
    status, text = error_of(dc.s, "addVpnUser", username="u-three", password="pa55word")
    assert status == 532 and text.startswith("Cannot add more than [2] remote access VPN users to Acct[")
    # without a remote access VPN a removed user goes at once (removeVpnUserWithoutRemoteAccessVpn)
    assert job_result(dc.s, "removeVpnUser", username="u-one") == {"success": True}
    assert [u["username"] for u in dc.s.ok("listVpnUsers")["vpnuser"]] == ["u-two"]


def test_released_ip_and_deleted_network_take_the_vpn(dc):
    net = dc.network("gone-net")
    ip = public_ip(dc, net)
    job_result(dc.s, "createRemoteAccessVpn", publicipid=ip["id"])
    job_result(dc.s, "disassociateIpAddress", id=ip["id"])  # IpAddressManagerImpl.cleanupIpResources
    assert dc.s.ok("listRemoteAccessVpns", listall="true") == {}
    ip2 = public_ip(dc, net)
    job_result(dc.s, "createRemoteAccessVpn", publicipid=ip2["id"])
    job_result(dc.s, "deleteNetwork", id=net["id"])
    assert dc.s.ok("listRemoteAccessVpns", listall="true") == {}


def test_deleted_account_takes_its_vpn_objects(dc):
    acc = new_account(dc.s, "leaver")
    user = As(dc.s, keys_for(dc.s, acc))
    dc.s.wait(user.ok("createVpnCustomerGateway", **CGW))
    dc.s.wait(user.ok("addVpnUser", username="leaver-vpn", password="pa55word"))
    assert dc.s.ok("listVpnCustomerGateways", listall="true")["count"] == 1 and dc.s.ok("listVpnUsers", listall="true")["count"] == 1
    job_result(dc.s, "deleteAccount", id=acc["id"])
    assert dc.s.ok("listVpnCustomerGateways", listall="true") == {} and dc.s.ok("listVpnUsers", listall="true") == {}


def test_open_firewall(dc):
    net = dc.network("fw-net")
    ip = public_ip(dc, net)
    vpn = job_result(dc.s, "createRemoteAccessVpn", publicipid=ip["id"])["remoteaccessvpn"]
    rules = dc.s.ok("listFirewallRules", ipaddressid=ip["id"])["firewallrule"]
    assert sorted((r["protocol"], r["startport"], r["endport"], r["cidrlist"]) for r in rules) == [
        ("udp", 500, 500, "0.0.0.0/0"), ("udp", 1701, 1701, "0.0.0.0/0"), ("udp", 4500, 4500, "0.0.0.0/0")]
    job_result(dc.s, "deleteRemoteAccessVpn", publicipid=vpn["publicipid"])
    assert dc.s.ok("listFirewallRules", ipaddressid=ip["id"]) == {}
    job_result(dc.s, "createRemoteAccessVpn", publicipid=ip["id"], openfirewall="false")
    assert dc.s.ok("listFirewallRules", ipaddressid=ip["id"]) == {}


def test_lists_newest_first(dc):
    for i in range(3):
        job_result(dc.s, "createVpnCustomerGateway", **dict(CGW, name=f"gw{i}"))
    assert [g["name"] for g in cgws(dc.s)] == ["gw2", "gw1", "gw0"]  # searchForCustomerGateways: Filter("id", false)
    for name in ("zed", "amy", "bob"):
        dc.s.wait(dc.s.ok("addVpnUser", username=name, password="pa55word"))
    assert [u["username"] for u in dc.s.ok("listVpnUsers")["vpnuser"]] == ["amy", "bob", "zed"]  # Filter("username", true)
