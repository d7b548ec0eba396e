# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A site-to-site VPN connection between a VPC's VPN gateway and a customer gateway, declared for the engine
(module vpn_connection).

Found among the VPC's connections by its customer gateway (named or by id, within the owner; none: the task fails,
as ngine_io's "VPN customer gateway not found"). With state=present the VPC needs its VPN gateway: force=true creates
it (createVpnGateway), else the task fails. passive applies at creation (CloudStack cannot change it). Creation
starts the connection (async); the pre-shared key CloudStack lists with the connection is never returned.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field
from .guest import owner_fields, poll_async_field
from .vpn_customer_gateway import VpnResource, cidr_list, customer_gateways, owner_params
from .vpn_gateway import vpc_field, zone_field

NO_GATEWAY = "VPN gateway not found and not forced to create one"  # ngine_io's messages
NO_CUSTOMER_GATEWAY = "VPN customer gateway not found: %s"


class VpnConnectionResource(VpnResource):
    def customer_gateway(self, engine):
        if "cgw" not in engine.memo:
            wanted = engine.params.get("vpn_customer_gateway")
            found = customer_gateways(engine, wanted)
            if not found:
                raise CloudStackError(NO_CUSTOMER_GATEWAY % wanted)
            engine.memo["cgw"] = found[0]
        return engine.memo["cgw"]

    def vpn_gateway(self, engine):
        """The VPC's VPN gateway (None: force=true and none yet, to be created with the connection)."""
        if "gw" not in engine.memo:
            params = dict(owner_params(engine), vpcid=engine.wanted_param(self.by_option["vpc"]), listall=True)
            found = engine.client.list("listVpnGateways", key="vpngateway", **params)
            if not found and not engine.params.get("force"):
                raise CloudStackError(NO_GATEWAY)
            engine.memo["gw"] = found[0] if found else None
        return engine.memo["gw"]

    def lookup_params(self, engine):
        self.customer_gateway(engine)
        if (engine.params.get("state") or "present") != "absent":
            self.vpn_gateway(engine)
        return dict(owner_params(engine), vpcid=engine.wanted_param(self.by_option["vpc"]), listall=True)

    def matches(self, engine, obj):
        return obj.get("s2scustomergatewayid") == self.customer_gateway(engine)["id"]

    def create_params(self, engine):
        gw = self.vpn_gateway(engine)
        if gw is None:
            vpcid = engine.wanted_param(self.by_option["vpc"])
            gw = engine.write(lambda: engine.api("createVpnGateway", "vpngateway", vpcid=vpcid),
                              lambda exc: (engine.client.list("listVpnGateways", key="vpngateway", vpcid=vpcid, listall=True) or [None])[0])
            engine.memo["gw"] = gw
        return {"s2scustomergatewayid": self.customer_gateway(engine)["id"], "s2svpngatewayid": gw["id"],
                "passive": bool(engine.params.get("passive"))}

    def result(self, engine, obj):
        out = super().result(engine, obj)
        out["cidrs"] = cidr_list(obj)
        out["force_encap"] = bool(obj.get("forceencap"))
        out["vpn_customer_gateway"] = self.customer_gateway(engine).get("name")
        return out


VPN_CONNECTION = VpnConnectionResource(
    name="VPN connection",
    list_command="listVpnConnections",
    list_key="vpnconnection",
    create_command="createVpnConnection",
    create_key="vpnconnection",
    delete_command="deleteVpnConnection",
    async_commands=frozenset(["createVpnConnection", "deleteVpnConnection", "createVpnGateway"]),
    id_option=None,
    fields=(
        vpc_field(),
        Field("vpn_customer_gateway", compare=None, create=False, lookup=False, spec={"required": True}),
        zone_field(),
        Field("passive", type="bool", compare=None, create=False, spec={"default": False}),
        Field("force", type="bool", compare=None, create=False, spec={"default": False}),
    ) + owner_fields() + (poll_async_field(),),
    returns={"s2svpngatewayid": "vpn_gateway_id", "publicip": "public_ip", "passive": "passive", "gateway": "gateway", "dpd": "dpd",
             "esplifetime": "esp_lifetime", "esppolicy": "esp_policy", "ikelifetime": "ike_lifetime", "ikepolicy": "ike_policy",
             "ipsecpsk": None, "cidrlist": None, "fordisplay": "for_display"},
)
