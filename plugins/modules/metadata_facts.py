#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: metadata_facts
short_description: Gather facts of an instance from the metadata service of Apache CloudStack's virtual router
description:
  - Reads the metadata service (C(http://<router>/latest/meta-data/...), C(http://<router>/latest/user-data)) that the
    virtual router of the instance's network serves; the module must run on the instance itself.
  - Same options and facts as C(ngine_io.cloudstack.metadata_facts) (C(ngine_io.cloudstack.cs_facts) in 2.x), so a task
    moves over by changing its FQCN.
  - Without O(meta_data_host) the router is the DHCP server of the default interface, read from its DHCP lease
    (C(option dhcp-server-identifier) of dhclient's lease file, as ngine_io; also C(SERVER_ADDRESS) of a systemd-networkd lease).
  - No API connection is used, so the module is not in the C(cloudstack) action group (group C(module_defaults)
    with the API options would be unsupported parameters here).
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  filter:
    description:
      - Only this fact.
    type: str
    choices:
      - cloudstack_service_offering
      - cloudstack_availability_zone
      - cloudstack_public_hostname
      - cloudstack_public_ipv4
      - cloudstack_local_hostname
      - cloudstack_local_ipv4
      - cloudstack_instance_id
      - cloudstack_user_data
  meta_data_host:
    description:
      - Host or IP address (optionally with V(:port)) of the metadata service.
      - If not set, the DHCP server of the default interface, read from its DHCP lease.
    type: str
requirements: [ PyYAML ]
attributes:
  check_mode:
    support: full
    description: Reads only; check mode gathers the same facts.
  diff_mode:
    support: none
    description: Nothing changes.
  facts:
    support: full
    description: Returns C(ansible_facts).
"""

EXAMPLES = r"""
- name: Gather the instance's CloudStack facts
  csops.cloudstack.metadata_facts:

- name: Only the instance id
  csops.cloudstack.metadata_facts:
    filter: cloudstack_instance_id

- name: From a given metadata service
  csops.cloudstack.metadata_facts:
    filter: cloudstack_instance_id
    meta_data_host: 169.254.169.254
"""

RETURN = r"""
---
ansible_facts:
  description: The facts (all, or the one O(filter) names); a fact the service does not answer is null.
  returned: success
  type: dict
  contains:
    cloudstack_availability_zone:
      description: Zone the instance is deployed in.
      returned: success
      type: str
      sample: ch-gva-2
    cloudstack_instance_id:
      description: UUID of the instance.
      returned: success
      type: str
      sample: ab4e80b0-3e7e-4936-bdc5-e334ba5b0139
    cloudstack_local_hostname:
      description: Local hostname of the instance.
      returned: success
      type: str
      sample: VM-ab4e80b0-3e7e-4936-bdc5-e334ba5b0139
    cloudstack_local_ipv4:
      description: Local IPv4 address of the instance.
      returned: success
      type: str
      sample: 10.1.1.23
    cloudstack_public_hostname:
      description: Public IPv4 address of the router. Same as RV(ansible_facts.cloudstack_public_ipv4).
      returned: success
      type: str
      sample: 185.19.28.35
    cloudstack_public_ipv4:
      description: Public IPv4 address of the router.
      returned: success
      type: str
      sample: 185.19.28.35
    cloudstack_service_offering:
      description: Service offering of the instance.
      returned: success
      type: str
      sample: Micro 512mb 1cpu
    cloudstack_user_data:
      description: The instance's user data parsed as YAML (null when it is not YAML).
      returned: success
      type: raw
      sample: {"packages": ["tmux"]}
"""

from ..module_utils.metadata import FACT_CHOICES, run


def main():
    run(dict(filter=dict(type="str", choices=FACT_CHOICES), meta_data_host=dict(type="str")))


if __name__ == "__main__":
    main()
