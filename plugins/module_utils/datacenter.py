# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The whole data center as one plan (module csops.cloudstack.datacenter; private to the collection).

    description (Marvin deployDataCenter) --datacenter_description.plan()--> elements per level
    each element = (a Resource declaration of a single module, that module's params)

Every element runs the single module's engine (ResourceEngine: the same Fields, the same comparer, the
same write policy) with a per-element client wrapper, `PlanClient`, whose list() answers from one
listing per resource type (`Listing`: fetched once, paged, filtered to the zone described; kept in the
plan the module returns, so the next task does not list again) while every write goes to CloudStack.
After an element's first write its reads go to CloudStack too (what a write policy's second look sees
is never a stale copy); the objects that writes return are put into the listing, so children find
their new parents without a call.

Levels apply in dependency order (LEVELS), the elements of one level side by side (max_concurrent
threads, one connection each); state=absent elements are removed in the reverse order. In check mode an
element whose parent is still to be created is reported as created (with its predicted diff) without
a call: the plan shows the whole data center.
"""
from __future__ import annotations

import concurrent.futures
import copy
import threading

from .client import CloudStackError, JobFailed, is_read
from .common import client_from_params
from .datacenter_description import plan as describe
from .engine import ResourceEngine
from .resolve import Resolver
from .resources.cluster import CLUSTER
from .resources.configuration import CONFIGURATION
from .resources.host import HOST
from .resources.image_store import IMAGE_STORE
from .resources.physical_network import PHYSICAL_NETWORK
from .resources.pod import POD
from .resources.storage_pool import STORAGE_POOL
from .resources.traffic_type import TRAFFIC_TYPE
from .resources.vlan_ip_range import VLAN_IP_RANGE
from .resources.zone import ZONE

# level -> (the description's list of present elements, of absent elements, the declaration, fixed params)
LEVELS = (
    ("settings", "settings", None, CONFIGURATION, {}),
    ("zones", "zones", "zones_absent", ZONE, {"state": "present"}),
    ("physical_networks", "physical_networks", "physical_networks_absent", PHYSICAL_NETWORK, {"state": "present"}),
    ("traffic_types", "traffic_types", "traffic_types_absent", TRAFFIC_TYPE, {"state": "present"}),
    ("providers", "physical_networks_enable", None, PHYSICAL_NETWORK, {}),
    ("pods", "pods", "pods_absent", POD, {"state": "present"}),
    ("public_ranges", "ipranges", "ipranges_absent", VLAN_IP_RANGE, {"state": "present"}),
    ("clusters", "clusters", "clusters_absent", CLUSTER, {"state": "present"}),
    ("hosts", "hosts", "hosts_absent", HOST, {"state": "present"}),
    ("primary_storage", "storage_pools", "storage_pools_absent", STORAGE_POOL, {"state": "present"}),
    ("secondary_storage", "image_stores", "image_stores_absent", IMAGE_STORE, {"state": "present"}),
    ("enable", "zones_enable", None, ZONE, {}),
)
LEVEL_NAMES = [level[0] for level in LEVELS]

# The listings: list command -> (reply key, list params answered client-side: param -> response field,
# the param a listing is partitioned by (None: one listing), zone-scoped).
# A list call with any other parameter goes to CloudStack.
LISTINGS = {
    "listConfigurations": ("configuration", {"name": "name"}, None, False),
    "listZones": ("zone", {"id": "id", "name": "name"}, None, False),
    "listPhysicalNetworks": ("physicalnetwork", {"id": "id", "name": "name", "zoneid": "zoneid"}, None, True),
    "listTrafficTypes": ("traffictype", {"id": "id", "physicalnetworkid": "physicalnetworkid"}, "physicalnetworkid", False),
    "listNetworkServiceProviders": ("networkserviceprovider", {"id": "id", "name": "name", "physicalnetworkid": "physicalnetworkid",
                                                               "state": "state"}, None, False),
    "listVirtualRouterElements": ("virtualrouterelement", {"id": "id", "nspid": "nspid"}, None, False),
    "listInternalLoadBalancerElements": ("internalloadbalancerelement", {"id": "id", "nspid": "nspid"}, None, False),
    "listPods": ("pod", {"id": "id", "name": "name", "zoneid": "zoneid"}, None, True),
    "listVlanIpRanges": ("vlaniprange", {"id": "id", "zoneid": "zoneid", "physicalnetworkid": "physicalnetworkid", "podid": "podid",
                                         "networkid": "networkid", "account": "account", "forvirtualnetwork": "forvirtualnetwork"}, None, True),
    "listClusters": ("cluster", {"id": "id", "name": "name", "zoneid": "zoneid", "podid": "podid"}, None, True),
    "listHosts": ("host", {"id": "id", "name": "name", "zoneid": "zoneid", "podid": "podid", "clusterid": "clusterid", "type": "type"}, None, True),
    "listStoragePools": ("storagepool", {"id": "id", "name": "name", "zoneid": "zoneid", "podid": "podid", "clusterid": "clusterid"}, None, True),
    "listImageStores": ("imagestore", {"id": "id", "name": "name", "zoneid": "zoneid"}, None, True),
}
# module defaults an element leaves unset: a storage pool's provider (CloudStack's default is the module's default,
# DefaultPrimary; named, the storage_pool module checks it with a listStorageProviders call)
UNSET_DEFAULTS = {("primary_storage", "provider")}
# fixed list params that do not filter (the engine's and the resolver's)
NEUTRAL = {"listall", "page", "pagesize"}
# listings not handed on to the next task (large, and only the first level uses them)
NOT_HANDED_ON = {"listConfigurations"}
# a write's reply key -> the listing its object belongs to
REPLY_KEYS = {spec[0]: command for command, spec in LISTINGS.items()}
REPLY_KEYS["vlan"] = "listVlanIpRanges"  # createVlanIpRange answers under "vlan"
# the hosts' listing only holds hypervisor hosts (the host module looks for type=Routing)
FIXED_LISTS = {"listHosts": {"type": "Routing"}}
# reads that are not listings but are made by many elements the same way (the providers of storage): once per run
MEMO_READS = {"listStorageProviders"}


def _same(value, wanted):
    if isinstance(value, bool) or isinstance(wanted, bool):
        return str(value).lower() == str(wanted).lower()
    return value is not None and str(value).lower() == str(wanted).lower()


class Listing:
    """One listing per list command, fetched on first use, shared by the elements (and the tasks: state())."""

    def __init__(self, state=None, zone_ids=None):
        state = state or {}
        self.items = copy.deepcopy(state.get("listing") or {})  # command (or command|partition) -> [objects]
        self.scope = dict(state.get("scope") or {})  # command -> zoneid the listing is limited to
        self.reads = copy.deepcopy(state.get("reads") or {})
        self.zone_ids = zone_ids or {}
        self.lock = threading.RLock()

    def state(self):
        """What the next task is handed. The settings' listing (every setting of the cloud, about 250 kB) is left out:
        only the settings level uses it, and the role runs it in its first task."""
        items = {slot: objs for slot, objs in self.items.items() if slot not in NOT_HANDED_ON}
        return {"listing": items, "scope": {s: z for s, z in self.scope.items() if s in items}, "reads": self.reads}

    def answer(self, real, command, key, params):
        """The objects a list call would return, or None when the listing cannot answer it (a call is needed)."""
        spec = LISTINGS.get(command)
        if spec is None:
            return self.memo_read(real, command, key, params)
        key, filters, partition, zoned = spec
        wanted = {k: v for k, v in params.items() if k not in NEUTRAL and v is not None}
        for k, v in FIXED_LISTS.get(command, {}).items():
            if "id" not in wanted and str(wanted.get(k)) != v:
                return None  # the listing holds only these (the hosts: type Routing)
            wanted.pop(k, None)
        if any(k not in filters for k in wanted):
            return None
        slot = command
        if partition:
            if partition not in wanted:
                return None
            slot = "%s|%s" % (command, wanted[partition])
        with self.lock:
            if slot not in self.items:
                self.load(real, command, key, slot, partition, wanted, zoned)
            scope = self.scope.get(slot)
            if scope is not None and wanted.get("zoneid") != scope and "id" not in wanted:
                return None  # limited to the zone described; this asks about another
            objs = list(self.items[slot])
        return [copy.deepcopy(o) for o in objs if all(_same(o.get(filters[k]), v) for k, v in wanted.items())]

    def load(self, real, command, key, slot, partition, wanted, zoned):
        params = dict(FIXED_LISTS.get(command, {}))
        if partition:
            params[partition] = wanted[partition]
        zone_ids = [z for z in self.zone_ids.values() if z]
        if zoned and len(self.zone_ids) == 1 and len(zone_ids) == 1:
            params["zoneid"] = zone_ids[0]  # one zone described (and it exists): list only that zone
            self.scope[slot] = zone_ids[0]
        self.items[slot] = real.list(command, key=key, **params)

    def memo_read(self, real, command, key, params):
        if command not in MEMO_READS:
            return None
        slot = "%s|%s|%s" % (command, key, "&".join("%s=%s" % kv for kv in sorted(params.items())))
        with self.lock:
            if slot not in self.reads:
                self.reads[slot] = real.list(command, key=key, **params)
            return copy.deepcopy(self.reads[slot])

    def put(self, reply_key, obj):
        """An object a write returned: into its listing (replacing the one with its id)."""
        command = REPLY_KEYS.get(reply_key)
        if command is None or not isinstance(obj, dict) or not obj.get("id"):
            return
        with self.lock:
            for slot in [s for s in self.items if s == command or s.startswith(command + "|")]:
                rest = [o for o in self.items[slot] if o.get("id") != obj["id"]]
                partition = LISTINGS[command][2]
                if partition is None or slot == "%s|%s" % (command, obj.get(partition)):
                    rest.append(obj)
                self.items[slot] = rest

    def drop(self, obj_id):
        with self.lock:
            for slot, objs in self.items.items():
                self.items[slot] = [o for o in objs if o.get("id") != obj_id]


class PlanClient:
    """The client an element's engine sees: reads from the listing until the element writes, writes to CloudStack."""

    def __init__(self, real, listing):
        self.real = real
        self.listing = listing
        self.fresh = False  # after a write: every read goes to CloudStack

    def __getattr__(self, name):
        return getattr(self.real, name)

    def list(self, command, key=None, **params):
        if not self.fresh:
            found = self.listing.answer(self.real, command, key, params)
            if found is not None:
                return found
        return self.real.list(command, key=key, **params)

    def call(self, command, _method=None, **params):
        if is_read(command) and command != "queryAsyncJobResult" and not self.fresh and "page" not in params:
            spec = LISTINGS.get(command)
            found = self.listing.answer(self.real, command, spec[0] if spec else None, params)
            if found is not None:
                return {"count": len(found), spec[0]: found} if spec else found
        if not is_read(command):
            self.fresh = True
        reply = self.real.call(command, _method=_method, **params)
        if not is_read(command):
            self.remember(command, reply, params)
        return reply

    def wait_job(self, job, command=None, timeout=None):
        result = self.real.wait_job(job, command, timeout)
        self.remember(command or "", result, {})
        return result

    def wait_jobs(self, jobs, command=None, timeout=None, return_errors=False):
        results = self.real.wait_jobs(jobs, command, timeout, return_errors)
        for r in results:
            self.remember(command or "", r, {})
        return results

    def remember(self, command, reply, params):
        if command.startswith("delete") and params.get("id"):
            self.listing.drop(params["id"])
            return
        if isinstance(reply, dict):
            for key, obj in reply.items():
                for o in obj if isinstance(obj, list) else [obj]:
                    self.listing.put(key, o)


