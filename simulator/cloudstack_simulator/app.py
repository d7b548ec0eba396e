"""The simulator: the store, the handlers, jobs, paging, envelopes, sessions and rate limits (no HTTP here; see server.py).

What ApiServer / ApiDispatcher / BaseListCmd / AsyncJobManager do in CloudStack 4.18 happens here:

- ``call()`` runs one command for an authenticated caller: parameter checks (required parameters, number
  types, control characters, paging rules), the handler, then the reply envelope (list / object / success /
  inline) or, for an async command, the job submission;
- jobs complete after ``job_seconds`` in a background thread; ``queryAsyncJobResult`` shows them;
- login sessions live in memory only (a restart ends them, as a management-server restart does);
- ``check_rate_limit()`` is the api-limit plugin (``api.throttling.*`` global settings).
"""
import collections
import copy
import heapq
import re
import secrets
import sys
import threading
import time
import traceback

from . import spec
from .backend import backend
from .context import ROOT_ADMIN, Context, now
from .errors import SERVER_API_CODE, USER_ERROR_MESSAGE, ApiError, missing_param, rate_limit_text
from .faults import Faults
from .registry import AFTER_CALL, HANDLERS, SEEDERS, Later
from .store import Store

# commands that need no credentials (ApiServer / ApiServlet hand them to an APIAuthenticator)
PUBLIC = {"login", "logout"}

# ApiServer.checkCharacterInkParams: ASCII control characters other than LF and CR are refused
CONTROL_CHARS = {chr(c) for c in list(range(0, 10)) + [11, 12] + list(range(14, 32)) + [127]}

SESSION_TIMEOUT = 1800  # seconds a login session may stay idle (the management server's web.xml session-timeout)

INTEGER_RE = re.compile(r"[+-]?[0-9]+")

INTERRUPTED_JOB_TEXT = "job cancelled because of management server restart or shutdown"  # AsyncJobManagerImpl.cleanupLeftOverJobs


def load_handlers():
    backend.load()


def public_view(obj):
    """An object as the API shows it: no internal "_" keys, no null values (CloudStack omits them)."""
    if isinstance(obj, dict):
        return {k: public_view(v) for k, v in obj.items() if not k.startswith("_") and v is not None}
    if isinstance(obj, list):
        return [public_view(v) for v in obj]
    return obj


