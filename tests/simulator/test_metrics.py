"""The metrics family (listManagementServersMetrics, listDbMetrics, listUsageServerMetrics, listHostsMetrics,
listStoragePoolsMetrics), generateAlert, listEvents by date and listCapacity as 4.18 answers it."""
import datetime

import pytest
from cloudstack_simulator.resources.infra import model as infra
from cloudstack_simulator.resources.metrics import model as metrics
from workload_helpers import job_result, make_dc

GIB = 1024 ** 3


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


# ---- management server, database, usage server ----------------------------------------------------------------
def test_management_server_metrics_from_the_simulators_state(dc):
    ms = dc.s.ok("listManagementServersMetrics")["managementserver"]
    assert len(ms) == 1 and ms[0]["state"] == "Up" and ms[0]["version"] == infra.VERSION
    hosts = dc.s.ok("listHosts")["host"]
    assert ms[0]["id"] == hosts[0]["managementserverid"]
    assert ms[0]["agentcount"] == len([h for h in hosts if h["state"] == "Up"]) > 0
    assert "systemloadaverages" not in ms[0] and len(dc.s.ok("listManagementServersMetrics", system="true")["managementserver"][0]["systemloadaverages"]) == 3
    assert dc.s.ok("listManagementServersMetrics", name="no-such-server") == {}
    plain = dc.s.ok("listManagementServers")["managementserver"][0]
    assert plain["id"] == ms[0]["id"] and "heapmemoryused" not in plain


def test_db_and_usage_metrics_are_objects(dc):
    before = dc.s.ok("listDbMetrics")["dbMetrics"]
    dc.s.ok("listZones")
    after = dc.s.ok("listDbMetrics")["dbMetrics"]
    assert after["queries"] > before["queries"] and after["version"] and after["connections"] >= 1
    usage = dc.s.ok("listUsageServerMetrics")["usageMetrics"]
    assert usage["state"] == "Up" and usage["lastheartbeat"]
    dc.s.ok("updateConfiguration", name="enable.usage.server", value="false")
    usage = dc.s.ok("listUsageServerMetrics")["usageMetrics"]
    assert usage["state"] == "Down" and "lastheartbeat" not in usage


def test_states_made_on_purpose(dc):
    with dc.s.sim.lock:
        metrics.set_server_state(dc.s.sim, "management", state="Down", heapmemoryused=2 * GIB)
        metrics.set_server_state(dc.s.sim, "db", connections=500)
    ms = dc.s.ok("listManagementServersMetrics")["managementserver"][0]
    assert (ms["state"], ms["heapmemoryused"]) == ("Down", 2 * GIB)
    assert dc.s.ok("listDbMetrics")["dbMetrics"]["connections"] == 500
    with dc.s.sim.lock:
        metrics.set_server_state(dc.s.sim, "management")
    assert dc.s.ok("listManagementServersMetrics")["managementserver"][0]["state"] == "Up"
    with pytest.raises(ValueError):
        metrics.set_server_state(dc.s.sim, "web")


# ---- hosts and pools ------------------------------------------------------------------------------------------
def test_host_metrics_are_list_hosts_plus_thresholds(dc):
    hosts = dc.s.ok("listHostsMetrics", zoneid=dc.adv["id"], type="Routing")["host"]
    plain = dc.s.ok("listHosts", zoneid=dc.adv["id"], type="Routing")["host"]
    assert [h["id"] for h in hosts] == [h["id"] for h in plain]
    h = hosts[0]
    assert h["cputotalghz"] == "%.2f Ghz" % (h["cpunumber"] * h["cpuspeed"] / 1000.0)
    assert h["memorytotalgb"] == "%.2f GB" % (h["memorytotal"] / GIB)
    assert h["cpuallocatedthreshold"] is False and h["memoryallocatedthreshold"] is False
    big = dc.offering("big", cpunumber=4, cpuspeed=7000, memory=1024)
    vm = dc.deploy(offering=big)
    on = dc.s.ok("listHostsMetrics", id=vm["hostid"])["host"][0]
    disable = float(dc.s.ok("listConfigurations", name="cluster.cpu.allocated.capacity.disablethreshold")["configuration"][0]["value"])
    assert on["cpuallocated"] == "87.5%" and on["cpuallocatedthreshold"] is True  # 28000 of 32000 MHz, over the 0.75 notification line
    assert on["cpuallocateddisablethreshold"] is (87.5 > 100 * disable)
    dc.s.ok("updateConfiguration", name="cluster.cpu.allocated.capacity.disablethreshold", value="0.8", clusterid=on["clusterid"])
    assert dc.s.ok("listHostsMetrics", id=vm["hostid"])["host"][0]["cpuallocateddisablethreshold"] is True
    assert on["instances"].endswith("/ %d" % len([v for v in dc.s.ok("listVirtualMachines", hostid=vm["hostid"], listall="true")["virtualmachine"]]))
    # a host in Alert, made on purpose (the infra test helper), is listed as such, and found by state
    with dc.s.sim.lock:
        infra.set_host_state(dc.s.sim, dc.s.sim.store.get("host", h["id"]), "Alert")
    assert [x["id"] for x in dc.s.ok("listHostsMetrics", state="Alert")["host"]] == [h["id"]]


