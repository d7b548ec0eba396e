# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Users, declared for the engine (module user).

Found by user name within the domain (one listUsers call: username, domainid, listall); created in an
account of that domain. States enabled/unlocked (enableUser), disabled (disableUser, async) and locked
(lockUser; a disabled user is enabled first, as CloudStack locks only enabled users) are commands of their
own. keys_registered generates API keys once (registerUserKeys); the result returns them
(user_api_key, user_api_secret) as ngine_io.cloudstack does; the diff never shows them.
"""
from __future__ import annotations

from ..engine import Field, Resource
from .account import ACCOUNT_TYPE_NAMES
from .lifecycle import CommandStates


class UserResource(CommandStates, Resource):
    state_commands = {
        "enabled": ("enableUser", {}, "enabled"),
        "unlocked": ("enableUser", {}, "enabled"),
        "disabled": ("disableUser", {}, "disabled"),
        "locked": ("lockUser", {}, "locked"),
    }

    def lookup_params(self, engine):
        return {"username": engine.params["username"], "domainid": engine.wanted_param(self.by_option["domain"]), "listall": True}

    def matches(self, engine, obj):
        # listall=true makes the domain filter recursive: keep the object of this very domain
        return (str(obj.get("username", "")).lower() == str(engine.params["username"]).lower()
                and obj.get("domainid") == engine.wanted_param(self.by_option["domain"]))

    def converge(self, engine, obj):
        if engine.params.get("keys_registered"):
            if obj is None or not obj.get("id"):
                engine.differences.add("keys_registered", after=True, changed=False)
            elif not obj.get("apikey"):
                engine.differences.add("keys_registered", False, True)
                if not engine.module.check_mode:
                    keys = engine.api("registerUserKeys", "userkeys", id=obj["id"]) or {}
                    obj = dict(obj, apikey=keys.get("apikey"), _secretkey=keys.get("secretkey"))
        if (engine.params.get("state") == "locked" and obj and obj.get("id") and not engine.module.check_mode
                and self.current_state_value(obj) == "disabled"):
            engine.differences.add("state", "disabled")  # before only: the state's after comes with the lock below
            kept = {k: v for k, v in obj.items() if k == "_secretkey"}
            obj = dict(engine.api("enableUser", "user", id=obj["id"]) or engine.find(), **kept)
        kept = {k: v for k, v in (obj or {}).items() if k == "_secretkey"}
        obj = super().converge(engine, obj)
        return dict(obj, **kept) if obj and kept else obj

    def result(self, engine, obj):
        out = super().result(engine, obj)
        if "accounttype" in obj:
            out["account_type"] = ACCOUNT_TYPE_NAMES.get(int(obj["accounttype"]), obj["accounttype"])
        if engine.params.get("keys_registered") and obj.get("apikey"):
            out["user_api_key"] = obj["apikey"]
            secret = obj.get("_secretkey")
            if secret is None and obj.get("id"):
                # listUsers leaves the secret out (since CloudStack 4.10): getUserKeys has it
                keys = engine.module.client.call("getUserKeys", id=obj["id"]).get("userkeys") or {}
                secret = keys.get("secretkey")
            if secret:
                out["user_api_secret"] = secret
        return out


USER = UserResource(
    name="user",
    list_command="listUsers",
    list_key="user",
    create_command="createUser",
    create_key="user",
    update_command="updateUser",
    update_key="user",
    delete_command="deleteUser",
    async_commands=frozenset({"disableUser"}),
    absent_if_scope_missing=True,
    fields=(
        Field("username", identity=True, compare="ci", spec={"required": True}),
        Field("account", compare=None, required_on_create=True),
        Field("domain", param="domainid", resolve="domain", display="domain", identity=True, compare=None, spec={"default": "ROOT"}),
        Field("first_name", param="firstname", required_on_create=True),
        Field("last_name", param="lastname", required_on_create=True),
        Field("email", required_on_create=True),
        Field("timezone"),
        # set at creation; CloudStack never returns it, so an existing user's password is left alone
        Field("password", compare=None, required_on_create=True, spec={"no_log": True}),
        Field("keys_registered", type="bool", compare=None, create=False, spec={"default": False}),
        Field("poll_async", type="bool", compare=None, create=False, spec={"default": True}),
    ),
    states={"enabled": {}, "disabled": {}, "locked": {}, "unlocked": {}},
    returns={
        "account": "account",
        "domain": "domain",
    },
)
