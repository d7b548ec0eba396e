"""template and iso: state=extracted (extractTemplate / extractIso) and the permission flags is_public, is_featured,
is_extractable on existing images (updateTemplatePermissions / updateIsoPermissions) against the simulator (in
process): check mode, run, re-run, --diff, a user's refusals, bad input, a failed job, a job past api_async_timeout,
faults."""
import re

import pytest

ZONE = "Sandbox-simulator-basic"
OS = "CentOS 5.6 (64-bit)"
BASE = {"name": "deb12", "url": "http://images.example.com/deb12.qcow2", "hypervisor": "Simulator", "format": "QCOW2", "os_type": OS, "zone": ZONE}
ISO = {"name": "netinst", "url": "http://images.example.com/netinst.iso", "os_type": OS, "zone": ZONE}
EXTRACT = {"name": "deb12", "zone": ZONE, "state": "extracted"}


@pytest.fixture
def sim(make_simserver):
    return make_simserver(datacenter="sandbox", job_seconds=0.02)


def template(sim, name="deb12"):
    (t,) = sim.ok("listTemplates", templatefilter="self", name=name).get("template", [])
    return t


def user_conn(sim, name="tenant1"):
    acc = sim.ok("createAccount", username=name, password="pw-" + name, firstname=name, lastname="T", email=name + "@example.com",
                 accounttype=0)["account"]
    keys = sim.ok("registerUserKeys", id=acc["user"][0]["id"])["userkeys"]
    return {"api_key": keys["apikey"], "api_secret": keys["secretkey"]}


def test_template_extracted_check_mode_run_rerun_diff(module, sim):
    module("template", is_extractable=True, **BASE)
    res = module("template", _check=True, _diff=True, **EXTRACT)
    assert res["changed"] and not res.failed and res["url"] == BASE["url"] and "mode" not in res  # the template as it is
    assert res["diff"] == {"before": {"state": "present"}, "after": {"state": "extracted", "mode": "http_download"}}
    res = module("template", _diff=True, **EXTRACT)
    assert res["changed"] and res["state"] == "DOWNLOAD_URL_CREATED" and res["mode"] == "HTTP_DOWNLOAD" and res["zone"] == ZONE
    assert re.fullmatch(r"http://[0-9.]+/userdata/[0-9a-f-]{36}\.qcow2", res["url"]), res["url"]
    assert res["id"] == template(sim)["id"] and res["diff"]["after"]["url"] == res["url"]
    assert module("template", **EXTRACT)["url"] == res["url"]  # CloudStack answers the URL it made
    # cross_zones: ngine_io's warning, the zone CloudStack picks
    res = module("template", name="deb12", cross_zones=True, state="extracted")
    assert res["changed"] and any("cross_zones parameter is ignored when state is extracted" in w for w in res["warnings"])


def test_template_extracted_refusals(module, sim):
    res = module("template", **dict(EXTRACT, name="nope"))
    assert res.failed and res["msg"] == "Failed: template not found"
    module("template", **BASE)
    res = module("template", mode="ftp_upload", **EXTRACT)
    assert res.failed and "mode=ftp_upload needs url" in res["msg"]
    res = module("template", mode="sftp", **EXTRACT)
    assert res.failed and "mode" in res["msg"] and "sftp" in res["msg"]
    res = module("template", mode="ftp_upload", url="ftp://ftp.example.com/in/deb12.qcow2", **EXTRACT)
    assert res["changed"] and res["mode"] == "FTP_UPLOAD" and res["url"] == "ftp://ftp.example.com/in/deb12.qcow2"
    # a user's own template that is not extractable: CloudStack refuses (431, its text)
    conn = user_conn(sim)
    assert module("template", _conn=conn, **BASE)["changed"]
    res = module("template", _conn=conn, **EXTRACT)
    assert res.failed and "extractTemplate" in res["msg"] and "as it's not extractable" in res["msg"]


