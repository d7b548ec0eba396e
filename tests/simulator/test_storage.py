"""Primary storage pools and image stores: scope, tags, capacity from the URL, maintenance jobs, refusals."""
import hashlib
import uuid

from sim_infra_helpers import error, job_error, job_result, pool, tree, zone


def java_name_uuid(text):
    return str(uuid.UUID(bytes=hashlib.md5(text.encode()).digest(), version=3))


def test_cluster_pool_fields(simserver):
    z, p, c = tree(simserver)
    ps = pool(simserver, c, url="nfs://10.147.28.7:/export/home/sandbox/primary0", tags="ssd,fast")
    assert ps["id"] == java_name_uuid("10.147.28.7/export/home/sandbox/primary0")  # UUID.nameUUIDFromBytes(host + path)
    assert ps["scope"] == "CLUSTER" and ps["state"] == "Up" and ps["type"] == "NetworkFilesystem" and ps["provider"] == "DefaultPrimary"
    assert ps["ipaddress"] == "10.147.28.7" and ps["path"] == "/export/home/sandbox/primary0"
    assert ps["disksizetotal"] == 1099511627776 and ps["disksizeallocated"] == 0 and ps["overprovisionfactor"] == "2.0"
    assert ps["tags"] == "ssd,fast" and ps["clusterid"] == c["id"] and ps["podid"] == p["id"] and ps["zonename"] == "z1"
    status, text = error(simserver, "createStoragePool", zoneid=z["id"], podid=p["id"], clusterid=c["id"], name="again",
                         url="nfs://10.147.28.7/export/home/sandbox/primary0")
    assert status == 530 and text == "Another active pool with the same uuid already exists"


def test_capacity_from_size_segment_and_zone_scope(simserver):
    z, p, c = tree(simserver)
    ps = pool(simserver, c, url="nfs://10.147.28.7/export/primary1/size=2199023255552")
    assert ps["disksizetotal"] == 2199023255552
    zw = simserver.ok("createStoragePool", zoneid=z["id"], name="zw", url="nfs://10.0.0.2/zw", scope="zone", hypervisor="Simulator")["storagepool"]
    assert zw["scope"] == "ZONE" and zw["hypervisor"] == "Simulator" and "clusterid" not in zw and "podid" not in zw
    status, text = error(simserver, "createStoragePool", zoneid=z["id"], name="zw2", url="nfs://10.0.0.2/zw2", scope="zone")
    assert status == 431 and text == "Missing parameter hypervisor. Hypervisor type is required to create zone wide primary storage."
    status, text = error(simserver, "createStoragePool", zoneid=z["id"], name="zw2", url="nfs://10.0.0.2/zw2", scope="zone", hypervisor="XenServer")
    assert text == "zone wide storage pool is not supported for hypervisor type XenServer"
    status, text = error(simserver, "createStoragePool", zoneid=z["id"], name="cl", url="nfs://10.0.0.2/cl")
    assert text == "cluster id can't be null, if scope is cluster"
    status, text = error(simserver, "createStoragePool", zoneid=z["id"], clusterid=c["id"], name="cl", url="nfs://10.0.0.2/cl")
    assert text == "Cluster id requires pod id"
    assert simserver.ok("listStoragePools", scope="ZONE")["storagepool"][0]["id"] == zw["id"]
    assert simserver.ok("listStoragePools", clusterid=c["id"])["storagepool"][0]["id"] == ps["id"]
    assert simserver.ok("listStoragePools", name="zw")["count"] == 1
    assert simserver.ok("listStoragePools", keyword="z")["count"] == 1
    assert simserver.ok("listStoragePools", zoneid=z["id"])["count"] == 2


def test_update_pool_tags_capacity_enabled(simserver):
    z, p, c = tree(simserver)
    ps = pool(simserver, c, tags="a")
    up = simserver.ok("updateStoragePool", id=ps["id"], tags="b,c", capacitybytes=5000000000000, enabled="false")["storagepool"]
    assert up["tags"] == "b,c" and up["disksizetotal"] == 5000000000000 and up["state"] == "Disabled"
    up = simserver.ok("updateStoragePool", id=ps["id"], enabled="true", tags="")["storagepool"]
    assert up["state"] == "Up" and "tags" not in up


