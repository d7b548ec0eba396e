# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Registered user data (CloudStack 4.18 registerUserData / listUserData / deleteUserData), declared for the engine
(module user_data).

As ngine_io.cloudstack 3.3.0's user_data: found by name within the owner (account + domain, or project, else the
caller's own records: ngine_io lists with listall=true and may take another account's record of the same name);
CloudStack cannot update a record, so a record whose content or params differ is left as it is with ngine_io's
warning (never a change). Returned as ngine_io returns it: user_data decoded, params a list. The diff shows the
content by its SHA-256 only.

Beyond ngine_io: templates (and user_data_policy) link the record to templates with linkUserDataToTemplate, compared
with each template's userdataid / userdatapolicy; templates not listed are left alone.
"""
from __future__ import annotations

import base64
import binascii
import hashlib

from ..client import CloudStackApiError, CloudStackError
from ..engine import Field, Resource
from ..resolve import is_uuid
from .instance import owner_params

POLICIES = ["allowoverride", "append", "denyoverride"]


def encode(text):
    return base64.b64encode(str(text).encode("utf-8")).decode("ascii")


def decode(b64):
    if b64 is None:
        return None
    try:
        return base64.b64decode(str(b64)).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return b64


def digest(text):
    return "sha256:%s" % hashlib.sha256(str(text).encode("utf-8")).hexdigest() if text is not None else None


def param_list(value):
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [p.strip() for p in str(value).split(",") if p.strip()]


def owner(engine):
    """domain / account / project -> parameters; an account that does not exist is a ResolveError (absent: no change)."""
    params = owner_params(engine.module, engine.params)
    if params.get("account"):
        engine.module.resolver.get("account", params["account"], option="account", domainid=params["domainid"])
    return params


class UserDataResource(Resource):
    def lookup_params(self, engine):
        if engine.params.get("templates") and engine.params.get("state") != "absent":
            engine.memo["templates"] = [find_template(engine, name) for name in engine.params["templates"]]  # bad input fails first
        return dict(self.list_params, name=engine.params["name"], **owner(engine))

    def matches(self, engine, obj):
        return obj.get("name") == engine.params["name"]

    def create_params(self, engine):
        p = engine.params
        params = dict(owner_params(engine.module, p), name=p["name"], userdata=encode(p["user_data"]))
        if p.get("params"):
            params["params"] = ",".join(p["params"])
        return params

    def address(self, engine, current):
        return dict(owner_params(engine.module, engine.params), id=current["id"])

    def converge(self, engine, obj):
        p = engine.params
        if engine.differences.creating:
            engine.differences.add("user_data", after=digest(p["user_data"]), changed=False)
            if p.get("params"):
                engine.differences.add("params", after=sorted(p["params"]), changed=False)
        elif obj is not None and self.differs(p, obj):
            engine.warnings.append(
                "User data '%s' already exists but differs from the requested values. Updating user data is not supported by the "
                "CloudStack API, existing record was left unchanged." % p["name"])
        link_templates(engine, obj)
        return obj

    @staticmethod
    def differs(p, obj):
        if p.get("user_data") is not None and p["user_data"] != decode(obj.get("userdata")):
            return True
        return p.get("params") is not None and sorted(p["params"]) != sorted(param_list(obj.get("params")))

    def result(self, engine, obj):
        out = super().result(engine, obj)
        out["params"] = param_list(obj.get("params"))
        out["user_data"] = decode(obj.get("userdata"))
        return out


def find_template(engine, name):
    """A template by name or id (listTemplates answers one row per zone: the rows of one template are one)."""
    params = {"templatefilter": "all", "listall": True}  # any template the caller may see (a featured one for an account's record)
    params["id" if is_uuid(name) else "name"] = name
    try:
        rows = engine.module.client.list("listTemplates", key="template", **params)
    except CloudStackApiError as exc:
        if exc.status != 431:  # CloudStack's answer to an id that names nothing
            raise
        rows = []
    found = {r["id"]: r for r in rows if name in (r.get("id"), r.get("name"))}
    if len(found) != 1:
        raise CloudStackError("template %r %s (option templates)" % (name, "not found" if not found else "is ambiguous: %s" % ", ".join(found)))
    return next(iter(found.values()))


def link_templates(engine, obj):
    """templates: each linked to this user data with user_data_policy (linkUserDataToTemplate)."""
    p = engine.params
    if p.get("templates") is None:
        return
    policy = (p.get("user_data_policy") or "allowoverride").upper()
    udid = obj.get("id") if obj else None
    before, after = {}, {}
    for tmpl in engine.memo.get("templates") or []:
        if obj is not None and tmpl.get("userdataid") == udid and (tmpl.get("userdatapolicy") or "").upper() == policy:
            continue
        before[tmpl["name"]] = {"user_data": tmpl.get("userdataname"), "policy": tmpl.get("userdatapolicy")}
        after[tmpl["name"]] = {"user_data": p["name"], "policy": policy}
        if not engine.module.check_mode:
            link(engine, tmpl["id"], udid, policy)
    if after:
        engine.differences.add("templates", before, after)


def link(engine, templateid, udid, policy):
    def look(exc):
        rows = engine.module.client.list("listTemplates", key="template", templatefilter="all", listall=True, id=templateid)
        done = [r for r in rows if r.get("userdataid") == udid and (r.get("userdatapolicy") or "").upper() == policy]
        return done[0] if done else None

    return engine.write(lambda: engine.api("linkUserDataToTemplate", "template", templateid=templateid, userdataid=udid,
                                           userdatapolicy=policy), look)


USER_DATA = UserDataResource(
    name="user data",
    list_command="listUserData",
    list_key="userdata",
    create_command="registerUserData",
    create_key="userdata",
    delete_command="deleteUserData",
    id_option=None,
    absent_if_scope_missing=True,
    fields=(
        Field("name", identity=True, compare="exact", spec={"required": True}),
        Field("user_data", param="userdata", compare=None, create=False, spec={"aliases": ["userdata"]}),
        Field("params", type="list", compare=None, create=False),
        Field("domain", compare=None, create=False),
        Field("account", compare=None, create=False),
        Field("project", compare=None, create=False),
        Field("templates", type="list", compare=None, create=False),
        Field("user_data_policy", compare=None, create=False, spec={"choices": POLICIES}),
    ),
    returns={"userdata": None, "params": None, "accountid": None, "domainid": None},
)
