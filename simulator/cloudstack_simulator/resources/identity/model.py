"""Tenancy: domains, accounts, users, roles, projects, resource limits, SSH key pairs (and listCapabilities).

Seeded as a fresh CloudStack 4.18 has them. Object fields follow listDomains / listAccounts /
listUsers / listRoles / listProjects / listResourceLimits / listSSHKeyPairs. Internal fields:

- domain["_path"] is the DB path ("/" for ROOT, "/a/b/" below it); domain["_limits"] its set limits;
- account["_hidden"] and user["_hidden"] mark the system account and user (listAccounts / listUsers
  leave them out); account["_limits"] {resourcetype: max} holds limits set by updateResourceLimit;
  a project's own account has accounttype 5, "_hidden" and "_projectid";
- user["_password"] is a salted hash; user["_secretkey"] the secret key (user["apikey"] is public);
- project["_accountid"] is the project's account, project["_ownerid"] the owning account;
- sshkeypair["_publickey"] the registered public key.

Account-owned objects of every module carry "domainid", "domain", "account" (the account name) and,
when a project owns them, "projectid"/"project" instead of "account": owner_fields() builds those,
resolve_owner() reads the account/domainid/projectid parameters of a create command.
"""

import functools
import re

from ...context import DOMAIN_ADMIN, ROOT_ADMIN, USER, now
from ...errors import ApiError, param_error
from ...identity_keys import hash_password, new_key
from ...registry import seed
from ...spec import defaults

ROLE_TYPES = {"Admin": 1, "ResourceAdmin": 3, "DomainAdmin": 2, "User": 0}
ACCOUNT_ROLE_TYPE = {1: "Admin", 2: "DomainAdmin", 3: "ResourceAdmin", 0: "User"}
PROJECT_ACCOUNT = 5
CLOUDSTACK_VERSION = "4.18.1.0"

# Resource.ResourceType: number, name, global-setting suffix, prefix of the *limit/*total/*available fields
RESOURCE_TYPES = [
    (0, "user_vm", "user.vms", "vm"),
    (1, "public_ip", "public.ips", "ip"),
    (2, "volume", "volumes", "volume"),
    (3, "snapshot", "snapshots", "snapshot"),
    (4, "template", "templates", "template"),
    (5, "project", "projects", "project"),
    (6, "network", "networks", "network"),
    (7, "vpc", "vpcs", "vpc"),
    (8, "cpu", "cpus", "cpu"),
    (9, "memory", "memory", "memory"),
    (10, "primary_storage", "primary.storage", "primarystorage"),
    (11, "secondary_storage", "secondary.storage", "secondarystorage"),
]
TYPE_BY_NUMBER = {t[0]: t for t in RESOURCE_TYPES}
TYPE_BY_NAME = {t[1]: t for t in RESOURCE_TYPES}
UNLIMITED = -1
DEAD_VM_STATES = {"Destroyed", "Expunging", "Error"}


@functools.lru_cache(maxsize=1)
def _setting_defaults():
    out = {}
    for row in defaults()["global_settings"]["settings"]:
        out[row["name"]] = row.get("value_simulator_dev", row.get("value_fresh_install", row.get("defaultvalue")))
    return out


def _global_setting_default(name):
    """A global setting's value when the configuration table (the config family) does not hold it."""
    return _setting_defaults().get(name)


def setting(ctx_or_sim, name):
    """A global setting's value (the configuration table, else its default), cached for the request when given a ctx."""
    cache = ctx_or_sim.__dict__.setdefault("_settings", {}) if hasattr(ctx_or_sim, "store") and hasattr(ctx_or_sim, "sim") else None
    if cache is not None and name in cache:
        return cache[name]
    sim = getattr(ctx_or_sim, "sim", ctx_or_sim)
    value = sim.config_value(name)
    if value is None:
        value = _global_setting_default(name)
    if cache is not None:
        cache[name] = value
    return value


