"""template and iso against the simulator's sandbox (in process): register, wait for ready, re-run, check mode,
--diff, updates, create-only options, tags, cross-zone, absent, bad input, failed and slow jobs, faults."""
import time

import pytest

ZONE = "Sandbox-simulator-basic"
OS = "CentOS 5.6 (64-bit)"
BASE = {"name": "deb12", "url": "http://images.example.com/deb12.qcow2", "hypervisor": "Simulator", "format": "QCOW2", "os_type": OS, "zone": ZONE}
ISO = {"name": "netinst", "url": "http://images.example.com/netinst.iso", "os_type": OS, "zone": ZONE}


@pytest.fixture
def sim(make_simserver):
    return make_simserver(datacenter="sandbox")


def templates(sim, name="deb12", **extra):
    params = dict(templatefilter="self", name=name)
    params.update(extra)
    return sim.ok("listTemplates", **params).get("template", [])


def isos(sim, name="netinst"):
    return sim.ok("listIsos", isofilter="self", name=name).get("iso", [])


def test_register_check_mode_then_register_then_rerun(module, sim):
    res = module("template", _check=True, _diff=True, **BASE)
    assert res["changed"] and not res.failed
    assert templates(sim) == []
    assert res["diff"]["before"] == {"state": "absent"} and res["diff"]["after"]["os_type"] == OS

    res = module("template", _diff=True, **BASE)
    assert res["changed"] and not res.failed
    (tmpl,) = templates(sim)
    assert res["id"] == tmpl["id"] and res["is_ready"] is True and tmpl["isready"] is True  # waited until ready
    assert res["zone"] == ZONE and res["format"] == "QCOW2" and res["os_type"] == OS and res["cross_zones"] is False
    assert res["is_public"] is False and res["display_text"] == "deb12"

    again = module("template", _diff=True, _verbosity=2, **BASE)
    assert again["changed"] is False and again["diff"] == {"before": {}, "after": {}}
    assert again["api_calls"].get("registerTemplate") is None and again["api_calls"].get("updateTemplate") is None
    assert module("template", _check=True, **BASE)["changed"] is False
    assert len(templates(sim)) == 1


UPDATES = [
    ("display_text", "first", "second", "displaytext"),
    ("password_enabled", False, True, "passwordenabled"),
    ("is_dynamically_scalable", False, True, "isdynamicallyscalable"),
    ("requires_hvm", True, False, "requireshvm"),
    ("sshkey_enabled", False, True, "sshkeyenabled"),
    ("format", "QCOW2", "RAW", "format"),
    ("os_type", OS, "Other (64-bit)", "ostypename"),
    # the permission flags: updateTemplatePermissions
    ("is_public", False, True, "ispublic"),
    ("is_featured", False, True, "isfeatured"),
    ("is_extractable", False, True, "isextractable"),
]


@pytest.mark.parametrize("option,first,second,field", UPDATES, ids=[u[0] for u in UPDATES])
def test_update_each_updatable_option(module, sim, option, first, second, field):
    args = dict(BASE, **{option: first})
    assert module("template", **args)["changed"]
    assert str(templates(sim)[0][field]).lower() == str(first).lower()
    args[option] = second
    res = module("template", _check=True, _diff=True, **args)
    assert res["changed"] and str(templates(sim)[0][field]).lower() == str(first).lower()
    assert res["diff"]["before"][option] == first and res["diff"]["after"][option] == second
    res = module("template", **args)
    assert res["changed"] and not res.failed
    assert str(templates(sim)[0][field]).lower() == str(second).lower()
    assert module("template", **args)["changed"] is False


def test_registration_only_options_warn(module, sim):
    module("template", template_tag="a", **BASE)
    res = module("template", template_tag="b", **BASE)
    assert res["changed"] is False and any("template_tag differs" in w for w in res["warnings"])
    assert templates(sim)[0]["templatetag"] == "a"


def test_tags(module, sim):
    module("template", **BASE)
    res = module("template", _diff=True, tags=[{"key": "os", "value": "debian"}], **BASE)
    assert res["changed"] and res["diff"]["after"]["tags"] == [{"key": "os", "value": "debian"}]
    assert [(t["key"], t["value"]) for t in templates(sim)[0]["tags"]] == [("os", "debian")]
    assert module("template", tags=[{"key": "os", "value": "debian"}], **BASE)["changed"] is False
    assert module("template", tags=[], **BASE)["changed"]
    assert templates(sim)[0]["tags"] == []
    bad = module("template", tags=[{"name": "x"}], **BASE)
    assert bad.failed and "tags: each tag is a dict with key and value" in bad["msg"]


