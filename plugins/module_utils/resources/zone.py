# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The zone, declared for the engine (modules zone and zone_info)."""
from __future__ import annotations

from ..engine import Field, Resource

ZONE = Resource(
    name="zone",
    list_command="listZones",
    list_key="zone",
    create_command="createZone",
    create_key="zone",
    update_command="updateZone",
    update_key="zone",
    delete_command="deleteZone",
    fields=(
        Field("name", identity=True, compare="ci", spec={"required": True}),
        Field("dns1", required_on_create=True),
        Field("dns2"),
        Field("internal_dns1", create_fallback="dns1"),
        Field("internal_dns2", create_fallback="dns2"),
        Field("dns1_ipv6", param="ip6dns1"),
        Field("dns2_ipv6", param="ip6dns2"),
        Field("network_type", compare="ci", on_change="create_only", create_default="Basic", spec={"choices": ["Basic", "Advanced"]}),
        Field("network_domain", param="domain"),
        Field("guest_cidr_address"),
        Field("dhcp_provider", create=False),  # not a createZone parameter: set by updateZone after the create
        Field("local_storage_enabled", type="bool"),
        Field("securitygroups_enabled", param="securitygroupenabled", field="securitygroupsenabled", type="bool", on_change="create_only"),
        Field("domain", param="domainid", resolve="domain", display="domainname", on_change="create_only"),
    ),
    states={"enabled": {"allocationstate": "Enabled"}, "disabled": {"allocationstate": "Disabled"}},
    state_field="allocationstate",
    returns={
        "domainname": "domain",
        "allocationstate": "allocation_state",
        "zonetoken": "zone_token",
    },
    info_key="zones",
    info_filters={"zone": "name", "id": "id"},
    info_missing_fails=True,
)
