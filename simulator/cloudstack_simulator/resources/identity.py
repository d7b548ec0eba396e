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
import base64
import functools
import hashlib
import os
import re
import secrets
import shutil
import subprocess
import tempfile

from ..context import DOMAIN_ADMIN, ROOT_ADMIN, USER, now
from ..errors import ApiError, param_error
from ..identity_keys import hash_password, new_key, password_matches
from ..registry import api, seed
from ..spec import defaults

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
    """A global setting's value when the configuration table (resources/config.py) does not hold it."""
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


@api("createDomain")
def create_domain(ctx, p):
    name = ctx.require("name")
    parent = ctx.obj("domain", "parentdomainid") or ctx.sim.root_domain()
    if parent.get("state") != "Active":
        raise ApiError(530, f"The domain cannot be created as the parent domain {parent['name']} is being deleted")
    check_domain_access(ctx, parent["id"])
    _check_network_domain(ctx.get("networkdomain"))
    if any(d.get("parentdomainid") == parent["id"] and d["name"] == name for d in ctx.store.all("domain")):
        raise param_error(f"Domain with name [{name}] already exists for the parent with ID [{parent['_seq']}].")
    path = parent["_path"] + name + "/"
    dom = {"name": name, "level": parent["level"] + 1, "parentdomainid": parent["id"], "parentdomainname": parent["name"],
           "haschild": False, "path": api_path(path), "state": "Active", "created": now(), "networkdomain": ctx.get("networkdomain"),
           "_path": path}
    if ctx.get("domainid"):
        if ctx.store.get("domain", ctx.get("domainid")):
            raise param_error(f"Domain with uuid {ctx.get('domainid')} already exists")
        dom["id"] = ctx.get("domainid")
    ctx.store.add("domain", dom)
    parent["haschild"] = True
    ctx.store.save("domain", parent)
    return domain_view(ctx, dom)


@api("updateDomain")
def update_domain(ctx, p):
    dom = ctx.obj("domain", "id", required=True)
    name = ctx.get("name")
    if dom["_path"] == "/" and name is not None:
        raise param_error("ROOT domain can not be edited with a new name")
    check_domain_access(ctx, dom["id"])
    if name is not None:
        clash = [d for d in ctx.store.all("domain") if d.get("parentdomainid") == dom.get("parentdomainid") and d["name"] == name and d["id"] != dom["id"]]
        if clash:
            raise param_error(f"Failed to update specified domain id with name '{name}' since it already exists in the system")
    if "networkdomain" in p:
        value = p["networkdomain"]
        if value:
            if len(value) > 190 or not all(DOMAIN_LABEL.match(lbl) for lbl in value.split(".")):
                raise param_error("Invalid network domain. Total length shouldn't exceed 190 chars. Each domain label must be between 1 and 63 "
                                  "characters long, can contain ASCII letters 'a' through 'z', the digits '0' through '9', "
                                  "and the hyphen ('-'); can't start or end with \"-\"")
        dom["networkdomain"] = value or None
    if name is not None and name != dom["name"]:
        old = dom["_path"]
        new = old[: old.rstrip("/").rfind("/") + 1] + name + "/"
        for d in ctx.store.all("domain"):
            if d["_path"].startswith(old):
                d["_path"] = new + d["_path"][len(old):]
                d["path"] = api_path(d["_path"])
                if d.get("parentdomainid") == dom["id"]:
                    d["parentdomainname"] = name
                ctx.store.save("domain", d)
        dom["name"] = name
        _rename_domain_refs(ctx, dom)
    ctx.store.save("domain", dom)
    return domain_view(ctx, dom)


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


@api("listDomains")
def list_domains(ctx, p):
    doms = [d for d in ctx.store.all("domain") if d.get("state") == "Active"]
    if ctx.get("id"):
        dom = ctx.obj("domain", "id")
        check_domain_access(ctx, dom["id"])
        doms = [d for d in doms if d["id"] == dom["id"]]
    elif not ctx.is_root_admin:
        mine = domain_of(ctx, ctx.account["domainid"])
        if ctx.bool("listall"):
            doms = [d for d in doms if d["_path"].startswith(mine["_path"])]
        else:
            doms = [d for d in doms if d["id"] == mine["id"]]
    doms = ctx.filter_eq(doms, ["name", "level"])
    doms = ctx.filter_keyword(doms)
    doms.sort(key=lambda d: d["_seq"])
    return [domain_view(ctx, d) for d in doms]


@api("listDomainChildren")
def list_domain_children(ctx, p):
    if ctx.get("id"):
        dom = ctx.obj("domain", "id")
        check_domain_access(ctx, dom["id"])
    else:
        dom = domain_of(ctx, ctx.account["domainid"])
    doms = [d for d in ctx.store.all("domain") if d.get("state") == "Active"]
    if ctx.bool("isrecursive") and not ctx.bool("listall"):
        doms = [d for d in doms if d["_path"] != dom["_path"] and d["_path"].startswith(dom["_path"])]
    else:
        doms = [d for d in doms if d.get("parentdomainid") == dom["id"]]
    if ctx.get("name"):
        low = ctx.get("name").lower()
        doms = [d for d in doms if low in d["name"].lower()]
    doms = ctx.filter_keyword(doms)
    doms.sort(key=lambda d: d["_seq"])
    return [domain_view(ctx, d) for d in doms]


