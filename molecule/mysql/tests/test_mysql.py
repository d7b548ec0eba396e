"""What the mysql role promises, checked as an operator would (SHOW VARIABLES, users, grants)."""


def sql(host, query):
    out = host.check_output("mysql --batch --skip-column-names -e %s", query)
    return out


def variables(host):
    rows = sql(host, "SHOW GLOBAL VARIABLES").splitlines()
    return dict(row.split("\t", 1) if "\t" in row else (row, "") for row in rows)


def test_service_enabled_and_running(host):
    svc = host.service("mariadb")
    assert svc.is_enabled and svc.is_running


def test_cloudstack_settings_in_effect(host):
    v = variables(host)
    assert v["innodb_rollback_on_timeout"] == "ON"
    assert v["innodb_lock_wait_timeout"] == "600"
    assert v["max_connections"] == "350"  # one management server in the inventory (none here: at least one)
    assert v["log_bin"] == "ON"
    assert v["binlog_format"] == "ROW"
    assert v["server_id"] == "1"
    assert v["sql_mode"] == "STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"
    assert "ONLY_FULL_GROUP_BY" not in v["sql_mode"]


def test_local_only_without_remote_management(host):
    assert variables(host)["bind_address"] == "127.0.0.1"
    assert host.socket("tcp://127.0.0.1:3306").is_listening


def test_cloud_user_and_databases(host):
    users = sql(host, "SELECT CONCAT(user, '@', host) FROM mysql.user WHERE user = 'cloud' ORDER BY host").split()
    assert users == ["cloud@%", "cloud@localhost"]
    grants = sql(host, "SHOW GRANTS FOR 'cloud'@'localhost'")
    assert "`cloud`.*" in grants and "`cloud_usage`.*" in grants and "PROCESS ON *.*" in grants
    dbs = sql(host, "SHOW DATABASES").split()
    assert "cloud" in dbs and "cloud_usage" in dbs


def test_cloud_user_logs_in_with_its_password(host):
    cmd = host.run("mysql -ucloud -pmolecule-cloud-pw -h 127.0.0.1 -e 'SELECT 1' cloud")
    assert cmd.rc == 0, cmd.stderr
    bad = host.run("mysql -ucloud -pwrong -h 127.0.0.1 -e 'SELECT 1' cloud")
    assert bad.rc != 0


def test_remote_root_with_password(host):
    hosts = sql(host, "SELECT host FROM mysql.user WHERE user = 'root'").split()
    assert "10.89.0.%" in hosts


def test_pymysql_present(host):
    assert host.package("python3-pymysql").is_installed
