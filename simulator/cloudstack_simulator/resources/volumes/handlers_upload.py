"""uploadVolume (async): a DATA volume downloaded from a URL to the zone's secondary storage
(VolumeApiServiceImpl.uploadVolume / validateVolume, 4.18).

The job answers the volume in state UploadOp (status "0% Uploaded", no pool, size 0); after the download delay
(the images family's download_seconds, run by the workload sweeper and by a lazy check on listVolumes) it is
Uploaded ("Upload Complete", the size the mock secondary storage reports). An Uploaded volume is moved to primary
storage when it is attached (model.put_on_pool: Ready); extractVolume refuses it while it has no pool, as CloudStack.
"""
import time
import urllib.parse

from ...backend import backend
from ...errors import ApiError, param_error
from ...registry import api
from ..helpers import as_bool, check_limits, owner, sweeper
from .model import _base, finish_upload

# com.cloud.storage.Storage.ImageFormat (4.18)
IMAGE_FORMATS = ("QCOW2", "RAW", "VHD", "VHDX", "OVA", "ISO", "BAREMETAL", "VMDK", "TAR", "ZIP", "DIR")


def _check_url(url, fmt):
    if "file://" in url.lower():
        raise param_error("File:// type urls are currently unsupported")
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise param_error(f"Unsupported scheme for url: {url}")
    if not parts.hostname:
        raise param_error(f"Please specify a valid URL. URL:{url} is invalid")
    if fmt.upper() not in IMAGE_FORMATS:
        raise param_error(f"Image format: {fmt} is incorrect. Supported formats are {', '.join(IMAGE_FORMATS)}")


def _disk_offering(ctx):
    if ctx.get("diskofferingid"):
        off = ctx.store.get("diskoffering", ctx.get("diskofferingid"))
        if off is None or off.get("_removed"):
            raise param_error("Please specify a valid disk offering.")
        if not as_bool(off.get("iscustomized")):
            raise param_error("Please specify a custom sized disk offering.")
        return off
    # persistVolume: without one, the volume gets the default custom offering
    return next((o for o in ctx.store.all("diskoffering") if o.get("name") == "Custom" and as_bool(o.get("iscustomized"))), None)


@api("uploadVolume")
def upload_volume(ctx, p):
    own = owner(ctx)
    zone = ctx.obj("zone", "zoneid", required=True)
    name, url, fmt = ctx.require("name"), ctx.require("url"), ctx.require("format")
    check_limits(ctx, own, {2: 1})
    if zone.get("allocationstate", "Enabled") == "Disabled" and not ctx.is_root_admin:
        raise ApiError(531, f"Cannot perform this operation, Zone is currently disabled: {zone['id']}")
    _check_url(url, fmt)
    diskoff = _disk_offering(ctx)
    vol = _base(ctx, own, zone, name, "DATADISK", 0, diskoff)
    vol.update(state="Allocated", format=fmt.upper(), isextractable=True)
    vol.pop("hypervisor", None)  # not known before it is attached (VolumeJoinDaoImpl leaves it out in UploadOp)
    ctx.store.add("volume", vol)
    backend.monitoring.record_event(ctx, "VOLUME.UPLOAD", f"Successfully uploaded volume. Volume Id: {vol['id']}", vol, "Volume")
    volid = vol["id"]

    def run():
        cur = ctx.store.get("volume", volid)
        if cur is None:
            raise ApiError(530, f"Failed to upload volume {volid}: it was removed")
        delay = backend.images.download_seconds(ctx.sim)
        cur.update(state="UploadOp", status="0% Uploaded", _ready_at=time.time() + delay)
        ctx.store.save("volume", cur)
        view = dict(cur)
        if delay <= 0:
            finish_upload(ctx.sim, volid)
        else:
            sim = ctx.sim
            sweeper(sim).at(cur["_ready_at"], lambda: finish_upload(sim, volid))
        return view

    return ctx.later(run, "Volume", volid)
