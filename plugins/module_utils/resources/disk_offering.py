# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Disk offerings, declared for the engine (module disk_offering).

Found by name (one listDiskOfferings call). updateDiskOffering changes the name, display text, display
flag, storage tags, the QoS rates and the domain/zone scope; size, customization, storage and
provisioning type and IOPS bounds are fixed at creation (a difference is a warning).
"""
from __future__ import annotations

from ..engine import Field, Resource

PROVISIONING_TYPES = ["thin", "sparse", "fat"]
STORAGE_TYPES = ["local", "shared"]

DISK_OFFERING = Resource(
    name="disk offering",
    list_command="listDiskOfferings",
    list_key="diskoffering",
    create_command="createDiskOffering",
    create_key="diskoffering",
    update_command="updateDiskOffering",
    update_key="diskoffering",
    delete_command="deleteDiskOffering",
    fields=(
        Field("name", identity=True, compare="exact", spec={"required": True}),
        Field("display_text", param="displaytext", create_fallback="name"),
        Field("disk_size", param="disksize", type="int", compare="loose", on_change="create_only"),
        Field("customized", field="iscustomized", type="bool", on_change="create_only"),
        Field("storage_type", param="storagetype", compare="ci", on_change="create_only", spec={"choices": STORAGE_TYPES}),
        Field("provisioning_type", param="provisioningtype", compare="ci", on_change="create_only", spec={"choices": PROVISIONING_TYPES}),
        Field("storage_tags", param="tags", type="list", compare="set", spec={"aliases": ["storage_tag"]}),
        Field("display_offering", type="bool"),
        Field("bytes_read_rate", param="bytesreadrate", field="diskBytesReadRate", type="int", compare="loose"),
        Field("bytes_write_rate", param="byteswriterate", field="diskBytesWriteRate", type="int", compare="loose"),
        Field("iops_read_rate", param="iopsreadrate", field="diskIopsReadRate", type="int", compare="loose"),
        Field("iops_write_rate", param="iopswriterate", field="diskIopsWriteRate", type="int", compare="loose"),
        Field("iops_min", param="miniops", type="int", compare="loose", on_change="create_only"),
        Field("iops_max", param="maxiops", type="int", compare="loose", on_change="create_only"),
        Field("hypervisor_snapshot_reserve", type="int", compare="loose", on_change="create_only"),
        Field("domain", param="domainid", resolve="domain", display="domain"),
        Field("zone", param="zoneid", resolve="zone", display="zone"),
    ),
    returns={
        "zone": "zone",
    },
    returns_to_int=("disksize",),
)
