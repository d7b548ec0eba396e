"""extractTemplate / extractIso (async): a download URL served by the zone's secondary storage VM (images/model.py,
extract section)."""
from ...backend import backend
from ...errors import param_error
from ...registry import api
from ..helpers import check_access
from .model import extract_job, extract_mode, get_iso, get_template, iso_zones


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
    obj = get_iso(ctx) if iso else get_template(ctx)
    what = "ISO" if iso else "template"
    mode = extract_mode(ctx, case_sensitive=False)
    if not ctx.is_root_admin and not obj.get("isextractable"):
        raise param_error(f"Unable to extract {what} id={obj['id']} as it's not extractable")
    if obj.get("templatetype") == "SYSTEM":
        raise param_error(f"Unable to extract the template {obj['name']} as it is a default System template")
    check_access(ctx, obj, what)
    zones = iso_zones(ctx, obj) if iso else backend.templates.template_zones(ctx, obj)
    zone = _image_zone(ctx, obj, zones)
    ext = "iso" if iso else str(obj.get("format") or "qcow2").lower()
    return ctx.later(extract_job(ctx, obj, zone, mode, ext, "iso" if iso else "template"), "Iso" if iso else "Template", obj["id"])


@api("extractTemplate")
def extract_template(ctx, p):
    return _extract_image(ctx, iso=False)


@api("extractIso")
def extract_iso(ctx, p):
    return _extract_image(ctx, iso=True)
