# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A secondary IP of an instance's NIC, declared for the engine (module instance_nic_secondaryip).

The NIC is the instance's NIC in network, else its default NIC (listNics; none: ngine_io's failure "NIC for VM ...
in network ... not found"). The object is the NIC's secondary IP vm_guest_ip: present adds it (addIpToNic, async),
absent removes it (removeIpFromNic, async). Without vm_guest_ip every run adds a new address (CloudStack picks it),
as ngine_io documents; after a lost reply the address that appeared on the NIC meanwhile is the one added (it is
not added again). The result is the NIC (its id, primary address, MAC) with vm_guest_ip (the address on it, else the one given), as
ngine_io returns it.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, Resource, ResourceEngine, to_result
from .guest import poll_async_field
from .instance_nic import network_field, scope_fields, vm_field


def secondary_ips(nic):
    return [s for s in (nic or {}).get("secondaryip") or [] if s.get("ipaddress")]


class NicSecondaryIpResource(Resource):
    def lookup_params(self, engine):
        if engine.params.get("vpc") and not engine.params.get("network"):  # ngine_io's get_network: a VPC has no default NIC
            engine.resolved(self.by_option["vpc"])  # a VPC that does not exist: that first
            raise CloudStackError("Could not find network for VPC '%s' due missing argument: network" % engine.params["vpc"])
        return super().lookup_params(engine)

    def matches(self, engine, obj):
        # without network: the instance's default NIC (ngine_io takes the first NIC listNics returns)
        return bool(engine.params.get("network")) or str(obj.get("isdefault")).lower() == "true"

    def find_more(self, engine):
        raise CloudStackError("NIC for VM %s in network %s not found" % (
            engine.params.get("vm"), engine.params.get("network")))  # ngine_io's message

    def normalize_current(self, engine, obj):
        """The NIC -> the secondary IP on it (the NIC with vmguestip and the address's id), or None."""
        nic = obj
        known = engine.memo.setdefault("known_ips", {s["ipaddress"] for s in secondary_ips(nic)})
        engine.memo["nic"] = nic
        wanted = engine.params.get("vm_guest_ip")
        if wanted:
            found = [s for s in secondary_ips(nic) if s["ipaddress"] == wanted]
        else:  # a new address each run: after a lost reply, the one that appeared since the first look
            found = [s for s in secondary_ips(nic) if s["ipaddress"] not in known]
        return dict(nic, vmguestip=found[0]["ipaddress"], secondaryipid=found[0]["id"]) if found else None

    def create_params(self, engine):
        params = {"nicid": engine.memo["nic"]["id"]}
        if engine.params.get("vm_guest_ip"):
            params["ipaddress"] = engine.params["vm_guest_ip"]
        return params

    def after_write(self, engine, obj):
        if not obj or "vmguestip" in obj:  # found again after a lost reply: already the NIC with its address
            return obj
        nic = dict(engine.memo["nic"])
        nic["secondaryip"] = secondary_ips(nic) + [{"id": obj.get("id"), "ipaddress": obj.get("ipaddress")}]
        return dict(nic, vmguestip=obj.get("ipaddress"), secondaryipid=obj.get("id"))

    def address(self, engine, current):
        return {"id": current["secondaryipid"]}

    def result(self, engine, obj):
        out = to_result(obj, self.returns)
        if obj.get("networkname"):
            out["network"] = obj["networkname"]
        return out


class NicSecondaryIpEngine(ResourceEngine):
    """The NIC's keys are returned whether or not the address is on it (ngine_io returns the NIC in check mode and
    when there is nothing to remove)."""

    def finish(self, obj, deleted=False):
        result = super().finish(obj, deleted)
        if not obj and self.memo.get("nic"):
            for key, value in self.resource.result(self, self.memo["nic"]).items():
                result.setdefault(key, value)
            result.setdefault("vm_guest_ip", self.params.get("vm_guest_ip"))  # the address meant, as ngine_io returns it
        return result


INSTANCE_NIC_SECONDARYIP = NicSecondaryIpResource(
    name="secondary IP",
    list_command="listNics", list_key="nic",
    create_command="addIpToNic", create_key="nicsecondaryip",
    delete_command="removeIpFromNic",
    async_commands=frozenset({"addIpToNic", "removeIpFromNic"}),
    id_option=None,
    fields=(
        vm_field(),
        network_field(required=False),
        Field("vm_guest_ip", param="ipaddress", field="vmguestip", spec={"aliases": ["secondary_ip"]}),
    ) + scope_fields() + (poll_async_field(),),
    returns={"ipaddress": "ip_address", "macaddress": "mac_address", "netmask": "netmask", "vmguestip": "vm_guest_ip"},
)
