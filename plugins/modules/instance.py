#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: instance
short_description: Manages instances and virtual machines on Apache CloudStack based clouds
description:
  - Deploy, start, update, scale, migrate, restart, restore, stop, destroy and expunge instances.
  - Takes the options of C(ngine_io.cloudstack.instance) and returns the same keys, so a task moves over by changing its FQCN.
  - The instance is found by O(name) (or O(display_name)) within its owner with one filtered C(listVirtualMachines) call.
  - Changed without stopping the instance - O(display_name), O(group), O(user_data), O(tags), and O(host) (a running
    instance is migrated there).
  - Changes that need the instance stopped - O(service_offering) (with O(cpu), O(cpu_speed), O(memory)), O(security_groups),
    O(ssh_key), O(affinity_groups), O(root_disk_size). A running instance is stopped for them (and started again) only with
    O(force=true); otherwise they are reported as a warning and not made. With O(live_scale=true) a running, dynamically
    scalable instance gets a new service offering with C(scaleVirtualMachine) instead.
  - O(user_data) is not in a plain C(listVirtualMachines) reply; it is read back and compared by its SHA-256, so an
    unchanged O(user_data) never reports a change (the diff shows the hashes, never the data).
  - Template or ISO, networks, IP addresses, disk offering, disk size, keyboard, hypervisor, pod and cluster are used when
    the instance is deployed. More data disks - see C(csops.cloudstack.volume).
  - A deploy whose reply was lost is looked for before it is sent again (no duplicate instances); jobs are awaited within
    O(api_async_timeout).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Host name of the instance. Either O(name) or O(display_name) is required.
      - CloudStack generates one when not set; it cannot be changed afterwards.
    type: str
  display_name:
    description:
      - Custom display name of the instance; O(name) when not set at deployment.
      - Either O(name) or O(display_name) is required.
    type: str
  group:
    description:
      - Group of the instance.
    type: str
  state:
    description:
      - State of the instance.
      - V(present) and V(deployed) deploy (and start) a missing instance and recover a destroyed one; V(started), V(stopped),
        V(restarted) also set the power state; V(restored) re-creates the root disk from O(template) (or the current template);
        V(destroyed) and V(absent) destroy it (recoverable until expunged); V(expunged) removes it for good.
    type: str
    default: present
    choices: [ deployed, started, stopped, restarted, restored, destroyed, expunged, present, absent ]
  service_offering:
    description:
      - Name or id of the service offering. Needed to deploy the instance.
    type: str
  cpu:
    description:
      - The number of CPUs, for custom service offerings.
    type: int
  cpu_speed:
    description:
      - The CPU speed in MHz, for custom service offerings.
    type: int
  memory:
    description:
      - The memory in MiB, for custom service offerings.
    type: int
  template:
    description:
      - Name, display text or id of the template of the new instance (with O(state=restored) the template to restore from).
      - Mutually exclusive with O(iso).
    type: str
  iso:
    description:
      - Name, display text or id of the ISO of the new instance. Mutually exclusive with O(template).
    type: str
  template_filter:
    description:
      - The filter used to find the template or ISO.
    type: str
    default: executable
    choices: [ all, featured, self, selfexecutable, sharedexecutable, executable, community ]
    aliases: [ iso_filter ]
  hypervisor:
    description:
      - The hypervisor of the new instance, when the template does not set one.
    type: str
  keyboard:
    description:
      - Keyboard device type of the new instance.
    type: str
    choices: [ de, de-ch, es, fi, fr, fr-be, fr-ch, is, it, jp, nl-be, 'no', pt, uk, us ]
  networks:
    description:
      - Names or ids of the networks of the new instance (the first is the default one).
      - In check mode a network that does not exist yet (an earlier task of the run makes it, a VPC tier for example) gives a
        warning and the deploy is reported.
    type: list
    elements: str
    aliases: [ network ]
  ip_address:
    description:
      - IPv4 address of the new instance in its default network.
    type: str
  ip6_address:
    description:
      - IPv6 address of the new instance in its default network.
    type: str
  ip_to_networks:
    description:
      - "Networks with fixed addresses, a list of dicts with C(network) and C(ip) (C(ipv6), C(mac) optional)."
      - Mutually exclusive with O(networks).
    type: list
    elements: dict
    aliases: [ ip_to_network ]
  disk_offering:
    description:
      - Name or id of the disk offering of a data disk deployed with the instance (the root disk with an ISO).
    type: str
  disk_size:
    description:
      - Size in GiB of that disk, for a custom disk offering (required with an ISO and a custom offering).
    type: int
  root_disk_size:
    description:
      - Size in GiB of the root disk. On an existing instance the root disk is resized (it must be stopped, see O(force)).
    type: int
  allow_root_disk_shrink:
    description:
      - Allow a smaller O(root_disk_size) than the current one (else a warning).
    type: bool
    default: false
  security_groups:
    description:
      - Names of the security groups of the instance.
    type: list
    elements: str
    aliases: [ security_group ]
  host:
    description:
      - Name or id of the host the instance is deployed or started on; a running instance on another host is migrated there.
      - Requires root admin privileges.
    type: str
  cluster:
    description:
      - Name or id of the cluster the instance is deployed or started in. Requires root admin privileges.
    type: str
  pod:
    description:
      - Name or id of the pod the instance is deployed or started in. Requires root admin privileges.
    type: str
  domain:
    description:
      - Domain (path) of the owner of the instance.
    type: str
  account:
    description:
      - Account that owns the instance.
    type: str
  project:
    description:
      - Name or id of the project that owns the instance.
    type: str
  zone:
    description:
      - Name or id of the zone of the instance.
    type: str
    required: true
  ssh_key:
    description:
      - Name of the SSH key pair of the instance.
    type: str
  affinity_groups:
    description:
      - Names of the affinity groups of the instance.
    type: list
    elements: str
    aliases: [ affinity_group ]
  user_data:
    description:
      - User data (text) of the instance; encoded with base64 by the module.
      - Compared by its SHA-256 with what CloudStack holds; changed without stopping the instance.
      - Mutually exclusive with O(user_data_name).
    type: str
  user_data_name:
    description:
      - Name or id of registered user data (M(csops.cloudstack.user_data)) to deploy the instance with.
      - On an existing instance another record is set with C(updateVirtualMachine), without stopping the instance.
      - Mutually exclusive with O(user_data).
    type: str
  user_data_details:
    description:
      - Values for the variables (the C(params)) of O(user_data_name).
      - Compared with the instance's; other values are set with C(updateVirtualMachine).
    type: dict
  details:
    description:
      - Custom parameters of the new instance (a map).
    type: dict
  force:
    description:
      - Stop a running instance to make changes that need it stopped, and start it again.
    type: bool
    default: false
  live_scale:
    description:
      - Give a running, dynamically scalable instance a new O(service_offering) with C(scaleVirtualMachine), without stopping it
        (CloudStack needs the global setting C(enable.dynamic.scale.vm)).
    type: bool
    default: false
  tags:
    description:
      - Resource tags, a list of dicts with C(key) and C(value). An empty list removes every tag.
    type: list
    elements: dict
    aliases: [ tag ]
  poll_async:
    description:
      - Accepted for compatibility with C(ngine_io.cloudstack.instance); jobs are always awaited, bounded by O(api_async_timeout).
    type: bool
    default: true
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Deploy an instance (started)
  csops.cloudstack.instance:
    name: web-01
    zone: zone01
    template: debian-12
    service_offering: Small Instance
    networks: [web-net]
    ssh_key: deploy@example.com
    user_data: |
      #cloud-config
      packages: [ nginx ]
    tags:
      - { key: role, value: web }

