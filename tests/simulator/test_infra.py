"""Zones, pods, clusters and hosts: the tree, allocation states, filters, CloudStack's refusals, host maintenance."""
import pytest
from sim_infra_helpers import cluster, error, host, job_error, job_result, pod, pool, tree, zone


# ---- zones ------------------------------------------------------------------------------------------------
def test_zone_create_defaults_and_list(simserver):
    z = zone(simserver, "adv", guestcidraddress="10.1.1.0/24")
    assert z["allocationstate"] == "Disabled"  # createZone leaves a zone disabled until it is enabled
    assert z["networktype"] == "Advanced" and z["securitygroupsenabled"] is False
    assert z["guestcidraddress"] == "10.1.1.0/24" and z["dns1"] == "8.8.8.8" and z["internaldns1"] == "10.0.0.1"
    b = zone(simserver, "basic", networktype="Basic")
    assert b["securitygroupsenabled"] is True and "guestcidraddress" not in b
    zones = simserver.ok("listZones")
    assert zones["count"] == 2 and [x["name"] for x in zones["zone"]] == ["adv", "basic"]
    assert simserver.ok("listZones", id=b["id"])["zone"][0]["name"] == "basic"
    assert simserver.ok("listZones", name="ADV")["zone"][0]["id"] == z["id"]  # names compare case-insensitively
    assert simserver.ok("listZones", networktype="Basic")["count"] == 1
    assert [x["name"] for x in simserver.ok("listZones", keyword="bas")["zone"]] == ["basic"]
    assert simserver.ok("listZones", name="nothing") == {}


def test_zone_refusals(simserver):
    zone(simserver, "z1")
    status, text = error(simserver, "createZone", name="Z1", networktype="Advanced", dns1="8.8.8.8", internaldns1="8.8.8.8")
    assert status == 431 and text == "A zone with that name already exists. Please specify a unique zone name."
    status, text = error(simserver, "createZone", name="z2", networktype="Advanced", dns1="8.8.8.x", internaldns1="8.8.8.8")
    assert status == 431 and text == "Please enter a valid IP address for DNS1"
    status, text = error(simserver, "createZone", name="z2", networktype="Fancy", dns1="8.8.8.8", internaldns1="8.8.8.8")
    assert status == 431 and "Fancy" in text
    status, text = error(simserver, "createZone", name="z2", networktype="Advanced", dns1="8.8.8.8", internaldns1="8.8.8.8",
                         guestcidraddress="60.1.1.0/24")
    assert status == 431 and text == "Please enter a valid guest cidr"  # guest CIDRs are private address space
    status, text = error(simserver, "createZone", name="z2", networktype="Advanced", dns1="8.8.8.8")
    assert status == 431 and text == "Unable to execute API command createzone due to missing parameter internaldns1"


def test_zone_update_allocation_state_and_names_follow(simserver):
    z, p, c = tree(simserver)
    up = simserver.ok("updateZone", id=z["id"], allocationstate="Enabled", name="renamed", dns2="1.1.1.1")["zone"]
    assert up["allocationstate"] == "Enabled" and up["name"] == "renamed" and up["dns2"] == "1.1.1.1"
    assert simserver.ok("listPods", id=p["id"])["pod"][0]["zonename"] == "renamed"
    assert simserver.ok("listClusters", id=c["id"])["cluster"][0]["zonename"] == "renamed"
    status, text = error(simserver, "updateZone", id=z["id"], allocationstate="enabled")
    assert status == 431 and text == "Unable to resolve Allocation State 'enabled' to a supported state"


def test_zone_delete_refused_while_in_use(simserver):
    z = zone(simserver)
    p = pod(simserver, z["id"])
    status, text = error(simserver, "deleteZone", id=z["id"])
    assert status == 530 and text == "The zone is not deletable because there are pods in this zone"
    simserver.ok("deletePod", id=p["id"])
    assert simserver.ok("deleteZone", id=z["id"]) == {"success": True}
    assert simserver.ok("listZones") == {}


