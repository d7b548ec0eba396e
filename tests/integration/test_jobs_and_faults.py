"""Async jobs through the engine against the simulator (a failed job, a job that outlives api_async_timeout,
several jobs awaited together) and the simulator's faults (5xx, dropped replies, 429): no duplicates.

zone, zone_info, configuration and configuration_info only use synchronous commands (createZone, updateZone,
deleteZone, updateConfiguration are not async in CloudStack 4.18), so the job cases run the same engine on a
resource with an async command: domains (deleteDomain is async)."""
import time

from ansible_collections.csops.cloudstack.plugins.module_utils.client import CloudStackClient
from ansible_collections.csops.cloudstack.plugins.module_utils.engine import Field, Resource, run_resource
from harness import connection, run_main

DOMAIN = Resource(
    name="domain", list_command="listDomains", list_key="domain", list_params={"listall": True},
    create_command="createDomain", create_key="domain", update_command="updateDomain", update_key="domain",
    delete_command="deleteDomain", async_commands=frozenset({"deleteDomain"}),
    fields=(Field("name", identity=True, compare="ci", spec={"required": True}), Field("network_domain", param="networkdomain")),
)


def run_domain(sim, **args):
    conn = connection(sim, **args.pop("_conn", {}))
    conn.update(args)
    return run_main(lambda: run_resource(DOMAIN), conn, name="domain")


def domains(sim):
    return [d["name"] for d in sim.ok("listDomains", listall="true")["domain"] if d["name"] != "ROOT"]


def test_async_delete_waits_for_the_job(make_simserver):
    sim = make_simserver(job_seconds=0.3)
    assert run_domain(sim, name="d1")["changed"]
    t = time.monotonic()
    res = run_domain(sim, name="d1", state="absent")
    assert res["changed"] and not res.failed and time.monotonic() - t >= 0.3
    assert domains(sim) == []  # done when the module returned


def test_failed_job_fails_the_task_with_its_code_and_text(make_simserver):
    sim = make_simserver(faults="jobfail=1.0,only=deleteDomain")
    run_domain(sim, name="d1")
    res = run_domain(sim, name="d1", state="absent")
    assert res.failed
    assert "of deleteDomain failed (errorcode 530): Job failed: simulated failure of deleteDomain" in res["msg"]
    assert res["cloudstack_errorcode"] == 530 and res["cloudstack_jobid"]
    assert domains(sim) == ["d1"]


def test_job_that_outlives_api_async_timeout(make_simserver):
    sim = make_simserver(job_seconds=6)
    run_domain(sim, name="d1")
    t = time.monotonic()
    res = run_domain(sim, name="d1", state="absent", api_async_timeout=1)
    took = time.monotonic() - t
    assert res.failed and "still running after 1 seconds (api_async_timeout)" in res["msg"]
    assert 0.9 <= took < 3.0


def test_several_jobs_awaited_together(make_simserver):
    sim = make_simserver(job_seconds=1.0)
    c = CloudStackClient(sim.endpoint, api_key=sim.key, api_secret=sim.secret)
    ids = [c.call("createDomain", name="d%d" % i)["domain"]["id"] for i in range(5)]
    t = time.monotonic()
    jobs = [c.call("deleteDomain", id=i) for i in ids]
    results = c.wait_jobs(jobs, "deleteDomain")
    took = time.monotonic() - t
    assert len(results) == 5 and all(r.get("success") in (True, "true") for r in results)
    assert took < 2.5, "5 jobs of 1 s awaited together took %.1f s" % took
    assert domains(sim) == []
    assert c.connections_opened == 1


def test_faults_leave_no_duplicates(make_simserver):
    sim = make_simserver(faults="5xx=0.2,drop=0.2,seed=11")
    names = ["zone-%d" % i for i in range(5)]
    for name in names:
        for _attempt in range(5):
            res = run_main(_zone_main, dict(connection(sim), name=name, dns1="8.8.8.8", state="enabled"))
            if not res.failed:
                break
        assert not res.failed, res["msg"]
    # and updates / configuration writes under the same faults
    for _attempt in range(5):
        res = run_main(_config_main, dict(connection(sim), name="expunge.delay", value="77"))
        if not res.failed:
            break
    assert not res.failed, res["msg"]
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    zones = sim.ok("listZones")["zone"]
    assert sorted(z["name"] for z in zones) == names, "duplicates or missing zones: %s" % sorted(z["name"] for z in zones)
    assert all(z["allocationstate"] == "Enabled" for z in zones)
    assert injected["5xx"] > 0 and injected["drop"] > 0
    # converged: a re-run changes nothing
    for name in names:
        assert not run_main(_zone_main, dict(connection(sim), name=name, dns1="8.8.8.8", state="enabled"))["changed"]
    # updates and deletes under faults
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=12")
    for name in names:
        for args in (dict(dns2="1.1.1.1"), dict(state="absent")):
            for _attempt in range(5):
                res = run_main(_zone_main, dict(connection(sim), name=name, **args))
                if not res.failed:
                    break
            assert not res.failed, res["msg"]
    sim.sim.faults.set("")
    assert sim.ok("listZones") == {}


def test_rate_limit_429_is_waited_out(make_simserver):
    sim = make_simserver(faults="429=0.6:300,seed=1,only=listZones|createZone")
    t = time.monotonic()
    for i in range(4):
        res = run_main(_zone_main, dict(connection(sim), name="zone-%d" % i, dns1="8.8.8.8"))
        assert not res.failed and res["changed"], res.get("msg")
    injected = sim.sim.faults.injected["429"]
    assert injected > 0
    # each 429 was waited out for at least the 300 ms the server asked for
    assert time.monotonic() - t >= injected * 0.3
    sim.sim.faults.set("")
    assert sorted(z["name"] for z in sim.ok("listZones")["zone"]) == ["zone-%d" % i for i in range(4)]


def _zone_main():
    from ansible_collections.csops.cloudstack.plugins.modules import zone

    zone.main()


def _config_main():
    from ansible_collections.csops.cloudstack.plugins.modules import configuration

    configuration.main()
