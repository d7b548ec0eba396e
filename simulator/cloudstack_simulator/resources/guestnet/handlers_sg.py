"""The guestnet commands of security groups (ingress and egress rules) and affinity groups."""
from ...backend import backend
from ...errors import ApiError, invalid_id, param_error
from ...registry import api
from ..helpers import check_access, is_admin, owner, owner_view, tags_matching
from .handlers_rules import _cidrs, _ports, _protocol
from .model import AFFINITY_TYPES, _fail_later, delete_tags_of, ensure_default_sg


@api("createSecurityGroup")
def create_sg(ctx, p):
    own = owner(ctx)
    name = ctx.require("name")
    if name.lower() == "default":
        raise param_error("The security group name default is reserved")
    for s in ctx.store.all("securitygroup"):
        if s["name"] == name and s.get("domainid") == own["domainid"] and str(s.get("account", "")).lower() == str(own["account"]).lower() \
                and s.get("projectid") == own.get("projectid"):
            raise param_error(f"Unable to create security group, a group with name {name} already exists.")
    sg = ctx.store.add("securitygroup", {"name": name, "description": ctx.get("description"), **owner_view(own), "_accountid": own.get("_accountid"),
                                         "ingressrule": [], "egressrule": [], "tags": [], "virtualmachinecount": 0, "virtualmachineids": []})
    backend.monitoring.record_event(ctx, "SG.CREATE", f"Successfully created security group {name}", sg, "SecurityGroup")
    return sg


@api("deleteSecurityGroup")
def delete_sg(ctx, p):
    if ctx.get("id"):
        g = ctx.store.get("securitygroup", ctx.get("id"))
        if g is None:
            raise invalid_id(ctx.command, "id", ctx.get("id"))
    elif ctx.get("name"):
        own = owner(ctx)
        g = next((s for s in ctx.store.all("securitygroup") if s["name"] == ctx.get("name") and s.get("domainid") == own["domainid"]
                  and str(s.get("account", "")).lower() == str(own["account"]).lower()), None)
        if g is None:
            raise param_error(f"Unable to find network group: {ctx.get('name')}; failed to delete group.")
    else:
        raise param_error("Either id or name parameter is required by deleteSecurityGroup command")
    check_access(ctx, g, "security group")
    if g["name"] == "default":
        raise param_error("The network default group cannot be deleted")
    if g.get("virtualmachineids"):
        raise ApiError(536, "Cannot delete group when it's in use by virtual machines")
    ctx.store.delete("securitygroup", g["id"])
    delete_tags_of(ctx.sim, g["id"])
    backend.monitoring.record_event(ctx, "SG.DELETE", f"Successfully deleted security group {g['name']}", g, "SecurityGroup")
    return None


@api("authorizeSecurityGroupIngress")
def authorize_ingress(ctx, p):
    return _authorize(ctx, "Ingress")


@api("authorizeSecurityGroupEgress")
def authorize_egress(ctx, p):
    return _authorize(ctx, "Egress")


@api("revokeSecurityGroupIngress")
def revoke_ingress(ctx, p):
    return _revoke(ctx, "Ingress")


@api("revokeSecurityGroupEgress")
def revoke_egress(ctx, p):
    return _revoke(ctx, "Egress")


@api("listSecurityGroups")
def list_sgs(ctx, p):
    # every account has its "default" group (CloudStack makes it with the account): made here when first seen
    # (of the accounts a fresh install seeds, only admin has one: defaults.json; baremetal-system-account has none)
    seeded = {"system", "baremetal-system-account"}
    accounts = [a for a in ctx.store.all("account") if not a.get("_hidden") and not a.get("_removed") and int(a.get("accounttype", 0)) != 5
                and not (a.get("_seq", 99) <= 3 and a.get("name") in seeded)]
    if not is_admin(ctx):
        accounts = [ctx.account]
    elif not ctx.is_root_admin:
        tree = ctx.domain_tree(ctx.account["domainid"])
        accounts = [a for a in accounts if a.get("domainid") in tree]
    for acc in accounts:
        ensure_default_sg(ctx.sim, acc)
    gs = ctx.scope(ctx.store.all("securitygroup"))
    gs = ctx.filter_eq(gs, ["id", ("securitygroupname", "name")])
    if ctx.get("virtualmachineid"):
        vid = ctx.get("virtualmachineid")
        gs = [g for g in gs if vid in (g.get("virtualmachineids") or [])]
    tags = ctx.map_param("tags")
    if tags:
        gs = [g for g in gs if tags_matching(g, tags)]
    return ctx.filter_keyword(gs, ("name", "description"))


