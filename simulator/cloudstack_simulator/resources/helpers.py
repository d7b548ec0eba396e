"""Low-level helpers shared by the resource families; this module imports no family (it reaches
identity's owner and limit rules through the backend).

- owner(ctx): who a new object belongs to (account/domainid/projectid parameters or the caller);
- check_access(ctx, obj): 531 when the caller may not touch an account-owned object;
- tag helpers: objects carry their resource tags in "tags" (as the API shows them), and the
  "resourcetag" table holds one row per tag for listTags;
- the background sweeper: one daemon thread per simulator that runs due work (expunge after
  destroy, template downloads) so that time-based state changes happen without a call.
"""
import heapq
import ipaddress
import threading
import time

from ..backend import backend
from ..context import DOMAIN_ADMIN, ROOT_ADMIN
from ..errors import ApiError, param_error

GIB = 1024 ** 3


# ---- ownership -----------------------------------------------------------------------------------
def _account_by_name(ctx, name, domainid):
    low = name.lower()
    for acc in ctx.store.all("account"):
        if acc.get("domainid") == domainid and str(acc.get("name", "")).lower() == low and not acc.get("_removed"):
            return acc
    return None


def may_manage_domain(ctx, domainid):
    if ctx.is_root_admin:
        return True
    if int(ctx.account.get("accounttype", 0)) == DOMAIN_ADMIN:
        return domainid in ctx.domain_tree(ctx.account["domainid"])
    return False


def owner(ctx):
    """The owner fields of a new account-owned object: account, domainid, domain (+ projectid, project), _accountid.

    identity.resolve_owner decides (account + domainid, projectid, or the caller, with CloudStack's checks and texts);
    a project-owned object carries project/projectid and no account name, as CloudStack's responses do, and
    _accountid = the project's account.
    """
    acc, proj = backend.identity.resolve_owner(ctx)
    if proj is not None:
        return {"account": None, "domainid": proj.get("domainid"), "domain": proj.get("domain"), "projectid": proj["id"],
                "project": proj.get("name"), "_accountid": acc["id"] if acc else proj.get("_accountid")}
    return {"account": acc["name"], "domainid": acc["domainid"], "domain": acc.get("domain") or _domain_name(ctx, acc["domainid"]),
            "_accountid": acc["id"]}


def _domain_name(ctx, domainid):
    dom = ctx.store.get("domain", domainid)
    return dom.get("name") if dom else None


def _is_project_member(ctx, proj):
    return ctx.account["id"] in proj.get("_members", [proj.get("_ownerid")])


def account_of(ctx, obj):
    """The account dict owning obj (by _accountid, else by domainid + account name)."""
    acc = ctx.store.get("account", obj.get("_accountid"))
    if acc is None and obj.get("account"):
        acc = _account_by_name(ctx, obj["account"], obj.get("domainid"))
    return acc


def check_access(ctx, obj, what="resource"):
    """531 unless the caller owns obj, or administers its domain."""
    if ctx.is_root_admin:
        return
    if obj.get("projectid"):
        proj = ctx.store.get("project", obj["projectid"])
        if proj and (_is_project_member(ctx, proj) or may_manage_domain(ctx, proj.get("domainid"))):
            return
    elif obj.get("_accountid") == ctx.account["id"] or (
            obj.get("domainid") == ctx.account["domainid"] and obj.get("account") == ctx.account["name"]):
        return
    elif may_manage_domain(ctx, obj.get("domainid")):
        return
    raise ApiError(531, f"Account {ctx.account['name']} does not have permission to access {what} {obj.get('id')}")


def check_limits(ctx, own, amounts):
    """CloudStack's 532 when the owner (account or project) would pass a resource limit: amounts {resource type: n}.

    Resource types as identity.RESOURCE_TYPES: 0 VMs, 1 public IPs, 2 volumes, 4 templates, 6 networks, 8 CPUs,
    9 memory (MB), 10 primary storage (GB).
    """
    acc = account_of(ctx, own)
    if acc is None:
        return
    for rtype, amount in amounts.items():
        if amount:
            backend.identity.check_limit(ctx, acc, rtype, amount)


def owner_view(o):
    return {k: o.get(k) for k in ("account", "domainid", "domain", "projectid", "project")}


def is_admin(ctx):
    return int(ctx.account.get("accounttype", 0)) in (ROOT_ADMIN, DOMAIN_ADMIN)


# ---- lookups --------------------------------------------------------------------------------------
def find_by_name(store, type_, name, **eq):
    low = str(name).lower()
    for o in store.table(type_).values():
        if str(o.get("name", "")).lower() == low and not o.get("_removed") and all(o.get(k) == v for k, v in eq.items()):
            return o
    return None


def tag_list(value):
    """A comma separated tag string (or a list) as a list of stripped tags."""
    if not value:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [t.strip() for t in str(value).split(",") if t.strip()]


def as_bool(value):
    return value is True or str(value).lower() == "true"


# ---- addresses -----------------------------------------------------------------------------------------
def ip_int(ip):
    return int(ipaddress.IPv4Address(ip))


