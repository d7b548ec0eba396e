"""OS categories and types, the templates of a fresh simulator build with templatefilter rules, hypervisor capabilities."""
from sim_tenancy_helpers import As, keys_for, new_account

CENTOS = "CentOS 5.6 (64-bit) no GUI (Simulator)"
SYSTEMVM = "SystemVM Template (simulator)"


def add_zone_with_store(s, name="zone1", store=True):
    with s.sim.lock:
        zone = s.sim.store.add("zone", {"name": name, "allocationstate": "Enabled", "networktype": "Advanced"})
        if store:
            s.sim.store.add("imagestore", {"name": f"{name}-nfs", "zoneid": zone["id"], "zonename": name, "protocol": "nfs",
                                           "providername": "NFS", "scope": "ZONE", "url": "nfs://10.0.0.1/export"})
        s.sim.store.commit()
    return zone


def test_os_categories_and_types(simserver):
    s = simserver
    cats = s.ok("listOsCategories")
    assert cats["count"] == 11 and cats["oscategory"][0]["name"] == "CentOS"
    centos = cats["oscategory"][0]
    types = s.ok("listOsTypes", pagesize=-1)
    assert types["count"] == 365 and len(types["ostype"]) == 365
    one = s.ok("listOsTypes", description="CentOS 5.6 (64-bit)")["ostype"]
    assert len(one) == 1 and one[0]["oscategoryid"] == centos["id"] and one[0]["isuserdefined"] is False
    in_cat = s.ok("listOsTypes", oscategoryid=centos["id"], pagesize=-1)
    assert in_cat["count"] > 10 and all(t["oscategoryid"] == centos["id"] for t in in_cat["ostype"])
    assert all("ubuntu" in t["description"].lower() for t in s.ok("listOsTypes", keyword="ubuntu", pagesize=-1)["ostype"])
    assert s.ok("listOsTypes", id=one[0]["id"])["count"] == 1
    status, _ = s.call("listOsTypes", id="no-such-type")
    assert status == 431
    assert s.ok("listOsCategories", name="windows")["oscategory"][0]["name"] == "Windows"


def test_templates_of_a_fresh_simulator_without_zones(simserver):
    s = simserver
    featured = s.ok("listTemplates", templatefilter="featured")
    assert [t["name"] for t in featured["template"]] == [CENTOS]
    t = featured["template"][0]
    assert (t["templatetype"], t["hypervisor"], t["format"]) == ("BUILTIN", "Simulator", "VHD")
    assert (t["ispublic"], t["isfeatured"], t["crossZones"]) == (True, True, True)
    assert (t["ostypename"], t["account"], t["domain"], t["isready"], t["isextractable"]) == ("CentOS 5.6 (64-bit)", "system", "ROOT", False, False)
    ostype = s.ok("listOsTypes", id=t["ostypeid"])["ostype"][0]
    assert ostype["description"] == "CentOS 5.6 (64-bit)"
    assert sorted(x["name"] for x in s.ok("listTemplates", templatefilter="all")["template"]) == [CENTOS, SYSTEMVM]
    assert s.ok("listTemplates", templatefilter="self") == {}
    assert s.ok("listTemplates", templatefilter="community") == {}
    assert s.ok("listTemplates", templatefilter="executable") == {}  # nothing is ready before secondary storage exists


