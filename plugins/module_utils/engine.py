# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The resource engine (private to the collection): each CloudStack resource declared as data,
one engine for find / compare / create / update / delete, check mode and diff mode.

A module declares a Resource (commands, Fields, states, return keys) and calls run_resource();
an *_info module calls run_info(). See docs/modules.md.
"""
from __future__ import annotations

import copy
import time

from .client import CloudStackApiError, CloudStackError, JobFailed, WriteOutcomeUnknown
from .common import CloudStackModule
from .resolve import ResolveError

# API fields -> return keys every module returns (as ngine_io.cloudstack's common_returns)
COMMON_RETURNS = {
    "id": "id",
    "name": "name",
    "created": "created",
    "zonename": "zone",
    "state": "state",
    "project": "project",
    "account": "account",
    "domain": "domain",
    "displaytext": "display_text",
    "displayname": "display_name",
    "description": "description",
    "tags": "tags",
}

# a failed write worth looking again for: the request may not have been carried out
TRANSIENT_STATUSES = {429, 500, 502, 503, 504, 530, 534}
WRITE_ATTEMPTS = 3


def is_transient(exc):
    """A write that failed this way may or may not have been carried out: look before sending it again."""
    if isinstance(exc, WriteOutcomeUnknown):
        return True
    return isinstance(exc, CloudStackApiError) and exc.status in TRANSIENT_STATUSES


def write(send, look, attempts=WRITE_ATTEMPTS):
    """The one write policy of the collection (create, update, delete, tags, every hook's command).

    send()     sends the write and returns its result.
    look(exc)  after a lost reply (WriteOutcomeUnknown) or a transient server error (TRANSIENT_STATUSES):
               looks whether the write was carried out; returns what write() returns then, or None: not
               there, send again. It may raise (the object is gone).
    Semantic errors (431, 536, ...) are raised at once; after `attempts` sends the last error is raised."""
    for attempt in range(1, attempts + 1):
        try:
            return send()
        except (WriteOutcomeUnknown, CloudStackApiError) as exc:
            if not is_transient(exc):
                raise
            found = look(exc)  # look before sending it again: no duplicates
            if found is not None:
                return found
            if attempt == attempts:
                raise
    return None


NO_VALUE = object()


class Differences:
    """What a run changes, recorded by the engine and by every hook (as community.docker's DifferenceTracker):
    `changed`, and the `before` / `after` dicts of the diff. A creation starts as {state: absent} -> the object."""

    def __init__(self):
        self.changed = False
        self.before = {}
        self.after = {}

    @property
    def has_differences(self):
        return self.changed

    @property
    def creating(self):
        """The object is still to be made (the diff shows {state: absent} -> the object)."""
        return self.before == {"state": "absent"}

    def add(self, key, before=NO_VALUE, after=NO_VALUE, changed=True):
        """key goes from before to after. The first `before` recorded for a key stays (it is the object as it
        was); before left out: none is recorded (an object being created); after left out: a later step records
        it. changed=False: values shown only (a creation, or an update that is already a change)."""
        if changed:
            self.changed = True
        if before is not NO_VALUE:
            self.before.setdefault(key, before)
        if after is not NO_VALUE:
            self.after[key] = after

    def add_item(self, key, item, before, after):
        """A difference of one item of a dict-valued key (the providers of a physical network by name)."""
        self.changed = True
        self.before.setdefault(key, {})[item] = before
        self.after.setdefault(key, {})[item] = after

    def replace(self, before, after):
        """The engine's own view of a change (the managed fields): replaces what was recorded."""
        self.changed = True
        self.before, self.after = before, after


ON_CHANGE = ("update", "create_only", "recreate", "stopped", "ignore")
TYPES = ("str", "bool", "int", "float", "list", "dict", "raw")


class Field:
    """One option of a resource: how it maps to an API parameter and a response field.

    option        the module option (None: internal)
    param         the API parameter (create/update/list); default: the option without "_"
    field         the response field compared against; default: param
    type          str, bool, int, float, list, dict, raw: how values are normalised for comparison
    compare       exact, ci (case-insensitive), loose (numbers/booleans as values), set (lists,
                  order ignored), or None (never compared)
    identity      identifies the object: a list filter, and it addresses updates/deletes when the
                  resource has no id (configuration); match=False: not checked on the reply
    create        passed to the create command (False: not a create parameter; the engine sets it with
                  the update command right after the create, in the same run)
    on_change     update (the update command changes it), create_only (a difference is reported
                  as a warning), recreate (delete + create), stopped (the object must be stopped:
                  Resource.ensure_stopped), ignore; or a function(params) -> one of these, when an
                  option decides (image_store: force_recreate turns create_only into recreate)
    resolve       a Resolver kind: the option holds a name (or id), the API takes the id (type list: each
                  element is resolved, the API takes the list of ids)
    resolve_scope {param: option}: scope of the lookup (e.g. {"zoneid": "zone"})
    display       the response field holding the name, for diff and return (e.g. "zonename")
    return_key    return the resolved object's name under this key
    required_on_create, create_default, create_fallback (an option whose value is used when
                  this one is unset), update_param (when the update command names it differently)
    fallback      an option whose value is used whenever this one is unset, on create and update
                  (ngine_io's get_or_fallback: a zone's internal_dns1 follows dns1)
    spec          extra argument spec keys (choices, aliases, default, no_log, elements, ...)
    transform     a function applied to the option's value before it is compared or sent
    """

    def __init__(self, option, param=None, field=None, type="str", compare="exact", identity=False, match=None, create=True,
                 on_change="update", resolve=None, resolve_scope=None, display=None, return_key=None, required_on_create=False,
                 create_default=None, create_fallback=None, update_param=None, spec=None, lookup=None, transform=None,
                 fallback=None):
        if type not in TYPES:
            raise ValueError("Field %s: unknown type %s" % (option, type))
        if not callable(on_change) and on_change not in ON_CHANGE:
            raise ValueError("Field %s: unknown on_change %s" % (option, on_change))
        self.option = option
        self.param = param or (option.replace("_", "") if option else None)
        self.field = field or self.param
        self.type = type
        self.compare = compare
        self.identity = identity
        self.match = (identity and not resolve) if match is None else match
        self.lookup = identity if lookup is None else lookup
        self.create = create
        self.on_change = on_change
        self.resolve = resolve
        self.resolve_scope = resolve_scope or {}
        self.display = display
        self.return_key = return_key
        self.required_on_create = required_on_create
        self.create_default = create_default
        self.create_fallback = create_fallback
        self.fallback = fallback
        self.update_param = update_param or self.param
        self.spec = dict(spec or {})
        self.transform = transform

    def arg_spec(self):
        spec = {"type": {"list": "list", "dict": "dict", "bool": "bool", "int": "int", "float": "float"}.get(self.type, "str")}
        if self.type == "list":
            spec.setdefault("elements", "str")
        spec.update(self.spec)
        return spec


class Resource:
    """A CloudStack resource as data. Subclass it (or pass keyword arguments) and override the hooks
    below only for what the resource really does differently."""

    name = "object"  # in messages: "zone", "pod", ...
    list_command = None
    list_key = None
    list_params = {}  # fixed filters (listall=True, type=..., ...)
    create_command = None
    create_key = None
    update_command = None
    update_key = None
    delete_command = None
    async_commands = frozenset()
    id_option = "id"  # the option that may hold the object's uuid (None: no such option)
    id_param = "id"  # how update/delete address the object
    fields = ()
    # state -> {api param: value}: allocation states (enabled/disabled/...) of the same object;
    # present and absent are implicit. state_field: the response field holding that state.
    states = {}
    state_field = None
    # API field -> return key, added to COMMON_RETURNS and to what the Fields give (returns_of_fields): only the irregular
    # keys (another name than the option's, a response field that is no Field); None: a Field's response field not returned
    returns = {}
    returns_to_int = ()
    info_key = None  # the result key of the *_info module: "zones"
    info_filters = {}  # *_info option -> list parameter
    info_missing_fails = False
    # an option naming another object (domain, account, ...) names nothing: with state=absent no change, no error;
    # in check mode the object is reported as to be created (with a warning); "absent": only the first (a cluster
    # whose zone does not exist is absent; any other state fails on the zone)
    absent_if_scope_missing = False
    # state=absent and no object: ngine_io returns the names it resolved (zone, domain, ...) for most modules, nothing
    # for some (those set this)
    no_refs_when_gone = False
    # the CloudStack release that brought the resource's commands, when later than 4.18: a cloud that refuses the list
    # command as unknown gets a message that says so
    since = None

    def __init__(self, **kwargs):
        for k, v in kwargs.items():
            if not hasattr(type(self), k):
                raise TypeError("Resource has no attribute %s" % k)
            setattr(self, k, v)
        self.fields = tuple(self.fields)
        self.by_option = {f.option: f for f in self.fields if f.option}
        declared = dict(self.returns)
        self.returns = returns_of_fields(self.fields)
        self.returns.update(declared)

    # ---- argument spec -------------------------------------------------------------------------
    def argument_spec(self, state_default="present"):
        spec = {f.option: f.arg_spec() for f in self.fields if f.option}
        if self.id_option:
            spec.setdefault(self.id_option, {"type": "str"})
        # "absent" last, unless states lists it where ngine_io's choices have it (the order shows in the bad-choice message)
        choices = ["present"] + [s for s in self.states if s != "present" and (s != "absent" or self.delete_command)]
        if self.delete_command and "absent" not in choices:
            choices.append("absent")
        if len(choices) > 1:
            spec["state"] = {"type": "str", "default": state_default, "choices": choices}
        return spec

    # ---- hooks ---------------------------------------------------------------------------------
    def normalize_current(self, engine, obj):
        """The object as the API returned it -> as the engine compares it (fill fields the API omits)."""
        return obj

    def lookup_params(self, engine):
        """Server-side filters that find the object (by identity)."""
        params = dict(self.list_params)
        for f in self.fields:
            if f.lookup and f.option:
                value = engine.wanted_param(f)
                if value is not None:
                    params[f.param] = value
        return params

    def matches(self, engine, obj):
        """Client-side check of an object the filters returned (the name filter may be a "contains")."""
        for f in self.fields:
            if f.match and f.option and engine.params.get(f.option) is not None:
                if not values_equal(f, engine.wanted_param(f), obj.get(f.field)):
                    return False
        return True

    def create_command_for(self, engine):
        """The create command of this run (ssh_key: registerSSHKeyPair with a public key, else createSSHKeyPair)."""
        return self.create_command

    def create_params(self, engine):
        params = {}
        for f in self.fields:
            if not f.create or not f.param:
                continue
            value = engine.wanted_param(f, creating=True)
            if value is not None:
                params[f.param] = value
        params.update(engine.state_params())
        return params

    def address(self, engine, current):
        """The parameters that name the object for update/delete."""
        if self.id_param and current.get("id") is not None:
            return {self.id_param: current["id"]}
        return {f.param: engine.wanted_param(f) for f in self.fields if f.identity and engine.wanted_param(f) is not None}

    def ensure_stopped(self, engine, current, options):
        raise CloudStackError("%s %s: %s can only be changed while the %s is stopped" % (
            self.name, current.get("name", ""), ", ".join(options), self.name))

    def after_write(self, engine, obj):
        """Called with the object after create/update (extra steps: tags, enabling, ...)."""
        return obj

    def before_update(self, engine, current, params):
        """Called (not in check mode) right before the update command with the parameters about to be
        sent; returns the parameters to send. A resource whose states need their own commands (host or
        storage maintenance) runs them here and removes what they handled; nothing left: no update call."""
        return params

    def before_delete(self, engine, current):
        """Called (not in check mode) before the delete command: steps CloudStack requires first
        (a host or a storage pool into maintenance). Returns the object as it is then."""
        return current

    def info_list(self, engine, params, named):
        """The *_info list: one filtered, paged list call; with a name, the exact (else case-insensitive)
        matches of the server's "contains" name filter. A resource found otherwise (a host by IP) overrides it."""
        items = engine.module.client.list(self.info_command(engine), key=self.list_key, **params)
        if named is not None:
            exact = [o for o in items if str(o.get("name", "")) == str(named)]
            items = exact or [o for o in items if str(o.get("name", "")).lower() == str(named).lower()]
        return items

    def info_command(self, engine):
        """*_info: the list command (host_info with metrics=true: listHostsMetrics, which takes listHosts' parameters)."""
        return self.list_command

    def info_extra(self, engine):
        """*_info: keys returned besides the list (management_server_info: the database, the usage server)."""
        return {}

    def converge(self, engine, obj):
        """Called at the end of every run whose state is not absent, also in check mode and when the
        object itself did not change, with the object as it is (None in check mode when it would be
        created): steps that apply either way (the providers of a physical network, a host's allocation
        state, ...). It sets engine.changed and adds to engine.before / engine.after itself."""
        return obj

    def find_more(self, engine):
        """Candidates found another way when the lookup found none (a host by the address of its url);
        default: none, no call."""
        return []

    def unfinished(self, engine):
        """Just before creating: an object an earlier run created but could not finish (a simulated host added
        but not yet given its name), taken instead of creating a second one; default: none, no call."""
        return None

    def created(self, engine, obj):
        """Right after the create command, still within the creation (a data center plan creates one host per
        cluster at a time): what makes the new object findable by the next run (a host's name); default: nothing."""
        return obj

    def not_found(self, engine):
        """The error text when the object does not exist and the resource cannot be created."""
        ident = ", ".join("%s=%s" % (f.option, engine.params.get(f.option)) for f in self.fields if f.identity and engine.params.get(f.option) is not None)
        return "%s not found (%s)" % (self.name, ident)

    def result(self, engine, obj):
        return to_result(obj, self.returns, self.returns_to_int)


def returns_of_fields(fields):
    """API field -> return key given by the Fields: a compared option (not a reference to another object) returns its
    response field under the option's name, as ngine_io.cloudstack does (dns1 -> dns1, internaldns1 -> internal_dns1)."""
    return {f.field: f.option for f in fields if f.option and f.field and not f.resolve and f.compare is not None}


# ---- comparison --------------------------------------------------------------------------------
def _to_bool(value):
    if isinstance(value, bool):
        return value
    if value is None:
        return None
    return str(value).strip().lower() in ("true", "1", "yes", "on")


def _number(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def normalize(field, value):
    """A value in the field's comparable form; None and "" are both "not set"."""
    if value is None or value == "":
        return None
    t = field.type
    if t == "bool":
        return _to_bool(value)
    if t in ("int", "float"):
        n = _number(value)
        return n if n is not None else str(value)
    if t == "list":
        items = value if isinstance(value, (list, tuple)) else str(value).split(",")
        items = [str(v).strip() for v in items if str(v).strip() != ""]
        items = sorted(items) if field.compare in ("set", "exact", "ci") else items
        return items or None  # an empty list is "not set", as "" is (CloudStack omits empty fields)
    if t == "dict":
        return {str(k): str(v) for k, v in dict(value).items()}
    return value if t == "raw" else str(value)


def values_equal(field, wanted, current):
    w, c = normalize(field, wanted), normalize(field, current)
    if w is None and c is None:
        return True
    if w is None or c is None:
        return False
    mode = field.compare
    if mode == "ci":
        if isinstance(w, list):  # order is ignored for ci lists (normalize sorts them): sort after lower-casing
            return sorted(x.lower() for x in w) == sorted(x.lower() for x in c)
        return str(w).lower() == str(c).lower()
    if mode == "loose":
        if str(w).lower() in ("true", "false") or str(c).lower() in ("true", "false"):
            return str(w).lower() == str(c).lower()
        nw, nc = _number(w), _number(c)
        if nw is not None and nc is not None:
            return nw == nc
        return str(w) == str(c)
    return w == c


def to_result(obj, returns=None, returns_to_int=()):
    """An API object -> the flat return keys ngine_io.cloudstack returns."""
    out = {}
    if not obj:
        return out
    mapping = dict(COMMON_RETURNS)
    mapping.update(returns or {})
    for api_key, ret_key in mapping.items():
        if ret_key and api_key in obj:
            out[ret_key] = obj[api_key]
    for api_key in returns_to_int:
        ret = mapping.get(api_key, api_key)
        if api_key in obj:
            try:
                out[ret] = int(obj[api_key])
            except (TypeError, ValueError):
                pass
    return out


# ---- the engine ---------------------------------------------------------------------------------
class ResourceEngine:
    def __init__(self, module, resource):
        self.module = module
        self.resource = resource
        self.params = module.params
        self.warnings = []
        self.differences = Differences()  # hooks record what they change here
        self.memo = {}  # per run: what hooks found or decided (a rule's public IP, the hosts before an addHost, ...)
        self._resolved = {}
        self.started = time.time()  # when this run began (wall clock: compared with the server's "created" dates)

    @property
    def client(self):
        return self.module.client

    # what the run changes, as recorded (read-only: hooks call self.differences.add)
    @property
    def changed(self):
        return self.differences.changed

    @property
    def before(self):
        return self.differences.before

    @property
    def after(self):
        return self.differences.after

    def write(self, send, look):
        """Send a write with the collection's write policy (engine.write): look(exc) after a lost reply."""
        return write(send, look)

    # ---- wanted values ------------------------------------------------------------------------
    def resolved(self, f):
        """The object a resolve field names (cached)."""
        if f.option not in self._resolved:
            scope = {}
            for param, opt in f.resolve_scope.items():
                other = self.resource.by_option.get(opt)
                scope[param] = self.wanted_param(other) if other else self.params.get(opt)
            self._resolved[f.option] = self.module.resolver.get(f.resolve, self.params.get(f.option), option=f.option, **scope)
        return self._resolved[f.option]

    def wanted_param(self, f, creating=False):
        """The API value for a field (resolved id for references), or None if the task leaves it alone."""
        value = self.params.get(f.option) if f.option else None
        if value is None and f.fallback:
            value = self.params.get(f.fallback)
        if value is None and creating:
            if f.create_fallback:
                value = self.params.get(f.create_fallback)
            if value is None:
                value = f.create_default
        if value is None:
            return None
        if f.transform is not None:
            value = f.transform(value)
        if f.resolve and f.type == "list":
            # a list of names (or uuids) of other objects -> the list of their ids (network offering zones/domains)
            return [self.module.resolver.id(f.resolve, v, option=f.option) for v in value]
        if f.resolve:
            if value == self.params.get(f.option):
                obj = self.resolved(f)
            else:
                obj = self.module.resolver.get(f.resolve, value, option=f.option)
            return obj.get("id") if obj else None
        return value

    def state_params(self):
        return dict(self.resource.states.get(self.params.get("state"), {}))

    def managed(self):
        """The fields this task manages: those whose option is set."""
        return [f for f in self.resource.fields if f.option and f.compare is not None
                and (self.params.get(f.option) is not None or (f.fallback and self.params.get(f.fallback) is not None))]

    # ---- API calls -------------------------------------------------------------------------------
    def api(self, command, key=None, **params):
        reply = self.client.call(command, **params)
        if isinstance(reply, dict) and "jobid" in reply and (command in self.resource.async_commands or key not in reply):
            reply = self.client.wait_job(reply, command)
        if key and isinstance(reply, dict) and key in reply:
            obj = reply[key]
            if isinstance(obj, list):
                obj = obj[0] if obj else None
            return obj
        return reply if not key else None

    def find(self):
        try:
            return self._find()
        except CloudStackApiError as exc:
            self.explain_unknown_command(exc)
            raise

    def explain_unknown_command(self, exc):
        """A resource of a later release (Resource.since): a cloud before it refuses the list command as unknown, with
        432, or over HTTP with 401 as if the signature were wrong. If the credentials work (listCapabilities answers),
        the message says which release the cloud runs and which the module needs."""
        r = self.resource
        if not r.since or exc.status not in (401, 432):
            return
        try:
            caps = self.client.call("listCapabilities").get("capability") or {}
        except CloudStackError:
            return  # the credentials are what fails
        exc.message = "%s needs CloudStack %s or later; this cloud runs %s and does not know %s (%s)" % (
            r.name, r.since, caps.get("cloudstackversion", "an older release"), r.list_command, exc.message)

    def _find(self):
        r = self.resource
        candidates = []
        obj_id = self.params.get(r.id_option) if r.id_option else None
        if obj_id:
            try:
                candidates = self.client.list(r.list_command, key=r.list_key, id=obj_id, **r.list_params)
            except CloudStackApiError as exc:
                # CloudStack answers 431 for a uuid that names nothing: not found, look by identity
                if exc.status != 431:
                    raise
                candidates = []
        if not candidates:
            params = r.lookup_params(self)
            if not any(f.lookup for f in r.fields if f.option and self.params.get(f.option) is not None) and not obj_id:
                raise CloudStackError("%s: set the options that identify it (%s)" % (
                    r.name, ", ".join(f.option for f in r.fields if f.identity and f.option)))
            candidates = [o for o in self.client.list(r.list_command, key=r.list_key, **params) if r.matches(self, o)]
            if not candidates:
                candidates = list(r.find_more(self))
        if len(candidates) > 1:
            raise CloudStackError("%s: %d objects match (%s); give the id to pick one" % (
                r.name, len(candidates), ", ".join(str(o.get("id", o.get("name"))) for o in candidates[:5])))
        return r.normalize_current(self, copy.deepcopy(candidates[0])) if candidates else None

    # ---- views -----------------------------------------------------------------------------------
    def view_current(self, obj, fields):
        out = {}
        for f in fields:
            if f.resolve:
                value = obj.get(f.display) if f.display else obj.get(f.field)
            else:
                value = obj.get(f.field)
            if value is not None:
                out[f.option] = value
        state = self.current_state(obj)
        if state is not None:
            out["state"] = state
        return out

    def view_wanted(self, fields, creating=False):
        out = {}
        for f in fields:
            value = self.params.get(f.option)
            if value is None and f.fallback:
                value = self.params.get(f.fallback)
            if value is None and creating:
                value = self.params.get(f.create_fallback) if f.create_fallback else None
                value = f.create_default if value is None else value
            if value is not None:
                out[f.option] = f.transform(value) if f.transform is not None else value
        return out

    def current_state(self, obj):
        r = self.resource
        if not r.state_field or r.state_field not in obj:
            return None
        value = str(obj[r.state_field])
        for state, params in r.states.items():
            if any(str(v).lower() == value.lower() for v in params.values()):
                return state
        return value.lower()

    # ---- writes with a second look (the write policy: write()) ----------------------------------------------
    def create(self):
        r = self.resource
        obj = r.unfinished(self)
        if obj is None:
            params = r.create_params(self)

            def send():
                obj = self.api(r.create_command_for(self), r.create_key, **params)
                return obj if obj else self.find()

            obj = self.write(send, lambda exc: self.find())
        return r.created(self, obj)

    def settle_state(self, obj):
        """A create command may ignore the wanted state (createPhysicalNetwork, addNetworkServiceProvider
        start Disabled), and some options are not create parameters at all (Field(create=False): a zone's
        dhcp_provider): set them afterwards with the update command, in the same run."""
        r = self.resource
        if not obj or not r.update_command:
            return obj
        wanted = self.state_params()
        pending = {p: v for p, v in wanted.items() if str(obj.get(r.state_field or p, "")).lower() != str(v).lower()}
        for f in self.managed():
            on_change = f.on_change(self.params) if callable(f.on_change) else f.on_change
            if f.create or f.identity or on_change != "update":
                continue
            value = self.wanted_param(f)
            if not values_equal(f, value, obj.get(f.field)):
                pending[f.update_param] = value
        return self.update(obj, pending) if pending else obj

    def update(self, current, params):
        r = self.resource
        pending = {"current": current, "params": params}

        def send():
            sent = r.before_update(self, pending["current"], pending["params"])
            if not sent:
                return self.find()
            obj = self.api(r.update_command, r.update_key, **dict(r.address(self, pending["current"]), **sent))
            return r.normalize_current(self, obj) if isinstance(obj, dict) and obj else self.find()

        def look(exc):
            found = self.find()
            if found is None:
                raise exc
            again = self.changes(found)[0]
            if not again:
                return found  # the update is there
            pending.update(current=found, params=again)
            return None

        return self.write(send, look)

    def delete(self, current):
        r = self.resource
        current = r.before_delete(self, current)
        if current is None:
            return
        self.write(lambda: self.api(r.delete_command, None, **r.address(self, current)) or True,
                   lambda exc: True if self.find() is None else None)

    # ---- compare ---------------------------------------------------------------------------------------
    def names_current(self, f, current):
        """True if a reference option (a name or an id) names the object's current reference, as the
        response shows it (f.field: the id, f.display: the name): a re-run then costs no lookup call."""
        raw = self.params.get(f.option)
        if raw is None or f.transform is not None or not self.module.resolver.named_by_name(f.resolve):
            return False
        if current.get(f.field) is not None and str(current.get(f.field)) == str(raw):
            return True
        return bool(f.display) and current.get(f.display) is not None and str(current.get(f.display)).lower() == str(raw).lower()

    def changes(self, current):
        """(update params, create_only options that differ, recreate options, stopped options)."""
        update, create_only, recreate, stopped = {}, [], [], []
        for f in self.managed():
            on_change = f.on_change(self.params) if callable(f.on_change) else f.on_change
            if f.identity and not f.resolve and on_change != "update":
                continue
            if f.resolve and self.names_current(f, current):
                continue  # the reference names what the object already has: no lookup needed
            wanted = self.wanted_param(f)
            if values_equal(f, wanted, current.get(f.field)):
                continue
            if on_change == "update" and not self.resource.update_command:
                create_only.append(f.option)
            elif on_change == "update":
                update[f.update_param] = wanted
            elif on_change == "create_only":
                create_only.append(f.option)
            elif on_change == "recreate":
                recreate.append(f.option)
            elif on_change == "stopped":
                update[f.update_param] = wanted
                stopped.append(f.option)
        for param, value in self.state_params().items():
            field = self.resource.state_field or param
            if str(current.get(field, "")).lower() != str(value).lower():
                update[param] = value
        return update, create_only, recreate, stopped

    # ---- the run --------------------------------------------------------------------------------------
    def run(self):
        r = self.resource
        state = self.params.get("state") or "present"
        scope_missing = False
        try:
            current = self.find()
        except ResolveError as exc:
            # the domain/account/project it would be in does not exist: nor does the object. state=absent: no change;
            # check mode: it is reported as to be created (its domain may come from an earlier task of the same run)
            if not r.absent_if_scope_missing or (state != "absent" and (not self.module.check_mode or r.absent_if_scope_missing == "absent")):
                raise
            if state != "absent":
                self.warnings.append("%s: in check mode the %s is reported as to be created" % (exc, r.name))
            current, scope_missing = None, True
        if state == "absent":
            return self.run_absent(current)
        if current is None:
            return self.run_create(state, scope_missing)
        return self.run_update(current, state)

    def run_absent(self, current):
        if current is not None:
            before = self.view_current(current, [f for f in self.resource.fields if f.option and f.compare is not None])
            before["state"] = before.get("state", "present")
            self.differences.replace(before, {"state": "absent"})
            if not self.module.check_mode:
                self.delete(current)
        return self.finish(current if current else None, deleted=current is not None)

    def run_create(self, state, scope_missing=False):
        r = self.resource
        try:
            if r.create_command or not scope_missing:  # a setting (no create) of a scope still to be made: it is only set
                self.create_check()
        except ResolveError:
            if not scope_missing:  # references within the missing scope (a user's account) cannot be looked at either
                raise
        after = self.view_wanted([f for f in r.fields if f.option and f.compare is not None], creating=True)
        after["state"] = state
        self.differences.replace({"state": "absent"}, after)
        if self.module.check_mode:
            # as ngine_io.cloudstack: nothing is returned for an object still to be made (diff.after has it)
            return self.finish(None)
        return self.finish(r.after_write(self, self.settle_state(self.create())))

    def run_update(self, current, state):
        r = self.resource
        update, create_only, recreate, stopped = self.changes(current)
        for option in create_only:
            f = r.by_option[option]
            self.warnings.append("%s %s: %s differs (%r on the server, %r wanted) but can only be set when the %s is created" % (
                r.name, current.get("name", current.get("id", "")), option, current.get(f.display or f.field), self.params.get(option), r.name))
        shown = [f for f in self.managed() if f.option not in create_only]
        obj = current
        if recreate:
            after = self.view_wanted(shown)
            after.setdefault("state", state)
            self.differences.replace(self.view_current(current, shown), after)
            if not self.module.check_mode:
                self.delete(current)
                obj = r.after_write(self, self.settle_state(self.create()))
        elif update:
            before = self.view_current(current, shown)
            after = dict(before, **self.view_wanted(shown))
            if self.state_params():
                after["state"] = state
            self.differences.replace(before, after)
            # check mode, as ngine_io.cloudstack: the object as it is before the change (diff.after has the change)
            if not self.module.check_mode:
                if stopped:
                    r.ensure_stopped(self, current, stopped)
                obj = r.after_write(self, self.update(current, update))
        return self.finish(obj)

    def create_check(self):
        r = self.resource
        if not r.create_command:
            raise CloudStackError(r.not_found(self))
        missing = [f.option for f in r.fields if f.required_on_create and self.wanted_param(f, creating=True) is None]
        if missing:
            # AnsibleModule's message (ngine_io checks these with fail_on_missing_params when it creates)
            raise CloudStackError("missing required arguments: %s" % ", ".join(missing))

    def finish(self, obj, deleted=False):
        if not deleted and (self.params.get("state") or "present") != "absent":
            obj = self.resource.converge(self, obj)
        result = {"changed": self.changed}
        if obj:
            result.update(self.resource.result(self, obj))
        gone = not obj and self.resource.no_refs_when_gone and (self.params.get("state") or "present") == "absent"
        for f in self.resource.fields:
            if f.return_key and not gone and f.option in self._resolved and self._resolved[f.option]:
                ref = self._resolved[f.option]
                result.setdefault(f.return_key, self.module.resolver.display(f.resolve, ref))
        if self.module.diff_mode:
            result["diff"] = {"before": self.before, "after": self.after}
        for w in self.warnings:
            self.module.warn(w)
        return result


class InfoEngine:
    """The *_info pattern: one filtered, paged list, mapped to return keys, with an optional jmespath query."""

    def __init__(self, module, resource):
        self.module = module
        self.resource = resource
        self.params = module.params

    def run(self):
        r = self.resource
        params = dict(r.list_params)
        named = None
        for option, param in r.info_filters.items():
            value = self.params.get(option)
            if value is None:
                continue
            f = r.by_option.get(option)
            if f is not None and f.resolve:
                value = self.module.resolver.id(f.resolve, value, option=option)
            if param == "name":
                named = value
            params[param] = value
        try:
            items = r.info_list(self, params, named)
        except CloudStackApiError as exc:
            # CloudStack answers 431 for an id that names nothing: an empty answer
            if exc.status != 431 or "id" not in params:
                raise
            items = []
        wanted = named if named is not None else params.get("id")
        if wanted is not None and not items and r.info_missing_fails:
            raise CloudStackError("%s %r not found" % (r.name, wanted))
        out = [r.result(self, o) for o in items]
        result = {"changed": False, r.info_key: out}
        result.update(r.info_extra(self))
        query = self.params.get("query")
        if query:
            result["query_result"] = run_query(query, out)
        return result


def run_query(query, data):
    try:
        import jmespath
    except ImportError:
        raise CloudStackError("the query option needs the Python library jmespath (pip install jmespath)") from None
    try:
        return jmespath.search(query, data)
    except jmespath.exceptions.JMESPathError as exc:
        raise CloudStackError("query %r is not a valid jmespath expression: %s" % (query, exc)) from None


INFO_QUERY_SPEC = {"query": {"type": "str"}}


def run_resource(resource, argument_spec=None, engine_class=None, choose=None, **module_kwargs):
    """The whole of a resource module's main(): argument spec from the declaration, run, exit.

    engine_class: a ResourceEngine subclass for a resource whose run differs as a whole (an instance's
    state machine, a set of instances converged together).
    choose: for a module whose commands depend on an option (firewall, security group rule: ingress or
    egress): `resource` is then the declarations (the first gives the argument spec: all have the same fields)
    and choose(params) -> the one to run."""
    spec = (resource[0] if choose is not None else resource).argument_spec()
    spec.update(argument_spec or {})
    module = CloudStackModule(argument_spec=spec, supports_check_mode=True, **module_kwargs)
    try:
        result = (engine_class or ResourceEngine)(module, choose(module.params) if choose is not None else resource).run()
    except JobFailed as exc:
        module.fail_from(exc)
    except CloudStackError as exc:
        # an error may carry a partial result (what was done before it): returned with the failure
        module.fail_from(exc, **(getattr(exc, "result", None) or {}))
    module.exit(**result)


def run_info(resource, argument_spec, **module_kwargs):
    spec = dict(argument_spec)
    spec.update(INFO_QUERY_SPEC)
    module = CloudStackModule(argument_spec=spec, supports_check_mode=True, **module_kwargs)
    try:
        result = InfoEngine(module, resource).run()
    except CloudStackError as exc:
        module.fail_from(exc)
    module.exit(**result)
