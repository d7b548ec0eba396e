"""The autoscale family: counters (4.18's seed), conditions, policies, VM profiles, VM groups on a load balancer rule,
their validations and in-use refusals, and the load-driven scale loop (set_counter_value + evaluate)."""
import pytest
from cloudstack_simulator.resources.autoscale import model_scale
from workload_helpers import error_of, job_error, job_result, make_dc

VR_CPU = "VM CPU - average percentage"


def job_fails(s, command, **params):
    """An async command whose job fails: (errorcode, errortext)."""
    res = job_error(s, command, **params)["jobresult"]
    return res["errorcode"], res["errortext"]


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def _counter(dc, name=VR_CPU, provider="VirtualRouter"):
    return next(c for c in dc.s.ok("listCounters", provider=provider)["counter"] if c["name"] == name)


@pytest.fixture
def setup(dc):
    """A network with an LB rule, a profile, a scale-up (CPU > 80 for 60 s) and a scale-down policy (CPU < 20 for 60 s)."""
    net = dc.network("asnet")
    ip = job_result(dc.s, "associateIpAddress", networkid=net["id"])["ipaddress"]
    rule = job_result(dc.s, "createLoadBalancerRule", publicipid=ip["id"], name="web", algorithm="roundrobin", publicport=80,
                      privateport=8080)["loadbalancer"]
    cpu = _counter(dc)
    up_c = job_result(dc.s, "createCondition", counterid=cpu["id"], relationaloperator="GT", threshold=80)["condition"]
    down_c = job_result(dc.s, "createCondition", counterid=cpu["id"], relationaloperator="LT", threshold=20)["condition"]
    up = job_result(dc.s, "createAutoScalePolicy", action="ScaleUp", duration=60, quiettime=60, conditionids=up_c["id"], name="up")["autoscalepolicy"]
    down = job_result(dc.s, "createAutoScalePolicy", action="scaledown", duration=60, quiettime=60, conditionids=down_c["id"],
                      name="down")["autoscalepolicy"]
    prof = job_result(dc.s, "createAutoScaleVmProfile", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"],
                      templateid=dc.template["id"])["autoscalevmprofile"]
    return dict(net=net, ip=ip, rule=rule, cpu=cpu, up_c=up_c, down_c=down_c, up=up, down=down, prof=prof)


def _group(dc, su, **extra):
    params = dict(lbruleid=su["rule"]["id"], minmembers=1, maxmembers=3, scaleuppolicyids=su["up"]["id"],
                  scaledownpolicyids=su["down"]["id"], vmprofileid=su["prof"]["id"], name="webgroup", interval=30)
    params.update(extra)
    return job_result(dc.s, "createAutoScaleVmGroup", **params)["autoscalevmgroup"]


def test_seed_counters(dc):
    counters = dc.s.ok("listCounters")["counter"]
    names = {(c["provider"], c["name"]) for c in counters}
    assert ("Netscaler", "Linux User CPU - percentage") in names and ("VirtualRouter", "Load Balancer - average connections per vm") in names
    assert len(counters) == 16 and set(counters[0]) == {"id", "name", "source", "value", "provider"}
    assert {c["source"] for c in dc.s.ok("listCounters", provider="virtualrouter")["counter"]} == {"cpu", "memory", "virtualrouter"}
    assert error_of(dc.s, "listCounters", provider="Nope") == (431, "The Provider Nope does not exist; Unable to list Counter")


def test_counter_create_delete_in_use(dc):
    c = job_result(dc.s, "createCounter", name="snmp1", source="SNMP", provider="Netscaler", value="1.2.3")["counter"]
    assert (c["name"], c["source"], c["provider"], c["value"]) == ("snmp1", "snmp", "Netscaler", "1.2.3")
    status, text = error_of(dc.s, "createCounter", name="again", source="snmp", provider="netscaler", value="1.2.3")
    assert status == 530 and "already exists" in text  # the counter table's unique key (provider, source, value)
    assert error_of(dc.s, "createCounter", name="x", source="disk", provider="Netscaler", value="1") == \
        (431, "The Source disk does not exist; Unable to create Counter")
    assert error_of(dc.s, "createCounter", name="x", source="cpu", provider="Nope", value="1") == \
        (431, "The Provider Nope does not exist; Unable to create Counter")
    cond = job_result(dc.s, "createCondition", counterid=c["id"], relationaloperator="GE", threshold=5)["condition"]
    assert job_fails(dc.s, "deleteCounter", id=c["id"]) == (536, "Counter is in use.")
    job_result(dc.s, "deleteCondition", id=cond["id"])
    job_result(dc.s, "deleteCounter", id=c["id"])
    assert dc.s.ok("listCounters", id=c["id"]) == {}


