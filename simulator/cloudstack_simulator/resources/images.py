"""Registered templates and ISOs: registerTemplate, updateTemplate, deleteTemplate, copyTemplate,
registerIso, updateIso, listIsos, deleteIso, copyIso, attachIso, detachIso.

Templates are stored as templates.py keeps them (one "template" object, "_zones" for a zone-bound
one, crossZones for zoneid=-1) through templates.add_template, so listTemplates (templates.py) lists
them unchanged; "_registered" marks them, and "isready" turns true after the download delay
(download_seconds(sim): the simulator's "download_seconds" attribute if set, else twice the job
duration), run by the workload sweeper thread and by a lazy check on each call here.
ISOs are "iso" objects of the same shape (listIsos here), with the same download rule.
"""
import time
import urllib.parse

from ..backend import backend
from ..context import now
from ..errors import ApiError, invalid_id, param_error
from ..registry import api
from .helpers import check_access, check_limits, is_admin, owner, owner_view, sweeper

FORMATS = ("QCOW2", "RAW", "VHD", "VHDX", "OVA", "VMDK", "TAR", "ZIP", "BAREMETAL", "DIR", "ISO")
ISO_FILTERS = ("featured", "self", "selfexecutable", "sharedexecutable", "executable", "community", "all", "shared")
DOWNLOADED_SIZE = 2147483648  # what the mock secondary storage reports for a downloaded image (2 GiB)


def download_seconds(sim):
    value = getattr(sim, "download_seconds", None)
    if value is None:
        value = 2 * float(getattr(sim, "job_seconds", 1.0))
    return max(0.0, float(value))


def _finish_download(sim, type_, oid):
    obj = sim.store.get(type_, oid)
    if obj is None or obj.get("_removed") or obj.get("isready"):
        return
    obj.update(isready=True, status="Download Complete" if type_ == "template" else "Successfully Installed")
    size = obj.get("_download_size") or DOWNLOADED_SIZE
    obj["size"] = size
    if type_ == "template":
        obj["physicalsize"] = size
    sim.store.save(type_, obj)


def _schedule_download(ctx, type_, obj):
    delay = download_seconds(ctx.sim)
    obj["_ready_at"] = time.time() + delay
    sim, oid = ctx.sim, obj["id"]
    if delay <= 0:
        _finish_download(sim, type_, oid)
        return
    sweeper(sim).at(obj["_ready_at"], lambda: _finish_download(sim, type_, oid))


def restart_recovery(sim):
    """After a restart from saved state: the downloads still pending get their timers again."""
    for type_ in ("template", "iso"):
        for obj in sim.store.all(type_):
            if obj.get("_registered") and not obj.get("isready") and not obj.get("_removed"):
                oid = obj["id"]
                sweeper(sim).at(obj.get("_ready_at", 0), lambda type_=type_, oid=oid: _finish_download(sim, type_, oid))


def _lazy(ctx):
    """Downloads that came due (also after a restart from saved state, when no timer is left)."""
    t = time.time()
    for type_ in ("template", "iso"):
        for obj in ctx.store.all(type_):
            if obj.get("_registered") and not obj.get("isready") and obj.get("_ready_at", 0) <= t:
                _finish_download(ctx.sim, type_, obj["id"])


def _url(ctx):
    url = ctx.require("url")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise param_error(f"Unsupported scheme for url: {url}")
    if not parts.netloc:
        raise param_error(f"Please specify a valid URL. URL:{url} is invalid")
    return url


def _zones(ctx):
    """(crossZones, [zone ids]) from zoneid / zoneids (zoneid=-1: every zone)."""
    ids = ctx.list("zoneids")
    zid = ctx.get("zoneid")
    if zid and ids:
        raise param_error("Both zoneid and zoneids cannot be specified at the same time")
    if zid == "-1" or ids == ["-1"]:
        return True, []
    if zid:
        ids = [zid]
    if not ids:
        raise param_error("Either zoneid or zoneids parameter has to be specified")
    for z in ids:
        if ctx.store.get("zone", z) is None:
            raise invalid_id(ctx.command, "zoneids" if ctx.get("zoneids") else "zoneid", z)
    return False, ids


def _ostype(ctx, required=True):
    if ctx.get("ostypeid"):
        return ctx.obj("ostype", "ostypeid")
    if required:
        raise param_error("Please specify a valid guest OS type: ostypeid is required")
    return None


def _owner_fields(ctx):
    own = owner(ctx)
    fields = owner_view(own)
    fields.update(accountid=own.get("_accountid"), _accountid=own.get("_accountid"))
    return fields


def _template_views(ctx, tmpl):
    zones = backend.templates.template_zones(ctx, tmpl)
    return [backend.templates.template_view(ctx, tmpl, z) for z in zones] or [backend.templates.template_view(ctx, tmpl, None)]


def _check_public(ctx, what):
    if (ctx.bool("ispublic") or ctx.bool("isfeatured")) and not is_admin(ctx):
        allowed = str(ctx.config("allow.public.user.templates", "true")).lower() == "true"
        if ctx.bool("isfeatured") or not allowed:
            raise ApiError(531, f"Only private {what}s can be created by a normal user")


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


def get_template(ctx, name="id"):
    _lazy(ctx)
    value = ctx.require(name)
    tmpl = ctx.store.get("template", value)
    if tmpl is None or tmpl.get("_removed"):
        raise invalid_id(ctx.command, name, value)
    if not ctx.is_root_admin:
        check_access(ctx, tmpl, "template")
    return tmpl


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


