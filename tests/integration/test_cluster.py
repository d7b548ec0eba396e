"""cluster and cluster_info against the simulator (in process)."""
import pytest
from infra_helpers import fault_times, listed, make_cluster, make_pod, make_zone, writes

BASE = {"name": "cluster1", "zone": "zone1", "pod": "pod1", "hypervisor": "Simulator", "cluster_type": "CloudManaged"}


@pytest.fixture
def tree(sim):
    zone = make_zone(sim)
    return zone, make_pod(sim, zone)


def clusters(sim, **filters):
    return listed(sim, "listClusters", "cluster", **filters)


def test_create_check_mode_then_create_then_rerun(module, sim, tree):
    res = module("cluster", _check=True, _diff=True, **BASE)
    assert res["changed"] and not res.failed and "id" not in res
    assert clusters(sim) == []
    assert res["diff"]["before"] == {"state": "absent"}
    assert res["diff"]["after"] == {"name": "cluster1", "pod": "pod1", "hypervisor": "Simulator", "cluster_type": "CloudManaged", "state": "present"}

    res = module("cluster", _diff=True, password="secret-pw", url="http://vcenter/dc/c1", username="admin", **BASE)
    assert res["changed"] and not res.failed
    (c,) = clusters(sim)
    assert res["id"] == c["id"] and res["name"] == "cluster1" and res["zone"] == "zone1" and res["pod"] == "pod1"
    assert res["hypervisor"] == "Simulator" and res["cluster_type"] == "CloudManaged" and res["allocation_state"] == "Enabled"
    assert res["managed_state"] == "Managed" and res["cpu_overcommit_ratio"] == "1.0" and res["memory_overcommit_ratio"] == "1.0"
    assert "secret-pw" not in res["_stdout"]

    # url, username and password are only used at creation: no change on a re-run
    res = module("cluster", _diff=True, password="other", url="http://other", username="admin", **BASE)
    assert res["changed"] is False and res["diff"] == {"before": {}, "after": {}}
    assert module("cluster", _check=True, **BASE)["changed"] is False
    # found without the pod too
    assert module("cluster", name="cluster1", zone="zone1")["changed"] is False
    assert len(clusters(sim)) == 1 and writes(sim).get("addCluster") == 1


def test_update_cluster_type(module, sim, tree):
    module("cluster", **BASE)
    args = dict(BASE, cluster_type="ExternalManaged")
    res = module("cluster", _check=True, _diff=True, **args)
    assert res["changed"] and res["diff"]["before"]["cluster_type"] == "CloudManaged" and res["diff"]["after"]["cluster_type"] == "ExternalManaged"
    assert clusters(sim)[0]["clustertype"] == "CloudManaged"
    res = module("cluster", **args)
    assert res["changed"] and res["cluster_type"] == "ExternalManaged" and clusters(sim)[0]["clustertype"] == "ExternalManaged"
    assert module("cluster", **args)["changed"] is False


def test_allocation_states(module, sim, tree):
    module("cluster", **BASE)
    res = module("cluster", _diff=True, name="cluster1", zone="zone1", state="disabled")
    assert res["changed"] and res["allocation_state"] == "Disabled" and clusters(sim)[0]["allocationstate"] == "Disabled"
    assert res["diff"]["before"]["state"] == "enabled" and res["diff"]["after"]["state"] == "disabled"
    assert module("cluster", name="cluster1", zone="zone1", state="disabled")["changed"] is False
    assert module("cluster", _check=True, name="cluster1", zone="zone1", state="enabled")["changed"]
    assert clusters(sim)[0]["allocationstate"] == "Disabled"
    assert module("cluster", name="cluster1", zone="zone1", state="enabled")["changed"]
    assert clusters(sim)[0]["allocationstate"] == "Enabled"
    res = module("cluster", **dict(BASE, name="cluster2", state="disabled"))
    assert res["changed"] and clusters(sim, name="cluster2")[0]["allocationstate"] == "Disabled"


def test_hypervisor_is_updated(module, sim, tree):
    # updateCluster changes the hypervisor type (CloudStack does; ngine_io sends it)
    module("cluster", **BASE)
    res = module("cluster", _diff=True, **dict(BASE, hypervisor="KVM"))
    assert res["changed"] and res["hypervisor"] == "KVM" and res["diff"]["after"]["hypervisor"] == "KVM"
    assert clusters(sim)[0]["hypervisortype"] == "KVM"
    assert module("cluster", **dict(BASE, hypervisor="KVM"))["changed"] is False


