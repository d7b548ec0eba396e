"""Domains, accounts, users, roles and the login/API-key flows of a new user, held to CloudStack's behaviour."""
from sim_tenancy_helpers import As, Session, job_error, job_result, keys_for, new_account


# ---- domains --------------------------------------------------------------------------------------
def test_domain_tree_paths_levels_and_children(simserver):
    s = simserver
    root = s.ok("listDomains")["domain"][0]
    assert root["path"] == "ROOT" and root["level"] == 0 and "parentdomainid" not in root
    d1 = s.ok("createDomain", name="d1")["domain"]
    assert (d1["path"], d1["level"], d1["parentdomainid"], d1["parentdomainname"], d1["haschild"]) == ("ROOT/d1", 1, root["id"], "ROOT", False)
    d2 = s.ok("createDomain", name="d2", parentdomainid=d1["id"], networkdomain="d2.example.org")["domain"]
    assert (d2["path"], d2["level"], d2["networkdomain"]) == ("ROOT/d1/d2", 2, "d2.example.org")

    listed = s.ok("listDomains", listall="true")
    assert listed["count"] == 3
    by_id = {d["id"]: d for d in listed["domain"]}
    assert by_id[d1["id"]]["haschild"] is True and by_id[root["id"]]["haschild"] is True
    assert [d["name"] for d in s.ok("listDomains", name="d2")["domain"]] == ["d2"]
    assert [d["name"] for d in s.ok("listDomains", level=1)["domain"]] == ["d1"]
    assert [d["name"] for d in s.ok("listDomainChildren", id=d1["id"])["domain"]] == ["d2"]
    assert [d["name"] for d in s.ok("listDomainChildren")["domain"]] == ["d1"]
    assert {d["name"] for d in s.ok("listDomainChildren", isrecursive="true")["domain"]} == {"d1", "d2"}
    assert s.ok("listDomainChildren", id=d2["id"]) == {}


def test_domain_rename_moves_the_paths_below(simserver):
    s = simserver
    d1 = s.ok("createDomain", name="d1")["domain"]
    d2 = s.ok("createDomain", name="d2", parentdomainid=d1["id"])["domain"]
    acc = new_account(s, "alice", d2["id"])
    renamed = s.ok("updateDomain", id=d1["id"], name="renamed")["domain"]
    assert renamed["path"] == "ROOT/renamed"
    child = s.ok("listDomains", id=d2["id"])["domain"][0]
    assert child["path"] == "ROOT/renamed/d2" and child["parentdomainname"] == "renamed"
    assert s.ok("listAccounts", id=acc["id"])["account"][0]["domainpath"] == "ROOT/renamed/d2"


def test_domain_refusals(simserver):
    s = simserver
    root = s.ok("listDomains")["domain"][0]
    s.ok("createDomain", name="d1")
    status, body = s.call("createDomain", name="d1")
    assert status == 431 and "Domain with name [d1] already exists" in body["createdomainresponse"]["errortext"]
    status, body = s.call("updateDomain", id=root["id"], name="other")
    assert status == 431 and body["updatedomainresponse"]["errortext"] == "ROOT domain can not be edited with a new name"
    status, body = s.call("createDomain", name="x", parentdomainid="no-such-domain")
    assert status == 431 and "parentdomainid" in body["createdomainresponse"]["errortext"]
    # an async command's own checks run in its job: the refusal is the job's result
    job = job_error(s, "deleteDomain", id=root["id"])
    assert (job["jobresultcode"], job["jobresult"]["errortext"]) == (531, "Can't delete ROOT domain")
    status, body = s.call("deleteDomain", id="no-such-domain")
    assert status == 431 and "Invalid parameter id value=no-such-domain" in body["deletedomainresponse"]["errortext"]


def test_delete_domain_refused_when_not_empty_then_cleanup(simserver):
    s = simserver
    d1 = s.ok("createDomain", name="d1")["domain"]
    s.ok("createDomain", name="d2", parentdomainid=d1["id"])
    acc = new_account(s, "bob", d1["id"])
    job = job_error(s, "deleteDomain", id=d1["id"], cleanup="false")
    assert job["jobresultcode"] == 530
    assert "Please make sure all users and sub domains have been removed from the domain before deleting" in job["jobresult"]["errortext"]
    assert s.ok("listDomains", id=d1["id"])["count"] == 1
    assert job_result(s, "deleteDomain", id=d1["id"], cleanup="true") == {"success": True}
    assert s.ok("listDomains", listall="true")["count"] == 1
    status, _ = s.call("listAccounts", id=acc["id"])
    assert status == 431


