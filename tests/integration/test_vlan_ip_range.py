"""vlan_ip_range against the simulator (in process): public IP ranges of an advanced zone."""
import pytest
from infra_helpers import fault_times, listed, make_pnet, make_zone, writes

BASE = {"zone": "zone1", "physical_network": "pnet1", "for_virtual_network": True, "vlan": "100", "start_ip": "203.0.113.10",
        "end_ip": "203.0.113.100", "gateway": "203.0.113.1", "netmask": "255.255.255.0"}


@pytest.fixture
def pnet(sim):
    zone = make_zone(sim)
    pn = make_pnet(sim, zone, "pnet1", isolationmethods="VLAN")
    sim.wait(sim.ok("addTrafficType", physicalnetworkid=pn["id"], traffictype="Public"))
    return pn


def ranges(sim, **filters):
    return listed(sim, "listVlanIpRanges", "vlaniprange", **filters)


def test_create_check_mode_then_create_then_rerun(module, sim, pnet):
    res = module("vlan_ip_range", _check=True, _diff=True, **BASE)
    assert res["changed"] and not res.failed and "id" not in res and ranges(sim) == []
    assert res["diff"]["before"] == {"state": "absent"}
    assert res["diff"]["after"]["start_ip"] == "203.0.113.10" and res["diff"]["after"]["vlan"] == "100"
    res = module("vlan_ip_range", _diff=True, **BASE)
    assert res["changed"] and not res.failed, res.get("msg")
    (r,) = ranges(sim)
    assert res["id"] == r["id"] and res["start_ip"] == "203.0.113.10" and res["end_ip"] == "203.0.113.100" and res["zone"] == "zone1"
    assert res["vlan"] == "vlan://100" and res["gateway"] == "203.0.113.1" and res["netmask"] == "255.255.255.0"
    assert res["for_virtual_network"] is True and res["for_systemvms"] is False and res["physical_network"] == pnet["id"]
    res = module("vlan_ip_range", _diff=True, **BASE)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    assert module("vlan_ip_range", _check=True, **dict(BASE, vlan="vlan://100"))["changed"] is False  # the same VLAN
    assert writes(sim)["createVlanIpRange"] == 1


def test_single_address_range_and_untagged(module, sim, pnet):
    args = dict(BASE, start_ip="203.0.113.200", vlan="untagged")
    args.pop("end_ip")
    res = module("vlan_ip_range", **args)
    assert res["changed"] and res["start_ip"] == res["end_ip"] == "203.0.113.200" and res["vlan"] == "vlan://untagged"
    assert module("vlan_ip_range", **args)["changed"] is False


def test_create_only_options_warn(module, sim, pnet):
    module("vlan_ip_range", **BASE)
    res = module("vlan_ip_range", **dict(BASE, gateway="203.0.113.254", for_system_vms=True))
    assert res["changed"] is False
    warned = " ".join(res.get("warnings", []))
    assert "gateway differs" in warned and "for_system_vms differs" in warned
    assert ranges(sim)[0]["gateway"] == "203.0.113.1"


def test_for_system_vms(module, sim, pnet):
    res = module("vlan_ip_range", **dict(BASE, for_system_vms=True))
    assert res["changed"] and res["for_systemvms"] is True and ranges(sim)[0]["forsystemvms"] is True


def test_absent(module, sim, pnet):
    module("vlan_ip_range", **BASE)
    gone = {"zone": "zone1", "start_ip": "203.0.113.10", "end_ip": "203.0.113.100", "state": "absent"}
    res = module("vlan_ip_range", _check=True, _diff=True, **gone)
    assert res["changed"] and len(ranges(sim)) == 1 and res["diff"]["after"] == {"state": "absent"}
    # another range with the same start but another end is a different range
    assert module("vlan_ip_range", **dict(gone, end_ip="203.0.113.99"))["changed"] is False
    assert module("vlan_ip_range", **gone)["changed"] and ranges(sim) == []
    assert module("vlan_ip_range", **gone)["changed"] is False


def test_found_among_many_ranges_page_after_page(module, sim, pnet):
    sim.ok("updateConfiguration", name="default.page.size", value="10")
    for i in range(25):
        sim.ok("createVlanIpRange", zoneid=pnet["zoneid"], physicalnetworkid=pnet["id"], forvirtualnetwork="true", vlan=str(200 + i),
               gateway="198.51.%d.1" % i, netmask="255.255.255.0", startip="198.51.%d.10" % i, endip="198.51.%d.20" % i)
    res = module("vlan_ip_range", _verbosity=2, **dict(BASE, vlan="224", start_ip="198.51.24.10", end_ip="198.51.24.20",
                                                      gateway="198.51.24.1"))
    assert res["changed"] is False and res["start_ip"] == "198.51.24.10" and res["api_calls"]["listVlanIpRanges"] == 3


@pytest.mark.parametrize("args,message", [
    ({"gateway": None}, "state is present but all of the following are missing: gateway"),
    ({"account": "admin", "project": "p1"}, "parameters are mutually exclusive: account|project"),
    ({"for_system_vms": "sometimes"}, "for_system_vms"),
    ({"physical_network": "nonet"}, "physical network 'nonet' not found"),
    ({"start_ip": "203.0.113.100", "end_ip": "203.0.113.10"}, "the start IP must not be greater than the end IP"),
    ({"start_ip": "192.0.2.10"}, "start IP is in the same subnet"),
])
def test_bad_input_fails_clearly_and_changes_nothing(module, sim, pnet, args, message):
    full = {k: v for k, v in dict(BASE, **args).items() if v is not None}
    res = module("vlan_ip_range", **full)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"] and ranges(sim) == []


def test_overlap_is_refused(module, sim, pnet):
    module("vlan_ip_range", **BASE)
    res = module("vlan_ip_range", **dict(BASE, start_ip="203.0.113.50", end_ip="203.0.113.150"))
    assert res.failed and "overlap" in res["msg"] and len(ranges(sim)) == 1


@pytest.mark.parametrize("kind", ["5xx", "drop"])
def test_faults_leave_no_duplicate(module, sim, pnet, kind):
    hits = fault_times(sim, kind, "createVlanIpRange")
    res = module("vlan_ip_range", **BASE)
    assert hits["n"] == 1 and res["changed"] and not res.failed, res.get("msg")
    assert len(ranges(sim)) == 1
    hits = fault_times(sim, kind, "deleteVlanIpRange")
    res = module("vlan_ip_range", zone="zone1", start_ip=BASE["start_ip"], end_ip=BASE["end_ip"], state="absent")
    assert hits["n"] == 1 and res["changed"] and not res.failed and ranges(sim) == []
