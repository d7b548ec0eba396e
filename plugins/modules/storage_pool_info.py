#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: storage_pool_info
short_description: Gathers information about primary storage pools of Apache CloudStack based clouds
description:
  - Lists primary storage pools, all of them (every page, however many there are) or those matching the filters.
  - Returns each pool with the keys M(csops.cloudstack.storage_pool) returns.
  - C(ngine_io.cloudstack) has no such module.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the storage pool.
      - If not specified, information about all pools matching the other filters is gathered.
    type: str
  id:
    description:
      - UUID of the storage pool.
    type: str
  zone:
    description:
      - Name or ID of the zone of the pools.
    type: str
  metrics:
    description:
      - List with C(listStoragePoolsMetrics) (the same filters) and return its metrics as well.
      - GB figures, and whether use and allocation are over the notification and disable thresholds.
      - C(ngine_io.cloudstack) has nothing like it.
    type: bool
    default: false
  query:
    description:
      - A JMESPath expression applied to the list of pools; its result is returned as C(query_result).
      - Needs the C(jmespath) Python library on the host running the module.
    type: str
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.info_attributes
"""

EXAMPLES = r"""
- name: Every primary storage pool of a zone
  csops.cloudstack.storage_pool_info:
    zone: zone01
  register: pools

- name: Pools over their allocation notification threshold
  csops.cloudstack.storage_pool_info:
    metrics: true
    query: "[?storage_allocated_threshold].name"
  register: full_pools

- name: The names of the pools that are not Up
  csops.cloudstack.storage_pool_info:
    query: "[?allocation_state != 'enabled'].name"
  register: pools
"""

RETURN = r"""
---
storage_pools:
  description: The matching primary storage pools.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: UUID of the pool.
      returned: success
      type: str
    name:
      description: Name of the pool.
      returned: success
      type: str
      sample: pool01
    zone:
      description: Name of the zone of the pool.
      returned: success
      type: str
    pod:
      description: Name of the pod of the pool (cluster-wide pools).
      returned: when set
      type: str
    cluster:
      description: Name of the cluster of the pool (cluster-wide pools).
      returned: when set
      type: str
    scope:
      description: Scope of the pool, C(cluster) or C(zone).
      returned: success
      type: str
    storage_url:
      description: URL of the pool, rebuilt from its type, address and path.
      returned: success
      type: str
    storage_tags:
      description: Tags of the pool.
      returned: success
      type: list
      elements: str
    allocation_state:
      description: Allocation state of the pool (enabled, disabled, maintenance).
      returned: success
      type: str
    state:
      description: State of the pool as CloudStack reports it (Up, Disabled, Maintenance, ...).
      returned: success
      type: str
    disk_size_total:
      description: Size of the pool in bytes.
      returned: success
      type: int
    disk_size_total_gb:
      description: "Size, for example C(1024.00 GB)."
      returned: with O(metrics)
      type: str
    disk_size_used_gb:
      description: "Used."
      returned: with O(metrics)
      type: str
    disk_size_allocated_gb:
      description: "Given to volumes."
      returned: with O(metrics)
      type: str
    disk_size_unallocated_gb:
      description: "What may still be given to volumes (the size times the overprovisioning factor, less what is given)."
      returned: with O(metrics)
      type: str
    storage_usage_threshold:
      description: "Use over C(cluster.storage.capacity.notificationthreshold)."
      returned: with O(metrics)
      type: bool
    storage_usage_disable_threshold:
      description: "Use over C(pool.storage.capacity.disablethreshold)."
      returned: with O(metrics)
      type: bool
    storage_allocated_threshold:
      description: "Given to volumes over C(cluster.storage.allocated.capacity.notificationthreshold)."
      returned: with O(metrics)
      type: bool
    storage_allocated_disable_threshold:
      description: "Given to volumes over C(pool.storage.allocated.capacity.disablethreshold): no more volumes are placed here."
      returned: with O(metrics)
      type: bool
query_result:
  description: The result of I(query) applied to C(storage_pools).
  returned: when I(query) is given
  type: raw
"""

import copy

from ..module_utils.engine import run_info
from ..module_utils.resources.storage_pool import STORAGE_POOL


def info_resource():
    """The storage pool resource with what its *_info module lists by."""
    pools = copy.copy(STORAGE_POOL)
    pools.info_key = "storage_pools"
    pools.info_filters = {"name": "name", "id": "id", "zone": "zoneid"}
    return pools


def main():
    run_info(info_resource(), dict(name=dict(type="str"), id=dict(type="str"), zone=dict(type="str"), metrics=dict(type="bool", default=False)))


if __name__ == "__main__":
    main()