def test_condition_validation_and_view(dc):
    cpu = _counter(dc)
    assert error_of(dc.s, "createCondition", counterid=cpu["id"], relationaloperator="NE", threshold=1) == \
        (431, "The Operator NE does not exist; Unable to create Condition.")
    assert error_of(dc.s, "createCondition", counterid=cpu["id"], relationaloperator="GT", threshold=-1) == \
        (431, "The threshold -1 must be equal to or greater than 0.")
    cond = job_result(dc.s, "createCondition", counterid=cpu["id"], relationaloperator="gt", threshold=70)["condition"]
    assert (cond["relationaloperator"], cond["threshold"], cond["countername"], cond["account"]) == ("GT", 70, VR_CPU, "admin")
    assert cond["counter"][0]["id"] == cpu["id"]
    job_result(dc.s, "updateCondition", id=cond["id"], relationaloperator="GE", threshold=75)
    listed = dc.s.ok("listConditions", id=cond["id"])["condition"][0]
    assert (listed["relationaloperator"], listed["threshold"]) == ("GE", 75)


def test_policy_validation(dc, setup):
    su = setup
    assert error_of(dc.s, "createAutoScalePolicy", action="grow", duration=60, conditionids=su["up_c"]["id"]) == \
        (431, "action is invalid. Supported actions are: [SCALEUP, SCALEDOWN]")
    assert error_of(dc.s, "createAutoScalePolicy", action="scaleup", duration=-1, conditionids=su["up_c"]["id"]) == \
        (431, "duration is an invalid value: -1")
    assert error_of(dc.s, "createAutoScalePolicy", action="scaleup", duration=60, conditionids=f"{su['up_c']['id']},{su['down_c']['id']}")[1] \
        .startswith("at least two conditions in the conditionids have the same counter")
    pol = su["up"]
    assert (pol["action"], pol["duration"], pol["quiettime"], [c["id"] for c in pol["conditions"]]) == ("SCALEUP", 60, 60, [su["up_c"]["id"]])
    dflt = job_result(dc.s, "createAutoScalePolicy", action="scaleup", duration=60, conditionids=su["up_c"]["id"])["autoscalepolicy"]
    assert dflt["quiettime"] == 300
    assert job_fails(dc.s, "deleteCondition", id=su["up_c"]["id"]) == (536, "Cannot delete Condition when it is in use by one or more AutoScale Policies.")
    upd = job_result(dc.s, "updateAutoScalePolicy", id=dflt["id"], duration=120, name="renamed")["autoscalepolicy"]
    assert (upd["duration"], upd["name"]) == (120, "renamed")


def test_profile_validation(dc, setup):
    base = dict(zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=dc.template["id"])
    assert error_of(dc.s, "createAutoScaleVmProfile", **{**base, "expungevmgraceperiod": -1}) == (431, "Expunge Vm Grace Period cannot be less than 0.")
    status, text = error_of(dc.s, "createAutoScaleVmProfile", **base, **{"otherdeployparams[0].name": "hostid", "otherdeployparams[0].value": "x"})
    assert status == 431 and text.startswith("Unsupported otherdeployparams key: hostid.")
    prof = job_result(dc.s, "createAutoScaleVmProfile", **base, expungevmgraceperiod=30,
                      **{"otherdeployparams[0].name": "rootdisksize", "otherdeployparams[0].value": "12"})["autoscalevmprofile"]
    assert (prof["expungevmgraceperiod"], prof["otherdeployparams"], prof["zoneid"]) == (30, {"rootdisksize": "12"}, dc.adv["id"])
    assert setup["prof"]["expungevmgraceperiod"] == 120
    upd = job_result(dc.s, "updateAutoScaleVmProfile", id=prof["id"], serviceofferingid=dc.medium["id"])["autoscalevmprofile"]
    assert upd["serviceofferingid"] == dc.medium["id"]


