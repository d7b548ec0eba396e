def test_systemd(host):
    assert host.service("ssh").is_running
