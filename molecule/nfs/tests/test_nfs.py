"""What the nfs role promises: the exports, seen over NFS from outside the host; root can write to secondary."""
import subprocess
import uuid

NFS_IP = "10.89.0.31"


def test_ganesha_running(host):
    assert host.service("nfs-ganesha").is_enabled
    assert host.service("nfs-ganesha").is_running


def test_config_has_exports_with_no_root_squash(host):
    conf = host.file("/etc/ganesha/ganesha.conf").content_string
    assert "Path = /export/primary;" in conf and "Path = /export/secondary;" in conf
    assert conf.count("Squash = No_Root_Squash;") == 2
    assert "MNT_Port = 892;" in conf


def test_idmapd_domain(host):
    assert "Domain = csops.test" in host.file("/etc/idmapd.conf").content_string


def test_showmount_lists_both_exports(host):
    out = host.check_output("showmount -e 127.0.0.1")
    assert "/export/primary" in out and "/export/secondary" in out


def test_mountd_on_static_port(host):
    assert host.socket("tcp://0.0.0.0:892").is_listening or host.socket("tcp://:::892").is_listening


def test_exports_seen_from_outside_and_root_can_write_secondary(host, tmp_path):
    ls = subprocess.run(["nfs-ls", f"nfs://{NFS_IP}/export/primary"], capture_output=True, text=True, timeout=30)
    assert ls.returncode == 0, ls.stderr
    name = f"probe-{uuid.uuid4().hex[:8]}"
    src = tmp_path / name
    src.write_text("written as root over NFS\n")
    cp = subprocess.run(["nfs-cp", str(src), f"nfs://{NFS_IP}/export/secondary/{name}"], capture_output=True, text=True, timeout=30)
    assert cp.returncode == 0, cp.stderr
    f = host.file(f"/export/secondary/{name}")
    assert f.exists and f.user == "root" and f.content_string == "written as root over NFS\n"
