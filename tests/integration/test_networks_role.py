"""The networks role (playbooks/networks.yml) against the simulator.

- The reference networks of inventories/simulator as site.yml builds them: the fabric (VPCs, ACLs, tiers) before the
  instances, which are deployed into the web tiers, the services (public IPs, load balancers) after them; check mode
  before creates nothing, a re-run and a re-run in check mode change nothing.
- A VPC with everything (ACL rules, two tiers, two public IPs, a load balancer with members, a site-to-site VPN, a
  remote access VPN and its users) on the sandbox: converged in one run, secrets never shown, a member and a rule taken
  out, then the whole VPC marked absent: check mode removes nothing, a run removes everything in order, a re-run
  changes nothing.
- Bad input fails before anything is made, naming the element and the field.
"""
import json
import os
import subprocess

from guest_helpers import ADV, Dc, sandbox
from test_instances_role import reference_datacenter
from test_tenancy_roles import ANSIBLE_PLAYBOOK, PASSWORD, RECAP_RE, ROOT, playbook

PSK = "Test-only-psk-0815"
VPN_PASSWORD = "Test-only-vpn-pw-4711"


def items(sim, command, key, **params):
    return sim.ok(command, **params).get(key, [])


def vpcs(sim):
    return {v["name"]: v for v in items(sim, "listVPCs", "vpc", listall="true")}


def lb_members(sim, rule):
    return sorted(v["name"] for v in items(sim, "listLoadBalancerRuleInstances", "loadbalancerruleinstance", id=rule["id"]))


def vars_file(tmp_path, data):
    path = tmp_path / "networks.json"
    path.write_text(json.dumps(data))
    return "@%s" % path


def test_reference_networks_as_site_builds_them(make_simserver, tmp_path):
    sim = make_simserver(datacenter=reference_datacenter(tmp_path))
    playbook(sim, "tenants.yml")
    res = playbook(sim, "networks.yml", "--check", "--diff")
    assert res["changed"] > 0 and vpcs(sim) == {}
    assert "To be created, with what is under them" in res["out"]

    assert playbook(sim, "networks.yml", "-e", "networks_part=fabric")["changed"] > 0
    made = vpcs(sim)
    assert sorted(made) == ["acme-vpc", "globex-vpc", "initech-vpc"]
    assert {v["account"] for v in made.values()} == {"acme-prod", "globex-prod", "initech-prod"}
    tiers = {n["name"]: n for n in items(sim, "listNetworks", "network", listall="true") if n.get("vpcid")}
    assert sorted(tiers) == sorted("%s-%s" % (t, k) for t in ("acme", "globex", "initech") for k in ("web", "db"))
    assert tiers["acme-web"]["vpcid"] == made["acme-vpc"]["id"] and tiers["acme-web"]["cidr"] == "10.11.1.0/24"
    assert tiers["acme-web"]["aclname"] == "acme-web-acl" and tiers["initech-db"]["aclname"] == "initech-db-acl"
    acl = [a for a in items(sim, "listNetworkACLLists", "networkacllist", vpcid=made["acme-vpc"]["id"]) if a["name"] == "acme-web-acl"][0]
    rules = sorted((r["number"], r["startport"], r["action"]) for r in items(sim, "listNetworkACLs", "networkacl", aclid=acl["id"]))
    assert rules == [(10, "80", "Allow"), (20, "443", "Allow")]
    assert items(sim, "listLoadBalancerRules", "loadbalancerrule", listall="true") == []  # the services come after the instances

    playbook(sim, "instances.yml")
    vms = {v["name"]: v for v in items(sim, "listVirtualMachines", "virtualmachine", listall="true")}
    assert vms["acme-web-01"]["nic"][0]["networkname"] == "acme-web" and vms["initech-db-1"]["nic"][0]["networkname"] == "initech-db"

    res = playbook(sim, "networks.yml", "-e", "networks_part=services", "--diff", "-v")
    assert res["changed"] > 0
    assert "Simulator-only-psk" not in res["out"]  # the reference pre-shared key (CSOPS_VPN_PSK's default)
    (conn,) = items(sim, "listVpnConnections", "vpnconnection", listall="true")
    (gateway,) = items(sim, "listVpnCustomerGateways", "vpncustomergateway", listall="true")
    assert (conn["account"], conn["s2scustomergatewayid"], gateway["name"]) == ("acme-prod", gateway["id"], "acme-office")
    rules = {r["name"]: r for r in items(sim, "listLoadBalancerRules", "loadbalancerrule", listall="true")}
    assert sorted(rules) == ["acme-web-http", "globex-web-http", "initech-web-http"]
    assert (rules["globex-web-http"]["publicport"], rules["globex-web-http"]["privateport"]) == ("80", "8080")
    assert rules["acme-web-http"]["algorithm"] == "roundrobin" and rules["acme-web-http"]["networkid"] == tiers["acme-web"]["id"]
    assert lb_members(sim, rules["acme-web-http"]) == ["acme-web-%02d" % i for i in range(1, 21)]
    assert len(lb_members(sim, rules["globex-web-http"])) == 18 and len(lb_members(sim, rules["initech-web-http"])) == 16
    ips = items(sim, "listPublicIpAddresses", "publicipaddress", listall="true", vpcid=made["acme-vpc"]["id"])
    tagged = [ip for ip in ips if {"key": "csops-networks-ip", "value": "acme-vpc/web"} in [{"key": t["key"], "value": t["value"]} for t in ip.get("tags", [])]]
    assert len(tagged) == 1 and tagged[0]["ipaddress"] == rules["acme-web-http"]["publicip"]

    assert playbook(sim, "networks.yml")["changed"] == 0
    assert playbook(sim, "networks.yml", "--check", "--diff")["changed"] == 0