class ElementModule:
    """What an engine uses of its module, for one element: its params, check/diff mode, client, resolver, warnings."""

    def __init__(self, run, element, client):
        self.params = element.params
        self.check_mode = run.check_mode
        self.diff_mode = True
        self.client = client
        self.resolver = Resolver(client)
        self.label = element.label
        self.warnings = []

    def warn(self, msg):
        self.warnings.append("%s: %s" % (self.label, msg))


class PlanEngine(ResourceEngine):
    """The single modules' engine; a creation reads fresh (a lost reply's second look, a host's siblings) and
    hosts are added one at a time per cluster (what addHost's second look tells apart)."""

    def create(self):
        for f in self.resource.fields:
            if f.resolve and f.type != "list" and self.params.get(f.option) is not None:
                self.resolved(f)  # the parents, from the listing (they do not change with this creation)
        self.client.fresh = True
        lock = self.module.create_lock
        if lock is None:
            return super().create()
        with lock:
            return super().create()


class Element:
    def __init__(self, level, resource, item, fixed, state):
        self.level = level
        self.resource = resource
        self.label = item["label"]
        self.key = item.get("key") or "%s:%s" % (level, item["label"])
        self.parent = item.get("parent")
        self.state = state
        spec = resource.argument_spec()
        params = {k: v.get("default") for k, v in spec.items() if (level, k) not in UNSET_DEFAULTS}
        params.update({k: v for k, v in item.items() if k in spec})
        params.update(fixed)
        if state == "absent":
            params["state"] = "absent"
        self.params = params
        self.check(spec)

    def check(self, spec):
        """Bad input names the element and the option (the module's argument spec is not run for elements)."""
        for option, value in self.params.items():
            choices = (spec.get(option) or {}).get("choices")
            if value is None or not choices:
                continue
            values = value if isinstance(value, list) else [value]
            bad = [v for v in values if v not in choices]
            if bad:
                raise CloudStackError("%s: %s must be one of %s, got %r" % (self.label, option, ", ".join(choices), bad[0]))


