# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Templates and ISOs registered from a URL, declared for the engine (module template; the ISO: resources/iso.py).

- Found by name (exact) with the module's filter (template_filter / iso_filter), in the zone (or across
  zones with cross_zones: one unique entry, showunique=true), within the owner (domain/account/project).
  template_find_options (display_text, checksum, cross_zones) narrow the match as in ngine_io.cloudstack.
- Registered with registerTemplate / registerIso (zoneid=-1 for cross_zones); after that, and on every
  later run while it is still downloading, the module waits until the image is ready in its zones
  (wait_for_ready, bounded by ready_timeout or else api_async_timeout); a failed download fails the task
  with CloudStack's status text.
- updateTemplate / updateIso change display_text, os_type, format, password_enabled, ...; is_public,
  is_featured and is_extractable (the permission flags) change with updateTemplatePermissions /
  updateIsoPermissions (before_update: one call for the flags, then the update command for the rest, if any).
- A template is made from an instance with createTemplate (vm: its ROOT volume, or snapshot: a snapshot of that
  volume; TemplateResource). createTemplate has no isextractable: after_write sets the flags the create command
  ignored, in the same run.
- state=absent: deleteTemplate / deleteIso (async), in the zone, or everywhere with cross_zones.
- state=extracted: a download URL (extractTemplate / extractIso; resources/extract.py), in the zone (with cross_zones:
  the zone CloudStack picks, as ngine_io warns).
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, Resource, to_result
from ..tags import check_tags, ensure_tags
from .extract import Extractable, mode_field

FAILED_WORDS = ("fail", "error", "abandoned", "corrupt")


def owner_params(engine):
    """domain / account / project options -> list and register parameters."""
    p = engine.params
    resolver = engine.module.resolver
    out = {}
    domainid = resolver.id("domain", p["domain"], option="domain") if p.get("domain") else None
    if p.get("project"):
        out["projectid"] = resolver.id("project", p["project"], option="project", **({"domainid": domainid} if domainid else {}))
    elif p.get("account"):
        out.update(account=p["account"], domainid=domainid or resolver.id("domain", "ROOT", option="domain"))
    elif domainid:
        out["domainid"] = domainid
    return out


PERMISSION_PARAMS = ("ispublic", "isfeatured", "isextractable")


