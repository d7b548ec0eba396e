"""The templates commands: parameters in, views out; the state and rules are in model.py."""
from ...context import DOMAIN_ADMIN, ROOT_ADMIN
from ...errors import ApiError, param_error
from ...registry import api
from .model import _caller_sees, _own, _shared_with_caller, _template_filter, template_view, template_zones


# ---- OS categories and types -----------------------------------------------------------------------
@api("listOsCategories")
def list_os_categories(ctx, p):
    cats = ctx.store.all("oscategory")
    if ctx.get("id"):
        ctx.obj("oscategory", "id")
    cats = ctx.filter_eq(cats, ["id", "name"])
    cats = ctx.filter_keyword(cats)
    return sorted(cats, key=lambda c: c["_seq"])


@api("listOsTypes")
def list_os_types(ctx, p):
    types = ctx.store.all("ostype")
    if ctx.get("id"):
        ctx.obj("ostype", "id")
    if ctx.get("oscategoryid"):
        ctx.obj("oscategory", "oscategoryid")
    types = ctx.filter_eq(types, ["id", "oscategoryid", "description"], ci_fields=("description",))
    display = "display" if ctx.get("display") is not None else "fordisplay"  # 4.18.1 "display"; 4.19 renamed it "fordisplay"
    if ctx.get(display) is not None:
        want = ctx.bool(display)
        types = [t for t in types if bool(t.get("_fordisplay", True)) == want]
    types = ctx.filter_keyword(types, ("description",))
    return sorted(types, key=lambda t: t["_seq"])


def _by_filter(ctx, flt, tmpls):
    """templatefilter: featured, community, self, shared, executable or all (the owner parameters narrow "self")."""
    if ctx.get("projectid") or ctx.get("account") or (ctx.get("domainid") and flt in ("self", "selfexecutable")):
        owned = ctx.scope(tmpls)
        scoped = True
    else:
        owned, scoped = [t for t in tmpls if _own(ctx, t)], False
    if flt == "featured":
        return [t for t in tmpls if t.get("ispublic") and t.get("isfeatured")]
    if flt == "community":
        return [t for t in tmpls if t.get("ispublic") and not t.get("isfeatured")]
    if flt in ("self", "selfexecutable"):
        return owned
    if flt in ("shared", "sharedexecutable"):
        return [t for t in tmpls if _shared_with_caller(ctx, t)]
    if flt == "executable":
        own_ids = {t["id"] for t in owned}
        return [t for t in tmpls if t["id"] in own_ids or (not scoped and (t.get("ispublic") or _shared_with_caller(ctx, t)))]
    return [t for t in tmpls if _caller_sees(ctx, t)] if not scoped else owned  # all


def _zone_views(ctx, t, zoneid, flt):
    """A template once per zone it is in (zoneid: that zone only; showunique: one row; executable filters: ready ones)."""
    zones = template_zones(ctx, t)
    if zoneid and zoneid != "-1":
        zones = [z for z in zones if z["id"] == zoneid]
        if not zones:
            return []
    views = [template_view(ctx, t, z) for z in zones] if zones else ([] if zoneid else [template_view(ctx, t, None)])
    if flt in ("executable", "selfexecutable", "sharedexecutable"):
        views = [v for v in views if v["isready"]]
    if ctx.bool("showunique") and views:
        views = views[:1]
    return views


@api("listTemplates")
def list_templates(ctx, p):
    flt = _template_filter(ctx)
    accounttype = int(ctx.account.get("accounttype", 0))
    if flt == "all" and accounttype not in (ROOT_ADMIN, DOMAIN_ADMIN):
        raise param_error("Filter all can be specified by admin only")
    tmpls = [t for t in ctx.store.all("template") if not t.get("_removed") or ctx.bool("showremoved")]
    tmpls = _by_filter(ctx, flt, tmpls)
    if flt != "all":
        tmpls = [t for t in tmpls if t.get("templatetype") != "SYSTEM"]
    if ctx.get("id"):
        ctx.obj("template", "id")
    ids = ctx.list("ids")
    if ids:
        tmpls = [t for t in tmpls if t["id"] in ids]
    tmpls = ctx.filter_eq(tmpls, ["id", "name", ("hypervisor", "hypervisor")], ci_fields=("name", "hypervisor"))
    tmpls = ctx.filter_keyword(tmpls, ("name", "displaytext"))
    zoneid = ctx.get("zoneid")
    if zoneid and zoneid != "-1":
        ctx.obj("zone", "zoneid")
    out = []
    for t in sorted(tmpls, key=lambda t: t["_seq"]):
        out.extend(_zone_views(ctx, t, zoneid, flt))
    return out


# ---- hypervisor capabilities -----------------------------------------------------------------------
@api("listHypervisorCapabilities")
def list_hypervisor_capabilities(ctx, p):
    if not ctx.is_root_admin:
        raise ApiError(432, "The given command does not exist or it is not available for user")
    rows = ctx.store.all("hypervisorcapability")
    if ctx.get("id"):
        ctx.obj("hypervisorcapability", "id")
    rows = ctx.filter_eq(rows, ["id", "hypervisor"], ci_fields=("hypervisor",))
    rows = ctx.filter_keyword(rows, ("hypervisor",))
    return sorted(rows, key=lambda r: r["_seq"])


@api("updateHypervisorCapabilities")
def update_hypervisor_capabilities(ctx, p):
    if not ctx.is_root_admin:
        raise ApiError(432, "The given command does not exist or it is not available for user")
    row = ctx.obj("hypervisorcapability", "id", required=True)
    for name in ("maxguestslimit", "maxdatavolumeslimit", "maxhostspercluster"):
        value = ctx.int(name)
        if value is not None:
            if value < 0:
                raise param_error(f"{name} must be a positive number, got {value}")
            row[name] = value
    for name in ("securitygroupenabled", "storagemotionenabled", "vmsnapshotenabled"):
        if ctx.get(name) is not None:
            row[name] = ctx.bool(name)
    ctx.store.save("hypervisorcapability", row)
    return row
