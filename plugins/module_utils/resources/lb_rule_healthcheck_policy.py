# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The health check policy of a load balancer rule, declared for the engine (module lb_rule_healthcheck_policy).

CloudStack keeps one health check policy per rule (a second is refused) and has no command that changes its values
(updateLBHealthCheckPolicy only sets the display flag): a policy that differs is deleted and created again.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field
from .guest import poll_async_field
from .lb_rule import PolicyResource, policy_rule_fields


class HealthCheckPolicyResource(PolicyResource):
    inner_key = "healthcheckpolicy"

    def before_delete(self, engine, current):
        """A changed policy is deleted before the new one is created (CloudStack refuses a second one): CloudStack's own
        check of the values is made first, so that a refused change does not leave the rule without a policy."""
        if engine.params.get("state") != "absent":
            timeout = engine.params.get("response_timeout")
            interval = engine.params.get("interval")
            timeout = timeout if timeout is not None else current.get("responsetime")
            interval = interval if interval is not None else current.get("healthcheckinterval")
            if timeout is not None and interval is not None and int(timeout) > int(interval):
                raise CloudStackError("response_timeout (%s) must not be greater than interval (%s)" % (timeout, interval))
        return current


HEALTHCHECK_POLICY = HealthCheckPolicyResource(
    name="health check policy",
    list_command="listLBHealthCheckPolicies",
    list_key="healthcheckpolicies",
    create_command="createLBHealthCheckPolicy",
    create_key="healthcheckpolicies",
    delete_command="deleteLBHealthCheckPolicy",
    async_commands=frozenset(["createLBHealthCheckPolicy", "deleteLBHealthCheckPolicy"]),
    id_option=None,
    absent_if_scope_missing=True,
    fields=policy_rule_fields() + (
        Field("ping_path", param="pingpath", on_change="recreate"),
        Field("description", on_change="recreate"),
        Field("response_timeout", param="responsetimeout", field="responsetime", type="int", compare="loose", on_change="recreate"),
        Field("interval", param="intervaltime", field="healthcheckinterval", type="int", compare="loose", on_change="recreate"),
        Field("healthy_threshold", param="healthythreshold", field="healthcheckthresshold", type="int", compare="loose", on_change="recreate"),
        Field("unhealthy_threshold", param="unhealthythreshold", field="unhealthcheckthresshold", type="int", compare="loose",
              on_change="recreate"),
        poll_async_field(),
    ),
    returns={"lbruleid": "lb_rule_id", "fordisplay": "for_display"},
)