def test_storage_pool_metrics(dc):
    pools = dc.s.ok("listStoragePoolsMetrics", zoneid=dc.adv["id"])["storagepool"]
    assert pools and [p["id"] for p in pools] == [p["id"] for p in dc.s.ok("listStoragePools", zoneid=dc.adv["id"])["storagepool"]]
    p = pools[0]
    assert p["disksizetotalgb"] == "%.2f GB" % (p["disksizetotal"] / GIB) and p["storageusagethreshold"] is False
    assert p["storageallocatedthreshold"] is False


# ---- alerts and events ------------------------------------------------------------------------------------------
def test_generate_alert_and_list_it(dc):
    job_result(dc.s, "generateAlert", type=7, name="ALERT.COMPUTE.HOST", description="host h1 is down", zoneid=dc.adv["id"])
    job_result(dc.s, "generateAlert", type=101, name="OPS.CUSTOM", description="custom")
    alerts = dc.s.ok("listAlerts")["alert"]
    assert [(a["type"], a["name"]) for a in alerts[:2]] == [(101, "OPS.CUSTOM"), (7, "ALERT.COMPUTE.HOST")]
    assert [a["description"] for a in dc.s.ok("listAlerts", type=7)["alert"]] == ["host h1 is down"]
    reply = dc.s.ok("generateAlert", type=7, name="MINE", description="x")
    job = dc.s.wait(reply)
    assert job["jobstatus"] == 2 and "default alert having type 7 and name ALERT.COMPUTE.HOST" in job["jobresult"]["errortext"]


def test_events_since_a_date(dc):
    dc.deploy()
    now = datetime.datetime.now(datetime.timezone.utc)
    later = (now + datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S")
    earlier = (now - datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S")
    assert dc.s.ok("listEvents", startdate=later) == {}
    assert dc.s.ok("listEvents", startdate=earlier)["count"] == dc.s.ok("listEvents")["count"] > 0
    assert dc.s.ok("listEvents", startdate=now.strftime("%Y-%m-%d"))["count"] > 0
    assert dc.s.ok("listEvents", enddate=earlier) == {}
    status, body = dc.s.call("listEvents", startdate="yesterday")
    assert status == 431 and "Unable to parse date yesterday" in body["listeventsresponse"]["errortext"]


# ---- listCapacity -------------------------------------------------------------------------------------------------
def test_capacity_percent_format_as_java():
    from cloudstack_simulator.resources.infra.model_capacity import percent_used

    assert (percent_used(1, 200), percent_used(0, 10), percent_used(0, 0), percent_used(1, 8), percent_used(2, 3)) == (".5", "0", "0", "12.5", "66.67")


def test_capacity_allocated_only_at_zone_level(dc):
    dc.deploy()
    zone = {c["name"]: c for c in dc.s.ok("listCapacity", zoneid=dc.adv["id"])["capacity"]}
    assert {"MEMORY", "CPU", "CPU_CORE", "STORAGE", "STORAGE_ALLOCATED", "SECONDARY_STORAGE"} <= set(zone)
    for name in ("MEMORY", "CPU", "CPU_CORE"):
        assert zone[name]["capacityallocated"] >= zone[name]["capacityused"] > 0  # stopped and system VMs are allocated too
    assert "capacityallocated" not in zone["STORAGE_ALLOCATED"]
    cluster_id = dc.adv_hosts[0]["clusterid"]
    per_cluster = dc.s.ok("listCapacity", zoneid=dc.adv["id"], clusterid=cluster_id)["capacity"]
    assert per_cluster and all("capacityallocated" not in c for c in per_cluster)
    assert all(c["clusterid"] == cluster_id for c in per_cluster)
    rows = dc.s.ok("listCapacity")["capacity"]
    assert [(r["zonename"], r["type"]) for r in rows] == sorted((r["zonename"], r["type"]) for r in rows)
    assert all(r["capacitytotal"] > 0 for r in rows if r["type"] not in (2, 6))


def test_capacity_sort_by_usage(dc):
    dc.deploy()
    rows = dc.s.ok("listCapacity", sortby="usage", zoneid=dc.adv["id"])["capacity"]
    used = [float(r["percentused"]) for r in rows]
    assert used == sorted(used, reverse=True) and rows
    status, body = dc.s.call("listCapacity", sortby="name")
    assert status == 431 and body["listcapacityresponse"]["errortext"] == "Only value supported for sortBy parameter is : usage"
    status, body = dc.s.call("listCapacity", sortby="usage", clusterid=dc.adv_hosts[0]["clusterid"])
    assert status == 431


def test_capacity_allocated_of_one_zone_only_when_no_zone_is_asked(dc):
    dc.deploy()
    rows = dc.s.ok("listCapacity", type=1)["capacity"]
    assert len(rows) == 2  # both zones have hosts
    carrying = [r["zonename"] for r in rows if "capacityallocated" in r]
    first = dc.s.ok("listZones")["zone"][0]["name"]  # the zone made first (CloudStack's lowest id)
    assert carrying == [first]
    for r in rows:  # asked per zone, each carries it
        assert "capacityallocated" in dc.s.ok("listCapacity", type=1, zoneid=r["zoneid"])["capacity"][0]