def test_absent(module, sim, tree):
    module("cluster", **BASE)
    res = module("cluster", _check=True, _diff=True, name="cluster1", zone="zone1", state="absent")
    assert res["changed"] and len(clusters(sim)) == 1 and res["diff"]["after"] == {"state": "absent"}
    res = module("cluster", name="cluster1", zone="zone1", state="absent")
    assert res["changed"] and clusters(sim) == []
    assert module("cluster", name="cluster1", zone="zone1", state="absent")["changed"] is False
    # its zone does not exist: nor does it (no change, as ngine_io); present fails on the zone, except in check mode
    # (the zone may be made by an earlier task of the play: the create is reported, with a warning)
    res = module("cluster", name="cluster1", zone="no-such-zone", state="absent")
    assert res["changed"] is False and not res.failed
    res = module("cluster", **dict(BASE, zone="no-such-zone"))
    assert res.failed and "zone 'no-such-zone' not found" in res["msg"]
    res = module("cluster", _check=True, **dict(BASE, zone="no-such-zone"))
    assert not res.failed and res["changed"] and "zone 'no-such-zone' not found" in " ".join(res["warnings"])


def test_same_name_in_two_pods_needs_the_pod(module, sim, tree):
    zone, pod = tree
    make_pod(sim, zone, name="pod2", net="10.2.0")
    module("cluster", **BASE)
    res = module("cluster", **dict(BASE, pod="pod2"))
    assert res["changed"] and res["pod"] == "pod2" and len(clusters(sim)) == 2
    assert module("cluster", **dict(BASE, pod="pod2"))["changed"] is False
    amb = module("cluster", name="cluster1", zone="zone1", state="disabled")
    assert amb.failed and "2 objects match" in amb["msg"]


@pytest.mark.parametrize("args,message", [
    ({"cluster_type": "Weird"}, "cluster_type"),
    ({"guest_vswitch_type": "other"}, "guest_vswitch_type"),
    ({"pod": "no-such-pod"}, "pod 'no-such-pod' not found"),
    ({"pod": None}, "missing required arguments: pod"),
    ({"hypervisor": None, "cluster_type": None}, "missing required arguments: cluster_type, hypervisor"),
    ({"hypervisor": "Commodore64"}, "Unable to resolve Commodore64"),
])
def test_bad_input_fails_clearly_and_changes_nothing(module, sim, tree, args, message):
    full = {k: v for k, v in dict(BASE, **args).items() if v is not None}
    res = module("cluster", **full)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"]
    assert clusters(sim) == []


@pytest.mark.parametrize("kind", ["5xx", "drop"])
def test_faults_leave_no_duplicate(module, sim, tree, kind):
    hits = fault_times(sim, kind, "addCluster")
    res = module("cluster", **BASE)
    assert hits["n"] == 1 and res["changed"] and not res.failed, res.get("msg")
    assert len(clusters(sim)) == 1
    hits = fault_times(sim, kind, "updateCluster")
    res = module("cluster", name="cluster1", zone="zone1", state="disabled")
    assert hits["n"] == 1 and res["changed"] and not res.failed and clusters(sim)[0]["allocationstate"] == "Disabled"
    hits = fault_times(sim, kind, "deleteCluster")
    res = module("cluster", name="cluster1", zone="zone1", state="absent")
    assert hits["n"] == 1 and res["changed"] and not res.failed and clusters(sim) == []


# ---- cluster_info -------------------------------------------------------------------------------------
def test_cluster_info(module, sim, tree):
    zone, pod = tree
    pod2 = make_pod(sim, zone, name="pod2", net="10.2.0")
    make_cluster(sim, zone, pod, "c-a")
    make_cluster(sim, zone, pod2, "c-b", hypervisor="KVM")
    res = module("cluster_info")
    assert res["changed"] is False and sorted(c["name"] for c in res["clusters"]) == ["c-a", "c-b"]
    assert set(res["clusters"][0]) >= {"id", "name", "allocation_state", "cluster_type", "cpu_overcommit_ratio", "memory_overcommit_ratio",
                                       "managed_state", "hypervisor", "zone", "pod"}
    assert [c["name"] for c in module("cluster_info", zone="zone1", pod="pod2")["clusters"]] == ["c-b"]
    assert [c["pod"] for c in module("cluster_info", name="c-a")["clusters"]] == ["pod1"]
    assert module("cluster_info", hypervisor="KVM", query="[].name")["query_result"] == ["c-b"]
    bad = module("cluster_info", pod="nope")
    assert bad.failed and "pod 'nope' not found (option pod)" in bad["msg"]


def test_secrets_never_in_output(module, sim, tree):
    res = module("cluster", _verbosity=4, password="pw-one-1", vms_password="vsm-pw-2", vms_username="u", vms_ip_address="10.0.0.9", **BASE)
    assert res["changed"] and res["api_log"]
    assert "pw-one-1" not in res["_stdout"] and "vsm-pw-2" not in res["_stdout"] and sim.secret not in res["_stdout"]