def test_templates_in_a_zone_with_secondary_storage(simserver):
    s = simserver
    zone = add_zone_with_store(s)
    bare = add_zone_with_store(s, "zone2", store=False)
    featured = s.ok("listTemplates", templatefilter="featured")["template"]
    assert [(t["zonename"], t["isready"]) for t in featured] == [("zone1", True), ("zone2", False)]
    ready = featured[0]
    assert ready["status"] == "Download Complete" and ready["zoneid"] == zone["id"]
    assert ready["downloaddetails"] == [{"datastore": "zone1-nfs", "downloadPercent": "100", "downloadState": "DOWNLOADED"}]
    assert [t["zonename"] for t in s.ok("listTemplates", templatefilter="executable")["template"]] == ["zone1"]
    assert [t["zonename"] for t in s.ok("listTemplates", templatefilter="featured", zoneid=bare["id"])["template"]] == ["zone2"]
    assert s.ok("listTemplates", templatefilter="featured", showunique="true")["count"] == 1
    assert s.ok("listTemplates", templatefilter="featured", hypervisor="KVM") == {}
    assert s.ok("listTemplates", templatefilter="featured", hypervisor="simulator")["count"] == 2
    assert s.ok("listTemplates", templatefilter="all", name=SYSTEMVM)["count"] == 2
    one = s.ok("listTemplates", templatefilter="featured", id=ready["id"], zoneid=zone["id"])
    assert one["count"] == 1 and one["template"][0]["name"] == CENTOS
    assert s.ok("listTemplates", templatefilter="featured", keyword="centos")["count"] == 2


def test_template_filter_rules(simserver):
    s = simserver
    status, body = s.call("listTemplates")
    assert status == 431 and "missing parameter templatefilter" in body["listtemplatesresponse"]["errortext"]
    status, body = s.call("listTemplates", templatefilter="everything")
    assert status == 431 and "valid template filter" in body["listtemplatesresponse"]["errortext"]
    user = As(s, keys_for(s, new_account(s, "tina")))
    status, body = user.call("listTemplates", templatefilter="all")
    assert status == 431 and body["listtemplatesresponse"]["errortext"] == "Filter all can be specified by admin only"
    assert [t["name"] for t in user.ok("listTemplates", templatefilter="featured")["template"]] == [CENTOS]
    assert user.ok("listTemplates", templatefilter="self") == {}


def test_hypervisor_capabilities(simserver):
    s = simserver
    rows = s.ok("listHypervisorCapabilities")
    assert rows["count"] > 20
    sim = s.ok("listHypervisorCapabilities", hypervisor="Simulator")["hypervisorCapabilities"]
    assert len(sim) == 1
    assert (sim[0]["hypervisorversion"], sim[0]["maxguestslimit"], sim[0]["maxdatavolumeslimit"]) == ("default", 50, 6)
    assert (sim[0]["securitygroupenabled"], sim[0]["storagemotionenabled"], sim[0]["vmsnapshotenabled"]) == (True, True, True)
    assert s.ok("listHypervisorCapabilities", id=sim[0]["id"])["count"] == 1
    xen = s.ok("listHypervisorCapabilities", hypervisor="XenServer")["hypervisorCapabilities"]
    assert {r["hypervisor"] for r in xen} == {"XenServer"} and "default" in {r["hypervisorversion"] for r in xen}


def test_update_hypervisor_capabilities(simserver):
    s = simserver
    row = s.ok("listHypervisorCapabilities", hypervisor="Simulator")["hypervisorCapabilities"][0]
    updated = s.ok("updateHypervisorCapabilities", id=row["id"], maxguestslimit=100, vmsnapshotenabled="false")["hypervisorCapabilities"]
    assert (updated["maxguestslimit"], updated["vmsnapshotenabled"], updated["maxdatavolumeslimit"]) == (100, False, 6)
    assert s.ok("listHypervisorCapabilities", id=row["id"])["hypervisorCapabilities"][0]["maxguestslimit"] == 100
    status, _ = s.call("updateHypervisorCapabilities", id=row["id"], maxguestslimit=-1)
    assert status == 431


def test_the_cs_client_pages_through_the_os_types(simserver):
    cs = simserver.cs()
    types = cs.listOsTypes(fetch_list=True)
    assert len(types) == 365 and len({t["id"] for t in types}) == 365
    featured = cs.listTemplates(templatefilter="featured", fetch_list=True)
    assert [t["name"] for t in featured] == [CENTOS]
