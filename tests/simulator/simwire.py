"""Raw HTTP helpers for the wire tests: requests built by hand, signed as CloudStack's ApiServer verifies them.

Written from CloudStack's sources (ApiServer.verifyRequest), independently of the simulator's own code:
parameter names sorted as sent (Java String order), values encoded as java.net.URLEncoder does ("+" -> "%20",
"*" kept, "~" -> "%7E"), the whole string lower-cased, HmacSHA1, Base64.
"""
import base64
import datetime
import hashlib
import hmac
import http.client
import json
import urllib.parse

JAVA_SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-*_"


def java_encode(value):
    out = []
    for ch in str(value):
        if ch in JAVA_SAFE:
            out.append(ch)
        elif ch == " ":
            out.append("%20")
        else:
            out.extend("%%%02X" % b for b in ch.encode("utf-8"))
    return "".join(out)


def java_sign(params, secret):
    names = sorted((k for k in params if k.lower() != "signature"), key=lambda k: [ord(c) for c in k])
    text = "&".join(f"{k}={java_encode(params[k])}" for k in names).lower()
    return base64.b64encode(hmac.new(secret.encode(), text.encode(), hashlib.sha1).digest()).decode()


def expires_in(seconds):
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S+0000")


class Reply:
    def __init__(self, status, headers, data):
        self.status, self.headers, self.data = status, headers, data

    @property
    def json(self):
        return json.loads(self.data)

    @property
    def inner(self):
        (inner,) = self.json.values()
        return inner

    @property
    def wrapper(self):
        (wrapper,) = self.json.keys()
        return wrapper

    def cookies(self):
        """Set-Cookie headers as {name: full header value}."""
        return {h.split("=", 1)[0].strip(): h for h in self.headers.get_all("Set-Cookie") or []}


def request(server, method="GET", query=None, body=None, headers=None, path="/client/api", timeout=30):
    """One HTTP request to a SimServer; query/body are dicts (encoded with %20 for spaces) or raw strings."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    qs = query if isinstance(query, str) or query is None else urllib.parse.urlencode(query, quote_via=urllib.parse.quote)
    url = path + ("?" + qs if qs else "")
    hdrs = dict(headers or {})
    data = None
    if body is not None:
        data = (body if isinstance(body, str) else urllib.parse.urlencode(body, quote_via=urllib.parse.quote)).encode()
        hdrs.setdefault("Content-Type", "application/x-www-form-urlencoded")
    try:
        conn.request(method, url, body=data, headers=hdrs)
        resp = conn.getresponse()
        return Reply(resp.status, resp.headers, resp.read())
    finally:
        conn.close()


def signed(server, command, method="GET", key=None, secret=None, **params):
    """A call signed the Java way with parameter names exactly as given (response=json unless given)."""
    p = {"command": command, "apiKey": key or server.key, **{k: str(v) for k, v in params.items()}}
    p.setdefault("response", "json")
    p["signature"] = java_sign(p, secret or server.secret)
    if method == "GET":
        return request(server, "GET", query=p)
    return request(server, "POST", body=p)


def login(server, username="admin", password="password", domain="/", **extra):
    """POST login as CloudMonkey and the UI do; returns (reply, cookie header value, sessionkey)."""
    reply = request(server, "POST", body={"command": "login", "username": username, "password": password, "domain": domain,
                                          "response": "json", **extra})
    assert reply.status == 200, (reply.status, reply.data)
    jar = {}
    for name, header in reply.cookies().items():
        jar[name] = header.split("=", 1)[1].split(";", 1)[0]
    cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
    return reply, cookie, reply.inner["sessionkey"]


def session_call(server, cookie, command, sessionkey=None, method="GET", **params):
    p = {"command": command, "response": "json", **{k: str(v) for k, v in params.items()}}
    if sessionkey is not None:
        p["sessionkey"] = sessionkey
    headers = {"Cookie": cookie} if cookie else {}
    if method == "GET":
        return request(server, "GET", query=p, headers=headers)
    return request(server, "POST", body=p, headers=headers)


def make_user(server, name, domainid=None, accounttype=0):
    """An account with one user (password "secret-pw") made through the API; returns (user dict, apikey, secretkey)."""
    params = {"username": name, "password": "secret-pw", "email": f"{name}@example.org", "firstname": name, "lastname": "Test",
              "accounttype": accounttype, "account": name}
    if domainid:
        params["domainid"] = domainid
    account = server.ok("createAccount", **params)["account"]
    user = account["user"][0]
    keys = server.ok("registerUserKeys", id=user["id"])["userkeys"]
    return user, keys["apikey"], keys["secretkey"]


def set_config(server, name, value):
    """Set a global setting: through updateConfiguration when the simulator has it, else in its store."""
    status, body = server.call("updateConfiguration", name=name, value=value)
    if status == 200:
        return
    with server.sim.lock:
        cfg = server.sim.store.first("configuration", name=name)
        if cfg is None:
            server.sim.store.add("configuration", {"name": name, "value": str(value), "category": "Advanced", "scope": "global"})
        else:
            cfg["value"] = str(value)
            server.sim.store.save("configuration", cfg)
        server.sim.store.commit()
