#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: volume_snapshot
short_description: Manages volume snapshots on Apache CloudStack based clouds
description:
  - Take, remove and revert snapshots of a volume (C(ngine_io.cloudstack) has no such module).
  - The volume is named by I(volume), or is the volume of I(vm) of I(volume_type) (and I(device_id)), as in M(csops.cloudstack.volume_snapshot_policy).
  - "A snapshot is found by I(name) among the snapshots of the volume. Nothing of a snapshot can be changed."
  - "I(state=revert) reverts the volume to the snapshot on every run (an action): CloudStack reverts only a C(BackedUp) snapshot
    whose volume is detached or attached to a stopped instance, on hypervisors that support it (the snapshot's I(revertable))."
  - A volume made from a snapshot is M(csops.cloudstack.volume) with its option I(snapshot).
  - createSnapshot, deleteSnapshot and revertSnapshot are async jobs, awaited within I(api_async_timeout).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the snapshot (unique among the snapshots of the volume).
    type: str
    required: true
  volume:
    description:
      - Name or ID of the volume (one of I(volume) and I(vm) is required).
    type: str
  vm:
    description:
      - Name or ID of the instance whose volume is meant (with I(volume_type), I(device_id)).
    type: str
  volume_type:
    description:
      - Type of the volume of I(vm).
    type: str
    choices: [ DATADISK, ROOT ]
  device_id:
    description:
      - Device ID of the volume of I(vm).
    type: int
  domain:
    description:
      - Domain (path, for example C(ROOT/customers), or ID) of the owner; with I(account).
    type: str
  account:
    description:
      - "Account owning the object (with I(domain)); default: the caller's account."
    type: str
  project:
    description:
      - Name or ID of the project owning the object.
    type: str
  poll_async:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack): async jobs are always awaited, within I(api_async_timeout)."
    type: bool
    default: true
  tags:
    description:
      - List of tags. Tags are a list of dictionaries having keys I(key) and I(value).
      - "To delete all tags, set an empty list, e.g. I(tags: [])."
    type: list
    elements: dict
    aliases: [ tag ]
  state:
    description:
      - State of the snapshot.
    type: str
    default: present
    choices: [ present, absent, revert ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Snapshot the data volume before a migration
  csops.cloudstack.volume_snapshot:
    name: before-migration
    volume: data-01

- name: Snapshot the ROOT volume of an instance
  csops.cloudstack.volume_snapshot:
    name: root-before-upgrade
    vm: web-01
    volume_type: ROOT

- name: Revert the volume (its instance stopped)
  csops.cloudstack.volume_snapshot:
    name: before-migration
    volume: data-01
    state: revert

- name: A new volume from the snapshot
  csops.cloudstack.volume:
    name: data-01-copy
    zone: zone01
    snapshot: before-migration

- name: Remove the snapshot
  csops.cloudstack.volume_snapshot:
    name: before-migration
    volume: data-01
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the snapshot.
  returned: success
  type: str
  sample: 2ac3d9b5-4e10-4cf4-8a8c-1ab2c4d5e6f7
name:
  description: Name of the snapshot.
  returned: success
  type: str
  sample: before-migration
state:
  description: State of the snapshot (C(BackingUp) while it is taken, then C(BackedUp)).
  returned: success
  type: str
  sample: BackedUp
volume:
  description: Name of the volume.
  returned: success
  type: str
  sample: data-01
volume_id:
  description: ID of the volume.
  returned: success
  type: str
volume_type:
  description: Type of the volume.
  returned: success
  type: str
  sample: DATADISK
snapshot_type:
  description: Type of the snapshot (C(MANUAL), or the interval of a policy's).
  returned: success
  type: str
  sample: MANUAL
interval_type:
  description: Interval type of the snapshot.
  returned: success
  type: str
  sample: MANUAL
physical_size:
  description: Physical size of the snapshot in bytes.
  returned: success
  type: int
virtual_size:
  description: Virtual size of the snapshot in bytes.
  returned: success
  type: int
revertable:
  description: Whether the volume can be reverted to the snapshot.
  returned: success
  type: bool
location_type:
  description: Where the snapshot is kept (C(PRIMARY), C(SECONDARY)), when set.
  returned: when set
  type: str
os_display_name:
  description: OS type of the snapshot's instance.
  returned: when the volume was attached
  type: str
created:
  description: Date of the snapshot.
  returned: success
  type: str
tags:
  description: Resource tags of the snapshot.
  returned: success
  type: list
domain:
  description: Domain of the snapshot.
  returned: success
  type: str
account:
  description: Account of the snapshot.
  returned: success
  type: str
project:
  description: Project of the snapshot.
  returned: success
  type: str
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.snapshots import RevertEngine
from ..module_utils.resources.volume_snapshot import VOLUME_SNAPSHOT


def main():
    run_resource(VOLUME_SNAPSHOT, engine_class=RevertEngine, required_one_of=[["vm", "volume"]])


if __name__ == "__main__":
    main()
