# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Internal load balancer VMs, declared for the engine (module internal_lb_vm).

CloudStack deploys an internal LB VM itself (when the first member is assigned to an internal load balancer rule of a
VPC tier) and has no command to create or destroy one: the module starts and stops it
(startInternalLoadBalancerVM, stopInternalLoadBalancerVM with forced, async). It is found in the zone by name (or
uuid), tier and/or VPC, within the scope (domain, account, project), with listInternalLoadBalancerVMs (listall).
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, Resource, ResourceEngine
from .guest import owner_fields, poll_async_field

NOT_FOUND = ("Internal load balancer instance not found. It is deployed by CloudStack once the first member is assigned to an "
             "internal load balancer. Note that listInternalLoadBalancerVMs is an admin only API.")
STATES = {"started": ("startInternalLoadBalancerVM", "Running"), "stopped": ("stopInternalLoadBalancerVM", "Stopped")}


class InternalLbVmResource(Resource):

    def matches(self, engine, obj):
        name = engine.params.get("name")
        return not name or str(name).lower() in (str(obj.get("name", "")).lower(), str(obj.get("id", "")).lower())

    def not_found(self, engine):
        return NOT_FOUND

    def converge(self, engine, obj):
        if not obj or not obj.get("id"):
            return obj
        command, wanted = STATES[engine.params.get("state") or "started"]
        if str(obj.get("state", "")).lower() == wanted.lower():
            return obj
        engine.differences.add("state", obj.get("state"), wanted)
        if engine.module.check_mode:
            return obj
        params = {"id": obj["id"]}
        if command == "stopInternalLoadBalancerVM" and engine.params.get("force"):
            params["forced"] = True

        def look(exc):
            found = engine.find()
            return found if found is not None and str(found.get("state", "")).lower() == wanted.lower() else None

        return engine.write(lambda: engine.api(command, "router", **params) or engine.find(), look)


class InternalLbVmEngine(ResourceEngine):
    """Several VMs matching is ngine_io's failure with its text (pass the name), not the engine's (give the id)."""

    def find(self):
        r = self.resource
        found = [o for o in self.client.list(r.list_command, key=r.list_key, **r.lookup_params(self)) if r.matches(self, o)]
        if len(found) > 1:
            raise CloudStackError("More than one internal load balancer instance found: %s. Pass name to select one of them."
                                  % ", ".join(sorted(str(o.get("name")) for o in found)))
        return r.normalize_current(self, found[0]) if found else None


INTERNAL_LB_VM = InternalLbVmResource(
    name="internal load balancer instance",
    list_command="listInternalLoadBalancerVMs",
    list_key="router",
    list_params={"listall": True},
    async_commands=frozenset({"startInternalLoadBalancerVM", "stopInternalLoadBalancerVM"}),
    id_option=None,
    fields=(
        Field("name", compare=None, lookup=False),
        Field("zone", param="zoneid", resolve="zone", compare=None, lookup=True, spec={"required": True}),
        Field("vpc", param="vpcid", resolve="vpc", resolve_scope={"zoneid": "zone"}, compare=None, lookup=True),
        Field("network", param="networkid", resolve="network", resolve_scope={"zoneid": "zone", "vpcid": "vpc"}, compare=None,
              lookup=True),
        *owner_fields(),
        Field("force", type="bool", compare=None, create=False, spec={"default": False}),
        poll_async_field(),
    ),
    # ngine_io.cloudstack's return keys
    returns={"guestipaddress": "guest_ip_address", "guestnetworkid": "network_id", "hostname": "host", "publicip": "public_ip",
             "requiresupgrade": "requires_upgrade", "serviceofferingname": "service_offering", "version": "template_version",
             "vpcid": "vpc_id", "guestnetworkname": "network", "vpcname": "vpc", "role": "role"},
)
STATE_SPEC = {"state": {"type": "str", "default": "started", "choices": ["started", "stopped"]}}
