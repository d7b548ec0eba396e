# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A KVM host of CloudStack, read on the host (module kvm_host_info): hardware virtualization (H15), libvirt and how
it listens (H9), domains, storage pools and whether NFS primary storage is mounted (H17), and the cloudstack-agent's
agent.properties (which zone/pod/cluster and management server the host belongs to).

Read-only throughout: files are read, libvirt is opened read-only (virConnectOpenReadOnly), the TCP/TLS ports are
only connected to and closed. Without libvirt-python the files are still read and the rest is null, with a warning.
"""
from __future__ import annotations

import os
import re
import socket
import xml.etree.ElementTree as ET

from ansible.module_utils.basic import AnsibleModule

from .properties import parse_properties

try:
    import libvirt
except ImportError:  # the module works without it (files only)
    libvirt = None

DOMAIN_STATES = {0: "nostate", 1: "running", 2: "blocked", 3: "paused", 4: "shutdown", 5: "shutoff", 6: "crashed", 7: "pmsuspended"}
POOL_STATES = {0: "inactive", 1: "building", 2: "running", 3: "degraded", 4: "inaccessible"}
# libvirtd's own defaults (libvirtd.conf comments): tcp 16509, tls 16514
DEFAULT_PORTS = {"tcp": 16509, "tls": 16514}
LIBVIRTD_KEYS = ("listen_tcp", "listen_tls", "tcp_port", "tls_port", "listen_addr", "auth_tcp", "auth_tls", "mdns_adv")
# agent.properties keys returned; anything else (keystore.passphrase, ...) never is
AGENT_KEYS = ("host", "port", "zone", "pod", "cluster", "guid", "resource", "hypervisor.type", "private.network.device",
              "public.network.device", "guest.network.device", "local.storage.uuid", "local.storage.path")
CONF_LINE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$")
WARN_NO_LIBVIRT = ("libvirt-python is not installed: the libvirt version, domains, storage pools and the libvirt connections are not read "
                   "(install python3-libvirt or libvirt-python where the module runs)")


class HostInfoError(Exception):
    pass


def read(path):
    """The file's text, or None when it is not there / not readable."""
    try:
        with open(path) as fh:
            return fh.read()
    except OSError:
        return None


def cpuinfo(text):
    """H15: vmx (Intel VT-x) or svm (AMD-V) among the CPU flags."""
    flags, cpus, model = set(), 0, None
    for line in (text or "").splitlines():
        key, _sep, value = line.partition(":")
        key = key.strip().lower()
        if key == "processor":
            cpus += 1
        elif key in ("flags", "features"):
            flags.update(value.split())
        elif key == "model name" and model is None:
            model = value.strip()
    return {"vmx": "vmx" in flags, "svm": "svm" in flags, "supported": bool(flags & {"vmx", "svm"}), "cpus": cpus, "model_name": model}


