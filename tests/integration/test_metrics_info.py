"""host_info and storage_pool_info with metrics=true (listHostsMetrics / listStoragePoolsMetrics) against the sandbox
simulator: the same objects and filters, the metrics keys, a host in Alert and a full host found, paging, bad input, check mode."""
import pytest
from cloudstack_simulator.resources.infra import model as infra
from health_helpers import ADV, runner, sandbox, small_pages, writes

METRIC_KEYS = {"cpu_total_ghz", "cpu_allocated_ghz", "memory_total_gb", "cpu_allocated_threshold", "memory_allocated_disable_threshold", "instances"}


@pytest.fixture
def dc(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def run(dc):
    return runner(dc)


def test_hosts_with_metrics(run, dc):
    plain = run("host_info", zone=ADV, host_type="Routing", _verbosity=2)
    res = run("host_info", zone=ADV, host_type="Routing", metrics=True, _verbosity=2)
    assert plain["api_calls"].get("listHostsMetrics") is None and res["api_calls"]["listHostsMetrics"] == 1
    assert [h["id"] for h in res["hosts"]] == [h["id"] for h in plain["hosts"]]
    assert not METRIC_KEYS & set(plain["hosts"][0]) and METRIC_KEYS <= set(res["hosts"][0])
    h = res["hosts"][0]
    assert h["cpu_total_ghz"] == "%.2f Ghz" % (h["cpu_number"] * h["cpu_speed"] / 1000.0)
    for key in plain["hosts"][0]:
        assert key in h  # metrics add keys, they take none away


def test_a_full_host_and_a_host_in_alert_are_found(run, dc):
    big = dc.offering("big", cpunumber=4, cpuspeed=7000, memory=1024)
    vm = dc.deploy(offering=big)
    res = run("host_info", zone=ADV, metrics=True, query="[?cpu_allocated_threshold].id")
    assert res["query_result"] == [vm["hostid"]]
    assert run("host_info", name=res["hosts"][0]["name"], metrics=True)["hosts"][0]["id"] == res["hosts"][0]["id"]
    with dc.s.sim.lock:
        infra.set_host_state(dc.s.sim, dc.s.sim.store.get("host", vm["hostid"]), "Alert")
    alert = run("host_info", state="Alert", metrics=True)["hosts"]
    assert [(h["id"], h["state"], h["instances"]) for h in alert] == [(vm["hostid"], "Alert", "1 / 1")]


def test_pools_with_metrics(run, dc):
    plain = run("storage_pool_info", zone=ADV)["storage_pools"]
    res = run("storage_pool_info", zone=ADV, metrics=True)["storage_pools"]
    assert [p["id"] for p in res] == [p["id"] for p in plain] and res
    p = res[0]
    assert p["disk_size_total_gb"] == "%.2f GB" % (p["disk_size_total"] / 1024.0 ** 3)
    assert p["storage_usage_threshold"] is False and p["storage_allocated_disable_threshold"] is False
    assert "disk_size_total_gb" not in plain[0]
    dc.deploy()  # a root disk on one of the pools
    used = [x for x in run("storage_pool_info", zone=ADV, metrics=True)["storage_pools"] if x["disk_size_allocated"] > 0]
    assert used and used[0]["storage_allocated_threshold"] is False
    dc.s.ok("updateConfiguration", name="cluster.storage.allocated.capacity.notificationthreshold", value="0.0000001")
    full = run("storage_pool_info", zone=ADV, metrics=True, query="[?storage_allocated_threshold].id")
    assert full["query_result"] == [x["id"] for x in used]


def test_pages(run, dc):
    small_pages(dc, 2)
    res = run("host_info", metrics=True, _verbosity=2)
    assert len(res["hosts"]) > 2 and res["api_calls"]["listHostsMetrics"] >= 2
    assert [h["id"] for h in res["hosts"]] == [h["id"] for h in run("host_info")["hosts"]]


def test_bad_input_names_option_and_value(run, dc):
    before = writes(dc)
    bad = run("host_info", metrics="lots")
    assert bad.failed and "metrics" in bad["msg"] and "lots" in bad["msg"]
    bad = run("storage_pool_info", zone="nowhere", metrics=True)
    assert bad.failed and "zone 'nowhere' not found (option zone)" in bad["msg"]
    assert writes(dc) == before


def test_check_mode(run, dc):
    before = writes(dc)
    assert run("host_info", metrics=True, _check=True)["hosts"] == run("host_info", metrics=True)["hosts"]
    assert run("storage_pool_info", metrics=True, _check=True)["storage_pools"] == run("storage_pool_info", metrics=True)["storage_pools"]
    assert writes(dc) == before
