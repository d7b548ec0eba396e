# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""CloudStack's database, read where it runs (module cloud_db_info): what the health check (H3, H6, H7, H25, H26 and
the stuck jobs) needs from the tables of CloudStack 4.18, with SELECT and SHOW only.

The tables and columns, as CloudStack 4.18 has them (setup/db/create-schema.sql plus the upgrade scripts):
- version (id, version, updated, step): create-schema.sql; one row per upgrade, the latest is the schema in effect.
- mshost (msid, name, version, state, service_ip, last_update, removed): create-schema.sql; uuid since
  schema-41120to41200.sql ("PR#2578 New column for listManagementServers API call").
- host (name, status, type, removed, hypervisor_type, private_ip_address, mgmt_server_id, disconnected): create-schema.sql;
  resource_state since schema-2214to30.sql (Enabled, Disabled, Maintenance, PrepareForMaintenance, ...).
- async_job (uuid, job_cmd, job_status, instance_type, instance_id, job_init_msid, created, last_updated, removed):
  create-schema.sql; job_status 0 is IN_PROGRESS (JobInfo.Status); job_cmd is the command's class name; created is UTC
  (db.properties' db.cloud.url.params has serverTimezone=UTC).
- op_ha_work (id, instance_id, type, vm_type, state, step, host_id, mgmt_server_id, created, tried): create-schema.sql;
  step is HighAvailabilityManager.Step (Scheduled, Investigating, Fencing, Stopping, Restarting, Migrating, Cancelled,
  Done, Error).
- vm_template (id, uuid, name, type, format, hypervisor_type, state, created, removed): create-schema.sql; state and uuid
  are VMTemplateVO's columns of 4.18; system VM templates have type SYSTEM (SystemVmTemplateRegistration inserts
  them 'SYSTEM', 'Inactive', then 'Active' once seeded).
- template_store_ref (template_id, store_role, download_state, destroyed): schema-410to420.sql; 'DOWNLOADED' on a
  secondary storage ('Image' role) once the template is there.
