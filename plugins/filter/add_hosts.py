# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters of the add_hosts role.

    {{ '10.0.32.11' | csops.cloudstack.add_hosts_kvm_guid }}
    {{ request | csops.cloudstack.add_hosts_check(zones, pods, clusters, hosts) }}

add_hosts_kvm_guid: the guid CloudStack gives a KVM host added as http://<address> (LibvirtServerDiscoverer:
Java's UUID.nameUUIDFromBytes(<address>), an MD5 name-based UUID, version 3); cloudstack-setup-agent writes it to
agent.properties (guid=) and the host's guid in CloudStack starts with it.

add_hosts_check: one inventory host's request checked against what the API lists (zone_info, pod_info, cluster_info,
host_info results). The request: {host, address, zone, pod, cluster, username, password_set, public_key_set}.
Returns {problems: [messages naming the variable and the value], zone_id, pod_id, cluster_id, existing (the CloudStack
host at that address in that cluster, or None), guid}.
"""
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import ipaddress
import uuid

from ansible.errors import AnsibleFilterError


def add_hosts_kvm_guid(address):
    try:
        ipaddress.ip_address(str(address))
    except ValueError:
        raise AnsibleFilterError("add_hosts_kvm_guid: %r is not an IP address" % (address,)) from None
    return str(uuid.UUID(bytes=hashlib.md5(str(address).encode()).digest(), version=3))


def _named(items, value):
    """Items whose name (case-insensitive) or id is value."""
    value = str(value or "")
    return [i for i in items or [] if str(i.get("name", "")).lower() == value.lower() or str(i.get("id", "")) == value]


def _names(items):
    return ", ".join(sorted({str(i.get("name")) for i in items or []})) or "none"


def _check_request(req):
    host = req.get("host")
    problems = []
    address = str(req.get("address") or "")
    try:
        ipaddress.ip_address(address)
    except ValueError:
        problems.append("%s: add_hosts_address %r is not an IP address (CloudStack adds a KVM host as http://<address>)" % (host, address))
    for var in ("zone", "pod", "cluster", "username"):
        if not str(req.get(var) or "").strip():
            problems.append("%s: add_hosts_%s is not set" % (host, var))
    if not req.get("password_set") and not req.get("public_key_set"):
        problems.append("%s: add_hosts_password is empty and add_hosts_ssh_public_key is not set - CloudStack logs into the host "
                        "(user %s) with the password, or with the management server's key when the password is empty; "
                        "give one of them" % (host, req.get("username")))
    return problems


def _check_placement(req, zones, pods, clusters):
    """The zone, pod and cluster of the request: (problems, zone, pod, cluster)."""
    host = req.get("host")
    zone = _named(zones, req.get("zone"))
    if not zone:
        return ["%s: add_hosts_zone %r: no such zone (zones: %s)" % (host, req.get("zone"), _names(zones))], None, None, None
    zone = zone[0]
    in_zone = [p for p in pods or [] if p.get("zone") == zone.get("name")]
    pod = _named(in_zone, req.get("pod"))
    if not pod:
        return ["%s: add_hosts_pod %r: no such pod in zone %s (pods: %s)" % (host, req.get("pod"), zone.get("name"), _names(in_zone))], zone, None, None
    pod = pod[0]
    in_pod = [c for c in clusters or [] if c.get("zone") == zone.get("name") and c.get("pod") == pod.get("name")]
    cluster = _named(in_pod, req.get("cluster"))
    if not cluster:
        return ["%s: add_hosts_cluster %r: no such cluster in zone %s, pod %s (clusters: %s)"
                % (host, req.get("cluster"), zone.get("name"), pod.get("name"), _names(in_pod))], zone, pod, None
    cluster = cluster[0]
    if str(cluster.get("hypervisor", "")).lower() != "kvm":
        return ["%s: add_hosts_cluster %r is a %s cluster, not KVM" % (host, req.get("cluster"), cluster.get("hypervisor"))], zone, pod, None
    return [], zone, pod, cluster


def add_hosts_check(req, zones, pods, clusters, hosts):
    if not isinstance(req, dict):
        raise AnsibleFilterError("add_hosts_check: the request must be a dict, got %r" % (req,))
    problems = _check_request(req)
    placement, zone, pod, cluster = _check_placement(req, zones, pods, clusters)
    problems += placement
    address = str(req.get("address") or "")
    existing = None
    for h in hosts or []:
        if str(h.get("ip_address", "")) != address:
            continue
        if cluster is not None and h.get("cluster") == cluster.get("name") and h.get("zone") == zone.get("name"):
            existing = h
        else:
            problems.append("%s: address %s (add_hosts_address) is already in CloudStack as host %s in zone %s, cluster %s - "
                            "not in add_hosts_cluster %r; move or delete it first"
                            % (req.get("host"), address, h.get("name"), h.get("zone"), h.get("cluster"), req.get("cluster")))
    guid = add_hosts_kvm_guid(address) if not any("add_hosts_address" in p and "not an IP" in p for p in problems) else None
    return {"problems": problems, "zone_id": zone.get("id") if zone else None, "pod_id": pod.get("id") if pod else None,
            "cluster_id": cluster.get("id") if cluster else None, "existing": existing, "guid": guid}


class FilterModule(object):
    def filters(self):
        return {"add_hosts_kvm_guid": add_hosts_kvm_guid, "add_hosts_check": add_hosts_check}
