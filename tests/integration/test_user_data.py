"""user_data against the simulator (in process): register, re-run, check mode, --diff (content as SHA-256), a differing
record left alone with ngine_io's warning, owners, templates linked with a policy, absent, bad input, a record in use,
faults; an instance deployed and updated with user_data_name / user_data_details."""
import base64
import hashlib

import pytest
from guest_helpers import ADV, Dc, sandbox

SCRIPT = "#!/bin/sh\necho ${hostname} >/etc/hostname\n"


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    return Dc(sim)


def records(sim, **filters):
    return sim.ok("listUserData", listall="true", **filters).get("userdata", [])


def sha(text):
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def test_create_rerun_check_diff_absent(module, sim):
    args = dict(name="boot", user_data=SCRIPT, params=["hostname"])
    res = module("user_data", _check=True, _diff=True, **args)
    assert res["changed"] and not res.failed and records(sim) == []
    assert res["diff"] == {"before": {"state": "absent"},
                           "after": {"name": "boot", "state": "present", "user_data": sha(SCRIPT), "params": ["hostname"]}}
    assert "id" not in res and SCRIPT not in str(res["diff"])
    res = module("user_data", _diff=True, **args)
    assert res["changed"] and not res.failed, res.get("msg")
    (rec,) = records(sim)
    assert res["id"] == rec["id"] and base64.b64decode(rec["userdata"]).decode() == SCRIPT and rec["params"] == "hostname"
    assert (res["name"], res["user_data"], res["params"], res["account"], res["domain"]) == ("boot", SCRIPT, ["hostname"], "admin", "ROOT")
    for kwargs in ({}, {"_check": True}):
        again = module("user_data", _diff=True, **kwargs, **args)
        assert again["changed"] is False and not again.failed and again["diff"] == {"before": {}, "after": {}}
        assert not again.get("warnings")
    # the alias userdata, params in another order: the same record
    assert module("user_data", name="boot", userdata=SCRIPT, params=["hostname"])["changed"] is False
    res = module("user_data", _check=True, _diff=True, name="boot", state="absent")
    assert res["changed"] and len(records(sim)) == 1 and res["diff"]["after"] == {"state": "absent"}
    res = module("user_data", name="boot", state="absent")
    assert res["changed"] and res["id"] == rec["id"] and records(sim) == []
    assert module("user_data", name="boot", state="absent")["changed"] is False


def test_a_differing_record_is_left_with_a_warning(module, sim):
    module("user_data", name="boot", user_data=SCRIPT, params=["hostname"])
    for changed in (dict(user_data="#cloud-config\n"), dict(user_data=SCRIPT, params=["hostname", "role"])):
        res = module("user_data", _diff=True, name="boot", **changed)
        assert res["changed"] is False and not res.failed
        assert any("User data 'boot' already exists but differs from the requested values" in w for w in res["warnings"]), res["warnings"]
        assert "#cloud-config" not in " ".join(res["warnings"])
    assert base64.b64decode(records(sim)[0]["userdata"]).decode() == SCRIPT


def test_owners(module, sim):
    dom = sim.ok("createDomain", name="customers")["domain"]
    sim.ok("createAccount", account="acme-ops", accounttype=0, username="acme-admin", password="pw", firstname="a", lastname="b",
           email="a@b.c", domainid=dom["id"])
    res = module("user_data", name="boot", user_data=SCRIPT, account="acme-ops", domain="customers")
    assert res["changed"] and res["account"] == "acme-ops" and res["domain"] == "customers"
    assert records(sim, account="acme-ops", domainid=dom["id"])[0]["id"] == res["id"]
    # the caller's own record of the same name and content is another record
    mine = module("user_data", name="boot", user_data=SCRIPT)
    assert mine["changed"] and mine["id"] != res["id"], (mine, res)
    assert len(records(sim)) == 2
    assert module("user_data", name="boot", user_data=SCRIPT, account="acme-ops", domain="customers")["changed"] is False
    assert module("user_data", name="boot", account="acme-ops", domain="customers", state="absent")["changed"]
    assert [r["id"] for r in records(sim)] == [mine["id"]]
    # a project's record
    proj = module("project", name="p1")
    assert not proj.failed, proj.get("msg")
    res = module("user_data", name="inproj", user_data="p", project="p1")
    assert res["changed"] and not res.failed, res.get("msg")
    assert module("user_data", name="inproj", user_data="p", project="p1")["changed"] is False
    # an owner that does not exist: absent is no change
    assert module("user_data", name="boot", account="nobody", domain="customers", state="absent")["changed"] is False


