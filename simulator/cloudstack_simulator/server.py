"""HTTP: /client/api (GET and POST), authentication, sessions, faults, and the simulator's own endpoints.

- /client/api          the CloudStack API (apikey + signature, or a login session)
- /admin.json          the admin's {"apikey", "secretkey"} (as the ansible-test CloudStack container serves it)
- /_sim/stats          GET: calls per command; POST /_sim/stats/reset clears them
- /_sim/faults         POST body = a --faults spec (empty: none)
- /_sim/health         GET: {"status": "ok"}
"""
import http.cookies
import http.server
import json
import secrets
import socketserver
import time
import urllib.parse

from . import spec, wire
from .errors import AUTH_TEXT, UNKNOWN_COMMAND_TEXT, ApiError
from .identity_keys import ensure_user_keys, password_matches


class ThreadingServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "CloudStackSimulator/4.18"
    sim = None  # set by make_server

    def log_message(self, fmt, *args):  # quiet by default; --verbose turns it on
        if getattr(self.server, "verbose", False):
            super().log_message(fmt, *args)

    # ---- plumbing -----------------------------------------------------------------------------------
    def _send(self, status, body, headers=None):
        data = json.dumps(body).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or []):
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _params(self):
        url = urllib.parse.urlsplit(self.path)
        pairs = urllib.parse.parse_qsl(url.query, keep_blank_values=True)
        if self.command == "POST":
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            ctype = self.headers.get("Content-Type", "")
            if raw and "json" not in ctype:
                pairs += urllib.parse.parse_qsl(raw.decode("utf-8"), keep_blank_values=True)
        params = {}
        for k, v in pairs:
            params[k.lower()] = v
        return url.path, params

    def _cookies(self):
        jar = http.cookies.SimpleCookie()
        try:
            jar.load(self.headers.get("Cookie", ""))
        except http.cookies.CookieError:
            pass
        return {k: m.value for k, m in jar.items()}

    # ---- routes ------------------------------------------------------------------------------------
    def do_GET(self):
        self._route()

    def do_POST(self):
        self._route()

    def _route(self):
        path, params = self._params()
        path = path.rstrip("/") or "/"
        if path in ("/client/api", "/api", "/client/api/"):
            return self._api(params)
        if path == "/admin.json":
            with self.sim.lock:
                caller = self.sim.admin_caller()
                keys = ensure_user_keys(self.sim, caller["user"])
                self.sim.store.commit()
            return self._send(200, keys)
        if path == "/_sim/health":
            return self._send(200, {"status": "ok", "uptime": round(time.time() - self.sim.started, 1)})
        if path == "/_sim/stats":
            with self.sim.lock:
                calls = dict(sorted(self.sim.calls.items()))
            return self._send(200, {"total": sum(calls.values()), "calls": calls, "faults": self.sim.faults.injected})
        if path == "/_sim/stats/reset" and self.command == "POST":
            with self.sim.lock:
                self.sim.calls.clear()
            return self._send(200, {"total": 0})
        if path == "/_sim/faults" and self.command == "POST":
            try:
                self.sim.faults.set(params.get("spec", ""))
            except ValueError as exc:
                return self._send(400, {"error": str(exc)})
            return self._send(200, {"faults": self.sim.faults.rates})
        if path in ("/", "/client"):
            return self._send(200, {"name": "CloudStack API simulator", "api": "/client/api", "version": "4.18"})
        return self._send(404, {"error": f"no such path: {path}"})

    def _api(self, params):
        name = params.get("command")
        cmd = spec.lookup(name) if name else None
        wrapper = cmd.wrapper if cmd else "errorresponse"
        if not name:
            err = ApiError(432, UNKNOWN_COMMAND_TEXT)
            return self._send(err.code, {wrapper: err.body()})
        if cmd and cmd.name == "login":
            return self._login(cmd, params)
        caller, new_cookies = self._authenticate(params)
        if caller is None:
            err = ApiError(401, AUTH_TEXT)
            return self._send(401, {wrapper: err.body()})
        if cmd and cmd.name == "logout":
            return self._logout(cmd)
        faults = self.sim.faults
        cname = cmd.name if cmd else name
        if faults.active:
            if faults.roll("429", cname):
                err = ApiError(429, "The given command:" + cname + " has reached its limit. Please retry after [1000] ms.")
                return self._send(429, {wrapper: err.body()})
            if faults.roll("5xx", cname):
                err = ApiError(530, "Internal error executing command, please contact your system administrator")
                return self._send(530, {wrapper: err.body()})
            if faults.roll("slow", cname):
                time.sleep(faults.slow_seconds)
        status, body = self.sim.call(cname, params, caller)
        if faults.active and faults.roll("drop", cname):
            # the action happened; the reply is lost
            self.close_connection = True
            return
        self._send(status, body)

    # ---- authentication ------------------------------------------------------------------------------
    def _authenticate(self, params):
        store = self.sim.store
        apikey = params.get("apikey")
        if apikey:
            with self.sim.lock:
                user = store.first("user", apikey=apikey)
                if user is None or user.get("state", "enabled") != "enabled":
                    return None, None
                secret = user.get("_secretkey")
                if not wire.verify(params, secret, params.get("signature")):
                    return None, None
                if params.get("signatureversion") == "3" and wire.expired(params.get("expires")):
                    return None, None
                return self.sim.caller_for_user(user), None
        cookies = self._cookies()
        sid = cookies.get("JSESSIONID")
        if sid:
            with self.sim.lock:
                session = store.get("session", sid)
                if session is None:
                    return None, None
                key = params.get("sessionkey") or cookies.get("sessionkey")
                if key != session["sessionkey"]:
                    return None, None
                user = store.get("user", session["userid"])
                if user is None:
                    return None, None
                return self.sim.caller_for_user(user), None
        return None, None

    def _login(self, cmd, params):
        if self.command != "POST":
            err = ApiError(405, "Please use HTTP POST to authenticate using this API")
            return self._send(405, {cmd.wrapper: err.body()})
        for name in ("username", "password"):
            if not params.get(name):
                err = ApiError(431, f"Unable to execute API command login due to missing parameter {name}")
                return self._send(431, {cmd.wrapper: err.body()})
        with self.sim.lock:
            self.sim.calls["login"] += 1
            store = self.sim.store
            path = params.get("domain") or "/"
            if not path.startswith("/"):
                path = "/" + path
            if not path.endswith("/"):
                path += "/"
            if path.upper().startswith("/ROOT/"):
                path = path[5:]
            domain = store.first("domain", _path=path)
            if params.get("domainid"):
                domain = store.first("domain", _seq=int(params["domainid"])) if params["domainid"].isdigit() else store.get("domain", params["domainid"])
            user = None
            if domain:
                low = params["username"].lower()
                user = next((u for u in store.find("user", domainid=domain["id"]) if u["username"].lower() == low), None)
            if user is None or not password_matches(user, params["password"]) or user.get("state") != "enabled":
                err = ApiError(531, "Failed to authenticate user " + params["username"] + " in domain " + str(params.get("domain") or "/") + "; please provide valid credentials")
                return self._send(531, {cmd.wrapper: err.body()})
            caller = self.sim.caller_for_user(user)
            sid = secrets.token_hex(16).upper()
            sessionkey = secrets.token_urlsafe(20)
            store.add("session", {"id": sid, "sessionkey": sessionkey, "userid": user["id"], "created": time.time()})
            store.commit()
            account = caller["account"]
            body = {
                "username": user["username"],
                "userid": user["id"],
                "domainid": account["domainid"],
                "timeout": 1800,
                "account": account["name"],
                "firstname": user.get("firstname"),
                "lastname": user.get("lastname"),
                "type": str(account.get("accounttype", 0)),
                "timezone": user.get("timezone"),
                "registered": "false",
                "sessionkey": sessionkey,
                "issuerfor2fa": "cloudstack",
                "is2faenabled": "false",
                "is2faverified": "false",
            }
        body = {k: v for k, v in body.items() if v is not None}
        headers = [
            ("Set-Cookie", f"JSESSIONID={sid}; Path=/client; HttpOnly"),
            ("Set-Cookie", f"sessionkey={sessionkey}; Path=/client"),
            ("Set-Cookie", f"userid={user['id']}; Path=/client"),
        ]
        self._send(200, {cmd.wrapper: body}, headers)

    def _logout(self, cmd):
        sid = self._cookies().get("JSESSIONID")
        with self.sim.lock:
            self.sim.calls["logout"] += 1
            if sid:
                self.sim.store.delete("session", sid)
                self.sim.store.commit()
        self._send(200, {cmd.wrapper: {"description": "success"}}, [("Set-Cookie", "JSESSIONID=; Path=/client; Max-Age=0")])


def make_server(sim, host="127.0.0.1", port=8080, verbose=False):
    handler = type("BoundHandler", (Handler,), {"sim": sim})
    httpd = ThreadingServer((host, port), handler)
    httpd.verbose = verbose
    return httpd
