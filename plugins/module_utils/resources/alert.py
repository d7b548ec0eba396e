# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Alerts (listAlerts), declared for alert_info.

listAlerts filters by id, name and type only: `since` keeps the alerts sent at or after that time (read from
each alert's `sent`), on the module's side after the paged list.
"""
from __future__ import annotations

from .health import InfoResource, api_time, parse_time


class AlertResource(InfoResource):
    def info_list(self, engine, params, named):
        since = engine.params.get("since")
        cutoff = parse_time(since, "since") if since is not None else None
        items = engine.module.client.list(self.list_command, key=self.list_key, **params)
        if named is not None:
            items = [a for a in items if str(a.get("name", "")).lower() == str(named).lower()]
        if cutoff is not None:
            items = [a for a in items if (api_time(a.get("sent")) or cutoff) >= cutoff]
        return items


ALERT = AlertResource(
    name="alert",
    list_command="listAlerts",
    list_key="alert",
    returns={"type": "alert_type", "sent": "sent"},
    info_key="alerts",
    info_filters={"id": "id", "name": "name", "alert_type": "type"},
)
