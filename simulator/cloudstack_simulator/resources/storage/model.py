"""Primary storage pools and image (secondary) stores.

Objects are stored in the shape of listStoragePools / listImageStores. Internal fields: pool["_capacity"]
and imagestore["_capacity"] (bytes), pool["_seq"] (the numeric id CloudStack's texts name).

Primary storage capacity is 1 TiB, as the simulator agent answers ModifyStoragePool, unless the last path
segment of the URL is "size=<bytes>". NFS pool ids are UUID.nameUUIDFromBytes(host + path) as in
CloudStack, so the same export cannot be added twice. Volume usage comes from infra.pool_usage (hooks of
later issues); image store users (templates, snapshots of later issues) from register_image_store_user.
"""

import hashlib
import urllib.parse
import uuid

from ...backend import backend
from ...errors import param_error

TIB = 1099511627776
POOL_TYPES = {"nfs": "NetworkFilesystem", "iscsi": "IscsiLUN", "file": "Filesystem", "rbd": "RBD", "presetup": "PreSetup",
              "sharedmountpoint": "SharedMountPoint", "clvm": "CLVM", "gluster": "Gluster", "vmfs": "VMFS", "cifs": "SMB",
              "smb": "SMB", "datastorecluster": "DatastoreCluster", "powerflex": "PowerFlex"}
IMAGE_PROVIDERS = {"nfs": "NFS", "s3": "S3", "swift": "Swift", "smb": "SMB"}
_IMAGE_STORE_USERS = []


def register_image_store_user(fn):
    """fn(sim, store) -> a refusal text (e.g. "Cannot delete image store with active templates backup!") or None."""
    _IMAGE_STORE_USERS.append(fn)
    return fn


def java_name_uuid(text):
    """java.util.UUID.nameUUIDFromBytes: an MD5-based (version 3) UUID without a namespace."""
    return str(uuid.UUID(bytes=hashlib.md5(text.encode()).digest(), version=3))


def parse_pool_url(url):
    parsed = urllib.parse.urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme not in POOL_TYPES:
        raise param_error(f"Unable to parse the storage url {url}: unsupported protocol {parsed.scheme or '(none)'}")
    host = (parsed.netloc.split("@")[-1]).split(":")[0]
    path = urllib.parse.unquote(parsed.path) or "/"
    if scheme == "nfs" and (not host or path == "/"):
        raise param_error(f"host or path is null, should be nfs://hostname/path: {url}")
    capacity = TIB
    last = path.rstrip("/").split("/")[-1]
    if last.startswith("size="):
        try:
            capacity = int(last[len("size="):])
        except ValueError:
            raise param_error(f"Invalid size in storage url {url}: size=<bytes> expects a whole number") from None
    if scheme in ("rbd", "clvm"):
        path = path.replace("/", "", 1)  # CloudStackPrimaryDataStoreLifeCycleImpl: hostPath.replaceFirst("/", "")
    return POOL_TYPES[scheme], host or "localhost", path, capacity


def pool_view(ctx_or_sim, pool):
    sim = getattr(ctx_or_sim, "sim", ctx_or_sim)
    view = dict(pool)
    alloc, used = backend.infra.pool_usage(sim, pool)
    view["disksizeallocated"] = alloc
    view["disksizeused"] = used
    if pool["type"] in ("NetworkFilesystem", "VMFS"):
        # Double.toString(StorageOverprovisioningFactor.valueIn(pool)): "2.0"
        view["overprovisionfactor"] = str(backend.infra.factor(sim, "storage.overprovisioning.factor", "storagepool", pool["id"], "2.0"))
    return view


# ---- image stores ------------------------------------------------------------------------------------------
def _image_store(ctx, provider, url, zone, name, details):
    prov = IMAGE_PROVIDERS.get((provider or "").lower())
    if prov is None:
        raise param_error(f"can't find image store provider: {provider}")
    protocol = None
    if url:
        parsed = urllib.parse.urlparse(url)
        protocol = parsed.scheme.lower()
        if prov == "NFS" and (protocol != "nfs" or not parsed.netloc or not parsed.path.strip("/")):
            raise param_error(f"Please specify a valid NFS url, nfs://<server>/<path>: {url}")
    elif prov in ("NFS", "SMB"):
        raise param_error(f"url is required for a {prov} image store")
    if prov in ("NFS", "SMB") and zone is None:
        raise param_error(f"zoneid is required for a {prov} image store")
    name = name or url or f"{prov}-store"
    existing = ctx.store.first("imagestore", name=name)
    if existing is not None:
        return existing
    store = {"name": name, "providername": prov, "scope": "ZONE" if zone else "REGION", "readonly": False, "_capacity": TIB}
    if url:
        store["url"] = url
    if protocol:
        store["protocol"] = protocol
    if zone:
        store.update(zoneid=zone["id"], zonename=zone["name"])
    if details:
        store["_details"] = details
    ctx.store.add("imagestore", store)
    return store
