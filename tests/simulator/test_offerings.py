"""Service, disk and network offerings: the 4.18 seeds, create/update/delete/list, scoping and refusals."""
from sim_tenancy_helpers import As, keys_for, new_account


def add_zone(s, name="zone1"):
    with s.sim.lock:
        zone = s.sim.store.add("zone", {"name": name, "allocationstate": "Enabled", "networktype": "Advanced"})
        s.sim.store.commit()
    return zone


# ---- service offerings ----------------------------------------------------------------------------
def test_seeded_service_offerings(simserver):
    s = simserver
    user = s.ok("listServiceOfferings")
    assert [o["name"] for o in user["serviceoffering"]] == ["Small Instance", "Medium Instance"]
    small = user["serviceoffering"][0]
    assert (small["cpunumber"], small["cpuspeed"], small["memory"], small["storagetype"], small["issystem"]) == (1, 500, 512, "shared", False)
    system = s.ok("listServiceOfferings", issystem="true")
    assert system["count"] == 10
    assert all(o["issystem"] and o["defaultuse"] and "displaytext" not in o for o in system["serviceoffering"])
    routers = s.ok("listServiceOfferings", issystem="true", systemvmtype="domainrouter")["serviceoffering"]
    assert sorted(o["name"] for o in routers) == ["System Offering For Software Router", "System Offering For Software Router - Local Storage"]
    assert {o["memory"] for o in routers} == {256}
    assert {o["storagetype"] for o in routers} == {"shared", "local"}
    assert s.ok("listServiceOfferings", name="medium instance")["serviceoffering"][0]["cpuspeed"] == 1000
    assert s.ok("listServiceOfferings", keyword="Small")["count"] == 1


def test_create_fixed_and_custom_service_offerings(simserver):
    s = simserver
    fixed = s.ok("createServiceOffering", name="fixed", displaytext="Fixed 2x1000/2048", cpunumber=2, cpuspeed=1000, memory=2048,
                 offerha="true", limitcpuuse="true", hosttags="fast", tags="ssd", storagetype="local", provisioningtype="fat",
                 bytesreadrate=1000, iopswriterate=200)["serviceoffering"]
    assert (fixed["cpunumber"], fixed["cpuspeed"], fixed["memory"], fixed["iscustomized"]) == (2, 1000, 2048, False)
    assert (fixed["offerha"], fixed["limitcpuuse"], fixed["hosttags"], fixed["storagetags"]) == (True, True, "fast", "ssd")
    assert (fixed["storagetype"], fixed["provisioningtype"], fixed["diskBytesReadRate"], fixed["diskIopsWriteRate"]) == ("local", "fat", 1000, 200)
    assert fixed["issystem"] is False and fixed["defaultuse"] is False

    custom = s.ok("createServiceOffering", name="custom", displaytext="Custom", customized="true")["serviceoffering"]
    assert custom["iscustomized"] is True and "cpunumber" not in custom and "memory" not in custom
    constrained = s.ok("createServiceOffering", name="constrained", displaytext="Constrained", customized="true", cpuspeed=1000,
                       mincpunumber=1, maxcpunumber=4, minmemory=512, maxmemory=4096)["serviceoffering"]
    assert constrained["serviceofferingdetails"] == {"mincpunumber": "1", "maxcpunumber": "4", "minmemory": "512", "maxmemory": "4096"}
    names = [o["name"] for o in s.ok("listServiceOfferings", cpunumber=4, memory=4096)["serviceoffering"]]
    assert "constrained" in names and "custom" in names and "fixed" not in names
    assert "constrained" not in [o["name"] for o in s.ok("listServiceOfferings", cpunumber=8)["serviceoffering"]]

    system = s.ok("createServiceOffering", name="router big", displaytext="Router", cpunumber=2, cpuspeed=1000, memory=1024,
                  issystem="true", systemvmtype="domainrouter")["serviceoffering"]
    assert system["issystem"] is True and system["systemvmtype"] == "domainrouter"
    assert system["id"] not in [o["id"] for o in s.ok("listServiceOfferings")["serviceoffering"]]
    assert system["id"] in [o["id"] for o in s.ok("listServiceOfferings", issystem="true")["serviceoffering"]]


