# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The site-to-site VPN customer gateway, declared for the engine (module vpn_customer_gateway), and what the VPN
modules share: the engine that keeps secrets out of the diff, and the lookup of a customer gateway by name or id.

A customer gateway is found by its name (case-insensitive) or id within its owner, as ngine_io.cloudstack does
(listVpnCustomerGateways has no name filter: keyword, then an exact match). With state=present cidrs, esp_policy,
gateway, ike_policy and ipsec_psk are required, as in ngine_io (CloudStack's create and update both take them).
updateVpnCustomerGateway sets every setting at once and resets what it is not given to its default (the lifetimes,
dpd, force_encap): the module sends the current values of the options the task leaves alone.

CloudStack lists the pre-shared key back to its owner: the key is compared (a changed key is an update) but never
returned, and the diff shows it masked.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field, ResourceEngine, values_equal
from ..resolve import is_uuid
from .firewall import cidr_set
from .guest import GuestResource, owner_fields, poll_async_field

MASK = "********"
MASK_CHANGED = "******** (changed)"
REQUIRED_PRESENT = ("cidrs", "esp_policy", "gateway", "ike_policy", "ipsec_psk")


class SecretEngine(ResourceEngine):
    """The engine, with the resource's secret options (Resource.secrets) masked in the diff."""

    _current = None

    def find(self):
        self._current = super().find()
        return self._current

    def view_current(self, obj, fields):
        out = super().view_current(obj, fields)
        for option in self.resource.secrets:
            if option in out:
                out[option] = MASK
        return out

    def view_wanted(self, fields, creating=False):
        out = super().view_wanted(fields, creating)
        for option in self.resource.secrets:
            if option in out:
                f = self.resource.by_option[option]
                same = self._current is not None and values_equal(f, out[option], self._current.get(f.field))
                out[option] = MASK if creating or same or self._current is None else MASK_CHANGED
        return out


class VpnResource(GuestResource):
    secrets = ()


def owner_params(engine):
    """account / domainid / projectid of the task's owner options (the lookup scope of the VPN objects)."""
    out = {}
    for option, param in (("account", "account"), ("domain", "domainid"), ("project", "projectid")):
        f = engine.resource.by_option.get(option)
        if f is not None and engine.params.get(option) is not None:
            out[param] = engine.wanted_param(f)
    return out


def customer_gateways(engine, wanted):
    """The customer gateways of the owner whose name (case-insensitive) or id is `wanted`."""
    params = dict(owner_params(engine), listall=True)
    items = engine.client.list("listVpnCustomerGateways", key="vpncustomergateway", **params)
    low = str(wanted).lower()
    return [g for g in items if low in (str(g.get("id")), str(g.get("name", "")).lower())]


def cidr_list(obj):
    value = obj.get("cidrlist") or []
    return [c for c in (value if isinstance(value, list) else str(value).split(",")) if c]


def name_change(params):
    """The name option holding the gateway's id names it, it does not rename it."""
    return "ignore" if is_uuid(params.get("name")) else "update"


class CustomerGatewayResource(VpnResource):
    secrets = ("ipsec_psk",)

    def lookup_params(self, engine):
        if (engine.params.get("state") or "present") != "absent":
            missing = [o for o in REQUIRED_PRESENT if engine.params.get(o) in (None, [], "")]
            if missing:  # ngine_io's fail_on_missing_params, for create and update alike
                raise CloudStackError("missing required arguments: %s" % ", ".join(missing))
        name = engine.params.get("name")
        if is_uuid(name):  # the name option may hold the id (as in ngine_io): no keyword then
            return dict(owner_params(engine), id=name, listall=True)
        return dict(owner_params(engine), keyword=name, listall=True)

    def matches(self, engine, obj):
        low = str(engine.params.get("name")).lower()
        return low in (str(obj.get("id")), str(obj.get("name", "")).lower())

    def normalize_current(self, engine, obj):
        if obj and "cidrlist" in obj:
            obj["cidrlist"] = cidr_list(obj)  # a list, as the option (the diff shows both alike)
        return obj

    def before_update(self, engine, current, params):
        sent = {}
        for f in self.fields:
            if not f.create or not f.param:
                continue
            value = engine.wanted_param(f) if not (f.option == "name" and name_change(engine.params) == "ignore") else None
            if value is None:
                value = current.get(f.field)  # left alone: kept (CloudStack would reset it to its default)
            if value is not None:
                sent[f.param] = value
        return sent

    def result(self, engine, obj):
        out = super().result(engine, obj)
        out["cidrs"] = cidr_list(obj)
        out["force_encap"] = bool(obj.get("forceencap"))  # as ngine_io: always a bool
        return out


VPN_CUSTOMER_GATEWAY = CustomerGatewayResource(
    name="VPN customer gateway",
    list_command="listVpnCustomerGateways",
    list_key="vpncustomergateway",
    create_command="createVpnCustomerGateway",
    create_key="vpncustomergateway",
    update_command="updateVpnCustomerGateway",
    update_key="vpncustomergateway",
    delete_command="deleteVpnCustomerGateway",
    async_commands=frozenset(["createVpnCustomerGateway", "updateVpnCustomerGateway", "deleteVpnCustomerGateway"]),
    id_option=None,
    fields=(
        Field("name", identity=True, match=False, compare="ci", on_change=name_change, spec={"required": True}),
        Field("cidrs", param="cidrlist", type="list", compare="set", transform=cidr_set, spec={"aliases": ["cidr"]}),
        Field("gateway"),
        Field("esp_policy", param="esppolicy"),
        Field("ike_policy", param="ikepolicy"),
        Field("ipsec_psk", param="ipsecpsk", spec={"no_log": True}),
        Field("ike_lifetime", param="ikelifetime", type="int", compare="loose"),
        Field("esp_lifetime", param="esplifetime", type="int", compare="loose"),
        Field("dpd", type="bool", compare="loose"),
        Field("force_encap", param="forceencap", type="bool", compare="loose"),
    ) + owner_fields() + (poll_async_field(),),
    returns={"ipsecpsk": None, "cidrlist": None, "ipaddress": "ip_address"},
)