def int_ip(value):
    return str(ipaddress.IPv4Address(value))


def valid_ip(text):
    try:
        ipaddress.IPv4Address(text)
        return True
    except (ipaddress.AddressValueError, ValueError):
        return False


def check_ip(name, value):
    try:
        ipaddress.IPv4Address(value)
    except ValueError:
        raise param_error(f"Invalid format for the {name} parameter: {value}") from None
    return value


def cidr_of(gateway, netmask):
    net = ipaddress.IPv4Network(f"{gateway}/{netmask}", strict=False)
    return str(net)


# ---- rows --------------------------------------------------------------------------------------------------
# what VMs, volumes, ... count as present (not removed / expunged)
GONE_STATES = {"Expunging", "Expunged", "Destroyed", "Destroy", "Removed", "Error"}


def live(sim, type_, **eq):
    """Objects of a (possibly not yet existing) table that still count: not removed, not expunged."""
    return [o for o in sim.store.find(type_, **eq) if not o.get("_removed") and o.get("state") not in GONE_STATES]


VM_TABLES = ("virtualmachine", "systemvm", "router")  # CloudStack's vm_instance: user VMs, SSVM/CPVM, virtual routers


def live_vms(sim, **eq):
    """Live rows of every VM table (user VMs, system VMs, virtual routers) matching eq."""
    return [o for t in VM_TABLES for o in live(sim, t, **eq)]


def sorted_seq(objs):
    return sorted(objs, key=lambda o: o.get("_seq", 0))


def runtime_error(text):
    return ApiError(530, text)


# ---- resource tags ------------------------------------------------------------------------------------------
def tags_matching(obj, tagfilter):
    """listX tags[0].key=a&tags[0].value=b: every given tag must be on the object."""
    if not tagfilter:
        return True
    have = {(t.get("key"), t.get("value")) for t in obj.get("tags") or []}
    for t in tagfilter:
        key, value = t.get("key"), t.get("value")
        if value is None:
            if not any(k == key for k, _ in have):
                return False
        elif (key, value) not in have:
            return False
    return True


# ---- background work ---------------------------------------------------------------------------------------
class Sweeper:
    """Due work (expunge, downloads) for one simulator: a heap of (due, seq, fn) run under the simulator lock."""

    def __init__(self, sim):
        self.sim = sim
        self.heap = []
        self.seq = 0
        self.cv = threading.Condition()
        self.thread = threading.Thread(target=self._loop, name="sweeper", daemon=True)
        self.thread.start()

    def at(self, due, fn):
        with self.cv:
            self.seq += 1
            heapq.heappush(self.heap, (due, self.seq, fn))
            self.cv.notify_all()

    def after(self, seconds, fn):
        self.at(time.time() + max(0.0, float(seconds)), fn)

    def run_due(self):
        """Run what is due now (the caller holds sim.lock or none; we take it)."""
        with self.sim.lock:
            while True:
                with self.cv:
                    if not self.heap or self.heap[0][0] > time.time():
                        return
                    _, _, fn = heapq.heappop(self.heap)
                fn()
                self.sim.store.commit()

    def _loop(self):
        while not getattr(self.sim, "_stop", False):
            with self.cv:
                timeout = 0.5
                if self.heap:
                    timeout = min(timeout, max(0.0, self.heap[0][0] - time.time()))
                self.cv.wait(timeout)
            if getattr(self.sim, "_stop", False):
                return
            try:
                if self.sim.store.db is None and self.sim.store.path:
                    return  # closed
                self.run_due()
            except Exception:  # noqa: BLE001 - a background failure must not kill the thread
                time.sleep(0.1)


_SWEEPER_LOCK = threading.Lock()


def sweeper(sim):
    sw = getattr(sim, "_workload_sweeper", None)
    if sw is None:
        with _SWEEPER_LOCK:
            sw = getattr(sim, "_workload_sweeper", None)
            if sw is None:
                sw = Sweeper(sim)
                sim._workload_sweeper = sw
    return sw


# ---- jobs whose work may never run --------------------------------------------------------------------------------------
def watch_job(ctx, later, table, objid, from_state, to_state):
    """A job whose work may never run (an injected job failure: the app fails the job before its work): once the job
    is over without it, the object still in from_state goes to to_state, as CloudStack's state machines do on
    OperationFailed. repair_jobs(sim) applies it; the family calls it where its objects are read."""
    reg = ctx.sim.__dict__.setdefault("_watched_jobs", {})
    work = later.fn

    def fn():
        reg.pop((table, objid), None)
        return work()

    later.fn = fn
    reg[(table, objid)] = (later, from_state, to_state)
    return later


def repair_jobs(sim):
    reg = getattr(sim, "_watched_jobs", None)
    if not reg:
        return
    running = {id(entry[0]) for entry in list(sim._pending.values())}
    for (table, objid), (later, from_state, to_state) in list(reg.items()):
        if id(later) in running:
            continue
        reg.pop((table, objid), None)
        obj = sim.store.get(table, objid)
        if obj is not None and obj.get("state") == from_state:
            obj["state"] = to_state
            sim.store.save(table, obj)
