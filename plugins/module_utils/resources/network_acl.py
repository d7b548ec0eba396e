# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Network ACL lists and their rules, declared for the engine (modules network_acl, network_acl_rule).

- An ACL list is found by name in its VPC (listNetworkACLLists name= vpcid=, which also shows CloudStack's default lists
  default_allow and default_deny); its description changes with updateNetworkACLList. The default lists cannot be
  removed: absent fails before any call.
- A rule is found by its number (rule_position) in its list. Any difference sends updateNetworkACLItem with the whole
  rule: CloudStack's update clears every field it is not sent (partialupgrade false), so a partial update would lose
  the CIDRs or the ports. create, update and delete are async jobs.
- The list an option names (network_acl here, acl of the network module) is resolved by name (or id) within the VPC:
  the resolver's kind "network_acl".
"""
from __future__ import annotations

from ..client import CloudStackError
from ..engine import Field
from ..tags import ensure_tags
from .guest import GuestResource, poll_async_field, tags_field

DEFAULT_LISTS = ("default_allow", "default_deny")
PORT_PROTOCOLS = ("tcp", "udp")
VPC_SCOPE = {"zoneid": "zone", "domainid": "domain", "account": "account", "projectid": "project"}


def scope_fields():
    """zone (of the VPC), domain, account, project: where the VPC is looked for; no list or create parameter."""
    return (
        Field("zone", param="zoneid", resolve="zone", compare=None, create=False, return_key="zone", spec={"required": True}),
        Field("domain", param="domainid", resolve="domain", compare=None, create=False),
        Field("account", compare=None, create=False),
        Field("project", param="projectid", resolve="project", compare=None, create=False),
    )


def vpc_field():
    return Field("vpc", param="vpcid", resolve="vpc", resolve_scope=VPC_SCOPE, identity=True, compare=None, return_key="vpc",
                 spec={"required": True})


# ---- the list ------------------------------------------------------------------------------------------------------
class NetworkAclResource(GuestResource):
    def normalize_current(self, engine, obj):
        """state=absent on a default list fails here, before anything is planned or sent (also in check mode)."""
        if engine.params.get("state") == "absent" and obj.get("name") in DEFAULT_LISTS and not obj.get("vpcid"):
            raise CloudStackError("network ACL %s is one of CloudStack's default lists (default_allow, default_deny): it cannot "
                                  "be removed" % obj["name"])
        return obj


NETWORK_ACL = NetworkAclResource(
    name="network ACL",
    list_command="listNetworkACLLists",
    list_key="networkacllist",
    create_command="createNetworkACLList",
    create_key="networkacllist",
    update_command="updateNetworkACLList",
    update_key="networkacllist",
    delete_command="deleteNetworkACLList",
    async_commands=frozenset(["createNetworkACLList", "updateNetworkACLList", "deleteNetworkACLList"]),
    id_option=None,
    fields=(
        Field("name", identity=True, spec={"required": True}),
        Field("description", create_fallback="name"),
        vpc_field(),
    ) + scope_fields() + (poll_async_field(),),
    returns={"vpcid": "vpc_id", "fordisplay": "for_display"},
)


# ---- the rule ------------------------------------------------------------------------------------------------------
def api_protocol(params):
    """The protocol the API takes: the number with protocol=by_number."""
    proto = params.get("protocol")
    return str(params.get("protocol_number")) if proto == "by_number" else proto


def option_protocol(value):
    """A rule's protocol as the option names it: by_number for a protocol number."""
    return "by_number" if str(value).isdigit() else str(value).lower()


class NetworkAclRuleResource(GuestResource):
    def check(self, engine):
        """ngine_io's checks (same messages), before anything is looked at or changed."""
        p = engine.params
        proto = p.get("protocol")
        end = p.get("end_port") if p.get("end_port") is not None else p.get("start_port")
        if proto in PORT_PROTOCOLS and (p.get("start_port") is None or end is None):
            raise CloudStackError("protocol is %s but the following are missing: start_port, end_port" % proto)
        if proto == "icmp" and (p.get("icmp_type") is None or p.get("icmp_code") is None):
            raise CloudStackError("protocol is icmp but the following are missing: icmp_type, icmp_code")
        if proto == "by_number" and p.get("protocol_number") is None:
            raise CloudStackError("protocol is by_number but the following are missing: protocol_number")
        if proto != "by_number" and p.get("protocol_number") is not None:
            raise CloudStackError("protocol_number %s: set protocol=by_number to give the protocol by its number" % p["protocol_number"])

    def lookup_params(self, engine):
        if engine.params.get("state") != "absent":
            self.check(engine)
        return {"aclid": engine.wanted_param(self.by_option["network_acl"]), "listall": True}

    def normalize_current(self, engine, obj):
        """The protocol as the options name it (by_number + protocol_number), for the comparison and the diff."""
        obj = dict(obj)
        for key in ("startport", "endport"):
            if str(obj.get(key, "")).lstrip("-").isdigit():
                obj[key] = int(obj[key])  # the API's strings, as the options give them
        if obj.get("protocol") is not None:
            obj["_protocol"] = option_protocol(obj["protocol"])
            obj["_protocolnumber"] = int(obj["protocol"]) if str(obj["protocol"]).isdigit() else None
        return obj

    def rule_params(self, engine):
        """The whole rule as the API takes it (create, and every update: CloudStack clears what an update omits)."""
        p = engine.params
        params = {
            "protocol": api_protocol(p), "action": p.get("action_policy"), "traffictype": p.get("traffic_type"),
            "cidrlist": ",".join(p.get("cidrs") or []) or None,
            "startport": p.get("start_port"), "endport": p.get("end_port") if p.get("end_port") is not None else p.get("start_port"),
            "icmptype": p.get("icmp_type"), "icmpcode": p.get("icmp_code"),
        }
        return {k: v for k, v in params.items() if v is not None}

    def create_params(self, engine):
        return dict(self.rule_params(engine), aclid=engine.wanted_param(self.by_option["network_acl"]),
                    number=engine.params.get("rule_position"))

    def before_update(self, engine, current, params):
        return self.rule_params(engine)

    def converge(self, engine, obj):
        return ensure_tags(engine, obj, "NetworkACL")

    def result(self, engine, obj):
        out = super().result(engine, obj)
        for key in ("protocol", "protocol_number"):
            out.pop(key, None)
        if obj.get("protocol") is not None:
            out["protocol"] = option_protocol(obj["protocol"])
            if out["protocol"] == "by_number":
                out["protocol_number"] = int(obj["protocol"])
        if obj.get("cidrlist") is not None:
            out["cidrs"] = str(obj["cidrlist"]).split(",")
        for key in ("action_policy", "traffic_type"):
            if out.get(key) is not None:
                out[key] = str(out[key]).lower()
        return out


