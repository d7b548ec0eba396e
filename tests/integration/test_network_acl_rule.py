"""network_acl_rule against the simulator (in process): create, re-run, check mode, --diff, each updatable option (the
rule is updated whole), protocols by name and number, tags, absent, default lists, bad input, a failed and a too slow
job, faults; and the acl option of the network module (a tier's list, replaced with replaceNetworkACLList)."""
import pytest
from acl_helpers import ADV, VPC, acl_rules, new_list, tier, vpc_dc
from guest_helpers import sandbox


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    d = vpc_dc(sim)
    d.acl = new_list(sim, d, "web")
    return d


BASE = dict(network_acl="web", vpc=VPC, zone=ADV)


def test_create_rerun_check_diff_absent(module, sim, dc):
    args = dict(BASE, rule_position=1, port=80, cidrs=["10.0.0.0/8", "192.168.0.0/16"])
    res = module("network_acl_rule", _check=True, _diff=True, **args)
    assert res["changed"] and acl_rules(sim, dc.acl) == [] and res["diff"]["before"] == {"state": "absent"}
    assert res["diff"]["after"]["start_port"] == 80 and res["diff"]["after"]["end_port"] == 80
    assert res["network_acl"] == "web" and res["vpc"] == VPC and "id" not in res
    res = module("network_acl_rule", **args)
    (rule,) = acl_rules(sim, dc.acl)
    assert res["changed"] and res["id"] == rule["id"] and rule["number"] == 1 and rule["startport"] == "80" and rule["endport"] == "80"
    assert (res["rule_position"], res["start_port"], res["end_port"], res["protocol"], res["action_policy"], res["traffic_type"]) == (
        1, 80, 80, "tcp", "allow", "ingress")
    assert res["cidrs"] == ["10.0.0.0/8", "192.168.0.0/16"] and res["cidr"] == "10.0.0.0/8,192.168.0.0/16" and res["state"] == "Active"
    res = module("network_acl_rule", _diff=True, **dict(args, cidrs=["192.168.0.0/16", "10.0.0.0/8"]))  # order does not matter
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    res = module("network_acl_rule", _check=True, _diff=True, state="absent", **args)
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and len(acl_rules(sim, dc.acl)) == 1
    res = module("network_acl_rule", state="absent", **BASE, rule_position=1)
    assert res["changed"] and res["id"] == rule["id"] and acl_rules(sim, dc.acl) == []
    assert module("network_acl_rule", state="absent", **BASE, rule_position=1)["changed"] is False


def test_each_update_sends_the_whole_rule(module, sim, dc):
    args = dict(BASE, rule_position=5, start_port=8000, end_port=9000, cidrs=["10.20.0.0/16"])
    module("network_acl_rule", **args)
    (rule,) = acl_rules(sim, dc.acl)
    steps = [
        (dict(action_policy="deny"), lambda r: r["action"] == "Deny"),
        (dict(traffic_type="egress"), lambda r: r["traffictype"] == "Egress"),
        (dict(end_port=9100), lambda r: r["endport"] == "9100"),
        (dict(start_port=8080, end_port=8080), lambda r: (r["startport"], r["endport"]) == ("8080", "8080")),
        (dict(cidrs=["10.30.0.0/16", "10.31.0.0/16"]), lambda r: r["cidrlist"] == "10.30.0.0/16,10.31.0.0/16"),
        (dict(protocol="udp"), lambda r: r["protocol"] == "udp"),
    ]
    for change, ok in steps:
        args.update(change)
        res = module("network_acl_rule", _diff=True, **args)
        (cur,) = acl_rules(sim, dc.acl)
        assert res["changed"] and ok(cur) and cur["id"] == rule["id"], change
        # what was not changed is still there (an update sent in part would have cleared it)
        assert cur.get("cidrlist") and cur["startport"] and cur["number"] == 5, cur
        assert module("network_acl_rule", **args)["changed"] is False, change
    res = module("network_acl_rule", _check=True, _diff=True, **dict(args, action_policy="allow"))
    assert res["changed"] and res["action_policy"] == "deny"
    assert (res["diff"]["before"]["action_policy"], res["diff"]["after"]["action_policy"]) == ("Deny", "allow")
    assert res["diff"]["before"]["end_port"] == res["diff"]["after"]["end_port"] == 8080
    assert acl_rules(sim, dc.acl)[0]["action"] == "Deny"
    # tcp -> all: the ports go
    res = module("network_acl_rule", **dict(BASE, rule_position=5, protocol="all", cidrs=["10.30.0.0/16"]))
    (cur,) = acl_rules(sim, dc.acl)
    assert res["changed"] and cur["protocol"] == "all" and "startport" not in cur and "start_port" not in res


