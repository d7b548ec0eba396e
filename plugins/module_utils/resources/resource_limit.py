# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Resource limits of a domain, an account or a project, declared for the engine (module resource_limit).

A limit always exists (-1: unlimited): listResourceLimits with the resource type and the owner finds it,
updateResourceLimit sets it. The resource type is given by name (ngine_io.cloudstack's names, CloudStack's
names) or by number.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, Resource

# name -> CloudStack's resource type number (ngine_io.cloudstack's names first, then CloudStack's own)
RESOURCE_TYPES = {
    "instance": 0, "ip_address": 1, "volume": 2, "snapshot": 3, "template": 4, "project": 5, "network": 6, "vpc": 7,
    "cpu": 8, "memory": 9, "primary_storage": 10, "secondary_storage": 11, "user_vm": 0, "public_ip": 1,
}
CHOICES = list(RESOURCE_TYPES) + [str(n) for n in range(12)]


def resource_type_number(value):
    text = str(value).strip().lower()
    if text in RESOURCE_TYPES:
        return str(RESOURCE_TYPES[text])
    return text


class ResourceLimitResource(Resource):
    def owner(self, engine):
        p = engine.params
        resolver = engine.module.resolver
        if p.get("project"):
            scope = {"domainid": resolver.id("domain", p["domain"], option="domain")} if p.get("domain") else {}
            return {"projectid": resolver.id("project", p["project"], option="project", **scope)}
        if p.get("account"):
            domainid = resolver.id("domain", p.get("domain") or "ROOT", option="domain")
            resolver.get("account", p["account"], option="account", domainid=domainid)  # a clear error if it does not exist
            return {"account": p["account"], "domainid": domainid}
        if p.get("domain"):
            return {"domainid": resolver.id("domain", p["domain"], option="domain")}
        raise CloudStackError("resource_limit: set domain, account (with domain) or project: the owner of the limit")

    def lookup_params(self, engine):
        params = {"resourcetype": engine.wanted_param(self.by_option["resource_type"])}
        params.update(self.owner(engine))
        return params

    def matches(self, engine, obj):
        return str(obj.get("resourcetype")) == engine.wanted_param(self.by_option["resource_type"])

    def address(self, engine, current):
        return self.lookup_params(engine)

    def not_found(self, engine):
        return "resource limit of type %s not found for %s" % (engine.params.get("resource_type"), self.owner(engine))

    def result(self, engine, obj):
        out = super().result(engine, obj)
        out["resource_type"] = engine.params.get("resource_type")
        for key in ("account", "project"):
            if obj.get(key):
                out[key] = obj[key]
        return out


RESOURCE_LIMIT = ResourceLimitResource(
    name="resource limit",
    list_command="listResourceLimits",
    list_key="resourcelimit",
    update_command="updateResourceLimit",
    update_key="resourcelimit",
    id_option=None,
    id_param=None,
    fields=(
        Field("resource_type", param="resourcetype", identity=True, compare=None, transform=resource_type_number,
              spec={"required": True, "choices": CHOICES, "aliases": ["type"]}),
        Field("limit", param="max", type="int", compare="loose", spec={"default": -1, "aliases": ["max"]}),
        Field("domain", compare=None, create=False),
        Field("account", compare=None, create=False),
        Field("project", compare=None, create=False),
    ),
    returns={"domain": "domain"},
    returns_to_int=("max",),
)
