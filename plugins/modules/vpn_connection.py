#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: vpn_connection
short_description: Manages site-to-site VPN connections on Apache CloudStack based clouds
description:
  - Create and remove VPN connections between the VPN gateway of a VPC and a VPN customer gateway.
  - "A connection is found among the VPC's connections by its customer gateway (named, or by ID, within the owner)."
  - "With I(state=present) the VPC needs its VPN gateway: I(force=true) creates it, else the task fails."
  - I(passive) applies when the connection is created (CloudStack cannot change it).
  - Create and delete are async jobs, awaited within I(api_async_timeout). The pre-shared key is never returned.
  - Takes the options of C(ngine_io.cloudstack.vpn_connection) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  vpc:
    description:
      - Name or ID of the VPC the VPN connection is related to.
    type: str
    required: true
  vpn_customer_gateway:
    description:
      - Name or ID of the VPN customer gateway.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone the VPC is in.
    type: str
    required: true
  passive:
    description:
      - Whether the connection is passive (it waits for the peer to connect).
      - Only used when the connection is created.
    type: bool
    default: false
  force:
    description:
      - Create the VPN gateway of the VPC if it has none yet (I(state=present)).
      - Also see M(csops.cloudstack.vpn_gateway).
    type: bool
    default: false
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
      - State of the VPN connection.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Create a VPN connection with activated VPN gateway
  csops.cloudstack.vpn_connection:
    vpn_customer_gateway: office
    vpc: my vpc
    zone: zone01

- name: Create a VPN connection and force VPN gateway activation
  csops.cloudstack.vpn_connection:
    vpn_customer_gateway: office
    vpc: my vpc
    zone: zone01
    force: true

- name: Remove a VPN connection
  csops.cloudstack.vpn_connection:
    vpn_customer_gateway: office
    vpc: my vpc
    zone: zone01
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the VPN connection.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
vpn_gateway_id:
  description: UUID of the VPN gateway.
  returned: success
  type: str
  sample: 04589590-ac63-93f5-4ffc-b698b8ac38b6
vpn_customer_gateway:
  description: Name of the VPN customer gateway.
  returned: success
  type: str
  sample: office
created:
  description: Date the connection was created.
  returned: success
  type: str
  sample: 2014-12-01T14:57:57+0100
dpd:
  description: Whether dead peer detection is enabled or not.
  returned: success
  type: bool
  sample: true
esp_lifetime:
  description: Lifetime in seconds of phase 2 VPN connection.
  returned: success
  type: int
  sample: 3600
esp_policy:
  description: ESP policy of the VPN customer gateway.
  returned: success
  type: str
  sample: aes256-sha1;modp1536
force_encap:
  description: Whether encapsulation for NAT traversal is enforced or not.
  returned: success
  type: bool
  sample: false
ike_lifetime:
  description: Lifetime in seconds of phase 1 VPN connection.
  returned: success
  type: int
  sample: 86400
ike_policy:
  description: IKE policy of the VPN customer gateway.
  returned: success
  type: str
  sample: aes256-sha1;modp1536
cidrs:
  description: List of CIDRs of the customer gateway.
  returned: success
  type: list
  sample: [ 10.10.10.0/24 ]
gateway:
  description: IP address (or DNS name) of the VPN customer gateway.
  returned: success
  type: str
  sample: 203.0.113.10
passive:
  description: Whether the connection is passive or not.
  returned: success
  type: bool
  sample: false
public_ip:
  description: IP address of the VPN gateway.
  returned: success
  type: str
  sample: 10.100.212.10
state:
  description: State of the VPN connection.
  returned: success
  type: str
  sample: Connected
for_display:
  description: Whether the connection is shown to the end user.
  returned: success
  type: bool
  sample: true
domain:
  description: Domain the VPN connection is related to.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the VPN connection is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Name of project the VPN connection is related to.
  returned: success
  type: str
  sample: Production
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.vpn_connection import VPN_CONNECTION


def main():
    run_resource(VPN_CONNECTION)


if __name__ == "__main__":
    main()
