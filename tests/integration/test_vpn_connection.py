"""vpn_connection against the simulator (in process): create (with force: the VPN gateway too), re-run, check mode,
--diff, passive, absent, bad input, a failed and a too slow job, faults without duplicates; the key never returned."""
import json

import pytest
from guest_helpers import sandbox
from vpn_helpers import ADV, CGW, VpnDc


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = VpnDc(sim)
    d.vpc1 = d.vpc()
    d.cgw = d.customer_gateway()
    return d


ARGS = dict(vpc="vpc1", vpn_customer_gateway="office", zone=ADV)


def conns(sim):
    return sim.ok("listVpnConnections", listall="true").get("vpnconnection", [])


def test_create_rerun_check_diff_absent(module, sim, dc):
    gw = dc.vpn_gateway(dc.vpc1)
    res = module("vpn_connection", _check=True, _diff=True, **ARGS)
    assert res["changed"] and conns(sim) == [] and res["diff"]["before"] == {"state": "absent"}
    res = module("vpn_connection", _diff=True, **ARGS)
    (conn,) = conns(sim)
    assert res["changed"] and res["id"] == conn["id"] and res["state"] == "Connected" and res["passive"] is False
    assert res["vpn_gateway_id"] == gw["id"] and res["public_ip"] == gw["publicip"] and res["gateway"] == CGW["gateway"]
    assert res["vpn_customer_gateway"] == "office" and res["cidrs"] == ["192.168.10.0/24"] and res["force_encap"] is False
    assert res["ike_policy"] == CGW["ikepolicy"] and res["esp_lifetime"] == 3600 and res["dpd"] is False
    assert CGW["ipsecpsk"] not in json.dumps(res)  # CloudStack lists the key with the connection: never returned
    res = module("vpn_connection", _diff=True, **dict(ARGS, vpn_customer_gateway=dc.cgw["id"]))  # by id
    assert res["changed"] is False and res["id"] == conn["id"] and res["diff"] == {"before": {}, "after": {}}
    res = module("vpn_connection", _check=True, _diff=True, state="absent", **ARGS)
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(conns(sim)) == 1
    assert module("vpn_connection", state="absent", **ARGS)["changed"]
    assert conns(sim) == []
    assert module("vpn_connection", state="absent", **ARGS)["changed"] is False
    res = module("vpn_connection", passive=True, **ARGS)
    assert res["changed"] and res["passive"] is True and res["state"] == "Disconnected"


def test_force_creates_the_gateway(module, sim, dc):
    res = module("vpn_connection", **ARGS)
    assert res.failed and res["msg"] == "VPN gateway not found and not forced to create one"  # ngine_io's message
    res = module("vpn_connection", _check=True, force=True, **ARGS)
    assert res["changed"] and sim.ok("listVpnGateways", listall="true") == {}
    res = module("vpn_connection", force=True, **ARGS)
    (gw,) = sim.ok("listVpnGateways", listall="true")["vpngateway"]
    assert res["changed"] and res["vpn_gateway_id"] == gw["id"] and len(conns(sim)) == 1
    assert module("vpn_connection", force=True, **ARGS)["changed"] is False


def test_bad_input(module, sim, dc):
    dc.vpn_gateway(dc.vpc1)
    res = module("vpn_connection", **dict(ARGS, vpn_customer_gateway="nowhere"))
    assert res.failed and res["msg"] == "VPN customer gateway not found: nowhere"
    res = module("vpn_connection", **dict(ARGS, vpc="no-such-vpc"))
    assert res.failed and "no-such-vpc" in res["msg"] and "vpc" in res["msg"]
    res = module("vpn_connection", **dict(ARGS, passive="sometimes"))
    assert res.failed and "passive" in res["msg"] and "sometimes" in res["msg"]
    dc.customer_gateway(name="inside", cidrlist="10.10.7.0/24")
    res = module("vpn_connection", **dict(ARGS, vpn_customer_gateway="inside"))
    assert res.failed and "is overlapped with VPC cidr 10.10.0.0/16" in res["msg"]
    assert conns(sim) == []


def test_failed_job_and_timeout(module, sim, dc):
    dc.vpn_gateway(dc.vpc1)
    sim.sim.faults.set("jobfail=1.0,seed=1,only=deleteVpnConnection")
    module("vpn_connection", **ARGS)
    res = module("vpn_connection", state="absent", **ARGS)
    assert res.failed and "deleteVpnConnection" in res["msg"]
    sim.sim.faults.set("")
    assert len(conns(sim)) == 1
    sim.sim.job_seconds = 3
    res = module("vpn_connection", state="absent", api_async_timeout=1, **ARGS)
    assert res.failed and "deleteVpnConnection" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.3,drop=0.3,seed=3")
    for state in ("present", "absent", "present"):
        module("vpn_connection", force=True, state=state, **ARGS)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    assert not module("vpn_connection", force=True, **ARGS).failed
    assert len(conns(sim)) == 1 and len(sim.ok("listVpnGateways", listall="true")["vpngateway"]) == 1
    assert module("vpn_connection", **ARGS)["changed"] is False


def test_for_another_account(module, sim, dc):
    acc = sim.ok("createAccount", username="acme", password="pw-acme-1", firstname="A", lastname="T", email="a@example.com",
                 accounttype=0)["account"]
    off = sim.ok("listVPCOfferings", name="Default VPC offering", isdefault="true")["vpcoffering"][0]
    sim.wait(sim.ok("createVPC", name="acme-vpc", displaytext="acme-vpc", cidr="10.20.0.0/16", zoneid=dc.adv["id"], vpcofferingid=off["id"],
                    account="acme", domainid=acc["domainid"]))
    owner = dict(account="acme", domain="ROOT")
    cgw = dict(name="office", cidrs=["192.168.50.0/24"], gateway="198.51.100.5", esp_policy="aes256-sha1", ike_policy="aes256-sha1;modp1536",
               ipsec_psk="acme-psk", **owner)
    res = module("vpn_customer_gateway", **cgw)
    assert res["changed"] and res["account"] == "acme"
    args = dict(vpc="acme-vpc", vpn_customer_gateway="office", zone=ADV, force=True, **owner)
    res = module("vpn_connection", **args)
    assert res["changed"] and res["account"] == "acme" and res["state"] == "Connected"
    (conn,) = sim.ok("listVpnConnections", account="acme", domainid=acc["domainid"])["vpnconnection"]
    assert conn["s2scustomergatewayid"] == module("vpn_customer_gateway", **cgw)["id"]
    assert module("vpn_connection", **args)["changed"] is False
    assert module("vpn_gateway", vpc="acme-vpc", zone=ADV, **owner)["changed"] is False
    # the admin's own "office" (dc fixture) is another gateway: its connection would be to the admin's VPC
    assert len(sim.ok("listVpnCustomerGateways", listall="true")["vpncustomergateway"]) == 2
    assert module("vpn_connection", state="absent", **args)["changed"]
    assert module("vpn_gateway", vpc="acme-vpc", zone=ADV, state="absent", **owner)["changed"]
    assert sim.ok("listVpnGateways", listall="true") == {}
