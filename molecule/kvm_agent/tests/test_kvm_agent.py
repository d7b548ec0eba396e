"""What the kvm_agent role promises: libvirt on tcp 16509, qemu.conf, bridges, the agent and its properties."""


def test_libvirtd_conf_keeps_the_role_settings_addhost_does_not_touch(host):
    # before addHost the role set listen_tcp/auth_tcp (the converge's libvirt-python check used them over
    # qemu+tcp); cloudstack-setup-agent -s (side_effect) then switched to TLS: see test_after_add.py
    conf = host.file("/etc/libvirt/libvirtd.conf").content_string.splitlines()
    assert 'tcp_port = "16509"' in conf and 'auth_tcp = "none"' in conf and "mdns_adv = 0" in conf


def test_libvirt_tcp_socket_and_remote_answer(host):
    assert host.service("libvirtd-tcp.socket").is_enabled
    assert host.socket("tcp://0.0.0.0:16509").is_listening or host.socket("tcp://:::16509").is_listening
    out = host.check_output("virsh -c qemu+tcp://10.89.0.41/system uri")
    assert out == "qemu+tcp://10.89.0.41/system"


def test_qemu_conf(host):
    conf = host.file("/etc/libvirt/qemu.conf").content_string.splitlines()
    assert 'vnc_listen = "0.0.0.0"' in conf


def test_bridges(host):
    br0 = host.interface("cloudbr0")
    assert br0.exists and "192.168.100.41" in br0.addresses
    assert host.interface("cloudbr1").exists
    assert host.file("/sys/class/net/cloudbr0/bridge").is_directory


def test_agent_installed_and_properties(host):
    assert host.package("cloudstack-agent").is_installed
    props = host.file("/etc/cloudstack/agent/agent.properties").content_string.splitlines()
    assert "guest.cpu.mode=host-model" in props
    assert "resource=com.cloud.hypervisor.kvm.resource.LibvirtComputingResource" in props
