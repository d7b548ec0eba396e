# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Name -> object resolution with server-side filters and a per-run cache (private to the collection).

    r = Resolver(client)
    r.id("zone", "zone1", option="zone")                         # listZones name=zone1
    r.id("pod", "pod1", option="pod", zoneid=zone_id)            # listPods name=pod1 zoneid=...
    r.get("domain", "ROOT/customers", option="domain")           # listDomains name=customers listall=true
"""
from __future__ import annotations

import re

from .client import CloudStackApiError, CloudStackError

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")

# kind -> list command, list key, the name filter/field, fixed parameters, the field that names it (display; default name)
REFS = {
    "zone": dict(command="listZones", key="zone"),
    "pod": dict(command="listPods", key="pod"),
    "cluster": dict(command="listClusters", key="cluster"),
    "host": dict(command="listHosts", key="host"),
    "storage_pool": dict(command="listStoragePools", key="storagepool"),
    "image_store": dict(command="listImageStores", key="imagestore"),
    "physical_network": dict(command="listPhysicalNetworks", key="physicalnetwork"),
    # a domain is named by its path (ROOT/customers), not by its name: "display" is the field that names it
    "domain": dict(command="listDomains", key="domain", fixed={"listall": True}, display="path"),
    "account": dict(command="listAccounts", key="account", fixed={"listall": True}),
    "project": dict(command="listProjects", key="project", fixed={"listall": True}),
    "user": dict(command="listUsers", key="user", name="username", fixed={"listall": True}),
    "role": dict(command="listRoles", key="role"),
    "service_offering": dict(command="listServiceOfferings", key="serviceoffering"),
    "system_offering": dict(command="listServiceOfferings", key="serviceoffering", fixed={"issystem": True}),  # routers, system VMs
    "disk_offering": dict(command="listDiskOfferings", key="diskoffering"),
    "network_offering": dict(command="listNetworkOfferings", key="networkoffering"),
    "vpc_offering": dict(command="listVPCOfferings", key="vpcoffering"),
    "network": dict(command="listNetworks", key="network", name="keyword", field="name", fixed={"listall": True}),  # no name filter
    "vpc": dict(command="listVPCs", key="vpc", fixed={"listall": True}),
    "network_acl": dict(command="listNetworkACLLists", key="networkacllist"),  # scope vpcid: that VPC's lists and the defaults
    "os_type": dict(command="listOsTypes", key="ostype", name="description"),
    "template": dict(command="listTemplates", key="template", fixed={"templatefilter": "all", "listall": True}),
    "iso": dict(command="listIsos", key="iso", fixed={"isofilter": "all", "listall": True}),
    "ssh_key": dict(command="listSSHKeyPairs", key="sshkeypair", fixed={"listall": True}),
    "affinity_group": dict(command="listAffinityGroups", key="affinitygroup", fixed={"listall": True}),
    # in the caller's account (or the scope given), as ngine_io does: every account has a group named "default"
    "security_group": dict(command="listSecurityGroups", key="securitygroup", name="securitygroupname", field="name"),
    "instance": dict(command="listVirtualMachines", key="virtualmachine", fixed={"listall": True}),
    "counter": dict(command="listCounters", key="counter"),  # autoscale counters (scope provider: one of each per provider)
    "autoscale_policy": dict(command="listAutoScalePolicies", key="autoscalepolicy", fixed={"listall": True}),
}


# ngine_io.cloudstack's messages for a name that names nothing, used when the option is named as the kind (playbooks
# and tests match on them); any other option gets "<kind> '<value>' not found (option <option>)"
NOT_FOUND = {"domain": "Domain '%s' not found", "account": "Account '%s' not found", "project": "project '%s' not found",
             "security_group": "security group '%s' not found", "role": "Role not found: %s", "network_acl": "Network ACL %s not found"}


class ResolveError(CloudStackError):
    """A name that names no object (or several): the message names the option and the value."""


def is_uuid(value):
    return bool(UUID_RE.match(str(value)))


def domain_path(value):
    """'customers', '/customers/', 'ROOT/customers' -> 'ROOT/customers' (CloudStack's domain path)."""
    path = str(value).strip().strip("/")
    if not path or path.upper() == "ROOT":
        return "ROOT"
    if not path.upper().startswith("ROOT/"):
        path = "ROOT/" + path
    return "ROOT" + path[4:]


class Resolver:
    """Finds objects by name or id, one server-side filtered call each, cached for the run."""

    def __init__(self, client):
        self.client = client
        self.cache = {}

    def get(self, kind, value, option=None, required=True, **scope):
        """The object of this kind named (or with the id) value, within scope (zoneid=..., domainid=...).

        Returns None if value is None. Raises ResolveError when nothing (or more than one) matches."""
        if value is None or value == "":
            return None
        scope = {k: v for k, v in scope.items() if v is not None}
        spelled = domain_path(value) if kind == "domain" and not is_uuid(value) else str(value)
        ckey = (kind, spelled.lower(), tuple(sorted(scope.items())))
        if ckey in self.cache:
            return self.cache[ckey]
        if kind == "domain":
            found = self._domain(value)
        else:
            found = self._by_name(kind, value, scope)
        if found is None and required and (option or kind) == kind and kind in NOT_FOUND:
            raise ResolveError(NOT_FOUND[kind] % value)
        if found is None and required:
            where = "".join(" in %s %s" % (k[:-2] if k.endswith("id") else k, v) for k, v in sorted(scope.items()))
            raise ResolveError("%s %r not found%s (option %s)" % (kind.replace("_", " "), value, where, option or kind))
        self.cache[ckey] = found
        if found is not None and "id" in found:
            self.cache[(kind, str(found["id"]).lower(), tuple(sorted(scope.items())))] = found
        return found

    @staticmethod
    def display(kind, obj):
        """How an option names an object of this kind (a domain: its path; else its name)."""
        return obj.get(REFS.get(kind, {}).get("display", "name")) if obj else None

    @staticmethod
    def named_by_name(kind):
        """True if an option names an object of this kind by its name (as replies show it under e.g. zonename), so that
        a reply's name field tells whether the option names the current reference; False for a domain (a path)."""
        return REFS.get(kind, {}).get("display", "name") == "name"

    def id(self, kind, value, option=None, required=True, **scope):
        obj = self.get(kind, value, option=option, required=required, **scope)
        return obj.get("id") if obj else None

    def _by_name(self, kind, value, scope):
        ref = REFS[kind]
        params = dict(ref.get("fixed", {}))
        params.update(scope)
        name_param = ref.get("name", "name")
        field = ref.get("field", name_param)
        if is_uuid(value):
            params["id"] = value
            return self._by_id(ref["command"], ref["key"], params)
        params[name_param] = value
        items = self.client.list(ref["command"], key=ref["key"], **params)
        # the name filter may be a "contains" match on the server: keep exact matches
        exact = [o for o in items if str(o.get(field, "")) == str(value)]
        if not exact:
            exact = [o for o in items if str(o.get(field, "")).lower() == str(value).lower()]
        if len(exact) > 1:
            raise ResolveError("%s name %r is ambiguous: %d objects match (%s); use the id" % (
                kind.replace("_", " "), value, len(exact), ", ".join(str(o.get("id")) for o in exact[:5])))
        return exact[0] if exact else None

    def _by_id(self, command, key, params):
        try:
            items = self.client.list(command, key=key, **params)
        except CloudStackApiError as exc:
            if exc.status == 431:  # CloudStack's answer to a uuid that names nothing
                return None
            raise
        return items[0] if items else None

    def _domain(self, value):
        if is_uuid(value):
            return self._by_id("listDomains", "domain", {"id": value, "listall": True})
        path = domain_path(value)
        name = path.rsplit("/", 1)[-1]
        items = self.client.list("listDomains", key="domain", name=name, listall=True)
        for dom in items:
            if domain_path(dom.get("path", "")).lower() == path.lower():
                return dom
        return None
