"""The storage commands: parameters in, views out; the state and rules are in model.py."""
import uuid

from ...backend import backend
from ...errors import param_error
from ...registry import api
from ..helpers import live, runtime_error, sorted_seq
from .model import _IMAGE_STORE_USERS, _image_store, java_name_uuid, parse_pool_url, pool_view


def _zone_wide_hypervisor(ctx):
    """A zone-wide pool needs a hypervisor that supports one."""
    if not ctx.get("hypervisor"):
        raise param_error("Missing parameter hypervisor. Hypervisor type is required to create zone wide primary storage.")
    hypervisor = backend.infra.hypervisor_name(ctx.get("hypervisor"))
    if hypervisor not in ("KVM", "VMware", "Hyperv", "LXC", "Any", "Simulator"):
        raise param_error(f"zone wide storage pool is not supported for hypervisor type {ctx.get('hypervisor')}")
    return hypervisor


def _pool_options(ctx, pool):
    """tags, capacityiops and details of a new pool."""
    tags = ctx.list("tags")
    if tags:
        pool["tags"] = ",".join(tags)
    if ctx.get("capacityiops"):
        pool["capacityiops"] = ctx.int("capacityiops")
    details = ctx.details()
    if details:
        pool["_details"] = details


@api("createStoragePool")
def create_storage_pool(ctx, p):
    zone = ctx.obj("zone", "zoneid", required=True)
    name = ctx.require("name")
    url = ctx.require("url")
    pod = ctx.obj("pod", "podid")
    cluster = ctx.obj("cluster", "clusterid")
    if cluster is not None and pod is None:
        raise param_error("Cluster id requires pod id")
    scope = (ctx.get("scope") or "cluster").upper()
    if scope not in ("CLUSTER", "ZONE", "HOST"):
        raise param_error(f"invalid scope for pool {ctx.get('scope')}")
    if zone["allocationstate"] == "Disabled" and not ctx.is_root_admin:
        raise ctx.error(531, f"Cannot perform this operation, Zone is currently disabled: {zone['id']}")
    hypervisor = None
    if scope == "CLUSTER" and cluster is None:
        raise param_error("cluster id can't be null, if scope is cluster")
    if scope == "ZONE":
        pod = cluster = None
        hypervisor = _zone_wide_hypervisor(ctx)
    if cluster is not None and (cluster["podid"] != pod["id"] or cluster["zoneid"] != zone["id"]):
        raise param_error(f"Cluster {cluster['name']} does not belong to pod {pod['name']} in zone {zone['name']}")
    ptype, host, path, capacity = parse_pool_url(url)
    if ctx.get("capacitybytes"):
        capacity = ctx.int("capacitybytes")
    pool_id = java_name_uuid(host + path) if ptype == "NetworkFilesystem" else str(uuid.uuid4())
    if ctx.store.get("storagepool", pool_id):
        raise runtime_error("Another active pool with the same uuid already exists")
    pool = {
        "id": pool_id, "name": name, "zoneid": zone["id"], "zonename": zone["name"], "ipaddress": host, "path": path,
        "created": ctx.now(), "type": ptype, "state": "Up", "scope": scope, "provider": "DefaultPrimary",
        "disksizetotal": capacity, "disksizeallocated": 0, "disksizeused": 0,
        "storagecapabilities": {"VOLUME_SNAPSHOT_QUIESCEVM": "false"}, "_capacity": capacity, "_url": url,
    }
    if pod is not None:
        pool.update(podid=pod["id"], podname=pod["name"])
    if cluster is not None:
        pool.update(clusterid=cluster["id"], clustername=cluster["name"])
    if hypervisor:
        pool["hypervisor"] = hypervisor
    _pool_options(ctx, pool)
    ctx.store.add("storagepool", pool)
    return pool_view(ctx, pool)


@api("listStoragePools")
def list_storage_pools(ctx, p):
    pools = sorted_seq(ctx.store.all("storagepool"))
    pools = ctx.filter_eq(pools, ["id", "name", "zoneid", "podid", "clusterid", "ipaddress", "path"])
    if ctx.get("scope"):
        pools = [o for o in pools if o["scope"] == ctx.get("scope").upper()]
    pools = ctx.filter_keyword(pools)
    return [pool_view(ctx, o) for o in pools]


@api("updateStoragePool")
def update_storage_pool(ctx, p):
    pool = ctx.obj("storagepool", "id", required=True)
    if p.get("tags") is not None:
        tags = ctx.list("tags")
        if tags:
            pool["tags"] = ",".join(tags)
        else:
            pool.pop("tags", None)
    if ctx.get("capacitybytes"):
        size = ctx.int("capacitybytes")
        _alloc, used = backend.infra.pool_usage(ctx.sim, pool)
        if size < used:
            raise param_error(f"Cannot reduce the capacity of storage pool {pool['name']} below its used size {used}")
        pool["_capacity"] = pool["disksizetotal"] = size
    if ctx.get("capacityiops"):
        pool["capacityiops"] = ctx.int("capacityiops")
    if ctx.get("name"):
        pool["name"] = ctx.get("name")
    if p.get("enabled"):
        if ctx.bool("enabled"):
            if pool["state"] == "Disabled":
                pool["state"] = "Up"
        else:
            if pool["state"] == "Up":
                pool["state"] = "Disabled"
            elif pool["state"] != "Disabled":
                raise param_error(f"Storage pool {pool['name']} cannot be disabled while it is in state {pool['state']}")
    ctx.store.save("storagepool", pool)
    return pool_view(ctx, pool)


