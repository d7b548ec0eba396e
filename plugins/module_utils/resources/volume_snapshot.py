# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The volume snapshot, declared for the engine (module volume_snapshot; ngine_io.cloudstack has none).

Found by name among the snapshots of a volume: the volume by name or id (option volume), or the volume of instance
vm (volume_type, device_id), within the owner options (the lookup of volume_snapshot_policy). createSnapshot,
deleteSnapshot and revertSnapshot are async jobs; nothing of a snapshot can be changed. state=revert:
resources/snapshots.py (RevertEngine); CloudStack reverts only a BackedUp snapshot of a volume whose instance is
stopped. A volume made from a snapshot is the volume module's (option snapshot). tags: resource tags of type Snapshot.
"""
from __future__ import annotations

from ..engine import Field
from ..tags import ensure_tags
from .guest import GuestResource, owner_fields, poll_async_field, tags_field
from .volume_snapshot_policy import VolumeOfTask


class VolumeSnapshotResource(VolumeOfTask, GuestResource):
    revert_command = "revertSnapshot"
    revert_param = "id"

    def lookup_params(self, engine):
        params = super().lookup_params(engine)
        params.update(volumeid=self.volume(engine)["id"], listall=True)
        return params

    def create_params(self, engine):
        return {"volumeid": self.volume(engine)["id"], "name": engine.params["name"]}

    def failed(self, obj):
        return obj.get("state") == "Error"

    def revert_missing(self, engine):
        return "snapshot %s of volume %s not found, could not revert the volume" % (engine.params["name"], self.volume(engine).get("name"))

    def revert_problem(self, obj):
        if obj.get("state") != "BackedUp":
            return "snapshot %s is in state %s, not BackedUp: it cannot be reverted" % (obj.get("name"), obj.get("state"))
        return None

    def revert_started(self, obj):
        return False  # a volume snapshot shows no state of its own while it is reverted

    def converge(self, engine, obj):
        return ensure_tags(engine, obj, "Snapshot")


VOLUME_SNAPSHOT = VolumeSnapshotResource(
    name="volume snapshot",
    list_command="listSnapshots",
    list_key="snapshot",
    create_command="createSnapshot",
    create_key="snapshot",
    delete_command="deleteSnapshot",
    async_commands=frozenset(["createSnapshot", "deleteSnapshot", "revertSnapshot"]),
    id_option=None,
    absent_if_scope_missing=True,
    fields=(
        Field("name", identity=True, spec={"required": True}),
        Field("volume", compare=None, create=False, lookup=False),
        Field("vm", compare=None, create=False, lookup=False),
        Field("volume_type", compare=None, create=False, spec={"choices": ["DATADISK", "ROOT"]}),
        Field("device_id", type="int", compare=None, create=False),
        tags_field(),
    ) + owner_fields() + (poll_async_field(),),
    states={"absent": {}, "revert": {}},
    returns={"volumename": "volume", "volumeid": "volume_id", "volumetype": "volume_type", "snapshottype": "snapshot_type",
             "intervaltype": "interval_type", "physicalsize": "physical_size", "virtualsize": "virtual_size",
             "revertable": "revertable", "locationtype": "location_type", "osdisplayname": "os_display_name"},
)
