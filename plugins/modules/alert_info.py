#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: alert_info
short_description: Gathers the alerts of Apache CloudStack based clouds
description:
  - Lists CloudStack's alerts (C(listAlerts)), every page, newest first.
  - C(ngine_io.cloudstack) has no such module.
version_added: 0.2.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  id:
    description:
      - ID of the alert.
    type: str
  name:
    description:
      - Only alerts of this name, for example C(ALERT.COMPUTE.HOST), C(ALERT.MEMORY) (any case).
    type: str
  alert_type:
    description:
      - Only alerts of this type number (0 memory, 1 CPU, 2 storage, 3 allocated storage, 7 host, 9 router, 10 console proxy,
        13 usage server, 14 management server, 19 secondary storage VM, ...).
    type: int
    aliases: [ type ]
  since:
    description:
      - Only alerts sent at or after this time, read from each alert's C(sent).
      - An age (V(30m), V(12h), V(7d), V(2w)), a date (V(2026-12-04)) or a time (V(2026-12-04 10:00:00), UTC unless an offset is given).
    type: str
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.info
  - csops.cloudstack.cloudstack.info_attributes
"""

EXAMPLES = r"""
- name: Alerts of the last day
  csops.cloudstack.alert_info:
    since: 1d
  register: alerts

- name: Host alerts, their descriptions only
  csops.cloudstack.alert_info:
    alert_type: 7
    query: "[].description"
"""

RETURN = r"""
---
alerts:
  description: The alerts, newest first.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: ID of the alert.
      returned: success
      type: str
    name:
      description: Name of the alert.
      returned: success
      type: str
      sample: ALERT.COMPUTE.HOST
    alert_type:
      description: Type number of the alert.
      returned: success
      type: int
      sample: 7
    description:
      description: What the alert says.
      returned: success
      type: str
    sent:
      description: When it was sent.
      returned: success
      type: str
      sample: "2026-12-04T10:00:00+0000"
query_result:
  description: The result of O(query) applied to RV(alerts).
  returned: when O(query) is set
  type: raw
"""

from ..module_utils.engine import run_info
from ..module_utils.resources.alert import ALERT


def main():
    run_info(ALERT, dict(id=dict(type="str"), name=dict(type="str"), alert_type=dict(type="int", aliases=["type"]), since=dict(type="str")))


if __name__ == "__main__":
    main()