def _users_of(ctx, field, image_id):
    return [vm for vm in ctx.store.all("virtualmachine") if vm.get(field) == image_id and vm.get("state") not in ("Expunging",)]


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


def _copy(ctx, type_, obj):
    if obj.get("crossZones"):
        raise param_error(f"{'Template' if type_ == 'template' else 'ISO'} {obj['id']} is cross-zone: it is already in every zone")
    dests = ctx.list("destzoneids") or ([ctx.get("destzoneid")] if ctx.get("destzoneid") else [])
    if not dests:
        raise param_error("Please specify valid destination zone(s).")
    for z in dests:
        if ctx.store.get("zone", z) is None:
            raise invalid_id(ctx.command, "destzoneids" if ctx.get("destzoneids") else "destzoneid", z)
    src = ctx.get("sourcezoneid")
    if src and src not in (obj.get("_zones") or []):
        raise param_error(f"{obj['name']} is not present in the source zone {src}")
    if src and src in dests:
        raise param_error("Please specify different source and destination zones.")
    oid = obj["id"]

    def finish():
        cur = ctx.store.get(type_, oid)
        if cur is None:
            raise ApiError(530, f"{type_} {oid} was removed while it was being copied")
        zones = cur.setdefault("_zones", [])
        for z in dests:
            if z not in zones:
                zones.append(z)
        ctx.store.save(type_, cur)
        backend.monitoring.record_event(ctx, "TEMPLATE.COPY" if type_ == "template" else "ISO.COPY", f"Successfully copied {cur['name']}", cur,
                                "Template" if type_ == "template" else "Iso")
        if type_ == "template":
            zone = ctx.store.get("zone", dests[0])
            return backend.templates.template_view(ctx, cur, zone)
        return iso_view(ctx, cur, ctx.store.get("zone", dests[0]))

    return ctx.later(finish, "Template" if type_ == "template" else "Iso", oid)


@api("copyTemplate")
def copy_template(ctx, p):
    return _copy(ctx, "template", get_template(ctx))


# ---- ISOs ---------------------------------------------------------------------------------------------
def iso_zones(ctx, iso):
    zones = sorted(ctx.store.all("zone"), key=lambda z: z.get("_seq", 0))
    if iso.get("crossZones"):
        return zones
    return [z for z in zones if z["id"] in (iso.get("_zones") or [])]


def iso_view(ctx, iso, zone):
    view = {k: v for k, v in iso.items() if k != "_zones"}
    if zone is not None:
        view.update(zoneid=zone["id"], zonename=zone.get("name"))
    if iso.get("isready"):
        view["status"] = "Successfully Installed"
    return view


def get_iso(ctx, name="id"):
    _lazy(ctx)
    value = ctx.require(name)
    iso = ctx.store.get("iso", value)
    if iso is None or iso.get("_removed"):
        raise invalid_id(ctx.command, name, value)
    if not iso.get("ispublic") and not ctx.is_root_admin:
        check_access(ctx, iso, "ISO")
    return iso


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


@api("listIsos")
def list_isos(ctx, p):
    _lazy(ctx)
    flt = (ctx.get("isofilter") or "selfexecutable").lower()
    if flt not in ISO_FILTERS:
        raise param_error(f"Please specify a valid iso filter: {ctx.get('isofilter')}")
    if flt == "all" and not is_admin(ctx):
        raise param_error("Filter all can be specified by admin only")
    isos = [i for i in ctx.store.all("iso") if not i.get("_removed") or ctx.bool("showremoved")]
    mine = lambda i: i.get("_accountid") == ctx.account["id"]  # noqa: E731
    if ctx.get("account") or ctx.get("projectid") or ctx.get("domainid"):
        keep = {i["id"] for i in ctx.scope(isos)}
        mine = lambda i: i["id"] in keep  # noqa: E731
    if flt == "featured":
        isos = [i for i in isos if i.get("ispublic") and i.get("isfeatured")]
    elif flt == "community":
        isos = [i for i in isos if i.get("ispublic") and not i.get("isfeatured")]
    elif flt in ("self", "selfexecutable"):
        isos = [i for i in isos if mine(i)]
    elif flt in ("shared", "sharedexecutable"):
        isos = [i for i in isos if ctx.account["id"] in (i.get("_permitted") or [])]
    elif flt == "executable":
        isos = [i for i in isos if mine(i) or i.get("ispublic")]
    elif not ctx.is_root_admin:
        tree = ctx.domain_tree(ctx.account["domainid"])
        isos = [i for i in isos if i.get("ispublic") or i.get("domainid") in tree]
    isos = ctx.filter_eq(isos, ["id", "name"])
    for param in ("bootable", "ispublic", "isready"):
        if ctx.get(param) is not None:
            want = ctx.bool(param)
            isos = [i for i in isos if bool(i.get(param)) == want]
    if ctx.get("hypervisor"):
        pass  # ISOs are hypervisor independent
    isos = ctx.filter_keyword(isos, ("name", "displaytext"))
    zoneid = ctx.get("zoneid")
    if zoneid and zoneid != "-1":
        ctx.obj("zone", "zoneid")
    out = []
    for iso in sorted(isos, key=lambda i: i["_seq"]):
        zones = iso_zones(ctx, iso)
        if zoneid and zoneid != "-1":
            zones = [z for z in zones if z["id"] == zoneid]
            if not zones:
                continue
        views = [iso_view(ctx, iso, z) for z in zones] or [iso_view(ctx, iso, None)]
        if flt in ("executable", "selfexecutable", "sharedexecutable"):
            views = [v for v in views if v.get("isready")]
        if ctx.bool("showunique"):
            views = views[:1]
        out.extend(views)
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
