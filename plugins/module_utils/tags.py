# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Resource tags: the one tag helper of the collection (private to it).

ensure_tags() converges one object's tags (volume, network, rules, public IP, instance, project, template, ...);
write_tags() sends createTags/deleteTags for one or many objects (the instances module tags a whole set) with the
engine's write policy: after a lost reply or a transient error it looks whether the tags are there before
sending the command again.
"""
from __future__ import annotations

from .client import CloudStackError

TAGS_FIELD_SPEC = {"elements": "dict", "aliases": ["tag"]}
BATCH = 100  # resource ids per createTags/deleteTags call


def tag_names(value):
    """Host, storage and offering tags as CloudStack gives them ("a,b") or a list -> the names in order, once each;
    None or "" -> []."""
    items = value if isinstance(value, (list, tuple, set)) else str(value or "").split(",")
    out = []
    for item in items:
        name = str(item).strip()
        if name and name not in out:
            out.append(name)
    return out


def tags_of(obj):
    """The tags of an API object as {key: value}."""
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


def write_tags(engine, command, resource_type, ids, tags, done):
    """createTags or deleteTags (tags: {key: value}, or a list of {key} for deleteTags) for the ids, BATCH ids a
    call; the jobs are awaited together. done(batch) -> True if the change is there for those ids (looked at after a
    lost reply or a transient error, before the call is sent again)."""
    client = engine.client
    jobs = []
    for i in range(0, len(ids), BATCH):
        batch = ids[i:i + BATCH]
        resourceids = batch[0] if len(batch) == 1 else batch

        def send(resourceids=resourceids):
            return client.call(command, resourceids=resourceids, resourcetype=resource_type, tags=tags)

        reply = engine.write(send, lambda exc, batch=batch: {} if done(batch) else None)
        if isinstance(reply, dict) and reply.get("jobid"):
            jobs.append(reply)
    if jobs:
        client.wait_jobs(jobs, command)


def ensure_tags(engine, obj, resource_type, option="tags", refresh=None):
    """Converge the tags of obj to the option's list of {key, value} (None: leave them; []: remove all).
    deleteTags for keys that go or change, createTags for new ones (both async), with the write policy.
    Records the difference; in check mode (or when obj is still to be created) only plans and returns obj
    as it is. refresh(obj) -> the object read again (default: engine.find())."""
    if engine.params.get(option) is None:
        return obj
    wanted = wanted_tags(engine.params, option)
    current = tags_of(obj) if obj and obj.get("id") else {}
    if wanted == current:
        return obj
    differences = engine.differences
    if differences.creating:  # a creation shows {state: absent} -> the object
        differences.add(option, after=tag_list(wanted))
    else:
        differences.add(option, tag_list(current), tag_list(wanted))
    if engine.module.check_mode or obj is None or not obj.get("id"):
        return obj
    refresh = refresh or (lambda o: engine.find())
    gone = {k: v for k, v in current.items() if wanted.get(k) != v}
    new = {k: v for k, v in wanted.items() if current.get(k) != v}

    def there(check):
        now = refresh(obj)
        return now is not None and check(tags_of(now))

    if gone:
        write_tags(engine, "deleteTags", resource_type, [obj["id"]], gone,
                   lambda batch: there(lambda have: not any(have.get(k) == v for k, v in gone.items())))
    if new:
        write_tags(engine, "createTags", resource_type, [obj["id"]], new,
                   lambda batch: there(lambda have: all(have.get(k) == v for k, v in new.items())))
    return refresh(obj)
