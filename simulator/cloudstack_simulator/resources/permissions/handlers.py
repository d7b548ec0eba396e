"""The role permission commands (CreateRolePermissionCmd, ListRolePermissionsCmd, UpdateRolePermissionCmd,
DeleteRolePermissionCmd): parameters in, views out; the rules are in model.py."""
from ...errors import SERVER_API_CODE, ApiError, invalid_id
from ...registry import api
from .model import check_permission, create_rule, delete_rule, reorder, rules_of, set_permission, view


@api("createRolePermission")
def create_role_permission(ctx, p):
    role = ctx.obj("role", "roleid", required=True)
    permission = check_permission(ctx.require("permission"))
    perm = create_rule(ctx, role, ctx.require("rule"), permission, ctx.get("description"))
    return view(ctx, perm)


@api("listRolePermissions")
def list_role_permissions(ctx, p):
    role = ctx.obj("role", "roleid")
    if role is not None:
        perms = rules_of(ctx, role["id"])
    else:
        perms = sorted(ctx.store.all("rolepermission"), key=lambda r: (r["_seq"]))
    return [view(ctx, perm) for perm in perms]


@api("updateRolePermission")
def update_role_permission(ctx, p):
    """UpdateRolePermissionCmd.execute: either a new order of all the role's rules, or one rule's permission."""
    role = ctx.obj("role", "roleid", required=True)
    order, ruleid, permission = ctx.list("ruleorder"), ctx.get("ruleid"), check_permission(ctx.get("permission"))
    if order:
        if ruleid or permission:
            raise ApiError(431, "Parameters permission and ruleid must be mutually exclusive with ruleorder", SERVER_API_CODE)
        perms = []
        for pid in order:  # a uuid list parameter: ParamProcessWorker translates each uuid
            perm = ctx.store.get("rolepermission", pid)
            if perm is None:
                raise invalid_id(ctx.command, "ruleorder", pid)
            perms.append(perm)
        reorder(ctx, role, perms)
        return None
    if ruleid and permission:
        perm = ctx.obj("rolepermission", "ruleid")
        set_permission(ctx, role, perm, permission)
        return None
    raise ApiError(530, "Failed to update role permission")


@api("deleteRolePermission")
def delete_role_permission(ctx, p):
    perm = ctx.obj("rolepermission", "id", required=True)
    delete_rule(ctx, perm)
    return None
