# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The public load balancer rule, declared for the engine (module lb_rule), and the lookup of a rule shared with
lb_rule_member.

- A rule is found on its public IP address by name (and zone, domain, account, project).
- updateLoadBalancerRule changes the algorithm, the description and the protocol; the ports, the CIDRs and the
  network have no update parameter: a difference is reported as a warning (ngine_io ignores them).
- open_firewall is sent (CloudStack's default for a rule outside a VPC is to open the firewall; ngine_io never sends
  it, so its rules always open the firewall).
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, ResourceEngine
from ..tags import ensure_tags
from .firewall import public_ip
from .guest import GuestResource, owner_fields, poll_async_field, tags_field

PRESENT_NEEDS = ("algorithm", "private_port", "public_port")


class LbRuleResource(GuestResource):
    def normalize_current(self, engine, obj):
        for key in ("privateport", "publicport"):  # CloudStack returns them as strings
            if obj and str(obj.get(key, "")).isdigit():
                obj[key] = int(obj[key])
        return obj

    def lookup_params(self, engine):
        if engine.params.get("state") != "absent":
            missing = [o for o in PRESENT_NEEDS if engine.params.get(o) is None]
            if missing:  # ngine_io's fail_on_missing_params, before it looks
                raise CloudStackError("missing required arguments: %s" % ", ".join(missing))
        params = super().lookup_params(engine)
        params.update(publicipid=public_ip(engine)["id"], listall=True)
        return params

    def create_params(self, engine):
        params = super().create_params(engine)
        params["publicipid"] = public_ip(engine)["id"]
        params["openfirewall"] = bool(engine.params.get("open_firewall"))
        return params

    def converge(self, engine, obj):
        return ensure_tags(engine, obj, "LoadBalancer")


LB_RULE = LbRuleResource(
    name="load balancer rule",
    list_command="listLoadBalancerRules",
    list_key="loadbalancerrule",
    create_command="createLoadBalancerRule",
    create_key="loadbalancer",
    update_command="updateLoadBalancerRule",
    update_key="loadbalancerrule",
    delete_command="deleteLoadBalancerRule",
    async_commands=frozenset(["createLoadBalancerRule", "updateLoadBalancerRule", "deleteLoadBalancerRule"]),
    id_option=None,
    absent_if_scope_missing=True,
    fields=(
        Field("name", identity=True, spec={"required": True}),
        Field("ip_address", compare=None, create=False, spec={"required": True, "aliases": ["public_ip"]}),
        Field("zone", param="zoneid", resolve="zone", compare=None, lookup=True, return_key="zone"),
        Field("description"),
        Field("algorithm", spec={"default": "source", "choices": ["source", "roundrobin", "leastconn"]}),
        Field("private_port", param="privateport", type="int", compare="loose", on_change="create_only"),
        Field("public_port", param="publicport", type="int", compare="loose", on_change="create_only"),
        Field("protocol", compare="ci"),
        Field("cidr", param="cidrlist", on_change="create_only"),
        Field("network", param="networkid", resolve="network", resolve_scope={"zoneid": "zone"}, compare=None),
        Field("vpc", param="vpcid", resolve="vpc", compare=None, create=False),
        Field("open_firewall", type="bool", compare=None, create=False, spec={"default": False}),
        tags_field(),
    ) + owner_fields() + (poll_async_field(),),
    returns={"publicip": "public_ip", "networkid": "network_id", "publicipid": None},
    returns_to_int=("privateport", "publicport"),
)


def find_rule(engine, name, ip_option="ip_address"):
    """The rule named so (on the IP when the option is set) among the owner's rules (without domain/account/project:
    the caller's own, as ngine_io lists them); more than one: ngine_io's message."""
    params = {"name": name}
    for opt, param in (("domain", "domainid"), ("account", "account"), ("project", "projectid"), ("zone", "zoneid")):
        f = engine.resource.by_option.get(opt)
        if f is not None and engine.params.get(opt) is not None:
            params[param] = engine.wanted_param(f)
    if engine.params.get(ip_option):
        params["publicipid"] = public_ip(engine, option=ip_option)["id"]
    rules = [r for r in engine.client.list("listLoadBalancerRules", key="loadbalancerrule", **params) if r.get("name") == name]
    if len(rules) > 1:
        raise CloudStackError("More than one rule having name %s. Please pass 'ip_address' as well." % name)
    return rules[0] if rules else None


# ---- the policies of a rule (modules lb_rule_stickiness_policy, lb_rule_healthcheck_policy) ---------------------------------
def policy_rule_fields():
    """The rule a policy belongs to: lb_rule (its name), ip_address when the name is not unique, zone and owner."""
    return (
        Field("lb_rule", identity=True, match=False, compare=None, create=False, spec={"required": True}),
        Field("ip_address", compare=None, create=False, spec={"aliases": ["public_ip"]}),
        Field("zone", param="zoneid", resolve="zone", compare=None, create=False),
    ) + owner_fields()


class PolicyEngine(ResourceEngine):
    """A policy of a rule that does not exist does not exist either (absent: no change); present fails on the rule."""

    def find(self):
        if self.resource.rule(self) is None:
            if self.params.get("state") == "absent":
                return None
            raise CloudStackError("Unknown rule: %s" % self.params["lb_rule"])  # lb_rule_member's (ngine_io's) message
        return super().find()


class PolicyResource(GuestResource):
    """listLB*Policies answers one object per rule with its policies in a list (inner_key): the policy is that list's
    only item (CloudStack keeps one of each kind per rule), with the rule's id."""

    inner_key = None

    def rule(self, engine):
        if "lb_rule" not in engine.memo:
            engine.memo["lb_rule"] = find_rule(engine, engine.params["lb_rule"])
        return engine.memo["lb_rule"]

    def lookup_params(self, engine):
        return {"lbruleid": self.rule(engine)["id"]}

    def normalize_current(self, engine, obj):
        items = (obj or {}).get(self.inner_key) or []
        return dict(items[0], lbruleid=obj.get("lbruleid")) if items else None

    def create_params(self, engine):
        params = super().create_params(engine)
        for owner in ("domainid", "account", "projectid"):  # the owner only finds the rule: the policy is the rule's
            params.pop(owner, None)
        params["lbruleid"] = self.rule(engine)["id"]
        return params

    def after_write(self, engine, obj):
        return self.normalize_current(engine, obj) if obj and self.inner_key in obj else obj

    def result(self, engine, obj):
        out = super().result(engine, obj)
        out["lb_rule"] = engine.params.get("lb_rule")
        return out
