"""--state: a restart loses nothing (objects, keys, jobs, counters), jobs that were running end failed as
CloudStack's cleanupLeftOverJobs ends them, and login sessions do not survive (they live in memory)."""
from simwire import login, make_user, request, session_call, signed


def test_restart_keeps_objects_keys_and_jobs(make_simserver, tmp_path):
    state = tmp_path / "sim.db"
    a = make_simserver(state=str(state))
    dom = a.ok("createDomain", name="kept")["domain"]
    user, key, secret = make_user(a, "keptuser", domainid=dom["id"])
    reply = a.ok("createProject", name="kept-project", displaytext="k")
    job = a.wait(reply)
    admin_keys = request(a, path="/admin.json").json
    a.stop()

    b = make_simserver(state=str(state))
    assert b.key == admin_keys["apikey"] and b.secret == admin_keys["secretkey"]
    assert b.ok("listDomains", id=dom["id"])["domain"][0]["name"] == "kept"
    assert signed(b, "listAccounts", key=key, secret=secret).inner["account"][0]["name"] == "keptuser"
    again = b.ok("queryAsyncJobResult", jobid=reply["jobid"])
    assert again["jobstatus"] == 1 and again["jobresult"] == job["jobresult"]
    assert [p["name"] for p in b.ok("listProjects", listall="true")["project"]] == ["kept-project"]
    # new objects after the restart do not collide with old ones
    other = b.ok("createDomain", name="after-restart")["domain"]
    ids = [d["id"] for d in b.ok("listDomains", listall="true")["domain"]]
    assert len(ids) == len(set(ids)) and other["id"] in ids and user["id"] != other["id"]


def test_running_jobs_end_failed_after_a_restart(make_simserver, tmp_path):
    state = tmp_path / "sim.db"
    a = make_simserver(state=str(state), job_seconds=60)
    dom = a.ok("createDomain", name="mid-delete")["domain"]
    reply = a.ok("deleteDomain", id=dom["id"])
    assert a.ok("queryAsyncJobResult", jobid=reply["jobid"])["jobstatus"] == 0
    a.stop()

    b = make_simserver(state=str(state), job_seconds=60)
    job = b.ok("queryAsyncJobResult", jobid=reply["jobid"])
    assert job["jobstatus"] == 2 and job["jobresultcode"] == 530
    assert job["jobresult"] == {"errorcode": 530, "errortext": "job cancelled because of management server restart or shutdown"}
    assert "completed" in job
    assert b.ok("listDomains", id=dom["id"])["count"] == 1  # the interrupted delete did not happen


def test_sessions_do_not_survive_a_restart(make_simserver, tmp_path):
    state = tmp_path / "sim.db"
    a = make_simserver(state=str(state))
    _reply, cookie, key = login(a)
    assert session_call(a, cookie, "listDomains", sessionkey=key).status == 200
    a.stop()
    b = make_simserver(state=str(state))
    reply = session_call(b, cookie, "listDomains", sessionkey=key)
    assert reply.status == 401
    assert login(b)[0].status == 200  # the password is kept


def test_without_state_nothing_is_kept(make_simserver, tmp_path):
    a = make_simserver()
    a.ok("createDomain", name="ephemeral")
    a.stop()
    b = make_simserver()
    assert b.ok("listDomains", name="ephemeral") == {}


def test_every_reply_is_on_disk_before_it_is_sent(make_simserver, tmp_path):
    """Write-through: a second simulator opened on the same file sees what the first one answered."""
    import sqlite3

    state = tmp_path / "sim.db"
    a = make_simserver(state=str(state))
    dom = a.ok("createDomain", name="on-disk")["domain"]
    rows = sqlite3.connect(str(state)).execute("SELECT data FROM objects WHERE type = 'domain' AND id = ?", (dom["id"],)).fetchall()
    assert len(rows) == 1 and '"on-disk"' in rows[0][0]
