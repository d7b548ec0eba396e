"""Virtual machines: placement by capacity and tags, 533 when nothing fits, the state machine through async jobs,
expunge after destroy, changes that need a stopped VM, and listVirtualMachines' filters and scoping."""
import time

import pytest
from workload_helpers import As, error_of, job_error, job_result, keys_for, make_dc, new_account


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def test_deploy_places_on_a_host_with_a_root_volume_and_a_nic(dc):
    vm = dc.deploy(name="web1", displayname="Web 1")
    assert vm["state"] == "Running" and vm["name"] == "web1" and vm["displayname"] == "Web 1"
    assert vm["hostid"] in {h["id"] for h in dc.adv_hosts}
    assert vm["instancename"].startswith("i-2-") and vm["instancename"].endswith("-QA")  # sandbox sets instance.name=QA
    assert (vm["cpunumber"], vm["cpuspeed"], vm["memory"]) == (1, 500, 512)
    nic = vm["nic"][0]
    assert nic["isdefault"] and nic["ipaddress"].startswith("10.1.1.") and nic["gateway"] == "10.1.1.1"
    vols = dc.s.ok("listVolumes", virtualmachineid=vm["id"])["volume"]
    assert [(v["type"], v["state"], v["size"]) for v in vols] == [("ROOT", "Ready", 2147483648)]
    pool = dc.s.ok("listStoragePools", id=vols[0]["storageid"])["storagepool"][0]
    assert pool["clusterid"] == dc.s.ok("listHosts", id=vm["hostid"])["host"][0]["clusterid"]
    assert pool["disksizeallocated"] >= 2147483648


def test_deploy_reply_has_the_id_and_the_vm_is_starting_while_the_job_runs(make_simserver):
    from workload_helpers import Dc

    s = make_simserver(datacenter="sandbox", job_seconds=0.5)
    d = Dc(s)
    reply = s.ok("deployVirtualMachine", zoneid=d.adv["id"], serviceofferingid=d.small["id"], templateid=d.template["id"])
    assert reply["id"] and reply["jobid"]
    assert d.vm(reply["id"])["state"] == "Starting"
    job = s.wait(reply)
    assert job["jobstatus"] == 1 and job["jobinstancetype"] == "VirtualMachine" and job["jobinstanceid"] == reply["id"]
    assert d.vm(reply["id"])["state"] == "Running"


def test_nothing_fits_is_533_with_cloudstacks_wording(dc):
    big = dc.offering("huge", cpunumber=4, cpuspeed=8000, memory=16384)  # more memory than any 8 GiB host
    job = dc.deploy_fails(serviceofferingid=big["id"], name="toobig")
    assert job["jobresultcode"] == 533 and job["jobresult"]["errorcode"] == 533
    assert job["jobresult"]["errortext"].startswith("Unable to create a deployment for VM[User|i-2-")
    assert dc.s.ok("listVirtualMachines", name="toobig") == {}


def test_capacity_fills_up_host_by_host_then_533(dc):
    whole = dc.offering("wholehost", cpunumber=4, cpuspeed=8000, memory=4096)  # one per host: all 32000 MHz
    hosts = {dc.deploy(offering=whole)["hostid"] for _ in dc.adv_hosts}
    assert hosts == {h["id"] for h in dc.adv_hosts}
    job = dc.deploy_fails(serviceofferingid=whole["id"])
    assert job["jobresultcode"] == 533
    host = dc.s.ok("listHosts", id=dc.adv_hosts[0]["id"])["host"][0]
    assert host["cpuallocated"] == "100%"


def test_stopped_vms_free_their_host(dc):
    whole = dc.offering("wholehost", cpunumber=4, cpuspeed=8000, memory=4096)
    vms = [dc.deploy(offering=whole) for _ in dc.adv_hosts]
    job_result(dc.s, "stopVirtualMachine", id=vms[0]["id"])
    again = dc.deploy(offering=whole)
    assert again["hostid"] == vms[0]["hostid"]
    job = job_error(dc.s, "startVirtualMachine", id=vms[0]["id"])  # its place is taken now
    assert job["jobresultcode"] == 533


