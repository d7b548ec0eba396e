"""lb_rule against the simulator (in process): create, re-run, check mode, --diff, update of the algorithm, description and
protocol, a port that cannot change (warning), tags, absent, bad input, a failed and a too slow job, faults."""
import pytest
from guest_helpers import ADV, Dc, sandbox


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = Dc(sim)
    d.net = d.network("app-net")
    d.vm1 = d.deploy("web-1", networks=[d.net])
    d.ip = d.public_ip(d.net)
    return d


def rules(sim, ip):
    return sim.ok("listLoadBalancerRules", publicipid=ip["id"], listall="true").get("loadbalancerrule", [])


def base(dc, **extra):
    return {**dict(name="balance_http", ip_address=dc.ip["ipaddress"], zone=ADV, public_port=80, private_port=8080), **extra}


def test_create_rerun_check_diff_update_absent(module, sim, dc):
    args = base(dc, algorithm="leastconn")
    res = module("lb_rule", _check=True, _diff=True, **args)
    assert res["changed"] and rules(sim, dc.ip) == []
    assert res["diff"]["before"] == {"state": "absent"} and res["diff"]["after"]["algorithm"] == "leastconn"
    assert "id" not in res
    res = module("lb_rule", **args)
    (rule,) = rules(sim, dc.ip)
    assert res["changed"] and res["id"] == rule["id"] and (res["public_port"], res["private_port"]) == (80, 8080)
    assert (res["public_ip"], res["algorithm"], res["protocol"], res["zone"], res["name"]) == (dc.ip["ipaddress"], "leastconn", "tcp", ADV, "balance_http")
    assert sim.ok("listFirewallRules", ipaddressid=dc.ip["id"]) == {}  # open_firewall: false is sent
    res = module("lb_rule", _diff=True, **args)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    # algorithm, description, protocol
    for option, value, field in (("algorithm", "roundrobin", "algorithm"), ("description", "web tier", "description"), ("protocol", "tcp-proxy", "protocol")):
        args[option] = value
        res = module("lb_rule", _check=True, _diff=True, **args)
        assert res["changed"] and res["diff"]["after"][option] == value and rules(sim, dc.ip)[0].get(field) != value
        res = module("lb_rule", **args)
        assert res["changed"] and res[option] == value and rules(sim, dc.ip)[0][field] == value
        assert module("lb_rule", **args)["changed"] is False
    res = module("lb_rule", **dict(args, private_port=9090))  # no update parameter: a warning, no change
    assert res["changed"] is False and "private_port" in str(res["warnings"]) and rules(sim, dc.ip)[0]["privateport"] == "8080"
    res = module("lb_rule", _check=True, _diff=True, state="absent", **args)
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(rules(sim, dc.ip)) == 1
    assert module("lb_rule", state="absent", **args)["changed"]
    assert rules(sim, dc.ip) == []
    assert module("lb_rule", state="absent", **args)["changed"] is False


def test_open_firewall_cidr_and_tags(module, sim, dc):
    args = base(dc, open_firewall=True, cidr="10.0.0.0/8", tags=[{"key": "tier", "value": "web"}])
    res = module("lb_rule", **args)
    assert res["changed"] and res["cidr"] == "10.0.0.0/8" and res["tags"] == [{"key": "tier", "value": "web"}]
    fw = sim.ok("listFirewallRules", ipaddressid=dc.ip["id"])["firewallrule"]
    assert [(f["startport"], f["cidrlist"]) for f in fw] == [(80, "10.0.0.0/8")]
    assert module("lb_rule", **args)["changed"] is False
    res = module("lb_rule", _diff=True, **dict(args, tags=[]))
    assert res["changed"] and res["diff"]["before"]["tags"] == [{"key": "tier", "value": "web"}] and rules(sim, dc.ip)[0]["tags"] == []


def test_bad_input(module, sim, dc):
    res = module("lb_rule", name="x", ip_address=dc.ip["ipaddress"], public_port=80)
    assert res.failed and res["msg"] == "missing required arguments: private_port"
    res = module("lb_rule", **base(dc, algorithm="fastest"))
    assert res.failed and "algorithm" in res["msg"] and "fastest" in res["msg"]
    res = module("lb_rule", **dict(base(dc), ip_address="10.8.8.8"))
    assert res.failed and res["msg"] == "IP address '10.8.8.8' not found"  # ngine_io's message
    res = module("lb_rule", **base(dc, public_port=70000))
    assert res.failed and "publicPort is an invalid value: 70000" in res["msg"]
    res = module("lb_rule", **base(dc, protocol="ssl"))
    assert res.failed and "Protocol ssl is not supported" in res["msg"]
    res = module("lb_rule", **base(dc, zone="no-such-zone"))
    assert res.failed and "no-such-zone" in res["msg"] and "zone" in res["msg"]
    assert rules(sim, dc.ip) == []


def test_conflict_with_port_forwarding(module, sim, dc):
    assert module("portforward", ip_address=dc.ip["ipaddress"], zone=ADV, public_port=80, private_port=80, vm="web-1")["changed"]
    res = module("lb_rule", **base(dc))
    assert res.failed and "createLoadBalancerRule" in res["msg"] and "conflicts with rule" in res["msg"]
    assert rules(sim, dc.ip) == []


def test_failed_job_and_timeout(module, sim, dc):
    args = base(dc)
    module("lb_rule", **args)
    sim.sim.faults.set("jobfail=1.0,seed=1,only=updateLoadBalancerRule")
    res = module("lb_rule", **dict(args, algorithm="leastconn"))
    assert res.failed and "updateLoadBalancerRule" in res["msg"]
    sim.sim.faults.set("")
    assert rules(sim, dc.ip)[0]["algorithm"] == "source"
    sim.sim.job_seconds = 3
    res = module("lb_rule", state="absent", api_async_timeout=1, **args)
    assert res.failed and "deleteLoadBalancerRule" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.15,drop=0.15,seed=8")
    for port in range(8000, 8006):
        module("lb_rule", **dict(base(dc), name="lb%d" % port, public_port=port))
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for port in range(8000, 8006):
        assert not module("lb_rule", **dict(base(dc), name="lb%d" % port, public_port=port)).failed
    assert sorted(int(r["publicport"]) for r in rules(sim, dc.ip)) == list(range(8000, 8006))
