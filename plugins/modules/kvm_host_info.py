#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: kvm_host_info
short_description: Read the state of a KVM host of Apache CloudStack (read-only)
description:
  - Runs on a KVM host (the C(kvm) group of the install inventories) and reads what the health check needs there -
    hardware virtualization (C(vmx)/C(svm) among the CPU flags, C(/dev/kvm)), the libvirt version, whether libvirtd
    answers on C(qemu:///system) and on TCP/TLS as the other hosts and the management server reach it, the domains and
    their states, the storage pools and whether each NFS pool's path is mounted, and the cloudstack-agent's
    C(agent.properties) (host, zone, pod, cluster, guid).
  - Read-only - files are read, libvirt is opened read-only, the TCP/TLS ports are only connected to and closed;
    libvirtd.conf is reported, never changed. Check mode reads the same.
  - Without libvirt-python (C(python3-libvirt)) the files are still read (cpuinfo, C(/dev/kvm), libvirtd.conf, the
    mounts, agent.properties, the ports) and RV(libvirt_python) is false with a warning; the module does not fail.
  - Keystore passwords and other secrets of agent.properties are never returned (only the keys of
    RV(agent_properties) are read out).
  - No API connection is used, so the module is not in the C(cloudstack) action group.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  proc_root:
    description:
      - The directory C(cpuinfo) and C(mounts) are read from.
    type: path
    default: /proc
  kvm_device:
    description:
      - The KVM device whose presence is reported.
    type: path
    default: /dev/kvm
  libvirt_uri:
    description:
      - The local libvirt connection, opened read-only.
    type: str
    default: qemu:///system
  libvirtd_conf:
    description:
      - libvirtd's configuration, read for C(listen_tcp), C(listen_tls), C(tcp_port), C(tls_port), C(listen_addr),
        C(auth_tcp), C(auth_tls), C(mdns_adv).
    type: path
    default: /etc/libvirt/libvirtd.conf
  agent_properties:
    description:
      - The cloudstack-agent's configuration.
    type: path
    default: /etc/cloudstack/agent/agent.properties
  address:
    description:
      - The address of this host on which libvirtd's TCP and TLS ports are tried.
      - Without it, the address this host uses towards the management server of agent.properties' C(host) (no packet
        is sent to find it), else V(127.0.0.1).
    type: str
  check_ports:
    description:
      - Try libvirtd's TCP and TLS ports (and, with libvirt-python, a read-only C(qemu+tcp://) / C(qemu+tls://) connection).
    type: bool
    default: true
  connect_timeout:
    description:
      - Seconds to wait for each port.
    type: float
    default: 3.0
requirements: [ libvirt-python (optional) ]
seealso:
  - module: csops.cloudstack.cloud_db_info
  - module: csops.cloudstack.host_info
extends_documentation_fragment:
  - csops.cloudstack.cloudstack.host_info_attributes
"""

EXAMPLES = r"""
- name: Read the KVM host
  csops.cloudstack.kvm_host_info:
  become: true
  register: kvm

- name: Hardware virtualization (H15)
  ansible.builtin.assert:
    that: kvm.hardware_virtualization.supported and kvm.hardware_virtualization.kvm_device

- name: Every NFS primary storage pool is mounted (H17)
  ansible.builtin.assert:
    that: kvm.storage_pools | default([], true) | selectattr('type', 'eq', 'netfs') | rejectattr('mounted') | list | length == 0
"""

RETURN = r"""
---
hardware_virtualization:
  description:
    - H15 - C(vmx) (Intel VT-x) and C(svm) (AMD-V) among the CPU flags of cpuinfo, C(supported) when either is,
      C(kvm_device) when O(kvm_device) exists, the number of CPUs and the first model name.
  returned: always
  type: dict
  sample: {"vmx": true, "svm": false, "supported": true, "cpus": 8, "model_name": "Intel(R) Xeon(R) Silver 4214", "kvm_device": true}
libvirt_python:
  description: Whether libvirt-python could be imported (without it RV(domains) and RV(storage_pools) are null).
  returned: always
  type: bool
libvirt:
  description:
    - The local connection (O(libvirt_uri), opened read-only) - C(answers), C(error), and the versions of the Python
      binding's library (C(python_version)), of libvirtd (C(daemon_version)) and of QEMU (C(hypervisor_version)).
    - All null without libvirt-python.
  returned: always
  type: dict
  sample: {"uri": "qemu:///system", "answers": true, "error": null, "python_version": "8.0.0", "daemon_version": "8.0.0",
           "hypervisor_version": "6.2.0"}