# ---- small helpers ---------------------------------------------------------------------------------
def api_path(db_path):
    """DB path "/a/b/" -> API path "ROOT/a/b"."""
    return "ROOT" + db_path.rstrip("/") if db_path != "/" else "ROOT"


def is_admin_type(accounttype):
    return int(accounttype) in (ROOT_ADMIN, DOMAIN_ADMIN, 3, 4)


def domain_of(ctx, domainid):
    return ctx.store.get("domain", domainid)


def in_tree(ctx, ancestor_id, domainid):
    anc, dom = domain_of(ctx, ancestor_id), domain_of(ctx, domainid)
    return bool(anc and dom and dom["_path"].startswith(anc["_path"]))


def check_domain_access(ctx, domainid):
    """CloudStack's checkAccess(caller, domain): root admin anywhere, others within their own domain tree."""
    if ctx.is_root_admin:
        return
    if int(ctx.account.get("accounttype", 0)) == USER:
        if domainid != ctx.account["domainid"]:
            raise ApiError(531, f"Account {ctx.account['name']} does not have permission to operate within domain id={domainid}")
        return
    if not in_tree(ctx, ctx.account["domainid"], domainid):
        raise ApiError(531, f"Account {ctx.account['name']} does not have permission to operate within domain id={domainid}")


def check_account_access(ctx, account):
    """checkAccess(caller, null, account): a normal user only on its own account, admins within their domain tree."""
    if ctx.is_root_admin:
        return
    if int(ctx.account.get("accounttype", 0)) == USER and account["id"] != ctx.account["id"]:
        raise ApiError(531, f"Account {ctx.account['name']} does not have permission to operate with resource Acct[{account['id']}-{account['name']}]")
    check_domain_access(ctx, account["domainid"])


def _seq_of(ctx, type_, id_):
    obj = ctx.store.get(type_, id_)
    return obj.get("_seq") if obj else id_


def live_accounts(ctx):
    return [a for a in ctx.store.all("account") if not a.get("_removed")]


def find_account(ctx, name, domainid):
    low = name.lower()
    for a in live_accounts(ctx):
        if a["domainid"] == domainid and a["name"].lower() == low and a.get("accounttype") != PROJECT_ACCOUNT:
            return a
    return None


def owner_fields(account, project=None):
    """The owner fields an account- or project-owned object carries ("_accountid": the owning account, internal)."""
    if project is not None:
        return {"domainid": project["domainid"], "domain": project["domain"], "projectid": project["id"], "project": project["name"],
                "account": None, "_accountid": project["_accountid"]}
    return {"domainid": account["domainid"], "domain": account["domain"], "account": account["name"], "_accountid": account["id"],
            "projectid": None, "project": None}


def resolve_owner(ctx, allow_project=True):
    """The (account, project) that owns what a create command makes: account+domainid, projectid, or the caller.

    Mirrors AccountManagerImpl.finalizeOwner: account needs domainid; projectid names a project the caller may use.
    """
    projectid = ctx.get("projectid") if allow_project else None
    name, domainid = ctx.get("account"), ctx.get("domainid")
    if projectid and name and domainid:
        raise param_error("ProjectId and account/domainId can't be specified together")
    if projectid:
        project = ctx.obj("project", "projectid")
        if not ctx.is_root_admin and not _is_project_member(ctx, project, ctx.account):
            if int(ctx.account.get("accounttype", 0)) == USER or not in_tree(ctx, ctx.account["domainid"], project["domainid"]):
                raise ApiError(531, f"Account {ctx.account['name']} is unauthorised to use project id={project['_seq']}")
        if project.get("state") != "Active":
            raise param_error(f"Can't add resources to the project id={project['_seq']} in state={project['state']} as it's no longer active")
        return ctx.store.get("account", project["_accountid"]), project
    if name and not domainid:
        raise param_error("AccountName and domainId must be specified together")
    if name:
        dom = ctx.obj("domain", "domainid")
        if not is_admin_type(ctx.account.get("accounttype", 0)):
            if name != ctx.account["name"] or domainid != ctx.account["domainid"]:
                raise ApiError(531, f"Can't create/list resources for account {name} in domain {dom['_seq']}, permission denied")
            return ctx.account, None
        account = find_account(ctx, name, domainid)
        if account is None:
            raise param_error(f"Unable to find account {name} in domain {dom['name']}")
        check_domain_access(ctx, domainid)
        return account, None
    if domainid:
        ctx.obj("domain", "domainid")
        check_domain_access(ctx, domainid)
    return ctx.account, None