def test_users_see_only_enabled_zones(simserver):
    zone(simserver, "off")
    on = zone(simserver, "on")
    simserver.ok("updateZone", id=on["id"], allocationstate="Enabled")
    acc = simserver.ok("createAccount", username="u1", password="pw", email="u1@example.com", firstname="U", lastname="One",
                       accounttype=0)["account"]
    keys = simserver.ok("registerUserKeys", id=acc["user"][0]["id"])["userkeys"]
    status, body = simserver.call("listZones", key=keys["apikey"], secret=keys["secretkey"])
    assert status == 200
    assert [z["name"] for z in body["listzonesresponse"]["zone"]] == ["on"]
    seen = body["listzonesresponse"]["zone"][0]
    assert "dns1" not in seen and "internaldns1" not in seen and seen["networktype"] == "Advanced"  # the restricted view
    assert simserver.ok("listZones")["count"] == 2  # the root admin sees disabled zones too


# ---- pods ----------------------------------------------------------------------------------------------------
def test_pod_create_and_ranges(simserver):
    z = zone(simserver)
    p = pod(simserver, z["id"])
    assert p["zoneid"] == z["id"] and p["zonename"] == "z1" and p["allocationstate"] == "Enabled"
    assert p["startip"] == ["172.16.15.2"] and p["endip"] == ["172.16.15.200"]
    assert p["forsystemvms"] == ["0"] and p["vlanid"] == ["vlan://untagged"]
    assert p["netmask"] == "255.255.255.0" and p["gateway"] == "172.16.15.1"
    # endip defaults to the end of the pod's CIDR
    p2 = pod(simserver, z["id"], name="p2", gateway="10.0.0.1", startip="10.0.0.10", endip=None)
    assert p2["endip"] == ["10.0.0.254"]
    assert simserver.ok("listPods", zoneid=z["id"])["count"] == 2
    assert simserver.ok("listPods", name="p2")["pod"][0]["id"] == p2["id"]
    assert simserver.ok("listPods", keyword="p1")["count"] == 1


def _pod_error(s, zone_id, **kw):
    params = dict(zoneid=zone_id, name="px", gateway="172.16.15.1", netmask="255.255.255.0", startip="172.16.15.2", endip="172.16.15.20")
    params.update(kw)
    params = {k: v for k, v in params.items() if v is not None}
    return error(s, "createPod", **params)


def test_pod_refusals(simserver):
    z = zone(simserver)
    pod(simserver, z["id"])
    assert _pod_error(simserver, z["id"], name="P1")[1] == "A pod with name: P1 already exists in zone 1. Please specify a different pod name. "
    assert _pod_error(simserver, z["id"], gateway="300.1.1.1")[1] == "The gateway is invalid"
    assert _pod_error(simserver, z["id"], startip="172.16.16.2")[1] == "The start address of the IP range is not in the CIDR subnet."
    assert _pod_error(simserver, z["id"], startip="172.16.15.30")[1] == "The start IP address must have a lower value than the end IP address."
    assert _pod_error(simserver, z["id"], startip="172.16.15.1")[1] == "The gateway shouldn't overlap start/end ip addresses"
    assert _pod_error(simserver, z["id"], startip=None)[1] == "Start ip is required parameter"


def test_pod_update_and_delete_refused_with_clusters(simserver):
    z, p, c = tree(simserver)
    up = simserver.ok("updatePod", id=p["id"], allocationstate="Disabled", name="pod-b", endip="172.16.15.100")["pod"]
    assert up["allocationstate"] == "Disabled" and up["name"] == "pod-b" and up["endip"] == ["172.16.15.100"]
    assert simserver.ok("listClusters", id=c["id"])["cluster"][0]["podname"] == "pod-b"
    assert simserver.ok("listPods", allocationstate="Disabled")["count"] == 1
    status, text = error(simserver, "deletePod", id=p["id"])
    assert status == 530 and text == "The pod cannot be deleted because there are clusters in this pod"
    simserver.ok("deleteCluster", id=c["id"])
    simserver.ok("deletePod", id=p["id"])
    assert simserver.ok("listPods") == {}


