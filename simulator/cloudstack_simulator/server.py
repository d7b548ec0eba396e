"""HTTP: /client/api (GET and POST) as CloudStack's ApiServlet serves it, faults, and the simulator's own endpoints.

- /client/api          the CloudStack API (apikey + signature, or a login session)
- /admin.json          the admin's {"apikey", "secretkey"} (as the ansible-test CloudStack container serves it)
- /_sim/stats          GET: calls per command and replies per HTTP status; POST /_sim/stats/reset clears them
- /_sim/faults         GET: the fault rates; POST spec=<a --faults spec> sets them (empty: none)
- /_sim/health         GET: {"status": "ok"}

The order of checks follows ApiServlet.processRequestInContext and ApiServer.verifyRequest / handleRequest:
login/logout first (no credentials), then a session (JSESSIONID cookie + sessionkey) or an API-key signature,
the api-limit plugin, then the command itself.
"""
import http.cookies
import http.server
import json
import socketserver
import time
import urllib.parse

from . import wire
from .errors import AUTH_TEXT, NO_CS_CODE, SESSION_AUTH_TEXT, USER_ERROR_MESSAGE, ApiError, rate_limit_text
from .identity_keys import ensure_user_keys, password_matches

API_PATHS = ("/client/api", "/api")
LOGIN_405_TEXT = "Please use HTTP POST to authenticate using this API"  # DefaultLoginAPIAuthenticatorCmd


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
    def _send_raw(self, status, data, ctype="application/json; charset=UTF-8", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or []):
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _send(self, status, body, headers=None):
        self._send_raw(status, json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8"), headers=headers)

    def _reply(self, status, body, headers=None, description=None):
        """An API reply in the format the request asked for (response=json, else CloudStack's default XML)."""
        self.sim.statuses[status] += 1
        headers = list(headers or [])
        if description:
            headers.append(("X-Description", description.encode("latin-1", "replace").decode("latin-1")))
        if self._json:
            self._send(status, body, headers)
        else:
            self._send_raw(status, wire.to_xml(body).encode("utf-8"), "text/xml; charset=UTF-8", headers)

    def _error(self, wrapper, err, headers=None, description=True):
        self._reply(err.code, {wrapper: err.body()}, headers, err.text if description else None)

    def _params(self):
        """(path, params as sent, params with lower-cased names) of this request."""
        url = urllib.parse.urlsplit(self.path)
        body = ""
        if self.command == "POST":
            try:
                length = max(int(self.headers.get("Content-Length") or 0), 0)
            except ValueError:
                length = 0
                self.close_connection = True  # an unreadable body: do not reuse the connection
            raw = self.rfile.read(length) if length else b""
            if self.headers.get("Content-Type", "").lower().startswith("application/x-www-form-urlencoded"):
                body = raw.decode("utf-8", "replace")
        raw_params = wire.request_params(url.query, body)
        lower = {}
        for k, v in raw_params.items():
            lower.setdefault(k.lower(), v)
        return url.path, raw_params, lower

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

    def _not_allowed(self):
        # ApiServlet implements doGet and doPost only; HttpServlet answers the other methods 405
        self._send_raw(405, f"HTTP method {self.command} is not supported by this URL".encode(), "text/plain; charset=UTF-8",
                       [("Allow", "GET, POST")])

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    def _route(self):
        path, raw, params = self._params()
        path = path.rstrip("/") or "/"
        if path in API_PATHS:
            return self._api(raw, params)
        sim = self.sim
        if path == "/admin.json":
            with sim.lock:
                caller = sim.admin_caller()
                keys = ensure_user_keys(sim, caller["user"])
                sim.store.commit()
            return self._send(200, keys)
        if path == "/_sim/health":
            return self._send(200, {"status": "ok", "uptime": round(time.time() - sim.started, 1)})
        if path == "/_sim/stats":
            with sim.lock:
                calls = dict(sorted(sim.calls.items()))
                statuses = {str(k): v for k, v in sorted(sim.statuses.items())}
                pending = len(sim._pending)
            return self._send(200, {"total": sum(calls.values()), "calls": calls, "status": statuses,
                                    "faults": dict(sim.faults.injected), "pending_jobs": pending})
        if path == "/_sim/stats/reset":
            if self.command != "POST":
                return self._send(405, {"error": "POST /_sim/stats/reset"})
            with sim.lock:
                sim.calls.clear()
                sim.statuses.clear()
                sim.faults.reset_counts()
            return self._send(200, {"total": 0})
        if path == "/_sim/faults":
            if self.command == "POST":
                try:
                    sim.faults.set(params.get("spec", ""))
                except ValueError as exc:
                    return self._send(400, {"error": str(exc)})
            return self._send(200, sim.faults.describe())
        if path in ("/", "/client"):
            return self._send(200, {"name": "CloudStack API simulator", "api": "/client/api", "version": "4.18"})
        return self._send(404, {"error": f"no such path: {path}"})

    # ---- /client/api --------------------------------------------------------------------------------
    def _api(self, raw, params):
        sim = self.sim
        self._json = str(raw.get("response", "")).lower() == "json"
        name = raw.get("command")  # the servlet's parameter map is case-sensitive: "command" exactly
        cmd = sim.command(name, exact=True)
        wrapper = cmd.wrapper if cmd else "errorresponse"
        if name == "login":
            return self._login(cmd, raw, params)
        if name == "logout":
            return self._logout(cmd)

        cookies = self._cookies()
        sid = (cookies.get("JSESSIONID") or "").split(".", 1)[0]
        session = sim.session(sid)
        if session is not None:
            # HttpUtils.validateSessionKey: the sessionkey cookie and/or parameter, each one present must match
            key_cookie, key_param = cookies.get("sessionkey"), raw.get("sessionkey")
            valid = (key_cookie is not None or key_param is not None) and all(
                k is None or k == session["sessionkey"] for k in (key_cookie, key_param))
            with sim.lock:
                user = sim.store.get("user", session["userid"])
                ok = valid and sim.user_may_call(user)
                caller = sim.caller_for_user(user) if ok else None
            if not ok:
                sim.end_session(sid)
                return self._error(wrapper, ApiError(401, SESSION_AUTH_TEXT, NO_CS_CODE), description=False)
            if not name:
                return self._error(wrapper, ApiError(400, "no command specified", NO_CS_CODE), description=False)
        else:
            caller = self._verify_signature(raw, name, cmd)
            if caller is None:
                return self._error(wrapper, ApiError(401, AUTH_TEXT, NO_CS_CODE), description=False)
            if isinstance(caller, ApiError):
                return self._error(wrapper, caller)
        try:
            sim.check_rate_limit(caller)
        except ApiError as err:
            return self._error(wrapper, err)
        self._dispatch(name, cmd, wrapper, params, caller)

    def _verify_signature(self, raw, name, cmd):
        """ApiServer.verifyRequest for a request without a session: the caller, or None (401)."""
        sim = self.sim
        if not name or cmd is None:  # unknown commands are refused here with a 401, before any signature check
            return None
        apikey = signature = version = expires = None
        for k, v in raw.items():
            low = k.lower()
            if low == "signature":
                signature = v
            elif low == "apikey":
                apikey = v
            elif low == "signatureversion":
                version = v
            elif low == "expires":
                expires = v
        if not signature or not apikey:
            return None
        if version == "3" and (expires is None or wire.expired(expires)):
            return None
        with sim.lock:
            user = sim.store.first("user", apikey=apikey)
            if user is None or not sim.user_may_call(user):
                return None
            caller = sim.caller_for_user(user)
            secret = user.get("_secretkey")
        if not wire.verify(raw, secret, signature):
            return None
        return caller

    def _dispatch(self, name, cmd, wrapper, params, caller):
        sim = self.sim
        faults = sim.faults
        cname = cmd.name if cmd else name
        if faults.active:
            if faults.roll("429", cname):
                return self._error(wrapper, ApiError(429, rate_limit_text(faults.retry_after_ms), 9999))
            if faults.roll("5xx", cname):
                return self._error(wrapper, ApiError(530, USER_ERROR_MESSAGE))
            if faults.roll("slow", cname):
                time.sleep(faults.slow_seconds)
        status, body = sim.call(cname, params, caller)
        if faults.active and faults.roll("drop", cname):
            # the action happened; the reply is lost
            sim.statuses["dropped"] += 1
            self.close_connection = True
            return
        inner = next(iter(body.values()), {})
        self._reply(status, body, description=inner.get("errortext") if status != 200 and isinstance(inner, dict) else None)

    # ---- login / logout ------------------------------------------------------------------------------
    def _login(self, cmd, raw, params):
        """DefaultLoginAPIAuthenticatorCmd + ApiServer.loginUser."""
        sim = self.sim
        with sim.lock:
            sim.calls["login"] += 1
        if self.command != "POST":
            # ApiServlet writes the exception's message itself: a bare text body
            sim.statuses[405] += 1
            return self._send_raw(405, LOGIN_405_TEXT.encode("utf-8"))
        username, password = raw.get("username"), raw.get("password")
        with sim.lock:
            store = sim.store
            domain = None
            path = raw.get("domain") or "/"
            if not path.endswith("/"):
                path += "/"
            if not path.startswith("/"):
                path = "/" + path
            domainid = raw.get("domainid") or raw.get("domainId")
            if domainid:
                domain = store.get("domain", domainid)
                if domain is None:
                    if not domainid.lstrip("-").isdigit():
                        return self._error(cmd.wrapper, ApiError(401, "Invalid domain id entered, please enter a valid one", NO_CS_CODE),
                                           description=False)
                    domain = store.first("domain", _seq=int(domainid))
            else:
                # DomainManager.findDomainByPath: "/" is ROOT, "/ROOT/..." is accepted for ROOT's children too
                lookup = path[5:] if path.upper().startswith("/ROOT/") else path
                domain = store.first("domain", _path=lookup) or store.first("domain", _path=path)
            if username is None:
                return self._send_raw(531, b"")
            if domain is None or domain.get("_removed"):
                return self._error(cmd.wrapper, ApiError(531, f"Unable to find the domain from the path {path}", NO_CS_CODE),
                                   description=False)
            low = username.lower()
            user = next((u for u in store.find("user", domainid=domain["id"]) if str(u.get("username", "")).lower() == low), None)
            if user is None or password is None or not password_matches(user, password) or not sim.user_may_call(user):
                text = f"Failed to authenticate user {username} in domain {domain.get('_seq')}; please provide valid credentials"
                return self._error(cmd.wrapper, ApiError(531, text, NO_CS_CODE), description=False)
            caller = sim.caller_for_user(user)
            sid, sessionkey = sim.new_session(user)
            account = caller["account"]
            body = {
                "username": user["username"],
                "userid": user["id"],
                "domainid": account["domainid"],
                "timeout": int(sim.session_timeout),
                "account": account["name"],
                "firstname": user.get("firstname"),
                "lastname": user.get("lastname"),
                "type": str(account.get("accounttype", 0)),
                "timezone": user.get("timezone"),
                "registered": "false",
                "sessionkey": sessionkey,
                "is2faenabled": "false",
                "is2faverified": "true",
                "issuerfor2fa": sim.config_value("user.two.factor.authentication.issuer", "CloudStack"),
            }
        body = {k: v for k, v in body.items() if v is not None}
        headers = [
            ("Set-Cookie", f"JSESSIONID={sid}.node0; Path=/client; HttpOnly"),
            ("Set-Cookie", f"sessionkey={sessionkey}; HttpOnly"),
        ]
        self._reply(200, {cmd.wrapper: body}, headers)

    def _logout(self, cmd):
        """DefaultLogoutAPIAuthenticatorCmd: always "success"; ends the session and expires the request's cookies."""
        cookies = self._cookies()
        sid = (cookies.get("JSESSIONID") or "").split(".", 1)[0]
        with self.sim.lock:
            self.sim.calls["logout"] += 1
        self.sim.end_session(sid)
        headers = [("Set-Cookie", f"{name}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT") for name in cookies]
        self._reply(200, {cmd.wrapper: {"description": "success"}}, headers)


def make_server(sim, host="127.0.0.1", port=8080, verbose=False):
    handler = type("BoundHandler", (Handler,), {"sim": sim, "_json": True})
    httpd = ThreadingServer((host, port), handler)
    httpd.verbose = verbose
    return httpd
