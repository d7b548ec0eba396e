#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: iso
short_description: Manages ISO images on Apache CloudStack based clouds
description:
  - Register ISO images from a URL (in one zone or across zones), wait until they are ready, update, attach to and
    detach from instances, extract and delete them.
  - Takes the options of C(ngine_io.cloudstack.iso) and returns the same keys.
  - O(is_public), O(is_featured) and O(is_extractable) of an existing ISO change with C(updateIsoPermissions)
    (C(ngine_io.cloudstack.iso) sets O(is_public) and O(is_featured) at registration only and has no O(is_extractable)).
  - O(state=extracted) asks CloudStack for a download URL of an existing ISO (C(extractIso), async; the ISO must be
    extractable unless the caller is a root admin; not a state of C(ngine_io.cloudstack.iso)). CloudStack makes one URL
    per ISO and zone and answers the same one again, but no list command shows it, so every run asks for it and reports
    a change (as the template and volume modules); in check mode nothing is sent.
  - The ISO is found by O(name) (and O(checksum) when set) with O(iso_filter), in O(zone) (or once across zones with O(cross_zones)).
  - After the registration, and on later runs while the download is still going on, the module waits until the
    ISO is ready (O(wait_for_ready)); a failed download fails the task with CloudStack's status text.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the ISO.
    type: str
    required: true
  display_text:
    description:
      - Display text of the ISO; O(name) when registered without it.
    type: str
  url:
    description:
      - URL the ISO is downloaded from; needed to register it.
      - With O(state=extracted) and O(mode=ftp_upload), the C(ftp://) URL CloudStack uploads the ISO to.
    type: str
  os_type:
    description:
      - OS type that best represents the OS of this ISO (its description). Needed to register a bootable ISO.
    type: str
  is_ready:
    description:
      - Only find ISOs that are ready (downloaded). Recommended to leave it V(false).
    type: bool
    default: false
  is_public:
    description:
      - Whether the ISO is available to all users.
      - Changed on an existing ISO with C(updateIsoPermissions).
    type: bool
  is_featured:
    description:
      - Whether the ISO is featured.
      - Changed on an existing ISO with C(updateIsoPermissions).
    type: bool
  is_extractable:
    description:
      - Whether the ISO may be extracted (O(state=extracted)) by users other than root admins.
      - Changed on an existing ISO with C(updateIsoPermissions).
    type: bool
  is_dynamically_scalable:
    description:
      - The ISO has the tools installed to support dynamic scaling of the CPU and memory of its instances.
    type: bool
  checksum:
    description:
      - The checksum of the ISO; when set, the ISO is found by name and checksum.
    type: str
  bootable:
    description:
      - Register the ISO to be bootable.
    type: bool
  domain:
    description:
      - Domain (path) the ISO belongs to.
    type: str
  account:
    description:
      - Account the ISO belongs to.
    type: str
  project:
    description:
      - Name or id of the project the ISO belongs to.
    type: str
  zone:
    description:
      - Name or id of the zone the ISO is registered in or deleted from.
      - Needed unless O(cross_zones=true).
    type: str
  cross_zones:
    description:
      - Register the ISO in every zone, or delete it from every zone.
      - Mutually exclusive with O(zone).
    type: bool
    default: false
  iso_filter:
    description:
      - The filter used to find the ISO.
    type: str
    default: self
    choices: [ featured, self, selfexecutable, sharedexecutable, executable, community ]
  tags:
    description:
      - Resource tags, a list of dicts with C(key) and C(value). An empty list removes every tag.
    type: list
    elements: dict
    aliases: [ tag ]
  poll_async:
    description:
      - Accepted for compatibility with C(ngine_io.cloudstack.iso); jobs are always awaited, bounded by O(api_async_timeout).
    type: bool
    default: true
  wait_for_ready:
    description:
      - Wait until the ISO is downloaded and ready in its zones (after the registration, and on later runs while it is not ready yet).
    type: bool
    default: true
  ready_timeout:
    description:
      - Seconds to wait for the ISO to become ready; O(api_async_timeout) when not set.
    type: int
  vm:
    description:
      - Name or ID of the instance to attach the ISO to or detach it from; required with O(state=attached) and O(state=detached).
    type: str
  mode:
    description:
      - How the ISO is extracted, with O(state=extracted).
      - C(ftp_upload) uploads it to O(url), which must then be an C(ftp://) URL.
    type: str
    choices: [ http_download, ftp_upload ]
    default: http_download
  state:
    description:
      - State of the ISO.
      - C(attached) registers the ISO if it does not exist, waits until it is ready and attaches it to O(vm) (C(attachIso));
        CloudStack refuses when the instance has another ISO in its drive (detach that one first).
      - C(detached) detaches it from O(vm) (C(detachIso)) when it is the instance's ISO; an ISO that does not exist is not registered.
      - "C(extracted) needs the ISO to exist (else the task fails with C(Failed: iso not found))."
    type: str
    default: present
    choices: [ present, absent, attached, detached, extracted ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Register an ISO in one zone
  csops.cloudstack.iso:
    name: Debian 12 netinst
    zone: zone01
    url: https://images.example.com/debian-12-netinst.iso
    os_type: Debian GNU/Linux 12 (64-bit)

- name: Register an ISO in every zone, found by name and checksum
  csops.cloudstack.iso:
    name: Debian 12 netinst
    url: https://images.example.com/debian-12-netinst.iso
    os_type: Debian GNU/Linux 12 (64-bit)
    checksum: 0b31bccccb048d20b551f70830bb7ad0
    cross_zones: true

- name: Remove an ISO
  csops.cloudstack.iso:
    name: Debian 12 netinst
    zone: zone01
    state: absent

- name: Attach an ISO to an instance (registered first if needed)
  csops.cloudstack.iso:
    name: Debian 12
    zone: zone01
    url: https://images.example.com/debian-12.iso
    os_type: Debian GNU/Linux 12 (64-bit)
    vm: web-01
    state: attached

- name: Detach it
  csops.cloudstack.iso:
    name: Debian 12
    zone: zone01
    vm: web-01
    state: detached

- name: Get a download URL of an ISO
  csops.cloudstack.iso:
    name: Debian 12
    zone: zone01
    state: extracted
  register: debian_iso
"""

RETURN = r"""
---
id:
  description: UUID of the ISO.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
name:
  description: Name of the ISO.
  returned: success
  type: str
  sample: Debian 7 64-bit
display_text:
  description: Text to be displayed of the ISO.
  returned: success
  type: str
  sample: Debian 7.7 64-bit minimal 2015-03-19
zone:
  description: Name of zone the ISO is registered in.
  returned: success
  type: str
  sample: zuerich
status:
  description: Status of the ISO.
  returned: success
  type: str
  sample: Successfully Installed
is_ready:
  description: True if the ISO is ready to be deployed from.
  returned: success
  type: bool
  sample: true
is_public:
  description: True if the ISO is public.
  returned: success
  type: bool
  sample: true
bootable:
  description: True if the ISO is bootable.
  returned: success
  type: bool
  sample: true
is_featured:
  description: True if the ISO is featured.
  returned: success
  type: bool
  sample: true
vm:
  description: Name of the instance the ISO is attached to or detached from.
  returned: with O(state=attached) and O(state=detached)
  type: str
  sample: my-vm-01
is_extractable:
  description: True if the ISO is extractable.
  returned: if available
  type: bool
  sample: false
mode:
  description: Mode of extraction, as CloudStack returns it.
  returned: on O(state=extracted), not in check mode
  type: str
  sample: HTTP_DOWNLOAD
state:
  description: State of the extracted ISO.
  returned: on O(state=extracted), not in check mode
  type: str
  sample: DOWNLOAD_URL_CREATED
is_dynamically_scalable:
  description: True if the ISO supports dynamic scaling.
  returned: if available
  type: bool
  sample: false
format:
  description: Format of the ISO.
  returned: success
  type: str
  sample: ISO
os_type:
  description: Typo of the OS.
  returned: success
  type: str
  sample: CentOS 6.5 (64-bit)
checksum:
  description: MD5 checksum of the ISO.
  returned: success
  type: str
  sample: 0b31bccccb048d20b551f70830bb7ad0
url:
  description: URL the ISO was registered from; on O(state=extracted) the URL it is extracted to (the download URL).
  returned: if available
  type: str
  sample: https://images.example.com/debian.iso
size:
  description: Size of the ISO in bytes (once downloaded).
  returned: if available
  type: int
  sample: 2147483648
created:
  description: Date of registering.
  returned: success
  type: str
  sample: 2015-03-29T14:57:06+0200
cross_zones:
  description: true if the ISO is managed across all zones, false otherwise.
  returned: success
  type: bool
  sample: false
domain:
  description: Domain the ISO is related to.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the ISO is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Project the ISO is related to.
  returned: success
  type: str
  sample: example project
tags:
  description: List of resource tags associated with the ISO.
  returned: success
  type: list
  sample: [ { "key": "foo", "value": "bar" } ]
diff:
  description: The managed fields before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"display_text": "old"}, "after": {"display_text": "new"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.iso import ISO, IsoEngine


def main():
    run_resource(ISO, engine_class=IsoEngine, mutually_exclusive=[["zone", "cross_zones"]],
                 required_if=[("state", "attached", ["vm"]), ("state", "detached", ["vm"])])


if __name__ == "__main__":
    main()