- configuration (name, value): create-schema.sql; router.template.<hypervisor> names the system VM template to use.
"""
from __future__ import annotations

import re
import traceback

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from .properties import parse_properties

try:
    import pymysql
    import pymysql.cursors

    PYMYSQL_ERROR = None
except ImportError:  # pragma: no cover - tested by setting pymysql to None
    pymysql = None
    PYMYSQL_ERROR = traceback.format_exc()

DB_PROPERTIES_KEYS = {"login_host": "db.cloud.host", "login_port": "db.cloud.port", "login_user": "db.cloud.username",
                      "login_password": "db.cloud.password", "db": "db.cloud.name"}
DEFAULTS = {"login_host": "localhost", "login_port": 3306, "login_user": "cloud", "db": "cloud"}

QUERIES = {
    "schema_version": "SELECT version.version, version.updated, version.step FROM version ORDER BY version.id DESC LIMIT 1",
    "management_servers": (
        "SELECT mshost.name, mshost.uuid, mshost.msid, mshost.version, mshost.state, mshost.service_ip, mshost.last_update "
        "FROM mshost WHERE mshost.removed IS NULL ORDER BY mshost.name"),
    "hosts_by_status": "SELECT host.status, COUNT(*) AS count FROM host WHERE host.removed IS NULL GROUP BY host.status",
    "routing_hosts": (
        "SELECT host.name, host.uuid, host.status, host.resource_state, host.hypervisor_type, host.private_ip_address, "
        "host.mgmt_server_id, host.disconnected FROM host WHERE host.removed IS NULL AND host.type = 'Routing' ORDER BY host.name"),
    "stuck_jobs": (
        "SELECT async_job.uuid, async_job.job_cmd, async_job.created, async_job.last_updated, async_job.instance_type, "
        "async_job.instance_id, async_job.job_init_msid, TIMESTAMPDIFF(MINUTE, async_job.created, UTC_TIMESTAMP()) AS age_minutes "
        "FROM async_job WHERE async_job.job_status = 0 AND async_job.removed IS NULL "
        "AND async_job.created < UTC_TIMESTAMP() - INTERVAL %s MINUTE ORDER BY async_job.created"),
    "ha_work_stuck": (
        "SELECT op_ha_work.id, op_ha_work.instance_id, vm_instance.instance_name, op_ha_work.type, op_ha_work.vm_type, "
        "op_ha_work.state, op_ha_work.step, op_ha_work.host_id, op_ha_work.mgmt_server_id, op_ha_work.created, op_ha_work.tried, "
        "TIMESTAMPDIFF(MINUTE, op_ha_work.created, UTC_TIMESTAMP()) AS age_minutes "
        "FROM op_ha_work LEFT JOIN vm_instance ON vm_instance.id = op_ha_work.instance_id "
        "WHERE op_ha_work.step NOT IN ('Done', 'Cancelled') AND op_ha_work.created < UTC_TIMESTAMP() - INTERVAL %s MINUTE "
        "ORDER BY op_ha_work.created"),
    "systemvm_templates": (
        "SELECT vm_template.id, vm_template.uuid, vm_template.name, vm_template.hypervisor_type, vm_template.state, "
        "vm_template.format, vm_template.created, "
        "(SELECT COUNT(*) FROM template_store_ref WHERE template_store_ref.template_id = vm_template.id "
        "AND template_store_ref.store_role = 'Image' AND template_store_ref.download_state = 'DOWNLOADED' "
        "AND template_store_ref.destroyed = 0) AS downloaded_stores "
        "FROM vm_template WHERE vm_template.type = 'SYSTEM' AND vm_template.removed IS NULL "
        "ORDER BY vm_template.hypervisor_type, vm_template.id"),
    "systemvm_template_settings": (
        "SELECT configuration.name, configuration.value FROM configuration WHERE configuration.name LIKE 'router.template.%'"),
    "mysql_variables": (
        "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('max_connections', 'binlog_format', 'innodb_lock_wait_timeout', "
        "'innodb_rollback_on_timeout', 'sql_mode', 'log_bin')"),
    "grants": "SHOW GRANTS FOR CURRENT_USER()",
}
# H6 (seeds 001:38-41, 001:65; 000:83; 004:3082-3086): what CloudStack needs of MySQL. max_connections: the install
# guide's formula, 350 per management server (004:2572-2576); its "at least 700" (000:83, 001:40) is that formula for
# the two servers of its example (seeds-features.md section 4 item 7: use the formula), as the mysql role does.
MAX_CONNECTIONS_PER_MS = 350
EXPECTED_EQUAL = {"binlog_format": "ROW", "innodb_lock_wait_timeout": "600", "innodb_rollback_on_timeout": "ON"}
# a grant that carries a password hash (MySQL 5.6 and older print it): never returned
IDENTIFIED = re.compile(r"(IDENTIFIED\s+(?:WITH\s+\S+\s+)?(?:BY|AS)\s+(?:PASSWORD\s+)?)'[^']*'", re.IGNORECASE)
ENCRYPTED = re.compile(r"^ENC\(.*\)$")


class DbInfoError(Exception):
    """A clear message for fail_json (never with the password)."""


def read_properties(path):
    """db.properties as a dict."""
    try:
        with open(path) as fh:
            text = fh.read()
    except OSError as exc:
        raise DbInfoError("db_properties: cannot read %s (%s)" % (path, exc.strerror or exc)) from None
    return parse_properties(text)


def settings(params):
    """The connection settings: an option that is set wins, then db.properties (db_properties), then the defaults."""
    props = read_properties(params["db_properties"]) if params.get("db_properties") else {}
    out = {}
    for option, key in DB_PROPERTIES_KEYS.items():
        value = params.get(option)
        if value is None and props.get(key):
            value = props[key]
            if option == "login_password" and (props.get("db.cloud.encryption.type", "none").lower() != "none" or ENCRYPTED.match(value)):
                raise DbInfoError("db_properties: db.cloud.password in %s is encrypted (db.cloud.encryption.type=%s); set login_password"
                                  % (params["db_properties"], props.get("db.cloud.encryption.type", "none")))
        out[option] = DEFAULTS.get(option) if value is None else value
    try:
        out["login_port"] = int(out["login_port"])
    except (TypeError, ValueError):
        raise DbInfoError("login_port must be a port number, got %r" % (out["login_port"],)) from None
    if not 0 < out["login_port"] < 65536:
        raise DbInfoError("login_port must be between 1 and 65535, got %s" % out["login_port"])
    if params.get("management_server_count") is not None and params["management_server_count"] < 0:
        raise DbInfoError("management_server_count must be 0 or more, got %s" % params["management_server_count"])
    for option in ("stuck_job_minutes", "ha_work_minutes", "connect_timeout"):
        if params[option] <= 0:
            raise DbInfoError("%s must be a positive number, got %s" % (option, params[option]))
    out["login_unix_socket"] = params.get("login_unix_socket")
    return out


def connect(conf, timeout):
    kwargs = dict(user=conf["login_user"], password=conf["login_password"] or "", database=conf["db"], connect_timeout=timeout,
                  cursorclass=pymysql.cursors.DictCursor, charset="utf8mb4")
    if conf["login_unix_socket"]:
        kwargs["unix_socket"] = conf["login_unix_socket"]
    else:
        kwargs.update(host=conf["login_host"], port=conf["login_port"])
    try:
        return pymysql.connect(**kwargs)
    except Exception as exc:  # noqa: BLE001 - any driver error becomes one clear message
        where = conf["login_unix_socket"] or "%s:%s" % (conf["login_host"], conf["login_port"])
        raise DbInfoError("Cannot connect to the database %s on %s as %s: %s"
                          % (conf["db"], where, conf["login_user"], scrub(str(exc), conf["login_password"]))) from None


def scrub(text, secret):
    return text.replace(secret, "********") if secret else text


def query(cur, name, args=None):
    """Rows of QUERIES[name]; a missing table or column names the query (not a CloudStack 4.18 database?)."""
    try:
        cur.execute(QUERIES[name], args)
        return list(cur.fetchall())
    except Exception as exc:  # noqa: BLE001 - the driver's errors differ by server
        raise DbInfoError("Reading %s failed: %s (is this CloudStack's database, 4.18 or later?)" % (name, exc)) from None


def short_cmd(job_cmd):
    """org.apache.cloudstack.api.command.admin.vm.StartVMCmdByAdmin -> StartVMCmdByAdmin."""
    return (job_cmd or "").rsplit(".", 1)[-1]


def text(value):
    """datetimes (and anything else the driver returns) as text, None kept."""
    if value is None or isinstance(value, (int, str, bool)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return str(value)


def row(r):
    return {k: text(v) for k, v in r.items()}


def mysql_checks(variables, ms_count):
    """H6: each variable's value, what CloudStack needs, and whether it is met (ms_count: the management servers that
    use the database, at least one)."""
    need = MAX_CONNECTIONS_PER_MS * max(1, ms_count)
    checks = {}
    value = variables.get("max_connections")
    checks["max_connections"] = {"value": value, "expected": ">= %d" % need,
                                 "ok": value is not None and value.isdigit() and int(value) >= need}
    for name, expected in EXPECTED_EQUAL.items():
        value = variables.get(name)
        checks[name] = {"value": value, "expected": expected, "ok": value is not None and value.upper() == expected}
    return checks


def grants(rows, db):
    lines = [IDENTIFIED.sub(r"\1'********'", next(iter(r.values()))) for r in rows]
    pattern = re.compile(r"^GRANT ALL PRIVILEGES ON (\*|`?%s`?)\.\* TO " % re.escape(db), re.IGNORECASE)
    return lines, any(pattern.match(line) for line in lines)


def collect(cur, params, db):
    out = {}
    version = query(cur, "schema_version")
    out["schema_version"] = row(version[0]) if version else None
    out["management_servers"] = [row(r) for r in query(cur, "management_servers")]
    out["hosts_by_status"] = {r["status"]: int(r["count"]) for r in query(cur, "hosts_by_status")}
    out["routing_hosts"] = [row(r) for r in query(cur, "routing_hosts")]
    out["stuck_jobs"] = [dict(row(r), cmd=short_cmd(r["job_cmd"]), id=r["uuid"]) for r in query(cur, "stuck_jobs", (params["stuck_job_minutes"],))]
    for job in out["stuck_jobs"]:
        job.pop("uuid")
    out["ha_work_stuck"] = [row(r) for r in query(cur, "ha_work_stuck", (params["ha_work_minutes"],))]
    templates = {}
    for r in query(cur, "systemvm_templates"):
        templates.setdefault(r["hypervisor_type"] or "none", []).append(dict(row(r), downloaded_stores=int(r["downloaded_stores"] or 0)))
    out["systemvm_templates"] = templates
    out["systemvm_template_settings"] = {r["name"]: r["value"] for r in query(cur, "systemvm_template_settings")}
    variables = {r["Variable_name"]: r["Value"] for r in query(cur, "mysql_variables")}
    out["mysql_variables"] = variables
    out["mysql_checks"] = mysql_checks(variables, max(len(out["management_servers"]), params.get("management_server_count") or 0))
    out["grants"], out["all_privileges"] = grants(query(cur, "grants"), db)
    return out


def gather(params):
    """The whole result (raises DbInfoError)."""
    conf = settings(params)
    conn = connect(conf, params["connect_timeout"])
    try:
        with conn.cursor() as cur:
            out = collect(cur, params, conf["db"])
    finally:
        conn.close()
    out["connection"] = {"host": None if conf["login_unix_socket"] else conf["login_host"], "port": conf["login_port"],
                         "unix_socket": conf["login_unix_socket"], "user": conf["login_user"], "db": conf["db"],
                         "db_properties": params.get("db_properties")}
    return out


def run(argument_spec):
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    if pymysql is None:
        module.fail_json(msg=missing_required_lib("PyMySQL"), exception=PYMYSQL_ERROR)
    try:
        result = gather(module.params)
    except DbInfoError as exc:
        module.fail_json(msg=scrub(str(exc), module.params.get("login_password")))
    module.exit_json(changed=False, **result)
