"""Role permission rules and the API access check (RoleManagerImpl, Rule, DynamicRoleBasedAPIAccessChecker of 4.18):
a fresh cloud's default rules, rule order, wildcards, allow/deny, the answers a user gets, and the refusals."""
import pytest
from sim_tenancy_helpers import As, Session, keys_for, new_account

NO_RULE = "The API {} does not exist or is not available for this account."
DENIED = "The given command '{}' either does not exist, is not available for user."


def role(s, name):
    return s.ok("listRoles", name=name)["role"][0]


def rules(s, roleid):
    return s.ok("listRolePermissions", roleid=roleid).get("rolepermission", [])


def test_default_roles_have_the_rules_of_a_fresh_418_cloud(simserver):
    s = simserver
    root = rules(s, role(s, "Root Admin")["id"])
    assert [(r["rule"], r["permission"]) for r in root] == [("*", "allow")]
    user = rules(s, role(s, "User")["id"])
    assert len(user) == 248 and {"deployVirtualMachine", "listZones", "createNetwork"} <= {r["rule"] for r in user}
    assert "createZone" not in {r["rule"] for r in user}
    assert len(rules(s, role(s, "Domain Admin")["id"])) == 294 and len(rules(s, role(s, "Resource Admin")["id"])) == 307
    ro = rules(s, role(s, "Read-Only Admin - Default")["id"])
    assert [r["rule"] for r in ro][:3] == ["list*", "getUploadParamsFor*", "get*"] and ro[-1] == dict(ro[-1], rule="*", permission="deny")
    assert set(user[0]) == {"id", "roleid", "rolename", "rule", "permission"} and user[0]["rolename"] == "User"


def test_create_list_update_order_delete(simserver):
    s = simserver
    ops = s.ok("createRole", name="ops", type="User")["role"]
    a = s.ok("createRolePermission", roleid=ops["id"], rule="list*", permission="ALLOW", description="read")["rolepermission"]
    assert (a["rule"], a["permission"], a["description"], a["roleid"], a["rolename"]) == ("list*", "allow", "read", ops["id"], "ops")
    b = s.ok("createRolePermission", roleid=ops["id"], rule="createVPC", permission="deny")["rolepermission"]
    c = s.ok("createRolePermission", roleid=ops["id"], rule="*", permission="deny")["rolepermission"]
    assert [r["id"] for r in rules(s, ops["id"])] == [a["id"], b["id"], c["id"]]  # a new rule goes last
    assert s.ok("updateRolePermission", roleid=ops["id"], ruleorder=",".join([b["id"], a["id"], c["id"]])) == {"success": True}
    assert [r["rule"] for r in rules(s, ops["id"])] == ["createVPC", "list*", "*"]
    assert s.ok("updateRolePermission", roleid=ops["id"], ruleid=b["id"], permission="allow") == {"success": True}
    assert rules(s, ops["id"])[0]["permission"] == "allow"
    assert s.ok("deleteRolePermission", id=b["id"]) == {"success": True}
    assert [r["rule"] for r in rules(s, ops["id"])] == ["list*", "*"]
    # all rules of every role without roleid
    assert {a["id"], c["id"]} <= {r["id"] for r in s.ok("listRolePermissions")["rolepermission"]}


def test_refusals(simserver):
    s = simserver
    ops = s.ok("createRole", name="ops", type="User")["role"]
    a = s.ok("createRolePermission", roleid=ops["id"], rule="listZones", permission="allow")["rolepermission"]
    status, body = s.call("createRolePermission", roleid=ops["id"], rule="list-zones", permission="allow")
    assert status == 431 and body["createrolepermissionresponse"]["errortext"] == "Only API names and wildcards are allowed, invalid rule provided: list-zones"
    status, body = s.call("createRolePermission", roleid=ops["id"], rule="listHosts", permission="maybe")
    assert status == 431 and body["createrolepermissionresponse"]["errortext"] == "Values for permission parameter should be: allow or deny"
    status, body = s.call("createRolePermission", roleid=ops["id"], rule="listZones", permission="deny")
    assert status == 531 and body["createrolepermissionresponse"]["errortext"] == "Rule already exists for the role: ops"
    user = role(s, "User")
    status, body = s.call("createRolePermission", roleid=user["id"], rule="createZone", permission="allow")
    assert status == 531 and body["createrolepermissionresponse"]["errortext"] == "Role permission cannot be added for Default roles"
    first = rules(s, user["id"])[0]
    status, body = s.call("updateRolePermission", roleid=user["id"], ruleid=first["id"], permission="deny")
    assert status == 531 and "cannot be updated for Default roles" in body["updaterolepermissionresponse"]["errortext"]
    status, body = s.call("deleteRolePermission", id=first["id"])
    assert status == 531 and "cannot be deleted for Default roles" in body["deleterolepermissionresponse"]["errortext"]
    status, body = s.call("updateRolePermission", roleid=ops["id"], ruleorder=a["id"], permission="allow")
    assert status == 431 and "mutually exclusive with ruleorder" in body["updaterolepermissionresponse"]["errortext"]
    b = s.ok("createRolePermission", roleid=ops["id"], rule="listHosts", permission="allow")["rolepermission"]
    status, body = s.call("updateRolePermission", roleid=ops["id"], ruleorder=b["id"])
    assert status == 530 and "number of items sent don't match" in body["updaterolepermissionresponse"]["errortext"]
    status, _ = s.call("deleteRolePermission", id="7c5a3b8e-0000-4000-8000-000000000000")
    assert status == 431
    assert len(rules(s, ops["id"])) == 2 and len(rules(s, user["id"])) == 248  # nothing changed


