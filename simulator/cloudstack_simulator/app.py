"""The simulator: the store, the handlers, jobs, paging and envelopes (no HTTP here; see server.py)."""
import collections
import copy
import heapq
import importlib
import pkgutil
import threading
import time

from . import resources, spec
from .context import Context, now
from .errors import UNKNOWN_COMMAND_TEXT, ApiError, missing_param
from .faults import Faults
from .registry import HANDLERS, SEEDERS, Later
from .store import Store

# commands that need no credentials (ApiServer / ApiServlet)
PUBLIC = {"login", "logout"}


def load_handlers():
    for mod in pkgutil.iter_modules(resources.__path__):
        importlib.import_module(f"{resources.__name__}.{mod.name}")


def public_view(obj):
    """An object as the API shows it: no internal "_" keys, no null values (CloudStack omits them)."""
    if isinstance(obj, dict):
        return {k: public_view(v) for k, v in obj.items() if not k.startswith("_") and v is not None}
    if isinstance(obj, list):
        return [public_view(v) for v in obj]
    return obj


class Simulator:
    def __init__(self, state=None, job_seconds=1.0, faults=None, datacenter=None):
        load_handlers()
        self.lock = threading.RLock()
        self.store = Store(state)
        self.job_seconds = float(job_seconds)
        self.faults = faults if isinstance(faults, Faults) else Faults(faults)
        self.calls = collections.Counter()
        self.started = time.time()
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

    # ---- configuration ------------------------------------------------------------------------
    def config_value(self, name, default=None, scope=None, scope_id=None):
        cfg = self.store.first("configuration", name=name)
        if cfg is None:
            return default
        if scope and scope_id:
            scoped = cfg.get("_scoped", {}).get(f"{scope}:{scope_id}")
            if scoped is not None:
                return scoped
        value = cfg.get("value")
        return default if value is None else value

    # ---- one API call -----------------------------------------------------------------------------
    def call(self, command, params, caller=None):
        """Run one command for an authenticated caller; returns (http_status, body dict).

        params: lower-cased names, string values (the transport parameters such as
        apikey/signature/response may be present and are ignored).
        """
        cmd = spec.lookup(command)
        handler = HANDLERS.get(cmd.name) if cmd else None
        if handler is None:
            err = ApiError(432, UNKNOWN_COMMAND_TEXT)
            return err.code, {"errorresponse": err.body()}
        with self.lock:
            self.calls[cmd.name] += 1
            caller = caller or self.admin_caller()
            ctx = Context(self, cmd.name, params, caller)
            try:
                for name in cmd.required:
                    value = params.get(name)
                    if (value is None or value == "") and not any(k.startswith(name + "[") for k in params):
                        raise missing_param(cmd.name, name)
                self._check_paging(cmd, ctx)
                result = handler(ctx, params)
                if cmd.kind == "async":
                    body = self._submit(cmd, ctx, result)
                else:
                    body = self._envelope(cmd, cmd.kind, cmd.key, result, ctx)
                status = 200
            except ApiError as err:
                body = {cmd.wrapper: err.body()}
                status = err.code
            self.store.commit()
            return status, {cmd.wrapper: body} if status == 200 else body

    def _check_paging(self, cmd, ctx):
        if cmd.kind != "list":
            return
        page, pagesize = ctx.get("page"), ctx.get("pagesize")
        if pagesize is not None and page is None and pagesize != "-1":
            raise ApiError(431, "Invalid parameter: page is required when pagesize is specified")
        if pagesize is not None:
            size = ctx.int("pagesize")
            limit = int(self.config_value("default.page.size", 500))
            if size != -1 and (size < 1 or size > limit):
                raise ApiError(431, f"Page size can't exceed max allowed page size value: {limit}" if size > limit else "Page size must be greater than 0")
        if page is not None and ctx.int("page") < 1:
            raise ApiError(431, "Invalid parameter: page must be greater than 0")

    def _envelope(self, cmd, kind, key, result, ctx):
        if kind == "list":
            items = result or []
            total = len(items)
            page, pagesize = ctx.int("page"), ctx.int("pagesize")
            if pagesize == -1:
                pagesize = None
            if page is not None:
                size = pagesize or int(self.config_value("default.page.size", 500))
                items = items[(page - 1) * size : page * size]
            if not total:
                return {}
            return {"count": total, key: [public_view(o) for o in items]}
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
            "cmd": f"org.apache.cloudstack.api.command.{cmd.name}",
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
        if inst_id:
            job["jobinstanceid"] = inst_id
            if inst_type:
                job["jobinstancetype"] = inst_type
            if cmd.name.startswith(("create", "deploy", "add", "register", "associate", "copy")):
                reply["id"] = inst_id
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
                raise ApiError(530, f"Job failed: simulated failure of {cmd.name}")
            if isinstance(result, Later):
                result = result.fn()
            # a plain result is the store's own dict: the job reports the object as it is now
            body = self._envelope(cmd, cmd.result_kind, cmd.result_key, result, ctx)
            job.update(jobstatus=1, jobresultcode=0, jobresulttype="object", jobresult=body)
        except ApiError as err:
            job.update(jobstatus=2, jobresultcode=err.code, jobresulttype="object",
                       jobresult={"errorcode": err.code, "errortext": err.text})
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
        for job in self.store.find("asyncjob", jobstatus=0):
            job.update(jobstatus=2, jobresultcode=530, completed=now(),
                       jobresult={"errorcode": 530, "errortext": "Job was cancelled because the management server restarted"})
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