def test_host_tags_and_storage_tags_steer_placement(dc):
    tagged = dc.offering("gpu", hosttags="gpu")
    assert dc.deploy_fails(serviceofferingid=tagged["id"])["jobresultcode"] == 533
    target = dc.adv_hosts[1]
    dc.s.ok("updateHost", id=target["id"], hosttags="gpu")
    assert dc.deploy(offering=tagged)["hostid"] == target["id"]

    fast = dc.offering("fast", tags="ssd")  # createServiceOffering names the storage tags "tags"
    assert dc.deploy_fails(serviceofferingid=fast["id"])["jobresultcode"] == 533
    pools = dc.s.ok("listStoragePools", zoneid=dc.adv["id"])["storagepool"]
    dc.s.ok("updateStoragePool", id=pools[-1]["id"], tags="ssd")
    vm = dc.deploy(offering=fast)
    root = dc.s.ok("listVolumes", virtualmachineid=vm["id"], type="ROOT")["volume"][0]
    assert root["storageid"] == pools[-1]["id"]
    assert dc.s.ok("listHosts", id=vm["hostid"])["host"][0]["clusterid"] == pools[-1]["clusterid"]


def test_host_anti_affinity_spreads_and_host_affinity_packs(dc):
    anti = job_result(dc.s, "createAffinityGroup", name="spread", type="host anti-affinity")["affinitygroup"]
    hosts = [dc.deploy(affinitygroupids=anti["id"])["hostid"] for _ in dc.adv_hosts]
    assert len(set(hosts)) == len(dc.adv_hosts)
    job = dc.deploy_fails(affinitygroupids=anti["id"])
    assert job["jobresultcode"] == 533 and "affinity groups" in job["jobresult"]["errortext"]
    group = dc.s.ok("listAffinityGroups", id=anti["id"])["affinitygroup"][0]
    assert len(group["virtualmachineIds"]) == len(dc.adv_hosts)

    pack = job_result(dc.s, "createAffinityGroup", name="pack", type="host affinity")["affinitygroup"]
    first = dc.deploy(affinitygroupnames="pack")
    assert all(dc.deploy(affinitygroupids=pack["id"])["hostid"] == first["hostid"] for _ in range(3))


def test_state_machine(dc):
    vm = dc.deploy()
    stopped = job_result(dc.s, "stopVirtualMachine", id=vm["id"])["virtualmachine"]
    assert stopped["state"] == "Stopped" and "hostid" not in stopped
    assert job_result(dc.s, "stopVirtualMachine", id=vm["id"])["virtualmachine"]["state"] == "Stopped"  # no-op
    status, text = error_of(dc.s, "rebootVirtualMachine", id=vm["id"])
    assert status == 431 and "not in Running state" in text
    assert job_result(dc.s, "startVirtualMachine", id=vm["id"])["virtualmachine"]["state"] == "Running"
    assert job_result(dc.s, "rebootVirtualMachine", id=vm["id"])["virtualmachine"]["state"] == "Running"
    destroyed = job_result(dc.s, "destroyVirtualMachine", id=vm["id"])["virtualmachine"]
    assert destroyed["state"] == "Destroyed"
    assert dc.s.ok("listVolumes", virtualmachineid=vm["id"], type="ROOT")["volume"][0]["state"] == "Destroy"
    status, text = error_of(dc.s, "startVirtualMachine", id=vm["id"])
    assert status == 431
    recovered = dc.s.ok("recoverVirtualMachine", id=vm["id"])["virtualmachine"]
    assert recovered["state"] == "Stopped"
    status, text = error_of(dc.s, "expungeVirtualMachine", id=vm["id"])
    assert (status, text) == (431, "Please destroy vm with specified vmId before expunge")
    job_result(dc.s, "destroyVirtualMachine", id=vm["id"])
    job_result(dc.s, "expungeVirtualMachine", id=vm["id"])
    assert dc.s.ok("listVirtualMachines", id=vm["id"]) == {}
    assert dc.s.ok("listVolumes", virtualmachineid=vm["id"]) == {}