def _is_project_member(ctx, project, account):
    return account["id"] in project.get("_members", [project.get("_ownerid")])


def owned_by(obj, account):
    """Does an account-owned object (of any module) belong to this account (or project account)?"""
    if account.get("accounttype") == PROJECT_ACCOUNT:
        return obj.get("projectid") == account.get("_projectid")
    if obj.get("projectid"):
        return False
    aid = obj.get("_accountid") or obj.get("accountid")
    if aid:
        return aid == account["id"]
    return obj.get("domainid") == account["domainid"] and obj.get("account") == account["name"]


# ---- resource limits and counts --------------------------------------------------------------------
def _owner_key(obj):
    if obj.get("projectid"):
        return ("p", obj["projectid"])
    aid = obj.get("_accountid") or obj.get("accountid")
    if aid:
        return ("a", aid)
    return ("n", obj.get("domainid"), obj.get("account"))


def owned(ctx, type_, account):
    """The objects of a type an account (or a project's account) owns, through an index kept per request.

    The index of a type is rebuilt when the table's size changed (an object added or removed meanwhile).
    """
    cache = ctx.__dict__.setdefault("_owner_index", {})
    table = ctx.store.table(type_)
    entry = cache.get(type_)
    if entry is None or entry[0] != len(table):
        index = {}
        for obj in table.values():
            index.setdefault(_owner_key(obj), []).append(obj)
        entry = cache[type_] = (len(table), index)
    index = entry[1]
    if account.get("accounttype") == PROJECT_ACCOUNT:
        return list(index.get(("p", account.get("_projectid")), []))
    return index.get(("a", account["id"]), []) + index.get(("n", account["domainid"], account["name"]), [])


def _live_vms(ctx, account):
    return [v for v in owned(ctx, "virtualmachine", account) if v.get("state") not in DEAD_VM_STATES]


def _count(ctx, account, rtype):
    if rtype == 0:
        return len(_live_vms(ctx, account))
    if rtype == 1:
        return sum(1 for ip in owned(ctx, "publicipaddress", account) if not ip.get("issourcenat_system"))
    if rtype == 2:
        return sum(1 for v in owned(ctx, "volume", account) if v.get("state") not in ("Destroy", "Expunged"))
    if rtype == 3:
        return len(owned(ctx, "snapshot", account))
    if rtype == 4:
        return sum(1 for t in owned(ctx, "template", account) + owned(ctx, "iso", account) if not t.get("_removed"))
    if rtype == 5:
        return sum(1 for p in ctx.store.all("project") if p.get("_ownerid") == account["id"])
    if rtype == 6:
        return len(owned(ctx, "network", account))
    if rtype == 7:
        return len(owned(ctx, "vpc", account))
    if rtype == 8:
        return sum(int(v.get("cpunumber") or 0) for v in _live_vms(ctx, account))
    if rtype == 9:
        return sum(int(v.get("memory") or 0) for v in _live_vms(ctx, account))
    if rtype == 10:
        return sum(int(v.get("size") or 0) for v in owned(ctx, "volume", account)) // (1024 ** 3)
    return 0


def account_count(ctx, account, rtype):
    return _count(ctx, account, rtype)


def domain_count(ctx, domain, rtype):
    doms = ctx.domain_tree(domain["id"])
    return sum(_count(ctx, a, rtype) for a in live_accounts(ctx) if a["domainid"] in doms)


