#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: instance_snapshot
short_description: Manages instance snapshots on Apache CloudStack based clouds
description:
  - Create, remove and revert VM from snapshots (VM snapshots).
  - "A snapshot is found by its display name (I(name)) among the snapshots of I(vm). Nothing of a VM snapshot can be changed:
    I(description) and I(snapshot_memory) apply when it is taken."
  - "I(state=revert) reverts the instance to the snapshot on every run (an action, as C(ngine_io.cloudstack)): CloudStack reverts a
    disk-only snapshot only while the instance is stopped, a snapshot with memory only while it runs."
  - A snapshot found in state C(Error) (its create job failed) is deleted and taken again, with a warning.
  - createVMSnapshot, deleteVMSnapshot and revertToVMSnapshot are async jobs, awaited within I(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.instance_snapshot) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Unique name of the snapshot (per instance). In CloudStack terms the display name.
    type: str
    required: true
    aliases: [ display_name ]
  vm:
    description:
      - Name or ID of the instance.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone the instance is in.
    type: str
    required: true
  description:
    description:
      - Description of the snapshot (only used when it is taken).
    type: str
  snapshot_memory:
    description:
      - Snapshot the memory too (only of a running instance; only used when it is taken).
    type: bool
    default: false
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
- name: Create a VM snapshot of disk and memory before an upgrade
  csops.cloudstack.instance_snapshot:
    name: Snapshot before upgrade
    vm: web-01
    zone: zone01
    snapshot_memory: true

- name: Revert a VM to a snapshot after a failed upgrade
  csops.cloudstack.instance_snapshot:
    name: Snapshot before upgrade
    vm: web-01
    zone: zone01
    state: revert

- name: Remove a VM snapshot after successful upgrade
  csops.cloudstack.instance_snapshot:
    name: Snapshot before upgrade
    vm: web-01
    zone: zone01
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the snapshot.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
name:
  description: Name of the snapshot (CloudStack's, <instance name>_VS_<time>).
  returned: success
  type: str
  sample: i-2-13-VM_VS_20240105120000
display_name:
  description: Display name of the snapshot.
  returned: success
  type: str
  sample: snapshot before update
created:
  description: date of the snapshot.
  returned: success
  type: str
  sample: 2015-03-29T14:57:06+0200
current:
  description: true if the snapshot is current
  returned: success
  type: bool
  sample: True
state:
  description: state of the vm snapshot
  returned: success
  type: str
  sample: Ready
type:
  description: type of vm snapshot
  returned: success
  type: str
  sample: DiskAndMemory
description:
  description: description of vm snapshot
  returned: success
  type: str
  sample: snapshot brought to you by Ansible
zone:
  description: Zone of the instance.
  returned: success
  type: str
  sample: zone01
tags:
  description: Resource tags of the snapshot.
  returned: success
  type: list
domain:
  description: Domain the vm snapshot is related to.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the vm snapshot is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Name of project the vm snapshot is related to.
  returned: success
  type: str
  sample: Production
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.instance_snapshot import INSTANCE_SNAPSHOT
from ..module_utils.resources.snapshots import RevertEngine


def main():
    run_resource(INSTANCE_SNAPSHOT, engine_class=RevertEngine)


if __name__ == "__main__":
    main()
