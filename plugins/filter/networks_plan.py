# -*- coding: utf-8 -*-
# Copyright (c) csops.cloudstack developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filter of the networks role: the tenants' networks, described per VPC, as flat lists of module options.

    {{ networks_vpcs | csops.cloudstack.networks_plan({'zone': networks_zone, 'tier_offering': ..., 'ip_tag': ...}) }}

A VPC item carries its owner (domain and account, or project), zone, CIDR and offering, and under it: acls (each with
rules), tiers, public_ips, load_balancers (each with members) and vpn (the site-to-site gateway, customer gateways,
connections, remote access and its users). The filter returns one list per kind, in the order CloudStack needs them:

    vpcs, acls, acl_rules, tiers, public_ips, lb_rules, lb_members, vpn_gateways, vpn_customer_gateways,
    vpn_connections, remote_access_vpns, vpn_users

and the same names with `_absent`: the elements with state absent and everything under them (removed in the reverse
order). Each item holds the options of the module of its kind (csops.cloudstack.vpc, network_acl, network_acl_rule,
network, ip_address, lb_rule, lb_rule_member, vpn_gateway, vpn_customer_gateway, vpn_connection, vpn_remote_access,
vpn_user) and three keys of the role's own: `key` (unique per element), `parents` (the keys of the elements it needs:
its VPC, the ACL of a tier, the tier and public IP of a load balancer, ...) and `label`.
Bad input raises an error naming the element (its path in the description) and the field.
"""
from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible.errors import AnsibleFilterError

STATES = ("present", "absent")
KINDS = ("vpcs", "acls", "acl_rules", "tiers", "public_ips", "lb_rules", "lb_members", "vpn_gateways", "vpn_customer_gateways",
         "vpn_connections", "remote_access_vpns", "vpn_users")
DEFAULT_ACLS = ("default_allow", "default_deny")
OWNER = ("domain", "account", "project")

# kind -> the keys an element may have (module options, the role's nested lists, state); aliases -> the option
ALLOWED = {
    "vpc": {"name", "display_text", "cidr", "network_domain", "vpc_offering", "zone", "tags", "state", "acls", "tiers",
            "public_ips", "load_balancers", "vpn"} | set(OWNER),
    "acl": {"name", "description", "rules", "state"},
    "rule": {"rule_position", "cidrs", "protocol", "protocol_number", "start_port", "end_port", "icmp_type", "icmp_code",
             "traffic_type", "action_policy", "tags", "state"},
    "tier": {"name", "display_text", "network_offering", "gateway", "netmask", "start_ip", "end_ip", "network_domain", "acl",
             "tags", "state"},
    "ip": {"name", "ip_address", "state"},
    "lb": {"name", "description", "public_ip", "tier", "algorithm", "public_port", "private_port", "protocol", "cidr",
           "open_firewall", "tags", "members", "state"},
    "member": {"name", "state"},
    "vpn": {"gateway", "customer_gateways", "connections", "remote_access", "users", "state"},
    "cgw": {"name", "gateway", "cidrs", "esp_policy", "ike_policy", "ipsec_psk", "ike_lifetime", "esp_lifetime", "dpd",
            "force_encap", "state"},
    "conn": {"vpn_customer_gateway", "passive", "force", "state"},
    "remote": {"public_ip", "ip_range", "open_firewall", "for_display", "state"},
    "user": {"username", "password", "state"},
}
ALIASES = {
    "rule": {"number": "rule_position", "cidr": "cidrs", "port": "start_port", "type": "traffic_type", "action": "action_policy"},
    "lb": {"ip_address": "public_ip", "network": "tier"},
    "cgw": {"cidr": "cidrs"},
    "conn": {"customer_gateway": "vpn_customer_gateway"},
    "remote": {"ip_address": "public_ip", "iprange": "ip_range"},
    "vpc": {"tag": "tags"},
    "tier": {"tag": "tags"},
}


def _fail(path, msg):
    raise AnsibleFilterError("networks: %s: %s" % (path, msg))


def _clean(d):
    return {k: v for k, v in d.items() if v is not None}


def _element(obj, kind, path):
    """The element with its aliases replaced by the option names; unknown keys fail."""
    if not isinstance(obj, dict):
        _fail(path, "must be a mapping, got %s" % type(obj).__name__)
    out = {}
    for key, value in obj.items():
        name = ALIASES.get(kind, {}).get(key, key)
        if name not in ALLOWED[kind]:
            _fail(path, "unknown key %r (known: %s)" % (key, ", ".join(sorted(ALLOWED[kind]))))
        if name in out:
            _fail(path, "%r is given twice (as %s and an alias)" % (name, key))
        out[name] = value
    return out


def _need(obj, key, path):
    value = obj.get(key)
    if value in (None, ""):
        _fail(path, "missing required field %r" % key)
    return value


def _list(obj, key, path):
    value = obj.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        _fail(path, "%s must be a list, got %s" % (key, type(value).__name__))
    return value


def _state(obj, path, parent_state):
    state = obj.get("state", "present")
    if state not in STATES:
        _fail(path, "state must be one of %s, got %r" % (", ".join(STATES), state))
    # an element under an absent element goes too (its parent cannot go while it is there)
    return "absent" if parent_state == "absent" else state


def _str_list(value, path, key):
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        _fail(path, "%s must be a list of strings, got %r" % (key, value))
    return value


def _int(value, path, key):
    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise ValueError
        return int(value)
    except (TypeError, ValueError):
        _fail(path, "%s must be an integer, got %r" % (key, value))


def _is_address(value):
    try:
        ipaddress.ip_address(str(value))
        return True
    except ValueError:
        return False


class _Planner(object):
    def __init__(self, defaults):
        self.defaults = defaults
        self.out = {}
        for kind in KINDS:
            self.out[kind] = []
            self.out[kind + "_absent"] = []
        self.keys = set()

    def add(self, kind, state, item, key, parents, label, path):
        if key in self.keys:
            _fail(path, "described twice (%s)" % label)
        self.keys.add(key)
        item = _clean(item)
        item.update(key=key, parents=[p for p in parents if p], label=label)
        self.out[kind if state == "present" else kind + "_absent"].append(item)
        return item

    # ---- a VPC and what is under it ----------------------------------------------------------------------------
    def vpc(self, raw, path):
        vpc = _element(raw, "vpc", path)
        name = str(_need(vpc, "name", path))
        path = "VPC %s" % name
        state = _state(vpc, path, "present")
        zone = vpc.get("zone") or self.defaults.get("zone")
        if not zone:
            _fail(path, "no zone (set zone, or networks_zone)")
        if vpc.get("project") and vpc.get("account"):
            _fail(path, "account and project exclude each other (project %r, account %r)" % (vpc["project"], vpc["account"]))
        owner = _clean({k: vpc.get(k) for k in OWNER})
        who = owner.get("project") or owner.get("account") or "caller"
        scope = {"zone": zone, **owner}
        key = "vpc:%s/%s/%s/%s" % (zone, owner.get("domain", ""), who, name)
        if state == "present":
            _need(vpc, "cidr", path)
        self.add("vpcs", state, dict(scope, name=name, cidr=vpc.get("cidr"), display_text=vpc.get("display_text"),
                                     network_domain=vpc.get("network_domain"), vpc_offering=vpc.get("vpc_offering"),
                                     tags=vpc.get("tags")), key, [], "%s/%s" % (who, name), path)
        ctx = {"vpc": name, "scope": scope, "key": key, "state": state, "label": "%s/%s" % (who, name), "path": path,
               "owner": owner, "who": who}
        acls = {}
        for i, acl in enumerate(_list(vpc, "acls", path)):
            self.acl(acl, "%s.acls[%d]" % (path, i), ctx, acls)
        tiers = {}
        for i, tier in enumerate(_list(vpc, "tiers", path)):
            self.tier(tier, "%s.tiers[%d]" % (path, i), ctx, acls, tiers)
        ips = {}
        for i, ip in enumerate(_list(vpc, "public_ips", path)):
            self.public_ip(ip, "%s.public_ips[%d]" % (path, i), ctx, ips)
        for i, lb in enumerate(_list(vpc, "load_balancers", path)):
            self.lb(lb, "%s.load_balancers[%d]" % (path, i), ctx, tiers, ips)
        if vpc.get("vpn") is not None:
            self.vpn(vpc["vpn"], path + ".vpn", ctx, ips)

    def acl(self, raw, path, ctx, acls):
        acl = _element(raw, "acl", path)
        name = str(_need(acl, "name", path))
        if name in DEFAULT_ACLS:
            _fail(path, "%s is one of CloudStack's default ACLs: a tier names it (acl: %s), the role does not create it" % (name, name))
        path = "%s ACL %s" % (ctx["path"], name)
        state = _state(acl, path, ctx["state"])
        key = "acl:%s/%s" % (ctx["key"], name)
        acls[name] = key
        self.add("acls", state, dict(ctx["scope"], vpc=ctx["vpc"], name=name, description=acl.get("description")),
                 key, [ctx["key"]], "%s ACL %s" % (ctx["label"], name), path)
        positions = set()
        for i, raw_rule in enumerate(_list(acl, "rules", path)):
            rule_path = "%s.rules[%d]" % (path, i)
            rule = _element(raw_rule, "rule", rule_path)
            position = _int(_need(rule, "rule_position", rule_path), rule_path, "rule_position")
            if position in positions:
                _fail(rule_path, "rule_position %d is given twice in the ACL" % position)
            positions.add(position)
            item = {k: rule.get(k) for k in ALLOWED["rule"] if k != "state"}
            item.update(rule_position=position, cidrs=_str_list(rule.get("cidrs"), rule_path, "cidrs"))
            for k in ("start_port", "end_port", "icmp_type", "icmp_code", "protocol_number"):
                item[k] = _int(rule.get(k), rule_path, k)
            self.add("acl_rules", _state(rule, rule_path, state), dict(ctx["scope"], vpc=ctx["vpc"], network_acl=name, **item),
                     "rule:%s/%d" % (key, position), [ctx["key"], key], "%s ACL %s rule %d" % (ctx["label"], name, position), rule_path)

    def tier(self, raw, path, ctx, acls, tiers):
        tier = _element(raw, "tier", path)
        name = str(_need(tier, "name", path))
        path = "%s tier %s" % (ctx["path"], name)
        state = _state(tier, path, ctx["state"])
        acl = tier.get("acl")
        if state == "present":
            _need(tier, "gateway", path)
            _need(tier, "netmask", path)
        key = "tier:%s/%s" % (ctx["key"], name)
        tiers[name] = key
        item = {k: tier.get(k) for k in ALLOWED["tier"] if k != "state"}
        item["network_offering"] = tier.get("network_offering") or self.defaults.get("tier_offering")
        # an ACL of this VPC is a parent; default_allow, default_deny and ACLs made elsewhere are looked up by the module
        self.add("tiers", state, dict(ctx["scope"], vpc=ctx["vpc"], **item), key, [ctx["key"], acls.get(acl)],
                 "%s tier %s" % (ctx["label"], name), path)

    def public_ip(self, raw, path, ctx, ips):
        ip = _element(raw, "ip", path)
        name = str(_need(ip, "name", path))
        path = "%s public IP %s" % (ctx["path"], name)
        key = "ip:%s/%s" % (ctx["key"], name)
        ips[name] = key
        # an address has no name: a tag names it (the ip_address module finds it by its tags)
        tags = [{"key": self.defaults.get("ip_tag") or "csops-networks-ip", "value": "%s/%s" % (ctx["vpc"], name)}]
        self.add("public_ips", _state(ip, path, ctx["state"]), dict(ctx["scope"], vpc=ctx["vpc"], ip_address=ip.get("ip_address"),
                                                                    tags=tags, name=name),
                 key, [ctx["key"]], "%s public IP %s" % (ctx["label"], name), path)

    def _public_ip_ref(self, value, path, ctx, ips):
        """(ip key, address): a public IP of the VPC by name, or an address."""
        if value in ips:
            return ips[value], None
        if _is_address(value):
            return None, str(value)
        _fail(path, "public_ip %r is neither a public IP of the VPC (public_ips: %s) nor an address" % (value, ", ".join(sorted(ips)) or "none"))

    def lb(self, raw, path, ctx, tiers, ips):
        lb = _element(raw, "lb", path)
        name = str(_need(lb, "name", path))
        path = "%s load balancer %s" % (ctx["path"], name)
        state = _state(lb, path, ctx["state"])
        ip_key, address = self._public_ip_ref(_need(lb, "public_ip", path), path, ctx, ips)
        tier = str(_need(lb, "tier", path))
        if state == "present":
            _need(lb, "public_port", path)
            _need(lb, "private_port", path)
        key = "lb:%s/%s" % (ctx["key"], name)
        item = {k: lb.get(k) for k in ("description", "algorithm", "protocol", "cidr", "open_firewall", "tags")}
        item.update(public_port=_int(lb.get("public_port"), path, "public_port"), private_port=_int(lb.get("private_port"), path, "private_port"))
        ref = {"ip_key": ip_key, "public_ip": address}
        label = "%s load balancer %s" % (ctx["label"], name)
        parents = [ctx["key"], tiers.get(tier), ip_key]
        self.add("lb_rules", state, dict(ctx["scope"], vpc=ctx["vpc"], network=tier, name=name, **dict(item, **ref)), key, parents, label, path)
        present, absent = self._members(lb, path)
        if state == "absent":
            return  # deleting the rule drops its members
        for kind, names in (("lb_members", present), ("lb_members_absent", absent)):
            if names:
                self.out[kind].append(dict(ctx["owner"], zone=ctx["scope"]["zone"], name=name, vms=names, key="members:%s%s" % (key, kind[10:]),
                                           parents=[p for p in parents + [key] if p], label="%s members" % label, **_clean(ref)))

    @staticmethod
    def _members(lb, path):
        present, absent = [], []
        for i, raw in enumerate(_list(lb, "members", path)):
            member = {"name": raw} if isinstance(raw, str) else _element(raw, "member", "%s.members[%d]" % (path, i))
            mpath = "%s.members[%d]" % (path, i)
            name = str(_need(member, "name", mpath))
            if name in present or name in absent:
                _fail(mpath, "instance %s is a member twice" % name)
            (present if _state(member, mpath, "present") == "present" else absent).append(name)
        return present, absent

    # ---- VPN ---------------------------------------------------------------------------------------------------
    def vpn(self, raw, path, ctx, ips):
        vpn = _element(raw, "vpn", path)
        state = _state(vpn, path, ctx["state"])
        gw_key = None
        if vpn.get("gateway", True) not in (False, "false", "no"):
            gw_key = "vpngw:%s" % ctx["key"]
            self.add("vpn_gateways", state, dict(ctx["scope"], vpc=ctx["vpc"]), gw_key, [ctx["key"]], "%s VPN gateway" % ctx["label"], path)
        cgws = {}
        for i, raw_cgw in enumerate(_list(vpn, "customer_gateways", path)):
            cpath = "%s.customer_gateways[%d]" % (path, i)
            cgw = _element(raw_cgw, "cgw", cpath)
            name = str(_need(cgw, "name", cpath))
            cstate = _state(cgw, cpath, state)
            if cstate == "present":
                for k in ("gateway", "cidrs", "esp_policy", "ike_policy", "ipsec_psk"):
                    _need(cgw, k, cpath)
            item = {k: cgw.get(k) for k in ALLOWED["cgw"] if k != "state"}
            item["cidrs"] = _str_list(cgw.get("cidrs"), cpath, "cidrs")
            cgws[name] = "cgw:%s/%s" % (ctx["key"], name)
            # the VPC is a parent only in that a VPC still to be created (check mode) may have an owner still to be created
            self.add("vpn_customer_gateways", cstate, dict(ctx["owner"], **item), cgws[name], [ctx["key"]],
                     "%s VPN customer gateway %s" % (ctx["who"], name), cpath)
        for i, raw_conn in enumerate(_list(vpn, "connections", path)):
            cpath = "%s.connections[%d]" % (path, i)
            conn = _element(raw_conn, "conn", cpath)
            name = str(_need(conn, "vpn_customer_gateway", cpath))
            self.add("vpn_connections", _state(conn, cpath, state),
                     dict(ctx["scope"], vpc=ctx["vpc"], vpn_customer_gateway=name, passive=conn.get("passive"), force=conn.get("force")),
                     "conn:%s/%s" % (ctx["key"], name), [ctx["key"], gw_key, cgws.get(name)],
                     "%s VPN connection to %s" % (ctx["label"], name), cpath)
        self._remote_access(vpn, path, ctx, ips, state)

    def _remote_access(self, vpn, path, ctx, ips, state):
        remote_key = None
        if vpn.get("remote_access") is not None:
            rpath = path + ".remote_access"
            remote = _element(vpn["remote_access"] if isinstance(vpn["remote_access"], dict) else {}, "remote", rpath)
            ip_key, address = self._public_ip_ref(_need(remote, "public_ip", rpath), rpath, ctx, ips)
            remote_key = "remote:%s" % ctx["key"]
            self.add("remote_access_vpns", _state(remote, rpath, state),
                     dict(ctx["scope"], ip_key=ip_key, public_ip=address, ip_range=remote.get("ip_range"),
                          open_firewall=remote.get("open_firewall"), for_display=remote.get("for_display")),
                     remote_key, [ctx["key"], ip_key], "%s remote access VPN" % ctx["label"], rpath)
        for i, raw_user in enumerate(_list(vpn, "users", path)):
            upath = "%s.users[%d]" % (path, i)
            user = _element(raw_user, "user", upath)
            name = str(_need(user, "username", upath))
            ustate = _state(user, upath, state)
            if ustate == "present":
                _need(user, "password", upath)
            self.add("vpn_users", ustate, dict(ctx["owner"], username=name, password=user.get("password")),
                     "vpnuser:%s/%s" % (ctx["key"], name), [ctx["key"], remote_key], "%s VPN user %s" % (ctx["who"], name), upath)


def networks_plan(vpcs, defaults=None):
    """The VPC descriptions -> flat lists per kind (see the module docstring)."""
    if vpcs is None:
        vpcs = []
    if not isinstance(vpcs, list):
        _fail("networks_vpcs", "must be a list of VPCs, got %s" % type(vpcs).__name__)
    planner = _Planner(defaults or {})
    for i, vpc in enumerate(vpcs):
        planner.vpc(vpc, "networks_vpcs[%d]" % i)
    return planner.out


class FilterModule(object):
    def filters(self):
        return {"networks_plan": networks_plan}
