#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: oauth_provider
short_description: Manages OAuth providers on Apache CloudStack based clouds
description:
  - Register, update and delete the OAuth2 providers users log in with (CloudStack 4.19 and later, oauth2 plugin).
  - Same options and return values as C(ngine_io.cloudstack.oauth_provider), so a task moves over by changing its FQCN.
  - The provider is found by O(name) (C(listOauthProvider provider=<name>)).
  - A cloud before 4.19 does not know the OAuth provider commands; the module then fails and says so.
  - CloudStack refuses to register a provider while the global setting C(oauth2.enabled) is false, and lists a
    provider as enabled only while that setting is true and the provider is one of the authenticator plugins
    (C(oauth2.plugins), by default C(google) and C(github)).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the OAuth provider (the provider identifier, for example V(google) or V(github)).
    type: str
    required: true
  description:
    description:
      - Description of the OAuth provider.
      - Required when O(state=present).
    type: str
  client_id:
    description:
      - Client ID pre-registered in the OAuth provider.
      - Required when O(state=present).
    type: str
  secret_key:
    description:
      - Secret key pre-registered in the OAuth provider.
      - Required when O(state=present).
      - CloudStack lists the key back; a different key is an update. It is never returned, and C(--diff) shows it masked.
    type: str
  redirect_uri:
    description:
      - Redirect URI pre-registered in the OAuth provider.
      - Required when O(state=present).
    type: str
  enabled:
    description:
      - Whether the OAuth provider is enabled.
      - Set with C(updateOauthProvider) right after the provider is registered (C(registerOauthProvider) takes no flag).
    type: bool
    default: true
  token_url:
    description:
      - Token URL of the OAuth provider.
      - Accepted for playbooks written for ngine_io.cloudstack; not sent (CloudStack 4.23 brought it).
    type: str
  authorized_url:
    description:
      - Authorized URL of the OAuth provider.
      - Accepted for playbooks written for ngine_io.cloudstack; not sent (CloudStack 4.23 brought it).
    type: str
  details:
    description:
      - Additional key/value pairs of the OAuth provider (for example C(scope)), sent when the provider is registered.
      - CloudStack cannot update the details of an existing provider; they are not compared.
      - Not logged (they may hold a client secret).
    type: list
    elements: dict
  domain:
    description:
      - Accepted for playbooks written for ngine_io.cloudstack, which has it and does not use it.
    type: str
  state:
    description:
      - State of the OAuth provider.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Allow OAuth logins (CloudStack reads the setting at start)
  csops.cloudstack.configuration:
    name: oauth2.enabled
    value: "true"

- name: Register Google as OAuth provider
  csops.cloudstack.oauth_provider:
    name: google
    description: Google OAuth2
    client_id: my-client-id.apps.googleusercontent.com
    secret_key: "{{ vault_google_oauth_secret }}"
    redirect_uri: https://cloud.example.com/client/api?command=oauthlogin&source=google
    details:
      - scope: openid email profile

- name: Disable it
  csops.cloudstack.oauth_provider:
    name: google
    description: Google OAuth2
    client_id: my-client-id.apps.googleusercontent.com
    secret_key: "{{ vault_google_oauth_secret }}"
    redirect_uri: https://cloud.example.com/client/api?command=oauthlogin&source=google
    enabled: false

- name: Remove it
  csops.cloudstack.oauth_provider:
    name: google
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the OAuth provider.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
name:
  description: Name of the OAuth provider.
  returned: success
  type: str
  sample: google
description:
  description: Description of the OAuth provider.
  returned: success
  type: str
  sample: Google OAuth2
client_id:
  description: Client ID registered in the OAuth provider.
  returned: success
  type: str
  sample: my-client-id.apps.googleusercontent.com
redirect_uri:
  description: Redirect URI registered in the OAuth provider.
  returned: success
  type: str
  sample: https://cloud.example.com/client/api?command=oauthlogin&source=google
enabled:
  description: Whether the OAuth provider is enabled (as CloudStack lists it).
  returned: success
  type: bool
  sample: true
diff:
  description: The managed fields before and after (with C(--diff)); the secret key masked.
  returned: changed and diff mode
  type: dict
  sample: {"before": {"state": "absent"}, "after": {"name": "google", "secret_key": "********", "state": "present"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.oauth_provider import OAUTH_PROVIDER, REQUIRED_IF
from ..module_utils.resources.vpn_customer_gateway import SecretEngine


def main():
    run_resource(OAUTH_PROVIDER, engine_class=SecretEngine, required_if=REQUIRED_IF)


if __name__ == "__main__":
    main()
