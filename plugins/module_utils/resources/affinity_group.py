# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The affinity group, declared for the engine (module affinity_group).

Found by name within its owner. CloudStack cannot change a group's type or description: a difference is
a warning. The type defaults to the first type listAffinityGroupTypes offers (as ngine_io.cloudstack does);
a type CloudStack does not offer fails before anything is created, naming the offered ones.
createAffinityGroup and deleteAffinityGroup are async jobs.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field
from .guest import GuestResource, owner_fields, poll_async_field


class AffinityGroupResource(GuestResource):
    def create_params(self, engine):
        params = super().create_params(engine)
        types = [t.get("type") for t in engine.client.list("listAffinityGroupTypes")]
        wanted = params.get("type")
        if wanted is None:
            if not types:
                raise CloudStackError("affinity group %s: CloudStack offers no affinity group types" % engine.params["name"])
            params["type"] = types[0]
        elif wanted not in types:
            match = [t for t in types if str(t).lower() == str(wanted).lower()]
            if not match:
                raise CloudStackError("affinity_type %r is not an affinity group type of this cloud (%s)" % (wanted, ", ".join(map(str, types))))
            params["type"] = match[0]
        return params


AFFINITY_GROUP = AffinityGroupResource(
    name="affinity group",
    list_command="listAffinityGroups",
    list_key="affinitygroup",
    create_command="createAffinityGroup",
    create_key="affinitygroup",
    delete_command="deleteAffinityGroup",
    async_commands=frozenset(["createAffinityGroup", "deleteAffinityGroup"]),
    id_option=None,
    fields=(
        Field("name", identity=True, spec={"required": True}),
        Field("affinity_type", param="type", compare="ci"),
        Field("description"),
    ) + owner_fields() + (poll_async_field(),),
    returns={"virtualmachineIds": "vm_ids"},
)
