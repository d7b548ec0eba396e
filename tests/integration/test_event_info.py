"""event_info against the sandbox simulator: events logged by what happened (deploy, stop), filters (level, type, account, domain),
since/until, paging, query, bad input, check mode."""
import pytest
from health_helpers import runner, sandbox, small_pages, writes


@pytest.fixture
def dc(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def run(dc):
    return runner(dc)


def test_events_of_what_happened(run, dc):
    vm = dc.deploy()
    assert dc.s.wait(dc.s.ok("stopVirtualMachine", id=vm["id"]))["jobstatus"] == 1
    res = run("event_info")
    assert res["changed"] is False
    types = [e["event_type"] for e in res["events"]]
    assert types.index("VM.STOP") < types.index("VM.START") < types.index("VM.CREATE")  # newest first
    stop = run("event_info", event_type="VM.STOP")["events"]
    assert [(e["event_type"], e["level"], e["resource_id"], e["account"], e["domain"]) for e in stop] == [("VM.STOP", "INFO", vm["id"], "admin", "ROOT")]
    assert set(stop[0]) >= {"id", "created", "description", "username", "state", "domain_id"}
    assert [e["event_type"] for e in run("event_info", resource_id=vm["id"], event_type="VM.START")["events"]] == ["VM.START"]
    assert run("event_info", level="ERROR")["events"] == []
    assert len(run("event_info", account="admin", domain="ROOT")["events"]) == len(res["events"])


def test_since_and_until(run, dc):
    dc.deploy()
    everything = run("event_info")["events"]
    assert run("event_info", since="1h")["events"] == everything
    assert run("event_info", since="2999-01-01")["events"] == []
    assert run("event_info", until="2000-01-01 00:00:00")["events"] == []
    assert run("event_info", since="2000-01-01T00:00:00+0000", until="2999-01-01")["events"] == everything


def test_pages_and_query(run, dc):
    for _ in range(2):
        dc.deploy()
    small_pages(dc, 3)
    res = run("event_info", _verbosity=2, query="[?event_type=='VM.CREATE'] | length(@)")
    assert len(res["events"]) > 3 and res["api_calls"]["listEvents"] >= 2 and res["query_result"] == 2


def test_bad_input_names_option_and_value(run, dc):
    before = writes(dc)
    bad = run("event_info", since="last tuesday")
    assert bad.failed and "since 'last tuesday' is not a time" in bad["msg"]
    bad = run("event_info", until="13:00")
    assert bad.failed and "until '13:00' is not a time" in bad["msg"]
    bad = run("event_info", level="LOUD")
    assert bad.failed and "level" in bad["msg"] and "LOUD" in bad["msg"]
    bad = run("event_info", domain="ROOT/nowhere")
    assert bad.failed and "Domain 'ROOT/nowhere' not found" in bad["msg"]  # the resolver's text for every domain option
    assert writes(dc) == before


def test_check_mode(run, dc):
    dc.deploy()
    before = writes(dc)
    assert run("event_info", _check=True)["events"] == run("event_info")["events"] != []
    assert writes(dc) == before
