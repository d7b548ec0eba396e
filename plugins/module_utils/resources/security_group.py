# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The security group, declared for the engine (module security_group).

A group is found by name within its owner (the caller's account, or account/domain/project); CloudStack
has no update command for it, so a different description is reported as a warning.
"""
from __future__ import annotations

from ..engine import Field
from .guest import GuestResource, owner_fields


class SecurityGroupResource(GuestResource):
    def lookup_params(self, engine):
        params = super().lookup_params(engine)
        params["securitygroupname"] = params.pop("name")  # listSecurityGroups names its filter so
        return params


SECURITY_GROUP = SecurityGroupResource(
    name="security group",
    list_command="listSecurityGroups",
    list_key="securitygroup",
    create_command="createSecurityGroup",
    create_key="securitygroup",
    delete_command="deleteSecurityGroup",
    id_option=None,
    fields=(
        Field("name", identity=True, spec={"required": True}),
        Field("description"),
    ) + owner_fields(),
    returns={},
)
