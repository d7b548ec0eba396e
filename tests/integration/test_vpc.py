"""vpc against the simulator (in process): create (source NAT IP and router), re-run/check/diff, display_text update,
create-only options warn, stopped, restarted (clean_up), tags, lookup by display text, tiers through the network module,
absent (refused while tiers exist), bad input, a failed and a too slow job, faults without duplicates; a playbook with a VPC
offering, a VPC and two tiers (re-run: no change; check mode with --diff)."""
import re

import pytest
from guest_helpers import ADV, Dc, sandbox
from harness import run_playbook
from tenancy_helpers import check_create_rerun_absent, check_update, runner

TIER_OFF = "DefaultIsolatedNetworkOfferingForVpcNetworks"
BASE = {"name": "my-vpc", "zone": ADV, "cidr": "10.10.0.0/16"}


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


@pytest.fixture
def dc(sim):
    return Dc(sim)


@pytest.fixture
def run(sim):
    return runner(sim)


def vpcs(sim, name=None):
    found = sim.ok("listVPCs", listall=True).get("vpc", [])
    return [v for v in found if name is None or v["name"] == name]


def routers(sim, vpc):
    return sim.ok("listRouters", vpcid=vpc["id"], listall=True).get("router", [])


def test_create_rerun_check_diff_absent(run, sim):
    res = check_create_rerun_absent(run, "vpc", dict(BASE, display_text="My VPC", network_domain="corp.internal"), lambda: len(vpcs(sim)),
                                    absent_args={"name": "my-vpc", "zone": ADV},
                                    expect_after={"name": "my-vpc", "cidr": "10.10.0.0/16", "display_text": "My VPC", "state": "present"})
    assert res["name"] == "my-vpc" and res["cidr"] == "10.10.0.0/16" and res["network_domain"] == "corp.internal"
    assert res["zone"] == ADV and res["state"] == "Enabled" and res["account"] == "admin" and res["domain"] == "ROOT"
    assert res["restart_required"] is False and res["redundant_vpc_router"] is False and res["region_level_vpc"] is False
    assert res["distributed_vpc_router"] is False


def test_source_nat_router_and_default_offering(run, sim):
    res = run("vpc", **BASE)
    assert res["changed"]
    (vpc,) = vpcs(sim, "my-vpc")
    assert vpc["vpcofferingname"] == "Default VPC offering" and vpc["displaytext"] == "my-vpc"
    assert sim.ok("listPublicIpAddresses", vpcid=vpc["id"], issourcenat=True)["publicipaddress"]
    assert len(routers(sim, vpc)) == 1


def test_update_display_text(run, sim):
    check_update(run, "vpc", BASE, "display_text", "first", "second", lambda: vpcs(sim, "my-vpc")[0]["displaytext"])


def test_create_only_options_warn(run, sim):
    run("vpc", network_domain="corp.internal", **BASE)
    for option, value in (("cidr", "10.20.0.0/16"), ("network_domain", "other.internal"), ("vpc_offering", "Redundant VPC offering")):
        res = run("vpc", **dict(dict(BASE, network_domain="corp.internal"), **{option: value}))
        assert res["changed"] is False and not res.failed and any("%s differs" % option in w for w in res["warnings"]), (option, res)
    assert vpcs(sim, "my-vpc")[0]["cidr"] == "10.10.0.0/16"


def test_vpc_offering_option(run, sim):
    res = run("vpc", vpc_offering="Redundant VPC offering", **BASE)
    assert res["changed"] and res["redundant_vpc_router"] is True
    assert run("vpc", vpc_offering="Redundant VPC offering", **BASE)["changed"] is False
    off = sim.ok("listVPCOfferings", name="Redundant VPC offering")["vpcoffering"][0]
    sim.wait(sim.ok("updateVPCOffering", id=off["id"], state="Disabled"))
    res = run("vpc", **dict(BASE, name="other", vpc_offering="Redundant VPC offering"))
    assert res.failed and res["msg"] == "VPC offering not found or not enabled: Redundant VPC offering"
    assert vpcs(sim, "other") == []


def test_stopped_and_first_tier(run, sim, dc):
    res = run("vpc", **dict(BASE, state="stopped"))
    assert res["changed"]
    (vpc,) = vpcs(sim, "my-vpc")
    assert routers(sim, vpc) == []
    assert run("vpc", **dict(BASE, state="stopped"))["changed"] is False
    assert run("vpc", **BASE)["changed"] is False  # present on an existing VPC: nothing to start
    res = run("network", name="web", zone=ADV, vpc="my-vpc", network_offering=TIER_OFF, gateway="10.10.1.1", netmask="255.255.255.0")
    assert res["changed"] and res["vpc"] == "my-vpc", res
    (tier,) = sim.ok("listNetworks", vpcid=vpc["id"], listall=True)["network"]
    dc.deploy("vm1", networks=[tier])
    assert len(routers(sim, vpc)) == 1