def test_group_validation(dc, setup):
    su = setup
    base = dict(lbruleid=su["rule"]["id"], scaleuppolicyids=su["up"]["id"], scaledownpolicyids=su["down"]["id"], vmprofileid=su["prof"]["id"])
    assert error_of(dc.s, "createAutoScaleVmGroup", minmembers=3, maxmembers=2, **base) == (431, "minmembers (3)cannot be greater than maxmembers (2)")
    assert error_of(dc.s, "createAutoScaleVmGroup", minmembers=0, maxmembers=2, **base) == (431, "minmembers is an invalid value: 0")
    assert error_of(dc.s, "createAutoScaleVmGroup", minmembers=1, maxmembers=2, interval=90, **base) == \
        (431, "duration : 60 specified in a policy cannot be less than vm group's interval : 90")
    swapped = {**base, "scaleuppolicyids": su["down"]["id"]}
    assert error_of(dc.s, "createAutoScaleVmGroup", minmembers=1, maxmembers=2, **swapped) == \
        (431, "Only scaleup policies can be specified in scaleuppolicyids")
    nscpu = _counter(dc, "Linux User CPU - percentage", "Netscaler")
    ns_c = job_result(dc.s, "createCondition", counterid=nscpu["id"], relationaloperator="GT", threshold=1)["condition"]
    ns_up = job_result(dc.s, "createAutoScalePolicy", action="scaleup", duration=60, conditionids=ns_c["id"])["autoscalepolicy"]
    assert error_of(dc.s, "createAutoScaleVmGroup", minmembers=1, maxmembers=2, **{**base, "scaleuppolicyids": ns_up["id"]}) == \
        (431, "AutoScale counter with source='snmp' is not supported in the network")
    g = _group(dc, su)
    assert (g["state"], g["minmembers"], g["maxmembers"], g["lbprovider"], g["publicip"]) == ("ENABLED", 1, 3, "VirtualRouter", su["ip"]["ipaddress"])
    assert [p["id"] for p in g["scaleuppolicies"]] == [su["up"]["id"]]
    assert error_of(dc.s, "createAutoScaleVmGroup", minmembers=1, maxmembers=2, **base)[1] == \
        "an AutoScaleVmGroup is already attached to the lb rule, the existing vm group has to be first deleted"
    # in use, enabled: refusals inside the jobs
    assert job_fails(dc.s, "deleteAutoScalePolicy", id=su["up"]["id"]) == \
        (431, "Cannot delete AutoScale Policy when it is in use by one or more AutoScale Vm Groups")
    assert job_fails(dc.s, "deleteAutoScaleVmProfile", id=su["prof"]["id"]) == \
        (431, "Cannot delete AutoScale Vm Profile when it is in use by one more vm groups")
    assert job_fails(dc.s, "updateAutoScaleVmGroup", id=g["id"], maxmembers=4) == \
        (431, "An AutoScale Vm Group can be updated with minMembers/maxMembers/Interval only when it is in disabled state")
    assert job_fails(dc.s, "updateCondition", id=su["up_c"]["id"], relationaloperator="GT", threshold=90)[0] == 536
    assert job_result(dc.s, "enableAutoScaleVmGroup", id=g["id"])["autoscalevmgroup"]["state"] == "ENABLED"
    assert job_fails(dc.s, "deleteAutoScaleVmGroup", id=g["id"])[1] == \
        f"Cannot delete autoscale vm group id : {dc.s.sim.store.get('autoscalevmgroup', g['id'])['_seq']} because it is in ENABLED state. " \
        "Please disable it or pass cleanup=true flag which will destroy all VMs."
    assert job_result(dc.s, "disableAutoScaleVmGroup", id=g["id"])["autoscalevmgroup"]["state"] == "DISABLED"
    upd = job_result(dc.s, "updateAutoScaleVmGroup", id=g["id"], maxmembers=4, name="web2")["autoscalevmgroup"]
    assert (upd["maxmembers"], upd["name"], upd["state"]) == (4, "web2", "DISABLED")
    job_result(dc.s, "deleteAutoScaleVmGroup", id=g["id"])
    assert dc.s.ok("listAutoScaleVmGroups") == {}
    job_result(dc.s, "deleteAutoScaleVmProfile", id=su["prof"]["id"])


def _settle(dc):
    dc.s.sim.wait_jobs()


def tick(dc):
    """One monitor interval, then its jobs (deploys, LB assignments, destroys) complete; the actions taken."""
    acts = [a[1] for a in model_scale.evaluate(dc.s.sim)]
    _settle(dc)
    return acts


def _members(dc, g):
    vms = dc.s.ok("listVirtualMachines", networkid=g["associatednetworkid"]).get("virtualmachine", [])
    return sorted(v["name"] for v in vms if v["name"].startswith("autoScaleVm-"))


def _on_rule(dc, rule):
    return sorted(v["name"] for v in dc.s.ok("listLoadBalancerRuleInstances", id=rule["id"]).get("loadbalancerruleinstance", []))


