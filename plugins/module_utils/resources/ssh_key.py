# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SSH key pairs, declared for the engine (module ssh_key).

Found by name within the owner (the caller, or account + domain, or project). With public_key the key is
registered (registerSSHKeyPair) and compared by its MD5 fingerprint, as CloudStack computes it: another
key under the same name is replaced (deleteSSHKeyPair + registerSSHKeyPair), and so is the key of another name with
the same public key (as ngine_io.cloudstack: found by fingerprint when no key has the name). Without public_key
CloudStack creates the pair (createSSHKeyPair) and returns the private key, only then.
"""
from __future__ import annotations

import base64
import binascii
import hashlib

from ..client import CloudStackError
from ..engine import Field, Resource


def fingerprint(public_key):
    """CloudStack's fingerprint of an OpenSSH public key: MD5 of the key blob, colon-separated hex."""
    parts = str(public_key).strip().split()
    try:
        if len(parts) < 2 or not parts[0].startswith(("ssh-", "ecdsa-", "sk-")):
            raise ValueError
        blob = base64.b64decode(parts[1], validate=True)
    except (ValueError, binascii.Error):
        raise CloudStackError("public_key is not an OpenSSH public key (\"ssh-rsa AAAA... comment\"): %r" % str(public_key)[:40]) from None
    digest = hashlib.md5(blob).hexdigest()  # noqa: S324 - the fingerprint format CloudStack uses
    return ":".join(digest[i:i + 2] for i in range(0, 32, 2))


class SshKeyResource(Resource):
    def owner(self, engine):
        p = engine.params
        resolver = engine.module.resolver
        out = {}
        domainid = resolver.id("domain", p["domain"], option="domain") if p.get("domain") else None
        if p.get("project"):
            out["projectid"] = resolver.id("project", p["project"], option="project", **({"domainid": domainid} if domainid else {}))
        elif p.get("account"):
            out.update(account=p["account"], domainid=domainid or resolver.id("domain", "ROOT", option="domain"))
        elif domainid:
            out["domainid"] = domainid
        return out

    def lookup_params(self, engine):
        if engine.params.get("public_key"):
            fingerprint(engine.params["public_key"])  # bad input fails before anything else
        return dict(self.owner(engine), name=engine.params["name"])

    def matches(self, engine, obj):
        return obj.get("name") == engine.params["name"]

    def find_more(self, engine):
        """No key of that name: the key with the same public key under another name (ngine_io looks up by fingerprint
        first): its name differs, so it is replaced by the key under the new name (CloudStack keeps one key pair per
        public key and account)."""
        if not engine.params.get("public_key"):
            return []
        return engine.client.list(self.list_command, key=self.list_key, fingerprint=fingerprint(engine.params["public_key"]),
                                  **self.owner(engine))

    def create_params(self, engine):
        params = dict(self.owner(engine), name=engine.params["name"])
        if engine.params.get("public_key"):
            params["publickey"] = engine.params["public_key"].strip()
        return params

    def address(self, engine, current):
        return dict(self.owner(engine), name=current["name"])

    def create_command_for(self, engine):
        return "registerSSHKeyPair" if engine.params.get("public_key") else "createSSHKeyPair"


SSH_KEY = SshKeyResource(
    name="SSH key pair",
    list_command="listSSHKeyPairs",
    list_key="sshkeypair",
    create_command="createSSHKeyPair",
    create_key="keypair",
    delete_command="deleteSSHKeyPair",
    id_option=None,
    id_param=None,
    absent_if_scope_missing=True,
    fields=(
        # a key found by its public key under another name is replaced (find_more): deleted, registered under this name
        # (not identity=True: the engine never compares an identity with on_change=recreate; it is looked up and matched)
        Field("name", lookup=True, match=True, compare="exact", on_change="recreate", spec={"required": True}),
        Field("public_key", param="publickey", field="fingerprint", transform=fingerprint, on_change="recreate", create=False),
        Field("domain", compare=None, create=False),
        Field("account", compare=None, create=False),
        Field("project", compare=None, create=False),
    ),
    returns={"privatekey": "private_key", "fingerprint": "fingerprint"},
)
