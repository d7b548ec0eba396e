"""security_group_rule against the simulator (in process): ingress/egress, ports, ICMP, CIDR or user security group;
re-run, check mode, --diff, absent, bad input, a failed and a too slow job, faults."""
import pytest
from guest_helpers import sandbox


@pytest.fixture
def sim(make_simserver):
    s = sandbox(make_simserver)
    s.ok("createSecurityGroup", name="web")
    s.ok("createSecurityGroup", name="db")
    return s


def group(sim, name="web"):
    return [g for g in sim.ok("listSecurityGroups", securitygroupname=name)["securitygroup"] if g["name"] == name][0]


def test_ingress_create_rerun_check_diff_absent(module, sim):
    args = dict(security_group="web", port=80, cidr="1.2.3.4/32")
    res = module("security_group_rule", _check=True, _diff=True, **args)
    assert res["changed"] and group(sim)["ingressrule"] == []
    assert res["diff"]["before"] == {"state": "absent"}
    assert res["diff"]["after"] == {"protocol": "tcp", "start_port": 80, "cidr": "1.2.3.4/32", "state": "present"}
    res = module("security_group_rule", _diff=True, **args)
    (rule,) = group(sim)["ingressrule"]
    assert res["changed"] and res["id"] == rule["ruleid"] and res["start_port"] == 80 and res["end_port"] == 80
    assert res["cidr"] == "1.2.3.4/32" and res["type"] == "ingress" and res["security_group"] == "web" and res["protocol"] == "tcp"
    res = module("security_group_rule", _diff=True, **args)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    # another CIDR is another rule
    assert module("security_group_rule", **dict(args, cidr="5.6.7.8/32"))["changed"]
    assert len(group(sim)["ingressrule"]) == 2
    res = module("security_group_rule", _check=True, _diff=True, state="absent", **args)
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(group(sim)["ingressrule"]) == 2
    assert module("security_group_rule", state="absent", **args)["changed"]
    assert [r["cidr"] for r in group(sim)["ingressrule"]] == ["5.6.7.8/32"]
    assert module("security_group_rule", state="absent", **args)["changed"] is False


def test_egress_icmp_and_user_security_group(module, sim):
    args = dict(security_group="web", type="egress", protocol="udp", start_port=1, end_port=65535)
    assert module("security_group_rule", **args)["changed"]
    assert module("security_group_rule", **args)["changed"] is False
    (rule,) = group(sim)["egressrule"]
    assert rule["protocol"] == "udp" and rule["endport"] == 65535 and group(sim)["ingressrule"] == []
    icmp = dict(security_group="web", protocol="icmp", icmp_type=8, icmp_code=0, user_security_group="db")
    res = module("security_group_rule", **icmp)
    assert res["changed"] and res["user_security_group"] == "db" and res["icmp_type"] == 8
    (rule,) = group(sim)["ingressrule"]
    assert rule["securitygroupname"] == "db" and rule["account"] == "admin" and "cidr" not in rule
    assert module("security_group_rule", **icmp)["changed"] is False
    assert module("security_group_rule", **dict(icmp, icmp_type=0))["changed"]
    assert len(group(sim)["ingressrule"]) == 2
    assert module("security_group_rule", state="absent", **args)["changed"]
    assert group(sim)["egressrule"] == []


def test_bad_input(module, sim):
    res = module("security_group_rule", security_group="web")
    assert res.failed and res["msg"] == "no start_port or end_port set for protocol 'tcp'"
    res = module("security_group_rule", security_group="web", end_port=22)
    assert res.failed and res["msg"] == "no start_port or end_port set for protocol 'tcp'"
    res = module("security_group_rule", security_group="web", protocol="icmp", icmp_type=8)
    assert res.failed and res["msg"] == "parameters are required together: icmp_type, icmp_code"
    res = module("security_group_rule", security_group="web", protocol="icmp", icmp_type=8, icmp_code=0, port=22)
    assert res.failed and res["msg"].startswith("parameters are mutually exclusive: icmp_type|start_port")
    res = module("security_group_rule", security_group="nope", port=22)
    assert res.failed and res["msg"] == "security group 'nope' not found"
    res = module("security_group_rule", security_group="web", port=22, user_security_group="nope2")
    assert res.failed and "nope2" in res["msg"] and "user_security_group" in res["msg"]
    res = module("security_group_rule", security_group="web", port=22, cidr="300.1.1.1/8")
    assert res.failed and "300.1.1.1/8" in res["msg"]
    res = module("security_group_rule", security_group="web", port=22, protocol="sctp")
    assert res.failed and "protocol" in res["msg"]
    assert group(sim)["ingressrule"] == []


def test_failed_job_and_timeout(module, sim):
    args = dict(security_group="web", port=22)
    sim.sim.faults.set("jobfail=1.0,seed=1,only=authorizeSecurityGroupIngress")
    res = module("security_group_rule", **args)
    assert res.failed and "authorizeSecurityGroupIngress" in res["msg"]
    sim.sim.faults.set("")
    assert group(sim)["ingressrule"] == []
    assert module("security_group_rule", **args)["changed"]
    sim.sim.job_seconds = 3
    res = module("security_group_rule", state="absent", api_async_timeout=1, **args)
    assert res.failed and "revokeSecurityGroupIngress" in res["msg"]
    sim.sim.job_seconds = 0.02


@pytest.mark.parametrize("seed", [21, 22, 23])
def test_faults_leave_no_duplicates(module, sim, seed):
    sim.sim.faults.set("5xx=0.15,drop=0.15,seed=%d" % seed)
    for port in range(20, 26):
        module("security_group_rule", security_group="web", port=port)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for port in range(20, 26):
        assert not module("security_group_rule", security_group="web", port=port).failed
    assert sorted(r["startport"] for r in group(sim)["ingressrule"]) == list(range(20, 26))
