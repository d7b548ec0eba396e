# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Service (compute) offerings, guest and system, declared for the engine (module service_offering).

Found by name among the guest or (is_system) the system offerings: one listServiceOfferings call with
name and issystem. updateServiceOffering changes only the name, display text, host and storage tags and
the domain/zone scope; everything else (CPU, memory, HA, QoS, ...) is fixed at creation, a difference
is reported as a warning (CloudStack has no command to change it).
Custom offerings: is_customized without cpu_number/cpu_speed/memory; constrained ones with
min/max_cpu_number and min/max_memory (stored by CloudStack in serviceofferingdetails).
"""
from __future__ import annotations

from ..engine import Field, Resource

PROVISIONING_TYPES = ["thin", "sparse", "fat"]
STORAGE_TYPES = ["local", "shared"]
SYSTEM_VM_TYPES = ["domainrouter", "consoleproxy", "secondarystoragevm"]
BOUNDS = ("mincpunumber", "maxcpunumber", "minmemory", "maxmemory")


def details_param(value):
    """service_offering_details as a list of dicts ([{pciDevice: x}] or [{key: k, value: v}]) -> one dict."""
    out = {}
    for item in value or []:
        if isinstance(item, dict) and set(item) == {"key", "value"}:
            out[str(item["key"])] = str(item["value"])
        elif isinstance(item, dict):
            out.update({str(k): str(v) for k, v in item.items()})
    return out


class ServiceOfferingResource(Resource):
    def normalize_current(self, engine, obj):
        details = obj.get("serviceofferingdetails") or {}
        for key in BOUNDS:
            if key in details:
                obj[key] = details[key]
        return obj

    def create_params(self, engine):
        params = super().create_params(engine)
        if any(params.get(k) is not None for k in BOUNDS) and params.get("customized") is None:
            params["customized"] = True  # a constrained offering is a custom one
        details = details_param(engine.params.get("service_offering_details"))
        if details:
            params["serviceofferingdetails"] = details
        return params

    def result(self, engine, obj):
        out = super().result(engine, obj)
        obj = self.normalize_current(engine, dict(obj))  # a create/update reply is not normalized yet
        for key, ret in (("mincpunumber", "min_cpu_number"), ("maxcpunumber", "max_cpu_number"), ("minmemory", "min_memory"), ("maxmemory", "max_memory")):
            if obj.get(key) is not None:
                out[ret] = int(obj[key])
        return out


def create_only(**kw):
    return Field(on_change="create_only", **kw)


SERVICE_OFFERING = ServiceOfferingResource(
    name="service offering",
    list_command="listServiceOfferings",
    list_key="serviceoffering",
    create_command="createServiceOffering",
    create_key="serviceoffering",
    update_command="updateServiceOffering",
    update_key="serviceoffering",
    delete_command="deleteServiceOffering",
    fields=(
        Field("name", identity=True, compare="exact", spec={"required": True}),
        Field("display_text", param="displaytext", create_fallback="name"),
        Field("is_system", param="issystem", type="bool", lookup=True, match=False, on_change="create_only", spec={"default": False}),
        create_only(option="system_vm_type", param="systemvmtype", compare="ci", spec={"choices": SYSTEM_VM_TYPES}),
        create_only(option="cpu_number", param="cpunumber", type="int", compare="loose"),
        create_only(option="cpu_speed", param="cpuspeed", type="int", compare="loose"),
        create_only(option="memory", type="int", compare="loose"),
        create_only(option="is_customized", param="customized", field="iscustomized", type="bool"),
        create_only(option="min_cpu_number", param="mincpunumber", type="int", compare="loose"),
        create_only(option="max_cpu_number", param="maxcpunumber", type="int", compare="loose"),
        create_only(option="min_memory", param="minmemory", type="int", compare="loose"),
        create_only(option="max_memory", param="maxmemory", type="int", compare="loose"),
        create_only(option="offer_ha", type="bool"),
        create_only(option="limit_cpu_usage", param="limitcpuuse", type="bool"),
        create_only(option="is_volatile", type="bool"),
        Field("host_tags", param="hosttags", type="list", compare="set", spec={"aliases": ["host_tag"]}),
        Field("storage_tags", param="tags", field="storagetags", update_param="storagetags", type="list", compare="set",
              spec={"aliases": ["storage_tag"]}),
        create_only(option="storage_type", param="storagetype", compare="ci", spec={"choices": STORAGE_TYPES}),
        create_only(option="provisioning_type", param="provisioningtype", compare="ci", spec={"choices": PROVISIONING_TYPES}),
        create_only(option="deployment_planner", param="deploymentplanner"),
        create_only(option="network_rate", param="networkrate", type="int", compare="loose"),
        create_only(option="disk_bytes_read_rate", param="bytesreadrate", field="diskBytesReadRate", type="int", compare="loose",
                    spec={"aliases": ["bytes_read_rate"]}),
        create_only(option="disk_bytes_write_rate", param="byteswriterate", field="diskBytesWriteRate", type="int", compare="loose",
                    spec={"aliases": ["bytes_write_rate"]}),
        create_only(option="disk_iops_read_rate", param="iopsreadrate", field="diskIopsReadRate", type="int", compare="loose"),
        create_only(option="disk_iops_write_rate", param="iopswriterate", field="diskIopsWriteRate", type="int", compare="loose"),
        create_only(option="is_iops_customized", param="customizediops", field="iscustomizediops", type="bool",
                    spec={"aliases": ["disk_iops_customized"]}),
        create_only(option="disk_iops_min", param="miniops", type="int", compare="loose"),
        create_only(option="disk_iops_max", param="maxiops", type="int", compare="loose"),
        create_only(option="hypervisor_snapshot_reserve", type="int", compare="loose"),
        Field("service_offering_details", type="list", compare=None, create=False, spec={"elements": "dict"}),
        Field("domain", param="domainid", resolve="domain", display="domain"),
        Field("zone", param="zoneid", resolve="zone", display="zone"),
    ),
    returns={
        "mincpunumber": None, "maxcpunumber": None, "minmemory": None, "maxmemory": None,
        "serviceofferingdetails": "service_offering_details",
        "zone": "zone",
    },
)
