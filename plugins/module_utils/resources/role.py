# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Roles, declared for the engine (module role). Found by O(uuid) (alias id) if given, else by name."""
from __future__ import annotations

from ..engine import Field, Resource

ROLE_TYPES = ["User", "DomainAdmin", "ResourceAdmin", "Admin"]

ROLE = Resource(
    name="role",
    list_command="listRoles",
    list_key="role",
    create_command="createRole",
    create_key="role",
    update_command="updateRole",
    update_key="role",
    delete_command="deleteRole",
    id_option="uuid",
    fields=(
        Field("name", identity=True, compare="exact", spec={"required": True}),
        Field("uuid", param=None, compare=None, create=False, spec={"aliases": ["id"]}),
        Field("role_type", param="type", compare="ci", create_default="User", spec={"choices": ROLE_TYPES}),
        Field("description"),
    ),
    returns={},
)
