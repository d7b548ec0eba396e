"""network against the simulator (in process): isolated, shared (VLAN + IP range) and L2 networks; re-run, check mode,
--diff, updates, restart, public_ips/snat_ip, tags, absent, bad input, a failed and a too slow job, faults."""
import pytest
from guest_helpers import ADV, Dc, sandbox

ISO = "DefaultIsolatedNetworkOfferingWithSourceNatService"


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    return Dc(sim)


def nets(sim, name):
    return [n for n in sim.ok("listNetworks", keyword=name, listall=True).get("network", []) if n["name"] == name]


BASE = {"name": "app-net", "zone": ADV}


def test_isolated_create_rerun_check_diff_update_absent(module, sim, dc):
    args = dict(BASE, network_offering=ISO, network_domain="app.example.local")
    res = module("network", _check=True, _diff=True, **args)
    assert res["changed"] and nets(sim, "app-net") == []
    assert res["diff"]["before"] == {"state": "absent"}
    assert res["diff"]["after"] == {"name": "app-net", "display_text": "app-net", "network_offering": ISO, "network_domain": "app.example.local",
                                    "state": "present"}
    res = module("network", _diff=True, **args)
    (n,) = nets(sim, "app-net")
    assert res["changed"] and res["id"] == n["id"] and res["type"] == "Isolated" and res["network_offering"] == ISO
    assert res["network_domain"] == "app.example.local" and res["display_text"] == "app-net" and res["zone"] == ADV
    assert res["public_ips"] == [] and res["snat_ip"] is None
    res = module("network", _diff=True, **args)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    for option, value in (("display_text", "Application"), ("network_domain", "other.example.local")):
        args[option] = value
        res = module("network", _check=True, _diff=True, **args)
        assert res["changed"] and res["diff"]["after"][option] == value and res["diff"]["before"][option] != value
        assert nets(sim, "app-net")[0][option.replace("_", "")] != value
        assert module("network", **args)["changed"]
        assert nets(sim, "app-net")[0][option.replace("_", "")] == value
        assert module("network", **args)["changed"] is False
    res = module("network", _check=True, _diff=True, state="absent", **BASE)
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(nets(sim, "app-net")) == 1
    assert module("network", state="absent", **BASE)["changed"]
    assert nets(sim, "app-net") == []
    assert module("network", state="absent", **BASE)["changed"] is False


def test_public_ips_snat_ip_and_restart(module, sim, dc):
    module("network", network_offering=ISO, **BASE)
    net = nets(sim, "app-net")[0]
    ip = dc.public_ip(net)  # implements the network: it gets its source NAT address
    res = module("network", **BASE)
    all_ips = {i["ipaddress"]: i for i in sim.ok("listPublicIpAddresses", associatednetworkid=net["id"])["publicipaddress"]}
    addresses = [i["ipaddress"] for i in res["public_ips"]]  # the objects, as ngine_io 3.1+ returns them
    assert sorted(addresses) == sorted(all_ips) and ip["ipaddress"] in addresses
    snat = [a for a, i in all_ips.items() if i["issourcenat"]]
    assert res["snat_ip"] == (snat[0] if snat else None)
    res = module("network", _check=True, _diff=True, state="restarted", clean_up=True, **BASE)
    assert res["changed"] and res["diff"]["after"]["state"] == "restarted"
    before = sim.ok("listEvents", type="NETWORK.RESTART").get("event", [])
    res = module("network", state="restarted", clean_up=True, **BASE)
    assert res["changed"] and not res.failed
    assert len(sim.ok("listEvents", type="NETWORK.RESTART").get("event", [])) == len(before) + 1
    res = module("network", state="restarted", display_text="not compared", **BASE)  # restarted: no other change
    assert res["changed"] and nets(sim, "app-net")[0]["displaytext"] != "not compared"
    res = module("network", name="nope", zone=ADV, network_offering=ISO, state="restarted")
    assert res.failed and "nope" in res["msg"] and "restarted" in res["msg"] and nets(sim, "nope") == []


