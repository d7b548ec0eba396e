# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The NIC of an instance in a network, declared for the engine (module instance_nic); the instance's secondary IPs
(instance_nic_secondaryip) use the same lookups.

The object is the NIC of vm in network (listNics virtualmachineid, networkid): present adds one
(addNicToVirtualMachine, async, at ip_address if given), an ip_address other than the NIC's changes it
(updateVmNicIp, async; CloudStack does it for a stopped instance only: a running one fails first, naming it);
absent removes the NIC (removeNicFromVirtualMachine, async). The three commands answer with the instance; the NIC
is taken from it. CloudStack refuses a second NIC in a network and the removal of the default NIC (the job fails
with its error).
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, Resource
from .guest import owner_fields, poll_async_field

# the instance and its network are looked for in the zone and the owner's scope, as ngine_io's get_vm/get_network
SCOPE = {"zoneid": "zone", "domainid": "domain", "account": "account", "projectid": "project"}


def vm_field(aliases=("name",)):
    spec = {"required": True, "aliases": list(aliases)} if aliases else {"required": True}
    return Field("vm", param="virtualmachineid", resolve="instance", resolve_scope=SCOPE, identity=True, compare=None,
                 return_key="vm", spec=spec)


def network_field(required):
    return Field("network", param="networkid", resolve="network", resolve_scope=dict(SCOPE, vpcid="vpc"), identity=required,
                 lookup=True, compare=None, return_key="network", spec={"required": True} if required else None)


def scope_fields(vpc=True):
    """zone (required, as ngine_io's), vpc (scope of the network), domain, account, project (scope of both)."""
    fields = (Field("zone", param="zoneid", resolve="zone", compare=None, lookup=False, create=False, return_key="zone",
                    spec={"required": True}),)
    if vpc:
        fields += (Field("vpc", param="vpcid", resolve="vpc", resolve_scope={"zoneid": "zone"}, compare=None, lookup=False, create=False),)
    return fields + tuple(Field(f.option, param=f.param, resolve=f.resolve, compare=None, lookup=False, create=False) for f in owner_fields())


def nic_of(vm, network_id):
    """The NIC of an instance (as an API reply shows it) in a network, with the instance's id, or None."""
    nic = next((n for n in (vm or {}).get("nic") or [] if n.get("networkid") == network_id), None)
    return dict(nic, virtualmachineid=vm["id"]) if nic else None


class InstanceNicResource(Resource):
    def normalize_current(self, engine, obj):
        # addNicToVirtualMachine and updateVmNicIp answer with the instance: its NIC in the network is the object
        if obj and "nic" in obj and "networkid" not in obj:
            return nic_of(obj, engine.wanted_param(self.by_option["network"]))
        return obj

    def after_write(self, engine, obj):
        return self.normalize_current(engine, obj)

    def ensure_stopped(self, engine, current, options):
        # updateVmNicIp: "VM is not Stopped, unable to update the vm nic" (a network with services); said before the job
        vm = engine.resolved(self.by_option["vm"])
        if vm.get("state") != "Stopped":
            raise CloudStackError("vm %r is %s: CloudStack changes the ip_address of a NIC (%s to %s) only while the instance is "
                                  "stopped (stop it first)" % (engine.params["vm"], vm.get("state"), current.get("ipaddress"),
                                                               engine.params["ip_address"]))

    def address(self, engine, current):
        # updateVmNicIp takes the NIC only; removeNicFromVirtualMachine the instance and the NIC
        if engine.params.get("state") == "absent":
            return {"virtualmachineid": current.get("virtualmachineid") or engine.wanted_param(self.by_option["vm"]), "nicid": current["id"]}
        return {"nicid": current["id"]}


INSTANCE_NIC = InstanceNicResource(
    name="NIC",
    list_command="listNics", list_key="nic",
    create_command="addNicToVirtualMachine", create_key="virtualmachine",
    update_command="updateVmNicIp", update_key="virtualmachine",
    delete_command="removeNicFromVirtualMachine",
    async_commands=frozenset({"addNicToVirtualMachine", "updateVmNicIp", "removeNicFromVirtualMachine"}),
    id_option=None,
    fields=(
        vm_field(),
        network_field(required=True),
        Field("ip_address", param="ipaddress", on_change="stopped"),
    ) + scope_fields() + (poll_async_field(),),
    returns={"macaddress": "mac_address", "netmask": "netmask"},
)
