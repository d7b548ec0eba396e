"""Launch permissions of templates and ISOs: updateTemplatePermissions / updateIsoPermissions and
listTemplatePermissions / listIsoPermissions (TemplateManagerImpl.updateTemplateOrIsoPermissions).

A template or ISO keeps the accounts it is shared with in "_permitted" (account ids; listTemplates
templatefilter=shared / sharedexecutable and listIsos read it) and the projects in "_permitted_projects".
listTemplatePermissions answers one "templatepermission" object (ApiResponseHelper.createTemplatePermissionsResponse),
for ISOs too: id, ispublic, domainid (the owner's, for an admin caller), account (names), projectids.
"""
from ...backend import backend
from ...errors import ApiError, param_error
from ..helpers import is_admin
from .model import get_iso, get_template


def _media(ctx, iso):
    return get_iso(ctx) if iso else get_template(ctx)


def _owner_domain(ctx, obj):
    owner = ctx.store.get("account", obj.get("_accountid") or obj.get("accountid"))
    return (owner or {}).get("domainid") or obj.get("domainid")


def _check_update(ctx, obj, media, accounts, projectids, op):
    """updateTemplateOrIsoPermissions' refusals, in its order."""
    if accounts and projectids:
        raise param_error("Accounts and projectIds can't be specified together")
    if obj.get("templatetype") == "SYSTEM":
        raise param_error(f"unable to update permissions for {media} with id {obj['id']}")
    admin = is_admin(ctx)
    allow_public = str(ctx.config("allow.public.user.templates", "true", "account", obj.get("_accountid"))).lower() == "true"
    if not admin and not allow_public and ctx.bool("ispublic"):
        raise param_error(f"Only private {media}s can be created.")
    if (accounts or projectids) and op not in ("add", "remove", "reset"):
        raise param_error("Invalid operation on accounts, the operation must be either 'add' or 'remove' in order to modify launch "
                          f"permissions.  Given operation is: '{ctx.get('op')}'")
    if (obj.get("_accountid") or obj.get("accountid")) != ctx.account["id"] and not admin:
        raise param_error(f"Unable to grant permission to account {ctx.account['name']} as it is neither admin nor owner or the template")
    if ctx.get("isextractable") is not None and media == "template" and not ctx.is_root_admin:
        raise param_error("Only ROOT admins are allowed to modify isExtractable attribute.")
    if op in ("add", "remove") and not (accounts or projectids):
        raise param_error(f"Operation {ctx.get('op')} requires accounts or projectIds to be passed")


def _accounts(ctx, obj, names, op):
    """The ids of the named accounts of the owner's domain (updateTemplatePermissions is not cross-domain)."""
    domainid = _owner_domain(ctx, obj)
    ids = []
    for name in names:
        acc = next((a for a in ctx.store.find("account", domainid=domainid)
                    if a["name"].lower() == name.lower() and not a.get("_removed")), None)
        if acc is None and op == "add":
            domain = ctx.store.get("domain", domainid) or {}
            raise param_error(f"Unable to grant a launch permission to account {name} in domain id={domain.get('id')}, account not found.  "
                              "No permissions updated, please verify the account names and retry.")
        if acc is not None:
            ids.append(acc["id"])
    return ids


def update_permissions(ctx, iso):
    media = "iso" if iso else "template"
    obj = _media(ctx, iso)
    accounts, projectids = ctx.list("accounts"), ctx.list("projectids")
    op = (ctx.get("op") or "").lower()
    _check_update(ctx, obj, media, accounts, projectids, op)
    targets = _accounts(ctx, obj, accounts, op)
    projects = [ctx.obj("project", "projectids", value=pid)["id"] for pid in projectids]
    for flag in ("ispublic", "isfeatured", "isextractable"):
        if ctx.get(flag) is not None:
            obj[flag] = ctx.bool(flag)
    owner_id = obj.get("_accountid") or obj.get("accountid")
    permitted, permitted_projects = list(obj.get("_permitted") or []), list(obj.get("_permitted_projects") or [])
    if op == "add":
        permitted += [t for t in targets if t not in permitted and t != owner_id]  # the owner has it implicitly
        permitted_projects += [p for p in projects if p not in permitted_projects]
    elif op == "remove":
        permitted = [t for t in permitted if t not in targets]
        permitted_projects = [p for p in permitted_projects if p not in projects]
    elif op == "reset":
        obj.update(ispublic=False, isfeatured=False)
        permitted, permitted_projects = [], []
    obj["_permitted"], obj["_permitted_projects"] = permitted, permitted_projects
    ctx.store.save("iso" if iso else "template", obj)
    backend.monitoring.record_event(ctx, "TEMPLATE.UPDATE" if not iso else "ISO.UPDATE",
                            f"Successfully updated {media} permissions {obj['name']}", obj, "Iso" if iso else "Template")
    return None


def list_permissions(ctx, iso):
    obj = _media(ctx, iso)
    if not is_admin(ctx) and (obj.get("_accountid") or obj.get("accountid")) != ctx.account["id"]:
        raise ApiError(531, f"Account {ctx.account['name']} does not have permission to list the permissions of {obj['id']}")
    names = []
    if not obj.get("ispublic"):
        for aid in obj.get("_permitted") or []:
            acc = ctx.store.get("account", aid)
            if acc is not None and not acc.get("_removed"):
                names.append(acc["name"])
    view = {"id": obj["id"], "ispublic": bool(obj.get("ispublic"))}
    if is_admin(ctx):
        view["domainid"] = _owner_domain(ctx, obj)
    if names:
        view["account"] = names
    projects = [p for p in obj.get("_permitted_projects") or [] if ctx.store.get("project", p)]
    if projects and not obj.get("ispublic"):
        view["projectids"] = projects
    return view
