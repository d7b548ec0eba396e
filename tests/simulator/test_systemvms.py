"""System VMs (SSVM s-N-VM, CPVM v-N-VM): created when a zone is Enabled with an image store, over the wire."""
import ipaddress
import time

from sim_infra_helpers import error, host, job_result, physical_network, pool, traffic_type, tree


def ready_zone(s, enable=True, public=True):
    """An Advanced zone with a pod, a cluster, two hosts, primary storage, a public range and an image store."""
    z, p, c = tree(s)
    h1 = host(s, c, url="http://sim/c0/h0")
    h2 = host(s, c, url="http://sim/c0/h1")
    pool(s, c)
    if public:
        pn = physical_network(s, z["id"])
        traffic_type(s, pn["id"], "Public")
        s.ok("createVlanIpRange", zoneid=z["id"], vlan="100", gateway="10.10.0.1", netmask="255.255.255.0",
             startip="10.10.0.10", endip="10.10.0.20", forvirtualnetwork="true")
    s.ok("addImageStore", provider="NFS", zoneid=z["id"], url="nfs://10.147.28.6/export/secondary", name="ss1")
    if enable:
        s.ok("updateZone", id=z["id"], allocationstate="Enabled")
    return z, p, c, (h1, h2)


def system_vms(s, **kw):
    return s.ok("listSystemVms", **kw).get("systemvm", [])


def running(s, **kw):
    deadline = time.time() + 5
    while time.time() < deadline:
        vms = system_vms(s, **kw)
        if vms and all(v["state"] == "Running" for v in vms):
            return vms
        time.sleep(0.05)
    raise AssertionError(system_vms(s, **kw))


def test_created_when_zone_enabled_with_image_store(simserver):
    z, p, c, hosts = ready_zone(simserver, enable=False)
    assert system_vms(simserver) == []  # a Disabled zone gets none
    simserver.ok("updateZone", id=z["id"], allocationstate="Enabled")
    vms = system_vms(simserver)
    assert sorted(v["systemvmtype"] for v in vms) == ["consoleproxy", "secondarystoragevm"]
    assert {v["state"] for v in vms} <= {"Starting", "Running"}
    vms = running(simserver)
    ssvm = next(v for v in vms if v["systemvmtype"] == "secondarystoragevm")
    cpvm = next(v for v in vms if v["systemvmtype"] == "consoleproxy")
    assert ssvm["name"].startswith("s-") and ssvm["name"].endswith("-VM") and cpvm["name"].startswith("v-")
    for vm in vms:
        assert vm["zoneid"] == z["id"] and vm["zonename"] == "z1" and vm["podid"] == p["id"] and vm["podname"] == "p1"
        assert vm["hostid"] in {h["id"] for h in hosts} and vm["hypervisor"] == "Simulator"
        assert ipaddress.IPv4Address(vm["publicip"]) in ipaddress.IPv4Network("10.10.0.0/24")
        assert vm["gateway"] == "10.10.0.1" and vm["publicnetmask"] == "255.255.255.0" and vm["publicvlan"] == ["vlan://100"]
        assert ipaddress.IPv4Address(vm["linklocalip"]) in ipaddress.IPv4Network("169.254.0.0/16") and vm["linklocalnetmask"] == "255.255.0.0"
        assert ipaddress.IPv4Address(vm["privateip"]) in ipaddress.IPv4Network("172.16.15.0/24") and vm["privatenetmask"] == "255.255.255.0"
        assert vm["templatename"] == "SystemVM Template (simulator)" and vm["dns1"] == "8.8.8.8"
        assert isinstance(vm["created"], str) and vm["hasannotations"] is False
    assert ssvm["publicip"] != cpvm["publicip"] and ssvm["linklocalip"] != cpvm["linklocalip"]
    assert cpvm["activeviewersessions"] == 0
    # their public IPs are taken: a user's IP comes from the rest of the range
    free = simserver.ok("listPublicIpAddresses", allocatedonly="false", zoneid=z["id"])["publicipaddress"]
    assert {ssvm["publicip"], cpvm["publicip"]}.isdisjoint({ip["ipaddress"] for ip in free})
    # the scan does not make more
    simserver.ok("updateZone", id=z["id"], dns2="8.8.4.4")
    assert len(system_vms(simserver)) == 2


