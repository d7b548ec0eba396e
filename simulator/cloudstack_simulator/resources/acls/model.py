"""Network ACLs of VPCs: ACL lists and their items (rules), the lists a VPC tier or a private gateway uses.

Store types (fields of the API's list commands):
- "networkacllist": an ACL list (listNetworkACLLists): name, description, vpcid, fordisplay. The two lists every
  cloud has, default_deny and default_allow (CloudStack's network_acl rows 1 and 2, vpc_id 0), have no vpcid,
  are seen by everyone, and can be neither changed nor deleted, nor get items. Internal: _default.
- "networkacl": an ACL item (listNetworkACLs, the tag type NetworkACL): aclid, number (unique per list), traffictype
  Ingress/Egress, action Allow/Deny, protocol (tcp, udp, icmp, all or a number), startport/endport, icmptype/icmpcode,
  cidrlist, reason, fordisplay, state (Add while its job runs, Active; Revoke, shown as Deleting, while it is removed).

Tiers carry the list they use as aclid/aclname on the guestnet family's network object; private gateways as aclid on
theirs (store type "privategateway"). Rules and texts: CloudStack's NetworkACLServiceImpl and NetworkACLManagerImpl
(CloudRuntimeException texts are 530, InvalidParameterValueException texts 431).
"""
import hashlib
import ipaddress

from ...backend import backend
from ...context import now
from ...errors import ApiError, invalid_id, param_error
from ...registry import seed
from ..helpers import check_access, runtime_error

LISTS = "networkacllist"
ITEMS = "networkacl"
GATEWAYS = "privategateway"
PROTOCOLS = ("tcp", "udp", "icmp", "all")
TRAFFIC_TYPES = ("Ingress", "Egress")
ACTIONS = ("Allow", "Deny")
# CloudStack's seeded lists (setup/db: network_acl ids 1 and 2) and their items (network_acl_item ids 1-4)
DEFAULT_LISTS = (
    ("default_deny", "Default Network ACL Deny All", "Deny"),
    ("default_allow", "Default Network ACL Allow All", "Allow"),
)


@seed(45)
def seed_default_lists(sim):
    """default_deny and default_allow, with an ingress (number 1) and an egress (number 2) rule on 0.0.0.0/0 each."""
    for name, description, action in DEFAULT_LISTS:
        acl = sim.store.add(LISTS, {"name": name, "description": description, "fordisplay": True, "_default": True})
        for number, traffic in ((1, "Ingress"), (2, "Egress")):
            sim.store.add(ITEMS, {"aclid": acl["id"], "number": number, "traffictype": traffic, "action": action, "protocol": "all",
                                  "cidrlist": "0.0.0.0/0", "state": "Active", "fordisplay": True, "tags": [], "created": now()})


# ---- lookups ---------------------------------------------------------------------------------------------------------
def is_default(acl):
    return bool(acl and acl.get("_default"))


def get_list(ctx, name="id", value=None):
    """The ACL list a uuid parameter names (431 as ParamProcessWorker answers for one that names nothing)."""
    value = value or ctx.require(name)
    acl = ctx.store.get(LISTS, value)
    if acl is None:
        raise invalid_id(ctx.command, name, value)
    return acl


def get_item(ctx, name="id", value=None):
    value = value or ctx.require(name)
    item = ctx.store.get(ITEMS, value)
    if item is None:
        raise invalid_id(ctx.command, name, value)
    return item


def vpc_of(ctx, acl):
    """The VPC an ACL list belongs to (None for the default lists or a VPC that is gone)."""
    if not acl.get("vpcid"):
        return None
    return backend.vpc.find_vpc(ctx, acl["vpcid"])


def check_list_access(ctx, acl):
    """validateAclAssociatedToVpc: the caller must have access to the list's VPC."""
    vpc = vpc_of(ctx, acl)
    if vpc is None:
        raise param_error(f"Unable to find specified VPC [{acl.get('vpcid')}] associated with the ACL [{acl['id']}].")
    check_access(ctx, vpc, "VPC")
    return vpc


