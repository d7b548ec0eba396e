#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: host_info
short_description: Gathers information about hosts of Apache CloudStack based clouds
description:
  - Lists hosts, all of them (every page, however many there are) or those matching the filters.
  - Returns each host with the keys M(csops.cloudstack.host) returns.
  - C(ngine_io.cloudstack) has no such module.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name or IP address of the host.
      - If not specified, information about all hosts matching the other filters is gathered.
    type: str
    aliases: [ ip_address ]
  id:
    description:
      - UUID of the host.
    type: str
  zone:
    description:
      - Name or ID of the zone of the hosts.
    type: str
  pod:
    description:
      - Name or ID of the pod of the hosts.
    type: str
  cluster:
    description:
      - Name or ID of the cluster of the hosts.
    type: str
  hypervisor:
    description:
      - Only hosts of this hypervisor.
    type: str
  host_type:
    description:
      - Only hosts of this type, for example C(Routing) (hypervisor hosts), C(SecondaryStorageVM), C(ConsoleProxy).
    type: str
    aliases: [ type ]
  resource_state:
    description:
      - Only hosts in this resource state, for example C(Enabled), C(Disabled), C(Maintenance), C(PrepareForMaintenance).
    type: str
  state:
    description:
      - Only hosts in this state, for example C(Up), C(Down), C(Disconnected), C(Alert).
    type: str
  metrics:
    description:
      - List with C(listHostsMetrics) (the same filters) and return its metrics as well.
      - GHz and GB figures, and whether the CPU and memory used and given to VMs are over the cluster's notification and disable thresholds.
      - C(ngine_io.cloudstack) has nothing like it.
    type: bool
    default: false
  query:
    description:
      - A JMESPath expression applied to the list of hosts; its result is returned as C(query_result).
      - Needs the C(jmespath) Python library on the host running the module.
    type: str
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.info_attributes
"""

EXAMPLES = r"""
- name: Gather information about a host
  csops.cloudstack.host_info:
    name: kvm11.example.com
    zone: zone01
  register: host

- name: Gather information about the hypervisor hosts of a cluster
  csops.cloudstack.host_info:
    zone: zone01
    cluster: cluster01
    host_type: Routing
  register: hosts

- name: Hosts whose CPU or memory given to VMs is over the cluster's notification threshold
  csops.cloudstack.host_info:
    host_type: Routing
    metrics: true
    query: "[?cpu_allocated_threshold || memory_allocated_threshold].name"
  register: busy_hosts

- name: Names of the hosts that are not Up
  csops.cloudstack.host_info:
    zone: zone01
    host_type: Routing
    query: "[?state!='Up'].name"
  register: broken_hosts