def test_one_ssvm_per_writable_image_store(simserver):
    z, *_ = ready_zone(simserver)
    simserver.ok("addImageStore", provider="NFS", zoneid=z["id"], url="nfs://10.147.28.6/export/secondary2", name="ss2")
    vms = system_vms(simserver)
    assert sorted(v["systemvmtype"] for v in vms) == ["consoleproxy", "secondarystoragevm", "secondarystoragevm"]
    assert len({v["name"] for v in vms}) == 3


def test_no_image_store_no_system_vms_and_zone_without_public_range(simserver):
    z, p, c = tree(simserver)
    host(simserver, c)
    pool(simserver, c)
    simserver.ok("updateZone", id=z["id"], allocationstate="Enabled")
    assert system_vms(simserver) == []
    simserver.ok("addImageStore", provider="NFS", zoneid=z["id"], url="nfs://10.147.28.6/export/secondary")
    vms = system_vms(simserver)
    assert len(vms) == 2 and all("publicip" not in v for v in vms)  # no public range in the zone: no public IP


def test_filters(simserver):
    z, p, c, (h1, h2) = ready_zone(simserver)
    vms = running(simserver)
    ssvm = next(v for v in vms if v["systemvmtype"] == "secondarystoragevm")
    assert [v["id"] for v in system_vms(simserver, systemvmtype="secondarystoragevm")] == [ssvm["id"]]
    assert [v["id"] for v in system_vms(simserver, name=ssvm["name"])] == [ssvm["id"]]
    assert [v["id"] for v in system_vms(simserver, id=ssvm["id"])] == [ssvm["id"]]
    assert len(system_vms(simserver, zoneid=z["id"], podid=p["id"], state="Running")) == 2
    assert len(system_vms(simserver, hostid=ssvm["hostid"])) >= 1
    ps = simserver.ok("listStoragePools")["storagepool"][0]
    assert len(system_vms(simserver, storageid=ps["id"])) == 2
    assert system_vms(simserver, state="Stopped") == []
    status, text = error(simserver, "listSystemVms", zoneid="4b5c2b8f-0000-4000-8000-000000000000")
    assert status == 431


def test_stop_start_reboot(simserver):
    ready_zone(simserver)
    ssvm = running(simserver, systemvmtype="secondarystoragevm")[0]
    stopped = job_result(simserver, simserver.ok("stopSystemVm", id=ssvm["id"]))["systemvm"]
    assert stopped["state"] == "Stopped" and "hostid" not in stopped and "linklocalip" not in stopped and "privateip" not in stopped
    assert stopped["publicip"] == ssvm["publicip"]  # the public NIC keeps its address
    assert len(system_vms(simserver)) == 2  # a stopped SSVM is not replaced
    started = job_result(simserver, simserver.ok("startSystemVm", id=ssvm["id"]))["systemvm"]
    assert started["state"] == "Running" and started["hostid"] == ssvm["hostid"] and started["linklocalip"].startswith("169.254.")
    job_result(simserver, simserver.ok("stopSystemVm", id=ssvm["id"]))
    # rebootSecStorageVm / rebootProxy start a VM that is not Running
    assert job_result(simserver, simserver.ok("rebootSystemVm", id=ssvm["id"]))["systemvm"]["state"] == "Running"
    rebooted = job_result(simserver, simserver.ok("rebootSystemVm", id=ssvm["id"]))["systemvm"]
    assert rebooted["state"] == "Running" and rebooted["id"] == ssvm["id"]
    job = simserver.wait(simserver.ok("startSystemVm", id=ssvm["id"]))
    assert job["jobinstancetype"] == "SystemVm" and job["jobinstanceid"] == ssvm["id"]


