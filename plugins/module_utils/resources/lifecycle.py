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
            engine.differences.add("state", after=wanted, changed=False)
            return obj
        current = self.current_state_value(obj)
        if current == value.lower():
            return obj
        engine.differences.add("state", current, wanted)
        if engine.module.check_mode:
            return obj  # the object as it is (diff.after has the state)
        reply = engine.api(command, self.update_key or self.create_key, id=obj["id"], **extra)
        if isinstance(reply, dict) and reply.get("id"):
            return self.normalize_current(engine, reply)
        return engine.find()
