# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The autoscale condition, declared for the engine (module autoscale_condition; ngine_io.cloudstack has none,
Terraform's cloudstack_autoscale_condition has counter_id, relational_operator, threshold).

A condition has no name: it is found by its counter (by name, with counter_provider when the name is not unique) and
its relational operator within its owner; the threshold is updated (updateCondition takes both operator and threshold,
so both are sent). With id, the operator can be changed too. CloudStack refuses to update a condition used by a VM
group that is not disabled, and to delete one used by a policy.
"""
from __future__ import annotations

from ..engine import Field, Resource
from .autoscale_counter import counter_provider_field
from .guest import owner_fields

OPERATORS = ["GT", "GE", "LT", "LE", "EQ"]


def upper(value):
    return str(value).upper()


class ConditionResource(Resource):
    def normalize_current(self, engine, obj):
        if obj and obj.get("threshold") is not None:
            obj["threshold"] = int(obj["threshold"])
        return obj

    def before_update(self, engine, current, params):
        """updateCondition requires relationaloperator and threshold: the one not changed is sent as it is."""
        out = {"relationaloperator": current.get("relationaloperator"), "threshold": current.get("threshold")}
        out.update(params)
        return out

    def matches(self, engine, obj):
        """By counter (a list filter) and operator (none: compared here)."""
        return str(obj.get("relationaloperator", "")).upper() == upper(engine.params.get("relational_operator"))


AUTOSCALE_CONDITION = ConditionResource(
    name="autoscale condition",
    list_command="listConditions",
    list_key="condition",
    create_command="createCondition",
    create_key="condition",
    update_command="updateCondition",
    update_key="condition",
    delete_command="deleteCondition",
    async_commands=frozenset(["createCondition", "updateCondition", "deleteCondition"]),
    list_params={"listall": True},
    fields=(
        Field("counter", param="counterid", resolve="counter", resolve_scope={"provider": "counter_provider"}, identity=True,
              display="countername", return_key="counter", on_change="create_only", spec={"required": True}),
        counter_provider_field(),
        Field("relational_operator", param="relationaloperator", compare="ci", transform=upper, lookup=False,
              spec={"required": True, "choices": OPERATORS}),
        Field("threshold", type="int", compare="loose", required_on_create=True),
    ) + owner_fields(),
    returns={"counterid": "counter_id", "relationaloperator": "relational_operator", "threshold": "threshold", "countername": None},
)
