"""cloud_db_info with a fake PyMySQL (no MySQL server here): the fake answers only the exact SQL the module sends and
refuses any statement that is not SELECT/SHOW; the SQL names only tables and columns CloudStack 4.18 has (the schema
below, written from setup/db/create-schema.sql and the upgrade scripts); the results (stuck jobs, HA work, system VM
templates per hypervisor, the H6 checks for 1..3 management servers); db.properties read, an encrypted one refused;
the clear errors (bad option values, missing PyMySQL, connection refused by a real PyMySQL against 127.0.0.1:1, a
missing table) and the password never in the output; the documentation matches the argument spec."""
import datetime
import pathlib
import re
import sys
import types

import pytest
from ansible_collections.csops.cloudstack.plugins.module_utils import cloud_db
from ansible_collections.csops.cloudstack.plugins.modules import cloud_db_info
from test_api_docs import ansible_doc

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "integration"))
from harness import run_module  # noqa: E402

PASSWORD = "Cl0udDbPass-xyz"

# CloudStack 4.18's columns the module may read (create-schema.sql unless said otherwise)
SCHEMA = {
    "version": {"id", "version", "updated", "step"},
    "mshost": {"id", "msid", "runid", "name", "uuid", "state", "version", "service_ip", "service_port", "last_update", "removed",
               "alert_count"},  # uuid: schema-41120to41200.sql
    "host": {"id", "name", "uuid", "status", "type", "private_ip_address", "cluster_id", "data_center_id", "pod_id", "hypervisor_type",
             "hypervisor_version", "mgmt_server_id", "disconnected", "created", "removed", "resource_state", "last_ping"},
    "async_job": {"id", "uuid", "user_id", "account_id", "instance_type", "instance_id", "job_cmd", "job_status", "job_result",
                  "job_init_msid", "job_complete_msid", "created", "last_updated", "last_polled", "removed"},
    "op_ha_work": {"id", "instance_id", "type", "vm_type", "state", "mgmt_server_id", "host_id", "created", "tried", "taken", "step",
                   "time_to_try", "updated"},
    "vm_instance": {"id", "name", "instance_name", "state", "host_id", "type", "vm_type", "removed"},
    "vm_template": {"id", "uuid", "unique_name", "name", "type", "format", "created", "removed", "hypervisor_type", "state"},
    "template_store_ref": {"id", "store_id", "template_id", "download_state", "state", "destroyed", "store_role"},  # schema-410to420.sql
    "configuration": {"category", "instance", "component", "name", "value", "description"},
}

MS_ROWS = [
    {"name": "ms1", "uuid": "u-ms1", "msid": 2886794502, "version": "4.18.1.0", "state": "Up", "service_ip": "10.0.0.11",
     "last_update": datetime.datetime(2026, 12, 4, 9, 40, 1)},
    {"name": "ms2", "uuid": "u-ms2", "msid": 2886794503, "version": "4.18.1.0", "state": "Down", "service_ip": "10.0.0.12",
     "last_update": datetime.datetime(2026, 12, 3, 22, 0, 0)},
]
GOOD_VARIABLES = [{"Variable_name": "max_connections", "Value": "1000"}, {"Variable_name": "binlog_format", "Value": "ROW"},
                  {"Variable_name": "innodb_lock_wait_timeout", "Value": "600"},
                  {"Variable_name": "innodb_rollback_on_timeout", "Value": "ON"}, {"Variable_name": "sql_mode", "Value": "STRICT_TRANS_TABLES"},
                  {"Variable_name": "log_bin", "Value": "ON"}]


