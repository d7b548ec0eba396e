#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: disk_offering
short_description: Manages disk offerings on Apache CloudStack based clouds
description:
  - Create, update and remove disk offerings.
  - Same options and return values as C(ngine_io.cloudstack.disk_offering), so a task moves over by changing its FQCN.
  - The offering is found by O(id) if given, else by O(name) (a filtered C(listDiskOfferings) call).
  - C(updateDiskOffering) changes the name, display text and flag, storage tags, the I/O rates and the domain/zone scope; the other options are set at
    creation only (a difference is a warning).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the disk offering.
      - With O(id), a different name renames the offering.
    type: str
    required: true
  id:
    description:
      - UUID of an existing disk offering.
    type: str
  display_text:
    description:
      - Display text of the offering; the name when the offering is created and this is not set.
    type: str
  disk_size:
    description:
      - Size of the disk in GiB.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  customized:
    description:
      - Whether the disk size is chosen when a volume is created.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: bool
  storage_type:
    description:
      - Storage type of the offering.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: str
    choices: [ local, shared ]
  provisioning_type:
    description:
      - Provisioning type of the volumes.
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: str
    choices: [ thin, sparse, fat ]
  storage_tags:
    description:
      - "Storage tags: primary storage pools with these tags hold the volumes."
    type: list
    elements: str
    aliases: [ storage_tag ]
  display_offering:
    description:
      - Whether users see the offering.
    type: bool
  bytes_read_rate:
    description:
      - Read rate limit of the disk in bytes per second.
    type: int
  bytes_write_rate:
    description:
      - Write rate limit of the disk in bytes per second.
    type: int
  iops_read_rate:
    description:
      - Read rate limit of the disk in I/O operations per second.
    type: int
  iops_write_rate:
    description:
      - Write rate limit of the disk in I/O operations per second.
    type: int
  iops_min:
    description:
      - Minimum IOPS of the disk (managed storage).
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  iops_max:
    description:
      - Maximum IOPS of the disk (managed storage).
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
  hypervisor_snapshot_reserve:
    description:
      - Hypervisor snapshot reserve space as a percent of a volume (managed storage).
      - Set when the offering is created; a difference on an existing offering is reported as a warning.
    type: int
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
      - State of the disk offering.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a 20 GiB disk offering on SSD storage
  csops.cloudstack.disk_offering:
    name: ssd-20
    display_text: 20 GiB on SSD
    disk_size: 20
    storage_tags: [ssd]
    iops_read_rate: 5000
    iops_write_rate: 2000

- name: Ensure a disk offering with a size of choice
  csops.cloudstack.disk_offering:
    name: custom
    customized: true

- name: Ensure a disk offering is absent
  csops.cloudstack.disk_offering:
    name: ssd-20
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the disk offering.
  returned: success
  type: str
  sample: "a6f7a5fc-43f8-11e5-a151-feff819cdc9f"
name:
  description: Name of the disk offering.
  returned: success
  type: str
  sample: "ssd-20"
display_text:
  description: Display text of the offering.
  returned: success
  type: str
  sample: "20 GiB on SSD"
disk_size:
  description: Size of the disk in GiB.
  returned: success
  type: int
  sample: 20
customized:
  description: Whether the disk size is chosen when a volume is created.
  returned: success
  type: bool
  sample: false
storage_type:
  description: Storage type of the offering.
  returned: success
  type: str
  sample: "shared"
provisioning_type:
  description: Provisioning type of the volumes.
  returned: success
  type: str
  sample: "thin"
storage_tags:
  description: Storage tags (a list, as C(ngine_io.cloudstack.disk_offering) returns them).
  returned: success and set
  type: list
  elements: str
  sample: ["ssd"]
display_offering:
  description: Whether users see the offering.
  returned: success
  type: bool
  sample: true
bytes_read_rate:
  description: Read rate limit in bytes per second.
  returned: success and set
  type: int
  sample: 10485760
bytes_write_rate:
  description: Write rate limit in bytes per second.
  returned: success and set
  type: int
  sample: 10485760
iops_read_rate:
  description: Read rate limit in IOPS.
  returned: success and set
  type: int
  sample: 5000
iops_write_rate:
  description: Write rate limit in IOPS.
  returned: success and set
  type: int
  sample: 2000
iops_min:
  description: Minimum IOPS.
  returned: success and set
  type: int
  sample: 1000
iops_max:
  description: Maximum IOPS.
  returned: success and set
  type: int
  sample: 2000
hypervisor_snapshot_reserve:
  description: Hypervisor snapshot reserve in percent.
  returned: success and set
  type: int
  sample: 10
created:
  description: When the offering was created.
  returned: success
  type: str
  sample: "2026-11-21T05:39:27+0000"
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
diff:
  description: The managed fields before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"state": "absent"}, "after": {"name": "x", "state": "present"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.disk_offering import DISK_OFFERING


def main():
    run_resource(DISK_OFFERING)


if __name__ == "__main__":
    main()
