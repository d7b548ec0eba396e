"""autoscale_vm_group against the simulator (in process): create, re-run, check mode, --diff, each updatable option
(an enabled group is disabled for the update and enabled again), enabled/disabled, absent with and without cleanup,
bad input, a failed and a too slow job, faults; the group's members come and go by the simulator's scale loop."""
import pytest
from autoscale_helpers import ADV, condition, items, lb_setup, policy, profile, sandbox, wait
from cloudstack_simulator.resources.autoscale import model_scale


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def d(sim):
    d = lb_setup(sim)
    d.up = policy(sim, "up", "scaleup", [condition(sim, d, "GT", 80)])
    d.up2 = policy(sim, "up2", "scaleup", [condition(sim, d, "GE", 95)], duration=120)
    d.down = policy(sim, "down", "scaledown", [condition(sim, d, "LT", 20)])
    d.prof = profile(sim, d)
    return d


def groups(sim):
    return items(sim, "listAutoScaleVmGroups", "autoscalevmgroup", listall="true")


def args(d, **extra):
    base = dict(name="web", lb_rule="web", ip_address=d.ip["ipaddress"], zone=ADV, vm_profile=d.prof["id"], min_members=1, max_members=3,
                scale_up_policies=["up"], scale_down_policies=["down"])
    return dict(base, **extra)


def members(sim):
    sim.sim.wait_jobs()
    return sorted(v["name"] for v in items(sim, "listVirtualMachines", "virtualmachine", listall="true") if v["name"].startswith("autoScaleVm-"))


def test_create_rerun_check_diff_update_states_absent(module, sim, d):
    res = module("autoscale_vm_group", _check=True, _diff=True, **args(d))
    assert res["changed"] and groups(sim) == [] and res["diff"]["before"] == {"state": "absent"} and res["diff"]["after"]["max_members"] == 3
    res = module("autoscale_vm_group", **args(d))
    (g,) = groups(sim)
    assert res["changed"] and res["id"] == g["id"] and res["state"] == "ENABLED" and res["lb_rule_id"] == d.rule["id"]
    assert (res["min_members"], res["max_members"], res["interval"], res["scale_up_policies"]) == (1, 3, 30, [d.up["id"]])
    res = module("autoscale_vm_group", _diff=True, **args(d))
    assert not res["changed"] and res["diff"] == {"before": {}, "after": {}}
    assert not module("autoscale_vm_group", name="web", scale_up_policies=[d.up["id"]])["changed"]  # by id
    # an update of an enabled group: check mode changes nothing; the run disables, updates, enables again
    res = module("autoscale_vm_group", _check=True, _diff=True, name="web", max_members=5)
    assert res["changed"] and res["max_members"] == 3 and res["diff"]["after"]["max_members"] == 5 and groups(sim)[0]["maxmembers"] == 3
    res = module("autoscale_vm_group", name="web", max_members=5, min_members=2, interval=60, scale_up_policies=["up", "up2"])
    assert res["changed"] and res["state"] == "ENABLED" and (res["min_members"], res["max_members"], res["interval"]) == (2, 5, 60)
    assert sorted(res["scale_up_policies"]) == sorted([d.up["id"], d.up2["id"]])
    assert not module("autoscale_vm_group", name="web", max_members=5, interval=60, scale_up_policies=["up2", "up"])["changed"]
    # states
    res = module("autoscale_vm_group", _check=True, _diff=True, name="web", state="disabled")
    assert res["changed"] and res["diff"] == {"before": {"state": "enabled"}, "after": {"state": "disabled"}} and groups(sim)[0]["state"] == "ENABLED"
    assert module("autoscale_vm_group", name="web", state="disabled")["state"] == "DISABLED"
    assert not module("autoscale_vm_group", name="web", state="disabled")["changed"]
    res = module("autoscale_vm_group", name="web", state="disabled", max_members=4)  # stays disabled
    assert res["changed"] and (res["state"], res["max_members"]) == ("DISABLED", 4)
    assert not module("autoscale_vm_group", name="web")["changed"]  # present leaves it disabled
    assert module("autoscale_vm_group", name="web", state="enabled")["state"] == "ENABLED"
    # absent: the group's VMs (brought to min_members by the loop) block the delete without cleanup
    model_scale.evaluate(sim.sim)
    assert members(sim) == ["autoScaleVm-web-1", "autoScaleVm-web-2"]
    res = module("autoscale_vm_group", _check=True, _diff=True, name="web", state="absent")
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(groups(sim)) == 1
    res = module("autoscale_vm_group", name="web", state="absent")
    assert res.failed and "because there are 2 VMs. Please remove the VMs or pass cleanup=true flag" in res["msg"]
    assert groups(sim)[0]["state"] == "DISABLED"  # disabled first
    assert module("autoscale_vm_group", name="web", state="absent", cleanup=True)["changed"]
    assert groups(sim) == [] and members(sim) == []
    assert not module("autoscale_vm_group", name="web", state="absent")["changed"]