@api("createAffinityGroup")
def create_ag(ctx, p):
    own = owner(ctx)
    name, type_ = ctx.require("name"), ctx.require("type")
    if type_ not in AFFINITY_TYPES:
        if type_ == "ExplicitDedication":
            raise param_error("Unable to create affinity group: ExplicitDedication groups are created by dedicating resources to a domain or account")
        raise param_error(f"Unable to create affinity group, invalid affinity group type: {type_}")
    if _find_ag(ctx, own, name):
        raise param_error(f"Unable to create affinity group, a group with name {name} already exists.")
    g = ctx.store.add("affinitygroup", {"name": name, "description": ctx.get("description"), "type": type_, **owner_view(own),
                                        "_accountid": own.get("_accountid"), "virtualmachineIds": []})
    backend.monitoring.record_event(ctx, "AG.CREATE", f"Successfully created affinity group {name}", g, "AffinityGroup")
    return g


@api("deleteAffinityGroup")
def delete_ag(ctx, p):
    if ctx.get("id"):
        g = ctx.store.get("affinitygroup", ctx.get("id"))
        if g is None:
            raise invalid_id(ctx.command, "id", ctx.get("id"))
    elif ctx.get("name"):
        g = _find_ag(ctx, owner(ctx), ctx.get("name"))
        if g is None:
            raise param_error(f"Unable to find affinity group by name {ctx.get('name')}")
    else:
        raise param_error("Either the affinity group's name or id is required")
    check_access(ctx, g, "affinity group")
    gid = g["id"]

    def finish():
        cur = ctx.store.get("affinitygroup", gid)
        if cur is None:
            return None
        for vmid in cur.get("virtualmachineIds") or []:
            vm = ctx.store.get("virtualmachine", vmid)
            if vm is not None:
                vm["affinitygroup"] = [a for a in vm.get("affinitygroup") or [] if a["id"] != gid]
                ctx.store.save("virtualmachine", vm)
        ctx.store.delete("affinitygroup", gid)
        backend.monitoring.record_event(ctx, "AG.DELETE", f"Successfully deleted affinity group {cur['name']}", cur, "AffinityGroup")
        return None

    return ctx.later(finish, "AffinityGroup", gid)


@api("listAffinityGroups")
def list_ags(ctx, p):
    gs = ctx.scope(ctx.store.all("affinitygroup"))
    gs = ctx.filter_eq(gs, ["id", "name", "type"], ci_fields=("name", "type"))
    if ctx.get("virtualmachineid"):
        vid = ctx.get("virtualmachineid")
        gs = [g for g in gs if vid in (g.get("virtualmachineIds") or [])]
    return ctx.filter_keyword(gs, ("name", "description"))


@api("listAffinityGroupTypes")
def list_ag_types(ctx, p):
    return [{"type": t} for t in AFFINITY_TYPES]


@api("updateVMAffinityGroup")
def update_vm_affinity(ctx, p):
    vm = backend.compute.get_vm(ctx)
    if vm["state"] != "Stopped":
        raise param_error(f"Unable to update affinity groups of VM {vm['name']}: it must be Stopped (state {vm['state']})")
    own = {k: vm.get(k) for k in ("account", "domainid", "domain", "projectid")}
    groups = backend.compute.vm_affinity_groups(ctx, own)
    for a in vm.get("affinitygroup") or []:
        g = ctx.store.get("affinitygroup", a["id"])
        if g and vm["id"] in g.get("virtualmachineIds", []):
            g["virtualmachineIds"].remove(vm["id"])
            ctx.store.save("affinitygroup", g)
    vm["affinitygroup"] = [backend.compute.affinity_view(g) for g in groups]
    for g in groups:
        g.setdefault("virtualmachineIds", []).append(vm["id"])
        ctx.store.save("affinitygroup", g)
    backend.compute.touch(ctx, vm)
    vmid = vm["id"]
    return ctx.later(lambda: ctx.store.get("virtualmachine", vmid), "VirtualMachine", vmid)


