#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: zone_info
short_description: Gathering information about zones from Apache CloudStack based clouds
description:
  - Gathering information from the API of a zone, or of all zones (read page by page until complete).
  - Same options and return values as C(ngine_io.cloudstack.zone_info), plus O(id) and O(query).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  zone:
    description:
      - Name of the zone.
      - If not specified, information about all zones is gathered.
      - A zone of that name that does not exist fails the task.
    type: str
    aliases: [ name ]
  id:
    description:
      - UUID of the zone.
    type: str
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.info
  - csops.cloudstack.cloudstack.info_attributes
"""

EXAMPLES = r"""
- name: Gather information from a zone
  csops.cloudstack.zone_info:
    zone: ch-gva-1
  register: zone

- name: Show the returned results of the registered variable
  ansible.builtin.debug:
    msg: "{{ zone }}"

- name: Gather information from all zones
  csops.cloudstack.zone_info:
  register: zones

- name: Names of the enabled zones, selected with a jmespath query
  csops.cloudstack.zone_info:
    query: "[?allocation_state=='Enabled'].name"
  register: enabled

- name: Show them
  ansible.builtin.debug:
    var: enabled.query_result
"""

RETURN = r"""
---
zones:
  description: A list of matching zones.
  type: list
  elements: dict
  returned: success
  contains:
    id:
      description: UUID of the zone.
      returned: success
      type: str
      sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
    name:
      description: Name of the zone.
      returned: success
      type: str
      sample: zone01
    dns1:
      description: First DNS for the zone.
      returned: success
      type: str
      sample: 8.8.8.8
    dns2:
      description: Second DNS for the zone.
      returned: success
      type: str
      sample: 8.8.4.4
    internal_dns1:
      description: First internal DNS for the zone.
      returned: success
      type: str
      sample: 8.8.8.8
    internal_dns2:
      description: Second internal DNS for the zone.
      returned: success
      type: str
      sample: 8.8.4.4
    dns1_ipv6:
      description: First IPv6 DNS for the zone.
      returned: success
      type: str
      sample: "2001:4860:4860::8888"
    dns2_ipv6:
      description: Second IPv6 DNS for the zone.
      returned: success
      type: str
      sample: "2001:4860:4860::8844"
    allocation_state:
      description: State of the zone.
      returned: success
      type: str
      sample: Enabled
    domain:
      description: Domain the zone is dedicated to.
      returned: success and the zone is dedicated
      type: str
      sample: ROOT
    network_domain:
      description: Network domain for the zone.
      returned: success
      type: str
      sample: example.com
    network_type:
      description: Network type for the zone.
      returned: success
      type: str
      sample: Basic
    local_storage_enabled:
      description: Local storage offering enabled.
      returned: success
      type: bool
      sample: false
    securitygroups_enabled:
      description: Security groups support is enabled.
      returned: success
      type: bool
      sample: false
    guest_cidr_address:
      description: Guest CIDR address for the zone.
      returned: success
      type: str
      sample: 10.1.1.0/24
    dhcp_provider:
      description: DHCP provider for the zone.
      returned: success
      type: str
      sample: VirtualRouter
    zone_token:
      description: Zone token.
      returned: success
      type: str
      sample: ccb0a60c-79c8-3230-ab8b-8bdbe8c45bb7
    tags:
      description: List of resource tags associated with the zone.
      returned: success
      type: list
      sample: [ { "key": "foo", "value": "bar" } ]
query_result:
  description: The result of O(query) applied to RV(zones).
  returned: when O(query) is set
  type: raw
  sample: ["zone01", "zone02"]
"""

from ..module_utils.engine import run_info
from ..module_utils.resources.zone import ZONE


def main():
    run_info(ZONE, dict(zone=dict(type="str", aliases=["name"]), id=dict(type="str")))


if __name__ == "__main__":
    main()
