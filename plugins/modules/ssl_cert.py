#!/usr/bin/python
# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: ssl_cert
short_description: Manages SSL certificates for load balancers on Apache CloudStack based clouds
description:
  - Upload and remove SSL certificates (C(uploadSslCert), C(deleteSslCert)) that load balancer rules terminate SSL with.
  - A certificate is found by I(name) among the certificates of its owner (the caller's account, I(account) with
    I(domain), or I(project)).
  - "CloudStack cannot change a certificate: another I(certificate) or I(certificate_chain) under the same name is
    deleted and uploaded again (refused by CloudStack while a load balancer rule uses it)."
  - The private key and its password are only sent at upload; they are never compared nor returned.
  - C(ngine_io.cloudstack) has no such module.
version_added: 0.1.0
author: csops.cloudstack developers (!UNKNOWN)
options:
  name:
    description:
      - Name of the certificate.
    type: str
    required: true
  certificate:
    description:
      - The certificate (PEM); required to upload it.
    type: str
  private_key:
    description:
      - The private key of the certificate (PEM); required to upload it. Never shown.
    type: str
  certificate_chain:
    description:
      - The chain of trust (PEM certificates).
    type: str
  password:
    description:
      - Password of the private key. Never shown.
    type: str
  enabled_revocation_check:
    description:
      - Whether CloudStack checks the certificate for revocation at upload (its default is to check).
    type: bool
  domain:
    description:
      - Domain (path, for example C(ROOT/customers), or ID) of the owner; with I(account).
    type: str
  account:
    description:
      - "Account owning the certificate (with I(domain)); default: the caller's account."
    type: str
  project:
    description:
      - Name or ID of the project owning the certificate.
    type: str
  state:
    description:
      - State of the certificate.
    type: str
    default: present
    choices: [ present, absent ]
extends_documentation_fragment:
  - csops.cloudstack.cloudstack
  - csops.cloudstack.cloudstack.attributes
"""

EXAMPLES = r"""
- name: Upload a certificate
  csops.cloudstack.ssl_cert:
    name: www
    certificate: "{{ lookup('file', 'www.crt') }}"
    private_key: "{{ lookup('file', 'www.key') }}"
    certificate_chain: "{{ lookup('file', 'chain.pem') }}"

- name: Remove it
  csops.cloudstack.ssl_cert:
    name: www
    state: absent
"""

RETURN = r"""
---
id:
  description: UUID of the certificate.
  returned: success
  type: str
  sample: a6f7a5fc-43f8-11e5-a151-feff819cdc9f
name:
  description: Name of the certificate.
  returned: success
  type: str
  sample: www
certificate:
  description: The certificate (PEM).
  returned: success
  type: str
certificate_chain:
  description: The chain of trust (PEM).
  returned: success
  type: str
fingerprint:
  description: SHA-1 fingerprint of the certificate.
  returned: success
  type: str
  sample: "3f:1c:..."
load_balancer_rules:
  description: IDs of the load balancer rules using the certificate.
  returned: success
  type: list
  sample: []
account:
  description: Account owning the certificate.
  returned: success
  type: str
  sample: admin
domain:
  description: Domain of the owner.
  returned: success
  type: str
  sample: ROOT
project:
  description: Project owning the certificate.
  returned: success
  type: str
diff:
  description: The managed fields before and after the task (with C(--diff)); the private key never shows.
  returned: when diff mode is on
  type: dict
"""

from ..module_utils.engine import run_resource
from ..module_utils.resources.ssl_cert import SSL_CERT


def main():
    run_resource(SSL_CERT)


if __name__ == "__main__":
    main()
