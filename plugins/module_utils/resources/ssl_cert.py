# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""An SSL certificate for load balancers, declared for the engine (module ssl_cert).

- Found by name among the certificates of its owner: listSslCerts takes no name, only the owner's account (or project)
  id: the caller's own account (listAccounts without listall), account + domain, or project.
- CloudStack cannot change a certificate: another certificate or chain under the same name is deleted and uploaded
  again (deleteSslCert refuses while a load balancer rule uses it). The private key and its password are write-only:
  never compared, never returned, no_log.
"""
from __future__ import annotations

from ..engine import Field
from .guest import GuestResource, owner_fields


def pem(value):
    """A PEM text as compared: lines stripped, blank lines dropped."""
    if value is None:
        return None
    return "\n".join(line.strip() for line in str(value).strip().splitlines() if line.strip())


class SslCertResource(GuestResource):
    def owner_filter(self, engine):
        p = engine.params
        if p.get("project"):
            return {"projectid": engine.wanted_param(self.by_option["project"])}
        if p.get("account"):
            scope = {"domainid": engine.wanted_param(self.by_option["domain"])} if p.get("domain") else {}
            return {"accountid": engine.module.resolver.id("account", p["account"], option="account", **scope)}
        cached = engine.memo.get("caller_account")
        if cached is None:
            accounts = engine.client.list("listAccounts", key="account")  # without listall: the caller's own account
            cached = engine.memo["caller_account"] = accounts[0]["id"]
        return {"accountid": cached}

    def lookup_params(self, engine):
        return self.owner_filter(engine)

    def matches(self, engine, obj):
        return obj.get("name") == engine.params.get("name")

    def normalize_current(self, engine, obj):
        for key in ("certificate", "certchain"):
            if obj and obj.get(key):
                obj[key] = pem(obj[key])
        return obj


SSL_CERT = SslCertResource(
    name="SSL certificate",
    list_command="listSslCerts",
    list_key="sslcert",
    create_command="uploadSslCert",
    create_key="sslcert",
    delete_command="deleteSslCert",
    id_option=None,
    absent_if_scope_missing=True,
    fields=(
        Field("name", identity=True, spec={"required": True}),
        Field("certificate", transform=pem, on_change="recreate", required_on_create=True),
        Field("private_key", param="privatekey", compare=None, required_on_create=True, spec={"no_log": True}),
        Field("certificate_chain", param="certchain", transform=pem, on_change="recreate"),
        Field("password", compare=None, spec={"no_log": True}),
        Field("enabled_revocation_check", param="enabledrevocationcheck", type="bool", compare=None),
    ) + owner_fields(),
    returns={"fingerprint": "fingerprint", "loadbalancerrulelist": "load_balancer_rules", "certchain": "certificate_chain"},
)
