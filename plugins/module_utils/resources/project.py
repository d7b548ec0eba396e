# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Projects, declared for the engine (module project).

Found by name within the domain (one listProjects call: name, domainid, account, listall). createProject,
updateProject, deleteProject (with cleanup, as ngine_io.cloudstack does), activateProject and
suspendProject are all async. States active and suspended are commands of their own; tags are
converged with createTags/deleteTags.
"""
from __future__ import annotations

from ..engine import Field, Resource
from ..tags import check_tags, ensure_tags
from .lifecycle import CommandStates


class ProjectResource(CommandStates, Resource):
    state_commands = {
        "active": ("activateProject", {}, "Active"),
        "suspended": ("suspendProject", {}, "Suspended"),
    }

    def domain_id(self, engine):
        domain = engine.params.get("domain")
        if domain is None and engine.params.get("account"):
            domain = "ROOT"  # CloudStack takes account and domainid together
        return engine.module.resolver.id("domain", domain, option="domain") if domain else None

    def lookup_params(self, engine):
        check_tags(engine.params)
        params = {"name": engine.params["name"], "listall": True}
        domainid = self.domain_id(engine)
        if domainid:
            params["domainid"] = domainid
        return params

    def matches(self, engine, obj):
        return str(obj.get("name", "")).lower() == str(engine.params["name"]).lower()

    def create_params(self, engine):
        params = {"name": engine.params["name"], "displaytext": engine.params.get("display_text") or engine.params["name"]}
        if engine.params.get("account"):
            params.update(account=engine.params["account"], domainid=self.domain_id(engine))
        return params

    def address(self, engine, current):
        params = {"id": current["id"]}
        if engine.params.get("state") == "absent":
            params["cleanup"] = True
        return params

    def converge(self, engine, obj):
        return super().converge(engine, ensure_tags(engine, obj, "Project"))


PROJECT = ProjectResource(
    name="project",
    list_command="listProjects",
    list_key="project",
    create_command="createProject",
    create_key="project",
    update_command="updateProject",
    update_key="project",
    delete_command="deleteProject",
    async_commands=frozenset({"createProject", "updateProject", "deleteProject", "activateProject", "suspendProject"}),
    absent_if_scope_missing=True,
    fields=(
        Field("name", identity=True, compare="ci", spec={"required": True}),
        Field("display_text", param="displaytext", create_fallback="name"),
        Field("account", compare=None),
        Field("domain", param="domainid", compare=None),
        Field("tags", type="list", compare=None, create=False, spec={"elements": "dict", "aliases": ["tag"]}),
        Field("poll_async", type="bool", compare=None, create=False, spec={"default": True}),
    ),
    states={"active": {}, "suspended": {}},
)
