"""The API client against a scripted fake server: signing, paging, retries, writes, jobs, sessions, secrets."""
import base64
import datetime
import hashlib
import hmac
import pathlib
import socket
import sys

import pytest
from ansible_collections.csops.cloudstack.plugins.module_utils import client as cl
from ansible_collections.csops.cloudstack.plugins.module_utils.client import (
    CloudStackApiError,
    CloudStackClient,
    CloudStackConnectionError,
    JobFailed,
    JobTimeout,
    WriteOutcomeUnknown,
)
from fakeserver import DROP, error

ROOT = pathlib.Path(__file__).resolve().parents[2]
SECRET = "s3cr3t-Value/with+chars="


def load_sim_wire():
    """The simulator's signature verifier (CloudStack's ApiServer.verifyRequest)."""
    from cloudstack_simulator import wire

    return wire


class Sleeps:
    """A fake sleep + clock: records the delays, time advances only through sleep."""

    def __init__(self):
        self.delays = []
        self.now = 0.0

    def sleep(self, seconds):
        self.delays.append(seconds)
        self.now += seconds

    def clock(self):
        return self.now


def make_client(url, sleeps=None, **kw):
    sleeps = sleeps or Sleeps()
    kw.setdefault("api_key", "key1")
    kw.setdefault("api_secret", SECRET)
    return CloudStackClient(url, sleep=sleeps.sleep, clock=sleeps.clock, timeout=5, **kw)


def ok(command, body):
    return 200, {command.lower() + "response": body}


# ---- signing ------------------------------------------------------------------------------------
def test_string_to_sign_and_signature_known_vector():
    params = {"command": "listZones", "name": "my zone*~", "apikey": "key1", "response": "json",
              "signatureversion": "3", "expires": "2030-01-01T00:00:00+0000"}
    sts = cl.string_to_sign(params)
    # sorted by name, Java URLEncoder encoding (space %20, * kept, ~ %7E), all lower-cased
    assert sts == "apikey=key1&command=listzones&expires=2030-01-01t00%3a00%3a00%2b0000&name=my%20zone*%7e&response=json&signatureversion=3"
    # computed independently: printf '<sts>' | openssl dgst -sha1 -hmac 'secret/with+chars=' -binary | base64
    assert cl.sign(params, "secret/with+chars=") == "j4wKdLYDFxMSQ8s/VPtVOYwyS8g="


@pytest.mark.parametrize("value", ["plain", "with space", "a+b=c&d", "stern*", "tilde~", "ünïcödé", "slash/and:colon", "100%", "", "'quote'\""])
def test_signature_matches_simulator_verifier_and_an_independent_one(value):
    wire = load_sim_wire()
    params = {"command": "updateZone", "id": "Ab-1", "name": value, "apikey": "KEY", "response": "json"}
    sig = cl.sign(params, SECRET)
    assert wire.verify(params, SECRET, sig)
    # the third-party cs library signs the same (except "~": cs leaves it as is, Java encodes it as %7E)
    if "~" not in value:
        from cs import CloudStack

        data = dict(params)
        CloudStack(endpoint="http://x/client/api", key="KEY", secret=SECRET)._sign(data)
        assert sig == data["signature"]
    digest = hmac.new(SECRET.encode(), cl.string_to_sign(params).encode(), hashlib.sha1).digest()
    assert sig == base64.b64encode(digest).decode()


