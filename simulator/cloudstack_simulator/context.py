"""What a handler gets: the request's parameters, the caller, the store and helpers."""
import datetime
import re

from .errors import ApiError, invalid_id, invalid_value, missing_param
from .registry import Later

TRUE = {"true"}
MAP_RE = re.compile(r"^([a-z0-9_]+)\[(\d+)\]\.(.+)$")

# account types (Account.Type): 0 user, 1 root admin, 2 domain admin, 4 read-only admin...
ROOT_ADMIN, DOMAIN_ADMIN, USER = 1, 2, 0


def now():
    """CloudStack's date format: 2021-10-04T09:24:38+0000."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+0000")


class Context:
    def __init__(self, sim, command, params, caller):
        self.sim = sim
        self.store = sim.store
        self.command = command  # the canonical command name
        self.params = params
        self.caller = caller  # {"user": user, "account": account, "domain": domain}

    # ---- the caller -----------------------------------------------------------------------
    @property
    def account(self):
        return self.caller["account"]

    @property
    def user(self):
        return self.caller["user"]

    @property
    def is_root_admin(self):
        return int(self.caller["account"].get("accounttype", 0)) == ROOT_ADMIN

    # ---- parameters ---------------------------------------------------------------------
    def get(self, name, default=None):
        value = self.params.get(name)
        return default if value is None or value == "" else value

    def require(self, name):
        value = self.params.get(name)
        if value is None or value == "":
            raise missing_param(self.command, name)
        return value

    def bool(self, name, default=False):
        value = self.params.get(name)
        if value is None or value == "":
            return default
        return str(value).lower() in TRUE

    def int(self, name, default=None):
        value = self.params.get(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except ValueError:
            raise invalid_value(self.command, name, value) from None

    def list(self, name):
        value = self.get(name)
        return [v.strip() for v in value.split(",") if v.strip()] if value else []

    def map_param(self, name):
        """name[0].key=a&name[0].value=b&name[1]... -> [{"key": "a", "value": "b"}, ...] in index order."""
        groups = {}
        for key, value in self.params.items():
            m = MAP_RE.match(key)
            if m and m.group(1) == name:
                groups.setdefault(int(m.group(2)), {})[m.group(3)] = value
        return [groups[i] for i in sorted(groups)]

    def details(self, name="details"):
        """A map parameter as a flat dict: key/value pairs, or name[0].<k>=<v> entries."""
        out = {}
        for entry in self.map_param(name):
            if "key" in entry and "value" in entry:
                out[entry["key"]] = entry["value"]
            else:
                out.update(entry)
        return out

    def obj(self, type_, name, required=False, value=None):
        """The object a uuid parameter names; CloudStack's 431 if it names none."""
        value = value if value is not None else self.get(name)
        if value is None:
            if required:
                raise missing_param(self.command, name)
            return None
        found = self.store.get(type_, value)
        if found is None or found.get("_removed"):
            raise invalid_id(self.command, name, value)
        return found

    # ---- results --------------------------------------------------------------------------
    def later(self, fn, instance_type=None, instance_id=None):
        return Later(fn, instance_type, instance_id)

    def config(self, name, default=None, scope=None, scope_id=None):
        return self.sim.config_value(name, default, scope, scope_id)

    now = staticmethod(now)

    # ---- list helpers -----------------------------------------------------------------------
    def filter_eq(self, objs, fields, ci_fields=("name",)):
        """Keep objects whose field equals the parameter of the same name, for each given field.

        fields: parameter names that are also field names (id, name, zoneid, ...), or
        (param, field) pairs. Names compare case-insensitively as CloudStack's DB does.
        """
        for f in fields:
            param, field = f if isinstance(f, tuple) else (f, f)
            value = self.get(param)
            if value is None:
                continue
            if field in ci_fields:
                low = value.lower()
                objs = [o for o in objs if str(o.get(field, "")).lower() == low]
            else:
                objs = [o for o in objs if str(o.get(field)) == value or (isinstance(o.get(field), bool) and str(o.get(field)).lower() == value.lower())]
        return objs

    def filter_keyword(self, objs, fields=("name",)):
        kw = self.get("keyword")
        if not kw:
            return objs
        kw = kw.lower()
        return [o for o in objs if any(kw in str(o.get(f, "")).lower() for f in fields)]

    def domain_tree(self, domainid, recursive=True):
        """The ids of a domain and, if recursive, of every domain below it."""
        dom = self.store.get("domain", domainid)
        if dom is None:
            return set()
        if not recursive:
            return {domainid}
        path = dom["_path"]
        return {d["id"] for d in self.store.all("domain") if d["_path"] == path or d["_path"].startswith(path.rstrip("/") + "/")}

    def scope(self, objs):
        """Domain/account/project scoping of an account-owned list, as CloudStack's ListProjectResourcesCriteria.

        - account (+ domainid): that account's objects (431 if there is no such account); domainid alone: that domain
          (recursive with isrecursive=true);
        - listall=true: everything the caller may see (root admin: all; domain admin: its domain tree);
        - neither: only the caller's own account's objects (with an id: any the admin may see);
        - a normal user (account type 0) always gets its own account's objects only;
        - projectid: that project's objects (-1: those of every project the caller may see); without it,
          project-owned objects are left out.
        Objects carry "domainid", "account" (name) and, when a project owns them, "projectid".
        """
        projectid = self.get("projectid")
        if projectid == "-1":
            # every project the caller may see: a user its projects, a domain admin those of its tree, the root admin all
            objs = [o for o in objs if o.get("projectid")]
            if int(self.account.get("accounttype", 0)) == USER:
                mine = {p["id"] for p in self.store.all("project") if self.account["id"] in p.get("_members", [p.get("_ownerid")])}
                return [o for o in objs if o["projectid"] in mine]
            if not self.is_root_admin:
                visible = self.domain_tree(self.account["domainid"])
                objs = [o for o in objs if o.get("domainid") in visible]
            return objs
        elif projectid:
            self.obj("project", "projectid")
            return [o for o in objs if o.get("projectid") == projectid]
        else:
            objs = [o for o in objs if not o.get("projectid")]
        domainid = self.get("domainid")
        account = self.get("account")
        caller_dom = self.account["domainid"]
        visible = None if self.is_root_admin else self.domain_tree(caller_dom)

        def own(o):
            owner = o.get("_accountid") or o.get("accountid")
            return owner == self.account["id"] if owner else (o.get("domainid") == caller_dom and o.get("account") == self.account["name"])

        if int(self.account.get("accounttype", 0)) == USER:
            # buildACLSearchParameters: a normal user lists its own account's objects, whatever listall/domainid say
            return [o for o in objs if own(o)]
        if account:
            if not domainid:
                domainid = caller_dom
            dom = self.obj("domain", "domainid", value=domainid)
            low = account.lower()
            if not any(a.get("domainid") == domainid and str(a.get("name", "")).lower() == low for a in self.store.all("account")):
                raise ApiError(431, f"could not find account {account} in domain {dom.get('name')}")
            objs = [o for o in objs if o.get("domainid") == domainid and str(o.get("account", "")).lower() == low]
        elif domainid:
            self.obj("domain", "domainid")
            doms = self.domain_tree(domainid, self.bool("isrecursive"))
            objs = [o for o in objs if o.get("domainid") in doms]
        elif self.bool("listall"):
            if visible is not None:
                objs = [o for o in objs if o.get("domainid") in visible]
        elif not self.get("id"):
            # neither listall nor an owner: the caller's own objects (isrecursive alone widens nothing);
            # with an id, a root admin finds any object and a domain admin those of its domain tree
            objs = [o for o in objs if own(o)]
        if visible is not None:
            objs = [o for o in objs if o.get("domainid") in visible]
        return objs

    def error(self, code, text):
        return ApiError(code, text)
