"""Faults on request (5xx, dropped replies, slow replies, failed jobs, 429s; reproducible with a seed) and the
api-limit plugin's throttling (api.throttling.enabled / interval / max)."""
import http.client
import re
import time

import pytest
from cloudstack_simulator.faults import Faults
from simwire import make_user, request, set_config, signed

RETRY_RE = re.compile(r"^The given user has reached his/her account api limit, please retry after \[(\d+)\] ms\.$")


def domain_names(server):
    return {d["name"] for d in server.ok("listDomains", listall="true").get("domain", [])}


def test_5xx_answers_530_and_does_nothing(make_simserver):
    s = make_simserver(faults="5xx=1.0,only=createDomain,seed=1")
    reply = signed(s, "createDomain", name="never")
    assert reply.status == 530
    assert reply.inner == {"uuidList": [], "errorcode": 530, "cserrorcode": 4250,
                           "errortext": "Internal error executing command, please contact your system administrator"}
    assert "never" not in domain_names(s)


def test_drop_does_the_action_and_loses_the_reply(make_simserver):
    s = make_simserver(faults="drop=1.0,only=createDomain,seed=1")
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError, http.client.IncompleteRead)):
        signed(s, "createDomain", name="dropped-but-made")
    assert "dropped-but-made" in domain_names(s)


def test_slow_waits_the_given_seconds(make_simserver):
    s = make_simserver(faults="slow=1.0:0.5,only=listDomains,seed=1")
    t0 = time.monotonic()
    assert signed(s, "listDomains").status == 200
    assert time.monotonic() - t0 >= 0.5
    t0 = time.monotonic()
    assert signed(s, "listAccounts").status == 200
    assert time.monotonic() - t0 < 0.5


def test_429_fault_uses_the_api_limit_text(make_simserver):
    s = make_simserver(faults="429=1.0:250,only=listDomains,seed=1")
    reply = signed(s, "listDomains")
    assert reply.status == 429
    assert reply.inner == {"uuidList": [], "errorcode": 429, "cserrorcode": 9999,
                           "errortext": "The given user has reached his/her account api limit, please retry after [250] ms."}


def test_jobfail_fails_the_job_and_skips_its_work(make_simserver):
    s = make_simserver(faults="jobfail=1.0,only=deleteDomain,seed=1")
    dom = s.ok("createDomain", name="survivor")["domain"]
    job = s.wait(s.ok("deleteDomain", id=dom["id"]))
    assert job["jobstatus"] == 2 and job["jobresultcode"] == 530
    assert "survivor" in domain_names(s)


def test_exempt_commands_by_default(make_simserver):
    s = make_simserver(faults="5xx=1.0,seed=1")
    assert signed(s, "listApis", name="listDomains").status == 200
    assert request(s, "POST", body={"command": "login", "username": "admin", "password": "password", "response": "json"}).status == 200
    assert signed(s, "listDomains").status == 530


def outcomes(server, n=40):
    return [signed(server, "listDomains").status for _ in range(n)]


def test_same_seed_same_faults(make_simserver):
    a = outcomes(make_simserver(faults="5xx=0.5,seed=42"))
    b = outcomes(make_simserver(faults="5xx=0.5,seed=42"))
    c = outcomes(make_simserver(faults="5xx=0.5,seed=43"))
    assert a == b
    assert {200, 530} <= set(a)
    assert a != c
    assert 8 <= a.count(530) <= 32  # about half


def test_faults_endpoint_and_counts(simserver):
    assert request(simserver, path="/_sim/faults").json["rates"]["5xx"] == 0.0
    reply = request(simserver, "POST", path="/_sim/faults", body={"spec": "5xx=1.0,only=listDomains,seed=5"})
    assert reply.status == 200 and reply.json["rates"]["5xx"] == 1.0 and reply.json["only"] == ["listDomains"]
    assert signed(simserver, "listDomains").status == 530
    assert request(simserver, path="/_sim/stats").json["faults"]["5xx"] == 1
    bad = request(simserver, "POST", path="/_sim/faults", body={"spec": "5xx=2"})
    assert bad.status == 400 and "5xx" in bad.json["error"] and "2" in bad.json["error"]
    assert request(simserver, "POST", path="/_sim/faults", body={"spec": ""}).json["rates"]["5xx"] == 0.0
    assert signed(simserver, "listDomains").status == 200


@pytest.mark.parametrize("spec,words", [
    ("5xx=1.5", ["5xx", "between 0 and 1"]),
    ("bogus=0.1", ["unknown fault", "bogus"]),
    ("drop", ["drop", "name=value"]),
    ("seed=abc", ["seed", "abc"]),
    ("slow=0.5:x", ["slow", "x"]),
    ("429=0.1:-5", ["429", "-5"]),
    ("5xx=lots", ["5xx", "lots"]),
])
def test_bad_fault_specs_name_the_problem(spec, words):
    with pytest.raises(ValueError) as exc:
        Faults(spec)
    for word in words:
        assert word in str(exc.value)


# ---- api.throttling ---------------------------------------------------------------------------------------
def test_throttling_limits_an_account_per_interval(simserver):
    # the user calls listZones: listDomains is not in the 4.18 User role (the API access check answers 432)
    _user, key, secret = make_user(simserver, "throttled")
    set_config(simserver, "api.throttling.max", "3")
    set_config(simserver, "api.throttling.interval", "1")
    assert [signed(simserver, "listZones", key=key, secret=secret).status for _ in range(5)] == [200] * 5  # off by default
    set_config(simserver, "api.throttling.enabled", "true")
    time.sleep(1.05)
    statuses = [signed(simserver, "listZones", key=key, secret=secret) for _ in range(5)]
    assert [r.status for r in statuses[:3]] == [200, 200, 200]
    refused = statuses[3]
    assert refused.status == 429 and refused.inner["errorcode"] == 429 and refused.inner["cserrorcode"] == 9999
    m = RETRY_RE.match(refused.inner["errortext"])
    assert m and 0 <= int(m.group(1)) <= 1000
    # the root admin is not limited
    assert [signed(simserver, "listDomains").status for _ in range(6)] == [200] * 6
    # a new interval, a new allowance
    time.sleep(1.05)
    assert signed(simserver, "listZones", key=key, secret=secret).status == 200


def test_throttling_defaults_are_25_calls_per_second(simserver):
    _user, key, secret = make_user(simserver, "defaultthrottle")
    set_config(simserver, "api.throttling.enabled", "true")
    t0 = time.monotonic()
    statuses = [signed(simserver, "listZones", key=key, secret=secret).status for _ in range(27)]
    if time.monotonic() - t0 > 0.95:
        pytest.skip("27 calls took longer than the 1 s interval on this machine")
    assert statuses == [200] * 25 + [429, 429]


def test_throttling_applies_to_sessions_too(simserver):
    from simwire import login, session_call

    make_user(simserver, "sessthrottled")
    set_config(simserver, "api.throttling.max", "2")
    set_config(simserver, "api.throttling.interval", "5")
    set_config(simserver, "api.throttling.enabled", "true")
    _reply, cookie, key = login(simserver, "sessthrottled", "secret-pw")
    got = [session_call(simserver, cookie, "listAccounts", sessionkey=key).status for _ in range(3)]
    assert got == [200, 200, 429]
