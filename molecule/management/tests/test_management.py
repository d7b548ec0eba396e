"""What the management role promises: database deployed once, db.properties and key, Java, service, usage, API 401."""
import json


def sql(host, query, db="cloud"):
    return host.check_output("mysql --batch --skip-column-names %s -e %s", db, query)


def test_repository_is_deb822_with_key(host):
    src = host.file("/etc/apt/sources.list.d/cloudstack.sources").content_string
    assert "Components: 4.20" in src and "Signed-By:" in src and "Suites: bookworm" in src


def test_java_pinned(host):
    assert "java-17-openjdk" in host.check_output("readlink -f /etc/alternatives/java")


def test_db_properties(host):
    f = host.file("/etc/cloudstack/management/db.properties")
    assert f.mode == 0o640 and f.group == "cloud"
    props = dict(line.split("=", 1) for line in f.content_string.splitlines() if "=" in line and not line.startswith("#"))
    assert props["db.cloud.host"] == "localhost"
    assert props["db.cloud.username"] == "cloud"
    assert props["db.cloud.password"].startswith("ENC(")  # never the plain password
    assert props["db.cloud.encryption.type"] == "file"
    assert props["cluster.node.IP"] == "10.89.0.21"
    key = host.file("/etc/cloudstack/management/key")
    assert key.mode == 0o640 and key.content_string.strip() == "molecule-management-key"


def test_cloud_database_deployed(host):
    assert int(sql(host, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='cloud'")) > 0
    assert sql(host, "SELECT version FROM version").strip().startswith("4.20")


def test_jvm_heap(host):
    assert "-Xmx1G" in host.file("/etc/default/cloudstack-management").content_string


def test_management_service_enabled_and_api_answers_401(host):
    svc = host.service("cloudstack-management")
    assert svc.is_enabled and svc.is_running
    out = host.run("python3 -c %s", "import urllib.request,urllib.error\ntry: urllib.request.urlopen('http://127.0.0.1:8080/client/api?command=listZones&response=json')\n"
                   "except urllib.error.HTTPError as e: print(e.code); print(e.read().decode())")
    code, body = out.stdout.split("\n", 1)
    assert code == "401"
    assert "unable to verify user credentials" in json.loads(body)["listzonesresponse"]["errortext"]


def test_usage_linked_and_running(host):
    assert host.file("/etc/cloudstack/usage/db.properties").linked_to == "/etc/cloudstack/management/db.properties"
    assert host.file("/etc/cloudstack/usage/key").linked_to == "/etc/cloudstack/management/key"
    assert host.service("cloudstack-usage").is_running


def test_packages_are_the_doubles_here(host):
    # the scenario runs on the stand-in packages; make sure that is what is installed
    assert host.package("cloudstack-management").version.endswith("standin1")