def everything(tiers_vms=("t-web-1", "t-web-2")):
    return {
        "networks_zone": ADV,
        "networks_vpcs": [{
            "name": "t-vpc", "cidr": "10.20.0.0/16", "display_text": "test VPC",
            "acls": [{"name": "t-web-acl", "rules": [{"rule_position": 10, "port": 80},
                                                      {"number": 20, "start_port": 22, "cidrs": ["10.0.0.0/8"]}]}],
            "tiers": [{"name": "t-web", "gateway": "10.20.1.1", "netmask": "255.255.255.0", "acl": "t-web-acl"},
                      {"name": "t-db", "gateway": "10.20.2.1", "netmask": "255.255.255.0", "acl": "default_deny",
                       "network_offering": "DefaultIsolatedNetworkOfferingForVpcNetworksNoLB"}],
            "public_ips": [{"name": "web"}, {"name": "vpn"}],
            "load_balancers": [{"name": "t-http", "public_ip": "web", "tier": "t-web", "public_port": 80, "private_port": 8080,
                                "algorithm": "leastconn", "members": list(tiers_vms)}],
            "vpn": {
                "customer_gateways": [{"name": "t-office", "gateway": "203.0.113.10", "cidrs": ["192.168.100.0/24"],
                                       "ike_policy": "aes256-sha1;modp1536", "esp_policy": "aes256-sha1;modp1536", "ipsec_psk": PSK}],
                "connections": [{"vpn_customer_gateway": "t-office"}],
                "remote_access": {"public_ip": "vpn"},
                "users": [{"username": "t-user", "password": VPN_PASSWORD}],
            },
        }],
    }


def snapshot(sim):
    vpc = vpcs(sim).get("t-vpc")
    return {
        "vpc": bool(vpc),
        "tiers": sorted(n["name"] for n in items(sim, "listNetworks", "network", listall="true") if n.get("vpcid")),
        "acls": sorted(a["name"] for a in items(sim, "listNetworkACLLists", "networkacllist", vpcid=vpc["id"]) if a.get("vpcid")) if vpc else [],
        "lb": sorted(r["name"] for r in items(sim, "listLoadBalancerRules", "loadbalancerrule", listall="true")),
        "gateways": len(items(sim, "listVpnGateways", "vpngateway", listall="true")),
        "customer_gateways": sorted(c["name"] for c in items(sim, "listVpnCustomerGateways", "vpncustomergateway", listall="true")),
        "connections": len(items(sim, "listVpnConnections", "vpnconnection", listall="true")),
        "remote_access": len(items(sim, "listRemoteAccessVpns", "remoteaccessvpn", listall="true")),
        "users": sorted(u["username"] for u in items(sim, "listVpnUsers", "vpnuser", listall="true")),
        "tagged_ips": sum(1 for ip in items(sim, "listPublicIpAddresses", "publicipaddress", listall="true", allocatedonly="true")
                          if any(t["key"] == "csops-networks-ip" for t in ip.get("tags", []))),
    }


