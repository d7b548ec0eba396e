#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: volume
short_description: Manages volumes on Apache CloudStack based clouds
description:
  - Create, resize, attach, detach, extract, upload and remove data volumes.
  - A volume is found by name in its zone (within its owner).
  - I(size), I(disk_offering), I(min_iops) and I(max_iops) of an existing volume change with C(resizeVolume); a smaller size needs I(shrink_ok).
  - C(createVolume), C(resizeVolume), C(attachVolume) and C(detachVolume) are async jobs, awaited within I(api_async_timeout).
  - I(state=extracted) asks CloudStack for a download URL of an existing volume (C(extractVolume), async; a DATA volume that
    was never attached has no primary storage yet and cannot be extracted, a ROOT volume only while its instance is stopped).
    CloudStack makes one URL per volume and answers the same one again, but no list command shows it, so (as C(ngine_io.cloudstack))
    every run asks for it and reports a change; in check mode nothing is sent.
  - I(state=uploaded) makes a volume that does not exist from I(url) (C(uploadVolume), async, with I(format) and I(checksum));
    CloudStack downloads it to secondary storage (volume state C(UploadOp), then C(Uploaded); attaching it moves it to primary storage).
    A volume that exists is left as with I(state=present).
  - Takes the options of C(ngine_io.cloudstack.volume) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the volume.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone of the volume.
    type: str
    required: true
  disk_offering:
    description:
      - Name or ID of the disk offering of the volume; needed to create it (unless I(snapshot)).
      - Another offering resizes the volume to it (C(resizeVolume)).
    type: str
  size:
    description:
      - Size of the volume in GB (custom size disk offerings).
      - A bigger size grows the volume; a smaller one needs I(shrink_ok).
    type: int
  min_iops:
    description:
      - Minimal IOPS of the volume (custom IOPS disk offerings).
    type: int
  max_iops:
    description:
      - Maximal IOPS of the volume (custom IOPS disk offerings).
    type: int
  custom_id:
    description:
      - Custom ID of the volume (only used at creation, root admins).
    type: str
  display_volume:
    description:
      - Whether the volume is shown to the end user (only used at creation).
    type: bool
  snapshot:
    description:
      - Name or ID of the snapshot to create the volume from (only used at creation). Mutually exclusive with O(disk_offering).
      - Volume snapshots are taken, reverted and removed with M(csops.cloudstack.volume_snapshot).
    type: str
  vm:
    description:
      - Name or ID of the instance the volume is attached to; required with I(state=attached) (checked before anything is created).
    type: str
  device_id:
    description:
      - Device ID of the volume on the instance, with I(state=attached).
    type: int
  shrink_ok:
    description:
      - Whether a smaller I(size) may shrink the volume.
    type: bool
    default: false
  force:
    description:
      - "With I(state=absent): detach an attached volume before removing it (otherwise the task fails)."
    type: bool
    default: false
  tags:
    description:
      - Resource tags, a list of dicts with C(key) and C(value).
      - An empty list removes every tag; not set leaves the tags alone.
    type: list
    elements: dict
    aliases: [ tag ]
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
  url:
    description:
      - With I(state=uploaded), the URL CloudStack downloads the volume from (C(http) or C(https)); required then.
      - With I(state=extracted) and I(mode=ftp_upload), the C(ftp://) URL CloudStack uploads the volume to.
    type: str
  format:
    description:
      - Format of the file at I(url); required with I(state=uploaded).
    type: str
    choices: [ QCOW2, RAW, VHD, VHDX, OVA ]
  checksum:
    description:
      - Checksum of the file at I(url), with I(state=uploaded) (CloudStack checks the download against it).
      - Not an option of C(ngine_io.cloudstack.volume).
    type: str
  mode:
    description:
      - How the volume is extracted, with I(state=extracted).
    type: str
    choices: [ http_download, ftp_upload ]
    default: http_download
  poll_async:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack): async jobs are always awaited, within I(api_async_timeout)."
    type: bool
    default: true
  state:
    description:
      - State of the volume.
      - C(attached) and C(detached) create the volume first when it does not exist.
      - "C(extracted) needs the volume to exist (else the task fails with C(Failed: volume not found)); C(uploaded) makes it from I(url)."
    type: str
    default: present
    choices: [ present, absent, attached, detached, extracted, uploaded ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a volume of 20 GB
  csops.cloudstack.volume:
    name: data-1
    zone: zone01
    disk_offering: Custom
    size: 20

- name: Ensure the volume is attached to an instance
  csops.cloudstack.volume:
    name: data-1
    zone: zone01
    vm: web-01
    state: attached

- name: Grow the volume to 50 GB
  csops.cloudstack.volume:
    name: data-1
    zone: zone01
    size: 50

- name: Ensure the volume is detached
  csops.cloudstack.volume:
    name: data-1
    zone: zone01
    state: detached

- name: Ensure the volume is absent (detached first)
  csops.cloudstack.volume:
    name: data-1
    zone: zone01
    force: true
    state: absent

- name: Get a download URL of a detached data volume
  csops.cloudstack.volume:
    name: data-1
    zone: zone01
    state: extracted
  register: data_1

- name: Make a new volume from that URL
  csops.cloudstack.volume:
    name: data-1-copy
    zone: zone01
    url: "{{ data_1.url }}"
    format: QCOW2
    state: uploaded
"""

RETURN = r"""
---
id:
  description: UUID of the volume.
  returned: success
  type: str
  sample: de5a6b2c-3a2a-4b34-8f7b-2f1e4d0f1c4d
name:
  description: Name of the volume.
  returned: success
  type: str
  sample: data-1
created:
  description: Date of the volume was created.
  returned: success
  type: str
  sample: 2014-12-01T14:57:57+0100
attached:
  description: Date of the volume was attached.
  returned: success
  type: str
  sample: 2014-12-01T14:57:57+0100
type:
  description: Disk volume type.
  returned: success
  type: str
  sample: DATADISK
size:
  description: Size of disk volume in bytes.
  returned: success
  type: int
  sample: 21474836480
size_gb:
  description: Size of disk volume in GB.
  returned: success
  type: int
  sample: 20
vm:
  description: Name of the vm the volume is attached to (not returned when detached).
  returned: success
  type: str
  sample: web-01
device_id:
  description: Id of the device on user vm the volume is attached to (not returned when detached).
  returned: success
  type: int
  sample: 1
state:
  description: State of the volume (C(Ready), C(Allocated), C(UploadOp), C(Uploaded), ...); C(DOWNLOAD_URL_CREATED) (or C(UPLOADED)) after I(state=extracted).
  returned: success
  type: str
  sample: Ready
disk_offering:
  description: Name of the disk offering of the volume.
  returned: success
  type: str
  sample: Custom
min_iops:
  description: Minimal IOPS of the volume.
  returned: success
  type: int
max_iops:
  description: Maximal IOPS of the volume.
  returned: success
  type: int
display_volume:
  description: Whether the volume is shown to the end user.
  returned: success
  type: bool
  sample: true
provisioning_type:
  description: Provisioning type of the volume.
  returned: success
  type: str
  sample: thin
storage:
  description: Name of the primary storage the volume is on.
  returned: success
  type: str
  sample: pool-1
group:
  description: Group the volume belongs to.
  returned: success
  type: str
url:
  description: The download URL (I(mode=http_download)) or the URL uploaded to (I(mode=ftp_upload)), as CloudStack returns it.
  returned: success when I(state=extracted) and not in check mode
  type: str
  sample: http://1.12.3.4/userdata/387e2c7c-7c42-4ecc-b4ed-84e8367a1965.qcow2
mode:
  description: Mode of the extraction, as CloudStack returns it.
  returned: success when I(state=extracted) and not in check mode
  type: str
  sample: HTTP_DOWNLOAD
status:
  description: Status of an uploaded volume (C(0% Uploaded), C(Upload Complete), ...).
  returned: when CloudStack returns it
  type: str
  sample: Upload Complete
format:
  description: Format of an uploaded volume.
  returned: when CloudStack returns it
  type: str
  sample: QCOW2
tags:
  description: Resource tags, as {key, value} when the task sets O(tags) (as ngine_io.cloudstack), else as CloudStack lists them.
  returned: success
  type: list
  sample: [{key: foo, value: bar}]
zone:
  description: Name of zone the volume is in.
  returned: success
  type: str
  sample: zone01
display_name:
  description: Display name of the volume.
  returned: success
  type: str
domain:
  description: Domain the volume is related to.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the volume is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Project the volume is related to.
  returned: success
  type: str
  sample: Production
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.extract import ExtractEngine
from ..module_utils.resources.volume import VOLUME


def main():
    run_resource(VOLUME, engine_class=ExtractEngine, mutually_exclusive=[["snapshot", "disk_offering"]],
                 required_if=[("state", "uploaded", ["url", "format"])])


if __name__ == "__main__":
    main()
