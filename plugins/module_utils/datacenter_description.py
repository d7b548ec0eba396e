# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A data center description (Marvin deployDataCenter format, as JSON or YAML) -> flat lists of
module options, one list per resource type, in the order CloudStack needs them (private to the
collection; the datacenter module plans and applies them).

    plan(config, {"host_username": ..., "host_password": ...})

returns a dict with the keys settings, zones, physical_networks, traffic_types, providers,
pods, ipranges, clusters, hosts, storage_pools, image_stores (each a list of dicts whose keys are
the option names of the csops.cloudstack modules), plus zones_absent ... hosts_absent (the
elements with state absent, children included, to remove in reverse order) and warnings.
Bad input raises DescriptionError naming the element (path in the description) and the field.
"""
from __future__ import annotations

import urllib.parse

STATES = ("present", "absent")
TRAFFIC_TYPES = {"guest": "Guest", "management": "Management", "public": "Public", "storage": "Storage"}
# Marvin traffic type label keys -> module options
LABELS = {
    "kvm": "kvm_networklabel",
    "xen": "xen_networklabel",
    "vmware": "vmware_networklabel",
    "hyperv": "hyperv_networklabel",
    "ovm3": "ovm3_networklabel",
}
# Marvin keys that configure the simulator itself or Marvin's own run: accepted and ignored
IGNORED_TOP = {"dbSvr", "mgtSvr", "logger", "TestCase", "s3"}


class DescriptionError(ValueError):
    """The description is not valid: the message names the element (its path) and the field."""


def _fail(path, msg):
    raise DescriptionError("datacenter: %s: %s" % (path, msg))


def _bool(value, path, field):
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "yes", "1", "on"):
        return True
    if text in ("false", "no", "0", "off", ""):
        return False
    _fail(path, "%s must be a boolean, got %r" % (field, value))


def _str(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _state(obj, path, parent_state):
    state = obj.get("state", "present")
    if state not in STATES:
        _fail(path, "state must be one of %s, got %r" % (", ".join(STATES), state))
    # an element under an absent element goes too (CloudStack deletes children first)
    return "absent" if parent_state == "absent" else state


def _need(obj, key, path):
    value = obj.get(key)
    if value in (None, ""):
        _fail(path, "missing required field %r" % key)
    return value


def _list(obj, key, path):
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        _fail(path, "%s must be a list, got %s" % (key, type(value).__name__))
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            _fail("%s.%s[%d]" % (path, key, i), "must be a mapping, got %s" % type(item).__name__)
    return value


def _tags(value):
    """'a,b' or [a, b] -> [a, b]; None stays None."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [t.strip() for t in str(value).split(",") if t.strip()]


def _clean(d):
    return {k: v for k, v in d.items() if v is not None}


def host_name(host, path):
    """The name the host module finds a host by: an explicit `name`, else derived from the URL.

    http://10.0.0.5 -> 10.0.0.5 (CloudStack reports the address of a KVM host as its ipaddress);
    a URL with a path, as the simulator's http://sim/<cluster>/<host>, -> sim-<cluster>-<host>
    (the host part alone would be the same for every simulator host).
    """
    if host.get("name"):
        return str(host["name"])
    url = str(_need(host, "url", path))
    parts = urllib.parse.urlsplit(url if "://" in url else "http://" + url)
    if not parts.hostname:
        _fail(path, "url %r has no host part" % url)
    segments = [s for s in parts.path.split("/") if s]
    return "-".join([parts.hostname] + segments)


