"""host and host_info against the simulator (in process): add, re-run (url/password only at creation,
ngine_io#144), check mode, --diff, host tags, allocation states with maintenance, absent (maintenance
first), bad input, failed and slow async jobs, faults."""
import time

import pytest
from infra_helpers import fault_times, listed, make_cluster, make_pod, make_tree, writes

BASE = {"name": "sim-c1-h1", "url": "http://sim/c1/h1", "zone": "zone1", "pod": "pod1", "cluster": "cluster1", "hypervisor": "Simulator",
        "username": "root", "password": "s3cret-pw"}


@pytest.fixture
def tree(sim):
    return make_tree(sim)


def hosts(sim, **filters):
    return listed(sim, "listHosts", "host", type="Routing", **filters)


def host_named(sim, name):
    found = [h for h in hosts(sim) if h["name"] == name]
    assert len(found) == 1, [h["name"] for h in hosts(sim)]
    return found[0]


def set_resource_state(sim, host_id, state):
    with sim.sim.lock:
        h = sim.sim.store.get("host", host_id)
        h["resourcestate"] = state
        sim.sim.store.save("host", h)
        sim.sim.store.commit()


def set_created(sim, host_id, when):
    with sim.sim.lock:
        h = sim.sim.store.get("host", host_id)
        h["created"] = time.strftime("%Y-%m-%dT%H:%M:%S+0000", time.gmtime(when))
        sim.sim.store.save("host", h)
        sim.sim.store.commit()


def test_add_check_mode_then_add_then_rerun(module, sim, tree):
    res = module("host", _check=True, _diff=True, **BASE)
    assert res["changed"] and not res.failed and "id" not in res
    assert hosts(sim) == [] and "addHost" not in writes(sim)
    assert res["diff"]["before"] == {"state": "absent"}
    assert res["diff"]["after"] == {"name": "sim-c1-h1", "pod": "pod1", "cluster": "cluster1", "hypervisor": "Simulator", "state": "present"}

    res = module("host", _diff=True, **BASE)
    assert res["changed"] and not res.failed, res.get("msg")
    host = host_named(sim, "sim-c1-h1")  # CloudStack named it SimulatedAgent.<uuid>: renamed so that the next run finds it
    assert res["id"] == host["id"] and res["name"] == "sim-c1-h1" and res["zone"] == "zone1" and res["pod"] == "pod1"
    assert res["cluster"] == "cluster1" and res["hypervisor"] == "Simulator" and res["allocation_state"] == "enabled"
    assert res["resource_state"] == "Enabled" and res["state"] == "Up" and res["host_type"] == "Routing" and res["host_tags"] == []
    assert res["ip_address"] == host["ipaddress"] and res["cpu_number"] == 4 and res["memory_total"] == 8589934592
    assert "s3cret-pw" not in res["_stdout"]

    # ngine_io#144: url, username and password are only used to add the host
    res = module("host", _diff=True, **dict(BASE, url="http://sim/c1/other", password="changed", username="admin"))
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    assert module("host", _check=True, **BASE)["changed"] is False
    # a re-run costs two reads: the zone, the host (pod and cluster are compared by the names the host shows)
    assert module("host", _verbosity=2, **BASE)["api_calls"] == {"listZones": 1, "listHosts": 1}
    # found by its IP address too, and with only name and zone
    assert module("host", name=host["ipaddress"], zone="zone1")["changed"] is False
    assert module("host", name="sim-c1-h1", zone="zone1")["changed"] is False
    assert len(hosts(sim)) == 1 and writes(sim)["addHost"] == 1


def test_default_url_is_http_name(module, sim, tree):
    # without url, http://<name> is used (as ngine_io.cloudstack does): the simulator takes http://sim...
    res = module("host", **dict(BASE, name="sim", url=None))
    assert res["changed"] and res["name"] == "sim"
    assert module("host", name="sim", zone="zone1")["changed"] is False


