# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The cluster, declared for the engine (modules cluster and cluster_info).

listClusters filters on `name`; addCluster and updateCluster call it `clustername`. A cluster is
found by name in its zone (and pod when given). What only addCluster takes (url, credentials, vSwitch
and VSM settings, Ovm3 options) is used at creation and never compared: CloudStack does not return it.
"""
from __future__ import annotations

from ..engine import Field, Resource

HYPERVISOR_HELP = "KVM, VMware, BareMetal, XenServer, LXC, HyperV, UCS, OVM, Simulator"


class ClusterResource(Resource):
    def create_params(self, engine):
        params = super().create_params(engine)
        params["clustername"] = params.pop("name")
        return params


CLUSTER = ClusterResource(
    name="cluster",
    list_command="listClusters",
    list_key="cluster",
    create_command="addCluster",
    create_key="cluster",
    update_command="updateCluster",
    update_key="cluster",
    delete_command="deleteCluster",
    id_option=None,
    absent_if_scope_missing=True,  # parent missing: absent is no change (ngine_io); check mode reports a create
    fields=(
        Field("name", update_param="clustername", identity=True, compare="ci", on_change="ignore", spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", identity=True, compare=None, return_key="zone", spec={"required": True}),
        Field("pod", param="podid", resolve="pod", resolve_scope={"zoneid": "zone"}, display="podname", lookup=True,
              on_change="create_only", required_on_create=True),
        Field("cluster_type", param="clustertype", required_on_create=True, spec={"choices": ["CloudManaged", "ExternalManaged"]}),
        # updateCluster changes the hypervisor type (CloudStack's ResourceManagerImpl.updateCluster; ngine_io sends it)
        Field("hypervisor", field="hypervisortype", compare="ci", required_on_create=True),
        Field("url", compare=None),
        Field("username", compare=None),
        Field("password", compare=None, spec={"no_log": True}),
        Field("guest_vswitch_name", compare=None),
        Field("guest_vswitch_type", compare=None, spec={"choices": ["vmwaresvs", "vmwaredvs"]}),
        Field("public_vswitch_name", compare=None),
        Field("public_vswitch_type", compare=None, spec={"choices": ["vmwaresvs", "vmwaredvs"]}),
        Field("vms_ip_address", param="vsmipaddress", compare=None),
        Field("vms_username", param="vsmusername", compare=None),
        Field("vms_password", param="vsmpassword", compare=None, spec={"no_log": True}),
        Field("ovm3_cluster", compare=None),
        Field("ovm3_pool", compare=None),
        Field("ovm3_vip", on_change="create_only"),
    ),
    states={"enabled": {"allocationstate": "Enabled"}, "disabled": {"allocationstate": "Disabled"}},
    state_field="allocationstate",
    returns={
        "allocationstate": "allocation_state",
        "podname": "pod",
        "managedstate": "managed_state",
        "memoryovercommitratio": "memory_overcommit_ratio",
        "cpuovercommitratio": "cpu_overcommit_ratio",
    },
    info_key="clusters",
    info_filters={"name": "name", "id": "id", "zone": "zoneid", "pod": "podid", "hypervisor": "hypervisor"},
)
