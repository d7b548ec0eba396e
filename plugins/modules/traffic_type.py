#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: traffic_type
short_description: Manages traffic types on CloudStack physical networks
description:
  - Add, update (network labels) and remove the traffic types of a physical network.
  - Takes the options of C(ngine_io.cloudstack.traffic_type) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  physical_network:
    description:
      - Name or ID of the physical network.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone of the physical network.
    type: str
    required: true
  traffic_type:
    description:
      - The traffic type.
    type: str
    required: true
    choices: [ Management, Guest, Public, Storage ]
  state:
    description:
      - State of the traffic type.
    type: str
    default: present
    choices: [ present, absent ]
  hyperv_networklabel:
    description:
      - The network name label of the physical device dedicated to this traffic on a HyperV host.
    type: str
  isolation_method:
    description:
      - Use if the physical network has multiple isolation types and the traffic type is public.
      - Only used at creation.
    type: str
    choices: [ vlan, vxlan ]
  kvm_networklabel:
    description:
      - The network name label of the physical device dedicated to this traffic on a KVM host.
    type: str
  ovm3_networklabel:
    description:
      - The network name of the physical device dedicated to this traffic on an OVM3 host.
    type: str
  vlan:
    description:
      - The VLAN ID to be used for Management traffic by VMware hosts.
      - Only used at creation.
    type: str
  vmware_networklabel:
    description:
      - The network name label of the physical device dedicated to this traffic on a VMware host.
    type: str
  xen_networklabel:
    description:
      - The network name label of the physical device dedicated to this traffic on a XenServer host.
    type: str
  poll_async:
    description:
      - Accepted for compatibility with C(ngine_io.cloudstack). This module always waits for its async jobs
        (bounded by I(api_async_timeout)), so that what it returns is the object as the task left it.
    type: bool
    default: true
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Add a traffic type
  csops.cloudstack.traffic_type:
    physical_network: public-network
    traffic_type: Guest
    zone: test-zone

- name: Set the KVM label of a traffic type
  csops.cloudstack.traffic_type:
    physical_network: public-network
    traffic_type: Guest
    kvm_networklabel: cloudbr0
    zone: test-zone

- name: Remove a traffic type
  csops.cloudstack.traffic_type:
    physical_network: public-network
    traffic_type: Public
    state: absent
    zone: test-zone
"""

RETURN = r"""
---
id:
  description: ID of the traffic type.
  returned: success
  type: str
  sample: 659c1840-9374-440d-a412-55ca360c9d3c
traffic_type:
  description: The traffic type.
  returned: success
  type: str
  sample: Public
hyperv_networklabel:
  description: The network name label of the physical device dedicated to this traffic on a HyperV host.
  returned: when set
  type: str
  sample: HyperV Internal Switch
kvm_networklabel:
  description: The network name label of the physical device dedicated to this traffic on a KVM host.
  returned: when set
  type: str
  sample: cloudbr0
ovm3_networklabel:
  description: The network name of the physical device dedicated to this traffic on an OVM3 host.
  returned: when set
  type: str
  sample: cloudbr0
physical_network:
  description: ID of the physical network the traffic type belongs to.
  returned: success
  type: str
  sample: 28ed70b7-9a1f-41bf-94c3-53a9f22da8b6
vmware_networklabel:
  description: The network name label of the physical device dedicated to this traffic on a VMware host.
  returned: when set
  type: str
  sample: Management Network
xen_networklabel:
  description: The network name label of the physical device dedicated to this traffic on a XenServer host.
  returned: when set
  type: str
  sample: xenbr0
zone:
  description: Name of the zone the physical network is in.
  returned: success
  type: str
  sample: ch-gva-2
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.traffic_type import TRAFFIC_TYPE


def main():
    run_resource(TRAFFIC_TYPE, dict(poll_async=dict(type="bool", default=True)))


if __name__ == "__main__":
    main()
