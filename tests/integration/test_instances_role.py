"""The instances role (playbooks/instances.yml) with the reference data of inventories/simulator: on a simulator that
holds the reference data center, check mode before and after the tenants exist creates nothing, a run deploys the
100 reference instances over the 6 tenant accounts (those of the web tiers once the networks role made the tiers), a re-run
changes nothing."""
import collections
import json
import pathlib

import yaml
from test_tenancy_roles import playbook

ROOT = pathlib.Path(__file__).resolve().parents[2]
ACCOUNTS = {"acme-dev", "acme-prod", "globex-dev", "globex-prod", "initech-dev", "initech-prod"}


def reference_datacenter(tmp_path):
    data = yaml.safe_load((ROOT / "inventories" / "simulator" / "group_vars" / "all" / "datacenter.yml").read_text())
    cfg = data["datacenter_config"]
    for zone in cfg["zones"]:
        for pod in zone.get("pods", []):
            for cluster in pod.get("clusters", []):
                for host in cluster.get("hosts", []):
                    host.setdefault("username", data["datacenter_host_username"])
                    host.setdefault("password", data["datacenter_host_password"])
    path = tmp_path / "reference.json"
    path.write_text(json.dumps(cfg))
    return str(path)


def instances(sim):
    return [v for v in sim.ok("listVirtualMachines", listall="true").get("virtualmachine", []) if v["state"] != "Expunging"]


def test_role_deploys_the_reference_instances(make_simserver, tmp_path):
    sim = make_simserver(datacenter=reference_datacenter(tmp_path), job_seconds=0.2)
    # check mode before the tenants exist: the sets are reported as to be deployed, nothing is made
    res = playbook(sim, "instances.yml", "--check")
    assert res["changed"] > 0 and "the owner does not exist yet" in res["out"]
    playbook(sim, "tenants.yml")
    res = playbook(sim, "instances.yml", "--check", "--diff")
    assert res["changed"] > 0 and instances(sim) == []

    # the prod web sets (and initech's databases) are deployed into the tiers of their VPC: site.yml makes those first
    playbook(sim, "networks.yml", "-e", "networks_part=fabric")
    res = playbook(sim, "instances.yml", "--diff")
    assert res["out"].count("changed: [localhost] => (item=") == 7  # one task per set, each changed
    vms = instances(sim)
    assert len(vms) == 100 and len({v["name"] for v in vms}) == 100
    per_account = collections.Counter(v["account"] for v in vms)
    assert set(per_account) == ACCOUNTS and sum(per_account.values()) == 100
    assert per_account == {"acme-dev": 16, "acme-prod": 20, "globex-dev": 14, "globex-prod": 18, "initech-dev": 12, "initech-prod": 20}
    states = collections.Counter((v["account"], v["state"]) for v in vms)
    assert states[("globex-dev", "Stopped")] == 14 and states[("acme-dev", "Running")] == 16
    assert all(t["value"] == "web" for v in vms if v["account"] == "acme-prod" for t in v["tags"])
    assert "100 instances in 7 sets; created 100" in " ".join(res["out"].split())

    again = playbook(sim, "instances.yml")
    assert again["changed"] == 0
    assert len(instances(sim)) == 100
