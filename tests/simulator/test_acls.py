"""Network ACL lists and items over the wire, against NetworkACLServiceImpl's rules and the captured NetworkACLService reply."""
import hashlib
import json
import pathlib

import pytest
from workload_helpers import As, error_of, job_error, job_result, keys_for, make_dc, new_account

SAMPLES = pathlib.Path("/work/shared/cloudstack-api/samples/NetworkACLService.json")


@pytest.fixture
def dc(make_simserver):
    dc = make_dc(make_simserver)
    offs = {o["name"]: o for o in dc.s.ok("listNetworkOfferings", forvpc="true")["networkoffering"]}
    dc.tier_off = offs["DefaultIsolatedNetworkOfferingForVpcNetworks"]
    vpc_off = dc.s.ok("listVPCOfferings", name="Default VPC offering", isdefault="true")["vpcoffering"][0]
    dc.vpc = job_result(dc.s, "createVPC", name="vpc1", displaytext="vpc1", cidr="10.10.0.0/16", zoneid=dc.adv["id"],
                        vpcofferingid=vpc_off["id"])["vpc"]
    dc.vpc2 = job_result(dc.s, "createVPC", name="vpc2", displaytext="vpc2", cidr="10.20.0.0/16", zoneid=dc.adv["id"],
                         vpcofferingid=vpc_off["id"])["vpc"]
    return dc


def job_fails(s, command, **params):
    """An async command (not a create command) whose job fails: (errorcode, errortext) of the job."""
    result = job_error(s, command, **params)["jobresult"]
    return result["errorcode"], result["errortext"]


def lists(s, **kw):
    return s.ok("listNetworkACLLists", **kw).get("networkacllist", [])


def items(s, **kw):
    return s.ok("listNetworkACLs", **kw).get("networkacl", [])


def defaults(s):
    return {a["name"]: a for a in lists(s) if a["name"].startswith("default_")}


def new_list(dc, name="web", vpc=None, **kw):
    return job_result(dc.s, "createNetworkACLList", name=name, vpcid=(vpc or dc.vpc)["id"], **kw)["networkacllist"]


def new_item(dc, acl, **kw):
    kw.setdefault("protocol", "tcp")
    return job_result(dc.s, "createNetworkACL", aclid=acl["id"], **kw)["networkacl"]


def tier(dc, name, gateway, vpc=None, **kw):
    return dc.network(name, offering=dc.tier_off, vpcid=(vpc or dc.vpc)["id"], gateway=gateway, netmask="255.255.255.0", **kw)


def test_default_lists_seeded(dc):
    d = defaults(dc.s)
    assert set(d) == {"default_allow", "default_deny"}
    assert d["default_deny"]["description"] == "Default Network ACL Deny All" and "vpcid" not in d["default_deny"]
    assert d["default_allow"]["description"] == "Default Network ACL Allow All" and d["default_allow"]["fordisplay"] is True
    for name, action in (("default_allow", "Allow"), ("default_deny", "Deny")):
        rules = sorted(items(dc.s, aclid=d[name]["id"]), key=lambda r: r["number"])
        assert [(r["number"], r["traffictype"], r["action"], r["protocol"], r["cidrlist"], r["state"]) for r in rules] == [
            (1, "Ingress", action, "all", "0.0.0.0/0", "Active"), (2, "Egress", action, "all", "0.0.0.0/0", "Active")]
        assert rules[0]["aclid"] == d[name]["id"] and rules[0]["aclname"] == name and "startport" not in rules[0]
    # the defaults come with every VPC's lists; they cannot be changed, deleted, or get items
    assert set(defaults(dc.s)) == {a["name"] for a in lists(dc.s, vpcid=dc.vpc["id"])}
    deny = d["default_deny"]
    assert job_fails(dc.s, "deleteNetworkACLList", id=deny["id"]) == (431, "Default ACL cannot be removed")
    assert job_fails(dc.s, "updateNetworkACLList", id=deny["id"], name="x") == (431, "Default ACL cannot be modified")
    assert error_of(dc.s, "createNetworkACL", aclid=deny["id"], protocol="tcp") == (431, "Default ACL cannot be modified")
    rule = items(dc.s, aclid=deny["id"])[0]
    assert job_fails(dc.s, "deleteNetworkACL", id=rule["id"]) == (431, "ACL Items in default ACL cannot be deleted")
    assert job_fails(dc.s, "updateNetworkACLItem", id=rule["id"], action="Allow") == (431, "Default ACL cannot be modified")
    other = items(dc.s, aclid=deny["id"])[1]
    assert job_fails(dc.s, "moveNetworkAclItem", id=rule["id"], previousaclruleid=other["id"]) == (431, "Default ACL rules cannot be moved.")


