"""role_permission against the simulator (in process): create, re-run, check mode, --diff, permission, order (parent),
absent, bad input, the default roles CloudStack refuses to change, faults; and a module run with the keys of a user
whose role lacks the command."""
import pytest


@pytest.fixture
def ops(sim):
    return sim.ok("createRole", name="ops", type="User")["role"]


def rules(sim, role):
    return [(r["rule"], r["permission"]) for r in sim.ok("listRolePermissions", roleid=role["id"]).get("rolepermission", [])]


def test_create_rerun_check_diff_update_absent(module, sim, ops):
    args = dict(role="ops", name="list*", permission="allow", description="read")
    res = module("role_permission", _check=True, _diff=True, **args)
    assert res["changed"] and rules(sim, ops) == [] and "id" not in res
    assert res["diff"] == {"before": {"state": "absent"},
                           "after": {"name": "list*", "role": "ops", "permission": "allow", "description": "read", "state": "present"}}
    res = module("role_permission", **args)
    (rule,) = sim.ok("listRolePermissions", roleid=ops["id"])["rolepermission"]
    assert res["changed"] and res["id"] == rule["id"] and res["role_id"] == ops["id"] and res["role"] == "ops"
    assert (res["name"], res["permission"], res["description"]) == ("list*", "allow", "read")
    res = module("role_permission", _diff=True, **args)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    # the role by its id, the rule by its id
    assert module("role_permission", role=ops["id"], name=rule["id"], permission="allow")["changed"] is False
    # permission: check mode changes nothing, then the change
    res = module("role_permission", _check=True, _diff=True, role="ops", name="list*", permission="deny")
    assert res["changed"] and res["permission"] == "allow" and rules(sim, ops) == [("list*", "allow")]
    assert res["diff"]["before"]["permission"] == "allow" and res["diff"]["after"]["permission"] == "deny"
    res = module("role_permission", role="ops", name="list*")  # permission defaults to deny, as ngine_io's
    assert res["changed"] and res["permission"] == "deny" and rules(sim, ops) == [("list*", "deny")]
    # a description differs: CloudStack cannot change it; a warning, no change
    res = module("role_permission", role="ops", name="list*", permission="deny", description="other")
    assert res["changed"] is False and "description differs" in res["warnings"][0]
    # absent
    res = module("role_permission", _check=True, _diff=True, role="ops", name="list*", state="absent")
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(rules(sim, ops)) == 1
    assert module("role_permission", role="ops", name="list*", state="absent")["changed"]
    assert rules(sim, ops) == []
    assert module("role_permission", role="ops", name="list*", state="absent")["changed"] is False


def test_order_with_parent(module, sim, ops):
    for name, perm in (("listZones", "allow"), ("listHosts", "allow"), ("*", "deny")):
        module("role_permission", role="ops", name=name, permission=perm)
    # first (parent 0), in check mode first: nothing moves, the diff shows the order
    res = module("role_permission", _check=True, _diff=True, role="ops", name="*", parent="0")
    assert res["changed"] and [r for r, _ in rules(sim, ops)] == ["listZones", "listHosts", "*"]
    assert res["diff"] == {"before": {"rule_order": ["listZones", "listHosts", "*"]}, "after": {"rule_order": ["*", "listZones", "listHosts"]}}
    res = module("role_permission", role="ops", name="*", parent="0")
    assert res["changed"] and [r for r, _ in rules(sim, ops)] == ["*", "listZones", "listHosts"]
    assert res["permission"] == "deny"  # parent leaves the permission alone (its default deny is not applied)
    assert module("role_permission", role="ops", name="*", parent="0")["changed"] is False
    # after another rule (by name or by id)
    assert module("role_permission", role="ops", name="*", parent="listHosts")["changed"]
    assert [r for r, _ in rules(sim, ops)] == ["listZones", "listHosts", "*"]
    zones_id = sim.ok("listRolePermissions", roleid=ops["id"])["rolepermission"][0]["id"]
    assert module("role_permission", role="ops", name="listHosts", parent=zones_id)["changed"] is False
    # a parent on create: made, then placed, in one run; the second run changes nothing
    res = module("role_permission", role="ops", name="createNetwork", parent="0")
    assert res["changed"] and rules(sim, ops)[0] == ("createNetwork", "deny")
    assert module("role_permission", role="ops", name="createNetwork", parent="0")["changed"] is False
    # the allow rules are what the access check reads (the first match decides)
    assert [r for r, _ in rules(sim, ops)] == ["createNetwork", "listZones", "listHosts", "*"]