def account_limit(ctx, account, rtype):
    """ResourceLimitManagerImpl.findCorrectResourceLimitForAccount (storage limits in GiB)."""
    if int(account.get("accounttype", 0)) == ROOT_ADMIN:
        return UNLIMITED
    own = account.get("_limits", {}).get(str(rtype))
    if own is not None:
        return int(own)
    prefix = "max.project." if account.get("accounttype") == PROJECT_ACCOUNT else "max.account."
    value = setting(ctx, prefix + TYPE_BY_NUMBER[rtype][2])
    if value is None:
        return UNLIMITED
    value = int(float(value))
    return UNLIMITED if value < 0 else value


def domain_limit(ctx, domain, rtype):
    """findCorrectResourceLimitForDomain: ROOT unlimited; own or an ancestor's limit; else max.domain.*."""
    if domain["_path"] == "/":
        return UNLIMITED
    own = domain.get("_limits", {}).get(str(rtype))
    if own is not None:
        return int(own)
    parent = domain_of(ctx, domain.get("parentdomainid"))
    while parent is not None and parent["_path"] != "/":
        if parent.get("_limits", {}).get(str(rtype)) is not None:
            return int(parent["_limits"][str(rtype)])
        parent = domain_of(ctx, parent.get("parentdomainid"))
    value = setting(ctx, "max.domain." + TYPE_BY_NUMBER[rtype][2])
    if value is None:
        return UNLIMITED
    value = int(float(value))
    return UNLIMITED if value < 0 else value


def limit_fields(limit_of, count_of, types):
    """The *limit (string), *total (number), *available (string) fields of an account/domain/project reply."""
    out = {}
    for number, _name, _suffix, prefix in RESOURCE_TYPES:
        if number not in types:
            continue
        limit, total = limit_of(number), count_of(number)
        out[prefix + "limit"] = "Unlimited" if limit == UNLIMITED else str(limit)
        out[prefix + "total"] = total
        if number == 11:
            out[prefix + "available"] = "Unlimited" if limit == UNLIMITED else str(float(limit - total))
        else:
            out[prefix + "available"] = "Unlimited" if limit == UNLIMITED else str(limit - total)
    return out


def check_limit(ctx, account, rtype, amount=1, project=None):
    """Raise CloudStack's 532 when adding `amount` of a resource type would pass the account's or a domain's limit.

    Other modules call this before creating an owned object (VMs, volumes, networks, ...).
    """
    acct = ctx.store.get("account", project["_accountid"]) if project else account
    limit = account_limit(ctx, acct, rtype)
    name = TYPE_BY_NUMBER[rtype][1]
    if limit != UNLIMITED and account_count(ctx, acct, rtype) + amount > limit:
        kind = "project" if acct.get("accounttype") == PROJECT_ACCOUNT else "account"
        dom_seq = _seq_of(ctx, "domain", acct["domainid"])
        raise ApiError(532, f"Maximum number of resources of type '{name}' for {kind} name={acct['name']} in domain id={dom_seq} has been exceeded.")
    dom = domain_of(ctx, acct["domainid"])
    while dom is not None:
        dlimit = domain_limit(ctx, dom, rtype)
        if dlimit != UNLIMITED and domain_count(ctx, dom, rtype) + amount > dlimit:
            raise ApiError(532, f"Maximum number of resources of type '{name}' for domain id={dom['_seq']} has been exceeded.")
        dom = domain_of(ctx, dom.get("parentdomainid"))


# ---- views -----------------------------------------------------------------------------------------
def user_view(ctx, user):
    view = dict(user)
    acc = ctx.store.get("account", user["accountid"])
    if acc:
        view.update(account=acc["name"], accounttype=acc["accounttype"], roleid=acc.get("roleid"), rolename=acc.get("rolename"),
                    roletype=acc.get("roletype"), domainid=acc["domainid"], domain=acc["domain"])
    view["iscallerchilddomain"] = bool(acc and acc["domainid"] != ctx.account["domainid"] and in_tree(ctx, ctx.account["domainid"], acc["domainid"]))
    view.setdefault("is2faenabled", False)
    return view


