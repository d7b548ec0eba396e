#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: image_store
short_description: Manages CloudStack image stores (secondary storage)
description:
  - Add, re-create and remove image stores.
  - CloudStack cannot change the URL or the provider of an image store; a difference is reported as a
    warning unless I(force_recreate=true), which removes the store and adds it again.
  - Takes the options of C(ngine_io.cloudstack.image_store) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  url:
    description:
      - The URL of the image store, for example C(nfs://10.0.0.5/export/secondary).
      - Required with O(state=present) (also for an existing store, as C(ngine_io.cloudstack.image_store)).
    type: str
  name:
    description:
      - The name of the image store.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone of the image store.
    type: str
    required: true
  state:
    description:
      - State of the image store.
    type: str
    default: present
    choices: [ present, absent ]
  provider:
    description:
      - The image store provider name, for example C(NFS), C(S3), C(Swift).
      - Required with O(state=present) (also for an existing store, as C(ngine_io.cloudstack.image_store)).
      - Must be one of the image store providers CloudStack lists (C(listStorageProviders)); checked on every run.
    type: str
  force_recreate:
    description:
      - Set to C(true) if you are changing the URL or the provider of an existing image store.
      - This removes the image store and adds it again.
      - Re-creation fails if there are snapshots or templates on the image store; delete them first.
    type: bool
    default: false
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Add an NFS image store
  csops.cloudstack.image_store:
    zone: zone-01
    name: nfs-01
    provider: NFS
    url: nfs://192.168.21.16/exports/secondary

- name: Change the NFS URL, re-creating the image store
  csops.cloudstack.image_store:
    zone: zone-01
    name: nfs-01
    provider: NFS
    force_recreate: true
    url: nfs://192.168.21.10/shares/secondary

- name: Remove the image store
  csops.cloudstack.image_store:
    name: nfs-01
    zone: zone-01
    state: absent
"""

RETURN = r"""
---
id:
  description: The ID of the image store.
  type: str
  returned: success
  sample: feb11a84-a093-45eb-b84d-7f680313c40b
name:
  description: The name of the image store.
  type: str
  returned: success
  sample: nfs-01
protocol:
  description: The protocol of the image store.
  type: str
  returned: success
  sample: nfs
provider_name:
  description: The provider name of the image store.
  type: str
  returned: success
  sample: NFS
scope:
  description: The scope of the image store.
  type: str
  returned: success
  sample: ZONE
url:
  description: The URL of the image store.
  type: str
  returned: success
  sample: nfs://192.168.21.16/exports/secondary
read_only:
  description: Whether the image store is read-only.
  type: bool
  returned: success
  sample: false
zone:
  description: The name of the zone of the image store.
  type: str
  returned: success
  sample: zone-01
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.image_store import IMAGE_STORE


def main():
    run_resource(IMAGE_STORE, dict(force_recreate=dict(type="bool", default=False)), required_if=[["state", "present", ["url", "provider"]]])


if __name__ == "__main__":
    main()
