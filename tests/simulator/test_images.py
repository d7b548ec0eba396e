"""Template and ISO registration: the list reply, per zone or cross-zone, ready after the download delay;
update, delete, copy; ISOs attached to VMs."""
import time

import pytest
from workload_helpers import error_of, job_result, make_dc

URL = "http://images.example/cloud/tiny-x86_64.qcow2"


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def ostype(dc):
    return dc.s.ok("listOsTypes", description="CentOS 5.6 (64-bit)")["ostype"][0]["id"]


def wait_ready(dc, command, key, oid, **params):
    deadline = time.time() + 10
    while time.time() < deadline:
        items = dc.s.ok(command, id=oid, **params).get(key, [])
        if items and all(i["isready"] for i in items):
            return items
        time.sleep(0.05)
    raise AssertionError(f"{oid} did not become ready")


def register(dc, name="tiny", **params):
    params.setdefault("zoneid", dc.adv["id"])
    return dc.s.ok("registerTemplate", name=name, displaytext=name, format="QCOW2", hypervisor="Simulator", url=URL, ostypeid=ostype(dc),
                   **params)


def test_register_answers_a_list_and_becomes_ready(make_simserver):
    dc = make_dc(make_simserver, job_seconds=0.3)  # download delay: twice the job duration
    reply = register(dc)
    assert reply["count"] == 1 and len(reply["template"]) == 1
    t = reply["template"][0]
    assert (t["isready"], t["zoneid"], t["templatetype"], t["format"], t["account"]) == (False, dc.adv["id"], "USER", "QCOW2", "admin")
    listed = dc.s.ok("listTemplates", templatefilter="self", id=t["id"])["template"][0]
    assert listed["isready"] is False
    status, text = error_of(dc.s, "deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=t["id"])
    assert status == 431 and "has not been completely downloaded" in text
    ready = wait_ready(dc, "listTemplates", "template", t["id"], templatefilter="self")[0]
    assert ready["status"] == "Download Complete" and ready["size"] > 0
    vm = dc.deploy(templateid=t["id"])
    assert vm["templateid"] == t["id"] and vm["templatename"] == "tiny"
    events = [e["type"] for e in dc.s.ok("listEvents", type="TEMPLATE.CREATE")["event"]]
    assert events == ["TEMPLATE.CREATE"]


def test_cross_zone_template_is_listed_in_every_zone(dc):
    reply = register(dc, "everywhere", zoneid="-1")
    assert reply["count"] == 2 and {t["zoneid"] for t in reply["template"]} == {dc.adv["id"], dc.basic["id"]}
    assert all(t["crossZones"] for t in reply["template"])
    wait_ready(dc, "listTemplates", "template", reply["template"][0]["id"], templatefilter="self")
    vm = dc.deploy(zone=dc.basic, templateid=reply["template"][0]["id"])
    assert vm["zoneid"] == dc.basic["id"]


def test_register_bad_input(dc):
    status, text = error_of(dc.s, "registerTemplate", name="x", displaytext="x", format="EXE", hypervisor="Simulator", url=URL, zoneid=dc.adv["id"])
    assert status == 431 and text.startswith("Image format: EXE is incorrect.")
    status, text = error_of(dc.s, "registerTemplate", name="x", displaytext="x", format="QCOW2", hypervisor="Simulator", url="ftp://x/y.qcow2",
                            zoneid=dc.adv["id"], ostypeid=ostype(dc))
    assert (status, text) == (431, "Unsupported scheme for url: ftp://x/y.qcow2")
    status, text = error_of(dc.s, "registerTemplate", name="x", displaytext="x", format="QCOW2", hypervisor="Simulator", url=URL, ostypeid=ostype(dc))
    assert (status, text) == (431, "Either zoneid or zoneids parameter has to be specified")
    status, text = error_of(dc.s, "registerTemplate", name="x", displaytext="x", format="QCOW2", hypervisor="Simulator", url=URL, zoneid="nope")
    assert status == 431 and "zoneid value=nope" in text


def test_update_copy_delete(dc):
    t = register(dc, "mine")["template"][0]
    upd = dc.s.ok("updateTemplate", id=t["id"], displaytext="Mine, renamed", passwordenabled="true")["template"]
    assert (upd["displaytext"], upd["passwordenabled"]) == ("Mine, renamed", True)
    assert dc.s.ok("listTemplates", templatefilter="self", name="mine")["template"][0]["displaytext"] == "Mine, renamed"
    copied = job_result(dc.s, "copyTemplate", id=t["id"], destzoneid=dc.basic["id"])["template"]
    assert copied["zoneid"] == dc.basic["id"]
    assert {x["zoneid"] for x in dc.s.ok("listTemplates", templatefilter="self", id=t["id"])["template"]} == {dc.adv["id"], dc.basic["id"]}
    wait_ready(dc, "listTemplates", "template", t["id"], templatefilter="self")
    vm = dc.deploy(templateid=t["id"])
    status, text = error_of(dc.s, "deleteTemplate", id=t["id"])
    assert status == 431 and f"VM instances: [{vm['instancename']}] are using it." in text
    job_result(dc.s, "deleteTemplate", id=t["id"], zoneid=dc.basic["id"])
    assert {x["zoneid"] for x in dc.s.ok("listTemplates", templatefilter="self", id=t["id"])["template"]} == {dc.adv["id"]}
    job_result(dc.s, "destroyVirtualMachine", id=vm["id"], expunge="true")
    assert job_result(dc.s, "deleteTemplate", id=t["id"]) == {"success": True}
    assert dc.s.ok("listTemplates", templatefilter="self") == {}


def test_isos_register_list_attach_detach_delete(dc):
    dc.s.sim.download_seconds = 0.5  # long enough to see the ISO before it is ready
    reply = dc.s.ok("registerIso", name="tools", displaytext="tools", url="http://images.example/tools.iso", zoneid=dc.adv["id"], ostypeid=ostype(dc))
    assert reply["count"] == 1
    iso = reply["iso"][0]
    assert (iso["isready"], iso["bootable"], iso["zoneid"]) == (False, True, dc.adv["id"])
    vm = dc.deploy()
    status, text = error_of(dc.s, "attachIso", id=iso["id"], virtualmachineid=vm["id"])
    assert status == 431 and "not ready" in text
    wait_ready(dc, "listIsos", "iso", iso["id"])
    assert [i["name"] for i in dc.s.ok("listIsos", isofilter="self")["iso"]] == ["tools"]
    att = job_result(dc.s, "attachIso", id=iso["id"], virtualmachineid=vm["id"])["virtualmachine"]
    assert (att["isoid"], att["isoname"]) == (iso["id"], "tools")
    status, text = error_of(dc.s, "deleteIso", id=iso["id"])
    assert status == 431 and "are using it" in text
    status, text = error_of(dc.s, "attachIso", id=iso["id"], virtualmachineid=vm["id"])
    assert (status, text) == (431, "An ISO is already attached to the VM, please detach the current ISO")
    det = job_result(dc.s, "detachIso", virtualmachineid=vm["id"])["virtualmachine"]
    assert "isoid" not in det
    assert job_result(dc.s, "deleteIso", id=iso["id"]) == {"success": True}
    assert dc.s.ok("listIsos", isofilter="self") == {}


def test_deploy_from_an_iso_needs_a_disk_offering(dc):
    iso = dc.s.ok("registerIso", name="inst", displaytext="inst", url="http://images.example/inst.iso", zoneid=dc.adv["id"],
                  ostypeid=ostype(dc))["iso"][0]
    wait_ready(dc, "listIsos", "iso", iso["id"])
    status, text = error_of(dc.s, "deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=iso["id"])
    assert (status, text) == (431, "Installing from ISO requires a disk offering to be specified for the root disk.")
    vm = dc.deploy(templateid=iso["id"], diskofferingid=dc.disk_small["id"])
    assert vm["isoid"] == iso["id"]
    root = dc.s.ok("listVolumes", virtualmachineid=vm["id"])["volume"][0]
    assert (root["type"], root["size"]) == ("ROOT", 5 * 1024 ** 3)


def test_private_templates_are_their_owners(dc):
    from workload_helpers import As, keys_for, new_account

    t = register(dc, "private")["template"][0]
    wait_ready(dc, "listTemplates", "template", t["id"], templatefilter="self")
    other = As(dc.s, keys_for(dc.s, new_account(dc.s, "other")))
    status, body = other.call("deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=t["id"])
    assert status == 531 and "permission to use template" in body["deployvirtualmachineresponse"]["errortext"]
    reply = other.ok("deployVirtualMachine", zoneid=dc.adv["id"], serviceofferingid=dc.small["id"], templateid=dc.template["id"])  # a public one
    assert dc.s.wait(reply)["jobstatus"] == 1
