"""Helpers for the tenancy tests: async jobs, calls as another user, login sessions, a small domain tree."""
import http.cookiejar
import json
import urllib.error
import urllib.parse
import urllib.request


def job_result(s, command, **params):
    """Run an async command and return its job result (the job must succeed)."""
    reply = s.ok(command, **params)
    job = s.wait(reply)
    assert job["jobstatus"] == 1, (command, job)
    return job["jobresult"]


def job_error(s, command, **params):
    """Run an async command whose job must fail; returns the job."""
    reply = s.ok(command, **params)
    job = s.wait(reply)
    assert job["jobstatus"] == 2, (command, job)
    return job


def inner(body):
    (value,) = body.values()
    return value


class As:
    """Signed calls with another user's API keys."""

    def __init__(self, s, keys):
        self.s, self.key, self.secret = s, keys["apikey"], keys["secretkey"]

    def call(self, command, **params):
        return self.s.call(command, key=self.key, secret=self.secret, **params)

    def ok(self, command, **params):
        status, body = self.call(command, **params)
        assert status == 200, (command, status, body)
        return inner(body)

    def items(self, command, key, **params):
        return self.ok(command, **params).get(key, [])


def new_account(s, name, domainid=None, accounttype=0, password="secret-pw", **extra):
    params = {"username": name, "password": password, "firstname": name.title(), "lastname": "Test", "email": f"{name}@example.com",
              "accounttype": accounttype, **extra}
    if domainid:
        params["domainid"] = domainid
    return s.ok("createAccount", **params)["account"]


def keys_for(s, account):
    return s.ok("registerUserKeys", id=account["user"][0]["id"])["userkeys"]


def tree(s):
    """ROOT/d1/d2: a domain admin in d1, a user in d2, a user in ROOT; with their API keys."""
    d1 = s.ok("createDomain", name="d1")["domain"]
    d2 = s.ok("createDomain", name="d2", parentdomainid=d1["id"])["domain"]
    dadmin = new_account(s, "dadmin", d1["id"], accounttype=2)
    u2 = new_account(s, "u2", d2["id"])
    u0 = new_account(s, "u0")
    return {
        "d1": d1, "d2": d2, "dadmin": dadmin, "u2": u2, "u0": u0,
        "as_dadmin": As(s, keys_for(s, dadmin)), "as_u2": As(s, keys_for(s, u2)), "as_u0": As(s, keys_for(s, u0)),
    }


class Session:
    """The login flow as CloudMonkey and the UI use it: POST login, then the JSESSIONID cookie and sessionkey."""

    def __init__(self, s):
        self.s = s
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.sessionkey = None

    def _open(self, data, method="POST"):
        body = urllib.parse.urlencode(data).encode()
        if method == "POST":
            req = urllib.request.Request(self.s.endpoint, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        else:
            req = urllib.request.Request(self.s.endpoint + "?" + body.decode())
        try:
            with self.opener.open(req, timeout=30) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as err:
            raw = err.read()
            try:
                return err.code, json.loads(raw or b"{}")
            except ValueError:
                return err.code, {"raw": raw.decode("utf-8", "replace")}

    def login(self, username, password, domain="/"):
        status, body = self._open({"command": "login", "username": username, "password": password, "domain": domain, "response": "json"})
        if status == 200:
            self.sessionkey = body["loginresponse"]["sessionkey"]
        return status, body

    def call(self, command, **params):
        return self._open({"command": command, "response": "json", "sessionkey": self.sessionkey, **params}, method="GET")