def account_view(ctx, account):
    view = dict(account)
    dom = domain_of(ctx, account["domainid"])
    if dom:
        view["domain"], view["domainpath"] = dom["name"], dom["path"]
    view["user"] = [user_view(ctx, u) for u in ctx.store.find("user", accountid=account["id"]) if not u.get("_removed")]
    view.update(limit_fields(lambda t: account_limit(ctx, account, t), lambda t: account_count(ctx, account, t), TYPE_BY_NUMBER))
    vms = owned(ctx, "virtualmachine", account)
    view["vmrunning"] = sum(1 for v in vms if v.get("state") == "Running")
    view["vmstopped"] = sum(1 for v in vms if v.get("state") == "Stopped")
    view.setdefault("groups", [])
    view["iscleanuprequired"] = bool(account.get("_needscleanup"))
    return view


def domain_view(ctx, domain):
    view = dict(domain)
    doms = ctx.store.all("domain")
    view["haschild"] = any(d.get("parentdomainid") == domain["id"] for d in doms)
    view.update(limit_fields(lambda t: domain_limit(ctx, domain, t), lambda t: domain_count(ctx, domain, t), TYPE_BY_NUMBER))
    return view


def project_view(ctx, project):
    view = dict(project)
    acct = ctx.store.get("account", project["_accountid"])
    owner = ctx.store.get("account", project.get("_ownerid"))
    view["owner"] = [{"account": owner["name"]}] if owner else []
    if acct:
        types = [t for t in TYPE_BY_NUMBER if t != 5]
        view.update(limit_fields(lambda t: account_limit(ctx, acct, t), lambda t: account_count(ctx, acct, t), types))
        vms = owned(ctx, "virtualmachine", acct)
        view["vmrunning"] = sum(1 for v in vms if v.get("state") == "Running")
        view["vmstopped"] = sum(1 for v in vms if v.get("state") == "Stopped")
    view.setdefault("tags", [])
    return view


def role_view(role):
    return dict(role)


# ---- seed ------------------------------------------------------------------------------------------
@seed(10)
def seed_identity(sim):
    st = sim.store
    ident = defaults()["identity"]
    roles = {}
    for row in ident["roles"]["by_version"]["4.18"]:
        roles[row["id"]] = st.add("role", {
            "name": row["name"], "type": row["role_type"], "description": row["description"],
            "isdefault": bool(row["is_default"]), "_seq": row["id"],
        })
    root = st.add("domain", {
        "name": "ROOT", "path": "ROOT", "level": 0, "haschild": False, "state": "Active", "created": now(),
        "_path": "/", "_seq": 1,
    })
    accounts = {}
    for row in ident["accounts"]:
        role = roles[row["roleid"]]
        accounts[row["id"]] = st.add("account", {
            "name": row["name"], "accounttype": row["accounttype"], "roleid": role["id"], "rolename": role["name"],
            "roletype": role["type"], "domainid": root["id"], "domain": "ROOT", "domainpath": "ROOT",
            "state": row["state"], "isdefault": bool(row.get("isdefault")), "created": now(),
            "_hidden": not row["visible_in_listAccounts"], "_seq": row["id"],
        })
    for row in ident["users"]:
        acc = accounts[row["accountid"]]
        names = row.get("firstname_lastname_email", {}).get("simulator/developer DB (developer-prefill.sql)")
        first, last, email = names if names else (row.get("firstname"), row.get("lastname"), row.get("email"))
        user = {
            "username": row["username"], "firstname": first, "lastname": last, "email": email,
            "accountid": acc["id"], "account": acc["name"], "accounttype": acc["accounttype"],
            "roleid": acc["roleid"], "rolename": acc["rolename"], "roletype": acc["roletype"],
            "domainid": root["id"], "domain": "ROOT", "state": row["state"], "isdefault": bool(row.get("isdefault")),
            "created": now(), "usersource": "native", "iscallerchilddomain": False,
            "_hidden": not row["visible_in_listUsers"], "_seq": row["id"],
        }
        if row.get("password_plain"):
            user["_password"] = hash_password(row["password_plain"])
        if row["username"] == "baremetal-system-account":
            user["apikey"], user["_secretkey"] = new_key(), new_key()
        st.add("user", user)


