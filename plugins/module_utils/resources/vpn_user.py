# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A remote access VPN user, declared for the engine (module vpn_user).

Found by its username within the owner (account and domain, or project); the password is used only when the user is
added (CloudStack has no command to change it), never compared, returned or shown. addVpnUser and removeVpnUser are
async jobs; removeVpnUser names the user by its username and owner. CloudStack applies a new user to the account's
remote access VPNs: without one its job fails ("Failed to add vpn user") and the user waits in state Add until a
remote access VPN of the account is created.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field
from .guest import owner_fields
from .vpn_customer_gateway import VpnResource, owner_params


class VpnUserResource(VpnResource):
    def lookup_params(self, engine):
        if (engine.params.get("state") or "present") != "absent" and not engine.params.get("password"):
            raise CloudStackError("missing required arguments: password")  # ngine_io's check, also for a user that exists
        return super().lookup_params(engine)

    def address(self, engine, current):
        return dict(owner_params(engine), username=current["username"])


VPN_USER = VpnUserResource(
    name="VPN user",
    list_command="listVpnUsers",
    list_key="vpnuser",
    create_command="addVpnUser",
    create_key="vpnuser",
    delete_command="removeVpnUser",
    async_commands=frozenset(["addVpnUser", "removeVpnUser"]),
    id_option=None,
    fields=(
        Field("username", identity=True, spec={"required": True}),
        Field("password", compare=None, required_on_create=True, spec={"no_log": True}),
    ) + owner_fields(),
    returns={"username": "username"},
)
