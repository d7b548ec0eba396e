#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: zone
short_description: Manages zones on Apache CloudStack based clouds
description:
  - Create, update, enable, disable and remove zones.
  - Same options, choices and return values as C(ngine_io.cloudstack.zone), so a task moves over by changing its FQCN.
  - The zone is found by O(id) if given, else by O(name) (a filtered C(listZones) call).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the zone.
      - With O(id), a different name renames the zone.
    type: str
    required: true
  id:
    description:
      - UUID of an existing zone.
    type: str
  state:
    description:
      - State of the zone.
      - V(enabled) and V(disabled) are allocation states of a present zone (a zone is created in that state).
    type: str
    default: present
    choices: [ present, enabled, disabled, absent ]
  domain:
    description:
      - Domain the zone is dedicated to (a path such as V(ROOT/customers)); the zone is public if not set.
      - Used when the zone is created; a difference on an existing zone is reported as a warning.
    type: str
  network_domain:
    description:
      - Network domain for the zone.
    type: str
  network_type:
    description:
      - Network type of the zone.
      - Used when the zone is created (V(Basic) if not set); a difference on an existing zone is reported as a warning.
    type: str
    choices: [ Basic, Advanced ]
  dns1:
    description:
      - First DNS for the zone.
      - Required to create the zone.
    type: str
  dns2:
    description:
      - Second DNS for the zone.
    type: str
  internal_dns1:
    description:
      - First internal DNS for the zone.
      - If not set, O(dns1) is used (also on update, as C(ngine_io.cloudstack.zone) does; a new O(dns1) changes it too).
    type: str
  internal_dns2:
    description:
      - Second internal DNS for the zone.
      - If not set, O(dns2) is used (also on update, as C(ngine_io.cloudstack.zone) does; a new O(dns2) changes it too).
    type: str
  dns1_ipv6:
    description:
      - First DNS for IPv6 for the zone.
    type: str
  dns2_ipv6:
    description:
      - Second DNS for IPv6 for the zone.
    type: str
  guest_cidr_address:
    description:
      - Guest CIDR address for the zone.
    type: str
  dhcp_provider:
    description:
      - DHCP provider for the zone.
    type: str
  local_storage_enabled:
    description:
      - Whether to enable local storage for the zone or not.
    type: bool
  securitygroups_enabled:
    description:
      - Whether the zone is security group enabled or not.
      - Used when the zone is created; a difference on an existing zone is reported as a warning.
    type: bool
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure a zone is present
  csops.cloudstack.zone:
    name: ch-zrh-ix-01
    dns1: 8.8.8.8
    dns2: 8.8.4.4
    network_type: Advanced

- name: Ensure a zone is disabled
  csops.cloudstack.zone:
    name: ch-zrh-ix-01
    state: disabled

- name: Ensure a zone is enabled
  csops.cloudstack.zone:
    name: ch-zrh-ix-01
    state: enabled

- name: Ensure a zone is absent
  csops.cloudstack.zone:
    name: ch-zrh-ix-01
    state: absent

- name: Connection options set once for every module of the collection
  module_defaults:
    group/csops.cloudstack.cloudstack:
      api_url: https://cloud.example.com/client/api
      api_key: "{{ vault_cloudstack_key }}"
      api_secret: "{{ vault_cloudstack_secret }}"
  block:
    - name: Ensure the zone's network domain
      csops.cloudstack.zone:
        name: ch-zrh-ix-01
        network_domain: zrh.example.com
"""

RETURN = r"""
---
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
diff:
  description: The managed fields before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"dns1": "8.8.8.8", "state": "disabled"}, "after": {"dns1": "9.9.9.9", "state": "enabled"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.zone import ZONE


def main():
    run_resource(ZONE)


if __name__ == "__main__":
    main()