def test_cloned_role_gets_the_rules_and_deleted_role_loses_them(simserver):
    s = simserver
    clone = s.ok("createRole", name="my-user", roleid=role(s, "User")["id"])["role"]
    mine = rules(s, clone["id"])
    assert len(mine) == 248 and mine[0]["rule"] == rules(s, role(s, "User")["id"])[0]["rule"]
    s.ok("deleteRole", id=clone["id"])
    assert not [r for r in s.ok("listRolePermissions")["rolepermission"] if r["roleid"] == clone["id"]]


@pytest.fixture
def ops_user(simserver):
    """A user of role ops: list* allowed, listHosts denied before it, createNetwork allowed; nothing else."""
    s = simserver
    ops = s.ok("createRole", name="ops", type="User")["role"]
    for rule, permission in (("listHosts", "deny"), ("list*", "allow"), ("createNetwork", "allow")):
        s.ok("createRolePermission", roleid=ops["id"], rule=rule, permission=permission)
    acc = new_account(s, "opsuser", roleid=ops["id"])
    return {"role": ops, "account": acc, "as": As(s, keys_for(s, acc))}


def test_the_access_check_for_a_user_of_a_custom_role(simserver, ops_user):
    user = ops_user["as"]
    assert user.ok("listZones") is not None  # list* allows
    status, body = user.call("listHosts")  # the first matching rule (deny) decides
    assert status == 401 and body["listhostsresponse"]["errortext"] == DENIED.format("listHosts")
    assert body["listhostsresponse"]["cserrorcode"] == 9999
    status, body = user.call("deployVirtualMachine", zoneid="x", serviceofferingid="y", templateid="z")
    assert status == 432 and body["deployvirtualmachineresponse"]["errortext"] == NO_RULE.format("deployVirtualMachine")
    status, body = user.call("createZone", name="z", dns1="8.8.8.8", internaldns1="8.8.8.8", networktype="Basic")
    assert status == 432
    assert not simserver.ok("listZones", name="z")  # nothing was made
    # the rules change: the next call sees them
    s = simserver
    deny = [r for r in rules(s, ops_user["role"]["id"]) if r["rule"] == "listHosts"][0]
    s.ok("updateRolePermission", roleid=ops_user["role"]["id"], ruleid=deny["id"], permission="allow")
    assert user.call("listHosts")[0] == 200


def test_the_check_applies_to_login_sessions_too(simserver, ops_user):
    sess = Session(simserver)
    sess.login("opsuser", "secret-pw")
    assert sess.call("listZones")[0] == 200
    assert sess.call("deleteZone", id="x")[0] == 432


def test_default_user_role_allows_what_users_do_and_root_admin_everything(simserver):
    s = simserver
    acc = new_account(s, "plain")
    user = As(s, keys_for(s, acc))
    assert user.call("listZones")[0] == 200 and user.call("listVirtualMachines")[0] == 200
    status, body = user.call("createZone", name="z", dns1="8.8.8.8", internaldns1="8.8.8.8", networktype="Basic")
    assert status == 432 and body["createzoneresponse"]["errortext"] == NO_RULE.format("createZone")
    status, _ = user.call("listRolePermissions")
    assert status == 432
    assert s.call("listRolePermissions")[0] == 200  # root admin: every command


def test_list_apis_lists_what_the_role_may_run(simserver, ops_user):
    """ApiDiscoveryServiceImpl: a user's listApis holds only the commands its role allows."""
    names = {a["name"] for a in ops_user["as"].ok("listApis")["api"]}
    assert "listZones" in names and "createNetwork" in names
    assert "listHosts" not in names and "deployVirtualMachine" not in names and "createZone" not in names
    status, body = ops_user["as"].call("listApis", name="createZone")
    assert status == 431 and "unable to find an api by that name" in body["listapisresponse"]["errortext"]
    assert "createZone" in {a["name"] for a in simserver.ok("listApis")["api"]}  # the root admin: every command


def test_only_the_default_root_admin_role_skips_the_check(simserver):
    """A role of type Admin made later (whatever its number) has its rules read like any other role's."""
    s = simserver
    admins = s.ok("createRole", name="admins2", type="Admin")["role"]
    s.ok("createRolePermission", roleid=admins["id"], rule="listZones", permission="allow")
    acc = new_account(s, "admin2", accounttype=1, roleid=admins["id"])
    other = As(s, keys_for(s, acc))
    assert other.call("listZones")[0] == 200
    assert other.call("listHosts")[0] == 432