def test_storage_maintenance_jobs(simserver):
    z, p, c = tree(simserver)
    ps = pool(simserver, c)
    status, body = simserver.call("enableStorageMaintenance", id=ps["id"])
    assert status == 200 and set(body) == {"prepareprimarystorageformaintenanceresponse"}
    result = job_result(simserver, body["prepareprimarystorageformaintenanceresponse"])
    assert result["storagepool"]["state"] == "Maintenance"
    code, text = job_error(simserver, simserver.ok("enableStorageMaintenance", id=ps["id"]))
    assert code == 431 and text == "Primary storage with id 1 is not ready for migration, as the status is:Maintenance"
    status, body = simserver.call("cancelStorageMaintenance", id=ps["id"])
    assert set(body) == {"cancelprimarystoragemaintenanceresponse"}
    job = simserver.wait(body["cancelprimarystoragemaintenanceresponse"])
    assert job["jobresult"]["storagepool"]["state"] == "Up" and job["jobinstanceid"] == ps["id"]
    code, text = job_error(simserver, simserver.ok("cancelStorageMaintenance", id=ps["id"]))
    assert text == "Primary storage with id 1 is not ready to complete migration, as the status is:Up"


def test_delete_pool_refused_with_volumes(simserver):
    z, p, c = tree(simserver)
    ps = pool(simserver, c)
    # a volume of a later issue on the pool (the store type "volume" with storageid)
    with simserver.sim.lock:
        simserver.sim.store.add("volume", {"name": "ROOT-1", "storageid": ps["id"], "state": "Ready", "zoneid": z["id"]})
    status, text = error(simserver, "deleteStoragePool", id=ps["id"])
    assert status == 530 and text == "Cannot delete pool ps1 as there are associated volumes for this pool"
    status, text = error(simserver, "deleteStoragePool", id=ps["id"], forced="true")
    assert text == "Cannot delete pool ps1 as there are associated non-destroyed vols for this pool"
    status, text = error(simserver, "deleteZone", id=z["id"])
    assert status == 530 and text.startswith("The zone is not deletable because")


def test_image_store_add_list_delete(simserver):
    z = zone(simserver)
    st = simserver.ok("addImageStore", provider="NFS", url="nfs://10.0.0.5/export/secondary", zoneid=z["id"])["imagestore"]
    assert st["name"] == "nfs://10.0.0.5/export/secondary" and st["protocol"] == "nfs" and st["providername"] == "NFS"
    assert st["scope"] == "ZONE" and st["readonly"] is False and st["zonename"] == "z1"
    again = simserver.ok("addImageStore", provider="NFS", url="nfs://10.0.0.5/export/secondary", zoneid=z["id"])["imagestore"]
    assert again["id"] == st["id"]  # ImageStoreHelper returns the store of the same name
    sec = simserver.ok("addSecondaryStorage", url="nfs://10.0.0.6/sec", zoneid=z["id"])
    assert set(sec) == {"secondarystorage"} and sec["secondarystorage"]["providername"] == "NFS"
    named = simserver.ok("addImageStore", provider="nfs", name="named", url="nfs://10.0.0.7/x", zoneid=z["id"])["imagestore"]
    assert named["name"] == "named"
    assert simserver.ok("listImageStores")["count"] == 3
    assert simserver.ok("listImageStores", name="named")["imagestore"][0]["id"] == named["id"]
    assert simserver.ok("listImageStores", zoneid=z["id"], provider="NFS", protocol="nfs")["count"] == 3
    status, text = error(simserver, "addImageStore", provider="Ceph", url="nfs://10.0.0.5/x", zoneid=z["id"])
    assert status == 431 and text == "can't find image store provider: Ceph"
    status, text = error(simserver, "addImageStore", provider="NFS", url="http://10.0.0.5/x", zoneid=z["id"])
    assert status == 431 and "nfs://" in text
    assert simserver.ok("deleteImageStore", id=named["id"]) == {"success": True}
    assert simserver.ok("listImageStores")["count"] == 2


def test_image_store_user_hook_refuses_delete(simserver):
    from cloudstack_simulator.resources.storage import model as storage

    z = zone(simserver)
    st = simserver.ok("addImageStore", provider="NFS", url="nfs://10.0.0.5/export/secondary", zoneid=z["id"])["imagestore"]

    def templates_on(sim, store):
        return "Cannot delete image store with active templates backup!" if store["id"] == st["id"] else None

    storage.register_image_store_user(templates_on)
    try:
        status, text = error(simserver, "deleteImageStore", id=st["id"])
        assert status == 431 and text == "Cannot delete image store with active templates backup!"
    finally:
        storage._IMAGE_STORE_USERS.remove(templates_on)


def test_storage_providers(simserver):
    primary = simserver.ok("listStorageProviders", type="primary")["dataStoreProvider"]
    assert {"name": "DefaultPrimary", "type": "PRIMARY"} in primary
    image = [p["name"] for p in simserver.ok("listStorageProviders", type="image")["dataStoreProvider"]]
    assert image == ["NFS", "S3", "SMB", "Swift"]
    status, text = error(simserver, "listStorageProviders", type="tape")
    assert status == 431 and "tape" in text
