#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: service_offering
short_description: Manages service offerings on Apache CloudStack based clouds
description:
  - Create, update and remove compute offerings for instances (guest) and for system VMs (O(is_system=true)).
  - Same options and return values as C(ngine_io.cloudstack.service_offering), so a task moves over by changing its FQCN.
  - The offering is found by O(id) if given, else by O(name) among the guest or system offerings (a filtered C(listServiceOfferings) call).
  - C(updateServiceOffering) changes only the name, display text, host and storage tags and the domain/zone scope; CPU, memory, HA, QoS and the other
    options are set at creation only (a difference is reported as a warning, never a false change).
  - "Custom offerings: O(is_customized=true) without O(cpu_number), O(cpu_speed) and O(memory); constrained ones with O(min_cpu_number),
    O(max_cpu_number), O(min_memory) and O(max_memory)."
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the service offering.
      - With O(id), a different name renames the offering.
    type: str
    required: true
  id:
    description:
      - UUID of an existing service offering.
    type: str
  display_text:
    description:
      - Display text of the offering; the name when the offering is created and this is not set.
    type: str
  is_system:
    description:
      - Whether the offering is for system VMs (virtual routers, console proxies, secondary storage VMs).
      - The offering is looked for among the guest or the system offerings accordingly.
    type: bool
    default: false
  system_vm_type:
    description:
      - Type of system VM of a system offering.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: str
    choices: [ domainrouter, consoleproxy, secondarystoragevm ]
  cpu_number:
    description:
      - Number of CPUs.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  cpu_speed:
    description:
      - CPU speed in MHz.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  memory:
    description:
      - Memory in MiB.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  is_customized:
    description:
      - Whether CPU number, speed and memory are chosen when an instance is deployed.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: bool
  min_cpu_number:
    description:
      - Minimum number of CPUs of a constrained custom offering.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  max_cpu_number:
    description:
      - Maximum number of CPUs of a constrained custom offering.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  min_memory:
    description:
      - Minimum memory in MiB of a constrained custom offering.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  max_memory:
    description:
      - Maximum memory in MiB of a constrained custom offering.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  offer_ha:
    description:
      - Whether instances of the offering are highly available.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: bool
  limit_cpu_usage:
    description:
      - Whether the CPU use of instances is capped to the offering's speed.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: bool
  is_volatile:
    description:
      - Whether the root disk is discarded and recreated at each reboot.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: bool
  host_tags:
    description:
      - "Host tags: hosts with these tags run the instances."
    type: list
    elements: str
    aliases: [ host_tag ]
  storage_tags:
    description:
      - "Storage tags: primary storage pools with these tags hold the root disks."
    type: list
    elements: str
    aliases: [ storage_tag ]
  storage_type:
    description:
      - Storage type of the root disks.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: str
    choices: [ local, shared ]
  provisioning_type:
    description:
      - Provisioning type of the root disks.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: str
    choices: [ thin, sparse, fat ]
  deployment_planner:
    description:
      - Deployment planner of the offering (system offerings).
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: str
  network_rate:
    description:
      - Network rate limit in Mb/s.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  disk_bytes_read_rate:
    description:
      - Read rate limit of the root disk in bytes per second.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
    aliases: [ bytes_read_rate ]
  disk_bytes_write_rate:
    description:
      - Write rate limit of the root disk in bytes per second.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
    aliases: [ bytes_write_rate ]
  disk_iops_read_rate:
    description:
      - Read rate limit of the root disk in IOPS.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  disk_iops_write_rate:
    description:
      - Write rate limit of the root disk in IOPS.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  is_iops_customized:
    description:
      - Whether the IOPS of the root disk are chosen at deployment (managed storage).
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: bool
    aliases: [ disk_iops_customized ]
  disk_iops_min:
    description:
      - Minimum IOPS of the root disk (managed storage).
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  disk_iops_max:
    description:
      - Maximum IOPS of the root disk (managed storage).
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  hypervisor_snapshot_reserve:
    description:
      - Hypervisor snapshot reserve space as a percent of a volume (managed storage).
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  service_offering_details:
    description:
      - "Details of the offering, a list of dicts (V(key)/V(value) pairs or V(name: value) items), set at creation."
    type: list
    elements: dict
  domain:
    description:
      - Domain the offering is limited to (a path such as V(ROOT/customers)); public if not set.
    type: str
  zone:
    description:
      - Zone the offering is limited to; all zones if not set.
    type: str
  state:
    description:
      - State of the service offering.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a fixed compute offering
  csops.cloudstack.service_offering:
    name: m1.medium
    display_text: 2 vCPU, 4 GiB
    cpu_number: 2
    cpu_speed: 2000
    memory: 4096
    offer_ha: true
    host_tags: [general]
    storage_tags: [ssd]
    disk_iops_read_rate: 5000

