"""The userdata family: registered user data (4.18 UserDataVO) and what deploy/update of a VM take from it.

Other families reach this module as ``backend.userdata``: compute's deployVirtualMachine/updateVirtualMachine call
``validate`` (the base64 check, one place) and ``for_vm`` (userdata / userdataid / userdatadetails and the template's
linked user data with its override policy, as UserVmManagerImpl.finalizeUserData). Texts from CloudStack's
UserDataRegistryServiceImpl / UserVmManagerImpl / TemplateManagerImpl.
"""
import base64
import binascii

from ...backend import backend
from ...errors import ApiError, param_error
from ..helpers import check_access, live

TABLE = "userdata"
MAX_BYTES = 32768  # validateUserData: an http GET's limit (the simulator does not tell GET from POST)
POLICIES = ("ALLOWOVERRIDE", "APPEND", "DENYOVERRIDE")


def validate(b64):
    """CloudStack's validateUserData: base64, at most MAX_BYTES decoded."""
    try:
        raw = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError):
        raise param_error("User data is not base64 encoded") from None
    if len(raw) > MAX_BYTES:
        raise param_error("User data is too long for an http GET request")
    return b64


def get(ctx, param="id"):
    """The user data a uuid parameter names (431 when it names none), if the caller may use it (531)."""
    obj = ctx.obj(TABLE, param, required=True)
    check_access(ctx, obj, "userdata")
    return obj


def find(ctx):
    """listUserData: the caller's scope (account/domainid/projectid/listall as every account-owned list), id, name, keyword."""
    objs = ctx.scope([o for o in ctx.store.all(TABLE) if not o.get("_removed")])
    objs = ctx.filter_keyword(ctx.filter_eq(objs, ("id", "name"), ci_fields=()))
    return sorted(objs, key=lambda o: o.get("_seq", 0))


def _owned_by_same(obj, acc_id):
    return obj.get("_accountid") == acc_id and not obj.get("_removed")


def register(ctx):
    """registerUserData: one name and one content per owner account (checkForUserDataByName, checkForUserData)."""
    acc, proj = backend.identity.resolve_owner(ctx)
    name, content = ctx.require("name"), ctx.require("userdata")
    mine = [o for o in ctx.store.all(TABLE) if _owned_by_same(o, acc["id"])]
    if any(o["name"] == name for o in mine):
        raise param_error(f"A userdata with name {name} already exists for this account.")
    same = next((o for o in mine if o["userdata"] == content), None)
    if same is not None:
        raise param_error(f"Userdata {same['name']} with same content already exists for this account.")
    validate(content)
    params = ",".join(p.strip() for p in (ctx.get("params") or "").split(",") if p.strip()) or None
    obj = {"name": name, "userdata": content, "params": params, "domainid": acc["domainid"], "domain": acc.get("domain"),
           "account": None if proj else acc["name"], "accountid": acc["id"], "projectid": proj["id"] if proj else None,
           "_accountid": acc["id"], "_seq": ctx.store.next_seq(TABLE), "hasannotations": False}
    return ctx.store.add(TABLE, obj)


def delete(ctx):
    """deleteUserData: not while a template/ISO links it or a VM uses it (CloudRuntimeException: 530)."""
    backend.identity.resolve_owner(ctx)  # account/domainid/projectid checked as finalizeOwner does
    value = ctx.require("id")
    obj = ctx.store.get(TABLE, value)
    if obj is None or obj.get("_removed"):
        acc = ctx.account
        raise param_error(f"A UserData with id '{value}' does not exist for account {acc['name']} in specified domain id")
    check_access(ctx, obj, "userdata")
    if live(ctx.sim, "template", userdataid=obj["id"]) or live(ctx.sim, "iso", userdataid=obj["id"]):
        raise ApiError(530, f"Userdata {obj['name']} cannot be removed as it is linked to active template/templates")
    if live(ctx.sim, "virtualmachine", userdataid=obj["id"]):
        raise ApiError(530, f"Userdata {obj['name']} cannot be removed as it is being used by some VMs")
    ctx.store.delete(TABLE, obj["id"])