# ---- domains ---------------------------------------------------------------------------------------
DOMAIN_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")


def _check_network_domain(value):
    if value and (len(value) > 190 or not all(DOMAIN_LABEL.match(lbl) for lbl in value.split("."))):
        raise param_error("Invalid network domain. Total length should not exceed 190 chars. Each domain label must be between 1 and 63 characters long."
                          " It can contain ASCII letters 'a' through 'z', the digits '0' through '9', and the hyphen ('-'); it cannot start or end with \"-\".")


def _rename_domain_refs(ctx, dom):
    """Objects of every type show their domain's name: keep it current after a rename."""
    for type_, table in ctx.store.tables.items():
        if type_ in ("domain", "session", "asyncjob"):
            continue
        for obj in table.values():
            if obj.get("domainid") == dom["id"] and "domain" in obj:
                obj["domain"] = dom["name"]
                if "domainpath" in obj:
                    obj["domainpath"] = dom["path"]
                ctx.store.save(type_, obj)


def _remove_domain(ctx, dom):
    ctx.store.delete("domain", dom["id"])
    parent = domain_of(ctx, dom.get("parentdomainid"))
    if parent is not None:
        parent["haschild"] = any(d.get("parentdomainid") == parent["id"] for d in ctx.store.all("domain"))
        ctx.store.save("domain", parent)
    # domain-scoped offerings go with the domain (DomainManagerImpl.cleanupDomainOfferings)
    for type_ in ("serviceoffering", "diskoffering", "networkoffering", "vpcoffering"):
        for off in ctx.store.all(type_):
            ids = [x for x in str(off.get("domainid") or "").split(",") if x]
            if dom["id"] in ids:
                rest = [x for x in ids if x != dom["id"]]
                if rest:
                    off["domainid"] = ",".join(rest)
                    off["domain"] = ",".join(domain_of(ctx, x)["name"] for x in rest if domain_of(ctx, x))
                    ctx.store.save(type_, off)
                else:
                    ctx.store.delete(type_, off["id"])


def _cleanup_domain(ctx, dom):
    for child in [d for d in ctx.store.all("domain") if d.get("parentdomainid") == dom["id"]]:
        _cleanup_domain(ctx, child)
    for project in [p for p in ctx.store.all("project") if p["domainid"] == dom["id"]]:
        _remove_project(ctx, project)
    for acc in [a for a in live_accounts(ctx) if a["domainid"] == dom["id"]]:
        _remove_account(ctx, acc)
    _remove_domain(ctx, dom)


# ---- roles -----------------------------------------------------------------------------------------
def _role(ctx, name="id", required=True):
    return ctx.obj("role", name, required=required)


def _role_type(ctx, value):
    for t in ROLE_TYPES:
        if t.lower() == str(value).lower():
            return t
    raise param_error(f"Invalid role type: {value}" if value else "Invalid role type provided")


def default_role_for_type(ctx, accounttype):
    wanted = {1: 1, 2: 3, 3: 2, 0: 4, 4: 5}.get(int(accounttype))
    for r in ctx.store.all("role"):
        if r["_seq"] == wanted and r["isdefault"]:
            return r
    name = ACCOUNT_ROLE_TYPE.get(int(accounttype), "User")
    return next(r for r in ctx.store.all("role") if r["type"] == name)


# ---- accounts --------------------------------------------------------------------------------------
def _target_account(ctx):
    """id, or account + domainid (updateAccount / enableAccount / disableAccount)."""
    if ctx.get("id"):
        acc = ctx.obj("account", "id")
    else:
        name, domainid = ctx.get("account"), ctx.get("domainid")
        if not name or not domainid:
            raise param_error("Either id or account name and domainid must be specified" if not ctx.get("account") else
                              "Account name and domain id must be specified together")
        dom = ctx.obj("domain", "domainid")
        acc = find_account(ctx, name, domainid)
        if acc is None:
            raise param_error(f"Unable to find account by accountId: null OR by name: {name} in domain {dom['name']}")
    if acc.get("_hidden") and acc["_seq"] == 1:
        raise ApiError(531, f"Account id : {acc['_seq']} is a system account, changes are not allowed")
    check_account_access(ctx, acc)
    return acc