def answers(ms_rows=MS_ROWS, variables=GOOD_VARIABLES):
    """The rows a 4.18 database gives, keyed by the exact SQL text."""
    q = cloud_db.QUERIES
    return {
        q["schema_version"]: [{"version": "4.18.1.0", "updated": datetime.datetime(2026, 11, 30, 9, 12, 44), "step": "Complete"}],
        q["management_servers"]: ms_rows,
        q["hosts_by_status"]: [{"status": "Up", "count": 3}, {"status": "Alert", "count": 1}],
        q["routing_hosts"]: [{"name": "kvm1", "uuid": "h1", "status": "Up", "resource_state": "Enabled", "hypervisor_type": "KVM",
                              "private_ip_address": "10.0.0.21", "mgmt_server_id": 2886794502, "disconnected": None},
                             {"name": "kvm2", "uuid": "h2", "status": "Alert", "resource_state": "Enabled", "hypervisor_type": "KVM",
                              "private_ip_address": "10.0.0.22", "mgmt_server_id": None,
                              "disconnected": datetime.datetime(2026, 12, 4, 8, 0, 0)}],
        q["stuck_jobs"]: [{"uuid": "job-1", "job_cmd": "org.apache.cloudstack.api.command.admin.vm.StartVMCmdByAdmin",
                           "created": datetime.datetime(2026, 12, 4, 7, 1, 2), "last_updated": None, "instance_type": "VirtualMachine",
                           "instance_id": 42, "job_init_msid": 2886794502, "age_minutes": 159}],
        q["ha_work_stuck"]: [{"id": 7, "instance_id": 42, "instance_name": "i-2-42-VM", "type": "HA", "vm_type": "User", "state": "Running",
                              "step": "Investigating", "host_id": 3, "mgmt_server_id": 2886794502,
                              "created": datetime.datetime(2026, 12, 4, 7, 0, 0), "tried": 3, "age_minutes": 160}],
        q["systemvm_templates"]: [
            {"id": 3, "uuid": "t-3", "name": "SystemVM Template (KVM)", "hypervisor_type": "KVM", "state": "Inactive", "format": "QCOW2",
             "created": datetime.datetime(2023, 1, 1), "downloaded_stores": 0},
            {"id": 203, "uuid": "t-203", "name": "systemvm-kvm-4.18.1", "hypervisor_type": "KVM", "state": "Active", "format": "QCOW2",
             "created": datetime.datetime(2026, 11, 30, 9, 13), "downloaded_stores": 1},
            {"id": 1, "uuid": "t-1", "name": "SystemVM Template (XenServer)", "hypervisor_type": "XenServer", "state": "Active",
             "format": "VHD", "created": datetime.datetime(2023, 1, 1), "downloaded_stores": 0}],
        q["systemvm_template_settings"]: [{"name": "router.template.kvm", "value": "systemvm-kvm-4.18.1"}],
        q["mysql_variables"]: variables,
        q["grants"]: [{"Grants for cloud@%": "GRANT USAGE ON *.* TO 'cloud'@'%' IDENTIFIED BY PASSWORD '*ABCDEF0123456789'"},
                      {"Grants for cloud@%": "GRANT ALL PRIVILEGES ON `cloud`.* TO 'cloud'@'%'"}],
    }


class FakeProgrammingError(Exception):
    pass


class FakeCursor:
    def __init__(self, conn):
        self.conn = conn
        self.rows = []

    def execute(self, sql, args=None):
        assert re.match(r"^(SELECT|SHOW) ", sql), "not a read: %s" % sql
        assert ";" not in sql
        assert sql.count("%s") == len(args or ()), (sql, args)
        self.conn.sent.append((sql, args))
        if sql in self.conn.missing:
            raise FakeProgrammingError(1146, "Table 'cloud.%s' doesn't exist" % self.conn.missing[sql])
        if sql not in self.conn.answers:
            raise FakeProgrammingError(1064, "unexpected SQL: %s" % sql)
        self.rows = self.conn.answers[sql]
        return len(self.rows)

    def fetchall(self):
        return tuple(self.rows)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class FakeConnection:
    def __init__(self, answers, missing):
        self.answers, self.missing, self.sent, self.closed = answers, missing, [], False

    def cursor(self):
        return FakeCursor(self)

    def close(self):
        self.closed = True

    def commit(self):
        raise AssertionError("a read-only module never commits")


def fake_pymysql(answers=None, missing=None, refuse=None):
    lib = types.ModuleType("pymysql")
    lib.cursors = types.SimpleNamespace(DictCursor=object())
    lib.connects = []

    def connect(**kwargs):
        lib.connects.append(kwargs)
        if refuse:
            raise refuse
        lib.conn = FakeConnection(answers if answers is not None else globals()["answers"](), missing or {})
        return lib.conn

    lib.connect = connect
    return lib


@pytest.fixture
def db(monkeypatch):
    def install(**kwargs):
        lib = fake_pymysql(**kwargs)
        monkeypatch.setattr(cloud_db, "pymysql", lib)
        return lib
    return install


