#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: instances
short_description: Converges a whole set of instances on Apache CloudStack based clouds in one task
description:
  - The set is an exact O(count) of names made from O(name_pattern) (for example V(web-%02d)), or a list of specs (O(instances)),
    of one owner in one zone.
  - One paged C(listVirtualMachines) call finds what exists; a re-run with nothing to do makes no other call than the zone
    (and owner) lookups.
  - Missing instances are deployed together - at most O(max_concurrent) deploy jobs at a time, awaited together, each bounded
    by O(api_async_timeout). All their parameters are resolved before the first deploy, so bad input changes nothing.
  - A deploy whose reply was lost (or that met a transient server error) is looked for by name before it is sent again, so
    there are never duplicates.
  - A failed deploy fails the task naming the instance and CloudStack's reason (RV(failed_instances)); the other deploys
    still complete and are reported (RV(created)).
  - O(state=started) and O(state=stopped) converge the power state of the whole set; V(absent), V(destroyed) and V(expunged)
    remove it. O(extra) says what happens to instances beyond the set.
  - Existing instances are not reconfigured (offering, networks, user data, ...); use C(csops.cloudstack.instance) for that.
    O(tags) are added to the instances that lack them (never removed).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  zone:
    description:
      - Name or id of the zone of the instances.
    type: str
    required: true
  name_pattern:
    description:
      - A printf pattern with one integer conversion, for example V(web-%02d); with O(count) and O(start_index) it names the set.
      - Mutually exclusive with O(instances).
    type: str
  count:
    description:
      - How many instances the set has (with O(name_pattern)); V(0) leaves none (see O(extra)).
    type: int
  start_index:
    description:
      - The first number of O(name_pattern).
    type: int
    default: 1
  instances:
    description:
      - The set as a list of specs; each is a dict with C(name) and, to override the task's options for that instance,
        C(display_name), C(service_offering), C(cpu), C(cpu_speed), C(memory), C(template), C(iso), C(networks), C(ip_address),
        C(ip6_address), C(ip_to_networks), C(group), C(user_data), C(ssh_key), C(security_groups), C(affinity_groups),
        C(disk_offering), C(disk_size), C(root_disk_size), C(host), C(cluster), C(pod), C(details), C(keyboard), C(hypervisor).
      - Mutually exclusive with O(name_pattern).
    type: list
    elements: dict
  extra:
    description:
      - What happens to instances beyond the set - those matching O(name_pattern) that are not in it, or, in list mode, those
        of O(group) that are not listed.
      - V(keep) leaves them, V(stop) stops them, V(destroy) destroys them (recoverable until expunged), V(expunge) removes them.
    type: str
    default: keep
    choices: [ keep, stop, destroy, expunge ]
  max_concurrent:
    description:
      - How many deploy (or start, stop, destroy) jobs run at the same time.
    type: int
    default: 20
  state:
    description:
      - V(present) deploys (and starts) the missing instances and recovers destroyed ones; V(started) and V(stopped) also set
        the power state of the whole set; V(absent) and V(destroyed) destroy the set; V(expunged) removes it for good.
    type: str
    default: present
    choices: [ present, started, stopped, absent, destroyed, expunged ]
  display_name:
    description:
      - Display name of new instances (their name when not set).
    type: str
  group:
    description:
      - Instance group of new instances; in list mode also the group whose unlisted instances are extra.
    type: str
  service_offering:
    description:
      - Name or id of the service offering of new instances.
    type: str
  cpu:
    description:
      - CPUs of new instances, for custom service offerings.
    type: int
  cpu_speed:
    description:
      - CPU speed (MHz) of new instances, for custom service offerings.
    type: int
  memory:
    description:
      - Memory (MiB) of new instances, for custom service offerings.
    type: int
  template:
    description:
      - Name, display text or id of the template of new instances. Mutually exclusive with O(iso).
    type: str
  iso:
    description:
      - Name, display text or id of the ISO of new instances.
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
      - Hypervisor of new instances, when the template does not set one.
    type: str
  keyboard:
    description:
      - Keyboard device type of new instances.
    type: str
    choices: [ de, de-ch, es, fi, fr, fr-be, fr-ch, is, it, jp, nl-be, 'no', pt, uk, us ]
  networks:
    description:
      - Names or ids of the networks of new instances.
      - In check mode a network that does not exist yet (an earlier task of the run makes it, a VPC tier for example) gives a
        warning and the deploy is reported.
    type: list
    elements: str
    aliases: [ network ]
  ip_address:
    description:
      - IPv4 address (in list mode, per spec).
    type: str
  ip6_address:
    description:
      - IPv6 address (in list mode, per spec).
    type: str
  ip_to_networks:
    description:
      - Networks with fixed addresses (in list mode, per spec), a list of dicts with C(network) and C(ip).
    type: list
    elements: dict
  disk_offering:
    description:
      - Name or id of the disk offering of a data disk of new instances.
    type: str
  disk_size:
    description:
      - Size in GiB of that disk, for a custom disk offering.
    type: int
  root_disk_size:
    description:
      - Root disk size in GiB of new instances.
    type: int
  security_groups:
    description:
      - Security groups of new instances.
    type: list
    elements: str
    aliases: [ security_group ]
  host:
    description:
      - Name or id of the host new instances are deployed on (root admin).
    type: str
  cluster:
    description:
      - Name or id of the cluster new instances are deployed in (root admin).
    type: str
  pod:
    description:
      - Name or id of the pod new instances are deployed in (root admin).
    type: str
  domain:
    description:
      - Domain (path) of the owner of the set.
    type: str
  account:
    description:
      - Account that owns the set.
    type: str
  project:
    description:
      - Name or id of the project that owns the set.
    type: str
  ssh_key:
    description:
      - Name of the SSH key pair of new instances.
    type: str
  affinity_groups:
    description:
      - Affinity groups of new instances.
    type: list
    elements: str
    aliases: [ affinity_group ]
  user_data:
    description:
      - User data (text) of new instances; encoded with base64 by the module.
    type: str
  details:
    description:
      - Custom parameters of new instances.
    type: dict
  tags:
    description:
      - Resource tags every instance of the set gets (added where missing, never removed).
    type: list
    elements: dict
    aliases: [ tag ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
notes:
  - Check mode reports what would be deployed, started, stopped or removed (RV(planned)) without doing it.
"""

EXAMPLES = r"""
- name: 100 web servers, started, at most 20 deploys at a time
  csops.cloudstack.instances:
    zone: zone01
    account: web
    domain: ROOT/customers
    name_pattern: web-%03d
    count: 100
    template: debian-12
    service_offering: Small Instance
    networks: [web-net]
    state: started
    tags:
      - { key: role, value: web }

- name: Scale down to 80; destroy the ones beyond
  csops.cloudstack.instances:
    zone: zone01
    account: web
    domain: ROOT/customers
    name_pattern: web-%03d
    count: 80
    template: debian-12
    service_offering: Small Instance
    extra: destroy

- name: A set of different instances
  csops.cloudstack.instances:
    zone: zone01
    template: debian-12
    service_offering: Small Instance
    group: db
    extra: stop
    instances:
      - { name: db-1, service_offering: Large Instance, ip_address: 10.1.1.11 }
      - { name: db-2, service_offering: Large Instance, ip_address: 10.1.1.12 }
      - { name: db-arbiter }
"""

RETURN = r"""
---
names:
  description: The names of the set.
  returned: success
  type: list
  sample: [ web-01, web-02 ]
instances:
  description: The instances of the set, with the keys of C(csops.cloudstack.instance) (id, name, state, default_ip, ...).
  returned: success, unless the set is removed
  type: list
  sample: [ { "id": "04589590-ac63-4ffc-93f5-b698b8ac38b6", "name": "web-01", "state": "Running", "default_ip": "10.1.1.23" } ]
created:
  description: Names of the instances deployed by this run.
  returned: success
  type: list
  sample: [ web-02 ]
started:
  description: Names of the instances started by this run.
  returned: success
  type: list
  sample: []
stopped:
  description: Names of the instances stopped by this run.
  returned: success
  type: list
  sample: []
recovered:
  description: Names of destroyed instances recovered by this run.
  returned: success
  type: list
  sample: []
destroyed:
  description: Names of the instances destroyed by this run.
  returned: success
  type: list
  sample: [ web-03 ]
expunged:
  description: Names of the instances expunged by this run.
  returned: success
  type: list
  sample: []
extra_instances:
  description: Names of the instances beyond the set (see O(extra)).
  returned: success
  type: list
  sample: [ web-03 ]
planned:
  description: In check mode, the state each changing instance would get.
  returned: check mode
  type: dict
  sample: { "web-02": "running" }
failed_instances:
  description: The instances whose deploy (or other job) failed, with CloudStack's reason.
  returned: failure
  type: dict
  sample: { "web-07": "async job 1c2d... failed (errorcode 533): Unable to create a deployment for VM web-07" }
diff:
  description: The instances that change, their state before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"instances": {"web-02": "absent"}}, "after": {"instances": {"web-02": "running"}}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.instances import INSTANCES, STATE_CHOICES, InstancesEngine


def main():
    run_resource(
        INSTANCES,
        argument_spec={"state": {"type": "str", "default": "present", "choices": STATE_CHOICES}},
        engine_class=InstancesEngine,
        required_one_of=[["name_pattern", "instances"]],
        mutually_exclusive=[["name_pattern", "instances"], ["template", "iso"]],
        required_together=[["name_pattern", "count"]],
    )


if __name__ == "__main__":
    main()