def check_modifiable(ctx, acl):
    """validateNetworkAcl: the default lists cannot be modified; others need access to their VPC."""
    if is_default(acl):
        raise param_error("Default ACL cannot be modified")
    return check_list_access(ctx, acl)


def visible_vpc_ids(ctx):
    """The VPCs whose lists a list call without vpcid shows (buildACLSearchParameters over the VPCs)."""
    return {v["id"] for v in ctx.scope([v for v in ctx.store.all("vpc") if not v.get("_removed")])}


def items_of(store, aclid):
    return sorted((i for i in store.all(ITEMS) if i.get("aclid") == aclid), key=lambda i: (i.get("number", 0), i.get("_seq", 0)))


def tiers_using(store, aclid):
    return [n for n in store.all("network") if n.get("aclid") == aclid and not n.get("_removed")]


def gateways_using(store, aclid):
    return [g for g in store.all(GATEWAYS) if g.get("aclid") == aclid and not g.get("_removed")]


# ---- views -------------------------------------------------------------------------------------------------------------
def list_view(ctx, acl):
    out = {k: acl.get(k) for k in ("id", "name", "description", "vpcid", "fordisplay")}
    vpc = vpc_of(ctx, acl)
    if vpc is not None:
        out["vpcname"] = vpc.get("name")
    return out


def item_view(ctx, item):
    acl = ctx.store.get(LISTS, item.get("aclid")) or {}
    out = {k: item.get(k) for k in ("id", "protocol", "traffictype", "number", "action", "fordisplay", "reason", "icmptype", "icmpcode")}
    for k in ("startport", "endport"):
        if item.get(k) is not None:
            out[k] = str(item[k])  # NetworkACLItemResponse: the ports as strings
    out["cidrlist"] = item.get("cidrlist") or None
    out["state"] = "Deleting" if item.get("state") == "Revoke" else item.get("state")
    out["aclid"], out["aclname"] = acl.get("id"), acl.get("name")
    out["tags"] = list(item.get("tags") or [])
    return out


# ---- lists ---------------------------------------------------------------------------------------------------------------
def create_list(ctx, vpc, name, description, fordisplay=True):
    check_access(ctx, vpc, "VPC")
    acl = ctx.store.add(LISTS, {"name": name, "description": description, "vpcid": vpc["id"], "fordisplay": fordisplay})
    backend.monitoring.record_event(ctx, "NETWORK.ACL.CREATE", f"Successfully created network ACL list {name}", acl, "NetworkAcl")
    return acl


def update_list(ctx, acl, name=None, description=None, fordisplay=None, customid=None):
    if is_default(acl):
        raise param_error("Default ACL cannot be modified")
    check_list_access(ctx, acl)
    if name:
        acl["name"] = name
        for net in tiers_using(ctx.store, acl["id"]):
            net["aclname"] = name
            ctx.store.save("network", net)
        for gw in gateways_using(ctx.store, acl["id"]):
            gw["aclname"] = name
            ctx.store.save(GATEWAYS, gw)
    if description:
        acl["description"] = description
    if fordisplay is not None:
        acl["fordisplay"] = fordisplay
    ctx.store.save(LISTS, acl)
    if customid and customid != acl["id"]:
        _rename_list(ctx, acl, customid)
    return acl


def _rename_list(ctx, acl, newid):
    """customid: the list's uuid changes (items and tiers follow)."""
    old = acl["id"]
    ctx.store.delete(LISTS, old)
    acl["id"] = newid
    ctx.store.add(LISTS, acl)
    for item in ctx.store.all(ITEMS):
        if item.get("aclid") == old:
            item["aclid"] = newid
            ctx.store.save(ITEMS, item)
    for net in tiers_using(ctx.store, old):
        net["aclid"] = newid
        ctx.store.save("network", net)
    for gw in gateways_using(ctx.store, old):
        gw["aclid"] = newid
        ctx.store.save(GATEWAYS, gw)