def db_properties(tmp_path, password=PASSWORD, encryption="none"):
    path = tmp_path / "db.properties"
    path.write_text("# CloudStack database settings\ncluster.node.IP=10.0.0.11\ndb.cloud.username=cloudadm\ndb.cloud.password=%s\n"
                    "db.cloud.host=db.example.test\ndb.cloud.driver=jdbc:mysql\ndb.cloud.port=3307\ndb.cloud.name=cloud\n"
                    "db.cloud.encryption.type=%s\ndb.usage.password=UsageSecret\n" % (password, encryption))
    return str(path)


def test_every_query_reads_only_and_names_4_18_columns():
    for name, sql in cloud_db.QUERIES.items():
        assert re.match(r"^(SELECT|SHOW) ", sql) and ";" not in sql, name
        if sql.startswith("SHOW"):
            continue
        tables = set(re.findall(r"\b(?:FROM|JOIN)\s+(\w+)", sql))
        assert tables <= set(SCHEMA), (name, tables - set(SCHEMA))
        for table, column in re.findall(r"\b(\w+)\.(\w+)\b", sql.replace("'router.template.%'", "")):
            assert column in SCHEMA[table], "%s: %s.%s is no column of CloudStack 4.18" % (name, table, column)


def test_the_whole_result(db, tmp_path):
    lib = db()
    res = run_module("cloud_db_info", {"db_properties": db_properties(tmp_path), "stuck_job_minutes": 90})
    assert res.rc == 0 and res["changed"] is False, res.get("msg")
    # db.properties' settings, the password never in the output (nor the usage DB's)
    conn = lib.connects[0]
    assert (conn["host"], conn["port"], conn["user"], conn["password"], conn["database"]) == ("db.example.test", 3307, "cloudadm", PASSWORD, "cloud")
    assert PASSWORD not in res["_stdout"] and "UsageSecret" not in res["_stdout"]
    assert res["connection"] == {"host": "db.example.test", "port": 3307, "unix_socket": None, "user": "cloudadm", "db": "cloud",
                                 "db_properties": str(tmp_path / "db.properties")}
    # only SELECT/SHOW, each query once, the minutes passed as parameters, the connection closed
    assert sorted(sql for sql, _ in lib.conn.sent) == sorted(cloud_db.QUERIES.values())
    assert dict((sql, args) for sql, args in lib.conn.sent)[cloud_db.QUERIES["stuck_jobs"]] == (90,)
    assert dict((sql, args) for sql, args in lib.conn.sent)[cloud_db.QUERIES["ha_work_stuck"]] == (60,)
    assert lib.conn.closed
    assert res["schema_version"] == {"version": "4.18.1.0", "updated": "2026-11-30 09:12:44", "step": "Complete"}
    assert [m["name"] for m in res["management_servers"]] == ["ms1", "ms2"]
    assert res["management_servers"][1]["last_update"] == "2026-12-03 22:00:00"
    assert res["hosts_by_status"] == {"Up": 3, "Alert": 1}
    assert [(h["name"], h["status"], h["resource_state"]) for h in res["routing_hosts"]] == [("kvm1", "Up", "Enabled"), ("kvm2", "Alert", "Enabled")]
    assert res["stuck_jobs"] == [{"id": "job-1", "cmd": "StartVMCmdByAdmin", "job_cmd": "org.apache.cloudstack.api.command.admin.vm.StartVMCmdByAdmin",
                                  "created": "2026-12-04 07:01:02", "last_updated": None, "instance_type": "VirtualMachine",
                                  "instance_id": 42, "job_init_msid": 2886794502, "age_minutes": 159}]
    assert res["ha_work_stuck"][0]["step"] == "Investigating" and res["ha_work_stuck"][0]["instance_name"] == "i-2-42-VM"
    assert sorted(res["systemvm_templates"]) == ["KVM", "XenServer"]
    assert [(t["name"], t["state"], t["format"], t["downloaded_stores"]) for t in res["systemvm_templates"]["KVM"]] == [
        ("SystemVM Template (KVM)", "Inactive", "QCOW2", 0), ("systemvm-kvm-4.18.1", "Active", "QCOW2", 1)]
    assert res["systemvm_template_settings"] == {"router.template.kvm": "systemvm-kvm-4.18.1"}
    assert res["mysql_variables"]["max_connections"] == "1000"
    # two management servers: 350 x 2
    assert res["mysql_checks"] == {"max_connections": {"value": "1000", "expected": ">= 700", "ok": True},
                                   "binlog_format": {"value": "ROW", "expected": "ROW", "ok": True},
                                   "innodb_lock_wait_timeout": {"value": "600", "expected": "600", "ok": True},
                                   "innodb_rollback_on_timeout": {"value": "ON", "expected": "ON", "ok": True}}
    # the password hash of an old-style grant is masked
    assert res["grants"][0] == "GRANT USAGE ON *.* TO 'cloud'@'%' IDENTIFIED BY PASSWORD '********'"
    assert "ABCDEF0123456789" not in res["_stdout"] and res["all_privileges"] is True
    # check mode reads the same
    again = run_module("cloud_db_info", {"db_properties": db_properties(tmp_path), "stuck_job_minutes": 90}, check=True)
    assert {k: v for k, v in again.items() if k not in ("_stdout", "invocation")} == {k: v for k, v in res.items() if k not in ("_stdout", "invocation")}