@api("deleteDomain")
def delete_domain(ctx, p):
    dom = ctx.obj("domain", "id", required=True)  # the id is checked when the command is read; the rest in the job
    cleanup = ctx.bool("cleanup")
    dom_id = dom["id"]

    def run():
        d = ctx.store.get("domain", dom_id)
        if d is None:
            raise param_error(f"Failed to delete domain {dom_id}, domain not found")
        if d["_path"] == "/":
            raise ApiError(531, "Can't delete ROOT domain")
        check_domain_access(ctx, d["id"])
        if cleanup:
            _cleanup_domain(ctx, d)
            return None
        children = [x for x in ctx.store.all("domain") if x.get("parentdomainid") == d["id"]]
        accounts = [a for a in live_accounts(ctx) if a["domainid"] == d["id"]]
        networks = [n for n in ctx.store.all("network") if n.get("domainid") == d["id"] and n.get("acltype") == "Domain"]
        if networks:
            raise ApiError(530, f"Can't delete the domain yet because it has {len(networks)} non-removed networks")
        if children or accounts:
            raise ApiError(530, f"Delete failed on domain {d['name']} (id: {d['_seq']}); Please make sure all users and sub domains have been removed "
                           "from the domain before deleting")
        _remove_domain(ctx, d)
        return None

    return ctx.later(run, "Domain", dom_id)


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


@api("listRoles")
def list_roles(ctx, p):
    roles = ctx.store.all("role")
    if ctx.get("id"):
        ctx.obj("role", "id")
    roles = ctx.filter_eq(roles, ["id", "name"])
    if ctx.get("type"):
        rtype = _role_type(ctx, ctx.get("type"))
        roles = [r for r in roles if r["type"] == rtype]
    roles = ctx.filter_keyword(roles)
    if not ctx.is_root_admin:  # RoleManagerImpl.removeRootAdminRolesIfNeeded
        roles = [r for r in roles if r["type"] != "Admin"]
    roles.sort(key=lambda r: r["_seq"])
    return [role_view(r) for r in roles]


@api("createRole")
def create_role(ctx, p):
    name = ctx.require("name")
    if ctx.get("type") and ctx.get("roleid"):
        raise param_error("Both role type and role ID should not be specified")
    if not ctx.get("type") and not ctx.get("roleid"):
        raise param_error("Neither role type nor role ID is provided")
    if any(r["name"].lower() == name.lower() for r in ctx.store.all("role")):
        raise param_error(f"Role with name: {name} already exists. Please choose a different name")
    if ctx.get("roleid"):
        src = ctx.obj("role", "roleid")
        rtype = src["type"]
    else:
        rtype = _role_type(ctx, ctx.get("type"))
    role = ctx.store.add("role", {"name": name, "type": rtype, "description": ctx.get("description", ""), "isdefault": False})
    return role_view(role)


@api("updateRole")
def update_role(ctx, p):
    role = _role(ctx)
    if role["isdefault"]:
        raise ApiError(531, "Default roles cannot be updated")
    if ctx.get("name"):
        name = ctx.get("name")
        if any(r["name"].lower() == name.lower() and r["id"] != role["id"] for r in ctx.store.all("role")):
            raise param_error(f"Role with name: {name} already exists. Please choose a different name")
        role["name"] = name
    if ctx.get("type"):
        if any(a.get("roleid") == role["id"] for a in live_accounts(ctx)):
            raise ApiError(531, "Found accounts that have role in use, won't allow to change role type")
        role["type"] = _role_type(ctx, ctx.get("type"))
    if ctx.get("description"):
        role["description"] = ctx.get("description")
    ctx.store.save("role", role)
    for acc in live_accounts(ctx):
        if acc.get("roleid") == role["id"]:
            acc.update(rolename=role["name"], roletype=role["type"])
            ctx.store.save("account", acc)
    return role_view(role)


@api("deleteRole")
def delete_role(ctx, p):
    role = _role(ctx)
    if role["isdefault"]:
        raise ApiError(531, "Default roles cannot be deleted")
    if any(a.get("roleid") == role["id"] for a in live_accounts(ctx)):
        raise ApiError(531, "Found accounts that have role in use, won't allow to delete role")
    ctx.store.delete("role", role["id"])
    return None


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


@api("createAccount")
def create_account(ctx, p):
    username = ctx.require("username")
    password = ctx.require("password")
    dom = ctx.obj("domain", "domainid") or domain_of(ctx, ctx.account["domainid"])
    if dom.get("state") != "Active":
        raise ApiError(530, f"The account cannot be created as domain {dom['name']} is being deleted")
    check_domain_access(ctx, dom["id"])
    roleid, atype = ctx.get("roleid"), ctx.get("accounttype")
    if roleid is None and atype is None:
        raise param_error("Either account type or role ID must be specified")
    if roleid:
        role = ctx.obj("role", "roleid")
        accounttype = ROLE_TYPES[role["type"]]
        if atype is not None and _check_account_type(atype) != accounttype:
            raise param_error("Provided accounttype does not match the type of the role")
    else:
        accounttype = _check_account_type(atype)
        role = default_role_for_type(ctx, accounttype)
    if accounttype == ROOT_ADMIN and dom["_path"] != "/":
        raise param_error(f"Invalid account type ADMIN given for an account in domain {dom['name']}; "
                          "unable to create user of admin role type in non-ROOT domain.")
    if not ctx.is_root_admin and accounttype == ROOT_ADMIN:
        raise ApiError(531, "Account " + ctx.account["name"] + " is not allowed to create an account of type Admin")
    # AccountManagerImpl.createUserAccount checks the user name first, then (createAccount) the account name
    low = username.lower()
    if any(u["domainid"] == dom["id"] and u["username"].lower() == low for u in ctx.store.all("user") if not u.get("_removed")):
        raise param_error(f"The user {username} already exists in domain {dom['_seq']}")
    _check_network_domain(ctx.get("networkdomain"))
    name = ctx.get("account") or username
    if find_account(ctx, name, dom["id"]):
        raise param_error(f"The specified account: {name} already exists")
    acc = {
        "name": name, "accounttype": accounttype, "roleid": role["id"], "rolename": role["name"], "roletype": role["type"],
        "domainid": dom["id"], "domain": dom["name"], "domainpath": dom["path"], "state": "enabled", "isdefault": False,
        "created": now(), "networkdomain": ctx.get("networkdomain"), "groups": [],
    }
    details = ctx.details("accountdetails")
    if details:
        acc["accountdetails"] = details
    if ctx.get("accountid"):
        acc["id"] = ctx.get("accountid")
    ctx.store.add("account", acc)
    new_user(ctx, acc, username, password, ctx.require("firstname"), ctx.require("lastname"), ctx.require("email"),
             ctx.get("timezone"), ctx.get("userid"))
    return account_view(ctx, acc)


