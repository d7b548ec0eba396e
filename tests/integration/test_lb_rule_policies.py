"""lb_rule_stickiness_policy and lb_rule_healthcheck_policy against the simulator (in process): create, re-run,
check mode, --diff, a change (deleted and created again), absent, a rule that is not there, bad input, a failed and a
too slow job, faults."""
import pytest
from guest_helpers import Dc, sandbox


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    d.net = d.network("app-net")
    d.ip = d.public_ip(d.net)
    reply = sim.ok("createLoadBalancerRule", publicipid=d.ip["id"], name="balance_http", algorithm="source", publicport=80, privateport=8080)
    d.rule = sim.wait(reply)["jobresult"]["loadbalancer"]
    return d


def sticky(sim, rule):
    return sim.ok("listLBStickinessPolicies", lbruleid=rule["id"])["stickinesspolicies"][0].get("stickinesspolicy", [])


def checks(sim, rule):
    return sim.ok("listLBHealthCheckPolicies", lbruleid=rule["id"])["healthcheckpolicies"][0].get("healthcheckpolicy", [])


def test_stickiness_create_rerun_check_diff_change_absent(module, sim, dc):
    args = dict(lb_rule="balance_http", name="sessions", method="AppCookie", params={"cookie-name": "JSESSIONID", "holdtime": "3h"})
    res = module("lb_rule_stickiness_policy", _check=True, _diff=True, **args)
    assert res["changed"] and sticky(sim, dc.rule) == [] and res["diff"]["after"]["method"] == "AppCookie"
    res = module("lb_rule_stickiness_policy", **args)
    (pol,) = sticky(sim, dc.rule)
    assert res["changed"] and res["id"] == pol["id"] and (res["name"], res["method"], res["lb_rule"], res["lb_rule_id"]) == \
        ("sessions", "AppCookie", "balance_http", dc.rule["id"])
    assert res["params"] == {"cookie-name": "JSESSIONID", "holdtime": "3h"}
    res = module("lb_rule_stickiness_policy", _diff=True, **args)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    new = dict(args, method="LbCookie", params={"cookie-name": "SRV", "nocache": None})
    res = module("lb_rule_stickiness_policy", _check=True, _diff=True, **new)
    assert res["changed"] and res["diff"]["before"]["method"] == "AppCookie" and sticky(sim, dc.rule)[0]["id"] == pol["id"]
    res = module("lb_rule_stickiness_policy", **new)
    (pol2,) = sticky(sim, dc.rule)
    assert res["changed"] and pol2["id"] != pol["id"] and pol2["methodname"] == "LbCookie" and res["id"] == pol2["id"]
    assert pol2["params"] == {"cookie-name": "SRV", "nocache": "true"}
    assert module("lb_rule_stickiness_policy", **new)["changed"] is False
    res = module("lb_rule_stickiness_policy", _check=True, lb_rule="balance_http", state="absent")
    assert res["changed"] and len(sticky(sim, dc.rule)) == 1
    assert module("lb_rule_stickiness_policy", lb_rule="balance_http", state="absent")["changed"] and sticky(sim, dc.rule) == []
    assert module("lb_rule_stickiness_policy", lb_rule="balance_http", state="absent")["changed"] is False
    assert module("lb_rule_stickiness_policy", lb_rule="no-such-rule", state="absent")["changed"] is False


