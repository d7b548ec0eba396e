"""The images commands: parameters in, views out; the state and rules are in model.py."""
from ...backend import backend
from ...context import now
from ...errors import ApiError, param_error
from ...registry import api
from ..helpers import check_access, check_limits, is_admin, owner
from .model import (
    FORMATS,
    ISO_FILTERS,
    _check_public,
    _copy,
    _lazy,
    _ostype,
    _owner_fields,
    _schedule_download,
    _template_views,
    _url,
    _users_of,
    _zones,
    get_iso,
    get_template,
    iso_view,
    iso_zones,
)


# ---- templates ----------------------------------------------------------------------------------------
@api("registerTemplate")
def register_template(ctx, p):
    _lazy(ctx)
    name = ctx.require("name")
    fmt = ctx.require("format").upper()
    if fmt not in FORMATS or fmt == "ISO":
        raise param_error(f"Image format: {ctx.get('format')} is incorrect. Supported formats are {', '.join(f for f in FORMATS if f != 'ISO')}")
    hyp = backend.infra.hypervisor_name(ctx.require("hypervisor"))
    if hyp is None or hyp in ("Any", "None"):
        raise param_error(f"Hypervisor Type: {ctx.get('hypervisor')} is invalid. ")
    url = _url(ctx)
    cross, zone_ids = _zones(ctx)
    os_ = _ostype(ctx, required=hyp != "VMware")
    _check_public(ctx, "template")
    check_limits(ctx, owner(ctx), {4: 1})
    tmpl = {
        "name": name, "displaytext": ctx.get("displaytext") or name, "ispublic": ctx.bool("ispublic"), "isready": False,
        "passwordenabled": ctx.bool("passwordenabled"), "format": fmt, "isfeatured": ctx.bool("isfeatured"), "crossZones": cross,
        "ostypeid": os_["id"] if os_ else None, "ostypename": os_.get("description") if os_ else None, **_owner_fields(ctx),
        "status": "0% Downloaded", "size": 0, "physicalsize": 0, "templatetype": "USER", "hypervisor": hyp,
        "isextractable": ctx.bool("isextractable"), "details": ctx.details("details"), "bits": ctx.int("bits", 64),
        "sshkeyenabled": ctx.bool("sshkeyenabled"), "isdynamicallyscalable": ctx.bool("isdynamicallyscalable"),
        "directdownload": ctx.bool("directdownload"), "deployasis": ctx.bool("deployasis"), "requireshvm": ctx.bool("requireshvm", True),
        "url": url, "checksum": ctx.get("checksum"), "templatetag": ctx.get("templatetag"), "bootable": True, "tags": [],
        "_registered": True,
    }
    if ctx.bool("isrouting") and ctx.is_root_admin:
        tmpl["templatetype"] = "ROUTING"
    if not cross:
        tmpl["_zones"] = zone_ids
    backend.templates.add_template(ctx.sim, tmpl)
    _schedule_download(ctx, "template", tmpl)
    backend.monitoring.record_event(ctx, "TEMPLATE.CREATE", f"Successfully registered template {name}. Template Id: {tmpl['id']}", tmpl, "Template")
    return _template_views(ctx, tmpl)


