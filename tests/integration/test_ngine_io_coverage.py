"""Every module of ngine_io.cloudstack 3.3.0 has a csops.cloudstack module of the same name: in the action group,
in the README's table, and proven, by a parity case against ngine_io 2.5.0's counterpart where 2.5.0 has one
(test_ngine_io_parity.py), otherwise by its own integration tests."""
import importlib
import pathlib
import re

import pytest
import yaml
from testpaths import NGINE_IO_MODULES

ROOT = pathlib.Path(__file__).resolve().parents[2]
THEIRS_PREFIX = "ngine_io.cloudstack.plugins.modules."

# ngine_io 3.3.0's modules (its meta/runtime.yml action group, plus lb_internal, lb_internal_member, internal_lb_vm and
# oauth_provider, which it ships outside the group; extension and custom_action came with 3.4.0) -> the module of
# ngine_io 2.5.0 (in the ansible package) that the parity test runs, None where 2.5.0 has none
NGINE_IO_330 = {
    "account": "cs_account", "affinity_group": "cs_affinitygroup", "api_request": None, "cluster": "cs_cluster",
    "cluster_info": None, "configuration": "cs_configuration", "configuration_info": None,
    "disk_offering": "cs_disk_offering", "domain": "cs_domain", "firewall": "cs_firewall", "host": "cs_host",
    "image_store": "cs_image_store", "instance": "cs_instance", "instance_group": "cs_instancegroup",
    "instance_info": "cs_instance_info", "instance_nic": "cs_instance_nic",
    "instance_nic_secondaryip": "cs_instance_nic_secondaryip", "instance_password_reset": "cs_instance_password_reset",
    "instance_snapshot": "cs_vmsnapshot", "internal_lb_vm": None, "ip_address": "cs_ip_address", "iso": "cs_iso",
    "lb_internal": None, "lb_internal_member": None, "lb_rule": "cs_loadbalancer_rule",
    "lb_rule_member": "cs_loadbalancer_rule_member", "metadata_facts": "cs_facts", "network": "cs_network",
    "network_acl": "cs_network_acl", "network_acl_rule": "cs_network_acl_rule",
    "network_offering": "cs_network_offering", "oauth_provider": None, "physical_network": "cs_physical_network", "pod": "cs_pod",
    "pod_info": None, "portforward": "cs_portforward", "project": "cs_project", "region": "cs_region",
    "resource_limit": "cs_resourcelimit", "role": "cs_role", "role_permission": "cs_role_permission",
    "router": "cs_router", "security_group": "cs_securitygroup", "security_group_rule": "cs_securitygroup_rule",
    "service_offering": "cs_service_offering", "ssh_key": "cs_sshkeypair", "static_nat": "cs_staticnat",
    "storage_pool": "cs_storage_pool", "template": "cs_template", "traffic_type": "cs_traffic_type",
    "user": "cs_user", "user_data": None, "vlan_ip_range": "cs_vlan_ip_range", "volume": "cs_volume",
    "volume_snapshot_policy": "cs_snapshot_policy", "vpc": "cs_vpc", "vpc_offering": "cs_vpc_offering",
    "vpc_private_gateway": None, "vpn_connection": "cs_vpn_connection",
    "vpn_customer_gateway": "cs_vpn_customer_gateway", "vpn_gateway": "cs_vpn_gateway", "vpn_user": None,
    "zone": "cs_zone", "zone_info": "cs_zone_info",
}
NAMES = sorted(NGINE_IO_330)

# metadata_facts runs inside an instance and takes no API options: in the action group, the group's module_defaults
# (api_url, api_key, ...) would make it fail with unsupported parameters, so it stays out (ngine_io lists it). The
# parity runner passes the API options, so its parity with cs_facts runs in test_metadata_facts.py.
OUTSIDE_THE_GROUP = {"metadata_facts": "test_metadata_facts.py"}


def test_the_list_is_ngine_io_330s_64_modules():
    assert len(NAMES) == 64


def parity_cases():
    tables = sorted((ROOT / "tests/integration/parity").glob("table_*.py"))
    return {(c.ours, c.theirs) for t in tables for c in importlib.import_module("parity." + t.stem).CASES}


@pytest.mark.parametrize("name", NAMES)
def test_module_exists_and_is_proven(name):
    assert (ROOT / "plugins/modules" / (name + ".py")).is_file(), "no module csops.cloudstack.%s" % name
    group = yaml.safe_load((ROOT / "meta/runtime.yml").read_text())["action_groups"]["cloudstack"]
    if name in OUTSIDE_THE_GROUP:
        assert name not in group, "%s is in the action group: OUTSIDE_THE_GROUP is stale" % name
    else:
        assert name in group, "%s is not in the action group cloudstack" % name
    readme = (ROOT / "README.md").read_text()
    assert re.search(r"^\| `%s` \| `csops\.cloudstack\.%s` \|" % (name, name), readme, re.M), \
        "README's ngine_io table has no row for %s" % name
    theirs = NGINE_IO_330[name]
    if theirs:
        assert (NGINE_IO_MODULES / (theirs + ".py")).is_file(), "ngine_io 2.5.0 has no %s" % theirs
        if name in OUTSIDE_THE_GROUP:
            proof = ROOT / "tests/integration" / OUTSIDE_THE_GROUP[name]
            assert THEIRS_PREFIX + theirs in proof.read_text(), "%s does not run ngine_io's %s" % (proof.name, theirs)
        else:
            assert (name, theirs) in parity_cases(), "no parity case runs %s against ngine_io's %s" % (name, theirs)
    else:
        used = re.compile(r"""["']%s["']""" % name)
        assert any(used.search(p.read_text()) for p in (ROOT / "tests/integration").glob("test_*.py")
                   if p.name != pathlib.Path(__file__).name), "no integration test runs %s" % name
