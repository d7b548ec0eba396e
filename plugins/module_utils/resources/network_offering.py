# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Network offerings, declared for the engine (module network_offering).

Found by name (one listNetworkOfferings call). createNetworkOffering takes the services, their providers and
capabilities and the flags; updateNetworkOffering changes only the name, display text, state
(Enabled/Disabled), availability, max connections, tags and the domain/zone scope. Everything
else is fixed at creation (a difference is reported as a warning).
"""
from __future__ import annotations

from ..engine import Field, Resource

SERVICES = ["Dns", "PortForwarding", "Dhcp", "SourceNat", "UserData", "Firewall", "StaticNat", "Vpn", "Lb", "NetworkACL",
            "SecurityGroup", "Connectivity", "BaremetalPxeService"]
GUEST_IP_TYPES = ["Shared", "Isolated", "L2"]


def egress_policy(value):
    """egressdefaultpolicy true/false (as CloudStack answers it) -> allow/deny (as the option says it)."""
    return "allow" if str(value).lower() == "true" else "deny"


class NetworkOfferingResource(Resource):
    def normalize_current(self, engine, obj):
        obj["supportedservices"] = [s.get("name") for s in obj.get("service") or [] if s.get("name")]
        if "egressdefaultpolicy" in obj:
            obj["egresspolicy"] = egress_policy(obj["egressdefaultpolicy"])
        return obj

    def create_params(self, engine):
        params = super().create_params(engine)
        if engine.params.get("egress_default_policy"):
            params["egressdefaultpolicy"] = engine.params["egress_default_policy"] == "allow"
        state = params.pop("state", None)
        if state == "Enabled":
            params["enable"] = True
        offering = engine.params.get("service_offering")
        if offering:
            # the system offering of the virtual routers of networks of this offering
            params["serviceofferingid"] = engine.module.resolver.id("service_offering", offering, option="service_offering", issystem=True)
        return params

    def result(self, engine, obj):
        out = super().result(engine, obj)
        if "egressdefaultpolicy" in obj:
            out["egress_default_policy"] = "allow" if str(obj["egressdefaultpolicy"]).lower() == "true" else "deny"
        out["supported_services"] = obj.get("supportedservices") or [s.get("name") for s in obj.get("service") or []]
        out["service_providers"] = [{"service": s.get("name"), "provider": p.get("name")} for s in obj.get("service") or []
                                    for p in s.get("provider") or []]
        return out


def create_only(**kw):
    return Field(on_change="create_only", **kw)


NETWORK_OFFERING = NetworkOfferingResource(
    name="network offering",
    list_command="listNetworkOfferings",
    list_key="networkoffering",
    create_command="createNetworkOffering",
    create_key="networkoffering",
    update_command="updateNetworkOffering",
    update_key="networkoffering",
    delete_command="deleteNetworkOffering",
    fields=(
        Field("name", identity=True, compare="exact", spec={"required": True}),
        Field("display_text", param="displaytext", create_fallback="name"),
        create_only(option="guest_ip_type", param="guestiptype", compare="ci", required_on_create=True, spec={"choices": GUEST_IP_TYPES}),
        create_only(option="traffic_type", param="traffictype", compare="ci", spec={"default": "Guest"}),
        create_only(option="supported_services", param="supportedservices", type="list", compare="set",
                    spec={"choices": SERVICES, "aliases": ["supported_service"]}),
        Field("service_providers", param="serviceproviderlist", type="list", compare=None, spec={"elements": "dict", "aliases": ["service_provider"]}),
        Field("service_capabilities", param="servicecapabilitylist", type="list", compare=None,
              spec={"elements": "dict", "aliases": ["service_capability"]}),
        create_only(option="conserve_mode", param="conservemode", type="bool"),
        create_only(option="specify_vlan", param="specifyvlan", type="bool"),
        create_only(option="specify_ip_ranges", param="specifyipranges", type="bool"),
        create_only(option="persistent", param="ispersistent", type="bool"),
        create_only(option="for_vpc", param="forvpc", type="bool"),
        # compared as allow/deny (normalize_current), sent as the boolean egressdefaultpolicy (create_params)
        create_only(option="egress_default_policy", param="egressdefaultpolicy", field="egresspolicy", compare="ci",
                    spec={"choices": ["allow", "deny"]}),
        create_only(option="network_rate", param="networkrate", type="int", compare="loose"),
        Field("service_offering", param="serviceofferingid", compare=None, create=False),
        Field("details", type="list", compare=None, spec={"elements": "dict"}),
        Field("availability", compare="ci"),
        Field("max_connections", param="maxconnections", type="int", compare="loose"),
        Field("keepalive_enabled", param="keepaliveenabled", type="bool", compare=None),
        Field("tags", type="list", compare="set", spec={"aliases": ["tag"]}),
        Field("domains", param="domainid", type="list", resolve="domain", display="domain", compare="set", spec={"aliases": ["domain"]}),
        Field("zones", param="zoneid", type="list", resolve="zone", display="zone", compare="set", spec={"aliases": ["zone"]}),
    ),
    states={"enabled": {"state": "Enabled"}, "disabled": {"state": "Disabled"}},
    state_field="state",
    returns={
        "egresspolicy": None, "supportedservices": None,
        "serviceofferingid": "service_offering_id",
        "isdefault": "is_default",
        "ispersistent": "is_persistent",
        "domain": "domains",
        "zone": "zones",
    },
)
