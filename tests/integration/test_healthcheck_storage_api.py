"""The health check's view of secondary storage through the API (H16: the SSVM's size of each image store, a zone
whose SSVM cannot mount it) and of the system VMs reaching the management server (H18: their agent state), against the
sandbox simulator with the states made on purpose. One run of playbooks/healthcheck.yml (~15 s)."""
import pathlib
import sys

from health_helpers import ADV, sandbox, writes
from test_healthcheck import healthcheck, ids, strong_admin_password

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "collections"))
from ansible_collections.csops.cloudstack.plugins.filter.healthcheck import CHECKS  # noqa: E402


def test_image_store_full_and_ssvm_agent_disconnected(make_simserver, tmp_path):
    dc = sandbox(make_simserver)
    strong_admin_password(dc)
    sim = dc.s.sim
    adv_store = next(s for s in dc.s.ok("listImageStores")["imagestore"] if s["zonename"] == ADV)
    assert adv_store["disksizetotal"] > 0 and adv_store["disksizeused"] == 0  # the SSVM's report, as listImageStores gives it
    basic_ssvm = next(v for v in dc.s.ok("listSystemVms", systemvmtype="secondarystoragevm")["systemvm"] if v["zonename"] != ADV)
    with sim.lock:
        store = sim.store.get("imagestore", adv_store["id"])
        store["_used"] = int(store["_capacity"] * 0.9)
        sim.store.save("imagestore", store)
        vm = sim.store.get("systemvm", basic_ssvm["id"])
        vm["agentstate"] = "Disconnected"
        sim.store.save("systemvm", vm)
        sim.store.commit()
    before = writes(dc)
    res = healthcheck(dc, tmp_path, "-e", "healthcheck_fail_on=never")
    assert res["rc"] == 0, res["out"][-5000:]
    assert writes(dc) == before
    got = sorted((f["id"], f["severity"], f["target"], f["evidence"]) for f in res["report"]["findings"])
    assert ids(res["report"]) == ["H16", "H16", "H18", "H20"], got
    assert ("H16", "warning", adv_store["name"], "image store 90.00%% full (%d of %d GiB used) >= 80%%" % (
        store["_used"] // 2**30, store["_capacity"] // 2**30)) in got
    assert ("H20", "warning", "zone " + ADV, "SECONDARY_STORAGE used 90.00% >= 80%") in got
    assert ("H18", "critical", basic_ssvm["name"], "secondarystoragevm agent state Disconnected: the VM's agent is not "
                                                   "connected to the management server (8250)") in got
    zone_h16 = [f for f in res["report"]["findings"] if f["id"] == "H16" and f["target"] == basic_ssvm["zonename"]]
    assert zone_h16 and zone_h16[0]["severity"] == "warning" and "nothing mounts the zone's image stores" in zone_h16[0]["evidence"]
    assert all(f["remedy"] == CHECKS[f["id"]][1] for f in res["report"]["findings"])
