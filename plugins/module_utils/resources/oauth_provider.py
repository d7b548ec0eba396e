# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""OAuth2 providers (CloudStack 4.19's oauth2 plugin), declared for the engine (module oauth_provider).

Found by its provider name (listOauthProvider provider=<name>), as ngine_io.cloudstack 3.3.0 does. With state=present
description, client_id, secret_key and redirect_uri are required (the module's required_if, as ngine_io's).
registerOauthProvider takes no enabled flag: the engine sets it with updateOauthProvider right after the create
(CloudStack lists a provider as enabled only while the setting oauth2.enabled is true and the provider is one of the
authenticator plugins, oauth2.plugins). CloudStack lists the secret key back: it is compared (a new key is an update)
but never returned, and the diff masks it. details are sent on create only (CloudStack cannot update them);
token_url and authorized_url are accepted for ngine_io's playbooks and not sent (CloudStack 4.23 brought them).
"""
from __future__ import annotations

from ..engine import Field, Resource


class OauthProviderResource(Resource):
    secrets = ("secret_key",)


OAUTH_PROVIDER = OauthProviderResource(
    name="OAuth provider",
    since="4.19",
    list_command="listOauthProvider",
    list_key="oauthprovider",
    create_command="registerOauthProvider",
    create_key="oauthprovider",
    update_command="updateOauthProvider",
    update_key="oauthprovider",
    delete_command="deleteOauthProvider",
    id_option=None,
    fields=(
        Field("name", param="provider", identity=True, spec={"required": True}),
        Field("description"),
        Field("client_id", param="clientid"),
        Field("secret_key", param="secretkey", spec={"no_log": True}),
        Field("redirect_uri", param="redirecturi"),
        Field("enabled", type="bool", compare="loose", create=False, spec={"default": True}),
        Field("details", type="list", compare=None, on_change="ignore", spec={"elements": "dict", "no_log": True}),
        Field("token_url", param="tokenurl", compare=None, create=False, spec={"no_log": False}),
        Field("authorized_url", param="authorizedurl", compare=None, create=False),
        Field("domain", compare=None, create=False),
    ),
    returns={"secretkey": None, "provider": "name", "tokenurl": "token_url", "authorizedurl": "authorized_url"},
)

REQUIRED_IF = [("state", "present", ["description", "client_id", "secret_key", "redirect_uri"])]