def check_deletable(ctx, acl):
    """deleteNetworkACL: not a default list; not used by a tier or a private gateway (CloudRuntimeException: 530)."""
    if is_default(acl):
        raise param_error("Default ACL cannot be removed")
    check_list_access(ctx, acl)
    tiers = tiers_using(ctx.store, acl["id"])
    if tiers:
        raise runtime_error(f"ACL is still associated with {len(tiers)} tier(s). Cannot delete network ACL: {acl['id']}")
    gws = gateways_using(ctx.store, acl["id"])
    if gws:
        raise runtime_error(f"ACL is still associated with {len(gws)} private gateway(s). Cannot delete network ACL: {acl['id']}")


def delete_list(sim, acl):
    """The list and its items (NetworkACLManagerImpl.deleteNetworkACL revokes every item first)."""
    for item in items_of(sim.store, acl["id"]):
        _remove_item(sim, item)
    sim.store.delete(LISTS, acl["id"])


def cleanup_vpc(ctx, vpc):
    """deleteVPC (VpcManagerImpl.cleanupVpcResources, step 5): the VPC's lists go with it."""
    for acl in [a for a in ctx.store.all(LISTS) if a.get("vpcid") == vpc["id"]]:
        for net in tiers_using(ctx.store, acl["id"]):
            net.pop("aclid", None)
            net.pop("aclname", None)
            ctx.store.save("network", net)
        delete_list(ctx.sim, acl)


# ---- items ------------------------------------------------------------------------------------------------------------------
def traffic_type(value, default="Ingress"):
    if value is None:
        return default
    for t in TRAFFIC_TYPES:
        if t.lower() == str(value).lower():
            return t
    raise param_error(f"Invalid traffic type {value}")


def action_of(value):
    """validateAndCreateNetworkAclRuleAction: Allow unless deny (None: Allow)."""
    if value is not None and str(value).lower() not in ("allow", "deny"):
        raise param_error(f"Invalid action [{value}]. Permitted actions are Allow and Deny")
    return "Deny" if str(value).lower() == "deny" else "Allow"


def normalize_protocol(value):
    """CreateNetworkACLCmd.getProtocol: trimmed; protocol number 1 is icmp."""
    if value is None:
        return None
    p = str(value).strip()
    return "icmp" if p.isdigit() and int(p) == 1 else p


def _valid_cidr(text):
    try:
        ipaddress.ip_network(text, strict=False)
    except ValueError:
        return False
    return "/" in text


def _check_ports(item):
    start, end = item.get("startport"), item.get("endport")
    if start is None and end is None:
        return
    if start is None or not 0 <= start <= 65535:
        raise param_error(f"Start public port is an invalid value: {start}")
    if end is None or not 0 <= end <= 65535:
        raise param_error(f"End public port is an invalid value: {end}")
    if start > end:
        raise param_error(f"Start port can't be bigger than end port [startport={start},endport={end}]")
    if str(item.get("protocol", "")).lower() == "all":
        raise param_error("start port and end port must be null if protocol = 'all'")


def _check_protocol(item):
    proto = item.get("protocol")
    if not proto:
        return
    if proto.isdigit():
        if not 0 <= int(proto) <= 255:
            raise param_error(f"Invalid protocol number: {int(proto)}")
    elif proto.lower() not in PROTOCOLS:
        raise param_error(f"Invalid protocol [{proto}]. Expected one of: [{','.join(PROTOCOLS)}]")
    icmp = proto.lower() == "icmp"
    if not icmp and (item.get("icmpcode") is not None or item.get("icmptype") is not None):
        raise param_error("Can specify icmpCode and icmpType for ICMP protocol only")
    if icmp and (item.get("startport") is not None or item.get("endport") is not None):
        raise param_error("Can't specify start/end port when protocol is ICMP")
    itype, icode = item.get("icmptype"), item.get("icmpcode")
    if itype is None:
        return
    if itype != -1 and not 0 <= itype <= 255:
        raise param_error(f"Invalid icmp type [{itype}]. It should belong to [0-255] range")
    if icode is not None and icode != -1 and not 0 <= icode <= 16:
        raise param_error(f"Invalid icmp code [{icode}]. It should belong to [0-16] range and can be defined when icmpType belongs to [0-40] range")


