#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: management_server_info
short_description: Gathers the state of the management servers, the database and the usage server of Apache CloudStack based clouds
description:
  - Lists the management servers with their metrics (C(listManagementServersMetrics)), every page, and returns the database's
    (C(listDbMetrics)) and the usage server's (C(listUsageServerMetrics)) metrics.
  - Needs CloudStack's metrics plugin (4.17 and later have these commands).
  - O(query) applies to RV(management_servers).
  - C(ngine_io.cloudstack) has no such module.
version_added: 0.2.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  id:
    description:
      - ID of the management server.
    type: str
  name:
    description:
      - Name of the management server (its host name), any case.
    type: str
  system:
    description:
      - Also the system-level statistics of each server (load averages, system memory, CPU cycles).
    type: bool
    default: false
  db:
    description:
      - Also the database's metrics, as RV(db).
    type: bool
    default: true
  usage:
    description:
      - Also the usage server's metrics, as RV(usage_server).
    type: bool
    default: true
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.info
  - csops.cloudstack.cloudstack.info_attributes
"""

EXAMPLES = r"""
- name: Management servers, database and usage server
  csops.cloudstack.management_server_info:
  register: ms

- name: Management servers that are not Up
  csops.cloudstack.management_server_info:
    db: false
    usage: false
    query: "[?state!='Up'].name"
  register: down

- name: Heap use per server, in percent
  ansible.builtin.debug:
    msg: "{{ item.name }}: {{ (100 * item.heap_memory_used / item.heap_memory_total) | round(1) }}%"
  loop: "{{ ms.management_servers }}"
"""

RETURN = r"""
---
management_servers:
  description: The management servers.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: ID of the management server.
      returned: success
      type: str
    name:
      description: Name (host name) of the management server.
      returned: success
      type: str
    state:
      description: State of the management server (Up, Down, ...).
      returned: success
      type: str
      sample: Up
    agent_count:
      description: Agents (hosts, system VMs) this server is responsible for.
      returned: when CloudStack returns it
      type: int
    available_processors:
      description: Processors available to the JVM.
      returned: when CloudStack returns it
      type: int
    collection_time:
      description: When these statistics were collected.
      returned: when CloudStack returns it
      type: str
    cpu_load:
      description: The current CPU load.
      returned: when CloudStack returns it
      type: str
    db_is_local:
      description: Whether the database runs on the same machine.
      returned: when CloudStack returns it
      type: bool
    usage_is_local:
      description: Whether a usage server runs on the same machine.
      returned: when CloudStack returns it
      type: bool
    heap_memory_total:
      description: Memory allocated to the JVM, in bytes.
      returned: when CloudStack returns it
      type: int
    heap_memory_used:
      description: Memory used by the JVM, in bytes.
      returned: when CloudStack returns it
      type: int
    java_distribution:
      description: The Java distribution.
      returned: when CloudStack returns it
      type: str
    java_version:
      description: The Java version.
      returned: when CloudStack returns it
      type: str
    kernel_version:
      description: The running kernel.
      returned: when CloudStack returns it
      type: str
    os_distribution:
      description: The OS distribution.
      returned: when CloudStack returns it
      type: str
    last_boot_time:
      description: When the machine was last booted.
      returned: when CloudStack returns it
      type: str
    last_server_start:
      description: When the management server was last started.
      returned: when CloudStack returns it
      type: str
    last_server_stop:
      description: When the management server was last stopped.
      returned: when CloudStack returns it
      type: str
    log_info:
      description: The log files and their usage on disk.
      returned: when CloudStack returns it
      type: str
    sessions:
      description: Client sessions active on this server.
      returned: when CloudStack returns it
      type: int
    version:
      description: CloudStack's version.
      returned: when CloudStack returns it
      type: str
    system_cycle_usage:
      description: "With O(system): the system load of user and system processes and the idle cycles."
      returned: when CloudStack returns it
      type: list
    system_load_averages:
      description: "With O(system): the load averages of 1, 5 and 15 minutes."
      returned: when CloudStack returns it
      type: list
    system_memory_free:
      description: "With O(system): free system memory."
      returned: when CloudStack returns it
      type: str
    system_memory_total:
      description: "With O(system): total system memory."
      returned: when CloudStack returns it
      type: str
    system_memory_used:
      description: "With O(system): used system memory."
      returned: when CloudStack returns it
      type: str
    system_memory_virtual_size:
      description: "With O(system): virtual size of the process."
      returned: when CloudStack returns it
      type: str
    system_total_cpu_cycles:
      description: "With O(system): the total system CPU capacity."
      returned: when CloudStack returns it
      type: float
    threads_blocked:
      description: Blocked threads.
      returned: when CloudStack returns it
      type: int
    threads_daemon:
      description: Daemon threads.
      returned: when CloudStack returns it
      type: int
    threads_runnable:
      description: Runnable threads.
      returned: when CloudStack returns it
      type: int
    threads_terminated:
      description: Terminated threads.
      returned: when CloudStack returns it
      type: int
    threads_total:
      description: Threads.
      returned: when CloudStack returns it
      type: int
    threads_waiting:
      description: Waiting threads.
      returned: when CloudStack returns it
      type: int
db:
  description: The database's metrics.
  returned: when O(db) is true
  type: dict
  contains:
    hostname:
      description: The database host.
      returned: success
      type: str
    version:
      description: The database server's version.
      returned: success
      type: str
    version_comment:
      description: The database server's version comment.
      returned: success
      type: str
    connections:
      description: Connections to the database.
      returned: success
      type: int
    queries:
      description: Queries run so far.
      returned: success
      type: int
    uptime:
      description: Uptime in seconds.
      returned: success
      type: int
    load_averages:
      description: The last load averages.
      returned: success
      type: list
    replicas:
      description: The replicas' states.
      returned: success
      type: list
    tls_versions:
      description: The TLS versions accepted.
      returned: success
      type: str
    collection_time:
      description: When these statistics were collected.
      returned: success
      type: str
usage_server:
  description: The usage server's metrics.
  returned: when O(usage) is true
  type: dict
  contains:
    hostname:
      description: The usage server's host.
      returned: success
      type: str
    state:
      description: Its state (Up, Down).
      returned: success
      type: str
    last_heartbeat:
      description: When it last checked for jobs.
      returned: when it runs
      type: str
    last_successful_job:
      description: When a usage job last completed.
      returned: when one did
      type: str
    collection_time:
      description: When these statistics were collected.
      returned: success
      type: str
query_result:
  description: The result of O(query) applied to RV(management_servers).
  returned: when O(query) is set
  type: raw
"""

from ..module_utils.engine import run_info
from ..module_utils.resources.management_server import MANAGEMENT_SERVER


def main():
    run_info(MANAGEMENT_SERVER, dict(
        id=dict(type="str"),
        name=dict(type="str"),
        system=dict(type="bool", default=False),
        db=dict(type="bool", default=True),
        usage=dict(type="bool", default=True),
    ))


if __name__ == "__main__":
    main()
