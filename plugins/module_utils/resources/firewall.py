# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The firewall rule, declared for the engine (module firewall): ingress rules on a public IP address
(createFirewallRule), egress rules on a network (createEgressFirewallRule, with dest_cidrs, ngine_io#76).

A rule has no name and no update command: it is what it matches (protocol, ports or ICMP type/code, CIDRs,
destination CIDRs). A different rule is another rule. Creation and removal are async jobs.
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field
from ..tags import ensure_tags
from .guest import GuestResource, owner_fields, poll_async_field, tags_field

PORT_PROTOCOLS = ("tcp", "udp")


def cidr_set(value):
    items = value if isinstance(value, (list, tuple)) else str(value or "").split(",")
    return sorted({str(c).strip() for c in items if str(c).strip()})


def public_ip(engine, zone_option="zone", option="ip_address"):
    """The public IP object the option names, in the zone (within the owner); cached on the engine."""
    cached = engine.memo.get("public_ip")
    if cached is not None:
        return cached
    value = engine.params.get(option)
    params = {"ipaddress": value, "zoneid": engine.wanted_param(engine.resource.by_option[zone_option]), "listall": True}
    for opt, param in (("domain", "domainid"), ("account", "account"), ("project", "projectid")):
        f = engine.resource.by_option.get(opt)
        if f is not None and engine.params.get(opt) is not None:
            params[param] = engine.wanted_param(f)
    found = [ip for ip in engine.client.list("listPublicIpAddresses", key="publicipaddress", **params) if str(ip.get("ipaddress")) == str(value)]
    if not found:
        raise CloudStackError("IP address '%s' not found" % value)  # ngine_io's message
    engine.memo["public_ip"] = found[0]
    return found[0]


class FirewallResource(GuestResource):
    egress = False

    def wanted(self, engine):
        p = engine.params
        proto = p.get("protocol")
        want = {"protocol": proto}
        if proto in PORT_PROTOCOLS:
            start, end = p.get("start_port"), p.get("end_port")
            if start is None and end is None:  # ngine_io's message
                raise CloudStackError("missing required argument for protocol '%s': start_port or end_port" % proto)
            start = start if start is not None else end
            want["startport"], want["endport"] = start, end if end is not None else start
        elif proto == "icmp":
            if p.get("icmp_type") is None:
                raise CloudStackError("missing required argument for protocol 'icmp': icmp_type")
            want["icmptype"] = p.get("icmp_type") if p.get("icmp_type") is not None else -1
            want["icmpcode"] = p.get("icmp_code") if p.get("icmp_code") is not None else -1
        want["cidrlist"] = cidr_set(p.get("cidrs"))
        if self.egress and p.get("network"):  # CloudStack keeps 0.0.0.0/0 of an egress rule as the network's CIDR
            cidr = (engine.resolved(self.by_option["network"]) or {}).get("cidr")
            want["cidrlist"] = cidr_set([cidr if c == "0.0.0.0/0" and cidr else c for c in want["cidrlist"]])
        if self.egress:
            want["destcidrlist"] = cidr_set(p.get("dest_cidrs"))
        elif p.get("dest_cidrs"):
            raise CloudStackError("dest_cidrs: destination CIDRs apply to egress rules only (type=egress)")
        return want

    def scope(self, engine):
        if self.egress:
            return {"networkid": engine.wanted_param(self.by_option["network"])}
        return {"ipaddressid": public_ip(engine)["id"]}

    def lookup_params(self, engine):
        self.wanted(engine)  # bad input fails before anything is looked at or changed
        params = dict(self.scope(engine), listall=True)
        return params

    def matches(self, engine, obj):
        for key, value in self.wanted(engine).items():
            have = obj.get(key)
            if key in ("cidrlist", "destcidrlist"):
                if cidr_set(have) != value:
                    return False
            elif key == "protocol":
                if str(have).lower() != str(value).lower():
                    return False
            elif have is None or int(have) != int(value):
                return False
        return True

    def create_params(self, engine):
        params = dict(self.scope(engine))
        for key, value in self.wanted(engine).items():
            if isinstance(value, list):
                if value:
                    params[key] = ",".join(value)
            else:
                params[key] = value
        return params

    def converge(self, engine, obj):
        return ensure_tags(engine, obj, "FirewallRule")

    def result(self, engine, obj):
        out = super().result(engine, obj)
        out["cidrs"] = cidr_set(obj.get("cidrlist"))
        if self.egress:
            out["dest_cidrs"] = cidr_set(obj.get("destcidrlist"))
        out["type"] = "egress" if self.egress else "ingress"
        if engine.params.get("network"):
            out["network"] = engine.params["network"]
        return out


def _fields(egress=False):
    return (
        Field("ip_address", compare=None, create=False),
        Field("network", param="networkid", resolve="network", resolve_scope={"zoneid": "zone"}, compare=None, create=False),
        # the zone is returned for egress rules only: ngine_io looks it up for the network, not for an address
        Field("zone", param="zoneid", resolve="zone", compare=None, create=False, lookup=True, return_key="zone" if egress else None,
              spec={"required": True}),
        Field("type", compare=None, create=False, spec={"default": "ingress", "choices": ["ingress", "egress"]}),
        Field("protocol", identity=True, match=False, lookup=False, on_change="ignore", create=False,
              spec={"default": "tcp", "choices": ["tcp", "udp", "icmp", "all"]}),
        Field("start_port", type="int", identity=True, match=False, lookup=False, on_change="ignore", create=False, spec={"aliases": ["port"]}),
        Field("end_port", type="int", identity=True, match=False, lookup=False, on_change="ignore", create=False),
        Field("icmp_type", type="int", identity=True, match=False, lookup=False, on_change="ignore", create=False),
        Field("icmp_code", type="int", identity=True, match=False, lookup=False, on_change="ignore", create=False),
        Field("cidrs", type="list", identity=True, match=False, lookup=False, on_change="ignore", create=False,
              spec={"default": ["0.0.0.0/0"], "aliases": ["cidr"]}),
        Field("dest_cidrs", type="list", identity=True, match=False, lookup=False, on_change="ignore", create=False,
              spec={"aliases": ["dest_cidr"]}),
        tags_field(),
    ) + owner_fields() + (poll_async_field(),)


RETURNS = {
    "cidrs": None, "destcidrs": None,
    "cidrlist": "cidr",
    "ipaddress": "ip_address",
    "networkid": "network_id",
}


class IngressRule(FirewallResource):
    egress = False


class EgressRule(FirewallResource):
    egress = True


FIREWALL_INGRESS = IngressRule(
    name="firewall rule",
    list_command="listFirewallRules",
    list_key="firewallrule",
    create_command="createFirewallRule",
    create_key="firewallrule",
    delete_command="deleteFirewallRule",
    async_commands=frozenset(["createFirewallRule", "deleteFirewallRule"]),
    id_option=None,
    fields=_fields(),
    returns=RETURNS,
    absent_if_scope_missing=True,
)

FIREWALL_EGRESS = EgressRule(
    name="egress firewall rule",
    list_command="listEgressFirewallRules",
    list_key="firewallrule",
    create_command="createEgressFirewallRule",
    create_key="firewallrule",
    delete_command="deleteEgressFirewallRule",
    async_commands=frozenset(["createEgressFirewallRule", "deleteEgressFirewallRule"]),
    id_option=None,
    fields=_fields(egress=True),
    returns=RETURNS,
    absent_if_scope_missing=True,
)

FIREWALL = (FIREWALL_INGRESS, FIREWALL_EGRESS)


def choose(params):
    return FIREWALL_EGRESS if params.get("type") == "egress" else FIREWALL_INGRESS
