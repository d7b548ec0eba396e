# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Domains, by path (ROOT/customers/acme), declared for the engine (module domain).

Found with one listDomains call filtered by the last name of the path (listall=true), then matched on
the whole path. Created under the parent path, which must exist. deleteDomain is async; with
clean_up its accounts and subdomains go too.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, Resource
from ..resolve import domain_path


class DomainResource(Resource):
    def path(self, engine):
        return domain_path(engine.params["path"])

    def lookup_params(self, engine):
        if self.path(engine) == "ROOT" and engine.params.get("state") == "absent":
            raise CloudStackError("domain ROOT cannot be removed (option path)")
        return {"name": self.path(engine).rsplit("/", 1)[-1], "listall": True}

    def matches(self, engine, obj):
        return domain_path(obj.get("path", "")).lower() == self.path(engine).lower()

    def normalize_current(self, engine, obj):
        obj["path"] = domain_path(obj.get("path", ""))
        return obj

    def create_params(self, engine):
        path = self.path(engine)
        if path == "ROOT":
            raise CloudStackError("domain ROOT cannot be created or removed (option path)")
        parent_path, name = path.rsplit("/", 1)
        parent = engine.module.resolver.get("domain", parent_path, option="path", required=False)
        if parent is None:
            raise CloudStackError("domain %s cannot be created: its parent domain %s does not exist (option path)" % (path, parent_path))
        params = {"name": name, "parentdomainid": parent["id"]}
        if engine.params.get("network_domain"):
            params["networkdomain"] = engine.params["network_domain"]
        return params

    def address(self, engine, current):
        params = {"id": current["id"]}
        if engine.params.get("state") == "absent" and engine.params.get("clean_up"):
            params["cleanup"] = True  # deleteDomain removes its accounts and subdomains too
        return params

    def result(self, engine, obj):
        out = super().result(engine, obj)
        out["path"] = domain_path(obj.get("path", ""))
        out["parent_domain"] = obj.get("parentdomainname")
        out.pop("domain", None)
        return out


DOMAIN = DomainResource(
    name="domain",
    list_command="listDomains",
    list_key="domain",
    create_command="createDomain",
    create_key="domain",
    update_command="updateDomain",
    update_key="domain",
    delete_command="deleteDomain",
    async_commands=frozenset({"deleteDomain"}),
    id_option=None,
    fields=(
        Field("path", identity=True, compare="ci", create=False, transform=domain_path, spec={"required": True}),
        Field("network_domain", param="networkdomain"),
        Field("clean_up", param="cleanup", type="bool", compare=None, create=False, spec={"default": False}),
        Field("poll_async", type="bool", compare=None, create=False, spec={"default": True}),
    ),
    returns={"path": None},
)
