# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""States that CloudStack sets with their own commands (enableAccount, disableAccount, lockUser,
suspendProject, ...) rather than a parameter of the update command: a Resource mixin (private to the collection).

    class AccountResource(CommandStates, Resource):
        state_commands = {"enabled": ("enableAccount", {}, "enabled"), "locked": ("disableAccount", {"lock": True}, "locked")}

state -> (command, extra parameters, the value of the response field state_value_field once there).
The command gets id=<object id>; it is awaited when it is in async_commands.
"""
from __future__ import annotations

from ..client import CloudStackError


class CommandStates:
    state_commands = {}
    state_value_field = "state"

    def current_state_value(self, obj):
        return str(obj.get(self.state_value_field) or "").lower()

    def converge(self, engine, obj):
        wanted = engine.params.get("state")
        spec = self.state_commands.get(wanted)
        if spec is None:
            return obj
        command, extra, value = spec
        if obj is None or not obj.get("id"):
            # check mode, the object is still to be created: it would be put in that state right after
            engine.after["state"] = wanted
            return obj
        current = self.current_state_value(obj)
        if current == value.lower():
            return obj
        engine.changed = True
        if "state" not in engine.before:
            engine.before["state"] = current
        engine.after["state"] = wanted
        if engine.module.check_mode:
            return obj  # the object as it is (diff.after has the state)
        reply = engine.api(command, self.update_key or self.create_key, id=obj["id"], **extra)
        if isinstance(reply, dict) and reply.get("id"):
            return self.normalize_current(engine, reply)
        return engine.find()


def tags_of(obj):
    return {str(t.get("key")): str(t.get("value")) for t in (obj or {}).get("tags") or []}


def check_tags(engine, option="tags"):
    """Bad tags fail before anything is changed."""
    for tag in engine.params.get(option) or []:
        if not isinstance(tag, dict) or "key" not in tag or set(tag) - {"key", "value"}:
            raise CloudStackError("%s: each tag is a dict with key and value, got %r" % (option, tag))


def ensure_tags(engine, obj, resource_type, option="tags"):
    """Converge the resource tags of obj to the option's list of {key, value} (None: leave them; []: remove all).
    deleteTags for keys that go or change, createTags for new ones (both async)."""
    wanted_list = engine.params.get(option)
    if wanted_list is None:
        return obj
    check_tags(engine, option)
    wanted = {str(tag["key"]): str(tag.get("value", "")) for tag in wanted_list}
    current = tags_of(obj) if obj and obj.get("id") else {}
    if wanted == current:
        return obj
    engine.changed = True
    engine.before.setdefault(option, [{"key": k, "value": v} for k, v in sorted(current.items())])
    engine.after[option] = [{"key": k, "value": v} for k, v in sorted(wanted.items())]
    if engine.module.check_mode or obj is None or not obj.get("id"):
        return obj
    gone = {k: v for k, v in current.items() if wanted.get(k) != v}
    new = {k: v for k, v in wanted.items() if current.get(k) != v}
    if gone:
        engine.module.client.wait_job(engine.module.client.call("deleteTags", resourceids=obj["id"], resourcetype=resource_type, tags=gone), "deleteTags")
    if new:
        engine.module.client.wait_job(engine.module.client.call("createTags", resourceids=obj["id"], resourcetype=resource_type, tags=new), "createTags")
    return engine.find()