def test_delete_empty_domain(simserver):
    s = simserver
    d1 = s.ok("createDomain", name="d1")["domain"]
    assert job_result(s, "deleteDomain", id=d1["id"]) == {"success": True}
    assert s.ok("listDomains", listall="true")["count"] == 1
    assert s.ok("listDomains")["domain"][0]["haschild"] is False


# ---- accounts -------------------------------------------------------------------------------------
def test_fresh_accounts_and_the_hidden_system_account(simserver):
    s = simserver
    names = [a["name"] for a in s.ok("listAccounts", listall="true")["account"]]
    assert names == ["admin", "baremetal-system-account"]
    admin = s.ok("listAccounts", name="admin")["account"][0]
    assert admin["accounttype"] == 1 and admin["rolename"] == "Root Admin" and admin["vmlimit"] == "Unlimited"
    users = [u["username"] for u in s.ok("listUsers", listall="true")["user"]]
    assert "system" not in users and "admin" in users


def test_account_lifecycle(simserver):
    s = simserver
    acc = new_account(s, "carol")
    assert acc["name"] == "carol" and acc["accounttype"] == 0 and acc["state"] == "enabled" and acc["roletype"] == "User"
    assert acc["user"][0]["username"] == "carol" and "secretkey" not in acc["user"][0]
    assert acc["vmlimit"] == "20" and acc["cpulimit"] == "40" and acc["vmtotal"] == 0
    status, body = s.call("createAccount", username="carol", password="x", firstname="a", lastname="b", email="c@d.e", accounttype=0)
    assert status == 431 and body["createaccountresponse"]["errortext"] == "The user carol already exists in domain 1"
    status, body = s.call("createAccount", username="carol-b", account="carol", password="x", firstname="a", lastname="b", email="c@d.e",
                          accounttype=0)
    assert status == 431 and body["createaccountresponse"]["errortext"] == "The specified account: carol already exists"

    acc = s.ok("updateAccount", id=acc["id"], newname="carol2")["account"]
    assert acc["name"] == "carol2"
    assert s.ok("listAccounts", name="carol2", listall="true")["count"] == 1 and s.ok("listAccounts", name="carol", listall="true") == {}
    # without listall (or a domain) an admin lists its own account only, as searchForAccountsInternal does
    assert s.ok("listAccounts", name="carol2") == {}
    assert s.ok("listAccounts", name="carol2", domainid=acc["domainid"])["count"] == 1
    assert s.ok("listUsers", username="carol", listall="true")["user"][0]["account"] == "carol2"

    assert job_result(s, "disableAccount", id=acc["id"], lock="false")["account"]["state"] == "disabled"
    assert s.ok("listAccounts", state="disabled", listall="true")["account"][0]["id"] == acc["id"]
    assert s.ok("enableAccount", id=acc["id"])["account"]["state"] == "enabled"
    assert job_result(s, "disableAccount", account="carol2", domainid=acc["domainid"], lock="true")["account"]["state"] == "locked"
    assert s.ok("enableAccount", account="carol2", domainid=acc["domainid"])["account"]["state"] == "enabled"

    assert job_result(s, "deleteAccount", id=acc["id"]) == {"success": True}
    assert s.ok("listAccounts", name="carol2", listall="true") == {}
    assert s.ok("listUsers", username="carol", listall="true") == {}


def test_account_with_role_and_details(simserver):
    s = simserver
    role = s.ok("listRoles", name="Domain Admin")["role"][0]
    acc = s.ok("createAccount", username="dan", password="pw", firstname="D", lastname="A", email="d@a.b", roleid=role["id"],
               **{"accountdetails[0].key": "team", "accountdetails[0].value": "blue"})["account"]
    assert acc["accounttype"] == 2 and acc["roleid"] == role["id"] and acc["accountdetails"] == {"team": "blue"}
    status, body = s.call("createAccount", username="eve", password="pw", firstname="E", lastname="V", email="e@v.b")
    assert status == 431 and "account type or role ID" in body["createaccountresponse"]["errortext"]
    status, body = s.call("createAccount", username="eve", password="pw", firstname="E", lastname="V", email="e@v.b", accounttype=9)
    assert status == 431 and "Invalid account type 9" in body["createaccountresponse"]["errortext"]
    d1 = s.ok("createDomain", name="d1")["domain"]
    status, body = s.call("createAccount", username="eve", password="pw", firstname="E", lastname="V", email="e@v.b", accounttype=1, domainid=d1["id"])
    assert status == 431 and "unable to create user of admin role type in non-ROOT domain" in body["createaccountresponse"]["errortext"]


