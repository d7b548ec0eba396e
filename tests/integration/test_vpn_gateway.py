"""vpn_gateway against the simulator (in process): create, re-run, check mode, --diff, absent, bad input, a gateway
with connections, a failed and a too slow job, faults without duplicates."""
import pytest
from guest_helpers import sandbox
from vpn_helpers import ADV, VpnDc


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = VpnDc(sim)
    d.vpc1 = d.vpc()
    return d


def gateways(sim):
    return sim.ok("listVpnGateways", listall="true").get("vpngateway", [])


def test_create_rerun_check_diff_absent(module, sim, dc):
    args = dict(vpc="vpc1", zone=ADV)
    res = module("vpn_gateway", _check=True, _diff=True, **args)
    assert res["changed"] and gateways(sim) == [] and res["diff"]["before"] == {"state": "absent"}
    assert "id" not in res and res["vpc"] == "vpc1"  # check mode: nothing returned for an object still to be made
    res = module("vpn_gateway", _diff=True, **args)
    (gw,) = gateways(sim)
    snat = sim.ok("listPublicIpAddresses", vpcid=dc.vpc1["id"], issourcenat="true")["publicipaddress"][0]
    assert res["changed"] and res["id"] == gw["id"] and res["public_ip"] == snat["ipaddress"] and res["vpc"] == "vpc1"
    assert res["account"] == "admin" and res["domain"] == "ROOT" and res["vpc_id"] == dc.vpc1["id"]
    res = module("vpn_gateway", _diff=True, **args)
    assert res["changed"] is False and res["id"] == gw["id"] and res["diff"] == {"before": {}, "after": {}}
    res = module("vpn_gateway", _check=True, _diff=True, state="absent", **args)
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(gateways(sim)) == 1
    assert module("vpn_gateway", state="absent", **args)["changed"]
    assert gateways(sim) == []
    assert module("vpn_gateway", state="absent", **args)["changed"] is False


def test_bad_input_and_connections(module, sim, dc):
    res = module("vpn_gateway", vpc="no-such-vpc", zone=ADV)
    assert res.failed and "no-such-vpc" in res["msg"] and "vpc" in res["msg"]
    res = module("vpn_gateway", vpc="vpc1", zone="no-such-zone")
    assert res.failed and "no-such-zone" in res["msg"] and "zone" in res["msg"]
    res = module("vpn_gateway", vpc="vpc1")
    assert res.failed and "zone" in res["msg"]
    assert gateways(sim) == []
    module("vpn_gateway", vpc="vpc1", zone=ADV)
    (gw,) = gateways(sim)
    cgw = dc.customer_gateway()
    sim.wait(sim.ok("createVpnConnection", s2scustomergatewayid=cgw["id"], s2svpngatewayid=gw["id"]))
    res = module("vpn_gateway", vpc="vpc1", zone=ADV, state="absent")
    assert res.failed and "because there is still related VPN connections" in res["msg"]
    assert len(gateways(sim)) == 1


def test_failed_job_and_timeout(module, sim, dc):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createVpnGateway")
    res = module("vpn_gateway", vpc="vpc1", zone=ADV)
    assert res.failed and "createVpnGateway" in res["msg"]
    sim.sim.faults.set("")
    module("vpn_gateway", vpc="vpc1", zone=ADV)
    sim.sim.job_seconds = 3
    res = module("vpn_gateway", vpc="vpc1", zone=ADV, state="absent", api_async_timeout=1)
    assert res.failed and "deleteVpnGateway" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.3,drop=0.3,seed=5")
    for state in ("present", "absent", "present", "present"):
        module("vpn_gateway", vpc="vpc1", zone=ADV, state=state)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    assert not module("vpn_gateway", vpc="vpc1", zone=ADV).failed
    assert len(gateways(sim)) == 1
    assert module("vpn_gateway", vpc="vpc1", zone=ADV)["changed"] is False
