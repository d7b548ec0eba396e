"""updateTemplatePermissions / updateIsoPermissions, listTemplatePermissions / listIsoPermissions: the rules are in
model_permissions.py."""
from ...registry import api
from .model_permissions import list_permissions, update_permissions


@api("updateTemplatePermissions")
def update_template_permissions(ctx, p):
    return update_permissions(ctx, iso=False)


@api("updateIsoPermissions")
def update_iso_permissions(ctx, p):
    return update_permissions(ctx, iso=True)


@api("listTemplatePermissions")
def list_template_permissions(ctx, p):
    return list_permissions(ctx, iso=False)


@api("listIsoPermissions")
def list_iso_permissions(ctx, p):
    return list_permissions(ctx, iso=True)
