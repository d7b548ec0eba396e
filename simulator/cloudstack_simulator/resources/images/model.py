"""Registered templates and ISOs: registerTemplate, updateTemplate, deleteTemplate, copyTemplate,
registerIso, updateIso, listIsos, deleteIso, copyIso, attachIso, detachIso; extractTemplate, extractIso
(handlers_extract.py) and the template / ISO launch permissions (model_permissions.py, handlers_permissions.py).

Templates are stored as the templates family keeps them (one "template" object, "_zones" for a zone-bound
one, crossZones for zoneid=-1) through backend.templates.add_template, so listTemplates (templates) lists
them unchanged; "_registered" marks them, and "isready" turns true after the download delay
(download_seconds(sim): the simulator's "download_seconds" attribute if set, else twice the job
duration), run by the workload sweeper thread and by a lazy check on each call here.
ISOs are "iso" objects of the same shape (listIsos here), with the same download rule.
"""

import time
import urllib.parse
import uuid

from ...backend import backend
from ...errors import ApiError, invalid_id, param_error
from ..helpers import check_access, is_admin, owner, owner_view, sweeper

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


def get_template(ctx, name="id"):
    _lazy(ctx)
    value = ctx.require(name)
    tmpl = ctx.store.get("template", value)
    if tmpl is None or tmpl.get("_removed"):
        raise invalid_id(ctx.command, name, value)
    if not ctx.is_root_admin:
        check_access(ctx, tmpl, "template")
    return tmpl


def _users_of(ctx, field, image_id):
    return [vm for vm in ctx.store.all("virtualmachine") if vm.get(field) == image_id and vm.get("state") not in ("Expunging",)]


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


# ---- extract (extractTemplate / extractIso here, extractVolume in the volumes family) ------------------------------
# extractTemplate / extractIso / extractVolume (async): a download URL served by the zone's secondary storage VM.
#
# HTTP_DOWNLOAD answers, as CloudStack's createExtractResponse / createVolumeExtractResponse do (shape of the
# real-server extractTemplate sample): id, name, accountid, state DOWNLOAD_URL_CREATED, zoneid, zonename,
# extractMode and url = http://<the SSVM's public IP>/userdata/<uuid>.<format> (made once per object and zone, answered again
# by a later extract, as CloudStack does until the URL expires). Without a Running SSVM in the
# zone the job fails as the endpoint selector does. FTP_UPLOAD takes the caller's ftp:// url; the job reports it
# UPLOADED. Templates and ISOs take the mode in any case (TemplateManagerImpl compares ignoring case); volumes only
# in capitals (VolumeApiServiceImpl uses equals), which is why ngine_io's cs_volume upper-cases it.
EXTRACT_MODES = ("HTTP_DOWNLOAD", "FTP_UPLOAD")
NO_ENDPOINT = "No remote endpoint to send command, check if host or ssvm is down?"


def extract_mode(ctx, case_sensitive):
    mode = ctx.require("mode")
    wanted = mode if case_sensitive else mode.upper()
    if wanted not in EXTRACT_MODES:
        raise param_error("Please specify a valid extract Mode ")
    if wanted == "FTP_UPLOAD":
        url = ctx.get("url")
        if not url or urllib.parse.urlparse(url).scheme.lower() != "ftp":
            raise param_error(f"Unsupported scheme for url: {url}")
    return wanted


def _download_url(ctx, store_type, oid, zone, ext):
    """The object's download URL in the zone: the one made before if there is one ("Check if the url already
    exists": TemplateManagerImpl.extract / VolumeApiServiceImpl.orchestrateExtractVolume return it again), else a
    new one on the zone's Running SSVM."""
    cur = ctx.store.get(store_type, oid) if store_type else None
    urls = dict((cur or {}).get("_extract_urls") or {})
    if urls.get(zone["id"]):
        return urls[zone["id"]]
    address = backend.systemvms.ssvm_address(ctx.sim, zone["id"])
    if address is None:
        raise ApiError(530, NO_ENDPOINT)
    link = f"http://{address}/userdata/{uuid.uuid4()}.{ext}"
    if cur is not None:
        urls[zone["id"]] = link
        cur["_extract_urls"] = urls
        ctx.store.save(store_type, cur)
    return link


def extract_job(ctx, obj, zone, mode, ext, store_type=None):
    """The extract job: the URL is made when it runs (the zone's SSVM must be Running then); store_type ("template",
    "iso", "volume"): where the URL is kept, so that a second extract answers the same one."""
    oid, owner_id = obj["id"], obj.get("_accountid") or obj.get("accountid")
    url = ctx.get("url")

    def run():
        if mode == "HTTP_DOWNLOAD":
            link, state = _download_url(ctx, store_type, oid, zone, ext), "DOWNLOAD_URL_CREATED"
        else:
            link, state = url, "UPLOADED"
        return {"id": oid, "name": obj.get("name"), "accountid": owner_id, "state": state, "zoneid": zone["id"],
                "zonename": zone.get("name"), "extractMode": mode, "url": link}

    return run