def test_destroy_recreates_in_enabled_zone(simserver):
    z, *_ = ready_zone(simserver)
    cpvm = running(simserver, systemvmtype="consoleproxy")[0]
    gone = job_result(simserver, simserver.ok("destroySystemVm", id=cpvm["id"]))["systemvm"]
    assert gone["id"] == cpvm["id"] and gone["name"] == cpvm["name"]
    status, _ = error(simserver, "listSystemVms", id=cpvm["id"])
    assert status == 431  # the row is gone (expunged)
    new = system_vms(simserver, systemvmtype="consoleproxy")  # the zone is Enabled: the scan makes a new one
    assert len(new) == 1 and new[0]["id"] != cpvm["id"] and new[0]["name"] != cpvm["name"]
    # in a Disabled zone a destroyed system VM is not replaced
    simserver.ok("updateZone", id=z["id"], allocationstate="Disabled")
    job_result(simserver, simserver.ok("destroySystemVm", id=new[0]["id"]))
    assert [v["systemvmtype"] for v in system_vms(simserver)] == ["secondarystoragevm"]
    simserver.ok("updateZone", id=z["id"], allocationstate="Enabled")
    assert len(system_vms(simserver, systemvmtype="consoleproxy")) == 1


def test_migrate(simserver):
    z, p, c, (h1, h2) = ready_zone(simserver)
    ssvm = running(simserver, systemvmtype="secondarystoragevm")[0]
    other = h2 if ssvm["hostid"] == h1["id"] else h1
    moved = job_result(simserver, simserver.ok("migrateSystemVm", virtualmachineid=ssvm["id"], hostid=other["id"]))["systemvm"]
    assert moved["hostid"] == other["id"] and moved["state"] == "Running" and moved["linklocalip"] == ssvm["linklocalip"]
    status, text = error(simserver, "migrateSystemVm", virtualmachineid=ssvm["id"], hostid=other["id"])
    assert status == 431 and "already on host" in text
    status, text = error(simserver, "migrateSystemVm", virtualmachineid=ssvm["id"], storageid=simserver.ok("listStoragePools")["storagepool"][0]["id"])
    assert status == 431 and "stop the VM" in text
    back = job_result(simserver, simserver.ok("migrateSystemVm", virtualmachineid=ssvm["id"]))["systemvm"]  # autoselect
    assert back["hostid"] != other["id"]


def test_wrong_ids(simserver):
    ready_zone(simserver)
    status, text = error(simserver, "startSystemVm", id="4b5c2b8f-0000-4000-8000-000000000000")
    assert status == 431 and "startsystemvm" in text
    status, text = error(simserver, "stopSystemVm")
    assert status == 431 and text == "Unable to execute API command stopsystemvm due to missing parameter id"


def test_host_maintenance_and_deletes(simserver):
    z, p, c, (h1, h2) = ready_zone(simserver)
    running(simserver)
    # a host with running system VMs cannot be deleted even forced-free of maintenance
    busy = system_vms(simserver)[0]["hostid"]
    status, text = error(simserver, "deleteHost", id=busy, forced="false")
    assert status == 530
    # maintenance moves them to the other host of the cluster
    job_result(simserver, simserver.ok("prepareHostForMaintenance", id=h1["id"]))
    assert all(v["hostid"] == h2["id"] for v in system_vms(simserver))
    # maintenance of the cluster's last host destroys SSVM/CPVM; none are recreated (no usable host)
    job_result(simserver, simserver.ok("prepareHostForMaintenance", id=h2["id"]))
    assert system_vms(simserver) == []
    # the image store can go (CloudStack does not check system VMs), then nothing comes back
    store = simserver.ok("listImageStores")["imagestore"][0]
    simserver.ok("deleteImageStore", id=store["id"])
    job_result(simserver, simserver.ok("cancelHostMaintenance", id=h2["id"]))
    simserver.ok("updateZone", id=z["id"], dns2="8.8.4.4")
    assert system_vms(simserver) == []


