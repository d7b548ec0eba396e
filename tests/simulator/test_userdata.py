"""The userdata family: registerUserData / listUserData / deleteUserData / linkUserDataToTemplate as CloudStack 4.18
(UserDataRegistryServiceImpl, TemplateManagerImpl.linkUserDataToTemplate), and user data passed to a VM by id with a
template's override policy (UserVmManagerImpl.finalizeUserData)."""
import base64

import pytest
from workload_helpers import error_of, make_dc


def b64(text):
    return base64.b64encode(text.encode()).decode()


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def register(s, name, text, **params):
    return s.ok("registerUserData", name=name, userdata=b64(text), **params)["userdata"]


def test_register_answers_the_record_and_list_finds_it(dc):
    s = dc.s
    assert s.ok("listUserData") == {}
    made = register(s, "boot", "#!/bin/sh\necho ${host}\n", params="host, role")
    assert made["name"] == "boot" and made["params"] == "host,role" and made["account"] == "admin"
    assert made["domain"] == "ROOT" and made["accountid"] and made["domainid"]
    assert base64.b64decode(made["userdata"]).decode() == "#!/bin/sh\necho ${host}\n"
    assert "projectid" not in made and "project" not in made  # 4.18's UserDataResponse has no project fields
    assert [o["id"] for o in s.ok("listUserData", name="boot")["userdata"]] == [made["id"]]
    assert s.ok("listUserData", name="BOOT") == {}  # name is an exact (EQ) filter
    assert [o["id"] for o in s.ok("listUserData", keyword="oo")["userdata"]] == [made["id"]]
    assert s.ok("listUserData", id=made["id"])["count"] == 1


def test_register_refuses_same_name_same_content_and_bad_base64(dc):
    s = dc.s
    register(s, "one", "a")
    assert error_of(s, "registerUserData", name="one", userdata=b64("b")) == (431, "A userdata with name one already exists for this account.")
    assert error_of(s, "registerUserData", name="two", userdata=b64("a")) == (431, "Userdata one with same content already exists for this account.")
    assert error_of(s, "registerUserData", name="two", userdata="not base64!") == (431, "User data is not base64 encoded")
    assert error_of(s, "registerUserData", name="two")[0] == 431  # userdata is required
    assert len(s.ok("listUserData")["userdata"]) == 1


def test_owner_account_and_project(dc):
    s = dc.s
    dom = s.ok("listDomains", name="ROOT")["domain"][0]
    s.ok("createAccount", username="u1", password="pw", email="u@x", firstname="u", lastname="u", accounttype=0, account="acc1",
         domainid=dom["id"])
    made = register(s, "theirs", "x", account="acc1", domainid=dom["id"])
    assert made["account"] == "acc1"
    register(s, "theirs", "x")  # the same name and content under another owner is fine
    assert s.ok("listUserData", name="theirs")["count"] == 1  # without listall: the caller's own
    assert s.ok("listUserData", name="theirs", listall="true")["count"] == 2
    assert s.ok("listUserData", name="theirs", account="acc1", domainid=dom["id"])["userdata"][0]["id"] == made["id"]
    assert error_of(s, "registerUserData", name="n", userdata=b64("n"), account="acc1")[1] == "AccountName and domainId must be specified together"
    proj = s.wait(s.ok("createProject", name="p1", displaytext="p1"))["jobresult"]["project"]
    pud = register(s, "inproj", "p", projectid=proj["id"])
    assert "account" not in pud
    assert s.ok("listUserData", name="inproj") == {}
    assert s.ok("listUserData", name="inproj", projectid=proj["id"])["userdata"][0]["id"] == pud["id"]


def test_delete(dc):
    s = dc.s
    made = register(s, "gone", "g")
    assert s.ok("deleteUserData", id=made["id"]) == {"success": True}
    assert s.ok("listUserData") == {}
    status, text = error_of(s, "deleteUserData", id=made["id"])
    assert (status, text) == (431, f"A UserData with id '{made['id']}' does not exist for account admin in specified domain id")