@api("updateAccount")
def update_account(ctx, p):
    acc = _target_account(ctx)
    newname = ctx.get("newname")
    if newname and newname != acc["name"]:
        if find_account(ctx, newname, acc["domainid"]):
            other = find_account(ctx, newname, acc["domainid"])
            raise param_error(f"There already exists an account with the name:{newname} in the domain:{_seq_of(ctx, 'domain', acc['domainid'])} "
                              f"with existing account id:{other['_seq']}")
        old = acc["name"]
        for type_, table in ctx.store.tables.items():
            if type_ in ("session", "asyncjob", "account"):
                continue
            for obj in table.values():
                if obj.get("domainid") == acc["domainid"] and obj.get("account") == old and not obj.get("projectid"):
                    obj["account"] = newname
                    ctx.store.save(type_, obj)
        acc["name"] = newname
    if "networkdomain" in p:
        _check_network_domain(p["networkdomain"])
        acc["networkdomain"] = p["networkdomain"] or None
    details = ctx.details("accountdetails")
    if details:
        acc["accountdetails"] = {**acc.get("accountdetails", {}), **details}
    if ctx.get("roleid"):
        role = ctx.obj("role", "roleid")
        if ROLE_TYPES[role["type"]] != acc["accounttype"]:
            raise param_error("Role type provided is not the same as the role type of the account")
        acc.update(roleid=role["id"], rolename=role["name"], roletype=role["type"])
        for u in ctx.store.find("user", accountid=acc["id"]):
            u.update(roleid=role["id"], rolename=role["name"], roletype=role["type"])
            ctx.store.save("user", u)
    ctx.store.save("account", acc)
    return account_view(ctx, acc)


@api("deleteAccount")
def delete_account(ctx, p):
    acc = ctx.obj("account", "id", required=True)
    acc_id = acc["id"]

    def run():
        a = ctx.store.get("account", acc_id)
        if a is None:
            raise param_error("The specified account does not exist in the system")
        if a["id"] == ctx.account["id"]:
            raise param_error(f"Deletion of your own account is not allowed. To delete account {a['name']} (ID: {a['id']}, Domain: {a['domainid']}), "
                              "request to another user with permissions to perform the operation.")
        if a.get("accounttype") == PROJECT_ACCOUNT:
            raise param_error("The specified account does not exist in the system")
        check_account_access(ctx, a)
        if a.get("isdefault"):
            raise param_error("The account is default and can't be removed")
        managed = [pr for pr in ctx.store.all("project") if pr.get("_ownerid") == a["id"]]
        if managed:
            ids = ",".join(str(m["_seq"]) for m in managed)
            raise param_error(f"The account id={a['_seq']} manages project(s) with ids {ids}and can't be removed")
        _remove_account(ctx, a)
        return None

    return ctx.later(run, "Account", acc_id)


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


@api("enableAccount")
def enable_account(ctx, p):
    acc = _target_account(ctx)
    acc["state"] = "enabled"
    ctx.store.save("account", acc)
    return account_view(ctx, acc)


@api("disableAccount")
def disable_account(ctx, p):
    if ctx.get("id"):
        ctx.obj("account", "id")
    lock = ctx.bool("lock")

    def run():
        a = _target_account(ctx)
        verb = "lock" if lock else "disable"
        if a["_seq"] == 1:
            raise ApiError(531, f"Account: {a['name']} is a system account, {verb} is not allowed")
        a["state"] = "locked" if lock else "disabled"
        ctx.store.save("account", a)
        return account_view(ctx, a)

    return ctx.later(run, "Account", ctx.get("id"))


@api("listAccounts")
def list_accounts(ctx, p):
    """QueryManagerImpl.searchForAccountsInternal: without listall (or an id, or a domain for admins) only the caller's own account."""
    caller = ctx.account
    caller_admin = is_admin_type(caller.get("accounttype", 0))
    accountid, domainid, recursive = ctx.get("id"), ctx.get("domainid"), ctx.bool("isrecursive")
    if accountid:
        acc = ctx.store.get("account", accountid)
        if acc is None or acc["_seq"] == 1 or acc.get("accounttype") == PROJECT_ACCOUNT:
            raise param_error(f"Unable to find account by id {accountid}")
        check_account_access(ctx, acc)
    if domainid:
        dom = ctx.obj("domain", "domainid")
        check_domain_access(ctx, dom["id"])
    if not accountid:
        view_all = str(setting(ctx, "allow.user.view.all.domain.accounts") or "false").lower() == "true"
        if (ctx.bool("listall") and caller_admin) or view_all:
            domainid = domainid or caller["domainid"]
            recursive = True
        elif not caller_admin or not domainid:
            accountid = caller["id"]
    accs = [a for a in live_accounts(ctx) if not a.get("_hidden") and a.get("accounttype") != PROJECT_ACCOUNT]
    if not caller_admin:
        accs = [a for a in accs if int(a["accounttype"]) != DOMAIN_ADMIN]
    if accountid:
        accs = [a for a in accs if a["id"] == accountid]
    if domainid:
        doms = ctx.domain_tree(domainid, recursive)
        accs = [a for a in accs if a["domainid"] in doms]
    accs = ctx.filter_eq(accs, ["name", "state"], ci_fields=("name", "state"))
    if ctx.get("accounttype") is not None:
        t = _check_account_type(ctx.get("accounttype"))
        accs = [a for a in accs if int(a["accounttype"]) == t]
    if ctx.get("iscleanuprequired") is not None:
        want = ctx.bool("iscleanuprequired")
        accs = [a for a in accs if bool(a.get("_needscleanup")) == want]
    accs = ctx.filter_keyword(accs, ("name", "state"))
    accs.sort(key=lambda a: a["_seq"])
    return [account_view(ctx, a) for a in accs]


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


