# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The volume, declared for the engine (module volume).

- Found by name in its zone (within its owner). Created from a disk offering (size in GB for a custom
  offering, min/max IOPS for custom IOPS) or from a snapshot; createVolume is an async job.
- size, disk_offering, min_iops and max_iops change with resizeVolume (async); a smaller size needs
  shrink_ok (checked before anything is sent).
- state attached: attached to vm (device_id if given; attached elsewhere: detached there first, as
  ngine_io.cloudstack does); state detached: detached. state absent: an attached volume is detached first
  only with force (as ngine_io.cloudstack), else the task fails naming the instance.
- tags: resource tags (createTags/deleteTags).
- state extracted: a download URL of the volume (extractVolume; resources/extract.py). state uploaded: a volume not
  found is made from url (uploadVolume with format, checksum, the disk offering if given: it must be a custom one);
  CloudStack downloads it to secondary storage (state UploadOp, then Uploaded; attaching it moves it to primary
  storage). A volume that exists is converged as with state present.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field
from ..tags import ensure_tags
from .extract import Extractable, mode_field
from .guest import GuestResource, owner_fields, poll_async_field, tags_field
from .portforward import VM_REQUIRED

GIB = 1024 ** 3
ATTACHED = "Volume '%s' is attached, use force=true for detaching and removing the volume."  # ngine_io's message


UPLOAD_PARAMS = ("name", "zoneid", "diskofferingid", "account", "domainid", "projectid", "url", "format", "checksum")


class VolumeResource(Extractable, GuestResource):
    extract_command = "extractVolume"
    extract_key = "volume"

    def create_command_for(self, engine):
        return "uploadVolume" if engine.params.get("state") == "uploaded" else self.create_command

    def lookup_params(self, engine):
        if engine.params.get("state") == "attached" and not engine.params.get("vm"):
            raise CloudStackError(VM_REQUIRED)  # before anything is created or changed
        return super().lookup_params(engine)

    def normalize_current(self, engine, obj):
        if obj and engine.params.get("state") == "absent" and obj.get("virtualmachineid") and not engine.params.get("force"):
            # found attached: fail before anything is changed (in check mode too)
            raise CloudStackError(ATTACHED % obj.get("name"))
        if obj and obj.get("size") is not None:
            size = int(obj["size"])
            obj["_size_gb"] = size // GIB if size % GIB == 0 else size / GIB
        return obj

    def create_params(self, engine):
        params = super().create_params(engine)
        if engine.params.get("state") == "uploaded":
            # uploadVolume: the size comes from the file; the url, its format and checksum
            params.update({k: engine.params.get(k) for k in ("url", "format", "checksum") if engine.params.get(k)})
            return {k: v for k, v in params.items() if k in UPLOAD_PARAMS}
        snapshot = engine.params.get("snapshot")
        if snapshot:
            snaps = [s for s in engine.client.list("listSnapshots", key="snapshot", listall=True, **(
                {"id": snapshot} if _is_uuid(snapshot) else {"name": snapshot})) if s.get("id") == snapshot or s.get("name") == snapshot]
            if len(snaps) != 1:
                why = "not found (option snapshot)" if not snaps else "%d snapshots of that name; use the id" % len(snaps)
                raise CloudStackError("snapshot %r: %s" % (snapshot, why))
            params["snapshotid"] = snaps[0]["id"]
        elif not params.get("diskofferingid"):
            raise CloudStackError("Required one of: disk_offering,snapshot")  # ngine_io's message
        return params

    def before_update(self, engine, current, params):
        size = params.get("size")
        if size is not None and current.get("_size_gb") is not None and float(size) < float(current["_size_gb"]):
            if not engine.params.get("shrink_ok"):
                raise CloudStackError("volume %s: size %s GB is smaller than its %s GB; set shrink_ok to shrink it" % (
                    current.get("name"), size, current["_size_gb"]))
            params["shrinkok"] = True
        return params

    def before_delete(self, engine, current):
        if current.get("virtualmachineid"):
            if not engine.params.get("force"):
                raise CloudStackError(ATTACHED % current.get("name"))
            engine.api("detachVolume", "volume", id=current["id"])
        return current

    def vm_of(self, engine):
        vm = engine.params.get("vm")
        if not vm:
            return None
        zone = engine.wanted_param(self.by_option["zone"])
        return engine.module.resolver.get("instance", vm, option="vm", zoneid=zone)

    def converge(self, engine, obj):
        obj = ensure_tags(engine, obj, "Volume", refresh=lambda o: self.refresh(engine, o))
        state = engine.params.get("state")
        if state == "attached":
            vm = self.vm_of(engine)
            if vm is None:
                raise CloudStackError("volume %s: state=attached needs the option vm" % engine.params.get("name"))
            device = engine.params.get("device_id")
            if obj is not None and obj.get("virtualmachineid") == vm["id"] and (device is None or str(obj.get("deviceid")) == str(device)):
                return obj
            engine.differences.add("vm", obj.get("vmname") if obj else None, vm.get("name"))
            if device is not None:
                engine.differences.add("device_id", obj.get("deviceid") if obj else None, device)
            if engine.module.check_mode or obj is None:
                return obj  # check mode: the volume as it is (diff.after has the vm)
            if obj.get("virtualmachineid"):
                engine.api("detachVolume", "volume", id=obj["id"])
            params = {"id": obj["id"], "virtualmachineid": vm["id"]}
            if device is not None:
                params["deviceid"] = device
            return self.normalize_current(engine, engine.api("attachVolume", "volume", **params)) or self.refresh(engine, obj)
        if state == "detached" and obj is not None and obj.get("virtualmachineid"):
            engine.differences.add("vm", obj.get("vmname"), None)
            if engine.module.check_mode:
                return obj  # the volume as it is (diff.after has vm: None)
            return self.normalize_current(engine, engine.api("detachVolume", "volume", id=obj["id"])) or self.refresh(engine, obj)
        return obj

    def refresh(self, engine, obj):
        found = engine.client.list("listVolumes", key="volume", id=obj["id"])
        return self.normalize_current(engine, found[0]) if found else None

    def result(self, engine, obj):
        obj = self.normalize_current(engine, dict(obj))
        out = super().result(engine, obj)
        if obj.get("_size_gb") is not None:
            out["size_gb"] = obj["_size_gb"]
        return out


