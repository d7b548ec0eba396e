# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The guest network, declared for the engine (module network).

- Found by name in its zone (within its owner): listNetworks has no name filter, so the lookup sends the
  name as keyword and keeps the exact match.
- Isolated, shared (VLAN and IP range: vlan, gateway, netmask, start_ip, end_ip) and L2 networks, by the
  network offering. display_text, network_domain and network_offering change with updateNetwork (async);
  the addressing (vlan, gateway, netmask, IP range, ACL type) is only used at creation.
- state restarted: only restartNetwork (clean_up; the other options are not compared) when the network is Implemented or Setup (CloudStack restarts no
  other), else no change, as ngine_io.cloudstack; the network must exist.
- Returns, besides ngine_io.cloudstack's keys, public_ips (the network's public IP addresses, as listPublicIpAddresses
  returns them) and snat_ip (its source NAT address), as ngine_io.cloudstack 3.1 does; acl is the ACL's name or null.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, ResourceEngine
from ..tags import ensure_tags
from .guest import GuestResource, owner_fields, poll_async_field, tags_field
from .network_acl import ensure_tier_acl, tier_acl

RESTARTABLE = ("implemented", "setup")  # the states CloudStack restarts a network in


class NetworkEngine(ResourceEngine):
    """state=restarted restarts the network and changes nothing else (as ngine_io.cloudstack): no option is compared."""

    def managed(self):
        return [] if self.params.get("state") == "restarted" else super().managed()


class NetworkResource(GuestResource):
    def lookup_params(self, engine):
        params = super().lookup_params(engine)
        params["keyword"] = params.pop("name")
        return params

    def not_restartable(self, engine):
        return CloudStackError("network %s not found in zone %s; state=restarted restarts an existing network" % (
            engine.params.get("name"), engine.params.get("zone")))

    def create_params(self, engine):
        if engine.params.get("state") == "restarted":
            raise self.not_restartable(engine)
        params = super().create_params(engine)
        acl = tier_acl(engine, params.get("vpcid"))
        if acl is not None:
            params["aclid"] = acl["id"]
        return params

    def converge(self, engine, obj):
        if obj is not None and engine.params.get("state") != "restarted":
            obj = ensure_tier_acl(engine, obj)  # acl names another list: replaceNetworkACLList
        obj = ensure_tags(engine, obj, "Network")
        if engine.params.get("state") != "restarted":
            return obj
        if obj is None:
            raise self.not_restartable(engine)
        if str(obj.get("state", "")).lower() not in RESTARTABLE:
            return obj
        engine.differences.add("state", "present", "restarted")
        if not engine.module.check_mode:
            engine.api("restartNetwork", None, id=obj["id"], cleanup=bool(engine.params.get("clean_up")))
            obj = engine.find() or obj
        return obj

    def result(self, engine, obj):
        out = super().result(engine, obj)
        out.setdefault("acl", None)
        if obj.get("id") and str(obj.get("type", "")).upper() != "L2":
            ips = engine.client.list("listPublicIpAddresses", key="publicipaddress", associatednetworkid=obj["id"], listall=True)
            out["public_ips"] = ips
            snat = [ip.get("ipaddress") for ip in ips if str(ip.get("issourcenat")).lower() == "true"]
            out["snat_ip"] = snat[0] if snat else None
        return out


NETWORK = NetworkResource(
    name="network",
    list_command="listNetworks",
    list_key="network",
    create_command="createNetwork",
    create_key="network",
    update_command="updateNetwork",
    update_key="network",
    delete_command="deleteNetwork",
    async_commands=frozenset(["updateNetwork", "restartNetwork", "deleteNetwork"]),
    id_option=None,
    fields=(
        Field("name", identity=True, spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", identity=True, compare=None, return_key="zone", spec={"required": True}),
        Field("display_text", param="displaytext", create_fallback="name"),
        Field("network_offering", param="networkofferingid", resolve="network_offering", display="networkofferingname", required_on_create=True),
        Field("network_domain", param="networkdomain", compare="ci"),
        Field("vlan", on_change="create_only", transform=str),
        Field("gateway", on_change="create_only"),
        Field("netmask", on_change="create_only"),
        Field("start_ip", param="startip", compare=None),
        Field("end_ip", param="endip", compare=None),
        Field("gateway_ipv6", param="ip6gateway", on_change="create_only"),
        Field("cidr_ipv6", param="ip6cidr", on_change="create_only"),
        Field("start_ipv6", param="startipv6", compare=None),
        Field("end_ipv6", param="endipv6", compare=None),
        Field("acl_type", param="acltype", compare="ci", on_change="create_only", spec={"choices": ["account", "domain"]}),
        Field("subdomain_access", param="subdomainaccess", type="bool", compare=None),
        Field("isolated_pvlan", param="isolatedpvlan", compare=None),
        # a tier: looked for in its VPC (of the network's zone, as ngine_io looks for it)
        Field("vpc", param="vpcid", resolve="vpc", resolve_scope={"zoneid": "zone"}, display="vpcname", compare=None, return_key="vpc", lookup=True),
        Field("acl", compare=None, create=False),
        Field("clean_up", type="bool", compare=None, create=False, spec={"default": False}),
        tags_field(),
    ) + owner_fields() + (poll_async_field(),),
    states={"restarted": {}},
    returns={
        "networkofferingname": "network_offering",
        "networkofferingdisplaytext": "network_offering_display_text",
        "networkofferingconservemode": "network_offering_conserve_mode",
        "networkofferingavailability": "network_offering_availability",
        "aclid": "acl_id",
        "aclname": "acl",
        "issystem": "is_system",
        "ispersistent": "is_persistent",
        "type": "type",
        "traffictype": "traffic_type",
        "cidr": "cidr",
        "broadcastdomaintype": "broadcast_domain_type",
        "dns1": "dns1",
        "dns2": "dns2",
        "vpcname": "vpc",
        "restartrequired": "restart_required",
    },
)