def test_service_offering_refusals(simserver):
    s = simserver
    cases = [
        ({"cpunumber": 0, "cpuspeed": 100, "memory": 512}, "cpu number"),
        ({"cpunumber": 1, "cpuspeed": 100, "memory": 16}, "memory value"),
        ({"cpunumber": 1, "cpuspeed": 100, "memory": 512, "storagetype": "tape"}, "Invalid storage type tape"),
        ({"cpunumber": 1, "cpuspeed": 100, "memory": 512, "provisioningtype": "thick"}, "Invalid provisioning type: thick"),
        ({"cpunumber": 1, "cpuspeed": 100, "memory": 512, "issystem": "true", "systemvmtype": "toaster"}, "Invalid systemVmType"),
        ({"cpunumber": 1, "cpuspeed": 100, "memory": 512, "zoneid": "no-such-zone"}, "zoneid"),
        ({"cpunumber": 1, "cpuspeed": 100, "memory": 512, "domainid": "no-such-domain"}, "domainid"),
        ({"customized": "false", "cpunumber": 1}, "cpunumber, cpuspeed and memory"),
    ]
    for params, text in cases:
        status, body = s.call("createServiceOffering", name="bad", displaytext="bad", **params)
        assert status == 431 and text in body["createserviceofferingresponse"]["errortext"], (params, body)
    status, body = s.call("createServiceOffering", displaytext="no name", cpunumber=1, cpuspeed=100, memory=512)
    assert status == 431 and "missing parameter name" in body["createserviceofferingresponse"]["errortext"]


def test_update_and_delete_service_offering(simserver):
    s = simserver
    zone = add_zone(s)
    so = s.ok("createServiceOffering", name="so", displaytext="so", cpunumber=1, cpuspeed=500, memory=512)["serviceoffering"]
    so = s.ok("updateServiceOffering", id=so["id"], name="so2", displaytext="second", hosttags="a,b", storagetags="ssd",
              zoneid=zone["id"], sortkey=-1)["serviceoffering"]
    assert (so["name"], so["displaytext"], so["hosttags"], so["storagetags"], so["zoneid"], so["zone"]) == ("so2", "second", "a,b", "ssd", zone["id"], "zone1")
    assert s.ok("listServiceOfferings")["serviceoffering"][0]["id"] == so["id"]  # sortkey first
    assert s.ok("listServiceOfferings", zoneid=zone["id"])["count"] == 3
    so = s.ok("updateServiceOffering", id=so["id"], zoneid="all")["serviceoffering"]
    assert "zoneid" not in so
    assert s.ok("deleteServiceOffering", id=so["id"]) == {"success": True}
    # CloudStack keeps a deleted offering as Inactive for the VMs using it: lists no longer show it
    assert s.ok("listServiceOfferings", id=so["id"]) == {}
    assert so["id"] not in [o["id"] for o in s.ok("listServiceOfferings")["serviceoffering"]]
    router = s.ok("listServiceOfferings", issystem="true", systemvmtype="domainrouter")["serviceoffering"][0]
    status, body = s.call("deleteServiceOffering", id=router["id"])
    assert status == 431 and body["deleteserviceofferingresponse"]["errortext"] == "Default service offerings cannot be deleted"


def test_domain_scoped_offerings(simserver):
    s = simserver
    d1 = s.ok("createDomain", name="d1")["domain"]
    d2 = s.ok("createDomain", name="d2", parentdomainid=d1["id"])["domain"]
    so = s.ok("createServiceOffering", name="d1 only", displaytext="d1", cpunumber=1, cpuspeed=500, memory=512, domainid=d1["id"])["serviceoffering"]
    assert (so["domainid"], so["domain"]) == (d1["id"], "d1")
    do = s.ok("createDiskOffering", name="d1 disk", displaytext="d1", disksize=1, domainid=d1["id"])["diskoffering"]
    assert (do["domainid"], do["domain"], do["disksize"]) == (d1["id"], "d1", 1)
    inner = As(s, keys_for(s, new_account(s, "inner", d2["id"])))
    outer = As(s, keys_for(s, new_account(s, "outer")))
    assert "d1 only" in [o["name"] for o in inner.ok("listServiceOfferings")["serviceoffering"]]
    assert "d1 disk" in [o["name"] for o in inner.ok("listDiskOfferings")["diskoffering"]]
    assert "d1 only" not in [o["name"] for o in outer.ok("listServiceOfferings")["serviceoffering"]]
    assert "d1 disk" not in [o["name"] for o in outer.ok("listDiskOfferings")["diskoffering"]]
    assert [o["name"] for o in s.ok("listServiceOfferings", domainid=d2["id"])["serviceoffering"]] == ["d1 only"]
    # a user cannot create offerings
    status, _ = outer.call("createServiceOffering", name="x", displaytext="x", cpunumber=1, cpuspeed=1, memory=512)
    assert status == 432  # no rule of the 4.18 User role names it (the API access check)
    # made public again
    so = s.ok("updateServiceOffering", id=so["id"], domainid="public")["serviceoffering"]
    assert "domainid" not in so and "d1 only" in [o["name"] for o in outer.ok("listServiceOfferings")["serviceoffering"]]
    # deleting the domain removes the offerings scoped to it alone
    s.wait(s.ok("deleteDomain", id=d1["id"], cleanup="true"))
    assert s.ok("listDiskOfferings", name="d1 disk") == {}


