"""network_offering against the simulator (in process): services and providers, states enabled/disabled, re-run/
check/diff, each updatable option, create-only options warn, domains/zones, absent, bad input, faults."""
import pytest
from tenancy_helpers import check_create_rerun_absent, check_update, runner, until_ok

BASE = {"name": "isolated-nat", "guest_ip_type": "Isolated", "supported_services": ["Dns", "Dhcp", "SourceNat", "Firewall"],
        "service_providers": [{"service": "Dns", "provider": "VirtualRouter"}, {"service": "Dhcp", "provider": "VirtualRouter"}]}


@pytest.fixture
def run(sim):
    return runner(sim)


def offerings(sim, **filters):
    return sim.ok("listNetworkOfferings", **filters).get("networkoffering", [])


def nat(sim):
    (off,) = offerings(sim, name="isolated-nat")
    return off


def test_lifecycle(run, sim):
    res = check_create_rerun_absent(run, "network_offering", dict(BASE, egress_default_policy="deny", specify_vlan=True, conserve_mode=False),
                                    lambda: len(offerings(sim)), absent_args={"name": "isolated-nat"},
                                    expect_after={"name": "isolated-nat", "guest_ip_type": "Isolated"})
    assert res["guest_ip_type"] == "Isolated" and res["state"] == "Disabled" and res["egress_default_policy"] == "deny"
    assert sorted(res["supported_services"]) == ["Dhcp", "Dns", "Firewall", "SourceNat"]
    assert {"service": "Firewall", "provider": "VirtualRouter"} in res["service_providers"]
    assert res["specify_vlan"] is True and res["conserve_mode"] is False and res["traffic_type"] == "Guest"


def test_states(run, sim):
    res = run("network_offering", state="enabled", **BASE)
    assert res["changed"] and nat(sim)["state"] == "Enabled"
    assert run("network_offering", state="enabled", **BASE)["changed"] is False
    for state, api in (("disabled", "Disabled"), ("present", "Disabled"), ("enabled", "Enabled")):
        before = nat(sim)["state"]
        res = run("network_offering", _check=True, _diff=True, name="isolated-nat", state=state)
        assert res["changed"] is (before != api) and nat(sim)["state"] == before
        res = run("network_offering", name="isolated-nat", state=state)
        assert res["changed"] is (before != api) and nat(sim)["state"] == api
        assert run("network_offering", name="isolated-nat", state=state)["changed"] is False


@pytest.mark.parametrize("option,first,second,field", [
    ("display_text", "NAT", "Source NAT", "displaytext"),
    ("max_connections", 100, 200, "maxconnections"),
    ("tags", ["guest"], ["guest", "fast"], "tags"),
])
def test_update(run, sim, option, first, second, field):
    check_update(run, "network_offering", BASE, option, first, second, lambda: nat(sim).get(field))


def test_domains_and_zones(run, sim):
    a = sim.ok("createDomain", name="a")["domain"]
    b = sim.ok("createDomain", name="b")["domain"]
    zone = sim.ok("createZone", name="zone1", dns1="8.8.8.8", internaldns1="8.8.8.8", networktype="Advanced")["zone"]
    res = run("network_offering", _diff=True, domains=["a", "b"], zones=["zone1"], **BASE)
    assert res["changed"] and sorted(nat(sim)["domainid"].split(",")) == sorted([a["id"], b["id"]]) and nat(sim)["zoneid"] == zone["id"]
    assert run("network_offering", domains=["ROOT/b", a["id"]], zones=[zone["id"]], **BASE)["changed"] is False  # paths, ids, any order
    res = run("network_offering", _diff=True, domains=["b"], **BASE)
    assert res["changed"] and nat(sim)["domainid"] == b["id"]
    assert res["diff"]["after"]["domains"] == ["b"]


def test_create_only_options_warn(run, sim):
    run("network_offering", **BASE)
    for option, value in (("guest_ip_type", "Shared"), ("supported_services", ["Dns", "Dhcp"]), ("specify_vlan", True),
                          ("egress_default_policy", "deny"), ("persistent", True)):
        res = run("network_offering", **dict(BASE, **{option: value}))
        assert res["changed"] is False and any("%s differs" % option in w for w in res["warnings"]), (option, res["warnings"])


def test_router_system_offering(run, sim):
    sim.ok("createServiceOffering", name="router-big", displaytext="r", issystem="true", systemvmtype="domainrouter",
           cpunumber=2, cpuspeed=1000, memory=1024)
    res = run("network_offering", service_offering="router-big", **BASE)
    assert res["changed"] and nat(sim)["serviceofferingid"] == res["service_offering_id"]


@pytest.mark.parametrize("args,message", [
    ({"guest_ip_type": None}, "missing required arguments: guest_ip_type"),
    ({"guest_ip_type": "Public"}, "guest_ip_type"),
    ({"supported_services": ["Teleport"]}, "supported_services"),
    ({"egress_default_policy": "maybe"}, "egress_default_policy"),
    ({"service_providers": [{"service": "Dns", "provider": "Pigeon"}]}, "Invalid service provider: Pigeon"),
    ({"guest_ip_type": "Shared"}, "Source NAT service is not supported for Shared networks"),
    ({"service_offering": "no-such-offering"}, "service offering 'no-such-offering' not found"),
    ({"domains": ["nowhere"]}, "domain 'nowhere' not found (option domains)"),
    ({"state": "on"}, "state"),
    # the fresh install's default isolated offering is the one Required offering
    ({"availability": "Required"}, "with availability Required"),
])
def test_bad_input(run, sim, args, message):
    n = len(offerings(sim))
    res = run("network_offering", **{k: v for k, v in dict(BASE, **args).items() if v is not None})
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"] and len(offerings(sim)) == n


def test_default_offerings_cannot_be_removed(run, sim):
    name = offerings(sim, isdefault="true")[0]["name"]
    res = run("network_offering", name=name, state="absent")
    assert res.failed and "Default network offering can't be deleted" in res["msg"]


def test_faults_leave_no_duplicates(make_simserver):
    sim = make_simserver(faults="5xx=0.2,drop=0.2,seed=112")
    run = runner(sim)
    names = ["n%d" % i for i in range(3)]
    for name in names:
        until_ok(run, "network_offering", **dict(BASE, name=name, state="enabled"))
    for name in names:
        until_ok(run, "network_offering", **dict(BASE, name=name, state="disabled", tags=["t"]))
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    mine = [o for o in offerings(sim) if o["name"] in names]
    assert sorted(o["name"] for o in mine) == names and all(o["state"] == "Disabled" and o["tags"] == "t" for o in mine)
    assert injected.get("5xx") and injected.get("drop")