def test_stickiness_bad_input(module, sim, dc):
    res = module("lb_rule_stickiness_policy", lb_rule="no-such-rule", name="s", method="LbCookie")
    assert res.failed and res["msg"] == "Unknown rule: no-such-rule"
    res = module("lb_rule_stickiness_policy", lb_rule="balance_http", name="s")
    assert res.failed and res["msg"] == "missing required arguments: method"
    res = module("lb_rule_stickiness_policy", lb_rule="balance_http", name="s", method="Cookie")
    assert res.failed and "method" in res["msg"] and "Cookie" in res["msg"]
    res = module("lb_rule_stickiness_policy", lb_rule="balance_http", name="s", method="AppCookie")
    assert res.failed and "createLBStickinessPolicy" in res["msg"] and "Failed : Missing Manadatory Param :cookie-name" in res["msg"]
    module("lb_rule_stickiness_policy", lb_rule="balance_http", name="s", method="SourceBased")
    res = module("lb_rule_stickiness_policy", lb_rule="balance_http", name="s", method="AppCookie")  # a refused change keeps the policy
    assert res.failed and [p["methodname"] for p in sticky(sim, dc.rule)] == ["SourceBased"]
    module("lb_rule_stickiness_policy", lb_rule="balance_http", state="absent")
    res = module("lb_rule_stickiness_policy", lb_rule="balance_http", name="s", method="SourceBased", params={"color": "red"})
    assert res.failed and "Stickiness policy does not support param name :color" in res["msg"]
    assert sticky(sim, dc.rule) == []


def test_healthcheck_create_rerun_change_absent(module, sim, dc):
    args = dict(lb_rule="balance_http", ip_address=dc.ip["ipaddress"], ping_path="/health", interval=10)
    res = module("lb_rule_healthcheck_policy", _check=True, _diff=True, **args)
    assert res["changed"] and checks(sim, dc.rule) == []
    res = module("lb_rule_healthcheck_policy", **args)
    (pol,) = checks(sim, dc.rule)
    assert res["changed"] and (res["ping_path"], res["interval"], res["response_timeout"], res["healthy_threshold"], res["unhealthy_threshold"]) == \
        ("/health", 10, 2, 2, 10) and res["id"] == pol["id"]
    assert module("lb_rule_healthcheck_policy", **args)["changed"] is False
    res = module("lb_rule_healthcheck_policy", _diff=True, **dict(args, unhealthy_threshold=3))
    assert res["changed"] and res["diff"]["before"]["unhealthy_threshold"] == 10 and res["diff"]["after"]["unhealthy_threshold"] == 3
    assert checks(sim, dc.rule)[0]["unhealthcheckthresshold"] == 3 and checks(sim, dc.rule)[0]["pingpath"] == "/health"
    res = module("lb_rule_healthcheck_policy", **dict(args, response_timeout=30))
    assert res.failed and res["msg"] == "response_timeout (30) must not be greater than interval (10)"
    assert checks(sim, dc.rule)[0]["unhealthcheckthresshold"] == 3  # the refused change deleted nothing
    assert module("lb_rule_healthcheck_policy", lb_rule="balance_http", state="absent")["changed"] and checks(sim, dc.rule) == []
    res = module("lb_rule_healthcheck_policy", lb_rule="balance_http", response_timeout=20, interval=10)  # CloudStack's own check
    assert res.failed and "createLBHealthCheckPolicy" in res["msg"] and "Monitor interval must be greater than response timeout" in res["msg"]
    assert checks(sim, dc.rule) == []


def test_failed_job_and_timeout(module, sim, dc):
    args = dict(lb_rule="balance_http", name="s", method="SourceBased")
    sim.sim.faults.set("jobfail=1.0,seed=1,only=createLBStickinessPolicy")
    res = module("lb_rule_stickiness_policy", **args)
    assert res.failed and "createLBStickinessPolicy" in res["msg"]
    sim.sim.faults.set("")
    module("lb_rule_stickiness_policy", **args)
    sim.sim.job_seconds = 3
    res = module("lb_rule_stickiness_policy", state="absent", api_async_timeout=1, **args)
    assert res.failed and "deleteLBStickinessPolicy" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.25,drop=0.25,seed=4")
    for _ in range(3):
        module("lb_rule_healthcheck_policy", lb_rule="balance_http", ping_path="/up")
        module("lb_rule_stickiness_policy", lb_rule="balance_http", name="s", method="SourceBased")
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    assert not module("lb_rule_healthcheck_policy", lb_rule="balance_http", ping_path="/up").failed
    assert not module("lb_rule_stickiness_policy", lb_rule="balance_http", name="s", method="SourceBased").failed
    assert len(checks(sim, dc.rule)) == 1 and len(sticky(sim, dc.rule)) == 1