class Simulator:
    def __init__(self, state=None, job_seconds=1.0, faults=None, datacenter=None, plugins=()):
        load_handlers()
        unknown = sorted(set(plugins or ()) - set(spec.PLUGINS))
        if unknown:
            raise ValueError(f"unknown plugin {', '.join(unknown)} (known: {', '.join(sorted(spec.PLUGINS))})")
        self.plugins = frozenset(plugins or ())  # later releases' plugins this 4.18 cloud also carries (spec.PLUGINS)
        self.lock = threading.RLock()
        self.store = Store(state)
        self.job_seconds = float(job_seconds)
        self.faults = faults if isinstance(faults, Faults) else Faults(faults)
        self.calls = collections.Counter()  # command name -> calls that reached the API (any outcome)
        self.statuses = collections.Counter()  # HTTP status -> replies of /client/api
        self.started = time.time()
        self.sessions = {}  # session id -> {"sessionkey", "userid", "created", "accessed"}
        self.session_timeout = SESSION_TIMEOUT
        self._throttle = {}  # account id -> [window end (monotonic), calls in the window]
        self._timers = []  # heap of (due, jobid)
        self._pending = {}  # jobid -> (Later or result, Context)
        self._cv = threading.Condition(self.lock)
        self._stop = False
        with self.lock:
            if self.store.fresh:
                for _order, _name, fn in SEEDERS:
                    fn(self)
                if datacenter:
                    from .datacenter import load_datacenter

                    load_datacenter(self, datacenter)
            else:
                self._fail_interrupted_jobs()
            self.store.commit()
        self._worker = threading.Thread(target=self._run_jobs, name="jobs", daemon=True)
        self._worker.start()

    # ---- callers --------------------------------------------------------------------------------
    def caller_for_user(self, user):
        account = self.store.get("account", user["accountid"])
        domain = self.store.get("domain", account["domainid"])
        return {"user": user, "account": account, "domain": domain}

    def admin_caller(self):
        user = self.store.first("user", username="admin", domainid=self.root_domain()["id"])
        return self.caller_for_user(user)

    def root_domain(self):
        return self.store.first("domain", _path="/")

    def user_may_call(self, user):
        """ApiServer.verifyUser: the user and its account exist and are enabled."""
        if user is None or user.get("_removed") or str(user.get("state", "enabled")).lower() != "enabled":
            return False
        account = self.store.get("account", user.get("accountid"))
        return account is not None and not account.get("_removed") and str(account.get("state", "enabled")).lower() == "enabled"

    # ---- sessions (login / logout) ---------------------------------------------------------------
    def new_session(self, user):
        """A login session: (session id, sessionkey). Kept in memory only, as Jetty keeps them."""
        sid = "node0" + secrets.token_hex(12)
        key = secrets.token_urlsafe(20)
        with self.lock:
            t = time.time()
            self.sessions[sid] = {"sessionkey": key, "userid": user["id"], "created": t, "accessed": t}
        return sid, key

    def session(self, sid):
        """The live session of that id (its idle time is reset), or None; idle past session_timeout ends it."""
        with self.lock:
            session = self.sessions.get(sid) if sid else None
            if session is None:
                return None
            t = time.time()
            if t - session["accessed"] > self.session_timeout:
                del self.sessions[sid]
                return None
            session["accessed"] = t
            return session

    def end_session(self, sid):
        with self.lock:
            return self.sessions.pop(sid, None)

    # ---- configuration ------------------------------------------------------------------------
    def config_value(self, name, default=None, scope=None, scope_id=None):
        # settings are stored under the id "cfg:<name>" (the config family): a direct lookup,
        # not a scan of the ~760 rows (this runs on every list call for default.page.size)
        cfg = self.store.get("configuration", "cfg:" + name) or self.store.first("configuration", name=name)
        if cfg is None:
            return default
        if scope and scope_id:
            scoped = cfg.get("_scoped", {}).get(f"{scope}:{scope_id}")
            if scoped is not None:
                return scoped
        value = cfg.get("value")
        return default if value is None else value

    def _config_int(self, name, default):
        try:
            return int(str(self.config_value(name, default)).strip())
        except ValueError:
            return default

    def max_page_size(self):
        """default.page.size; None when it is -1 (no limit)."""
        size = self._config_int("default.page.size", 500)
        return None if size == -1 else size

    # ---- the api-limit plugin ------------------------------------------------------------------
    def check_rate_limit(self, caller):
        """ApiRateLimitServiceImpl.checkAccess: at most api.throttling.max calls per api.throttling.interval
        seconds per account when api.throttling.enabled is true; the root admin is not limited.

        Raises 429 with the plugin's text. (CloudStack reads these settings at start-up; the simulator
        reads them on every call, so a test can switch throttling on without a restart.)
        """
        if str(self.config_value("api.throttling.enabled", "false")).strip().lower() != "true":
            return
        account = caller["account"]
        if int(account.get("accounttype", 0)) == ROOT_ADMIN:
            return
        interval = max(self._config_int("api.throttling.interval", 1), 1)
        maximum = self._config_int("api.throttling.max", 25)
        with self.lock:
            t = time.monotonic()
            entry = self._throttle.get(account["id"])
            if entry is None or entry[0] <= t:
                entry = self._throttle[account["id"]] = [t + interval, 0]
            entry[1] += 1
            if entry[1] > maximum:
                raise ApiError(429, rate_limit_text((entry[0] - t) * 1000), SERVER_API_CODE)

    # ---- one API call -----------------------------------------------------------------------------
    def serves(self, cmd):
        """Whether this cloud knows the command: 4.18's own, or one of a plugin it runs with."""
        return cmd is not None and (cmd.plugin is None or cmd.plugin in self.plugins)

    def command(self, name, exact=False):
        """The command by name (exactly, as ApiServer's command map resolves it, or case-insensitively for in-process
        callers) if this cloud serves it, else None."""
        cmd = spec.exact(name) if exact else spec.lookup(name)
        return cmd if self.serves(cmd) else None

    def call(self, command, params, caller=None):
        """Run one command for an authenticated caller; returns (http_status, body dict).

        params: lower-cased names, string values (the transport parameters such as
        apikey/signature/response may be present and are ignored).
        """
        cmd = self.command(command)
        wrapper = cmd.wrapper if cmd else "errorresponse"
        with self.lock:
            self.calls[cmd.name if cmd else command] += 1
            try:
                # ApiServer.handleRequest: control characters first, then the command
                for name, value in params.items():
                    if name != "activationrule" and value and CONTROL_CHARS.intersection(value):
                        raise ApiError(431, f"Received value containing illegal ASCII non-printable characters for parameter {name}", SERVER_API_CODE)
                if cmd is None:
                    raise ApiError(432, f"Unknown API command: {command}", SERVER_API_CODE)
                if caller is not None:  # ApiServer.commandAvailable: the caller's role may run it (the API access checker)
                    backend.permissions.check_access(self, caller, cmd.name)
                handler = HANDLERS.get(cmd.name)
                if handler is None:
                    raise ApiError(432, f"The given command:{cmd.name} does not exist or it is not available for user "
                                        "(a CloudStack 4.18 command this simulator does not implement)", SERVER_API_CODE)
                caller = caller or self.admin_caller()
                ctx = Context(self, cmd.name, params, caller)
                self._check_params(cmd, params)
                self._check_paging(cmd, ctx)
                result = handler(ctx, params)
                for hook in AFTER_CALL:  # background managers (registry.after_call)
                    hook(ctx)
                if cmd.kind == "async":
                    body = self._submit(cmd, ctx, result)
                else:
                    body = self._envelope(cmd.kind, cmd.key, result, ctx)
                status = 200
            except ApiError as err:
                body, status = err.body(), err.code
            except Exception as exc:  # a handler bug: CloudStack answers 530 for unhandled exceptions
                traceback.print_exc(file=sys.stderr)
                body, status = ApiError(530, f"{USER_ERROR_MESSAGE} ({type(exc).__name__}: {exc})").body(), 530
            self.store.commit()
            return status, {wrapper: body}

    def _check_params(self, cmd, params):
        """ParamProcessWorker: required parameters present, integer/long/short parameters parse."""
        for name in cmd.required:
            value = params.get(name)
            if (value is None or value == "") and not any(k.startswith(name + "[") for k in params):
                raise missing_param(cmd.name, name)
        for name, (low, high) in cmd.number_params.items():
            value = params.get(name)
            if value is None or value == "":
                continue
            number = int(value) if INTEGER_RE.fullmatch(value) else None  # Integer/Long/Short.valueOf
            if number is None or not low <= number <= high:
                raise ApiError(431, f"Unable to execute API command {cmd.name.lower()} due to invalid value {value} for parameter {name}", SERVER_API_CODE)

    def _check_paging(self, cmd, ctx):
        """BaseListCmd.validateSpecificParameters and getPageSize, with their texts and codes."""
        if cmd.kind != "list" or not ({"page", "pagesize"} & set(cmd.params)):
            return
        page, pagesize = ctx.int("page"), ctx.int("pagesize")
        if page is None and pagesize is not None and pagesize != -1:
            raise ApiError(431, '"page" parameter is required when "pagesize" is specified', SERVER_API_CODE)
        if pagesize is None and page is not None:
            raise ApiError(431, '"pagesize" parameter is required when "page" is specified', SERVER_API_CODE)
        limit = self.max_page_size()
        if pagesize is not None and limit is not None and pagesize > limit:
            raise ApiError(431, f"Page size can't exceed max allowed page size value: {limit}")
        if pagesize == -1 and page is not None:
            raise ApiError(431, "Can't specify page parameter when pagesize is -1 (Unlimited)")

    def _page(self, items, ctx):
        """BaseListCmd.getStartIndex / getPageSizeVal: without paging the first default.page.size rows."""
        cmd = spec.commands().get(ctx.command)
        if cmd is None or cmd.kind != "list" or not ({"page", "pagesize"} & set(cmd.params)):
            return items
        page, pagesize = ctx.int("page"), ctx.int("pagesize")
        size = self.max_page_size() if pagesize is None else (None if pagesize == -1 else pagesize)
        if size is None:
            return items
        start = size * (page - 1) if page is not None and page > 0 else 0
        return items[start:start + size] if size > 0 else []

    def _envelope(self, kind, key, result, ctx):
        if kind == "list":
            items = list(result or [])
            total = len(items)
            items = self._page(items, ctx)
            # ApiResponseSerializer: no rows at all -> {}; a page past the end -> {"count": N} only
            body = {"count": total} if total else {}
            if items:
                body[key] = [public_view(o) for o in items]
            return body
        if kind == "success":
            body = {"success": True}
            if isinstance(result, str):
                body["displaytext"] = result
            return body
        if kind == "inline":
            return public_view(result or {})
        return {key: public_view(result)} if key else public_view(result)

    # ---- async jobs ---------------------------------------------------------------------------------
    def _submit(self, cmd, ctx, result):
        job = {
            "jobid": self.store.new_id(),
            "cmd": spec.job_class_name(cmd.name, int(ctx.account.get("accounttype", 0)) == ROOT_ADMIN),
            "_command": cmd.name,
            "accountid": ctx.account["id"],
            "userid": ctx.user["id"],
            "jobstatus": 0,
            "jobprocstatus": 0,
            "jobresultcode": 0,
            "created": now(),
        }
        job["id"] = job["jobid"]
        reply = {"jobid": job["jobid"]}
        inst_type, inst_id = None, None
        if isinstance(result, Later):
            inst_type, inst_id = result.instance_type, result.instance_id
        elif isinstance(result, dict) and result.get("id"):
            inst_id = result["id"]
        if inst_id is None and not cmd.returns_id and ctx.get("id"):
            inst_id = ctx.get("id")  # BaseAsyncCmd.getApiResourceId: the object the command acts on
        if inst_id and cmd.returns_id:
            reply["id"] = inst_id  # BaseAsyncCreateCmd: CreateCmdResponse carries the new entity's id
        shown = spec.JOB_INSTANCE_FIELDS.get(cmd.name)
        if shown is not None:  # what real servers show for this command
            if shown[0]:
                job["jobinstancetype"] = shown[0]
            if shown[1] and inst_id:
                job["jobinstanceid"] = inst_id
        elif inst_id:
            job["jobinstanceid"] = inst_id
            inst_type = inst_type or cmd.instance_type()
            if inst_type:
                job["jobinstancetype"] = inst_type
        self.store.add("asyncjob", job)
        self._pending[job["jobid"]] = (result, ctx)
        due = time.monotonic() + self.job_seconds
        heapq.heappush(self._timers, (due, job["jobid"]))
        self._cv.notify_all()
        if self.job_seconds <= 0:
            self._complete(job["jobid"])
        return reply

    def _complete(self, jobid):
        """Finish a job whose time has come (idempotent). Caller holds the lock."""
        entry = self._pending.pop(jobid, None)
        job = self.store.get("asyncjob", jobid)
        if entry is None or job is None:
            return
        result, ctx = entry
        cmd = spec.lookup(job["_command"])
        try:
            if self.faults.roll("jobfail", cmd.name):
                raise ApiError(530, f"Job failed: simulated failure of {cmd.name} (--faults jobfail)")
            if isinstance(result, Later):
                result = result.fn()
            # a plain result is the store's own dict: the job reports the object as it is now
            body = self._envelope(cmd.result_kind, cmd.result_key, result, ctx)
            job.update(jobstatus=1, jobresultcode=0, jobresulttype="object", jobresult=body)
        except ApiError as err:
            job.update(jobstatus=2, jobresultcode=err.code, jobresulttype="object",
                       jobresult={"errorcode": err.code, "errortext": err.text})
        except Exception as exc:  # a handler bug: the job fails as CloudStack fails jobs on unhandled exceptions
            traceback.print_exc(file=sys.stderr)
            job.update(jobstatus=2, jobresultcode=530, jobresulttype="object",
                       jobresult={"errorcode": 530, "errortext": f"{type(exc).__name__}: {exc}"})
        job["completed"] = now()
        self.store.save("asyncjob", job)
        self.store.commit()

    def complete_due(self):
        with self.lock:
            t = time.monotonic()
            while self._timers and self._timers[0][0] <= t:
                _, jobid = heapq.heappop(self._timers)
                self._complete(jobid)

    def _run_jobs(self):
        with self._cv:
            while not self._stop:
                self.complete_due()
                timeout = max(0.0, self._timers[0][0] - time.monotonic()) if self._timers else 1.0
                self._cv.wait(min(timeout, 1.0))

    def _fail_interrupted_jobs(self):
        """AsyncJobManagerImpl.cleanupLeftOverJobs: jobs a stopped server was running end failed (530)."""
        for job in self.store.find("asyncjob", jobstatus=0):
            job.update(jobstatus=2, jobresultcode=530, jobresulttype="object", completed=now(),
                       jobresult={"errorcode": 530, "errortext": INTERRUPTED_JOB_TEXT})
            self.store.save("asyncjob", job)

    def wait_jobs(self, timeout=60.0):
        """For tests and in-process loaders: complete every pending job now."""
        with self.lock:
            for jobid in list(self._pending):
                self._complete(jobid)

    def close(self):
        with self._cv:
            self._stop = True
            self._cv.notify_all()
        self._worker.join(timeout=5)
        with self.lock:
            self.store.close()

    def snapshot(self, type_):
        """Public copies of every object of a type (for tests)."""
        with self.lock:
            return copy.deepcopy([public_view(o) for o in self.store.all(type_)])