def test_shared_network_with_vlan_and_ip_range(module, sim, dc):
    args = dict(name="shared-200", zone=ADV, network_offering="DefaultSharedNetworkOffering", vlan=200, gateway="10.200.0.1",
                netmask="255.255.255.0", start_ip="10.200.0.10", end_ip="10.200.0.250", acl_type="domain")
    res = module("network", **args)
    assert res["changed"] and not res.failed, res.get("msg")
    (n,) = nets(sim, "shared-200")
    assert n["type"] == "Shared" and n["gateway"] == "10.200.0.1" and n["acltype"] == "Domain" and "200" in n["vlan"]
    assert res["acl_type"] == "Domain" and res["gateway"] == "10.200.0.1"
    assert module("network", **args)["changed"] is False
    # addressing is only used at creation: a warning, no change
    res = module("network", **dict(args, gateway="10.200.0.254"))
    assert res["changed"] is False and any("gateway" in w for w in res["warnings"])


def test_l2_network_and_offering_change(module, sim, dc):
    args = dict(name="l2", zone=ADV, network_offering="DefaultL2NetworkOffering")
    res = module("network", **args)
    assert res["changed"] and res["type"] == "L2" and "public_ips" not in res
    assert module("network", **args)["changed"] is False
    args["network_offering"] = "DefaultL2NetworkOfferingConfigDrive"
    res = module("network", _diff=True, **args)
    assert res["changed"] and res["diff"]["before"]["network_offering"] == "DefaultL2NetworkOffering"
    assert nets(sim, "l2")[0]["networkofferingname"] == "DefaultL2NetworkOfferingConfigDrive"
    assert module("network", **args)["changed"] is False


def test_tags(module, sim, dc):
    module("network", network_offering=ISO, tags=[{"key": "env", "value": "prod"}], **BASE)
    assert [(t["key"], t["value"]) for t in nets(sim, "app-net")[0]["tags"]] == [("env", "prod")]
    assert module("network", tags=[{"key": "env", "value": "prod"}], **BASE)["changed"] is False
    res = module("network", _diff=True, tags=[{"key": "tier", "value": "web"}], **BASE)
    assert res["changed"] and res["diff"]["after"]["tags"] == [{"key": "tier", "value": "web"}]
    assert [(t["key"], t["value"]) for t in nets(sim, "app-net")[0]["tags"]] == [("tier", "web")]


def test_bad_input(module, sim, dc):
    res = module("network", network_offering="NoSuchOffering", **BASE)
    assert res.failed and "NoSuchOffering" in res["msg"] and "network_offering" in res["msg"]
    res = module("network", **BASE)
    assert res.failed and "network_offering" in res["msg"]
    res = module("network", network_offering=ISO, acl_type="world", **BASE)
    assert res.failed and "acl_type" in res["msg"]
    assert nets(sim, "app-net") == []


def test_failed_job_and_timeout(module, sim, dc):
    module("network", network_offering=ISO, **BASE)
    sim.sim.faults.set("jobfail=1.0,seed=1,only=updateNetwork")
    res = module("network", display_text="new", **BASE)
    assert res.failed and "updateNetwork" in res["msg"]
    sim.sim.faults.set("")
    assert nets(sim, "app-net")[0]["displaytext"] == "app-net"
    sim.sim.job_seconds = 3
    res = module("network", state="absent", api_async_timeout=1, **BASE)
    assert res.failed and "deleteNetwork" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=9")
    for i in range(5):
        module("network", name="n%d" % i, zone=ADV, network_offering=ISO)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for i in range(5):
        assert not module("network", name="n%d" % i, zone=ADV, network_offering=ISO).failed
        assert len(nets(sim, "n%d" % i)) == 1


def test_owner_scope(module, sim, dc):
    dom = sim.ok("createDomain", name="customers")["domain"]
    sim.ok("createAccount", username="u1", account="acme", email="a@example.com", firstname="a", lastname="b", password="pw-12345678",
           accounttype=0, domainid=dom["id"])
    owner = dict(account="acme", domain="customers", network_offering=ISO)
    res = module("network", **owner, **BASE)
    assert res["changed"] and res["account"] == "acme" and res["domain"] == "customers"
    assert module("network", **owner, **BASE)["changed"] is False
    assert module("network", network_offering=ISO, **BASE)["changed"]
    assert sorted(n["account"] for n in nets(sim, "app-net")) == ["acme", "admin"]
