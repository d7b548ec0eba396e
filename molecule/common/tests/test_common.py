"""What the common role promises: FQDN, chrony, ip_forward persisted, a firewall that keeps ssh and 8096 as promised."""


def test_fqdn(host):
    assert host.check_output("hostname --fqdn") == "mgmt1.csops.test"
    assert "10.89.0.21 mgmt1.csops.test mgmt1" in host.file("/etc/hosts").content_string


def test_chrony_running(host):
    svc = host.service("chrony")
    assert svc.is_enabled and svc.is_running
    assert host.run("chronyc -n tracking").rc == 0


def test_ip_forward_persisted(host):
    assert "net.ipv4.ip_forward=1" in host.file("/etc/sysctl.d/60-cloudstack.conf").content_string.replace(" ", "")
    assert host.file("/proc/sys/net/ipv4/ip_forward").content_string.strip() == "1"


def test_firewall_rules_loaded(host):
    rules = host.check_output("nft list table inet cloudstack")
    assert "policy drop" in rules
    assert "tcp dport 22 accept" in rules and "0.0.0.0/0" in rules
    assert "tcp dport 8096 drop" in rules
    # management server: UI/API only from the admin subnet, 9090 only from management peers
    assert "ip saddr 10.89.0.0/24 tcp dport 8080 accept" in rules
    assert "ip saddr 10.89.0.21 tcp dport 9090 accept" in rules
    assert "3306" not in rules and "16509" not in rules
    assert host.service("nftables").is_enabled


def test_ssh_still_reachable(host):
    # this very test runs over ssh after the firewall was applied
    assert host.run("true").rc == 0
