#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: cluster
short_description: Manages host clusters on Apache CloudStack based clouds
description:
  - Create, update, enable, disable and remove clusters.
  - Takes the options of C(ngine_io.cloudstack.cluster) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the cluster.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone the cluster belongs to.
      - With O(state=absent), a zone that does not exist means the cluster does not exist either (no change).
    type: str
    required: true
  pod:
    description:
      - Name or ID of the pod the cluster belongs to.
      - Required when the cluster is created.
    type: str
  cluster_type:
    description:
      - Type of the cluster.
      - Required when the cluster is created.
    type: str
    choices: [ CloudManaged, ExternalManaged ]
  hypervisor:
    description:
      - The hypervisor of the cluster.
      - Required when the cluster is created; a different value changes the cluster's hypervisor type (C(updateCluster)).
      - Possible values are C(KVM), C(VMware), C(BareMetal), C(XenServer), C(LXC), C(HyperV), C(UCS), C(OVM), C(Simulator).
    type: str
  url:
    description:
      - URL of the cluster (VMware data center path, OVM3 master, ...).
      - Only used at creation.
    type: str
  username:
    description:
      - Username for the cluster.
      - Only used at creation.
    type: str
  password:
    description:
      - Password for the cluster.
      - Only used at creation.
    type: str
  guest_vswitch_name:
    description:
      - Name of the virtual switch used for guest traffic in the cluster.
      - This would override the zone wide traffic label setting. Only used at creation.
    type: str
  guest_vswitch_type:
    description:
      - Type of the virtual switch used for guest traffic in the cluster.
      - C(vmwaresvs) for the VMware standard vSwitch, C(vmwaredvs) for the VMware distributed vSwitch. Only used at creation.
    type: str
    choices: [ vmwaresvs, vmwaredvs ]
  public_vswitch_name:
    description:
      - Name of the virtual switch used for public traffic in the cluster.
      - This would override the zone wide traffic label setting. Only used at creation.
    type: str
  public_vswitch_type:
    description:
      - Type of the virtual switch used for public traffic in the cluster.
      - C(vmwaresvs) for the VMware standard vSwitch, C(vmwaredvs) for the VMware distributed vSwitch. Only used at creation.
    type: str
    choices: [ vmwaresvs, vmwaredvs ]
  vms_ip_address:
    description:
      - IP address of the VSM associated with this cluster. Only used at creation.
    type: str
  vms_username:
    description:
      - Username for the VSM associated with this cluster. Only used at creation.
    type: str
  vms_password:
    description:
      - Password for the VSM associated with this cluster. Only used at creation.
    type: str
  ovm3_cluster:
    description:
      - Ovm3 native OCFS2 clustering enabled for the cluster. Only used at creation.
    type: str
  ovm3_pool:
    description:
      - Ovm3 native pooling enabled for the cluster. Only used at creation.
    type: str
  ovm3_vip:
    description:
      - Ovm3 vip to use for the pool (and cluster). Only used at creation.
    type: str
  state:
    description:
      - State of the cluster.
      - C(present) creates the cluster if needed and leaves its allocation state alone.
    type: str
    default: present
    choices: [ present, enabled, disabled, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a cluster is present
  csops.cloudstack.cluster:
    name: kvm-cluster-01
    zone: ch-zrh-ix-01
    pod: pod01
    hypervisor: KVM
    cluster_type: CloudManaged

- name: Ensure a cluster is disabled
  csops.cloudstack.cluster:
    name: kvm-cluster-01
    zone: ch-zrh-ix-01
    state: disabled

- name: Ensure a cluster is enabled
  csops.cloudstack.cluster:
    name: kvm-cluster-01
    zone: ch-zrh-ix-01
    state: enabled

- name: Ensure a cluster is absent
  csops.cloudstack.cluster:
    name: kvm-cluster-01
    zone: ch-zrh-ix-01
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the cluster.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
name:
  description: Name of the cluster.
  returned: success
  type: str
  sample: cluster01
allocation_state:
  description: Allocation state of the cluster.
  returned: success
  type: str
  sample: Enabled
cluster_type:
  description: Type of the cluster.
  returned: success
  type: str
  sample: ExternalManaged
cpu_overcommit_ratio:
  description: The CPU overcommit ratio of the cluster.
  returned: success
  type: str
  sample: "1.0"
memory_overcommit_ratio:
  description: The memory overcommit ratio of the cluster.
  returned: success
  type: str
  sample: "1.0"
managed_state:
  description: Whether this cluster is managed by CloudStack.
  returned: success
  type: str
  sample: Managed
ovm3_vip:
  description: Ovm3 VIP used for pooling and/or clustering.
  returned: when set
  type: str
  sample: 10.10.10.101
hypervisor:
  description: Hypervisor of the cluster.
  returned: success
  type: str
  sample: VMware
zone:
  description: Name of the zone the cluster is in.
  returned: success
  type: str
  sample: ch-gva-2
pod:
  description: Name of the pod the cluster is in.
  returned: success
  type: str
  sample: pod01
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.cluster import CLUSTER


def main():
    run_resource(CLUSTER)


if __name__ == "__main__":
    main()
