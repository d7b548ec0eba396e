# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The instance group, declared for the engine (module instance_group).

Found by name within its owner (domain/account/project); createInstanceGroup and deleteInstanceGroup are synchronous.
CloudStack allows one group of a name per account. Deleting a group leaves its instances without a group.
"""
from __future__ import annotations

from ..engine import Field
from .guest import GuestResource, owner_fields

INSTANCE_GROUP = GuestResource(
    name="instance group",
    list_command="listInstanceGroups",
    list_key="instancegroup",
    create_command="createInstanceGroup",
    create_key="instancegroup",
    delete_command="deleteInstanceGroup",
    id_option=None,
    fields=(Field("name", identity=True, compare="ci", spec={"required": True}),) + owner_fields(),
)
