"""alert_info against the sandbox simulator: alerts raised on purpose (generateAlert, a cluster over its threshold),
filters, since, paging, query, bad input, check mode."""
import pytest
from health_helpers import runner, sandbox, small_pages, writes


@pytest.fixture
def dc(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def run(dc):
    return runner(dc)


def raise_alert(dc, type_, name, description):
    job = dc.s.wait(dc.s.ok("generateAlert", type=type_, name=name, description=description))
    assert job["jobstatus"] == 1, job


def test_alerts_newest_first_and_filters(run, dc):
    assert run("alert_info")["alerts"] == []
    raise_alert(dc, 7, "ALERT.COMPUTE.HOST", "host kvm1 is in Alert")
    raise_alert(dc, 19, "ALERT.SERVICE.SSVM", "SSVM s-3-VM stopped")
    res = run("alert_info")
    assert res["changed"] is False
    assert [(a["alert_type"], a["name"], a["description"]) for a in res["alerts"]] == [
        (19, "ALERT.SERVICE.SSVM", "SSVM s-3-VM stopped"), (7, "ALERT.COMPUTE.HOST", "host kvm1 is in Alert")]
    assert set(res["alerts"][0]) >= {"id", "sent"}
    assert [a["name"] for a in run("alert_info", type=7)["alerts"]] == ["ALERT.COMPUTE.HOST"]
    assert [a["alert_type"] for a in run("alert_info", name="alert.service.ssvm")["alerts"]] == [19]
    assert run("alert_info", id=res["alerts"][1]["id"])["alerts"] == [res["alerts"][1]]


def test_since(run, dc):
    raise_alert(dc, 7, "ALERT.COMPUTE.HOST", "host down")
    assert len(run("alert_info", since="10m")["alerts"]) == 1
    assert run("alert_info", since="2999-01-01")["alerts"] == []
    assert len(run("alert_info", since="2000-01-01 00:00:00")["alerts"]) == 1


def test_capacity_alert_of_a_full_cluster(run, dc):
    whole = dc.offering("wholehost", cpunumber=4, cpuspeed=8000, memory=1024)
    dc.deploy(offering=whole)
    dc.deploy(offering=whole)
    res = run("alert_info", query="[?alert_type==`1`].description")
    assert len(res["query_result"]) == 1 and "Low Available CPU in cluster" in res["query_result"][0]


def test_pages(run, dc):
    for i in range(5):
        raise_alert(dc, 100 + i, "OPS.CUSTOM%d" % i, "custom %d" % i)
    small_pages(dc, 3)
    res = run("alert_info", _verbosity=2)
    assert [a["name"] for a in res["alerts"]] == ["OPS.CUSTOM%d" % i for i in range(4, -1, -1)] and res["api_calls"]["listAlerts"] >= 2  # 2 pages


def test_bad_input_names_option_and_value(run, dc):
    before = writes(dc)
    bad = run("alert_info", since="yesterday")
    assert bad.failed and "since 'yesterday' is not a time" in bad["msg"]
    bad = run("alert_info", alert_type="host")
    assert bad.failed and "alert_type" in bad["msg"] and "host" in bad["msg"]
    assert writes(dc) == before


def test_check_mode(run, dc):
    raise_alert(dc, 7, "ALERT.COMPUTE.HOST", "host down")
    before = writes(dc)
    assert run("alert_info", _check=True)["alerts"] == run("alert_info")["alerts"] != []
    assert writes(dc) == before
