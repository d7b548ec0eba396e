"""The OAuth provider commands of 4.19's oauth2 plugin: parameters in, views out; the rules are in model.py."""
from ...registry import api
from .model import PROVIDERS, get_provider, listed, provider_view, register, update


@api("registerOauthProvider")
def register_oauth_provider(ctx, p):
    """RegisterOAuthProviderCmd: the reply is built without the enabled flag (false)."""
    vo = register(ctx, ctx.require("provider"), ctx.require("description"), ctx.require("clientid"), ctx.require("secretkey"),
                  ctx.require("redirecturi"))
    return provider_view(ctx.sim, vo, enabled=False)


@api("listOauthProvider")
def list_oauth_provider(ctx, p):
    return [provider_view(ctx.sim, vo) for vo in listed(ctx, ctx.get("id"), ctx.get("provider"), ctx.get("keyword"))]


@api("updateOauthProvider")
def update_oauth_provider(ctx, p):
    vo = update(ctx, get_provider(ctx), {k: ctx.get(k) for k in ("description", "clientid", "redirecturi", "secretkey", "enabled")})
    return provider_view(ctx.sim, vo)


@api("deleteOauthProvider")
def delete_oauth_provider(ctx, p):
    ctx.store.delete(PROVIDERS, get_provider(ctx)["id"])
