"""The config commands: parameters in, views out; the state and rules are in model.py."""
from ...errors import param_error
from ...registry import api
from .model import RESET_SCOPE_PARAMS, SCOPE_PARAMS, _find, _scope_of, config_view, scoped_value, validate_value


@api("listConfigurations")
def list_configurations(ctx, p):
    scope, obj = _scope_of(ctx, SCOPE_PARAMS)
    cfgs = [c for c in ctx.store.all("configuration") if c.get("category") != "Hidden"]
    cfgs.sort(key=lambda c: c["name"])
    if scope:
        cfgs = [c for c in cfgs if c["_scope"] == scope]
    if ctx.get("name"):
        name = ctx.get("name").lower()
        cfgs = [c for c in cfgs if name in c["name"].lower()]
    if ctx.get("category"):
        cfgs = [c for c in cfgs if (c.get("category") or "").lower() == ctx.get("category").lower()]
    for param in ("group", "subgroup", "parent"):
        if ctx.get(param):
            cfgs = [c for c in cfgs if (c.get(param) or "").lower() == ctx.get(param).lower()]
    kw = ctx.get("keyword")
    if kw:
        kw = kw.lower()
        cfgs = [c for c in cfgs if any(kw in str(c.get(f) or "").lower() for f in ("name", "component", "description", "category", "value"))]
    if scope:
        return [config_view(c, scoped_value(c, scope, obj), scope, use_value=True) for c in cfgs]
    return [config_view(c) for c in cfgs]


@api("updateConfiguration")
def update_configuration(ctx, p):
    name = ctx.require("name")
    cfg = _find(ctx, name)
    scope, obj = _scope_of(ctx, SCOPE_PARAMS)
    value = p.get("value")
    if value is not None:
        value = value.strip()
    if value == "":
        value = None
    validate_value(cfg, value)
    if scope:
        if cfg["_scope"] != scope:
            raise param_error(f"Invalid scope id provided for the parameter {name}")
        cfg.setdefault("_scoped", {})[f"{scope}:{obj['id']}"] = value
        ctx.store.save("configuration", cfg)
        return config_view(cfg, value, scope, use_value=True)
    cfg["value"] = value
    ctx.store.save("configuration", cfg)
    return config_view(cfg)


@api("resetConfiguration")
def reset_configuration(ctx, p):
    name = ctx.require("name")
    cfg = _find(ctx, name)
    scope, obj = _scope_of(ctx, RESET_SCOPE_PARAMS)
    if scope:
        if cfg["_scope"] != scope:
            raise param_error(f"Invalid scope id provided for the parameter {name}")
        cfg.get("_scoped", {}).pop(f"{scope}:{obj['id']}", None)
        ctx.store.save("configuration", cfg)
        # the scoped value is gone: the setting answers its global value there again
        return config_view(cfg, scoped_value(cfg, scope, obj), scope, use_value=True)
    cfg["value"] = cfg.get("defaultvalue")
    ctx.store.save("configuration", cfg)
    return config_view(cfg)