def elements(description, levels, phase):
    """[(level, [Element])] in the order they apply: present elements level by level, then absent ones in reverse."""
    out = []
    if phase in ("present", "both"):
        for level, present, _absent, resource, fixed in LEVELS:
            if level in levels:
                out.append((level, [Element(level, resource, item, fixed, "present") for item in description.get(present) or []]))
    if phase in ("absent", "both"):
        for level, _present, absent, resource, _fixed in reversed(LEVELS):
            if level in levels and absent:
                out.append((level, [Element(level, resource, item, {}, "absent") for item in description.get(absent) or []]))
    return out


class DatacenterRun:
    """One task: plan and apply the given levels."""

    def __init__(self, module, description, levels, plan=None, phase="both", max_concurrent=8):
        self.module = module
        self.check_mode = module.check_mode
        self.description = description
        self.levels = levels
        self.phase = phase
        self.max_concurrent = max(1, int(max_concurrent))
        plan = plan or {}
        self.pending = set(plan.get("pending") or [])  # keys of elements still to be created (check mode)
        self.earlier_totals = plan.get("totals") or {}
        self.listing = Listing(plan)
        self.clients = []
        self.local = threading.local()
        self.locks = {}
        self.lock = threading.Lock()
        self.results = {}
        self.diffs = []
        self.warnings = []
        self.done, self.failed = [], []

    # ---- connections: one per thread ----------------------------------------------------------------
    def real_client(self):
        client = getattr(self.local, "client", None)
        if client is None:
            client = client_from_params(self.module.params)
            self.local.client = client
            with self.lock:
                self.clients.append(client)
        return client

    def calls(self):
        total = {}
        for c in self.clients:
            for k, v in c.calls.items():
                total[k] = total.get(k, 0) + v
        return dict(sorted(total.items()))

    def close(self):
        for c in self.clients:
            c.finish()

    # ---- the run -----------------------------------------------------------------------------------
    def run(self):
        plan = self.elements()
        self.listing.zone_ids = self.zone_ids()
        for level, elems in plan:
            if not elems:
                continue
            self.apply(level, elems)
            if self.failed:
                break
        return self.result(plan)

    def elements(self):
        return elements(self.description, self.levels, self.phase)

    def zone_ids(self):
        """The zones described -> their ids (None: not there yet), from the zones' listing."""
        names = {z["name"] for z in self.description.get("zones") or []} | {z["name"] for z in self.description.get("zones_absent") or []}
        if not names:
            return {}
        client = PlanClient(self.real_client(), self.listing)
        zones = client.list("listZones", key="zone")
        by_name = {str(z.get("name", "")).lower(): z.get("id") for z in zones}
        return {n: by_name.get(n.lower()) for n in names}

    def apply(self, level, elems):
        with concurrent.futures.ThreadPoolExecutor(max_workers=min(self.max_concurrent, len(elems))) as pool:
            futures = {pool.submit(self.apply_one, e): e for e in elems}
            for fut in concurrent.futures.as_completed(futures):
                fut.result()  # apply_one records failures itself

    def apply_one(self, element):
        if element.state == "present" and element.parent in self.pending:
            return self.predicted(element)
        client = PlanClient(self.real_client(), self.listing)
        mod = ElementModule(self, element, client)
        mod.create_lock = self.create_lock(element)
        engine = PlanEngine(mod, element.resource)
        try:
            res = engine.run()
        except (CloudStackError, JobFailed) as exc:
            with self.lock:
                self.failed.append({"element": element.label, "msg": str(exc)})
                self.record(element, "failed", engine)
            return None
        with self.lock:
            self.warnings.extend(mod.warnings)
            self.record(element, self.outcome(engine, res), engine)
        return res

    def create_lock(self, element):
        if element.resource is not HOST:
            return None
        key = (element.params.get("zone"), element.params.get("pod"), element.params.get("cluster"))
        with self.lock:
            return self.locks.setdefault(key, threading.Lock())

    @staticmethod
    def outcome(engine, res):
        if not res.get("changed"):
            return "unchanged"
        if engine.before == {"state": "absent"}:
            return "created"
        if engine.after == {"state": "absent"}:
            return "removed"
        return "updated"

    def predicted(self, element):
        """Check mode, the parent still to be created: the element would be created with it (no call)."""
        mod = ElementModule(self, element, None)
        engine = ResourceEngine(mod, element.resource)
        after = engine.view_wanted([f for f in element.resource.fields if f.option and f.compare is not None], creating=True)
        after["state"] = element.params.get("state") or "present"
        engine.differences.replace({"state": "absent"}, after)
        with self.lock:
            self.record(element, "created", engine)
        return None

    def record(self, element, outcome, engine):
        if outcome == "created" and self.check_mode:
            self.pending.add(element.key)
        if outcome == "failed":
            return
        self.done.append(element.label)
        kind = self.results.setdefault(element.level, {"created": [], "updated": [], "removed": [], "unchanged": []})
        kind[outcome].append(element.label)
        if outcome != "unchanged":
            self.diffs.append({"before_header": element.label, "after_header": element.label,
                               "before": engine.before, "after": engine.after})

    def totals(self):
        """Per level, over this task and the earlier ones of the plan: the elements described and what became of them."""
        out = copy.deepcopy(self.earlier_totals)
        for level in self.levels:
            out.setdefault(level, {"described": 0, "to_remove": 0, "created": 0, "updated": 0, "removed": 0, "unchanged": 0})
        for level, kind in self.results.items():
            for outcome, labels in kind.items():
                out[level][outcome] += len(labels)
        for level, present, absent, _resource, _fixed in LEVELS:
            if level in out:
                out[level]["described"] = len(self.description.get(present) or [])
                out[level]["to_remove"] = len(self.description.get(absent) or []) if absent else 0
                out[level]["changed"] = out[level]["created"] + out[level]["updated"] + out[level]["removed"]
        return out

    def result(self, plan):
        wanted = [e.label for _level, elems in plan for e in elems]
        done = set(self.done)
        for kind in self.results.values():
            for labels in kind.values():
                labels.sort()
        totals = self.totals()
        out = {
            "changed": any(k[o] for k in self.results.values() for o in ("created", "updated", "removed")),
            "datacenter": self.results,
            "summary": totals,
            "plan": dict(self.listing.state(), pending=sorted(self.pending), totals=totals),
            "diff": sorted(self.diffs, key=lambda d: d["before_header"]),
            "warnings_": self.warnings,
            "api_calls": self.calls(),
        }
        if self.failed:
            out["failed_elements"] = self.failed
            out["done"] = sorted(done)
            out["not_done"] = [label for label in wanted if label not in done]
        return out


def run_datacenter(module, config, levels=None, plan=None, phase="both", max_concurrent=8, defaults=None):
    """The module's work: the description checked, the levels applied. Returns the result dict."""
    description = describe(config, defaults or {})
    levels = list(levels or LEVEL_NAMES)
    run = DatacenterRun(module, description, levels, plan=plan, phase=phase, max_concurrent=max_concurrent)
    try:
        out = run.run()
    finally:
        run.close()
    out["warnings_"] = description.get("warnings", []) + out["warnings_"]
    return out