def plan(config, defaults=None):
    """The whole description -> flat lists (see the module docstring)."""
    defaults = defaults or {}
    if config is None:
        config = {}
    if not isinstance(config, dict):
        _fail("datacenter_config", "must be a mapping (Marvin deployDataCenter format), got %s" % type(config).__name__)
    out = {k: [] for k in ("settings", "zones", "zones_enable", "physical_networks", "physical_networks_enable", "traffic_types",
                           "pods", "ipranges", "clusters", "hosts", "storage_pools", "image_stores")}
    for k in ("zones", "physical_networks", "traffic_types", "pods", "ipranges", "clusters", "hosts", "storage_pools", "image_stores"):
        out[k + "_absent"] = []
    out["warnings"] = []
    unknown = set(config) - {"zones", "globalConfig"} - IGNORED_TOP
    if unknown:
        out["warnings"].append("datacenter_config: ignoring unknown top-level keys: %s" % ", ".join(sorted(unknown)))
    if config.get("s3"):
        out["warnings"].append("datacenter_config.s3: S3 set-up is not done by the datacenter module (ignored)")

    for i, setting in enumerate(_list(config, "globalConfig", "datacenter_config")):
        path = "globalConfig[%d]" % i
        name = _need(setting, "name", path)
        if "value" not in setting or setting["value"] is None:
            _fail(path, "setting %s has no 'value'" % name)
        out["settings"].append({"name": str(name), "value": _str(setting["value"])})

    seen_zones = set()
    for zi, zone in enumerate(_list(config, "zones", "datacenter_config")):
        _zone(zone, "zones[%d]" % zi, out, defaults, seen_zones)
    for kind, items in out.items():
        if kind != "warnings":
            for item in items:
                item["label"] = _label(kind, item)
    return out


def _label(kind, item):
    kind = kind.replace("_absent", "")
    z = item.get("zone", item.get("name"))
    if kind == "settings":
        return "setting %s" % item["name"]
    if kind in ("zones", "zones_enable"):
        return "zone %s%s" % (item["name"], " " + item["state"] if kind == "zones_enable" else "")
    if kind in ("physical_networks", "physical_networks_enable"):
        return "physical network %s/%s%s" % (z, item["name"], " " + item["state"] if kind.endswith("enable") else "")
    if kind == "traffic_types":
        return "traffic type %s/%s/%s" % (z, item["physical_network"], item["traffic_type"])
    if kind == "pods":
        return "pod %s/%s" % (z, item["name"])
    if kind == "ipranges":
        return "public IP range %s/%s-%s" % (z, item["start_ip"], item.get("end_ip", ""))
    if kind == "clusters":
        return "cluster %s/%s/%s" % (z, item["pod"], item["name"])
    if kind == "hosts":
        return "host %s/%s/%s" % (z, item["cluster"], item["name"])
    if kind == "storage_pools":
        return "primary storage %s/%s" % (z + "/" + item["cluster"] if item.get("cluster") else z, item["name"])
    return "secondary storage %s/%s" % (z, item["name"])


def _zone(zone, zpath, out, defaults, seen):
    zname = str(_need(zone, "name", zpath))
    zpath = "zone %s" % zname
    if zname.lower() in seen:
        _fail(zpath, "the zone is described twice")
    seen.add(zname.lower())
    zstate = _state(zone, zpath, "present")
    ntype = str(zone.get("networktype") or "Advanced").capitalize()
    if ntype not in ("Basic", "Advanced"):
        _fail(zpath, "networktype must be Basic or Advanced, got %r" % zone.get("networktype"))
    sg = _bool(zone.get("securitygroupenabled"), zpath, "securitygroupenabled")
    _zone_itself(zone, zpath, zname, zstate, ntype, sg, out)
    hypervisors = []
    for pi, pnet in enumerate(_list(zone, "physical_networks", zpath)):
        _physical_network(pnet, "%s.physical_networks[%d]" % (zpath, pi), zname, zstate, out)
    _ip_ranges(zone, zpath, zname, zstate, ntype, sg, out)
    for pi, pod in enumerate(_list(zone, "pods", zpath)):
        _pod(pod, "%s.pods[%d]" % (zpath, pi), zname, zstate, out, defaults, hypervisors)
    _zone_storage(zone, zpath, zname, zstate, out, hypervisors)


