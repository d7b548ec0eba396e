"""Async jobs: the submit reply (jobid, and id for BaseAsyncCreateCmd commands), queryAsyncJobResult while
running and when done (jobstatus 0/1/2, jobresultcode, jobresulttype, jobresult, jobinstancetype/id, dates),
--job-seconds timing and parallel jobs."""
import re
import threading
import time

from simwire import make_user, signed

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4}$")


def query(server, jobid):
    return server.ok("queryAsyncJobResult", jobid=jobid)


def test_create_type_command_answers_jobid_and_id(make_simserver):
    s = make_simserver(job_seconds=0.4)
    reply = s.ok("createProject", name="jobs-p", displaytext="p")
    assert set(reply) == {"jobid", "id"}
    job = query(s, reply["jobid"])
    assert job["jobstatus"] == 0 and job["jobresultcode"] == 0 and job["jobprocstatus"] == 0
    assert "jobresult" not in job and "completed" not in job and "jobresulttype" not in job
    # as real servers answer for createProject: jobinstancetype "None", no jobinstanceid (the reply's id is the project)
    assert job["jobinstancetype"] == "None" and "jobinstanceid" not in job
    assert DATE_RE.match(job["created"])
    assert job["jobid"] == reply["jobid"]
    admin = s.ok("listUsers", username="admin")["user"][0]
    assert job["userid"] == admin["id"] and job["accountid"] == admin["accountid"]
    assert job["cmd"] == "org.apache.cloudstack.api.command.user.project.CreateProjectCmd"  # the class a real reply names
    done = s.wait(reply)
    assert done["jobstatus"] == 1 and done["jobresultcode"] == 0 and done["jobresulttype"] == "object"
    assert DATE_RE.match(done["completed"])
    assert done["jobresult"]["project"]["id"] == reply["id"] and done["jobresult"]["project"]["name"] == "jobs-p"


def test_other_async_command_answers_jobid_only_and_success(simserver):
    dom = simserver.ok("createDomain", name="to-delete")["domain"]
    reply = simserver.ok("deleteDomain", id=dom["id"])
    assert set(reply) == {"jobid"}
    done = simserver.wait(reply)
    assert done["jobstatus"] == 1 and done["jobresult"] == {"success": True}
    # a real deleteDomain job shows no instance (shared/cloudstack-api/samples/DomainService.json)
    assert "jobinstancetype" not in done and "jobinstanceid" not in done
    status, body = simserver.call("listDomains", id=dom["id"])
    assert status == 431 or body == {"listdomainsresponse": {}}


def zone(server):
    return server.ok("createZone", name="jobzone", networktype="Advanced", dns1="8.8.8.8", internaldns1="10.0.0.1")["zone"]


def test_instance_fields_of_a_create_type_command(make_simserver):
    s = make_simserver(job_seconds=0.3)
    z = zone(s)
    reply = s.ok("createPhysicalNetwork", zoneid=z["id"], name="job-pnet")
    assert set(reply) == {"jobid", "id"}
    running = s.ok("queryAsyncJobResult", jobid=reply["jobid"])
    assert running["jobinstancetype"] == "PhysicalNetwork" and running["jobinstanceid"] == reply["id"]
    done = s.wait(reply)
    assert done["jobresult"]["physicalnetwork"]["id"] == reply["id"] and done["jobinstanceid"] == reply["id"]


def test_instance_id_disappears_once_the_object_is_gone(make_simserver):
    s = make_simserver(job_seconds=0.3)
    z = zone(s)
    pnet = s.wait(s.ok("createPhysicalNetwork", zoneid=z["id"], name="gone-pnet"))["jobresult"]["physicalnetwork"]
    reply = s.ok("deletePhysicalNetwork", id=pnet["id"])
    running = s.ok("queryAsyncJobResult", jobid=reply["jobid"])
    assert running["jobinstancetype"] == "PhysicalNetwork" and running["jobinstanceid"] == pnet["id"]
    done = s.wait(reply)
    assert done["jobstatus"] == 1, done
    # CloudStack reads jobinstanceid from the object's row: a finished delete leaves the type alone
    assert done["jobinstancetype"] == "PhysicalNetwork" and "jobinstanceid" not in done


