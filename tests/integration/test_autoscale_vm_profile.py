"""autoscale_vm_profile against the simulator (in process): create, re-run, check mode, --diff, grace period, deploy
parameters, the offering by id, user data never shown, absent, in use, bad input, a failed and a too slow job, faults."""
import base64

import pytest
from autoscale_helpers import ADV, condition, items, lb_setup, policy, sandbox, wait


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def d(sim):
    return lb_setup(sim)


def profiles(sim):
    return items(sim, "listAutoScaleVmProfiles", "autoscalevmprofile", listall="true")


def args(d, **extra):
    return dict(dict(zone=ADV, template=d.template["name"], service_offering="Small Instance"), **extra)


def test_create_rerun_check_diff_update_absent(module, sim, d):
    res = module("autoscale_vm_profile", _check=True, _diff=True, **args(d, user_data="#cloud-config\npassword: s3cret"))
    assert res["changed"] and profiles(sim) == [] and res["diff"]["before"] == {"state": "absent"} and "s3cret" not in res["_stdout"]
    res = module("autoscale_vm_profile", **args(d, user_data="#cloud-config\npassword: s3cret", other_deploy_params={"rootdisksize": 12}))
    (p,) = profiles(sim)
    assert res["changed"] and res["id"] == p["id"] and "s3cret" not in res["_stdout"] and "user_data" not in res
    assert base64.b64decode(p["userdata"]).decode() == "#cloud-config\npassword: s3cret"
    assert (res["expunge_vm_grace_period"], res["other_deploy_params"], res["service_offering"]) == (120, {"rootdisksize": "12"}, "Small Instance")
    res = module("autoscale_vm_profile", _diff=True, **args(d, other_deploy_params={"rootdisksize": "12"}))
    assert not res["changed"] and res["diff"] == {"before": {}, "after": {}}
    res = module("autoscale_vm_profile", _check=True, _diff=True, **args(d, expunge_vm_grace_period=30))
    assert res["changed"] and res["expunge_vm_grace_period"] == 120 and res["diff"]["after"]["expunge_vm_grace_period"] == 30
    res = module("autoscale_vm_profile", **args(d, expunge_vm_grace_period=30, other_deploy_params={"rootdisksize": 20}))
    assert res["changed"] and (res["expunge_vm_grace_period"], res["other_deploy_params"]) == (30, {"rootdisksize": "20"})
    # another offering is another profile; with id the offering changes
    res = module("autoscale_vm_profile", id=p["id"], **args(d, service_offering="Medium Instance"))
    assert res["changed"] and res["id"] == p["id"] and res["service_offering"] == "Medium Instance"
    assert [x["serviceofferingid"] for x in profiles(sim)] == [d.s.ok("listServiceOfferings", name="Medium Instance")["serviceoffering"][0]["id"]]
    res = module("autoscale_vm_profile", _check=True, state="absent", **args(d, service_offering="Medium Instance"))
    assert res["changed"] and len(profiles(sim)) == 1
    assert module("autoscale_vm_profile", state="absent", **args(d, service_offering="Medium Instance"))["changed"]
    assert profiles(sim) == []
    assert not module("autoscale_vm_profile", state="absent", **args(d, service_offering="Medium Instance"))["changed"]


def test_bad_input_and_in_use(module, sim, d):
    res = module("autoscale_vm_profile", **args(d, template="nope"))
    assert res.failed and "nope" in res["msg"] and "template" in res["msg"]
    res = module("autoscale_vm_profile", **args(d, expunge_vm_grace_period=-1))
    assert res.failed and "Expunge Vm Grace Period cannot be less than 0." in res["msg"]
    res = module("autoscale_vm_profile", **args(d, other_deploy_params={"hostid": "x"}))
    assert res.failed and "Unsupported otherdeployparams key: hostid" in res["msg"]
    assert profiles(sim) == []
    prof = module("autoscale_vm_profile", **args(d))
    up = policy(sim, "up", "scaleup", [condition(sim, d, "GT", 80)])
    down = policy(sim, "down", "scaledown", [condition(sim, d, "LT", 10)])
    wait(sim, sim.ok("createAutoScaleVmGroup", lbruleid=d.rule["id"], minmembers=1, maxmembers=2, scaleuppolicyids=up["id"],
                     scaledownpolicyids=down["id"], vmprofileid=prof["id"], name="g"))
    res = module("autoscale_vm_profile", state="absent", **args(d))
    assert res.failed and "Cannot delete AutoScale Vm Profile when it is in use by one more vm groups" in res["msg"]
    res = module("autoscale_vm_profile", **args(d, expunge_vm_grace_period=10))  # the group is enabled
    assert res.failed and "can be updated only if the Vm Group it is associated with is disabled" in res["msg"]
    assert profiles(sim)[0]["expungevmgraceperiod"] == 120


def test_failed_job_and_timeout(module, sim, d):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createAutoScaleVmProfile")
    res = module("autoscale_vm_profile", **args(d))
    assert res.failed and "createAutoScaleVmProfile" in res["msg"]
    sim.sim.faults.set("")
    assert not module("autoscale_vm_profile", **args(d)).failed
    sim.sim.job_seconds = 3
    res = module("autoscale_vm_profile", api_async_timeout=1, **args(d, expunge_vm_grace_period=10))
    assert res.failed and "updateAutoScaleVmProfile" in res["msg"]
    sim.sim.job_seconds = 0.02
    assert len(profiles(sim)) == 1


def test_faults_leave_no_duplicates(module, sim, d):
    offerings = ["Small Instance", "Medium Instance"]
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=11")
    for _ in range(3):
        for off in offerings:
            module("autoscale_vm_profile", **args(d, service_offering=off))
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for off in offerings:
        assert not module("autoscale_vm_profile", **args(d, service_offering=off)).failed
    assert len(profiles(sim)) == 2