def _zone_itself(zone, zpath, zname, zstate, ntype, sg, out):
    if zstate == "present":
        out["zones"].append(_clean({
            "key": "z:" + zname,
            "name": zname,
            "network_type": ntype,
            "dns1": _str(zone.get("dns1")),
            "dns2": _str(zone.get("dns2")),
            "internal_dns1": _str(zone.get("internaldns1")),
            "internal_dns2": _str(zone.get("internaldns2")),
            "dns1_ipv6": _str(zone.get("ip6dns1")),
            "dns2_ipv6": _str(zone.get("ip6dns2")),
            "guest_cidr_address": None if sg else _str(zone.get("guestcidraddress")),
            "network_domain": _str(zone.get("domain")),
            "securitygroups_enabled": sg,
            "local_storage_enabled": _bool(zone.get("localstorageenabled"), zpath, "localstorageenabled"),
        }))
        enabled = _bool(zone.get("enabled", True), zpath, "enabled")
        out["zones_enable"].append({"key": "z:" + zname, "parent": "z:" + zname, "name": zname, "state": "enabled" if enabled else "disabled"})
    else:
        out["zones_absent"].append({"key": "z:" + zname, "name": zname})
    for key in ("cacheStorages",):
        if zone.get(key):
            _fail(zpath, "%s are not supported by the datacenter module" % key)
    vmwaredc = zone.get("vmwaredc") or {}
    if any(vmwaredc.get(k) for k in ("name", "vcenter")):
        _fail(zpath, "vmwaredc (VMware datacenter registration) is not supported by the datacenter module")
    if zone.get("details"):
        out["warnings"].append("%s: details (updateZone details) are not set by the datacenter module (ignored)" % zpath)


def _ip_ranges(zone, zpath, zname, zstate, ntype, sg, out):
    pnets = [str(p.get("name")) for p in zone.get("physical_networks") or []]
    public_pnet = None
    for p in zone.get("physical_networks") or []:
        if any(str(t.get("typ", "")).lower() == "public" for t in p.get("traffictypes") or []):
            public_pnet = str(p.get("name"))
    for ri, rng in enumerate(_list(zone, "ipranges", zpath)):
        rpath = "%s.ipranges[%d]" % (zpath, ri)
        if ntype == "Basic" or sg:
            _fail(rpath, "ranges of a shared guest network (basic or security-group zones) need a guest network, which the datacenter module does not create")
        rstate = _state(rng, rpath, zstate)
        item = _clean({
            "zone": zname,
            "start_ip": _str(_need(rng, "startip", rpath)),
            "end_ip": _str(rng.get("endip")),
            "netmask": _str(rng.get("netmask")),
            "gateway": _str(rng.get("gateway")),
            "vlan": _str(rng.get("vlan")),
            "account": _str(rng.get("account")),
            "domain": _str(rng.get("domain")),
            "physical_network": public_pnet if len(pnets) > 1 else None,
            "for_virtual_network": True,
            "parent": "n:%s/%s" % (zname, public_pnet) if public_pnet else "z:" + zname,
        })
        if rng.get("domainid"):
            _fail(rpath, "domainid is not supported here, give the domain path as 'domain' (e.g. ROOT/customers)")
        out["ipranges" if rstate == "present" else "ipranges_absent"].append(item)


def _zone_storage(zone, zpath, zname, zstate, out, hypervisors):
    """Secondary (image stores) and zone-wide primary storage; a zone-wide pool takes the hypervisor of the zone's first cluster."""
    for si, store in enumerate(_list(zone, "secondaryStorages", zpath)):
        spath = "%s.secondaryStorages[%d]" % (zpath, si)
        url = str(_need(store, "url", spath))
        sstate = _state(store, spath, zstate)
        provider = str(store.get("provider") or "NFS")
        if store.get("details"):
            _fail(spath, "details (S3/Swift image stores) are not supported by the datacenter module")
        item = {"parent": "z:" + zname, "zone": zname, "name": str(store.get("name") or url), "url": url, "provider": provider}
        out["image_stores" if sstate == "present" else "image_stores_absent"].append(item)

    for si, pool in enumerate(_list(zone, "primaryStorages", zpath)):
        ppath = "%s.primaryStorages[%d]" % (zpath, si)
        item, pstate = _pool(pool, ppath, zname, None, None, zstate, "zone")
        if item.get("hypervisor") is None and pstate == "present":
            if not hypervisors:
                _fail(ppath, "a zone-wide primary storage needs 'hypervisor' (no cluster in the zone to take it from)")
            item["hypervisor"] = hypervisors[0]
        out["storage_pools" if pstate == "present" else "storage_pools_absent"].append(item)


