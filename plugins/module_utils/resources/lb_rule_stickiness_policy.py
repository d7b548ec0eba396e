# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The stickiness policy of a load balancer rule, declared for the engine (module lb_rule_stickiness_policy).

CloudStack keeps one stickiness policy per rule and has no command that changes its name, method or parameters
(updateLBStickinessPolicy only sets the display flag): a policy that differs is replaced by a new one
(createLBStickinessPolicy, which replaces the rule's policy).
"""
from __future__ import annotations

from ..engine import Field
from .guest import poll_async_field
from .lb_rule import PolicyResource, policy_rule_fields

METHODS = ["LbCookie", "AppCookie", "SourceBased"]


def param_values(value):
    """The params option as sent and compared: {name: str value}; a flag without value (nocache, indirect, ...) is sent
    as true (CloudStack accepts a flag with or without a value; without one its reply would not show the flag)."""
    if value is None:
        return None
    return {str(k): ("true" if v is None else str(v).lower() if isinstance(v, bool) else str(v)) for k, v in dict(value).items()}


class StickinessPolicyResource(PolicyResource):
    inner_key = "stickinesspolicy"

    def create_params(self, engine):
        params = super().create_params(engine)
        values = params.pop("param", None) or {}
        params["param"] = [{"name": k, "value": v} for k, v in values.items()] or None
        return params

    def before_delete(self, engine, current):
        """A changed policy is not deleted first: createLBStickinessPolicy replaces the rule's policy (CloudStack revokes
        the old one when it applies the new), so a refused change leaves the old policy in place."""
        return None if engine.params.get("state") != "absent" else current


STICKINESS_POLICY = StickinessPolicyResource(
    name="stickiness policy",
    list_command="listLBStickinessPolicies",
    list_key="stickinesspolicies",
    create_command="createLBStickinessPolicy",
    create_key="stickinesspolicies",
    delete_command="deleteLBStickinessPolicy",
    async_commands=frozenset(["createLBStickinessPolicy", "deleteLBStickinessPolicy"]),
    id_option=None,
    absent_if_scope_missing=True,
    fields=policy_rule_fields() + (
        Field("name", on_change="recreate", required_on_create=True),
        Field("method", param="methodname", compare="ci", on_change="recreate", required_on_create=True, spec={"choices": METHODS}),
        Field("params", param="param", field="params", type="dict", transform=param_values, on_change="recreate"),
        Field("description", on_change="recreate"),
        poll_async_field(),
    ),
    returns={"lbruleid": "lb_rule_id", "fordisplay": "for_display"},
)
