"""Simulator divergences ngine_io.cloudstack's own modules tripped on (issue 8): each checked over the wire, and with
ngine_io 2.5.0's module run in process against the simulator (tests/integration/harness.py run_main)."""
import importlib
import ipaddress
import pathlib
import re
import sys
import time

import pytest
from workload_helpers import ADV, As, error_of, job_error, job_result, keys_for, make_dc, new_account

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "integration"))
from harness import run_main  # noqa: E402

NGINE = "ansible_collections.ngine_io.cloudstack.plugins.modules."


@pytest.fixture
def dc(make_simserver):
    return make_dc(make_simserver)


def ngine(s, module, **args):
    """Run ngine_io.cloudstack's module in this process against simulator s."""
    mod = importlib.import_module(NGINE + module)
    full = {"api_url": s.endpoint, "api_key": s.key, "api_secret": s.secret, "api_timeout": 10}
    full.update(args)
    return run_main(mod.main, full, name=module)


def ssvm_ip(dc):
    deadline = time.time() + 5
    while time.time() < deadline:
        vms = dc.s.ok("listSystemVms", zoneid=dc.adv["id"], systemvmtype="secondarystoragevm")["systemvm"]
        if vms[0]["state"] == "Running":
            return vms[0]["publicip"]
        time.sleep(0.02)
    raise AssertionError("the SSVM did not start")


# ---- listAffinityGroupTypes ------------------------------------------------------------------------------
def test_affinity_group_types_key(dc):
    body = dc.s.ok("listAffinityGroupTypes")
    assert body["count"] == 2 and [t["type"] for t in body["affinityGroupType"]] == ["host anti-affinity", "host affinity"]
    r = ngine(dc.s, "cs_affinitygroup", name="ag1")
    assert not r.failed and r["changed"] and r["affinity_type"] == "host anti-affinity"
    assert not ngine(dc.s, "cs_affinitygroup", name="ag1")["changed"]


# ---- a second public range on a VLAN already in the zone ---------------------------------------------------------------
def test_second_public_range_on_same_vlan(dc):
    ranges = dc.s.ok("listVlanIpRanges", zoneid=dc.adv["id"], forvirtualnetwork="true")["vlaniprange"]
    (first,) = ranges
    assert first["vlan"] == "vlan://50" and first["gateway"] == "192.168.2.1"
    r = ngine(dc.s, "cs_vlan_ip_range", zone=ADV, start_ip="192.168.2.201", end_ip="192.168.2.210", gateway="192.168.2.1",
              netmask="255.255.255.0", vlan="50", for_virtual_network=True)
    assert not r.failed and r["changed"] and r["vlan"] == "vlan://50" and r["start_ip"] == "192.168.2.201"
    assert not ngine(dc.s, "cs_vlan_ip_range", zone=ADV, start_ip="192.168.2.201", end_ip="192.168.2.210", gateway="192.168.2.1",
                     netmask="255.255.255.0", vlan="50", for_virtual_network=True)["changed"]
    assert len(dc.s.ok("listVlanIpRanges", zoneid=dc.adv["id"], vlan="50")["vlaniprange"]) == 2
    # another subnet on the same VLAN is a new subnet: allowed
    dc.s.ok("createVlanIpRange", zoneid=dc.adv["id"], vlan="50", gateway="10.50.0.1", netmask="255.255.255.0",
            startip="10.50.0.10", endip="10.50.0.20", forvirtualnetwork="true")
    # the same subnet with another gateway is refused (checkZoneVlanIpOverlap)
    status, text = error_of(dc.s, "createVlanIpRange", zoneid=dc.adv["id"], vlan="50", gateway="192.168.2.254",
                            netmask="255.255.255.0", startip="192.168.2.220", endip="192.168.2.230", forvirtualnetwork="true")
    assert status == 431 and text == ("The IP range has already been added with gateway 192.168.2.1 ,and netmask 255.255.255.0, "
                                      "Please specify the gateway/netmask if you want to extend ip range")
    status, text = error_of(dc.s, "createVlanIpRange", zoneid=dc.adv["id"], vlan="50", gateway="192.168.2.1",
                            netmask="255.255.255.0", startip="192.168.2.205", endip="192.168.2.230", forvirtualnetwork="true")
    assert text == "The IP range already has IPs that overlap with the new range. Please specify a different start IP/end IP."
    # the new range's addresses are handed out once the first range is used up
    assert dc.s.ok("listPublicIpAddresses", allocatedonly="false", zoneid=dc.adv["id"], ipaddress="192.168.2.205")["count"] == 1