@api("createUser")
def create_user(ctx, p):
    name = ctx.require("account")
    dom = ctx.obj("domain", "domainid") or domain_of(ctx, ctx.account["domainid"])
    acc = find_account(ctx, name, dom["id"])
    if acc is None:
        raise param_error(f"Unable to find account {name} in domain id={dom['_seq']} to create user")
    check_account_access(ctx, acc)
    user = new_user(ctx, acc, ctx.require("username"), ctx.require("password"), ctx.require("firstname"), ctx.require("lastname"),
                    ctx.require("email"), ctx.get("timezone"), ctx.get("userid"))
    return user_view(ctx, user)


@api("updateUser")
def update_user(ctx, p):
    user, acc = _target_user(ctx)
    if int(ctx.account.get("accounttype", 0)) == USER and user["id"] != ctx.user["id"]:
        raise ApiError(531, f"Account {ctx.account['name']} does not have permission to operate on user {user['username']}")
    if ctx.get("username") and ctx.get("username") != user["username"]:
        new = ctx.get("username")
        if any(u["domainid"] == user["domainid"] and u["username"].lower() == new.lower() and u["id"] != user["id"] for u in ctx.store.all("user")):
            raise param_error(f"The username {new} already exists in domain {_seq_of(ctx, 'domain', user['domainid'])}")
        user["username"] = new
    for field in ("firstname", "lastname", "email", "timezone"):
        if ctx.get(field) is not None:
            user[field] = ctx.get(field)
    if ctx.get("password") is not None:
        password = ctx.get("password")
        if not password.strip():
            raise param_error("Password cannot be empty or blank")
        if not is_admin_type(ctx.account.get("accounttype", 0)):  # validateUserPasswordAndUpdateIfNeeded: admins need no current password
            current = ctx.get("currentpassword")
            if not current:
                raise param_error("To set a new password the current password must be provided.")
            if not password_matches(user, current):
                raise param_error("Current password is incorrect.")
        user["_password"] = hash_password(password)
    apikey, secret = ctx.get("userapikey"), ctx.get("usersecretkey")
    if (apikey is None) != (secret is None):
        raise param_error("Please provide a userApiKey/userSecretKey pair")
    if apikey is not None:
        other = ctx.store.first("user", apikey=apikey)
        if other is not None and other["id"] != user["id"]:
            raise param_error(f"The api key:{apikey} exists in the system for user id:{other['_seq']} ,please provide a unique key")
        user["apikey"], user["_secretkey"] = apikey, secret
    ctx.store.save("user", user)
    return user_view(ctx, user)


@api("deleteUser")
def delete_user(ctx, p):
    user = ctx.obj("user", "id", required=True)
    if user.get("isdefault"):
        raise param_error("The user is default and can't be removed")
    if user["id"] == ctx.user["id"]:
        raise param_error("The caller is requesting to delete itself. As a security measure, ACS will not allow this operation. To delete user "
                          f"{user['username']} (ID: {user['id']}, Domain: {user['domainid']}), "
                          "request to another user with permission to execute the operation.")
    check_account_access(ctx, ctx.store.get("account", user["accountid"]))
    ctx.store.delete("user", user["id"])
    end_user_sessions(ctx, user["id"])
    return None


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


@api("enableUser")
def enable_user(ctx, p):
    user, _acc = _target_user(ctx)
    return _user_state(ctx, user, "enabled")


@api("disableUser")
def disable_user(ctx, p):
    user_id = ctx.obj("user", "id", required=True)["id"]

    def run():
        u, _acc = _target_user(ctx)
        if u.get("isdefault"):
            raise ApiError(531, f"user id : {u['_seq']} is system account, disable is not allowed")
        return _user_state(ctx, u, "disabled")

    return ctx.later(run, "User", user_id)


@api("lockUser")
def lock_user(ctx, p):
    user, _acc = _target_user(ctx)
    if user.get("isdefault"):
        raise ApiError(531, f"user id : {user['_seq']} is system account, lock is not allowed")
    return _user_state(ctx, user, "locked")


@api("listUsers")
def list_users(ctx, p):
    """QueryManagerImpl.searchForUsersInternal: a normal user sees itself only; others as buildACLSearchParameters says."""
    caller = ctx.account
    ctype = int(caller.get("accounttype", 0))
    userid = ctx.get("id")
    if userid:
        ctx.obj("user", "id")
    if ctype == USER:
        if userid and userid != ctx.user["id"]:
            raise ApiError(531, "Calling user is not authorized to see the user requested by id")
        userid = ctx.user["id"]
    domainid, recursive, name = ctx.get("domainid"), ctx.bool("isrecursive"), ctx.get("account")
    if domainid:
        dom = ctx.obj("domain", "domainid")
        check_domain_access(ctx, dom["id"])
    permitted = None
    if name:
        acc = find_account(ctx, name, domainid or caller["domainid"])
        if acc is None:
            raise param_error(f"could not find account {name} in domain {domain_of(ctx, domainid or caller['domainid'])['name']}")
        check_account_access(ctx, acc)
        permitted = {acc["id"]}
    elif not domainid:
        if ctype == USER:
            permitted = {caller["id"]}
        elif not ctx.bool("listall"):
            if userid is None:
                permitted = {caller["id"]}
            elif not ctx.is_root_admin:
                domainid, recursive = caller["domainid"], True
        elif not ctx.is_root_admin:
            domainid, recursive = caller["domainid"], True
    elif ctype == USER:
        permitted = {caller["id"]}
    users = [u for u in ctx.store.all("user") if not u.get("_hidden") and not u.get("_removed")]
    if userid:
        users = [u for u in users if u["id"] == userid]
    if permitted is not None:
        users = [u for u in users if u["accountid"] in permitted]
    elif domainid:
        doms = ctx.domain_tree(domainid, recursive)
        users = [u for u in users if u["domainid"] in doms]
    users = ctx.filter_eq(users, ["username", "state"], ci_fields=("username", "state"))
    if ctx.get("accounttype") is not None:
        t = _check_account_type(ctx.get("accounttype"))
        users = [u for u in users if int((ctx.store.get("account", u["accountid"]) or {}).get("accounttype", -1)) == t]
    users = ctx.filter_keyword(users, ("username", "firstname", "lastname", "email", "state", "account"))
    users.sort(key=lambda u: u["_seq"])
    return [user_view(ctx, u) for u in users]


