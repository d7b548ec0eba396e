# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Capacities (listCapacity), declared for capacity_info.

- capacity_type takes CloudStack's name (CPU, MEMORY, STORAGE, STORAGE_ALLOCATED, ..., any case) or its number.
- percent_used is CloudStack's percentused as a number; percent_allocated is capacity_allocated of capacity_total
  (two decimals), only where CloudStack returns capacity_allocated (4.18: MEMORY, CPU and CPU_CORE listed per
  zone, no pod or cluster asked). For CPU and MEMORY, capacity_used is what the running VMs are given
  (op_host_capacity's used + reserved), STORAGE is the bytes used on primary storage, STORAGE_ALLOCATED the
  bytes given to volumes.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field
from .health import InfoResource, percent

CAPACITY_TYPES = {
    "MEMORY": 0, "CPU": 1, "STORAGE": 2, "STORAGE_ALLOCATED": 3, "VIRTUAL_NETWORK_PUBLIC_IP": 4, "PRIVATE_IP": 5,
    "SECONDARY_STORAGE": 6, "VLAN": 7, "DIRECT_ATTACHED_PUBLIC_IP": 8, "LOCAL_STORAGE": 9, "GPU": 19, "CPU_CORE": 90,
}


def capacity_type(value):
    """A name (any case) or a number -> CloudStack's type number; anything else fails naming the option."""
    text = str(value).strip()
    if text.upper() in CAPACITY_TYPES:
        return CAPACITY_TYPES[text.upper()]
    if text.isdigit() and int(text) in CAPACITY_TYPES.values():
        return int(text)
    raise CloudStackError("capacity_type %r is not a capacity type: one of %s (or its number)" % (value, ", ".join(CAPACITY_TYPES)))


class CapacityResource(InfoResource):
    def info_list(self, engine, params, named):
        params = dict(params)
        if params.get("type") is not None:
            params["type"] = capacity_type(params["type"])
        if engine.params.get("fetch_latest"):
            params["fetchlatest"] = True
        return engine.module.client.list(self.list_command, key=self.list_key, **params)

    def result(self, engine, obj):
        out = super().result(engine, obj)
        out["percent_used"] = percent(obj.get("percentused"))
        total, allocated = obj.get("capacitytotal"), obj.get("capacityallocated")
        if allocated is not None:
            out["percent_allocated"] = round(float(allocated) / float(total) * 100.0, 2) if total else 0.0
        return out


CAPACITY = CapacityResource(
    name="capacity",
    list_command="listCapacity",
    list_key="capacity",
    fields=(
        Field("zone", param="zoneid", resolve="zone", compare=None),
        Field("pod", param="podid", resolve="pod", compare=None),
        Field("cluster", param="clusterid", resolve="cluster", compare=None),
    ),
    returns={
        "type": "type", "zoneid": "zone_id", "podid": "pod_id", "podname": "pod", "clusterid": "cluster_id", "clustername": "cluster",
        "capacitytotal": "capacity_total", "capacityused": "capacity_used", "capacityallocated": "capacity_allocated",
    },
    info_key="capacities",
    info_filters={"zone": "zoneid", "pod": "podid", "cluster": "clusterid", "capacity_type": "type", "sort_by": "sortby"},
)