def test_default_accounts_cannot_be_deleted_and_the_own_account_neither(simserver):
    s = simserver
    admin = s.ok("listAccounts", name="admin")["account"][0]
    job = job_error(s, "deleteAccount", id=admin["id"])
    assert (job["jobresultcode"], job["jobresult"]["errortext"]) == (431, "Deletion of your own account is not allowed. To delete account admin "
                                                                     f"(ID: {admin['id']}, Domain: {admin['domainid']}), request to another user "
                                                                     "with permissions to perform the operation.")
    other_root = As(s, keys_for(s, new_account(s, "root2", accounttype=1)))
    reply = other_root.ok("deleteAccount", id=admin["id"])
    job = s.wait(reply)
    assert (job["jobresultcode"], job["jobresult"]["errortext"]) == (431, "The account is default and can't be removed")
    assert s.ok("listAccounts", id=admin["id"])["account"][0]["state"] == "enabled"


def test_disabled_account_keys_stop_working(simserver):
    s = simserver
    acc = new_account(s, "frank")
    me = As(s, keys_for(s, acc))
    assert me.ok("listAccounts")["account"][0]["name"] == "frank"
    job_result(s, "disableAccount", id=acc["id"], lock="false")
    status, _ = me.call("listAccounts")
    assert status == 401
    s.ok("enableAccount", id=acc["id"])
    assert me.ok("listAccounts")["count"] == 1


# ---- users ----------------------------------------------------------------------------------------
def test_user_lifecycle_and_keys(simserver):
    s = simserver
    acc = new_account(s, "grace")
    user = s.ok("createUser", account="grace", domainid=acc["domainid"], username="grace2", password="pw2", firstname="G", lastname="Two",
                email="g2@example.com", timezone="UTC")["user"]
    assert user["account"] == "grace" and user["accountid"] == acc["id"] and user["state"] == "enabled" and user["timezone"] == "UTC"
    assert "secretkey" not in user and "password" not in user
    status, body = s.call("createUser", account="grace", domainid=acc["domainid"], username="grace2", password="x", firstname="a",
                          lastname="b", email="c@d.e")
    assert status == 431 and "The user grace2 already exists in domain" in body["createuserresponse"]["errortext"]

    updated = s.ok("updateUser", id=user["id"], firstname="Gee", email="gee@example.com", password="new-secret")["user"]
    assert updated["firstname"] == "Gee" and updated["email"] == "gee@example.com"
    assert "password" not in updated and "new-secret" not in str(updated)

    keys = s.ok("registerUserKeys", id=user["id"])["userkeys"]
    assert set(keys) == {"apikey", "secretkey"} and len(keys["secretkey"]) > 40
    assert s.ok("getUserKeys", id=user["id"])["userkeys"] == keys
    listed = s.ok("listUsers", id=user["id"])["user"][0]
    assert listed["apikey"] == keys["apikey"] and "secretkey" not in listed
    me = As(s, keys)
    # a normal user lists itself only (searchForUsersInternal), even with listall
    assert [u["username"] for u in me.ok("listUsers")["user"]] == ["grace2"]
    assert [u["username"] for u in me.ok("listUsers", listall="true")["user"]] == ["grace2"]
    status, body = me.call("listUsers", id=acc["user"][0]["id"])
    assert status == 531 and body["listusersresponse"]["errortext"] == "Calling user is not authorized to see the user requested by id"
    assert {u["username"] for u in s.ok("listUsers", account="grace", domainid=acc["domainid"])["user"]} == {"grace", "grace2"}

    assert job_result(s, "disableUser", id=user["id"])["user"]["state"] == "disabled"
    status, _ = me.call("listUsers")
    assert status == 401
    assert s.ok("enableUser", id=user["id"])["user"]["state"] == "enabled"
    assert me.ok("listUsers")["count"] == 1
    assert s.ok("lockUser", id=user["id"])["user"]["state"] == "locked"
    assert s.ok("listUsers", state="locked", listall="true")["user"][0]["id"] == user["id"]
    status, _ = me.call("listUsers")
    assert status == 401
    assert s.ok("deleteUser", id=user["id"]) == {"success": True}
    status, body = s.call("listUsers", id=user["id"])
    assert status == 431


def test_registering_new_keys_replaces_the_old_ones(simserver):
    s = simserver
    acc = new_account(s, "henry")
    old = keys_for(s, acc)
    new = keys_for(s, acc)
    assert old != new
    assert As(s, old).call("listAccounts")[0] == 401
    assert As(s, new).ok("listAccounts")["count"] == 1


def test_default_admin_user_cannot_be_deleted(simserver):
    s = simserver
    admin = s.ok("listUsers", username="admin")["user"][0]
    status, body = s.call("deleteUser", id=admin["id"])
    assert status == 431 and body["deleteuserresponse"]["errortext"] == "The user is default and can't be removed"
    acc = new_account(s, "selfish", accounttype=2)  # a domain admin: the User role has no deleteUser rule
    me = As(s, keys_for(s, acc))
    status, body = me.call("deleteUser", id=acc["user"][0]["id"])
    assert status == 431 and body["deleteuserresponse"]["errortext"].startswith("The caller is requesting to delete itself.")


