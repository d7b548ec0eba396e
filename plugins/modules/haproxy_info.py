#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: haproxy_info
short_description: Read the states of the management servers in HAProxy (read-only)
description:
  - Runs on a load balancer of the install inventories (the C(loadbalancer) group, role C(csops.cloudstack.loadbalancer))
    and reads C(show stat) from HAProxy's admin socket - the servers of its backends and their states (C(UP),
    C(DOWN), C(MAINT), C(DRAIN), C(UP 1/3) while a check is failing, ...).
  - Read-only - C(show stat) changes nothing; check mode reads the same. To drain, disable or enable a server use
    M(community.general.haproxy).
  - Used by the rolling restart and the upgrade to wait until a restarted server is C(UP), and by the health check (H1 on
    the load balancer).
  - No API connection is used, so the module is not in the C(cloudstack) action group.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  socket:
    description:
      - HAProxy's admin socket (the loadbalancer role's C(loadbalancer_admin_socket)). Reading it needs root or the
        haproxy group.
    type: path
    default: /run/haproxy/admin.sock
  backend:
    description:
      - Only the servers of this backend (the loadbalancer role's API backend is C(cloudstack_http)). Default - every backend.
    type: str
  server:
    description:
      - Only the servers of this name (the loadbalancer role names them as the inventory does).
    type: str
  timeout:
    description:
      - Seconds to wait for the socket.
    type: float
    default: 5.0
seealso:
  - module: community.general.haproxy
  - module: csops.cloudstack.management_server_info
extends_documentation_fragment:
  - csops.cloudstack.cloudstack.host_info_attributes
"""

EXAMPLES = r"""
- name: Wait until HAProxy shows mgmt1 UP in the API backend
  csops.cloudstack.haproxy_info:
    backend: cloudstack_http
    server: mgmt1
  become: true
  register: lb
  until: lb.up == ['mgmt1']
  retries: 60
  delay: 1

- name: Every management server is UP behind the load balancer
  csops.cloudstack.haproxy_info:
    backend: cloudstack_http
  become: true
  register: lb
  failed_when: lb.servers | rejectattr('status', 'eq', 'UP') | list | length > 0
"""

RETURN = r"""
---
servers:
  description:
    - The servers (not the C(FRONTEND)/C(BACKEND) summary rows) as C(show stat) lists them, of O(backend) and O(server) if given.
    - C(status) exactly as HAProxy prints it (C(UP 1/3) is a server still C(UP) whose last check failed);
      C(last_change) the seconds since its last status change; C(sessions) its current sessions.
  returned: always
  type: list
  elements: dict
  sample: [{"backend": "cloudstack_http", "name": "mgmt1", "status": "UP", "check_status": "L7OK", "weight": 1,
            "last_change": 120, "sessions": 0}]
up:
  description: The names of the servers of RV(servers) whose status is exactly C(UP).
  returned: always
  type: list
  elements: str
  sample: ["mgmt1", "mgmt2"]
"""

from ..module_utils.haproxy import run


def argument_spec():
    return dict(
        socket=dict(type="path", default="/run/haproxy/admin.sock"),
        backend=dict(type="str"),
        server=dict(type="str"),
        timeout=dict(type="float", default=5.0),
    )


def main():
    run(argument_spec())


if __name__ == "__main__":
    main()