def test_list_create_update_delete(dc):
    s = dc.s
    acl = new_list(dc, "web", description="web tier")
    assert acl == {"id": acl["id"], "name": "web", "description": "web tier", "vpcid": dc.vpc["id"], "vpcname": "vpc1", "fordisplay": True}
    new_list(dc, "db", vpc=dc.vpc2)
    # vpcid: that VPC's lists and the defaults, newest first; without: every list the caller may see
    assert [a["name"] for a in lists(s, vpcid=dc.vpc["id"])] == ["web", "default_allow", "default_deny"]
    assert [a["name"] for a in lists(s)] == ["db", "web", "default_allow", "default_deny"]
    assert [a["name"] for a in lists(s, name="web", vpcid=dc.vpc2["id"])] == []
    assert [a["name"] for a in lists(s, keyword="tier")] == ["web"]  # name or description
    up = job_result(s, "updateNetworkACLList", id=acl["id"], name="www", description="changed")["networkacllist"]
    assert up["name"] == "www" and up["description"] == "changed"
    assert job_result(s, "updateNetworkACLList", id=acl["id"], fordisplay="false")["networkacllist"]["fordisplay"] is False
    assert lists(s, id=acl["id"])[0]["name"] == "www"
    assert error_of(s, "createNetworkACLList", name="x", vpcid="7b8b3f71-0000-4000-8000-000000000000")[0] == 431
    assert error_of(s, "createNetworkACLList", vpcid=dc.vpc["id"])[0] == 431  # name is required
    new_item(dc, acl, startport=80)
    job_result(s, "deleteNetworkACLList", id=acl["id"])
    assert lists(s, id=acl["id"]) == [] and items(s, protocol="tcp") == []  # its items go with it


def test_update_matches_sample(dc):
    sample = json.loads(SAMPLES.read_text())["updateNetworkACLList"]["updatenetworkacllistresponse"]["jobresult"]["networkacllist"]
    acl = new_list(dc, "test")
    reply = dc.s.ok("updateNetworkACLList", id=acl["id"], description="testtest")
    job = dc.s.wait(reply)
    got = job["jobresult"]["networkacllist"]
    assert set(sample) <= set(got) and got["description"] == "testtest" and got["vpcid"] == dc.vpc["id"]
    assert job["cmd"].endswith("UpdateNetworkACLListCmd")


