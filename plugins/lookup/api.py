# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
name: api
short_description: Read from the Apache CloudStack API in a template
description:
  - Runs one read command of the CloudStack API (C(list*), C(get*), C(query*)) and returns what it lists.
  - Any other command (C(create*), C(delete*), C(deploy*), ...) is refused with an error before anything is sent, and so are
    the read-looking commands that make something (C(getUploadParamsForTemplate), C(getUploadParamsForVolume),
    C(getUploadParamsForIso), C(getDiagnosticsData)) or switch the caller (C(listAndSwitchSAMLAccount)).
  - A C(list*) command is read page by page (500 objects a page, or the cloud's C(default.page.size) if lower) until
    every object is read; the result is the list of the objects (the reply's list under its key, for example the zones
    of C(listZones)), empty when nothing matches.
  - With C(page) (and C(pagesize), default 500) among the parameters, only that page is read.
  - A C(get*) or C(query*) command, and the C(list*) commands that answer with one object (C(listCapabilities),
    C(listInfrastructure), C(listCaCertificate), C(listDbMetrics), C(listUsageServerMetrics)), return the reply (the object
    under the C(<command>response) wrapper) as the one element.
  - Keyword arguments that are no option below are API parameters (C(name='zone1'), C(listall=true), C(tags={...})), and so
    are the entries of O(query_params) (ngine_io.cloudstack's form); keyword arguments win.
  - Reads are retried on connection errors, HTTP 5xx and 429 with backoff, as the modules' reads are (the same client).
  - Runs on the controller, also in check mode.
version_added: 0.2.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  _terms:
    description: The read command, for example C(listZones), C(listVirtualMachines), C(getUser), C(queryAsyncJobResult).
    required: true
  query_params:
    description:
      - API parameters as a dict (ngine_io.cloudstack's option); keyword arguments of the same name win.
    type: dict
  api_url:
    description:
      - URL of the CloudStack API, for example V(https://cloud.example.com/client/api).
      - If not given, the E(CLOUDSTACK_ENDPOINT) environment variable is used, else C(endpoint) in the cs configuration
        file that E(CLOUDSTACK_CONFIG) names (section C(cloudstack), or E(CLOUDSTACK_REGION)), as for the modules.
    type: str
  api_key:
    description:
      - API key of the CloudStack user.
      - If not given, E(CLOUDSTACK_KEY), else C(key) in the file E(CLOUDSTACK_CONFIG) names.
    type: str
  api_secret:
    description:
      - Secret key of the CloudStack user. Never shown in errors.
      - If not given, E(CLOUDSTACK_SECRET), else C(secret) in the file E(CLOUDSTACK_CONFIG) names.
    type: str
  api_username:
    description: User name for a session login, used only when no API key is set.
    type: str
  api_password:
    description: Password for a session login.
    type: str
  api_domain:
    description: Domain path of O(api_username) for a session login (default V(/)).
    type: str
  api_http_method:
    description: HTTP method, V(get) or V(post); if not given E(CLOUDSTACK_METHOD), else V(get).
    type: str
  api_timeout:
    description: HTTP timeout in seconds of each request; if not given E(CLOUDSTACK_TIMEOUT), else V(10).
    type: int
  api_verify_ssl_cert:
    description: CA bundle file to verify the API server's certificate with; if not given E(CLOUDSTACK_VERIFY) when it holds a path.
    type: str
  validate_certs:
    description:
      - If V(false), TLS certificates are not validated.
      - If not given, E(CLOUDSTACK_DANGEROUS_NO_TLS_VERIFY=true) or E(CLOUDSTACK_VERIFY=false) turn validation off; else V(true).
    type: bool
notes:
  - With C(lookup()) (C(wantlist=false), the default), a result of exactly one object comes back as that object, not as a
    list of one, and no match as an empty list; use C(query()) (or C(wantlist=true)) to always get a list.
  - "ngine_io.cloudstack's lookup of the same name returns the first page of the reply as it comes, a list of one
    C({count, zone: [...]}); this one returns every object of every page, a list of zones."
  - If the query is not filtered on the server (C(name), C(id), C(zoneid), C(keyword), ...) every object is read.
"""

EXAMPLES = r"""
- name: Every zone (a list, also when there is one)
  ansible.builtin.set_fact:
    zones: "{{ query('csops.cloudstack.api', 'listZones') }}"

- name: The instances of an account, every page
  ansible.builtin.set_fact:
    vms: "{{ query('csops.cloudstack.api', 'listVirtualMachines', account='acme', domainid=domain_id, listall=true) }}"

- name: One template's id (ngine_io's query_params form)
  ansible.builtin.set_fact:
    template_id: "{{ (query('csops.cloudstack.api', 'listTemplates', query_params={'templatefilter': 'executable', 'name': 'debian-12'}) | first).id }}"

- name: Instances tagged role=web
  ansible.builtin.debug:
    msg: "{{ query('csops.cloudstack.api', 'listVirtualMachines', tags=[{'key': 'role', 'value': 'web'}]) | map(attribute='name') }}"

- name: Connection given explicitly (else CLOUDSTACK_ENDPOINT, CLOUDSTACK_KEY, CLOUDSTACK_SECRET or CLOUDSTACK_CONFIG)
  ansible.builtin.debug:
    msg: "{{ query('csops.cloudstack.api', 'listCapabilities', api_url=cs_url, api_key=cs_key, api_secret=cs_secret) }}"
"""

RETURN = r"""
_raw:
  description:
    - For a C(list*) command, the objects of every page (for example the zones of C(listZones)), each as the API shows it.
    - For a C(get*) or C(query*) command (and C(listCapabilities) and the other list commands that answer with one object),
      one element, the reply under its wrapper.
  type: list
  elements: dict
"""

from ansible.errors import AnsibleLookupError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.lookup import LookupBase
from ansible_collections.csops.cloudstack.plugins.module_utils.api import RequestError, is_paged_list, read_only_command
from ansible_collections.csops.cloudstack.plugins.module_utils.client import CloudStackError
from ansible_collections.csops.cloudstack.plugins.module_utils.common import CONNECTION_OPTIONS, client_from_params, connection_options

LOOKUP_OPTIONS = frozenset(CONNECTION_OPTIONS) | {"query_params"}


class LookupModule(LookupBase):
    def run(self, terms, variables=None, **kwargs):
        if len(terms) != 1:
            raise AnsibleLookupError("csops.cloudstack.api: give exactly one command, got %d terms: %r" % (len(terms), list(terms)))
        options = {k: v for k, v in kwargs.items() if k in LOOKUP_OPTIONS and k != "api_async_timeout"}
        params = {k: v for k, v in kwargs.items() if k not in LOOKUP_OPTIONS}
        self.set_options(var_options=variables, direct=options)
        try:
            command = read_only_command(terms[0])
        except RequestError as exc:
            raise AnsibleLookupError("csops.cloudstack.api: %s" % exc) from None
        query_params = self.get_option("query_params") or {}
        if not isinstance(query_params, dict):
            raise AnsibleLookupError("csops.cloudstack.api: query_params must be a dict, got %r" % (query_params,))
        params = dict(query_params, **params)
        try:
            client = client_from_params(connection_options({k: self.get_option(k) for k in CONNECTION_OPTIONS if k != "api_async_timeout"}))
        except CloudStackError as exc:
            raise AnsibleLookupError("csops.cloudstack.api: %s" % to_native(exc)) from None
        try:
            if is_paged_list(command):
                page, pagesize = params.pop("page", None), params.pop("pagesize", None)
                return client.list(command, page=page, pagesize=pagesize, params=params)
            return [client.call(command, **params)]
        except CloudStackError as exc:
            raise AnsibleLookupError("csops.cloudstack.api: %s" % to_native(exc)) from None
        finally:
            client.finish()
