"""kvm_host_info against fixture files (cpuinfo, mounts, libvirtd.conf, agent.properties) and a fake `libvirt`
module injected in sys.modules: what it reads with and without libvirt-python, the NFS pools against the mounts, the
TCP/TLS ports of libvirtd (a real listener on loopback for one, a closed port for the other), the secrets of
agent.properties never returned, check mode the same, bad input a clear error, and the documentation ansible-doc renders
matching the argument spec."""
import json
import pathlib
import socket
import sys
import types

import pytest
from ansible_collections.csops.cloudstack.plugins.module_utils import kvm_host
from ansible_collections.csops.cloudstack.plugins.modules import kvm_host_info

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "integration"))
from harness import run_module  # noqa: E402

FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures" / "kvm_host"
NFS_POOL = "2b6c2c8e-7d43-3c2f-9a77-6f1c8d1e0a11"
UNMOUNTED_POOL = "5e5e5e5e-0000-3c2f-9a77-6f1c8d1e0a11"


def pool_xml(name, kind, target, host=None, path=None):
    source = '<host name="%s"/><dir path="%s"/>' % (host, path) if host else ""
    return '<pool type="%s"><name>%s</name><source>%s</source><target><path>%s</path></target></pool>' % (kind, name, source, target)


class FakeLibvirtError(Exception):
    pass


class FakeDomain:
    def __init__(self, name, state):
        self._name, self._state = name, state

    def name(self):
        return self._name

    def UUIDString(self):  # noqa: N802 - libvirt's name
        return "uuid-" + self._name

    def state(self):
        return [self._state, 1]


class FakePool:
    def __init__(self, name, kind, target, info, host=None, path=None):
        self._name, self._xml, self._info = name, pool_xml(name, kind, target, host, path), info

    def name(self):
        return self._name

    def UUIDString(self):  # noqa: N802 - libvirt's name
        return self._name

    def XMLDesc(self, flags):  # noqa: N802 - libvirt's name
        assert flags == 0
        return self._xml

    def info(self):
        return self._info


class FakeConn:
    def __init__(self, lib):
        self.lib = lib

    def listAllDomains(self, flags):  # noqa: N802 - libvirt's name
        return [FakeDomain("i-2-42-VM", 1), FakeDomain("s-1-VM", 1), FakeDomain("i-2-43-VM", 5)]

    def listAllStoragePools(self, flags):  # noqa: N802 - libvirt's name
        return [FakePool(NFS_POOL, "netfs", "/mnt/" + NFS_POOL, [2, 500, 100, 400], "10.0.0.5", "/export/primary"),
                FakePool(UNMOUNTED_POOL, "netfs", "/mnt/" + UNMOUNTED_POOL, [4, 0, 0, 0], "10.0.0.6", "/export/p2"),
                FakePool("local", "dir", "/var/lib/libvirt/images", [2, 1000, 10, 990])]

    def getLibVersion(self):  # noqa: N802 - libvirt's name
        return 8000000

    def getVersion(self):  # noqa: N802 - libvirt's name
        return 6002000

    def close(self):
        self.lib.closed += 1


def fake_libvirt(refuse=()):
    lib = types.ModuleType("libvirt")
    lib.libvirtError = FakeLibvirtError
    lib.opened, lib.closed = [], 0

    def open_read_only(uri):
        lib.opened.append(uri)
        if uri in refuse:
            raise FakeLibvirtError("Failed to connect socket to '/var/run/libvirt/libvirt-sock': No such file or directory")
        return FakeConn(lib)

    def open_read_write(uri):
        raise AssertionError("the module must open libvirt read-only")

    lib.openReadOnly = open_read_only
    lib.open = open_read_write
    lib.getVersion = lambda: 8000000
    return lib