def test_items_numbering_and_validation(dc):
    s = dc.s
    acl = new_list(dc)
    r1 = new_item(dc, acl, startport=22, cidrlist="10.0.0.0/8,192.168.0.0/16")
    assert (r1["number"], r1["traffictype"], r1["action"], r1["startport"], r1["endport"]) == (1, "Ingress", "Allow", "22", "22")
    assert r1["cidrlist"] == "10.0.0.0/8,192.168.0.0/16" and r1["state"] == "Active" and r1["aclname"] == "web"
    r5 = new_item(dc, acl, number=5, protocol="udp", startport=53, endport=54, traffictype="egress", action="deny", reason="dns")
    assert (r5["number"], r5["traffictype"], r5["action"], r5["reason"], r5["cidrlist"]) == (5, "Egress", "Deny", "dns", "0.0.0.0/0")
    r6 = new_item(dc, acl, protocol="icmp")  # max + 1; ICMP type and code default to -1
    assert (r6["number"], r6["icmptype"], r6["icmpcode"]) == (6, -1, -1)
    assert new_item(dc, acl, protocol="1")["protocol"] == "icmp"  # protocol number 1 is icmp
    assert new_item(dc, acl, protocol="47")["protocol"] == "47"
    bad = [
        (dict(number=5), f"ACL item with number 5 already exists in ACL: {acl['id']}"),
        (dict(number=0), "Invalid number [0]. Number cannot be < 1"),
        (dict(action="reject"), "Invalid action [reject]. Permitted actions are Allow and Deny"),
        (dict(traffictype="sideways"), "Invalid traffic type sideways"),
        (dict(startport=70000), "Start public port is an invalid value: 70000"),
        (dict(startport=90, endport=80), "Start port can't be bigger than end port [startport=90,endport=80]"),
        (dict(protocol="all", startport=80), "start port and end port must be null if protocol = 'all'"),
        (dict(protocol="sctp"), "Invalid protocol [sctp]. Expected one of: [tcp,udp,icmp,all]"),
        (dict(protocol="300"), "Invalid protocol number: 300"),
        (dict(protocol="tcp", icmptype=8), "Can specify icmpCode and icmpType for ICMP protocol only"),
        (dict(protocol="icmp", startport=8), "Can't specify start/end port when protocol is ICMP"),
        (dict(protocol="icmp", icmptype=300), "Invalid icmp type [300]. It should belong to [0-255] range"),
        (dict(cidrlist="10.0.0.0/33"), "Source cidrs formatting error 10.0.0.0/33"),
    ]
    before = items(s, aclid=acl["id"])
    for kw, text in bad:
        kw.setdefault("protocol", "tcp")
        assert error_of(s, "createNetworkACL", aclid=acl["id"], **kw) == (431, text), kw
    assert items(s, aclid=acl["id"]) == before
    assert error_of(s, "createNetworkACL", protocol="tcp") == (431, "Cannot create Network ACL Item. ACL Id or network Id is required")
    # listed newest first, filtered by traffic type, protocol, action
    assert [r["number"] for r in items(s, aclid=acl["id"])] == [8, 7, 6, 5, 1]
    assert [r["number"] for r in items(s, aclid=acl["id"], traffictype="Egress")] == [5]
    assert [r["number"] for r in items(s, aclid=acl["id"], action="Deny")] == [5]
    assert [r["number"] for r in items(s, aclid=acl["id"], protocol="icmp")] == [7, 6]


def test_item_update_full_and_partial(dc):
    s = dc.s
    acl = new_list(dc)
    rule = new_item(dc, acl, startport=80, cidrlist="10.0.0.0/8", reason="web")
    new_item(dc, acl, number=2, startport=443)
    up = job_result(s, "updateNetworkACLItem", id=rule["id"], protocol="tcp", startport=8080, action="Deny")["networkacl"]
    # not partial: what is not sent is cleared (the CIDRs, the reason), the end port follows the start port
    assert (up["startport"], up["endport"], up["action"], up.get("cidrlist"), up.get("reason")) == ("8080", "8080", "Deny", None, None)
    up = job_result(s, "updateNetworkACLItem", id=rule["id"], partialupgrade="true", cidrlist="1.2.3.0/24", traffictype="Egress")["networkacl"]
    assert (up["startport"], up["action"], up["cidrlist"], up["traffictype"]) == ("8080", "Deny", "1.2.3.0/24", "Egress")
    assert job_result(s, "updateNetworkACLItem", id=rule["id"], partialupgrade="true", number=7)["networkacl"]["number"] == 7
    assert job_fails(s, "updateNetworkACLItem", id=rule["id"], number=2) == (431, f"ACL item with number 2 already exists in ACL: {acl['id']}")
    assert job_fails(s, "updateNetworkACLItem", id=rule["id"], protocol="all", startport=1)[0] == 431
    assert items(s, id=rule["id"])[0]["number"] == 7


