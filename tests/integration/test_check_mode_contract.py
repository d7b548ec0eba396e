"""ngine_io.cloudstack's check-mode contract, kept: a task in check mode returns the object as it is before the
change (a running instance stopped in check mode is still Running; an ISO's display text and a resource limit are
the old ones); nothing is returned for an object still to be made. The predicted object is in diff.after.
Where it can, a case runs ngine_io's own module (from the ansible package) against the same simulator and compares."""
import importlib

import pytest
from harness import connection, run_main

ZONE = "Sandbox-simulator-basic"
OS = "CentOS 5.6 (64-bit)"
TEMPLATE = "CentOS 5.6 (64-bit) no GUI (Simulator)"
ISO = {"name": "netinst", "url": "http://images.example.com/netinst.iso", "os_type": OS, "zone": ZONE}
NGINE_IO = "ansible_collections.ngine_io.cloudstack.plugins.modules."


@pytest.fixture
def sim(make_simserver):
    return make_simserver(datacenter="sandbox")


def theirs(sim, _name, check=False, **args):
    """ngine_io.cloudstack's module cs_<name> against the simulator; skipped when it is not installed."""
    try:
        mod = importlib.import_module(NGINE_IO + "cs_" + _name)
    except ImportError:
        pytest.skip("ngine_io.cloudstack is not installed")
    conn = {"api_url": sim.endpoint, "api_key": sim.key, "api_secret": sim.secret}
    res = run_main(mod.main, dict(conn, **args), check=check, name="cs_" + _name)
    if res.failed and "cs" in str(res.get("msg", "")) and "required" in str(res.get("msg", "")):
        pytest.skip("ngine_io.cloudstack needs the cs library: %s" % res.get("msg"))
    return res


def ours(sim, _name, check=False, diff=False, **args):
    return run_main(importlib.import_module("ansible_collections.csops.cloudstack.plugins.modules." + _name).main,
                    dict(connection(sim), **args), check=check, diff=diff, name=_name)


def test_iso_display_text_update_in_check_mode_returns_the_old_text(sim):
    assert not ours(sim, "iso", **ISO).failed
    mine = ours(sim, "iso", check=True, diff=True, display_text="Net install", **ISO)
    assert mine["changed"] and mine["display_text"] == "netinst"
    assert mine["diff"]["before"]["display_text"] == "netinst" and mine["diff"]["after"]["display_text"] == "Net install"
    # (ngine_io 2.5.0's cs_iso, in the ansible package, does not find an ISO registered in this zone and would register
    # it again: it is not compared here; 3.3.0 returns the old text, as above)


def test_resource_limit_update_in_check_mode_returns_the_old_limit(sim):
    sim.ok("createDomain", name="customers")
    args = {"resource_type": "instance", "domain": "customers"}
    assert not ours(sim, "resource_limit", limit=50, **args).failed
    mine = ours(sim, "resource_limit", check=True, diff=True, limit=100, **args)
    assert mine["changed"] and mine["limit"] == 50
    assert mine["diff"]["before"]["limit"] == 50 and mine["diff"]["after"]["limit"] == 100
    them = theirs(sim, "resourcelimit", check=True, limit=100, **args)
    assert them["changed"] and them["limit"] == mine["limit"]


def test_stopping_a_running_instance_in_check_mode_returns_state_running(sim):
    base = {"name": "web-01", "zone": ZONE, "template": TEMPLATE, "service_offering": "Small Instance"}
    assert ours(sim, "instance", **base)["state"] == "Running"
    mine = ours(sim, "instance", check=True, diff=True, state="stopped", **base)
    assert mine["changed"] and mine["state"] == "Running"
    assert mine["diff"]["before"]["state"] == "running" and mine["diff"]["after"]["state"] == "stopped"
    them = theirs(sim, "instance", check=True, state="stopped", **base)
    assert them["changed"] and them["state"] == mine["state"] == "Running"


def test_zone_update_and_create_in_check_mode(sim):
    zone = {"name": "z-contract", "dns1": "8.8.8.8", "network_type": "Advanced"}
    mine = ours(sim, "zone", check=True, diff=True, **zone)
    # nothing is returned for a zone still to be made, as ngine_io does; diff.after has it
    them = theirs(sim, "zone", check=True, **zone)
    assert mine["changed"] and them["changed"]
    assert "id" not in mine and "dns1" not in mine and "id" not in them and "dns1" not in them
    assert mine["diff"]["after"]["dns1"] == "8.8.8.8" and mine["diff"]["before"] == {"state": "absent"}
    assert not ours(sim, "zone", **zone).failed
    mine = ours(sim, "zone", check=True, diff=True, **dict(zone, dns1="9.9.9.9"))
    them = theirs(sim, "zone", check=True, **dict(zone, dns1="9.9.9.9"))
    assert mine["changed"] and them["changed"] and mine["dns1"] == them["dns1"] == "8.8.8.8"
    assert mine["diff"]["before"]["dns1"] == "8.8.8.8" and mine["diff"]["after"]["dns1"] == "9.9.9.9"
