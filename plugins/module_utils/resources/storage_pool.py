# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The primary storage pool, declared for the engine (module storage_pool).

allocation_state is compared with the pool's state (Up = enabled, Disabled, Maintenance and its
transitions = maintenance): enabled/disabled go through updateStoragePool enabled=true/false,
maintenance through enableStorageMaintenance, leaving it through cancelStorageMaintenance (both async).
state=absent puts the pool into maintenance first (as the CloudStack UI and ngine_io.cloudstack do).
The URL, scope, hypervisor, provider and managed flag are only used at creation.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, Resource, to_result
from .health import POOL_METRICS_RETURNS, metrics_command, metrics_returns

MAINTENANCE_STATES = ("Maintenance", "PrepareForMaintenance", "ErrorInMaintenance", "CancelMaintenance")
POOL_STATES = {"Up": "enabled", "Disabled": "disabled"}


def allocation_state(pool_state):
    if pool_state is None:
        return None
    if pool_state in MAINTENANCE_STATES:
        return "maintenance"
    return POOL_STATES.get(pool_state, str(pool_state).lower())


class StoragePoolResource(Resource):
    def lookup_params(self, engine):
        """An unknown provider fails before anything else, with ngine_io's message (one listStorageProviders call)."""
        provider = engine.params.get("provider")
        if provider is not None and (engine.params.get("state") or "present") != "absent":
            providers = engine.client.list("listStorageProviders", key="dataStoreProvider", type="primary")
            if not any(str(p.get("name", "")).lower() == provider.lower() for p in providers):
                raise CloudStackError("Storage provider %s not found" % provider)
        return super().lookup_params(engine)

    def normalize_current(self, engine, obj):
        if obj:
            obj["_allocation_state"] = allocation_state(obj.get("state"))
        return obj

    def create_params(self, engine):
        params = super().create_params(engine)
        params.pop("allocationstate", None)
        if not params.get("scope"):
            params["scope"] = "cluster" if params.get("clusterid") else "zone"
        return params

    def after_write(self, engine, obj):
        obj = self.normalize_current(engine, obj)
        wanted = engine.params.get("allocation_state")
        if obj and wanted and obj.get("_allocation_state") != wanted:
            obj = engine.update(obj, {"allocationstate": wanted})
        return obj

    def before_update(self, engine, current, params):
        wanted = params.pop("allocationstate", None)
        if wanted is None:
            return params
        state = current.get("state")
        if wanted == "maintenance":
            if state not in MAINTENANCE_STATES:
                engine.api("enableStorageMaintenance", "storagepool", id=current["id"])
            return params
        if state in MAINTENANCE_STATES:
            engine.api("cancelStorageMaintenance", "storagepool", id=current["id"])
            state = "Up"
        if POOL_STATES.get(state) != wanted:
            params["enabled"] = wanted == "enabled"
        return params

    def before_delete(self, engine, current):
        if current.get("state") not in MAINTENANCE_STATES:
            engine.api("enableStorageMaintenance", "storagepool", id=current["id"])
        return current

    def info_command(self, engine):
        return metrics_command(engine, self, "listStoragePoolsMetrics")

    def result(self, engine, obj):
        out = to_result(obj, self.returns, self.returns_to_int)
        if obj.get("type") is not None:
            out["storage_url"] = "%s://%s/%s" % (obj.get("type"), obj.get("ipaddress"), obj.get("path"))
        if obj.get("scope"):
            out["scope"] = str(obj["scope"]).lower()
        tags = obj.get("tags")
        if tags:
            out["tags"] = tags  # also as CloudStack returns them (comma separated), as ngine_io does
        out["storage_tags"] = [t.strip() for t in tags.split(",") if t.strip()] if isinstance(tags, str) else list(tags or [])
        out["allocation_state"] = obj.get("_allocation_state") or allocation_state(obj.get("state"))
        out.update(metrics_returns(engine, obj, POOL_METRICS_RETURNS))
        return out


STORAGE_POOL = StoragePoolResource(
    name="storage pool",
    absent_if_scope_missing=True,  # parent missing: absent is no change; check mode reports a create (a warning)
    list_command="listStoragePools",
    list_key="storagepool",
    create_command="createStoragePool",
    create_key="storagepool",
    update_command="updateStoragePool",
    update_key="storagepool",
    delete_command="deleteStoragePool",
    async_commands=frozenset(["enableStorageMaintenance", "cancelStorageMaintenance"]),
    id_option=None,
    fields=(
        Field("name", identity=True, compare="ci", on_change="ignore", spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", identity=True, compare=None, return_key="zone", spec={"required": True}),
        Field("pod", param="podid", resolve="pod", resolve_scope={"zoneid": "zone"}, lookup=True, compare=None),
        Field("cluster", param="clusterid", resolve="cluster", resolve_scope={"zoneid": "zone", "podid": "pod"}, lookup=True, compare=None),
        Field("storage_url", param="url", compare=None, required_on_create=True),
        Field("scope", compare="ci", on_change="create_only", spec={"choices": ["zone", "cluster"]}),
        Field("managed", type="bool", compare=None),
        Field("hypervisor", compare=None),
        Field("storage_tags", param="tags", type="list", compare="set", spec={"aliases": ["storage_tag"]}),
        Field("provider", compare="ci", on_change="create_only", spec={"default": "DefaultPrimary"}),
        Field("capacity_bytes", param="capacitybytes", field="disksizetotal", type="int"),
        Field("capacity_iops", param="capacityiops", type="int"),
        Field("allocation_state", param="allocationstate", field="_allocation_state", compare="ci", create=False,
              spec={"choices": ["enabled", "disabled", "maintenance"]}),
    ),
    returns={
        "_allocation_state": None, "tags": None,
        "podname": "pod",
        "clustername": "cluster",
        "disksizeallocated": "disk_size_allocated",
        "disksizetotal": "disk_size_total",
        "disksizeused": "disk_size_used",
        "hypervisor": "hypervisor",
        "type": "type",
        "ipaddress": "ip_address",
        "path": "path",
        "overprovisionfactor": "overprovision_factor",
        "storagecapabilities": "storage_capabilities",
        "suitableformigration": "suitable_for_migration",
    },
)
