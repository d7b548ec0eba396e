"""Global and scoped configuration: values of the simulator developer build, filters, updates, resets."""
from sim_infra_helpers import cluster, error, tree, zone


def one(s, name, **scope):
    found = [c for c in s.ok("listConfigurations", name=name, **scope)["configuration"] if c["name"] == name]
    assert len(found) == 1, found
    return found[0]


def test_seeded_from_the_simulator_developer_build(simserver):
    cfg = one(simserver, "account.cleanup.interval")
    # developer-prefill.sql sets 20 where a production install has the default 86400
    assert cfg["value"] == "20" and cfg["defaultvalue"] == "86400"
    assert cfg["category"] == "Advanced" and cfg["type"] == "Number" and cfg["isdynamic"] is False
    assert cfg["group"] == "Access" and cfg["subgroup"] == "Account" and cfg["description"]
    assert "scope" not in cfg  # only a scoped list names the scope
    # the 4.18 value where newer releases differ
    assert one(simserver, "hypervisor.list")["value"] == "Hyperv,KVM,XenServer,VMware,BareMetal,Ovm,LXC,Ovm3"
    # a setting whose row developer-prefill.sql inserted first keeps that row's category
    assert one(simserver, "cluster.cpu.allocated.capacity.disablethreshold")["category"] == "Advanced"


def test_hidden_empty_and_secure_values(simserver):
    listed = simserver.ok("listConfigurations", name="secondary.storage.vm").get("configuration", [])
    assert "secondary.storage.vm" not in [c["name"] for c in listed]  # category Hidden is never listed
    assert "init" not in [c["name"] for c in simserver.ok("listConfigurations", name="init")["configuration"]]
    empty = one(simserver, "alert.email.addresses")
    assert "value" not in empty and empty["category"] == "Alert"  # a null value is left out, as CloudStack's serializer does
    secure = one(simserver, "network.loadbalancer.haproxy.stats.auth")
    assert secure["category"] == "Secure" and secure["value"] and secure["value"] != "admin1:AdMiN123"


def test_filters(simserver):
    by_name = simserver.ok("listConfigurations", name="expunge.")["configuration"]
    assert {c["name"] for c in by_name} >= {"expunge.delay", "expunge.interval", "expunge.workers"}  # name is a LIKE search
    alerts = simserver.ok("listConfigurations", category="Alert")["configuration"]
    assert alerts and all(c["category"] == "Alert" for c in alerts)
    kw = simserver.ok("listConfigurations", keyword="overprovisioning")["configuration"]
    assert {"cpu.overprovisioning.factor", "mem.overprovisioning.factor"} <= {c["name"] for c in kw}
    page = simserver.ok("listConfigurations", page=2, pagesize=10)
    assert len(page["configuration"]) == 10 and page["count"] > 500


def test_update_and_reset_global(simserver):
    up = simserver.ok("updateConfiguration", name="expunge.delay", value="120")["configuration"]
    assert up["value"] == "120" and up["name"] == "expunge.delay" and "scope" not in up
    assert one(simserver, "expunge.delay")["value"] == "120"
    reset = simserver.ok("resetConfiguration", name="expunge.delay")["configuration"]
    assert reset["value"] == "86400"  # back to the default value
    cleared = simserver.ok("updateConfiguration", name="alert.email.addresses", value="a@example.com")["configuration"]
    assert cleared["value"] == "a@example.com"
    assert "value" not in simserver.ok("updateConfiguration", name="alert.email.addresses", value="")["configuration"]


def test_update_refusals(simserver):
    status, text = error(simserver, "updateConfiguration", name="no.such.setting", value="1")
    assert status == 431 and text == "Config parameter with name no.such.setting doesn't exist"
    status, text = error(simserver, "updateConfiguration", name="allow.user.create.projects", value="yes")
    assert status == 431 and text == "Please enter either 'true' or 'false'."
    status, text = error(simserver, "updateConfiguration", name="expunge.delay", value="soon")
    assert status == 431 and "expunge.delay" in text
    z = zone(simserver)
    status, text = error(simserver, "updateConfiguration", name="expunge.delay", value="5", zoneid=z["id"])
    assert status == 431 and text == "Invalid scope id provided for the parameter expunge.delay"


