#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: host
short_description: Manages hosts on Apache CloudStack based clouds
description:
  - Add, update (host tags, allocation state), put into and take out of maintenance, and remove hosts.
  - A host is found by its name or IP address in the zone (and, if neither matches, by the IP address of
    I(url), as a KVM host added as C(http://<ip>) and named by its agent). Its I(url), I(username) and I(password)
    are only used to add it, so a re-run reports no change for them (CloudStack does not return them).
  - When CloudStack names the host otherwise (the agent's host name, or C(SimulatedAgent.<uuid>) for
    the simulator) and its IP address is not I(name) either, the module renames it to I(name)
    (C(updateHost name=...)) so that the next run finds it with one filtered call.
  - C(state=absent) puts the host into maintenance first, as CloudStack requires, then removes it.
  - Takes the options of C(ngine_io.cloudstack.host) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the host, or its IP address.
    type: str
    required: true
    aliases: [ ip_address ]
  url:
    description:
      - URL of the host used to add it.
      - If not provided, C(http://) and I(name) is used as URL.
      - Only considered if I(state=present) and the host does not exist yet.
    type: str
  username:
    description:
      - Username for the host, used only to add it; required when the host is added (as CloudStack and C(ngine_io.cloudstack.host) require it).
    type: str
  password:
    description:
      - Password for the host, used only to add it; required when the host is added (as CloudStack and C(ngine_io.cloudstack.host) require it).
    type: str
  pod:
    description:
      - Name or ID of the pod.
      - Required if I(state=present) and the host does not exist yet.
    type: str
  cluster:
    description:
      - Name or ID of the cluster.
      - Only used when the host is added.
    type: str
  hypervisor:
    description:
      - The hypervisor of the host.
      - Required if I(state=present) and the host does not exist yet.
      - Possible values are C(KVM), C(VMware), C(BareMetal), C(XenServer), C(LXC), C(HyperV), C(UCS), C(OVM), C(Simulator).
    type: str
  allocation_state:
    description:
      - Allocation state of the host.
      - C(maintenance) uses C(prepareHostForMaintenance) and waits (bounded by I(api_async_timeout)) until
        the host is in maintenance; C(enabled) and C(disabled) cancel a maintenance first.
    type: str
    choices: [ enabled, disabled, maintenance ]
  host_tags:
    description:
      - Tags of the host. An empty list removes every tag.
    type: list
    elements: str
    aliases: [ host_tag ]
  state:
    description:
      - State of the host.
    type: str
    default: present
    choices: [ present, absent ]
  zone:
    description:
      - Name or ID of the zone of the host.
    type: str
    required: true
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a KVM host is present but disabled
  csops.cloudstack.host:
    name: 10.0.32.11
    url: http://10.0.32.11
    username: root
    password: "{{ kvm_root_password }}"
    cluster: cluster01
    pod: pod01
    zone: zone01
    hypervisor: KVM
    allocation_state: disabled
    host_tags:
      - perf
      - gpu

- name: Ensure an existing host is enabled
  csops.cloudstack.host:
    name: kvm11.example.com
    zone: zone01
    allocation_state: enabled

- name: Put a host into maintenance
  csops.cloudstack.host:
    name: kvm11.example.com
    zone: zone01
    allocation_state: maintenance

- name: Ensure a host is absent (maintenance first)
  csops.cloudstack.host:
    name: kvm11.example.com
    zone: zone01
    state: absent
"""

RETURN = r"""
---
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
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.host import HOST


def main():
    run_resource(HOST)


if __name__ == "__main__":
    main()