def _physical_network(pnet, path, zname, zstate, out):
    name = str(_need(pnet, "name", path))
    path = "physical network %s (zone %s)" % (name, zname)
    state = _state(pnet, path, zstate)
    methods = pnet.get("isolationmethods") or []
    if isinstance(methods, str):
        methods = [m.strip() for m in methods.split(",") if m.strip()]
    if len(methods) > 1:
        _fail(path, "isolationmethods: CloudStack takes one isolation method per physical network, got %s" % methods)
    bdr = pnet.get("broadcastdomainrange")
    bdr = str(bdr).upper() if bdr else None
    if bdr not in (None, "ZONE", "POD"):
        _fail(path, "broadcastdomainrange must be Zone or Pod, got %r" % pnet.get("broadcastdomainrange"))
    tags = pnet.get("tags")
    if isinstance(tags, list):
        if len(tags) > 1:
            _fail(path, "tags: a physical network takes one tag, got %s" % tags)
        tags = tags[0] if tags else None
    enabled, disabled = _providers(pnet, path)
    base = {"key": "n:%s/%s" % (zname, name), "parent": "z:" + zname, "zone": zname, "name": name}
    if state == "present":
        out["physical_networks"].append(_clean(dict(
            base,
            isolation_method=methods[0].upper() if methods else None,
            broadcast_domain_range=bdr,
            network_speed=_str(pnet.get("networkspeed")),
            tags=_str(tags),
            vlan=_str(pnet.get("vlan")),
        )))
        enable = _bool(pnet.get("enabled", True), path, "enabled")
        out["physical_networks_enable"].append(_clean(dict(
            base, parent=base["key"], state="enabled" if enable else "disabled",
            nsps_enabled=enabled or None, nsps_disabled=disabled or None,
        )))
    else:
        out["physical_networks_absent"].append(base)
    _traffic_types(pnet, path, zname, name, state, base, out)


def _providers(pnet, path):
    """The network service providers to enable and to disable."""
    enabled, disabled = [], []
    for vi, prov in enumerate(_list(pnet, "providers", path)):
        ppath = "%s.providers[%d]" % (path, vi)
        pname = str(_need(prov, "name", ppath))
        if prov.get("devices"):
            _fail(ppath, "devices of external providers (%s) are not supported by the datacenter module" % pname)
        pst = prov.get("state", "enabled")
        if pst not in ("enabled", "disabled"):
            _fail(ppath, "state of a provider must be enabled or disabled, got %r" % pst)
        (enabled if pst == "enabled" else disabled).append(pname)
    return enabled, disabled


def _traffic_types(pnet, path, zname, name, state, base, out):
    for ti, tt in enumerate(_list(pnet, "traffictypes", path)):
        tpath = "%s.traffictypes[%d]" % (path, ti)
        typ = str(_need(tt, "typ", tpath))
        if typ.lower() not in TRAFFIC_TYPES:
            _fail(tpath, "typ must be one of Guest, Management, Public, Storage, got %r" % typ)
        tstate = _state(tt, tpath, state)
        item = {"parent": base["key"], "zone": zname, "physical_network": name, "traffic_type": TRAFFIC_TYPES[typ.lower()]}
        if tstate == "present":
            for key, opt in LABELS.items():
                if tt.get(key) not in (None, ""):
                    item[opt] = str(tt[key])
            if tt.get("vlan") not in (None, ""):
                item["vlan"] = str(tt["vlan"])
            out["traffic_types"].append(item)
        else:
            out["traffic_types_absent"].append(item)


def _pod(pod, path, zname, zstate, out, defaults, hypervisors):
    name = str(_need(pod, "name", path))
    path = "pod %s (zone %s)" % (name, zname)
    state = _state(pod, path, zstate)
    if pod.get("guestIpRanges"):
        _fail(path, "guestIpRanges (basic zones) need a guest network, which the datacenter module does not create")
    if (pod.get("vmwaredc") or {}).get("name"):
        _fail(path, "vmwaredc is not supported by the datacenter module")
    item = {"key": "p:%s/%s" % (zname, name), "parent": "z:" + zname, "zone": zname, "name": name}
    if state == "present":
        for key, opt in (("gateway", "gateway"), ("netmask", "netmask"), ("startip", "start_ip"), ("endip", "end_ip")):
            item[opt] = _str(_need(pod, key, path))
        out["pods"].append(item)
    else:
        out["pods_absent"].append(item)
    for ci, cluster in enumerate(_list(pod, "clusters", path)):
        _cluster(cluster, "%s.clusters[%d]" % (path, ci), zname, name, state, out, defaults, hypervisors)


