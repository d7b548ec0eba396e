#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: cluster_info
short_description: Gathers information about clusters of Apache CloudStack based clouds
description:
  - Lists clusters, all of them (every page) or those matching the filters.
  - Takes the options of C(ngine_io.cloudstack.cluster_info) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the cluster.
      - If not specified, information about all clusters is gathered.
    type: str
  id:
    description:
      - UUID of the cluster.
    type: str
  zone:
    description:
      - Name or ID of the zone the clusters belong to.
    type: str
  pod:
    description:
      - Name or ID of the pod the clusters belong to.
    type: str
  hypervisor:
    description:
      - Only clusters of this hypervisor.
    type: str
  query:
    description:
      - A JMESPath expression applied to the list of clusters; its result is returned as C(query_result).
      - Needs the C(jmespath) Python library on the host running the module.
    type: str
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.info_attributes
"""

EXAMPLES = r"""
- name: Gather information about a cluster
  csops.cloudstack.cluster_info:
    name: kvm-cluster-01
    zone: ch-zrh-ix-01
  register: cluster

- name: Gather information about all clusters
  csops.cloudstack.cluster_info:
  register: clusters

- name: IDs of the KVM clusters of a pod
  csops.cloudstack.cluster_info:
    zone: ch-zrh-ix-01
    pod: pod01
    hypervisor: KVM
    query: "[].id"
  register: kvm_clusters
"""

RETURN = r"""
---
clusters:
  description: The matching clusters.
  type: list
  elements: dict
  returned: success
  contains:
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
query_result:
  description: The result of I(query) applied to C(clusters).
  returned: when I(query) is given
  type: raw
"""

from ..module_utils.engine import run_info
from ..module_utils.resources.cluster import CLUSTER


def main():
    run_info(CLUSTER, dict(name=dict(type="str"), id=dict(type="str"), zone=dict(type="str"), pod=dict(type="str"), hypervisor=dict(type="str")))


if __name__ == "__main__":
    main()
