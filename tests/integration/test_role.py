"""role against the simulator (in process): create, re-run/check/diff, updates, rename by uuid, absent, bad input,
CloudStack's refusals, faults."""
import pytest
from tenancy_helpers import check_create_rerun_absent, check_update, runner, until_ok


@pytest.fixture
def run(sim):
    return runner(sim)


def roles(sim, **filters):
    return sim.ok("listRoles", **filters).get("role", [])


def ops(sim):
    (role,) = roles(sim, name="operators")
    return role


def test_lifecycle(run, sim):
    res = check_create_rerun_absent(run, "role", {"name": "operators", "role_type": "DomainAdmin", "description": "Ops"},
                                    lambda: len(roles(sim)), expect_after={"name": "operators", "role_type": "DomainAdmin"})
    assert res["role_type"] == "DomainAdmin" and res["description"] == "Ops" and res["id"]


def test_type_defaults_to_user_at_creation_only(run, sim):
    assert run("role", name="operators")["role_type"] == "User"
    run("role", name="admins", role_type="Admin")
    assert run("role", name="admins")["changed"] is False  # no type given: an existing role keeps its own


def test_updates(run, sim):
    check_update(run, "role", {"name": "operators"}, "description", "first", "second", lambda: ops(sim)["description"])
    check_update(run, "role", {"name": "operators"}, "role_type", "User", "ResourceAdmin", lambda: ops(sim)["type"])


def test_rename_by_uuid(run, sim):
    rid = run("role", name="operators")["id"]
    res = run("role", uuid=rid, name="operations")
    assert res["changed"] and res["name"] == "operations" and [r["name"] for r in roles(sim, id=rid)] == ["operations"]
    assert run("role", id=rid, name="operations")["changed"] is False  # the alias


@pytest.mark.parametrize("args,message", [
    ({"name": "x", "role_type": "God"}, "role_type"),
    ({"name": "Root Admin", "description": "mine now"}, "Default roles cannot be updated"),
    ({"name": "User", "state": "absent"}, "Default roles cannot be deleted"),
])
def test_bad_input_and_refusals(run, sim, args, message):
    n = len(roles(sim))
    res = run("role", **args)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"] and len(roles(sim)) == n


def test_role_in_use_keeps_its_type(run, sim):
    run("role", name="operators", role_type="User")
    sim.ok("createAccount", username="u", password="pw", firstname="a", lastname="b", email="a@b.c", roleid=ops(sim)["id"])
    res = run("role", name="operators", role_type="Admin")
    assert res.failed and "won't allow to change role type" in res["msg"] and ops(sim)["type"] == "User"


def test_faults_leave_no_duplicates(make_simserver):
    sim = make_simserver(faults="5xx=0.2,drop=0.2,seed=61")
    run = runner(sim)
    names = ["r%d" % i for i in range(4)]
    for name in names:
        until_ok(run, "role", name=name, description="one")
    for name in names:
        until_ok(run, "role", name=name, description="two")
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    mine = [r for r in roles(sim) if r["name"] in names]
    assert sorted(r["name"] for r in mine) == names and all(r["description"] == "two" for r in mine)
    assert injected.get("5xx") and injected.get("drop")
