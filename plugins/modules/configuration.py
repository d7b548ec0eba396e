#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: configuration
short_description: Manages configuration on Apache CloudStack based clouds
description:
  - Manages global, zone, account, storage and cluster configurations.
  - Same options and return values as C(ngine_io.cloudstack.configuration), so a task moves over by changing its FQCN.
  - A setting whose value is empty is left out of CloudStack's reply; an empty O(value) is then no change.
  - Values are compared as CloudStack reads them (V(true) equals V(True), V(2.0) equals V(2)).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the configuration.
    type: str
    required: true
  value:
    description:
      - Value of the configuration.
    type: str
    required: true
  account:
    description:
      - Ensure the value for corresponding account.
    type: str
  domain:
    description:
      - Domain the account is related to.
      - Only considered if O(account) is used.
    type: str
    default: ROOT
  zone:
    description:
      - Ensure the value for corresponding zone.
    type: str
  storage:
    description:
      - Ensure the value for corresponding storage pool.
    type: str
  cluster:
    description:
      - Ensure the value for corresponding cluster.
    type: str
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Ensure global configuration
  csops.cloudstack.configuration:
    name: router.reboot.when.outofband.migrated
    value: false

- name: Ensure zone configuration
  csops.cloudstack.configuration:
    name: router.reboot.when.outofband.migrated
    zone: ch-gva-01
    value: true

- name: Ensure storage configuration
  csops.cloudstack.configuration:
    name: storage.overprovisioning.factor
    storage: storage01
    value: 2.0

- name: Ensure account configuration
  csops.cloudstack.configuration:
    name: allow.public.user.templates
    value: false
    account: acme inc
    domain: customers
"""

RETURN = r"""
---
category:
  description: Category of the configuration.
  returned: success
  type: str
  sample: Advanced
scope:
  description: Scope (zone/cluster/storagepool/account) of the parameter that needs to be updated.
  returned: success
  type: str
  sample: storagepool
description:
  description: Description of the configuration.
  returned: success
  type: str
  sample: Setup the host to do multipath
name:
  description: Name of the configuration.
  returned: success
  type: str
  sample: zone.vlan.capacity.notificationthreshold
value:
  description: Value of the configuration.
  returned: success and the value is not empty
  type: str
  sample: "0.75"
default_value:
  description: Default value of the configuration.
  returned: success and known
  type: str
  sample: "0.75"
is_dynamic:
  description: Whether a change takes effect without a restart of the management server.
  returned: success
  type: bool
  sample: true
account:
  description: Account of the configuration.
  returned: success and O(account) is set
  type: str
  sample: admin
domain:
  description: Domain of account of the configuration.
  returned: success and O(account) is set
  type: str
  sample: ROOT
zone:
  description: Zone of the configuration.
  returned: success and O(zone) is set
  type: str
  sample: ch-gva-01
cluster:
  description: Cluster of the configuration.
  returned: success and O(cluster) is set
  type: str
  sample: cluster01
storage:
  description: Storage of the configuration.
  returned: success and O(storage) is set
  type: str
  sample: storage01
diff:
  description: The value before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"value": "false"}, "after": {"value": "true"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.configuration import CONFIGURATION


def main():
    run_resource(CONFIGURATION)


if __name__ == "__main__":
    main()