def test_destroy_with_expunge_removes_at_once_and_frees_everything(dc):
    vm = dc.deploy(diskofferingid=dc.disk_small["id"])
    data = dc.s.ok("listVolumes", virtualmachineid=vm["id"], type="DATADISK")["volume"][0]
    host_before = dc.s.ok("listHosts", id=vm["hostid"])["host"][0]["cpuallocatedvalue"]
    job_result(dc.s, "destroyVirtualMachine", id=vm["id"], expunge="true")
    assert dc.s.ok("listVirtualMachines", id=vm["id"]) == {}
    assert dc.s.ok("listHosts", id=vm["hostid"])["host"][0]["cpuallocatedvalue"] == host_before - 500
    kept = dc.s.ok("listVolumes", id=data["id"])["volume"][0]
    assert kept["state"] == "Ready" and "virtualmachineid" not in kept  # DATA disks are detached and stay


def test_expunge_after_the_delay(dc):
    dc.s.ok("updateConfiguration", name="expunge.delay", value="1")
    vm = dc.deploy()
    job_result(dc.s, "destroyVirtualMachine", id=vm["id"])
    assert dc.vm(vm["id"])["state"] == "Destroyed"
    deadline = time.time() + 10
    while time.time() < deadline and dc.s.ok("listVirtualMachines", id=vm["id"]) != {}:
        time.sleep(0.1)
    assert dc.s.ok("listVirtualMachines", id=vm["id"]) == {}
    types = [e["type"] for e in dc.s.ok("listEvents", resourceid=vm["id"])["event"]]
    assert "VM.DESTROY" in types


def test_change_service_needs_a_stopped_vm_scale_works_running(dc):
    vm = dc.deploy()
    status, text = error_of(dc.s, "changeServiceForVirtualMachine", id=vm["id"], serviceofferingid=dc.medium["id"])
    assert status == 431 and text.endswith("make sure the virtual machine is stopped")
    job_result(dc.s, "stopVirtualMachine", id=vm["id"])
    changed = dc.s.ok("changeServiceForVirtualMachine", id=vm["id"], serviceofferingid=dc.medium["id"])["virtualmachine"]
    assert (changed["serviceofferingname"], changed["cpuspeed"], changed["memory"]) == ("Medium Instance", 1000, 1024)
    status, text = error_of(dc.s, "changeServiceForVirtualMachine", id=vm["id"], serviceofferingid=dc.medium["id"])
    assert status == 431 and "already has the requested service offering" in text
    job_result(dc.s, "startVirtualMachine", id=vm["id"])
    # scaling a running VM: the sandbox enables enable.dynamic.scale.vm; the simulator template is not dynamically scalable
    status, text = error_of(dc.s, "scaleVirtualMachine", id=vm["id"], serviceofferingid=dc.small["id"])
    assert status == 431
    bigger = dc.offering("bigger", cpunumber=2, cpuspeed=1000, memory=2048)
    job_result(dc.s, "stopVirtualMachine", id=vm["id"])
    scaled = job_result(dc.s, "scaleVirtualMachine", id=vm["id"], serviceofferingid=bigger["id"])["virtualmachine"]
    assert (scaled["cpunumber"], scaled["memory"]) == (2, 2048)