def _check_account_type(value):
    try:
        t = int(value)
    except (TypeError, ValueError):
        raise param_error(f"Invalid account type {value} given; valid values are 0 (user), 1 (root admin), 2 (domain admin)") from None
    if t not in (0, 1, 2, 3, 4):
        raise param_error(f"Invalid account type {value} given; valid values are 0 (user), 1 (root admin), 2 (domain admin)")
    return t


def new_user(ctx, account, username, password, firstname, lastname, email, timezone=None, uuid=None):
    """Create a user in an account (createAccount's first user and createUser)."""
    low = username.lower()
    for u in ctx.store.all("user"):
        if not u.get("_removed") and u["domainid"] == account["domainid"] and u["username"].lower() == low:
            raise param_error(f"The user {username} already exists in domain {_seq_of(ctx, 'domain', account['domainid'])}")
    user = {
        "username": username, "firstname": firstname, "lastname": lastname, "email": email,
        "accountid": account["id"], "account": account["name"], "accounttype": account["accounttype"],
        "roleid": account.get("roleid"), "rolename": account.get("rolename"), "roletype": account.get("roletype"),
        "domainid": account["domainid"], "domain": account["domain"], "state": "enabled", "isdefault": False,
        "created": now(), "usersource": "native", "iscallerchilddomain": False, "timezone": timezone,
        "_password": hash_password(password),
    }
    if uuid:
        user["id"] = uuid
    return ctx.store.add("user", user)


# Functions cleanup(ctx, account) that other modules register with @on_account_removed: they release what an
# account (or a project's account, accounttype 5) owns in their area (VMs, volumes, networks, IPs, ...) the way
# AccountManagerImpl.cleanupAccount does, before the account itself goes.
ACCOUNT_CLEANUP = []


def on_account_removed(fn):
    ACCOUNT_CLEANUP.append(fn)
    return fn


def _run_cleanup_hooks(ctx, acc):
    for fn in ACCOUNT_CLEANUP:
        fn(ctx, acc)


def _remove_account(ctx, acc):
    """Delete an account and what it owns (hooks of other modules, users, key pairs, the projects it owns)."""
    for project in [pr for pr in ctx.store.all("project") if pr.get("_ownerid") == acc["id"]]:
        _remove_project(ctx, project)
    _run_cleanup_hooks(ctx, acc)
    for u in ctx.store.find("user", accountid=acc["id"]):
        ctx.store.delete("user", u["id"])
        end_user_sessions(ctx, u["id"])
    for kp in [k for k in ctx.store.all("sshkeypair") if owned_by(k, acc)]:
        ctx.store.delete("sshkeypair", kp["id"])
    ctx.store.delete("account", acc["id"])


# ---- users -----------------------------------------------------------------------------------------
def _target_user(ctx):
    user = ctx.obj("user", "id", required=True)
    acc = ctx.store.get("account", user["accountid"])
    if user["_seq"] == 1:
        raise ApiError(531, f"user id : {user['_seq']} is system account, update is not allowed")
    check_account_access(ctx, acc)
    if int(ctx.account.get("accounttype", 0)) == USER and user["id"] != ctx.user["id"]:
        raise ApiError(531, f"Account {ctx.account['name']} does not have permission to operate on user {user['username']}")
    return user, acc


def end_user_sessions(ctx, userid):
    """Log a user out everywhere (the sessions live in the simulator's memory, see app.Simulator.new_session)."""
    sessions = getattr(ctx.sim, "sessions", {})
    for sid, session in list(sessions.items()):
        if session.get("userid") == userid:
            ctx.sim.end_session(sid)


def _user_state(ctx, user, state):
    user["state"] = state
    ctx.store.save("user", user)
    if state != "enabled":
        end_user_sessions(ctx, user["id"])
    return user_view(ctx, user)