def test_icmp_by_number_and_tags(module, sim, dc):
    res = module("network_acl_rule", **dict(BASE, rule_position=2, protocol="icmp", icmp_type=8, icmp_code=0))
    assert res["changed"] and (res["protocol"], res["icmp_type"], res["icmp_code"]) == ("icmp", 8, 0)
    assert module("network_acl_rule", **dict(BASE, rule_position=2, protocol="icmp", icmp_type=8, icmp_code=0))["changed"] is False
    res = module("network_acl_rule", **dict(BASE, rule_position=3, protocol="by_number", protocol_number=47, traffic_type="egress"))
    assert res["changed"] and res["protocol"] == "by_number" and res["protocol_number"] == 47 and res["traffic_type"] == "egress"
    assert module("network_acl_rule", **dict(BASE, rule_position=3, protocol="by_number", protocol_number=47, traffic_type="egress"))["changed"] is False
    assert [r["protocol"] for r in acl_rules(sim, dc.acl)] == ["icmp", "47"]
    tags = [{"key": "role", "value": "web"}]
    res = module("network_acl_rule", _diff=True, tags=tags, **dict(BASE, rule_position=2, protocol="icmp", icmp_type=8, icmp_code=0))
    assert res["changed"] and res["tags"] == tags
    assert acl_rules(sim, dc.acl)[0]["tags"][0]["key"] == "role"
    assert module("network_acl_rule", tags=tags, **dict(BASE, rule_position=2, protocol="icmp", icmp_type=8, icmp_code=0))["changed"] is False


def test_bad_input(module, sim, dc):
    res = module("network_acl_rule", **dict(BASE, rule_position=1))
    assert res.failed and res["msg"] == "protocol is tcp but the following are missing: start_port, end_port"  # ngine_io's message
    res = module("network_acl_rule", **dict(BASE, rule_position=1, protocol="icmp", icmp_type=8))
    assert res.failed and "icmp_code" in res["msg"]
    res = module("network_acl_rule", **dict(BASE, rule_position=1, protocol="by_number"))
    assert res.failed and res["msg"] == "protocol is by_number but the following are missing: protocol_number"
    res = module("network_acl_rule", **dict(BASE, rule_position=1, protocol="by_number", protocol_number=300))
    assert res.failed and "Invalid protocol number: 300" in res["msg"]
    res = module("network_acl_rule", **dict(BASE, rule_position=1, port=70000))
    assert res.failed and "70000" in res["msg"]
    res = module("network_acl_rule", **dict(BASE, rule_position=0, port=22))
    assert res.failed and "Invalid number [0]" in res["msg"]
    res = module("network_acl_rule", **dict(BASE, rule_position=1, port=22, cidrs=["10.0.0.0/33"]))
    assert res.failed and "10.0.0.0/33" in res["msg"]
    res = module("network_acl_rule", **dict(BASE, network_acl="nope", rule_position=1, port=22))
    assert res.failed and res["msg"] == "Network ACL nope not found"  # ngine_io's message
    res = module("network_acl_rule", **dict(BASE, rule_position=1, icmp_type=8, start_port=22))
    assert res.failed and "mutually exclusive" in res["msg"]
    res = module("network_acl_rule", **dict(BASE, network_acl="default_deny", rule_position=3, port=22))
    assert res.failed and "Default ACL cannot be modified" in res["msg"]
    res = module("network_acl_rule", **dict(BASE, network_acl="default_deny", rule_position=1, protocol="all", action_policy="allow"))
    assert res.failed and "Default ACL cannot be modified" in res["msg"]
    assert acl_rules(sim, dc.acl) == []
    deny = [r["action"] for r in sim.ok("listNetworkACLs", aclid=sim.ok("listNetworkACLLists", name="default_deny")["networkacllist"][0]["id"])["networkacl"]]
    assert deny == ["Deny", "Deny"]