@api("deleteStoragePool")
def delete_storage_pool(ctx, p):
    pool = ctx.obj("storagepool", "id", required=True)
    vols = [v for v in ctx.store.find("volume", storageid=pool["id"]) if not v.get("_removed")]
    if ctx.bool("forced"):
        if [v for v in vols if v.get("state") not in ("Destroy", "Expunged", "Expunging")]:
            raise runtime_error(f"Cannot delete pool {pool['name']} as there are associated non-destroyed vols for this pool")
    elif vols:
        raise runtime_error(f"Cannot delete pool {pool['name']} as there are associated volumes for this pool")
    ctx.store.delete("storagepool", pool["id"])
    for cfg in ctx.store.all("configuration"):
        if cfg.get("_scoped", {}).pop(f"storagepool:{pool['id']}", None) is not None:
            ctx.store.save("configuration", cfg)
    return None


@api("enableStorageMaintenance")
def enable_storage_maintenance(ctx, p):
    pool = ctx.obj("storagepool", "id", required=True)
    sim = ctx.sim

    def run():
        sp = ctx.store.get("storagepool", pool["id"])
        if sp["state"] not in ("Up", "ErrorInMaintenance", "Disabled"):
            raise param_error(f"Primary storage with id {sp['_seq']} is not ready for migration, as the status is:{sp['state']}")
        sp["state"] = "Maintenance"
        ctx.store.save("storagepool", sp)
        return pool_view(sim, sp)

    return ctx.later(run, "StoragePool", pool["id"])


@api("cancelStorageMaintenance")
def cancel_storage_maintenance(ctx, p):
    pool = ctx.obj("storagepool", "id", required=True)
    sim = ctx.sim

    def run():
        sp = ctx.store.get("storagepool", pool["id"])
        if sp["state"] not in ("Maintenance", "ErrorInMaintenance", "PrepareForMaintenance"):
            raise runtime_error(f"Primary storage with id {sp['_seq']} is not ready to complete migration, as the status is:{sp['state']}")
        sp["state"] = "Up"
        ctx.store.save("storagepool", sp)
        return pool_view(sim, sp)

    return ctx.later(run, "StoragePool", pool["id"])


@api("listStorageProviders")
def list_storage_providers(ctx, p):
    typ = ctx.require("type").lower()
    if typ == "primary":
        names = ["DefaultPrimary", "CloudByte", "Datera", "ElastistorPrimary", "Linstor", "PowerFlex", "SolidFire", "SolidFireShared", "StorPool", "sample"]
    elif typ == "image":
        names = ["NFS", "S3", "SMB", "Swift"]
    else:
        raise param_error(f"Invalid storage provider type {ctx.get('type')}: it must be primary or image")
    return [{"name": n, "type": typ.upper()} for n in names]


@api("addImageStore")
def add_image_store(ctx, p):
    zone = ctx.obj("zone", "zoneid")
    return _image_store(ctx, ctx.require("provider"), ctx.get("url"), zone, ctx.get("name"), ctx.details())


@api("addSecondaryStorage")
def add_secondary_storage(ctx, p):
    zone = ctx.obj("zone", "zoneid")
    return _image_store(ctx, "NFS", ctx.require("url"), zone, None, None)


@api("listImageStores")
def list_image_stores(ctx, p):
    stores = sorted_seq(ctx.store.all("imagestore"))
    stores = ctx.filter_eq(stores, ["id", "name", "zoneid", "protocol", "readonly"])
    if ctx.get("provider"):
        stores = [s for s in stores if s["providername"].lower() == ctx.get("provider").lower()]
    return [_image_store_view(s) for s in ctx.filter_keyword(stores)]


def _image_store_view(store):
    """ImageStoreJoinDaoImpl: disksizetotal / disksizeused from the stats the SSVM sent (StatsCollector); absent until
    then. Here every store with a size (_capacity) has been reported; _used is what it holds (0 unless a test sets it)."""
    if not store.get("_capacity"):
        return store
    return dict(store, disksizetotal=store["_capacity"], disksizeused=store.get("_used", 0))


@api("deleteImageStore")
def delete_image_store(ctx, p):
    store = ctx.obj("imagestore", "id", required=True)
    for fn in _IMAGE_STORE_USERS:
        why = fn(ctx.sim, store)
        if why:
            raise param_error(why)
    if live(ctx.sim, "snapshot", _imagestoreid=store["id"]):
        raise param_error("Cannot delete image store with active snapshots backup!")
    ctx.store.delete("imagestore", store["id"])
    return None
