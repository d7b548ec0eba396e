"""lb_rule_member against the simulator (in process): add, re-run, check mode, --diff, remove, other members left alone,
bad input (unknown rule, unknown instance, a rule name on two IPs), a failed and a too slow job, faults."""
import pytest
from guest_helpers import Dc, sandbox


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    d.net = d.network("app-net")
    d.vms = [d.deploy("web-%d" % i, networks=[d.net]) for i in (1, 2, 3)]
    d.ip = d.public_ip(d.net)
    reply = sim.ok("createLoadBalancerRule", publicipid=d.ip["id"], name="balance_http", algorithm="source", publicport=80, privateport=8080)
    d.rule = sim.wait(reply)["jobresult"]["loadbalancer"]
    return d


def members(sim, rule):
    return sorted(v["name"] for v in sim.ok("listLoadBalancerRuleInstances", id=rule["id"]).get("loadbalancerruleinstance", []))


def test_add_rerun_check_diff_remove(module, sim, dc):
    args = dict(name="balance_http", vms=["web-1", "web-2"])
    res = module("lb_rule_member", _check=True, _diff=True, **args)
    assert res["changed"] and res["vms"] == [] and members(sim, dc.rule) == []
    assert res["diff"] == {"before": {"vms": []}, "after": {"vms": ["web-1", "web-2"]}}
    res = module("lb_rule_member", **args)
    assert res["changed"] and res["vms"] == ["web-1", "web-2"] and res["id"] == dc.rule["id"] and res["public_port"] == 80
    assert (res["public_ip"], res["algorithm"], res["name"]) == (dc.ip["ipaddress"], "source", "balance_http")
    assert members(sim, dc.rule) == ["web-1", "web-2"]
    res = module("lb_rule_member", _diff=True, **args)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    res = module("lb_rule_member", vm="web-3", name="balance_http", ip_address=dc.ip["ipaddress"])  # others stay
    assert res["changed"] and res["vms"] == ["web-1", "web-2", "web-3"]
    res = module("lb_rule_member", _check=True, _diff=True, state="absent", **args)
    assert res["changed"] and res["diff"]["after"] == {"vms": ["web-3"]} and members(sim, dc.rule) == ["web-1", "web-2", "web-3"]
    res = module("lb_rule_member", state="absent", **args)
    assert res["changed"] and res["vms"] == ["web-3"] and members(sim, dc.rule) == ["web-3"]
    assert module("lb_rule_member", state="absent", **args)["changed"] is False


def test_bad_input(module, sim, dc):
    res = module("lb_rule_member", name="nope", vms=["web-1"])
    assert res.failed and res["msg"] == "Unknown rule: nope"  # ngine_io's message
    res = module("lb_rule_member", name="balance_http", vms=["web-1", "ghost"])
    assert res.failed and res["msg"] == "Unknown VM: ghost"
    other_ip = dc.public_ip(dc.net)
    sim.wait(sim.ok("createLoadBalancerRule", publicipid=other_ip["id"], name="balance_http", algorithm="source", publicport=80, privateport=80))
    res = module("lb_rule_member", name="balance_http", vms=["web-1"])
    assert res.failed and res["msg"] == "More than one rule having name balance_http. Please pass 'ip_address' as well."
    assert module("lb_rule_member", name="balance_http", ip_address=other_ip["ipaddress"], vms=["web-1"])["changed"]
    res = module("lb_rule_member", name="balance_http", ip_address="10.8.8.8", vms=["web-1"])
    assert res.failed and res["msg"] == "IP address '10.8.8.8' not found"
    assert members(sim, dc.rule) == []


def test_failed_job_and_timeout(module, sim, dc):
    args = dict(name="balance_http", ip_address=dc.ip["ipaddress"], vms=["web-1"])
    sim.sim.faults.set("jobfail=1.0,seed=1,only=assignToLoadBalancerRule")
    res = module("lb_rule_member", **args)
    assert res.failed and "assignToLoadBalancerRule" in res["msg"]
    sim.sim.faults.set("")
    assert members(sim, dc.rule) == []
    sim.sim.job_seconds = 3
    res = module("lb_rule_member", api_async_timeout=1, **args)
    assert res.failed and "assignToLoadBalancerRule" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=5")
    for name in ("web-1", "web-2", "web-3"):
        module("lb_rule_member", name="balance_http", vm=name)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for name in ("web-1", "web-2", "web-3"):
        assert not module("lb_rule_member", name="balance_http", vm=name).failed
    assert members(sim, dc.rule) == ["web-1", "web-2", "web-3"]
    instances = sim.ok("listLoadBalancerRuleInstances", id=dc.rule["id"], lbvmips="true")["loadbalancerruleinstance"]
    assert all(len(x["lbvmipaddresses"]) == 1 for x in instances)  # each assigned once


def test_scope_is_the_callers_or_the_owner_named(module, sim, dc):
    """A rule and instances of the same names in another account: without account the caller's own (as ngine_io)."""
    acc = sim.ok("createAccount", username="other", password="pw-other-1", firstname="O", lastname="T", email="o@example.com",
                 accounttype=0)["account"]
    domain = acc["domainid"]
    net = sim.ok("createNetwork", name="other-net", displaytext="other-net", networkofferingid=dc.iso_off["id"], zoneid=dc.adv["id"],
                 account="other", domainid=domain)["network"]
    dc.deploy("web-1", networks=[net], account="other", domainid=domain)
    ip = sim.wait(sim.ok("associateIpAddress", networkid=net["id"]))["jobresult"]["ipaddress"]
    sim.wait(sim.ok("createLoadBalancerRule", publicipid=ip["id"], name="balance_http", algorithm="source", publicport=80, privateport=80))
    res = module("lb_rule_member", name="balance_http", vms=["web-1"])
    assert res["changed"] and res["id"] == dc.rule["id"] and members(sim, dc.rule) == ["web-1"]
    res = module("lb_rule_member", name="balance_http", vms=["web-1"], account="other", domain="ROOT")
    assert res["changed"] and res["id"] != dc.rule["id"] and res["vms"] == ["web-1"]