"""

RETURN = r"""
---
hosts:
  description: The matching hosts.
  type: list
  elements: dict
  returned: success
  contains:
    id:
      description: UUID of the host.
      returned: success
      type: str
      sample: d9960e4d-5da9-47be-af88-5cd19473b844
    name:
      description: Name of the host.
      returned: success
      type: str
      sample: esx32.example.com
    allocation_state:
      description: Allocation state of the host (its resource state, lower case).
      returned: success
      type: str
      sample: enabled
    average_load:
      description: The CPU average load of the host.
      returned: when available
      type: int
    capabilities:
      description: Capabilities of the host.
      returned: success
      type: str
      sample: hvm
    cluster:
      description: Cluster of the host.
      returned: success
      type: str
      sample: vcenter.example.com/zone/cluster01
    cluster_type:
      description: Type of the cluster of the host.
      returned: success
      type: str
      sample: ExternalManaged
    cpu_allocated:
      description: Amount in percent of the host's CPU currently allocated.
      returned: success
      type: str
      sample: 166.25%
    cpu_number:
      description: Number of CPUs of the host.
      returned: success
      type: int
      sample: 24
    cpu_sockets:
      description: Number of CPU sockets of the host.
      returned: when available
      type: int
      sample: 2
    cpu_speed:
      description: CPU speed in MHz.
      returned: success
      type: int
      sample: 1999
    cpu_used:
      description: Amount of the host's CPU currently used.
      returned: when available
      type: str
      sample: 33.6%
    cpu_with_overprovisioning:
      description: Amount of the host's CPU after applying the cpu.overprovisioning.factor.
      returned: success
      type: str
      sample: "959520.0"
    created:
      description: Date when the host was created.
      returned: success
      type: str
      sample: 2015-05-03T15:05:51+0200
    details:
      description: Details of the host.
      returned: when available
      type: dict
    disconnected:
      description: Date when the host was disconnected.
      returned: when available
      type: str
      sample: 2015-05-03T15:05:51+0200
    disk_size_allocated:
      description: Host's currently allocated disk size.
      returned: when available
      type: int
      sample: 2593
    disk_size_total:
      description: Total disk size of the host.
      returned: when available
      type: int
      sample: 259300
    events:
      description: Events available for the host.
      returned: success
      type: str
      sample: "Ping; HostDown; AgentConnected; AgentDisconnected; PingTimeout; ShutdownRequested; Remove; StartAgentRebalance; ManagementServerDown"
    ha_host:
      description: Whether the host is a HA host.
      returned: success
      type: bool
      sample: false
    has_enough_capacity:
      description: Whether the host has enough CPU and RAM capacity to migrate a VM to it.
      returned: when available
      type: bool
      sample: true
    host_tags:
      description: Tags of the host.
      returned: success
      type: list
      elements: str
      sample: [ perf ]
    hypervisor:
      description: Host's hypervisor.
      returned: success
      type: str
      sample: VMware
    hypervisor_version:
      description: Hypervisor version.
      returned: when available
      type: str
      sample: "5.1"
    ip_address:
      description: IP address of the host.
      returned: success
      type: str
      sample: 10.10.10.1
    is_local_storage_active:
      description: Whether the local storage is available or not.
      returned: success
      type: bool
      sample: false
    last_pinged:
      description: Date and time the host was last pinged.
      returned: success
      type: str
      sample: "1970-01-17T17:27:32+0100"
    management_server_id:
      description: Management server ID of the host.
      returned: success
      type: str
      sample: 028003eb-4d1a-4d17-a2e3-0ec901c9ee5c
    memory_allocated:
      description: Amount of the host's memory currently allocated.
      returned: success
      type: int
      sample: 69793218560
    memory_total:
      description: Total memory of the host.
      returned: success
      type: int
      sample: 206085263360
    memory_used:
      description: Amount of the host's memory currently used.
      returned: when available
      type: int
      sample: 65504776192
    network_kbs_read:
      description: Incoming network traffic on the host.
      returned: when available
      type: int
      sample: 0
    network_kbs_write:
      description: Outgoing network traffic on the host.
      returned: when available
      type: int
      sample: 0
    os_category:
      description: OS category name of the host.
      returned: when available
      type: str
    out_of_band_management:
      description: Host out-of-band management information.
      returned: when available
      type: dict
    pod:
      description: Pod name of the host.
      returned: success
      type: str
      sample: Pod01
    removed:
      description: Date and time the host was removed.
      returned: when available
      type: str
    resource_state:
      description: Resource state of the host.
      returned: success
      type: str
      sample: Enabled
    state:
      description: State of the host.
      returned: success
      type: str
      sample: Up
    suitable_for_migration:
      description: Whether this host is suitable to migrate a VM to it.
      returned: when available
      type: bool
      sample: true
    host_type:
      description: Type of the host.
      returned: success
      type: str
      sample: Routing
    host_version:
      description: Version of the host.
      returned: success
      type: str
      sample: 4.18.0.0
    gpu_group:
      description: GPU cards present in the host.
      returned: when available
      type: list
      sample: []
    zone:
      description: Zone of the host.
      returned: success
      type: str
      sample: zone01
    cpu_total_ghz:
      description: "CPU capacity, for example C(32.00 Ghz)."
      returned: with O(metrics)
      type: str
    cpu_used_ghz:
      description: "CPU used."
      returned: with O(metrics)
      type: str
    cpu_allocated_ghz:
      description: "CPU given to VMs."
      returned: with O(metrics)
      type: str
    cpu_load_average:
      description: "CPU load average."
      returned: with O(metrics)
      type: float
    cpu_allocated_percentage:
      description: "CPU given to VMs, in percent of the CPUs times their speed."
      returned: with O(metrics)
      type: str
    memory_total_gb:
      description: "Memory, for example C(8.00 GB)."
      returned: with O(metrics)
      type: str
    memory_used_gb:
      description: "Memory used."
      returned: with O(metrics)
      type: str
    memory_allocated_gb:
      description: "Memory given to VMs."
      returned: with O(metrics)
      type: str
    memory_allocated_percentage:
      description: "Memory given to VMs, in percent (after mem.overprovisioning.factor)."
      returned: with O(metrics)
      type: str
    network_read:
      description: "Network read."
      returned: with O(metrics)
      type: str
    network_write:
      description: "Network written."
      returned: with O(metrics)
      type: str
    cpu_threshold:
      description: "CPU use over the cluster's notification threshold."
      returned: with O(metrics)
      type: bool
    cpu_disable_threshold:
      description: "CPU use over the cluster's disable threshold."
      returned: with O(metrics)
      type: bool
    cpu_allocated_threshold:
      description: "CPU given to VMs over C(cluster.cpu.allocated.capacity.notificationthreshold)."
      returned: with O(metrics)
      type: bool
    cpu_allocated_disable_threshold:
      description: "CPU given to VMs over C(cluster.cpu.allocated.capacity.disablethreshold): no more VMs are placed here."
      returned: with O(metrics)
      type: bool
    memory_threshold:
      description: "Memory use over the notification threshold."
      returned: with O(metrics)
      type: bool
    memory_disable_threshold:
      description: "Memory use over the disable threshold."
      returned: with O(metrics)
      type: bool
    memory_allocated_threshold:
      description: "Memory given to VMs over C(cluster.memory.allocated.capacity.notificationthreshold)."
      returned: with O(metrics)
      type: bool
    memory_allocated_disable_threshold:
      description: "Memory given to VMs over C(cluster.memory.allocated.capacity.disablethreshold)."
      returned: with O(metrics)
      type: bool
    instances:
      description: "Running and all user VMs on the host, for example C(3 / 4)."
      returned: with O(metrics)
      type: str
query_result:
  description: The result of I(query) applied to C(hosts).
  returned: when I(query) is given
  type: raw
"""

from ..module_utils.engine import run_info
from ..module_utils.resources.host import HOST


def main():
    run_info(
        HOST,
        dict(
            name=dict(type="str", aliases=["ip_address"]),
            id=dict(type="str"),
            zone=dict(type="str"),
            pod=dict(type="str"),
            cluster=dict(type="str"),
            hypervisor=dict(type="str"),
            host_type=dict(type="str", aliases=["type"]),
            resource_state=dict(type="str"),
            state=dict(type="str"),
            metrics=dict(type="bool", default=False),
        ),
    )


if __name__ == "__main__":
    main()
