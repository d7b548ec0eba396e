# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

DOCUMENTATION = r"""
name: instances
short_description: CloudStack instances as inventory hosts
description:
  - Lists the instances (virtual machines) of Apache CloudStack through its API and makes each one a host.
  - Reads every page of C(listVirtualMachines) (500 at a time), so clouds of any size are complete.
  - Filters on the server by zone, domain, account, project, tags and state.
  - Supports the constructed options (C(compose), C(groups), C(keyed_groups)) and inventory caching.
  - The configuration file must end in C(cloudstack-instances.yml), C(cloudstack-instances.yaml),
    C(cloudstack.yml) or C(cloudstack.yaml).
  - A configuration file of ngine_io.cloudstack's inventory plugin (C(ngine_io.cloudstack.instance)) works with the plugin
    name changed to C(csops.cloudstack.instances) (or C(csops.cloudstack.instance), routed here); the host variables that
    differ are described under O(hostname).
version_added: 0.1.0
author:
  - csops.cloudstack developers (!UNKNOWN)
extends_documentation_fragment:
  - constructed
  - inventory_cache
options:
  plugin:
    description:
      - The name of this plugin; C(csops.cloudstack.instances), or C(csops.cloudstack.instance) (the name of
        ngine_io.cloudstack's plugin, C(ngine_io.cloudstack.instance), in this collection).
    required: true
    type: str
    choices: [csops.cloudstack.instances, csops.cloudstack.instance]
  api_url:
    description:
      - URL of the CloudStack API, e.g. C(https://cloud.example.com/client/api).
    type: str
    required: true
    env:
      - name: CLOUDSTACK_ENDPOINT
  api_key:
    description:
      - API key of the CloudStack user.
      - Else C(key) of the cs configuration file E(CLOUDSTACK_CONFIG) names (section C(cloudstack) or E(CLOUDSTACK_REGION)).
    type: str
    env:
      - name: CLOUDSTACK_KEY
  api_secret:
    description:
      - Secret key of the CloudStack user.
      - Else C(secret) of the cs configuration file E(CLOUDSTACK_CONFIG) names (how the AWX credential type passes it).
    type: str
    env:
      - name: CLOUDSTACK_SECRET
  api_username:
    description: User name for a session login, instead of I(api_key) and I(api_secret).
    type: str
  api_password:
    description: Password for a session login.
    type: str
  api_domain:
    description: Domain path of the user for a session login.
    type: str
    default: /
  api_http_method:
    description: HTTP method of the API calls.
    type: str
    choices: [get, post]
    default: get
    env:
      - name: CLOUDSTACK_METHOD
  api_timeout:
    description: HTTP timeout of one API call, in seconds.
    type: int
    default: 10
    env:
      - name: CLOUDSTACK_TIMEOUT
  validate_certs:
    description:
      - Verify the TLS certificate of the API.
      - C(CLOUDSTACK_DANGEROUS_NO_TLS_VERIFY=true) in the environment turns the check off, as for the modules.
    type: bool
    default: true
  api_verify_ssl_cert:
    description: CA bundle file to verify the API's certificate with.
    type: str
  hostname:
    description:
      - What the inventory host is called and which address C(ansible_host) gets.
      - C(v4_default_ip) is the IPv4 address of the default NIC, C(v4_public_ip) the public (static NAT)
        address, falling back to the default NIC's address; with both the host is named after the instance.
      - C(name) (alias C(hostname), the choice of ngine_io.cloudstack) uses the instance name and sets no C(ansible_host).
      - Each host gets the variables C(id), C(hostname), C(display_name), C(instance_name), C(v4_default_ip), C(v6_default_ip),
        C(v4_public_ip), C(zone), C(zone_id), C(domain), C(domain_id), C(account), C(project), C(username), C(group),
        C(instance_tags) (a dict), C(template), C(service_offering), C(disk_offering), C(affinity_groups), C(security_groups),
        C(networks) (the names of the instance's networks, as ngine_io.cloudstack), C(nics) (for each NIC C(name) and C(id) of its
        network, C(ip), C(mac), C(default)), C(ha_enabled), C(password_enabled), C(hypervisor), C(host), C(cpu_number),
        C(cpu_speed), C(memory), C(cpu_usage), C(dynamically_scalable), C(state) and C(created).
      - A value the API does not give (an instance without a disk offering, a project or a group) is no variable, as with
        ngine_io.cloudstack (C(disk_offering is defined) tells them apart).
      - Unlike ngine_io.cloudstack, the instance's tags are in C(instance_tags) (not C(tags)) and its name in C(hostname)
        (not C(name)), because C(tags) and C(name) are reserved names in Ansible (play keywords; Ansible warns for each host
        and a play's C(tags) keyword cannot be read from them).
      - The expressions of C(compose), C(groups) and C(keyed_groups) see C(name) and C(tags) as well (as ngine_io.cloudstack's
        plugin sets them), so an ngine_io.cloudstack inventory file groups and composes the same.
    type: str
    choices: [v4_default_ip, v4_public_ip, name, hostname]
    default: v4_default_ip
  filter_by_zone:
    description: Only instances in this zone (name or id).
    type: str
  filter_by_domain:
    description: Only instances of this domain (path such as C(ROOT/customers), or id), with its subdomains.
    type: str
  filter_by_account:
    description: Only instances of this account (needs I(filter_by_domain), else the account is looked up in the caller's domain).
    type: str
  filter_by_vpc:
    description: Only instances with a NIC in a tier of this VPC (name or id), as ngine_io.cloudstack's option.
    type: str
  filter_by_project:
    description:
      - Only instances of this project (name or id).
      - C(-1) lists the instances of every project the caller can see.
    type: str
  filter_by_tags:
    description:
      - Only instances that carry all these tags.
      - "A dict C({key: value}) or a list of C({key, value}) entries."
    type: raw
  filter_by_state:
    description: Only instances in these states (e.g. C(Running), C(Stopped)); case-insensitive.
    type: list
    elements: str
  group_by_zone:
    description: Also put each host into a group C(zone_<zone name>).
    type: bool
    default: true
"""

