# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The VPC private gateway, declared for the engine (module vpc_private_gateway).

A private gateway is found by its IP address within its VPC (as ngine_io.cloudstack 3.3.0 does). CloudStack has no
command that updates one: gateway, netmask, vlan, network and source_nat_supported are set at creation, and a
difference on an existing gateway is a warning, never a false change (remove and create it again to change them).
Its ACL list (network_acl) is replaced with replaceNetworkACLList (ngine_io 3.3.0 leaves it as it is). Creation and
removal are async jobs. It connects over a VLAN (vlan, root admins only) or an isolated network (network); one of the
two is needed to create it.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, Resource
from .guest import owner_fields, poll_async_field


def vlan_uri(value):
    """400 and vlan://400 name the same VLAN (CloudStack returns the URI)."""
    text = str(value).strip()
    return text if "://" in text else "vlan://" + text


def network_acl(engine, vpc_id):
    """The ACL list network_acl names: one of the VPC's or a default one (default_allow, default_deny)."""
    value = engine.params.get("network_acl")
    found = engine.memo.get("network_acl")
    if found is None:
        lists = engine.client.list("listNetworkACLLists", key="networkacllist", name=value)
        candidates = [a for a in lists if (a.get("id") == value or a.get("name") == value) and a.get("vpcid") in (None, "", vpc_id)]
        if not candidates:
            raise CloudStackError("network_acl: network ACL '%s' not found in the VPC" % value)
        found = engine.memo["network_acl"] = candidates[0]
    return found


class PrivateGatewayResource(Resource):
    def lookup_params(self, engine):
        params = super().lookup_params(engine)
        if (engine.params.get("state") or "present") == "present":  # bad input fails before anything is changed (check mode too)
            if not engine.params.get("vlan") and not engine.params.get("network"):
                raise CloudStackError("vlan: set vlan (a VLAN ID or URI, root admins only) or network (an isolated network) for "
                                      "private gateway %s" % engine.params.get("ip_address"))
            if engine.params.get("network_acl"):
                network_acl(engine, params.get("vpcid"))
        return params

    def create_params(self, engine):
        params = super().create_params(engine)
        if engine.params.get("network_acl"):
            params["aclid"] = network_acl(engine, params.get("vpcid"))["id"]
        return params

    def converge(self, engine, obj):
        """network_acl of an existing gateway: replaceNetworkACLList (aclid, gatewayid) when it names another list."""
        wanted = engine.params.get("network_acl")
        if not obj or not obj.get("id") or not wanted or wanted in (obj.get("aclname"), obj.get("aclid")):
            return obj
        acl = network_acl(engine, obj.get("vpcid"))
        if acl["id"] == obj.get("aclid"):
            return obj
        engine.differences.add("network_acl", obj.get("aclname"), acl.get("name"))
        if engine.module.check_mode:
            return obj

        def refresh():
            found = engine.client.list(self.list_command, key=self.list_key, id=obj["id"], listall=True)
            return found[0] if found else None

        def look(exc):
            now = refresh()
            return now if now is not None and now.get("aclid") == acl["id"] else None

        engine.write(lambda: engine.api("replaceNetworkACLList", None, aclid=acl["id"], gatewayid=obj["id"]), look)
        return refresh() or obj


VPC_PRIVATE_GATEWAY = PrivateGatewayResource(
    name="private gateway",
    list_command="listPrivateGateways",
    list_key="privategateway",
    create_command="createPrivateGateway",
    create_key="privategateway",
    delete_command="deletePrivateGateway",
    async_commands=frozenset(["createPrivateGateway", "deletePrivateGateway", "replaceNetworkACLList"]),
    id_option=None,
    list_params={"listall": True},
    fields=(
        Field("ip_address", param="ipaddress", identity=True, on_change="ignore", spec={"required": True}),
        Field("vpc", param="vpcid", resolve="vpc", resolve_scope={"zoneid": "zone"}, display="vpcname", compare=None, lookup=True,
              spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", compare=None, create=False, return_key="zone", spec={"required": True}),
        Field("gateway", required_on_create=True, on_change="create_only"),
        Field("netmask", required_on_create=True, on_change="create_only"),
        Field("vlan", transform=vlan_uri, on_change="create_only"),
        Field("physical_network", param="physicalnetworkid", resolve="physical_network", resolve_scope={"zoneid": "zone"}, compare=None),
        Field("network", param="associatednetworkid", resolve="network", resolve_scope={"zoneid": "zone"}, display="associatednetwork",
              on_change="create_only"),
        Field("network_acl", param="aclid", compare=None, create=False),
        Field("network_offering", param="networkofferingid", resolve="network_offering", compare=None),
        Field("bypass_vlan_overlap_check", param="bypassvlanoverlapcheck", type="bool", compare=None),
        Field("source_nat_supported", param="sourcenatsupported", type="bool", compare="loose", on_change="create_only"),
    ) + owner_fields() + (poll_async_field(),),
    returns={
        "aclid": "network_acl_id",
        "aclname": "network_acl",
        "ipaddress": "ip_address",
        "physicalnetworkid": "physical_network_id",
        "vpcid": "vpc_id",
        "vpcname": "vpc",
        "associatednetwork": "network",
        "associatednetworkid": "network_id",
    },
)
