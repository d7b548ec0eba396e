# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The CloudStack API client of csops.cloudstack (private to the collection).

Only the standard library: signing, a session login, one persistent HTTP(S) connection per
client, paging, async job polling with backoff and a bound, retries for reads, and errors that
never carry a secret.

    client = CloudStackClient("https://cloud.example.com/client/api", api_key=..., api_secret=...)
    zones = client.list("listZones", name="zone1")          # every page
    zone = client.call("createZone", name="zone1", ...)      # the reply under its wrapper
    job = client.call("deleteDomain", id=...)                # async: {"jobid": ...}
    result = client.wait_job(job, "deleteDomain")            # the job's jobresult
"""
from __future__ import annotations

import base64
import collections
import datetime
import hashlib
import hmac
import http.client
import json
import random
import re
import select
import socket
import time
import urllib.parse

PAGE_SIZE = 500
READ_PREFIXES = ("list", "query", "get")
# commands whose names look like reads but that make something (an upload slot, a diagnostics file on a system VM)
# or switch the caller (listAndSwitchSAMLAccount): neither retried nor run by the read-only lookup
NOT_READS = {"getuploadparamsfortemplate", "getuploadparamsforvolume", "getuploadparamsforiso", "getdiagnosticsdata",
             "listandswitchsamlaccount"}
# commands that are safe to send again although their names do not say so
SAFE_TO_REPEAT = {"login", "logout"}
# HTTP statuses a read is retried on: CloudStack's 530 (internal error) and 534 (resource
# unavailable), proxies' 500/502/503/504, and 429 (rate limit). 531-533 and 535-537 are answers.
RETRY_STATUSES = {429, 500, 502, 503, 504, 530, 534}
# parameter names (lower case) whose values are never shown (debug log, errors, api_request's result): every
# password, key or pre-shared secret parameter of CloudStack 4.18, and user data
SECRET_PARAMS = {"signature", "password", "currentpassword", "secretkey", "sessionkey", "usersecretkey", "privatekey", "ipsecpsk",
                 "bindpass", "truststorepass", "vsmpassword", "pingcifspassword", "dockerregistrypassword", "userdata", "token"}
# transport parameters left out of the debug log
LOG_SKIP = ("command", "response", "expires", "signatureversion", "apikey", "signature", "sessionkey")
RETRY_AFTER_RE = re.compile(r"retry after \[?(\d+)\]?\s*ms", re.IGNORECASE)
MAX_PAGE_RE = re.compile(r"max allowed page size value:?\s*(\d+)", re.IGNORECASE)


# ---- exceptions -------------------------------------------------------------------------------
class CloudStackError(Exception):
    """Base of every error the client raises; str() is one line without secrets."""

    def __init__(self, message, command=None):
        super().__init__(message)
        self.command = command
        self.message = message

    def __str__(self):
        return self.message


class CloudStackApiError(CloudStackError):
    """CloudStack answered with an error: HTTP status, errorcode, cserrorcode, errortext."""

    def __init__(self, command, status, errorcode=None, cserrorcode=None, errortext=None):
        self.status = status
        self.errorcode = errorcode
        self.cserrorcode = cserrorcode
        self.errortext = errortext
        codes = "HTTP %s" % status
        if errorcode is not None:
            codes += ", errorcode %s" % errorcode
        if cserrorcode is not None:
            codes += ", cserrorcode %s" % cserrorcode
        text = errortext if errortext else "(no error text in the reply)"
        super().__init__("CloudStack API %s failed (%s): %s" % (command, codes, text), command)


class CloudStackConnectionError(CloudStackError):
    """No usable reply: connection refused/reset, timeout, or a reply that is not CloudStack's JSON."""

    def __init__(self, command, reason):
        self.reason = reason
        super().__init__("CloudStack API %s failed: %s" % (command, reason), command)


class WriteOutcomeUnknown(CloudStackConnectionError):
    """A write was sent but its reply was lost: it may or may not have happened.

    The client never sends it again by itself; the engine looks for the object first.
    """

    def __init__(self, command, reason):
        super().__init__(command, reason)
        self.message = "CloudStack API %s: the reply was lost (%s); the command may or may not have been carried out" % (command, reason)


class JobFailed(CloudStackError):
    def __init__(self, command, jobid, errorcode=None, errortext=None, jobstatus=2):
        self.jobid = jobid
        self.errorcode = errorcode
        self.errortext = errortext
        self.jobstatus = jobstatus
        what = "was cancelled" if jobstatus == 3 else "failed"
        codes = " (errorcode %s)" % errorcode if errorcode is not None else ""
        super().__init__("CloudStack async job %s of %s %s%s: %s" % (jobid, command or "a command", what, codes, errortext or "no error text"), command)


