"""listCapacity, listEvents and listAlerts reflect what happened to VMs, volumes, networks and IPs."""
import pytest
from workload_helpers import job_result, make_dc

MIB, GIB = 1024 ** 2, 1024 ** 3


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def capacity(dc, **params):
    return {c["name"]: c for c in dc.s.ok("listCapacity", zoneid=dc.adv["id"], **params)["capacity"]}


def test_capacity_follows_vms_volumes_and_ips(dc):
    before = capacity(dc)
    vm = dc.deploy(offering=dc.medium, diskofferingid=dc.disk_small["id"])
    after = capacity(dc)
    assert after["CPU"]["capacityused"] - before["CPU"]["capacityused"] == 1000
    assert after["MEMORY"]["capacityused"] - before["MEMORY"]["capacityused"] == 1024 * MIB
    assert after["STORAGE_ALLOCATED"]["capacityused"] - before["STORAGE_ALLOCATED"]["capacityused"] == 2 * GIB + 5 * GIB
    ips = after["VIRTUAL_NETWORK_PUBLIC_IP"]["capacityused"] - before["VIRTUAL_NETWORK_PUBLIC_IP"]["capacityused"]
    assert ips == 1  # the source NAT address of the account's new network
    job_result(dc.s, "associateIpAddress", networkid=vm["nic"][0]["networkid"])
    assert capacity(dc)["VIRTUAL_NETWORK_PUBLIC_IP"]["capacityused"] == before["VIRTUAL_NETWORK_PUBLIC_IP"]["capacityused"] + 2
    job_result(dc.s, "stopVirtualMachine", id=vm["id"])
    stopped = capacity(dc)
    assert stopped["CPU"]["capacityused"] == before["CPU"]["capacityused"]
    assert stopped["STORAGE_ALLOCATED"]["capacityused"] == after["STORAGE_ALLOCATED"]["capacityused"]  # disks stay allocated
    host = dc.s.ok("listHosts", id=vm["hostid"])["host"][0]
    assert host["cpuallocatedvalue"] == 0 and host["memoryallocated"] == 0
    percent = float(capacity(dc, type=1)["CPU"]["percentused"])
    assert percent == 0.0


def test_events_name_what_happened_newest_first(dc):
    vm = dc.deploy()
    job_result(dc.s, "stopVirtualMachine", id=vm["id"])
    vol = job_result(dc.s, "createVolume", name="ev", zoneid=dc.adv["id"], diskofferingid=dc.disk_small["id"])["volume"]
    job_result(dc.s, "attachVolume", id=vol["id"], virtualmachineid=vm["id"])
    job_result(dc.s, "destroyVirtualMachine", id=vm["id"], expunge="true")
    types = [e["type"] for e in dc.s.ok("listEvents")["event"]]
    expected = ["VM.EXPUNGE", "VM.DESTROY", "VOLUME.ATTACH", "VOLUME.CREATE", "VM.STOP", "VM.START", "VM.CREATE", "VOLUME.CREATE", "NETWORK.CREATE"]
    assert types[:len(expected)] == expected
    ev = dc.s.ok("listEvents", type="VM.STOP")["event"][0]
    assert (ev["level"], ev["state"], ev["account"], ev["username"], ev["resourceid"]) == ("INFO", "Completed", "admin", "admin", vm["id"])
    assert dc.s.ok("listEvents", keyword="VOLUME.ATTACH")["count"] == 1
    status, body = dc.s.call("listEvents", level="LOUD")
    assert status == 431


def test_alert_when_a_cluster_passes_its_allocation_threshold(dc):
    whole = dc.offering("wholehost", cpunumber=4, cpuspeed=8000, memory=1024)
    by_cluster = {}
    for h in dc.adv_hosts:
        by_cluster.setdefault(h["clusterid"], []).append(h)
    hosts = next(hs for hs in by_cluster.values() if len(hs) >= 2)
    assert dc.s.ok("listAlerts") == {}
    dc.deploy(offering=whole, hostid=hosts[0]["id"])
    assert dc.s.ok("listAlerts") == {}  # 50% of the cluster's CPU
    dc.deploy(offering=whole, hostid=hosts[1]["id"])
    alerts = dc.s.ok("listAlerts")["alert"]
    assert [(a["type"], a["name"]) for a in alerts] == [(1, "ALERT.CPU")]
    assert alerts[0]["description"].startswith("System Alert: Low Available CPU in cluster")
    assert dc.s.ok("listAlerts", type=1)["count"] == 1