class ImageResource(Extractable, Resource):
    kind = "template"  # or "iso"
    filter_option = "template_filter"
    filter_param = "templatefilter"
    tag_type = "Template"
    permissions_command = "updateTemplatePermissions"
    extract_command = "extractTemplate"
    extract_key = "template"

    def zone_id(self, engine):
        if engine.params.get("cross_zones"):
            return None
        if not engine.params.get("zone"):
            raise CloudStackError("%s %s: set zone, or cross_zones=true" % (self.name, engine.params.get("name")))
        return engine.wanted_param(self.by_option["zone"])  # resolved once, returned as zone (as ngine_io)

    def lookup_params(self, engine):
        check_tags(engine.params)
        params = dict(owner_params(engine), name=engine.params["name"])
        params[self.filter_param] = engine.params.get(self.filter_option) or "self"
        zoneid = self.zone_id(engine)
        if zoneid:
            params["zoneid"] = zoneid
        else:
            params["showunique"] = True
        if self.kind == "iso" and engine.params.get("is_ready"):
            params["isready"] = True
        return params

    def matches(self, engine, obj):
        p = engine.params
        if obj.get("name") != p["name"]:
            return False
        find = set(p.get("template_find_options") or [])
        if self.kind == "iso" and p.get("checksum"):
            find.add("checksum")
        if "checksum" in find and obj.get("checksum") != p.get("checksum"):
            return False
        if "display_text" in find and obj.get("displaytext") != p.get("display_text"):
            return False
        if "cross_zones" in find and bool(obj.get("crossZones")) != bool(p.get("cross_zones")):
            return False
        return True

    def create_params(self, engine):
        p = engine.params
        # ngine_io's messages, in its order
        if self.kind == "iso":
            if p.get("bootable") is not False and not p.get("os_type"):  # CloudStack: a bootable ISO needs its OS type
                raise CloudStackError("OS type 'os_type' is required if 'bootable=true'.")
            if not p.get("url"):
                raise CloudStackError("URL is required.")
        if self.kind == "template" and not p.get("url") and not p.get("vm"):
            raise CloudStackError("one of the following is required on state=present: url, vm")
        missing = [o for o in ("format", "url", "hypervisor") if not p.get(o)] if self.kind == "template" else []
        if missing:
            raise CloudStackError("missing required arguments: %s" % ", ".join(missing))
        params = super().create_params(engine)
        params.update(owner_params(engine))
        params["zoneid"] = self.zone_id(engine) or -1
        if self.kind == "template":
            if not p.get("os_type") and str(p.get("hypervisor")).lower() != "vmware":
                raise CloudStackError("template %s does not exist; to register it set os_type" % p["name"])
        return params

    def address(self, engine, current):
        out = {"id": current["id"]}
        if engine.memo.get("deleting"):
            zoneid = self.zone_id(engine)  # deleted from this zone only (everywhere with cross_zones)
            if zoneid:
                out["zoneid"] = zoneid
        return out

    def before_delete(self, engine, current):
        engine.memo["deleting"] = True
        return current

    def before_update(self, engine, current, params):
        """The permission flags go with updateTemplatePermissions / updateIsoPermissions; the rest (if any) with
        the update command."""
        flags = {k: params.pop(k) for k in PERMISSION_PARAMS if k in params}
        if flags:
            self.set_flags(engine, current, flags)
        return params

    def set_flags(self, engine, obj, flags):
        def there(exc):
            found = engine.find()
            return found if found and all(bool(found.get(k)) == bool(v) for k, v in flags.items()) else None

        engine.write(lambda: engine.api(self.permissions_command, None, id=obj["id"], **flags), there)

    def after_write(self, engine, obj):
        """Flags the create command took no notice of (createTemplate has no isextractable): set in the same run."""
        if not obj or not obj.get("id"):
            return obj
        flags = {}
        for f in self.fields:
            if f.param in PERMISSION_PARAMS and engine.params.get(f.option) is not None and bool(obj.get(f.field)) != engine.params[f.option]:
                flags[f.param] = engine.params[f.option]
        if not flags:
            return obj
        self.set_flags(engine, obj, flags)
        return engine.find() or obj

    def extract_zone(self, engine, current):
        if engine.params.get("cross_zones"):
            engine.warnings.append("cross_zones parameter is ignored when state is extracted")  # ngine_io's warning
            return None
        return self.zone_id(engine)

    # ---- ready -----------------------------------------------------------------------------------------
    def views(self, engine, obj):
        params = {self.filter_param: engine.params.get(self.filter_option) or "self", "id": obj["id"]}
        params.update(owner_params(engine))
        zoneid = self.zone_id(engine)
        if zoneid:
            params["zoneid"] = zoneid
        return engine.client.list(self.list_command, key=self.list_key, **params)

    def wait_ready(self, engine, obj):
        client = engine.client
        timeout = engine.params.get("ready_timeout") or client.async_timeout
        deadline = client.clock() + timeout
        delay = client.poll_first
        views = [obj]
        while True:
            failed = [v for v in views if not v.get("isready") and any(w in str(v.get("status") or "").lower() for w in FAILED_WORDS)]
            if failed:
                raise CloudStackError("%s %s: the download failed in zone %s: %s" % (
                    self.name, obj.get("name"), failed[0].get("zonename"), failed[0].get("status")), self.create_command)
            if views and all(v.get("isready") for v in views):
                return views[0]
            if client.clock() >= deadline:
                waiting = views[0] if views else obj
                raise CloudStackError("%s %s: not ready after %s seconds (status: %s); it may still become ready (ready_timeout)" % (
                    self.name, obj.get("name"), timeout, waiting.get("status") or "unknown"), self.create_command)
            client.sleep(min(delay, max(0.0, deadline - client.clock())))
            delay = min(client.poll_max, delay * 2)
            views = self.views(engine, obj)

    def converge(self, engine, obj):
        obj = ensure_tags(engine, obj, self.tag_type)
        if obj and obj.get("id") and engine.params.get("wait_for_ready") and not engine.module.check_mode and not obj.get("isready"):
            obj = self.wait_ready(engine, obj)
        return obj

    def result(self, engine, obj):
        out = to_result(obj, self.returns, self.returns_to_int)
        for api_key, key in (("isextractable", "is_extractable"), ("isfeatured", "is_featured"), ("ispublic", "is_public")):
            if api_key in obj:
                out[key] = bool(obj[api_key])
        if engine.params.get("cross_zones"):
            out["cross_zones"] = True
            out.pop("zone", None)
        return out


