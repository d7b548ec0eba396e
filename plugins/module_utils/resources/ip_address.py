# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The public IP address, declared for the engine (module ip_address).

A public IP has no name (ansible/ansible#39016): it is identified by ip_address, or else by its tags (the
tags are the unique key, as ngine_io.cloudstack documents it). Without either, a task could only allocate
another address on every run: it fails instead, naming both options.

associateIpAddress and disassociateIpAddress are async jobs. After a lost reply to associateIpAddress
(the address may or may not be allocated, and it has no tags yet), the engine looks for an address of
the zone (network) that was not allocated before this task and has no tags: that one is taken, so a
retry never allocates a second one.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field
from ..tags import ensure_tags, tags_of
from .guest import GuestResource, owner_fields, poll_async_field, tags_param


class IpAddressResource(GuestResource):
    def scope_params(self, engine):
        params = {"zoneid": engine.wanted_param(self.by_option["zone"]), "allocatedonly": True}
        for option, param in (("domain", "domainid"), ("account", "account"), ("project", "projectid")):
            value = engine.wanted_param(self.by_option[option])
            if value is not None:
                params[param] = value
        network = engine.wanted_param(self.by_option["network"])
        if network:
            params["associatednetworkid"] = network
        vpc = engine.wanted_param(self.by_option["vpc"])
        if vpc:
            params["vpcid"] = vpc
        return params

    def lookup_params(self, engine):
        params = self.scope_params(engine)
        if engine.memo.get("ip_ids_before") is not None:
            return params
        if engine.params.get("ip_address"):
            params["ipaddress"] = engine.params["ip_address"]
        elif engine.params.get("tags"):
            params["tags"] = tags_param(engine.params)
        else:
            raise CloudStackError("ip_address: set ip_address or tags (a public IP address has no name: its tags identify it)")
        return params

    def matches(self, engine, obj):
        before = engine.memo.get("ip_ids_before")
        if before is not None:
            return obj.get("id") not in before and not obj.get("tags")
        if engine.params.get("ip_address"):
            return str(obj.get("ipaddress")) == str(engine.params["ip_address"])
        have = tags_of(obj)
        return all(have.get(k) == v for k, v in tags_param(engine.params).items())

    def normalize_current(self, engine, obj):
        if obj and engine.params.get("state") == "absent" and str(obj.get("isstaticnat")).lower() == "true":
            # as ngine_io: an address in use by a static NAT is not released (in check mode too); disable it first (static_nat)
            raise CloudStackError("IP address is allocated via static nat")
        return obj

    def create_params(self, engine):
        params = super().create_params(engine)
        scope = self.scope_params(engine)
        engine.memo["ip_ids_before"] = {ip.get("id") for ip in engine.client.list(self.list_command, key=self.list_key, **scope)}
        return params

    def after_write(self, engine, obj):
        engine.memo["ip_ids_before"] = None
        return obj

    def refresh(self, engine, obj):
        found = engine.client.list(self.list_command, key=self.list_key, id=obj["id"])
        return found[0] if found else obj

    def converge(self, engine, obj):
        return ensure_tags(engine, obj, "PublicIpAddress", refresh=lambda o: self.refresh(engine, o))

    def result(self, engine, obj):
        out = super().result(engine, obj)
        if engine.params.get("state") == "absent" and not engine.module.check_mode:
            out["tags"] = []  # a released address has no tags (ngine_io removes them before releasing it)
        return out

    def address(self, engine, current):
        return {"id": current["id"]}


IP_ADDRESS = IpAddressResource(
    name="ip address",
    list_command="listPublicIpAddresses",
    list_key="publicipaddress",
    create_command="associateIpAddress",
    create_key="ipaddress",
    delete_command="disassociateIpAddress",
    async_commands=frozenset(["associateIpAddress", "disassociateIpAddress"]),
    id_option=None,
    absent_if_scope_missing=True,
    no_refs_when_gone=True,  # ngine_io looks nothing up for an address that is not there
    fields=(
        Field("ip_address", param="ipaddress", identity=True, on_change="ignore"),
        Field("zone", param="zoneid", resolve="zone", compare=None, return_key="zone", spec={"required": True}),
        Field("network", param="networkid", field="associatednetworkid", resolve="network", resolve_scope={"zoneid": "zone"},
              display="associatednetworkname", on_change="create_only", return_key="network"),
        Field("vpc", param="vpcid", resolve="vpc", resolve_scope={"zoneid": "zone"}, display="vpcname", compare=None, return_key="vpc"),
        Field("tags", type="list", compare=None, create=False, lookup=True, spec={"elements": "dict", "aliases": ["tag"]}),
    ) + owner_fields() + (poll_async_field(),),
    returns={
        "associatednetworkname": "network",
        "associatednetworkid": "network_id",
        "vpcname": "vpc",
        "issourcenat": "is_source_nat",
        "isstaticnat": "is_static_nat",
        "virtualmachinename": "vm_name",
        "vmipaddress": "vm_guest_ip",
    },
)
