# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared pieces of the health-check info modules (capacity_info, alert_info, event_info, system_vm_info,
management_server_info, the metrics option of host_info and storage_pool_info): times, percentages, and
the resource of an info-only module."""
from __future__ import annotations

import datetime
import re

from ..client import CloudStackError
from ..engine import Resource, to_result

AGE = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
AGE_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%d")


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc)


def parse_time(value, option):
    """An option's time -> an aware UTC datetime: an age (30m, 12h, 7d, 2w: that long before now), a date
    (2026-12-04: its midnight), a time (2026-12-04 10:00:00, UTC unless an offset is given), or CloudStack's
    own format (2026-12-04T10:00:00+0000). Anything else fails naming the option and the value."""
    text = str(value).strip()
    age = AGE.match(text)
    if age:
        return utcnow() - datetime.timedelta(**{AGE_UNITS[age.group(2)]: int(age.group(1))})
    for fmt in TIME_FORMATS:
        try:
            parsed = datetime.datetime.strptime(text.replace("Z", "+0000"), fmt)
        except ValueError:
            continue
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=datetime.timezone.utc)
        return parsed.astimezone(datetime.timezone.utc)
    raise CloudStackError("%s %r is not a time: give an age (30m, 12h, 7d, 2w), a date (2026-12-04) or a time (2026-12-04 10:00:00, UTC)"
                          % (option, value))


def api_time(text):
    """CloudStack's date (2026-12-04T10:00:00+0000) -> an aware datetime; None when it is missing or unreadable."""
    try:
        return datetime.datetime.strptime(str(text), "%Y-%m-%dT%H:%M:%S%z")
    except (TypeError, ValueError):
        return None


def api_date_param(when):
    """A datetime -> the "yyyy-MM-dd HH:mm:ss" of listEvents' startdate/enddate (the management server reads it
    in its own time zone: UTC on the installs of this collection)."""
    return when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def percent(text):
    """CloudStack's percentages ("12.5", ".5", "87.5%") -> a float; None when missing."""
    if text is None or text == "":
        return None
    try:
        return float(str(text).strip().rstrip("%"))
    except ValueError:
        return None


# the fields listHostsMetrics / listStoragePoolsMetrics add (host_info / storage_pool_info with metrics=true)
HOST_METRICS_RETURNS = {
    "cputotalghz": "cpu_total_ghz", "cpuusedghz": "cpu_used_ghz", "cpuallocatedghz": "cpu_allocated_ghz", "cpuloadaverage": "cpu_load_average",
    "cpuallocatedpercentage": "cpu_allocated_percentage", "memorytotalgb": "memory_total_gb", "memoryusedgb": "memory_used_gb",
    "memoryallocatedgb": "memory_allocated_gb", "memoryallocatedpercentage": "memory_allocated_percentage", "networkread": "network_read",
    "networkwrite": "network_write", "cputhreshold": "cpu_threshold", "cpudisablethreshold": "cpu_disable_threshold",
    "cpuallocatedthreshold": "cpu_allocated_threshold", "cpuallocateddisablethreshold": "cpu_allocated_disable_threshold",
    "memorythreshold": "memory_threshold", "memorydisablethreshold": "memory_disable_threshold",
    "memoryallocatedthreshold": "memory_allocated_threshold", "memoryallocateddisablethreshold": "memory_allocated_disable_threshold",
    "instances": "instances",
}
POOL_METRICS_RETURNS = {
    "disksizetotalgb": "disk_size_total_gb", "disksizeusedgb": "disk_size_used_gb", "disksizeallocatedgb": "disk_size_allocated_gb",
    "disksizeunallocatedgb": "disk_size_unallocated_gb", "storageusagethreshold": "storage_usage_threshold",
    "storageusagedisablethreshold": "storage_usage_disable_threshold", "storageallocatedthreshold": "storage_allocated_threshold",
    "storageallocateddisablethreshold": "storage_allocated_disable_threshold",
}


def metrics_command(engine, resource, command):
    """host_info / storage_pool_info: the plain list command, or with metrics=true its *Metrics twin (the same parameters)."""
    return command if engine.params.get("metrics") else resource.list_command


def metrics_returns(engine, obj, mapping):
    """The metrics fields of obj under their return keys (none without metrics=true)."""
    if not engine.params.get("metrics"):
        return {}
    return {ret: obj[key] for key, ret in mapping.items() if key in obj}


class InfoResource(Resource):
    """A listed object of an info-only module: returned with `returns` (API field -> return key) and the common keys."""

    def result(self, engine, obj):
        return to_result(obj, self.returns, self.returns_to_int)
