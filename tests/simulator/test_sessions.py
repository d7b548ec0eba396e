"""Login sessions as CloudMonkey and the UI use them: POST login, the JSESSIONID and sessionkey cookies,
sessionkey as a parameter, logout; and what ApiServlet answers when any part is wrong."""
import http.cookiejar
import json
import time
import urllib.parse
import urllib.request

from simwire import login, make_user, request, session_call, signed

FULL_AUTH_TEXT = "unable to verify user credentials and/or request signature"
SESSION_AUTH_TEXT = "unable to verify user credentials"


def test_login_must_be_post(simserver):
    reply = request(simserver, "GET", query={"command": "login", "username": "admin", "password": "password", "response": "json"})
    assert reply.status == 405
    # ApiServlet writes the exception's message as the body
    assert reply.data == b"Please use HTTP POST to authenticate using this API"


def test_login_reply_and_cookies(simserver):
    reply, _cookie, key = login(simserver)
    body = reply.inner
    assert reply.wrapper == "loginresponse"
    assert body["username"] == "admin" and body["account"] == "admin" and body["type"] == "1"
    assert body["timeout"] == 1800 and body["registered"] == "false"
    assert body["userid"] == simserver.ok("listUsers", username="admin")["user"][0]["id"]
    assert body["domainid"] == simserver.ok("listDomains", name="ROOT")["domain"][0]["id"]
    cookies = reply.cookies()
    assert set(cookies) == {"JSESSIONID", "sessionkey"}
    assert "Path=/client" in cookies["JSESSIONID"] and "HttpOnly" in cookies["JSESSIONID"]
    assert cookies["sessionkey"].startswith(f"sessionkey={key};")


def test_session_call_with_cookie_and_sessionkey_parameter(simserver):
    _reply, cookie, key = login(simserver)
    for method in ("GET", "POST"):
        reply = session_call(simserver, cookie, "listDomains", sessionkey=key, method=method, name="ROOT")
        assert reply.status == 200 and reply.inner["count"] == 1


def test_sessionkey_cookie_alone_is_enough(simserver):
    _reply, cookie, _key = login(simserver)
    assert "sessionkey=" in cookie
    assert session_call(simserver, cookie, "listDomains").status == 200


def test_jsessionid_without_any_sessionkey_is_401_and_ends_the_session(simserver):
    _reply, cookie, key = login(simserver)
    jsession = next(part for part in cookie.split("; ") if part.startswith("JSESSIONID="))
    reply = session_call(simserver, jsession, "listDomains")
    assert reply.status == 401
    assert reply.json == {"listdomainsresponse": {"uuidList": [], "errorcode": 401, "errortext": SESSION_AUTH_TEXT}}
    # the session was invalidated: even the right key no longer works
    reply = session_call(simserver, cookie, "listDomains", sessionkey=key)
    assert reply.status == 401 and reply.inner["errortext"] == FULL_AUTH_TEXT


def test_wrong_sessionkey_is_401(simserver):
    _reply, cookie, _key = login(simserver)
    reply = session_call(simserver, cookie, "listDomains", sessionkey="forged")
    assert reply.status == 401 and reply.inner["errortext"] == SESSION_AUTH_TEXT


def test_logout_ends_the_session(simserver):
    _reply, cookie, key = login(simserver)
    reply = session_call(simserver, cookie, "logout", sessionkey=key)
    assert reply.status == 200 and reply.json == {"logoutresponse": {"description": "success"}}
    assert all("Max-Age=0" in v for v in reply.cookies().values()) and "JSESSIONID" in reply.cookies()
    reply = session_call(simserver, cookie, "listDomains", sessionkey=key)
    assert reply.status == 401
    assert reply.json == {"listdomainsresponse": {"uuidList": [], "errorcode": 401, "errortext": FULL_AUTH_TEXT}}


def test_logout_without_a_session_still_says_success(simserver):
    reply = request(simserver, query={"command": "logout", "response": "json"})
    assert reply.status == 200 and reply.inner == {"description": "success"}


def test_wrong_password_is_531_without_cserrorcode(simserver):
    reply = request(simserver, "POST", body={"command": "login", "username": "admin", "password": "nope", "response": "json"})
    assert reply.status == 531
    assert reply.json == {"loginresponse": {"uuidList": [], "errorcode": 531,
                                            "errortext": "Failed to authenticate user admin in domain 1; please provide valid credentials"}}
    assert "Set-Cookie" not in reply.headers


def test_unknown_domain_is_531(simserver):
    reply = request(simserver, "POST", body={"command": "login", "username": "admin", "password": "password", "domain": "nosuch",
                                             "response": "json"})
    assert reply.status == 531 and reply.inner["errortext"] == "Unable to find the domain from the path /nosuch/"


