# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Instances (virtual machines), declared for the engine (modules instance and instance_info), and the
parts the mass module (instances) shares: deploy parameters, the image lookup, settling and result keys.

- An instance is found by name (or display name) within its owner (the caller, or domain/account, or project):
  one filtered listVirtualMachines call (never the whole list, ngine_io#163).
- Deployed with deployVirtualMachine (async); after a lost reply the engine looks for it before deploying
  again (no duplicates), and waits (bounded) until it has left Starting.
- Options that change without stopping it: display_name, group, user_data, user_data_name / user_data_details
  (updateVirtualMachine userdataid, userdatadetails: a registered record of the user_data module), tags,
  host (migrateVirtualMachine of a running instance). Options that need it stopped: service_offering
  (and cpu/cpu_speed/memory: changeServiceForVirtualMachine; with live_scale, scaleVirtualMachine of a
  running instance), security_groups (updateVirtualMachine), ssh_key (resetSSHKeyForVirtualMachine),
  affinity_groups (updateVMAffinityGroup), root_disk_size (resizeVolume). A running instance is only
  stopped for them with force=true (and started again); otherwise they are a warning and no change.
- user_data is not part of a plain listVirtualMachines reply: it is read back (listVirtualMachines
  userdata=true, else getVirtualMachineUserData) and compared by SHA-256, never reported as a false change.
- The rest (template/ISO, networks, IPs, disk offering, keyboard, hypervisor, pod/cluster) is used when
  the instance is deployed.
"""
from __future__ import annotations

import base64
import hashlib

from ..client import CloudStackApiError, CloudStackError
from ..engine import Field, Resource, ResourceEngine, to_result
from ..resolve import ResolveError, is_uuid
from ..tags import check_tags, ensure_tags, tags_of

TRANSITIONAL = ("Starting", "Stopping", "Migrating", "Expunging", "Destroying")
GONE = ("Expunging",)
STATE_CHOICES = ["deployed", "started", "stopped", "restarted", "restored", "destroyed", "expunged", "present", "absent"]
KEYBOARDS = ["de", "de-ch", "es", "fi", "fr", "fr-be", "fr-ch", "is", "it", "jp", "nl-be", "no", "pt", "uk", "us"]
TEMPLATE_FILTERS = ["all", "featured", "self", "selfexecutable", "sharedexecutable", "executable", "community"]
GIB = 1024 ** 3

RETURNS = {
    "group": "group",
    "hypervisor": "hypervisor",
    "instancename": "instance_name",
    "publicip": "public_ip",
    "passwordenabled": "password_enabled",
    "password": "password",
    "serviceofferingname": "service_offering",
    "isoname": "iso",
    "templatename": "template",
    "templatedisplaytext": "template_display_text",
    "keypair": "ssh_key",
    "hostname": "host",
    "cpunumber": "cpu",
    "cpuspeed": "cpu_speed",
    "memory": "memory",
    "diskofferingname": "disk_offering",
    "userdataname": "user_data_name",
}


# ---- helpers shared with the instances module -------------------------------------------------------------
def encode_user_data(text):
    return base64.b64encode(str(text).encode("utf-8")).decode("ascii")


def user_data_hash(b64):
    """SHA-256 of the decoded user data (None/"" -> None), so that equal data in other base64 forms compare equal."""
    if not b64:
        return None
    try:
        raw = base64.b64decode(b64)
    except (ValueError, TypeError):
        raw = str(b64).encode("utf-8")
    return hashlib.sha256(raw).hexdigest() if raw else None


def owner_params(module, p):
    """domain / account / project options -> listing and deploy parameters."""
    resolver = module.resolver
    out = {}
    domainid = resolver.id("domain", p["domain"], option="domain") if p.get("domain") else None
    if p.get("project"):
        out["projectid"] = resolver.id("project", p["project"], option="project", **({"domainid": domainid} if domainid else {}))
    elif p.get("account"):
        out.update(account=p["account"], domainid=domainid or resolver.id("domain", "ROOT", option="domain"))
    elif domainid:
        out["domainid"] = domainid
    return out


def find_image(module, p, zoneid, owner, cache=None):
    """The template (or ISO) named by p["template"] / p["iso"] in the zone: (id, object) or (None, None)."""
    is_iso = bool(p.get("iso"))
    value = p.get("iso") if is_iso else p.get("template")
    if not value:
        return None, None
    key = ("iso" if is_iso else "template", value, zoneid)
    if cache is not None and key in cache:
        return cache[key]
    command, list_key, flt = ("listIsos", "iso", "isofilter") if is_iso else ("listTemplates", "template", "templatefilter")
    params = {flt: p.get("template_filter") or "executable", "zoneid": zoneid}
    if params[flt] in ("self", "selfexecutable", "sharedexecutable"):
        # the owner's own (or shared) images; the other filters list what the caller may use, public ones included
        params.update({k: v for k, v in owner.items() if k in ("account", "domainid", "projectid")})
    found = None
    if is_uuid(value):
        try:
            items = module.client.list(command, key=list_key, id=value, **params)
        except CloudStackApiError as exc:
            if exc.status != 431:
                raise
            items = []
        found = items[0] if items else None
    else:
        items = module.client.list(command, key=list_key, name=value, **params)
        exact = [o for o in items if o.get("name") == value] or [o for o in items if str(o.get("name", "")).lower() == str(value).lower()]
        if not exact:  # ngine_io also accepts the display text
            items = module.client.list(command, key=list_key, keyword=value, **params)
            exact = [o for o in items if o.get("displaytext") == value]
        ids = {o.get("id") for o in exact}
        if len(ids) > 1:
            raise CloudStackError("%s name %r is ambiguous: %d images match (%s); use the id" % (
                "iso" if is_iso else "template", value, len(ids), ", ".join(sorted(ids))[:200]))
        found = exact[0] if exact else None
    if found is None:
        msg = "%s '%s' not found" % ("ISO" if is_iso else "Template", value)  # ngine_io's message
        if module.check_mode and not is_uuid(value):
            # check mode: an earlier task of the same run may register it; the deploy is reported, with a warning
            module.warn("check mode: %s; the instance is reported as to be deployed" % msg)
            return None, None
        raise CloudStackError(msg)
    out = (found["id"], found)
    if cache is not None:
        cache[key] = out
    return out


def network_ids(module, names, zoneid, owner, option="networks"):
    scope = dict(zoneid=zoneid, **{k: v for k, v in owner.items() if k in ("account", "domainid", "projectid")})
    ids = []
    for name in names:
        try:
            ids.append(module.resolver.id("network", name, option=option, **scope))
        except ResolveError as exc:
            if not module.check_mode or is_uuid(name):
                raise
            # check mode: an earlier task of the same run may create it (a VPC tier); the deploy is reported, with a warning
            module.warn("check mode: %s; the instance is reported as to be deployed" % exc)
            ids.append(None)
    return ids


def check_deploy(p):
    """The options a deployment needs, and those that exclude each other: a clear error before anything is made."""
    if p.get("template") and p.get("iso"):
        raise CloudStackError("template and iso are mutually exclusive (template=%s, iso=%s)" % (p["template"], p["iso"]))
    if not p.get("template") and not p.get("iso"):
        raise CloudStackError("Template or ISO is required.")  # ngine_io's message
    if not p.get("service_offering"):
        raise CloudStackError("instance %s does not exist; to deploy it set service_offering" % (p.get("name") or p.get("display_name")))
    if p.get("networks") and p.get("ip_to_networks"):
        raise CloudStackError("networks and ip_to_networks are mutually exclusive")


def ip_to_network_list(module, entries, zoneid, owner):
    """ip_to_networks -> deployVirtualMachine's iptonetworklist."""
    mapping = []
    for entry in entries:
        if not isinstance(entry, dict) or not entry.get("network"):
            raise CloudStackError("ip_to_networks: each entry is a dict with network and ip (ipv6, mac optional), got %r" % (entry,))
        unknown = set(entry) - {"network", "ip", "ipv6", "mac"}
        if unknown:
            raise CloudStackError("ip_to_networks: unknown keys %s in %r (network, ip, ipv6, mac)" % (", ".join(sorted(unknown)), entry))
        (netid,) = network_ids(module, [entry["network"]], zoneid, owner, option="ip_to_networks")
        mapping.append({"networkid": netid, "ip": entry.get("ip"), "ipv6": entry.get("ipv6"), "mac": entry.get("mac")})
    return mapping


def user_data_params(module, p, owner):
    params = {}
    if p.get("user_data") is not None:
        params["userdata"] = encode_user_data(p["user_data"])
    if p.get("user_data_name"):
        params["userdataid"] = user_data_id(module, p, owner)
        if p.get("user_data_details"):
            params["userdatadetails"] = [dict(p["user_data_details"])]
    return params


def deploy_details(p):
    """details, with cpu / cpu_speed / memory of a custom offering, in CloudStack's map form (details[0].cpuNumber=2)."""
    details = dict(p.get("details") or {})
    for option, key in (("cpu", "cpuNumber"), ("cpu_speed", "cpuSpeed"), ("memory", "memory")):
        if p.get(option):
            details[key] = p[option]
    return [details] if details else None


def deploy_params(module, p, zoneid=None, owner=None, cache=None):
    """A task's (or one spec's) options -> the parameters of deployVirtualMachine."""
    resolver = module.resolver
    zoneid = zoneid or resolver.id("zone", p.get("zone"), option="zone")
    owner = owner if owner is not None else owner_params(module, p)
    check_deploy(p)
    templateid, _image = find_image(module, p, zoneid, owner, cache)
    params = dict(owner)
    params.update(zoneid=zoneid, templateid=templateid,
                  serviceofferingid=resolver.id("service_offering", p["service_offering"], option="service_offering"))
    if p.get("name"):
        params["name"] = p["name"]
    if p.get("display_name") or p.get("name"):
        params["displayname"] = p.get("display_name") or p.get("name")
    if p.get("disk_offering"):
        params["diskofferingid"] = resolver.id("disk_offering", p["disk_offering"], option="disk_offering")
    if p.get("networks"):
        params["networkids"] = network_ids(module, p["networks"], zoneid, owner)
    if p.get("ip_to_networks"):
        params["iptonetworklist"] = ip_to_network_list(module, p["ip_to_networks"], zoneid, owner)
    for option, param in (("ip_address", "ipaddress"), ("ip6_address", "ip6address"), ("group", "group"), ("keyboard", "keyboard"),
                          ("disk_size", "size"), ("root_disk_size", "rootdisksize"), ("hypervisor", "hypervisor"), ("ssh_key", "keypair")):
        if p.get(option) not in (None, ""):
            params[param] = p[option]
    params.update(user_data_params(module, p, owner))
    for option, param in (("affinity_groups", "affinitygroupnames"), ("security_groups", "securitygroupnames")):
        if p.get(option):
            params[param] = list(p[option])
    details = deploy_details(p)
    if details:
        params["details"] = details
    for option, kind in (("host", "host"), ("cluster", "cluster"), ("pod", "pod")):
        if p.get(option):
            params[kind + "id"] = resolver.id(kind, p[option], option=option, zoneid=zoneid)
    return params


def user_data_id(module, p, owner):
    name = p["user_data_name"]
    params = {k: v for k, v in owner.items() if k in ("account", "domainid", "projectid")}
    items = module.client.list("listUserData", key="userdata", listall=True, **params)
    for item in items:
        if name in (item.get("name"), item.get("id")):
            return item["id"]
    raise CloudStackError("user data %r not found (option user_data_name)" % name)


def settle(client, vm, timeout=None):
    """Poll an instance until it has left a transitional state (after a lost reply the job id is unknown)."""
    deadline = client.clock() + (timeout or client.async_timeout)
    delay = client.poll_first
    while vm is not None and vm.get("state") in TRANSITIONAL:
        if client.clock() >= deadline:
            raise CloudStackError("instance %s: still %s after %s seconds (api_async_timeout)" % (
                vm.get("name"), vm.get("state"), timeout or client.async_timeout))
        client.sleep(delay)
        delay = min(client.poll_max, delay * 2)
        items = client.list("listVirtualMachines", key="virtualmachine", id=vm["id"])
        vm = items[0] if items else None
    return vm


def user_data_details(text):
    """A VM's userdatadetails as CloudStack shows them (the Java map's text, "{role=web, size=2}") -> a dict."""
    inner = str(text or "").strip().strip("{}")
    return dict(pair.split("=", 1) for pair in inner.split(", ") if "=" in pair)


def instance_result(obj, user_data=None):
    out = to_result(obj, RETURNS)
    if obj.get("userdatadetails"):
        out["user_data_details"] = user_data_details(obj["userdatadetails"])
    if obj.get("keypairs"):
        out["ssh_keys"] = [k for k in str(obj["keypairs"]).split(",") if k]
        out.setdefault("ssh_key", out["ssh_keys"][0])
    if "securitygroup" in obj:
        out["security_groups"] = [sg.get("name") for sg in obj.get("securitygroup") or []]
    if "affinitygroup" in obj:
        out["affinity_groups"] = [ag.get("name") for ag in obj.get("affinitygroup") or []]
    for nic in obj.get("nic") or []:
        if nic.get("isdefault"):
            if nic.get("ipaddress"):
                out["default_ip"] = nic["ipaddress"]
            if nic.get("ip6address"):
                out["default_ip6"] = nic["ip6address"]
    out["networks"] = [n.get("networkname") for n in obj.get("nic") or [] if n.get("networkname")]
    if user_data is not None:
        out["user_data"] = user_data
    return out


# ---- the instance module -------------------------------------------------------------------------------------
class InstanceResource(Resource):
    def lookup_params(self, engine):
        p = engine.params
        check_tags(engine.params)
        params = owner_params(engine.module, p)
        if p.get("name"):
            params["name"] = p["name"]
        else:
            params["keyword"] = p["display_name"]
        if p.get("user_data") is not None:
            params["userdata"] = True  # 4.18: the reply carries the user data only when asked
        return params

    def matches(self, engine, obj):
        if obj.get("state") in GONE:
            return False
        p = engine.params
        if p.get("name"):
            return str(obj.get("name", "")).lower() == p["name"].lower()
        return str(obj.get("displayname", "")).lower() == p["display_name"].lower()

    def create_params(self, engine):
        p = dict(engine.params)
        params = deploy_params(engine.module, p, cache=engine.cache)
        params["startvm"] = p.get("state") not in ("stopped",)
        return params

    def result(self, engine, obj):
        out = instance_result(obj, getattr(engine, "user_data_b64", None))
        if "_volumes" not in obj:  # the instance module: user_data as ngine_io, "" when the task does not manage it
            out.setdefault("user_data", obj.get("userdata", ""))
        if "_volumes" in obj:  # instance_info: as ngine_io's, plus the NICs
            out["nic"] = obj.get("nic") or []
            if obj["_volumes"]:
                out["volumes"] = obj["_volumes"]
        return out

    def info_list(self, engine, params, named):
        """instance_info: one paged listVirtualMachines (owner, zone, host filters; a name matches the name or the
        display name), then one paged listVolumes for the volumes of all of them (never one call per instance)."""
        p = engine.params
        module = engine.module
        params = owner_params(module, p) or {"listall": True}
        if p.get("zone"):
            params["zoneid"] = module.resolver.id("zone", p["zone"], option="zone")
        if p.get("host"):
            params["hostid"] = module.resolver.id("host", p["host"], option="host", **({"zoneid": params["zoneid"]} if "zoneid" in params else {}))
        name = p.get("name")
        if name:
            params["keyword"] = name
        items = module.client.list("listVirtualMachines", key="virtualmachine", **params)
        if name:
            low = name.lower()
            by_display = p.get("match_display_name", True)
            items = [o for o in items if str(o.get("name", "")).lower() == low or o.get("id") == name
                     or (by_display and str(o.get("displayname", "")).lower() == low)]
            if not items:
                raise CloudStackError("Instance not found: %s" % name)  # ngine_io's message
        if items:
            vparams = {k: v for k, v in params.items() if k in ("account", "domainid", "projectid", "listall", "zoneid")}
            if len(items) == 1:
                vparams["virtualmachineid"] = items[0]["id"]
            volumes = {}
            for vol in module.client.list("listVolumes", key="volume", **vparams):
                if vol.get("virtualmachineid"):
                    volumes.setdefault(vol["virtualmachineid"], []).append({"size": vol.get("size"), "type": vol.get("type"), "name": vol.get("name")})
            for o in items:
                o["_volumes"] = volumes.get(o["id"], [])
        return items


class InstanceEngine(ResourceEngine):
    """The state machine of one instance on top of the engine's find / create (with the second look)."""

    def __init__(self, module, resource):
        super().__init__(module, resource)
        self.cache = {}
        self.user_data_b64 = None

    # ---- reads ------------------------------------------------------------------------------------------
    def find(self):
        r = self.resource
        candidates = [o for o in self.client.list(r.list_command, key=r.list_key, **r.lookup_params(self)) if r.matches(self, o)]
        if len(candidates) > 1:
            raise CloudStackError("instance %s: %d instances match (%s); give the owner (domain/account/project) or a unique name" % (
                self.label(), len(candidates), ", ".join(str(o.get("id")) for o in candidates[:5])))
        return candidates[0] if candidates else None

    def refresh(self, vm):
        items = self.client.list("listVirtualMachines", key="virtualmachine", id=vm["id"])
        return items[0] if items else None

    def current_user_data(self, vm):
        if "userdata" in vm:
            return vm.get("userdata") or ""
        reply = self.client.call("getVirtualMachineUserData", virtualmachineid=vm["id"])
        return (reply.get("virtualmachineuserdata") or {}).get("userdata") or ""

    def root_volume(self, vm):
        vols = self.client.list("listVolumes", key="volume", virtualmachineid=vm["id"], type="ROOT", listall=True)
        return vols[0] if vols else None

    def vm_job(self, command, key="virtualmachine", **params):
        reply = self.client.call(command, **params)
        if isinstance(reply, dict) and "jobid" in reply:
            reply = self.client.wait_job(reply, command)
        if isinstance(reply, dict) and key in reply:
            return reply[key]
        return reply

    # ---- writes -------------------------------------------------------------------------------------------
    def deploy(self):
        vm = self.create()
        if vm is None:
            raise CloudStackError("instance %s: deployVirtualMachine returned nothing and the instance cannot be found" % self.label())
        vm = settle(self.client, vm)
        if vm is not None and vm.get("state") == "Error":
            raise CloudStackError("instance %s is in state Error after its deployment" % vm.get("name"))
        return vm

    def label(self, vm=None):
        return (vm or {}).get("name") or self.params.get("name") or self.params.get("display_name")

    def start(self, vm):
        if vm["state"] in ("Running", "Starting"):
            return vm
        params = {"id": vm["id"]}
        for option, kind in (("host", "host"), ("cluster", "cluster"), ("pod", "pod")):
            if self.params.get(option):
                params[kind + "id"] = self.module.resolver.id(kind, self.params[option], option=option, zoneid=vm.get("zoneid"))
        return self.vm_job("startVirtualMachine", **params)

    def stop(self, vm):
        if vm["state"] in ("Stopped",):
            return vm
        return self.vm_job("stopVirtualMachine", id=vm["id"])

    # ---- compare ---------------------------------------------------------------------------------------------
    def plan(self, vm):
        """What differs on an existing instance: (no-stop updateVirtualMachine params, stop-needed steps,
        before, after); steps are (option, function(vm) -> vm)."""
        update, steps, before, after = {}, [], {}, {}
        for part in (self.plan_update, self.plan_offering, self.plan_access, self.plan_root_disk):
            part(vm, update, steps, before, after)
        return update, steps, before, after

    def plan_update(self, vm, update, steps, before, after):
        """display_name, group, user_data: updateVirtualMachine, no stop needed."""
        p = self.params
        if p.get("display_name") is not None and p["display_name"] != vm.get("displayname"):
            update["displayname"] = p["display_name"]
            before["display_name"], after["display_name"] = vm.get("displayname"), p["display_name"]
        if p.get("group") is not None and (p["group"] or None) != (vm.get("group") or None):
            update["group"] = p["group"]
            before["group"], after["group"] = vm.get("group"), p["group"]
        if p.get("user_data") is not None:
            current = self.current_user_data(vm)
            self.user_data_b64 = current
            wanted = encode_user_data(p["user_data"])
            if user_data_hash(current) != user_data_hash(wanted):
                update["userdata"] = wanted
                before["user_data"] = "sha256:%s" % user_data_hash(current) if current else None
                after["user_data"] = "sha256:%s" % user_data_hash(wanted) if wanted else None
                self.user_data_b64 = wanted
        if p.get("user_data_name"):
            self.plan_user_data_name(vm, update, before, after)

    def plan_user_data_name(self, vm, update, before, after):
        """user_data_name (+ user_data_details): another registered record, or other values for its variables."""
        p = self.params
        udid = user_data_id(self.module, p, owner_params(self.module, p))
        details = {k: str(v) for k, v in (p.get("user_data_details") or {}).items()}
        current = user_data_details(vm.get("userdatadetails"))
        if udid == vm.get("userdataid") and (not details or details == current):
            return
        update["userdataid"] = udid
        if details:
            update["userdatadetails"] = [details]
            before["user_data_details"], after["user_data_details"] = current, details
        before["user_data_name"], after["user_data_name"] = vm.get("userdataname"), p["user_data_name"]

    def plan_offering(self, vm, update, steps, before, after):
        p = self.params
        if not p.get("service_offering"):
            return
        off = self.module.resolver.get("service_offering", p["service_offering"], option="service_offering")
        custom = {k: p[o] for o, k in (("cpu", "cpunumber"), ("cpu_speed", "cpuspeed"), ("memory", "memory")) if p.get(o)}
        if off["id"] == vm.get("serviceofferingid") and all(str(vm.get(k)) == str(v) for k, v in custom.items()):
            return
        before["service_offering"], after["service_offering"] = vm.get("serviceofferingname"), off.get("name")
        for k, v in custom.items():
            before[k], after[k] = vm.get(k), v
        details = {key: p[o] for o, key in (("cpu", "cpuNumber"), ("cpu_speed", "cpuSpeed"), ("memory", "memory")) if p.get(o)}
        steps.append(("service_offering", lambda v, off=off, details=details: self.change_offering(v, off, details)))

    def plan_access(self, vm, update, steps, before, after):
        """security_groups, ssh_key, affinity_groups: each a command of its own on a stopped instance."""
        p = self.params
        if p.get("security_groups") is not None:
            have = sorted(sg.get("name", "").lower() for sg in vm.get("securitygroup") or [])
            want = sorted(s.lower() for s in p["security_groups"])
            if have != want:
                before["security_groups"], after["security_groups"] = [sg.get("name") for sg in vm.get("securitygroup") or []], p["security_groups"]
                steps.append(("security_groups", lambda v: self.vm_job("updateVirtualMachine", id=v["id"], securitygroupnames=list(p["security_groups"]))))
        if p.get("ssh_key"):
            have = [k for k in str(vm.get("keypairs") or "").split(",") if k]
            if have != [p["ssh_key"]]:
                before["ssh_key"], after["ssh_key"] = ",".join(have) or None, p["ssh_key"]
                owner = {k: vm.get(k) for k in ("account", "domainid", "projectid") if vm.get(k)}
                if owner.get("projectid"):
                    owner.pop("account", None)
                    owner.pop("domainid", None)
                steps.append(("ssh_key", lambda v, owner=owner: self.vm_job("resetSSHKeyForVirtualMachine", id=v["id"], keypair=p["ssh_key"], **owner)))
        if p.get("affinity_groups") is not None:
            have = sorted(ag.get("name", "") for ag in vm.get("affinitygroup") or [])
            if have != sorted(p["affinity_groups"]):
                before["affinity_groups"], after["affinity_groups"] = have, sorted(p["affinity_groups"])
                steps.append(("affinity_groups", lambda v: self.vm_job("updateVMAffinityGroup", id=v["id"], affinitygroupnames=list(p["affinity_groups"]))))

    def plan_root_disk(self, vm, update, steps, before, after):
        p = self.params
        if p.get("root_disk_size") is None:
            return
        root = self.root_volume(vm)
        size = int(root.get("size") or 0) // GIB if root else None
        if root is None or size == int(p["root_disk_size"]):
            return
        if int(p["root_disk_size"]) < size and not p.get("allow_root_disk_shrink"):
            self.warnings.append("instance %s: root_disk_size %s is smaller than the root disk (%s GiB); set allow_root_disk_shrink=true to shrink it"
                                 % (vm.get("name"), p["root_disk_size"], size))
        else:
            before["root_disk_size"], after["root_disk_size"] = size, int(p["root_disk_size"])
            steps.append(("root_disk_size", lambda v, root=root: self.resize_root(v, root)))

    def change_offering(self, vm, off, details):
        params = {"id": vm["id"], "serviceofferingid": off["id"]}
        if details:
            params["details"] = details
        if vm.get("state") == "Running":
            return self.vm_job("scaleVirtualMachine", **params)
        return self.vm_job("changeServiceForVirtualMachine", **params)

    def resize_root(self, vm, root):
        params = {"id": root["id"], "size": int(self.params["root_disk_size"])}
        if self.params.get("allow_root_disk_shrink"):
            params["shrinkok"] = True
        self.vm_job("resizeVolume", key="volume", **params)
        return self.refresh(vm)

    def update_existing(self, vm):
        p = self.params
        update, steps, before, after = self.plan(vm)
        if vm.get("state") == "Running" and steps and not p.get("force"):
            live = [s for s in steps if s[0] == "service_offering"] if p.get("live_scale") and vm.get("isdynamicallyscalable") else []
            held = [s[0] for s in steps if s not in live]
            if held:
                self.warnings.append("instance %s is running: %s not changed (it must be stopped for that); use force=true to stop and start it"
                                     % (vm.get("name"), ", ".join(held)))
                for option in held:
                    for view in (before, after):
                        for key in list(view):
                            if key == option or (option == "service_offering" and key in ("cpunumber", "cpuspeed", "memory")):
                                view.pop(key)
            steps = live
        if not update and not steps:
            return vm
        for key in after:
            self.differences.add(key, before.get(key), after[key])
        if self.module.check_mode:
            return vm
        if update:
            vm = self.vm_job("updateVirtualMachine", id=vm["id"], **update)
        if steps:
            was_running = vm.get("state") == "Running"
            live_only = was_running and all(s[0] == "service_offering" for s in steps) and p.get("live_scale") and not p.get("force")
            if was_running and not live_only:
                vm = self.stop(vm)
            for _option, step in steps:
                vm = step(vm) or self.refresh(vm)
            if was_running and not live_only and p.get("state") not in ("stopped",):
                vm = self.start(self.refresh(vm))
        return self.refresh(vm) or vm

    def migrate(self, vm):
        host = self.params.get("host")
        if not host or vm.get("state") != "Running":
            return vm
        target = self.module.resolver.get("host", host, option="host", zoneid=vm.get("zoneid"))
        if target["id"] == vm.get("hostid"):
            return vm
        self.differences.add("host", vm.get("hostname"), target.get("name"))
        if self.module.check_mode:
            return vm
        return self.vm_job("migrateVirtualMachine", virtualmachineid=vm["id"], hostid=target["id"])

    def state_to(self, vm, wanted_state, action):
        """Record a state change (before/after) and run it unless in check mode."""
        self.differences.add("state", str(vm.get("state", "")).lower(), wanted_state)
        if self.module.check_mode:
            return vm  # as ngine_io.cloudstack: the instance as it is (diff.after has the state)
        return action(vm)

    # ---- the run -------------------------------------------------------------------------------------------
    def run(self):
        p = self.params
        state = p.get("state") or "present"
        vm = self.find()
        if state in ("absent", "destroyed"):
            if vm is not None and vm.get("state") not in ("Destroyed", "Expunging"):
                vm = self.state_to(vm, "destroyed", lambda v: self.vm_job("destroyVirtualMachine", id=v["id"]) or v)
            return self.done(vm)
        if state == "expunged":
            if vm is not None:
                vm = self.state_to(vm, "expunged", self.expunge)
            return self.done(vm)  # as ngine_io: the instance as it was before it was expunged
        if vm is None:
            return self.run_deploy(state)
        return self.done(self.run_existing(vm, state))

    def run_deploy(self, state):
        p = self.params
        after = {k: v for k, v in (("name", p.get("name")), ("display_name", p.get("display_name") or p.get("name")),
                                   ("zone", p.get("zone")), ("service_offering", p.get("service_offering")),
                                   ("template", p.get("template")), ("iso", p.get("iso")), ("networks", p.get("networks")))
                 if v is not None}
        after["state"] = "stopped" if state == "stopped" else "running"
        self.differences.replace({"state": "absent"}, after)
        # resolve everything now: bad input fails in check mode too, before anything is made
        self.create_params_checked = self.resource.create_params(self)
        if self.module.check_mode:
            # as ngine_io.cloudstack: nothing is returned for an instance still to be deployed but the zone it looked up
            return dict(self.done(None), zone=self.module.resolver.get("zone", p.get("zone"), option="zone").get("name"))
        vm = self.deploy()
        vm = ensure_tags(self, vm, "UserVm") if vm else vm
        if p.get("user_data") is not None:
            self.user_data_b64 = encode_user_data(p["user_data"])
        return self.done(vm)  # restarted: it was just started

    def run_existing(self, vm, state):
        if vm.get("state") in ("Destroyed",):
            vm = self.state_to(vm, "stopped", lambda v: self.vm_job("recoverVirtualMachine", id=v["id"]))
        if vm.get("state") == "Error":
            raise CloudStackError("instance %s is in state Error; expunge it (state=expunged) and deploy it again" % vm.get("name"))
        vm = settle(self.client, vm) if not self.module.check_mode else vm
        vm = self.update_existing(vm)
        tagged = ensure_tags(self, vm, "UserVm")
        vm = tagged if tagged else vm
        vm = self.power(vm, state)
        return self.migrate(vm)

    def power(self, vm, state):
        """started / stopped / restarted / restored on an existing instance."""
        if state == "started" and vm.get("state") != "Running":
            vm = self.state_to(vm, "running", self.start)
        elif state == "stopped" and vm.get("state") != "Stopped":
            vm = self.state_to(vm, "stopped", self.stop)
        elif state == "restarted":
            if vm.get("state") == "Running":
                vm = self.state_to(vm, "running", lambda v: self.vm_job("rebootVirtualMachine", id=v["id"]))
                self.differences.before["state"] = "running (rebooted)"
            else:
                vm = self.state_to(vm, "running", self.start)
        elif state == "restored":
            vm = self.state_to(vm, str(vm.get("state", "")).lower(), self.restore)
            self.differences.before["state"] = "%s (restored)" % self.after["state"]
        return vm

    def restore(self, vm):
        params = {"virtualmachineid": vm["id"]}
        if self.params.get("template"):
            params["templateid"] = find_image(self.module, self.params, vm.get("zoneid"), owner_params(self.module, self.params), self.cache)[0]
        return self.vm_job("restoreVirtualMachine", **params)

    def expunge(self, vm):
        if vm.get("state") in ("Destroyed", "Error"):
            self.vm_job("expungeVirtualMachine", id=vm["id"])
        else:
            self.vm_job("destroyVirtualMachine", id=vm["id"], expunge=True)
        return vm

    def done(self, vm):
        result = {"changed": self.changed}
        if vm:
            result.update(self.resource.result(self, vm))
        if self.module.diff_mode:
            result["diff"] = {"before": self.before, "after": self.after}
        for w in self.warnings:
            self.module.warn(w)
        return result


INSTANCE = InstanceResource(
    name="instance",
    list_command="listVirtualMachines",
    list_key="virtualmachine",
    create_command="deployVirtualMachine",
    create_key="virtualmachine",
    async_commands=frozenset(["deployVirtualMachine"]),
    id_option=None,
    fields=(
        Field("name", compare=None),
        Field("display_name", compare=None),
        Field("group", compare=None),
        Field("service_offering", compare=None),
        Field("cpu", type="int", compare=None),
        Field("cpu_speed", type="int", compare=None),
        Field("memory", type="int", compare=None),
        Field("template", compare=None),
        Field("iso", compare=None),
        Field("template_filter", compare=None, spec={"default": "executable", "choices": TEMPLATE_FILTERS, "aliases": ["iso_filter"]}),
        Field("hypervisor", compare=None),
        Field("keyboard", compare=None, spec={"choices": KEYBOARDS}),
        Field("networks", type="list", compare=None, spec={"aliases": ["network"]}),
        Field("ip_address", compare=None),
        Field("ip6_address", compare=None),
        Field("ip_to_networks", type="list", compare=None, spec={"elements": "dict", "aliases": ["ip_to_network"]}),
        Field("disk_offering", compare=None),
        Field("disk_size", type="int", compare=None),
        Field("root_disk_size", type="int", compare=None),
        Field("security_groups", type="list", compare=None, spec={"aliases": ["security_group"]}),
        Field("host", compare=None),
        Field("cluster", compare=None),
        Field("pod", compare=None),
        Field("domain", compare=None),
        Field("account", compare=None),
        Field("project", compare=None),
        Field("zone", compare=None, spec={"required": True}),
        Field("ssh_key", compare=None, spec={"no_log": False}),
        Field("affinity_groups", type="list", compare=None, spec={"aliases": ["affinity_group"]}),
        Field("user_data", compare=None),
        Field("user_data_name", compare=None),
        Field("user_data_details", type="dict", compare=None),
        Field("force", type="bool", compare=None, spec={"default": False}),
        Field("live_scale", type="bool", compare=None, spec={"default": False}),
        Field("allow_root_disk_shrink", type="bool", compare=None, spec={"default": False}),
        Field("tags", type="list", compare=None, spec={"elements": "dict", "aliases": ["tag"]}),
        Field("details", type="dict", compare=None),
        Field("poll_async", type="bool", compare=None, spec={"default": True}),
    ),
    returns=RETURNS,
    info_key="instances",
    info_filters={},
)


def instance_argument_spec():
    spec = INSTANCE.argument_spec()
    spec["state"] = {"type": "str", "default": "present", "choices": STATE_CHOICES}
    return spec


__all__ = ["INSTANCE", "InstanceEngine", "deploy_params", "find_image", "instance_result", "owner_params", "settle", "tags_of"]
