"""OAuth2 providers: CloudStack 4.19's oauth2 plugin (plugins/user-authenticators/oauth2), served only when the
simulator runs with the plugin (Simulator(plugins=("oauth2",)), --plugin oauth2); a 4.18 cloud does not know these
commands.

Store type "oauthprovider": id, provider, description, clientid, secretkey, redirecturi; internal: _enabled (the
provider's own flag, OauthProviderVO.enabled). OAuth2AuthManagerImpl's rules: registering needs the setting
oauth2.enabled and a provider name not yet registered (CloudRuntimeException = 530); a new provider is enabled;
updateOauthProvider changes what it is given (blank values are ignored). As ListOAuthProvidersCmd and
UpdateOAuthProviderCmd answer, `enabled` is true only when oauth2.enabled is true, the provider is one of the
authenticator plugins (oauth2.plugins without oauth2.plugins.exclude) and its own flag is set. The reply of
registerOauthProvider never sets it (false). The secret key is listed back, as 4.19 does.

A provider filter that names no registered provider gives an empty list.
"""
from ...errors import invalid_id
from ..helpers import as_bool, runtime_error

PROVIDERS = "oauthprovider"


def _setting(sim, name, default=None):
    return sim.config_value(name, default)


def plugin_names(sim):
    """The authenticator plugins that are registered (oauth2.plugins minus oauth2.plugins.exclude)."""
    wanted = [n.strip() for n in str(_setting(sim, "oauth2.plugins", "") or "").split(",") if n.strip()]
    excluded = {n.strip() for n in str(_setting(sim, "oauth2.plugins.exclude", "") or "").split(",") if n.strip()}
    return [n for n in wanted if n not in excluded]


def plugin_enabled(sim):
    return as_bool(_setting(sim, "oauth2.enabled", "false"))


def provider_view(sim, vo, enabled=None):
    if enabled is None:
        enabled = plugin_enabled(sim) and vo["provider"] in plugin_names(sim) and bool(vo.get("_enabled"))
    return {"id": vo["id"], "provider": vo["provider"], "name": vo["provider"], "description": vo.get("description"),
            "clientid": vo.get("clientid"), "secretkey": vo.get("secretkey"), "redirecturi": vo.get("redirecturi"),
            "enabled": enabled}


def get_provider(ctx, name="id"):
    value = ctx.require(name)
    vo = ctx.store.get(PROVIDERS, value)
    if vo is None:
        raise invalid_id(ctx.command, name, value)
    return vo


def register(ctx, provider, description, clientid, secretkey, redirecturi):
    if not plugin_enabled(ctx.sim):
        raise runtime_error("OAuth is not enabled, please enable to register")
    if ctx.store.first(PROVIDERS, provider=provider):
        raise runtime_error(f"Provider with the name {provider} is already registered")
    return ctx.store.add(PROVIDERS, {"provider": provider, "description": description, "clientid": clientid.strip(),
                                     "secretkey": secretkey.strip(), "redirecturi": redirecturi.strip(), "_enabled": True})


def update(ctx, vo, changes):
    for key in ("description", "clientid", "redirecturi", "secretkey"):
        value = changes.get(key)
        if value is not None and value.strip() != "":
            vo[key] = value if key == "description" else value.strip()
    if changes.get("enabled") is not None:
        vo["_enabled"] = as_bool(changes["enabled"])
    return ctx.store.save(PROVIDERS, vo)


def listed(ctx, pid=None, provider=None, keyword=None):
    items = sorted(ctx.store.all(PROVIDERS), key=lambda o: o["_seq"])
    if pid is not None:
        items = [o for o in items if o["id"] == pid]
    elif provider:
        items = [o for o in items if o["provider"] == provider]
    if keyword:
        items = [o for o in items if keyword.lower() in o["provider"].lower()]
    return items
