# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Static NAT of a public IP address, declared for the engine (module static_nat).

The object is the public IP address (found by ip_address in its zone); nothing is created or deleted:
present enables static NAT to vm (enableStaticNat, at vm_guest_ip if given: the NIC with that address),
after disabling a static NAT to another instance or guest IP first (disableStaticNat, async); absent
disables it. An address that does not exist fails, naming it.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field
from .guest import GuestResource, owner_fields, poll_async_field
from .portforward import nic_with_ip


class StaticNatResource(GuestResource):
    def matches(self, engine, obj):
        if not super().matches(engine, obj):
            return False
        # absent: an address without static NAT is already as wanted
        return engine.params.get("state") != "absent" or str(obj.get("isstaticnat")).lower() == "true"

    def normalize_current(self, engine, obj):
        if obj and str(obj.get("isstaticnat")).lower() != "true":
            for key in ("virtualmachineid", "virtualmachinename", "virtualmachinedisplayname", "vmipaddress"):
                obj.pop(key, None)
        return obj

    def not_found(self, engine):
        return "ip address %r not found in zone %s (option ip_address)" % (engine.params.get("ip_address"), engine.params.get("zone"))

    def address(self, engine, current):
        return {"ipaddressid": current["id"]}

    def before_update(self, engine, current, params):
        vm = engine.resolved(self.by_option["vm"])
        guest_ip = engine.params.get("vm_guest_ip")
        network = engine.wanted_param(self.by_option["network"]) if engine.params.get("network") else None
        if guest_ip:
            nic = nic_with_ip(vm, guest_ip)
            if nic is None:
                raise CloudStackError("vm_guest_ip %s is not an address of instance %s (its NICs have %s)" % (
                    guest_ip, vm.get("name"), ", ".join(n.get("ipaddress", "?") for n in vm.get("nic") or [])))
            network = network or nic.get("networkid")
        if str(current.get("isstaticnat")).lower() == "true":
            engine.api("disableStaticNat", None, ipaddressid=current["id"])
        params = {"virtualmachineid": vm["id"]}
        if guest_ip:
            params["vmguestip"] = guest_ip
        if network:
            params["networkid"] = network
        return params


STATIC_NAT = StaticNatResource(
    name="static NAT",
    list_command="listPublicIpAddresses",
    list_key="publicipaddress",
    update_command="enableStaticNat",
    update_key="publicipaddress",
    delete_command="disableStaticNat",
    async_commands=frozenset(["disableStaticNat"]),
    id_option=None,
    fields=(
        Field("ip_address", param="ipaddress", identity=True, on_change="ignore", spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", identity=True, compare=None, spec={"required": True}),
        Field("vm", param="virtualmachineid", resolve="instance", resolve_scope={"zoneid": "zone"}, display="virtualmachinename"),
        Field("vm_guest_ip", param="vmguestip", field="vmipaddress"),
        Field("network", param="networkid", resolve="network", resolve_scope={"zoneid": "zone"}, compare=None),
        Field("vpc", param="vpcid", resolve="vpc", compare=None),
    ) + owner_fields() + (poll_async_field(),),
    returns={
        "virtualmachinename": "vm_name",
        "virtualmachinedisplayname": "vm_display_name",
        "isstaticnat": "is_static_nat",
        "associatednetworkname": "network",
    },
)
