#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: storage_pool
short_description: Manages primary storage pools on Apache CloudStack based clouds
description:
  - Create, update, enable, disable, put into maintenance and remove primary storage pools,
    cluster-wide or zone-wide.
  - C(maintenance) uses C(enableStorageMaintenance) and C(enabled) / C(disabled) cancel a maintenance
    first (C(cancelStorageMaintenance)); both are async jobs bounded by I(api_async_timeout).
  - C(state=absent) puts the pool into maintenance first, then removes it.
  - Takes the options of C(ngine_io.cloudstack.storage_pool) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the storage pool.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone of the storage pool.
    type: str
    required: true
  storage_url:
    description:
      - URL of the storage pool, for example C(nfs://10.0.0.5/export/primary) or C(rbd://admin:SECRET@mons/pool).
      - Required with O(state=present) (as C(ngine_io.cloudstack.storage_pool)); only used at creation (CloudStack cannot change it).
    type: str
  pod:
    description:
      - Name or ID of the pod (cluster-wide pools).
    type: str
  cluster:
    description:
      - Name or ID of the cluster (cluster-wide pools).
    type: str
  scope:
    description:
      - The scope of the storage pool.
      - Defaults to C(cluster) when I(cluster) is provided, otherwise C(zone).
      - Only used at creation.
    type: str
    choices: [ zone, cluster ]
  managed:
    description:
      - Whether the storage pool should be managed by CloudStack.
      - Only used at creation.
    type: bool
  hypervisor:
    description:
      - Required when creating a zone scoped pool.
      - Possible values are C(KVM), C(VMware), C(BareMetal), C(XenServer), C(LXC), C(HyperV), C(UCS), C(OVM), C(Simulator).
      - Only used at creation.
    type: str
  storage_tags:
    description:
      - Tags associated with this storage pool. An empty list removes every tag.
    type: list
    elements: str
    aliases: [ storage_tag ]
  provider:
    description:
      - Name of the storage provider, for example C(DefaultPrimary), C(SolidFire), C(SolidFireShared), C(CloudByte).
      - Only used at creation; with O(state=present) it must be one of the primary storage providers CloudStack lists
        (C(listStorageProviders)), else the task fails.
    type: str
    default: DefaultPrimary
  capacity_bytes:
    description:
      - Bytes CloudStack can provision from this storage pool.
    type: int
  capacity_iops:
    description:
      - IOPS CloudStack can provision from this storage pool.
    type: int
  allocation_state:
    description:
      - Allocation state of the storage pool.
    type: str
    choices: [ enabled, disabled, maintenance ]
  state:
    description:
      - State of the storage pool.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a zone scoped storage pool is present
  csops.cloudstack.storage_pool:
    zone: zone01
    storage_url: rbd://admin:SECRET@ceph-mons.domain/poolname
    provider: DefaultPrimary
    name: Ceph RBD
    scope: zone
    hypervisor: KVM

- name: Ensure a cluster scoped NFS storage pool is present and tagged
  csops.cloudstack.storage_pool:
    name: primary-nfs-01
    zone: zone01
    pod: pod01
    cluster: cluster01
    storage_url: nfs://10.0.0.5/export/primary
    storage_tags: [ssd]

- name: Ensure a storage pool is disabled
  csops.cloudstack.storage_pool:
    name: primary-nfs-01
    zone: zone01
    storage_url: nfs://10.0.0.5/export/primary
    allocation_state: disabled

- name: Ensure a storage pool is in maintenance
  csops.cloudstack.storage_pool:
    name: primary-nfs-01
    zone: zone01
    storage_url: nfs://10.0.0.5/export/primary
    allocation_state: maintenance

- name: Ensure a storage pool is absent
  csops.cloudstack.storage_pool:
    name: primary-nfs-01
    zone: zone01
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the pool.
  returned: success
  type: str
  sample: a3fca65a-7db1-4891-b97c-48806a978a96
name:
  description: Name of the pool.
  returned: success
  type: str
  sample: primary-nfs-01
created:
  description: Date the pool was created.
  returned: success
  type: str
  sample: 2014-12-01T14:57:57+0100
capacity_iops:
  description: IOPS CloudStack can provision from this storage pool.
  returned: when available
  type: int
  sample: 60000
zone:
  description: The name of the zone.
  returned: success
  type: str
  sample: Zone01
cluster:
  description: The name of the cluster.
  returned: when scope is cluster
  type: str
  sample: Cluster01
pod:
  description: The name of the pod.
  returned: when scope is cluster
  type: str
  sample: Pod01
disk_size_allocated:
  description: The pool's currently allocated disk space.
  returned: success
  type: int
  sample: 2443517624320
disk_size_total:
  description: The total size of the pool.
  returned: success
  type: int
  sample: 3915055693824
disk_size_used:
  description: The pool's currently used disk size.
  returned: success
  type: int
  sample: 1040862622180
scope:
  description: The scope of the storage pool.
  returned: success
  type: str
  sample: cluster
hypervisor:
  description: Hypervisor related to this storage pool.
  returned: when available
  type: str
  sample: KVM
state:
  description: The state of the storage pool as returned by the API.
  returned: success
  type: str
  sample: Up
allocation_state:
  description: The allocation state of the storage pool.
  returned: success
  type: str
  sample: enabled
path:
  description: The storage pool path used in the storage_url.
  returned: success
  type: str
  sample: /export/primary
storage_url:
  description: The URL of the pool, as C(<type>://<ip address>/<path>).
  returned: success
  type: str
  sample: NetworkFilesystem://10.0.0.5//export/primary
type:
  description: The type of the pool.
  returned: success
  type: str
  sample: NetworkFilesystem
overprovision_factor:
  description: The overprovision factor of the storage pool.
  returned: success
  type: str
  sample: "2.0"
suitable_for_migration:
  description: Whether the storage pool is suitable to migrate a volume or not.
  returned: when available
  type: bool
  sample: false
storage_capabilities:
  description: Capabilities of the storage pool.
  returned: when available
  type: dict
  sample: {"VOLUME_SNAPSHOT_QUIESCEVM": "false"}
storage_tags:
  description: The tags of the storage pool.
  returned: success
  type: list
  elements: str
  sample: ["perf", "ssd"]
tags:
  description: The tags of the storage pool as CloudStack returns them (comma separated), as C(ngine_io.cloudstack.storage_pool) returns them.
  returned: when the pool has tags
  type: str
  sample: perf,ssd
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.storage_pool import STORAGE_POOL


def main():
    run_resource(STORAGE_POOL, required_together=[["pod", "cluster"]], required_if=[["state", "present", ["storage_url"]]])


if __name__ == "__main__":
    main()
