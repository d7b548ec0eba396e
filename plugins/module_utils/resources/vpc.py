# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The VPC, declared for the engine (module vpc).

- Found in its zone (within its owner) by name, display text or id, as ngine_io.cloudstack does: listVPCs keyword=<name>
  (a "contains" match on name and display text), then the exact match; more than one fails.
- createVPC (async) with the VPC offering (the named one, else the zone's enabled default, with ngine_io's messages),
  cidr, network_domain; state=stopped creates it with start=false (its router comes with the first tier that is implemented).
- display_text changes with updateVPC (async); cidr, network_domain and vpc_offering are set at creation (a difference is a
  warning, ngine_io ignores them silently).
- state=restarted: restartVPC (clean_up replaces the routers) and nothing else is compared; the VPC must exist.
- state=absent: deleteVPC (async); CloudStack refuses a VPC that still has tiers (the job fails with its message).
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, ResourceEngine
from ..resolve import is_uuid
from ..tags import ensure_tags
from .guest import GuestResource, owner_fields, poll_async_field, tags_field


class VpcEngine(ResourceEngine):
    """state=restarted restarts the VPC and changes nothing else (as ngine_io.cloudstack): no option is compared."""

    def managed(self):
        return [] if self.params.get("state") == "restarted" else super().managed()


class VpcResource(GuestResource):
    def lookup_params(self, engine):
        params = super().lookup_params(engine)
        name = params.pop("name")
        params["id" if is_uuid(name) else "keyword"] = name
        return params

    def matches(self, engine, obj):
        return engine.params.get("name") in (obj.get("name"), obj.get("displaytext"), obj.get("id"))

    def not_restartable(self, engine):
        return CloudStackError("VPC %s not found in zone %s; state=restarted restarts an existing VPC" % (
            engine.params.get("name"), engine.params.get("zone")))

    def offering_id(self, engine):
        """The VPC offering: the one named (enabled), else the enabled default (ngine_io's lookup and messages)."""
        name = engine.params.get("vpc_offering")
        args = {"state": "Enabled"}
        if name:
            args["name"] = name
        found = engine.client.list("listVPCOfferings", key="vpcoffering", **args)
        if name:
            found = [o for o in found if name in (o.get("name"), o.get("id"))]
        if not found:
            raise CloudStackError("VPC offering not found or not enabled: %s" % name if name else "No enabled default VPC offering found")
        return found[0]["id"]

    def create_params(self, engine):
        state = engine.params.get("state")
        if state == "restarted":
            raise self.not_restartable(engine)
        params = super().create_params(engine)
        params["vpcofferingid"] = self.offering_id(engine)
        params["start"] = state != "stopped"
        return params

    def converge(self, engine, obj):
        obj = ensure_tags(engine, obj, "Vpc")
        if engine.params.get("state") != "restarted":
            return obj
        if obj is None:
            raise self.not_restartable(engine)
        engine.differences.add("state", "present", "restarted")
        if not engine.module.check_mode:
            engine.api("restartVPC", None, id=obj["id"], cleanup=bool(engine.params.get("clean_up")))
            obj = engine.find() or obj
        return obj


VPC = VpcResource(
    name="VPC",
    list_command="listVPCs",
    list_key="vpc",
    create_command="createVPC",
    create_key="vpc",
    update_command="updateVPC",
    update_key="vpc",
    delete_command="deleteVPC",
    async_commands=frozenset(["createVPC", "updateVPC", "restartVPC", "deleteVPC"]),
    id_option=None,
    absent_if_scope_missing=True,  # an owner still to be created (check mode of a run that creates it): reported as to be created
    fields=(
        Field("name", identity=True, match=False, spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", identity=True, compare=None, return_key="zone", spec={"required": True}),
        Field("display_text", param="displaytext", create_fallback="name"),
        Field("cidr", on_change="create_only"),
        Field("network_domain", param="networkdomain", compare="ci", on_change="create_only"),
        Field("vpc_offering", param="vpcofferingid", resolve="vpc_offering", display="vpcofferingname", on_change="create_only", create=False),
        Field("clean_up", type="bool", compare=None, create=False),
        tags_field(),
    ) + owner_fields() + (poll_async_field(),),
    states={"absent": {}, "stopped": {}, "restarted": {}},
    returns={
        "redundantvpcrouter": "redundant_vpc_router",
        "distributedvpcrouter": "distributed_vpc_router",
        "regionlevelvpc": "region_level_vpc",
        "restartrequired": "restart_required",
    },
)