def test_cross_zones(module, sim):
    args = dict(BASE, cross_zones=True)
    del args["zone"]
    res = module("template", **args)
    assert res["changed"] and res["cross_zones"] is True and "zone" not in res
    views = templates(sim)
    assert len(views) == 2 and len({v["id"] for v in views}) == 1 and {v["zonename"] for v in views} == {ZONE, "Sandbox-simulator-advanced"}
    assert module("template", **args)["changed"] is False
    res = module("template", name="deb12", cross_zones=True, state="absent")
    assert res["changed"] and templates(sim) == []


def test_find_options(module, sim):
    module("template", display_text="v1", **BASE)
    # with display_text as a find option, another display text is another template
    res = module("template", display_text="v2", template_find_options=["display_text"], **BASE)
    assert res["changed"] and len(templates(sim)) == 2
    assert module("template", display_text="v2", template_find_options=["display_text"], **BASE)["changed"] is False
    amb = module("template", **BASE)
    assert amb.failed and "2 objects match" in amb["msg"]


def test_absent(module, sim):
    module("template", **BASE)
    res = module("template", _check=True, _diff=True, name="deb12", zone=ZONE, state="absent")
    assert res["changed"] and len(templates(sim)) == 1 and res["diff"]["after"] == {"state": "absent"}
    res = module("template", name="deb12", zone=ZONE, state="absent")
    assert res["changed"] and templates(sim) == []
    assert module("template", name="deb12", zone=ZONE, state="absent")["changed"] is False


@pytest.mark.parametrize("args,message", [
    ({"url": None}, "one of the following is required on state=present: url, vm"),  # ngine_io's message
    ({"format": None}, "missing required arguments: format"),
    ({"hypervisor": None}, "missing required arguments: hypervisor"),
    ({"os_type": "No Such OS"}, "os type 'No Such OS' not found (option os_type)"),
    ({"format": "VMDK"}, "format"),
    ({"zone": "nowhere"}, "zone 'nowhere' not found (option zone)"),
    ({"cross_zones": True}, "mutually exclusive"),
    ({"zone": None}, "set zone, or cross_zones=true"),
    ({"bits": 16}, "bits"),
])
def test_bad_input_fails_clearly_and_changes_nothing(module, sim, args, message):
    full = dict(BASE)
    full.update(args)
    full = {k: v for k, v in full.items() if v is not None}
    res = module("template", **full)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"]
    assert templates(sim) == []


def test_wait_for_ready_is_bounded(module, sim):
    sim.sim.download_seconds = 3
    t = time.monotonic()
    res = module("template", ready_timeout=1, **BASE)
    assert res.failed and "not ready after 1 seconds" in res["msg"] and time.monotonic() - t < 2.5
    assert len(templates(sim)) == 1 and templates(sim)[0]["isready"] is False  # registered, still downloading
    res = module("template", wait_for_ready=False, **BASE)
    assert not res.failed and res["changed"] is False and res["is_ready"] is False
    res = module("template", ready_timeout=10, **BASE)  # a later run waits for it
    assert not res.failed and res["is_ready"] is True and res["changed"] is False


def test_failed_download_fails_with_the_status(module, sim):
    sim.sim.download_seconds = 30
    module("template", wait_for_ready=False, **BASE)
    with sim.sim.lock:
        tmpl = [t for t in sim.sim.store.all("template") if t.get("name") == "deb12"][0]
        tmpl["status"] = "Failed to download template: 404 Not Found"
        sim.sim.store.save("template", tmpl)
    res = module("template", **BASE)
    assert res.failed and "download failed" in res["msg"] and "404 Not Found" in res["msg"]


def test_failed_delete_job(make_simserver):
    from harness import connection, run_module

    sim = make_simserver(datacenter="sandbox", faults="jobfail=1.0,seed=1,only=deleteTemplate")
    assert run_module("template", dict(connection(sim), **BASE))["changed"]
    res = run_module("template", dict(connection(sim), name="deb12", zone=ZONE, state="absent"))
    assert res.failed and "of deleteTemplate failed (errorcode 530)" in res["msg"] and res["cloudstack_jobid"]
    assert len(templates(sim)) == 1


def test_delete_job_that_outlives_api_async_timeout(make_simserver):
    from harness import connection, run_module

    sim = make_simserver(datacenter="sandbox", job_seconds=4)
    sim.sim.download_seconds = 0
    assert run_module("template", dict(connection(sim), **BASE))["changed"]
    t = time.monotonic()
    res = run_module("template", dict(connection(sim), name="deb12", zone=ZONE, state="absent", api_async_timeout=1))
    assert res.failed and "still running after 1 seconds (api_async_timeout)" in res["msg"] and time.monotonic() - t < 3


