"""extractVolume (async): a download URL for a detached volume or a stopped VM's, served by the zone's secondary
storage VM (the images family's extract_mode / extract_job: one rule for templates, ISOs and volumes)."""
from ...backend import backend
from ...errors import ApiError, param_error
from ...registry import api
from ..helpers import check_access

VOLUME_FORMATS = {"XenServer": "vhd", "VMware": "ova", "Hyperv": "vhdx"}


@api("extractVolume")
def extract_volume(ctx, p):
    vol = ctx.obj("volume", "id", required=True)
    check_access(ctx, vol, "volume")
    zone = ctx.obj("zone", "zoneid", required=True)
    mode = backend.images.extract_mode(ctx, case_sensitive=True)
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
    return ctx.later(backend.images.extract_job(ctx, vol, zone, mode, ext, "volume"), "Volume", vol["id"])