@api("updateTemplate")
def update_template(ctx, p):
    tmpl = get_template(ctx)
    if tmpl.get("templatetype") == "SYSTEM" and not ctx.is_root_admin:
        raise ApiError(531, "Only the root admin can update a system template")
    if ctx.get("format"):
        fmt = ctx.get("format").upper()
        if fmt not in FORMATS or fmt == "ISO":
            raise param_error(f"Image format: {ctx.get('format')} is incorrect.")
        tmpl["format"] = fmt
    if ctx.get("ostypeid"):
        os_ = ctx.obj("ostype", "ostypeid")
        tmpl.update(ostypeid=os_["id"], ostypename=os_.get("description"))
    for name in ("name", "displaytext"):
        if ctx.get(name) is not None:
            tmpl[name] = ctx.get(name)
    for name in ("passwordenabled", "bootable", "isdynamicallyscalable", "requireshvm", "sshkeyenabled"):
        if ctx.get(name) is not None:
            tmpl[name] = ctx.bool(name)
    if ctx.get("templatetype"):
        if not ctx.is_root_admin:
            raise ApiError(531, "Only the root admin can change the template type")
        tt = ctx.get("templatetype").upper()
        if tt not in ("USER", "ROUTING", "SYSTEM", "BUILTIN", "PERHOST"):
            raise param_error(f"Please specify a valid templatetype: {ctx.get('templatetype')}")
        tmpl["templatetype"] = tt
    if ctx.get("sortkey") is not None:
        tmpl["_sortkey"] = ctx.int("sortkey")
    det = ctx.details("details")
    if ctx.bool("cleanupdetails"):
        tmpl["details"] = {}
    elif det:
        tmpl["details"] = {**(tmpl.get("details") or {}), **det}
    ctx.store.save("template", tmpl)
    backend.monitoring.record_event(ctx, "TEMPLATE.UPDATE", f"Successfully updated template {tmpl['name']}", tmpl, "Template")
    return _template_views(ctx, tmpl)[0]


@api("deleteTemplate")
def delete_template(ctx, p):
    tmpl = get_template(ctx)
    if tmpl.get("templatetype") == "SYSTEM":
        raise param_error(f"Unable to delete template {tmpl['name']}: it is a system template")
    zid = ctx.get("zoneid")
    if zid:
        ctx.obj("zone", "zoneid")
        if tmpl.get("crossZones"):
            zid = None  # a cross-zone template is deleted everywhere
        elif zid not in (tmpl.get("_zones") or []):
            raise param_error(f"Template {tmpl['id']} is not present in zone {zid}")
    users = _users_of(ctx, "templateid", tmpl["id"])
    if zid:
        users = [vm for vm in users if vm.get("zoneid") == zid]
    if users and not ctx.bool("forced"):
        names = ", ".join(v["instancename"] for v in users)
        raise param_error(f"Unable to delete template with id: {tmpl['id']} because VM instances: [{names}] are using it.")
    tid = tmpl["id"]

    def finish():
        cur = ctx.store.get("template", tid)
        if cur is None:
            return None
        if zid and len(cur.get("_zones") or []) > 1:
            cur["_zones"] = [z for z in cur["_zones"] if z != zid]
        else:
            cur["_removed"] = True
            cur["removed"] = now()
        ctx.store.save("template", cur)
        backend.monitoring.record_event(ctx, "TEMPLATE.DELETE", f"Successfully deleted template {cur['name']}", cur, "Template")
        return None

    return ctx.later(finish, "Template", tid)


@api("copyTemplate")
def copy_template(ctx, p):
    return _copy(ctx, "template", get_template(ctx))


@api("registerIso")
def register_iso(ctx, p):
    _lazy(ctx)
    name = ctx.require("name")
    url = _url(ctx)
    cross, zone_ids = _zones(ctx)
    os_ = _ostype(ctx, required=False)
    if ctx.bool("bootable", True) and os_ is None:
        raise param_error("Please pass a valid GuestOS Id")
    _check_public(ctx, "ISO")
    iso = {
        "name": name, "displaytext": ctx.get("displaytext") or name, "ispublic": ctx.bool("ispublic"), "created": now(), "isready": False,
        "passwordenabled": ctx.bool("passwordenabled"), "bootable": ctx.bool("bootable", True), "isfeatured": ctx.bool("isfeatured"),
        "crossZones": cross, "ostypeid": os_["id"] if os_ else None, "ostypename": os_.get("description") if os_ else None,
        **_owner_fields(ctx), "status": "0% Downloaded", "size": 0, "isextractable": ctx.bool("isextractable"), "bits": 64,
        "isdynamicallyscalable": ctx.bool("isdynamicallyscalable"), "directdownload": ctx.bool("directdownload"), "url": url,
        "checksum": ctx.get("checksum"), "tags": [], "_registered": True,
    }
    if not cross:
        iso["_zones"] = zone_ids
    ctx.store.add("iso", iso)
    _schedule_download(ctx, "iso", iso)
    backend.monitoring.record_event(ctx, "ISO.CREATE", f"Successfully registered ISO {name}. ISO Id: {iso['id']}", iso, "Iso")
    zones = iso_zones(ctx, iso)
    return [iso_view(ctx, iso, z) for z in zones] or [iso_view(ctx, iso, None)]


