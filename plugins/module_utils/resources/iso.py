# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ISO, declared for the engine (module iso): registered, found, updated, extracted and deleted as a template is
(resources/template.py ImageResource), plus what only an ISO does, as ngine_io.cloudstack 3.3.0's iso:

- state attached: the ISO (registered first if it does not exist, waited for until ready) is attached to vm
  (attachIso, async); already attached to it: no change. Another ISO in the instance's drive: CloudStack refuses
  ("An ISO is already attached to the VM, please detach the current ISO"), as with ngine_io.
- state detached: detached from vm (detachIso, async) when it is the one in the instance's drive; an ISO that does
  not exist is not registered (no change), as ngine_io.
- Both return vm (the instance's name); the diff shows vm before and after.
"""
from __future__ import annotations

from .extract import ExtractEngine
from .template import ImageResource, image_fields

VM_STATES = ("attached", "detached")


class IsoResource(ImageResource):
    kind = "iso"
    filter_option = "iso_filter"
    filter_param = "isofilter"
    tag_type = "ISO"
    permissions_command = "updateIsoPermissions"
    extract_command = "extractIso"
    extract_key = "iso"

    def vm_of(self, engine):
        if "vm" not in engine.memo:
            engine.memo["vm"] = engine.module.resolver.get("instance", engine.params["vm"], option="vm")
        return engine.memo["vm"]

    def converge(self, engine, obj):
        obj = super().converge(engine, obj)
        state = engine.params.get("state")
        if state not in VM_STATES:
            return obj
        vm = self.vm_of(engine)
        if obj is None:
            return obj  # check mode, to be registered: nothing to attach yet (diff.after has the ISO)
        holds = vm.get("isoid") == obj["id"]
        if holds == (state == "attached"):
            return obj
        name = vm.get("name")
        engine.differences.add("vm", name if holds else None, name if state == "attached" else None)
        if engine.module.check_mode:
            return obj
        vmid = vm["id"]

        def send():
            if state == "attached":
                return engine.api("attachIso", "virtualmachine", id=obj["id"], virtualmachineid=vmid)
            return engine.api("detachIso", "virtualmachine", virtualmachineid=vmid)

        def there(exc):
            now = engine.module.resolver.get("instance", vmid, option="vm")
            return now if (now.get("isoid") == obj["id"]) == (state == "attached") else None

        engine.write(send, there)
        return obj

    def result(self, engine, obj):
        out = super().result(engine, obj)
        if engine.params.get("state") in VM_STATES and engine.memo.get("vm"):
            out["vm"] = engine.memo["vm"].get("name")
        return out


class IsoEngine(ExtractEngine):
    """state detached of an ISO that does not exist: no change (nothing is registered), as ngine_io."""

    def run(self):
        if self.params.get("state") == "detached":
            current = self.find()
            if current is None:
                return self.finish(None)
            return self.run_update(current, "detached")
        return super().run()


ISO = IsoResource(
    name="iso",
    list_command="listIsos",
    list_key="iso",
    create_command="registerIso",
    create_key="iso",
    update_command="updateIso",
    update_key="iso",
    delete_command="deleteIso",
    async_commands=frozenset(["deleteIso", "extractIso", "attachIso", "detachIso"]),
    id_option=None,
    fields=image_fields("iso"),
    states={"absent": {}, "attached": {}, "detached": {}, "extracted": {}},  # ngine_io 3.3.0's order of choices
    returns={"ispublic": None, "isfeatured": None, "isextractable": None,
             "checksum": "checksum", "status": "status", "isready": "is_ready", "crossZones": "cross_zones",
             "format": "format", "ostypename": "os_type", "url": "url", "size": "size"},
    info_key="isos",
)
