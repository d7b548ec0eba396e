# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""System VMs (listSystemVms: the secondary storage VM and the console proxy of each zone), declared for system_vm_info."""
from __future__ import annotations

from ..engine import Field
from .health import InfoResource

SYSTEM_VM = InfoResource(
    name="system VM",
    list_command="listSystemVms",
    list_key="systemvm",
    fields=(
        Field("zone", param="zoneid", resolve="zone", compare=None),
        Field("pod", param="podid", resolve="pod", compare=None),
        Field("host", param="hostid", resolve="host", compare=None),
    ),
    returns={
        "systemvmtype": "system_vm_type", "zoneid": "zone_id", "podid": "pod_id", "podname": "pod", "hostid": "host_id", "hostname": "host",
        "agentstate": "agent_state", "publicip": "public_ip", "privateip": "private_ip", "linklocalip": "link_local_ip",
        "gateway": "gateway", "dns1": "dns1", "dns2": "dns2", "templateid": "template_id", "templatename": "template",
        "version": "version", "hypervisor": "hypervisor", "activeviewersessions": "active_viewer_sessions",
        "disconnected": "disconnected", "networkdomain": "network_domain",
    },
    info_key="system_vms",
    info_filters={"id": "id", "name": "name", "zone": "zoneid", "pod": "podid", "host": "hostid", "system_vm_type": "systemvmtype",
                  "state": "state"},
)