def test_template_extracted_failed_job_timeout_faults(module, sim):
    module("template", **BASE)
    sim.sim.faults.set("jobfail=1.0,only=extractTemplate")
    res = module("template", **EXTRACT)
    assert res.failed and "extractTemplate" in res["msg"] and res["cloudstack_errorcode"] == 530
    sim.sim.faults.set("")
    sim.sim.job_seconds = 3
    res = module("template", api_async_timeout=1, **EXTRACT)
    assert res.failed and "extractTemplate" in res["msg"] and "api_async_timeout" in res["msg"]
    sim.sim.job_seconds = 0.02
    sim.sim.faults.set("5xx=0.3,drop=0.3,seed=3,only=extractTemplate")
    urls = set()
    for _ in range(4):
        res = module("template", **EXTRACT)
        if not res.failed:
            urls.add(res["url"])
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    urls.add(module("template", **EXTRACT)["url"])
    assert injected > 0 and len(urls) == 1


def test_template_permissions_check_mode_diff_rerun(module, sim):
    module("template", **BASE)
    args = dict(BASE, is_public=True, is_featured=True, is_extractable=True)
    res = module("template", _check=True, _diff=True, **args)
    assert res["changed"] and res["is_public"] is False and template(sim)["ispublic"] is False
    flags = ("is_public", "is_featured", "is_extractable")
    assert [res["diff"]["after"][k] for k in flags] == [True, True, True] and [res["diff"]["before"][k] for k in flags] == [False, False, False]
    res = module("template", _diff=True, _verbosity=2, **args)
    assert res["changed"] and res["is_public"] and res["is_featured"] and res["is_extractable"]
    assert res["api_calls"]["updateTemplatePermissions"] == 1 and "updateTemplate" not in res["api_calls"]  # nothing else changed
    t = template(sim)
    assert t["ispublic"] and t["isfeatured"] and t["isextractable"]
    assert module("template", **args)["changed"] is False
    # flags and another option: both commands
    res = module("template", _verbosity=2, **dict(args, is_featured=False, display_text="Debian 12"))
    assert res["changed"] and res["api_calls"]["updateTemplatePermissions"] == 1 and res["api_calls"]["updateTemplate"] == 1
    assert template(sim)["isfeatured"] is False and template(sim)["displaytext"] == "Debian 12"


def test_template_permissions_refused_for_a_user_and_faults(module, sim):
    conn = user_conn(sim)
    module("template", _conn=conn, **BASE)
    res = module("template", _conn=conn, is_extractable=True, **BASE)
    assert res.failed and "updateTemplatePermissions" in res["msg"] and "Only ROOT admins are allowed to modify isExtractable" in res["msg"]
    assert module("template", _conn=conn, is_public=True, **BASE)["changed"]  # allow.public.user.templates: true
    sim.sim.faults.set("5xx=0.3,drop=0.3,seed=4,only=updateTemplatePermissions")
    flags = [True, False, True, False, True]
    for value in flags:
        module("template", is_public=value, **BASE)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    res = module("template", is_public=False, **BASE)
    assert not res.failed and template(sim)["ispublic"] is False


def test_iso_extracted_and_permissions(module, sim):
    module("iso", **ISO)
    iso_extract = {"name": "netinst", "zone": ZONE, "state": "extracted"}
    res = module("iso", _check=True, _diff=True, **iso_extract)
    assert res["changed"] and res["diff"]["after"] == {"state": "extracted", "mode": "http_download"}
    res = module("iso", **iso_extract)
    assert res["changed"] and res["url"].endswith(".iso") and res["mode"] == "HTTP_DOWNLOAD" and res["state"] == "DOWNLOAD_URL_CREATED"
    assert module("iso", **dict(iso_extract, name="nope"))["msg"] == "Failed: iso not found"
    res = module("iso", _diff=True, is_featured=True, **ISO)
    assert res["changed"] and res["is_featured"] is True and res["diff"]["after"]["is_featured"] is True
    assert module("iso", is_featured=True, **ISO)["changed"] is False
    sim.sim.faults.set("jobfail=1.0,only=extractIso")
    res = module("iso", **iso_extract)
    assert res.failed and "extractIso" in res["msg"]
    sim.sim.faults.set("")