# ---- clusters --------------------------------------------------------------------------------------------------
def test_cluster_add_list_update(simserver):
    z, p, c = tree(simserver)
    assert c["hypervisortype"] == "Simulator" and c["clustertype"] == "CloudManaged"
    assert c["allocationstate"] == "Enabled" and c["managedstate"] == "Managed"
    assert c["cpuovercommitratio"] == "1.0" and c["resourcedetails"] == {"cpuOvercommitRatio": "1.0", "memoryOvercommitRatio": "1.0"}
    kvm = cluster(simserver, z["id"], p["id"], name="kvm", hypervisor="kvm")
    assert kvm["hypervisortype"] == "KVM"
    assert simserver.ok("listClusters", hypervisor="KVM")["cluster"][0]["id"] == kvm["id"]
    assert simserver.ok("listClusters", podid=p["id"])["count"] == 2
    assert simserver.ok("listClusters", name="c1")["cluster"][0]["id"] == c["id"]
    up = simserver.ok("updateCluster", id=c["id"], allocationstate="Disabled", managedstate="Unmanaged")["cluster"]
    assert up["allocationstate"] == "Disabled" and up["managedstate"] == "Unmanaged"
    assert simserver.ok("listClusters", allocationstate="Disabled")["count"] == 1
    status, text = error(simserver, "addCluster", zoneid=z["id"], podid=p["id"], clustername="x", hypervisor="Fusion", clustertype="CloudManaged")
    assert status == 431 and text == "Unable to resolve Fusion to a supported "
    status, text = error(simserver, "addCluster", zoneid=z["id"], podid=p["id"], clustername="c1", hypervisor="Simulator", clustertype="CloudManaged")
    assert status == 530 and text == "Unable to create cluster c1 in pod and data center with specified ids"
    status, text = error(simserver, "updateCluster", id=c["id"], clustertype="Managed")
    assert status == 431 and text == "Unable to resolve Managed to a supported type"


def test_cluster_delete_refused_with_hosts_then_storage(simserver):
    z, p, c = tree(simserver)
    h = host(simserver, c)
    ps = pool(simserver, c)
    status, text = error(simserver, "deleteCluster", id=c["id"])
    assert status == 530 and text == "Cluster: 1 cannot be removed. Cluster still has hosts"
    simserver.ok("deleteHost", id=h["id"], forced="true")
    status, text = error(simserver, "deleteCluster", id=c["id"])
    assert text == "Cluster: 1 cannot be removed. Cluster still has storage pools"
    simserver.ok("deleteStoragePool", id=ps["id"])
    simserver.ok("deleteCluster", id=c["id"])


# ---- hosts -------------------------------------------------------------------------------------------------------
def test_host_from_simulator_url(simserver):
    z, p, c = tree(simserver)
    h = host(simserver, c)
    assert h["name"].startswith("SimulatedAgent.") and len(h["name"]) == len("SimulatedAgent.") + 36
    assert h["state"] == "Up" and h["resourcestate"] == "Enabled" and h["type"] == "Routing" and h["hypervisor"] == "Simulator"
    assert (h["cpunumber"], h["cpuspeed"], h["memorytotal"]) == (4, 8000, 8589934592)
    assert h["cpuwithoverprovisioning"] == "32000" and h["cpuallocated"] == "0%" and h["memoryallocated"] == 0
    assert h["clusterid"] == c["id"] and h["podname"] == "p1" and h["zonename"] == "z1"
    big = host(simserver, c, url="http://sim/c0/h1/cpucore=8&cpuspeed=2000&memory=17179869184", hosttags="ssd,fast")
    assert (big["cpunumber"], big["cpuspeed"], big["memorytotal"]) == (8, 2000, 17179869184)
    assert big["hosttags"] == "ssd,fast" and big["cpuwithoverprovisioning"] == "16000"
    status, text = error(simserver, "addHost", zoneid=z["id"], podid=p["id"], clusterid=c["id"], hypervisor="Simulator",
                         url="http://10.0.0.5", username="root", password="x")
    assert status == 530 and text == "Unable to add the host: Cannot find the server resources at http://10.0.0.5"
    status, text = error(simserver, "addHost", zoneid=z["id"], podid=p["id"], clusterid=c["id"], hypervisor="Simulator", url="http://sim/c0/h9")
    assert status == 431 and text == "Username and Password need to be provided."
    status, text = error(simserver, "addHost", zoneid=z["id"], podid=p["id"], clusterid=c["id"], clustername="c1", hypervisor="Simulator",
                         url="http://sim/c0/h9", username="root", password="x")
    assert text == "Can't specify cluster by both id and name"
    # a cluster named by clustername is created on the way
    h = simserver.ok("addHost", zoneid=z["id"], podid=p["id"], clustername="made", hypervisor="Simulator", url="http://sim/c9/h0",
                     username="root", password="x")["host"][0]
    made = simserver.ok("listClusters", name="made")["cluster"][0]
    assert h["clusterid"] == made["id"] and made["hypervisortype"] == "Simulator"