def test_host_tags(module, sim, tree):
    res = module("host", **dict(BASE, host_tags=["perf", "gpu"]))
    assert res["changed"] and sorted(res["host_tags"]) == ["gpu", "perf"]
    assert sorted(host_named(sim, "sim-c1-h1")["hosttags"].split(",")) == ["gpu", "perf"]
    assert module("host", **dict(BASE, host_tags=["gpu", "perf"]))["changed"] is False  # order does not matter
    res = module("host", _check=True, _diff=True, name="sim-c1-h1", zone="zone1", host_tag=["ssd"])
    assert res["changed"] and res["diff"]["before"]["host_tags"] == "perf,gpu" and res["diff"]["after"]["host_tags"] == ["ssd"]
    assert "ssd" not in host_named(sim, "sim-c1-h1")["hosttags"]
    res = module("host", name="sim-c1-h1", zone="zone1", host_tags=["ssd"])
    assert res["changed"] and res["host_tags"] == ["ssd"] and host_named(sim, "sim-c1-h1")["hosttags"] == "ssd"
    res = module("host", name="sim-c1-h1", zone="zone1", host_tags=[])
    assert res["changed"] and res["host_tags"] == [] and "hosttags" not in host_named(sim, "sim-c1-h1")
    assert module("host", name="sim-c1-h1", zone="zone1", host_tags=[])["changed"] is False


def test_allocation_states_and_maintenance(module, sim, tree):
    module("host", **BASE)
    name = {"name": "sim-c1-h1", "zone": "zone1"}

    res = module("host", _diff=True, allocation_state="disabled", **name)
    assert res["changed"] and res["allocation_state"] == "disabled" and host_named(sim, "sim-c1-h1")["resourcestate"] == "Disabled"
    assert res["diff"]["before"]["allocation_state"] == "enabled" and res["diff"]["after"]["allocation_state"] == "disabled"
    assert module("host", allocation_state="disabled", **name)["changed"] is False

    res = module("host", _check=True, _diff=True, allocation_state="maintenance", **name)
    # check mode returns the host as it is (diff.after has the change)
    assert res["changed"] and res["allocation_state"] == "disabled" and host_named(sim, "sim-c1-h1")["resourcestate"] == "Disabled"
    assert res["diff"]["after"]["allocation_state"] == "maintenance"
    res = module("host", _diff=True, allocation_state="maintenance", **name)
    assert res["changed"] and res["allocation_state"] == "maintenance" and res["resource_state"] == "Maintenance"
    assert host_named(sim, "sim-c1-h1")["resourcestate"] == "Maintenance"
    assert res["diff"]["before"]["allocation_state"] == "disabled" and res["diff"]["after"]["allocation_state"] == "maintenance"
    assert module("host", allocation_state="maintenance", **name)["changed"] is False

    # out of maintenance into disabled: cancelHostMaintenance, then updateHost Disable
    res = module("host", allocation_state="disabled", **name)
    assert res["changed"] and host_named(sim, "sim-c1-h1")["resourcestate"] == "Disabled"
    assert sim.sim.calls["cancelHostMaintenance"] == 1
    module("host", allocation_state="maintenance", **name)
    res = module("host", allocation_state="enabled", **name)
    assert res["changed"] and res["allocation_state"] == "enabled" and host_named(sim, "sim-c1-h1")["resourcestate"] == "Enabled"
    assert module("host", allocation_state="enabled", **name)["changed"] is False


def test_added_disabled_or_into_maintenance(module, sim, tree):
    res = module("host", **dict(BASE, allocation_state="disabled"))
    assert res["changed"] and host_named(sim, "sim-c1-h1")["resourcestate"] == "Disabled"
    res = module("host", **dict(BASE, name="sim-c1-h2", url="http://sim/c1/h2", allocation_state="maintenance"))
    assert res["changed"] and res["allocation_state"] == "maintenance" and host_named(sim, "sim-c1-h2")["resourcestate"] == "Maintenance"