def test_login_in_a_subdomain_by_path_and_by_domainid(simserver):
    dom = simserver.ok("createDomain", name="Sales")["domain"]
    user, _key, _secret = make_user(simserver, "seller", domainid=dom["id"])
    for domain in ("/Sales", "Sales/", "/ROOT/Sales/"):
        reply, cookie, key = login(simserver, "seller", "secret-pw", domain)
        assert reply.inner["userid"] == user["id"] and reply.inner["domainid"] == dom["id"] and reply.inner["type"] == "0"
    reply, cookie, key = login(simserver, "seller", "secret-pw", "/", domainid=dom["id"])
    assert reply.inner["userid"] == user["id"]
    # the session acts as that user: listAccounts shows only its own account
    accounts = session_call(simserver, cookie, "listAccounts", sessionkey=key).inner["account"]
    assert [a["name"] for a in accounts] == ["seller"]
    # not the admin's domain: ROOT login with that user fails
    reply = request(simserver, "POST", body={"command": "login", "username": "seller", "password": "secret-pw", "response": "json"})
    assert reply.status == 531


def test_disabled_user_cannot_log_in_and_loses_its_session(simserver):
    user, _key, _secret = make_user(simserver, "shortlived")
    _reply, cookie, key = login(simserver, "shortlived", "secret-pw")
    assert session_call(simserver, cookie, "listAccounts", sessionkey=key).status == 200
    simserver.wait(simserver.ok("disableUser", id=user["id"]))
    reply = session_call(simserver, cookie, "listAccounts", sessionkey=key)
    # refused either by ApiServlet's verifyUser (session kept until then) or because disabling ended the session
    assert reply.status == 401 and reply.inner["errortext"] in (SESSION_AUTH_TEXT, FULL_AUTH_TEXT)
    reply = request(simserver, "POST", body={"command": "login", "username": "shortlived", "password": "secret-pw", "response": "json"})
    assert reply.status == 531


def test_session_unknown_command_is_432_and_missing_command_400(simserver):
    _reply, cookie, key = login(simserver)
    reply = session_call(simserver, cookie, "noSuchCommand", sessionkey=key)
    assert reply.status == 432
    assert reply.json == {"errorresponse": {"uuidList": [], "errorcode": 432, "cserrorcode": 9999, "errortext": "Unknown API command: noSuchCommand"}}
    reply = request(simserver, query={"response": "json", "sessionkey": key}, headers={"Cookie": cookie})
    assert reply.status == 400 and reply.inner["errortext"] == "no command specified"


def test_cloudmonkey_style_flow_with_a_real_cookie_jar(simserver):
    """urllib with a cookie jar, as a client library would: POST login, calls, async job poll, logout."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def call(method="GET", **params):
        data = urllib.parse.urlencode({"response": "json", **params}, quote_via=urllib.parse.quote)
        if method == "POST":
            req = urllib.request.Request(simserver.endpoint, data=data.encode(), method="POST")
        else:
            req = urllib.request.Request(simserver.endpoint + "?" + data)
        try:
            with opener.open(req, timeout=10) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read() or b"{}")

    status, body = call("POST", command="login", username="admin", password="password", domain="/")
    assert status == 200
    key = body["loginresponse"]["sessionkey"]
    assert {c.name for c in jar} == {"JSESSIONID", "sessionkey"}
    status, body = call(command="createProject", name="cmk-project", displaytext="made over a session", sessionkey=key)
    assert status == 200 and body["createprojectresponse"]["jobid"]
    jobid = body["createprojectresponse"]["jobid"]
    for _ in range(200):
        status, body = call(command="queryAsyncJobResult", jobid=jobid, sessionkey=key)
        if body["queryasyncjobresultresponse"]["jobstatus"] != 0:
            break
    assert body["queryasyncjobresultresponse"]["jobstatus"] == 1
    assert body["queryasyncjobresultresponse"]["jobresult"]["project"]["name"] == "cmk-project"
    status, body = call("POST", command="listProjects", sessionkey=key)
    assert status == 200 and [p["name"] for p in body["listprojectsresponse"]["project"]] == ["cmk-project"]
    status, body = call(command="logout", sessionkey=key)
    assert status == 200 and body == {"logoutresponse": {"description": "success"}}
    status, body = call(command="listProjects", sessionkey=key)
    assert status == 401


def test_idle_sessions_expire(simserver):
    simserver.sim.session_timeout = 0.5
    _reply, cookie, key = login(simserver)
    for _ in range(3):  # each call resets the idle time
        time.sleep(0.3)
        assert session_call(simserver, cookie, "listDomains", sessionkey=key).status == 200
    time.sleep(0.7)
    reply = session_call(simserver, cookie, "listDomains", sessionkey=key)
    assert reply.status == 401 and reply.inner["errortext"] == FULL_AUTH_TEXT


def test_api_keys_still_work_beside_sessions(simserver):
    login(simserver)
    assert signed(simserver, "listDomains").status == 200
