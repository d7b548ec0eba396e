"""vpn_remote_access against the simulator (in process): create, re-run, check mode, --diff, for_display update,
ip_range at creation only, absent, bad input, a failed and a too slow job, faults; the pre-shared key never returned."""
import json

import pytest
from guest_helpers import sandbox
from vpn_helpers import ADV, VpnDc


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = VpnDc(sim)
    d.net = d.network("ra-net", gateway="10.30.0.1", netmask="255.255.255.0")
    d.ip = d.public_ip(d.net)
    return d


def vpns(sim):
    return sim.ok("listRemoteAccessVpns", listall="true").get("remoteaccessvpn", [])


def test_create_rerun_check_diff_update_absent(module, sim, dc):
    args = dict(ip_address=dc.ip["ipaddress"], zone=ADV, ip_range="10.8.0.1-10.8.0.20")
    res = module("vpn_remote_access", _check=True, _diff=True, **args)
    assert res["changed"] and vpns(sim) == [] and res["diff"]["after"]["ip_range"] == "10.8.0.1-10.8.0.20"
    res = module("vpn_remote_access", _diff=True, **args)
    (vpn,) = vpns(sim)
    assert res["changed"] and res["id"] == vpn["id"] and res["ip_address"] == dc.ip["ipaddress"] and res["state"] == "Running"
    assert res["ip_range"] == "10.8.0.1-10.8.0.20" and res["client_ip_range"] == "10.8.0.2-10.8.0.20" and res["zone"] == ADV
    assert vpn["presharedkey"] not in json.dumps(res) and "preshared_key" not in res and "presharedkey" not in res
    res = module("vpn_remote_access", _diff=True, **args)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    # for_display is updated
    res = module("vpn_remote_access", _check=True, _diff=True, for_display=False, **args)
    assert res["changed"] and res["diff"]["after"]["for_display"] is False and vpns(sim)[0]["fordisplay"] is True
    res = module("vpn_remote_access", for_display=False, **args)
    assert res["changed"] and res["for_display"] is False and vpns(sim)[0]["fordisplay"] is False
    assert module("vpn_remote_access", for_display=False, **args)["changed"] is False
    # another range: a warning, no change (a new range means a new VPN and a new key)
    res = module("vpn_remote_access", **dict(args, ip_range="10.9.0.1-10.9.0.9"))
    assert res["changed"] is False and "ip_range" in " ".join(res["warnings"]) and vpns(sim)[0]["iprange"] == "10.8.0.2-10.8.0.20"
    res = module("vpn_remote_access", _check=True, _diff=True, ip_address=dc.ip["ipaddress"], zone=ADV, state="absent")
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(vpns(sim)) == 1
    assert module("vpn_remote_access", ip_address=dc.ip["ipaddress"], zone=ADV, state="absent")["changed"]
    assert vpns(sim) == []
    assert module("vpn_remote_access", ip_address=dc.ip["ipaddress"], zone=ADV, state="absent")["changed"] is False


def test_default_range(module, sim, dc):
    res = module("vpn_remote_access", ip_address=dc.ip["ipaddress"], zone=ADV)
    assert res["changed"] and res["client_ip_range"] == "10.1.2.2-10.1.2.8" and res["ip_range"] == "10.1.2.1-10.1.2.8"
    assert module("vpn_remote_access", ip_address=dc.ip["ipaddress"], zone=ADV, ip_range="10.1.2.1-10.1.2.8")["changed"] is False
    assert len(sim.ok("listFirewallRules", ipaddressid=dc.ip["id"])["firewallrule"]) == 3  # open_firewall: UDP 500, 1701, 4500


def test_open_firewall_false(module, sim, dc):
    assert module("vpn_remote_access", ip_address=dc.ip["ipaddress"], zone=ADV, open_firewall=False)["changed"]
    assert sim.ok("listFirewallRules", ipaddressid=dc.ip["id"]) == {}


def test_bad_input(module, sim, dc):
    res = module("vpn_remote_access", ip_address="10.99.99.99", zone=ADV)
    assert res.failed and res["msg"] == "IP address '10.99.99.99' not found"
    res = module("vpn_remote_access", ip_address=dc.ip["ipaddress"], zone=ADV, ip_range="10.30.0.50-10.30.0.60")
    assert res.failed and "Invalid ip range: 10.30.0.50-10.30.0.60 overlaps with guest ip range" in res["msg"]
    res = module("vpn_remote_access", ip_address=dc.ip["ipaddress"], zone=ADV, ip_range="10.8.0.9-10.8.0.1")
    assert res.failed and "Range of IPs [10.8.0.9-10.8.0.1] is invalid." in res["msg"]
    res = module("vpn_remote_access", ip_address=dc.ip["ipaddress"], zone=ADV, for_display="maybe")
    assert res.failed and "for_display" in res["msg"] and "maybe" in res["msg"]
    assert vpns(sim) == []


def test_failed_job_and_timeout(module, sim, dc):
    args = dict(ip_address=dc.ip["ipaddress"], zone=ADV)
    module("vpn_remote_access", **args)
    sim.sim.faults.set("jobfail=1.0,seed=1,only=deleteRemoteAccessVpn")
    res = module("vpn_remote_access", state="absent", **args)
    assert res.failed and "deleteRemoteAccessVpn" in res["msg"]
    sim.sim.faults.set("")
    assert len(vpns(sim)) == 1
    sim.sim.job_seconds = 3
    res = module("vpn_remote_access", for_display=False, api_async_timeout=1, **args)
    assert res.failed and "updateRemoteAccessVpn" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_no_duplicates(module, sim, dc):
    args = dict(ip_address=dc.ip["ipaddress"], zone=ADV)
    sim.sim.faults.set("5xx=0.3,drop=0.3,seed=9")
    for state in ("present", "absent", "present"):
        module("vpn_remote_access", state=state, **args)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    assert not module("vpn_remote_access", **args).failed
    assert len(vpns(sim)) == 1
    assert module("vpn_remote_access", **args)["changed"] is False


def test_on_a_vpc_source_nat_ip(module, sim, dc):
    vpc = dc.vpc()
    snat = sim.ok("listPublicIpAddresses", vpcid=vpc["id"], issourcenat="true")["publicipaddress"][0]
    res = module("vpn_remote_access", ip_address=snat["ipaddress"], zone=ADV, ip_range="10.8.0.1-10.8.0.9")
    assert res["changed"] and res["ip_address"] == snat["ipaddress"] and res["state"] == "Running"
    assert module("vpn_remote_access", ip_address=snat["ipaddress"], zone=ADV, ip_range="10.8.0.1-10.8.0.9")["changed"] is False
    res = module("vpn_remote_access", ip_address=snat["ipaddress"], zone=ADV, ip_range="10.10.0.1-10.10.0.9", state="present")
    assert res["changed"] is False and res["warnings"]  # an existing VPN: the range is only used at creation