@api("getUser")
def get_user(ctx, p):
    """The user an API key belongs to (AccountManagerImpl.getActiveUserByRegistrationToken / getUserByApiKey)."""
    apikey = ctx.require("userapikey")
    user = ctx.store.first("user", apikey=apikey)
    if user is None or user.get("_removed"):
        raise param_error("Unable to find user by the api key")
    check_account_access(ctx, ctx.store.get("account", user["accountid"]))
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


@api("registerUserKeys")
def register_user_keys(ctx, p):
    user = _keys_user(ctx)
    user["apikey"], user["_secretkey"] = new_key(), new_key()
    ctx.store.save("user", user)
    return {"apikey": user["apikey"], "secretkey": user["_secretkey"]}


@api("getUserKeys")
def get_user_keys(ctx, p):
    user = _keys_user(ctx)
    if not user.get("apikey"):
        return {}
    return {"apikey": user["apikey"], "secretkey": user["_secretkey"]}


# ---- projects --------------------------------------------------------------------------------------
@api("createProject")
def create_project(ctx, p):
    name, displaytext = ctx.require("name"), ctx.require("displaytext")
    if int(ctx.account.get("accounttype", 0)) == USER and str(setting(ctx, "allow.user.create.projects")).lower() != "true":
        raise ApiError(531, "Regular user is not permitted to create a project")
    if (ctx.get("account") is None) != (ctx.get("domainid") is None):
        raise param_error("Account name and domain id must be specified together")
    owner = ctx.account
    if ctx.get("account"):
        owner, _ = resolve_owner(ctx, allow_project=False)
    if ctx.get("userid"):
        if not ctx.get("accountid") and not ctx.get("domainid"):
            raise param_error("Domain ID and account ID must be provided with User ID")
        user = ctx.obj("user", "userid")
        owner = ctx.store.get("account", user["accountid"])
    elif ctx.get("accountid"):
        owner = ctx.obj("account", "accountid")
        check_account_access(ctx, owner)
    low = name.lower()
    if any(pr["domainid"] == owner["domainid"] and pr["name"].lower() == low for pr in ctx.store.all("project")):
        raise param_error(f"Project with name {name} already exists in domain id={_seq_of(ctx, 'domain', owner['domainid'])}")
    check_limit(ctx, owner, 5)
    dom = domain_of(ctx, owner["domainid"])
    pacct = ctx.store.add("account", {
        "name": f"PrjAcct-{name}-{dom['_seq']}", "accounttype": PROJECT_ACCOUNT, "domainid": dom["id"], "domain": dom["name"],
        "domainpath": dom["path"], "state": "enabled", "isdefault": False, "created": now(), "_hidden": True,
    })
    project = ctx.store.add("project", {
        "name": name, "displaytext": displaytext, "domainid": dom["id"], "domain": dom["name"],
        "projectaccountname": pacct["name"], "state": "Active", "created": now(), "tags": [],
        "_accountid": pacct["id"], "_ownerid": owner["id"], "_members": [owner["id"]], "_domainpath": dom["path"],
    })
    pacct["_projectid"] = project["id"]
    ctx.store.save("account", pacct)
    pid = project["id"]
    return ctx.later(lambda: project_view(ctx, ctx.store.get("project", pid)), "Project", pid)


def _target_project(ctx, param="id"):
    project = ctx.obj("project", param, required=True)
    if not ctx.is_root_admin:
        if int(ctx.account.get("accounttype", 0)) == USER:
            if project.get("_ownerid") != ctx.account["id"]:
                raise ApiError(531, f"Account {ctx.account['name']} does not have permission to operate on project {project['name']}")
        else:
            check_domain_access(ctx, project["domainid"])
    return project


@api("updateProject")
def update_project(ctx, p):
    pid = ctx.obj("project", "id", required=True)["id"]
    displaytext, owner = ctx.get("displaytext"), ctx.get("account")

    def run():
        project = _target_project(ctx)
        if displaytext is not None:
            project["displaytext"] = displaytext
        if owner:
            acc = find_account(ctx, owner, project["domainid"])
            if acc is None:
                raise param_error(f"Unable to find account name={owner} in domain id={_seq_of(ctx, 'domain', project['domainid'])}")
            project["_ownerid"] = acc["id"]
            project.setdefault("_members", [])
            if acc["id"] not in project["_members"]:
                project["_members"].append(acc["id"])
        ctx.store.save("project", project)
        return project_view(ctx, project)

    return ctx.later(run, "Project", pid)


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


@api("deleteProject")
def delete_project(ctx, p):
    pid = ctx.obj("project", "id", required=True)["id"]
    cleanup = ctx.bool("cleanup")

    def run():
        pr = _target_project(ctx)
        if not cleanup:
            msg = _project_resources(ctx, pr)
            if msg:
                raise ApiError(530, "Can't delete the project yet because it has " + msg)
        _remove_project(ctx, pr)
        return None

    return ctx.later(run, "Project", pid)


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