EXAMPLES = r"""
# cloudstack-instances.yml -- every running instance, grouped by zone and by the tag "role"
plugin: csops.cloudstack.instances
filter_by_state: [Running]
keyed_groups:
  - key: instance_tags.role | default('untagged')
    prefix: role
compose:
  ansible_user: "'debian'"

---
# A project's instances, named after the instances, addressed by their public IPs
plugin: csops.cloudstack.instances
filter_by_project: web-shop
filter_by_domain: ROOT/customers
hostname: v4_public_ip
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: /tmp/cloudstack-inventory
cache_timeout: 300
"""

import re

from ansible.errors import AnsibleError, AnsibleParserError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.unsafe_proxy import wrap_var
from ansible_collections.csops.cloudstack.plugins.module_utils.client import CloudStackClient, CloudStackError
from ansible_collections.csops.cloudstack.plugins.module_utils.common import config_file_value
from ansible_collections.csops.cloudstack.plugins.module_utils.resolve import ResolveError, Resolver

TRUE_STRINGS = ("1", "true", "yes", "on")
GROUP_RE = re.compile(r"[^A-Za-z0-9_]")


def _tags(vm):
    return {t.get("key"): t.get("value") for t in vm.get("tags") or [] if t.get("key") is not None}


def host_vars(vm):
    """One instance as host variables.

    The names of ngine_io.cloudstack's inventory, except two that are reserved words of Ansible
    (a play keyword each, warned about for every host): the instance name is the inventory host name
    and `hostname`, and its tags are `instance_tags` (not `name` and `tags`). `networks` are the network
    names, as ngine_io's; `nics` the details.
    """
    nics = vm.get("nic") or []
    default_nic = next((n for n in nics if n.get("isdefault")), nics[0] if nics else {})
    return {
        "id": vm.get("id"),
        "hostname": vm.get("name"),
        "display_name": vm.get("displayname"),
        "instance_name": vm.get("instancename"),
        "v4_default_ip": default_nic.get("ipaddress"),
        "v6_default_ip": default_nic.get("ip6address"),
        "v4_public_ip": vm.get("publicip"),
        "zone": vm.get("zonename"),
        "zone_id": vm.get("zoneid"),
        "domain": vm.get("domain"),
        "domain_id": vm.get("domainid"),
        "account": vm.get("account"),
        "project": vm.get("project"),
        "username": vm.get("username"),
        "group": vm.get("group"),
        "instance_tags": _tags(vm),
        "template": vm.get("templatename"),
        "service_offering": vm.get("serviceofferingname"),
        "disk_offering": vm.get("diskofferingname"),
        "affinity_groups": [a.get("name") for a in vm.get("affinitygroup") or []],
        "security_groups": [s.get("name") for s in vm.get("securitygroup") or []],
        "networks": [n.get("networkname") for n in nics],
        "nics": [
            {"name": n.get("networkname"), "id": n.get("networkid"), "ip": n.get("ipaddress"), "mac": n.get("macaddress"), "default": bool(n.get("isdefault"))}
            for n in nics
        ],
        "ha_enabled": vm.get("haenable"),
        "password_enabled": vm.get("passwordenabled"),
        "hypervisor": vm.get("hypervisor"),
        "host": vm.get("hostname"),
        "cpu_number": vm.get("cpunumber"),
        "cpu_speed": vm.get("cpuspeed"),
        "memory": vm.get("memory"),
        "cpu_usage": vm.get("cpuused"),
        "dynamically_scalable": vm.get("isdynamicallyscalable"),
        "state": vm.get("state"),
        "created": vm.get("created"),
    }


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = "csops.cloudstack.instances"

    def verify_file(self, path):
        if not super().verify_file(path):
            return False
        return path.endswith(("cloudstack-instances.yml", "cloudstack-instances.yaml", "cloudstack.yml", "cloudstack.yaml"))

    # ---- the API ---------------------------------------------------------------------------------
    def _client(self):
        import os

        validate = self.get_option("validate_certs")
        if os.environ.get("CLOUDSTACK_DANGEROUS_NO_TLS_VERIFY", "").strip().lower() in TRUE_STRINGS:
            validate = False
        user, password = self.get_option("api_username"), self.get_option("api_password")
        try:
            # options and CLOUDSTACK_* variables first, then the cs configuration file (CLOUDSTACK_CONFIG), as the modules
            key = self.get_option("api_key") or config_file_value("key")
            secret = self.get_option("api_secret") or config_file_value("secret")
            return CloudStackClient(
                self.get_option("api_url") or config_file_value("endpoint"),
                api_key=key,
                api_secret=secret,
                username=None if key else user,
                password=None if key else password,
                domain=self.get_option("api_domain"),
                timeout=self.get_option("api_timeout"),
                method=self.get_option("api_http_method"),
                validate_certs=validate,
                ca_file=self.get_option("api_verify_ssl_cert"),
            )
        except CloudStackError as exc:
            raise AnsibleParserError("csops.cloudstack.instances: %s" % to_native(exc)) from None

    def _query(self, resolver):
        """listVirtualMachines parameters for the filters (names resolved with one filtered call each)."""
        params = {"listall": True, "details": "all"}
        zone = self.get_option("filter_by_zone")
        if zone:
            params["zoneid"] = resolver.id("zone", zone, option="filter_by_zone")
        domain = self.get_option("filter_by_domain")
        if domain:
            params["domainid"] = resolver.id("domain", domain, option="filter_by_domain")
            params["isrecursive"] = True
        account = self.get_option("filter_by_account")
        if account:
            params["account"] = account
            params.pop("isrecursive", None)
        vpc = self.get_option("filter_by_vpc")
        if vpc:
            params["vpcid"] = resolver.id("vpc", vpc, option="filter_by_vpc")
        project = self.get_option("filter_by_project")
        if project:
            params["projectid"] = "-1" if str(project) == "-1" else resolver.id("project", project, option="filter_by_project")
        tags = self.get_option("filter_by_tags")
        if tags:
            if isinstance(tags, dict):
                tags = [{"key": k, "value": v} for k, v in tags.items()]
            if not isinstance(tags, list) or not all(isinstance(t, dict) and "key" in t for t in tags):
                raise AnsibleParserError("csops.cloudstack.instances: filter_by_tags must be a dict or a list of {key, value}, got %r" % (tags,))
            params["tags"] = [{"key": t["key"], "value": t.get("value", "")} for t in tags]
        states = self.get_option("filter_by_state") or []
        if len(states) == 1:
            params["state"] = states[0]
        return params

    def _fetch(self):
        client = self._client()
        try:
            params = self._query(Resolver(client))
            vms = client.list("listVirtualMachines", key="virtualmachine", **params)
        except (CloudStackError, ResolveError) as exc:
            raise AnsibleError("csops.cloudstack.instances: %s" % to_native(exc)) from None
        finally:
            client.finish()
        states = {s.lower() for s in self.get_option("filter_by_state") or []}
        if states:
            vms = [vm for vm in vms if str(vm.get("state", "")).lower() in states]
        # as ngine_io.cloudstack's plugin: a value the API does not give is no variable (`disk_offering is defined`), not None
        return [{k: v for k, v in host_vars(vm).items() if v is not None} for vm in vms]

    # ---- the inventory -----------------------------------------------------------------------------
    def _populate(self, hosts):
        mode = self.get_option("hostname")
        strict = self.get_option("strict")
        by_zone = self.get_option("group_by_zone")
        inventory = self.inventory
        inventory.add_group("cloudstack")
        for hv in hosts:
            if mode == "v4_public_ip":
                address = hv.get("v4_public_ip") or hv.get("v4_default_ip")
            elif mode == "v4_default_ip":
                address = hv.get("v4_default_ip")
            else:
                address = None
            name = hv["hostname"]
            inventory.add_host(name, group="cloudstack")
            self._set_host_vars(name, dict(hv, ansible_host=address) if address else hv)
            if by_zone and hv.get("zone"):
                group = inventory.add_group("zone_" + GROUP_RE.sub("_", hv["zone"]))
                inventory.add_child(group, name)
            # compose/groups/keyed_groups also see ngine_io.cloudstack's names of the two variables that are no host
            # variables here (reserved names): `name` and `tags`, so its inventory files group the same
            expr = dict(hv, name=hv["hostname"], tags=hv.get("instance_tags", {}))
            self._set_composite_vars(self.get_option("compose"), expr, name, strict=strict)
            self._add_host_to_composed_groups(self.get_option("groups"), expr, name, strict=strict)
            self._add_host_to_keyed_groups(self.get_option("keyed_groups"), expr, name, strict=strict)

    def _set_host_vars(self, name, hv):
        """All of an instance's variables at once.

        ansible-core 2.19 wraps the inventory so that every set_variable() visits and tags each value
        (about 20 us a value: 7 s for 10,000 instances); the values here are plain JSON from the API,
        so they are stored directly, untagged, which 2.19 treats as untrusted: never templated. Older
        cores get them marked unsafe, for the same reason (a VM name or tag holding "{{ ... }}").
        """
        raw = getattr(self.inventory, "__wrapped__", None)
        host = raw.hosts.get(name) if raw is not None and isinstance(getattr(raw, "hosts", None), dict) else None
        if host is not None and isinstance(getattr(host, "vars", None), dict):
            host.vars.update(hv)
            return
        for key, value in hv.items():
            self.inventory.set_variable(name, key, value if raw is not None else wrap_var(value))

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache)
        self._read_config_data(path)
        cache_key = self.get_cache_key(path)
        use_cache = self.get_option("cache") and cache
        update_cache = self.get_option("cache") and not cache
        hosts = None
        if use_cache:
            try:
                hosts = self._cache[cache_key]
            except KeyError:
                update_cache = True
        if hosts is None:
            hosts = self._fetch()
        if update_cache:
            self._cache[cache_key] = hosts
        self._populate(hosts)
