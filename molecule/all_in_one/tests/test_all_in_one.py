"""The whole cloud on one host, installed by playbooks/install.yml, re-run without harm."""
import subprocess


def sql(host, query):
    return host.check_output("mysql --batch --skip-column-names cloud -e %s", query)


def test_rerun_kept_the_data(host):
    assert sql(host, "SELECT value FROM configuration WHERE name = 'csops.rerun.marker'") == "kept"


def test_database_settings(host):
    out = host.check_output("mysql --batch --skip-column-names -e %s", "SELECT @@max_connections, @@binlog_format, @@bind_address")
    assert out.split() == ["350", "ROW", "127.0.0.1"]


def test_api_answers_401(host):
    code = host.check_output("python3 -c %s", "import urllib.request as u,urllib.error as e\ntry: u.urlopen('http://127.0.0.1:8080/client/api')\n"
                             "except e.HTTPError as x: print(x.code)")
    assert code == "401"
    assert host.service("cloudstack-management").is_enabled


def test_system_vm_template_seeded_for_the_db_template_id(host):
    tid = sql(host, "SELECT MAX(id) FROM vm_template WHERE type='SYSTEM' AND hypervisor_type='KVM'")
    props = host.file(f"/export/secondary/template/tmpl/1/{tid}/template.properties")
    assert props.exists and f"id={tid}" in props.content_string.splitlines()


def test_exports_seen_by_the_kvm_host(host):
    out = host.check_output("showmount -e 10.89.0.10")
    assert "/export/primary" in out and "/export/secondary" in out


def test_nfs_closed_to_hosts_outside_the_cloud(host):
    # this machine (10.89.0.1) is neither a hypervisor nor a management server: the firewall drops it
    try:
        ls = subprocess.run(["nfs-ls", "nfs://10.89.0.10/export/secondary"], capture_output=True, text=True, timeout=8)
        assert ls.returncode != 0
    except subprocess.TimeoutExpired:
        pass


def test_libvirt_tcp_and_agent(host):
    assert host.check_output("virsh -c qemu+tcp://10.89.0.10/system uri") == "qemu+tcp://10.89.0.10/system"
    assert host.package("cloudstack-agent").is_installed


def test_firewall_has_every_role(host):
    rules = host.check_output("nft list table inet cloudstack")
    for port in ("8080", "8250", "9090", "3306", "2049", "16509", "5900-6100"):
        assert f"dport {port} accept" in rules, port
    assert "tcp dport 8096 drop" in rules