def validate_item(item):
    """validateNetworkACLItem: ports, source CIDRs, protocol and ICMP."""
    _check_ports(item)
    for cidr in str(item.get("cidrlist") or "").split(","):
        if cidr and not _valid_cidr(cidr):
            raise param_error(f"Source cidrs formatting error {cidr}")
    _check_protocol(item)


def check_number(ctx, acl, number, item_id=None):
    if number is None:
        return
    if item_id is None and number < 1:
        raise param_error(f"Invalid number [{number}]. Number cannot be < 1")
    for other in items_of(ctx.store, acl["id"]):
        if other.get("number") == number and other["id"] != item_id:
            raise param_error(f"ACL item with number {number} already exists in ACL: {acl['id']}")


def next_number(store, aclid):
    """NetworkACLItemDao.getMaxNumberByACL + 1."""
    return max((i.get("number", 0) for i in items_of(store, aclid)), default=0) + 1


def new_item(ctx, acl, fields):
    """An item (state Add until its job applies it), validated as createNetworkACLItem does."""
    check_modifiable(ctx, acl)
    check_number(ctx, acl, fields.get("number"))
    item = dict(fields, aclid=acl["id"], action=action_of(fields.get("action")), state="Add", tags=[], created=now())
    if item.get("number") is None:
        item["number"] = next_number(ctx.store, acl["id"])
    validate_item(item)
    return ctx.store.add(ITEMS, item)


def activate(ctx, item_id):
    item = ctx.store.get(ITEMS, item_id)
    if item is None:
        raise ApiError(530, f"Network ACL item {item_id} was removed")
    if item.get("state") == "Add":
        item["state"] = "Active"
        ctx.store.save(ITEMS, item)
    return item


def _remove_item(sim, item):
    backend.guestnet.delete_tags_of(sim, item["id"])
    sim.store.delete(ITEMS, item["id"])


def revoke_item(ctx, item):
    """deleteNetworkACL (an item): not of a default list; state Revoke until the job removes it."""
    if is_default(ctx.store.get(LISTS, item.get("aclid"))):
        raise param_error("ACL Items in default ACL cannot be deleted")
    acl = ctx.store.get(LISTS, item.get("aclid"))
    if acl is not None:
        check_list_access(ctx, acl)
    item["state"] = "Revoke"
    ctx.store.save(ITEMS, item)


def remove_item(ctx, item_id):
    item = ctx.store.get(ITEMS, item_id)
    if item is not None:
        _remove_item(ctx.sim, item)


def consistency_hash(store, aclid):
    """The md5 of the list's item uuids ordered by number (moveNetworkAclItem's aclconsistencyhash)."""
    return hashlib.md5("".join(i["id"] for i in items_of(store, aclid)).encode()).hexdigest()


def _set_number(ctx, item, number):
    item["number"] = number
    ctx.store.save(ITEMS, item)


def _shift_to(ctx, moved, number, rules, start):
    """updateAclRuleToNewPositionAndExecuteShiftIfNecessary: take `number`, pushing the rules that hold the following
    numbers one down."""
    for i in range(start, len(rules)):
        other = rules[i]
        if other["id"] == moved["id"]:
            continue
        if other.get("number") != number:
            break
        _shift_to(ctx, other, number + 1, rules, i)
    _set_number(ctx, moved, number)


