"""vpn_customer_gateway against the simulator (in process): create, re-run, check mode, --diff (the key masked), each
update (the others kept), absent, bad input, a failed and a too slow job, faults without duplicates."""
import json

import pytest
from guest_helpers import sandbox

PSK = "Sup3r-s3cret-psk"
ARGS = dict(name="office", cidrs=["192.168.10.0/24", "192.168.11.0/24"], gateway="203.0.113.10", esp_policy="aes256-sha1",
            ike_policy="aes256-sha1;modp1536", ipsec_psk=PSK)


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


def gateways(sim):
    return sim.ok("listVpnCustomerGateways", listall="true").get("vpncustomergateway", [])


def test_create_rerun_check_diff_absent(module, sim):
    res = module("vpn_customer_gateway", _check=True, _diff=True, **ARGS)
    assert res["changed"] and gateways(sim) == []
    assert res["diff"]["before"] == {"state": "absent"}
    assert res["diff"]["after"]["ipsec_psk"] == "********" and res["diff"]["after"]["gateway"] == "203.0.113.10"
    res = module("vpn_customer_gateway", _diff=True, **ARGS)
    (gw,) = gateways(sim)
    assert res["changed"] and res["id"] == gw["id"] and res["name"] == "office" and res["gateway"] == "203.0.113.10"
    assert res["cidrs"] == ["192.168.10.0/24", "192.168.11.0/24"] and res["ike_lifetime"] == 86400 and res["esp_lifetime"] == 3600
    assert res["dpd"] is False and res["force_encap"] is False and res["esp_policy"] == "aes256-sha1"
    assert res["account"] == "admin" and res["domain"] == "ROOT"
    assert PSK not in json.dumps(res) and "ipsec_psk" not in res and "ipsecpsk" not in res  # never returned
    # the same, CIDRs in another order, name in another case: no change
    res = module("vpn_customer_gateway", _diff=True, **dict(ARGS, name="OFFICE", cidrs=list(reversed(ARGS["cidrs"]))))
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    # by id, as ngine_io finds it
    assert module("vpn_customer_gateway", **dict(ARGS, name=gw["id"]))["changed"] is False
    assert module("vpn_customer_gateway", **dict(ARGS, name=gw["id"], dpd=True))["changed"]
    assert [(g["name"], g["dpd"]) for g in gateways(sim)] == [("office", True)]  # named by its id: not renamed
    module("vpn_customer_gateway", **dict(ARGS, dpd=False))
    res = module("vpn_customer_gateway", _check=True, _diff=True, name="office", state="absent")
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(gateways(sim)) == 1
    assert PSK not in json.dumps(res)
    assert module("vpn_customer_gateway", name="office", state="absent")["changed"]
    assert gateways(sim) == []
    assert module("vpn_customer_gateway", name="office", state="absent")["changed"] is False


@pytest.mark.parametrize("option, value, field, shown", [
    ("gateway", "198.51.100.7", "gateway", "198.51.100.7"),
    ("cidrs", ["172.16.0.0/16"], "cidrlist", "172.16.0.0/16"),
    ("esp_policy", "aes128-sha256;modp2048", "esppolicy", "aes128-sha256;modp2048"),
    ("ike_policy", "3des-md5;modp1024", "ikepolicy", "3des-md5;modp1024"),
    ("ike_lifetime", 3600, "ikelifetime", 3600),
    ("esp_lifetime", 1800, "esplifetime", 1800),
    ("dpd", True, "dpd", True),
    ("force_encap", True, "forceencap", True),
])
def test_each_update_keeps_the_others(module, sim, option, value, field, shown):
    module("vpn_customer_gateway", **dict(ARGS, ike_lifetime=7200, dpd=True) if option not in ("ike_lifetime", "dpd") else ARGS)
    res = module("vpn_customer_gateway", _diff=True, **dict(ARGS, **{option: value}))
    assert res["changed"] and res["diff"]["after"][option] == value
    (gw,) = gateways(sim)
    assert gw[field] == shown
    if option not in ("ike_lifetime", "dpd"):
        # updateVpnCustomerGateway would reset what it is not sent: the module sent the current values
        assert gw["ikelifetime"] == 7200 and gw["dpd"] is True
    assert module("vpn_customer_gateway", **dict(ARGS, **{option: value}))["changed"] is False


def test_psk_change_is_an_update_masked(module, sim):
    module("vpn_customer_gateway", **ARGS)
    res = module("vpn_customer_gateway", _check=True, _diff=True, **dict(ARGS, ipsec_psk="An0ther-key"))
    assert res["changed"] and res["diff"]["before"]["ipsec_psk"] == "********"
    assert res["diff"]["after"]["ipsec_psk"] == "******** (changed)" and gateways(sim)[0]["ipsecpsk"] == PSK
    res = module("vpn_customer_gateway", **dict(ARGS, ipsec_psk="An0ther-key"))
    assert res["changed"] and gateways(sim)[0]["ipsecpsk"] == "An0ther-key" and "An0ther-key" not in json.dumps(res)
    assert module("vpn_customer_gateway", **dict(ARGS, ipsec_psk="An0ther-key"))["changed"] is False


def test_bad_input(module, sim):
    res = module("vpn_customer_gateway", name="office", gateway="203.0.113.10")
    assert res.failed and res["msg"] == "missing required arguments: cidrs, esp_policy, ike_policy, ipsec_psk"
    res = module("vpn_customer_gateway", **dict(ARGS, esp_policy="blowfish-sha1"))
    assert res.failed and "The customer gateway ESP policy blowfish-sha1 is invalid!" in res["msg"]
    res = module("vpn_customer_gateway", **dict(ARGS, ike_lifetime=90000))
    assert res.failed and "The IKE lifetime 90000 of vpn connection is invalid!" in res["msg"]
    res = module("vpn_customer_gateway", **dict(ARGS, cidrs=["10.0.0.0"]))
    assert res.failed and "peer cidr list 10.0.0.0 contains an invalid cidr" in res["msg"]
    res = module("vpn_customer_gateway", **dict(ARGS, dpd="perhaps"))
    assert res.failed and "dpd" in res["msg"] and "perhaps" in res["msg"]
    assert gateways(sim) == []
    assert all(PSK not in json.dumps(r) for r in [res])


def test_failed_job_and_timeout(module, sim):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createVpnCustomerGateway")
    res = module("vpn_customer_gateway", **ARGS)
    assert res.failed and "createVpnCustomerGateway" in res["msg"]
    sim.sim.faults.set("")
    assert gateways(sim) == []
    module("vpn_customer_gateway", **ARGS)
    sim.sim.job_seconds = 3
    res = module("vpn_customer_gateway", api_async_timeout=1, **dict(ARGS, gateway="198.51.100.9"))
    assert res.failed and "updateVpnCustomerGateway" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_no_duplicates(module, sim):
    sim.sim.faults.set("5xx=0.25,drop=0.25,seed=7")
    for gateway in ("203.0.113.10", "203.0.113.11", "203.0.113.10"):
        module("vpn_customer_gateway", **dict(ARGS, gateway=gateway))
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    assert not module("vpn_customer_gateway", **ARGS).failed
    (gw,) = gateways(sim)
    assert gw["gateway"] == "203.0.113.10"
    assert module("vpn_customer_gateway", **ARGS)["changed"] is False