- name: Ensure a constrained custom offering
  csops.cloudstack.service_offering:
    name: flex
    is_customized: true
    min_cpu_number: 1
    max_cpu_number: 8
    min_memory: 1024
    max_memory: 16384

- name: Ensure a system offering for virtual routers
  csops.cloudstack.service_offering:
    name: router-large
    is_system: true
    system_vm_type: domainrouter
    cpu_number: 2
    cpu_speed: 2000
    memory: 2048
"""

RETURN = r"""
---
id:
  description: UUID of the service offering.
  returned: success
  type: str
  sample: "04589590-ac63-4ffc-93f5-b698b8ac38b6"
name:
  description: Name of the service offering.
  returned: success
  type: str
  sample: "m1.medium"
display_text:
  description: Display text of the offering.
  returned: success
  type: str
  sample: "2 vCPU, 4 GiB"
cpu_number:
  description: Number of CPUs.
  returned: success and fixed
  type: int
  sample: 2
cpu_speed:
  description: CPU speed in MHz.
  returned: success and fixed
  type: int
  sample: 2000
memory:
  description: Memory in MiB.
  returned: success and fixed
  type: int
  sample: 4096
min_cpu_number:
  description: Minimum number of CPUs (constrained offering).
  returned: success and set
  type: int
  sample: 1
max_cpu_number:
  description: Maximum number of CPUs (constrained offering).
  returned: success and set
  type: int
  sample: 8
min_memory:
  description: Minimum memory in MiB (constrained offering).
  returned: success and set
  type: int
  sample: 1024
max_memory:
  description: Maximum memory in MiB (constrained offering).
  returned: success and set
  type: int
  sample: 16384
created:
  description: When the offering was created.
  returned: success
  type: str
  sample: "2026-11-21T05:39:27+0000"
disk_bytes_read_rate:
  description: Read rate limit in bytes per second.
  returned: success and set
  type: int
  sample: 10485760
disk_bytes_write_rate:
  description: Write rate limit in bytes per second.
  returned: success and set
  type: int
  sample: 10485760
disk_iops_read_rate:
  description: Read rate limit in IOPS.
  returned: success and set
  type: int
  sample: 5000
disk_iops_write_rate:
  description: Write rate limit in IOPS.
  returned: success and set
  type: int
  sample: 2000
disk_iops_min:
  description: Minimum IOPS.
  returned: success and set
  type: int
  sample: 1000
disk_iops_max:
  description: Maximum IOPS.
  returned: success and set
  type: int
  sample: 2000
domain:
  description: Domains of the offering, comma-separated.
  returned: success and the offering is domain scoped
  type: str
  sample: "customers"
zone:
  description: Zones of the offering, comma-separated.
  returned: success and the offering is zone scoped
  type: str
  sample: "zone1"
host_tags:
  description: Host tags (a list, as C(ngine_io.cloudstack.service_offering) returns them).
  returned: success and set
  type: list
  elements: str
  sample: ["general"]
storage_tags:
  description: Storage tags (a list, as C(ngine_io.cloudstack.service_offering) returns them).
  returned: success and set
  type: list
  elements: str
  sample: ["ssd"]
is_customized:
  description: Whether CPU and memory are chosen at deployment.
  returned: success
  type: bool
  sample: false
is_iops_customized:
  description: Whether the IOPS are chosen at deployment.
  returned: success
  type: bool
  sample: false
is_system:
  description: Whether the offering is for system VMs.
  returned: success
  type: bool
  sample: false
is_volatile:
  description: Whether the root disk is recreated at each reboot.
  returned: success
  type: bool
  sample: false
limit_cpu_usage:
  description: Whether the CPU use is capped.
  returned: success
  type: bool
  sample: false
network_rate:
  description: Network rate limit in Mb/s.
  returned: success and set
  type: int
  sample: 1000
offer_ha:
  description: Whether instances are highly available.
  returned: success
  type: bool
  sample: true
provisioning_type:
  description: Provisioning type of the root disks.
  returned: success
  type: str
  sample: "thin"
service_offering_details:
  description: Details of the offering.
  returned: success and set
  type: dict
  sample: {"mincpunumber": "1"}
storage_type:
  description: Storage type of the root disks.
  returned: success
  type: str
  sample: "shared"
system_vm_type:
  description: Type of system VM.
  returned: success and a system offering
  type: str
  sample: "domainrouter"
hypervisor_snapshot_reserve:
  description: Hypervisor snapshot reserve in percent.
  returned: success and set
  type: int
  sample: 10
deployment_planner:
  description: Deployment planner of the offering.
  returned: success and set
  type: str
  sample: "FirstFitPlanner"
diff:
  description: The managed fields before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"state": "absent"}, "after": {"name": "x", "state": "present"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.service_offering import SERVICE_OFFERING


def main():
    run_resource(SERVICE_OFFERING)


if __name__ == "__main__":
    main()
