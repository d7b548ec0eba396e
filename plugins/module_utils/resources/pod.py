# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pod, declared for the engine (modules pod and pod_info).

Since 4.11 listPods answers startip/endip as lists (one entry per management IP range, the same as
ipranges[].startip): the first range is the pod's range, as ngine_io.cloudstack reads it.
"""
from __future__ import annotations

from ..engine import Field, Resource, to_result


def first_of(value):
    if isinstance(value, list):
        return value[0] if value else None
    return value


class PodResource(Resource):
    def normalize_current(self, engine, obj):
        if obj:
            for key in ("startip", "endip"):
                if key in obj:
                    obj[key] = first_of(obj[key])
        return obj

    def result(self, engine, obj):
        return to_result(self.normalize_current(engine, dict(obj)), self.returns, self.returns_to_int)


POD = PodResource(
    name="pod",
    absent_if_scope_missing=True,  # parent missing: absent is no change; check mode reports a create (a warning)
    list_command="listPods",
    list_key="pod",
    create_command="createPod",
    create_key="pod",
    update_command="updatePod",
    update_key="pod",
    delete_command="deletePod",
    fields=(
        Field("name", identity=True, compare="ci", spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", identity=True, compare=None, return_key="zone", spec={"required": True}),
        Field("start_ip", param="startip", required_on_create=True),
        Field("end_ip", param="endip"),
        Field("netmask", required_on_create=True),
        Field("gateway", required_on_create=True),
    ),
    states={"enabled": {"allocationstate": "Enabled"}, "disabled": {"allocationstate": "Disabled"}},
    state_field="allocationstate",
    returns={
        "allocationstate": "allocation_state",
    },
    info_key="pods",
    info_filters={"name": "name", "id": "id", "zone": "zoneid"},
)