def test_kvm_host_from_its_address(simserver):
    """addHost for KVM (LibvirtServerDiscoverer): http://<address>, a username (the password may be empty: the management
    server's key), the guid from the address; the same address again in the zone is skipped (nothing found)."""
    z, p, _ = tree(simserver)
    kvm = cluster(simserver, z["id"], p["id"], name="kvmc", hypervisor="KVM")
    base = {"zoneid": z["id"], "podid": p["id"], "clusterid": kvm["id"], "hypervisor": "KVM"}
    status, text = error(simserver, "addHost", url="http://10.0.0.7", **base)
    assert status == 431 and text == "Username need to be provided."
    h = simserver.ok("addHost", url="http://10.0.0.7", username="root", **base)["host"][0]
    assert (h["name"], h["ipaddress"], h["hypervisor"], h["state"], h["resourcestate"]) == ("10.0.0.7", "10.0.0.7", "KVM", "Up", "Enabled")
    assert h["clusterid"] == kvm["id"] and "hypervisorversion" not in h
    for url in ("http://10.0.0.7", "https://10.0.0.8", "http://no-such-host.invalid"):
        status, text = error(simserver, "addHost", url=url, username="root", password="pw", **base)
        assert status == 530 and text == f"Unable to add the host: Cannot find the server resources at {url}"
    assert len(simserver.ok("listHosts", clusterid=kvm["id"])["host"]) == 1


def test_host_filters(simserver):
    z, p, c = tree(simserver)
    c2 = cluster(simserver, z["id"], p["id"], name="c2")
    h1 = host(simserver, c)
    h2 = host(simserver, c2, url="http://sim/c1/h0")
    assert simserver.ok("listHosts")["count"] == 2
    assert [h["id"] for h in simserver.ok("listHosts", clusterid=c2["id"])["host"]] == [h2["id"]]
    assert simserver.ok("listHosts", podid=p["id"], zoneid=z["id"])["count"] == 2
    assert simserver.ok("listHosts", id=h1["id"])["host"][0]["name"] == h1["name"]
    assert simserver.ok("listHosts", name=h2["name"][-12:])["host"][0]["id"] == h2["id"]
    assert simserver.ok("listHosts", type="Routing", state="Up", resourcestate="Enabled")["count"] == 2
    assert simserver.ok("listHosts", type="SecondaryStorage") == {}
    assert simserver.ok("listHosts", hypervisor="KVM") == {}


def test_host_update_allocation_state(simserver):
    z, p, c = tree(simserver)
    h = host(simserver, c)
    up = simserver.ok("updateHost", id=h["id"], allocationstate="Disable", hosttags="gpu")["host"]
    assert up["resourcestate"] == "Disabled" and up["hosttags"] == "gpu"
    assert simserver.ok("updateHost", id=h["id"], allocationstate="Enable")["host"]["resourcestate"] == "Enabled"
    status, text = error(simserver, "updateHost", id=h["id"], allocationstate="Enabled")
    assert status == 431 and text == "Invalid allocation state: Enabled, only Enable/Disable are allowed"