def _cluster(cluster, path, zname, pname, pstate, out, defaults, hypervisors):
    name = str(_need(cluster, "clustername", path))
    path = "cluster %s (pod %s)" % (name, pname)
    state = _state(cluster, path, pstate)
    hypervisor = str(_need(cluster, "hypervisor", path))
    hypervisors.append(hypervisor)
    item = {"key": "c:%s/%s" % (zname, name), "parent": "p:%s/%s" % (zname, pname), "zone": zname, "pod": pname, "name": name}
    if state == "present":
        item.update(_clean({
            "hypervisor": hypervisor,
            "cluster_type": str(cluster.get("clustertype") or "CloudManaged"),
            "url": _str(cluster.get("url")),
            "username": _str(cluster.get("username")),
            "password": _str(cluster.get("password")),
        }))
        out["clusters"].append(item)
    else:
        out["clusters_absent"].append(item)
    for hi, host in enumerate(_list(cluster, "hosts", path)):
        hpath = "%s.hosts[%d]" % (path, hi)
        hstate = _state(host, hpath, state)
        url = str(_need(host, "url", hpath))
        hitem = {"parent": item["key"], "zone": zname, "pod": pname, "cluster": name, "name": host_name(host, hpath), "url": url}
        if hstate == "present":
            hitem.update(_clean({
                "hypervisor": str(host.get("hypervisor") or hypervisor),
                "username": _str(host.get("username") if host.get("username") is not None else defaults.get("host_username")),
                "password": _str(host.get("password") if host.get("password") is not None else defaults.get("host_password")),
                "host_tags": _tags(host.get("hosttags")),
                "allocation_state": host.get("allocationstate"),
            }))
            if hitem.get("allocation_state") not in (None, "enabled", "disabled", "maintenance"):
                _fail(hpath, "allocationstate must be enabled, disabled or maintenance, got %r" % hitem["allocation_state"])
            out["hosts"].append(hitem)
        else:
            out["hosts_absent"].append(hitem)
    for si, pool in enumerate(_list(cluster, "primaryStorages", path)):
        ppath = "%s.primaryStorages[%d]" % (path, si)
        item, pstate2 = _pool(pool, ppath, zname, pname, name, state, "cluster")
        if pstate2 == "present" and item.get("scope") == "cluster":
            item.setdefault("hypervisor", hypervisor)
        out["storage_pools" if pstate2 == "present" else "storage_pools_absent"].append(item)


def _pool(pool, path, zname, pname, cname, parent_state, default_scope):
    name = str(_need(pool, "name", path))
    path = "primary storage %s (%s)" % (name, "cluster %s" % cname if cname else "zone %s" % zname)
    state = _state(pool, path, parent_state)
    scope = str(pool.get("scope") or default_scope).lower()
    if scope not in ("cluster", "zone"):
        _fail(path, "scope must be cluster or zone, got %r" % pool.get("scope"))
    if scope == "cluster" and not cname:
        _fail(path, "a cluster-wide primary storage must be described under its cluster")
    item = {"parent": "c:%s/%s" % (zname, cname) if cname else "z:" + zname, "zone": zname, "name": name}
    if state == "present":
        item.update(_clean({
            "storage_url": str(_need(pool, "url", path)),
            "scope": scope,
            "pod": pname if scope == "cluster" else None,
            "cluster": cname if scope == "cluster" else None,
            "hypervisor": _str(pool.get("hypervisor")),
            "provider": _str(pool.get("provider")),
            "storage_tags": _tags(pool.get("tags")),
            "capacity_bytes": int(pool["capacitybytes"]) if pool.get("capacitybytes") is not None else None,
            "capacity_iops": int(pool["capacityiops"]) if pool.get("capacityiops") is not None else None,
            "managed": _bool(pool.get("managed"), path, "managed"),
        }))
        if pool.get("details"):
            _fail(path, "details are not supported by the storage_pool module")
    return item, state