def _get_sg(ctx, idname="securitygroupid", namename="securitygroupname"):
    if ctx.get(idname):
        g = ctx.store.get("securitygroup", ctx.get(idname))
        if g is None:
            raise invalid_id(ctx.command, idname, ctx.get(idname))
        if ctx.get(namename):
            raise param_error(f"{idname} and {namename} parameters are mutually exclusive")
    elif ctx.get(namename):
        own = owner(ctx)
        g = next((s for s in ctx.store.all("securitygroup") if s["name"] == ctx.get(namename) and s.get("domainid") == own["domainid"]
                  and str(s.get("account", "")).lower() == str(own["account"]).lower()), None)
        if g is None:
            raise param_error(f"Unable to find security group {ctx.get(namename)}; failed to authorize ingress.")
    else:
        raise param_error(f"Either {idname} or {namename} is required by this command")
    check_access(ctx, g, "security group")
    return g


def _sg_rule_exists(rules, rule):
    return any(all(r.get(f) == rule.get(f) for f in ("protocol", "startport", "endport", "cidr", "account", "securitygroupname", "icmptype", "icmpcode"))
               for r in rules or [])


def _authorize(ctx, direction):
    g = _get_sg(ctx)
    proto = _protocol(ctx) if ctx.get("protocol") else "all"
    start, end = _ports(ctx, "startport", "endport", proto)
    if proto in ("tcp", "udp") and start is None:
        raise param_error("Invalid port range: startport and endport are required for protocol " + proto)
    cidrs = ctx.list("cidrlist")
    _cidrs(ctx)
    users = ctx.map_param("usersecuritygrouplist")
    if not cidrs and not users:
        raise param_error("At least one cidr or at least one security group needs to be specified")
    key = "ingressrule" if direction == "Ingress" else "egressrule"
    added = []
    targets = [("cidr", c) for c in cidrs] + [("group", (u.get("account"), u.get("group"))) for u in users]
    for kind, target in targets:
        rule = {"ruleid": ctx.store.new_id(), "protocol": proto, "tags": []}
        if start is not None:
            rule["startport"], rule["endport"] = start, end
        if proto == "icmp":
            rule["icmptype"], rule["icmpcode"] = ctx.int("icmptype", -1), ctx.int("icmpcode", -1)
        if kind == "cidr":
            rule["cidr"] = target
        else:
            rule["account"], rule["securitygroupname"] = target
        if not _sg_rule_exists(g.get(key), rule):
            added.append(rule)
    if not added:  # CloudStack skips rules that exist; none left: the job fails
        return _fail_later(ctx, ApiError(530, f"Failed to authorize security group {direction.lower()} rule(s)"), "SecurityGroup", g["id"])
    gid = g["id"]

    def finish():
        cur = ctx.store.get("securitygroup", gid)
        if cur is None:
            raise ApiError(530, f"Security group {gid} was removed")
        # the job checks again (as SecurityGroupManagerImpl does, under the group's lock): two jobs for the same rule add it once
        fresh = [r for r in added if not _sg_rule_exists(cur.get(key), r)]
        if not fresh:
            raise ApiError(530, f"Failed to authorize security group {direction.lower()} rule(s)")
        added[:] = fresh
        cur.setdefault(key, []).extend(added)
        ctx.store.save("securitygroup", cur)
        backend.monitoring.record_event(ctx, f"SG.AUTH.{direction.upper()}",
                                        f"Successfully authorized {direction.lower()} rules on security group {cur['name']}", cur, "SecurityGroup")
        view = dict(cur)
        view[key] = list(added)
        return view if direction == "Ingress" else {"securitygroup": view}

    return ctx.later(finish, "SecurityGroup", gid)


def _revoke(ctx, direction):
    rid = ctx.require("id")
    key = "ingressrule" if direction == "Ingress" else "egressrule"
    for g in ctx.store.all("securitygroup"):
        for r in g.get(key) or []:
            if r["ruleid"] == rid:
                check_access(ctx, g, "security group")
                gid = g["id"]

                def finish(gid=gid):
                    cur = ctx.store.get("securitygroup", gid)
                    if cur is not None:
                        cur[key] = [x for x in cur.get(key) or [] if x["ruleid"] != rid]
                        ctx.store.save("securitygroup", cur)
                        backend.monitoring.record_event(ctx, f"SG.REVOKE.{direction.upper()}", f"Successfully revoked {direction.lower()} rule {rid}",
                                                cur, "SecurityGroup")
                    return None

                return ctx.later(finish, "SecurityGroup", gid)
    raise invalid_id(ctx.command, "id", rid)


# ---- affinity groups -----------------------------------------------------------------------------------------------------------
def _find_ag(ctx, own, name):
    return next((g for g in ctx.store.all("affinitygroup") if g["name"] == name and g.get("domainid") == own["domainid"]
                 and str(g.get("account", "")).lower() == str(own.get("account", "")).lower() and g.get("projectid") == own.get("projectid")), None)