def test_requests_are_signed_v3_with_expires_and_verify(fake):
    wire = load_sim_wire()
    srv = fake(lambda req: ok("listZones", {}))
    c = make_client(srv.url)
    c.list("listZones", name="a b")
    (req,) = srv.requests
    p = req.params
    assert p["signatureversion"] == "3"
    expires = datetime.datetime.strptime(p["expires"], "%Y-%m-%dT%H:%M:%S%z")
    left = (expires - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
    assert 500 < left <= 600
    assert wire.verify(p, SECRET, p["signature"]) and not wire.expired(p["expires"])


def test_post_sends_parameters_in_the_body(fake):
    srv = fake(lambda req: ok("listZones", {}))
    c = make_client(srv.url, method="post")
    c.list("listZones", name="x")
    (req,) = srv.requests
    assert req.method == "POST" and req.params["name"] == "x"
    assert load_sim_wire().verify(req.params, SECRET, req.params["signature"])


def test_flatten_params():
    out = cl.flatten_params({"a": True, "b": False, "c": None, "d": ["x", "y"], "e": {"k1": "v1", "k2": 2},
                             "f": [{"key": "t", "value": "u"}], "g": 5})
    assert out == {"a": "true", "b": "false", "d": "x,y", "e[0].key": "k1", "e[0].value": "v1", "e[1].key": "k2",
                   "e[1].value": "2", "f[0].key": "t", "f[0].value": "u", "g": "5"}


# ---- connection reuse, counter ---------------------------------------------------------------------
def test_one_connection_for_many_calls_and_a_call_counter(fake):
    srv = fake(lambda req: ok(req.command, {}))
    c = make_client(srv.url)
    for _ in range(5):
        c.list("listZones")
    c.call("updateZone", id="1")
    assert c.connections_opened == 1 and srv.connections == 1
    assert c.calls == {"listZones": 5, "updateZone": 1}
    assert c.http_requests == 6


# ---- paging --------------------------------------------------------------------------------------------
def paged(total, key="zone"):
    items = [{"id": str(i), "name": "z%d" % i} for i in range(total)]

    def reply(req):
        if not items:
            return ok(req.command, {})
        page, size = int(req.params.get("page", 1)), int(req.params.get("pagesize", 500))
        chunk = items[(page - 1) * size: page * size]
        return ok(req.command, {"count": total, key: chunk} if chunk else {"count": total})

    return reply


def test_list_pages_until_count(fake):
    srv = fake(paged(1203))
    c = make_client(srv.url)
    items = c.list("listZones", key="zone")
    assert len(items) == 1203 and len({i["id"] for i in items}) == 1203
    assert [(r.params["page"], r.params["pagesize"]) for r in srv.requests] == [("1", "500"), ("2", "500"), ("3", "500")]


def test_list_exactly_one_full_page_stops_on_count(fake):
    srv = fake(paged(500))
    c = make_client(srv.url)
    assert len(c.list("listZones")) == 500
    assert len(srv.requests) == 1


def test_list_one_page_when_asked(fake):
    srv = fake(paged(1203))
    c = make_client(srv.url)
    items = c.list("listZones", page=2, pagesize=100)
    assert [i["id"] for i in items] == [str(i) for i in range(100, 200)]
    assert len(srv.requests) == 1


def test_empty_list_reply_is_empty(fake):
    srv = fake(paged(0))
    assert make_client(srv.url).list("listZones") == []


def test_list_adapts_to_a_lower_default_page_size(fake):
    items = [{"id": str(i)} for i in range(250)]

    def reply(req):
        size = int(req.params["pagesize"])
        if size > 100:
            return error("listZones", 431, "Page size can't exceed max allowed page size value: 100")
        page = int(req.params["page"])
        return ok("listZones", {"count": 250, "zone": items[(page - 1) * size: page * size]})

    srv = fake(reply)
    assert len(make_client(srv.url).list("listZones")) == 250
    assert [r.params["pagesize"] for r in srv.requests] == ["500", "100", "100", "100"]


# ---- retries --------------------------------------------------------------------------------------------
def failing_then_ok(failures, status=530, text="Internal error executing command, please contact your system administrator"):
    state = {"n": 0}

    def reply(req):
        state["n"] += 1
        if state["n"] <= failures:
            return DROP if status == "drop" else error(req.command, status, text)
        return ok(req.command, {"count": 1, "zone": [{"id": "1"}]} if req.command.startswith("list") else {"zone": {"id": "1"}})

    return reply


@pytest.mark.parametrize("status", [530, 503, "drop"])
def test_reads_are_retried_with_backoff(fake, status):
    srv = fake(failing_then_ok(3, status))
    sleeps = Sleeps()
    c = make_client(srv.url, sleeps)
    assert c.list("listZones") == [{"id": "1"}]
    assert len(srv.requests) == 4
    assert len(sleeps.delays) == 3
    # backoff grows (jitter 0.75-1.25 around 0.25, 0.5, 1.0)
    assert sleeps.delays[0] < sleeps.delays[2]
    assert 0.18 <= sleeps.delays[0] <= 0.32 and 0.7 <= sleeps.delays[2] <= 1.3


def test_read_retries_are_bounded(fake):
    srv = fake(failing_then_ok(100))
    sleeps = Sleeps()
    c = make_client(srv.url, sleeps, retries=3)
    with pytest.raises(CloudStackApiError) as exc:
        c.list("listZones")
    assert len(srv.requests) == 4
    assert exc.value.status == 530 and exc.value.cserrorcode == 4350
    assert str(exc.value).startswith("CloudStack API listZones failed (HTTP 530, errorcode 530, cserrorcode 4350): Internal error")


def test_429_honours_retry_after(fake):
    srv = fake(failing_then_ok(1, 429, "The given command:listZones has reached its limit. Please retry after [1500] ms."))
    sleeps = Sleeps()
    c = make_client(srv.url, sleeps)
    c.list("listZones")
    assert len(srv.requests) == 2
    assert sleeps.delays == [pytest.approx(1.5)]


def test_a_write_refused_with_429_is_sent_again(fake):
    srv = fake(failing_then_ok(1, 429, "please retry after [10] ms."))
    c = make_client(srv.url)
    assert c.call("createZone", name="z")["zone"]["id"] == "1"
    assert srv.commands() == ["createZone", "createZone"]


def test_a_write_is_not_resent_after_a_server_error(fake):
    srv = fake(failing_then_ok(1, 530))
    c = make_client(srv.url)
    with pytest.raises(CloudStackApiError):
        c.call("createZone", name="z")
    assert srv.commands() == ["createZone"]


def test_a_write_whose_reply_is_lost_raises_write_outcome_unknown(fake):
    srv = fake(failing_then_ok(1, "drop"))
    c = make_client(srv.url)
    with pytest.raises(WriteOutcomeUnknown) as exc:
        c.call("createZone", name="z")
    assert srv.commands() == ["createZone"]
    assert "may or may not have been carried out" in str(exc.value)
    # the next call opens a new connection and works
    assert c.call("listZones")["count"] == 1


def test_a_refused_connection_is_retried_even_for_writes_then_gives_up():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    sleeps = Sleeps()
    c = make_client("http://127.0.0.1:%d/client/api" % port, sleeps, retries=2)
    with pytest.raises(CloudStackConnectionError) as exc:
        c.call("createZone", name="z")
    assert not isinstance(exc.value, WriteOutcomeUnknown)
    assert len(sleeps.delays) == 2 and "after 3 attempts" in str(exc.value)


def test_semantic_errors_are_not_retried(fake):
    srv = fake(lambda req: error(req.command, 431, "Unable to execute API command listzones due to invalid value"))
    c = make_client(srv.url)
    with pytest.raises(CloudStackApiError) as exc:
        c.list("listZones", id="nope")
    assert len(srv.requests) == 1 and exc.value.errorcode == 431


def test_non_json_reply_is_a_clear_error(fake):
    srv = fake(lambda req: (502, b"<html>Bad Gateway</html>"))
    c = make_client(srv.url, retries=1)
    with pytest.raises(CloudStackConnectionError) as exc:
        c.list("listZones")
    assert "HTTP 502" in str(exc.value) and "not CloudStack's JSON" in str(exc.value)
    assert len(srv.requests) == 2


# ---- async jobs -------------------------------------------------------------------------------------------------
def job_server(states):
    """states: jobid -> list of replies (jobstatus ...) consumed one per poll."""

    def reply(req):
        if req.command == "queryAsyncJobResult":
            seq = states[req.params["jobid"]]
            job = seq.pop(0) if len(seq) > 1 else seq[0]
            return ok("queryAsyncJobResult", dict(job, jobid=req.params["jobid"]))
        return ok(req.command, {"jobid": "j1"})

    return reply


def test_wait_job_polls_with_short_first_delay_and_backoff(fake):
    done = {"jobstatus": 1, "jobresultcode": 0, "jobresult": {"domain": {"id": "d1"}}}
    srv = fake(job_server({"j1": [{"jobstatus": 0}] * 6 + [done]}))
    sleeps = Sleeps()
    c = make_client(srv.url, sleeps)
    assert c.wait_job({"jobid": "j1"}, "deleteDomain") == {"domain": {"id": "d1"}}
    assert sleeps.delays[0] == pytest.approx(0.1)
    assert sleeps.delays == sorted(sleeps.delays) and max(sleeps.delays) <= 2.0
    assert sleeps.delays[:4] == pytest.approx([0.1, 0.2, 0.4, 0.8])


def test_failed_job_raises_with_code_and_text(fake):
    failed = {"jobstatus": 2, "jobresultcode": 530, "jobresult": {"errorcode": 530, "errortext": "Job failed: simulated failure of deleteDomain"}}
    srv = fake(job_server({"j1": [failed]}))
    c = make_client(srv.url)
    with pytest.raises(JobFailed) as exc:
        c.wait_job("j1", "deleteDomain")
    assert exc.value.errorcode == 530
    assert str(exc.value) == "CloudStack async job j1 of deleteDomain failed (errorcode 530): Job failed: simulated failure of deleteDomain"


def test_job_timeout_is_bounded_by_api_async_timeout(fake):
    srv = fake(job_server({"j1": [{"jobstatus": 0}]}))
    sleeps = Sleeps()
    c = make_client(srv.url, sleeps, async_timeout=10)
    with pytest.raises(JobTimeout) as exc:
        c.wait_job("j1", "deleteDomain")
    assert sleeps.now == pytest.approx(10)
    assert "still running after 10 seconds (api_async_timeout)" in str(exc.value)


def test_several_jobs_awaited_together(fake):
    ok1 = {"jobstatus": 1, "jobresult": {"r": 1}}
    ok2 = {"jobstatus": 1, "jobresult": {"r": 2}}
    bad = {"jobstatus": 2, "jobresult": {"errorcode": 533, "errortext": "Insufficient capacity"}}
    srv = fake(job_server({"a": [{"jobstatus": 0}, ok1], "b": [{"jobstatus": 0}, {"jobstatus": 0}, ok2], "c": [bad]}))
    sleeps = Sleeps()
    c = make_client(srv.url, sleeps)
    res = c.wait_jobs(["a", "b", "c"], "deployVirtualMachine", return_errors=True)
    assert res[0] == {"r": 1} and res[1] == {"r": 2} and isinstance(res[2], JobFailed)
    # one polling round covers every pending job: 3 rounds, not 3 separate waits
    assert len(sleeps.delays) == 3
    with pytest.raises(JobFailed, match="Insufficient capacity"):
        c.wait_jobs(["c"], "deployVirtualMachine")


def test_job_polls_are_reads_and_are_retried(fake):
    state = {"n": 0}

    def reply(req):
        state["n"] += 1
        if state["n"] == 1:
            return DROP
        return ok("queryAsyncJobResult", {"jobid": "j1", "jobstatus": 1, "jobresult": {}})

    srv = fake(reply)
    assert make_client(srv.url).wait_job("j1") == {}
    assert srv.commands() == ["queryAsyncJobResult", "queryAsyncJobResult"]


# ---- session login ------------------------------------------------------------------------------------------------
def session_server(expire_after=None):
    state = {"logins": 0, "calls": 0}

    def reply(req):
        if req.command == "login":
            assert req.method == "POST"
            state["logins"] += 1
            key = "sk%d" % state["logins"]
            return (200, {"loginresponse": {"sessionkey": key, "username": req.params["username"]}},
                    [("Set-Cookie", "JSESSIONID=SID%d; Path=/client; HttpOnly" % state["logins"]), ("Set-Cookie", "sessionkey=%s; Path=/client" % key)])
        state["calls"] += 1
        key = "sk%d" % state["logins"]
        if req.params.get("sessionkey") != key or "JSESSIONID=SID%d" % state["logins"] not in req.headers.get("Cookie", ""):
            return error(req.command, 401, "unable to verify user credentials and/or request signature", 9999)
        if expire_after and state["calls"] == expire_after:
            return error(req.command, 401, "unable to verify user credentials and/or request signature", 9999)
        return ok(req.command, {})

    return reply, state


def test_session_login_then_cookie_and_sessionkey(fake):
    reply, state = session_server()
    srv = fake(reply)
    c = make_client(srv.url, api_key=None, api_secret=None, username="admin", password="pa55word", domain="/")
    c.list("listZones")
    c.list("listPods")
    assert srv.commands() == ["login", "listZones", "listPods"]
    login = srv.requests[0]
    assert login.params["password"] == "pa55word" and login.params["domain"] == "/"
    assert "signature" not in srv.requests[1].params and "apikey" not in srv.requests[1].params
    c.finish()
    assert srv.commands()[-1] == "logout" and srv.requests[-1].params["sessionkey"] == "sk1"
    c.finish()  # once only
    assert srv.commands().count("logout") == 1


def test_expired_session_logs_in_again_once(fake):
    reply, state = session_server(expire_after=2)
    srv = fake(reply)
    c = make_client(srv.url, api_key=None, api_secret=None, username="admin", password="pa55word")
    c.list("listZones")
    c.list("listZones")
    assert srv.commands() == ["login", "listZones", "listZones", "login", "listZones"]


# ---- secrets --------------------------------------------------------------------------------------------------------
def test_errors_and_debug_log_never_carry_secrets(fake):
    srv = fake(lambda req: DROP if req.command == "createUser" else error(req.command, 530, "boom"))
    c = make_client(srv.url, debug=True, retries=1)
    texts = []
    for call in (lambda: c.list("listZones"), lambda: c.call("createUser", password="UserPassw0rd!", username="u")):
        with pytest.raises(Exception) as exc:
            call()
        texts.append(str(exc.value))
        texts.append(repr(exc.value))
        texts.append(repr(exc.value.__dict__))
    texts += c.debug_log
    signatures = [r.params["signature"] for r in srv.requests]
    blob = "\n".join(texts)
    assert SECRET not in blob and "UserPassw0rd!" not in blob
    assert not any(s in blob for s in signatures)
    assert "createUser" in blob and "********" in blob


def test_login_errors_do_not_show_the_password(fake):
    srv = fake(lambda req: error("login", 531, "Failed to authenticate user admin in domain /; please provide valid credentials", 4365))
    c = make_client(srv.url, api_key=None, api_secret=None, username="admin", password="Wr0ngPass", debug=True)
    with pytest.raises(CloudStackApiError) as exc:
        c.list("listZones")
    assert exc.value.status == 531 and "Wr0ngPass" not in str(exc.value) + "".join(c.debug_log)


def test_bad_settings_are_clear():
    with pytest.raises(cl.CloudStackError, match="no credentials"):
        CloudStackClient("http://x/client/api")
    with pytest.raises(cl.CloudStackError, match="api_http_method"):
        CloudStackClient("http://x/client/api", api_key="k", api_secret="s", method="put")
    c = CloudStackClient("cloud.example.com/client/api", api_key="k", api_secret="s")
    assert c.scheme == "https" and c.host == "cloud.example.com"


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))


# ---- TLS ------------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cert(tmp_path_factory):
    import shutil
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl not installed")
    d = tmp_path_factory.mktemp("tls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(d / "key.pem"), "-out", str(d / "cert.pem")],
                   check=True, capture_output=True)
    return str(d / "cert.pem"), str(d / "key.pem")


def test_https_validation(fake, cert):
    srv = fake(lambda req: ok(req.command, {}), tls=cert)
    assert srv.url.startswith("https://")
    # a self-signed certificate is refused by default, with a clear reason
    sleeps = Sleeps()
    with pytest.raises(CloudStackConnectionError, match="CERTIFICATE_VERIFY_FAILED") as exc:
        make_client(srv.url, sleeps).list("listZones")
    assert "validate_certs" in str(exc.value) and sleeps.delays == []  # not retried
    # accepted with its CA given, or with validation off
    c = make_client(srv.url, ca_file=cert[0])
    assert c.list("listZones") == [] and c.list("listPods") == []
    assert c.connections_opened == 1
    assert make_client(srv.url, validate_certs=False).list("listZones") == []
