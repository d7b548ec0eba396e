"""Instance groups (compute family): createInstanceGroup, updateInstanceGroup, deleteInstanceGroup, listInstanceGroups,
and the group option of deployVirtualMachine / updateVirtualMachine using the same groups."""
import pytest
from workload_helpers import As, error_of, keys_for, make_dc, new_account


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def groups(dc, **params):
    return dc.s.ok("listInstanceGroups", **params).get("instancegroup", [])


def test_create_update_delete(dc):
    grp = dc.s.ok("createInstanceGroup", name="web")["instancegroup"]
    assert grp["name"] == "web" and grp["account"] == "admin" and grp["domain"] == "ROOT" and grp["created"]
    assert [g["id"] for g in groups(dc, name="web")] == [grp["id"]]
    status, text = error_of(dc.s, "createInstanceGroup", name="WEB")
    assert status == 431 and text.startswith("Unable to create vm group, a group with name WEB already exists for account")
    vm = dc.deploy(name="web-01", group="web")
    assert vm["groupid"] == grp["id"] and len(groups(dc)) == 1  # the deploy found the group, made none
    other = dc.s.ok("createInstanceGroup", name="db")["instancegroup"]
    status, text = error_of(dc.s, "updateInstanceGroup", id=grp["id"], name="db")
    assert status == 431 and text.startswith("Unable to update vm group, a group with name db already exists")
    renamed = dc.s.ok("updateInstanceGroup", id=grp["id"], name="frontend")["instancegroup"]
    assert renamed["name"] == "frontend" and renamed["id"] == grp["id"]
    assert dc.vm(vm["id"])["group"] == "frontend"
    assert dc.s.ok("deleteInstanceGroup", id=grp["id"])["success"] is True
    assert "group" not in dc.vm(vm["id"]) and "groupid" not in dc.vm(vm["id"])
    assert [g["id"] for g in groups(dc)] == [other["id"]]
    status, text = error_of(dc.s, "deleteInstanceGroup", id=grp["id"])
    assert status == 431 and "id" in text


def test_owner_and_access(dc):
    alice = new_account(dc.s, "alice")
    grp = dc.s.ok("createInstanceGroup", name="web", account="alice", domainid=alice["domainid"])["instancegroup"]
    assert grp["account"] == "alice"
    assert dc.s.ok("createInstanceGroup", name="web")["instancegroup"]["account"] == "admin"  # per account
    bob = As(dc.s, keys_for(dc.s, new_account(dc.s, "bob")))
    status, _ = bob.call("deleteInstanceGroup", id=grp["id"])
    assert status == 531
    assert bob.ok("listInstanceGroups") == {}
    as_alice = As(dc.s, keys_for(dc.s, alice))
    assert [g["id"] for g in as_alice.ok("listInstanceGroups")["instancegroup"]] == [grp["id"]]
    status, _ = dc.s.call("createInstanceGroup")
    assert status == 431
