#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: system_vm_info
short_description: Gathers the system VMs (secondary storage VMs, console proxies) of Apache CloudStack based clouds
description:
  - Lists CloudStack's system VMs (C(listSystemVms)), every page.
  - C(ngine_io.cloudstack) has no such module.
version_added: 0.2.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  id:
    description:
      - ID of the system VM.
    type: str
  name:
    description:
      - Name of the system VM, for example C(s-1-VM), C(v-2-VM).
    type: str
  zone:
    description:
      - Name or ID of the zone.
    type: str
  pod:
    description:
      - Name or ID of the pod.
    type: str
  host:
    description:
      - Name or ID of the host the system VMs run on.
    type: str
  system_vm_type:
    description:
      - Only this type.
    type: str
    choices: [ consoleproxy, secondarystoragevm ]
    aliases: [ type ]
  state:
    description:
      - Only system VMs in this state, for example C(Running), C(Stopped), C(Starting).
    type: str
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.info
  - csops.cloudstack.cloudstack.info_attributes
"""

EXAMPLES = r"""
- name: System VMs of a zone
  csops.cloudstack.system_vm_info:
    zone: zone01
  register: svms

- name: System VMs not running, or whose agent is not Up
  csops.cloudstack.system_vm_info:
    query: "[?state!='Running' || agent_state!='Up'].{name: name, state: state, agent: agent_state}"
"""

RETURN = r"""
---
system_vms:
  description: The system VMs.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: ID of the system VM.
      returned: success
      type: str
    name:
      description: Name of the system VM.
      returned: success
      type: str
      sample: s-1-VM
    system_vm_type:
      description: C(secondarystoragevm) or C(consoleproxy).
      returned: success
      type: str
    state:
      description: State of the VM.
      returned: success
      type: str
      sample: Running
    agent_state:
      description: State of the agent in the VM.
      returned: when the VM has run
      type: str
      sample: Up
    zone:
      description: Name of the zone.
      returned: success
      type: str
    zone_id:
      description: ID of the zone.
      returned: success
      type: str
    pod:
      description: Name of the pod.
      returned: when placed
      type: str
    pod_id:
      description: ID of the pod.
      returned: when placed
      type: str
    host:
      description: Name of the host it runs on.
      returned: when running
      type: str
    host_id:
      description: ID of that host.
      returned: when running
      type: str
    public_ip:
      description: Public address.
      returned: when it has one
      type: str
    private_ip:
      description: Management network address.
      returned: when it has one
      type: str
    link_local_ip:
      description: Link-local (control) address.
      returned: when it has one
      type: str
    gateway:
      description: Gateway.
      returned: when set
      type: str
    dns1:
      description: First DNS server.
      returned: when set
      type: str
    dns2:
      description: Second DNS server.
      returned: when set
      type: str
    network_domain:
      description: Network domain.
      returned: when set
      type: str
    template:
      description: Name of the system VM template.
      returned: success
      type: str
    template_id:
      description: ID of the system VM template.
      returned: success
      type: str
    version:
      description: Version of the system VM's agent.
      returned: when known
      type: str
    hypervisor:
      description: Hypervisor it runs on.
      returned: success
      type: str
    active_viewer_sessions:
      description: Console sessions open (console proxies).
      returned: for console proxies
      type: int
    created:
      description: When it was created.
      returned: success
      type: str
    disconnected:
      description: When its host was last disconnected.
      returned: when set
      type: str
query_result:
  description: The result of O(query) applied to RV(system_vms).
  returned: when O(query) is set
  type: raw
"""

from ..module_utils.engine import run_info
from ..module_utils.resources.system_vm import SYSTEM_VM


def main():
    run_info(SYSTEM_VM, dict(
        id=dict(type="str"),
        name=dict(type="str"),
        zone=dict(type="str"),
        pod=dict(type="str"),
        host=dict(type="str"),
        system_vm_type=dict(type="str", choices=["consoleproxy", "secondarystoragevm"], aliases=["type"]),
        state=dict(type="str"),
    ))


if __name__ == "__main__":
    main()
