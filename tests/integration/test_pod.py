"""pod and pod_info against the simulator (in process): create, re-run, check mode, --diff, updates,
allocation states, absent, bad input, faults."""
import pytest
from infra_helpers import fault_times, listed, make_pod, make_zone, writes

BASE = {"name": "pod1", "zone": "zone1", "start_ip": "10.0.0.10", "end_ip": "10.0.0.20", "gateway": "10.0.0.1", "netmask": "255.255.255.0"}


@pytest.fixture
def zone(sim):
    return make_zone(sim)


def pods(sim, **filters):
    return listed(sim, "listPods", "pod", **filters)


def test_create_check_mode_then_create_then_rerun(module, sim, zone):
    res = module("pod", _check=True, _diff=True, **BASE)
    assert res["changed"] and not res.failed and "id" not in res
    assert pods(sim) == [] and writes(sim) == {"createZone": 1}
    assert res["diff"]["before"] == {"state": "absent"}
    assert res["diff"]["after"] == {"name": "pod1", "start_ip": "10.0.0.10", "end_ip": "10.0.0.20", "gateway": "10.0.0.1",
                                    "netmask": "255.255.255.0", "state": "present"}

    res = module("pod", _diff=True, **BASE)
    assert res["changed"] and not res.failed
    (pod,) = pods(sim)
    assert res["id"] == pod["id"] and res["name"] == "pod1" and res["zone"] == "zone1"
    assert res["start_ip"] == "10.0.0.10" and res["end_ip"] == "10.0.0.20"  # the first IP range (4.11+ answers lists)
    assert res["gateway"] == "10.0.0.1" and res["netmask"] == "255.255.255.0" and res["allocation_state"] == "Enabled"

    res = module("pod", _diff=True, **BASE)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    assert module("pod", _check=True, **BASE)["changed"] is False
    assert len(pods(sim)) == 1 and writes(sim) == {"createZone": 1, "createPod": 1}


UPDATES = [
    ("start_ip", "10.0.0.11", "startip"),
    ("end_ip", "10.0.0.30", "endip"),
    ("gateway", "10.0.0.254", "gateway"),
    ("netmask", "255.255.0.0", "netmask"),
]


@pytest.mark.parametrize("option,value,field", UPDATES, ids=[u[0] for u in UPDATES])
def test_update_each_updatable_option(module, sim, zone, option, value, field):
    module("pod", **BASE)
    args = dict(BASE, **{option: value})
    res = module("pod", _check=True, _diff=True, **args)
    assert res["changed"] and res["diff"]["before"][option] == BASE[option] and res["diff"]["after"][option] == value
    assert res[option] == BASE[option]  # as ngine_io.cloudstack: check mode returns the object as it is (diff.after has the change)
    current = pods(sim)[0][field]
    assert (current[0] if isinstance(current, list) else current) == BASE[option]  # nothing changed
    res = module("pod", _diff=True, **args)
    assert res["changed"] and not res.failed and res[option] == value
    current = pods(sim)[0][field]
    assert (current[0] if isinstance(current, list) else current) == value
    assert module("pod", **args)["changed"] is False


def test_allocation_states(module, sim, zone):
    module("pod", **BASE)
    res = module("pod", _diff=True, name="pod1", zone="zone1", state="disabled")
    assert res["changed"] and res["allocation_state"] == "Disabled" and pods(sim)[0]["allocationstate"] == "Disabled"
    assert res["diff"]["before"]["state"] == "enabled" and res["diff"]["after"]["state"] == "disabled"
    assert module("pod", name="pod1", zone="zone1", state="disabled")["changed"] is False
    res = module("pod", _check=True, name="pod1", zone="zone1", state="enabled")
    assert res["changed"] and pods(sim)[0]["allocationstate"] == "Disabled"
    res = module("pod", name="pod1", zone="zone1", state="enabled")
    assert res["changed"] and pods(sim)[0]["allocationstate"] == "Enabled"
    assert module("pod", name="pod1", zone="zone1", state="present")["changed"] is False
    # created directly disabled
    res = module("pod", **dict(BASE, name="pod2", start_ip="10.0.1.10", end_ip="10.0.1.20", gateway="10.0.1.1", state="disabled"))
    assert res["changed"] and pods(sim, name="pod2")[0]["allocationstate"] == "Disabled"


def test_absent(module, sim, zone):
    module("pod", **BASE)
    res = module("pod", _check=True, _diff=True, name="pod1", zone="zone1", state="absent")
    assert res["changed"] and len(pods(sim)) == 1
    assert res["diff"]["after"] == {"state": "absent"} and res["diff"]["before"]["name"] == "pod1"
    res = module("pod", name="pod1", zone="zone1", state="absent")
    assert res["changed"] and pods(sim) == []
    assert module("pod", name="pod1", zone="zone1", state="absent")["changed"] is False