def _rule_field(option, param, field=None, **kw):
    """A field of the rule itself: compared, sent whole by create_params / before_update."""
    return Field(option, param=param, field=field, **kw)


NETWORK_ACL_RULE = NetworkAclRuleResource(
    name="network ACL rule",
    list_command="listNetworkACLs",
    list_key="networkacl",
    create_command="createNetworkACL",
    create_key="networkacl",
    update_command="updateNetworkACLItem",
    update_key="networkacl",
    delete_command="deleteNetworkACL",
    async_commands=frozenset(["createNetworkACL", "updateNetworkACLItem", "deleteNetworkACL"]),
    id_option=None,
    fields=(
        Field("network_acl", param="aclid", resolve="network_acl", resolve_scope={"vpcid": "vpc"}, identity=True, compare=None,
              create=False, return_key="network_acl", spec={"required": True, "aliases": ["acl"]}),
        Field("rule_position", param="number", type="int", identity=True, match=True, lookup=False, compare="loose", create=False,
              on_change="ignore", spec={"required": True, "aliases": ["number"]}),
        vpc_field(),
        _rule_field("protocol", "protocol", "_protocol", compare="ci", spec={"default": "tcp", "choices": ["tcp", "udp", "icmp", "all", "by_number"]}),
        _rule_field("protocol_number", "protocol", "_protocolnumber", type="int", compare="loose"),
        _rule_field("start_port", "startport", type="int", compare="loose", spec={"aliases": ["port"]}),
        _rule_field("end_port", "endport", type="int", compare="loose", fallback="start_port"),
        _rule_field("icmp_type", "icmptype", type="int", compare="loose"),
        _rule_field("icmp_code", "icmpcode", type="int", compare="loose"),
        _rule_field("cidrs", "cidrlist", type="list", compare="set", spec={"default": ["0.0.0.0/0"], "aliases": ["cidr"]}),
        _rule_field("traffic_type", "traffictype", compare="ci", spec={"default": "ingress", "choices": ["ingress", "egress"], "aliases": ["type"]}),
        _rule_field("action_policy", "action", compare="ci", spec={"default": "allow", "choices": ["allow", "deny"], "aliases": ["action"]}),
        tags_field(),
    ) + scope_fields() + (poll_async_field(),),
    returns={
        "cidrlist": "cidr", "number": "rule_position", "startport": "start_port", "endport": "end_port",
        "_protocol": None, "_protocolnumber": None, "aclid": "network_acl_id", "reason": "reason",
    },
    returns_to_int=("startport", "endport"),
)


# ---- the ACL of a VPC tier (module network) --------------------------------------------------------------------------------------
def tier_acl(engine, vpcid, option="acl"):
    """The list the network module's acl option names, in the tier's VPC (None when unset)."""
    value = engine.params.get(option)
    if not value:
        return None
    if not vpcid:
        raise CloudStackError("%s %r: an ACL applies to a VPC tier only; set vpc" % (option, value))
    return engine.module.resolver.get("network_acl", value, option=option, vpcid=vpcid)


def ensure_tier_acl(engine, net):
    """Replace the ACL of an existing tier when the acl option names another list (replaceNetworkACLList, async):
    recorded in the diff; in check mode only planned."""
    acl = tier_acl(engine, net.get("vpcid"))
    if acl is None or acl["id"] == net.get("aclid"):
        return net
    engine.differences.add("acl", net.get("aclname"), acl["name"])
    if engine.module.check_mode:
        return net

    def send():
        engine.api("replaceNetworkACLList", None, aclid=acl["id"], networkid=net["id"])
        return engine.find() or net

    def look(exc):
        found = engine.find()
        return found if found is not None and found.get("aclid") == acl["id"] else None

    return engine.write(send, look)