@api("activateProject")
def activate_project(ctx, p):
    return _project_state(ctx, "Active")


@api("suspendProject")
def suspend_project(ctx, p):
    return _project_state(ctx, "Suspended")


@api("addAccountToProject")
def add_account_to_project(ctx, p):
    """With project.invite.required=false (the default) the account joins at once, as a Regular member."""
    pid = ctx.obj("project", "projectid", required=True)["id"]
    name = ctx.get("account")
    if not name and not ctx.get("email"):
        raise param_error("Either accountName or email is required")

    def run():
        project = _target_project(ctx, "projectid")
        if project["state"] != "Active":
            raise param_error(f"Can't add account to the specified project id in state={project['state']} as it's no longer active")
        if not name:
            raise param_error("Inviting by email needs project.invite.required=true, which the simulator does not do")
        acc = find_account(ctx, name, project["domainid"])
        if acc is None:
            raise param_error(f"Unable to find account name={name} in domain id={_seq_of(ctx, 'domain', project['domainid'])}")
        if acc["id"] in project.get("_members", []):
            raise param_error(f"Account {name} is already assigned to the project id={project['_seq']}")
        project.setdefault("_members", [project.get("_ownerid")]).append(acc["id"])
        ctx.store.save("project", project)
        return None

    return ctx.later(run, "Project", pid)


@api("deleteAccountFromProject")
def delete_account_from_project(ctx, p):
    pid = ctx.obj("project", "projectid", required=True)["id"]
    name = ctx.require("account")

    def run():
        project = _target_project(ctx, "projectid")
        acc = find_account(ctx, name, project["domainid"])
        if acc is None or acc["id"] not in project.get("_members", []):
            raise param_error(f"Account {name} is not assigned to the project id={project['_seq']}")
        if acc["id"] == project.get("_ownerid"):
            raise param_error(f"Unable to delete account {name} from the project id={project['_seq']} as the account is the owner of the project")
        project["_members"] = [m for m in project["_members"] if m != acc["id"]]
        ctx.store.save("project", project)
        return None

    return ctx.later(run, "Project", pid)


@api("listProjects")
def list_projects(ctx, p):
    """QueryManagerImpl.listProjectsInternal: without listall the projects the caller's account belongs to; newest first."""
    caller = ctx.account
    caller_admin = is_admin_type(caller.get("accounttype", 0))
    domainid, name = ctx.get("domainid"), ctx.get("account")
    member = None
    if caller_admin:
        if domainid:
            dom = ctx.obj("domain", "domainid")
            check_domain_access(ctx, dom["id"])
            if name:
                acc = find_account(ctx, name, domainid)
                if acc is None:
                    raise param_error(f"Unable to find account {name} in domain {dom['_seq']}")
                member = acc["id"]
        elif name:
            raise param_error(f"could not find account {name} because domain is not specified")
    else:
        if name and name != caller["name"]:
            raise ApiError(531, f"Can't list account {name} projects; unauthorized")
        if domainid and domainid != caller["domainid"]:
            raise ApiError(531, f"Can't list domain id= {domainid} projects; unauthorized")
        member = caller["id"]
    path = None
    if not domainid and member is None and (not caller_admin or not ctx.bool("listall")):
        member = caller["id"]
    elif int(caller.get("accounttype", 0)) == DOMAIN_ADMIN or (ctx.bool("isrecursive") and not ctx.bool("listall")):
        path = domain_of(ctx, caller["domainid"])["_path"]
    projects = ctx.store.all("project")
    if ctx.get("id"):
        pr = ctx.obj("project", "id")
        projects = [x for x in projects if x["id"] == pr["id"]]
    if member is not None:
        projects = [x for x in projects if member in x.get("_members", [x.get("_ownerid")])]
    if path is not None:
        projects = [x for x in projects if (domain_of(ctx, x["domainid"]) or {}).get("_path", "").startswith(path)]
    if domainid and not ctx.bool("isrecursive"):
        projects = [x for x in projects if x["domainid"] == domainid]
    projects = ctx.filter_eq(projects, ["name", "displaytext", "state"], ci_fields=("name", "displaytext", "state"))
    projects = ctx.filter_keyword(projects, ("name", "displaytext"))
    projects.sort(key=lambda x: x["_seq"], reverse=True)
    return [project_view(ctx, x) for x in projects]


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


@api("listResourceLimits")
def list_resource_limits(ctx, p):
    rtype = _resource_type(ctx, False)
    types = [rtype] if rtype is not None else sorted(TYPE_BY_NUMBER)
    if ctx.get("projectid"):
        project = ctx.obj("project", "projectid")
        if not ctx.is_root_admin and ctx.account["id"] not in project.get("_members", []):
            check_domain_access(ctx, project["domainid"])
        acct = ctx.store.get("account", project["_accountid"])
        return [_limit_reply(ctx, t, account_limit(ctx, acct, t), project=project) for t in types]
    if ctx.get("account"):
        account, _ = resolve_owner(ctx, allow_project=False)
        return [_limit_reply(ctx, t, account_limit(ctx, account, t), account=account) for t in types]
    if ctx.get("domainid"):
        dom = ctx.obj("domain", "domainid")
        check_domain_access(ctx, dom["id"])
        if int(ctx.account.get("accounttype", 0)) == USER:
            return [_limit_reply(ctx, t, account_limit(ctx, ctx.account, t), account=ctx.account) for t in types]
        out = [_limit_reply(ctx, t, domain_limit(ctx, dom, t), domain=dom) for t in types]
        if ctx.bool("isrecursive"):
            for child in sorted(ctx.store.all("domain"), key=lambda d: d["_seq"]):
                if child["id"] != dom["id"] and child["_path"].startswith(dom["_path"]):
                    out += [_limit_reply(ctx, t, domain_limit(ctx, child, t), domain=child) for t in types]
        return out
    # no owner given: the caller's own account limits
    return [_limit_reply(ctx, t, account_limit(ctx, ctx.account, t), account=ctx.account) for t in types]