def test_restarted(run, sim):
    run("vpc", **BASE)
    (vpc,) = vpcs(sim, "my-vpc")
    (router,) = routers(sim, vpc)
    res = run("vpc", _check=True, _diff=True, state="restarted", clean_up=True, **BASE)
    assert res["changed"] and res["diff"]["after"]["state"] == "restarted" and routers(sim, vpc)[0]["id"] == router["id"]
    res = run("vpc", state="restarted", name="my-vpc", zone=ADV)  # no cidr needed
    assert res["changed"] and not res.failed and routers(sim, vpc)[0]["id"] == router["id"]
    res = run("vpc", state="restarted", clean_up=True, display_text="not compared", name="my-vpc", zone=ADV)
    assert res["changed"] and routers(sim, vpc)[0]["id"] != router["id"] and vpcs(sim, "my-vpc")[0]["displaytext"] == "my-vpc"
    res = run("vpc", state="restarted", name="nope", zone=ADV)
    assert res.failed and "nope" in res["msg"] and "restarted" in res["msg"] and vpcs(sim, "nope") == []


def test_tags_and_lookup_by_display_text(run, sim):
    tags = [{"key": "env", "value": "prod"}]
    res = run("vpc", display_text="Production VPC", tags=tags, **BASE)
    assert res["changed"] and res["tags"] == tags
    assert run("vpc", tags=tags, **BASE)["changed"] is False
    res = run("vpc", _diff=True, tags=[{"key": "env", "value": "test"}], **BASE)
    assert res["changed"] and res["diff"]["after"]["tags"] == [{"key": "env", "value": "test"}]
    assert [(t["key"], t["value"]) for t in vpcs(sim, "my-vpc")[0]["tags"]] == [("env", "test")]
    # ngine_io finds a VPC by its display text too
    res = run("vpc", name="Production VPC", zone=ADV, state="restarted")
    assert res["changed"] and res["id"] == vpcs(sim, "my-vpc")[0]["id"]


def test_tiers_block_absent(run, sim):
    run("vpc", **BASE)
    (vpc,) = vpcs(sim, "my-vpc")
    (snat,) = sim.ok("listPublicIpAddresses", vpcid=vpc["id"], issourcenat=True)["publicipaddress"]
    tier = dict(name="db", zone=ADV, vpc="my-vpc", network_offering=TIER_OFF, gateway="10.10.2.1", netmask="255.255.255.0")
    assert run("network", **tier)["changed"]
    assert run("network", **tier)["changed"] is False
    res = run("network", **dict(tier, name="outside", gateway="10.99.2.1"))
    assert res.failed and "is not within vpc" in res["msg"]
    res = run("network", **dict(tier, name="elsewhere", zone="Sandbox-simulator-basic"))  # the VPC is looked for in the zone
    assert res.failed and "vpc 'my-vpc' not found" in res["msg"] and "option vpc" in res["msg"]
    res = run("vpc", state="absent", name="my-vpc", zone=ADV)
    assert res.failed and "Can't delete VPC" in res["msg"] and "as its used by 1 networks" in res["msg"]
    assert len(vpcs(sim, "my-vpc")) == 1
    assert run("network", state="absent", name="db", zone=ADV)["changed"]
    assert run("vpc", state="absent", name="my-vpc", zone=ADV)["changed"]
    assert vpcs(sim) == [] and routers(sim, vpc) == []
    assert snat["ipaddress"] not in [i["ipaddress"] for i in sim.ok("listPublicIpAddresses", listall=True).get("publicipaddress", [])]


@pytest.mark.parametrize("args,message", [
    ({"cidr": None}, "state is present but all of the following are missing: cidr"),
    ({"cidr": "8.8.0.0/16"}, "Guest Cidr 8.8.0.0/16 is not RFC1918 compliant"),
    ({"cidr": "10.0.0.0"}, "Invalid CIDR specified 10.0.0.0"),
    ({"network_domain": "-bad-"}, "Invalid network domain"),
    ({"vpc_offering": "nope"}, "VPC offering not found or not enabled: nope"),
    ({"zone": "nowhere"}, "nowhere"),
    ({"state": "started"}, "state"),
])
def test_bad_input(run, sim, args, message):
    res = run("vpc", **{k: v for k, v in dict(BASE, **args).items() if v is not None})
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"] and vpcs(sim) == []