def test_host_maintenance_cycle_and_delete(simserver):
    z, p, c = tree(simserver)
    h = host(simserver, c)
    status, text = error(simserver, "deleteHost", id=h["id"])
    assert status == 530
    assert text == f"Host {h['id']} cannot be deleted as it is not in maintenance mode. Either put the host into maintenance or perform a forced deletion."
    reply = simserver.ok("prepareHostForMaintenance", id=h["id"])
    result = job_result(simserver, reply)["host"]
    # the job answers while the host is still preparing (as the real reply does); it reaches Maintenance right after
    assert result["resourcestate"] == "PrepareForMaintenance" and result["id"] == h["id"]
    assert simserver.ok("listHosts", id=h["id"])["host"][0]["resourcestate"] == "Maintenance"
    code, text = job_error(simserver, simserver.ok("prepareHostForMaintenance", id=h["id"]))
    assert code == 530 and text == "Host is already in state Maintenance. Cannot recall for maintenance until resolved."
    job = simserver.wait(simserver.ok("cancelHostMaintenance", id=h["id"]))
    assert job["jobresult"]["host"]["resourcestate"] == "Enabled" and job["jobinstancetype"] == "Host"
    code, text = job_error(simserver, simserver.ok("cancelHostMaintenance", id=h["id"]))
    assert text == "Cannot perform cancelMaintenance when resource state is Enabled, hostId = 1"
    assert job_result(simserver, simserver.ok("reconnectHost", id=h["id"]))["host"]["state"] == "Up"
    from cloudstack_simulator.resources.infra import model as infra

    with simserver.sim.lock:  # the agent goes away (faults of later issues do this)
        infra.set_host_state(simserver.sim, simserver.sim.store.get("host", h["id"]), "Disconnected")
    got = simserver.ok("listHosts", id=h["id"])["host"][0]
    assert got["state"] == "Disconnected" and "disconnected" in got
    code, text = job_error(simserver, simserver.ok("reconnectHost", id=h["id"]))
    assert code == 530 and text == "Host is already disconnected, no work to be done: 1"
    with simserver.sim.lock:
        infra.set_host_state(simserver.sim, simserver.sim.store.get("host", h["id"]), "Alert")
    assert job_result(simserver, simserver.ok("reconnectHost", id=h["id"]))["host"]["state"] == "Up"
    job_result(simserver, simserver.ok("prepareHostForMaintenance", id=h["id"]))
    assert simserver.ok("deleteHost", id=h["id"]) == {"success": True}
    assert simserver.ok("listHosts") == {}


def test_host_capacity_hook_feeds_allocated_fields(simserver):
    """Placement (a later issue) registers a usage function; the host fields and listCapacity follow it."""
    from cloudstack_simulator.resources.infra import model as infra

    z, p, c = tree(simserver)
    h = host(simserver, c)

    def usage(sim, hst):
        return (8000, 2147483648) if hst["id"] == h["id"] else (0, 0)

    infra.register_host_usage(usage)
    try:
        got = simserver.ok("listHosts", id=h["id"])["host"][0]
        assert got["cpuallocatedvalue"] == 8000 and got["cpuallocated"] == "25%"
        assert got["memoryallocated"] == 2147483648 and got["memoryallocatedpercentage"] == "25%"
        caps = {r["name"]: r for r in simserver.ok("listCapacity", zoneid=z["id"])["capacity"]}
        assert caps["CPU"]["capacitytotal"] == 32000 and caps["CPU"]["capacityused"] == 8000 and caps["CPU"]["percentused"] == "25"
        assert caps["MEMORY"]["capacitytotal"] == 8589934592 and caps["MEMORY"]["capacityused"] == 2147483648
        # a cluster overcommit factor: cpuallocated stays against cpus x speed, the "withoverprovisioning" values use the factor
        simserver.ok("updateConfiguration", name="cpu.overprovisioning.factor", value="2.0", clusterid=c["id"])
        got = simserver.ok("listHosts", id=h["id"])["host"][0]
        assert got["cpuallocated"] == "25%" and got["cpuallocatedwithoverprovisioning"] == "12.5%" and got["cpuwithoverprovisioning"] == "64000"
    finally:
        infra._HOST_USAGE.remove(usage)


# ---- hypervisors and capacity ---------------------------------------------------------------------------------
def test_list_hypervisors_global_and_per_zone(simserver):
    names = [h["name"] for h in simserver.ok("listHypervisors")["hypervisor"]]
    assert names == ["Hyperv", "KVM", "XenServer", "VMware", "BareMetal", "Ovm", "LXC", "Ovm3"]  # 4.18's hypervisor.list
    z, p, c = tree(simserver)
    assert simserver.ok("listHypervisors", zoneid=z["id"])["hypervisor"] == [{"name": "Simulator"}]
    simserver.ok("updateConfiguration", name="hypervisor.list", value="Simulator,KVM")
    assert [h["name"] for h in simserver.ok("listHypervisors")["hypervisor"]] == ["Simulator", "KVM"]


