"""instances (a whole set in one task) against the simulator's sandbox: count up, re-run with one listing, count
down with stop/destroy/expunge, a list of specs, check mode, --diff, states, a failed deploy named with its
reason, lost replies without duplicates, the concurrency bound, bad input."""
import threading
import time

import pytest
from harness import connection, run_module

BASIC = "Sandbox-simulator-basic"
TEMPLATE = "CentOS 5.6 (64-bit) no GUI (Simulator)"
SET = {"zone": BASIC, "template": TEMPLATE, "service_offering": "Small Instance", "name_pattern": "web-%02d"}


@pytest.fixture
def sim(make_simserver):
    return make_simserver(datacenter="sandbox")


def vms(sim):
    return sorted((v["name"], v["state"]) for v in sim.ok("listVirtualMachines", listall="true").get("virtualmachine", []) if v["state"] != "Expunging")


def test_count_up_rerun_and_check_mode(module, sim):
    res = module("instances", _check=True, _diff=True, count=5, **SET)
    assert res["changed"] and vms(sim) == []
    assert res["planned"] == {"web-%02d" % i: "running" for i in range(1, 6)}
    assert res["diff"]["before"]["instances"]["web-01"] == "absent"

    res = module("instances", _verbosity=2, count=5, tags=[{"key": "role", "value": "web"}], **SET)
    assert res["changed"] and res["created"] == ["web-%02d" % i for i in range(1, 6)]
    assert vms(sim) == [("web-%02d" % i, "Running") for i in range(1, 6)]
    assert len(res["instances"]) == 5 and all(i["default_ip"] and i["state"] == "Running" for i in res["instances"])
    assert res["api_calls"]["deployVirtualMachine"] == 5 and res["api_calls"]["createTags"] == 1  # one createTags for all
    assert all(i["tags"][0]["value"] == "web" for i in res["instances"])

    again = module("instances", _verbosity=2, count=5, tags=[{"key": "role", "value": "web"}], **SET)
    assert again["changed"] is False and again["created"] == []
    assert again["api_calls"] == {"listZones": 1, "listVirtualMachines": 1}  # one listing, no per-instance lookups
    assert module("instances", _check=True, count=5, **SET)["changed"] is False

    res = module("instances", count=7, **SET)
    assert res["created"] == ["web-06", "web-07"] and len(vms(sim)) == 7


def test_count_down_keep_stop_destroy_expunge(module, sim):
    module("instances", count=6, **SET)
    res = module("instances", count=4, **SET)  # extra=keep by default
    assert res["changed"] is False and res["extra_instances"] == ["web-05", "web-06"] and len(vms(sim)) == 6
    res = module("instances", _diff=True, count=4, extra="stop", **SET)
    assert res["changed"] and res["stopped"] == ["web-05", "web-06"]
    assert res["diff"]["after"]["instances"] == {"web-05": "stopped", "web-06": "stopped"}
    assert dict(vms(sim))["web-05"] == "Stopped" and dict(vms(sim))["web-04"] == "Running"
    assert module("instances", count=4, extra="stop", **SET)["changed"] is False
    res = module("instances", count=3, extra="destroy", **SET)
    assert res["destroyed"] == ["web-04", "web-05", "web-06"]
    assert [n for n, s in vms(sim) if s == "Destroyed"] == ["web-04", "web-05", "web-06"]
    assert module("instances", count=3, extra="destroy", **SET)["changed"] is False
    res = module("instances", count=2, extra="expunge", **SET)
    assert res["expunged"] == ["web-03", "web-04", "web-05", "web-06"]
    assert vms(sim) == [("web-01", "Running"), ("web-02", "Running")]
    # names outside the pattern are never touched
    run_module("instance", dict(connection(sim), name="db-01", zone=BASIC, template=TEMPLATE, service_offering="Small Instance"))
    run_module("instance", dict(connection(sim), name="web-1", zone=BASIC, template=TEMPLATE, service_offering="Small Instance"))
    res = module("instances", count=0, extra="expunge", **SET)
    assert res["expunged"] == ["web-01", "web-02"] and vms(sim) == [("db-01", "Running"), ("web-1", "Running")]


def test_states_of_the_whole_set(module, sim):
    res = module("instances", count=3, state="stopped", **SET)
    assert res["created"] == ["web-01", "web-02", "web-03"] and {s for _n, s in vms(sim)} == {"Stopped"}
    res = module("instances", count=3, state="started", **SET)
    assert res["started"] == ["web-01", "web-02", "web-03"] and {s for _n, s in vms(sim)} == {"Running"}
    assert module("instances", count=3, state="started", **SET)["changed"] is False
    res = module("instances", count=3, state="destroyed", **SET)
    assert res["destroyed"] == ["web-01", "web-02", "web-03"] and {s for _n, s in vms(sim)} == {"Destroyed"}
    res = module("instances", count=3, **SET)  # present recovers them
    assert res["recovered"] == ["web-01", "web-02", "web-03"] and {s for _n, s in vms(sim)} == {"Stopped"}
    res = module("instances", count=3, state="expunged", **SET)
    assert res["expunged"] == ["web-01", "web-02", "web-03"] and vms(sim) == []


def test_list_of_specs(module, sim):
    sim.ok("createServiceOffering", name="Tiny", displaytext="Tiny", cpunumber=1, cpuspeed=500, memory=256)
    args = {"zone": BASIC, "template": TEMPLATE, "service_offering": "Small Instance", "group": "db",
            "instances": [{"name": "db-1", "service_offering": "Tiny"}, {"name": "db-2"}, {"name": "db-arbiter", "display_name": "arbiter"}]}
    res = module("instances", **args)
    assert res["created"] == ["db-1", "db-2", "db-arbiter"]
    listed = {v["name"]: v for v in sim.ok("listVirtualMachines").get("virtualmachine", [])}
    assert listed["db-1"]["serviceofferingname"] == "Tiny" and listed["db-2"]["serviceofferingname"] == "Small Instance"
    assert listed["db-arbiter"]["displayname"] == "arbiter" and {v["group"] for v in listed.values()} == {"db"}
    assert module("instances", **args)["changed"] is False
    args["instances"] = args["instances"][:2]
    res = module("instances", extra="destroy", **args)  # the group's unlisted instance is extra
    assert res["destroyed"] == ["db-arbiter"]


