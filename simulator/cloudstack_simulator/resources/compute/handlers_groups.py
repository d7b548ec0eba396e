"""The instance group commands (listInstanceGroups, createInstanceGroup, updateInstanceGroup, deleteInstanceGroup):
parameters in, views out; the rules (one name per account, members follow a rename or a delete) are in model.py,
where deployVirtualMachine / updateVirtualMachine's group option finds and makes groups too."""
from ...registry import api
from ..helpers import check_access, owner
from .model import create_group, delete_group, rename_group


def _group(ctx):
    grp = ctx.obj("instancegroup", "id", required=True)
    check_access(ctx, grp, "instance group")
    return grp


@api("listInstanceGroups")
def list_instance_groups(ctx, p):
    groups = ctx.scope(ctx.store.all("instancegroup"))
    groups = ctx.filter_eq(groups, ["id", "name"])
    return ctx.filter_keyword(groups)


@api("createInstanceGroup")
def create_instance_group(ctx, p):
    return create_group(ctx, ctx.require("name"), owner(ctx))


@api("updateInstanceGroup")
def update_instance_group(ctx, p):
    grp = _group(ctx)
    if ctx.get("name"):
        grp = rename_group(ctx, grp, ctx.get("name"))
    return grp


@api("deleteInstanceGroup")
def delete_instance_group(ctx, p):
    delete_group(ctx, _group(ctx))