def _keys_user(ctx):
    user = ctx.obj("user", "id", required=True)
    acc = ctx.store.get("account", user["accountid"])
    if user["id"] != ctx.user["id"]:
        if int(ctx.account.get("accounttype", 0)) == USER:
            raise ApiError(531, f"Account {ctx.account['name']} does not have permission to operate on user {user['username']}")
        check_account_access(ctx, acc)
    if user["_seq"] == 1:
        raise ApiError(531, "Keys cannot be generated for the system user")
    return user


def _target_project(ctx, param="id"):
    project = ctx.obj("project", param, required=True)
    if not ctx.is_root_admin:
        if int(ctx.account.get("accounttype", 0)) == USER:
            if project.get("_ownerid") != ctx.account["id"]:
                raise ApiError(531, f"Account {ctx.account['name']} does not have permission to operate on project {project['name']}")
        else:
            check_domain_access(ctx, project["domainid"])
    return project


def _project_resources(ctx, project):
    """What deleteProject without cleanup refuses to delete, as CloudStack names them."""
    kinds = [("template", "VirtualMachineTemplate"), ("vmsnapshot", "VMSnapshot"), ("virtualmachine", "VirtualMachine"),
             ("volume", "Volume"), ("network", "Network"), ("vpc", "Vpc")]
    for type_, label in kinds:
        objs = [o for o in ctx.store.all(type_) if o.get("projectid") == project["id"] and not o.get("_removed")
                and not (type_ == "virtualmachine" and o.get("state") in ("Expunging",))]
        if objs:
            return f"{len(objs)} {label} to clean up"
    return None


def _remove_project(ctx, project):
    """Remove a project, its account and everything the project owns (the cleanup of deleteProject)."""
    pacct = ctx.store.get("account", project["_accountid"])
    if pacct is not None:
        _run_cleanup_hooks(ctx, pacct)
    for type_, table in list(ctx.store.tables.items()):
        if type_ in ("project", "session", "asyncjob"):
            continue
        for obj in list(table.values()):
            if obj.get("projectid") == project["id"]:
                ctx.store.delete(type_, obj["id"])
    ctx.store.delete("account", project["_accountid"])
    ctx.store.delete("project", project["id"])


def _project_state(ctx, state):
    pid = ctx.obj("project", "id", required=True)["id"]

    def run():
        pr = _target_project(ctx)
        if state == "Suspended" and pr["state"] == "Disabled":
            raise param_error(f"Can't suspend project id={pr['_seq']} in state {pr['state']}")
        pr["state"] = state
        ctx.store.save("project", pr)
        return project_view(ctx, pr)

    return ctx.later(run, "Project", pid)


# ---- resource limits -------------------------------------------------------------------------------
def _resource_type(ctx, required):
    value = ctx.get("resourcetype")
    name = ctx.get("resourcetypename")
    if value is None and name is None:
        if required:
            raise param_error("Either resourcetype or resourcetypename must be provided")
        return None
    if value is not None:
        try:
            number = int(value)
        except ValueError:
            raise param_error(f"Please specify a valid resource type: {value}") from None
        if number not in TYPE_BY_NUMBER:
            raise param_error("Please specify a valid resource type.")
        return number
    if name not in TYPE_BY_NAME:
        raise param_error("Please specify a valid resource type.")
    return TYPE_BY_NAME[name][0]


def _limit_reply(ctx, number, max_, account=None, domain=None, project=None):
    out = {"resourcetype": str(number), "resourcetypename": TYPE_BY_NUMBER[number][1], "max": max_}
    if project is not None:
        out.update(projectid=project["id"], project=project["name"], domainid=project["domainid"], domain=project["domain"])
    elif account is not None:
        out.update(account=account["name"], domainid=account["domainid"], domain=account["domain"])
    else:
        out.update(domainid=domain["id"], domain=domain["name"])
    return out


def _set_limit(ctx, type_, owner, rtype, max_):
    owner.setdefault("_limits", {})[str(rtype)] = max_
    ctx.store.save(type_, owner)
