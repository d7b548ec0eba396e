#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: region
short_description: Manages regions on Apache CloudStack based clouds
description:
  - Add, update and remove regions.
  - Same options and return values as C(ngine_io.cloudstack.region), so a task moves over by changing its FQCN.
  - A region is named by the integer O(id) its creator chose (a fresh cloud has region 1, C(Local)).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  id:
    description:
      - ID of the region.
      - Must be an number (int).
    type: int
    required: true
  name:
    description:
      - Name of the region.
      - Required if O(state=present).
    type: str
  endpoint:
    description:
      - Endpoint URL of the region.
      - Required if O(state=present).
    type: str
  state:
    description:
      - State of the region.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Create a region
  csops.cloudstack.region:
    id: 2
    name: geneva
    endpoint: https://cloud.gva.example.com

- name: Remove the region with ID 2
  csops.cloudstack.region:
    id: 2
    state: absent
"""

RETURN = r"""
---
id:
  description: ID of the region.
  returned: success
  type: int
  sample: 1
name:
  description: Name of the region.
  returned: success
  type: str
  sample: local
endpoint:
  description: Endpoint of the region.
  returned: success
  type: str
  sample: http://cloud.example.com
gslb_service_enabled:
  description: Whether the GSLB service is enabled or not.
  returned: success
  type: bool
  sample: true
portable_ip_service_enabled:
  description: Whether the portable IP service is enabled or not.
  returned: success
  type: bool
  sample: true
diff:
  description: The managed fields before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"state": "absent"}, "after": {"id": 2, "name": "geneva", "state": "present"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.region import REGION


def main():
    run_resource(REGION, required_if=[["state", "present", ["name", "endpoint"]]])


if __name__ == "__main__":
    main()
