# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Events (listEvents), declared for event_info.

`since` / `until` become listEvents' startdate / enddate ("yyyy-MM-dd HH:mm:ss", read by the management server
in its time zone: UTC on the installs of this collection). Every account's events are listed (listall=true);
`domain` (a path) and `account` narrow them as listEvents does.
"""
from __future__ import annotations

from ..engine import Field
from .health import InfoResource, api_date_param, parse_time


class EventResource(InfoResource):
    def info_list(self, engine, params, named):
        params = dict(params)
        for option, param in (("since", "startdate"), ("until", "enddate")):
            value = engine.params.get(option)
            if value is not None:
                params[param] = api_date_param(parse_time(value, option))
        return engine.module.client.list(self.list_command, key=self.list_key, **params)


EVENT = EventResource(
    name="event",
    list_command="listEvents",
    list_key="event",
    list_params={"listall": True},
    fields=(Field("domain", param="domainid", resolve="domain", compare=None),),
    returns={
        "type": "event_type", "level": "level", "username": "username", "domainid": "domain_id", "resourceid": "resource_id",
        "resourcetype": "resource_type", "resourcename": "resource_name", "parentid": "parent_id", "projectid": "project_id",
    },
    info_key="events",
    info_filters={"id": "id", "level": "level", "event_type": "type", "account": "account", "domain": "domainid",
                  "resource_type": "resourcetype", "resource_id": "resourceid"},
)
