"""image_store against the simulator (in process)."""
import pytest
from infra_helpers import fault_times, listed, make_zone, writes

BASE = {"name": "nfs-01", "zone": "zone1", "provider": "NFS", "url": "nfs://10.40.0.10/export/secondary"}


@pytest.fixture
def zone(sim):
    return make_zone(sim)


def stores(sim, **filters):
    return listed(sim, "listImageStores", "imagestore", **filters)


def test_create_check_mode_then_create_then_rerun(module, sim, zone):
    res = module("image_store", _check=True, _diff=True, **BASE)
    assert res["changed"] and not res.failed and "id" not in res and stores(sim) == []
    assert res["diff"] == {"before": {"state": "absent"}, "after": {"name": "nfs-01", "url": BASE["url"], "provider": "NFS", "state": "present"}}
    res = module("image_store", _diff=True, **BASE)
    assert res["changed"] and not res.failed
    (store,) = stores(sim)
    assert res["id"] == store["id"] and res["name"] == "nfs-01" and res["zone"] == "zone1" and res["url"] == BASE["url"]
    assert res["provider_name"] == "NFS" and res["protocol"] == "nfs" and res["scope"] == "ZONE" and res["read_only"] is False
    res = module("image_store", _diff=True, **BASE)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    assert module("image_store", _check=True, **BASE)["changed"] is False
    assert module("image_store", name="nfs-01", zone="zone1")["changed"] is False
    assert writes(sim)["addImageStore"] == 1


def test_changed_url_warns_unless_force_recreate(module, sim, zone):
    first = module("image_store", **BASE)
    new = dict(BASE, url="nfs://10.40.0.11/shares/secondary")
    res = module("image_store", **new)
    assert res["changed"] is False and any("url differs" in w for w in res.get("warnings", []))
    assert stores(sim)[0]["url"] == BASE["url"]
    res = module("image_store", _check=True, _diff=True, force_recreate=True, **new)
    assert res["changed"] and res["diff"]["before"]["url"] == BASE["url"] and res["diff"]["after"]["url"] == new["url"]
    assert stores(sim)[0]["url"] == BASE["url"]
    res = module("image_store", force_recreate=True, **new)
    assert res["changed"] and not res.failed and res["url"] == new["url"] and res["id"] != first["id"]
    assert [s["url"] for s in stores(sim)] == [new["url"]]
    assert module("image_store", force_recreate=True, **new)["changed"] is False


def test_absent(module, sim, zone):
    module("image_store", **BASE)
    res = module("image_store", _check=True, _diff=True, name="nfs-01", zone="zone1", state="absent")
    assert res["changed"] and len(stores(sim)) == 1 and res["diff"]["after"] == {"state": "absent"}
    assert module("image_store", name="nfs-01", zone="zone1", state="absent")["changed"] and stores(sim) == []
    assert module("image_store", name="nfs-01", zone="zone1", state="absent")["changed"] is False


@pytest.mark.parametrize("args,message", [
    ({"state": "full"}, "state"),
    ({"zone": "nozone"}, "zone 'nozone' not found (option zone)"),
    ({"url": None}, "missing required arguments: url"),
    ({"provider": None}, "missing required arguments: provider"),
    ({"provider": "Tape"}, "can't find image store provider: Tape"),
    ({"url": "http://not-nfs/x"}, "Please specify a valid NFS url"),
    ({"force_recreate": "perhaps"}, "force_recreate"),
])
def test_bad_input_fails_clearly_and_changes_nothing(module, sim, zone, args, message):
    full = {k: v for k, v in dict(BASE, **args).items() if v is not None}
    res = module("image_store", **full)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"] and stores(sim) == []


@pytest.mark.parametrize("kind", ["5xx", "drop"])
def test_faults_leave_no_duplicate(module, sim, zone, kind):
    hits = fault_times(sim, kind, "addImageStore")
    res = module("image_store", **BASE)
    assert hits["n"] == 1 and res["changed"] and not res.failed, res.get("msg")
    assert len(stores(sim)) == 1
    hits = fault_times(sim, kind, "deleteImageStore")
    res = module("image_store", name="nfs-01", zone="zone1", state="absent")
    assert hits["n"] == 1 and res["changed"] and not res.failed and stores(sim) == []