@api("updateResourceLimit")
def update_resource_limit(ctx, p):
    rtype = _resource_type(ctx, True)
    max_ = ctx.int("max", UNLIMITED)
    if max_ < UNLIMITED:
        raise param_error("Please specify either '-1' for an infinite limit, or a limit that is at least '0'.")
    if ctx.get("projectid"):
        project = ctx.obj("project", "projectid")
        if not ctx.is_root_admin:
            check_domain_access(ctx, project["domainid"])
            if int(ctx.account["accounttype"]) == USER:
                raise ApiError(531, "Only admins can update project resource limits")
        acct = ctx.store.get("account", project["_accountid"])
        _set_limit(ctx, "account", acct, rtype, max_)
        return _limit_reply(ctx, rtype, account_limit(ctx, acct, rtype), project=project)
    if ctx.get("account"):
        if not ctx.get("domainid"):
            raise param_error("Account name and domain id must be specified together")
        account, _ = resolve_owner(ctx, allow_project=False)
        if not ctx.is_root_admin and (int(ctx.account["accounttype"]) == USER or account["id"] == ctx.account["id"]):
            raise ApiError(531, "Only root admin can update limits for own account" if account["id"] == ctx.account["id"] else
                           f"Account {ctx.account['name']} does not have permission to update resource limits")
        if int(account["accounttype"]) == ROOT_ADMIN:
            raise param_error("Can't update system account")
        dom = domain_of(ctx, account["domainid"])
        dlimit = domain_limit(ctx, dom, rtype)
        if max_ != UNLIMITED and dlimit != UNLIMITED and max_ > dlimit:
            raise param_error(f"Account {account['name']} resource limit max value {max_} cannot exceed the domain resource limit {dlimit} for resource type "
                              f"{TYPE_BY_NUMBER[rtype][1]}")
        _set_limit(ctx, "account", account, rtype, max_)
        return _limit_reply(ctx, rtype, account_limit(ctx, account, rtype), account=account)
    if ctx.get("domainid"):
        dom = ctx.obj("domain", "domainid")
        if dom["_path"] == "/":
            raise param_error("Cannot update resource limit for ROOT domain")
        if not ctx.is_root_admin:
            if int(ctx.account["accounttype"]) == USER or dom["id"] == ctx.account["domainid"]:
                raise ApiError(531, "Cannot update resource limit for domain " + dom["name"] + " (own domain of a domain admin)")
            check_domain_access(ctx, dom["id"])
        parent = domain_of(ctx, dom.get("parentdomainid"))
        plimit = domain_limit(ctx, parent, rtype) if parent else UNLIMITED
        if max_ != UNLIMITED and plimit != UNLIMITED and (max_ > plimit):
            raise param_error(f"Domain {dom['name']} resource limit max value {max_} cannot exceed its parent domain resource limit {plimit}")
        _set_limit(ctx, "domain", dom, rtype, max_)
        return _limit_reply(ctx, rtype, domain_limit(ctx, dom, rtype), domain=dom)
    raise param_error("Please specify either an account or a domain, or a project")


def _set_limit(ctx, type_, owner, rtype, max_):
    owner.setdefault("_limits", {})[str(rtype)] = max_
    ctx.store.save(type_, owner)


# ---- SSH key pairs ---------------------------------------------------------------------------------
def md5_fingerprint(public_key):
    """CloudStack's SSHKeysHelper.getPublicKeyFingerprint: MD5 of the key blob, colon-separated hex."""
    blob = base64.b64decode(public_key.split()[1])
    digest = hashlib.md5(blob).hexdigest()  # noqa: S324 - the fingerprint format CloudStack uses
    return ":".join(digest[i:i + 2] for i in range(0, 32, 2))


def parse_public_key(text):
    """A public key in OpenSSH format ("ssh-rsa AAAA... comment"), normalised; None if it is not one."""
    parts = (text or "").strip().split()
    if len(parts) < 2:
        return None
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (ValueError, base64.binascii.Error):
        return None
    if len(blob) < 4:
        return None
    n = int.from_bytes(blob[:4], "big")
    if blob[4:4 + n].decode("ascii", "replace") != parts[0]:
        return None
    return parts[0] + " " + parts[1] + (" " + " ".join(parts[2:]) if len(parts) > 2 else "")


def _ssh_string(b):
    return len(b).to_bytes(4, "big") + b