def test_bad_input_changes_nothing(module, sim):
    res = module("user_data", name="boot")
    assert res.failed and "user_data" in res["msg"] and "state is present" in res["msg"]
    res = module("user_data", name="boot", user_data="x", domain="no/such/domain")
    assert res.failed and "no/such/domain" in res["msg"] and "domain" in res["msg"]
    res = module("user_data", name="boot", user_data="x", user_data_policy="sometimes")
    assert res.failed and "user_data_policy" in res["msg"] and "sometimes" in res["msg"]
    res = module("user_data", name="boot", user_data="x", templates=["No such template"])
    assert res.failed and "No such template" in res["msg"] and "templates" in res["msg"]
    assert records(sim) == []
    # CloudStack refuses the same content under a second name for the owner: its error, nothing made
    module("user_data", name="one", user_data="same")
    res = module("user_data", name="two", user_data="same")
    assert res.failed and "Userdata one with same content already exists for this account." in res["msg"]
    assert [r["name"] for r in records(sim)] == ["one"]


def test_templates_linked_with_a_policy(module, sim, dc):
    name = dc.template["name"]
    args = dict(name="boot", user_data=SCRIPT, templates=[name], user_data_policy="append")
    res = module("user_data", _check=True, _diff=True, **args)
    assert res["changed"] and records(sim) == []
    assert res["diff"]["after"]["templates"] == {name: {"user_data": "boot", "policy": "APPEND"}}
    res = module("user_data", **args)
    assert res["changed"] and not res.failed, res.get("msg")
    tmpl = sim.ok("listTemplates", templatefilter="all", id=dc.template["id"])["template"][0]
    assert (tmpl["userdataname"], tmpl["userdatapolicy"]) == ("boot", "APPEND")
    assert module("user_data", **args)["changed"] is False
    res = module("user_data", _diff=True, **dict(args, user_data_policy="denyoverride"))
    assert res["changed"] and res["diff"]["before"]["templates"][name]["policy"] == "APPEND"
    assert sim.ok("listTemplates", templatefilter="all", id=dc.template["id"])["template"][0]["userdatapolicy"] == "DENYOVERRIDE"
    # a second template (by id) and the first again: only the second is linked
    second = module("template", name="deb12", url="http://images.example.com/deb12.qcow2", hypervisor="Simulator", format="QCOW2",
                    os_type="CentOS 5.6 (64-bit)", zone=ADV)
    assert not second.failed, second.get("msg")
    res = module("user_data", _diff=True, **dict(args, templates=[name, second["id"]], user_data_policy="denyoverride"))
    assert res["changed"] and list(res["diff"]["after"]["templates"]) == ["deb12"]
    assert res["diff"]["before"]["templates"]["deb12"] == {"user_data": None, "policy": None}
    assert module("user_data", **dict(args, templates=[name, "deb12"], user_data_policy="denyoverride"))["changed"] is False
    # linked: CloudStack refuses to delete it, the task fails with its error and the record stays
    res = module("user_data", name="boot", state="absent")
    assert res.failed and "cannot be removed as it is linked to active template/templates" in res["msg"]
    assert len(records(sim)) == 1