@pytest.fixture
def listener():
    """A TCP port that accepts (libvirtd's TCP port stand-in) and one that refuses."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    refused = closed.getsockname()[1]
    closed.close()
    yield srv.getsockname()[1], refused
    srv.close()


@pytest.fixture
def host(tmp_path, listener):
    tcp, tls = listener
    conf = (FIXTURES / "libvirtd.conf").read_text().replace("@TCP_PORT@", str(tcp)).replace("@TLS_PORT@", str(tls))
    (tmp_path / "libvirtd.conf").write_text(conf)
    proc = tmp_path / "proc"
    proc.mkdir()
    for name in ("cpuinfo", "mounts"):
        (proc / name).write_text((FIXTURES / name).read_text())
    (tmp_path / "kvm").write_text("")
    return {"proc_root": str(proc), "kvm_device": str(tmp_path / "kvm"), "libvirtd_conf": str(tmp_path / "libvirtd.conf"),
            "agent_properties": str(FIXTURES / "agent.properties"), "address": "127.0.0.1", "connect_timeout": 2,
            "tcp": tcp, "tls": tls}


def args_of(host, **extra):
    out = {k: v for k, v in host.items() if k not in ("tcp", "tls")}
    out.update(extra)
    return out


def test_without_libvirt_python_the_files_are_read_and_a_warning_given(host, monkeypatch):
    monkeypatch.setattr(kvm_host, "libvirt", None)
    res = run_module("kvm_host_info", args_of(host))
    assert res.rc == 0 and res["changed"] is False, res.get("msg")
    assert res["libvirt_python"] is False
    assert any("libvirt-python is not installed" in w for w in res["warnings"])
    assert res["hardware_virtualization"] == {"vmx": True, "svm": False, "supported": True, "cpus": 2,
                                              "model_name": "Intel(R) Xeon(R) Silver 4214 CPU @ 2.20GHz", "kvm_device": True}
    conf = res["libvirtd_conf"]
    assert (conf["listen_tls"], conf["listen_tcp"], conf["auth_tcp"], conf["mdns_adv"], conf["exists"]) == (0, 1, "none", 0, True)
    assert conf["tcp_port"] == host["tcp"] and conf["listen_addr"] is None
    assert res["nfs_mounts"] == [
        {"source": "10.0.0.5:/export/primary", "mountpoint": "/mnt/" + NFS_POOL, "fstype": "nfs4",
         "options": "rw,relatime,vers=4.1,rsize=1048576,wsize=1048576,hard,proto=tcp"},
        {"source": "10.0.0.5:/export/secondary share", "mountpoint": "/mnt/SecStorage/abc", "fstype": "nfs", "options": "rw,relatime,vers=3"}]
    agent = res["agent_properties"]
    assert (agent["host"], agent["zone"], agent["pod"], agent["cluster"], agent["guid"]) == (
        "10.0.0.11,10.0.0.12@static", "1", "1", "1", "0b6c4a7e-2d1f-3e55-8c9b-1a2b3c4d5e6f")
    assert agent["hypervisor_type"] == "kvm" and agent["exists"] is True and agent["readable"] is True
    # the secret of agent.properties is nowhere in the result
    assert "KeyStoreSecret123" not in res["_stdout"] and "keystore" not in json.dumps(agent)
    assert res["domains"] is None and res["storage_pools"] is None
    assert res["libvirt"]["answers"] is None and res["libvirt"]["python_version"] is None
    # the ports are tried without libvirt too: TCP accepts, TLS refuses
    remote = res["libvirt_remote"]
    assert remote["address"] == "127.0.0.1"
    assert remote["tcp"] == {"port": host["tcp"], "open": True, "answers": None, "error": None}
    assert remote["tls"]["open"] is False and remote["tls"]["error"] and remote["tls"]["answers"] is None


def test_with_libvirt_domains_pools_versions_and_remote_connections(host, monkeypatch):
    lib = fake_libvirt()
    monkeypatch.setitem(sys.modules, "libvirt", lib)
    monkeypatch.setattr(kvm_host, "libvirt", lib)
    res = run_module("kvm_host_info", args_of(host))
    assert res.rc == 0, res.get("msg")
    assert res["libvirt_python"] is True and not res["warnings"]
    assert res["libvirt"] == {"uri": "qemu:///system", "python_version": "8.0.0", "daemon_version": "8.0.0",
                              "hypervisor_version": "6.2.0", "answers": True, "error": None}
    assert res["domains"] == [{"name": "i-2-42-VM", "uuid": "uuid-i-2-42-VM", "state": "running"},
                              {"name": "s-1-VM", "uuid": "uuid-s-1-VM", "state": "running"},
                              {"name": "i-2-43-VM", "uuid": "uuid-i-2-43-VM", "state": "shutoff"}]
    pools = {p["name"]: p for p in res["storage_pools"]}
    assert pools[NFS_POOL] == {"name": NFS_POOL, "uuid": NFS_POOL, "state": "running", "type": "netfs", "target_path": "/mnt/" + NFS_POOL,
                               "source_host": "10.0.0.5", "source_path": "/export/primary", "capacity": 500, "available": 400,
                               "mounted": True}
    assert pools[UNMOUNTED_POOL]["mounted"] is False and pools[UNMOUNTED_POOL]["state"] == "inaccessible"
    assert pools["local"]["mounted"] is None and pools["local"]["type"] == "dir"
    # local connection, then TCP (open port) read-only; TLS refused at the port: no libvirt connection tried
    assert lib.opened == ["qemu:///system", "qemu+tcp://127.0.0.1/system"]
    assert lib.closed == 2
    assert res["libvirt_remote"]["tcp"]["answers"] is True and res["libvirt_remote"]["tls"]["answers"] is None
    # check mode reads the same
    again = run_module("kvm_host_info", args_of(host), check=True)
    for key in ("hardware_virtualization", "domains", "storage_pools", "libvirt", "libvirtd_conf", "agent_properties"):
        assert again[key] == res[key], key


def test_libvirtd_not_answering_is_reported_not_a_failure(host, monkeypatch):
    lib = fake_libvirt(refuse=("qemu:///system",))
    monkeypatch.setattr(kvm_host, "libvirt", lib)
    res = run_module("kvm_host_info", args_of(host, check_ports=False))
    assert res.rc == 0, res.get("msg")
    assert res["libvirt"]["answers"] is False and "libvirt-sock" in res["libvirt"]["error"]
    assert res["domains"] is None and res["storage_pools"] is None
    # check_ports false: nothing tried
    assert res["libvirt_remote"]["tcp"] == {"port": host["tcp"], "open": None, "answers": None, "error": None}
    assert lib.opened == ["qemu:///system"]


def test_missing_files_and_no_virtualization(tmp_path, monkeypatch):
    monkeypatch.setattr(kvm_host, "libvirt", None)
    proc = tmp_path / "proc"
    proc.mkdir()
    (proc / "cpuinfo").write_text("processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse2 lm\n")
    res = run_module("kvm_host_info", {"proc_root": str(proc), "kvm_device": str(tmp_path / "no-kvm"), "libvirtd_conf": str(tmp_path / "none.conf"),
                                       "agent_properties": str(tmp_path / "none.properties"), "check_ports": False})
    assert res.rc == 0, res.get("msg")
    assert res["hardware_virtualization"] == {"vmx": False, "svm": False, "supported": False, "cpus": 1, "model_name": "AMD EPYC",
                                              "kvm_device": False}
    assert res["libvirtd_conf"]["exists"] is False and res["libvirtd_conf"]["readable"] is False and res["libvirtd_conf"]["listen_tcp"] is None
    assert res["agent_properties"]["exists"] is False and res["agent_properties"]["host"] is None
    assert res["nfs_mounts"] == []
    # no agent.properties host and no address: loopback
    assert res["libvirt_remote"]["address"] == "127.0.0.1"


def test_svm_and_address_towards_the_management_server(tmp_path):
    assert kvm_host.cpuinfo("flags\t: fpu svm lm\n")["svm"] is True
    assert kvm_host.local_address("127.0.0.1") == "127.0.0.1"
    assert kvm_host.local_address("") is None
    assert kvm_host.version_text(10002003) == "10.2.3" and kvm_host.version_text(0) is None


@pytest.mark.parametrize("args, message", [
    ({"connect_timeout": 0}, "connect_timeout must be a positive number of seconds, got 0"),
    ({"connect_timeout": -1.5}, "connect_timeout must be a positive number of seconds, got -1.5"),
    ({"libvirt_uri": ""}, "libvirt_uri must not be empty"),
    ({"check_ports": "sometimes"}, "check_ports"),
])
def test_bad_input_is_a_clear_error(args, message):
    res = run_module("kvm_host_info", args)
    assert res.rc == 1 and message in res["msg"], res.get("msg")


def test_documentation_renders_and_matches_the_argument_spec():
    from test_cloud_db_info import assert_doc_matches

    assert_doc_matches("kvm_host_info", kvm_host_info.argument_spec())


def test_not_in_the_api_action_group():
    import yaml

    runtime = yaml.safe_load((pathlib.Path(__file__).resolve().parents[2] / "meta" / "runtime.yml").read_text())
    assert "kvm_host_info" not in runtime["action_groups"]["cloudstack"]


def test_a_directory_in_place_of_agent_properties_is_there_but_not_readable(tmp_path):
    agent = run_module("kvm_host_info", {"agent_properties": str(tmp_path), "check_ports": False})["agent_properties"]
    assert (agent["exists"], agent["readable"], agent["host"]) == (True, False, None)