def test_zone_and_cluster_scope(simserver):
    z, p, c = tree(simserver)
    up = simserver.ok("updateConfiguration", name="vr.public.interface.max.mtu", value="9000", zoneid=z["id"])["configuration"]
    assert up["value"] == "9000" and up["scope"] == "zone"
    scoped = simserver.ok("listConfigurations", zoneid=z["id"])["configuration"]
    assert all(s["scope"] == "zone" for s in scoped)
    assert {s["name"]: s.get("value") for s in scoped}["vr.public.interface.max.mtu"] == "9000"
    assert one(simserver, "vr.public.interface.max.mtu")["value"] == "1500"  # the global value is untouched
    assert simserver.ok("listZones", id=z["id"])["zone"][0]["routerpublicinterfacemaxmtu"] == 9000
    # a cluster-scoped overcommit factor changes the cluster's reply and its hosts' capacity
    simserver.ok("updateConfiguration", name="cpu.overprovisioning.factor", value="2.0", clusterid=c["id"])
    assert simserver.ok("listClusters", id=c["id"])["cluster"][0]["cpuovercommitratio"] == "2.0"
    # the global setting applies to clusters created after it changes; existing ones keep their ratio
    simserver.ok("updateConfiguration", name="mem.overprovisioning.factor", value="1.5")
    assert simserver.ok("listClusters", id=c["id"])["cluster"][0]["memoryovercommitratio"] == "1.0"
    c2 = cluster(simserver, z["id"], p["id"], name="c2")
    assert c2["memoryovercommitratio"] == "1.5" and c2["resourcedetails"]["memoryOvercommitRatio"] == "1.5"
    reset = simserver.ok("resetConfiguration", name="vr.public.interface.max.mtu", zoneid=z["id"])["configuration"]
    assert reset["value"] == "1500" and reset["scope"] == "zone"
    assert one(simserver, "vr.public.interface.max.mtu", zoneid=z["id"])["value"] == "1500"


def test_default_page_size_governs_lists(simserver):
    simserver.ok("updateConfiguration", name="default.page.size", value="3")
    reply = simserver.ok("listConfigurations", category="Alert")
    assert reply["count"] > 3 and len(reply["configuration"]) == 3


def test_account_and_domain_scope(simserver):
    admin = simserver.ok("listAccounts", name="admin")["account"][0]
    up = simserver.ok("updateConfiguration", name="allow.user.expunge.recover.vm", value="true", accountid=admin["id"])["configuration"]
    assert up["scope"] == "account" and up["value"] == "true"
    listed = {c["name"]: c for c in simserver.ok("listConfigurations", accountid=admin["id"])["configuration"]}
    assert listed["allow.user.expunge.recover.vm"]["value"] == "true" and listed["allow.user.expunge.recover.vm"]["scope"] == "account"
    assert "expunge.delay" not in listed  # a scoped list holds the settings of that scope only
    assert one(simserver, "allow.user.expunge.recover.vm")["value"] == "false"
    root = simserver.ok("listDomains", name="ROOT")["domain"][0]
    up = simserver.ok("updateConfiguration", name="allow.user.view.all.domain.accounts", value="true", domainid=root["id"])["configuration"]
    assert up["scope"] == "domain" and up["value"] == "true"
    status, text = error(simserver, "updateConfiguration", name="allow.user.view.all.domain.accounts", value="true",
                         domainid=root["id"], accountid=admin["id"])
    assert status == 431 and text == "cannot handle multiple IDs, provide only one ID corresponding to the scope"
