# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""VPC offerings, declared for the engine (module vpc_offering).

Found by name (listVPCOfferings name= is a "contains" filter: the exact match is kept). createVPCOffering (async) takes the
services, their providers and capabilities and the router's system offering; CloudStack adds SourceNat, NetworkACL and
Gateway itself and creates the offering Disabled unless enable=true (state=enabled). updateVPCOffering (async) changes the
display text and the state (Enabled/Disabled); the services are set at creation only (never compared, as ngine_io.cloudstack).
"""
from __future__ import annotations

from ..engine import Field, Resource
from .guest import poll_async_field


class VpcOfferingResource(Resource):
    def argument_spec(self, state_default="present"):
        spec = super().argument_spec(state_default)
        spec["state"]["choices"] = ["enabled", "present", "disabled", "absent"]  # ngine_io's order (its bad-choice message)
        return spec

    def result(self, engine, obj):
        if engine.params.get("state") == "absent" and not engine.module.check_mode:
            return {}  # as ngine_io: a deleted offering is not returned (its job result has none)
        return super().result(engine, obj)

    def create_params(self, engine):
        params = super().create_params(engine)
        if params.pop("state", None) == "Enabled":
            params["enable"] = True
        offering = engine.params.get("service_offering")
        if offering:
            # the system offering of the VPC's virtual routers (ngine_io: listServiceOfferings issystem=true, by name or id)
            params["serviceofferingid"] = engine.module.resolver.id("service_offering", offering, option="service_offering", issystem=True)
        return params


VPC_OFFERING = VpcOfferingResource(
    name="VPC offering",
    list_command="listVPCOfferings",
    list_key="vpcoffering",
    create_command="createVPCOffering",
    create_key="vpcoffering",
    update_command="updateVPCOffering",
    update_key="vpcoffering",
    delete_command="deleteVPCOffering",
    async_commands=frozenset(["createVPCOffering", "updateVPCOffering", "deleteVPCOffering"]),
    id_option=None,
    fields=(
        Field("name", identity=True, spec={"required": True}),
        Field("display_text", param="displaytext", required_on_create=True),
        Field("supported_services", param="supportedservices", type="list", compare=None, required_on_create=True,
              spec={"aliases": ["supported_service"]}),
        Field("service_providers", param="serviceproviderlist", type="list", compare=None, spec={"elements": "dict", "aliases": ["service_provider"]}),
        Field("service_capabilities", param="servicecapabilitylist", type="list", compare=None,
              spec={"elements": "dict", "aliases": ["service_capability"]}),
        Field("service_offering", param="serviceofferingid", compare=None, create=False),
        poll_async_field(),
    ),
    states={"enabled": {"state": "Enabled"}, "disabled": {"state": "Disabled"}},
    state_field="state",
    returns={
        "serviceofferingid": "service_offering_id",
        "isdefault": "is_default",
        "distributedvpcrouter": "distributed",
        "supportsregionLevelvpc": "region_level",
    },
)