def move_item(ctx, moved, previous, nxt, consistency=None):
    """moveNetworkAclItem: to the top (no previous), the bottom (no next) or between two rules of the same list."""
    aclid = moved["aclid"]
    if (nxt is not None and nxt["aclid"] != aclid) or (previous is not None and previous["aclid"] != aclid):
        raise param_error("Cannot use ACL rules from differentiating ACLs. Rule being moved.")
    acl = ctx.store.get(LISTS, aclid)
    if is_default(acl):
        raise param_error("Default ACL rules cannot be moved.")
    check_list_access(ctx, acl)
    rules = items_of(ctx.store, aclid)
    if rules and consistency and consistency != consistency_hash(ctx.store, aclid):
        raise param_error("It seems that the access control list in the database is not in the state that you used to apply the changed. "
                          "Could you try it again?")
    if previous is None:
        _shift_to(ctx, moved, 1, rules, 0)
    elif nxt is None:
        _set_number(ctx, moved, rules[-1]["number"] + 1)
    elif previous["number"] + 1 != nxt["number"]:
        number = previous["number"] + 1
        if any(r["number"] == number for r in rules):
            raise param_error("There are some inconsistencies with the data you sent. The new position calculated already has a ACL rule on it.")
        _set_number(ctx, moved, number)
    else:
        start = next((i + 1 for i, r in enumerate(rules) if r["id"] == previous["id"]), 0)
        _shift_to(ctx, moved, previous["number"] + 1, rules, start)
    return moved


# ---- tiers and private gateways -----------------------------------------------------------------------------------------
def acl_for_tier(ctx, vpc, aclid):
    """createNetwork with vpcid and aclid (NetworkServiceImpl.createGuestNetwork): the list, which must be a default
    list or one of that VPC. Without aclid the tier has no list (VpcManagerImpl.createVpcGuestNetwork sets one only
    when given; its router then lets nothing in, as default_deny)."""
    if not aclid:
        return None
    acl = get_list(ctx, "aclid", aclid)
    if not is_default(acl) and acl.get("vpcid") != vpc["id"]:
        raise param_error(f"ACL: {acl['id']} do not belong to the VPC")
    return acl


def assign(ctx, net, acl):
    """The tier uses this list (listNetworks shows aclid and aclname)."""
    if acl is None:
        return net
    net["aclid"], net["aclname"] = acl["id"], acl["name"]
    ctx.store.save("network", net)
    return net


def check_replace_on_network(ctx, acl, net):
    """replaceNetworkACL's checks: a guest tier of a VPC, the list a default one or of the same VPC, an offering with
    the NetworkACL service."""
    if not net.get("vpcid"):
        raise param_error(f"Network is not part of a VPC: {net['id']}")
    if net.get("traffictype", "Guest") != "Guest":
        raise param_error("Network ACL can be created just for networks of type Guest")
    if not is_default(acl):
        check_list_access(ctx, acl)
        if net["vpcid"] != acl.get("vpcid"):
            raise param_error(f"Network: {net['id']} and ACL: {acl['id']} do not belong to the same VPC")
    off = ctx.store.get("networkoffering", net.get("networkofferingid")) or {}
    if "NetworkACL" not in backend.guestnet.offering_services(off):
        raise param_error("Cannot apply NetworkACL. Network Offering does not support NetworkACL service")


def check_replace_on_gateway(ctx, acl, gw):
    """replaceNetworkACLonPrivateGw's checks."""
    if gw.get("state", "Ready") != "Ready":
        raise param_error("Gateway is not in Ready state")
    if not gw.get("vpcid"):
        raise param_error("Unable to find specified vpc id")
    if not is_default(acl):
        check_list_access(ctx, acl)
        if gw["vpcid"] != acl.get("vpcid"):
            raise param_error(f"private gateway: {gw['id']} and ACL: {acl['id']} do not belong to the same VPC")


def replace_on_gateway(ctx, acl, gw):
    gw["aclid"], gw["aclname"] = acl["id"], acl["name"]
    ctx.store.save(GATEWAYS, gw)
    return gw


backend.vpc.register_cleanup(cleanup_vpc)  # deleteVPC: the VPC's lists go with it