@api("updateIso")
def update_iso(ctx, p):
    iso = get_iso(ctx)
    check_access(ctx, iso, "ISO")
    if ctx.get("ostypeid"):
        os_ = ctx.obj("ostype", "ostypeid")
        iso.update(ostypeid=os_["id"], ostypename=os_.get("description"))
    for name in ("name", "displaytext"):
        if ctx.get(name) is not None:
            iso[name] = ctx.get(name)
    for name in ("bootable", "passwordenabled", "isdynamicallyscalable"):
        if ctx.get(name) is not None:
            iso[name] = ctx.bool(name)
    ctx.store.save("iso", iso)
    backend.monitoring.record_event(ctx, "ISO.UPDATE", f"Successfully updated ISO {iso['name']}", iso, "Iso")
    zones = iso_zones(ctx, iso)
    return iso_view(ctx, iso, zones[0] if zones else None)


def _iso_filter(ctx, flt, isos):
    """isofilter: featured, community, self, shared, executable or all (the owner parameters narrow "self")."""
    mine = lambda i: i.get("_accountid") == ctx.account["id"]  # noqa: E731
    if ctx.get("account") or ctx.get("projectid") or ctx.get("domainid"):
        keep = {i["id"] for i in ctx.scope(isos)}
        mine = lambda i: i["id"] in keep  # noqa: E731
    if flt == "featured":
        return [i for i in isos if i.get("ispublic") and i.get("isfeatured")]
    if flt == "community":
        return [i for i in isos if i.get("ispublic") and not i.get("isfeatured")]
    if flt in ("self", "selfexecutable"):
        return [i for i in isos if mine(i)]
    if flt in ("shared", "sharedexecutable"):
        return [i for i in isos if ctx.account["id"] in (i.get("_permitted") or [])]
    if flt == "executable":
        return [i for i in isos if mine(i) or i.get("ispublic")]
    if not ctx.is_root_admin:
        tree = ctx.domain_tree(ctx.account["domainid"])
        return [i for i in isos if i.get("ispublic") or i.get("domainid") in tree]
    return isos


def _iso_zone_views(ctx, iso, zoneid, flt):
    """An ISO once per zone it is in (zoneid: that zone only; showunique: one row; executable filters: ready ones)."""
    zones = iso_zones(ctx, iso)
    if zoneid and zoneid != "-1":
        zones = [z for z in zones if z["id"] == zoneid]
        if not zones:
            return []
    views = [iso_view(ctx, iso, z) for z in zones] or [iso_view(ctx, iso, None)]
    if flt in ("executable", "selfexecutable", "sharedexecutable"):
        views = [v for v in views if v.get("isready")]
    if ctx.bool("showunique"):
        views = views[:1]
    return views


@api("listIsos")
def list_isos(ctx, p):
    _lazy(ctx)
    flt = (ctx.get("isofilter") or "selfexecutable").lower()
    if flt not in ISO_FILTERS:
        raise param_error(f"Please specify a valid iso filter: {ctx.get('isofilter')}")
    if flt == "all" and not is_admin(ctx):
        raise param_error("Filter all can be specified by admin only")
    isos = [i for i in ctx.store.all("iso") if not i.get("_removed") or ctx.bool("showremoved")]
    isos = _iso_filter(ctx, flt, isos)
    isos = ctx.filter_eq(isos, ["id", "name"])
    for param in ("bootable", "ispublic"):
        if ctx.get(param) is not None:
            want = ctx.bool(param)
            isos = [i for i in isos if bool(i.get(param)) == want]
    if ctx.bool("isready"):
        # ListIsosCmd.listInReadyState: isready=true lists only ready ISOs; false adds no filter (ngine_io sends it)
        isos = [i for i in isos if i.get("isready")]
    if ctx.get("hypervisor"):
        pass  # ISOs are hypervisor independent
    isos = ctx.filter_keyword(isos, ("name", "displaytext"))
    zoneid = ctx.get("zoneid")
    if zoneid and zoneid != "-1":
        ctx.obj("zone", "zoneid")
    out = []
    for iso in sorted(isos, key=lambda i: i["_seq"]):
        out.extend(_iso_zone_views(ctx, iso, zoneid, flt))
    return out


