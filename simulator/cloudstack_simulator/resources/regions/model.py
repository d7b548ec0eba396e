"""Regions (RegionManagerImpl of CloudStack 4.18): a fresh cloud has region 1 "Local"
(create-schema.sql: ``INSERT INTO region values ('1','Local','http://localhost:8080/client/')``, with
gslb_service_enabled 1 and portableip_service_enabled 0 from the 4.2 upgrade). A region is addressed by its
integer id, which the caller chooses; names are unique (MySQL compares them without case)."""
from ...errors import param_error
from ...registry import seed

LOCAL = {"id": 1, "name": "Local", "endpoint": "http://localhost:8080/client/"}


@seed(12)
def seed_regions(sim):
    sim.store.add("region", {"id": "1", "_id": 1, "name": LOCAL["name"], "endpoint": LOCAL["endpoint"],
                             "gslbserviceenabled": True, "portableipserviceenabled": False})


def by_id(ctx, region_id):
    return ctx.store.get("region", str(region_id))


def by_name(ctx, name):
    return next((r for r in ctx.store.all("region") if r["name"].lower() == name.lower()), None)


def add_region(ctx, region_id, name, endpoint):
    if by_id(ctx, region_id) is not None:
        raise param_error(f"Region with id: {region_id} already exists")
    if by_name(ctx, name) is not None:
        raise param_error(f"Region with name: {name} already exists")
    return ctx.store.add("region", {"id": str(region_id), "_id": region_id, "name": name, "endpoint": endpoint,
                                    "gslbserviceenabled": True, "portableipserviceenabled": False})


def update_region(ctx, region_id, name, endpoint):
    region = by_id(ctx, region_id)
    if region is None:
        raise param_error(f"Region with id: {region_id} doesn't exist")
    if name is not None:
        other = by_name(ctx, name)
        if other is not None and other["id"] != region["id"]:
            raise param_error(f"Region with name: {name} already exists")
        region["name"] = name
    if endpoint is not None:
        region["endpoint"] = endpoint
    return ctx.store.save("region", region)


def remove_region(ctx, region_id):
    region = by_id(ctx, region_id)
    if region is None:
        raise param_error(f"Failed to delete Region: {region_id}, Region not found")
    ctx.store.delete("region", region["id"])


def region_view(region):
    """RegionResponse: the id is the integer the caller chose."""
    return {"id": region["_id"], "name": region["name"], "endpoint": region["endpoint"],
            "gslbserviceenabled": region["gslbserviceenabled"], "portableipserviceenabled": region["portableipserviceenabled"]}