# ---- disk offerings -------------------------------------------------------------------------------
def test_seeded_disk_offerings(simserver):
    offs = simserver.ok("listDiskOfferings")["diskoffering"]
    assert [(o["name"], o["disksize"], o["iscustomized"]) for o in offs] == [
        ("Small", 5, False), ("Medium", 20, False), ("Large", 100, False), ("Custom", 0, True)]
    assert {o["provisioningtype"] for o in offs} == {"thin"} and {o["storagetype"] for o in offs} == {"shared"}
    # the compute-only disk offerings behind the service offerings are not listed
    assert "Small Instance" not in [o["name"] for o in offs]


def test_disk_offering_lifecycle(simserver):
    s = simserver
    do = s.ok("createDiskOffering", name="fast", displaytext="Fast 50 GB", disksize=50, tags="ssd", provisioningtype="sparse",
              miniops=100, maxiops=500, customizediops="true", iopsreadrate=300)["diskoffering"]
    assert (do["disksize"], do["tags"], do["provisioningtype"], do["miniops"], do["maxiops"], do["iscustomizediops"]) == (50, "ssd", "sparse", 100, 500, True)
    assert (do["diskIopsReadRate"], do["displayoffering"], do["iscustomized"]) == (300, True, False)
    custom = s.ok("createDiskOffering", name="any size", displaytext="Any", customized="true")["diskoffering"]
    assert custom["iscustomized"] is True and custom["disksize"] == 0
    status, body = s.call("createDiskOffering", name="nosize", displaytext="nosize")
    assert status == 431 and "Disksize is required" in body["creatediskofferingresponse"]["errortext"]
    status, body = s.call("createDiskOffering", name="tiny", displaytext="tiny", disksize=0)
    assert status == 431
    status, body = s.call("createDiskOffering", name="iops", displaytext="iops", disksize=1, miniops=10, maxiops=5)
    assert status == 431

    do = s.ok("updateDiskOffering", id=do["id"], name="faster", displaytext="Faster", tags="nvme", displayoffering="false")["diskoffering"]
    assert (do["name"], do["displaytext"], do["tags"], do["displayoffering"]) == ("faster", "Faster", "nvme", False)
    assert s.ok("listDiskOfferings", name="faster")["count"] == 1
    assert s.ok("listDiskOfferings", keyword="fast")["count"] == 1
    assert s.ok("deleteDiskOffering", id=do["id"]) == {"success": True}
    assert s.ok("listDiskOfferings", name="faster") == {}


# ---- network offerings ----------------------------------------------------------------------------
def test_seeded_network_offerings(simserver):
    s = simserver
    offs = s.ok("listNetworkOfferings")
    assert offs["count"] == 14  # the 20 of 4.18 less the six system ones
    names = [o["name"] for o in offs["networkoffering"]]
    assert "System-Public-Network" not in names and "QuickCloudNoServices" in names
    sn = s.ok("listNetworkOfferings", name="DefaultIsolatedNetworkOfferingWithSourceNatService")["networkoffering"][0]
    assert (sn["availability"], sn["guestiptype"], sn["state"], sn["isdefault"], sn["networkrate"]) == ("Required", "Isolated", "Enabled", True, 200)
    services = {x["name"]: [p["name"] for p in x["provider"]] for x in sn["service"]}
    assert services["SourceNat"] == ["VirtualRouter"] and len(services) == 10
    snat = next(x for x in sn["service"] if x["name"] == "SourceNat")
    assert {"name": "SupportedSourceNatTypes", "value": "peraccount", "canchooseservicecapability": False} in snat["capability"]
    assert s.ok("listNetworkOfferings", guestiptype="L2")["count"] == 4
    assert s.ok("listNetworkOfferings", forvpc="true")["count"] == 3
    vpc = s.ok("listNetworkOfferings", name="DefaultIsolatedNetworkOfferingForVpcNetworks")["networkoffering"][0]
    assert {p["name"] for x in vpc["service"] for p in x["provider"]} == {"VpcVirtualRouter"}
    assert s.ok("listNetworkOfferings", supportedservices="SecurityGroup")["count"] == 3
    assert s.ok("listNetworkOfferings", sourcenatsupported="true")["count"] == 4