# ---- RBD storage URL ---------------------------------------------------------------------------------------------------------
def test_rbd_pool_path_and_url(dc):
    cl = dc.s.ok("listClusters", zoneid=dc.adv["id"])["cluster"][0]
    pod = dc.s.ok("listPods", zoneid=dc.adv["id"])["pod"][0]
    args = dict(name="ceph1", zone=ADV, pod=pod["name"], cluster=cl["name"], storage_url="rbd://admin:AQBsecret==@10.0.0.5/rbdpool",
                provider="DefaultPrimary", scope="cluster")
    r = ngine(dc.s, "cs_storage_pool", **args)
    assert not r.failed and r["changed"] and r["type"] == "RBD" and r["path"] == "rbdpool"
    assert r["storage_url"] == "RBD://10.0.0.5/rbdpool"  # ngine_io builds <type>://<ipaddress>/<path>
    assert not ngine(dc.s, "cs_storage_pool", **args)["changed"]
    ps = dc.s.ok("listStoragePools", name="ceph1")["storagepool"][0]
    assert (ps["ipaddress"], ps["path"], ps["type"]) == ("10.0.0.5", "rbdpool", "RBD")
    assert "AQBsecret" not in str(ps)


# ---- roles with their description ---------------------------------------------------------------------------------------------------
def test_role_description(dc):
    r = ngine(dc.s, "cs_role", name="ops", role_type="User", description="operators")
    assert not r.failed and r["changed"] and r["description"] == "operators" and r["role_type"] == "User"
    assert not ngine(dc.s, "cs_role", name="ops", role_type="User", description="operators")["changed"]
    r = ngine(dc.s, "cs_role", name="ops", role_type="User", description="operators on call")
    assert r["changed"] and r["description"] == "operators on call"
    (role,) = dc.s.ok("listRoles", name="ops")["role"]
    assert role["description"] == "operators on call"


# ---- IPv6 VLAN ranges -------------------------------------------------------------------------------------------------------------------
def test_ipv6_vlan_range(dc):
    zid = dc.adv["id"]
    base = dict(zoneid=zid, vlan="70", gateway="10.70.0.1", netmask="255.255.255.0", startip="10.70.0.10", endip="10.70.0.20",
                forvirtualnetwork="true")
    v6 = dict(ip6gateway="fd00:70::1", ip6cidr="fd00:70::/64", startipv6="fd00:70::10", endipv6="fd00:70::20")
    vlan = dc.s.ok("createVlanIpRange", **base, **v6)["vlan"]
    assert (vlan["ip6gateway"], vlan["ip6cidr"], vlan["startipv6"], vlan["endipv6"]) == ("fd00:70::1", "fd00:70::/64", "fd00:70::10", "fd00:70::20")
    (listed,) = dc.s.ok("listVlanIpRanges", id=vlan["id"])["vlaniprange"]
    assert listed["ip6cidr"] == "fd00:70::/64" and listed["startipv6"] == "fd00:70::10" and listed["startip"] == "10.70.0.10"
    checks = [
        (dict(v6, ip6gateway="nonsense"), "Please specify a valid IPv6 gateway"),
        (dict(v6, ip6cidr="fd00:71::"), "Please specify a valid IPv6 CIDR"),
        (dict(v6, startipv6="fd00:99::10"), "startIPv6 is not in ip6cidr indicated network!"),
        (dict(v6, startipv6="fd00:70::15", endipv6="fd00:70::30"), "The IPv6 range with tag: 70 already has IPs that overlap with the new range."),
        ({"startipv6": "fd00:72::10"}, "ip6Gateway and ip6Cidr should be defined when startIPv6/endIPv6 are passed in"),
    ]
    for extra, text in checks:
        other = dict(base, vlan="71", gateway="10.71.0.1", startip="10.71.0.10", endip="10.71.0.20")
        status, got = error_of(dc.s, "createVlanIpRange", **other, **extra)
        assert (status, got) == (431, text), extra
    r = ngine(dc.s, "cs_vlan_ip_range", zone=ADV, vlan="72", start_ip="10.72.0.10", end_ip="10.72.0.20", gateway="10.72.0.1",
              netmask="255.255.255.0", for_virtual_network=True, start_ipv6="fd00:72::10", end_ipv6="fd00:72::20",
              gateway_ipv6="fd00:72::1", cidr_ipv6="fd00:72::/64")
    assert not r.failed and r["changed"]
    (made,) = dc.s.ok("listVlanIpRanges", zoneid=zid, vlan="72")["vlaniprange"]
    assert (made["ip6gateway"], made["ip6cidr"], made["startipv6"], made["endipv6"]) == ("fd00:72::1", "fd00:72::/64", "fd00:72::10", "fd00:72::20")


