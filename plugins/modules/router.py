#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: router
short_description: Manages virtual routers on Apache CloudStack based clouds
description:
  - Start, stop, reboot and destroy virtual routers, and change their service offering.
  - CloudStack creates a router itself, with an Isolated network or a VPC; O(state=present) cannot create one
    (use the network or vpc modules). A router that does not exist fails the task, except with O(state=absent).
  - The router is found by O(name) (or its UUID) among the routers of the scope given (O(domain), O(account),
    O(project), O(zone)).
  - CloudStack changes the service offering of a stopped router only (C(changeServiceForRouter)), so a running router is
    stopped, changed and started again (unless O(state=stopped)).
  - The start, stop, reboot and destroy commands are async jobs, awaited within O(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.router) and returns the same keys, and more.
  - The router commands are admin commands (root and domain admins).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the router (for example V(r-40-VM)), or its UUID.
    type: str
    required: true
  service_offering:
    description:
      - Name or ID of the system service offering (system VM type C(domainrouter)) the router should have.
      - CloudStack refuses an offering whose storage type (local or shared) differs from the current one's.
    type: str
  domain:
    description:
      - Domain (path) the router is related to.
    type: str
  account:
    description:
      - Account the router is related to.
    type: str
  project:
    description:
      - Name or ID of the project the router is related to.
    type: str
  zone:
    description:
      - Name or ID of the zone the router is deployed in.
      - If not set, all zones are searched.
    type: str
  state:
    description:
      - State of the router.
      - V(present) leaves the router in the state it is in (a router stopped for an offering change is started again).
      - V(restarted) reboots the router on every run (C(rebootRouter)); a stopped router is started.
      - V(absent) destroys the router (C(destroyRouter)); CloudStack deploys a new one when its network needs it.
    type: str
    default: present
    choices: [ present, absent, started, stopped, restarted ]
  poll_async:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack): async jobs are always awaited, within O(api_async_timeout)."
    type: bool
    default: true
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
# Ensure the router has the desired service offering, whether it runs or not
- name: Router offering
  csops.cloudstack.router:
    name: r-40-VM
    service_offering: System Offering For Software Router

- name: Ensure started
  csops.cloudstack.router:
    name: r-40-VM
    state: started

- name: Reboot the router of a network
  csops.cloudstack.router:
    name: "{{ (routers.routers | selectattr('network', 'equalto', 'web') | first).name }}"
    state: restarted

- name: Ensure stopped
  csops.cloudstack.router:
    name: r-40-VM
    state: stopped

- name: Destroy a router
  csops.cloudstack.router:
    name: r-40-VM
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the router.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
name:
  description: Name of the router.
  returned: success
  type: str
  sample: r-40-VM
created:
  description: Date the router was created.
  returned: success
  type: str
  sample: 2014-12-01T14:57:57+0100
template_version:
  description: Version of the system VM template.
  returned: success
  type: str
  sample: "4.18"
software_version:
  description: Version of the CloudStack software the router runs.
  returned: success
  type: str
  sample: 4.18.0.0
requires_upgrade:
  description: Whether the router needs to be upgraded to the new template.
  returned: success
  type: bool
  sample: false
redundant_state:
  description: Redundant state of the router.
  returned: success
  type: str
  sample: UNKNOWN
is_redundant_router:
  description: Whether the router is a redundant router.
  returned: success
  type: bool
  sample: false
role:
  description: Role of the router.
  returned: success
  type: str
  sample: VIRTUAL_ROUTER
zone:
  description: Name of zone the router is in.
  returned: success
  type: str
  sample: ch-gva-2
service_offering:
  description: Name of the service offering the router has.
  returned: success
  type: str
  sample: System Offering For Software Router
state:
  description: State of the router.
  returned: success
  type: str
  sample: Running
domain:
  description: Domain the router is related to.
  returned: success
  type: str
  sample: ROOT
account:
  description: Account the router is related to.
  returned: success
  type: str
  sample: admin
project:
  description: Project the router is related to.
  returned: when the router belongs to a project
  type: str
  sample: web
public_ip:
  description: Public IP address of the router (its network's source NAT address).
  returned: when the router has one
  type: str
  sample: 192.168.2.10
guest_ip_address:
  description: Guest IP address of the router (its network's gateway).
  returned: when the router serves a network
  type: str
  sample: 10.1.1.1
link_local_ip:
  description: Link-local (control) IP address of the router.
  returned: when the router is running
  type: str
  sample: 169.254.3.17
network:
  description: Name of the guest network the router serves.
  returned: when the router serves a network
  type: str
  sample: web
network_id:
  description: UUID of the guest network the router serves.
  returned: when the router serves a network
  type: str
  sample: e83f0010-4e08-493f-acc8-f5205d83b30d
vpc:
  description: Name of the VPC the router serves.
  returned: when the router is a VPC's
  type: str
  sample: vpc1
vpc_id:
  description: UUID of the VPC the router serves.
  returned: when the router is a VPC's
  type: str
  sample: 87b1e0ce-4e01-11e4-bb66-0050569e64b8
host:
  description: Name of the host the router runs on.
  returned: when the router is running
  type: str
  sample: host01
pod:
  description: Name of the pod the router runs in.
  returned: when the router has been placed
  type: str
  sample: pod01
health_checks_failed:
  description: Whether any of the router's last health checks failed.
  returned: success
  type: bool
  sample: false
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.router import ROUTER


def main():
    run_resource(ROUTER)


if __name__ == "__main__":
    main()