def test_faults_leave_no_duplicates(make_simserver):
    from harness import connection, run_module

    sim = make_simserver(datacenter="sandbox", faults="5xx=0.2,drop=0.2,seed=7")
    names = ["t-%d" % i for i in range(3)]
    for name in names:
        for _attempt in range(6):
            res = run_module("template", dict(connection(sim), **dict(BASE, name=name)))
            if not res.failed:
                break
        assert not res.failed, res["msg"]
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    listed = [t["name"] for t in sim.ok("listTemplates", templatefilter="self").get("template", [])]
    assert sorted(listed) == names, listed
    assert injected["5xx"] + injected["drop"] > 0


# ---- iso ---------------------------------------------------------------------------------------------------
def test_iso_register_rerun_update_absent(module, sim):
    res = module("iso", _check=True, _diff=True, **ISO)
    assert res["changed"] and isos(sim) == []
    res = module("iso", **ISO)
    assert res["changed"] and res["is_ready"] is True and res["bootable"] is True and isos(sim)[0]["id"] == res["id"]
    assert module("iso", **ISO)["changed"] is False
    res = module("iso", _diff=True, display_text="Net install", **ISO)
    assert res["changed"] and res["diff"]["before"]["display_text"] == "netinst" and res["diff"]["after"]["display_text"] == "Net install"
    assert isos(sim)[0]["displaytext"] == "Net install"
    res = module("iso", _diff=True, is_public=True, is_extractable=True, **ISO)  # updateIsoPermissions
    assert res["changed"] and res["is_public"] is True and res["is_extractable"] is True
    before, after = res["diff"]["before"], res["diff"]["after"]
    assert (before["is_public"], before["is_extractable"], after["is_public"], after["is_extractable"]) == (False, False, True, True)
    assert isos(sim)[0]["ispublic"] is True and module("iso", is_public=True, is_extractable=True, **ISO)["changed"] is False
    assert module("iso", tags=[{"key": "k", "value": "v"}], **ISO)["changed"]
    res = module("iso", name="netinst", zone=ZONE, state="absent")
    assert res["changed"] and isos(sim) == []
    assert module("iso", name="netinst", zone=ZONE, state="absent")["changed"] is False


def test_iso_checksum_finds_and_bad_input(module, sim):
    module("iso", checksum="{MD5}aaa", **ISO)
    res = module("iso", checksum="{MD5}bbb", **ISO)  # another checksum: another ISO of the same name
    assert res["changed"] and len(isos(sim)) == 2
    bad = module("iso", name="x", zone=ZONE, url="http://x/y.iso")
    assert bad.failed and bad["msg"] == "OS type 'os_type' is required if 'bootable=true'."  # ngine_io's message
    assert module("iso", name="y", zone=ZONE, url="http://x/y.iso", bootable=False)["changed"]
    bad = module("iso", name="z", zone=ZONE, os_type=OS)
    assert bad.failed and bad["msg"] == "URL is required."  # ngine_io's message
    assert isos(sim, "z") == [] and isos(sim, "x") == []


def test_iso_failed_job_timeout_and_faults(make_simserver):
    from harness import connection, run_module

    sim = make_simserver(datacenter="sandbox", faults="jobfail=1.0,seed=1,only=deleteIso")
    assert run_module("iso", dict(connection(sim), **ISO))["changed"]
    res = run_module("iso", dict(connection(sim), name="netinst", zone=ZONE, state="absent"))
    assert res.failed and "of deleteIso failed (errorcode 530)" in res["msg"] and len(isos(sim)) == 1

    slow = make_simserver(datacenter="sandbox", job_seconds=4)
    slow.sim.download_seconds = 0
    assert run_module("iso", dict(connection(slow), **ISO))["changed"]
    res = run_module("iso", dict(connection(slow), name="netinst", zone=ZONE, state="absent", api_async_timeout=1))
    assert res.failed and "still running after 1 seconds (api_async_timeout)" in res["msg"]

    faulty = make_simserver(datacenter="sandbox", faults="5xx=0.15,drop=0.2,seed=9,only=registerIso|listIsos|createTags")
    for name in ("iso-a", "iso-b", "iso-c"):
        for _attempt in range(6):
            res = run_module("iso", dict(connection(faulty), **dict(ISO, name=name, tags=[{"key": "k", "value": "v"}])))
            if not res.failed:
                break
        assert not res.failed, res["msg"]
    injected = dict(faulty.sim.faults.injected)
    faulty.sim.faults.set("")
    assert sorted(i["name"] for i in faulty.ok("listIsos", isofilter="self")["iso"]) == ["iso-a", "iso-b", "iso-c"]
    assert injected["5xx"] + injected["drop"] > 0
