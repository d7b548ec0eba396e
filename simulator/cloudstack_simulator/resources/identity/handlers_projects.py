"""The identity commands of projects (members, states) and resource limits."""
from ...context import DOMAIN_ADMIN, ROOT_ADMIN, USER, now
from ...errors import ApiError, param_error
from ...registry import api
from .model import (
    PROJECT_ACCOUNT,
    TYPE_BY_NUMBER,
    UNLIMITED,
    _limit_reply,
    _project_resources,
    _project_state,
    _remove_project,
    _resource_type,
    _seq_of,
    _set_limit,
    _target_project,
    account_limit,
    check_account_access,
    check_domain_access,
    check_limit,
    domain_limit,
    domain_of,
    find_account,
    is_admin_type,
    project_view,
    resolve_owner,
    setting,
)


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
