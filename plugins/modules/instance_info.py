#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: instance_info
short_description: Gathering information from the API of instances from Apache CloudStack based clouds
description:
  - Lists instances (one paged C(listVirtualMachines) call) with their volumes (one paged C(listVolumes) call for all of them).
  - Takes the options of C(ngine_io.cloudstack.instance_info) and returns the same keys, plus O(zone) and the jmespath O(query).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name, display name (with O(match_display_name)) or id of the instance. If not set, all instances are returned.
    type: str
  match_display_name:
    description:
      - Whether O(name) also matches the display name of an instance (as ngine_io.cloudstack 3.x).
    type: bool
    default: true
  domain:
    description:
      - Domain (path) the instances are related to.
    type: str
  account:
    description:
      - Account the instances are related to.
    type: str
  project:
    description:
      - Project the instances are related to.
    type: str
  host:
    description:
      - Name or id of the host the instances run on.
    type: str
  zone:
    description:
      - Name or id of the zone of the instances.
    type: str
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.info
  - csops.cloudstack.cloudstack.info_attributes
"""

EXAMPLES = r"""
- name: Gather information about an instance
  csops.cloudstack.instance_info:
    name: web-vm-1
  register: vm

- name: Gather information about all instances of an account
  csops.cloudstack.instance_info:
    domain: ROOT/customers
    account: web
  register: vms

- name: Only the names of the running ones
  csops.cloudstack.instance_info:
    zone: zone01
    query: "[?state=='Running'].name"
  register: running
"""

RETURN = r"""
---
instances:
  description: A list of matching instances.
  returned: success
  type: list
  elements: dict
  contains:
      id:
        description: UUID of the instance.
        returned: success
        type: str
        sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
      name:
        description: Name of the instance.
        returned: success
        type: str
        sample: web-01
      display_name:
        description: Display name of the instance.
        returned: success
        type: str
        sample: web-01
      group:
        description: Group name of the instance is related.
        returned: success
        type: str
        sample: web
      created:
        description: Date of the instance was created.
        returned: success
        type: str
        sample: 2014-12-01T14:57:57+0100
      password_enabled:
        description: True if password setting is enabled.
        returned: success
        type: bool
        sample: true
      password:
        description: The password of the instance if exists (only in the reply of its deployment).
        returned: if available
        type: str
        sample: Ge2oe7Do
      ssh_key:
        description: Name of SSH key deployed to instance.
        returned: if available
        type: str
        sample: key@work
      ssh_keys:
        description: Names of SSH key deployed to instance.
        returned: if available
        type: list
        sample: [key@work, key@home]
      domain:
        description: Domain the instance is related to.
        returned: success
        type: str
        sample: example domain
      account:
        description: Account the instance is related to.
        returned: success
        type: str
        sample: example account
      project:
        description: Name of project the instance is related to.
        returned: success
        type: str
        sample: Production
      default_ip:
        description: Default IP address of the instance.
        returned: success
        type: str
        sample: 10.23.37.42
      default_ip6:
        description: Default IPv6 address of the instance.
        returned: if available
        type: str
        sample: 2a04:c43:c00:a07:4b4:beff:fe00:74
      public_ip:
        description: Public IP address with instance via static NAT rule.
        returned: if available
        type: str
        sample: 1.2.3.4
      iso:
        description: Name of ISO the instance was deployed with.
        returned: if available
        type: str
        sample: Debian-8-64bit
      template:
        description: Name of template the instance was deployed with.
        returned: success
        type: str
        sample: Linux Debian 9 64-bit
      template_display_text:
        description: Display text of template the instance was deployed with.
        returned: success
        type: str
        sample: Linux Debian 9 64-bit 200G Disk (2017-10-08-622866)
      service_offering:
        description: Name of the service offering the instance has.
        returned: success
        type: str
        sample: 2cpu_2gb
      cpu:
        description: Number of CPUs of the instance.
        returned: success
        type: int
        sample: 2
      cpu_speed:
        description: CPU speed of the instance in MHz.
        returned: success
        type: int
        sample: 1000
      memory:
        description: Memory of the instance in MiB.
        returned: success
        type: int
        sample: 2048
      disk_offering:
        description: Name of the disk offering of the instance's data disk (deployed with it).
        returned: if available
        type: str
        sample: Small
      zone:
        description: Name of zone the instance is in.
        returned: success
        type: str
        sample: ch-gva-2
      state:
        description: State of the instance (C(Expunged) once expunged).
        returned: success
        type: str
        sample: Running
      security_groups:
        description: Security groups the instance is in.
        returned: success
        type: list
        sample: [ "default" ]
      affinity_groups:
        description: Affinity groups the instance is in.
        returned: success
        type: list
        sample: [ "webservers" ]
      networks:
        description: Names of the networks of the instance's NICs.
        returned: success
        type: list
        sample: [ "web-net" ]
      tags:
        description: List of resource tags associated with the instance.
        returned: success
        type: list
        sample: [ { "key": "foo", "value": "bar" } ]
      hypervisor:
        description: Hypervisor related to this instance.
        returned: success
        type: str
        sample: KVM
      host:
        description: Hostname of hypervisor an instance is running on.
        returned: success and instance is running
        type: str
        sample: host-01.example.com
      instance_name:
        description: Internal name of the instance (ROOT admin only).
        returned: success
        type: str
        sample: i-44-3992-VM
      user_data:
        description: The user data of the instance (base64), when C(user_data) is set.
        returned: when C(user_data) is set
        type: str
        sample: VXNlciBkYXRhIGV4YW1wbGUK
      nic:
        description: The NICs of the instance, as CloudStack returns them.
        returned: success
        type: list
        sample: [ { "ipaddress": "10.1.1.23", "isdefault": true, "networkname": "web-net" } ]
      volumes:
        description: The volumes of the instance (size in bytes, type, name).
        returned: success
        type: list
        sample: [ { "name": "ROOT-1", "size": 2147483648, "type": "ROOT" } ]
query_result:
  description: The result of O(query) applied to RV(instances).
  returned: when O(query) is set
  type: raw
  sample: [ "web-01", "web-02" ]
"""

from ..module_utils.engine import run_info
from ..module_utils.resources.instance import INSTANCE


def main():
    run_info(INSTANCE, dict(name=dict(type="str"), domain=dict(type="str"), account=dict(type="str"), project=dict(type="str"),
                            host=dict(type="str"), zone=dict(type="str"), match_display_name=dict(type="bool", default=True)))


if __name__ == "__main__":
    main()
