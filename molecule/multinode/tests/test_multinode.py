"""db, two management servers behind the load balancer, nfs and two KVM hosts, installed by install.yml."""
import time

import pytest
import testinfra
from ops_helpers import api_code


@pytest.fixture(scope="module")
def hosts(request):
    inv = request.config.option.ansible_inventory
    return {n: testinfra.get_host(f"ansible://{n}", ansible_inventory=inv) for n in ("db", "mgmt1", "mgmt2", "lb", "nfs", "kvm1", "kvm2")}


testinfra_hosts = ["ansible://db"]


def test_rerun_kept_the_data(hosts):
    db = hosts["db"]
    assert db.check_output("mysql --batch --skip-column-names cloud -e %s",
                           "SELECT value FROM configuration WHERE name = 'csops.rerun.marker'") == "kept"


def test_mysql_sized_for_two_management_servers_and_remote(hosts):
    out = hosts["db"].check_output("mysql --batch --skip-column-names -e %s", "SELECT @@max_connections, @@bind_address, @@server_id")
    assert out.split() == ["700", "0.0.0.0", "1"]


@pytest.mark.parametrize("name,ip", [("mgmt1", "10.89.0.21"), ("mgmt2", "10.89.0.22")])
def test_management_servers_use_the_remote_db(hosts, name, ip):
    h = hosts[name]
    props = h.file("/etc/cloudstack/management/db.properties").content_string.splitlines()
    assert "db.cloud.host=db" in props and f"cluster.node.IP={ip}" in props
    assert h.service("cloudstack-management").is_enabled and h.service("cloudstack-management").is_running
    assert api_code(h, "127.0.0.1") == "401"


def test_only_one_database_deploy(hosts):
    # the second server joined without --deploy-as: the cloud user still has its password and the schema is intact
    assert int(hosts["db"].check_output("mysql --batch --skip-column-names -e %s",
                                        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='cloud'")) > 0


def test_api_through_the_load_balancer_even_with_one_server_stopped(hosts):
    lb, mgmt1 = hosts["lb"], hosts["mgmt1"]
    assert api_code(lb, "127.0.0.1") == "401"
    mgmt1.run("systemctl stop cloudstack-management")
    try:
        # at once (redispatch) and after the health checks marked it down (3 x 2 s)
        assert {api_code(lb, "127.0.0.1") for _ in range(6)} == {"401"}
        time.sleep(7)
        assert {api_code(lb, "127.0.0.1") for _ in range(6)} == {"401"}
    finally:
        mgmt1.run("systemctl start cloudstack-management")


@pytest.mark.parametrize("kvm", ["kvm1", "kvm2"])
def test_exports_seen_from_kvm_hosts(hosts, kvm):
    out = hosts[kvm].check_output("showmount -e nfs")
    assert "/export/primary" in out and "/export/secondary" in out


@pytest.mark.parametrize("kvm", ["10.89.0.41", "10.89.0.42"])
def test_libvirt_reachable_from_a_management_server(hosts, kvm):
    probe = "import socket; socket.create_connection(('%s', 16509), timeout=5).close(); print('ok')" % kvm
    assert hosts["mgmt1"].check_output("python3 -c %s", probe) == "ok"


def test_libvirt_closed_to_the_load_balancer(hosts):
    probe = "import socket\ntry: socket.create_connection(('10.89.0.41', 16509), timeout=3).close(); print('open')\nexcept OSError: print('closed')"
    assert hosts["lb"].check_output("python3 -c %s", probe) == "closed"


def test_db_closed_to_kvm_hosts(hosts):
    probe = "import socket\ntry: socket.create_connection(('10.89.0.11', 3306), timeout=3).close(); print('open')\nexcept OSError: print('closed')"
    assert hosts["kvm1"].check_output("python3 -c %s", probe) == "closed"


def test_agent_properties_and_bridges(hosts):
    for name in ("kvm1", "kvm2"):
        h = hosts[name]
        assert h.file("/etc/cloudstack/agent/agent.properties").contains("^resource=com.cloud.hypervisor.kvm.resource.LibvirtComputingResource")
        assert h.interface("cloudbr0").exists and h.interface("cloudbr1").exists


def test_chrony_everywhere(hosts):
    for h in hosts.values():
        assert h.service("chrony").is_running
