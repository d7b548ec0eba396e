# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The VLAN IP range, declared for the engine (module vlan_ip_range).

A range has no name: it is the range of its zone (and network, physical network, pod, owner when
given) whose start and end IP are start_ip and end_ip (end_ip defaults to start_ip). listVlanIpRanges
cannot filter on addresses, so the ranges of that scope are listed (every page) and matched here.
Everything else is only used at creation (CloudStack 4.18's updateVlanIpRange is not used): a
difference is a warning. The VLAN compares without its "vlan://" prefix.
"""
from __future__ import annotations

from ..engine import Field, Resource


def vlan_tag(value):
    text = str(value)
    return text[len("vlan://"):] if text.lower().startswith("vlan://") else text


class VlanIpRangeResource(Resource):
    def normalize_current(self, engine, obj):
        if obj and obj.get("vlan") is not None:
            obj["_vlantag"] = vlan_tag(obj["vlan"])
        return obj

    def matches(self, engine, obj):
        start = engine.params.get("start_ip")
        end = engine.params.get("end_ip") or start
        return obj.get("startip") == start and obj.get("endip") == end

    def create_params(self, engine):
        params = super().create_params(engine)
        if params.get("startipv6") and not params.get("endipv6"):
            params["endipv6"] = params["startipv6"]
        return params


VLAN_IP_RANGE = VlanIpRangeResource(
    name="VLAN IP range",
    absent_if_scope_missing=True,  # parent missing: absent is no change; check mode reports a create (a warning)
    list_command="listVlanIpRanges",
    list_key="vlaniprange",
    create_command="createVlanIpRange",
    create_key="vlan",
    delete_command="deleteVlanIpRange",
    id_option=None,
    fields=(
        Field("zone", param="zoneid", resolve="zone", identity=True, compare=None, return_key="zone", spec={"required": True}),
        Field("start_ip", param="startip", identity=True, lookup=False, on_change="ignore", spec={"required": True}),
        Field("end_ip", param="endip", identity=True, lookup=False, on_change="ignore", create_fallback="start_ip"),
        Field("network", param="networkid", resolve="network", resolve_scope={"zoneid": "zone"}, lookup=True, compare=None, return_key="network"),
        Field("physical_network", param="physicalnetworkid", resolve="physical_network", resolve_scope={"zoneid": "zone"}, lookup=True, compare=None,
              return_key="physical_network"),
        Field("pod", param="podid", resolve="pod", resolve_scope={"zoneid": "zone"}, lookup=True, compare=None),
        Field("domain", param="domainid", resolve="domain", lookup=True, compare=None),
        Field("account", lookup=True, compare=None),
        Field("project", param="projectid", resolve="project", resolve_scope={"domainid": "domain"}, lookup=True, compare=None),
        Field("gateway", on_change="create_only"),
        Field("netmask", on_change="create_only"),
        Field("vlan", field="_vlantag", transform=vlan_tag, on_change="create_only"),
        Field("start_ipv6", param="startipv6", on_change="create_only"),
        Field("end_ipv6", param="endipv6", on_change="create_only"),
        Field("gateway_ipv6", param="ip6gateway", on_change="create_only"),
        Field("cidr_ipv6", param="ip6cidr", on_change="create_only"),
        Field("for_virtual_network", param="forvirtualnetwork", type="bool", on_change="create_only", spec={"default": False}),
        Field("for_system_vms", param="forsystemvms", type="bool", on_change="create_only", spec={"default": False}),
    ),
    returns={
        "_vlantag": None,
        "physicalnetworkid": "physical_network",
        "vlan": "vlan",
        "forsystemvms": "for_systemvms",
    },
)