def image_fields(kind):
    """The options of a template (kind "template") or an ISO ("iso")."""
    common = (
        Field("name", identity=True, compare="exact", on_change="ignore", spec={"required": True}),
        Field("display_text", param="displaytext", create_fallback="name"),
        Field("url", compare=None),
        Field("os_type", param="ostypeid", resolve="os_type", display="ostypename", compare="exact"),
        Field("checksum", compare=None),
        Field("is_public", param="ispublic", type="bool"),
        Field("is_featured", param="isfeatured", type="bool"),
        Field("is_extractable", param="isextractable", type="bool"),
        Field("is_dynamically_scalable", param="isdynamicallyscalable", type="bool"),
        Field("cross_zones", type="bool", compare=None, create=False, spec={"default": False}),
        Field("zone", param="zoneid", resolve="zone", compare=None, create=False, return_key="zone"),
        Field("domain", compare=None, create=False),
        Field("account", compare=None, create=False),
        Field("project", compare=None, create=False),
        Field("tags", type="list", compare=None, create=False, spec={"elements": "dict", "aliases": ["tag"]}),
        Field("poll_async", type="bool", compare=None, create=False, spec={"default": True}),
        Field("wait_for_ready", type="bool", compare=None, create=False, spec={"default": True}),
        Field("ready_timeout", type="int", compare=None, create=False),
        mode_field(),
    )
    if kind == "template":
        return common + (
            Field("is_routing", param="isrouting", type="bool", compare=None),
            Field("template_filter", compare=None, create=False, spec={
                "default": "self", "choices": ["all", "featured", "self", "selfexecutable", "sharedexecutable", "executable", "community"]}),
            Field("template_find_options", type="list", compare=None, create=False, spec={
                "choices": ["display_text", "checksum", "cross_zones"], "aliases": ["template_find_option"], "default": []}),
            Field("hypervisor", compare="ci", on_change="create_only"),
            Field("requires_hvm", param="requireshvm", type="bool"),
            Field("password_enabled", param="passwordenabled", type="bool", spec={"no_log": False}),
            Field("template_tag", param="templatetag", on_change="create_only"),
            Field("sshkey_enabled", param="sshkeyenabled", type="bool"),
            Field("format", compare="ci", spec={"choices": ["QCOW2", "RAW", "VHD", "OVA"]}),
            Field("details", compare=None),
            Field("bits", type="int", compare=None, spec={"default": 64, "choices": [32, 64]}),
            Field("vm", compare=None, create=False),
            Field("snapshot", compare=None, create=False),
        )
    return common + (
        Field("bootable", type="bool"),
        Field("vm", compare=None, create=False),
        Field("is_ready", type="bool", compare=None, create=False, spec={"default": False}),
        Field("iso_filter", compare=None, create=False, spec={
            "default": "self", "choices": ["featured", "self", "selfexecutable", "sharedexecutable", "executable", "community"]}),
    )


# createTemplate's parameters (4.18) among the template's create parameters
FROM_VM_PARAMS = ("name", "displaytext", "bits", "details", "isdynamicallyscalable", "isfeatured", "ispublic", "ostypeid",
                  "passwordenabled", "requireshvm", "sshkeyenabled", "templatetag", "projectid")


class TemplateResource(ImageResource):
    """Registered from url (registerTemplate), or made from an instance's ROOT volume or a snapshot of it (createTemplate
    with vm, and snapshot; the instance must be stopped for its volume), as ngine_io.cloudstack's template."""

    def from_vm(self, engine):
        return bool(engine.params.get("vm")) and not engine.params.get("url")

    def create_command_for(self, engine):
        return "createTemplate" if self.from_vm(engine) else self.create_command

    def create_params(self, engine):
        if not self.from_vm(engine):
            return super().create_params(engine)
        p = engine.params
        if not p.get("os_type"):
            raise CloudStackError("Missing required arguments: os_type")  # ngine_io's message
        params = Resource.create_params(self, engine)
        params.update(owner_params(engine))
        params = {k: v for k, v in params.items() if k in FROM_VM_PARAMS}
        root = self.root_volume(engine)
        if p.get("snapshot"):
            snaps = engine.client.list("listSnapshots", key="snapshot", volumeid=root["id"], listall=True)
            found = [s for s in snaps if p["snapshot"] in (s.get("name"), s.get("id"))]
            if not found:
                raise CloudStackError("Snapshot '%s' not found" % p["snapshot"])  # ngine_io's message
            params["snapshotid"] = found[0]["id"]
        else:
            params["volumeid"] = root["id"]
        return params

    def root_volume(self, engine):
        zoneid = self.zone_id(engine)
        vm = engine.module.resolver.get("instance", engine.params["vm"], option="vm", **({"zoneid": zoneid} if zoneid else {}))
        vols = engine.client.list("listVolumes", key="volume", virtualmachineid=vm["id"], type="ROOT", listall=True)
        if not vols:
            raise CloudStackError("Root volume for '%s' not found" % vm.get("name"))  # ngine_io's message
        return vols[0]


TEMPLATE_RETURNS = {
    "ispublic": None, "isfeatured": None, "isextractable": None,
    "checksum": "checksum", "status": "status", "isready": "is_ready",
    "templatetype": "template_type", "ostypename": "os_type", "crossZones": "cross_zones",
    "url": "url", "size": "size", "bits": "bits",
}

TEMPLATE = TemplateResource(
    name="template",
    list_command="listTemplates",
    list_key="template",
    create_command="registerTemplate",
    create_key="template",
    update_command="updateTemplate",
    update_key="template",
    delete_command="deleteTemplate",
    async_commands=frozenset(["deleteTemplate", "extractTemplate", "createTemplate"]),
    id_option=None,
    fields=image_fields("template"),
    states={"absent": {}, "extracted": {}},
    returns=TEMPLATE_RETURNS,
    info_key="templates",
)