def test_network_offering_lifecycle(simserver):
    s = simserver
    router = s.ok("listServiceOfferings", issystem="true", systemvmtype="domainrouter")["serviceoffering"][0]
    no = s.ok("createNetworkOffering", name="iso", displaytext="Isolated with NAT", guestiptype="Isolated", traffictype="Guest",
              supportedservices="Dhcp,Dns,SourceNat,Firewall", serviceofferingid=router["id"], networkrate=100, egressdefaultpolicy="false",
              **{"serviceproviderlist[0].service": "Dhcp", "serviceproviderlist[0].provider": "VirtualRouter",
                 "serviceproviderlist[1].service": "SourceNat", "serviceproviderlist[1].provider": "VirtualRouter",
                 "servicecapabilitylist[0].service": "SourceNat", "servicecapabilitylist[0].capabilitytype": "SupportedSourceNatTypes",
                 "servicecapabilitylist[0].capabilityvalue": "perzone"})["networkoffering"]
    assert (no["state"], no["guestiptype"], no["traffictype"], no["isdefault"], no["networkrate"]) == ("Disabled", "Isolated", "Guest", False, 100)
    assert no["serviceofferingid"] == router["id"] and no["egressdefaultpolicy"] is False
    services = {x["name"]: [p["name"] for p in x["provider"]] for x in no["service"]}
    assert services == {"Dhcp": ["VirtualRouter"], "Dns": ["VirtualRouter"], "SourceNat": ["VirtualRouter"], "Firewall": ["VirtualRouter"]}
    snat = next(x for x in no["service"] if x["name"] == "SourceNat")
    assert {"name": "SupportedSourceNatTypes", "value": "perzone", "canchooseservicecapability": False} in snat["capability"]
    assert no["id"] not in [o["id"] for o in s.ok("listNetworkOfferings", state="Enabled")["networkoffering"]]

    no = s.ok("updateNetworkOffering", id=no["id"], state="Enabled", name="iso2", displaytext="renamed")["networkoffering"]
    assert (no["state"], no["name"], no["displaytext"]) == ("Enabled", "iso2", "renamed")
    assert no["id"] in [o["id"] for o in s.ok("listNetworkOfferings", state="Enabled")["networkoffering"]]
    status, body = s.call("updateNetworkOffering", id=no["id"], state="Sleeping")
    assert status == 431 and "Sleeping" in body["updatenetworkofferingresponse"]["errortext"]

    l2 = s.ok("createNetworkOffering", name="l2", displaytext="L2", guestiptype="L2", traffictype="GUEST", specifyvlan="true",
              enable="true")["networkoffering"]
    assert (l2["state"], l2["specifyvlan"], l2["service"]) == ("Enabled", True, [])

    # in use by a network: refused, as CloudStack refuses it (InvalidParameterValueException)
    with s.sim.lock:
        net = s.sim.store.add("network", {"name": "n1", "networkofferingid": no["id"]})
    status, body = s.call("deleteNetworkOffering", id=no["id"])
    assert status == 431 and "as its used by 1 networks" in body["deletenetworkofferingresponse"]["errortext"]
    with s.sim.lock:
        s.sim.store.delete("network", net["id"])
    assert s.ok("deleteNetworkOffering", id=no["id"]) == {"success": True}
    assert s.ok("listNetworkOfferings", name="iso2") == {}
    default = s.ok("listNetworkOfferings", name="DefaultSharedNetworkOffering")["networkoffering"][0]
    status, body = s.call("deleteNetworkOffering", id=default["id"])
    assert status == 431 and body["deletenetworkofferingresponse"]["errortext"] == "Default network offering can't be deleted"


def test_network_offering_refusals(simserver):
    s = simserver
    base = {"name": "bad", "displaytext": "bad", "guestiptype": "Isolated", "traffictype": "Guest"}
    cases = [
        ({"guestiptype": "Flat"}, "Shared, Isolated and L2"),
        ({"traffictype": "Public"}, "Only traffic type Guest"),
        ({"traffictype": "Wire"}, "Invalid value for traffictype"),
        ({"supportedservices": "Teleport"}, "Invalid service Teleport"),
        ({"supportedservices": "Dhcp", "serviceproviderlist[0].service": "Dhcp", "serviceproviderlist[0].provider": "Nobody"}, "Invalid service provider"),
        ({"guestiptype": "L2", "supportedservices": "Dhcp"}, "L2"),
        ({"availability": "Required", "supportedservices": "Dhcp"}, "Required"),
        ({"name": "DefaultSharedNetworkOffering"}, "already exists"),
        # the fresh install's DefaultIsolatedNetworkOfferingWithSourceNatService is the one Required offering
        ({"availability": "Required", "supportedservices": "SourceNat"}, "System already has network offering id="),
    ]
    for params, text in cases:
        status, body = s.call("createNetworkOffering", **{**base, **params})
        assert status == 431 and text in body["createnetworkofferingresponse"]["errortext"], (params, body)