def test_capacity_from_hosts_and_storage(simserver):
    z, p, c = tree(simserver)
    host(simserver, c)
    host(simserver, c, url="http://sim/c0/h1")
    pool(simserver, c, url="nfs://10.0.0.9/export/p/size=2199023255552")
    rows = simserver.ok("listCapacity", zoneid=z["id"])["capacity"]
    caps = {r["type"]: r for r in rows}
    assert caps[1]["capacitytotal"] == 64000 and caps[0]["capacitytotal"] == 2 * 8589934592
    assert caps[2]["capacitytotal"] == 2199023255552 and caps[3]["capacitytotal"] == 2 * 2199023255552
    assert caps[5]["capacitytotal"] == 199  # the pod's private range 172.16.15.2-200
    assert all(r["zoneid"] == z["id"] and r["zonename"] == "z1" for r in rows)
    assert [r["name"] for r in simserver.ok("listCapacity", type=1)["capacity"]] == ["CPU"]
    cl = simserver.ok("listCapacity", clusterid=c["id"])["capacity"]
    # 4.18: the stored capacities of the cluster, and (no zone given) the zone's secondary storage, no primary STORAGE row
    assert {r["name"]: r.get("clusterid") for r in cl} == {"MEMORY": c["id"], "CPU": c["id"], "STORAGE_ALLOCATED": c["id"], "CPU_CORE": c["id"],
                                                           "SECONDARY_STORAGE": None}
    assert {r["name"] for r in simserver.ok("listCapacity", zoneid=z["id"], clusterid=c["id"])["capacity"]} == {
        "MEMORY", "CPU", "STORAGE_ALLOCATED", "CPU_CORE", "STORAGE"}
    z_caps = simserver.ok("listZones", id=z["id"], showcapacities="true")["zone"][0]["capacity"]
    assert {r["name"] for r in z_caps} >= {"CPU", "MEMORY", "STORAGE"}


@pytest.mark.parametrize("command", ["listZones", "listPods", "listClusters", "listHosts"])
def test_lists_page(simserver, command):
    z, p, c = tree(simserver)
    for i in range(3):
        host(simserver, c, url=f"http://sim/c0/h{i}")
    full = simserver.ok(command)
    page = simserver.ok(command, page=1, pagesize=1)
    assert page["count"] == full["count"] and len(list(page.values())[-1]) == 1


def test_local_storage_zone_gives_hosts_a_local_pool(simserver):
    z = zone(simserver, localstorageenabled="true")
    p = pod(simserver, z["id"])
    c = cluster(simserver, z["id"], p["id"])
    h = host(simserver, c, url="http://sim/c0/h0/localstorage=536870912000")
    assert h["islocalstorageactive"] is True
    local = simserver.ok("listStoragePools", scope="HOST")["storagepool"]
    assert [x["name"] for x in local] == [h["name"] + " Local Storage"]
    assert local[0]["type"] == "Filesystem" and local[0]["disksizetotal"] == 536870912000 and local[0]["clusterid"] == c["id"]
    assert {r["name"]: r for r in simserver.ok("listCapacity", zoneid=z["id"])["capacity"]}["LOCAL_STORAGE"]["capacitytotal"] == 536870912000
    simserver.ok("deleteHost", id=h["id"], forced="true")
    assert simserver.ok("listStoragePools") == {}
    simserver.ok("deleteCluster", id=c["id"])


def test_maintenance_with_running_vms_uses_the_migration_hook(simserver):
    from cloudstack_simulator.resources.infra import model as infra

    z, p, c = tree(simserver)
    h1 = host(simserver, c)
    h2 = host(simserver, c, url="http://sim/c0/h1")
    with simserver.sim.lock:  # a running VM of a later issue on h1
        vm = simserver.sim.store.add("virtualmachine", {"name": "vm1", "hostid": h1["id"], "state": "Running", "zoneid": z["id"],
                                                              "_hosttags": "gpu"})  # no host has the tag: it cannot move
    job_result(simserver, simserver.ok("prepareHostForMaintenance", id=h1["id"]))
    assert simserver.ok("listHosts", id=h1["id"])["host"][0]["resourcestate"] == "ErrorInPrepareForMaintenance"
    job_result(simserver, simserver.ok("cancelHostMaintenance", id=h1["id"]))

    def migrate(sim, hst):
        for v in sim.store.find("virtualmachine", hostid=hst["id"]):
            v["hostid"] = h2["id"]
            sim.store.save("virtualmachine", v)

    infra.register_maintenance_hook(migrate)
    try:
        job_result(simserver, simserver.ok("prepareHostForMaintenance", id=h1["id"]))
        assert simserver.ok("listHosts", id=h1["id"])["host"][0]["resourcestate"] == "Maintenance"
        assert simserver.sim.store.get("virtualmachine", vm["id"])["hostid"] == h2["id"]
    finally:
        infra._MAINTENANCE_HOOKS.remove(migrate)