def test_item_delete_and_tags(dc):
    s = dc.s
    acl = new_list(dc)
    rule = new_item(dc, acl, startport=80)
    job_result(s, "createTags", resourcetype="NetworkACL", resourceids=rule["id"], **{"tags[0].key": "role", "tags[0].value": "web"})
    assert items(s, aclid=acl["id"])[0]["tags"][0]["key"] == "role"
    assert [r["id"] for r in items(s, **{"tags[0].key": "role", "tags[0].value": "web"})] == [rule["id"]]
    s.wait(s.ok("deleteNetworkACL", id=rule["id"]))
    assert items(s, aclid=acl["id"]) == [] and s.ok("listTags", resourceid=rule["id"]).get("tag", []) == []


def test_move_items(dc):
    s = dc.s
    acl = new_list(dc)
    a, b, c = (new_item(dc, acl, number=n, startport=n) for n in (1, 2, 3))
    d = new_item(dc, acl, number=12, startport=12)

    def order():
        return [(r["startport"], r["number"]) for r in sorted(items(s, aclid=acl["id"]), key=lambda r: r["number"])]

    # between a (1) and b (2): d takes 2, b and c shift down
    moved = job_result(s, "moveNetworkAclItem", id=d["id"], previousaclruleid=a["id"], nextaclruleid=b["id"])["networkacl"]
    assert moved["number"] == 2 and order() == [("1", 1), ("12", 2), ("2", 3), ("3", 4)]
    job_result(s, "moveNetworkAclItem", id=a["id"], previousaclruleid=c["id"])  # to the bottom
    assert order() == [("12", 2), ("2", 3), ("3", 4), ("1", 5)]
    job_result(s, "moveNetworkAclItem", id=a["id"], nextaclruleid=d["id"])  # to the top
    assert order()[0] == ("1", 1)
    good = hashlib.md5("".join(r["id"] for r in sorted(items(s, aclid=acl["id"]), key=lambda r: r["number"])).encode()).hexdigest()
    job_result(s, "moveNetworkAclItem", id=c["id"], nextaclruleid=a["id"], aclconsistencyhash=good)
    assert job_fails(s, "moveNetworkAclItem", id=c["id"], nextaclruleid=a["id"], aclconsistencyhash="0" * 32)[1].startswith(
        "It seems that the access control list in the database is not in the state")
    assert job_fails(s, "moveNetworkAclItem", id=c["id"]) == (431, "Both previous and next ACL rule IDs cannot be blank.")
    other = new_item(dc, new_list(dc, "other"), startport=1)
    assert job_fails(s, "moveNetworkAclItem", id=c["id"], nextaclruleid=other["id"]) == (
        431, "Cannot use ACL rules from differentiating ACLs. Rule being moved.")


def test_tier_acl_replace_and_delete_in_use(dc):
    s = dc.s
    web = new_list(dc, "web")
    d = defaults(s)
    t1 = tier(dc, "t1", "10.10.1.1", aclid=web["id"])
    assert (t1["aclid"], t1["aclname"]) == (web["id"], "web")
    t2 = tier(dc, "t2", "10.10.2.1")
    assert "aclid" not in t2  # no aclid: the tier has no list (VpcManagerImpl sets one only when given)
    assert items(s, networkid=t2["id"]) == []
    other = new_list(dc, "other", vpc=dc.vpc2)
    assert error_of(s, "createNetwork", name="t3", displaytext="t3", networkofferingid=dc.tier_off["id"], zoneid=dc.adv["id"],
                    vpcid=dc.vpc["id"], gateway="10.10.3.1", netmask="255.255.255.0", aclid=other["id"]) == (
        431, f"ACL: {other['id']} do not belong to the VPC")
    t3 = tier(dc, "t3", "10.10.3.1", aclid=d["default_allow"]["id"])  # nothing was made by the refused call
    assert t3["aclname"] == "default_allow"
    assert [n["name"] for n in s.ok("listNetworks", vpcid=dc.vpc["id"])["network"]] == ["t1", "t2", "t3"]
    # deleting a list in use: CloudStack's CloudRuntimeException, in the job
    assert job_fails(s, "deleteNetworkACLList", id=web["id"]) == (530, f"ACL is still associated with 1 tier(s). Cannot delete network ACL: {web['id']}")
    # replace: the tier's list changes; listNetworkACLLists networkid= shows it
    job_result(s, "replaceNetworkACLList", aclid=d["default_deny"]["id"], networkid=t1["id"])
    net = s.ok("listNetworks", id=t1["id"])["network"][0]
    assert (net["aclid"], net["aclname"]) == (d["default_deny"]["id"], "default_deny")
    assert [a["name"] for a in lists(s, networkid=t1["id"])] == ["default_deny"]
    assert [r["action"] for r in items(s, networkid=t1["id"])] == ["Deny", "Deny"]
    assert job_fails(s, "replaceNetworkACLList", aclid=other["id"], networkid=t1["id"]) == (
        431, f"Network: {t1['id']} and ACL: {other['id']} do not belong to the same VPC")
    plain = dc.network("plain")
    assert job_fails(s, "replaceNetworkACLList", aclid=web["id"], networkid=plain["id"]) == (431, f"Network is not part of a VPC: {plain['id']}")
    assert job_fails(s, "replaceNetworkACLList", aclid=web["id"]) == (431, "Network ID and private gateway can't be null at the same time")
    job_result(s, "deleteNetworkACLList", id=web["id"])
    assert lists(s, id=web["id"]) == []


