"""system_vm_info against the sandbox simulator: every system VM, filters, a stopped one found, paging, query, bad input, check mode."""
import pytest
from health_helpers import ADV, runner, sandbox, small_pages, writes


@pytest.fixture
def dc(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def run(dc):
    return runner(dc)


def test_all_and_filtered(run, dc):
    res = run("system_vm_info")
    assert res["changed"] is False and len(res["system_vms"]) == 4
    vm = next(v for v in res["system_vms"] if v["zone"] == ADV and v["system_vm_type"] == "secondarystoragevm")
    assert vm["state"] == "Running" and vm["agent_state"] == "Up" and vm["zone_id"] == dc.adv["id"] and vm["host"] and vm["public_ip"]
    assert [v["name"] for v in run("system_vm_info", zone=ADV, system_vm_type="consoleproxy")["system_vms"]] == ["v-4-VM"]
    assert [v["name"] for v in run("system_vm_info", name="s-3-VM")["system_vms"]] == ["s-3-VM"]
    assert {v["name"] for v in run("system_vm_info", host=vm["host"])["system_vms"]} >= {vm["name"]}


def test_a_stopped_system_vm_is_found(run, dc):
    vm = run("system_vm_info", zone=ADV, type="consoleproxy")["system_vms"][0]
    reply = dc.s.ok("stopSystemVm", id=vm["id"])
    assert dc.s.wait(reply)["jobstatus"] == 1
    stopped = run("system_vm_info", state="Stopped")["system_vms"]
    assert [(v["name"], v["state"]) for v in stopped] == [(vm["name"], "Stopped")]
    res = run("system_vm_info", query="[?state!='Running'].name")
    assert res["query_result"] == [vm["name"]]


def test_pages(run, dc):
    small_pages(dc, 3)
    res = run("system_vm_info", _verbosity=2)
    assert len(res["system_vms"]) == 4 and res["api_calls"]["listSystemVms"] >= 2  # 2 pages (and a refused first call when the page size is not known yet)


def test_bad_input_names_option_and_value(run, dc):
    before = writes(dc)
    bad = run("system_vm_info", zone="nowhere")
    assert bad.failed and "zone 'nowhere' not found (option zone)" in bad["msg"]
    bad = run("system_vm_info", system_vm_type="router")
    assert bad.failed and "system_vm_type" in bad["msg"] and "router" in bad["msg"]
    bad = run("system_vm_info", query="[?state==")
    assert bad.failed and "not a valid jmespath expression" in bad["msg"]
    assert writes(dc) == before


def test_check_mode(run, dc):
    before = writes(dc)
    assert run("system_vm_info", _check=True)["system_vms"] == run("system_vm_info")["system_vms"]
    assert writes(dc) == before
