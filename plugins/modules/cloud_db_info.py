#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: cloud_db_info
short_description: Read the health of Apache CloudStack from its database (read-only)
description:
  - Connects to CloudStack's C(cloud) database with PyMySQL and reads, with C(SELECT) and C(SHOW) only, what the health
    check needs that the API does not tell as directly - the schema version, the management server nodes (C(mshost)),
    the hosts by status as the database holds them, async jobs stuck in progress, HA work items stuck (C(op_ha_work)),
    the system VM templates per hypervisor, and the MySQL variables in effect compared with what CloudStack needs (H6).
  - Run it where the database is reachable (the C(db) group of the install inventories, or a management server).
  - Nothing is ever written; check mode reads the same.
  - The password is never returned, nor shown in a message.
  - No API connection is used, so the module is not in the C(cloudstack) action group.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  login_host:
    description:
      - Host of the MySQL server.
      - Without it, C(db.cloud.host) of O(db_properties) when that is set, else V(localhost).
    type: str
  login_port:
    description:
      - Port of the MySQL server.
      - Without it, C(db.cloud.port) of O(db_properties) when that is set, else V(3306).
    type: int
  login_user:
    description:
      - User to connect as.
      - Without it, C(db.cloud.username) of O(db_properties) when that is set, else V(cloud).
    type: str
  login_password:
    description:
      - Password of O(login_user).
      - Without it, C(db.cloud.password) of O(db_properties) when that is set, else none.
      - Needed when db.properties holds the password encrypted (C(db.cloud.encryption.type) other than V(none), or a
        value C(ENC(...))); the module fails and asks for it rather than decrypting.
    type: str
  login_unix_socket:
    description:
      - Connect through this UNIX socket instead of O(login_host) and O(login_port).
    type: path
  db:
    description:
      - Name of CloudStack's database.
      - Without it, C(db.cloud.name) of O(db_properties) when that is set, else V(cloud).
    type: str
  db_properties:
    description:
      - Read the connection settings (C(db.cloud.host), C(db.cloud.port), C(db.cloud.username), C(db.cloud.password),
        C(db.cloud.name)) from this db.properties of a management server, usually
        C(/etc/cloudstack/management/db.properties). An option that is set wins over the file.
    type: path
  stuck_job_minutes:
    description:
      - An async job still in progress (C(job_status) 0) created longer ago than this many minutes is returned in
        RV(stuck_jobs).
    type: int
    default: 60
  ha_work_minutes:
    description:
      - An HA work item (C(op_ha_work)) not C(Done) nor C(Cancelled) created longer ago than this many minutes is returned
        in RV(ha_work_stuck). One hour is the trigger the seeds give for HA.
    type: int
    default: 60
  management_server_count:
    description:
      - How many management servers use this database (the inventory's C(management) group), for H6's
        C(max_connections) of 350 per management server.
      - The larger of this and the C(mshost) rows not removed (RV(management_servers)) is used, at least one.
    type: int
  connect_timeout:
    description:
      - Seconds to wait for the connection.
    type: int
    default: 10
requirements: [ PyMySQL ]
notes:
  - Tables and columns are those of CloudStack 4.18 (C(setup/db/create-schema.sql) and the upgrade scripts; the module's
    C(module_utils/cloud_db.py) names the file of each).
  - Times are UTC, as CloudStack stores them (C(serverTimezone=UTC) in db.properties).
seealso:
  - module: csops.cloudstack.management_server_info
  - module: csops.cloudstack.kvm_host_info
extends_documentation_fragment:
  - csops.cloudstack.cloudstack.host_info_attributes
"""

EXAMPLES = r"""
- name: Read the database with the management server's own settings
  csops.cloudstack.cloud_db_info:
    db_properties: /etc/cloudstack/management/db.properties
  become: true
  register: cloud_db

- name: MySQL settings CloudStack needs (H6)
  ansible.builtin.assert:
    that: cloud_db.mysql_checks | dict2items | rejectattr('value.ok') | list | length == 0
    fail_msg: "{{ cloud_db.mysql_checks | dict2items | rejectattr('value.ok') | items2dict }}"

- name: From another machine, an encrypted db.properties, jobs stuck for 2 hours
  csops.cloudstack.cloud_db_info:
    login_host: db.example.com
    login_user: cloud
    login_password: "{{ vault_cloud_db_password }}"
    stuck_job_minutes: 120
"""

RETURN = r"""
---
schema_version:
  description: The latest row of the C(version) table (the schema in effect after the last upgrade); null when empty.
  returned: success
  type: dict
  sample: {"version": "4.18.1.0", "updated": "2026-11-30 09:12:44", "step": "Complete"}
management_servers:
  description: The management server nodes (C(mshost) rows not removed).
  returned: success
  type: list
  elements: dict
  sample: [{"name": "ms1", "uuid": "1b0c6f2e-5a43-4a57-9b1f-7b7a2b0e2d11", "msid": 2886794502, "version": "4.18.1.0",
            "state": "Up", "service_ip": "10.0.0.11", "last_update": "2026-12-04 09:40:01"}]
hosts_by_status:
  description: Number of hosts (all types, not removed) per C(status) as the database holds them.
  returned: success
  type: dict
  sample: {"Up": 4, "Alert": 1}
routing_hosts:
  description: The hypervisor hosts (type C(Routing), not removed).
  returned: success
  type: list
  elements: dict
  sample: [{"name": "kvm1", "uuid": "c1f3...", "status": "Up", "resource_state": "Enabled", "hypervisor_type": "KVM",
            "private_ip_address": "10.0.0.21", "mgmt_server_id": 2886794502, "disconnected": null}]
stuck_jobs:
  description:
    - Async jobs in progress created more than O(stuck_job_minutes) ago.
    - C(cmd) is the command's class name without its package (C(job_cmd) holds the whole name).
  returned: success
  type: list
  elements: dict
  sample: [{"id": "0e6b1f0d-...", "cmd": "StartVMCmdByAdmin", "job_cmd": "org.apache.cloudstack.api.command.admin.vm.StartVMCmdByAdmin",
            "created": "2026-12-04 07:01:02", "last_updated": null, "instance_type": "VirtualMachine", "instance_id": 42,
            "job_init_msid": 2886794502, "age_minutes": 159}]
ha_work_stuck:
  description: HA work items (C(op_ha_work)) not C(Done) nor C(Cancelled) created more than O(ha_work_minutes) ago.
  returned: success
  type: list
  elements: dict
  sample: [{"id": 7, "instance_id": 42, "instance_name": "i-2-42-VM", "type": "HA", "vm_type": "User", "state": "Running",
            "step": "Investigating", "host_id": 3, "mgmt_server_id": 2886794502, "created": "2026-12-04 07:00:00", "tried": 3,
            "age_minutes": 160}]
systemvm_templates:
  description:
    - The system VM templates (C(vm_template) of type C(SYSTEM), not removed) per hypervisor type (V(none) for the rows
      without one).
    - C(downloaded_stores) is the number of secondary storages that have it C(DOWNLOADED) (C(template_store_ref)).
  returned: success
  type: dict
  sample: {"KVM": [{"id": 203, "uuid": "6e1c...", "name": "systemvm-kvm-4.18.1", "hypervisor_type": "KVM", "state": "Active",
                    "format": "QCOW2", "created": "2026-11-30 09:13:00", "downloaded_stores": 1}]}
systemvm_template_settings:
  description: The C(router.template.<hypervisor>) settings, the template name each hypervisor's system VMs use.
  returned: success
  type: dict
  sample: {"router.template.kvm": "systemvm-kvm-4.18.1"}
mysql_variables:
  description: The global MySQL variables CloudStack cares about, as C(SHOW GLOBAL VARIABLES) gives them (text).
  returned: success
  type: dict
  sample: {"max_connections": "1000", "binlog_format": "ROW", "innodb_lock_wait_timeout": "600",
           "innodb_rollback_on_timeout": "ON", "sql_mode": "STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION", "log_bin": "ON"}
mysql_checks:
  description:
    - H6, per variable - C(value) (text, null when the server has no such variable), C(expected), C(ok).
    - C(max_connections) must be at least 350 per management server (the larger of RV(management_servers)' count and
      O(management_server_count), at least one - 350 for one, 700 for two, the install guide's formula);
      C(binlog_format) C(ROW), C(innodb_lock_wait_timeout) C(600), C(innodb_rollback_on_timeout) C(ON).
  returned: success
  type: dict
  sample: {"max_connections": {"value": "350", "expected": ">= 700", "ok": false},
           "binlog_format": {"value": "ROW", "expected": "ROW", "ok": true}}
grants:
  description: C(SHOW GRANTS) of the connected user (a password hash in a grant is masked).
  returned: success
  type: list
  elements: str
  sample: ["GRANT USAGE ON *.* TO `cloud`@`%`", "GRANT ALL PRIVILEGES ON `cloud`.* TO `cloud`@`%`"]
all_privileges:
  description: Whether the user has ALL PRIVILEGES on the database (H3).
  returned: success
  type: bool
connection:
  description: Where the module connected (never the password).
  returned: success
  type: dict
  sample: {"host": "localhost", "port": 3306, "unix_socket": null, "user": "cloud", "db": "cloud",
           "db_properties": "/etc/cloudstack/management/db.properties"}
"""

from ..module_utils.cloud_db import run


def argument_spec():
    return dict(
        login_host=dict(type="str"),
        login_port=dict(type="int"),
        login_user=dict(type="str"),
        login_password=dict(type="str", no_log=True),
        login_unix_socket=dict(type="path"),
        db=dict(type="str"),
        db_properties=dict(type="path"),
        stuck_job_minutes=dict(type="int", default=60),
        ha_work_minutes=dict(type="int", default=60),
        management_server_count=dict(type="int"),
        connect_timeout=dict(type="int", default=10),
    )


def main():
    run(argument_spec())


if __name__ == "__main__":
    main()
