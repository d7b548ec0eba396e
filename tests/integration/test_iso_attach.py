"""iso state=attached / detached (attachIso / detachIso, as ngine_io.cloudstack 3.3.0's iso) against the simulator
(in process): register-and-attach, re-run, check mode, --diff, detach, an ISO that does not exist, another ISO in the
drive, missing vm, a failed job, a job past api_async_timeout, faults."""
import time

import pytest

ZONE = "Sandbox-simulator-basic"
OS = "CentOS 5.6 (64-bit)"
ISO = {"name": "netinst", "url": "http://images.example.com/netinst.iso", "os_type": OS, "zone": ZONE}


@pytest.fixture
def sim(make_simserver):
    return make_simserver(datacenter="sandbox", job_seconds=0.02)


def wait(sim, reply, timeout=30):
    deadline = time.monotonic() + timeout
    while True:
        res = sim.ok("queryAsyncJobResult", jobid=reply["jobid"])
        if res["jobstatus"] != 0:
            assert res["jobstatus"] == 1, res
            return res["jobresult"]
        assert time.monotonic() < deadline
        time.sleep(0.01)


@pytest.fixture
def vm(sim):
    zone = sim.ok("listZones", name=ZONE)["zone"][0]
    tmpl = sim.ok("listTemplates", templatefilter="featured", zoneid=zone["id"])["template"][0]
    off = sim.ok("listServiceOfferings", name="Small Instance")["serviceoffering"][0]
    return wait(sim, sim.ok("deployVirtualMachine", name="web-01", zoneid=zone["id"], templateid=tmpl["id"],
                            serviceofferingid=off["id"]))["virtualmachine"]


def iso_of(sim, vm):
    return sim.ok("listVirtualMachines", id=vm["id"])["virtualmachine"][0].get("isoname")


def test_attach_check_mode_run_rerun_detach(module, sim, vm):
    args = dict(ISO, vm="web-01", state="attached")
    res = module("iso", _check=True, _diff=True, **args)  # registered and attached in one task: nothing made in check mode
    assert res["changed"] and sim.ok("listIsos", isofilter="self").get("iso") is None and iso_of(sim, vm) is None
    res = module("iso", _diff=True, **args)
    assert res["changed"] and res["vm"] == "web-01" and res["is_ready"] is True and iso_of(sim, vm) == "netinst"
    assert res["diff"]["after"]["vm"] == "web-01"
    res = module("iso", _diff=True, **args)
    assert res["changed"] is False and res["vm"] == "web-01" and res["diff"] == {"before": {}, "after": {}}
    gone = {"name": "netinst", "zone": ZONE, "vm": "web-01", "state": "detached"}
    res = module("iso", _check=True, _diff=True, **gone)
    assert res["changed"] and res["diff"] == {"before": {"vm": "web-01"}, "after": {"vm": None}} and iso_of(sim, vm) == "netinst"
    res = module("iso", **gone)
    assert res["changed"] and res["vm"] == "web-01" and iso_of(sim, vm) is None
    assert module("iso", **gone)["changed"] is False
    # attach an existing ISO (no url needed), check mode first
    res = module("iso", _check=True, _diff=True, name="netinst", zone=ZONE, vm="web-01", state="attached")
    assert res["changed"] and res["diff"] == {"before": {"vm": None}, "after": {"vm": "web-01"}} and iso_of(sim, vm) is None
    assert module("iso", name="netinst", zone=ZONE, vm="web-01", state="attached")["changed"] and iso_of(sim, vm) == "netinst"


def test_detached_missing_iso_other_iso_and_bad_input(module, sim, vm):
    res = module("iso", name="nope", zone=ZONE, vm="web-01", state="detached")
    assert res["changed"] is False and not res.failed and sim.ok("listIsos", isofilter="self").get("iso") is None
    res = module("iso", state="attached", **ISO)
    assert res.failed and "state is attached but all of the following are missing: vm" in res["msg"]
    res = module("iso", vm="no-such-vm", state="attached", **ISO)
    assert res.failed and "vm" in res["msg"] and "no-such-vm" in res["msg"]
    module("iso", vm="web-01", state="attached", **ISO)
    other = dict(ISO, name="other", url="http://images.example.com/other.iso")
    res = module("iso", vm="web-01", state="attached", **other)
    assert res.failed and "attachIso" in res["msg"] and "An ISO is already attached to the VM" in res["msg"]
    assert iso_of(sim, vm) == "netinst"
    # detaching another ISO than the one in the drive: no change
    assert module("iso", name="other", zone=ZONE, vm="web-01", state="detached")["changed"] is False and iso_of(sim, vm) == "netinst"


def test_failed_job_timeout_faults(module, sim, vm):
    module("iso", **ISO)
    args = {"name": "netinst", "zone": ZONE, "vm": "web-01", "state": "attached"}
    sim.sim.faults.set("jobfail=1.0,only=attachIso")
    res = module("iso", **args)
    assert res.failed and "attachIso" in res["msg"] and res["cloudstack_errorcode"] == 530 and iso_of(sim, vm) is None
    sim.sim.faults.set("")
    sim.sim.job_seconds = 3
    res = module("iso", api_async_timeout=1, **args)
    assert res.failed and "attachIso" in res["msg"] and "api_async_timeout" in res["msg"]
    time.sleep(3.2)
    sim.sim.job_seconds = 0.02
    assert iso_of(sim, vm) == "netinst"  # the slow job finished on the server
    sim.sim.faults.set("5xx=0.3,drop=0.3,seed=6,only=attachIso|detachIso")
    for state in ("detached", "attached", "detached", "attached", "detached"):
        module("iso", **dict(args, state=state))
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    res = module("iso", **dict(args, state="detached"))
    assert not res.failed and iso_of(sim, vm) is None