def link(ctx):
    """linkUserDataToTemplate: set (or, without userdataid, clear) a template's or ISO's user data and override policy."""
    if ctx.get("templateid") and ctx.get("isoid"):
        raise param_error("Both template ID and ISO ID are passed, API is applicable only for one ID")
    if not ctx.get("templateid") and not ctx.get("isoid"):
        raise param_error("Either template ID or ISO ID should be passed")
    policy = (ctx.get("userdatapolicy") or "ALLOWOVERRIDE").upper()
    if policy not in POLICIES:
        raise ApiError(530, f"Failed to link userdata to template, due to: No enum constant "
                            f"com.cloud.user.UserData.UserDataOverridePolicy.{policy}")
    is_iso = bool(ctx.get("isoid"))
    image = backend.images.get_iso(ctx, "isoid") if is_iso else backend.images.get_template(ctx, "templateid")
    ud = get(ctx, "userdataid") if ctx.get("userdataid") else None
    image.update(userdataid=ud["id"] if ud else None, userdataname=ud["name"] if ud else None,
                 userdataparams=ud.get("params") if ud else None, userdatapolicy=policy if ud else None)
    ctx.store.save("iso" if is_iso else "template", image)
    return image_view(ctx, image, is_iso)


def image_view(ctx, image, is_iso):
    if is_iso:
        zones = backend.images.iso_zones(ctx, image)
        return backend.images.iso_view(ctx, image, zones[0] if zones else None)
    zones = backend.templates.template_zones(ctx, image)
    return backend.templates.template_view(ctx, image, zones[0] if zones else None)


def image_of(ctx, image_id):
    """The template (or ISO) a VM was deployed from, for its linked user data (None: gone)."""
    return ctx.store.get("template", image_id) or ctx.store.get("iso", image_id) if image_id else None


def _concat(first, second):
    return base64.b64encode(base64.b64decode(first) + base64.b64decode(second)).decode()


def _finalize(ctx, content, ud, template):
    """UserVmManagerImpl.finalizeUserData: the content a VM gets from its request and its template's linked user data."""
    linked = ctx.store.get(TABLE, template.get("userdataid")) if template and template.get("userdataid") else None
    if template and template.get("userdataid") and linked is None:
        raise ApiError(530, f"UserData linked to the template {template.get('name')} is not found")
    given = ud["userdata"] if ud else content
    if linked is None:
        return given
    policy = template.get("userdatapolicy") or "ALLOWOVERRIDE"
    if policy == "DENYOVERRIDE":
        if given:
            raise ApiError(530, f"UserData input is not allowed here since template {template.get('name')} is configured to deny any userdata")
        return linked["userdata"]
    if policy == "APPEND" and given:
        return _concat(linked["userdata"], given)
    return given or linked["userdata"]


def for_vm(ctx, template=None):
    """The user data fields of a VM from deployVirtualMachine/updateVirtualMachine's userdata, userdataid and
    userdatadetails ({} when the request names none and the template links none)."""
    content = validate(ctx.get("userdata")) if ctx.get("userdata") is not None else None
    if content is not None and ctx.get("userdataid"):
        raise param_error("Both userdata and userdata ID inputs are not allowed, please provide only one")
    ud = get(ctx, "userdataid") if ctx.get("userdataid") else None
    if content is None and ud is None and not (template and template.get("userdataid")):
        return {}
    details = ctx.details("userdatadetails") if ud else {}
    return {"userdata": _finalize(ctx, content, ud, template), "userdataid": ud["id"] if ud else None,
            "userdataname": ud["name"] if ud else None,
            "userdatadetails": "{" + ", ".join(f"{k}={v}" for k, v in details.items()) + "}" if details else None,
            "userdatapolicy": template.get("userdatapolicy") if template and template.get("userdataid") else None}


def view(obj):
    """A user data record as 4.18's UserDataResponse shows it (no project fields: a project's record names none)."""
    return {k: obj.get(k) for k in ("id", "name", "account", "accountid", "domain", "domainid", "params", "userdata", "hasannotations")}
