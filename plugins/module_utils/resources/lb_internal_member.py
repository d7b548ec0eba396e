# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The members of an internal load balancer (module lb_internal_member), as ngine_io 3.3.0's lb_internal_member: the
load balancer is found as lb_internal finds it; the instances are those of its network (by name or id; matched by id,
as loadbalancerinstance shows instance names, i-N-M-VM); present assigns those that are no members
(assignToLoadBalancerRule), absent removes those that are (removeFromLoadBalancerRule). The first member makes
CloudStack deploy the internal LB VM of the source IP."""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, ResourceEngine
from .guest import poll_async_field
from .lb_internal import LB_INTERNAL_RETURNS, LbInternalResource, internal_fields


class LbInternalMemberEngine(ResourceEngine):
    def network_vms(self):
        if "vms" not in self.memo:
            params = {"networkid": self.wanted_param(self.resource.by_option["network"]), "listall": True}
            for opt, param in (("domain", "domainid"), ("account", "account"), ("project", "projectid")):
                if self.params.get(opt) is not None:
                    params[param] = self.wanted_param(self.resource.by_option[opt])
            self.memo["vms"] = self.client.list("listVirtualMachines", key="virtualmachine", **params)
        return self.memo["vms"]

    def run(self):
        lb = self.find()
        if lb is None:
            raise CloudStackError("Internal load balancer not found: %s" % self.params["name"])  # ngine_io's message
        by_name = {}
        for vm in self.network_vms():
            by_name[vm["name"]] = by_name[vm["id"]] = vm["id"]
        wanted = []
        for name in self.params["vms"]:
            if name not in by_name:
                raise CloudStackError("Instance not found in network %s: %s" % (self.params["network"], name))  # ngine_io's message
            wanted.append(by_name[name])
        existing = {x["id"] for x in lb.get("loadbalancerinstance") or []}
        adding = self.params.get("state") != "absent"
        change = [i for i in dict.fromkeys(wanted) if (i in existing) != adding]
        if change:
            after = existing | set(change) if adding else existing - set(change)
            self.differences.add("vms", self.names(existing), self.names(after))
            if not self.module.check_mode:
                self.apply(lb, adding, change)
                lb = self.find() or lb
        result = self.finish(lb)
        result["vms"] = self.names({x["id"] for x in lb.get("loadbalancerinstance") or []})
        return result

    def names(self, ids):
        names = {vm["id"]: vm["name"] for vm in self.network_vms()}
        return sorted(names.get(i, i) for i in ids)

    def apply(self, lb, adding, ids):
        command = "assignToLoadBalancerRule" if adding else "removeFromLoadBalancerRule"

        def look(exc):
            now = self.find() or {}
            have = {x["id"] for x in now.get("loadbalancerinstance") or []}
            return True if (set(ids) <= have if adding else not set(ids) & have) else None

        self.write(lambda: self.api(command, None, id=lb["id"], virtualmachineids=",".join(ids)), look)


LB_INTERNAL_MEMBER = LbInternalResource(
    name="internal load balancer",
    list_command="listLoadBalancers",
    list_key="loadbalancer",
    delete_command="removeFromLoadBalancerRule",
    async_commands=frozenset(["assignToLoadBalancerRule", "removeFromLoadBalancerRule"]),
    id_option=None,
    fields=internal_fields() + (
        Field("vms", type="list", compare=None, spec={"required": True, "aliases": ["vm"]}),
        poll_async_field(),
    ),
    returns=dict(LB_INTERNAL_RETURNS, state="state", fordisplay=None),
    returns_to_int=("sourceport", "instanceport"),
)