def test_absent_goes_through_maintenance(module, sim, tree):
    module("host", **BASE)
    res = module("host", _check=True, _diff=True, name="sim-c1-h1", zone="zone1", state="absent")
    assert res["changed"] and len(hosts(sim)) == 1 and host_named(sim, "sim-c1-h1")["resourcestate"] == "Enabled"
    assert res["diff"]["after"] == {"state": "absent"} and res["diff"]["before"]["name"] == "sim-c1-h1"
    res = module("host", name="sim-c1-h1", zone="zone1", state="absent")
    assert res["changed"] and not res.failed and hosts(sim) == []
    assert sim.sim.calls["prepareHostForMaintenance"] == 1 and sim.sim.calls["deleteHost"] == 1
    assert module("host", name="sim-c1-h1", zone="zone1", state="absent")["changed"] is False


def test_same_url_in_another_cluster_is_another_host(module, sim, tree):
    zone, pod, _ = tree
    make_cluster(sim, zone, pod, "cluster2")
    module("host", **BASE)
    res = module("host", **dict(BASE, name="sim-c2-h1", cluster="cluster2"))
    assert res["changed"] and res["cluster"] == "cluster2" and len(hosts(sim)) == 2


@pytest.mark.parametrize("args,message", [
    ({"allocation_state": "sleeping"}, "allocation_state"),
    ({"state": "gone"}, "state"),
    ({"zone": "nozone"}, "zone 'nozone' not found (option zone)"),
    ({"cluster": "nocluster"}, "cluster 'nocluster' not found"),
    ({"pod": None}, "missing required arguments: pod"),
    ({"hypervisor": None}, "missing required arguments: hypervisor"),
    ({"hypervisor": "KVM"}, "Cannot add host with hypervisor KVM to cluster cluster1"),
    ({"url": "http://10.9.9.9"}, "Cannot find the server resources at http://10.9.9.9"),
])
def test_bad_input_fails_clearly_and_changes_nothing(module, sim, tree, args, message):
    full = {k: v for k, v in dict(BASE, **args).items() if v is not None}
    res = module("host", **full)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"] and "s3cret-pw" not in res["_stdout"]
    assert hosts(sim) == []


def test_failed_maintenance_job(module, sim, tree):
    module("host", **BASE)
    fault_times(sim, "jobfail", "prepareHostForMaintenance")
    res = module("host", name="sim-c1-h1", zone="zone1", allocation_state="maintenance")
    assert res.failed and "prepareHostForMaintenance failed (errorcode 530)" in res["msg"] and "simulated failure" in res["msg"]
    assert host_named(sim, "sim-c1-h1")["resourcestate"] == "Enabled"
    # state=absent stops at the failed maintenance: the host is not deleted
    fault_times(sim, "jobfail", "prepareHostForMaintenance")
    res = module("host", name="sim-c1-h1", zone="zone1", state="absent")
    assert res.failed and "prepareHostForMaintenance" in res["msg"] and len(hosts(sim)) == 1 and sim.sim.calls["deleteHost"] == 0


def test_job_outliving_api_async_timeout(module, sim, tree):
    module("host", **BASE)
    sim.sim.job_seconds = 4
    res = module("host", _conn={"api_async_timeout": 1}, name="sim-c1-h1", zone="zone1", allocation_state="maintenance")
    assert res.failed and "still running after 1 seconds (api_async_timeout)" in res["msg"]


