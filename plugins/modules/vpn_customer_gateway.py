#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: vpn_customer_gateway
short_description: Manages site-to-site VPN customer gateway configurations on Apache CloudStack based clouds
description:
  - Create, update and remove VPN customer gateways (the peer end of a site-to-site VPN connection).
  - A gateway is found by its name (case-insensitive) or ID within its owner.
  - "With I(state=present) I(cidrs), I(esp_policy), I(gateway), I(ike_policy) and I(ipsec_psk) are required, on update too
    (C(updateVpnCustomerGateway) takes every setting at once). Options the task leaves alone keep their current values
    (CloudStack would reset the lifetimes, I(dpd) and I(force_encap) to their defaults)."
  - "The pre-shared key is compared (CloudStack lists it back to its owner): a changed key is an update. It is never
    returned and the diff shows it masked."
  - Create, update and delete are async jobs, awaited within I(api_async_timeout).
  - Takes the options of C(ngine_io.cloudstack.vpn_customer_gateway) and returns the same keys.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the gateway.
    type: str
    required: true
  cidrs:
    description:
      - List of guest CIDRs behind the gateway (at most C(site2site.vpn.customergateway.subnets.limit), not overlapping).
      - Required if I(state=present).
    type: list
    elements: str
    aliases: [ cidr ]
  gateway:
    description:
      - Public IP address (or DNS name) of the gateway.
      - Required if I(state=present).
    type: str
  esp_policy:
    description:
      - ESP policy in the format e.g. C(aes256-sha1;modp1536) (cipher-hash, optionally C(;) and a DH group; comma separated).
      - Required if I(state=present).
    type: str
  ike_policy:
    description:
      - IKE policy in the format e.g. C(aes256-sha1;modp1536); the DH group is required.
      - Required if I(state=present).
    type: str
  ipsec_psk:
    description:
      - IPsec pre-shared key. Cannot contain newline or double quotes.
      - Required if I(state=present).
    type: str
  ike_lifetime:
    description:
      - Lifetime in seconds of phase 1 VPN connection (at most 86400).
      - Defaulted to 86400 by the API on creation if not set.
    type: int
  esp_lifetime:
    description:
      - Lifetime in seconds of phase 2 VPN connection (at most 86400).
      - Defaulted to 3600 by the API on creation if not set.
    type: int
  dpd:
    description:
      - Enable Dead Peer Detection.
      - Disabled per default by the API on creation if not set.
    type: bool
  force_encap:
    description:
      - Force encapsulation for NAT traversal.
      - Disabled per default by the API on creation if not set.
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
      - State of the VPN customer gateway.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Create a VPN customer gateway
  csops.cloudstack.vpn_customer_gateway:
    name: office
    cidrs:
      - 192.168.123.0/24
      - 192.168.124.0/24
    gateway: 203.0.113.10
    esp_policy: aes256-sha1;modp1536
    ike_policy: aes256-sha1;modp1536
    ipsec_psk: "{{ vault_office_psk }}"

- name: Remove a VPN customer gateway
  csops.cloudstack.vpn_customer_gateway:
    name: office
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the VPN customer gateway.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
name:
  description: Name of this customer gateway.
  returned: success
  type: str
  sample: office
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
ip_address:
  description: Guest IP address of the customer gateway, where CloudStack lists one.
  returned: success
  type: str
  sample: 10.10.1.1
domain:
  description: Domain the VPN customer gateway is related to.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the VPN customer gateway is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Name of project the VPN customer gateway is related to.
  returned: success
  type: str
  sample: Production
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.vpn_customer_gateway import VPN_CUSTOMER_GATEWAY, SecretEngine


def main():
    run_resource(VPN_CUSTOMER_GATEWAY, engine_class=SecretEngine)


if __name__ == "__main__":
    main()