# ---- template and ISO permissions ---------------------------------------------------------------------------------------------------------
def _registered(dc, name="tmpl1", **kw):
    params = dict(name=name, displaytext=name, url="http://example.com/t.qcow2", format="QCOW2", hypervisor="Simulator",
                  ostypeid=dc.template["ostypeid"], zoneid=dc.adv["id"])
    params.update(kw)
    tmpl = dc.s.ok("registerTemplate", **params)["template"][0]
    deadline = time.time() + 5
    while not dc.s.ok("listTemplates", templatefilter="self", id=tmpl["id"])["template"][0]["isready"]:
        assert time.time() < deadline
        time.sleep(0.02)
    return tmpl


def test_template_permissions(dc):
    tmpl = _registered(dc)
    acc = new_account(dc.s, "tenant1")
    tenant = As(dc.s, keys_for(dc.s, acc))
    assert tenant.items("listTemplates", "template", templatefilter="shared") == []
    assert dc.s.ok("updateTemplatePermissions", id=tmpl["id"], op="add", accounts="tenant1") == {"success": True}
    perm = dc.s.ok("listTemplatePermissions", id=tmpl["id"])["templatepermission"]
    assert perm == {"id": tmpl["id"], "ispublic": False, "domainid": acc["domainid"], "account": ["tenant1"]}
    assert [t["id"] for t in tenant.items("listTemplates", "template", templatefilter="shared")] == [tmpl["id"]]
    dc.s.ok("updateTemplatePermissions", id=tmpl["id"], op="remove", accounts="tenant1")
    assert "account" not in dc.s.ok("listTemplatePermissions", id=tmpl["id"])["templatepermission"]
    dc.s.ok("updateTemplatePermissions", id=tmpl["id"], ispublic="true", isfeatured="true", isextractable="true")
    (t,) = dc.s.ok("listTemplates", templatefilter="all", id=tmpl["id"])["template"]
    assert t["ispublic"] and t["isfeatured"] and t["isextractable"]
    dc.s.ok("updateTemplatePermissions", id=tmpl["id"], op="reset", accounts="tenant1")
    (t,) = dc.s.ok("listTemplates", templatefilter="all", id=tmpl["id"])["template"]
    assert not t["ispublic"] and not t["isfeatured"]
    status, text = error_of(dc.s, "updateTemplatePermissions", id=tmpl["id"], op="add", accounts="nobody")
    assert status == 431 and text.startswith("Unable to grant a launch permission to account nobody in domain id=")
    status, text = error_of(dc.s, "updateTemplatePermissions", id=tmpl["id"], op="grant", accounts="tenant1")
    assert text.startswith("Invalid operation on accounts, the operation must be either 'add' or 'remove'")
    status, text = error_of(dc.s, "updateTemplatePermissions", id=tmpl["id"], op="add")
    assert text == "Operation add requires accounts or projectIds to be passed"
    status, text = error_of(tenant, "updateTemplatePermissions", id=tmpl["id"], ispublic="true")
    assert status == 531  # not the owner's
    # ngine_io's cs_template changes the flags with updateTemplatePermissions
    r = ngine(dc.s, "cs_template", name="tmpl1", zone=ADV, is_featured=True, is_public=True, template_filter="self")
    assert not r.failed and r["changed"] and r["is_featured"] and r["is_public"]
    assert not ngine(dc.s, "cs_template", name="tmpl1", zone=ADV, is_featured=True, is_public=True, template_filter="self")["changed"]