def test_scale_loop(dc, setup):
    """THE scale loop: counter values drive the group up to maxmembers and down to minmembers, never beyond."""
    su = setup
    g = _group(dc, su, minmembers=1, maxmembers=3)
    sim = dc.s.sim
    # enabled: the group brings itself to minmembers, the member joins the rule once running
    assert tick(dc) == ["scaleup"]
    model_scale.set_counter_value(sim, VR_CPU, 50)
    assert tick(dc) == []  # 50: neither policy holds
    assert _members(dc, g) == ["autoScaleVm-webgroup-1"] and _on_rule(dc, su["rule"]) == ["autoScaleVm-webgroup-1"]
    other = dc.deploy(networkids=su["net"]["id"], name="manual")  # the rule is the group's: no VM of one's own
    assert error_of(dc.s, "assignToLoadBalancerRule", id=su["rule"]["id"], virtualmachineids=other["id"]) == \
        (431, f"Failed to assign to load balancer {su['rule']['id']} because it is being used by an Autoscale VM group.")
    # load: CPU 95 must hold for the duration (60 s = 2 intervals of 30 s) before the first scale-up
    model_scale.set_counter_value(sim, su["cpu"]["id"], 95)
    assert tick(dc) == []  # the average over 60 s is (50 + 95) / 2
    assert tick(dc) == ["scaleup"]
    assert tick(dc) == []  # within the policy's quiet time (60 s)
    assert tick(dc) == ["scaleup"]
    for _ in range(6):  # at maxmembers: no more
        assert tick(dc) == []
    assert _members(dc, g) == ["autoScaleVm-webgroup-1", "autoScaleVm-webgroup-2", "autoScaleVm-webgroup-3"]
    assert len(_on_rule(dc, su["rule"])) == 3
    listed = dc.s.ok("listAutoScaleVmGroups", id=g["id"])["autoscalevmgroup"][0]
    assert listed["availablevirtualmachinecount"] == 3
    # idle: scale down one at a time (quiet time between), never below minmembers
    model_scale.set_counter_value(sim, VR_CPU, 5)
    downs = []
    for _ in range(12):
        downs += tick(dc)
    assert downs == ["scaledown", "scaledown"]
    assert _members(dc, g) == ["autoScaleVm-webgroup-1"] and _on_rule(dc, su["rule"]) == ["autoScaleVm-webgroup-1"]
    # a disabled group does nothing; a group-specific value overrides the global one
    job_result(dc.s, "disableAutoScaleVmGroup", id=g["id"])
    model_scale.set_counter_value(sim, VR_CPU, 99, group=g["id"])
    assert tick(dc) == []
    # delete with cleanup: the members are destroyed
    job_result(dc.s, "deleteAutoScaleVmGroup", id=g["id"], cleanup="true")
    _settle(dc)
    assert _members(dc, g) == [] and _on_rule(dc, su["rule"]) == []


def test_lost_member_is_replaced(dc, setup):
    su = setup
    g = _group(dc, su, minmembers=2, maxmembers=2)
    assert tick(dc) == ["scaleup", "scaleup"]
    tick(dc)
    vm = dc.s.ok("listVirtualMachines", name="autoScaleVm-webgroup-1")["virtualmachine"][0]
    job_result(dc.s, "destroyVirtualMachine", id=vm["id"], expunge="true")
    assert tick(dc) == ["scaleup"]
    tick(dc)
    assert _members(dc, g) == ["autoScaleVm-webgroup-2", "autoScaleVm-webgroup-3"]


def test_user_scope(dc, setup):
    """A user: counters are listed but made by root admins only; the user's own conditions, not the admin's."""
    from workload_helpers import As, keys_for, new_account

    user = As(dc.s, keys_for(dc.s, new_account(dc.s, "asuser")))
    assert len(user.ok("listCounters")["counter"]) == 16
    status, body = user.call("createCounter", name="x", source="cpu", provider="VirtualRouter", value="v")
    assert status == 432
    status, body = user.call("createCondition", counterid=setup["cpu"]["id"], relationaloperator="GT", threshold=5)
    assert status == 200
    mine = user.ok("listConditions")["condition"]
    assert [c["account"] for c in mine] == ["asuser"]
    assert len(dc.s.ok("listConditions", listall="true")["condition"]) == 3
    status, body = user.call("deleteCondition", id=setup["up_c"]["id"])
    assert status == 531 and "does not have permission" in body["deleteconditionresponse"]["errortext"]


def test_account_deletion_removes_its_autoscale_objects(dc, setup):
    from workload_helpers import As, keys_for, new_account

    acc = new_account(dc.s, "gone")
    user = As(dc.s, keys_for(dc.s, acc))
    status, body = user.call("createCondition", counterid=setup["cpu"]["id"], relationaloperator="GT", threshold=5)
    assert status == 200
    dc.s.wait(body["createconditionresponse"])
    assert len(dc.s.ok("listConditions", listall="true")["condition"]) == 3
    job_result(dc.s, "deleteAccount", id=acc["id"])
    assert [c["account"] for c in dc.s.ok("listConditions", listall="true")["condition"]] == ["admin", "admin"]