def test_item_on_tier_without_list_creates_one(dc):
    s = dc.s
    t = tier(dc, "app", "10.10.5.1")
    rule = job_result(s, "createNetworkACL", networkid=t["id"], protocol="tcp", startport=22)["networkacl"]
    net = s.ok("listNetworks", id=t["id"])["network"][0]
    assert net["aclname"] == f"VPC_vpc1_Tier_app_ACL_{t['id']}" and rule["aclid"] == net["aclid"]
    assert [r["id"] for r in items(s, networkid=t["id"])] == [rule["id"]]


def test_vpc_delete_removes_its_lists(dc):
    s = dc.s
    acl = new_list(dc, "gone", vpc=dc.vpc2)
    new_item(dc, acl, startport=80)
    job_result(s, "deleteVPC", id=dc.vpc2["id"])
    assert lists(s, id=acl["id"]) == [] and [i for i in s.sim.snapshot("networkacl") if i["aclid"] == acl["id"]] == []
    assert set(defaults(s)) == {"default_allow", "default_deny"}


def test_scoping(dc):
    s = dc.s
    new_list(dc, "admins")
    user = new_account(s, "acluser")
    u = As(s, keys_for(s, user))
    names = [a["name"] for a in u.ok("listNetworkACLLists").get("networkacllist", [])]
    assert names == ["default_allow", "default_deny"]  # another account's VPC lists are not shown
    status, body = u.call("createNetworkACLList", name="x", vpcid=dc.vpc["id"])
    assert status == 531


def test_replace_on_private_gateway(dc):
    """gatewayid: the list of a private gateway (the vpcgateways family's "privategateway" objects carry aclid/aclname)."""
    s = dc.s
    web, other = new_list(dc, "web"), new_list(dc, "other", vpc=dc.vpc2)
    with s.sim.lock:
        gw = s.sim.store.add("privategateway", {"vpcid": dc.vpc["id"], "state": "Ready", "account": "admin", "domainid": dc.vpc["domainid"]})
        s.sim.store.commit()
    job_result(s, "replaceNetworkACLList", aclid=web["id"], gatewayid=gw["id"])
    assert (gw["aclid"], gw["aclname"]) == (web["id"], "web")
    assert job_fails(s, "deleteNetworkACLList", id=web["id"]) == (
        530, f"ACL is still associated with 1 private gateway(s). Cannot delete network ACL: {web['id']}")
    assert job_fails(s, "replaceNetworkACLList", aclid=other["id"], gatewayid=gw["id"]) == (
        431, f"private gateway: {gw['id']} and ACL: {other['id']} do not belong to the same VPC")
    t = tier(dc, "t1", "10.10.1.1")
    assert job_fails(s, "replaceNetworkACLList", aclid=web["id"], gatewayid=gw["id"], networkid=t["id"]) == (
        431, "Network ID and private gateway can't be passed at the same time")
    assert error_of(s, "replaceNetworkACLList", aclid=web["id"], gatewayid="7b8b3f71-0000-4000-8000-000000000000")[0] == 431
