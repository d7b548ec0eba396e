# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The network service provider of a physical network, declared for the engine (module
network_service_provider; physical_network's nsps_enabled / nsps_disabled run it too).

CloudStack enables a provider that has an element (VirtualRouter, VpcVirtualRouter: the virtual router
element; InternalLbVm: the internal LB element) only once that element is enabled ("Provider is not
ready, cannot Enable the provider, please configure the provider first"): enabling configures the
element first (configureVirtualRouterElement / configureInternalLoadBalancerElement), creating the
virtual router element of a provider added by hand (createVirtualRouterElement). addNetworkServiceProvider
adds a provider Disabled; the engine then sets the wanted state.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, Resource, ResourceEngine

# provider name -> (list command, list key, configure command, create command or None, providertype)
ELEMENTS = {
    "virtualrouter": ("listVirtualRouterElements", "virtualrouterelement", "configureVirtualRouterElement", "createVirtualRouterElement", "VirtualRouter"),
    "vpcvirtualrouter": ("listVirtualRouterElements", "virtualrouterelement", "configureVirtualRouterElement", "createVirtualRouterElement",
                         "VPCVirtualRouter"),
    "internallbvm": ("listInternalLoadBalancerElements", "internalloadbalancerelement", "configureInternalLoadBalancerElement", None, None),
}
KNOWN = ["VirtualRouter", "VpcVirtualRouter", "InternalLbVm", "SecurityGroupProvider", "ConfigDrive", "BaremetalDhcpProvider",
         "BaremetalPxeProvider", "BaremetalUserdataProvider", "Tungsten", "Netscaler", "F5BigIp", "JuniperSRX", "PaloAlto", "NiciraNvp",
         "BigSwitchBcf", "Ovs", "Opendaylight", "BrocadeVcs", "CiscoVnmc", "GloboDns", "JuniperContrailRouter", "JuniperContrailVpcRouter"]


def provider_name(value):
    """'virtualrouter' -> 'VirtualRouter' (CloudStack's spelling of the known providers)."""
    for name in KNOWN:
        if name.lower() == str(value).lower():
            return name
    return value


class ProviderResource(Resource):
    def element(self, engine, nsp):
        spec = ELEMENTS.get(str(nsp.get("name", "")).lower())
        if spec is None:
            return None
        items = engine.client.list(spec[0], key=spec[1], nspid=nsp["id"])
        return items[0] if items else {}

    def wanted_element(self, engine):
        wanted = engine.params.get("element_enabled")
        if wanted is None and engine.params.get("state") == "enabled":
            wanted = True
        return wanted

    def set_element(self, engine, nsp, enabled):
        """The provider's element enabled/disabled (created first if the provider was added by hand)."""
        spec = ELEMENTS.get(str(nsp.get("name", "")).lower())
        if spec is None:
            return None, False
        el = self.element(engine, nsp)
        changed = False
        if not el:
            if spec[3] is None:
                raise CloudStackError("%s provider %s has no %s (CloudStack creates it with the physical network)" % (nsp["name"], nsp["id"], spec[1]))
            el = engine.api(spec[3], spec[1], nspid=nsp["id"], providertype=spec[4])
            changed = True
        if bool(el.get("enabled")) != bool(enabled):
            el = engine.api(spec[2], spec[1], id=el["id"], enabled=bool(enabled))
            changed = True
        return el, changed

    def before_update(self, engine, current, params):
        if params.get("state") == "Enabled":
            wanted = self.wanted_element(engine)
            if wanted is False:
                raise CloudStackError("provider %s: it cannot be enabled with element_enabled=false (CloudStack enables a provider only "
                                      "when its element is enabled)" % current.get("name"))
            if self.set_element(engine, current, True)[1]:
                engine.memo["element_touched"] = True
        return params

    def converge(self, engine, obj):
        wanted = self.wanted_element(engine)
        if obj is None or wanted is None or str(obj.get("name", "")).lower() not in ELEMENTS:
            return obj
        el = self.element(engine, obj) if obj.get("id") else {}
        if engine.memo.get("element_touched"):
            engine.differences.add("element_enabled", False, True, changed=False)
        elif bool((el or {}).get("enabled")) != bool(wanted):
            engine.differences.add("element_enabled", bool((el or {}).get("enabled")), bool(wanted))
            if not engine.module.check_mode:
                el = self.set_element(engine, obj, wanted)[0]
        if el:
            obj = dict(obj)
            obj["_element"] = {"id": el.get("id"), "enabled": bool(el.get("enabled"))}
        return obj

    def result(self, engine, obj):
        out = super().result(engine, obj)
        if obj.get("_element"):
            out["element"] = obj["_element"]
        return out


NETWORK_SERVICE_PROVIDER = ProviderResource(
    name="network service provider",
    absent_if_scope_missing=True,  # parent missing: absent is no change; check mode reports a create (a warning)
    list_command="listNetworkServiceProviders",
    list_key="networkserviceprovider",
    create_command="addNetworkServiceProvider",
    create_key="networkserviceprovider",
    update_command="updateNetworkServiceProvider",
    update_key="networkserviceprovider",
    delete_command="deleteNetworkServiceProvider",
    async_commands=frozenset(["addNetworkServiceProvider", "updateNetworkServiceProvider", "deleteNetworkServiceProvider",
                              "configureVirtualRouterElement", "createVirtualRouterElement", "configureInternalLoadBalancerElement"]),
    id_option=None,
    fields=(
        Field("name", identity=True, compare="ci", on_change="ignore", transform=provider_name, spec={"required": True, "aliases": ["provider"]}),
        Field("physical_network", param="physicalnetworkid", resolve="physical_network", resolve_scope={"zoneid": "zone"}, identity=True,
              compare=None, return_key="physical_network", spec={"required": True}),
        Field("zone", param="zoneid", resolve="zone", create=False, lookup=False, compare=None, return_key="zone", spec={"required": True}),
        Field("service_list", param="servicelist", type="list", compare="ci", spec={"aliases": ["services"]}),
        Field("destination_physical_network", param="destinationphysicalnetworkid", resolve="physical_network", resolve_scope={"zoneid": "zone"},
              compare=None),
        Field("element_enabled", type="bool", create=False, lookup=False, compare=None),
    ),
    states={"enabled": {"state": "Enabled"}, "disabled": {"state": "Disabled"}},
    state_field="state",
    returns={
        "canenableindividualservice": "can_enable_individual_service",
        "physicalnetworkid": "physical_network_id",
        "destinationphysicalnetworkid": "destination_physical_network_id",
    },
)


class _WithParams:
    """The module seen with other params (to run the provider engine for physical_network's nsps_*)."""

    def __init__(self, module, params):
        self._module = module
        self.params = params

    def __getattr__(self, name):
        return getattr(self._module, name)


def set_provider_states(engine, physical_network_id, zone_id, enabled=(), disabled=()):
    """physical_network's nsps_enabled / nsps_disabled: each provider to its state, through the provider
    engine (elements configured first). Adds to engine's changed and diff ({"nsps": {name: state}})."""
    for names, state in ((disabled or (), "disabled"), (enabled or (), "enabled")):
        for name in names:
            params = {"name": name, "physical_network": physical_network_id, "zone": zone_id, "state": state, "service_list": None,
                      "destination_physical_network": None, "element_enabled": None}
            sub = ResourceEngine(_WithParams(engine.module, params), NETWORK_SERVICE_PROVIDER)
            res = sub.run()
            if res.get("changed"):
                engine.differences.add_item("nsps", name, sub.before.get("state", "absent"), state)
