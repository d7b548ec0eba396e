"""capacity_info against the sandbox simulator: rows per zone, pod and cluster, types by name or number,
percentages, sort_by, paging, query, bad input, check mode."""
import pytest
from health_helpers import ADV, runner, sandbox, small_pages, writes


@pytest.fixture
def dc(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def run(dc):
    return runner(dc)


def test_zone_rows_with_percentages(run, dc):
    dc.deploy()
    res = run("capacity_info", zone=ADV)
    assert res["changed"] is False and not res.failed
    rows = {r["name"]: r for r in res["capacities"]}
    assert {"CPU", "MEMORY", "STORAGE", "STORAGE_ALLOCATED", "SECONDARY_STORAGE", "CPU_CORE"} <= set(rows)
    cpu = rows["CPU"]
    assert cpu["zone"] == ADV and cpu["zone_id"] == dc.adv["id"] and cpu["type"] == 1
    assert cpu["percent_used"] == round(cpu["capacity_used"] / cpu["capacity_total"] * 100, 2) > 0
    assert cpu["percent_allocated"] == round(cpu["capacity_allocated"] / cpu["capacity_total"] * 100, 2) >= cpu["percent_used"]
    assert "percent_allocated" not in rows["STORAGE_ALLOCATED"] and rows["STORAGE_ALLOCATED"]["percent_used"] > 0


def test_cluster_and_pod(run, dc):
    host = dc.adv_hosts[0]
    rows = run("capacity_info", zone=ADV, cluster=host["clustername"])["capacities"]
    assert rows and {r["cluster"] for r in rows} == {host["clustername"]} and {r["cluster_id"] for r in rows} == {host["clusterid"]}
    assert all("capacity_allocated" not in r for r in rows)
    pod_rows = run("capacity_info", zone=ADV, pod=host["podname"])["capacities"]
    assert {r["pod_id"] for r in pod_rows} == {host["podid"]}


@pytest.mark.parametrize("value", ["cpu", "CPU", "1"])
def test_type_by_name_or_number(run, value):
    rows = run("capacity_info", zone=ADV, capacity_type=value)["capacities"]
    assert [r["name"] for r in rows] == ["CPU"]


def test_all_zones_sorted_and_sort_by_usage(run, dc):
    dc.deploy()
    rows = run("capacity_info")["capacities"]
    assert [(r["zone"], r["type"]) for r in rows] == sorted((r["zone"], r["type"]) for r in rows) and len({r["zone"] for r in rows}) == 2
    by_usage = run("capacity_info", zone=ADV, sort_by="usage", fetch_latest=True)["capacities"]
    used = [r["percent_used"] for r in by_usage]
    assert used == sorted(used, reverse=True)


def test_query(run):
    res = run("capacity_info", zone=ADV, query="[?name=='CPU'].percent_used | [0]")
    assert isinstance(res["query_result"], float)
    full = run("capacity_info", zone=ADV, query="[?percent_used > `80`].name")
    assert full["query_result"] == []


def test_pages(run, dc):
    small_pages(dc, 3)
    whole = run("capacity_info", zone=ADV, _verbosity=2)
    assert len(whole["capacities"]) > 3 and whole["api_calls"]["listCapacity"] >= 3  # 9 rows: 3 pages (+ a refused first call)
    small_pages(dc, 500)
    assert run("capacity_info", zone=ADV)["capacities"] == whole["capacities"]


def test_bad_input_names_option_and_value(run, dc):
    before = writes(dc)
    bad = run("capacity_info", capacity_type="DISK")
    assert bad.failed and "capacity_type 'DISK' is not a capacity type" in bad["msg"]
    bad = run("capacity_info", cluster="nope")
    assert bad.failed and "cluster 'nope' not found (option cluster)" in bad["msg"]
    bad = run("capacity_info", sort_by="name")
    assert bad.failed and "sort_by" in bad["msg"] and "name" in bad["msg"]
    bad = run("capacity_info", sort_by="usage", cluster=dc.adv_hosts[0]["clustername"])
    assert bad.failed and "clusterId param is not suppoerted" in bad["msg"]  # CloudStack's own text
    assert writes(dc) == before


def test_check_mode_reads_the_same(run, dc):
    before = writes(dc)
    assert run("capacity_info", zone=ADV, _check=True)["capacities"] == run("capacity_info", zone=ADV)["capacities"]
    assert writes(dc) == before
