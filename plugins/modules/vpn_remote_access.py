#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: vpn_remote_access
short_description: Manages remote access VPNs on public IP addresses on Apache CloudStack based clouds
description:
  - Enable and disable the remote access VPN (L2TP/IPsec) of a public IP address of an isolated network, or of a VPC's source NAT IP.
  - The VPN is found by its IP address (in its zone, within the owner given).
  - "I(ip_range) and I(open_firewall) are only used at creation: a different range is reported as a warning (changing it
    means removing the VPN, and a new one gets a new pre-shared key). I(for_display) is updated."
  - "The pre-shared key CloudStack generates is never returned: read it with the API (C(listRemoteAccessVpns)) where
    clients are configured."
  - Create, update and delete are async jobs, awaited within I(api_async_timeout).
  - C(ngine_io.cloudstack) has no such module.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  ip_address:
    description:
      - Public IP address the VPN server listens on.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone of the IP address.
    type: str
    required: true
  ip_range:
    description:
      - "Range of addresses for the VPN, C(first-last): the first is the VPN server's, the others are given to the clients."
      - "Default: the C(remote.access.vpn.client.iprange) setting (C(10.1.2.1-10.1.2.8)). It must not overlap the guest network (or VPC) CIDR."
      - Only used at creation.
    type: str
    aliases: [ iprange ]
  open_firewall:
    description:
      - Open UDP ports 500, 1701 and 4500 of the IP address in its firewall (isolated networks). Only used at creation.
    type: bool
    default: true
  for_display:
    description:
      - Whether the VPN is shown to the end user.
    type: bool
  domain:
    description:
      - Domain (path, for example C(ROOT/customers), or ID) of the owner; with I(account).
    type: str
  account:
    description:
      - "Account owning the object (with I(domain)); default: the caller's account."
    type: str
  project:
    description:
      - Name or ID of the project owning the object.
    type: str
  poll_async:
    description:
      - "Accepted for compatibility with C(ngine_io.cloudstack): async jobs are always awaited, within I(api_async_timeout)."
    type: bool
    default: true
  state:
    description:
      - State of the remote access VPN.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Enable the remote access VPN of a public IP
  csops.cloudstack.vpn_remote_access:
    ip_address: 203.0.113.20
    zone: zone01
    ip_range: 10.8.0.1-10.8.0.50

- name: Add a user to it
  csops.cloudstack.vpn_user:
    username: johndoe
    password: "{{ vault_vpn_password }}"

- name: Disable the remote access VPN
  csops.cloudstack.vpn_remote_access:
    ip_address: 203.0.113.20
    zone: zone01
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the remote access VPN.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
ip_address:
  description: Public IP address of the VPN server.
  returned: success
  type: str
  sample: 203.0.113.20
ip_address_id:
  description: UUID of the public IP address.
  returned: success
  type: str
  sample: 5f3e4c3a-8b9d-4c8e-9f71-0a1b2c3d4e5f
ip_range:
  description: The range as I(ip_range) gives it (the VPN server's address first).
  returned: success
  type: str
  sample: 10.8.0.1-10.8.0.50
client_ip_range:
  description: Addresses given to the clients, as CloudStack lists them.
  returned: success
  type: str
  sample: 10.8.0.2-10.8.0.50
for_display:
  description: Whether the VPN is shown to the end user.
  returned: success
  type: bool
  sample: true
state:
  description: State of the VPN.
  returned: success
  type: str
  sample: Running
zone:
  description: Name of the zone of the IP address.
  returned: success
  type: str
  sample: zone01
domain:
  description: Domain the remote access VPN is related to.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the remote access VPN is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Name of project the remote access VPN is related to.
  returned: success
  type: str
  sample: Production
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.vpn_remote_access import VPN_REMOTE_ACCESS


def main():
    run_resource(VPN_REMOTE_ACCESS)


if __name__ == "__main__":
    main()
