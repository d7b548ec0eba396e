# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The physical network, declared for the engine (module physical_network).

createPhysicalNetwork creates it Disabled (the engine then enables it if asked); updatePhysicalNetwork
changes the speed, the tag, the VLAN ranges and the state; the isolation method, the broadcast domain
range and the owner domain are only used at creation. All its commands are async.
nsps_enabled / nsps_disabled run the network service provider engine for each provider.
"""
from __future__ import annotations

from ..engine import Field, Resource
from .network_service_provider import set_provider_states


class PhysicalNetworkResource(Resource):
    def create_params(self, engine):
        params = super().create_params(engine)
        params.pop("state", None)  # createPhysicalNetwork has no state: settle_state enables it afterwards
        return params

    def converge(self, engine, obj):
        enabled, disabled = engine.params.get("nsps_enabled"), engine.params.get("nsps_disabled")
        if not (enabled or disabled):
            return obj
        if obj is None or not obj.get("id"):
            # check mode, network still to be created: its providers come with it
            engine.differences.add("nsps", after=dict({n: "disabled" for n in disabled or ()}, **{n: "enabled" for n in enabled or ()}), changed=False)
            return obj
        set_provider_states(engine, obj["id"], obj.get("zoneid"), enabled=enabled, disabled=disabled)
        return obj

    def result(self, engine, obj):
        out = super().result(engine, obj)
        out["physical_network"] = obj.get("name")
        for key in ("nsps_enabled", "nsps_disabled"):
            if engine.params.get(key):
                out[key] = engine.params[key]
        return out


PHYSICAL_NETWORK = PhysicalNetworkResource(
    name="physical network",
    absent_if_scope_missing=True,  # parent missing: absent is no change; check mode reports a create (a warning)
    list_command="listPhysicalNetworks",
    list_key="physicalnetwork",
    create_command="createPhysicalNetwork",
    create_key="physicalnetwork",
    update_command="updatePhysicalNetwork",
    update_key="physicalnetwork",
    delete_command="deletePhysicalNetwork",
    async_commands=frozenset(["createPhysicalNetwork", "updatePhysicalNetwork", "deletePhysicalNetwork"]),
    id_option=None,
    fields=(
        Field("name", identity=True, compare="ci", on_change="ignore", spec={"required": True, "aliases": ["physical_network"]}),
        Field("zone", param="zoneid", resolve="zone", identity=True, compare=None, return_key="zone", spec={"required": True}),
        Field("broadcast_domain_range", param="broadcastdomainrange", compare="ci", on_change="create_only", spec={"choices": ["POD", "ZONE"]}),
        Field("domain", param="domainid", resolve="domain", on_change="create_only", return_key="domain"),
        Field("isolation_method", param="isolationmethods", compare="ci", on_change="create_only",
              spec={"choices": ["VLAN", "VXLAN", "GRE", "L3", "STT", "VCS", "ODL", "SSP", "BCF_SEGMENT", "L3VPN"]}),
        Field("network_speed", param="networkspeed", spec={"choices": ["1G", "10G"]}),
        Field("tags", spec={"aliases": ["tag"]}),
        Field("vlan"),
        Field("nsps_enabled", type="list", create=False, lookup=False, compare=None),
        Field("nsps_disabled", type="list", create=False, lookup=False, compare=None),
    ),
    states={"enabled": {"state": "Enabled"}, "disabled": {"state": "Disabled"}},
    state_field="state",
    returns={},
)