def test_host_stuck_in_prepare_for_maintenance(module, sim, tree):
    host_id = module("host", **BASE)["id"]
    set_resource_state(sim, host_id, "PrepareForMaintenance")  # as with VMs that do not migrate away
    res = module("host", _conn={"api_async_timeout": 1}, name="sim-c1-h1", zone="zone1", allocation_state="maintenance")
    assert res.failed and "still in PrepareForMaintenance after 1s (api_async_timeout)" in res["msg"]
    assert sim.sim.calls["prepareHostForMaintenance"] == 0  # already preparing: only waited
    set_resource_state(sim, host_id, "ErrorInMaintenance")
    res = module("host", name="sim-c1-h1", zone="zone1", allocation_state="maintenance")
    assert res["changed"] is False  # ErrorInMaintenance counts as maintenance; it can be cancelled:
    res = module("host", name="sim-c1-h1", zone="zone1", allocation_state="enabled")
    assert res["changed"] and host_named(sim, "sim-c1-h1")["resourcestate"] == "Enabled"


@pytest.mark.parametrize("kind", ["5xx", "drop"])
def test_faults_on_add_leave_no_duplicate(module, sim, tree, kind):
    hits = fault_times(sim, kind, "addHost")
    res = module("host", **BASE)
    assert hits["n"] == 1 and res["changed"] and not res.failed, res.get("msg")
    assert [h["name"] for h in hosts(sim)] == ["sim-c1-h1"]
    assert module("host", **BASE)["changed"] is False


@pytest.mark.parametrize("kind", ["5xx", "drop"])
def test_faults_on_rename_update_and_delete(module, sim, tree, kind):
    hits = fault_times(sim, kind, "updateHost")  # the rename after addHost
    res = module("host", **BASE)
    assert hits["n"] == 1 and res["changed"] and not res.failed, res.get("msg")
    assert [h["name"] for h in hosts(sim)] == ["sim-c1-h1"]
    hits = fault_times(sim, kind, "updateHost")
    res = module("host", name="sim-c1-h1", zone="zone1", host_tags=["x"])
    assert hits["n"] == 1 and res["changed"] and not res.failed and host_named(sim, "sim-c1-h1")["hosttags"] == "x"
    module("host", name="sim-c1-h1", zone="zone1", allocation_state="maintenance")
    hits = fault_times(sim, kind, "deleteHost")
    res = module("host", name="sim-c1-h1", zone="zone1", state="absent")
    assert hits["n"] == 1 and res["changed"] and not res.failed and hosts(sim) == []


def test_a_rename_that_fails_every_time_is_finished_by_the_next_run(module, sim, tree):
    """A simulated host gets a new uuid on every addHost: the next run takes the host left named
    SimulatedAgent.<uuid> in the cluster and renames it, instead of adding a second one (CI saw 33 hosts)."""
    sim.sim.faults.set("5xx=1.0,only=updateHost")
    res = module("host", **BASE)
    assert res.failed and "updateHost" in res["msg"], res.get("msg")
    assert [h["name"][:15] for h in hosts(sim)] == ["SimulatedAgent."]
    sim.sim.faults.set("")
    other = module("host", **dict(BASE, name="sim-c1-h2", url="http://sim/c1/h2", hypervisor="KVM"))  # a KVM host takes no simulated one
    assert other.failed and len(hosts(sim)) == 1
    (left,) = hosts(sim)
    set_created(sim, left["id"], time.time() + 60)  # as if another task were adding it right now: not taken
    res = module("host", **dict(BASE, name="sim-c1-h9", url="http://sim/c1/h9"))
    assert res["changed"] and not res.failed and len(hosts(sim)) == 2 and host_named(sim, left["name"])
    module("host", name="sim-c1-h9", zone="zone1", state="absent")
    set_created(sim, left["id"], time.time() - 60)  # left by an earlier run
    adds = writes(sim)["addHost"]
    res = module("host", _diff=True, **BASE)
    assert res["changed"] and not res.failed, res.get("msg")
    assert [h["name"] for h in hosts(sim)] == ["sim-c1-h1"] and writes(sim)["addHost"] == adds
    assert module("host", **BASE)["changed"] is False
    res = module("host", **dict(BASE, name="sim-c1-h2", url="http://sim/c1/h2"))  # nothing left to take: a new host
    assert res["changed"] and sorted(h["name"] for h in hosts(sim)) == ["sim-c1-h1", "sim-c1-h2"] and writes(sim)["addHost"] == adds + 1


