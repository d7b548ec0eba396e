#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: vpn_gateway
short_description: Manages site-to-site VPN gateways on Apache CloudStack based clouds
description:
  - Creates and removes the site-to-site VPN gateway of a VPC (one per VPC; its public IP is the VPC's source NAT IP).
  - The VPC is named in its zone (within the owner given). A gateway that still has VPN connections cannot be removed.
  - createVpnGateway and deleteVpnGateway are async jobs, awaited within I(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.vpn_gateway) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  vpc:
    description:
      - Name or ID of the VPC.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone the VPC is in.
    type: str
    required: true
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
      - State of the VPN gateway.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a VPN gateway is present
  csops.cloudstack.vpn_gateway:
    vpc: my VPC
    zone: zone01

- name: Ensure a VPN gateway is absent
  csops.cloudstack.vpn_gateway:
    vpc: my VPC
    zone: zone01
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the VPN site-to-site gateway.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
public_ip:
  description: IP address of the VPN site-to-site gateway (the VPC's source NAT IP).
  returned: success
  type: str
  sample: 10.100.212.10
vpc:
  description: Name of the VPC.
  returned: success
  type: str
  sample: My VPC
vpc_id:
  description: UUID of the VPC.
  returned: success
  type: str
  sample: e1f0ebfd-4ee5-4d5c-8a5b-6c3b6c0c2b8a
for_display:
  description: Whether the gateway is shown to the end user.
  returned: success
  type: bool
  sample: true
domain:
  description: Domain the VPN site-to-site gateway is related to.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the VPN site-to-site gateway is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Name of project the VPN site-to-site gateway is related to.
  returned: success
  type: str
  sample: Production
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.vpn_gateway import VPN_GATEWAY


def main():
    run_resource(VPN_GATEWAY)


if __name__ == "__main__":
    main()
