#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: volume_snapshot_policy
short_description: Manages volume snapshot policies on Apache CloudStack based clouds
description:
  - Create, update and remove the recurring snapshot policies of a volume (one per interval type).
  - The volume is named by I(volume), or is the volume of I(vm) of I(volume_type) (and I(device_id)).
  - A policy is changed with C(createSnapshotPolicy), which replaces the schedule, I(max_snaps) and I(time_zone) of the volume's policy of that interval.
  - Takes the options of C(ngine_io.cloudstack.volume_snapshot_policy) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  volume:
    description:
      - Name or ID of the volume (one of I(volume) and I(vm) is required).
    type: str
  vm:
    description:
      - Name or ID of the instance whose volume the policy is for (with I(volume_type), I(device_id)).
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
  vpc:
    description:
      - Accepted for compatibility with C(ngine_io.cloudstack); instances are found without it.
    type: str
  interval_type:
    description:
      - Interval of the snapshot policy.
    type: str
    default: daily
    choices: [ hourly, daily, weekly, monthly ]
    aliases: [ interval ]
  schedule:
    description:
      - "Time the snapshot is taken, required with I(state=present) (as ngine_io.cloudstack): C(MM) for hourly, C(MM:HH) for daily,"
      - C(MM:HH:DD) (DD 1-7, the day of the week) for weekly, C(MM:HH:DD) (DD 1-28, the day of the month) for monthly.
    type: str
  max_snaps:
    description:
      - Maximum number of snapshots to keep.
    type: int
    default: 8
    aliases: [ max ]
  time_zone:
    description:
      - Time zone of the schedule (a name of the tz database, for example C(Europe/Zurich)).
    type: str
    default: UTC
    aliases: [ timezone ]
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
  state:
    description:
      - State of the snapshot policy.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a daily snapshot policy on a volume
  csops.cloudstack.volume_snapshot_policy:
    volume: data-1
    schedule: "30:1"
    max_snaps: 7
    time_zone: Europe/Zurich

- name: Ensure a weekly policy on the ROOT volume of an instance
  csops.cloudstack.volume_snapshot_policy:
    vm: web-01
    volume_type: ROOT
    interval_type: weekly
    schedule: "0:2:7"
    max_snaps: 4

- name: Ensure the daily policy is absent
  csops.cloudstack.volume_snapshot_policy:
    volume: data-1
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the snapshot policy.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
interval_type:
  description: Interval type of the snapshot policy.
  returned: success
  type: str
  sample: daily
schedule:
  description: Schedule of the snapshot policy.
  returned: success
  type: str
  sample: '30:1'
max_snaps:
  description: Maximum number of snapshots retained.
  returned: success
  type: int
  sample: 7
time_zone:
  description: Time zone of the snapshot policy.
  returned: success
  type: str
  sample: Europe/Zurich
volume:
  description: Name of the volume.
  returned: success
  type: str
  sample: data-1
zone:
  description: Name of the zone of the volume.
  returned: success
  type: str
  sample: ch-gva-2
account:
  description: Account the volume is related to.
  returned: success
  type: str
  sample: example account
domain:
  description: Domain the volume is related to.
  returned: success
  type: str
  sample: example domain
project:
  description: Name of project the volume is related to.
  returned: success
  type: str
  sample: Production
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.volume_snapshot_policy import VOLUME_SNAPSHOT_POLICY, SnapshotPolicyEngine


def main():
    run_resource(VOLUME_SNAPSHOT_POLICY, engine_class=SnapshotPolicyEngine, required_one_of=[["vm", "volume"]])


if __name__ == "__main__":
    main()