- name: A bigger offering; stop and start it for that
  csops.cloudstack.instance:
    name: web-01
    zone: zone01
    service_offering: Medium Instance
    force: true

- name: Move it to another host
  csops.cloudstack.instance:
    name: web-01
    zone: zone01
    host: kvm07.example.com

- name: Stop it
  csops.cloudstack.instance:
    name: web-01
    zone: zone01
    state: stopped

- name: Remove it for good
  csops.cloudstack.instance:
    name: web-01
    zone: zone01
    state: expunged
"""

RETURN = r"""
---
id:
  description: UUID of the instance.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
name:
  description: Name of the instance.
  returned: success
  type: str
  sample: web-01
display_name:
  description: Display name of the instance.
  returned: success
  type: str
  sample: web-01
group:
  description: Group name of the instance is related.
  returned: success
  type: str
  sample: web
created:
  description: Date of the instance was created.
  returned: success
  type: str
  sample: 2014-12-01T14:57:57+0100
password_enabled:
  description: True if password setting is enabled.
  returned: success
  type: bool
  sample: true
password:
  description: The password of the instance if exists (only in the reply of its deployment).
  returned: if available
  type: str
  sample: Ge2oe7Do
ssh_key:
  description: Name of SSH key deployed to instance.
  returned: if available
  type: str
  sample: key@work
