#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: autoscale_vm_profile
short_description: Manages autoscale VM profiles on Apache CloudStack based clouds
description:
  - Create, update and remove autoscale VM profiles, what an autoscale VM group (M(csops.cloudstack.autoscale_vm_group)) deploys.
  - A profile has no name; it is found by its I(zone), I(template) and I(service_offering) within its owner. Give I(id) to change
    the template or the service offering of a profile.
  - CloudStack refuses to change the template, the grace period, the deploy parameters or the user data of a profile whose VM group
    is not disabled, and to delete a profile a VM group uses.
  - C(ngine_io.cloudstack) has no such module; Terraform's CloudStack provider has the same fields.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  id:
    description:
      - UUID of the profile (to change its template or service offering).
    type: str
  zone:
    description:
      - Name or ID of the zone the VMs are deployed in.
    type: str
    required: true
  template:
    description:
      - Name or ID of the template of the VMs.
    type: str
    required: true
  service_offering:
    description:
      - Name or ID of the service offering of the VMs.
    type: str
    required: true
  expunge_vm_grace_period:
    description:
      - Seconds existing connections have to close before a VM scaled down is expunged; CloudStack's default is 120.
    type: int
  other_deploy_params:
    description:
      - Other deploy parameters of the VMs, name to value; CloudStack accepts C(rootdisksize), C(diskofferingid), C(size),
        C(securitygroupids), C(overridediskofferingid), C(keypairs), C(affinitygroupids) and C(networkids).
    type: dict
  user_data:
    description:
      - User data of the VMs (plain text, sent base64-encoded). Sent when the profile is made, never compared or shown.
    type: str
  domain:
    description:
      - Domain (path or ID) of the owner; with I(account).
    type: str
  account:
    description:
      - Account of the owner (with I(domain)).
    type: str
  project:
    description:
      - Name or ID of the project of the owner.
    type: str
  state:
    description:
      - State of the profile.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: What the web group deploys
  csops.cloudstack.autoscale_vm_profile:
    zone: zone01
    template: debian-12
    service_offering: Small Instance
    expunge_vm_grace_period: 60
    other_deploy_params:
      rootdisksize: 20
  register: web_profile

- name: Remove the profile
  csops.cloudstack.autoscale_vm_profile:
    zone: zone01
    template: debian-12
    service_offering: Small Instance
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the profile.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
zone:
  description: Name of the zone.
  returned: success
  type: str
  sample: zone01
zone_id:
  description: UUID of the zone.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
template:
  description: Name of the template.
  returned: success
  type: str
  sample: debian-12
template_id:
  description: UUID of the template.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
service_offering:
  description: Name of the service offering.
  returned: success
  type: str
  sample: Small Instance
service_offering_id:
  description: UUID of the service offering.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
expunge_vm_grace_period:
  description: Seconds before a VM scaled down is expunged.
  returned: success
  type: int
  sample: 120
other_deploy_params:
  description: Other deploy parameters.
  returned: success
  type: dict
  sample: {rootdisksize: "20"}
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
account:
  description: Account of the owner.
  returned: success
  type: str
  sample: example-account
domain:
  description: Domain of the owner.
  returned: success
  type: str
  sample: ROOT
project:
  description: Project of the owner.
  returned: when available
  type: str
  sample: Production
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.autoscale_vm_profile import AUTOSCALE_VM_PROFILE


def main():
    run_resource(AUTOSCALE_VM_PROFILE)


if __name__ == "__main__":
    main()