def test_iso_permissions(dc):
    iso = dc.s.ok("registerIso", name="iso1", displaytext="iso1", url="http://example.com/x.iso", zoneid=dc.adv["id"],
                  ostypeid=dc.template["ostypeid"])["iso"][0]
    new_account(dc.s, "tenant2")
    dc.s.ok("updateIsoPermissions", id=iso["id"], op="add", accounts="tenant2", isextractable="true")
    status, body = dc.s.call("listIsoPermissions", id=iso["id"])
    assert status == 200 and body["listtemplatepermissionsresponse"]["templatepermission"]["account"] == ["tenant2"]
    status, text = error_of(dc.s, "updateIsoPermissions", id=dc.template["id"], op="add", accounts="tenant2")
    assert status == 431  # a template's id names no ISO


# ---- extract -----------------------------------------------------------------------------------------------------------------------------------
def test_extract_template_and_iso(dc):
    ip = ssvm_ip(dc)
    tmpl = _registered(dc, "ext1", isextractable="true")
    result = job_result(dc.s, "extractTemplate", id=tmpl["id"], mode="HTTP_DOWNLOAD", zoneid=dc.adv["id"])["template"]
    assert set(result) == {"id", "name", "accountid", "state", "zoneid", "zonename", "extractMode", "url"}
    assert result["id"] == tmpl["id"] and result["state"] == "DOWNLOAD_URL_CREATED" and result["extractMode"] == "HTTP_DOWNLOAD"
    assert re.fullmatch(rf"http://{re.escape(ip)}/userdata/[0-9a-f-]{{36}}\.qcow2", result["url"]), result["url"]
    assert job_result(dc.s, "extractTemplate", id=tmpl["id"], mode="http_download")["template"]["extractMode"] == "HTTP_DOWNLOAD"
    status, text = error_of(dc.s, "extractTemplate", id=tmpl["id"], mode="SCP")
    assert (status, text) == (431, "Please specify a valid extract Mode ")
    up = job_result(dc.s, "extractTemplate", id=tmpl["id"], mode="FTP_UPLOAD", url="ftp://ftp.example.com/in/t.qcow2")["template"]
    assert up["url"] == "ftp://ftp.example.com/in/t.qcow2" and up["extractMode"] == "FTP_UPLOAD"
    iso = dc.s.ok("registerIso", name="iso2", displaytext="iso2", url="http://example.com/y.iso", zoneid=dc.adv["id"],
                  ostypeid=dc.template["ostypeid"], isextractable="true")["iso"][0]
    got = job_result(dc.s, "extractIso", id=iso["id"], mode="HTTP_DOWNLOAD", zoneid=dc.adv["id"])["iso"]
    assert got["id"] == iso["id"] and got["url"].endswith(".iso") and got["url"].startswith(f"http://{ip}/userdata/")
    # a user may not extract a template that is not extractable
    acc = new_account(dc.s, "tenant3")
    tenant = As(dc.s, keys_for(dc.s, acc))
    own = tenant.ok("registerTemplate", name="mine", displaytext="mine", url="http://example.com/m.qcow2", format="QCOW2",
                    hypervisor="Simulator", ostypeid=dc.template["ostypeid"], zoneid=dc.adv["id"])["template"][0]
    status, text = error_of(tenant, "extractTemplate", id=own["id"], mode="HTTP_DOWNLOAD")
    assert status == 431 and text == f"Unable to extract template id={own['id']} as it's not extractable"
    # ngine_io's cs_template state=extracted
    r = ngine(dc.s, "cs_template", name="ext1", zone=ADV, state="extracted", template_filter="self")
    assert not r.failed and r["changed"] and r["url"].startswith(f"http://{ip}/userdata/") and r["mode"] == "HTTP_DOWNLOAD"