def test_find_by_id_and_rename(module, sim, zone):
    pid = module("pod", **BASE)["id"]
    res = module("pod", id=pid, name="pod-renamed", zone="zone1")
    assert res["changed"] and res["name"] == "pod-renamed"
    assert [p["name"] for p in pods(sim)] == ["pod-renamed"]


def test_same_name_in_two_zones(module, sim, zone):
    make_zone(sim, "zone2")
    module("pod", **BASE)
    res = module("pod", **dict(BASE, zone="zone2"))
    assert res["changed"] and res["zone"] == "zone2"
    assert len(pods(sim)) == 2
    assert module("pod", **dict(BASE, zone="zone2"))["changed"] is False


@pytest.mark.parametrize("args,message", [
    ({"state": "sideways"}, "state"),
    ({"zone": "no-such-zone"}, "zone 'no-such-zone' not found (option zone)"),
    ({"start_ip": None}, "missing required arguments: start_ip"),
    ({"gateway": None, "netmask": None}, "missing required arguments: netmask, gateway"),
    ({"gateway": "10.0.0.300"}, "The gateway is invalid"),
    ({"start_ip": "10.9.9.9"}, "not in the CIDR subnet"),
])
def test_bad_input_fails_clearly_and_changes_nothing(module, sim, zone, args, message):
    full = {k: v for k, v in dict(BASE, **args).items() if v is not None}
    res = module("pod", **full)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"]
    assert pods(sim) == []


def test_refusal_is_one_clear_line(module, sim, zone):
    pod = make_pod(sim, zone, name="busy")
    sim.ok("addCluster", zoneid=zone["id"], podid=pod["id"], clustername="c1", hypervisor="Simulator", clustertype="CloudManaged")
    res = module("pod", name="busy", zone="zone1", state="absent")
    assert res.failed and res["msg"].startswith("CloudStack API deletePod failed (HTTP 530")
    assert "there are clusters in this pod" in res["msg"] and "\n" not in res["msg"]
    assert len(pods(sim)) == 1


@pytest.mark.parametrize("kind", ["5xx", "drop"])
def test_faults_on_create_leave_no_duplicate(module, sim, zone, kind):
    hits = fault_times(sim, kind, "createPod")
    res = module("pod", **BASE)
    assert hits["n"] == 1 and res["changed"] and not res.failed, res.get("msg")
    assert len(pods(sim)) == 1
    assert module("pod", **BASE)["changed"] is False


@pytest.mark.parametrize("kind", ["5xx", "drop"])
def test_faults_on_update_and_delete(module, sim, zone, kind):
    module("pod", **BASE)
    hits = fault_times(sim, kind, "updatePod")
    res = module("pod", **dict(BASE, end_ip="10.0.0.40"))
    assert hits["n"] == 1 and res["changed"] and not res.failed, res.get("msg")
    assert pods(sim)[0]["endip"] == ["10.0.0.40"]
    hits = fault_times(sim, kind, "deletePod")
    res = module("pod", name="pod1", zone="zone1", state="absent")
    assert hits["n"] == 1 and res["changed"] and not res.failed, res.get("msg")
    assert pods(sim) == []


# ---- pod_info ---------------------------------------------------------------------------------------
def test_pod_info(module, sim, zone):
    zone2 = make_zone(sim, "zone2")
    make_pod(sim, zone, "pod-a", "10.1.0")
    make_pod(sim, zone, "pod-b", "10.2.0", state="Disabled")
    make_pod(sim, zone2, "pod-a", "10.3.0")
    res = module("pod_info")
    assert res["changed"] is False and sorted(p["name"] for p in res["pods"]) == ["pod-a", "pod-a", "pod-b"]
    one = module("pod_info", name="pod-a", zone="zone2")
    assert [(p["name"], p["zone"], p["start_ip"]) for p in one["pods"]] == [("pod-a", "zone2", "10.3.0.10")]
    assert set(one["pods"][0]) >= {"id", "name", "start_ip", "end_ip", "netmask", "gateway", "allocation_state", "zone"}
    assert module("pod_info", zone="zone1", query="[?allocation_state=='Disabled'].name")["query_result"] == ["pod-b"]
    assert module("pod_info", name="nope")["pods"] == []
    bad = module("pod_info", zone="nope")
    assert bad.failed and "zone 'nope' not found (option zone)" in bad["msg"]


def test_pod_info_pages_past_500(module, sim, zone):
    # a cloud whose default.page.size is 200: 210 pods come back whole, page after page (ngine_io#188)
    sim.ok("updateConfiguration", name="default.page.size", value="200")
    for i in range(210):
        sim.ok("createPod", zoneid=zone["id"], name="p%03d" % i, gateway="10.%d.%d.1" % (i // 200 + 100, i % 200), netmask="255.255.255.0",
               startip="10.%d.%d.10" % (i // 200 + 100, i % 200), endip="10.%d.%d.20" % (i // 200 + 100, i % 200))
    res = module("pod_info", zone="zone1", _verbosity=2)
    assert len(res["pods"]) == 210 and len({p["id"] for p in res["pods"]}) == 210
    assert res["api_calls"]["listPods"] >= 2