def test_failed_job_shape(make_simserver):
    s = make_simserver(faults="jobfail=1.0,only=deleteDomain,seed=3")
    dom = s.ok("createDomain", name="stays")["domain"]
    done = s.wait(s.ok("deleteDomain", id=dom["id"]))
    assert done["jobstatus"] == 2 and done["jobresultcode"] == 530 and done["jobresulttype"] == "object"
    assert set(done["jobresult"]) == {"errorcode", "errortext"} and done["jobresult"]["errorcode"] == 530
    assert "completed" in done
    assert s.ok("listDomains", id=dom["id"])["count"] == 1  # the failed job did not do its work


def test_unknown_jobid_is_431(simserver):
    status, body = simserver.call("queryAsyncJobResult", jobid="00000000-0000-0000-0000-000000000000")
    assert status == 431 and body["queryasyncjobresultresponse"]["errorcode"] == 431


def test_other_accounts_jobs_are_not_visible(simserver):
    _user, key, secret = make_user(simserver, "jobpeeker")
    dom = simserver.ok("createDomain", name="admins-job")["domain"]
    reply = simserver.ok("deleteDomain", id=dom["id"])
    peek = signed(simserver, "queryAsyncJobResult", key=key, secret=secret, jobid=reply["jobid"])
    assert peek.status == 431
    listed = signed(simserver, "listAsyncJobs", key=key, secret=secret)
    assert listed.json == {"listasyncjobsresponse": {}}
    assert reply["jobid"] in [j["jobid"] for j in simserver.ok("listAsyncJobs")["asyncjobs"]]


def test_job_seconds_sets_how_long_a_job_runs(make_simserver):
    s = make_simserver(job_seconds=0.6)
    t0 = time.monotonic()
    reply = s.ok("createProject", name="timed", displaytext="t")
    assert query(s, reply["jobid"])["jobstatus"] == 0
    time.sleep(0.3)
    assert query(s, reply["jobid"])["jobstatus"] == 0
    s.wait(reply)
    elapsed = time.monotonic() - t0
    assert 0.55 <= elapsed < 2.0, elapsed


def test_jobs_run_in_parallel(make_simserver):
    s = make_simserver(job_seconds=0.8)
    t0 = time.monotonic()
    replies = [s.ok("createProject", name=f"par-{i}", displaytext="p") for i in range(6)]
    results = []
    threads = [threading.Thread(target=lambda r=r: results.append(s.wait(r))) for r in replies]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t0
    assert [j["jobstatus"] for j in results] == [1] * 6
    assert elapsed < 2.5, f"6 jobs of 0.8 s took {elapsed:.2f} s: not parallel"


def test_zero_job_seconds_completes_at_once(make_simserver):
    s = make_simserver(job_seconds=0)
    reply = s.ok("createProject", name="instant", displaytext="i")
    assert query(s, reply["jobid"])["jobstatus"] == 1


def test_jobs_complete_without_polling(make_simserver):
    s = make_simserver(job_seconds=0.2)
    dom = s.ok("createDomain", name="background")["domain"]
    s.ok("deleteDomain", id=dom["id"])
    time.sleep(0.8)
    with s.sim.lock:
        assert s.sim.store.get("domain", dom["id"]) is None or s.sim.store.get("domain", dom["id"]).get("_removed")


def test_job_cmd_names_the_command_class(simserver):
    job = simserver.wait(simserver.ok("createProject", name="classy-admin", displaytext="c"))
    assert job["cmd"] == "org.apache.cloudstack.api.command.user.project.CreateProjectCmd"
    z = simserver.ok("createZone", name="cmdzone", networktype="Advanced", dns1="8.8.8.8", internaldns1="10.0.0.1")["zone"]
    job = simserver.wait(simserver.ok("createPhysicalNetwork", zoneid=z["id"], name="cmd-pnet"))
    assert job["cmd"] == "org.apache.cloudstack.api.command.admin.network.CreatePhysicalNetworkCmd"