def test_failed_job_and_timeout(module, sim, dc):
    args = dict(BASE, rule_position=1, port=22)
    module("network_acl_rule", **args)
    sim.sim.faults.set("jobfail=1.0,seed=1,only=updateNetworkACLItem")
    res = module("network_acl_rule", **dict(args, action_policy="deny"))
    assert res.failed and "updateNetworkACLItem" in res["msg"]
    sim.sim.faults.set("")
    assert acl_rules(sim, dc.acl)[0]["action"] == "Allow"
    assert module("network_acl_rule", **dict(args, action_policy="deny"))["changed"]
    sim.sim.job_seconds = 3
    res = module("network_acl_rule", state="absent", api_async_timeout=1, **args)
    assert res.failed and "deleteNetworkACL" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(module, sim, dc):
    sim.sim.faults.set("5xx=0.15,drop=0.15,seed=2")
    for n in range(1, 7):
        module("network_acl_rule", **dict(BASE, rule_position=n, port=1000 + n))
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for n in range(1, 7):
        assert not module("network_acl_rule", **dict(BASE, rule_position=n, port=1000 + n)).failed
    assert [(r["number"], r["startport"]) for r in acl_rules(sim, dc.acl)] == [(n, str(1000 + n)) for n in range(1, 7)]


def test_network_acl_option_replaces_the_tiers_list(module, sim, dc):
    args = dict(name="tier1", zone=ADV, vpc=VPC, network_offering=dc.tier_off["name"], gateway="10.10.1.1", netmask="255.255.255.0")
    res = module("network", acl="web", **args)
    assert res["changed"] and res["acl"] == "web" and res["acl_id"] == dc.acl["id"]
    assert module("network", acl="web", **args)["changed"] is False
    res = module("network", _check=True, _diff=True, acl="default_allow", **args)
    assert res["changed"] and res["acl"] == "web" and res["diff"]["after"]["acl"] == "default_allow"
    assert sim.ok("listNetworks", id=res["id"])["network"][0]["aclname"] == "web"
    res = module("network", _diff=True, acl="default_allow", **args)
    assert res["changed"] and res["acl"] == "default_allow" and res["diff"]["before"]["acl"] == "web"
    assert sim.ok("listNetworks", id=res["id"])["network"][0]["aclname"] == "default_allow"
    assert module("network", acl="default_allow", **args)["changed"] is False
    assert module("network", **args)["changed"] is False  # acl unset: the tier's list is left alone
    res = module("network", acl="nope", **args)
    assert res.failed and "nope" in res["msg"] and "acl" in res["msg"]
    (net,) = sim.ok("listNetworks", vpcid=dc.vpc["id"])["network"]
    assert net["name"] == "tier1" and net["aclname"] == "default_allow"  # nothing changed


def test_tier_uses_list_then_rules_follow(module, sim, dc):
    net = tier(sim, dc, "t9", "10.10.9.1", aclid=dc.acl["id"])
    module("network_acl_rule", **dict(BASE, rule_position=1, port=443))
    assert [r["startport"] for r in sim.ok("listNetworkACLs", networkid=net["id"])["networkacl"]] == ["443"]
