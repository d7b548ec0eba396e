# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A set of instances converged in one task (module instances).

The set is an exact count of names from a pattern (name_pattern "web-%02d", count 100, start_index 1) or a
list of specs (instances: [{name: db-1, service_offering: ...}, ...]), owned by one owner in one zone.

- One paged listVirtualMachines call (owner, zone, and the pattern's literal prefix as keyword) tells what
  exists; nothing else is read when nothing is to be done.
- Missing instances: every deploy's parameters are resolved first (bad input fails before anything is
  made), then deployVirtualMachine is submitted for at most max_concurrent at a time and the jobs are awaited
  together (a rolling window); each job is bounded by api_async_timeout.
- A deploy whose reply was lost (or that met a transient server error) is looked for by name before it is
  submitted again: no duplicates.
- A failed deploy is named in the error with CloudStack's reason; the others still complete and are reported.
- state started/stopped converges the power state of the whole set; absent/destroyed/expunged remove it.
- extra: what happens to instances beyond the set (matching name_pattern, or of the group in list mode):
  keep (default), stop, destroy or expunge.
- Existing instances are not reconfigured (offering, networks, ...): that is the instance module's job. Tags
  are added to instances that lack them (never removed here).
"""
from __future__ import annotations

import re

from ..client import CloudStackApiError, CloudStackError
from ..engine import Field, Resource, ResourceEngine
from ..resolve import ResolveError
from ..tags import check_tags, tags_of, wanted_tags, write_tags
from .instance import GONE, KEYBOARDS, TEMPLATE_FILTERS, TRANSITIONAL, deploy_params, instance_result, owner_params, settle

SPEC_KEYS = ("name", "display_name", "service_offering", "cpu", "cpu_speed", "memory", "template", "iso", "networks", "ip_address",
             "ip6_address", "ip_to_networks", "group", "user_data", "ssh_key", "security_groups", "affinity_groups", "disk_offering",
             "disk_size", "root_disk_size", "host", "cluster", "pod", "details", "keyboard", "hypervisor")
PATTERN_RE = re.compile(r"%(0?\d*)d")
EXTRA_CHOICES = ["keep", "stop", "destroy", "expunge"]
STATE_CHOICES = ["present", "started", "stopped", "absent", "destroyed", "expunged"]


def pattern_names(pattern, count, start):
    convs = PATTERN_RE.findall(pattern or "")
    if len(convs) != 1 or pattern.count("%") != 1:
        raise CloudStackError("name_pattern must hold exactly one integer conversion such as %%d or %%02d, got %r" % pattern)
    if count is None or count < 0:
        raise CloudStackError("count must be 0 or more with name_pattern, got %r" % count)
    if start is None or start < 0:
        raise CloudStackError("start_index must be 0 or more, got %r" % start)
    return [pattern % i for i in range(start, start + count)]


def pattern_regex(pattern):
    head, tail = PATTERN_RE.split(pattern, maxsplit=1)[0], PATTERN_RE.split(pattern, maxsplit=1)[-1]
    return re.compile("^%s(\\d+)%s$" % (re.escape(head), re.escape(tail)), re.IGNORECASE), head


class InstancesEngine(ResourceEngine):
    def __init__(self, module, resource):
        super().__init__(module, resource)
        self.cache = {}
        self.errors = {}  # name -> message
        self.report = {k: [] for k in ("created", "started", "stopped", "recovered", "destroyed", "expunged")}

    # ---- the wanted set ------------------------------------------------------------------------------------
    def wanted(self):
        p = self.params
        if p.get("name_pattern") is not None:
            return pattern_names(p["name_pattern"], p.get("count"), p.get("start_index")), None
        specs = {}
        for i, spec in enumerate(p.get("instances") or []):
            if not isinstance(spec, dict) or not spec.get("name"):
                raise CloudStackError("instances[%d]: each entry is a dict with at least a name, got %r" % (i, spec))
            unknown = set(spec) - set(SPEC_KEYS)
            if unknown:
                raise CloudStackError("instances[%d] (%s): unknown keys %s; allowed: %s" % (i, spec["name"], ", ".join(sorted(unknown)), ", ".join(SPEC_KEYS)))
            if spec["name"].lower() in specs:
                raise CloudStackError("instances: the name %s is listed twice" % spec["name"])
            specs[spec["name"].lower()] = spec
        return [s["name"] for s in specs.values()], specs

    def options_for(self, name, specs):
        p = {k: self.params.get(k) for k in SPEC_KEYS if k != "name"}
        p.update({k: self.params.get(k) for k in ("zone", "template_filter", "domain", "account", "project")})
        if specs is not None:
            p.update({k: v for k, v in specs[name.lower()].items() if v is not None})
        p["name"] = name
        return p

    # ---- jobs in a rolling window -----------------------------------------------------------------------------
    def run_window(self, items, look):
        """items: [(name, command, params)]. Submits at most max_concurrent at once and follows them together:
        each round one listVirtualMachines ids=... call shows which instances reached the state their command
        leads to; only a job whose instance shows something else (an error, or nothing) is asked for its result
        (queryAsyncJobResult), so a round costs one call, not one per job.
        look(name) -> the instance if the command's effect is there (after a lost reply), else None.
        Returns {name: instance}; failures go to self.errors."""
        client = self.client
        limit = max(1, int(self.params.get("max_concurrent") or 20))
        queue = list(items)
        pending = {}  # jobid -> (name, submitted at, instance id, expected state or None for gone)
        done, settle_later = {}, []
        delay = client.poll_first
        while queue or pending:
            while queue and len(pending) < limit:
                name, command, params = queue.pop(0)
                reply = self.submit(name, command, params, look)
                if isinstance(reply, dict) and reply.get("jobid"):
                    pending[reply["jobid"]] = (name, client.clock(), reply.get("id") or params.get("id"), expected_state(command, params))
                    delay = client.poll_first
                elif isinstance(reply, dict) and reply.get("id"):
                    settle_later.append(reply)
            if not pending:
                continue
            client.sleep(delay)
            delay = min(client.poll_max, 1.0, delay * 2)
            ids = sorted({entry[2] for entry in pending.values() if entry[2]})
            seen = {vm["id"]: vm for vm in client.list("listVirtualMachines", key="virtualmachine", ids=ids, listall=True)} if ids else {}
            for jobid, entry in list(pending.items()):
                finished, vm = self.follow(jobid, entry, seen.get(entry[2]))
                if finished:
                    del pending[jobid]
                    if vm is not None:
                        done[entry[0]] = vm
        for vm in settle_later:
            try:
                done[vm["name"]] = settle(client, vm)
            except CloudStackError as exc:
                self.errors[vm["name"]] = str(exc)
        return done

    def follow(self, jobid, entry, vm):
        """One job of the window, with what the list call of the round showed of its instance (vm): (finished, the
        instance or None). A failure or a timeout goes to self.errors."""
        client = self.client
        name, started, vmid, expect = entry
        if vmid and expect and vm is not None and vm.get("state") == expect:
            return True, vm
        timed_out = "async job %s still running after %s seconds (api_async_timeout); it may still complete" % (jobid, client.async_timeout)
        if vmid and vm is not None and vm.get("state") in TRANSITIONAL + ("Running", "Stopped", "Destroyed") and vm.get("state") != expect:
            if vm.get("state") in TRANSITIONAL or client.clock() - started < 0.5:
                if client.clock() - started > client.async_timeout:
                    self.errors[name] = timed_out
                    return True, None
                return False, None
        job = client.call("queryAsyncJobResult", jobid=jobid)
        status = int(job.get("jobstatus", 0))
        if status == 0:
            if client.clock() - started > client.async_timeout:
                self.errors[name] = timed_out
                return True, None
            return False, None
        res = job.get("jobresult") or {}
        if status == 1:
            return True, res.get("virtualmachine") or vm or {"id": vmid, "name": name}
        self.errors[name] = "async job %s failed (errorcode %s): %s" % (jobid, res.get("errorcode"), res.get("errortext") or "no error text")
        return True, None

    def submit(self, name, command, params, look):
        """Send one command with the write policy (look(name) after a lost reply); a failure goes to self.errors."""
        try:
            return self.write(lambda: self.client.call(command, **params), lambda exc: look(name))
        except CloudStackError as exc:
            self.errors[name] = str(exc)
            return None

    # ---- the run ------------------------------------------------------------------------------------------------
    def run(self):
        p = self.params
        check_tags(p)
        names, specs = self.wanted()
        state = p.get("state") or "present"
        extra = p.get("extra") or "keep"
        if specs is not None and extra != "keep" and not p.get("group"):
            raise CloudStackError("extra=%s in list mode needs group: the instances of the group that are not listed are the extra ones" % extra)
        zoneid = self.module.resolver.id("zone", p["zone"], option="zone")
        owner, listing, existing = self.survey(zoneid)
        current, extras = self.split(names, existing)
        removing = state in ("absent", "destroyed", "expunged")
        deploys, actions = [], []
        if removing:
            for n in names:
                if n in current:
                    actions.extend(self.removal(current[n], state))
        else:
            deploys = [self.deploy_item(n, specs, zoneid, owner, state) for n in names if n not in current]
            actions = self.power_actions(names, current, state)
        actions.extend(self.extra_actions(extras, extra))
        before, after = self.plan_views(deploys, actions, existing, state)
        tags = {} if removing else wanted_tags(p)
        tag_targets = self.tag_targets(current, tags, before, after)
        self.differences.replace(before, after)
        self.differences.changed = bool(deploys or actions or tag_targets)
        final = {}
        if not self.module.check_mode and self.changed:
            final = self.apply(deploys, actions, zoneid, owner, tags, tag_targets)
            if tags and (tag_targets or self.report["created"]):
                fresh = {vm["name"]: vm for vm in self.client.list("listVirtualMachines", key="virtualmachine", **listing)}
                final.update({n: fresh[n] for n in names if n in fresh})
        shown = [] if removing else [instance_result(final.get(n) or current[n]) for n in names if (final.get(n) or current.get(n))]
        return self.outcome(shown, names, extras)

    def survey(self, zoneid):
        """(owner parameters, the listing parameters, the instances that exist and are not gone): one paged list call.
        In check mode an owner that does not exist yet (an earlier task would make it) means: none exist."""
        p, module = self.params, self.module
        owner_missing = None
        try:
            owner = owner_params(module, p)
        except ResolveError as exc:
            if not module.check_mode:
                raise
            owner, owner_missing = {}, exc
        listing = dict(owner, zoneid=zoneid)
        if p.get("name_pattern") is not None:
            head = pattern_regex(p["name_pattern"])[1]
            if head:
                listing["keyword"] = head
        try:
            existing = [] if owner_missing else self.client.list("listVirtualMachines", key="virtualmachine", **listing)
        except CloudStackApiError as exc:
            if not (module.check_mode and exc.status == 431 and p.get("account")):
                raise
            existing, owner_missing = [], exc  # the account does not exist (yet)
        if owner_missing is not None:
            # check mode before the owner exists (an earlier task of the same run would create it): the whole set is to be made
            self.warnings.append("instances: the owner does not exist yet (%s); check mode reports the whole set as to be deployed" % owner_missing)
        return owner, listing, [vm for vm in existing if vm.get("state") not in GONE]

    def split(self, names, existing):
        """({name: instance} of the set that exist, the extra instances: matching name_pattern, or of the group in list mode)."""
        p = self.params
        by_name = {}
        for vm in existing:
            by_name.setdefault(vm["name"].lower(), []).append(vm)
        dupes = [n for n in names if len(by_name.get(n.lower(), [])) > 1]
        if dupes:
            raise CloudStackError("instances: more than one instance is named %s; remove the duplicates first" % ", ".join(dupes[:10]))
        current = {n: by_name[n.lower()][0] for n in names if n.lower() in by_name}
        wanted_low = {n.lower() for n in names}
        regex = pattern_regex(p["name_pattern"])[0] if p.get("name_pattern") is not None else None
        extras = []
        for vm in existing:
            if vm["name"].lower() in wanted_low:
                continue
            if regex is not None:
                m = regex.match(vm["name"])
                if m and p["name_pattern"] % int(m.group(1)) == vm["name"]:
                    extras.append(vm)
            elif p.get("group") and vm.get("group") == p["group"]:
                extras.append(vm)
        return current, sorted(extras, key=lambda v: v["name"])

    def deploy_item(self, name, specs, zoneid, owner, state):
        params = deploy_params(self.module, self.options_for(name, specs), zoneid, owner, self.cache)
        params["startvm"] = state != "stopped"
        return name, "deployVirtualMachine", params

    def power_actions(self, names, current, state):
        """(name, command, params, report key, new state) for the existing members of the set."""
        actions = []
        for n in names:
            vm = current.get(n)
            if vm is None:
                continue
            if vm["state"] == "Destroyed":
                actions.append((n, "recoverVirtualMachine", {"id": vm["id"]}, "recovered", "stopped"))
                vm = dict(vm, state="Stopped")
            if vm["state"] == "Error":
                self.errors[n] = "instance %s is in state Error; expunge it (instance module, state=expunged) to deploy it again" % n
            elif state == "started" and vm["state"] != "Running":
                actions.append((n, "startVirtualMachine", {"id": vm["id"]}, "started", "running"))
            elif state == "stopped" and vm["state"] != "Stopped":
                actions.append((n, "stopVirtualMachine", {"id": vm["id"]}, "stopped", "stopped"))
        return actions

    def extra_actions(self, extras, extra):
        actions = []
        for vm in extras:
            if extra == "stop" and vm["state"] not in ("Stopped", "Destroyed"):
                actions.append((vm["name"], "stopVirtualMachine", {"id": vm["id"]}, "stopped", "stopped"))
            elif extra in ("destroy", "expunge"):
                actions.extend(self.removal(vm, "destroyed" if extra == "destroy" else "expunged"))
        return actions

    @staticmethod
    def plan_views(deploys, actions, existing, state):
        before, after = {}, {}
        for n, _c, _p in deploys:
            before[n], after[n] = "absent", "stopped" if state == "stopped" else "running"
        cur_by_name = {vm["name"]: vm for vm in existing}
        for n, _c, _p, _k, new in actions:
            before.setdefault(n, str(cur_by_name.get(n, {}).get("state", "")).lower())
            after[n] = new
        return before, after

    @staticmethod
    def tag_targets(current, wanted, before, after):
        """The existing members that lack a wanted tag (their state is shown unchanged in the diff)."""
        targets = []
        if not wanted:
            return targets
        for n, vm in current.items():
            have = tags_of(vm)
            if any(have.get(k) != v for k, v in wanted.items()):
                targets.append(vm)
                before.setdefault(n, str(vm.get("state", "")).lower())
                after.setdefault(n, before[n])
        return targets

    def apply(self, deploys, actions, zoneid, owner, tags, tag_targets):
        """Deploy the missing instances, then recover, then run the state changes together, then tag.
        Returns {name: instance} of what was made or changed; failures go to self.errors."""
        def look_deployed(name):
            items = self.client.list("listVirtualMachines", key="virtualmachine", name=name, zoneid=zoneid, **owner)
            items = [v for v in items if v.get("name", "").lower() == name.lower() and v.get("state") not in GONE]
            return items[0] if items else None

        final = {}
        for n, vm in self.run_window(deploys, look_deployed).items():
            if vm.get("state") == "Error" and n not in self.errors:
                self.errors[n] = "instance %s is in state Error after its deployment" % n
                continue
            final[n] = vm
            self.report["created"].append(n)
        by_kind = {}
        for n, command, params, key, _new in actions:
            by_kind.setdefault(command, []).append((n, command, params, key))
        # recover first (sync), then the async state changes together
        for n, command, params, key in by_kind.pop("recoverVirtualMachine", []):
            try:
                self.client.call(command, **params)
                self.report[key].append(n)
            except CloudStackError as exc:
                self.errors[n] = str(exc)
        for items in by_kind.values():
            final.update(self.change_states(items))
        targets = [vm["id"] for vm in tag_targets] + [final[n]["id"] for n in self.report["created"] if n in final]
        if tags and targets:
            self.tag(targets, tags, tag_targets)
        return final

    def change_states(self, items):
        """One kind of state change (start, stop, destroy, expunge) for several instances in a rolling window."""
        keys = {n: key for n, _c, _p, key in items}
        ids = {n: params.get("id") for n, _c, params, _k in items}

        def look_state(name):
            got = self.client.list("listVirtualMachines", key="virtualmachine", id=ids[name])
            return got[0] if got else {"id": ids[name], "name": name, "state": "Expunged"}

        changed = {}
        results = self.run_window([(n, c, prm) for n, c, prm, _k in items], look_state)
        for n in results:
            self.report[keys[n]].append(n)
            if results[n] and results[n].get("id"):
                changed[n] = results[n]
        return changed

    def outcome(self, shown, names, extras):
        result = {"changed": self.changed, "instances": shown, "names": names}
        for w in self.warnings:
            self.module.warn(w)
        if self.module.check_mode:
            result["planned"] = {n: self.after[n] for n in sorted(self.after)}
        result.update({k: sorted(v) for k, v in self.report.items()})
        result["extra_instances"] = [vm["name"] for vm in extras]
        if self.module.diff_mode:
            result["diff"] = {"before": {"instances": {n: self.before[n] for n in sorted(self.before)}},
                              "after": {"instances": {n: self.after[n] for n in sorted(self.after)}}}
        if self.errors:
            failed = sorted(self.errors)
            result["failed_instances"] = {n: self.errors[n] for n in failed}
            msg = "instances: %d of the set failed: %s" % (len(failed), "; ".join("%s: %s" % (n, self.errors[n]) for n in failed[:10]))
            if len(failed) > 10:
                msg += "; and %d more (see failed_instances)" % (len(failed) - 10)
            raise SetFailed(msg, result)
        return result

    def removal(self, vm, state):
        n = vm["name"]
        if state == "expunged":
            if vm["state"] in ("Destroyed", "Error"):
                return [(n, "expungeVirtualMachine", {"id": vm["id"]}, "expunged", "expunged")]
            return [(n, "destroyVirtualMachine", {"id": vm["id"], "expunge": True}, "expunged", "expunged")]
        if vm["state"] in ("Destroyed",):
            return []
        return [(n, "destroyVirtualMachine", {"id": vm["id"]}, "destroyed", "destroyed")]

    def tag(self, ids, wanted, existing):
        """Tags for the instances that lack a wanted tag, with the one tag helper (write_tags): deleteTags first where
        a key has another value, then createTags; after a lost reply the instances are looked at before resending."""
        def tags_by_id(batch):
            return {vm["id"]: tags_of(vm) for vm in self.client.list("listVirtualMachines", key="virtualmachine", ids=list(batch), listall=True)}

        changed_values = [vm["id"] for vm in existing if any(k in wanted and v != wanted[k] for k, v in tags_of(vm).items())]
        if changed_values:
            write_tags(self, "deleteTags", "UserVm", changed_values, [{"key": k} for k in wanted],
                       lambda batch: not any(k in have for have in tags_by_id(batch).values() for k in wanted))
        write_tags(self, "createTags", "UserVm", ids, wanted,
                   lambda batch: all(all(have.get(k) == v for k, v in wanted.items()) for have in tags_by_id(batch).values()))


def expected_state(command, params):
    """The state an instance shows once the command's job is done (None: it is gone, or unknown)."""
    if command == "deployVirtualMachine":
        return "Stopped" if params.get("startvm") is False else "Running"
    if command == "destroyVirtualMachine":
        return None if params.get("expunge") else "Destroyed"
    return {"startVirtualMachine": "Running", "stopVirtualMachine": "Stopped"}.get(command)