def _is_uuid(value):
    from ..resolve import is_uuid

    return is_uuid(value)


VOLUME = VolumeResource(
    name="volume",
    list_command="listVolumes",
    list_key="volume",
    create_command="createVolume",
    create_key="volume",
    update_command="resizeVolume",
    update_key="volume",
    delete_command="deleteVolume",
    async_commands=frozenset(["createVolume", "resizeVolume", "attachVolume", "detachVolume", "extractVolume", "uploadVolume"]),
    id_option=None,
    fields=(
        Field("name", identity=True, spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", identity=True, compare=None, return_key="zone", spec={"required": True}),
        Field("disk_offering", param="diskofferingid", resolve="disk_offering", display="diskofferingname"),
        Field("size", field="_size_gb", type="int", compare="loose"),
        Field("min_iops", param="miniops", type="int", compare="loose"),
        Field("max_iops", param="maxiops", type="int", compare="loose"),
        Field("custom_id", param="customid", compare=None),
        Field("display_volume", param="displayvolume", type="bool", compare="loose", on_change="create_only"),
        Field("snapshot", compare=None, create=False),
        Field("vm", compare=None, create=False),
        Field("device_id", type="int", compare=None, create=False),
        Field("shrink_ok", type="bool", compare=None, create=False, spec={"default": False}),
        Field("force", type="bool", compare=None, create=False, spec={"default": False}),
        Field("url", compare=None, create=False),
        Field("format", compare=None, create=False, spec={"choices": ["QCOW2", "RAW", "VHD", "VHDX", "OVA"]}),
        Field("checksum", compare=None, create=False),
        mode_field(),
        tags_field(),
    ) + owner_fields() + (poll_async_field(),),
    states={"absent": {}, "attached": {}, "detached": {}, "extracted": {}, "uploaded": {}},  # ngine_io's order of choices
    returns={
        "_size_gb": None,
        "attached": "attached",
        "deviceid": "device_id",
        "vmname": "vm",
        "type": "type",
        "size": "size",
        "url": "url",
        "group": "group",
        "diskofferingname": "disk_offering",
        "storage": "storage",
        "provisioningtype": "provisioning_type",
        "status": "status",
        "format": "format",
    },
)
