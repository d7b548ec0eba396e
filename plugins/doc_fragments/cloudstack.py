# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations


class ModuleDocFragment(object):

    # The connection options of every API module (same names as ngine_io.cloudstack's).
    DOCUMENTATION = r"""
options:
  api_url:
    description:
      - URL of the CloudStack API, for example V(https://cloud.example.com/client/api).
      - Without a scheme, V(https://) is assumed.
      - If not given, the E(CLOUDSTACK_ENDPOINT) environment variable is used, else C(endpoint) in the cs configuration
        file that E(CLOUDSTACK_CONFIG) names (section C(cloudstack), or E(CLOUDSTACK_REGION)).
    type: str
    required: true
  api_key:
    description:
      - API key of the CloudStack user.
      - If not given, the E(CLOUDSTACK_KEY) environment variable is used, else C(key) in the file E(CLOUDSTACK_CONFIG) names.
      - Either O(api_key) and O(api_secret), or O(api_username) and O(api_password), must be set.
    type: str
  api_secret:
    description:
      - Secret key of the CloudStack user. Never shown in output, errors or logs.
      - If not given, the E(CLOUDSTACK_SECRET) environment variable is used, else C(secret) in the file E(CLOUDSTACK_CONFIG)
        names (how the AWX credential type passes it, see docs/awx.md).
    type: str
  api_username:
    description:
      - User name for a session login (the C(login) command), an alternative to O(api_key) and O(api_secret).
      - Used only when no API key is set.
    type: str
  api_password:
    description:
      - Password for a session login. Never shown in output, errors or logs.
    type: str
  api_domain:
    description:
      - Domain of O(api_username) for a session login, as a path (V(/) is ROOT, V(/customers) a sub-domain).
    type: str
    default: /
  api_http_method:
    description:
      - HTTP method used to call the API. V(post) keeps the parameters out of web server logs.
      - The session login always uses POST.
      - If not given, the E(CLOUDSTACK_METHOD) environment variable is used.
    type: str
    choices: [ get, post ]
    default: get
  api_timeout:
    description:
      - HTTP timeout in seconds, for each request.
      - If not given, the E(CLOUDSTACK_TIMEOUT) environment variable is used.
    type: int
    default: 10
  api_async_timeout:
    description:
      - Seconds to wait for an asynchronous job (polled with a short first delay and a growing interval).
      - A job still running after that fails the task; the job may still complete on the server.
    type: int
    default: 300
  api_verify_ssl_cert:
    description:
      - CA bundle (file) used to verify the API server's certificate.
      - If not given, the E(CLOUDSTACK_VERIFY) environment variable is used when it holds a path.
    type: str
  validate_certs:
    description:
      - If V(false), TLS certificates are not validated. Only for personally controlled sites using self-signed certificates.
      - If not given, E(CLOUDSTACK_DANGEROUS_NO_TLS_VERIFY=true) or E(CLOUDSTACK_VERIFY=false) turn validation off.
    type: bool
    default: true
notes:
  - Reads (C(list*), C(query*), C(get*)) are retried on connection errors, HTTP 5xx and 429 (honouring CloudStack's
    "retry after" hint) with backoff. Writes are never blindly sent again; when the reply to a write is lost, the module
    looks for the object before it acts again.
  - Every list is read page by page until complete.
  - All API modules of this collection are in the action group C(csops.cloudstack.cloudstack), so a play can set the
    connection options once with C(module_defaults).
  - With C(-vv) the result carries C(api_calls), the number of API calls per command; with C(-vvvv) also C(api_log)
    (secrets masked).
requirements:
  - python >= 3.9
"""

    # The *_info modules: an optional jmespath query over the result.
    INFO = r"""
options:
  query:
    description:
      - A jmespath expression applied to the returned list; its result is returned as RV(query_result).
      - Needs the Python library C(jmespath) on the host that runs the module.
    type: str
"""

    # check mode / diff mode attributes
    ATTRIBUTES = r"""
attributes:
  check_mode:
    support: full
    description: Reports what would change, and the diff, without changing anything.
  diff_mode:
    support: full
    description: Returns the managed fields before and after the change.
  action_group:
    support: full
    membership:
      - csops.cloudstack.cloudstack
    description: Use C(group/csops.cloudstack.cloudstack) in C(module_defaults) to set the connection options of this module once per play.
"""

    INFO_ATTRIBUTES = r"""
attributes:
  check_mode:
    support: full
    description: Read-only; runs in check mode as it does otherwise.
  diff_mode:
    support: none
    description: Read-only; nothing to diff.
  action_group:
    support: full
    membership:
      - csops.cloudstack.cloudstack
    description: Use C(group/csops.cloudstack.cloudstack) in C(module_defaults) to set the connection options of this module once per play.
"""

    # read-only modules that run on the install hosts and use no API connection (haproxy_info, cloud_db_info,
    # kvm_host_info): outside the action group
    HOST_INFO_ATTRIBUTES = r"""
attributes:
  check_mode:
    support: full
    description: Read-only; runs in check mode as it does otherwise.
  diff_mode:
    support: none
    description: Read-only; nothing to diff.
"""
