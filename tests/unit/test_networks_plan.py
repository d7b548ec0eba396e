"""The networks role's plan (filter csops.cloudstack.networks_plan): a VPC description -> module options per kind, in
order, with the owner, zone and VPC carried down, parents for check mode, state absent carried down; bad input named."""
import pytest
from ansible.errors import AnsibleFilterError
from ansible_collections.csops.cloudstack.plugins.filter.networks_plan import networks_plan

DEFAULTS = {"zone": "z1", "tier_offering": "TierOff", "ip_tag": "ip-tag"}


def vpc(**extra):
    base = {
        "name": "v", "domain": "ROOT/t", "account": "a", "cidr": "10.0.0.0/16",
        "acls": [{"name": "web", "rules": [{"number": 10, "port": 80}, {"rule_position": 20, "cidr": "10.1.0.0/16", "start_port": "22"}]}],
        "tiers": [{"name": "w", "gateway": "10.0.1.1", "netmask": "255.255.255.0", "acl": "web"},
                  {"name": "d", "gateway": "10.0.2.1", "netmask": "255.255.255.0", "acl": "default_deny", "network_offering": "NoLB"}],
        "public_ips": [{"name": "www"}],
        "load_balancers": [{"name": "http", "public_ip": "www", "network": "w", "public_port": 80, "private_port": "8080",
                            "members": ["w1", {"name": "w2", "state": "absent"}]}],
        "vpn": {"customer_gateways": [{"name": "hq", "gateway": "1.2.3.4", "cidr": "192.168.0.0/24", "ike_policy": "i",
                                       "esp_policy": "e", "ipsec_psk": "k"}],
                "connections": [{"customer_gateway": "hq"}], "remote_access": {"ip_address": "www", "iprange": "10.9.0.1-10.9.0.9"},
                "users": [{"username": "u", "password": "p"}]},
    }
    base.update(extra)
    return base


def test_a_vpc_becomes_module_options_with_owner_zone_and_parents():
    plan = networks_plan([vpc()], DEFAULTS)
    (v,) = plan["vpcs"]
    assert {k: v[k] for k in ("name", "zone", "domain", "account", "cidr")} == {"name": "v", "zone": "z1", "domain": "ROOT/t", "account": "a",
                                                                               "cidr": "10.0.0.0/16"}
    rules = plan["acl_rules"]
    assert [(r["rule_position"], r.get("start_port"), r.get("cidrs")) for r in rules] == [(10, 80, None), (20, 22, ["10.1.0.0/16"])]
    assert all(r["vpc"] == "v" and r["network_acl"] == "web" and r["account"] == "a" for r in rules)
    web, db = plan["tiers"]
    assert web["network_offering"] == "TierOff" and db["network_offering"] == "NoLB"
    assert web["parents"] == [v["key"], plan["acls"][0]["key"]] and db["parents"] == [v["key"]]  # default_deny: no parent
    (ip,) = plan["public_ips"]
    assert ip["tags"] == [{"key": "ip-tag", "value": "v/www"}] and ip["vpc"] == "v"
    (lb,) = plan["lb_rules"]
    assert lb["network"] == "w" and lb["ip_key"] == ip["key"] and lb["private_port"] == 8080 and "public_ip" not in lb
    assert set(lb["parents"]) == {v["key"], web["key"], ip["key"]}
    assert plan["lb_members"][0]["vms"] == ["w1"] and plan["lb_members_absent"][0]["vms"] == ["w2"]
    assert plan["vpn_customer_gateways"][0]["cidrs"] == ["192.168.0.0/24"] and "zone" not in plan["vpn_customer_gateways"][0]
    (conn,) = plan["vpn_connections"]
    assert conn["vpn_customer_gateway"] == "hq" and set(conn["parents"]) == {v["key"], plan["vpn_gateways"][0]["key"],
                                                                             plan["vpn_customer_gateways"][0]["key"]}
    (remote,) = plan["remote_access_vpns"]
    assert remote["ip_key"] == ip["key"] and remote["ip_range"] == "10.9.0.1-10.9.0.9"
    assert plan["vpn_users"][0]["parents"] == [v["key"], remote["key"]]
    assert not any(plan[k] for k in plan if k.endswith("_absent") and k != "lb_members_absent")


def test_absent_goes_down_to_everything_under_it():
    plan = networks_plan([vpc(state="absent")], DEFAULTS)
    for kind in ("vpcs", "acls", "acl_rules", "tiers", "public_ips", "lb_rules", "vpn_gateways", "vpn_customer_gateways", "vpn_connections",
                 "remote_access_vpns", "vpn_users"):
        assert plan[kind] == [] and len(plan[kind + "_absent"]) >= 1, kind
    assert plan["lb_members"] == [] and plan["lb_members_absent"] == []  # deleting the rule drops its members
    assert networks_plan([vpc(state="absent", cidr=None)], DEFAULTS)["vpcs_absent"]  # no cidr needed to remove it


def test_an_address_instead_of_a_public_ip_name():
    plan = networks_plan([vpc(load_balancers=[{"name": "x", "public_ip": "192.0.2.7", "tier": "w", "public_port": 1, "private_port": 1}])],
                         DEFAULTS)
    assert plan["lb_rules"][0]["public_ip"] == "192.0.2.7" and "ip_key" not in plan["lb_rules"][0]


@pytest.mark.parametrize("change, message", [
    ({"tierz": []}, "networks_vpcs[0]: unknown key 'tierz'"),
    ({"cidr": None}, "VPC v: missing required field 'cidr'"),
    ({"zone": None, "project": "p"}, "account and project exclude each other"),
    ({"tiers": [{"name": "w", "gateway": "g"}]}, "VPC v tier w: missing required field 'netmask'"),
    ({"acls": [{"name": "default_allow"}]}, "default_allow is one of CloudStack's default ACLs"),
    ({"acls": [{"name": "a", "rules": [{"number": 1}, {"rule_position": "1"}]}]}, "rule_position 1 is given twice"),
    ({"acls": [{"name": "a", "rules": [{"number": 1, "start_port": "http"}]}]}, "start_port must be an integer, got 'http'"),
    ({"load_balancers": [{"name": "x", "public_ip": "nope", "tier": "w"}]}, "public_ip 'nope' is neither a public IP of the VPC"),
    ({"load_balancers": [{"name": "x", "public_ip": "www", "tier": "w", "public_port": 1, "private_port": 1, "members": ["a", "a"]}]},
     "instance a is a member twice"),
    ({"vpn": {"customer_gateways": [{"name": "hq", "gateway": "1.2.3.4"}]}}, "missing required field 'cidrs'"),
    ({"vpn": {"users": [{"username": "u"}]}}, "missing required field 'password'"),
    ({"tiers": [{"name": "w", "state": "gone"}]}, "state must be one of present, absent, got 'gone'"),
    ({"tiers": "w"}, "tiers must be a list, got str"),
])
def test_bad_input_names_the_element_and_the_field(change, message):
    with pytest.raises(AnsibleFilterError) as err:
        networks_plan([vpc(**change)], DEFAULTS)
    assert message in str(err.value)


def test_no_zone_and_twice_the_same_vpc():
    with pytest.raises(AnsibleFilterError, match="VPC v: no zone"):
        networks_plan([vpc()], {})
    with pytest.raises(AnsibleFilterError, match="described twice"):
        networks_plan([vpc(), vpc()], DEFAULTS)
    assert networks_plan(None, DEFAULTS)["vpcs"] == []
