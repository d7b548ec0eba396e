#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: configuration_info
short_description: Gathering information about configurations from Apache CloudStack based clouds
description:
  - Gathering information from the API about configurations.
  - Every page of C(listConfigurations) is read, so no setting is left out past the first 500 (ngine_io#188).
  - Same options and return values as C(ngine_io.cloudstack.configuration_info), plus filters and O(query).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the configuration.
      - If not specified, information about all configurations is gathered.
    type: str
  category:
    description:
      - Only the configurations of this category (for example V(Advanced), V(Storage)).
    type: str
  keyword:
    description:
      - Only the configurations whose name contains this text.
    type: str
  zone:
    description:
      - The values for this zone (zone-scoped settings).
    type: str
  cluster:
    description:
      - The values for this cluster (cluster-scoped settings).
    type: str
  storage:
    description:
      - The values for this storage pool (storage-scoped settings).
    type: str
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.info
  - csops.cloudstack.cloudstack.info_attributes
"""

EXAMPLES = r"""
- name: Gather information about a specific configuration
  csops.cloudstack.configuration_info:
    name: consoleproxy.sslEnabled
  register: config

- name: Show the returned results of the registered variable
  ansible.builtin.debug:
    msg: "{{ config }}"

- name: Gather information about all configurations
  csops.cloudstack.configuration_info:
  register: configs

- name: The value of every storage setting, as a name -> value mapping
  csops.cloudstack.configuration_info:
    category: Storage
    query: "[].{name: name, value: value}"
  register: storage_settings
"""

RETURN = r"""
---
configurations:
  description: A list of matching configurations.
  type: list
  elements: dict
  returned: success
  contains:
    name:
      description: Name of the configuration.
      returned: success
      type: str
      sample: consoleproxy.sslEnabled
    value:
      description: Value of the configuration (left out when empty).
      returned: success and not empty
      type: str
      sample: "true"
    description:
      description: Description of the configuration.
      returned: success
      type: str
      sample: "Enable SSL for console proxy"
    category:
      description: Category of the configuration.
      returned: success
      type: str
      sample: Advanced
    scope:
      description: Scope of the configuration.
      returned: when CloudStack returns it
      type: str
      sample: zone
    default_value:
      description: Default value of the configuration.
      returned: when CloudStack returns it
      type: str
      sample: "false"
    is_dynamic:
      description: Whether a change takes effect without a restart of the management server.
      returned: success
      type: bool
      sample: true
query_result:
  description: The result of O(query) applied to RV(configurations).
  returned: when O(query) is set
  type: raw
  sample: [{"name": "storage.overprovisioning.factor", "value": "2"}]
"""

from ..module_utils.engine import run_info
from ..module_utils.resources.configuration import CONFIGURATION


def main():
    run_info(CONFIGURATION, dict(
        name=dict(type="str"),
        category=dict(type="str"),
        keyword=dict(type="str", no_log=False),
        zone=dict(type="str"),
        cluster=dict(type="str"),
        storage=dict(type="str"),
    ))


if __name__ == "__main__":
    main()
