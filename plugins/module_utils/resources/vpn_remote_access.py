# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Remote access VPN (L2TP/IPsec) on a public IP address, declared for the engine (module vpn_remote_access; ngine_io
has no such module).

The object is found by the IP address (in its zone, within the owner): listRemoteAccessVpns publicipid. ip_range is
the range createRemoteAccessVpn takes: its first address is the VPN server's, the rest go to the clients (CloudStack
lists the clients' range, returned as client_ip_range). ip_range and open_firewall apply at creation only (a different
range is a warning: changing it means removing the VPN, which gives it a new pre-shared key); for_display is updated
with updateRemoteAccessVpn. The pre-shared key CloudStack generates is never returned (listRemoteAccessVpns shows it
to the owner). Creation, update and removal are async jobs.
"""
from __future__ import annotations

import ipaddress

from ..engine import Field
from .firewall import public_ip
from .guest import owner_fields, poll_async_field
from .vpn_customer_gateway import VpnResource


def given_range(listed):
    """The range as createRemoteAccessVpn was given it, from the clients' range CloudStack lists (first - 1)."""
    try:
        first, last = str(listed).split("-")
        return "%s-%s" % (ipaddress.IPv4Address(first) - 1, last)
    except ValueError:
        return listed


class RemoteAccessVpnResource(VpnResource):
    def lookup_params(self, engine):
        return {"publicipid": public_ip(engine)["id"], "listall": True}

    def normalize_current(self, engine, obj):
        if obj and obj.get("iprange"):
            obj["_given_range"] = given_range(obj["iprange"])
        return obj

    def create_params(self, engine):
        params = super().create_params(engine)
        params["publicipid"] = public_ip(engine)["id"]
        params["openfirewall"] = bool(engine.params.get("open_firewall"))
        params.pop("projectid", None)  # createRemoteAccessVpn takes the IP's owner
        return params

    def address(self, engine, current):
        return {"publicipid": current["publicipid"]} if engine.params.get("state") == "absent" else {"id": current["id"]}

    def result(self, engine, obj):
        out = super().result(engine, obj)
        if obj.get("iprange"):
            out["ip_range"] = given_range(obj["iprange"])
        return out


VPN_REMOTE_ACCESS = RemoteAccessVpnResource(
    name="remote access VPN",
    list_command="listRemoteAccessVpns",
    list_key="remoteaccessvpn",
    create_command="createRemoteAccessVpn",
    create_key="remoteaccessvpn",
    update_command="updateRemoteAccessVpn",
    update_key="remoteaccessvpn",
    delete_command="deleteRemoteAccessVpn",
    async_commands=frozenset(["createRemoteAccessVpn", "updateRemoteAccessVpn", "deleteRemoteAccessVpn"]),
    id_option=None,
    fields=(
        Field("ip_address", identity=True, match=False, compare=None, create=False, spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", compare=None, create=False, lookup=False, return_key="zone", spec={"required": True}),
        Field("ip_range", param="iprange", field="_given_range", on_change="create_only", spec={"aliases": ["iprange"]}),
        Field("open_firewall", type="bool", compare=None, create=False, spec={"default": True}),
        Field("for_display", param="fordisplay", type="bool", compare="loose"),
    ) + owner_fields() + (poll_async_field(),),
    returns={"publicip": "ip_address", "publicipid": "ip_address_id", "iprange": "client_ip_range", "_given_range": None,
             "presharedkey": None, "fordisplay": "for_display"},
)
