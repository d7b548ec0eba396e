#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: pod
short_description: Manages pods on Apache CloudStack based clouds
description:
  - Create, update, enable, disable and delete pods.
  - Takes the options of C(ngine_io.cloudstack.pod) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the pod.
    type: str
    required: true
  id:
    description:
      - UUID of an existing pod; when given the pod is found by ID and can be renamed to I(name).
    type: str
  start_ip:
    description:
      - Starting IP address of the pod's management IP range.
      - Required when the pod is created.
    type: str
  end_ip:
    description:
      - Ending IP address of the pod's management IP range.
    type: str
  netmask:
    description:
      - Netmask of the pod.
      - Required when the pod is created.
    type: str
  gateway:
    description:
      - Gateway of the pod.
      - Required when the pod is created.
    type: str
  zone:
    description:
      - Name or ID of the zone the pod belongs to.
    type: str
    required: true
  state:
    description:
      - State of the pod.
      - C(present) creates the pod if needed and leaves its allocation state alone.
    type: str
    default: present
    choices: [ present, enabled, disabled, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a pod is present
  csops.cloudstack.pod:
    name: pod1
    zone: ch-zrh-ix-01
    start_ip: 10.100.10.101
    gateway: 10.100.10.1
    netmask: 255.255.255.0

- name: Ensure a pod is disabled
  csops.cloudstack.pod:
    name: pod1
    zone: ch-zrh-ix-01
    state: disabled

- name: Ensure a pod is enabled
  csops.cloudstack.pod:
    name: pod1
    zone: ch-zrh-ix-01
    state: enabled

- name: Ensure a pod is absent
  csops.cloudstack.pod:
    name: pod1
    zone: ch-zrh-ix-01
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the pod.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
name:
  description: Name of the pod.
  returned: success
  type: str
  sample: pod01
start_ip:
  description: Starting IP of the pod.
  returned: success
  type: str
  sample: 10.100.1.101
end_ip:
  description: Ending IP of the pod.
  returned: success
  type: str
  sample: 10.100.1.254
netmask:
  description: Netmask of the pod.
  returned: success
  type: str
  sample: 255.255.255.0
gateway:
  description: Gateway of the pod.
  returned: success
  type: str
  sample: 10.100.1.1
allocation_state:
  description: Allocation state of the pod.
  returned: success
  type: str
  sample: Enabled
zone:
  description: Name of the zone the pod is in.
  returned: success
  type: str
  sample: ch-gva-2
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.pod import POD


def main():
    run_resource(POD)


if __name__ == "__main__":
    main()