def test_link_to_template_and_unlink(dc):
    s = dc.s
    made = register(s, "tmpl-ud", "t", params="a")
    linked = s.ok("linkUserDataToTemplate", templateid=dc.template["id"], userdataid=made["id"], userdatapolicy="append")["template"]
    assert linked["id"] == dc.template["id"]
    assert (linked["userdataid"], linked["userdataname"], linked["userdataparams"], linked["userdatapolicy"]) == (made["id"], "tmpl-ud", "a", "APPEND")
    listed = s.ok("listTemplates", templatefilter="featured", id=dc.template["id"])["template"][0]
    assert listed["userdataname"] == "tmpl-ud"
    assert error_of(s, "deleteUserData", id=made["id"]) == (530, "Userdata tmpl-ud cannot be removed as it is linked to active template/templates")
    unlinked = s.ok("linkUserDataToTemplate", templateid=dc.template["id"])["template"]
    assert "userdataid" not in unlinked and "userdatapolicy" not in unlinked
    s.ok("deleteUserData", id=made["id"])


def test_link_bad_input(dc):
    s = dc.s
    made = register(s, "l", "l")
    assert error_of(s, "linkUserDataToTemplate", userdataid=made["id"]) == (431, "Either template ID or ISO ID should be passed")
    assert error_of(s, "linkUserDataToTemplate", userdataid=made["id"], templateid=dc.template["id"], isoid=dc.template["id"]) == (
        431, "Both template ID and ISO ID are passed, API is applicable only for one ID")
    status, text = error_of(s, "linkUserDataToTemplate", userdataid=made["id"], templateid=dc.template["id"], userdatapolicy="sometimes")
    assert status == 530 and "UserDataOverridePolicy.SOMETIMES" in text
    assert error_of(s, "linkUserDataToTemplate", userdataid=dc.template["id"], templateid=dc.template["id"])[0] == 431


def test_vm_by_userdataid_with_details_and_delete_refused_while_used(dc):
    s = dc.s
    made = register(s, "vm-ud", "#!/bin/sh\necho ${role}\n", params="role")
    vm = dc.deploy(name="ud1", userdataid=made["id"], **{"userdatadetails[0].role": "web"})
    shown = s.ok("listVirtualMachines", id=vm["id"], userdata="true")["virtualmachine"][0]
    assert (shown["userdataid"], shown["userdataname"], shown["userdatadetails"]) == (made["id"], "vm-ud", "{role=web}")
    assert shown["userdata"] == made["userdata"]
    assert error_of(s, "deleteUserData", id=made["id"]) == (530, "Userdata vm-ud cannot be removed as it is being used by some VMs")
    status, text = error_of(s, "deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=dc.template["id"],
                            name="ud2", userdataid=made["id"], userdata=b64("x"))
    assert status == 431 and text == "Both userdata and userdata ID inputs are not allowed, please provide only one"
    other = register(s, "vm-ud2", "other")
    updated = s.ok("updateVirtualMachine", id=vm["id"], userdataid=other["id"])["virtualmachine"]
    assert updated["userdataname"] == "vm-ud2" and "userdatadetails" not in updated
    s.ok("updateVirtualMachine", id=vm["id"], userdata=b64("plain"))
    plain = s.ok("listVirtualMachines", id=vm["id"], userdata="true")["virtualmachine"][0]
    assert "userdataid" not in plain and base64.b64decode(plain["userdata"]) == b"plain"
    s.ok("deleteUserData", id=made["id"])


@pytest.mark.parametrize("policy,given,expected", [
    ("ALLOWOVERRIDE", None, "T"), ("ALLOWOVERRIDE", "G", "G"), ("APPEND", "G", "TG"), ("APPEND", None, "T"), ("DENYOVERRIDE", None, "T")])
def test_template_policy_decides_the_vm_user_data(dc, policy, given, expected):
    s = dc.s
    linked = register(s, "from-template", "T")
    s.ok("linkUserDataToTemplate", templateid=dc.template["id"], userdataid=linked["id"], userdatapolicy=policy)
    extra = {"userdataid": register(s, "given", given)["id"]} if given else {}
    vm = dc.deploy(name="pol", **extra)
    data = s.ok("getVirtualMachineUserData", virtualmachineid=vm["id"])["virtualmachineuserdata"]["userdata"]
    assert base64.b64decode(data).decode() == expected


def test_deny_override_refuses_user_data(dc):
    s = dc.s
    linked = register(s, "locked", "T")
    s.ok("linkUserDataToTemplate", templateid=dc.template["id"], userdataid=linked["id"], userdatapolicy="DENYOVERRIDE")
    status, text = error_of(s, "deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=dc.template["id"],
                            name="deny", userdata=b64("mine"))
    assert status == 530 and text == f"UserData input is not allowed here since template {dc.template['name']} is configured to deny any userdata"
    assert s.ok("listVirtualMachines", name="deny") == {}