def test_extract_template_without_ssvm(dc):
    tmpl = _registered(dc, "ext2", isextractable="true")
    for vm in dc.s.ok("listSystemVms", zoneid=dc.adv["id"], systemvmtype="secondarystoragevm")["systemvm"]:
        job_result(dc.s, "stopSystemVm", id=vm["id"])
    job = job_error(dc.s, "extractTemplate", id=tmpl["id"], mode="HTTP_DOWNLOAD", zoneid=dc.adv["id"])
    assert job["jobresult"]["errortext"] == "No remote endpoint to send command, check if host or ssvm is down?"


def test_extract_volume(dc):
    ip = ssvm_ip(dc)
    vm = dc.deploy(name="ev1")
    root = dc.s.ok("listVolumes", virtualmachineid=vm["id"], type="ROOT")["volume"][0]
    status, text = error_of(dc.s, "extractVolume", id=root["id"], zoneid=dc.adv["id"], mode="HTTP_DOWNLOAD")
    assert status == 531 and text.startswith("Invalid state of the volume with specified ID.")
    job_result(dc.s, "stopVirtualMachine", id=vm["id"])
    status, text = error_of(dc.s, "extractVolume", id=root["id"], zoneid=dc.adv["id"], mode="http_download")
    assert text == "Please specify a valid extract Mode "  # volumes take the mode in capitals only
    got = job_result(dc.s, "extractVolume", id=root["id"], zoneid=dc.adv["id"], mode="HTTP_DOWNLOAD")["volume"]
    assert got["id"] == root["id"] and got["name"] == root["name"] and got["state"] == "DOWNLOAD_URL_CREATED"
    assert got["url"].startswith(f"http://{ip}/userdata/") and got["zonename"] == ADV
    r = ngine(dc.s, "cs_volume", name=root["name"], zone=ADV, state="extracted")
    assert not r.failed and r["changed"] and r["url"].startswith(f"http://{ip}/userdata/")