def test_failed_job_and_timeout(run, sim):
    sim.sim.faults.set("jobfail=1.0,seed=1,only=updateVPC")
    run("vpc", **BASE)
    res = run("vpc", display_text="new", **BASE)
    assert res.failed and "updateVPC" in res["msg"]
    sim.sim.faults.set("")
    assert vpcs(sim, "my-vpc")[0]["displaytext"] == "my-vpc"
    sim.sim.job_seconds = 3
    res = run("vpc", state="absent", api_async_timeout=1, name="my-vpc", zone=ADV)
    assert res.failed and "deleteVPC" in res["msg"]
    sim.sim.job_seconds = 0.02


def test_faults_leave_no_duplicates(run, sim):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=7")
    for i in range(5):
        run("vpc", **dict(BASE, name="v%d" % i, cidr="10.%d.0.0/16" % (i + 1)))
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for i in range(5):
        assert not run("vpc", **dict(BASE, name="v%d" % i, cidr="10.%d.0.0/16" % (i + 1))).failed
        assert len(vpcs(sim, "v%d" % i)) == 1


def test_owner_scope(run, sim):
    dom = sim.ok("createDomain", name="customers")["domain"]
    sim.ok("createAccount", username="u1", account="acme", email="a@example.com", firstname="a", lastname="b", password="pw-12345678",
           accounttype=0, domainid=dom["id"])
    owner = dict(account="acme", domain="customers")
    res = run("vpc", **owner, **BASE)
    assert res["changed"] and res["account"] == "acme" and res["domain"] == "customers"
    assert run("vpc", **owner, **BASE)["changed"] is False
    assert run("vpc", **BASE)["changed"]
    assert sorted(v["account"] for v in vpcs(sim, "my-vpc")) == ["acme", "admin"]


PLAY = """
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/csops.cloudstack.cloudstack: {{api_url: "{url}", api_key: "{key}", api_secret: "{secret}"}}
  tasks:
    - csops.cloudstack.vpc_offering:
        name: shop-offering
        display_text: Shop VPCs
        supported_services: [Dns, Dhcp, Lb, UserData, StaticNat, PortForwarding, Vpn]
        state: enabled
    - csops.cloudstack.vpc: {{name: shop, zone: {zone}, cidr: 10.10.0.0/16, vpc_offering: shop-offering, display_text: "{text}"}}
    - csops.cloudstack.network:
        name: "{{{{ item.name }}}}"
        zone: {zone}
        vpc: shop
        network_offering: {tier_off}
        gateway: "{{{{ item.gateway }}}}"
        netmask: 255.255.255.0
      loop:
        - {{name: web, gateway: 10.10.1.1}}
        - {{name: db, gateway: 10.10.2.1}}
"""


def test_playbook_vpc_with_tiers(sim):
    conn = dict(url=sim.endpoint, key=sim.key, secret=sim.secret, zone=ADV, tier_off=TIER_OFF)
    recap = re.compile(r"ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)")
    out = run_playbook(PLAY.format(text="Shop", **conn))
    assert out.returncode == 0, out.stdout + out.stderr
    assert recap.search(out.stdout).groups() == ("3", "3", "0", "0"), out.stdout
    (vpc,) = vpcs(sim, "shop")
    assert sorted(n["name"] for n in sim.ok("listNetworks", vpcid=vpc["id"])["network"]) == ["db", "web"]
    out = run_playbook(PLAY.format(text="Shop", **conn))
    assert out.returncode == 0 and recap.search(out.stdout).groups() == ("3", "0", "0", "0"), out.stdout
    out = run_playbook(PLAY.format(text="Shop VPC", **conn), ["--check", "--diff"])
    assert out.returncode == 0 and recap.search(out.stdout).groups() == ("3", "1", "0", "0"), out.stdout
    assert re.search(r'-\s+"?display_text"?: "?Shop"?$', out.stdout, re.M) and re.search(r'\+\s+"?display_text"?: "?Shop VPC"?', out.stdout), out.stdout
    assert vpcs(sim, "shop")[0]["displaytext"] == "Shop"


def test_ip_address_of_a_vpc(run, sim):
    run("vpc", **BASE)
    (vpc,) = vpcs(sim, "my-vpc")
    args = dict(zone=ADV, vpc="my-vpc", tags=[{"key": "role", "value": "lb"}])
    res = run("ip_address", **args)
    assert res["changed"] and not res.failed and res["vpc"] == "my-vpc", res
    ips = sim.ok("listPublicIpAddresses", vpcid=vpc["id"], issourcenat=False)["publicipaddress"]
    assert [i["ipaddress"] for i in ips] == [res["ip_address"]] and ips[0]["vpcid"] == vpc["id"]
    assert run("ip_address", **args)["changed"] is False
    assert run("ip_address", state="absent", **args)["changed"]
    assert "publicipaddress" not in sim.ok("listPublicIpAddresses", vpcid=vpc["id"], issourcenat=False)
