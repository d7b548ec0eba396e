#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: router_info
short_description: Gathering information about virtual routers from Apache CloudStack based clouds
description:
  - Gathering information about the virtual routers (C(listRouters), read page by page until complete), with the
    results of their health checks when asked.
  - The router commands are admin commands (root and domain admins).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the router (for example V(r-40-VM)).
      - If not specified, all routers of the scope are listed.
    type: str
  id:
    description:
      - UUID of the router.
    type: str
  zone:
    description:
      - Name or ID of the zone of the routers.
    type: str
  domain:
    description:
      - Domain (path) the routers are related to.
    type: str
  account:
    description:
      - Account the routers are related to.
    type: str
  project:
    description:
      - Name or ID of the project the routers are related to.
    type: str
  network:
    description:
      - Name or ID of the guest network whose routers are listed.
    type: str
  vpc:
    description:
      - Name or ID of the VPC whose routers are listed.
    type: str
  state:
    description:
      - Only routers in this state (for example V(Running), V(Stopped)).
    type: str
  health_checks:
    description:
      - Return each router's last health check results (RV(routers[].health_checks)), as
        C(getRouterHealthCheckResults) gives them (C(listRouters) with C(fetchhealthcheckresults), one call).
      - A router whose checks have not run yet (newly made, never running since) has none; with the setting
        C(router.health.checks.enabled) false, CloudStack gives none.
    type: bool
    default: false
  fresh_health_checks:
    description:
      - Run the health checks on each running router now (C(getRouterHealthCheckResults) with C(performfreshchecks))
        and return their results; stopped routers return their last results. Implies O(health_checks).
    type: bool
    default: false
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.info
  - csops.cloudstack.cloudstack.info_attributes
"""

EXAMPLES = r"""
- name: All routers
  csops.cloudstack.router_info:
  register: routers

- name: The routers of a network with their health checks
  csops.cloudstack.router_info:
    network: web
    zone: zone01
    health_checks: true
  register: web_routers

- name: Names of the routers with a failed health check, run now
  csops.cloudstack.router_info:
    fresh_health_checks: true
    query: "[?health_checks[?success==`false`]].name"
  register: unhealthy
"""

RETURN = r"""
---
routers:
  description: The matching routers.
  type: list
  elements: dict
  returned: success
  contains:
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
    health_checks:
      description: The router's health check results.
      returned: when O(health_checks) or O(fresh_health_checks) is set
      type: list
      elements: dict
      contains:
        check_name:
          description: Name of the check (a script of the router's C(/root/health_checks/), C(connectivity.test), ...).
          returned: success
          type: str
          sample: dns_check.py
        check_type:
          description: Type of the check.
          returned: success
          type: str
          sample: advanced
        success:
          description: Whether the check passed.
          returned: success
          type: bool
          sample: true
        last_updated:
          description: When the check ran.
          returned: success
          type: str
          sample: 2023-05-01T10:00:00+0000
        details:
          description: What the check reported.
          returned: success
          type: str
          sample: All 3 VMs are present in /etc/hosts
query_result:
  description: The result of O(query) applied to RV(routers).
  returned: when O(query) is set
  type: raw
  sample: ["r-40-VM"]
"""

from ..module_utils.engine import run_info
from ..module_utils.resources.router import ROUTER_INFO


def main():
    run_info(ROUTER_INFO, dict(name=dict(type="str"), id=dict(type="str"), zone=dict(type="str"), domain=dict(type="str"),
                               account=dict(type="str"), project=dict(type="str"), network=dict(type="str"), vpc=dict(type="str"),
                               state=dict(type="str"), health_checks=dict(type="bool", default=False),
                               fresh_health_checks=dict(type="bool", default=False)))


if __name__ == "__main__":
    main()