def test_bad_input(module, sim, ops):
    module("role_permission", role="ops", name="listZones", permission="allow")
    before = rules(sim, ops)
    res = module("role_permission", role="nope", name="listZones", permission="allow")
    assert res.failed and res["msg"] == "Role 'nope' not found"
    res = module("role_permission", role="ops", name="list-zones", permission="allow")
    assert res.failed and "invalid rule provided: list-zones" in res["msg"] and "createRolePermission" in res["msg"]
    res = module("role_permission", role="ops", name="listZones", permission="maybe")
    assert res.failed and "permission" in res["msg"] and "maybe" in res["msg"]
    res = module("role_permission", role="ops", name="listZones", permission="allow", parent="0")
    assert res.failed and "mutually exclusive: permission|parent" in res["msg"]
    res = module("role_permission", role="ops", name="listHosts", parent="nosuchrule")
    assert res.failed and res["msg"] == "Parent rule 'nosuchrule' not found"
    assert rules(sim, ops) == before  # listHosts was not made: the parent is checked first
    res = module("role_permission", role="ops", name="listZones", parent="listZones")
    assert res.failed and "parent" in res["msg"] and "'listZones'" in res["msg"]
    # the default roles: CloudStack 4.18 refuses to change their rules
    res = module("role_permission", role="User", name="createZone", permission="allow")
    assert res.failed and "Role permission cannot be added for Default roles" in res["msg"]
    assert rules(sim, ops) == before


def test_parent_check_before_create(module, sim, ops):
    """A bad parent fails before anything is made (check mode and a real run alike)."""
    res = module("role_permission", _check=True, role="ops", name="listHosts", parent="nosuchrule")
    assert res.failed and rules(sim, ops) == []


def test_faults_leave_no_duplicates(module, sim, ops):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=3")
    names = ["listZones", "listHosts", "listPods", "listClusters", "listRouters", "listVolumes"]
    for name in names:
        module("role_permission", role="ops", name=name, permission="allow")
    module("role_permission", role="ops", name="listVolumes", parent="0")
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for name in names:
        assert not module("role_permission", role="ops", name=name, permission="allow").failed
    assert not module("role_permission", role="ops", name="listVolumes", parent="0").failed
    got = [r for r, _ in rules(sim, ops)]
    assert sorted(got) == sorted(names) and got[0] == "listVolumes"


def test_commands_are_synchronous(sim):
    """No async job to fail or to outlast api_async_timeout: the 4.18 role permission commands answer at once."""
    ops = sim.ok("createRole", name="ops2", type="User")["role"]
    reply = sim.ok("createRolePermission", roleid=ops["id"], rule="listZones", permission="allow")
    assert "jobid" not in reply and reply["rolepermission"]["rule"] == "listZones"


def test_a_user_whose_role_lacks_the_command(module, sim, ops):
    """The simulator enforces the rules: a module run with the keys of a user of role ops fails with CloudStack's answer."""
    module("role_permission", role="ops", name="listRoles", permission="allow")
    module("role_permission", role="ops", name="listZones", permission="deny")
    acc = sim.ok("createAccount", username="opsuser", password="Secret-1", firstname="O", lastname="P", email="o@example.com",
                 roleid=ops["id"])["account"]
    keys = sim.ok("registerUserKeys", id=acc["user"][0]["id"])["userkeys"]
    conn = {"api_key": keys["apikey"], "api_secret": keys["secretkey"]}
    res = module("zone", _conn=conn, name="zone-x", dns1="8.8.8.8")
    assert res.failed and "listZones" in res["msg"] and "401" in res["msg"] and "is not available for user" in res["msg"]
    res = module("role_permission", _conn=conn, role="ops", name="listHosts", permission="allow")
    assert res.failed and "listRolePermissions" in res["msg"] and "432" in res["msg"]
    assert "The API listRolePermissions does not exist or is not available for this account." in res["msg"]
    assert [r for r, _ in rules(sim, ops)] == ["listRoles", "listZones"]