# ---- volume snapshots ------------------------------------------------------------------------------------------------------------------------------
def test_snapshots(dc):
    vm = dc.deploy(name="snapvm")
    root = dc.s.ok("listVolumes", virtualmachineid=vm["id"], type="ROOT")["volume"][0]
    reply = dc.s.ok("createSnapshot", volumeid=root["id"])
    assert set(reply) == {"jobid", "id"}
    snap = dc.s.wait(reply)["jobresult"]["snapshot"]
    assert snap["id"] == reply["id"] and snap["state"] == "BackedUp" and snap["volumeid"] == root["id"]
    assert re.fullmatch(rf"snapvm_{root['name']}_\d{{14}}", snap["name"]) and snap["snapshottype"] == "MANUAL"
    assert snap["intervaltype"] == "MANUAL" and snap["volumetype"] == "ROOT" and snap["virtualsize"] == root["size"]
    assert snap["account"] == "admin" and snap["zoneid"] == dc.adv["id"] and snap["revertable"] is True
    named = job_result(dc.s, "createSnapshot", volumeid=root["id"], name="before-upgrade")["snapshot"]
    listed = dc.s.ok("listSnapshots", volumeid=root["id"])["snapshot"]
    assert [s["id"] for s in listed] == [named["id"], snap["id"]]  # newest first
    assert [s["id"] for s in dc.s.ok("listSnapshots", name="before-upgrade")["snapshot"]] == [named["id"]]
    # a volume from the snapshot: its size, Ready on primary storage
    vol = job_result(dc.s, "createVolume", name="fromsnap", snapshotid=snap["id"], zoneid=dc.adv["id"])["volume"]
    assert vol["state"] == "Ready" and vol["size"] == root["size"] and vol["snapshotid"] == snap["id"] and vol["storageid"]
    # revert needs the VM stopped
    status, text = error_of(dc.s, "revertSnapshot", id=snap["id"])
    assert (status, text) == (431, "The VM the specified disk is attached to is not in the shutdown state.")
    job_result(dc.s, "stopVirtualMachine", id=vm["id"])
    assert job_result(dc.s, "revertSnapshot", id=snap["id"])["snapshot"]["id"] == snap["id"]
    # a template from the snapshot
    t = job_result(dc.s, "createTemplate", name="fromsnap", displaytext="fromsnap", snapshotid=snap["id"],
                   ostypeid=dc.template["ostypeid"])["template"]
    assert t["isready"] and t["status"] == "Download Complete" and t["size"] == root["size"] and t["zoneid"] == dc.adv["id"]
    assert t["templatetype"] == "USER" and t["format"] == "RAW" and t["crossZones"] is False
    # an image store holding snapshots cannot be deleted
    store = dc.s.ok("listImageStores", zoneid=dc.adv["id"])["imagestore"][0]
    status, text = error_of(dc.s, "deleteImageStore", id=store["id"])
    assert text == "Cannot delete image store with active snapshots backup!"
    assert job_result(dc.s, "deleteSnapshot", id=named["id"]) == {"success": True}
    assert [s["id"] for s in dc.s.ok("listSnapshots", volumeid=root["id"])["snapshot"]] == [snap["id"]]
    status, text = error_of(dc.s, "createSnapshot", volumeid=dc.s.ok("createVolume", name="blank", zoneid=dc.adv["id"],
                                                                     diskofferingid=dc.disk_small["id"])["id"])
    assert status == 431 and "is not in Ready state but Allocated. Cannot take snapshot." in text


def test_snapshots_with_ngine_io(dc):
    vm = dc.deploy(name="ngvm")
    root = dc.s.ok("listVolumes", virtualmachineid=vm["id"], type="ROOT")["volume"][0]
    snap = job_result(dc.s, "createSnapshot", volumeid=root["id"], name="ngsnap")["snapshot"]
    r = ngine(dc.s, "cs_volume", name="ngvol", zone=ADV, snapshot="ngsnap")
    assert not r.failed and r["changed"] and r["size"] == root["size"] and r["state"] == "Ready"
    assert not ngine(dc.s, "cs_volume", name="ngvol", zone=ADV, snapshot="ngsnap")["changed"]
    job_result(dc.s, "stopVirtualMachine", id=vm["id"])
    r = ngine(dc.s, "cs_template", name="ngtmpl", zone=ADV, vm="ngvm", snapshot="ngsnap", os_type=dc.template["ostypename"],
              template_filter="self")
    assert not r.failed and r["changed"] and r["name"] == "ngtmpl" and r["is_ready"]
    (t,) = dc.s.ok("listTemplates", templatefilter="self", name="ngtmpl")["template"]
    assert t["size"] == snap["virtualsize"]


def test_job_instance_of_snapshot_jobs(dc):
    vm = dc.deploy(name="jvm")
    root = dc.s.ok("listVolumes", virtualmachineid=vm["id"], type="ROOT")["volume"][0]
    job = dc.s.wait(dc.s.ok("createSnapshot", volumeid=root["id"]))
    assert job["jobinstancetype"] == "Snapshot" and job["jobinstanceid"] == job["jobresult"]["snapshot"]["id"]
    assert ipaddress.IPv4Address(ssvm_ip(dc))  # the zone's SSVM runs (the snapshot's backup goes through it)
