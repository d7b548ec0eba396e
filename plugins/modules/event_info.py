#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: event_info
short_description: Gathers the events of Apache CloudStack based clouds
description:
  - Lists CloudStack's events (C(listEvents)) of every account the caller may see, every page, newest first.
  - C(ngine_io.cloudstack) has no such module.
version_added: 0.2.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  id:
    description:
      - ID of the event.
    type: str
  level:
    description:
      - Only events of this level.
    type: str
    choices: [ INFO, WARN, ERROR ]
  event_type:
    description:
      - Only events of this type, for example C(VM.START), C(HOST.RECONNECT), C(USER.LOGIN).
    type: str
    aliases: [ type ]
  since:
    description:
      - Only events from this time on (C(listEvents) startdate).
      - An age (V(30m), V(12h), V(7d), V(2w)), a date (V(2026-12-04)) or a time (V(2026-12-04 10:00:00), UTC unless an offset is given).
      - CloudStack reads it in the management server's time zone (UTC on the installs of this collection).
    type: str
  until:
    description:
      - Only events up to this time (C(listEvents) enddate); the same forms as O(since).
    type: str
  account:
    description:
      - Only events of this account (with O(domain)).
    type: str
  domain:
    description:
      - Only events of this domain (its path, for example C(ROOT/customers)).
    type: str
  resource_type:
    description:
      - Only events about resources of this type, for example C(VirtualMachine), C(Host).
    type: str
  resource_id:
    description:
      - Only events about this resource (its ID).
    type: str
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.info
  - csops.cloudstack.cloudstack.info_attributes
"""

EXAMPLES = r"""
- name: Errors of the last 12 hours
  csops.cloudstack.event_info:
    level: ERROR
    since: 12h
  register: errors

- name: How many VMs were started today
  csops.cloudstack.event_info:
    event_type: VM.START
    since: "{{ '%Y-%m-%d' | strftime }}"
    query: "length(@)"
"""

RETURN = r"""
---
events:
  description: The events, newest first.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: ID of the event.
      returned: success
      type: str
    event_type:
      description: Type of the event.
      returned: success
      type: str
      sample: VM.START
    level:
      description: Level of the event.
      returned: success
      type: str
      sample: INFO
    state:
      description: State of the event (Created, Scheduled, Started, Completed).
      returned: success
      type: str
    description:
      description: What happened.
      returned: success
      type: str
    created:
      description: When.
      returned: success
      type: str
    username:
      description: Who did it.
      returned: success
      type: str
    account:
      description: Account owning the object acted on.
      returned: success
      type: str
    domain:
      description: Domain of that account.
      returned: success
      type: str
    domain_id:
      description: ID of that domain.
      returned: success
      type: str
    project:
      description: Project owning the object acted on.
      returned: when owned by a project
      type: str
    project_id:
      description: ID of that project.
      returned: when owned by a project
      type: str
    resource_id:
      description: ID of the resource acted on.
      returned: when known
      type: str
    resource_type:
      description: Type of the resource acted on.
      returned: when known
      type: str
    resource_name:
      description: Name of the resource acted on.
      returned: when known
      type: str
    parent_id:
      description: ID of the event this one continues (a job's start).
      returned: when set
      type: str
query_result:
  description: The result of O(query) applied to RV(events).
  returned: when O(query) is set
  type: raw
"""

from ..module_utils.engine import run_info
from ..module_utils.resources.event import EVENT


def main():
    run_info(EVENT, dict(
        id=dict(type="str"),
        level=dict(type="str", choices=["INFO", "WARN", "ERROR"]),
        event_type=dict(type="str", aliases=["type"]),
        since=dict(type="str"),
        until=dict(type="str"),
        account=dict(type="str"),
        domain=dict(type="str"),
        resource_type=dict(type="str"),
        resource_id=dict(type="str"),
    ))


if __name__ == "__main__":
    main()