def _mpint(n):
    b = n.to_bytes((n.bit_length() + 8) // 8, "big") if n else b""
    return _ssh_string(b)


def _der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def _der_int(n):
    b = n.to_bytes((n.bit_length() + 8) // 8, "big")
    return b"\x02" + _der_len(len(b)) + b


def _is_probable_prime(n, rounds=40):
    if n < 2:
        return False
    for sp in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37):
        if n % sp == 0:
            return n == sp
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for _ in range(rounds):
        a = secrets.randbelow(n - 3) + 2
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(bits):
    while True:
        c = secrets.randbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if _is_probable_prime(c):
            return c


def _python_rsa_keypair(bits=2048):
    """An RSA key pair in pure Python: (PKCS#1 PEM private key, OpenSSH public key)."""
    e = 65537
    while True:
        p, q = _prime(bits // 2), _prime(bits // 2)
        if p == q:
            continue
        phi = (p - 1) * (q - 1)
        if phi % e:
            break
    n, d = p * q, pow(e, -1, phi)
    seq = b"".join(_der_int(x) for x in (0, n, e, d, p, q, d % (p - 1), d % (q - 1), pow(q, -1, p)))
    der = b"\x30" + _der_len(len(seq)) + seq
    b64 = base64.b64encode(der).decode()
    pem = "-----BEGIN RSA PRIVATE KEY-----\n" + "\n".join(b64[i:i + 64] for i in range(0, len(b64), 64)) + "\n-----END RSA PRIVATE KEY-----\n"
    blob = _ssh_string(b"ssh-rsa") + _mpint(e) + _mpint(n)
    return pem, "ssh-rsa " + base64.b64encode(blob).decode()


def generate_rsa_keypair():
    """(private key PEM, public key) as CloudStack's createSSHKeyPair makes them (RSA 2048, PKCS#1 PEM)."""
    keygen = shutil.which("ssh-keygen")
    if keygen:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "key")
            done = subprocess.run([keygen, "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-C", "", "-f", path],
                                  capture_output=True, check=False, timeout=60)
            if done.returncode == 0:
                with open(path) as fh:
                    private = fh.read()
                with open(path + ".pub") as fh:
                    public = " ".join(fh.read().split()[:2])
                return private, public
    return _python_rsa_keypair()


def keypair_view(kp, private=None):
    view = dict(kp)
    if private:
        view["privatekey"] = private
    return view


def _keypair_owner(ctx):
    account, project = resolve_owner(ctx)
    if project is not None:
        account = ctx.store.get("account", project["_accountid"])
    return account, project


def _find_keypair(ctx, account, name):
    for kp in ctx.store.all("sshkeypair"):
        if owned_by(kp, account) and kp["name"] == name:
            return kp
    return None


def _new_keypair(ctx, name, public):
    account, project = _keypair_owner(ctx)
    if _find_keypair(ctx, account, name):
        raise param_error(f"A key pair with name '{name}' already exists.")
    fingerprint = md5_fingerprint(public)
    for kp in ctx.store.all("sshkeypair"):
        if owned_by(kp, account) and kp["fingerprint"] == fingerprint:
            raise param_error("A key pair with the same public key already exists for this account.")
    kp = {"name": name, "fingerprint": fingerprint, "_publickey": public, "_created": now(), **owner_fields(account, project)}
    return ctx.store.add("sshkeypair", kp)


@api("createSSHKeyPair")
def create_ssh_key_pair(ctx, p):
    name = ctx.require("name")
    account, _project = _keypair_owner(ctx)
    if _find_keypair(ctx, account, name):
        raise param_error(f"A key pair with name '{name}' already exists.")
    private, public = generate_rsa_keypair()
    kp = _new_keypair(ctx, name, public)
    return keypair_view(kp, private)


@api("registerSSHKeyPair")
def register_ssh_key_pair(ctx, p):
    name = ctx.require("name")
    public = parse_public_key(ctx.require("publickey"))
    if public is None:
        raise param_error("Public key is invalid")
    return keypair_view(_new_keypair(ctx, name, public))


@api("deleteSSHKeyPair")
def delete_ssh_key_pair(ctx, p):
    name = ctx.require("name")
    account, _project = _keypair_owner(ctx)
    kp = _find_keypair(ctx, account, name)
    if kp is None:
        raise param_error(f"A key pair with name '{name}' does not exist for account {account['name']} in specified domain id")
    ctx.store.delete("sshkeypair", kp["id"])
    return None


@api("listSSHKeyPairs")
def list_ssh_key_pairs(ctx, p):
    kps = ctx.scope(ctx.store.all("sshkeypair"))
    kps = ctx.filter_eq(kps, ["id", "name", "fingerprint"], ci_fields=())
    kps = ctx.filter_keyword(kps)
    kps.sort(key=lambda k: k["_seq"])
    return [keypair_view(k) for k in kps]


# ---- capabilities ----------------------------------------------------------------------------------
@api("listCapabilities")
def list_capabilities(ctx, p):
    def flag(name, default="false"):
        return str(setting(ctx, name) or default).lower() == "true"

    def number(name, default):
        try:
            return int(float(setting(ctx, name) or default))
        except ValueError:
            return default

    caps = {
        "securitygroupsenabled": any(z.get("securitygroupsenabled") for z in ctx.store.all("zone")),
        "dynamicrolesenabled": True,
        "cloudstackversion": CLOUDSTACK_VERSION,
        "userpublictemplateenabled": flag("allow.public.user.templates", "true"),
        "supportELB": str(setting(ctx, "network.loadbalancer.basiczone.elb.enabled") or "false").lower(),
        "projectinviterequired": flag("project.invite.required"),
        "allowusercreateprojects": flag("allow.user.create.projects", "true"),
        "customdiskofferingminsize": number("custom.diskoffering.size.min", 1),
        "customdiskofferingmaxsize": number("custom.diskoffering.size.max", 1024),
        "regionsecondaryenabled": any(s.get("scope") == "REGION" for s in ctx.store.all("imagestore")),
        "kvmsnapshotenabled": flag("kvm.snapshot.enabled"),
        "allowuserviewdestroyedvm": flag("allow.user.view.destroyed.vm"),
        "allowuserexpungerecovervm": flag("allow.user.expunge.recover.vm"),
        "allowuserexpungerecovervolume": flag("allow.user.expunge.recover.volume", "true"),
        "allowuserviewalldomainaccounts": flag("allow.user.view.all.domain.accounts"),
        "kubernetesserviceenabled": flag("cloud.kubernetes.service.enabled"),
        "kubernetesclusterexperimentalfeaturesenabled": flag("cloud.kubernetes.cluster.experimental.features.enabled"),
        "defaultuipagesize": number("default.ui.page.size", 20),
        "instancesstatsretentiontime": number("vm.stats.max.retention.time", 720),
        "instancesstatsuseronly": flag("vm.stats.user.vm.only"),
        "instancesdisksstatsretentionenabled": flag("vm.disk.stats.retention.enabled"),
        "instancesdisksstatsretentiontime": number("vm.disk.stats.max.retention.time", 720),
    }
    if flag("api.throttling.enabled"):
        caps["apilimitinterval"] = number("api.throttling.interval", 1)
        caps["apilimitmax"] = number("api.throttling.max", 25)
    return caps
