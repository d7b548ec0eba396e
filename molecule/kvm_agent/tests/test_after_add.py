"""After addHost (side_effect) the role's re-run left what cloudstack-setup-agent changed."""


def test_libvirt_stays_on_tls_after_the_host_was_added(host):
    conf = host.file("/etc/libvirt/libvirtd.conf").content_string.splitlines()
    assert "listen_tls = 1" in conf and "listen_tcp = 0" in conf
    assert 'auth_tls = "none"' in conf


def test_registration_kept(host):
    props = host.file("/etc/cloudstack/agent/agent.properties").content_string.splitlines()
    assert "guid=6f5e0b7c-csops-test-host" in props
    assert "host=10.89.0.21" in props and "zone=1" in props and "cluster=1" in props
    assert "guest.cpu.mode=host-model" in props  # the role's own key is still there
