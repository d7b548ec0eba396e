# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The VM snapshot, declared for the engine (module instance_snapshot).

Found by its display name (option name) among the snapshots of instance vm (in zone, within the owner options), as
ngine_io's listVMSnapshot call. createVMSnapshot (snapshot_memory: disk and memory of a running instance),
deleteVMSnapshot and revertToVMSnapshot are async jobs. Nothing of a VM snapshot can be changed: description and
snapshot_memory apply at creation only. state=revert: resources/snapshots.py (RevertEngine). A snapshot found in
state Error (its create job failed) is deleted and taken again. tags: resource tags of type VMSnapshot.
"""
from __future__ import annotations

from ..engine import Field
from ..tags import ensure_tags
from .guest import GuestResource, owner_fields, poll_async_field, tags_field


class InstanceSnapshotResource(GuestResource):
    revert_command = "revertToVMSnapshot"
    revert_param = "vmsnapshotid"

    def create_params(self, engine):
        params = {"virtualmachineid": engine.wanted_param(self.by_option["vm"]), "name": engine.params["name"],
                  "snapshotmemory": bool(engine.params.get("snapshot_memory"))}
        if engine.params.get("description") is not None:
            params["description"] = engine.params["description"]
        return params

    def failed(self, obj):
        return obj.get("state") == "Error"

    def revert_missing(self, engine):
        return "snapshot not found, could not revert VM"  # ngine_io's message

    def revert_problem(self, obj):
        if obj.get("state") != "Ready":
            return "snapshot state is '%s', not ready, could not revert VM" % obj.get("state")  # ngine_io's message
        return None

    def revert_started(self, obj):
        return obj.get("state") == "Reverting"

    def converge(self, engine, obj):
        return ensure_tags(engine, obj, "VMSnapshot")


INSTANCE_SNAPSHOT = InstanceSnapshotResource(
    name="VM snapshot",
    list_command="listVMSnapshot",
    list_key="vmSnapshot",
    create_command="createVMSnapshot",
    create_key="vmsnapshot",
    delete_command="deleteVMSnapshot",
    async_commands=frozenset(["createVMSnapshot", "deleteVMSnapshot", "revertToVMSnapshot"]),
    id_option=None,
    id_param="vmsnapshotid",
    fields=(
        Field("name", field="displayname", identity=True, compare="ci", spec={"required": True, "aliases": ["display_name"]}),
        Field("vm", param="virtualmachineid", resolve="instance", identity=True, compare=None, lookup=True,
              resolve_scope={"zoneid": "zone", "domainid": "domain", "account": "account", "projectid": "project"},
              spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", compare=None, create=False, lookup=False, return_key="zone", spec={"required": True}),
        Field("description", compare=None),
        Field("snapshot_memory", param="snapshotmemory", type="bool", compare=None, spec={"default": False}),
        tags_field(),
    ) + owner_fields() + (poll_async_field(),),
    states={"absent": {}, "revert": {}},
    returns={"displayname": "display_name", "type": "type", "current": "current"},
)
