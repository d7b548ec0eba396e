#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: capacity_info
short_description: Gathers the capacities (CPU, memory, storage, IPs, ...) of Apache CloudStack based clouds
description:
  - Lists what CloudStack's C(listCapacity) knows, every page, per zone or within a pod or a cluster, with the used and
    allocated percentages.
  - Without O(pod) or O(cluster) one row per zone and type; with them, the rows of that pod or cluster (and, as CloudStack
    4.18 does, the zone's C(SECONDARY_STORAGE) when no O(zone) is given, the pod's or cluster's C(STORAGE) when it is).
  - C(ngine_io.cloudstack) has no such module.
version_added: 0.2.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  zone:
    description:
      - Name or ID of the zone.
    type: str
  pod:
    description:
      - Name or ID of the pod.
    type: str
  cluster:
    description:
      - Name or ID of the cluster.
      - Not with O(sort_by) (CloudStack refuses it).
    type: str
  capacity_type:
    description:
      - Only this type, by name (any case) or number.
      - C(MEMORY) (0), C(CPU) (1), C(STORAGE) (2), C(STORAGE_ALLOCATED) (3), C(VIRTUAL_NETWORK_PUBLIC_IP) (4), C(PRIVATE_IP) (5),
        C(SECONDARY_STORAGE) (6), C(VLAN) (7), C(DIRECT_ATTACHED_PUBLIC_IP) (8), C(LOCAL_STORAGE) (9), C(GPU) (19), C(CPU_CORE) (90).
    type: str
    aliases: [ type ]
  sort_by:
    description:
      - C(usage) lists the most used first, grouped per zone (no O(zone)), per pod (a O(zone)) or per cluster (a O(pod)).
    type: str
    choices: [ usage ]
  fetch_latest:
    description:
      - Ask CloudStack to recalculate the capacities first.
    type: bool
    default: false
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.info
  - csops.cloudstack.cloudstack.info_attributes
"""

EXAMPLES = r"""
- name: Capacities of a zone
  csops.cloudstack.capacity_info:
    zone: zone01
  register: capacity

- name: CPU and memory of a cluster at or over 80% (seed 002's line)
  csops.cloudstack.capacity_info:
    zone: zone01
    cluster: cluster01
    query: "[?(name=='CPU' || name=='MEMORY') && percent_used >= `80`]"
  register: full

- name: The most used capacities of the pods of a zone
  csops.cloudstack.capacity_info:
    zone: zone01
    sort_by: usage
"""

RETURN = r"""
---
capacities:
  description: The capacities, sorted by zone name and type (by usage with O(sort_by)).
  returned: success
  type: list
  elements: dict
  contains:
    type:
      description: CloudStack's capacity type number.
      returned: success
      type: int
      sample: 1
    name:
      description: The capacity type's name.
      returned: success
      type: str
      sample: CPU
    zone:
      description: Name of the zone.
      returned: success
      type: str
    zone_id:
      description: ID of the zone.
      returned: success
      type: str
    pod:
      description: Name of the pod.
      returned: when listed within a pod or cluster
      type: str
    pod_id:
      description: ID of the pod.
      returned: when listed within a pod or cluster
      type: str
    cluster:
      description: Name of the cluster.
      returned: when listed within a cluster
      type: str
    cluster_id:
      description: ID of the cluster.
      returned: when listed within a cluster
      type: str
    capacity_total:
      description: The total (CPU in MHz and memory in bytes after the overprovisioning factors; storage in bytes; IPs and VLANs counted).
      returned: success
      type: int
    capacity_used:
      description: What is used (CPU and memory given to running VMs, bytes used on storage, addresses in use).
      returned: success
      type: int
    capacity_allocated:
      description: What every VM of the zone (stopped ones too) is given; CloudStack 4.18 returns it for MEMORY, CPU and CPU_CORE per zone only.
      returned: when CloudStack returns it
      type: int
    percent_used:
      description: CloudStack's percentused as a number.
      returned: success
      type: float
      sample: 12.5
    percent_allocated:
      description: RV(capacities[].capacity_allocated) of RV(capacities[].capacity_total) in percent (two decimals).
      returned: when CloudStack returns capacity_allocated
      type: float
query_result:
  description: The result of O(query) applied to RV(capacities).
  returned: when O(query) is set
  type: raw
"""

from ..module_utils.engine import run_info
from ..module_utils.resources.capacity import CAPACITY


def main():
    run_info(CAPACITY, dict(
        zone=dict(type="str"),
        pod=dict(type="str"),
        cluster=dict(type="str"),
        capacity_type=dict(type="str", aliases=["type"]),
        sort_by=dict(type="str", choices=["usage"]),
        fetch_latest=dict(type="bool", default=False),
    ))


if __name__ == "__main__":
    main()
