"""The region commands (AddRegionCmd, ListRegionsCmd, UpdateRegionCmd, RemoveRegionCmd); the rules are in model.py."""
from ...registry import api
from .model import add_region, by_id, region_view, remove_region, update_region


@api("addRegion")
def add(ctx, p):
    return region_view(add_region(ctx, ctx.int("id"), ctx.require("name"), ctx.require("endpoint")))


@api("listRegions")
def list_regions(ctx, p):
    """RegionManagerImpl.listRegions: id and name (equal, without case as MySQL compares); keyword: the name contains it."""
    regions = sorted(ctx.store.all("region"), key=lambda r: r["_id"])
    if ctx.get("id") is not None:
        found = by_id(ctx, ctx.int("id"))
        regions = [found] if found else []
    if ctx.get("name"):
        regions = [r for r in regions if r["name"].lower() == ctx.get("name").lower()]
    if ctx.get("keyword"):
        regions = [r for r in regions if ctx.get("keyword").lower() in r["name"].lower()]
    return [region_view(r) for r in regions]


@api("updateRegion")
def update(ctx, p):
    return region_view(update_region(ctx, ctx.int("id"), ctx.get("name"), ctx.get("endpoint")))


@api("removeRegion")
def remove(ctx, p):
    remove_region(ctx, ctx.int("id"))
    return None
