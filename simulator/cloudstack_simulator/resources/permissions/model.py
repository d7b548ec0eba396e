"""Role permission rules and the API access check (RoleManagerImpl, RolePermissionsDaoImpl, Rule and
DynamicRoleBasedAPIAccessChecker of CloudStack 4.18).

- A rule is an API name or a wildcard (``list*``, ``*``): ``Rule`` accepts ``[a-zA-Z0-9*]+`` and matches command
  names case-insensitively, ``*`` standing for any run of word characters.
- A role's rules are kept in their ``sort_order``; a new rule goes last; ``updateRolePermission`` with ``ruleorder``
  replaces the whole order.
- The default roles get the rules a fresh 4.18 cloud has (``shared/reference/defaults.json``, produced by running
  the install and upgrade SQL); their rules cannot be added, changed or removed (PermissionDeniedException).
- ``check_access``: the root admin role allows everything; any other role's rules are read in order, the first
  that matches decides (allow: the command runs; deny: 401). No matching rule: the command's
  ``@APICommand(authorized=...)`` annotation decides by the role's type, else 432. The annotations are not in the
  4.18 API data; ``AUTHORIZED`` holds those read from the 4.18 sources for the commands the simulator implements
  that the default rules leave out (the rest are admin-only commands without such an annotation).
"""
import functools
import re

from ...errors import SERVER_API_CODE, ApiError, param_error
from ...registry import seed
from ...spec import defaults

ALLOWED_RULE = re.compile(r"^[a-zA-Z0-9*]+$")
ALL_TYPES = frozenset({"Admin", "ResourceAdmin", "DomainAdmin", "User"})
# @APICommand(authorized=...) of 4.18 commands no default rule names (ListRolesCmd, CreatePrivateGatewayCmd of 4.17+,
# GetUserKeysCmd, ListVMsMetricsCmd, the user data commands new in 4.18: annotated on the 4.18 branch, though one early
# copy of RegisterUserDataCmd lacks it); a command missing here has no annotation
AUTHORIZED = {
    "listRoles": frozenset({"Admin", "ResourceAdmin", "DomainAdmin"}),
    "createPrivateGateway": ALL_TYPES,
    "getUserKeys": ALL_TYPES,
    "listVirtualMachinesMetrics": ALL_TYPES,
    **{name: ALL_TYPES for name in ("registerUserData", "listUserData", "deleteUserData", "linkUserDataToTemplate",
                                    "resetUserDataForVirtualMachine")},
}
ROOT_ADMIN_ROLE_SEQ = 1  # RoleType.Admin.getId(): the role with database id 1 is the root admin


# ---- rules -------------------------------------------------------------------------------------------------
def check_rule(rule):
    """Rule.validate: an API name or a wildcard."""
    if not rule or not ALLOWED_RULE.match(rule):
        raise param_error(f"Only API names and wildcards are allowed, invalid rule provided: {rule}")
    return rule


@functools.lru_cache(maxsize=4096)
def _pattern(rule):
    return re.compile(rule.lower().replace("*", r"(\w*\*?)+"))


def rule_matches(rule, command):
    """Rule.matches: the whole (lower-cased) command name against the rule, * = any word characters."""
    return bool(command) and _pattern(rule).fullmatch(command.lower()) is not None


def check_permission(value):
    """RoleManagerImpl.getRolePermission: allow or deny, any case."""
    if value is None or value == "":
        return None
    if value.lower() not in ("allow", "deny"):
        raise ApiError(431, "Values for permission parameter should be: allow or deny", SERVER_API_CODE)
    return value.lower()


def rules_of(ctx_or_sim, roleid):
    """A role's rules in their order (RolePermissionsDaoImpl.findAllByRoleIdSorted)."""
    return sorted(ctx_or_sim.store.find("rolepermission", roleid=roleid), key=lambda r: (r["_sort"], r["_seq"]))


def _add(store, role, rule, permission, description=None):
    rules = sorted(store.find("rolepermission", roleid=role["id"]), key=lambda r: (r["_sort"], r["_seq"]))
    sort = rules[-1]["_sort"] + 1 if rules else 0  # RolePermissionsDaoImpl.persist: after the last rule
    return store.add("rolepermission", {
        "roleid": role["id"], "rule": rule, "permission": permission, "description": description,
        "_sort": sort, "_seq": store.next_seq("rolepermission"),
    })


def view(ctx, perm):
    role = ctx.store.get("role", perm["roleid"]) or {}
    return {"id": perm["id"], "roleid": perm["roleid"], "rolename": role.get("name"), "rule": perm["rule"],
            "permission": perm["permission"], "description": perm.get("description")}


