"""The identity commands: parameters in, views out; the state and rules are in model.py."""
from ...backend import backend
from ...context import DOMAIN_ADMIN, ROOT_ADMIN, USER, now
from ...errors import ApiError, param_error
from ...identity_keys import hash_password, new_key, password_matches
from ...registry import api
from .model import (
    CLOUDSTACK_VERSION,
    DOMAIN_LABEL,
    PROJECT_ACCOUNT,
    ROLE_TYPES,
    _check_account_type,
    _check_network_domain,
    _cleanup_domain,
    _keys_user,
    _remove_account,
    _remove_domain,
    _rename_domain_refs,
    _role,
    _role_type,
    _seq_of,
    _target_account,
    _target_user,
    _user_state,
    account_view,
    api_path,
    check_account_access,
    check_domain_access,
    default_role_for_type,
    domain_of,
    domain_view,
    end_user_sessions,
    find_account,
    is_admin_type,
    live_accounts,
    new_user,
    role_view,
    setting,
    user_view,
)


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
    if ctx.get("roleid"):
        backend.permissions.copy_rules(ctx, src, role)
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
    backend.permissions.remove_rules(ctx, role)
    ctx.store.delete("role", role["id"])
    return None


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


def _user_scope(ctx, userid):
    """Whose users listUsers shows: (account ids or None, domain id or None, recursive), as buildACLSearchParameters."""
    caller = ctx.account
    ctype = int(caller.get("accounttype", 0))
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
    return permitted, domainid, recursive


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
    permitted, domainid, recursive = _user_scope(ctx, userid)
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
