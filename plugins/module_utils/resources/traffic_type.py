# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The traffic type of a physical network, declared for the engine (module traffic_type).

listTrafficTypes takes only the physical network: the traffic type is matched in its (short) answer.
The network labels are updated with updateTrafficType; the isolation method and the VLAN are only used
by addTrafficType. All three commands are async.
"""
from __future__ import annotations

from ..engine import Field, Resource

TRAFFIC_TYPE = Resource(
    name="traffic type",
    absent_if_scope_missing=True,  # parent missing: absent is no change; check mode reports a create (a warning)
    list_command="listTrafficTypes",
    list_key="traffictype",
    create_command="addTrafficType",
    create_key="traffictype",
    update_command="updateTrafficType",
    update_key="traffictype",
    delete_command="deleteTrafficType",
    async_commands=frozenset(["addTrafficType", "updateTrafficType", "deleteTrafficType"]),
    id_option=None,
    fields=(
        # returned as ngine_io does: the id of the object's physical network, its name when there is no object
        Field("physical_network", param="physicalnetworkid", resolve="physical_network", resolve_scope={"zoneid": "zone"}, identity=True,
              compare=None, return_key="physical_network", spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", create=False, lookup=False, compare=None, return_key="zone", spec={"required": True}),
        Field("traffic_type", param="traffictype", identity=True, lookup=False, on_change="ignore",
              spec={"required": True, "choices": ["Management", "Guest", "Public", "Storage"]}),
        Field("hyperv_networklabel"),
        Field("kvm_networklabel"),
        Field("ovm3_networklabel"),
        Field("vmware_networklabel"),
        Field("xen_networklabel"),
        Field("isolation_method", compare=None, spec={"choices": ["vlan", "vxlan"]}),
        Field("vlan", compare=None),
    ),
    returns={
        "physicalnetworkid": "physical_network",
    },
)
