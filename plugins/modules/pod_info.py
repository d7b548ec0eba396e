#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: pod_info
short_description: Gathers information about pods of Apache CloudStack based clouds
description:
  - Lists pods, all of them (every page) or those matching the filters.
  - Takes the options of C(ngine_io.cloudstack.pod_info) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the pod.
      - If not specified, information about all pods is gathered.
    type: str
  id:
    description:
      - UUID of the pod.
    type: str
  zone:
    description:
      - Name or ID of the zone the pods belong to.
    type: str
  query:
    description:
      - A JMESPath expression applied to the list of pods; its result is returned as C(query_result).
      - Needs the C(jmespath) Python library on the host running the module.
    type: str
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.info_attributes
"""

EXAMPLES = r"""
- name: Gather information about a pod
  csops.cloudstack.pod_info:
    name: pod1
    zone: ch-zrh-ix-01
  register: pod

- name: Gather information about all pods
  csops.cloudstack.pod_info:
  register: pods

- name: Names of the disabled pods
  csops.cloudstack.pod_info:
    query: "[?allocation_state=='Disabled'].name"
  register: disabled_pods
"""

RETURN = r"""
---
pods:
  description: The matching pods.
  type: list
  elements: dict
  returned: success
  contains:
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
query_result:
  description: The result of I(query) applied to C(pods).
  returned: when I(query) is given
  type: raw
"""

from ..module_utils.engine import run_info
from ..module_utils.resources.pod import POD


def main():
    run_info(POD, dict(name=dict(type="str"), id=dict(type="str"), zone=dict(type="str")))


if __name__ == "__main__":
    main()
