"""region against the simulator (in process): create, re-run, check mode, --diff, name and endpoint, absent, bad input,
faults; region 1 Local of a fresh cloud."""


def regions(sim):
    return {r["id"]: (r["name"], r["endpoint"]) for r in sim.ok("listRegions")["region"]}


ARGS = dict(id=2, name="geneva", endpoint="https://cloud.gva.example.com")


def test_create_rerun_check_diff_update_absent(module, sim):
    res = module("region", _check=True, _diff=True, **ARGS)
    assert res["changed"] and 2 not in regions(sim) and "name" not in res
    assert res["diff"] == {"before": {"state": "absent"},
                           "after": {"id": 2, "name": "geneva", "endpoint": "https://cloud.gva.example.com", "state": "present"}}
    res = module("region", **ARGS)
    assert res["changed"] and regions(sim)[2] == ("geneva", "https://cloud.gva.example.com")
    assert (res["id"], res["name"], res["endpoint"], res["gslb_service_enabled"], res["portable_ip_service_enabled"]) == (
        2, "geneva", "https://cloud.gva.example.com", True, False)
    res = module("region", _diff=True, **ARGS)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    # endpoint, in check mode first
    res = module("region", _check=True, _diff=True, **dict(ARGS, endpoint="https://new.example.com"))
    assert res["changed"] and res["endpoint"] == "https://cloud.gva.example.com" and regions(sim)[2][1] == "https://cloud.gva.example.com"
    assert res["diff"]["after"]["endpoint"] == "https://new.example.com"
    res = module("region", **dict(ARGS, endpoint="https://new.example.com"))
    assert res["changed"] and res["endpoint"] == "https://new.example.com" and regions(sim)[2][1] == "https://new.example.com"
    # name
    res = module("region", **dict(ARGS, name="gva", endpoint="https://new.example.com"))
    assert res["changed"] and regions(sim)[2] == ("gva", "https://new.example.com")
    # absent
    res = module("region", _check=True, _diff=True, id=2, state="absent")
    assert res["changed"] and res["diff"]["after"] == {"state": "absent"} and 2 in regions(sim)
    res = module("region", id=2, state="absent")
    assert res["changed"] and res["name"] == "gva" and 2 not in regions(sim)
    assert module("region", id=2, state="absent")["changed"] is False


def test_region_local_of_a_fresh_cloud(module, sim):
    res = module("region", id=1, name="Local", endpoint="http://localhost:8080/client/")
    assert res["changed"] is False and res["name"] == "Local"


def test_bad_input(module, sim):
    module("region", **ARGS)
    before = regions(sim)
    res = module("region", id=2, name="geneva")
    assert res.failed and "state is present but all of the following are missing: endpoint" in res["msg"]
    res = module("region", id="two", name="x", endpoint="https://x")
    assert res.failed and "id" in res["msg"] and "two" in res["msg"]
    res = module("region", id=3, name="Local", endpoint="https://x")
    assert res.failed and "addRegion" in res["msg"] and "Region with name: Local already exists" in res["msg"]
    res = module("region", id=2, name="local", endpoint="https://x")
    assert res.failed and "updateRegion" in res["msg"] and "Region with name: local already exists" in res["msg"]
    assert regions(sim) == before


def test_commands_are_synchronous(sim):
    """No async job to fail or to outlast api_async_timeout: the 4.18 region commands answer at once."""
    reply = sim.ok("addRegion", id=5, name="five", endpoint="https://5")
    assert "jobid" not in reply and reply["region"]["id"] == 5


def test_faults_leave_no_duplicates(module, sim):
    sim.sim.faults.set("5xx=0.25,drop=0.25,seed=4")
    for i in range(2, 8):
        module("region", id=i, name="r%d" % i, endpoint="https://r%d.example.com" % i)
        module("region", id=i, name="r%d" % i, endpoint="https://n%d.example.com" % i)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for i in range(2, 8):
        assert not module("region", id=i, name="r%d" % i, endpoint="https://n%d.example.com" % i).failed
    wanted = {i: ("r%d" % i, "https://n%d.example.com" % i) for i in range(2, 8)}
    wanted[1] = ("Local", "http://localhost:8080/client/")
    assert regions(sim) == wanted