def test_login_as_a_new_user_with_password(simserver):
    s = simserver
    d1 = s.ok("createDomain", name="d1")["domain"]
    acc = new_account(s, "ivy", d1["id"], password="ivy's pass word")
    session = Session(s)
    status, body = session.login("ivy", "wrong", domain="/d1")
    assert status == 531
    status, body = session.login("ivy", "ivy's pass word", domain="/d1")
    assert status == 200, body
    login = body["loginresponse"]
    assert login["username"] == "ivy" and login["account"] == "ivy" and login["domainid"] == d1["id"] and login["type"] == "0"
    status, body = session.call("listAccounts")
    assert status == 200 and [a["id"] for a in body["listaccountsresponse"]["account"]] == [acc["id"]]
    # a disabled user can log in no more
    user = acc["user"][0]
    job_result(s, "disableUser", id=user["id"])
    assert Session(s).login("ivy", "ivy's pass word", domain="/d1")[0] == 531


def test_password_change_by_the_user_needs_the_current_one(simserver):
    s = simserver
    acc = new_account(s, "jack", password="first")
    me = As(s, keys_for(s, acc))
    uid = acc["user"][0]["id"]
    status, body = me.call("updateUser", id=uid, password="second")
    assert status == 431 and "current password" in body["updateuserresponse"]["errortext"]
    me.ok("updateUser", id=uid, password="second", currentpassword="first")
    assert Session(s).login("jack", "second")[0] == 200
    assert Session(s).login("jack", "first")[0] == 531


# ---- roles ----------------------------------------------------------------------------------------
def test_roles(simserver):
    s = simserver
    roles = s.ok("listRoles")
    assert roles["count"] == 8
    assert [r["name"] for r in roles["role"][:4]] == ["Root Admin", "Resource Admin", "Domain Admin", "User"]
    assert all(r["isdefault"] for r in roles["role"])
    assert [r["name"] for r in s.ok("listRoles", type="DomainAdmin")["role"]] == ["Domain Admin"]

    role = s.ok("createRole", name="Operators", type="User", description="ops")["role"]
    assert (role["type"], role["isdefault"], role["description"]) == ("User", False, "ops")
    status, body = s.call("createRole", name="operators", type="User")
    assert status == 431
    role = s.ok("updateRole", id=role["id"], name="Ops", description="the ops team")["role"]
    assert role["name"] == "Ops" and role["description"] == "the ops team"
    clone = s.ok("createRole", name="Ops clone", roleid=role["id"])["role"]
    assert clone["type"] == "User"

    acc = s.ok("createAccount", username="kim", password="pw", firstname="K", lastname="M", email="k@m.n", roleid=role["id"])["account"]
    assert acc["rolename"] == "Ops"
    status, body = s.call("deleteRole", id=role["id"])
    assert status == 531 and "role in use" in body["deleteroleresponse"]["errortext"]
    job_result(s, "deleteAccount", id=acc["id"])
    assert s.ok("deleteRole", id=role["id"]) == {"success": True}

    default = roles["role"][3]
    status, body = s.call("deleteRole", id=default["id"])
    assert status == 531 and body["deleteroleresponse"]["errortext"] == "Default roles cannot be deleted"
    status, body = s.call("createRole", name="bad", type="Nobody")
    assert status == 431


# ---- capabilities ---------------------------------------------------------------------------------
def test_list_capabilities(simserver):
    caps = simserver.ok("listCapabilities")["capability"]
    assert caps["cloudstackversion"] == "4.18.1.0"
    assert caps["allowusercreateprojects"] is True and caps["customdiskofferingmaxsize"] == 1024 and caps["dynamicrolesenabled"] is True


def test_other_modules_clean_up_what_a_deleted_account_owns(simserver):
    from cloudstack_simulator.resources.identity import model as identity

    s = simserver
    seen = []

    def hook(ctx, account):
        seen.append(account["name"])
        for vm in [v for v in ctx.store.all("virtualmachine") if identity.owned_by(v, account)]:
            ctx.store.delete("virtualmachine", vm["id"])

    identity.ACCOUNT_CLEANUP.append(hook)
    try:
        acc = new_account(s, "leaving")
        with s.sim.lock:
            s.sim.store.add("virtualmachine", {"name": "vm", "account": "leaving", "domainid": acc["domainid"], "state": "Running"})
        assert s.ok("listAccounts", id=acc["id"])["account"][0]["vmtotal"] == 1
        job_result(s, "deleteAccount", id=acc["id"])
        assert seen == ["leaving"] and s.sim.store.count("virtualmachine") == 0
    finally:
        identity.ACCOUNT_CLEANUP.remove(hook)