# ---- createTemplate: from a stopped instance's ROOT volume or a snapshot of it -----------------------------------------
def stopped_vm(sim, name="golden-src"):
    zone = sim.ok("listZones", name=ZONE)["zone"][0]
    tmpl = sim.ok("listTemplates", templatefilter="featured", zoneid=zone["id"])["template"][0]
    off = sim.ok("listServiceOfferings", name="Small Instance")["serviceoffering"][0]
    vm = sim.wait(sim.ok("deployVirtualMachine", name=name, zoneid=zone["id"], templateid=tmpl["id"], serviceofferingid=off["id"]))
    vmid = vm["jobresult"]["virtualmachine"]["id"]
    sim.wait(sim.ok("stopVirtualMachine", id=vmid))
    return vmid


FROM_VM = {"name": "golden", "vm": "golden-src", "os_type": OS, "zone": ZONE}


def test_template_from_vm_check_mode_run_rerun(module, sim):
    vmid = stopped_vm(sim)
    res = module("template", _check=True, _diff=True, **FROM_VM)
    assert res["changed"] and sim.ok("listTemplates", templatefilter="self", name="golden").get("template") is None
    assert res["diff"]["before"] == {"state": "absent"}
    res = module("template", _verbosity=2, is_extractable=True, **FROM_VM)
    t = template(sim, "golden")
    assert res["changed"] and res["id"] == t["id"] and res["is_ready"] is True and res["template_type"] == "USER"
    # createTemplate has no isextractable: set with updateTemplatePermissions in the same run
    assert res["api_calls"]["createTemplate"] == 1 and res["api_calls"]["updateTemplatePermissions"] == 1 and t["isextractable"] is True
    assert module("template", is_extractable=True, **FROM_VM)["changed"] is False
    root = sim.ok("listVolumes", virtualmachineid=vmid, type="ROOT")["volume"][0]
    sim.wait(sim.ok("createSnapshot", volumeid=root["id"], name="golden-snap"))
    res = module("template", _verbosity=2, **dict(FROM_VM, name="golden-2", snapshot="golden-snap"))
    assert res["changed"] and res["api_calls"]["createTemplate"] == 1 and template(sim, "golden-2")["id"] == res["id"]


def test_template_from_vm_bad_input(module, sim):
    res = module("template", name="golden", zone=ZONE, os_type=OS)
    assert res.failed and res["msg"] == "one of the following is required on state=present: url, vm"
    res = module("template", **dict(FROM_VM, os_type=None))
    assert res.failed and res["msg"] == "Missing required arguments: os_type"
    res = module("template", **dict(FROM_VM, vm="no-such-vm"))
    assert res.failed and "vm" in res["msg"] and "no-such-vm" in res["msg"]
    res = module("template", url="http://images.example.com/x.qcow2", **FROM_VM)
    assert res.failed and "mutually exclusive" in res["msg"]
    stopped_vm(sim)
    res = module("template", **dict(FROM_VM, snapshot="nope"))
    assert res.failed and res["msg"] == "Snapshot 'nope' not found"
    assert sim.ok("listTemplates", templatefilter="self", name="golden").get("template") is None


def test_template_from_running_vm_refused_and_failed_job(module, sim):
    vmid = stopped_vm(sim)
    sim.wait(sim.ok("startVirtualMachine", id=vmid))
    res = module("template", **FROM_VM)
    assert res.failed and "createTemplate" in res["msg"] and "please stop vm" in res["msg"]
    sim.wait(sim.ok("stopVirtualMachine", id=vmid))
    sim.sim.faults.set("jobfail=1.0,only=createTemplate")
    res = module("template", **FROM_VM)
    assert res.failed and "createTemplate" in res["msg"] and res["cloudstack_errorcode"] == 530
    sim.sim.faults.set("")
