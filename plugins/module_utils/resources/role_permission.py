# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Role permission rules, declared for the engine (module role_permission).

A rule is found by its API name (or id) among the rules of its role (listRolePermissions roleid=..., the one
filter that command has). Its permission is changed with updateRolePermission ruleid/permission; its place in
the role's ordered list with updateRolePermission ruleorder (the whole order), after the rule O(parent) names
(V(0): first). The first rule that matches a command decides, so the order is part of what a role allows.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, Resource
from ..resolve import ResolveError


def _permission_change(params):
    """With parent, ngine_io's module only moves the rule: the permission (whose default is deny) is left alone."""
    return "ignore" if params.get("parent") is not None else "update"


def _names(rules):
    """The diff shows a role's order by the rules' names."""
    return [r.get("rule") for r in rules]


class RolePermission(Resource):
    def lookup_params(self, engine):
        try:
            return super().lookup_params(engine)
        except ResolveError:
            raise CloudStackError("Role '%s' not found" % engine.params.get("role")) from None

    def matches(self, engine, obj):
        name = engine.params.get("name")
        return name in (obj.get("rule"), obj.get("id"))

    def address(self, engine, current):
        if (engine.params.get("state") or "present") == "absent":
            return {"id": current["id"]}  # deleteRolePermission
        return {"roleid": current["roleid"], "ruleid": current["id"]}  # updateRolePermission (one rule's permission)

    def create_params(self, engine):
        if engine.params.get("parent") is not None:  # a parent that names no rule fails before the rule is made
            self._place(engine, engine.params["parent"], self._rules(engine, engine.wanted_param(self.by_option["role"])), None)
        return super().create_params(engine)

    @staticmethod
    def _rules(engine, roleid):
        return engine.client.list("listRolePermissions", key="rolepermission", roleid=roleid)

    def converge(self, engine, obj):
        """O(parent): the rule's place in the role's order; changed only when it is not there yet."""
        parent = engine.params.get("parent")
        if parent is None:
            return obj
        rules = self._rules(engine, engine.wanted_param(self.by_option["role"]))
        rule_id = obj["id"] if obj else None
        others = [r for r in rules if r["id"] != rule_id]
        wanted = self._place(engine, parent, others, obj)
        if obj is None:  # check mode, the rule still to be made: the order it would get
            engine.differences.add("rule_order", after=_names(wanted))
            return obj
        if [r["id"] for r in wanted] == [r["id"] for r in rules]:
            return obj
        engine.differences.add("rule_order", _names(rules), _names(wanted))
        if engine.module.check_mode:
            return obj
        order = ",".join(r["id"] for r in wanted)
        roleid = obj["roleid"]

        def send():
            engine.api("updateRolePermission", None, roleid=roleid, ruleorder=order)
            return True

        def look(exc):
            now = RolePermission._rules(engine, roleid)
            return True if ",".join(r["id"] for r in now) == order else None

        engine.write(send, look)
        return engine.find()

    @staticmethod
    def _place(engine, parent, others, obj):
        """The order with the rule right after the parent rule (V(0): first)."""
        me = obj or {"id": None, "rule": engine.params.get("name")}
        if str(parent) == "0":
            return [me] + others
        if parent in (me.get("rule"), me.get("id")):
            raise CloudStackError("parent: %r is the rule itself; name another rule of role %s, or 0 for the top" % (
                parent, engine.params.get("role")))
        for i, r in enumerate(others):
            if parent in (r.get("rule"), r.get("id")):
                return others[:i + 1] + [me] + others[i + 1:]
        raise CloudStackError("Parent rule '%s' not found" % parent)


ROLE_PERMISSION = RolePermission(
    name="role permission",
    list_command="listRolePermissions",
    list_key="rolepermission",
    create_command="createRolePermission",
    create_key="rolepermission",
    update_command="updateRolePermission",
    update_key="rolepermission",  # not in the reply (a success): the engine looks the rule up again
    delete_command="deleteRolePermission",
    id_option=None,
    fields=(
        Field("name", param="rule", identity=True, lookup=False, on_change="ignore", spec={"required": True}),  # or the rule id
        Field("role", param="roleid", resolve="role", identity=True, display="rolename", spec={"required": True}),
        Field("permission", compare="ci", on_change=_permission_change,
              spec={"choices": ["allow", "deny"], "default": "deny"}),
        Field("description", on_change="create_only"),
        Field("parent", param=None, compare=None, create=False),
    ),
    returns={"roleid": "role_id", "rolename": "role"},
)
