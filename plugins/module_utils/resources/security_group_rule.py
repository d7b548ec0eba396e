# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The security group rule, declared for the engine (module security_group_rule).

A rule lives in its group (listSecurityGroups returns it under ingressrule/egressrule). It has no name and no
update command: it is the rule that matches type, protocol, ports (or ICMP type and code) and the CIDR or the
user security group. authorizeSecurityGroupIngress/Egress and revokeSecurityGroupIngress/Egress are async jobs.
"""
from __future__ import annotations

from ..client import CloudStackError, JobFailed
from ..engine import Field, ResourceEngine
from .guest import GuestResource, poll_async_field

PORT_PROTOCOLS = ("tcp", "udp")


class SecurityGroupRuleResource(GuestResource):
    rule_key = "ingressrule"
    direction = "ingress"

    def wanted(self, engine):
        p = engine.params
        proto = p.get("protocol")
        want = {"protocol": proto}
        if proto in PORT_PROTOCOLS:
            start, end = p.get("start_port"), p.get("end_port")
            if start is None and end is None:
                raise CloudStackError("start_port: protocol %s needs start_port (or end_port)" % proto)
            start = start if start is not None else end
            want["startport"], want["endport"] = start, end if end is not None else start
        elif proto == "icmp":
            want["icmptype"] = p.get("icmp_type") if p.get("icmp_type") is not None else -1
            want["icmpcode"] = p.get("icmp_code") if p.get("icmp_code") is not None else -1
        if p.get("user_security_group"):
            want["securitygroupname"] = p["user_security_group"]
        else:
            want["cidr"] = p.get("cidr")
        return want

    def lookup_params(self, engine):
        self.wanted(engine)  # bad input fails before anything is looked at or changed
        params = {"securitygroupname": engine.params.get("security_group")}
        if engine.params.get("project"):
            params["projectid"] = engine.wanted_param(self.by_option["project"])
        return params

    def matches(self, engine, obj):
        return str(obj.get("name")) == str(engine.params.get("security_group")) or obj.get("id") == engine.params.get("security_group")

    def normalize_current(self, engine, obj):
        """The group -> the rule of it that matches (None: no such rule)."""
        if not obj or "ruleid" in obj:
            return obj
        want = self.wanted(engine)
        for rule in obj.get(self.rule_key) or []:
            if all(self._same(key, rule.get(key), value) for key, value in want.items()):
                return dict(rule, _group=obj.get("name"), _groupid=obj.get("id"))
        return None

    @staticmethod
    def _same(key, have, want):
        if have is None:
            return False
        if key in ("startport", "endport", "icmptype", "icmpcode"):
            return int(have) == int(want)
        return str(have).lower() == str(want).lower()

    def create_params(self, engine):
        group = engine.resolved(self.by_option["security_group"])
        params = {"securitygroupid": group["id"]}
        for key, value in self.wanted(engine).items():
            if key == "securitygroupname":
                scope = {"projectid": group["projectid"]} if group.get("projectid") else {}
                other = engine.module.resolver.get("security_group", value, option="user_security_group", **scope)
                params["usersecuritygrouplist"] = [{"account": other.get("account"), "group": other.get("name")}]
            elif key == "cidr":
                params["cidrlist"] = value
            else:
                params[key] = value
        return params

    def after_write(self, engine, obj):
        return engine.find()

    def address(self, engine, current):
        return {"id": current["ruleid"]}

    def result(self, engine, obj):
        out = super().result(engine, obj)
        out["id"] = obj.get("ruleid")
        out["security_group"] = obj.get("_group") or engine.params.get("security_group")
        out["type"] = self.direction
        out["user_security_group"] = obj.get("securitygroupname")
        return out


def _fields():
    rule = dict(identity=True, match=False, lookup=False, on_change="ignore", create=False)
    return (
        Field("security_group", resolve="security_group", resolve_scope={"projectid": "project"}, compare=None, create=False, lookup=True,
              spec={"required": True}),
        Field("type", compare=None, create=False, spec={"default": "ingress", "choices": ["ingress", "egress"]}),
        Field("protocol", spec={"default": "tcp", "choices": ["tcp", "udp", "icmp", "ah", "esp", "gre"]}, **rule),
        Field("start_port", param="startport", type="int", spec={"aliases": ["port"]}, **rule),
        Field("end_port", param="endport", type="int", **rule),
        Field("icmp_type", param="icmptype", type="int", **rule),
        Field("icmp_code", param="icmpcode", type="int", **rule),
        Field("cidr", spec={"default": "0.0.0.0/0"}, **rule),
        Field("user_security_group", param="securitygroupname", **rule),
        Field("project", param="projectid", resolve="project", compare=None, create=False),
        poll_async_field(),
    )


RETURNS = {"securitygroupname": None}


class IngressRule(SecurityGroupRuleResource):
    rule_key, direction = "ingressrule", "ingress"


class EgressRule(SecurityGroupRuleResource):
    rule_key, direction = "egressrule", "egress"


SG_RULE_INGRESS = IngressRule(
    name="security group rule",
    list_command="listSecurityGroups",
    list_key="securitygroup",
    create_command="authorizeSecurityGroupIngress",
    delete_command="revokeSecurityGroupIngress",
    async_commands=frozenset(["authorizeSecurityGroupIngress", "revokeSecurityGroupIngress"]),
    id_option=None,
    fields=_fields(),
    returns=RETURNS,
)

SG_RULE_EGRESS = EgressRule(
    name="security group rule",
    list_command="listSecurityGroups",
    list_key="securitygroup",
    create_command="authorizeSecurityGroupEgress",
    delete_command="revokeSecurityGroupEgress",
    async_commands=frozenset(["authorizeSecurityGroupEgress", "revokeSecurityGroupEgress"]),
    id_option=None,
    fields=_fields(),
    returns=RETURNS,
)

SECURITY_GROUP_RULE = (SG_RULE_INGRESS, SG_RULE_EGRESS)


class RuleEngine(ResourceEngine):
    """After a lost reply to an authorize command, the engine looks for the rule; its job may still be running,
    so a second authorize can follow, whose job then fails because the first one added the rule (CloudStack's
    "Failed to authorize ..."). The rule being there is what the task wants: no failure, no duplicate."""

    def create(self):
        try:
            return super().create()
        except JobFailed:
            found = self.find()
            if found is None:
                raise
            return found


def choose(params):
    return SG_RULE_EGRESS if params.get("type") == "egress" else SG_RULE_INGRESS
