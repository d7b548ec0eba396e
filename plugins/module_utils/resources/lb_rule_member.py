# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The members of a load balancer rule (module lb_rule_member): the object is the rule (found by name, on
ip_address when given); present assigns the instances that are not members yet (assignToLoadBalancerRule, async),
absent removes those that are (removeFromLoadBalancerRule); only instances to be added are looked up (an unknown one
fails), an unknown one is already absent. Other members are left alone. The result is the rule
with vms, the names of its members (in CloudStack's order) after the task (before it in check mode, the prediction in diff.after)."""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, ResourceEngine
from .guest import GuestResource, owner_fields, poll_async_field
from .lb_rule import LB_RULE, find_rule


class LbRuleMemberEngine(ResourceEngine):
    def members(self, rule):
        vms = self.client.list("listLoadBalancerRuleInstances", key="loadbalancerruleinstance", id=rule["id"])
        return {vm["name"]: vm["id"] for vm in vms}

    def instances(self, names):
        """name -> id of the instances named (in the owner's scope: without domain/account/project the caller's own, as
        ngine_io lists them), ngine_io's message for one that is not there."""
        params = {}
        for opt, param in (("domain", "domainid"), ("account", "account"), ("project", "projectid"), ("zone", "zoneid")):
            if self.params.get(opt) is not None:
                params[param] = self.wanted_param(self.resource.by_option[opt])
        vms = self.client.list("listVirtualMachines", key="virtualmachine", **params)
        out = {}
        for name in names:
            vm = next((v for v in vms if v.get("name") == name or v.get("id") == name), None)
            if vm is None:
                raise CloudStackError("Unknown VM: %s" % name)  # ngine_io's message
            out[vm["name"]] = vm["id"]
        return out

    def run(self):
        name = self.params["name"]
        rule = find_rule(self, name)
        if rule is None:
            raise CloudStackError("Unknown rule: %s" % name)  # ngine_io's message
        existing = self.members(rule)
        adding = self.params.get("state") != "absent"
        by_id = {i: n for n, i in existing.items()}
        named = {by_id.get(v, v) for v in self.params["vms"]}  # an id of a member counts as its name
        if adding:  # only the instances that are no members are looked up (as ngine_io)
            change = self.instances(sorted(named - set(existing)))
            after = list(existing) + sorted(set(change) - set(existing))
        else:  # an instance that is no member (or none at all) is already absent
            change = {n: existing[n] for n in named if n in existing}
            after = [n for n in existing if n not in change]
        if change:
            self.differences.add("vms", list(existing), after)
            if not self.module.check_mode:
                self.apply(rule, adding, sorted(change.values()))
                existing = self.members(rule)
        result = self.finish(rule)
        result["vms"] = list(existing)  # in CloudStack's order, as ngine_io
        return result

    def apply(self, rule, adding, ids):
        command = "assignToLoadBalancerRule" if adding else "removeFromLoadBalancerRule"

        def send():
            return self.api(command, None, id=rule["id"], virtualmachineids=",".join(ids))

        def look(exc):
            have = set(self.members(rule).values())
            done = set(ids) <= have if adding else not set(ids) & have
            return True if done else None

        self.write(send, look)


LB_RULE_MEMBER = GuestResource(
    name="load balancer rule",
    list_command="listLoadBalancerRules",
    list_key="loadbalancerrule",
    async_commands=frozenset(["assignToLoadBalancerRule", "removeFromLoadBalancerRule"]),
    id_option=None,
    delete_command="removeFromLoadBalancerRule",
    fields=(
        Field("name", identity=True, spec={"required": True}),
        Field("ip_address", compare=None, spec={"aliases": ["public_ip"]}),
        Field("vms", type="list", compare=None, spec={"required": True, "aliases": ["vm"]}),
        Field("zone", param="zoneid", resolve="zone", compare=None, return_key="zone"),
    ) + owner_fields() + (poll_async_field(),),
    returns=dict(LB_RULE.returns),
    returns_to_int=LB_RULE.returns_to_int,
)
