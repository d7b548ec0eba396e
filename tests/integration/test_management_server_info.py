"""management_server_info against the sandbox simulator: servers, the database and the usage server, states made on purpose, query, bad input, check mode."""
import pytest
from health_helpers import runner, sandbox, small_pages, writes


@pytest.fixture
def dc(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def run(dc):
    return runner(dc)

from cloudstack_simulator.resources.metrics import model as metrics  # noqa: E402


def test_servers_db_and_usage(run, dc):
    res = run("management_server_info")
    assert res["changed"] is False
    [ms] = res["management_servers"]
    hosts = dc.s.ok("listHosts")["host"]
    assert ms["id"] == hosts[0]["managementserverid"] and ms["state"] == "Up" and ms["version"].startswith("4.18")
    assert ms["agent_count"] == len([h for h in hosts if h["state"] == "Up"]) and ms["heap_memory_total"] > ms["heap_memory_used"] > 0
    assert "system_load_averages" not in ms
    assert res["db"]["queries"] > 0 and res["db"]["version"] and res["usage_server"]["state"] == "Up"
    only = run("management_server_info", name=ms["name"].upper(), system=True, db=False, usage=False)
    assert len(only["management_servers"][0]["system_load_averages"]) == 3 and "db" not in only and "usage_server" not in only
    assert run("management_server_info", name="elsewhere")["management_servers"] == []


def test_states_made_on_purpose(run, dc):
    with dc.s.sim.lock:
        metrics.set_server_state(dc.s.sim, "management", state="Down")
        metrics.set_server_state(dc.s.sim, "usage", state="Down")
    res = run("management_server_info", query="[?state!='Up'].name")
    assert res["query_result"] == [res["management_servers"][0]["name"]] and res["usage_server"]["state"] == "Down"
    dc.s.ok("updateConfiguration", name="enable.usage.server", value="false")
    with dc.s.sim.lock:
        metrics.set_server_state(dc.s.sim, "usage")
    assert "last_heartbeat" not in run("management_server_info")["usage_server"]


def test_pages(run, dc):
    small_pages(dc, 1)
    res = run("management_server_info", _verbosity=2)
    assert len(res["management_servers"]) == 1 and res["api_calls"]["listManagementServersMetrics"] >= 1


def test_bad_input_names_option_and_value(run, dc):
    before = writes(dc)
    bad = run("management_server_info", system="sometimes")
    assert bad.failed and "system" in bad["msg"] and "sometimes" in bad["msg"]
    bad = run("management_server_info", query="[?")
    assert bad.failed and "'[?' is not a valid jmespath expression" in bad["msg"]
    assert writes(dc) == before


def test_check_mode(run, dc):
    before = writes(dc)
    checked = run("management_server_info", _check=True, db=False, usage=False)
    assert checked["management_servers"][0]["id"] == run("management_server_info")["management_servers"][0]["id"]
    assert writes(dc) == before
