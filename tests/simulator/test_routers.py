"""Virtual routers: deployed when an Isolated network is implemented; listRouters and the router lifecycle, over the wire."""
import ipaddress
import time

import pytest
from workload_helpers import As, error_of, job_error, job_result, keys_for, make_dc, new_account


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def routers(s, **kw):
    return s.ok("listRouters", **kw).get("router", [])


def running(s, **kw):
    deadline = time.time() + 5
    while time.time() < deadline:
        found = routers(s, **kw)
        if found and all(r["state"] == "Running" for r in found):
            return found
        time.sleep(0.03)
    raise AssertionError(routers(s, **kw))


def test_router_on_first_vm(dc):
    net = dc.network("tier1", gateway="10.20.0.1", netmask="255.255.255.0")
    assert routers(dc.s, networkid=net["id"]) == []  # Allocated: no router yet
    vm = dc.deploy(networkids=net["id"])
    (r,) = running(dc.s, networkid=net["id"])
    assert r["name"].startswith("r-") and r["name"].endswith("-VM") and r["role"] == "VIRTUAL_ROUTER"
    assert r["guestnetworkid"] == net["id"] and r["guestnetworkname"] == "tier1" and r["guestipaddress"] == "10.20.0.1"
    assert r["guestnetmask"] == "255.255.255.0" and r["zoneid"] == dc.adv["id"] and r["hostid"] in {h["id"] for h in dc.adv_hosts}
    snat = dc.s.ok("listPublicIpAddresses", associatednetworkid=net["id"], issourcenat="true")["publicipaddress"][0]
    assert r["publicip"] == snat["ipaddress"] and ipaddress.IPv4Address(r["linklocalip"]) in ipaddress.IPv4Network("169.254.0.0/16")
    assert r["account"] == "admin" and r["domain"] == "ROOT" and r["isredundantrouter"] is False and r["requiresupgrade"] is False
    assert r["serviceofferingname"] == "System Offering For Software Router" and r["templatename"] == "SystemVM Template (simulator)"
    types = sorted(n["traffictype"] for n in r["nic"])
    assert types == ["Control", "Guest", "Public"]
    assert vm["nic"][0]["ipaddress"] != "10.20.0.1"
    # a second VM does not make a second router
    dc.deploy(networkids=net["id"])
    assert len(routers(dc.s, networkid=net["id"])) == 1
    # the router's name shares the vm_instance sequence with user VMs: made after the first VM's row, while its job runs
    assert int(r["name"].split("-")[1]) > int(dc.vm(vm["id"])["instancename"].split("-")[2])


def test_router_when_ip_associated(dc):
    net = dc.network("tier2")
    job_result(dc.s, "associateIpAddress", networkid=net["id"])
    (r,) = routers(dc.s, networkid=net["id"])
    assert r["state"] in ("Starting", "Running")


def test_filters_and_scoping(dc):
    net = dc.network("tier3")
    dc.deploy(networkids=net["id"])
    (r,) = running(dc.s, networkid=net["id"])
    assert [x["id"] for x in routers(dc.s, id=r["id"])] == [r["id"]]
    assert [x["id"] for x in routers(dc.s, name=r["name"])] == [r["id"]]
    assert [x["id"] for x in routers(dc.s, zoneid=dc.adv["id"], state="Running", hostid=r["hostid"])] == [r["id"]]
    assert routers(dc.s, state="Stopped") == [] and routers(dc.s, forvpc="true") == []
    assert [x["id"] for x in routers(dc.s, forvpc="false")] == [r["id"]]
    # a tenant's router: the admin sees it with listall (or its account), the tenant sees its own
    acc = new_account(dc.s, "tenant1")
    tenant = As(dc.s, keys_for(dc.s, acc))
    tnet = tenant.ok("createNetwork", name="tnet", displaytext="tnet", networkofferingid=dc.iso_off["id"], zoneid=dc.adv["id"])["network"]
    reply = tenant.ok("deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=dc.template["id"],
                      networkids=tnet["id"])
    assert dc.s.wait(reply)["jobstatus"] == 1
    status, _ = error_of(tenant, "listRouters")
    assert status == 432  # listRouters is an admin command
    assert {x["guestnetworkid"] for x in routers(dc.s)} == {net["id"]}
    assert {x["guestnetworkid"] for x in routers(dc.s, listall="true")} == {net["id"], tnet["id"]}
    (tr,) = routers(dc.s, account="tenant1", domainid=acc["domainid"])
    assert tr["account"] == "tenant1" and tr["guestnetworkid"] == tnet["id"]
    status, text = error_of(dc.s, "listRouters", networkid="4b5c2b8f-0000-4000-8000-000000000000")
    assert status == 431


def test_stop_start_reboot_destroy(dc):
    net = dc.network("tier4")
    dc.deploy(networkids=net["id"])
    (r,) = running(dc.s, networkid=net["id"])
    stopped = job_result(dc.s, "stopRouter", id=r["id"])["router"]
    assert stopped["state"] == "Stopped" and "hostid" not in stopped and "linklocalip" not in stopped
    assert sorted(n["traffictype"] for n in stopped["nic"]) == ["Guest", "Public"]
    job = job_error(dc.s, "rebootRouter", id=r["id"])
    assert job["jobresultcode"] == 530 and job["jobresult"]["errortext"] == "Unable to reboot domR, it is not in right state Stopped"
    started = job_result(dc.s, "startRouter", id=r["id"])["router"]
    assert started["state"] == "Running" and started["hostid"] == r["hostid"]
    assert job_result(dc.s, "rebootRouter", id=r["id"])["router"]["state"] == "Running"
    gone = job_result(dc.s, "destroyRouter", id=r["id"])["router"]
    assert gone["id"] == r["id"]
    status, _ = error_of(dc.s, "listRouters", id=r["id"])
    assert status == 431