# ---- host_info --------------------------------------------------------------------------------------
def test_host_info(module, sim, tree):
    zone, pod, cluster = tree
    pod2 = make_pod(sim, zone, "pod2", "10.2.0")
    make_cluster(sim, zone, pod2, "cluster2")
    module("host", **BASE)
    module("host", **dict(BASE, name="sim-c1-h2", url="http://sim/c1/h2", host_tags=["gpu"], allocation_state="disabled"))
    module("host", **dict(BASE, name="sim-c2-h1", url="http://sim/c2/h1", pod="pod2", cluster="cluster2"))
    res = module("host_info", zone="zone1", host_type="Routing")
    assert res["changed"] is False and sorted(h["name"] for h in res["hosts"]) == ["sim-c1-h1", "sim-c1-h2", "sim-c2-h1"]
    assert set(res["hosts"][0]) >= {"id", "name", "ip_address", "zone", "pod", "cluster", "hypervisor", "allocation_state", "resource_state",
                                    "host_tags", "state", "cpu_number", "memory_total"}
    assert [h["name"] for h in module("host_info", cluster="cluster2")["hosts"]] == ["sim-c2-h1"]
    one = module("host_info", name="sim-c1-h2")["hosts"]
    assert [(h["name"], h["host_tags"], h["allocation_state"]) for h in one] == [("sim-c1-h2", ["gpu"], "disabled")]
    by_ip = module("host_info", ip_address=one[0]["ip_address"], zone="zone1")["hosts"]
    assert [h["id"] for h in by_ip] == [one[0]["id"]]
    q = module("host_info", type="Routing", resource_state="Disabled", query="[].name")
    assert q["query_result"] == ["sim-c1-h2"]
    assert module("host_info", name="nope")["hosts"] == []
    bad = module("host_info", cluster="nope")
    assert bad.failed and "cluster 'nope' not found (option cluster)" in bad["msg"]


def test_host_info_pages(module, sim, tree):
    zone, pod, cluster = tree
    sim.ok("updateConfiguration", name="default.page.size", value="20")
    for i in range(45):
        sim.ok("addHost", zoneid=zone["id"], podid=pod["id"], clusterid=cluster["id"], hypervisor="Simulator", url="http://sim/c1/p%d" % i,
               username="root", password="password")
    res = module("host_info", zone="zone1", _verbosity=2)
    assert len(res["hosts"]) == 45 and res["api_calls"]["listHosts"] == 3


def test_secrets_never_in_output(module, sim, tree):
    res = module("host", _verbosity=4, **BASE)
    assert res["changed"] and res["api_log"] and any("addHost" in line for line in res["api_log"])
    assert "s3cret-pw" not in res["_stdout"] and sim.secret not in res["_stdout"]


def test_found_by_the_address_of_its_url_and_renamed(module, sim, tree):
    # a host added before (by hand, or by a run whose rename was lost), named by its agent: found by the IP of url
    zone, pod, cluster = tree
    added = sim.ok("addHost", zoneid=zone["id"], podid=pod["id"], clusterid=cluster["id"], hypervisor="Simulator", url="http://sim/c1/x",
                   username="root", password="password")["host"][0]
    args = dict(BASE, name="kvm-x", url="http://%s" % added["ipaddress"])
    res = module("host", _check=True, _diff=True, **args)
    assert res["changed"] and res["diff"] == {"before": {"name": added["name"]}, "after": {"name": "kvm-x"}}
    assert host_named(sim, added["name"])["id"] == added["id"]
    res = module("host", **args)
    assert res["changed"] and res["id"] == added["id"] and res["name"] == "kvm-x" and sim.sim.calls["addHost"] == 1
    assert [h["name"] for h in hosts(sim)] == ["kvm-x"]
    assert module("host", _verbosity=2, **args)["api_calls"] == {"listZones": 1, "listHosts": 1}
