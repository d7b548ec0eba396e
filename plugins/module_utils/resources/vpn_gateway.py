# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The site-to-site VPN gateway of a VPC, declared for the engine (module vpn_gateway).

A VPC has at most one; it is found by the VPC (named in its zone, within the owner) and has nothing to update.
Its public IP is the VPC's source NAT IP. Creation and removal are async jobs.
"""
from __future__ import annotations

from ..engine import Field
from .guest import owner_fields, poll_async_field
from .vpn_customer_gateway import VpnResource


def vpc_field(required=True):
    return Field("vpc", param="vpcid", resolve="vpc", identity=True, compare=None, return_key="vpc", display="vpcname",
                 resolve_scope={"zoneid": "zone", "domainid": "domain", "account": "account", "projectid": "project"},
                 spec={"required": required})


def zone_field():
    return Field("zone", param="zoneid", resolve="zone", compare=None, create=False, lookup=False, return_key="zone", spec={"required": True})


VPN_GATEWAY = VpnResource(
    name="VPN gateway",
    list_command="listVpnGateways",
    list_key="vpngateway",
    list_params={"listall": True},
    create_command="createVpnGateway",
    create_key="vpngateway",
    delete_command="deleteVpnGateway",
    async_commands=frozenset(["createVpnGateway", "deleteVpnGateway"]),
    id_option=None,
    fields=(vpc_field(), zone_field()) + owner_fields() + (poll_async_field(),),
    returns={"publicip": "public_ip", "vpcid": "vpc_id", "fordisplay": "for_display"},
)
