#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: network_service_provider
short_description: Manages the network service providers of CloudStack physical networks
description:
  - Add, enable, disable, configure and remove a network service provider (C(VirtualRouter),
    C(VpcVirtualRouter), C(InternalLbVm), C(ConfigDrive), C(SecurityGroupProvider), ...) of a physical network.
  - CloudStack adds the usual providers, disabled, when it creates a physical network; a provider
    with an element (the virtual router ones and C(InternalLbVm)) can only be enabled once its element
    is enabled. With I(state=enabled) this module configures the element first
    (C(configureVirtualRouterElement) / C(configureInternalLoadBalancerElement)), creating the virtual
    router element if the provider was added by hand, then enables the provider.
  - C(ngine_io.cloudstack) has no such module (its physical_network module has I(nsps_enabled)).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the provider, for example C(VirtualRouter), C(VpcVirtualRouter), C(InternalLbVm), C(ConfigDrive).
      - Matched case-insensitively against the providers of the physical network.
    type: str
    required: true
    aliases: [ provider ]
  physical_network:
    description:
      - Name or ID of the physical network.
    type: str
    required: true
  zone:
    description:
      - Name or ID of the zone of the physical network.
    type: str
    required: true
  service_list:
    description:
      - The services this provider offers, for example C([Dhcp, Dns, UserData]).
      - Compared as a set; when not given the services are left as they are.
    type: list
    elements: str
    aliases: [ services ]
  destination_physical_network:
    description:
      - Name or ID of the destination physical network (for providers that bridge two physical networks).
      - Only used when the provider is added.
    type: str
  element_enabled:
    description:
      - Whether the provider's element (virtual router or internal load balancer element) is enabled.
      - Defaults to C(true) with I(state=enabled) and is left alone otherwise.
      - Ignored for providers that have no element.
    type: bool
  state:
    description:
      - C(present) adds the provider if it is missing and leaves its state alone.
      - C(enabled) and C(disabled) add it if missing and set its state.
      - C(absent) removes it from the physical network.
    type: str
    default: present
    choices: [ present, enabled, disabled, absent ]
  poll_async:
    description:
      - Accepted for compatibility with C(ngine_io.cloudstack). This module always waits for its async jobs
        (bounded by I(api_async_timeout)), so that what it returns is the object as the task left it.
    type: bool
    default: true
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Enable the virtual router of a physical network (configures its element first)
  csops.cloudstack.network_service_provider:
    name: VirtualRouter
    physical_network: net01
    zone: zone01
    state: enabled

- name: Enable the config drive provider
  csops.cloudstack.network_service_provider:
    name: ConfigDrive
    physical_network: net01
    zone: zone01
    state: enabled

- name: Disable the internal load balancer VM provider
  csops.cloudstack.network_service_provider:
    name: InternalLbVm
    physical_network: net01
    zone: zone01
    state: disabled

- name: Restrict the services of a provider
  csops.cloudstack.network_service_provider:
    name: VirtualRouter
    physical_network: net01
    zone: zone01
    service_list: [Dhcp, Dns, UserData, SourceNat, StaticNat, PortForwarding, Firewall, Lb, Vpn]

- name: Remove a provider
  csops.cloudstack.network_service_provider:
    name: SecurityGroupProvider
    physical_network: net01
    zone: zone01
    state: absent
"""

RETURN = r"""
---
id:
  description: ID of the network service provider.
  returned: success
  type: str
  sample: 0a7bb3d8-64be-4d7b-8ef6-2a9a7b12d08c
name:
  description: Name of the provider.
  returned: success
  type: str
  sample: VirtualRouter
state:
  description: State of the provider.
  returned: success
  type: str
  sample: Enabled
service_list:
  description: The services the provider offers.
  returned: success
  type: list
  elements: str
  sample: [ Dhcp, Dns, UserData ]
can_enable_individual_service:
  description: Whether individual services of the provider can be enabled or disabled.
  returned: success
  type: bool
  sample: false
physical_network:
  description: Name of the physical network.
  returned: success
  type: str
  sample: net01
physical_network_id:
  description: ID of the physical network.
  returned: success
  type: str
  sample: 28ed70b7-9a1f-41bf-94c3-53a9f22da8b6
destination_physical_network_id:
  description: ID of the destination physical network.
  returned: when set
  type: str
zone:
  description: Name of the zone.
  returned: success
  type: str
  sample: zone01
element:
  description: The provider's element (virtual router or internal load balancer element).
  returned: when the provider has an element
  type: dict
  contains:
    id:
      description: ID of the element.
      type: str
    enabled:
      description: Whether the element is enabled.
      type: bool
diff:
  description: The managed fields before and after the task (with C(--diff)).
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.network_service_provider import NETWORK_SERVICE_PROVIDER


def main():
    run_resource(NETWORK_SERVICE_PROVIDER, dict(poll_async=dict(type="bool", default=True)))


if __name__ == "__main__":
    main()
