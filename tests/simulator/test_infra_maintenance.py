"""prepareHostForMaintenance with user VMs, as CloudStack 4.18 does it (ResourceManagerImpl.maintain / doMaintain /
attemptMaintain, HighAvailabilityManagerImpl.migrate): running VMs are live-migrated to other Up and Enabled hosts of
the cluster; a VM no host can take stays and the host is left in ErrorInPrepareForMaintenance; a host whose cluster has
no other Up and Enabled host fails the job ("Unable to prepare for maintenance host <id>") and is left in
ErrorInMaintenance with its VMs running; one host of a cluster prepares at a time."""
import pytest
from workload_helpers import error_of, job_error, job_result, make_dc  # noqa: F401


def failed(dc, command, **params):
    job = job_error(dc.s, command, **params)
    return job["jobresultcode"], job["jobresult"]["errortext"]


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def host_of(dc, hid):
    return dc.s.ok("listHosts", id=hid)["host"][0]


def cluster_hosts(dc):
    first = dc.adv_hosts[0]
    same = [h for h in dc.adv_hosts if h["clusterid"] == first["clusterid"]]
    assert len(same) >= 2, "the sandbox's advanced zone has a cluster of several hosts"
    return same


def user_vms(dc):
    return {v["id"]: v for v in dc.s.ok("listVirtualMachines", listall="true").get("virtualmachine", [])}


def test_running_vms_move_and_the_host_comes_back(dc):
    hosts = cluster_hosts(dc)
    h1 = hosts[0]
    vms = [dc.deploy(name=f"m{i}", hostid=h1["id"]) for i in range(2)]
    assert all(v["hostid"] == h1["id"] for v in vms)
    before = user_vms(dc)
    job = job_result(dc.s, "prepareHostForMaintenance", id=h1["id"])
    assert job["host"]["resourcestate"] == "PrepareForMaintenance"
    assert host_of(dc, h1["id"])["resourcestate"] == "Maintenance"
    after = user_vms(dc)
    assert set(after) == set(before)  # nothing lost
    for v in vms:
        assert after[v["id"]]["state"] == "Running" and after[v["id"]]["hostid"] in {h["id"] for h in hosts[1:]}
    assert host_of(dc, h1["id"])["cpuallocated"] == "0%"
    job_result(dc.s, "cancelHostMaintenance", id=h1["id"])
    back = host_of(dc, h1["id"])
    assert back["resourcestate"] == "Enabled" and back["state"] == "Up"


def test_a_vm_nothing_can_take_leaves_the_host_in_error_in_prepare(dc):
    hosts = cluster_hosts(dc)
    h1, h2 = hosts[0], hosts[1]
    dc.s.ok("updateHost", id=h1["id"], hosttags="gpu")
    gpu = dc.offering("gpu1", hosttags="gpu")
    vm = dc.deploy(name="g1", offering=gpu)
    assert vm["hostid"] == h1["id"]
    job_result(dc.s, "prepareHostForMaintenance", id=h1["id"])  # the job succeeds; the HA worker's migration fails
    assert host_of(dc, h1["id"])["resourcestate"] == "ErrorInPrepareForMaintenance"
    assert dc.vm(vm["id"])["hostid"] == h1["id"] and dc.vm(vm["id"])["state"] == "Running"
    code, text = failed(dc, "prepareHostForMaintenance", id=h1["id"])
    assert code == 530 and text == "Host is already in state ErrorInPrepareForMaintenance. Cannot recall for maintenance until resolved."
    code, text = failed(dc, "prepareHostForMaintenance", id=h2["id"])
    assert code == 530 and text.startswith("There are other servers attempting migrations for maintenance. Found hosts in "
                                           "PrepareForMaintenance OR ErrorInPrepareForMaintenance STATUS in cluster ")
    assert host_of(dc, h2["id"])["resourcestate"] == "Enabled"
    job_result(dc.s, "cancelHostMaintenance", id=h1["id"])
    assert host_of(dc, h1["id"])["resourcestate"] == "Enabled" and dc.vm(vm["id"])["hostid"] == h1["id"]


def test_no_other_host_in_the_cluster_fails_the_job(dc):
    hosts = cluster_hosts(dc)
    h1 = hosts[0]
    vm = dc.deploy(name="last1", hostid=h1["id"])
    for other in hosts[1:]:
        dc.s.ok("updateHost", id=other["id"], allocationstate="Disable")
    code, text = failed(dc, "prepareHostForMaintenance", id=h1["id"])
    seq = dc.s.sim.store.get("host", h1["id"])["_seq"]
    assert code == 530 and text == f"Unable to prepare for maintenance host {seq}"
    assert host_of(dc, h1["id"])["resourcestate"] == "ErrorInMaintenance"
    assert dc.vm(vm["id"])["state"] == "Running" and dc.vm(vm["id"])["hostid"] == h1["id"]
    job_result(dc.s, "cancelHostMaintenance", id=h1["id"])
    assert host_of(dc, h1["id"])["resourcestate"] == "Enabled"
