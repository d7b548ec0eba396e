# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Management servers (listManagementServersMetrics), with the database (listDbMetrics) and the usage server
(listUsageServerMetrics), declared for management_server_info."""
from __future__ import annotations

from .health import InfoResource

MS_RETURNS = {
    "agentcount": "agent_count", "availableprocessors": "available_processors", "collectiontime": "collection_time", "cpuload": "cpu_load",
    "dbislocal": "db_is_local", "usageislocal": "usage_is_local", "heapmemorytotal": "heap_memory_total", "heapmemoryused": "heap_memory_used",
    "javadistribution": "java_distribution", "javaversion": "java_version", "kernelversion": "kernel_version", "osdistribution": "os_distribution",
    "lastboottime": "last_boot_time", "lastserverstart": "last_server_start", "lastserverstop": "last_server_stop", "loginfo": "log_info",
    "sessions": "sessions", "version": "version", "systemcycleusage": "system_cycle_usage", "systemloadaverages": "system_load_averages",
    "systemmemoryfree": "system_memory_free", "systemmemorytotal": "system_memory_total", "systemmemoryused": "system_memory_used",
    "systemmemoryvirtualsize": "system_memory_virtual_size", "systemtotalcpucycles": "system_total_cpu_cycles",
    "threadsblockedcount": "threads_blocked", "threadsdaemoncount": "threads_daemon", "threadsrunnablecount": "threads_runnable",
    "threadsteminatedcount": "threads_terminated", "threadstotalcount": "threads_total", "threadswaitingcount": "threads_waiting",
}
DB_RETURNS = {
    "hostname": "hostname", "version": "version", "versioncomment": "version_comment", "connections": "connections", "queries": "queries",
    "uptime": "uptime", "dbloadaverages": "load_averages", "replicas": "replicas", "tlsversions": "tls_versions", "collectiontime": "collection_time",
}
USAGE_RETURNS = {
    "hostname": "hostname", "state": "state", "lastheartbeat": "last_heartbeat", "lastsuccessfuljob": "last_successful_job",
    "collectiontime": "collection_time",
}


def _mapped(obj, mapping):
    return {ret: obj[key] for key, ret in mapping.items() if key in obj}


class ManagementServerResource(InfoResource):
    def info_list(self, engine, params, named):
        if engine.params.get("system"):
            params = dict(params, system=True)
        items = engine.module.client.list(self.list_command, key=self.list_key, **params)
        if named is not None:
            items = [m for m in items if str(m.get("name", "")).lower() == str(named).lower()]
        return items

    def info_extra(self, engine):
        """The database and the usage server: one object each (not paged lists)."""
        client, out = engine.module.client, {}
        if engine.params.get("db"):
            out["db"] = _mapped(client.call("listDbMetrics").get("dbMetrics") or {}, DB_RETURNS)
        if engine.params.get("usage"):
            out["usage_server"] = _mapped(client.call("listUsageServerMetrics").get("usageMetrics") or {}, USAGE_RETURNS)
        return out


MANAGEMENT_SERVER = ManagementServerResource(
    name="management server",
    list_command="listManagementServersMetrics",
    list_key="managementserver",
    returns=MS_RETURNS,
    info_key="management_servers",
    info_filters={"id": "id", "name": "name"},
)
