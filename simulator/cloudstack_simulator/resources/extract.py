"""extractTemplate / extractIso / extractVolume (async): a download URL served by the zone's secondary storage VM.

HTTP_DOWNLOAD answers, as CloudStack's createExtractResponse / createVolumeExtractResponse do (shape of the
real-server extractTemplate sample): id, name, accountid, state DOWNLOAD_URL_CREATED, zoneid, zonename,
extractMode and url = http://<the SSVM's public IP>/userdata/<new uuid>.<format>. Without a Running SSVM in the
zone the job fails as the endpoint selector does. FTP_UPLOAD takes the caller's ftp:// url; the job reports it
UPLOADED. Templates and ISOs take the mode in any case (TemplateManagerImpl compares ignoring case); volumes only
in capitals (VolumeApiServiceImpl uses equals), which is why ngine_io's cs_volume upper-cases it.
"""
import urllib.parse
import uuid

from ..errors import ApiError, param_error
from ..registry import api
from . import images, systemvms, templates
from .workload import check_access

MODES = ("HTTP_DOWNLOAD", "FTP_UPLOAD")
NO_ENDPOINT = "No remote endpoint to send command, check if host or ssvm is down?"
VOLUME_FORMATS = {"XenServer": "vhd", "VMware": "ova", "Hyperv": "vhdx"}


def _mode(ctx, case_sensitive):
    mode = ctx.require("mode")
    wanted = mode if case_sensitive else mode.upper()
    if wanted not in MODES:
        raise param_error("Please specify a valid extract Mode ")
    if wanted == "FTP_UPLOAD":
        url = ctx.get("url")
        if not url or urllib.parse.urlparse(url).scheme.lower() != "ftp":
            raise param_error(f"Unsupported scheme for url: {url}")
    return wanted


def _ssvm_address(sim, zoneid):
    systemvms.settle_all(sim, systemvms.TABLE)
    for vm in sim.store.find(systemvms.TABLE, zoneid=zoneid):
        if vm.get("systemvmtype") == "secondarystoragevm" and vm.get("state") == "Running":
            return vm.get("publicip") or vm.get("privateip")
    return None


def _response(ctx, obj, zone, mode, ext):
    """The job: the URL is made when it runs (the SSVM must be up then)."""
    oid, owner_id = obj["id"], obj.get("_accountid") or obj.get("accountid")
    url = ctx.get("url")

    def run():
        if mode == "HTTP_DOWNLOAD":
            address = _ssvm_address(ctx.sim, zone["id"])
            if address is None:
                raise ApiError(530, NO_ENDPOINT)
            link, state = f"http://{address}/userdata/{uuid.uuid4()}.{ext}", "DOWNLOAD_URL_CREATED"
        else:
            link, state = url, "UPLOADED"
        return {"id": oid, "name": obj.get("name"), "accountid": owner_id, "state": state, "zoneid": zone["id"],
                "zonename": zone.get("name"), "extractMode": mode, "url": link}

    return run


def _image_zone(ctx, obj, zones):
    if ctx.get("zoneid"):
        zone = ctx.obj("zone", "zoneid")
        if zone["id"] not in {z["id"] for z in zones}:
            raise param_error(f"The {'ISO' if obj.get('format') == 'ISO' else 'template'} {obj['id']} is not available in zone {zone['name']}")
        return zone
    if not zones:
        raise param_error(f"The {'ISO' if obj.get('format') == 'ISO' else 'template'} has not been downloaded ")
    return zones[0]


def _extract_image(ctx, iso):
    obj = images.get_iso(ctx) if iso else images.get_template(ctx)
    what = "ISO" if iso else "template"
    mode = _mode(ctx, case_sensitive=False)
    if not ctx.is_root_admin and not obj.get("isextractable"):
        raise param_error(f"Unable to extract {what} id={obj['id']} as it's not extractable")
    if obj.get("templatetype") == "SYSTEM":
        raise param_error(f"Unable to extract the template {obj['name']} as it is a default System template")
    check_access(ctx, obj, what)
    zones = images.iso_zones(ctx, obj) if iso else templates.template_zones(ctx, obj)
    zone = _image_zone(ctx, obj, zones)
    ext = "iso" if iso else str(obj.get("format") or "qcow2").lower()
    return ctx.later(_response(ctx, obj, zone, mode, ext), "Iso" if iso else "Template", obj["id"])


@api("extractTemplate")
def extract_template(ctx, p):
    return _extract_image(ctx, iso=False)


@api("extractIso")
def extract_iso(ctx, p):
    return _extract_image(ctx, iso=True)


@api("extractVolume")
def extract_volume(ctx, p):
    vol = ctx.obj("volume", "id", required=True)
    check_access(ctx, vol, "volume")
    zone = ctx.obj("zone", "zoneid", required=True)
    mode = _mode(ctx, case_sensitive=True)
    if vol.get("type") != "DATADISK" and vol.get("templateid"):
        tmpl = ctx.store.get("template", vol["templateid"]) or {}
        if not (tmpl.get("isextractable") and tmpl.get("templatetype") != "SYSTEM") and not ctx.is_root_admin:
            raise ApiError(531, f"The volume:{vol['id']} is not allowed to be extracted")
    if vol["zoneid"] != zone["id"]:
        raise param_error("Please specify a valid zone.")
    if not vol.get("storageid"):
        raise param_error("The volume doesn't belong to a storage pool so can't extract it")
    vm = ctx.store.get("virtualmachine", vol.get("virtualmachineid")) if vol.get("virtualmachineid") else None
    if vm is not None and vm.get("state") != "Stopped":
        raise ApiError(531, "Invalid state of the volume with specified ID. It should be either detached or the VM should be in stopped state.")
    ext = VOLUME_FORMATS.get(vol.get("hypervisor"), "qcow2")
    return ctx.later(_response(ctx, vol, zone, mode, ext), "Volume", vol["id"])
