# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Regions, declared for the engine (module region). A region is named by the integer id its creator chose
(listRegions id=...); addRegion, updateRegion and removeRegion address it by that id."""
from __future__ import annotations

from ..engine import Field, Resource

REGION = Resource(
    name="region",
    list_command="listRegions",
    list_key="region",
    create_command="addRegion",
    create_key="region",
    update_command="updateRegion",
    update_key="region",
    delete_command="removeRegion",
    id_option=None,
    fields=(
        Field("id", type="int", compare="loose", identity=True, spec={"required": True}),
        Field("name"),
        Field("endpoint"),
    ),
    returns={"gslbserviceenabled": "gslb_service_enabled", "portableipserviceenabled": "portable_ip_service_enabled"},
)