def test_a_vpc_with_everything_then_absent(make_simserver, tmp_path):
    sim = sandbox(make_simserver)
    dc = Dc(sim)
    data = everything()
    empty = snapshot(sim)
    res = playbook(sim, "networks.yml", "-e", vars_file(tmp_path, data), "--check", "--diff")
    assert res["changed"] > 0 and snapshot(sim) == empty

    playbook(sim, "networks.yml", "-e", vars_file(tmp_path, data), "-e", "networks_part=fabric")
    tier = [n for n in items(sim, "listNetworks", "network", listall="true") if n["name"] == "t-web"][0]
    for name in ("t-web-1", "t-web-2"):
        dc.deploy(name, networks=[tier])

    res = playbook(sim, "networks.yml", "-e", vars_file(tmp_path, data), "--diff", "-v")
    assert res["changed"] > 0
    now = snapshot(sim)
    assert now == {"vpc": True, "tiers": ["t-db", "t-web"], "acls": ["t-web-acl"], "lb": ["t-http"], "gateways": 1,
                   "customer_gateways": ["t-office"], "connections": 1, "remote_access": 1, "users": ["t-user"], "tagged_ips": 2}
    (rule,) = items(sim, "listLoadBalancerRules", "loadbalancerrule", listall="true")
    assert lb_members(sim, rule) == ["t-web-1", "t-web-2"] and rule["algorithm"] == "leastconn"
    assert PSK not in res["out"] and VPN_PASSWORD not in res["out"] and PASSWORD not in res["out"]
    assert playbook(sim, "networks.yml", "-e", vars_file(tmp_path, data))["changed"] == 0
    assert playbook(sim, "networks.yml", "-e", vars_file(tmp_path, data), "--check")["changed"] == 0

    # a member and an ACL rule taken out
    lb = data["networks_vpcs"][0]["load_balancers"][0]
    lb["members"] = ["t-web-1", {"name": "t-web-2", "state": "absent"}]
    data["networks_vpcs"][0]["acls"][0]["rules"][1]["state"] = "absent"
    assert playbook(sim, "networks.yml", "-e", vars_file(tmp_path, data))["changed"] > 0
    assert lb_members(sim, rule) == ["t-web-1"]
    acl = [a for a in items(sim, "listNetworkACLLists", "networkacllist", listall="true") if a["name"] == "t-web-acl"][0]
    assert [r["number"] for r in items(sim, "listNetworkACLs", "networkacl", aclid=acl["id"])] == [10]
    assert playbook(sim, "networks.yml", "-e", vars_file(tmp_path, data))["changed"] == 0

    # the whole VPC absent (its instances gone first): check mode removes nothing, a run everything, a re-run nothing
    for vm in items(sim, "listVirtualMachines", "virtualmachine", listall="true"):
        sim.wait(sim.ok("destroyVirtualMachine", id=vm["id"], expunge="true"))
    data["networks_vpcs"][0]["state"] = "absent"
    before = snapshot(sim)
    assert playbook(sim, "networks.yml", "-e", vars_file(tmp_path, data), "--check")["changed"] > 0
    assert snapshot(sim) == before
    res = playbook(sim, "networks.yml", "-e", vars_file(tmp_path, data))
    assert res["changed"] > 0
    assert snapshot(sim) == empty
    assert playbook(sim, "networks.yml", "-e", vars_file(tmp_path, data))["changed"] == 0
    assert playbook(sim, "networks.yml", "-e", vars_file(tmp_path, data), "--check")["changed"] == 0


def run_failing(sim, *args):
    env = dict(os.environ, CSOPS_SIMULATOR_URL=sim.url, CSOPS_TENANT_PASSWORD=PASSWORD, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"),
               ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0")
    proc = subprocess.run([str(ANSIBLE_PLAYBOOK), str(ROOT / "playbooks" / "networks.yml"), *args], cwd=str(ROOT), env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode != 0 and RECAP_RE.search(proc.stdout), proc.stdout[-3000:]
    return proc.stdout + proc.stderr


def test_bad_input_fails_before_anything_is_made(make_simserver, tmp_path):
    sim = sandbox(make_simserver)
    cases = [
        ({"name": "b-vpc", "cidr": "10.40.0.0/16", "tierz": []}, "networks: networks_vpcs[0]: unknown key 'tierz'"),
        ({"name": "b-vpc", "cidr": "10.40.0.0/16", "tiers": [{"name": "b-web", "gateway": "10.40.1.1"}]},
         "networks: VPC b-vpc tier b-web: missing required field 'netmask'"),
        ({"name": "b-vpc", "cidr": "10.40.0.0/16", "load_balancers": [{"name": "b-lb", "public_ip": "www", "tier": "b-web",
                                                                       "public_port": 80, "private_port": 80}]},
         "networks: VPC b-vpc load balancer b-lb: public_ip 'www' is neither a public IP of the VPC (public_ips: none) nor an address"),
        ({"name": "b-vpc", "cidr": "10.40.0.0/16", "acls": [{"name": "a", "rules": [{"rule_position": 1}, {"number": 1}]}]},
         "networks: VPC b-vpc ACL a.rules[1]: rule_position 1 is given twice in the ACL"),
        ({"name": "b-vpc", "state": "gone"}, "networks: VPC b-vpc: state must be one of present, absent, got 'gone'"),
    ]
    for vpc, message in cases:
        out = run_failing(sim, "-e", vars_file(tmp_path, {"networks_zone": ADV, "networks_vpcs": [vpc]}))
        assert message in " ".join(out.split()), out[-3000:]
        assert vpcs(sim) == {}
    out = run_failing(sim, "-e", "networks_part=everything")
    assert "value of networks_part must be one of: all, fabric, services, got: everything" in out
