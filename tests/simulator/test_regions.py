"""Regions (RegionManagerImpl of 4.18): region 1 Local of a fresh cloud, add/list/update/remove and their refusals."""


def regions(s, **params):
    return s.ok("listRegions", **params).get("region", [])


def test_fresh_cloud_has_region_local(simserver):
    (local,) = regions(simserver)
    assert local == {"id": 1, "name": "Local", "endpoint": "http://localhost:8080/client/", "gslbserviceenabled": True,
                     "portableipserviceenabled": False}


def test_add_list_update_remove(simserver):
    s = simserver
    geneva = s.ok("addRegion", id=2, name="geneva", endpoint="https://cloud.gva.example.com")["region"]
    assert (geneva["id"], geneva["name"], geneva["endpoint"]) == (2, "geneva", "https://cloud.gva.example.com")
    assert [r["id"] for r in regions(s)] == [1, 2]
    assert [r["name"] for r in regions(s, id=2)] == ["geneva"]
    assert [r["id"] for r in regions(s, name="GENEVA")] == [2]
    assert [r["id"] for r in regions(s, keyword="gen")] == [2]
    assert regions(s, id=9) == []
    updated = s.ok("updateRegion", id=2, endpoint="https://new.example.com")["region"]
    assert (updated["name"], updated["endpoint"]) == ("geneva", "https://new.example.com")
    assert s.ok("updateRegion", id=2, name="Geneva")["region"]["name"] == "Geneva"  # its own name in another case
    assert s.ok("removeRegion", id=2) == {"success": True}
    assert [r["id"] for r in regions(s)] == [1]


def test_refusals(simserver):
    s = simserver
    s.ok("addRegion", id=2, name="geneva", endpoint="https://a")
    for params, text in (
        (dict(id=2, name="zurich", endpoint="https://b"), "Region with id: 2 already exists"),
        (dict(id=3, name="GENEVA", endpoint="https://b"), "Region with name: GENEVA already exists"),
    ):
        status, body = s.call("addRegion", **params)
        assert status == 431 and body["addregionresponse"]["errortext"] == text
    status, body = s.call("updateRegion", id=1, name="geneva")
    assert status == 431 and body["updateregionresponse"]["errortext"] == "Region with name: geneva already exists"
    status, body = s.call("updateRegion", id=7, name="x")
    assert status == 431 and body["updateregionresponse"]["errortext"] == "Region with id: 7 doesn't exist"
    status, body = s.call("removeRegion", id=7)
    assert status == 431 and body["removeregionresponse"]["errortext"] == "Failed to delete Region: 7, Region not found"
    status, body = s.call("addRegion", id="two", name="x", endpoint="https://c")
    assert status == 431 and "invalid value two for parameter id" in body["addregionresponse"]["errortext"]
    assert [r["name"] for r in regions(s)] == ["Local", "geneva"]  # nothing changed