class JobTimeout(CloudStackError):
    def __init__(self, command, jobids, seconds):
        self.jobids = list(jobids)
        self.seconds = seconds
        super().__init__(
            "CloudStack async job %s of %s still running after %s seconds (api_async_timeout); it may still complete on the server"
            % (", ".join(self.jobids), command or "a command", seconds),
            command,
        )


# ---- signing ------------------------------------------------------------------------------------
def java_urlencode(value):
    """java.net.URLEncoder.encode(value, "UTF-8") with "+" as %20: what CloudStack signs."""
    return urllib.parse.quote(str(value), safe="*-._", encoding="utf-8").replace("~", "%7E")


def string_to_sign(params):
    items = sorted((str(k).lower(), v) for k, v in params.items() if str(k).lower() != "signature")
    return "&".join("%s=%s" % (k, java_urlencode(v)) for k, v in items).lower()


def sign(params, secret):
    """CloudStack's request signature: HMAC-SHA1 over the sorted, encoded, lower-cased query, Base64."""
    digest = hmac.new(secret.encode("utf-8"), string_to_sign(params).encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def expires_stamp(seconds, now=None):
    """CloudStack's expires format, UTC: 2024-01-01T10:00:00+0000."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    return (now + datetime.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S+0000")


def flatten_params(params):
    """Python values -> CloudStack's string parameters (None dropped).

    bool -> "true"/"false"; list of scalars -> "a,b"; dict -> name[i].key=k, name[i].value=v;
    list of dicts -> name[i].<field>=<value>.
    """
    out = {}
    for name, value in params.items():
        if value is None:
            continue
        if isinstance(value, bool):
            out[name] = "true" if value else "false"
        elif isinstance(value, dict):
            for i, (k, v) in enumerate(value.items()):
                out["%s[%d].key" % (name, i)] = str(k)
                out["%s[%d].value" % (name, i)] = _scalar(v)
        elif isinstance(value, (list, tuple)):
            if value and all(isinstance(v, dict) for v in value):
                for i, entry in enumerate(value):
                    for k, v in entry.items():
                        if v is not None:
                            out["%s[%d].%s" % (name, i, k)] = _scalar(v)
            else:
                out[name] = ",".join(_scalar(v) for v in value)
        else:
            out[name] = _scalar(value)
    return out


def _scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def is_read(command):
    low = command.lower()
    return (low.startswith(READ_PREFIXES) and low not in NOT_READS) or command in SAFE_TO_REPEAT


def is_secret_param(name):
    """True for a parameter whose value is a secret (password, secret key, private key, pre-shared key, user data)."""
    return str(name).lower() in SECRET_PARAMS


def redact(params):
    return {k: ("********" if is_secret_param(k) else v) for k, v in params.items()}


def secret_values(params):
    """The values of the secret parameters in params, at any depth (a details map's {"password": ...} too)."""
    found = []
    for key, value in (params or {}).items():
        if isinstance(value, dict):
            found.extend(secret_values(value))
        elif isinstance(value, (list, tuple)):
            for item in value:
                if isinstance(item, dict):
                    found.extend(secret_values(item))
        elif value not in (None, "") and is_secret_param(key):
            found.append(str(value))
    return found


def mask_secrets(params):
    """A copy of params with the value of every secret parameter (at any depth) as "********"."""
    out = {}
    for key, value in (params or {}).items():
        if isinstance(value, dict):
            out[key] = mask_secrets(value)
        elif isinstance(value, (list, tuple)):
            out[key] = [mask_secrets(v) if isinstance(v, dict) else v for v in value]
        elif value not in (None, "") and is_secret_param(key):
            out[key] = "********"
        else:
            out[key] = value
    return out


# ---- the client -----------------------------------------------------------------------------------
class CloudStackClient:
    """One client per module run: one persistent connection, a per-command call counter."""

    def __init__(
        self,
        url,
        api_key=None,
        api_secret=None,
        username=None,
        password=None,
        domain=None,
        timeout=10,
        method="get",
        validate_certs=True,
        ca_file=None,
        async_timeout=300,
        expires=600,
        retries=5,
        backoff=0.25,
        max_backoff=8.0,
        poll_first=0.1,
        poll_max=2.0,
        sleep=time.sleep,
        clock=time.monotonic,
        debug=False,
    ):
        if not url:
            raise CloudStackError("api_url is not set (option api_url or env CLOUDSTACK_ENDPOINT)")
        if "://" not in url:
            url = "https://" + url
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CloudStackError("api_url must be an http(s) URL such as https://cloud.example.com/client/api, got a value without a host")
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port
        self.path = parts.path or "/client/api"
        self.api_key = api_key
        self._secret = api_secret
        self.username = username
        self._password = password
        self.domain = domain or "/"
        if not (api_key and api_secret) and not (username and password):
            raise CloudStackError("no credentials: set api_key and api_secret, or api_username and api_password for a session login")
        self.timeout = timeout
        self.method = (method or "get").lower()
        if self.method not in ("get", "post"):
            raise CloudStackError("api_http_method must be get or post, got %r" % method)
        self.validate_certs = validate_certs
        self.ca_file = ca_file
        self.async_timeout = async_timeout
        self.expires = expires
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.poll_first = poll_first
        self.poll_max = poll_max
        self.sleep = sleep
        self.clock = clock
        self.debug = debug
        self.debug_log = []
        self.calls = collections.Counter()  # per command, as sent (retries included)
        self.http_requests = 0
        self.connections_opened = 0
        self._conn = None
        self._cookies = {}
        self._sessionkey = None
        self._page_size = PAGE_SIZE

    # ---- transport ------------------------------------------------------------------------
    def _connection(self):
        if self._conn is None:
            if self.scheme == "https":
                import ssl

                if self.validate_certs:
                    ctx = ssl.create_default_context(cafile=self.ca_file) if self.ca_file else ssl.create_default_context()
                else:
                    ctx = ssl.create_default_context()
                    ctx.check_hostname = False
                    ctx.verify_mode = ssl.CERT_NONE
                self._conn = http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout, context=ctx)
            else:
                self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.connections_opened += 1
        return self._conn

    def finish(self):
        """End of a module run: log out of a session (so sessions do not pile up on the server), close."""
        if self._sessionkey is not None:
            try:
                self.call("logout")
            except CloudStackError:
                pass
            self._sessionkey = None
            self._cookies.clear()
        self.close()

    def close(self):
        if self._conn is not None:
            try:
                self._conn.close()
            finally:
                self._conn = None

    def _prepare(self, command, params, method):
        p = flatten_params(params)
        p["command"] = command
        p["response"] = "json"
        if self.api_key and self._secret:
            p["apikey"] = self.api_key
            if self.expires:
                p["signatureversion"] = "3"
                p["expires"] = expires_stamp(self.expires)
            p["signature"] = sign(p, self._secret)
        elif command != "login":
            if self._sessionkey is None:
                self.login()
            p["sessionkey"] = self._sessionkey
        return p

    def _send_once(self, command, params, method):
        """One HTTP exchange. Returns (status, body dict). Raises ConnectionRefusedError when nothing
        was sent, CloudStackConnectionError (or WriteOutcomeUnknown for writes) when the reply is lost."""
        body = urllib.parse.urlencode(params, quote_via=urllib.parse.quote, safe="*-._")
        headers = {"Accept": "application/json", "User-Agent": "csops.cloudstack"}
        if self._cookies:
            headers["Cookie"] = "; ".join("%s=%s" % kv for kv in self._cookies.items())
        if method == "post":
            url, payload = self.path, body.encode("ascii")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            url, payload = self.path + "?" + body, None
        self.http_requests += 1
        started = self.clock()
        conn = self._open(command)
        try:
            conn.request(method.upper(), url, body=payload, headers=headers)
            resp = conn.getresponse()
            raw = resp.read()
            status = resp.status
            set_cookies = resp.msg.get_all("Set-Cookie") or []
            if resp.will_close:
                self.close()
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            reason = _reason(exc)
            self._log(command, params, method, "no reply: %s" % reason, started)
            if is_read(command):
                raise CloudStackConnectionError(command, reason) from None
            raise WriteOutcomeUnknown(command, reason) from None
        self._keep_cookies(set_cookies)
        try:
            data = json.loads(raw.decode("utf-8")) if raw else {}
            if not isinstance(data, dict):
                raise ValueError("not an object")
        except ValueError:
            self._log(command, params, method, "HTTP %s, not JSON" % status, started)
            snippet = raw[:120].decode("utf-8", "replace").replace("\n", " ")
            err = CloudStackConnectionError(command, "HTTP %s with a reply that is not CloudStack's JSON: %r" % (status, snippet))
            err.status = status
            raise err from None
        self._log(command, params, method, "HTTP %s" % status, started)
        return status, data

    def _open(self, command):
        """The keep-alive connection, connected. Raises _NotSent when it cannot be opened (nothing was sent)."""
        conn = self._connection()
        if conn.sock is not None and _peer_closed(conn.sock):
            # an idle keep-alive connection the server has closed: open a new one before sending
            self.close()
            conn = self._connection()
        try:
            if conn.sock is None:
                conn.connect()
        except (ConnectionRefusedError, socket.gaierror) as exc:
            self.close()
            raise _NotSent(_reason(exc)) from None
        except (OSError, http.client.HTTPException) as exc:
            self.close()
            if self.scheme == "https":
                import ssl

                if isinstance(exc, ssl.SSLError):
                    # a certificate or TLS failure does not go away by trying again
                    err = CloudStackConnectionError(command, "TLS: %s (see validate_certs / api_verify_ssl_cert)" % _reason(exc))
                    err.retryable = False
                    raise err from None
            raise _NotSent(_reason(exc)) from None
        return conn

    def _keep_cookies(self, set_cookies):
        for header in set_cookies:
            pair = header.split(";", 1)[0]
            if "=" in pair:
                k, v = pair.split("=", 1)
                self._cookies[k.strip()] = v.strip()

    def _log(self, command, params, method, outcome, started):
        if not self.debug:
            return
        shown = {k: v for k, v in redact(params).items() if k not in LOG_SKIP}
        self.debug_log.append("%s %s %s -> %s (%.0f ms)" % (method.upper(), command, shown, outcome, (self.clock() - started) * 1000))

    # ---- one command ------------------------------------------------------------------------
    def call(self, command, _method=None, **params):
        """Run one command; returns the reply under its wrapper (a dict).

        Reads (list*, query*, get*) are retried on connection errors, 5xx and 429; writes only on
        429 and when the connection could not be opened (nothing was sent).
        """
        method = (_method or ("post" if command == "login" else self.method)).lower()
        read = is_read(command)
        attempt = 0
        relogged = False
        while True:
            attempt += 1
            wire = self._prepare(command, params, method)
            self.calls[command] += 1
            delay = None
            try:
                status, data = self._send_once(command, wire, method)
            except _NotSent as exc:
                if attempt > self.retries:
                    raise CloudStackConnectionError(command, "%s (after %d attempts)" % (exc.reason, attempt)) from None
                delay = self._backoff(attempt)
            except WriteOutcomeUnknown:
                raise
            except CloudStackConnectionError as exc:
                delay = self._garbled_reply_delay(command, exc, read, attempt)
            else:
                if status == 200:
                    return _unwrap(data)
                errorcode, cserrorcode, errortext = _error_fields(data)
                if status == 401 and self._sessionkey is not None and not relogged and command != "login":
                    # the session expired: log in again once (the command was refused, not run)
                    relogged = True
                    self._sessionkey = None
                    self._cookies.clear()
                    continue
                retryable = status == 429 or (read and status in RETRY_STATUSES)
                if not retryable or attempt > self.retries:
                    raise CloudStackApiError(command, status, errorcode, cserrorcode, errortext)
                delay = self._backoff(attempt)
                if status == 429:
                    m = RETRY_AFTER_RE.search(errortext or "")
                    if m:
                        delay = max(delay, int(m.group(1)) / 1000.0)
            self.sleep(delay)

    def _garbled_reply_delay(self, command, exc, read, attempt):
        """A reply that is not CloudStack's JSON (a proxy's error page, a truncated body): the delay before a read is
        sent again; raises when it is not retried (a write after a 5xx: WriteOutcomeUnknown)."""
        status = getattr(exc, "status", None)
        if not getattr(exc, "retryable", True):
            raise exc
        if not read:
            if status is not None and status >= 500:
                raise WriteOutcomeUnknown(command, exc.reason) from None
            raise exc
        if attempt > self.retries or (status is not None and status < 500 and status != 429):
            raise exc
        return self._backoff(attempt)

    def _backoff(self, attempt):
        base = min(self.max_backoff, self.backoff * (2 ** (attempt - 1)))
        return base * (0.75 + random.random() * 0.5)

    def login(self):
        """A session login (username/password/domain); later calls carry the cookie and sessionkey."""
        self._cookies.clear()
        reply = self.call("login", username=self.username, password=self._password, domain=self.domain)
        key = reply.get("sessionkey") or self._cookies.get("sessionkey")
        if not key:
            raise CloudStackError("login succeeded but CloudStack sent no sessionkey", "login")
        self._sessionkey = urllib.parse.unquote(key)
        return reply

    # ---- lists ---------------------------------------------------------------------------
    def list(self, command, key=None, page=None, pagesize=None, params=None, **kwparams):
        """Every object of a list command (all pages), or one page if page is given.

        An empty list ({} in CloudStack's reply) is []. API parameters come as keywords, or as `params` (a dict, for
        parameters named as this method's own: listTags' `key`)."""
        params = dict(params or {}, **kwparams)
        if page is not None:
            reply = self.call(command, page=page, pagesize=pagesize or self._page_size, **params)
            return _items(reply, key)
        out = []
        number = 1
        while True:
            try:
                reply = self.call(command, page=number, pagesize=self._page_size, **params)
            except CloudStackApiError as exc:
                m = MAX_PAGE_RE.search(exc.errortext or "")
                if exc.status == 431 and m and int(m.group(1)) < self._page_size and number == 1:
                    # default.page.size was lowered on this cloud: page with its size
                    self._page_size = max(1, int(m.group(1)))
                    continue
                raise
            items = _items(reply, key)
            out.extend(items)
            count = reply.get("count")
            if not items or len(items) < self._page_size or (count is not None and len(out) >= int(count)):
                return out
            number += 1

    # ---- async jobs ------------------------------------------------------------------------
    def wait_job(self, job, command=None, timeout=None):
        """Wait for one async job ({"jobid": ...} or a jobid); returns its jobresult (dict).

        Raises JobFailed (jobstatus 2/3) or JobTimeout (api_async_timeout)."""
        return self.wait_jobs([job], command, timeout)[0]

    def wait_jobs(self, jobs, command=None, timeout=None, return_errors=False):
        """Wait for several jobs together; returns their jobresults in order.

        With return_errors=True a failed job gives its JobFailed in its place instead of raising.
        The first poll comes after a short delay, then the delay doubles up to poll_max; the whole
        wait is bounded by timeout (default: api_async_timeout)."""
        ids = [j["jobid"] if isinstance(j, dict) else j for j in jobs]
        timeout = self.async_timeout if timeout is None else timeout
        deadline = self.clock() + timeout
        results = {}
        pending = [i for i in ids if i]
        delay = self.poll_first
        while pending:
            remaining = deadline - self.clock()
            if remaining <= 0:
                raise JobTimeout(command, pending, timeout)
            self.sleep(min(delay, remaining))
            delay = min(self.poll_max, delay * 2)
            still = []
            for jobid in pending:
                job = self.call("queryAsyncJobResult", jobid=jobid)
                status = int(job.get("jobstatus", 0))
                if status == 0:
                    still.append(jobid)
                    continue
                if status == 1:
                    results[jobid] = job.get("jobresult") or {}
                    continue
                res = job.get("jobresult") or {}
                results[jobid] = JobFailed(command or _job_command(job), jobid, res.get("errorcode"), res.get("errortext"), status)
            pending = still
        out = [results.get(i) for i in ids]
        if not return_errors:
            failed = [r for r in out if isinstance(r, JobFailed)]
            if failed:
                if len(failed) > 1:
                    failed[0].message += " (and %d more of %d jobs failed)" % (len(failed) - 1, len(ids))
                raise failed[0]
        return out

    def run(self, command, key=None, wait=True, **params):
        """Call a command; for an async one wait for its job. Returns the object under key if given."""
        reply = self.call(command, **params)
        if wait and isinstance(reply, dict) and "jobid" in reply and len(reply) <= 2:
            reply = self.wait_job(reply, command)
        if key and isinstance(reply, dict) and key in reply:
            return reply[key]
        return reply


class _NotSent(Exception):
    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def _peer_closed(sock):
    """True if the server has closed an idle connection (the socket reads EOF or has stray data)."""
    try:
        readable = select.select([sock], [], [], 0)[0]
    except (OSError, ValueError):
        return True
    return bool(readable)


def _reason(exc):
    name = type(exc).__name__
    text = str(exc)
    return "%s: %s" % (name, text) if text else name


def _unwrap(data):
    """{"<command>response": {...}} -> {...}."""
    if len(data) == 1:
        (inner,) = data.values()
        if isinstance(inner, dict):
            return inner
    return data


def _error_fields(data):
    inner = _unwrap(data) if data else {}
    if not isinstance(inner, dict):
        return None, None, None
    return inner.get("errorcode"), inner.get("cserrorcode"), inner.get("errortext")


def _items(reply, key=None):
    if not reply:
        return []
    if key:
        return list(reply.get(key) or [])
    for k, v in reply.items():
        if k != "count" and isinstance(v, list):
            return list(v)
    return []


def _job_command(job):
    cmd = job.get("cmd") or ""
    return cmd.rsplit(".", 1)[-1] or None