# ---- seed --------------------------------------------------------------------------------------------------
@seed(11)
def seed_permissions(sim):
    """The rules of the default roles as a fresh 4.18 cloud has them (after identity's roles, order 10)."""
    by_role = defaults()["identity"]["role_permissions"]["by_version"]["4.18"]
    st = sim.store
    for role in sorted(st.all("role"), key=lambda r: r.get("_seq", 0)):
        for rule, permission in by_role.get(role["name"], []):
            _add(st, role, rule, permission.lower())


# ---- the commands' rules -------------------------------------------------------------------------------------
def _check_caller(ctx):
    """RoleManagerImpl.checkCallerAccess: only accounts of an Admin-type role manage roles and their rules."""
    role = ctx.store.get("role", ctx.account.get("roleid") or "")
    if role is None or role.get("type") != "Admin":
        raise ApiError(531, "Restricted API called by an user account of non-Admin role type")


def _not_default(role, verb):
    if role.get("isdefault"):
        raise ApiError(531, f"Role permission cannot be {verb} for Default roles")


def create_rule(ctx, role, rule, permission, description):
    _check_caller(ctx)
    check_rule(rule)
    _not_default(role, "added")
    if any(r["rule"] == rule for r in rules_of(ctx, role["id"])):  # findRolePermissionByRoleIdAndRule
        raise ApiError(531, f"Rule already exists for the role: {role['name']}")
    return _add(ctx.store, role, rule, permission, description)


def set_permission(ctx, role, perm, permission):
    _check_caller(ctx)
    _not_default(role, "updated")
    perm["permission"] = permission
    ctx.store.save("rolepermission", perm)


def reorder(ctx, role, perms):
    """RolePermissionsDaoImpl.update(role, newOrder): the new order names each of the role's rules once."""
    _check_caller(ctx)
    _not_default(role, "updated")
    current = rules_of(ctx, role["id"])
    if len(perms) != len(current):
        raise ApiError(530, "Failed to update role permission order, either role is invalid or number of items sent don't match")
    if {p["id"] for p in perms} != {c["id"] for c in current}:
        raise ApiError(530, "Failed to update role permission order, found a role permission item that does not exist")
    for index, perm in enumerate(perms):
        perm["_sort"] = index
        ctx.store.save("rolepermission", perm)


def delete_rule(ctx, perm):
    _check_caller(ctx)
    role = ctx.store.get("role", perm["roleid"])
    if role is not None:
        _not_default(role, "deleted")
    ctx.store.delete("rolepermission", perm["id"])


# ---- what identity calls ---------------------------------------------------------------------------------------
def copy_rules(ctx, source, role):
    """RoleManagerImpl.createRole(name, role, ...): a role cloned from another gets a copy of its rules."""
    for perm in rules_of(ctx, source["id"]):
        _add(ctx.store, role, perm["rule"], perm["permission"], perm.get("description"))


def remove_rules(ctx, role):
    """RoleManagerImpl.deleteRole: the role's rules go with it."""
    for perm in rules_of(ctx, role["id"]):
        ctx.store.delete("rolepermission", perm["id"])


# ---- the access check ------------------------------------------------------------------------------------------
def is_root_admin_role(role):
    """RoleType.Admin with the database id 1 (roles made later are never default: their _seq may be 1 as well)."""
    return bool(role.get("isdefault")) and role.get("type") == "Admin" and role.get("_seq") == ROOT_ADMIN_ROLE_SEQ


def allows(sim, caller, command):
    """True if the caller may run the command (ApiDiscoveryServiceImpl.listApis lists only those)."""
    try:
        check_access(sim, caller, command)
    except ApiError:
        return False
    return True


def check_access(sim, caller, command):
    """DynamicRoleBasedAPIAccessChecker.checkAccess as ApiServer.commandAvailable answers it.

    A deny rule: PermissionDeniedException, which ApiServer answers 401; no rule: UnavailableCommandException, 432."""
    role = sim.store.get("role", caller["account"].get("roleid") or "")
    if role is None:
        raise ApiError(401, f"The given command '{command}' either does not exist, is not available for user.", SERVER_API_CODE)
    if is_root_admin_role(role) or not sim.store.count("rolepermission"):
        return  # no rules at all: a state saved before this family existed, checked as before (not at all)
    for perm in rules_of(sim, role["id"]):
        if rule_matches(perm["rule"], command):
            if perm["permission"] == "allow":
                return
            raise ApiError(401, f"The given command '{command}' either does not exist, is not available for user.", SERVER_API_CODE)
    if role.get("type") in AUTHORIZED.get(command, ()):
        return
    raise ApiError(432, f"The API {command} does not exist or is not available for this account.", SERVER_API_CODE)