def test_instance_by_user_data_name_and_details(module, sim, dc):
    module("user_data", name="boot", user_data=SCRIPT, params=["hostname"])
    args = dict(name="web-01", zone=ADV, template=dc.template["name"], service_offering="Small Instance",
                user_data_name="boot", user_data_details={"hostname": "web-01"})
    res = module("instance", **args)
    assert res["changed"] and not res.failed, res.get("msg")
    assert res["user_data_name"] == "boot" and res["user_data_details"] == {"hostname": "web-01"} and SCRIPT not in str(res)
    vm = sim.ok("listVirtualMachines", name="web-01", userdata="true")["virtualmachine"][0]
    assert (vm["userdataname"], vm["userdatadetails"]) == ("boot", "{hostname=web-01}")
    assert base64.b64decode(vm["userdata"]).decode() == SCRIPT
    assert module("instance", **args)["changed"] is False
    # other details, then another record: updateVirtualMachine on the running instance (as user_data, no stop needed)
    res = module("instance", _diff=True, **dict(args, user_data_details={"hostname": "web-1"}))
    assert res["changed"] and res["diff"]["after"]["user_data_details"] == {"hostname": "web-1"}
    assert res["user_data_details"] == {"hostname": "web-1"}
    module("user_data", name="boot2", user_data="#cloud-config\n")
    res = module("instance", _check=True, _diff=True, **dict(args, user_data_name="boot2"))
    assert res["changed"] and res["diff"]["after"]["user_data_name"] == "boot2"
    assert sim.ok("listVirtualMachines", name="web-01")["virtualmachine"][0]["userdataname"] == "boot"
    res = module("instance", **dict(args, user_data_name="boot2"))
    assert res["changed"] and not res.failed, res.get("msg")
    vm = sim.ok("listVirtualMachines", name="web-01")["virtualmachine"][0]
    assert vm["userdataname"] == "boot2" and vm["state"] == "Running"
    assert module("instance", **dict(args, user_data_name="boot2"))["changed"] is False
    # a record in use cannot be removed: CloudStack's error
    res = module("user_data", name="boot2", state="absent")
    assert res.failed and "cannot be removed as it is being used by some VMs" in res["msg"]
    res = module("instance", **dict(args, user_data_name="nope"))
    assert res.failed and "nope" in res["msg"] and "user_data_name" in res["msg"]


def test_faults_leave_no_duplicates(module, sim):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=3")
    for i in range(6):
        module("user_data", name="ud%d" % i, user_data="content %d" % i)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for i in range(6):
        res = module("user_data", name="ud%d" % i, user_data="content %d" % i)
        assert not res.failed and not res.get("warnings"), res.get("msg")
    assert sorted(r["name"] for r in records(sim)) == ["ud%d" % i for i in range(6)]


def test_instance_with_user_data_name_failed_job_and_timeout(module, sim, dc):
    module("user_data", name="boot", user_data=SCRIPT, params=["hostname"])
    args = dict(name="web-02", zone=ADV, template=dc.template["name"], service_offering="Small Instance", user_data_name="boot")
    sim.sim.faults.set("jobfail=1.0,seed=1,only=deployVirtualMachine")
    res = module("instance", **args)
    assert res.failed and "deployVirtualMachine" in res["msg"]
    sim.sim.faults.set("")
    # the instance whose deploy failed is in Error (as CloudStack leaves it): expunged, then deployed again
    assert module("instance", **dict(args, state="expunged"))["changed"]
    res = module("instance", **args)
    assert not res.failed, res.get("msg")
    assert sim.ok("listVirtualMachines", name="web-02")["virtualmachine"][0]["userdataname"] == "boot"
    module("user_data", name="boot2", user_data="#cloud-config\n")
    sim.sim.job_seconds = 3
    res = module("instance", api_async_timeout=1, **dict(args, user_data_name="boot2", state="stopped"))
    assert res.failed and "stopVirtualMachine" in res["msg"]
    sim.sim.job_seconds = 0.02
