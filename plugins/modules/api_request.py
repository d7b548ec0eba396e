#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: api_request
short_description: Executes ad-hoc Apache CloudStack API requests
description:
  - Executes one CloudStack API command, as ngine_io.cloudstack's C(api_request) (3.1.0 and later) does.
  - This is a command-style module and is never idempotent.
  - Request parameters can be given as free-form C(key=value) pairs after the command name, as a O(params)
    dictionary, or as further task arguments (any argument that is no option of this module is an API parameter).
  - An asynchronous command's job is awaited (within O(api_async_timeout)) unless O(poll_async=false); a failed job
    fails the task with the job's error code and text.
  - For read commands in templates, the lookup C(csops.cloudstack.api) reads every page and runs in check mode.
version_added: 0.2.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  free_form:
    description:
      - API command followed by optional C(key=value) request parameters.
      - There is no actual parameter named C(free_form).
      - "Example: C(listVPCs keyword=my-vpc listall=true)."
      - Values V(true)/V(false), V(none)/V(null), integers and decimals are read as such.
    type: str
  command:
    description:
      - API command to execute, for example C(listVirtualMachines) or C(listCapabilities).
      - Optional when using the free-form syntax, where the first token is used as the command name.
    type: str
  params:
    description:
      - Arbitrary API parameters passed to the command.
      - Explicit O(params) values override free-form C(key=value) pairs with the same key.
      - A list of scalars is sent comma separated, a dict as C(name[0].key)/C(name[0].value) pairs, a list of dicts
        as C(name[i].field) (CloudStack's map parameters).
      - C(fetch_result) (the switch of the C(cs) library, which ngine_io.cloudstack passes through) is no API parameter
        here either; V(true) or V(false) overrides O(poll_async).
      - Values of secret parameters (passwords, secret and private keys, pre-shared keys, user data) are shown as
        C(********) in the result, and never anywhere else in the output.
    type: dict
    aliases: [ query_params ]
  poll_async:
    description:
      - Wait for the job of an asynchronous command and return its result as RV(response).
      - With V(false) the reply is returned as CloudStack sends it (C(jobid), and the C(id) of the object), as
        ngine_io.cloudstack 3.3.0 does.
    type: bool
    default: true
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
attributes:
  check_mode:
    support: none
    description: Skipped in check mode (as ngine_io.cloudstack's C(api_request)); use the lookup C(csops.cloudstack.api) for reads.
  diff_mode:
    support: none
    description: Nothing to diff.
  action_group:
    support: full
    membership:
      - csops.cloudstack.cloudstack
    description: Use C(group/csops.cloudstack.cloudstack) in C(module_defaults) to set the connection options of this module once per play.
notes:
  - This module is not idempotent, nor supports check mode. This means, idempotency must be manually handled in your playbooks.
  - It always reports C(changed=true) when a request is executed successfully.
  - Free-form tokens after the command must be written as C(key=value).
  - A command that returns a secret (C(getUserKeys), C(registerUserKeys)) returns it in RV(response); set C(no_log) on such tasks.
"""

EXAMPLES = r"""
- name: Execute an API request with free-form parameters
  csops.cloudstack.api_request: listVPCs keyword=my-vpc listall=true
  register: api_result

- name: Execute an API request with structured parameters
  csops.cloudstack.api_request:
    command: listCapabilities
  register: api_result

- name: Execute an API request with explicit parameters
  csops.cloudstack.api_request:
    command: listVirtualMachines
    params:
      keyword: my-vm
      listall: true
  register: api_result

- name: Reboot an instance and wait for the job
  csops.cloudstack.api_request:
    command: rebootVirtualMachine
    id: "{{ vm_id }}"
  register: reboot

- name: Start a job and return at once (its id is in response.jobid)
  csops.cloudstack.api_request:
    command: destroyVirtualMachine
    params:
      id: "{{ vm_id }}"
      expunge: true
    poll_async: false
  register: destroy
"""

RETURN = r"""
---
command:
  description: API command that was executed.
  returned: success
  type: str
  sample: listCapabilities
params:
  description: Effective API parameters sent with the request (secret values as C(********)).
  returned: success
  type: dict
  sample:
    keyword: my-vm
    listall: true
response:
  description:
    - Raw CloudStack API response (the reply under its C(<command>response) wrapper).
    - "For an asynchronous command with O(poll_async=true), the job's result (C(jobresult)), for example C({virtualmachine: {...}})."
  returned: success
  type: raw
  sample:
    capability:
      cloudstackversion: 4.18.0.0
jobid:
  description: ID of the asynchronous job that was awaited.
  returned: when an asynchronous command's job was awaited
  type: str
  sample: 6c7c5f4e-4a5b-4c1e-9d3f-7e2a8b9c0d1e
"""

from ..module_utils.api import main_api_request


def main():
    main_api_request()


if __name__ == "__main__":
    main()