libvirtd_conf:
  description:
    - H9 - the listening settings of O(libvirtd_conf) as written (null when not set, so libvirtd's default applies -
      C(listen_tcp) 0, C(listen_tls) 1, ports 16509/16514, and only with C(--listen) or the C(libvirtd-tcp)/C(-tls) sockets).
    - C(exists) and C(readable) of the file. A socket-activated libvirtd (C(libvirtd-tcp.socket)) listens whatever the
      file says; RV(libvirt_remote) is what really answers.
  returned: always
  type: dict
  sample: {"path": "/etc/libvirt/libvirtd.conf", "exists": true, "readable": true, "listen_tcp": 1, "listen_tls": 0, "tcp_port": 16509,
           "tls_port": null, "listen_addr": null, "auth_tcp": "none", "auth_tls": null, "mdns_adv": 0}
libvirt_remote:
  description:
    - H9 - libvirtd's TCP and TLS ports on O(address) - C(open) (a TCP connect), C(answers) (a read-only
      C(qemu+tcp://) / C(qemu+tls://) connection, with libvirt-python and when the port is open) and C(error).
    - C(open) and C(answers) are null when O(check_ports=false).
  returned: always
  type: dict
  sample: {"address": "10.0.0.21", "tcp": {"port": 16509, "open": true, "answers": true, "error": null},
           "tls": {"port": 16514, "open": false, "answers": null, "error": "Connection refused"}}
domains:
  description: The libvirt domains (CloudStack's instances and system VMs on this host) and their states; null without libvirt-python.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "i-2-42-VM", "uuid": "5f0c...", "state": "running"}, {"name": "s-1-VM", "uuid": "7a1e...", "state": "running"}]
storage_pools:
  description:
    - The libvirt storage pools - C(name) (CloudStack names them by the pool's uuid), C(state), C(type) (C(netfs) for
      NFS), C(target_path), C(source_host), C(source_path), C(capacity), C(available) (bytes).
    - C(mounted) (H17) - for an NFS pool, whether its target path is an NFS mount in C(mounts); null for other types.
    - Null without libvirt-python.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "2b6c2c8e-...", "uuid": "2b6c2c8e-...", "state": "running", "type": "netfs",
            "target_path": "/mnt/2b6c2c8e-...", "source_host": "10.0.0.5", "source_path": "/export/primary",
            "capacity": 536870912000, "available": 429496729600, "mounted": true}]
nfs_mounts:
  description: The NFS mounts of C(mounts) (read without libvirt-python too).
  returned: always
  type: list
  elements: dict
  sample: [{"source": "10.0.0.5:/export/primary", "mountpoint": "/mnt/2b6c2c8e-...", "fstype": "nfs4", "options": "rw,relatime,vers=4.1"}]
agent_properties:
  description:
    - Facts of the cloudstack-agent's agent.properties (keys with C(_) for C(.)) - C(host) (the management server(s)),
      C(port), C(zone), C(pod), C(cluster), C(guid), C(resource), C(hypervisor_type), the network devices, the local
      storage; null when not set. Nothing else of the file (no keystore passphrase).
    - C(exists) and C(readable) (a file there but not readable by the module's user is H8's C(chmod 644) case).
  returned: always
  type: dict
  sample: {"path": "/etc/cloudstack/agent/agent.properties", "exists": true, "readable": true, "host": "10.0.0.11", "port": "8250", "zone": "1",
           "pod": "1", "cluster": "1", "guid": "0b6c...", "resource": "com.cloud.hypervisor.kvm.resource.LibvirtComputingResource",
           "hypervisor_type": "kvm", "private_network_device": "cloudbr0", "public_network_device": "cloudbr0",
           "guest_network_device": "cloudbr0", "local_storage_uuid": null, "local_storage_path": null}
"""

from ..module_utils.kvm_host import run


def argument_spec():
    return dict(
        proc_root=dict(type="path", default="/proc"),
        kvm_device=dict(type="path", default="/dev/kvm"),
        libvirt_uri=dict(type="str", default="qemu:///system"),
        libvirtd_conf=dict(type="path", default="/etc/libvirt/libvirtd.conf"),
        agent_properties=dict(type="path", default="/etc/cloudstack/agent/agent.properties"),
        address=dict(type="str"),
        check_ports=dict(type="bool", default=True),
        connect_timeout=dict(type="float", default=3.0),
    )


def main():
    run(argument_spec())


if __name__ == "__main__":
    main()
