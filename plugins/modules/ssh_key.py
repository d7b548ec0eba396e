#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: ssh_key
short_description: Manages SSH key pairs on Apache CloudStack based clouds
description:
  - Register a public key, or let CloudStack create a key pair, and remove key pairs.
  - Same options and return values as C(ngine_io.cloudstack.ssh_key), so a task moves over by changing its FQCN.
  - With O(public_key) the key is compared by its MD5 fingerprint (as CloudStack computes it); a different key under the same name is replaced.
  - Without O(public_key) CloudStack creates the pair; the private key is returned only then, by the run that creates it.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the key pair.
    type: str
    required: true
  public_key:
    description:
      - Public key in OpenSSH format (V(ssh-rsa AAAA... comment)) to register.
      - A key pair of another name with this public key is replaced by the one of this name (CloudStack keeps one key pair
        per public key and account), as C(ngine_io.cloudstack) does.
    type: str
  domain:
    description:
      - Domain the key pair belongs to (with O(account) or O(project)).
    type: str
  account:
    description:
      - Account the key pair belongs to; the caller's own account if neither O(account) nor O(project) is set.
    type: str
  project:
    description:
      - Project the key pair belongs to.
    type: str
  state:
    description:
      - State of the key pair.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Register my public key
  csops.cloudstack.ssh_key:
    name: linus@example.com
    public_key: "{{ lookup('file', '~/.ssh/id_ed25519.pub') }}"

- name: Let CloudStack create a key pair
  csops.cloudstack.ssh_key:
    name: deploy
  register: key

- name: Keep the private key (returned by the run that creates the pair only)
  ansible.builtin.copy:
    content: "{{ key.private_key }}"
    dest: ~/.ssh/deploy
    mode: "0600"
  when: key.private_key is defined
"""

RETURN = r"""
---
id:
  description: UUID of the key pair.
  returned: success
  type: str
  sample: "a6f7a5fc-43f8-11e5-a151-feff819cdc9f"
name:
  description: Name of the key pair.
  returned: success
  type: str
  sample: "deploy"
fingerprint:
  description: MD5 fingerprint of the public key.
  returned: success
  type: str
  sample: "86:5e:a3:e8:bd:95:7b:07:7c:c2:5c:f7:ad:8b:09:28"
private_key:
  description: Private key of a pair CloudStack created.
  returned: changed and the pair was created without public_key
  type: str
  sample: "-----BEGIN RSA PRIVATE KEY-----..."
diff:
  description: The managed fields before and after (with C(--diff)).
  returned: changed and diff mode
  type: dict
  sample: {"before": {"state": "absent"}, "after": {"name": "x", "state": "present"}}
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.ssh_key import SSH_KEY


def main():
    run_resource(SSH_KEY)


if __name__ == "__main__":
    main()