def ms(n):
    return [dict(MS_ROWS[0], name="ms%d" % i, msid=i) for i in range(n)]


@pytest.mark.parametrize("servers, count, max_connections, expected, ok", [
    (0, None, "350", ">= 350", True), (1, None, "350", ">= 350", True), (1, None, "349", ">= 350", False),
    (2, None, "700", ">= 700", True), (2, None, "699", ">= 700", False), (1, 2, "350", ">= 700", False),
    (3, 2, "1000", ">= 1050", False), (3, None, "1050", ">= 1050", True), (0, 4, "1400", ">= 1400", True),
])
def test_max_connections_is_350_per_management_server(db, servers, count, max_connections, expected, ok):
    """The install guide's formula, as the mysql role sets it: the larger of the mshost rows and the option counts."""
    variables = [dict(v, Value=max_connections) if v["Variable_name"] == "max_connections" else v for v in GOOD_VARIABLES]
    db(answers=answers(ms_rows=ms(servers), variables=variables))
    res = run_module("cloud_db_info", {} if count is None else {"management_server_count": count})
    assert res["mysql_checks"]["max_connections"] == {"value": max_connections, "expected": expected, "ok": ok}


def test_wrong_mysql_settings_are_each_found(db):
    variables = [{"Variable_name": "max_connections", "Value": "151"}, {"Variable_name": "binlog_format", "Value": "MIXED"},
                 {"Variable_name": "innodb_lock_wait_timeout", "Value": "50"}, {"Variable_name": "innodb_rollback_on_timeout", "Value": "OFF"}]
    db(answers=answers(variables=variables))
    checks = run_module("cloud_db_info", {})["mysql_checks"]
    assert {k: (v["value"], v["ok"]) for k, v in checks.items()} == {
        "max_connections": ("151", False), "binlog_format": ("MIXED", False), "innodb_lock_wait_timeout": ("50", False),
        "innodb_rollback_on_timeout": ("OFF", False)}
    # a variable the server does not have is null and not ok
    assert cloud_db.mysql_checks({}, 1)["binlog_format"] == {"value": None, "expected": "ROW", "ok": False}


def test_options_win_over_db_properties_and_the_defaults(db, tmp_path):
    lib = db()
    run_module("cloud_db_info", {"db_properties": db_properties(tmp_path), "login_host": "10.9.9.9", "login_password": "other"})
    assert (lib.connects[0]["host"], lib.connects[0]["port"], lib.connects[0]["user"], lib.connects[0]["password"]) == (
        "10.9.9.9", 3307, "cloudadm", "other")
    run_module("cloud_db_info", {})
    assert (lib.connects[1]["host"], lib.connects[1]["port"], lib.connects[1]["user"], lib.connects[1]["database"]) == (
        "localhost", 3306, "cloud", "cloud")
    run_module("cloud_db_info", {"login_unix_socket": "/run/mysqld/mysqld.sock"})
    assert lib.connects[2]["unix_socket"] == "/run/mysqld/mysqld.sock" and "host" not in lib.connects[2]


@pytest.mark.parametrize("password, encryption", [("ENC(a9dDp0Xk2Lr0==)", "file"), ("ENC(a9dDp0Xk2Lr0==)", "none"), ("plain", "web")])
def test_an_encrypted_db_properties_asks_for_login_password(db, tmp_path, password, encryption):
    lib = db()
    path = db_properties(tmp_path, password=password, encryption=encryption)
    res = run_module("cloud_db_info", {"db_properties": path})
    assert res.rc == 1 and lib.connects == []
    assert res["msg"] == "db_properties: db.cloud.password in %s is encrypted (db.cloud.encryption.type=%s); set login_password" % (path, encryption)
    assert password not in res["_stdout"]
    # with login_password it connects with that
    res = run_module("cloud_db_info", {"db_properties": path, "login_password": PASSWORD})
    assert res.rc == 0 and lib.connects[0]["password"] == PASSWORD