ssh_keys:
  description: Names of SSH key deployed to instance.
  returned: if available
  type: list
  sample: [key@work, key@home]
domain:
  description: Domain the instance is related to.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the instance is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Name of project the instance is related to.
  returned: success
  type: str
  sample: Production
default_ip:
  description: Default IP address of the instance.
  returned: success
  type: str
  sample: 10.23.37.42
default_ip6:
  description: Default IPv6 address of the instance.
  returned: if available
  type: str
  sample: 2a04:c43:c00:a07:4b4:beff:fe00:74
public_ip:
  description: Public IP address with instance via static NAT rule.
  returned: if available
  type: str
  sample: 1.2.3.4
iso:
  description: Name of ISO the instance was deployed with.
  returned: if available
  type: str
  sample: Debian-8-64bit
template:
  description: Name of template the instance was deployed with.
  returned: success
  type: str
  sample: Linux Debian 9 64-bit
template_display_text:
  description: Display text of template the instance was deployed with.
  returned: success
  type: str
  sample: Linux Debian 9 64-bit 200G Disk (2017-10-08-622866)
service_offering:
  description: Name of the service offering the instance has.
  returned: success
  type: str
  sample: 2cpu_2gb
cpu:
  description: Number of CPUs of the instance.
  returned: success
  type: int
  sample: 2
cpu_speed:
  description: CPU speed of the instance in MHz.
  returned: success
  type: int
  sample: 1000
memory:
  description: Memory of the instance in MiB.
  returned: success
  type: int
  sample: 2048
disk_offering:
  description: Name of the disk offering of the instance's data disk (deployed with it).
  returned: if available
  type: str
  sample: Small
zone:
  description: Name of zone the instance is in.
  returned: success
  type: str
  sample: ch-gva-2
state:
  description: State of the instance; with O(state=expunged), as it was before it was expunged (as ngine_io.cloudstack).
  returned: success
  type: str
  sample: Running
security_groups:
  description: Security groups the instance is in.
  returned: success
  type: list
  sample: [ "default" ]
affinity_groups:
  description: Affinity groups the instance is in.
  returned: success
  type: list
  sample: [ "webservers" ]
networks:
  description: Names of the networks of the instance's NICs.
  returned: success
  type: list
  sample: [ "web-net" ]
tags:
  description: List of resource tags associated with the instance.
  returned: success
  type: list
  sample: [ { "key": "foo", "value": "bar" } ]
hypervisor:
  description: Hypervisor related to this instance.
  returned: success
  type: str
  sample: KVM
host:
  description: Hostname of hypervisor an instance is running on.
  returned: success and instance is running
  type: str
  sample: host-01.example.com
instance_name:
  description: Internal name of the instance (ROOT admin only).
  returned: success
  type: str
  sample: i-44-3992-VM
user_data:
  description: The user data of the instance (base64) when O(user_data) is set, else an empty string (as ngine_io.cloudstack).
  returned: success
  type: str
  sample: VXNlciBkYXRhIGV4YW1wbGUK
user_data_name:
  description: Name of the registered user data of the instance.
  returned: when the instance has registered user data
  type: str
  sample: my_userdata
user_data_details:
  description: Values of the variables of the registered user data.
  returned: when the instance has them
  type: dict
  sample: {"foo": "bar"}
diff:
  description: What changed (with C(--diff)); user data as its SHA-256.
  returned: changed and diff mode
  type: dict
  sample: {"before": {"state": "stopped"}, "after": {"state": "running"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.instance import INSTANCE, STATE_CHOICES, InstanceEngine


def main():
    run_resource(
        INSTANCE,
        argument_spec={"state": {"type": "str", "default": "present", "choices": STATE_CHOICES}},
        engine_class=InstanceEngine,
        required_one_of=[["name", "display_name"]],
        mutually_exclusive=[["template", "iso"], ["user_data", "user_data_name"], ["networks", "ip_to_networks"]],
    )


if __name__ == "__main__":
    main()
