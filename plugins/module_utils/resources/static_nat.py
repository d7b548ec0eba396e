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
from ..engine import Field, ResourceEngine
from ..resolve import ResolveError
from .guest import GuestResource, owner_fields, poll_async_field
from .portforward import GUEST_IP_NOT_FOUND, VM_REQUIRED, nic_with_ip


def is_static_nat(obj):
    return str((obj or {}).get("isstaticnat")).lower() == "true"


class StaticNatEngine(ResourceEngine):
    """absent: an address without static NAT is already as wanted; the address is returned as it is (as
    ngine_io.cloudstack does), with no change."""

    def find(self):
        if getattr(self, "_first", None) is not None:
            found, self._first = self._first[0], None
            return found
        return super().find()

    def run(self):
        if self.params.get("state") == "absent":
            try:
                current = super().find()
            except ResolveError:  # the zone names nothing: nor is there an address with static NAT in it
                current = None
            if current is not None and not is_static_nat(current):
                return self.finish(current, deleted=True)
            self._first = (current,)
        return super().run()


class StaticNatResource(GuestResource):
    def lookup_params(self, engine):
        if engine.params.get("state") != "absent":
            self.vm(engine)  # present needs the instance, whatever the address has now
        return super().lookup_params(engine)

    def vm(self, engine):
        if not engine.params.get("vm"):
            raise CloudStackError(VM_REQUIRED)
        return engine.resolved(self.by_option["vm"])

    def normalize_current(self, engine, obj):
        if obj and not is_static_nat(obj):
            for key in ("virtualmachineid", "virtualmachinename", "virtualmachinedisplayname", "vmipaddress"):
                obj.pop(key, None)
        return obj

    def not_found(self, engine):
        return "IP address '%s' not found" % engine.params.get("ip_address")

    def address(self, engine, current):
        return {"ipaddressid": current["id"]}

    def before_update(self, engine, current, params):
        vm = self.vm(engine)
        guest_ip = engine.params.get("vm_guest_ip")
        network = engine.wanted_param(self.by_option["network"]) if engine.params.get("network") else None
        if guest_ip:
            nic = nic_with_ip(vm, guest_ip)
            if nic is None:
                raise CloudStackError(GUEST_IP_NOT_FOUND % guest_ip)
            network = network or nic.get("networkid")
        if is_static_nat(current):
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
    absent_if_scope_missing=True,
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