class SetFailed(CloudStackError):
    def __init__(self, message, result):
        super().__init__(message)
        self.result = result


def _spec_fields():
    return (
        Field("zone", compare=None, spec={"required": True}),
        Field("name_pattern", compare=None),
        Field("count", type="int", compare=None),
        Field("start_index", type="int", compare=None, spec={"default": 1}),
        Field("instances", type="list", compare=None, spec={"elements": "dict"}),
        Field("extra", compare=None, spec={"default": "keep", "choices": EXTRA_CHOICES}),
        Field("max_concurrent", type="int", compare=None, spec={"default": 20}),
        Field("display_name", compare=None),
        Field("group", compare=None),
        Field("service_offering", compare=None),
        Field("cpu", type="int", compare=None),
        Field("cpu_speed", type="int", compare=None),
        Field("memory", type="int", compare=None),
        Field("template", compare=None),
        Field("iso", compare=None),
        Field("template_filter", compare=None, spec={"default": "executable", "choices": TEMPLATE_FILTERS, "aliases": ["iso_filter"]}),
        Field("hypervisor", compare=None),
        Field("keyboard", compare=None, spec={"choices": KEYBOARDS}),
        Field("networks", type="list", compare=None, spec={"aliases": ["network"]}),
        Field("ip_address", compare=None),
        Field("ip6_address", compare=None),
        Field("ip_to_networks", type="list", compare=None, spec={"elements": "dict"}),
        Field("disk_offering", compare=None),
        Field("disk_size", type="int", compare=None),
        Field("root_disk_size", type="int", compare=None),
        Field("security_groups", type="list", compare=None, spec={"aliases": ["security_group"]}),
        Field("host", compare=None),
        Field("cluster", compare=None),
        Field("pod", compare=None),
        Field("domain", compare=None),
        Field("account", compare=None),
        Field("project", compare=None),
        Field("ssh_key", compare=None, spec={"no_log": False}),
        Field("affinity_groups", type="list", compare=None, spec={"aliases": ["affinity_group"]}),
        Field("user_data", compare=None),
        Field("details", type="dict", compare=None),
        Field("tags", type="list", compare=None, spec={"elements": "dict", "aliases": ["tag"]}),
    )


INSTANCES = Resource(
    name="instances",
    list_command="listVirtualMachines",
    list_key="virtualmachine",
    create_command="deployVirtualMachine",
    create_key="virtualmachine",
    id_option=None,
    fields=_spec_fields(),
)
