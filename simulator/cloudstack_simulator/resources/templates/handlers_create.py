"""createTemplate (from a volume snapshot or a stopped VM's volume), the templates family's command: the template is
Creating while its job runs and ready ("Download Complete") when it completes."""
from ...backend import backend
from ...errors import ApiError, param_error
from ...registry import api
from ..helpers import check_access, check_limits, is_admin, owner, owner_view
from .model import add_template, template_view


@api("createTemplate")
def create_template(ctx, p):
    name, display = ctx.require("name"), ctx.require("displaytext")
    os_ = ctx.obj("ostype", "ostypeid", required=True)
    snap = backend.snapshots.get_snapshot(ctx, "snapshotid") if ctx.get("snapshotid") else None
    vol = ctx.obj("volume", "volumeid") if ctx.get("volumeid") else None
    if snap is None and vol is None:
        raise param_error("Failed to create private template record, need to either specify snapshot id or volume id")
    if snap is not None and vol is not None:
        raise param_error("Failed to create private template record, please specify only one of volume id and snapshot id")
    if snap is not None:
        if snap.get("state") != "BackedUp":
            raise param_error(f"Snapshot id={snap['id']} is not in BackedUp state yet and can't be used for template creation")
        source = ctx.store.get("volume", snap["volumeid"]) or {}
        size, zoneid = int(snap.get("virtualsize") or 0), snap["zoneid"]
    else:
        check_access(ctx, vol, "volume")
        vm = ctx.store.get("virtualmachine", vol.get("virtualmachineid")) if vol.get("virtualmachineid") else None
        if vm is not None and vm.get("state") != "Stopped":
            raise param_error(f"VolumeId: {vol['id']} please stop vm with id {vm['id']} before creating a template from its volume")
        if vol.get("state") != "Ready":
            raise param_error(f"Volume {vol['id']} is not in Ready state")
        source, size, zoneid = vol, int(vol.get("size") or 0), vol["zoneid"]
    if (ctx.bool("ispublic") or ctx.bool("isfeatured")) and not is_admin(ctx):
        allowed = str(ctx.config("allow.public.user.templates", "true")).lower() == "true"
        if ctx.bool("isfeatured") or not allowed:
            raise ApiError(531, "Only private templates can be created by a normal user")
    own = owner(ctx)
    check_limits(ctx, own, {4: 1})
    tmpl = {
        "name": name, "displaytext": display, "ispublic": ctx.bool("ispublic"), "isready": False, "passwordenabled": ctx.bool("passwordenabled"),
        "format": "RAW" if source.get("hypervisor", "Simulator") == "Simulator" else "QCOW2", "isfeatured": ctx.bool("isfeatured"),
        "crossZones": False, "ostypeid": os_["id"], "ostypename": os_.get("description"), **owner_view(own),
        "accountid": own.get("_accountid"), "_accountid": own.get("_accountid"), "status": "Creating", "size": size,
        "templatetype": "USER", "hypervisor": source.get("hypervisor", "Simulator"), "isextractable": False, "details": ctx.details("details"),
        "bits": ctx.int("bits", 0), "sshkeyenabled": ctx.bool("sshkeyenabled"), "isdynamicallyscalable": ctx.bool("isdynamicallyscalable"),
        "directdownload": False, "deployasis": False, "requireshvm": ctx.bool("requireshvm"), "tags": [], "bootable": True,
        "templatetag": ctx.get("templatetag"), "_registered": True, "_zones": [zoneid],
    }
    if snap is not None:
        tmpl["_snapshotid"] = snap["id"]
    add_template(ctx.sim, tmpl)
    tid = tmpl["id"]

    def done():
        cur = ctx.store.get("template", tid)
        if cur is None:
            raise ApiError(530, f"Template {tid} was removed while it was created")
        cur.update(isready=True, status="Download Complete", physicalsize=cur["size"])
        ctx.store.save("template", cur)
        backend.monitoring.record_event(ctx, "TEMPLATE.CREATE", f"Successfully created template {cur['name']}", cur, "Template")
        zone = ctx.store.get("zone", zoneid)
        return template_view(ctx, cur, zone)

    return ctx.later(done, "Template", tid)
