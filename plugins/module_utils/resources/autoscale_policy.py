# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The autoscale policy, declared for the engine (module autoscale_policy; ngine_io.cloudstack has none, Terraform's
cloudstack_autoscale_policy has name, action, duration, quiet_time, condition_ids).

A policy is found by its name within its owner (the owner of its conditions: createAutoScalePolicy has no owner
parameter). The action cannot change (updateAutoScalePolicy has no such parameter: a warning); duration, quiet time
and the conditions (their ids, as autoscale_condition returns them) are updated. CloudStack refuses to update a policy
of a VM group that is not disabled, and to delete one a VM group uses.
"""
from __future__ import annotations

from ..engine import Field, Resource
from .guest import owner_fields

ACTIONS = ["scaleup", "scaledown"]


def lower(value):
    return str(value).lower()


class PolicyResource(Resource):
    def normalize_current(self, engine, obj):
        if obj:
            obj["_conditionids"] = [c.get("id") for c in obj.get("conditions") or []]
            obj["_action"] = str(obj.get("action", "")).lower()
        return obj

    def after_write(self, engine, obj):
        return self.normalize_current(engine, obj)

    def create_params(self, engine):
        params = super().create_params(engine)
        for owner in ("domainid", "account", "projectid"):  # the policy is its conditions' owner's
            params.pop(owner, None)
        return params


AUTOSCALE_POLICY = PolicyResource(
    name="autoscale policy",
    list_command="listAutoScalePolicies",
    list_key="autoscalepolicy",
    create_command="createAutoScalePolicy",
    create_key="autoscalepolicy",
    update_command="updateAutoScalePolicy",
    update_key="autoscalepolicy",
    delete_command="deleteAutoScalePolicy",
    async_commands=frozenset(["createAutoScalePolicy", "updateAutoScalePolicy", "deleteAutoScalePolicy"]),
    list_params={"listall": True},
    fields=(
        Field("name", identity=True, spec={"required": True}),
        Field("action", field="_action", transform=lower, required_on_create=True, on_change="create_only", spec={"choices": ACTIONS}),
        Field("duration", type="int", compare="loose", required_on_create=True),
        Field("quiet_time", param="quiettime", type="int", compare="loose"),
        Field("conditions", param="conditionids", field="_conditionids", type="list", compare="set", required_on_create=True,
              spec={"elements": "str"}),
    ) + owner_fields(),
    returns={"action": "action", "duration": "duration", "quiettime": "quiet_time", "_conditionids": "conditions", "conditions": None},
)