def test_custom_offering_needs_its_values(dc):
    custom = dc.s.ok("createServiceOffering", name="custom", displaytext="custom", customized="true")["serviceoffering"]
    assert custom["iscustomized"] is True
    status, text = error_of(dc.s, "deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=custom["id"], templateid=dc.template["id"])
    assert (status, text) == (431, "Need to specify custom parameter values cpu, cpu speed and memory when using custom offering")
    vm = dc.deploy(offering=custom, **{"details[0].cpuNumber": "2", "details[0].cpuSpeed": "1500", "details[0].memory": "1024"})
    assert (vm["cpunumber"], vm["cpuspeed"], vm["memory"]) == (2, 1500, 1024)
    assert vm["details"]["cpuNumber"] == "2"


def test_migrate_to_a_host(dc):
    by_cluster = {}
    for h in dc.adv_hosts:
        by_cluster.setdefault(h["clusterid"], []).append(h)
    pair = next(hs for hs in by_cluster.values() if len(hs) >= 2)  # the sandbox's first advanced cluster has two hosts
    vm = dc.deploy(hostid=pair[0]["id"])
    assert vm["hostid"] == pair[0]["id"]
    others = pair[1:]
    moved = job_result(dc.s, "migrateVirtualMachine", virtualmachineid=vm["id"], hostid=others[0]["id"])["virtualmachine"]
    assert moved["hostid"] == others[0]["id"] and moved["state"] == "Running"
    status, text = error_of(dc.s, "migrateVirtualMachine", virtualmachineid=vm["id"], hostid=others[0]["id"])
    assert status == 431 and "same as current host" in text
    elsewhere = [h for h in dc.adv_hosts if h["clusterid"] != others[0]["clusterid"]]
    if elsewhere:  # its ROOT volume is on a cluster-wide pool the other cluster does not reach
        job = job_error(dc.s, "migrateVirtualMachine", virtualmachineid=vm["id"], hostid=elsewhere[0]["id"])
        assert job["jobresultcode"] == 533
    job_result(dc.s, "stopVirtualMachine", id=vm["id"])
    status, text = error_of(dc.s, "migrateVirtualMachine", virtualmachineid=vm["id"], hostid=vm["hostid"])
    assert status == 431 and text.startswith("VM is not Running")


def test_update_vm(dc):
    vm = dc.deploy(name="app1")
    upd = dc.s.ok("updateVirtualMachine", id=vm["id"], displayname="App One", group="web", userdata="aGVsbG8=")["virtualmachine"]
    assert (upd["displayname"], upd["group"], upd["userdata"]) == ("App One", "web", "aGVsbG8=")
    status, text = error_of(dc.s, "updateVirtualMachine", id=vm["id"], haenable="true")
    assert "HA disabled" in text
    status, text = error_of(dc.s, "updateVirtualMachine", id=vm["id"], userdata="not base64!")
    assert status == 431 and "base64" in text
    status, text = error_of(dc.s, "updateVirtualMachine", id=vm["id"], name="app2")
    assert status == 431  # a new hostname needs a stopped VM
    assert dc.s.ok("listVirtualMachines", groupid=upd["groupid"])["count"] == 1


def test_reset_ssh_key_needs_stopped(dc):
    kp = dc.s.ok("createSSHKeyPair", name="k1")["keypair"]
    assert kp["name"] == "k1"
    vm = dc.deploy(keypair="k1")
    assert vm["keypairs"] == "k1" and vm["details"]["SSH.PublicKey"].startswith("ssh-")
    dc.s.ok("createSSHKeyPair", name="k2")
    status, text = error_of(dc.s, "resetSSHKeyForVirtualMachine", id=vm["id"], keypair="k2")
    assert status == 431 and "should be stopped to do SSH Key reset" in text
    job_result(dc.s, "stopVirtualMachine", id=vm["id"])
    assert job_result(dc.s, "resetSSHKeyForVirtualMachine", id=vm["id"], keypair="k2")["virtualmachine"]["keypairs"] == "k2"
    status, text = error_of(dc.s, "deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=dc.template["id"],
                            keypair="nope")
    assert (status, text) == (431, "A key pair with name 'nope' was not found.")


def test_bad_input_names_the_parameter(dc):
    status, text = error_of(dc.s, "deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"])
    assert (status, text) == (431, "Unable to execute API command deployvirtualmachine due to missing parameter templateid")
    status, text = error_of(dc.s, "deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid="nope")
    assert status == 431 and "Invalid parameter templateid value=nope" in text
    status, text = error_of(dc.s, "deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=dc.template["id"],
                            name="-bad_name")
    assert status == 431 and text.startswith("Invalid name.")
    dc.deploy(name="dup")
    status, text = error_of(dc.s, "deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=dc.template["id"],
                            name="dup")
    assert status == 431 and "already exists" in text


def test_list_filters(dc):
    a = dc.deploy(name="alpha")
    b = dc.deploy(name="beta", startvm="false")
    c = dc.deploy(name="gamma", zone=dc.basic)
    assert b["state"] == "Stopped" and "hostid" not in b
    ls = lambda **p: [v["name"] for v in dc.s.ok("listVirtualMachines", **p).get("virtualmachine", [])]  # noqa: E731
    assert ls() == ["alpha", "beta", "gamma"]
    assert ls(name="BETA") == ["beta"]
    assert ls(state="Stopped") == ["beta"]
    assert ls(zoneid=dc.basic["id"]) == ["gamma"]
    assert ls(hostid=a["hostid"]) == ["alpha"]
    assert ls(ids=f"{a['id']},{c['id']}") == ["alpha", "gamma"]
    assert ls(keyword="amm") == ["gamma"]
    assert ls(networkid=a["nic"][0]["networkid"]) == ["alpha", "beta"]
    assert ls(templateid=dc.template["id"]) == ["alpha", "beta", "gamma"]
    job_result(dc.s, "createTags", resourcetype="UserVm", resourceids=a["id"], **{"tags[0].key": "tier", "tags[0].value": "web"})
    assert ls(**{"tags[0].key": "tier", "tags[0].value": "web"}) == ["alpha"]
    small = dc.s.ok("listVirtualMachines", id=a["id"], details="min")["virtualmachine"][0]
    assert "nic" not in small and small["name"] == "alpha"
    nics = dc.s.ok("listVirtualMachines", id=a["id"], details="nics")["virtualmachine"][0]
    assert nics["nic"] and "serviceofferingid" not in nics
    status, text = error_of(dc.s, "listVirtualMachines", details="bogus")
    assert status == 431 and "details" in text


def test_accounts_see_their_own_vms(dc):
    acc = new_account(dc.s, "tenant1")
    them = As(dc.s, keys_for(dc.s, acc))
    mine = dc.deploy(name="adminvm")
    reply = them.ok("deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=dc.template["id"], name="t1vm")
    job = dc.s.wait(reply)
    assert job["jobstatus"] == 1, job
    vm = job["jobresult"]["virtualmachine"]
    assert vm["account"] == "tenant1" and not vm["instancename"].startswith("i-2-")  # i-<account db id>-<vm db id>-QA
    assert [v["name"] for v in them.items("listVirtualMachines", "virtualmachine")] == ["t1vm"]
    assert [v["name"] for v in dc.s.ok("listVirtualMachines")["virtualmachine"]] == ["adminvm"]
    assert {v["name"] for v in dc.s.ok("listVirtualMachines", listall="true")["virtualmachine"]} == {"adminvm", "t1vm"}
    status, _ = them.call("stopVirtualMachine", id=mine["id"])
    assert status == 531
    # the admin deploys for the tenant: the VM is the tenant's
    for_them = dc.deploy(name="forthem", account="tenant1", domainid=acc["domainid"])
    assert for_them["account"] == "tenant1"
    assert {v["name"] for v in them.items("listVirtualMachines", "virtualmachine")} == {"t1vm", "forthem"}


def test_resource_limits_refuse_with_532(dc):
    acc = new_account(dc.s, "limited")
    them = As(dc.s, keys_for(dc.s, acc))
    dc.s.ok("updateResourceLimit", account="limited", domainid=acc["domainid"], resourcetype=0, max=1)
    params = {"zoneid": dc.adv["id"], "serviceofferingid": dc.small["id"], "templateid": dc.template["id"]}
    assert dc.s.wait(them.ok("deployVirtualMachine", **params))["jobstatus"] == 1
    status, body = them.call("deployVirtualMachine", **params)
    text = body["deployvirtualmachineresponse"]["errortext"]
    assert status == 532 and text.startswith("Maximum number of resources of type 'user_vm' for account name=limited")
    dc.s.ok("updateResourceLimit", account="limited", domainid=acc["domainid"], resourcetype=9, max=256)
    dc.s.ok("updateResourceLimit", account="limited", domainid=acc["domainid"], resourcetype=0, max=5)
    status, body = them.call("deployVirtualMachine", **params)  # 512 MB more than the 256 MB memory limit
    assert status == 532 and "'memory'" in body["deployvirtualmachineresponse"]["errortext"]


def test_project_vms_are_listed_with_projectid(dc):
    proj = job_result(dc.s, "createProject", name="p1", displaytext="p1")["project"]
    vm = dc.deploy(projectid=proj["id"], name="inproject")
    assert (vm["projectid"], vm["project"]) == (proj["id"], "p1") and "account" not in vm
    assert dc.s.ok("listVirtualMachines", name="inproject") == {}
    assert [v["name"] for v in dc.s.ok("listVirtualMachines", projectid=proj["id"])["virtualmachine"]] == ["inproject"]
    vol = dc.s.ok("listVolumes", projectid=proj["id"])["volume"][0]
    assert vol["projectid"] == proj["id"] and vol["type"] == "ROOT"
    net = dc.s.ok("listNetworks", projectid=proj["id"])["network"][0]
    assert net["projectid"] == proj["id"]  # the project's own default network, created on the first deploy


def test_restart_from_saved_state_keeps_capacity_and_pending_expunges(make_simserver, tmp_path):
    from workload_helpers import Dc

    state = str(tmp_path / "sim.db")
    first = make_simserver(datacenter="sandbox", state=state, job_seconds=0.02)
    d = Dc(first)
    first.ok("updateConfiguration", name="expunge.delay", value="2")
    keep = d.deploy(name="keep", offering=d.medium)
    gone = d.deploy(name="gone")
    job_result(first, "destroyVirtualMachine", id=gone["id"])
    used = first.ok("listHosts", id=keep["hostid"])["host"][0]["cpuallocatedvalue"]
    first.stop()
    again = make_simserver(state=state, job_seconds=0.02)
    assert again.ok("listVirtualMachines", id=gone["id"])["virtualmachine"][0]["state"] == "Destroyed"
    assert again.ok("listHosts", id=keep["hostid"])["host"][0]["cpuallocatedvalue"] == used
    deadline = time.time() + 10
    while time.time() < deadline and again.ok("listVirtualMachines", id=gone["id"]) != {}:
        time.sleep(0.1)
    assert again.ok("listVirtualMachines", id=gone["id"]) == {}
    assert [v["name"] for v in again.ok("listVirtualMachines")["virtualmachine"]] == ["keep"]


def test_a_failed_job_leaves_the_vm_consistent(make_simserver):
    from workload_helpers import Dc

    s = make_simserver(datacenter="sandbox", job_seconds=0.02, faults="jobfail=1,only=deployVirtualMachine|startVirtualMachine|stopVirtualMachine")
    d = Dc(s)
    job = job_error(s, "deployVirtualMachine", zoneid=d.adv["id"], serviceofferingid=d.small["id"], templateid=d.template["id"], name="unlucky")
    assert job["jobresultcode"] == 530
    vm = s.ok("listVirtualMachines", name="unlucky")["virtualmachine"][0]
    assert vm["state"] == "Error" and "hostid" not in vm  # as CloudStack leaves it; expunged after expunge.delay
    assert all(h["cpuallocatedvalue"] == 0 for h in s.ok("listHosts", zoneid=d.adv["id"], type="Routing")["host"])
    s.sim.faults = type(s.sim.faults)("")  # no more faults: a VM to stop and start
    ok = d.deploy(name="lucky")
    s.sim.faults = type(s.sim.faults)("jobfail=1,only=stopVirtualMachine|startVirtualMachine")
    job_error(s, "stopVirtualMachine", id=ok["id"])
    assert d.vm(ok["id"])["state"] == "Running"


def test_nics_user_data_and_instance_groups(dc):
    first = dc.network("first")
    second = dc.network("second", gateway="10.9.0.1", netmask="255.255.255.0")
    vm = dc.deploy(networkids=first["id"], userdata="Y2xvdWQtY29uZmln", group="g1")
    assert dc.s.ok("getVirtualMachineUserData", virtualmachineid=vm["id"])["virtualmachineuserdata"]["userdata"] == "Y2xvdWQtY29uZmln"
    added = job_result(dc.s, "addNicToVirtualMachine", virtualmachineid=vm["id"], networkid=second["id"], ipaddress="10.9.0.50")["virtualmachine"]
    assert [(n["networkname"], n["isdefault"], n.get("ipaddress")) for n in added["nic"]][1] == ("second", False, "10.9.0.50")
    job = job_error(dc.s, "addNicToVirtualMachine", virtualmachineid=vm["id"], networkid=second["id"])  # refused in the job (4.18)
    assert job["jobresultcode"] == 530
    assert job["jobresult"]["errortext"] == f"A NIC already exists for VM:{vm['instancename']} in network: {second['id']}"
    nics = dc.s.ok("listNics", virtualmachineid=vm["id"])["nic"]
    assert len(nics) == 2 and all(n["virtualmachineid"] == vm["id"] for n in nics)
    newnic = next(n for n in nics if n["networkid"] == second["id"])
    job = job_error(dc.s, "removeNicFromVirtualMachine", virtualmachineid=vm["id"], nicid=nics[0]["id"])
    assert job["jobresultcode"] == 431 and job["jobresult"]["errortext"].endswith("nic is default.")
    job_result(dc.s, "updateDefaultNicForVirtualMachine", virtualmachineid=vm["id"], nicid=newnic["id"])
    assert [n["isdefault"] for n in dc.vm(vm["id"])["nic"]] == [False, True]
    job = job_error(dc.s, "updateVmNicIp", nicid=newnic["id"], ipaddress="10.9.0.60")  # a network with services: stopped VMs only
    assert job["jobresult"]["errortext"] == "VM is not Stopped, unable to update the vm nic having the specified id"
    job_result(dc.s, "stopVirtualMachine", id=vm["id"])
    moved = job_result(dc.s, "updateVmNicIp", nicid=newnic["id"], ipaddress="10.9.0.60")["virtualmachine"]
    assert moved["nic"][1]["ipaddress"] == "10.9.0.60"
    left = job_result(dc.s, "removeNicFromVirtualMachine", virtualmachineid=vm["id"], nicid=nics[0]["id"])["virtualmachine"]
    assert [n["networkname"] for n in left["nic"]] == ["second"]
    assert [g["name"] for g in dc.s.ok("listInstanceGroups")["instancegroup"]] == ["g1"]


def _ready_template(dc, name, **params):
    ostype = dc.s.ok("listOsTypes", description="CentOS 5.6 (64-bit)")["ostype"][0]["id"]
    t = dc.s.ok("registerTemplate", name=name, displaytext=name, format="QCOW2", hypervisor="Simulator", zoneid=dc.adv["id"],
                url=f"http://images.example/{name}.qcow2", ostypeid=ostype, **params)["template"][0]
    deadline = time.time() + 10
    while time.time() < deadline and not dc.s.ok("listTemplates", templatefilter="self", id=t["id"])["template"][0]["isready"]:
        time.sleep(0.05)
    return t


def test_restore_gives_a_new_root_volume(dc):
    vm = dc.deploy()
    root = dc.s.ok("listVolumes", virtualmachineid=vm["id"], type="ROOT")["volume"][0]
    other = _ready_template(dc, "other")
    restored = job_result(dc.s, "restoreVirtualMachine", virtualmachineid=vm["id"], templateid=other["id"])["virtualmachine"]
    assert restored["templateid"] == other["id"] and restored["state"] == "Running"
    new_root = dc.s.ok("listVolumes", virtualmachineid=vm["id"], type="ROOT")["volume"][0]
    assert new_root["id"] != root["id"] and new_root["templateid"] == other["id"]
    assert dc.s.ok("listVolumes", id=root["id"]) == {}


def test_scale_a_running_dynamically_scalable_vm(dc):
    t = _ready_template(dc, "scalable", isdynamicallyscalable="true")
    vm = dc.deploy(templateid=t["id"])
    assert vm["isdynamicallyscalable"] is True
    host_before = dc.s.ok("listHosts", id=vm["hostid"])["host"][0]["cpuallocatedvalue"]
    scaled = job_result(dc.s, "scaleVirtualMachine", id=vm["id"], serviceofferingid=dc.medium["id"])["virtualmachine"]
    assert (scaled["state"], scaled["cpuspeed"], scaled["memory"], scaled["hostid"]) == ("Running", 1000, 1024, vm["hostid"])
    assert dc.s.ok("listHosts", id=vm["hostid"])["host"][0]["cpuallocatedvalue"] == host_before + 500
    status, text = error_of(dc.s, "scaleVirtualMachine", id=vm["id"], serviceofferingid=dc.small["id"])
    assert status == 431 and text.startswith("Only scaling up the vm is supported")