def test_change_service_for_router(dc):
    net = dc.network("tier5")
    dc.deploy(networkids=net["id"])
    (r,) = running(dc.s, networkid=net["id"])
    offs = dc.s.ok("listServiceOfferings", issystem="true", systemvmtype="domainrouter")["serviceoffering"]
    local = next(o for o in offs if o["id"] != r["serviceofferingid"] and o["storagetype"] == "local")
    other = dc.offering("Bigger router", cpunumber=2, memory=1024, issystem="true", systemvmtype="domainrouter")
    status, text = error_of(dc.s, "changeServiceForRouter", id=r["id"], serviceofferingid=other["id"])
    assert status == 431 and text.startswith("Unable to upgrade router VM instance {") and text.endswith(
        "in state Running; make sure the router is stopped and not in an error state before upgrading.")
    status, text = error_of(dc.s, "changeServiceForRouter", id=r["id"], serviceofferingid=dc.small["id"])
    assert status == 431 and text.startswith("Cannot upgrade router vm to a non system service offering")
    job_result(dc.s, "stopRouter", id=r["id"])
    status, text = error_of(dc.s, "changeServiceForRouter", id=r["id"], serviceofferingid=local["id"])
    assert status == 431 and text == "Can't upgrade, due to new local storage status : true is different from curruent local storage status: false"
    changed = dc.s.ok("changeServiceForRouter", id=r["id"], serviceofferingid=other["id"])["router"]
    assert changed["serviceofferingid"] == other["id"] and changed["serviceofferingname"] == other["name"]


def test_restart_cleanup_and_delete_network(dc):
    net = dc.network("tier6")
    vm = dc.deploy(networkids=net["id"])
    (r,) = running(dc.s, networkid=net["id"])
    job_result(dc.s, "restartNetwork", id=net["id"])
    assert [x["id"] for x in routers(dc.s, networkid=net["id"])] == [r["id"]]  # without cleanup the router stays
    job_result(dc.s, "restartNetwork", id=net["id"], cleanup="true")
    (new,) = routers(dc.s, networkid=net["id"])
    assert new["id"] != r["id"] and new["name"] != r["name"]
    job_result(dc.s, "destroyVirtualMachine", id=vm["id"], expunge="true")
    job_result(dc.s, "deleteNetwork", id=net["id"])
    assert routers(dc.s, listall="true", zoneid=dc.adv["id"]) == []


def test_migrate_router(dc):
    net = dc.network("tier7")
    dc.deploy(networkids=net["id"])
    (r,) = running(dc.s, networkid=net["id"])
    other = next(h for h in dc.adv_hosts if h["id"] != r["hostid"])
    moved = job_result(dc.s, "migrateSystemVm", virtualmachineid=r["id"], hostid=other["id"])["systemvm"]
    assert moved["hostid"] == other["id"] and moved["name"] == r["name"]
    assert routers(dc.s, id=r["id"])[0]["hostid"] == other["id"]


def test_account_deletion_removes_its_routers(dc):
    acc = new_account(dc.s, "gone1")
    tenant = As(dc.s, keys_for(dc.s, acc))
    tnet = tenant.ok("createNetwork", name="gnet", displaytext="gnet", networkofferingid=dc.iso_off["id"], zoneid=dc.adv["id"])["network"]
    assert dc.s.wait(tenant.ok("associateIpAddress", networkid=tnet["id"]))["jobstatus"] == 1
    assert len(routers(dc.s, account="gone1", domainid=acc["domainid"])) == 1
    job_result(dc.s, "deleteAccount", id=acc["id"])
    assert [r for r in routers(dc.s, listall="true") if r.get("account") == "gone1"] == []


def test_ngine_io_cs_router(dc):
    """ngine_io 2.5.0's cs_router stops, starts, reboots a router and changes its offering against the simulator."""
    import importlib
    import pathlib
    import sys

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "integration"))
    from harness import run_main

    mod = importlib.import_module("ansible_collections.ngine_io.cloudstack.plugins.modules.cs_router")
    conn = {"api_url": dc.s.endpoint, "api_key": dc.s.key, "api_secret": dc.s.secret, "api_timeout": 10}
    net = dc.network("ngnet")
    dc.deploy(networkids=net["id"])
    (r,) = running(dc.s, networkid=net["id"])
    for state, changed, final in (("stopped", True, "Stopped"), ("stopped", False, "Stopped"), ("started", True, "Running"),
                                  ("restarted", True, "Running")):
        res = run_main(mod.main, dict(conn, name=r["name"], state=state), name="cs_router")
        assert not res.failed and res["changed"] is changed and res["state"] == final, (state, res)
        assert res["role"] == "VIRTUAL_ROUTER"
    dc.offering("Bigger router", cpunumber=2, memory=1024, issystem="true", systemvmtype="domainrouter")
    res = run_main(mod.main, dict(conn, name=r["name"], service_offering="Bigger router"), name="cs_router")
    assert not res.failed and res["changed"]
    (now,) = routers(dc.s, id=r["id"])
    # changeServiceForRouter needs the router stopped: ngine_io stops it first (and, as on a real server, leaves it
    # stopped: its start_router reads the router it cached before the stop)
    assert now["serviceofferingname"] == "Bigger router" and now["state"] == "Stopped"