@api("deleteIso")
def delete_iso(ctx, p):
    iso = get_iso(ctx)
    check_access(ctx, iso, "ISO")
    users = [vm for vm in ctx.store.all("virtualmachine") if vm.get("isoid") == iso["id"] and vm.get("state") not in ("Expunging",)]
    if users:
        raise param_error(f"Unable to delete iso with id: {iso['id']} because VM instances: [{', '.join(v['instancename'] for v in users)}] are using it.")
    zid = ctx.get("zoneid")
    if zid:
        ctx.obj("zone", "zoneid")
    iid = iso["id"]

    def finish():
        cur = ctx.store.get("iso", iid)
        if cur is None:
            return None
        if zid and not cur.get("crossZones") and len(cur.get("_zones") or []) > 1:
            cur["_zones"] = [z for z in cur["_zones"] if z != zid]
        else:
            cur["_removed"] = True
            cur["removed"] = now()
        ctx.store.save("iso", cur)
        backend.monitoring.record_event(ctx, "ISO.DELETE", f"Successfully deleted ISO {cur['name']}", cur, "Iso")
        return None

    return ctx.later(finish, "Iso", iid)


@api("copyIso")
def copy_iso(ctx, p):
    iso = get_iso(ctx)
    return _copy(ctx, "iso", iso)


@api("attachIso")
def attach_iso(ctx, p):
    iso = get_iso(ctx)
    vm = backend.compute.get_vm(ctx, "virtualmachineid")
    if vm["state"] not in ("Running", "Stopped"):
        raise param_error(f"Unable to attach ISO to VM {vm['name']}: it must be Running or Stopped (state {vm['state']})")
    if not iso.get("isready"):
        raise param_error(f"ISO {iso['name']} is not ready to be attached (status: {iso.get('status')})")
    if not (iso.get("crossZones") or vm["zoneid"] in (iso.get("_zones") or [])):
        raise param_error(f"ISO {iso['name']} is not available in the zone of VM {vm['name']}")
    if vm.get("isoid") and vm["isoid"] != vm.get("templateid"):
        raise param_error("An ISO is already attached to the VM, please detach the current ISO")
    vmid = vm["id"]

    def finish():
        cur = ctx.store.get("virtualmachine", vmid)
        if cur is None:
            raise ApiError(530, f"VM {vmid} was removed")
        cur.update(isoid=iso["id"], isoname=iso["name"], isodisplaytext=iso.get("displaytext"))
        backend.compute.touch(ctx, cur)
        backend.monitoring.record_event(ctx, "ISO.ATTACH", f"Successfully attached ISO {iso['name']} to VM {cur['name']}", cur, "VirtualMachine")
        return cur

    return ctx.later(finish, "VirtualMachine", vmid)


@api("detachIso")
def detach_iso(ctx, p):
    vm = backend.compute.get_vm(ctx, "virtualmachineid")
    if not vm.get("isoid"):
        raise param_error(f"No ISO is attached to VM {vm['name']}")
    vmid = vm["id"]

    def finish():
        cur = ctx.store.get("virtualmachine", vmid)
        if cur is None:
            raise ApiError(530, f"VM {vmid} was removed")
        name = cur.get("isoname")
        for f in ("isoid", "isoname", "isodisplaytext"):
            cur.pop(f, None)
        backend.compute.touch(ctx, cur)
        backend.monitoring.record_event(ctx, "ISO.DETACH", f"Successfully detached ISO {name} from VM {cur['name']}", cur, "VirtualMachine")
        return cur

    return ctx.later(finish, "VirtualMachine", vmid)
