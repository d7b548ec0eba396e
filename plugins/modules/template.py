#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: template
short_description: Manages templates on Apache CloudStack based clouds
description:
  - Register templates from a URL (in one zone or across zones), wait until they are ready, update, extract and delete them.
  - Takes the options of C(ngine_io.cloudstack.template) and returns the same keys.
  - A template that does not exist is registered from O(url) (C(registerTemplate)), or made from the ROOT volume of the
    stopped instance O(vm) or from its O(snapshot) (C(createTemplate), async), as C(ngine_io.cloudstack.template).
  - O(is_public), O(is_featured) and O(is_extractable) of an existing template change with C(updateTemplatePermissions)
    (CloudStack lets only root admins change O(is_extractable), and only admins make a template featured).
  - O(state=extracted) asks CloudStack for a download URL of an existing template (C(extractTemplate), async; the template
    must be extractable unless the caller is a root admin). CloudStack makes one URL per template and zone and answers the
    same one again, but no list command shows it, so (as C(ngine_io.cloudstack)) every run asks for it and reports a change;
    in check mode nothing is sent.
  - The template is found by O(name) with O(template_filter), in O(zone) (or once across zones with O(cross_zones)).
  - After the registration, and on later runs while the download is still going on, the module waits until the
    template is ready (O(wait_for_ready)); a failed download fails the task with CloudStack's status text.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the template.
    type: str
    required: true
  url:
    description:
      - URL the template is downloaded from; needed to register it.
      - With O(state=extracted) and O(mode=ftp_upload), the C(ftp://) URL CloudStack uploads the template to.
      - Mutually exclusive with O(vm).
    type: str
  vm:
    description:
      - Name or ID of the instance whose ROOT volume the template is made from (C(createTemplate)); the instance must be
        stopped (CloudStack's rule). Only used when the template does not exist. Mutually exclusive with O(url).
    type: str
  snapshot:
    description:
      - Name or ID of a snapshot of O(vm)'s ROOT volume to make the template from instead of the volume.
    type: str
  display_text:
    description:
      - Display text of the template; O(name) when registered without it.
    type: str
  os_type:
    description:
      - OS type that best represents the OS of this template (its description, for example V(CentOS 5.6 (64-bit))).
      - Needed to register a template (except for VMware).
    type: str
  checksum:
    description:
      - The checksum of the template (for example V({MD5}0b31...)); used at registration, and to find the template with
        O(template_find_options=checksum).
    type: str
  is_public:
    description:
      - Whether the template is available to all users.
      - Changed on an existing template with C(updateTemplatePermissions).
    type: bool
  is_featured:
    description:
      - Whether the template is featured.
      - Changed on an existing template with C(updateTemplatePermissions).
    type: bool
  is_extractable:
    description:
      - Allows the template or its derivatives to be extractable.
      - Changed on an existing template with C(updateTemplatePermissions) (root admins only).
    type: bool
  is_dynamically_scalable:
    description:
      - The template has the tools installed to support dynamic scaling of the CPU and memory of its instances.
    type: bool
  is_routing:
    description:
      - Sets the template type to routing (templates of virtual routers). Only used at registration.
    type: bool
  cross_zones:
    description:
      - Register the template in every zone (C(zoneid=-1)), or delete it from every zone.
      - Without it, O(zone) is needed.
    type: bool
    default: false
  zone:
    description:
      - Name or id of the zone the template is registered in or deleted from.
    type: str
  domain:
    description:
      - Domain (path) the template belongs to.
    type: str
  account:
    description:
      - Account the template belongs to.
    type: str
  project:
    description:
      - Name or id of the project the template belongs to.
    type: str
  template_filter:
    description:
      - The filter used to find the template.
    type: str
    default: self
    choices: [ all, featured, self, selfexecutable, sharedexecutable, executable, community ]
  template_find_options:
    description:
      - Further options the template must match, when its name is not unique.
    type: list
    elements: str
    choices: [ display_text, checksum, cross_zones ]
    aliases: [ template_find_option ]
    default: []
  hypervisor:
    description:
      - Hypervisor of the template, for example V(KVM), V(VMware), V(XenServer), V(Simulator). Needed to register it.
    type: str
  requires_hvm:
    description:
      - Whether the template requires HVM.
    type: bool
  password_enabled:
    description:
      - Enable the password reset support of the template.
    type: bool
  template_tag:
    description:
      - The tag of this template. Only used at registration.
    type: str
  sshkey_enabled:
    description:
      - The template supports the SSH key upload feature.
    type: bool
  format:
    description:
      - The format of the template. Needed to register it.
    type: str
    choices: [ QCOW2, RAW, VHD, OVA ]
  details:
    description:
      - Template details (passed at registration).
    type: str
  bits:
    description:
      - 32 or 64 bits support. Only used at registration.
    type: int
    default: 64
    choices: [ 32, 64 ]
  tags:
    description:
      - Resource tags, a list of dicts with C(key) and C(value). An empty list removes every tag.
    type: list
    elements: dict
    aliases: [ tag ]
  poll_async:
    description:
      - Accepted for compatibility with C(ngine_io.cloudstack.template); jobs are always awaited, bounded by O(api_async_timeout).
    type: bool
    default: true
  wait_for_ready:
    description:
      - Wait until the template is downloaded and ready in its zones (after the registration, and on later runs while it is not ready yet).
    type: bool
    default: true
  ready_timeout:
    description:
      - Seconds to wait for the template to become ready; O(api_async_timeout) when not set.
    type: int
  mode:
    description:
      - How the template is extracted, with O(state=extracted).
      - C(ftp_upload) uploads it to O(url), which must then be an C(ftp://) URL.
    type: str
    choices: [ http_download, ftp_upload ]
    default: http_download
  state:
    description:
      - State of the template.
      - "C(extracted) needs the template to exist (else the task fails with C(Failed: template not found))."
    type: str
    default: present
    choices: [ present, absent, extracted ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Register a template in every zone and wait until it is ready
  csops.cloudstack.template:
    name: debian-12
    url: https://images.example.com/debian-12-generic-amd64.qcow2
    hypervisor: KVM
    format: QCOW2
    os_type: Debian GNU/Linux 12 (64-bit)
    cross_zones: true
    password_enabled: true
    ready_timeout: 1800

- name: Register a template in one zone, without waiting
  csops.cloudstack.template:
    name: centos-9
    url: https://images.example.com/centos-9.qcow2
    hypervisor: KVM
    format: QCOW2
    os_type: CentOS 9
    zone: zone01
    wait_for_ready: false

- name: Remove a template from every zone
  csops.cloudstack.template:
    name: debian-12
    cross_zones: true
    state: absent

- name: Make a template from a stopped instance's ROOT volume
  csops.cloudstack.template:
    name: web-golden
    vm: web-01
    os_type: Debian GNU/Linux 12 (64-bit)
    zone: zone01
    password_enabled: true

- name: Make a template public and featured (updateTemplatePermissions)
  csops.cloudstack.template:
    name: debian-12
    zone: zone01
    is_public: true
    is_featured: true

- name: Get a download URL of a template
  csops.cloudstack.template:
    name: debian-12
    zone: zone01
    state: extracted
  register: debian
"""

RETURN = r"""
---
id:
  description: UUID of the template.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
name:
  description: Name of the template.
  returned: success
  type: str
  sample: Debian 7 64-bit
display_text:
  description: Display text of the template.
  returned: if available
  type: str
  sample: Debian 7.7 64-bit minimal 2015-03-19
checksum:
  description: Checksum of the template.
  returned: if available
  type: str
  sample: 0b31bccccb048d20b551f70830bb7ad0
status:
  description: Status of the template.
  returned: success
  type: str
  sample: Download Complete
is_ready:
  description: True if the template is ready to be deployed from.
  returned: if available
  type: bool
  sample: true
is_public:
  description: True if the template is public.
  returned: if available
  type: bool
  sample: true
is_featured:
  description: True if the template is featured.
  returned: if available
  type: bool
  sample: true
is_extractable:
  description: True if the template is extractable.
  returned: if available
  type: bool
  sample: true
is_dynamically_scalable:
  description: True if the template supports dynamic scaling.
  returned: if available
  type: bool
  sample: false
requires_hvm:
  description: True if the template requires HVM.
  returned: if available
  type: bool
  sample: true
format:
  description: Format of the template.
  returned: if available
  type: str
  sample: OVA
os_type:
  description: Type of the OS.
  returned: if available
  type: str
  sample: CentOS 6.5 (64-bit)
password_enabled:
  description: True if the reset password feature is enabled, false otherwise.
  returned: if available
  type: bool
  sample: false
sshkey_enabled:
  description: true if template is sshkey enabled, false otherwise.
  returned: if available
  type: bool
  sample: false
cross_zones:
  description: true if the template is managed across all zones, false otherwise.
  returned: if available
  type: bool
  sample: false
template_type:
  description: Type of the template.
  returned: if available
  type: str
  sample: USER
created:
  description: Date of registering.
  returned: success
  type: str
  sample: 2015-03-29T14:57:06+0200
template_tag:
  description: Template tag related to this template.
  returned: if available
  type: str
  sample: special
hypervisor:
  description: Hypervisor related to this template.
  returned: if available
  type: str
  sample: VMware
url:
  description: URL the template was registered from; on O(state=extracted) the URL it is extracted to (the download URL).
  returned: if available
  type: str
  sample: https://images.example.com/debian-12.qcow2
size:
  description: Size of the template in bytes (once downloaded).
  returned: if available
  type: int
  sample: 2147483648
bits:
  description: 32 or 64 bits.
  returned: if available
  type: int
  sample: 64
mode:
  description: Mode of extraction, as CloudStack returns it.
  returned: on O(state=extracted), not in check mode
  type: str
  sample: HTTP_DOWNLOAD
state:
  description: State of the extracted template.
  returned: on O(state=extracted), not in check mode
  type: str
  sample: DOWNLOAD_URL_CREATED
tags:
  description: List of resource tags associated with the template.
  returned: if available
  type: list
  sample: [ { "key": "foo", "value": "bar" } ]
zone:
  description: Name of zone the template is registered in.
  returned: success
  type: str
  sample: zuerich
domain:
  description: Domain the template is related to.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the template is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Name of project the template is related to.
  returned: success
  type: str
  sample: Production
diff:
  description: The managed fields before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"display_text": "old"}, "after": {"display_text": "new"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.extract import ExtractEngine
from ..module_utils.resources.template import TEMPLATE


def main():
    run_resource(TEMPLATE, engine_class=ExtractEngine, mutually_exclusive=[["zone", "cross_zones"], ["url", "vm"]])


if __name__ == "__main__":
    main()
