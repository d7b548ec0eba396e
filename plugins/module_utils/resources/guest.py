# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared pieces of the guest resources (volume, network, security groups, public IPs and their rules):
the owner options (domain, account, project), resource tags, and modules whose commands depend on an
option (firewall ingress/egress, security group rule ingress/egress). Private to the collection.
"""
from __future__ import annotations

from ..client import CloudStackApiError, CloudStackError, JobFailed, WriteOutcomeUnknown
from ..common import CloudStackModule
from ..engine import WRITE_ATTEMPTS, Field, Resource, ResourceEngine, to_result


class GuestResource(Resource):
    """Results as ngine_io.cloudstack gives them: tags as CloudStack returns them, but a list of {key, value} when
    the task sets the tags option (ngine_io then returns the tags it converged, from listTags)."""

    def result(self, engine, obj):
        out = to_result(obj, self.returns, self.returns_to_int)
        if isinstance(out.get("tags"), list) and engine.params.get("tags") is not None:
            out["tags"] = [{"key": t.get("key"), "value": t.get("value")} for t in out["tags"] if isinstance(t, dict)]
        return out


def owner_fields():
    """domain (path), account (name, with domain), project: scope of the lookup and owner at creation."""
    return (
        Field("domain", param="domainid", resolve="domain", compare=None, lookup=True),
        Field("account", compare=None, lookup=True),
        Field("project", param="projectid", resolve="project", compare=None, lookup=True),
    )


TAGS_FIELD_SPEC = {"elements": "dict", "aliases": ["tag"]}


def tags_field():
    return Field("tags", type="list", compare=None, create=False, spec=dict(TAGS_FIELD_SPEC))


def tags_of(obj):
    return {str(t.get("key")): str(t.get("value")) for t in (obj or {}).get("tags") or []}


def check_tags(params, option="tags"):
    """Bad tags fail before anything is changed."""
    for tag in params.get(option) or []:
        if not isinstance(tag, dict) or "key" not in tag or set(tag) - {"key", "value"}:
            raise CloudStackError("%s: each tag is a dict with key and value, got %r" % (option, tag))


def wanted_tags(params, option="tags"):
    check_tags(params, option)
    return {str(t["key"]): str(t.get("value", "")) for t in params.get(option) or []}


def tag_list(tags):
    return [{"key": k, "value": v} for k, v in sorted(tags.items())]


def ensure_tags(engine, obj, resource_type, option="tags", refresh=None):
    """Converge the tags of obj to the option's list of {key, value} (None: leave them; []: remove all).
    deleteTags for keys that go or change, createTags for new ones (both async). Sets engine.changed and
    the diff; in check mode (or when obj is still to be created) only plans."""
    if engine.params.get(option) is None:
        return obj
    wanted = wanted_tags(engine.params, option)
    current = tags_of(obj) if obj and obj.get("id") else {}
    if wanted == current:
        return obj
    engine.changed = True
    if engine.before != {"state": "absent"}:  # a creation shows {state: absent} -> the object
        engine.before.setdefault(option, tag_list(current))
    engine.after[option] = tag_list(wanted)
    if engine.module.check_mode or obj is None or not obj.get("id"):
        return obj  # check mode: the object as it is (diff.after has the tags)
    refresh = refresh or (lambda o: engine.find())
    gone = {k: v for k, v in current.items() if wanted.get(k) != v}
    new = {k: v for k, v in wanted.items() if current.get(k) != v}
    if gone:
        _tag_write(engine, obj, refresh, "deleteTags", resource_type, gone, lambda have: not any(have.get(k) == v for k, v in gone.items()))
    if new:
        _tag_write(engine, obj, refresh, "createTags", resource_type, new, lambda have: all(have.get(k) == v for k, v in new.items()))
    return refresh(obj)


def _tag_write(engine, obj, refresh, command, resource_type, tags, done):
    """createTags/deleteTags and its job; after a lost reply or a transient error, look before sending it again."""
    client = engine.client
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            client.wait_job(client.call(command, resourceids=obj["id"], resourcetype=resource_type, tags=tags), command)
            return
        except (WriteOutcomeUnknown, CloudStackApiError) as exc:
            if not engine._transient(exc) or attempt == WRITE_ATTEMPTS:
                raise
            now = refresh(obj)
            if now is not None and done(tags_of(now)):
                return


def tags_param(params, option="tags"):
    """The tags option as a list filter (tags[0].key=...&tags[0].value=...)."""
    wanted = wanted_tags(params, option)
    return wanted or None


def resolve_option(engine, option):
    """The object an option of kind resolve names (cached by the engine), or None when unset."""
    f = engine.resource.by_option[option]
    if engine.params.get(option) is None:
        return None
    return engine.resolved(f)


def run_selected(resources, choose, argument_spec=None, engine_class=None, **module_kwargs):
    """run_resource for a module whose commands depend on an option (firewall: ingress or egress).
    resources: the declarations (the first one gives the argument spec; all have the same fields);
    choose(params) -> the one to run; engine_class: a ResourceEngine subclass (default ResourceEngine)."""
    spec = resources[0].argument_spec()
    spec.update(argument_spec or {})
    module = CloudStackModule(argument_spec=spec, supports_check_mode=True, **module_kwargs)
    try:
        result = (engine_class or ResourceEngine)(module, choose(module.params)).run()
    except (JobFailed, CloudStackError) as exc:
        module.fail_from(exc)
    module.exit(**result)


def poll_async_field():
    """ngine_io.cloudstack's poll_async, accepted so that playbooks move over unchanged: jobs are always
    awaited (bounded by api_async_timeout), so that a failed job fails the task and re-runs are exact."""
    return Field("poll_async", type="bool", compare=None, create=False, spec={"default": True})
