# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Accounts, declared for the engine (module account).

Found by name within the domain (one listAccounts call: name, domainid, listall). createAccount also
creates the account's first user (username, password, first_name, last_name, email, timezone: used at
creation only; the user module manages users afterwards). States enabled/unlocked (enableAccount),
disabled and locked (disableAccount, async, lock=false/true) are commands of their own. deleteAccount is async.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, Resource
from .lifecycle import CommandStates

ACCOUNT_TYPES = {"user": 0, "root_admin": 1, "domain_admin": 2}
ACCOUNT_TYPE_NAMES = {v: k for k, v in ACCOUNT_TYPES.items()}


def account_type(value):
    if str(value) in ACCOUNT_TYPES:
        return ACCOUNT_TYPES[str(value)]
    return value


class AccountResource(CommandStates, Resource):
    state_commands = {
        "enabled": ("enableAccount", {}, "enabled"),
        "unlocked": ("enableAccount", {}, "enabled"),
        "disabled": ("disableAccount", {"lock": False}, "disabled"),
        "locked": ("disableAccount", {"lock": True}, "locked"),
    }

    def lookup_params(self, engine):
        if engine.params.get("ldap_domain"):
            raise CloudStackError("ldap_domain=%s: accounts created from LDAP (ldapCreateAccount, linkAccountToLdap) are not supported "
                                  "by this module" % engine.params["ldap_domain"])
        params = {"name": engine.params["name"], "listall": True}
        params["domainid"] = engine.wanted_param(self.by_option["domain"])
        return params

    def matches(self, engine, obj):
        # listall=true makes the domain filter recursive: keep the object of this very domain
        return (str(obj.get("name", "")).lower() == str(engine.params["name"]).lower()
                and obj.get("domainid") == engine.wanted_param(self.by_option["domain"]))

    def create_params(self, engine):
        params = super().create_params(engine)
        if params.get("accounttype") is None and params.get("roleid") is None:
            params["accounttype"] = ACCOUNT_TYPES["user"]
        return params

    def converge(self, engine, obj):
        # CloudStack locks only an enabled account (AccountManagerImpl.lockAccount): enable a disabled one first
        if (engine.params.get("state") == "locked" and obj and obj.get("id") and not engine.module.check_mode
                and self.current_state_value(obj) == "disabled"):
            engine.differences.add("state", "disabled")  # before only: the state's after comes with the lock below
            obj = engine.api("enableAccount", "account", id=obj["id"]) or engine.find()
        return super().converge(engine, obj)

    def result(self, engine, obj):
        out = super().result(engine, obj)
        if "accounttype" in obj:
            out["account_type"] = ACCOUNT_TYPE_NAMES.get(int(obj["accounttype"]), obj["accounttype"])
        return out


ACCOUNT = AccountResource(
    name="account",
    list_command="listAccounts",
    list_key="account",
    create_command="createAccount",
    create_key="account",
    update_command="updateAccount",
    update_key="account",
    delete_command="deleteAccount",
    async_commands=frozenset({"deleteAccount", "disableAccount"}),
    absent_if_scope_missing=True,
    fields=(
        Field("name", param="account", field="name", identity=True, compare="ci", update_param="newname", spec={"required": True}),
        Field("domain", param="domainid", resolve="domain", display="domain", identity=True, compare=None, return_key="domain",
              spec={"default": "ROOT"}),
        Field("account_type", param="accounttype", compare="loose", transform=account_type, on_change="create_only",
              spec={"choices": list(ACCOUNT_TYPES)}),
        Field("role", param="roleid", resolve="role", display="rolename"),
        Field("network_domain", param="networkdomain"),
        # the first user of the account: used by createAccount only (the user module manages users); in ngine_io's order
        # (the message that names the missing ones)
        Field("email", compare=None, required_on_create=True),
        Field("username", compare=None, required_on_create=True),
        Field("password", compare=None, required_on_create=True, spec={"no_log": True}),
        Field("first_name", param="firstname", compare=None, required_on_create=True),
        Field("last_name", param="lastname", compare=None, required_on_create=True),
        Field("timezone", compare=None),
        Field("ldap_domain", compare=None, create=False),
        Field("ldap_type", compare=None, create=False, spec={"default": "GROUP", "choices": ["GROUP", "OU"]}),
        Field("poll_async", type="bool", compare=None, create=False, spec={"default": True}),
    ),
    states={"absent": {}, "enabled": {}, "disabled": {}, "locked": {}, "unlocked": {}},  # ngine_io's order of the choices
    returns={"accounttype": None, "rolename": "role"},
)
