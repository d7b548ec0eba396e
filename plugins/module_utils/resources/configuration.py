# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Configuration settings (global, or scoped to a zone, cluster, storage pool or account),
declared for the engine (modules configuration and configuration_info).

A setting has no id: listConfigurations/updateConfiguration address it by name plus the scope's id.
CloudStack leaves "value" out of the reply when the value is empty (ngine_io#24): the engine treats a
missing field and "" alike, so an empty wanted value is no change.
"""
from __future__ import annotations

from ..engine import Field, Resource


def config_value(value):
    """Ansible turns YAML booleans given to a str option into True/False; CloudStack wants true/false."""
    text = str(value)
    return text.lower() if text in ("True", "False") else text


class ConfigurationResource(Resource):
    def not_found(self, engine):
        """A setting that exists globally but not in the scope asked for: say so."""
        name = engine.params.get("name")
        scopes = [f.option for f in self.fields if f.identity and f.resolve and engine.params.get(f.option) is not None]
        if scopes:
            exists = [c for c in engine.client.list(self.list_command, key=self.list_key, name=name) if c.get("name") == name]
            if exists:
                return "configuration %s exists but has no %s scope: it cannot be set per %s" % (name, scopes[0], scopes[0])
        return "Configuration %s not found." % name  # ngine_io's message


CONFIGURATION = ConfigurationResource(
    name="configuration",
    absent_if_scope_missing=True,  # parent missing: absent is no change; check mode reports a create (a warning)
    list_command="listConfigurations",
    list_key="configuration",
    update_command="updateConfiguration",
    update_key="configuration",
    id_option=None,
    id_param=None,
    fields=(
        Field("name", identity=True, compare=None, create=False, spec={"required": True}),
        Field("value", compare="loose", transform=config_value, spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", identity=True, compare=None, return_key="zone"),
        Field("cluster", param="clusterid", resolve="cluster", identity=True, compare=None, return_key="cluster"),
        Field("storage", param="storageid", resolve="storage_pool", identity=True, compare=None, return_key="storage"),
        Field("account", param="accountid", resolve="account", resolve_scope={"domainid": "domain"}, identity=True, compare=None,
              return_key="account"),
        # only considered with account (as in ngine_io.cloudstack)
        Field("domain", param="domainid", resolve="domain", compare=None, create=False, return_key="domain", spec={"default": "ROOT"}),
    ),
    returns={
        "category": "category",
        "scope": "scope",
        "defaultvalue": "default_value",
        "isdynamic": "is_dynamic",
    },
    info_key="configurations",
    info_filters={"name": "name", "category": "category", "keyword": "keyword", "zone": "zoneid", "cluster": "clusterid", "storage": "storageid"},
)
