# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The port forwarding rule, declared for the engine (module portforward).

- A rule is found on its public IP address by protocol and public port range. The private port range, the
  instance and its guest IP change with updatePortForwardingRule (async); creation and removal are async jobs.
- vm_guest_ip picks the NIC of the instance that has that address (its IP or a secondary IP): the rule goes
  to that NIC's network, so a port can be forwarded to a secondary NIC or a secondary IP (ngine_io#108).
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field
from ..tags import ensure_tags
from .firewall import public_ip
from .guest import GuestResource, owner_fields, poll_async_field, tags_field

# ngine_io's messages
VM_REQUIRED = "Virtual machine param 'vm' is required"
GUEST_IP_NOT_FOUND = "Secondary IP '%s' not assigned to VM"


def nic_with_ip(vm, ip):
    for nic in vm.get("nic") or []:
        if nic.get("ipaddress") == ip or any(s.get("ipaddress") == ip for s in nic.get("secondaryip") or []):
            return nic
    return None


class PortForwardResource(GuestResource):
    def normalize_current(self, engine, obj):
        for key in ("privateport", "privateendport", "publicport", "publicendport"):  # CloudStack returns them as strings
            if obj and str(obj.get(key, "")).isdigit():
                obj[key] = int(obj[key])
        return obj

    def public_range(self, engine):
        start, end = engine.params.get("public_port"), engine.params.get("public_end_port")
        return start, end if end is not None else start

    def lookup_params(self, engine):
        if engine.params.get("state") != "absent" and not engine.params.get("vm"):
            raise CloudStackError(VM_REQUIRED)  # present needs the instance, to create the rule or to compare it
        return {"ipaddressid": public_ip(engine)["id"], "listall": True}

    def matches(self, engine, obj):
        start, end = self.public_range(engine)
        return (str(obj.get("protocol", "")).lower() == engine.params.get("protocol")
                and int(obj.get("publicport", -1)) == start and int(obj.get("publicendport") or obj.get("publicport", -1)) == end)

    def vm(self, engine):
        return engine.resolved(self.by_option["vm"]) if engine.params.get("vm") else None

    def guest_network(self, engine, vm):
        """The network of the rule: the NIC with vm_guest_ip, else the network option, else the IP's network."""
        guest_ip = engine.params.get("vm_guest_ip")
        if guest_ip and vm is not None:
            nic = nic_with_ip(vm, guest_ip)
            if nic is None:
                raise CloudStackError(GUEST_IP_NOT_FOUND % guest_ip)
            return nic.get("networkid")
        if engine.params.get("network"):
            return engine.wanted_param(self.by_option["network"])
        return None

    def create_params(self, engine):
        vm = self.vm(engine)
        start, end = self.public_range(engine)
        params = {"ipaddressid": public_ip(engine)["id"], "protocol": engine.params["protocol"], "publicport": start, "publicendport": end,
                  "privateport": engine.params["private_port"], "virtualmachineid": vm["id"],
                  "openfirewall": bool(engine.params.get("open_firewall"))}
        private_end = engine.params.get("private_end_port")
        params["privateendport"] = private_end if private_end is not None else params["privateport"]
        network = self.guest_network(engine, vm)
        if network:
            params["networkid"] = network
        if engine.params.get("vm_guest_ip"):
            params["vmguestip"] = engine.params["vm_guest_ip"]
        return params

    def before_update(self, engine, current, params):
        vm = self.vm(engine)
        if vm is not None:
            params["virtualmachineid"] = vm["id"]
            self.guest_network(engine, vm)  # a vm_guest_ip that is not the instance's fails here
        return params

    def converge(self, engine, obj):
        return ensure_tags(engine, obj, "PortForwardingRule")

    def result(self, engine, obj):
        out = super().result(engine, obj)
        if engine.params.get("network"):
            out["network"] = engine.params["network"]
        elif obj.get("networkid"):
            net = engine.module.resolver.get("network", obj["networkid"], option="network", required=False)
            out["network"] = net.get("name") if net else None
        return out


PORTFORWARD = PortForwardResource(
    name="port forwarding rule",
    list_command="listPortForwardingRules",
    list_key="portforwardingrule",
    create_command="createPortForwardingRule",
    create_key="portforwardingrule",
    update_command="updatePortForwardingRule",
    update_key="portforwardingrule",
    delete_command="deletePortForwardingRule",
    async_commands=frozenset(["createPortForwardingRule", "updatePortForwardingRule", "deletePortForwardingRule"]),
    id_option=None,
    absent_if_scope_missing=True,
    no_refs_when_gone=True,  # ngine_io looks nothing up for a rule that is not there
    fields=(
        Field("ip_address", compare=None, create=False, spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", compare=None, create=False, lookup=True, return_key="zone", spec={"required": True}),
        Field("protocol", identity=True, match=False, lookup=False, on_change="ignore", create=False,
              spec={"default": "tcp", "choices": ["tcp", "udp"]}),
        Field("public_port", param="publicport", type="int", identity=True, match=False, lookup=False, on_change="ignore", create=False,
              spec={"required": True}),
        Field("public_end_port", param="publicendport", type="int", identity=True, match=False, lookup=False, on_change="ignore", create=False),
        Field("private_port", param="privateport", type="int", compare="loose", create=False, spec={"required": True}),
        Field("private_end_port", param="privateendport", type="int", compare="loose", create=False),
        Field("vm", param="virtualmachineid", resolve="instance", resolve_scope={"zoneid": "zone"}, display="virtualmachinename", create=False,
              required_on_create=True),
        Field("vm_guest_ip", param="vmguestip", create=False),
        Field("network", param="networkid", resolve="network", resolve_scope={"zoneid": "zone"}, compare=None, create=False),
        Field("vpc", param="vpcid", resolve="vpc", compare=None, create=False),
        Field("open_firewall", type="bool", compare=None, create=False, spec={"default": False}),
        tags_field(),
    ) + owner_fields() + (poll_async_field(),),
    returns={
        "ipaddress": "ip_address",
        "virtualmachinename": "vm_name",
        "virtualmachinedisplayname": "vm_display_name",
        "networkid": "network_id",
        "vpcname": "vpc",
    },
    returns_to_int=("privateport", "privateendport", "publicport", "publicendport"),
)