def test_failed_deploy_is_named_with_its_reason(module, sim):
    sim.ok("createServiceOffering", name="Giant", displaytext="Giant", cpunumber=512, cpuspeed=8000, memory=1024 * 1024)
    args = {"zone": BASIC, "template": TEMPLATE, "service_offering": "Small Instance",
            "instances": [{"name": "ok-1"}, {"name": "giant", "service_offering": "Giant"}, {"name": "ok-2"}]}
    res = module("instances", **args)
    assert res.failed and "1 of the set failed" in res["msg"] and "giant: async job" in res["msg"] and "errorcode 533" in res["msg"]
    assert list(res["failed_instances"]) == ["giant"] and res["created"] == ["ok-1", "ok-2"]
    assert [n for n, s in vms(sim) if s == "Running"] == ["ok-1", "ok-2"]


def test_failed_jobs_under_jobfail(make_simserver):
    sim = make_simserver(datacenter="sandbox", faults="jobfail=1.0,seed=1,only=deployVirtualMachine")
    res = run_module("instances", dict(connection(sim), count=2, **SET))
    assert res.failed and sorted(res["failed_instances"]) == ["web-01", "web-02"]
    assert "simulated failure of deployVirtualMachine" in res["failed_instances"]["web-01"] and res["created"] == []


def test_lost_replies_leave_no_duplicates(make_simserver):
    sim = make_simserver(datacenter="sandbox", faults="drop=0.4,5xx=0.2,seed=4,only=deployVirtualMachine")
    res = run_module("instances", dict(connection(sim), count=8, **SET))
    assert not res.failed, res.get("msg")
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    assert injected["drop"] > 0 and injected["5xx"] > 0
    assert vms(sim) == [("web-%02d" % i, "Running") for i in range(1, 9)]  # each exactly once
    assert sorted(res["created"]) == ["web-%02d" % i for i in range(1, 9)]
    assert run_module("instances", dict(connection(sim), count=8, **SET))["changed"] is False


def test_concurrency_bound_is_respected(make_simserver):
    sim = make_simserver(datacenter="sandbox", job_seconds=0.4)
    peak = {"starting": 0}
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            with sim.sim.lock:
                n = sum(1 for v in sim.sim.store.all("virtualmachine") if v.get("state") == "Starting")
            peak["starting"] = max(peak["starting"], n)
            time.sleep(0.01)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    try:
        started = time.monotonic()
        res = run_module("instances", dict(connection(sim), count=9, max_concurrent=3, **SET))
        took = time.monotonic() - started
    finally:
        stop.set()
        t.join()
    assert not res.failed and len(res["created"]) == 9
    assert 2 <= peak["starting"] <= 3, peak
    assert took >= 3 * 0.4  # at least three rounds of 0.4 s jobs


@pytest.mark.parametrize("args,message", [
    ({"name_pattern": "web-%02d-%d", "count": 2}, "name_pattern must hold exactly one integer conversion"),
    ({"name_pattern": "web", "count": 2}, "name_pattern must hold exactly one integer conversion"),
    ({"count": -1}, "count must be 0 or more"),
    ({"name_pattern": None, "count": None, "instances": [{"display_name": "x"}]}, "instances[0]: each entry is a dict with at least a name"),
    ({"name_pattern": None, "count": None, "instances": [{"name": "a"}, {"name": "A"}]}, "the name A is listed twice"),
    ({"name_pattern": None, "count": None, "instances": [{"name": "a", "colour": "red"}]}, "unknown keys colour"),
    ({"name_pattern": None, "count": None, "instances": [{"name": "a"}], "extra": "destroy"}, "needs group"),
    ({"template": "nope"}, "Template 'nope' not found"),
    ({"service_offering": "nope"}, "service offering 'nope' not found (option service_offering)"),
    ({"count": None}, "parameters are required together: name_pattern, count"),
    ({"extra": "explode"}, "extra"),
])
def test_bad_input_fails_clearly_and_changes_nothing(module, sim, args, message):
    full = dict(SET, count=3)
    full.update(args)
    full = {k: v for k, v in full.items() if v is not None}
    res = module("instances", **full)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"]
    assert vms(sim) == []


def test_check_mode_before_the_owner_exists(module, sim):
    res = module("instances", _check=True, count=2, domain="ROOT/later", account="later", **SET)
    assert res["changed"] and not res.failed and res["planned"] == {"web-01": "running", "web-02": "running"}
    assert any("the owner does not exist yet" in w for w in res["warnings"])
    res = module("instances", count=2, domain="ROOT/later", account="later", **SET)
    assert res.failed and "Domain 'ROOT/later' not found" in res["msg"]
    assert vms(sim) == []


def test_jobs_that_outlive_api_async_timeout_are_named(make_simserver):
    sim = make_simserver(datacenter="sandbox", job_seconds=4)
    t = time.monotonic()
    res = run_module("instances", dict(connection(sim), count=2, api_async_timeout=1, **SET))
    assert res.failed and sorted(res["failed_instances"]) == ["web-01", "web-02"] and time.monotonic() - t < 3.5
    assert all("still running after 1 seconds (api_async_timeout)" in m for m in res["failed_instances"].values())
