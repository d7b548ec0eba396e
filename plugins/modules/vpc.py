#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: vpc
short_description: Manages VPCs on Apache CloudStack based clouds
description:
  - Create, update, restart and remove VPCs.
  - Same options and return values as C(ngine_io.cloudstack.vpc), so a task moves over by changing its FQCN.
  - The VPC is found in its zone (within its owner) by O(name), which may also be its display text or its ID, as
    C(ngine_io.cloudstack.vpc) does (C(listVPCs) with C(keyword), then the exact match); more than one match fails.
  - CloudStack gives a new VPC a source NAT public IP and a virtual router.
  - O(display_text) changes with C(updateVPC); O(cidr), O(network_domain) and O(vpc_offering) are set at creation
    (a difference on an existing VPC is reported as a warning).
  - C(createVPC), C(updateVPC), C(restartVPC) and C(deleteVPC) are async jobs, always awaited within O(api_async_timeout).
  - Tiers are networks in the VPC (M(csops.cloudstack.network) with O(csops.cloudstack.network#module:vpc)); CloudStack
    refuses to delete a VPC that still has tiers.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the VPC (its display text or its ID also find it).
    type: str
    required: true
  display_text:
    description:
      - Display text of the VPC; the name when the VPC is created and this is not set.
    type: str
  cidr:
    description:
      - CIDR of the VPC, for example V(10.10.0.0/16); the CIDRs of its tiers must be inside it.
      - Required with O(state=present); set at creation.
    type: str
  network_domain:
    description:
      - Network domain of the VPC; all its tiers belong to it. Set at creation.
    type: str
  vpc_offering:
    description:
      - Name of the VPC offering; the enabled default VPC offering when not set. Set at creation.
    type: str
  clean_up:
    description:
      - With O(state=restarted), whether the VPC's routers are replaced.
    type: bool
  state:
    description:
      - State of the VPC.
      - V(present) creates a started VPC; V(stopped) only matters when the VPC is created (its router is deployed
        with the first tier that is implemented).
      - V(restarted) restarts an existing VPC (C(restartVPC)) and changes nothing else.
    type: str
    default: present
    choices: [ present, absent, stopped, restarted ]
  domain:
    description:
      - Domain (path) of the VPC's owner.
    type: str
  account:
    description:
      - Account owning the VPC.
    type: str
  project:
    description:
      - Name of the project owning the VPC.
    type: str
  zone:
    description:
      - Name or ID of the zone.
    type: str
    required: true
  tags:
    description:
      - List of tags, dicts with V(key) and V(value). V([]) removes all tags.
    type: list
    elements: dict
    aliases: [ tag ]
  poll_async:
    description:
      - Accepted for compatibility with C(ngine_io.cloudstack); jobs are always awaited.
    type: bool
    default: true
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: A VPC, started
  csops.cloudstack.vpc:
    name: my_vpc
    zone: zone01
    display_text: My example VPC
    cidr: 10.10.0.0/16
    network_domain: example.internal
    tags:
      - { key: env, value: prod }

- name: A VPC whose router comes with its first tier
  csops.cloudstack.vpc:
    name: lazy_vpc
    zone: zone01
    cidr: 10.20.0.0/16
    state: stopped

- name: Two tiers in it
  csops.cloudstack.network:
    name: "{{ item.name }}"
    zone: zone01
    vpc: my_vpc
    network_offering: DefaultIsolatedNetworkOfferingForVpcNetworks
    gateway: "{{ item.gateway }}"
    netmask: 255.255.255.0
  loop:
    - { name: web, gateway: 10.10.1.1 }
    - { name: db, gateway: 10.10.2.1 }

- name: Restart it with new routers
  csops.cloudstack.vpc:
    name: my_vpc
    zone: zone01
    clean_up: true
    state: restarted

- name: Remove it (its tiers first)
  csops.cloudstack.vpc:
    name: my_vpc
    zone: zone01
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the VPC.
  returned: success
  type: str
  sample: 04589590-ac63-4ffc-93f5-b698b8ac38b6
name:
  description: Name of the VPC.
  returned: success
  type: str
  sample: my_vpc
display_text:
  description: Display text of the VPC.
  returned: success
  type: str
  sample: My example VPC
cidr:
  description: CIDR of the VPC.
  returned: success
  type: str
  sample: 10.10.0.0/16
network_domain:
  description: Network domain of the VPC.
  returned: success
  type: str
  sample: example.com
region_level_vpc:
  description: Whether the VPC is region level.
  returned: success
  type: bool
  sample: false
restart_required:
  description: Whether the VPC's router needs a restart.
  returned: success
  type: bool
  sample: false
distributed_vpc_router:
  description: Whether the VPC uses a distributed router.
  returned: success
  type: bool
  sample: false
redundant_vpc_router:
  description: Whether the VPC has redundant routers.
  returned: success
  type: bool
  sample: false
domain:
  description: Domain the VPC is related to.
  returned: success
  type: str
  sample: example domain
account:
  description: Account the VPC is related to.
  returned: success
  type: str
  sample: example account
project:
  description: Name of the project the VPC is related to.
  returned: success
  type: str
  sample: Production
zone:
  description: Name of the zone the VPC is in.
  returned: success
  type: str
  sample: ch-gva-2
state:
  description: State of the VPC.
  returned: success
  type: str
  sample: Enabled
tags:
  description: Resource tags of the VPC.
  returned: success
  type: list
  sample: '[ { "key": "foo", "value": "bar" } ]'
created:
  description: When the VPC was created.
  returned: success
  type: str
  sample: "2023-01-01T10:00:00+0000"
diff:
  description: The managed fields before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"state": "absent"}, "after": {"name": "x", "state": "present"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.vpc import VPC, VpcEngine


def main():
    run_resource(VPC, engine_class=VpcEngine, required_if=[("state", "present", ["cidr"])])


if __name__ == "__main__":
    main()