def test_create_disabled(module, sim, d):
    res = module("autoscale_vm_group", _diff=True, state="disabled", **args(d))
    assert res["changed"] and res["state"] == "DISABLED" and res["diff"]["after"]["state"] == "disabled"
    model_scale.evaluate(sim.sim)
    assert members(sim) == []  # a disabled group does not scale
    assert module("autoscale_vm_group", name="web", state="absent")["changed"]


def test_bad_input(module, sim, d):
    res = module("autoscale_vm_group", **args(d, min_members=4, max_members=2))
    assert res.failed and "minmembers (4)cannot be greater than maxmembers (2)" in res["msg"] and res["cloudstack_errorcode"] == 431
    res = module("autoscale_vm_group", **args(d, lb_rule="nope"))
    assert res.failed and "lb_rule" in res["msg"] and "nope" in res["msg"]
    res = module("autoscale_vm_group", _check=True, **args(d, lb_rule="nope"))  # it may come from an earlier task of the run
    assert res["changed"] and not res.failed and "nope" in " ".join(res["warnings"])
    res = module("autoscale_vm_group", **args(d, lb_rule=None))
    assert res.failed and res["msg"] == "missing required arguments: lb_rule"
    res = module("autoscale_vm_group", **args(d, scale_up_policies=["nope"]))
    assert res.failed and "nope" in res["msg"] and "scale_up_policies" in res["msg"]
    res = module("autoscale_vm_group", **args(d, scale_up_policies=["down"]))
    assert res.failed and "Only scaleup policies can be specified in scaleuppolicyids" in res["msg"]
    res = module("autoscale_vm_group", **args(d, name="bad name"))
    assert res.failed and "Invalid name" in res["msg"]
    res = module("autoscale_vm_group", name="web", min_members=1)
    assert res.failed and "missing required arguments" in res["msg"] and "max_members" in res["msg"]
    assert groups(sim) == []
    module("autoscale_vm_group", **args(d))
    res = module("autoscale_vm_group", name="web", interval=90)  # longer than the policies' duration
    assert res.failed and "duration : 60 specified in a policy cannot be less than vm group's interval : 90" in res["msg"]
    assert (groups(sim)[0]["interval"], groups(sim)[0]["state"]) == (30, "ENABLED")  # enabled again after the refusal


def test_failed_job_and_timeout(module, sim, d):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createAutoScaleVmGroup")
    res = module("autoscale_vm_group", **args(d))
    assert res.failed and "createAutoScaleVmGroup" in res["msg"]
    sim.sim.faults.set("")
    assert groups(sim)[0]["state"] == "NEW"  # as CloudStack: the group stays NEW when its job fails; a re-run enables it
    res = module("autoscale_vm_group", state="enabled", **args(d))
    assert res.failed and "Only a AutoScale Vm Group which is in Disabled state can be enabled." in res["msg"]
    assert module("autoscale_vm_group", name="web", state="absent")["changed"]  # a NEW group is deleted at once
    assert not module("autoscale_vm_group", **args(d)).failed
    sim.sim.job_seconds = 3
    res = module("autoscale_vm_group", name="web", state="disabled", api_async_timeout=1)
    assert res.failed and "disableAutoScaleVmGroup" in res["msg"]
    sim.sim.job_seconds = 0.02
    assert len(groups(sim)) == 1


def test_faults_leave_no_duplicates(module, sim, d):
    rules = []
    for n in range(3):
        ip = d.public_ip(d.net)
        wait(sim, sim.ok("createLoadBalancerRule", publicipid=ip["id"], name="r%d" % n, algorithm="roundrobin", publicport=80, privateport=80))
        rules.append(("g%d" % n, "r%d" % n, ip["ipaddress"]))
    sim.sim.faults.set("5xx=0.15,drop=0.15,seed=13")
    for name, rule, ip in rules:
        module("autoscale_vm_group", **args(d, name=name, lb_rule=rule, ip_address=ip))
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for name, rule, ip in rules:
        assert not module("autoscale_vm_group", **args(d, name=name, lb_rule=rule, ip_address=ip)).failed
    assert sorted(g["name"] for g in groups(sim)) == ["g0", "g1", "g2"]