def unescape_mount(field):
    """/proc/mounts writes space, tab, newline and backslash as octal escapes (\\040 ...)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def mounts(text):
    out = []
    for line in (text or "").splitlines():
        parts = line.split()
        if len(parts) >= 4:
            out.append({"source": unescape_mount(parts[0]), "mountpoint": unescape_mount(parts[1]), "fstype": parts[2], "options": parts[3]})
    return out


def libvirtd_conf(text):
    """The listening settings of libvirtd.conf (key = value; # comments; strings quoted), null when not set."""
    values = {}
    for line in (text or "").splitlines():
        m = CONF_LINE.match(line.split("#", 1)[0])
        if m and m.group(1) in LIBVIRTD_KEYS:
            value = m.group(2).strip().strip('"')
            values[m.group(1)] = int(value) if value.lstrip("-").isdigit() else value
    return {k: values.get(k) for k in LIBVIRTD_KEYS}


def agent_properties(text):
    props = parse_properties(text)
    return {k.replace(".", "_"): props.get(k) for k in AGENT_KEYS}


def version_text(number):
    """libvirt's versions are major * 1000000 + minor * 1000 + release."""
    if not number:
        return None
    return "%d.%d.%d" % (number // 1000000, number // 1000 % 1000, number % 1000)


def local_address(target):
    """The address this host uses towards target (a UDP socket's connect sends nothing), else None."""
    if not target:
        return None
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect((target, 8250))
            return s.getsockname()[0]
    except OSError:
        return None


def port_open(address, port, timeout):
    try:
        with socket.create_connection((address, port), timeout=timeout):
            return True, None
    except OSError as exc:
        return False, exc.strerror or str(exc)


def open_libvirt(uri):
    """(read-only connection, None) or (None, error text)."""
    try:
        conn = libvirt.openReadOnly(uri)
    except libvirt.libvirtError as exc:
        return None, str(exc)
    if conn is None:
        return None, "libvirt returned no connection for %s" % uri
    return conn, None


def pool_info(pool, mounted_at):
    root = ET.fromstring(pool.XMLDesc(0))
    state, capacity, _allocation, available = pool.info()
    kind = root.get("type")
    target = root.findtext("target/path")
    host = root.find("source/host")
    info = {"name": pool.name(), "uuid": pool.UUIDString(), "state": POOL_STATES.get(state, str(state)), "type": kind,
            "target_path": target, "source_host": host.get("name") if host is not None else None,
            "source_path": root.find("source/dir").get("path") if root.find("source/dir") is not None else None,
            "capacity": capacity, "available": available, "mounted": None}
    if kind == "netfs":
        info["mounted"] = any(m["mountpoint"] == target and m["fstype"].startswith("nfs") for m in mounted_at)
    return info


def read_libvirt(conn, mounted_at):
    domains = [{"name": d.name(), "uuid": d.UUIDString(), "state": DOMAIN_STATES.get(d.state()[0], str(d.state()[0]))}
               for d in conn.listAllDomains(0)]
    pools = [pool_info(p, mounted_at) for p in conn.listAllStoragePools(0)]
    return {"daemon_version": version_text(conn.getLibVersion()), "hypervisor_version": version_text(conn.getVersion())}, domains, pools


def remote(address, conf, params):
    """H9: libvirtd on TCP and TLS as another host / the management server reaches it (port, then a read-only connect)."""
    out = {"address": address}
    for kind in ("tcp", "tls"):
        port = conf.get("%s_port" % kind) or DEFAULT_PORTS[kind]
        entry = {"port": port, "open": None, "answers": None, "error": None}
        if params["check_ports"]:
            entry["open"], entry["error"] = port_open(address, port, params["connect_timeout"])
            if entry["open"] and libvirt is not None:
                conn, entry["error"] = open_libvirt("qemu+%s://%s/system" % (kind, address))
                entry["answers"] = conn is not None
                if conn is not None:
                    conn.close()
        out[kind] = entry
    return out


def gather(params):
    if params["connect_timeout"] <= 0:
        raise HostInfoError("connect_timeout must be a positive number of seconds, got %s" % params["connect_timeout"])
    if not params["libvirt_uri"]:
        raise HostInfoError("libvirt_uri must not be empty")
    warnings = []
    cpu = cpuinfo(read(os.path.join(params["proc_root"], "cpuinfo")))
    cpu["kvm_device"] = os.path.exists(params["kvm_device"])
    mounted_at = mounts(read(os.path.join(params["proc_root"], "mounts")))
    conf_text = read(params["libvirtd_conf"])
    conf = libvirtd_conf(conf_text)
    agent_text = read(params["agent_properties"])
    agent = agent_properties(agent_text)
    out = {
        "hardware_virtualization": cpu,
        "libvirt_python": libvirt is not None,
        "libvirtd_conf": dict(conf, path=params["libvirtd_conf"], exists=os.path.exists(params["libvirtd_conf"]), readable=conf_text is not None),
        # H8's remedy is chmod 644 of the agent's configuration: a file there but not readable is told apart
        "agent_properties": dict(agent, path=params["agent_properties"], exists=os.path.exists(params["agent_properties"]),
                                 readable=agent_text is not None),
        "nfs_mounts": [m for m in mounted_at if m["fstype"].startswith("nfs")],
        "libvirt": {"uri": params["libvirt_uri"], "python_version": None, "daemon_version": None, "hypervisor_version": None,
                    "answers": None, "error": None},
        "domains": None,
        "storage_pools": None,
    }
    if libvirt is None:
        warnings.append(WARN_NO_LIBVIRT)
    else:
        out["libvirt"]["python_version"] = version_text(libvirt.getVersion())
        conn, out["libvirt"]["error"] = open_libvirt(params["libvirt_uri"])
        out["libvirt"]["answers"] = conn is not None
        if conn is not None:
            try:
                versions, out["domains"], out["storage_pools"] = read_libvirt(conn, mounted_at)
                out["libvirt"].update(versions)
            except libvirt.libvirtError as exc:
                out["libvirt"]["error"] = str(exc)
            finally:
                conn.close()
    # host=<ms>[,<ms>...][@<lb algorithm>] (cloudstack-setup-agent / the host.lb.algorithm setting)
    host = (agent.get("host") or "").split("@")[0].split(",")[0].strip()
    address = params["address"] or local_address(host) or "127.0.0.1"
    out["libvirt_remote"] = remote(address, conf, params)
    return out, warnings


def run(argument_spec):
    module = AnsibleModule(argument_spec=argument_spec, supports_check_mode=True)
    try:
        result, warnings = gather(module.params)
    except HostInfoError as exc:
        module.fail_json(msg=str(exc))
    for w in warnings:
        module.warn(w)
    module.exit_json(changed=False, **result)