def test_image_store_delete_keeps_ssvm(simserver):
    ready_zone(simserver)
    vms = running(simserver)
    store = simserver.ok("listImageStores")["imagestore"][0]
    simserver.ok("deleteImageStore", id=store["id"])
    assert {v["id"] for v in system_vms(simserver)} == {v["id"] for v in vms}
    # a pod holding a running system VM is not deletable
    status, text = error(simserver, "deletePod", id=vms[0]["podid"])
    assert status == 530


def test_sandbox_has_system_vms(make_simserver):
    s = make_simserver(datacenter="sandbox")
    vms = running(s)
    zones = {z["id"] for z in s.ok("listZones")["zone"]}
    assert {v["zoneid"] for v in vms} == zones
    assert len(vms) == 2 * len(zones)


def test_public_range_in_use_and_users_refused(simserver):
    from sim_tenancy_helpers import As, keys_for, new_account

    z, *_ = ready_zone(simserver)
    vms = running(simserver)
    (rng,) = simserver.ok("listVlanIpRanges", zoneid=z["id"])["vlaniprange"]
    status, text = error(simserver, "deleteVlanIpRange", id=rng["id"])
    assert status == 431 and text == "2  Ips are in use. Cannot delete this vlan"
    cap = [c for c in simserver.ok("listCapacity", zoneid=z["id"], type=4)["capacity"]][0]
    assert cap["capacityused"] == 2 and cap["capacitytotal"] == 11
    tenant = As(simserver, keys_for(simserver, new_account(simserver, "u1")))
    for command, params in (("listSystemVms", {}), ("stopSystemVm", {"id": vms[0]["id"]}), ("listRouters", {})):
        status, body = tenant.call(command, **params)
        # the API access check of 4.18 (DynamicRoleBasedAPIAccessChecker): no rule of the User role names these
        assert status == 432 and list(body.values())[0]["errortext"] == f"The API {command} does not exist or is not available for this account."


def test_cs_client_sees_system_vms(simserver):
    ready_zone(simserver)
    running(simserver)
    cs = simserver.cs()
    vms = cs.listSystemVms(systemvmtype="consoleproxy")["systemvm"]
    assert len(vms) == 1 and vms[0]["name"].startswith("v-")
    job = cs.stopSystemVm(id=vms[0]["id"], fetch_result=True)
    assert job["systemvm"]["state"] == "Stopped"


def test_restart_keeps_system_vm_addresses(make_simserver, tmp_path):
    state = str(tmp_path / "state.db")
    s = make_simserver(state=state)
    z, *_ = ready_zone(s)
    before = {v["id"]: v["publicip"] for v in running(s)}
    s.stop()
    s2 = make_simserver(state=state)
    assert {v["id"]: v["publicip"] for v in system_vms(s2)} == before
    free = {ip["ipaddress"] for ip in s2.ok("listPublicIpAddresses", allocatedonly="false", zoneid=z["id"])["publicipaddress"]}
    assert free.isdisjoint(before.values())


def test_pod_without_free_private_address(simserver):
    from sim_infra_helpers import cluster, pod, zone

    z = zone(simserver)
    p = pod(simserver, z["id"], startip="172.16.15.2", endip="172.16.15.2")  # one management address in the pod
    c = cluster(simserver, z["id"], p["id"])
    host(simserver, c)
    pool(simserver, c)
    simserver.ok("addImageStore", provider="NFS", zoneid=z["id"], url="nfs://10.147.28.6/export/secondary")
    assert simserver.ok("updateZone", id=z["id"], allocationstate="Enabled")["zone"]["allocationstate"] == "Enabled"
    # the SSVM takes the address; the console proxy's round fails, the command that ran the scan does not
    assert [(v["systemvmtype"], v["privateip"]) for v in system_vms(simserver)] == [("secondarystoragevm", "172.16.15.2")]