@pytest.mark.parametrize("args, message", [
    ({"stuck_job_minutes": 0}, "stuck_job_minutes must be a positive number, got 0"),
    ({"ha_work_minutes": -5}, "ha_work_minutes must be a positive number, got -5"),
    ({"connect_timeout": 0}, "connect_timeout must be a positive number, got 0"),
    ({"management_server_count": -1}, "management_server_count must be 0 or more, got -1"),
    ({"login_port": 70000}, "login_port must be between 1 and 65535, got 70000"),
    ({"login_port": "abc"}, "login_port"),
    ({"db_properties": "/nonexistent/db.properties"}, "db_properties: cannot read /nonexistent/db.properties"),
])
def test_bad_input_is_a_clear_error(db, args, message):
    lib = db()
    res = run_module("cloud_db_info", dict(args, login_password=PASSWORD))
    assert res.rc == 1 and message in res["msg"], res.get("msg")
    assert lib.connects == [] and PASSWORD not in res["_stdout"]


def test_a_bad_port_in_db_properties_is_named(db, tmp_path):
    db()
    path = tmp_path / "db.properties"
    path.write_text("db.cloud.port=33x6\n")
    res = run_module("cloud_db_info", {"db_properties": str(path)})
    assert res.rc == 1 and res["msg"] == "login_port must be a port number, got '33x6'"


def test_without_pymysql_the_module_says_what_to_install(monkeypatch):
    monkeypatch.setattr(cloud_db, "pymysql", None)
    res = run_module("cloud_db_info", {"login_password": PASSWORD})
    assert res.rc == 1 and "PyMySQL" in res["msg"] and "Failed to import the required Python library" in res["msg"]


def test_connection_refused_by_the_real_driver_is_clear_and_without_the_password():
    # the real PyMySQL against a port nothing listens on
    res = run_module("cloud_db_info", {"login_host": "127.0.0.1", "login_port": 1, "login_password": PASSWORD, "connect_timeout": 5})
    assert res.rc == 1
    assert res["msg"].startswith("Cannot connect to the database cloud on 127.0.0.1:1 as cloud: ")
    assert "Connection refused" in res["msg"] and PASSWORD not in res["_stdout"]


def test_a_driver_error_that_echoes_the_password_is_scrubbed(db, tmp_path):
    db(refuse=RuntimeError("Access denied for user 'cloudadm' with password %s" % PASSWORD))
    res = run_module("cloud_db_info", {"db_properties": db_properties(tmp_path)})
    assert res.rc == 1 and "Access denied" in res["msg"] and "********" in res["msg"]
    assert PASSWORD not in res["_stdout"]


def test_a_missing_table_names_the_query(db):
    lib = db(missing={cloud_db.QUERIES["management_servers"]: "mshost"})
    res = run_module("cloud_db_info", {})
    assert res.rc == 1
    assert res["msg"].startswith("Reading management_servers failed: ") and "mshost" in res["msg"] and "CloudStack's database" in res["msg"]
    assert lib.conn.closed


def assert_doc_matches(name, spec):
    """ansible-doc renders the module; its options are the argument spec's (type, default, choices, no_log ones documented)."""
    doc = ansible_doc("module", "csops.cloudstack." + name)
    options = doc["doc"]["options"]
    assert set(options) == set(spec)
    for option, s in spec.items():
        d = options[option]
        assert d.get("type", "str") == s.get("type", "str"), option
        assert d.get("default") == s.get("default"), option
        assert d.get("choices") == s.get("choices"), option
        assert d.get("description"), option
    assert doc["examples"] and doc["return"]
    return doc


def test_documentation_renders_and_matches_the_argument_spec():
    spec = cloud_db_info.argument_spec()
    assert spec["login_password"]["no_log"] is True
    doc = assert_doc_matches("cloud_db_info", spec)
    assert set(doc["return"]) >= {"schema_version", "management_servers", "hosts_by_status", "routing_hosts", "stuck_jobs", "ha_work_stuck",
                                  "systemvm_templates", "mysql_variables", "mysql_checks", "grants", "all_privileges", "connection"}
