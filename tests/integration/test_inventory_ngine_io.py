"""An inventory file written for ngine_io.cloudstack's plugin (3.3.0's `instance`, its documented example) works with only
the plugin name changed: the same hosts, groups and variables, except the two variables named differently (name, tags)."""
import json
import os
import pathlib
import subprocess
import sys

import pytest
from acl_helpers import tier, vpc_dc
from guest_helpers import ADV, sandbox

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(sys.executable).parent

# ngine_io.cloudstack 3.3.0's example inventory file (plugins/inventory/instance.py EXAMPLES), with the zone of the sandbox
NGINE_IO_FILE = """
# inventory_cloudstack.yml file in YAML format
# Example command line: ansible-inventory --list -i cloudstack-instances.yml
plugin: PLUGIN

# Use the default ip as ansible_host
hostname: v4_default_ip

# Return only instances related to the VPC vpc1 and in the zone EU, having tag mytag.
filter_by_vpc: vpc1
filter_by_zone: ZONE
filter_by_tags:
 - key: mytag
   value: mytagvalue

# Group instances with a disk_offering as storage
# Create a group dmz for instances connected to the dmz network
groups:
  storage: disk_offering is defined
  dmz: "'dmz' in networks"

# Group the instanes by network, with net_network1 as name of the groups
# Group the instanes by custom tag sla, groups like sla_value for tag sla
keyed_groups:
  - prefix: net
    key: networks
  - prefix: sla
    key: tags.sla
"""


@pytest.fixture
def cloud(make_simserver):
    """vpc1 with tier1, an isolated network dmz; tagged instances in and out of the VPC."""
    s = sandbox(make_simserver)
    dc = vpc_dc(s, name="vpc1")
    tier1 = tier(s, dc, "tier1", "10.10.1.1")
    dmz = dc.network("dmz")
    other = dc.network("other")
    disk = dc.disk_small

    def tag(vm, **tags):
        pairs = {}
        for i, (k, v) in enumerate(tags.items()):
            pairs.update({"tags[%d].key" % i: k, "tags[%d].value" % i: v})
        s.wait(s.ok("createTags", resourcetype="UserVm", resourceids=vm["id"], **pairs))

    tag(dc.deploy("app-01", networks=[tier1, dmz], diskofferingid=disk["id"]), mytag="mytagvalue", sla="gold")
    tag(dc.deploy("app-02", networks=[tier1]), mytag="mytagvalue", sla="silver")
    tag(dc.deploy("app-03", networks=[tier1]), mytag="other")           # another tag value: filtered out
    tag(dc.deploy("web-01", networks=[dmz]), mytag="mytagvalue")         # not in vpc1: filtered out
    dc.deploy("db-01", networks=[other])
    return s


def inventory(s, tmp_path, text, name="cloudstack-instances.yml"):
    path = tmp_path / name
    path.write_text(text.replace("ZONE", ADV))
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), CLOUDSTACK_ENDPOINT=s.endpoint, CLOUDSTACK_KEY=s.key,
               CLOUDSTACK_SECRET=s.secret, ANSIBLE_FORCE_COLOR="0")
    proc = subprocess.run([str(BIN / "ansible-inventory"), "-i", str(path), "--list"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout), proc.stderr


def plain(value):
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return value["__ansible_unsafe"]
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def hosts(data, group):
    return set(data.get(group, {}).get("hosts", []))


@pytest.mark.parametrize("plugin", ["csops.cloudstack.instances", "csops.cloudstack.instance"])
def test_ngine_io_file_with_the_plugin_name_changed(cloud, tmp_path, plugin):
    data, stderr = inventory(cloud, tmp_path, NGINE_IO_FILE.replace("PLUGIN", plugin))
    assert hosts(data, "cloudstack") == {"app-01", "app-02"}  # vpc1, the zone and mytag=mytagvalue, as ngine_io filters
    assert hosts(data, "dmz") == {"app-01"}                   # groups: "'dmz' in networks" (networks are names)
    assert hosts(data, "storage") == {"app-01"}               # "disk_offering is defined": only with a disk offering
    assert hosts(data, "net_tier1") == {"app-01", "app-02"} and hosts(data, "net_dmz") == {"app-01"}
    assert hosts(data, "sla_gold") == {"app-01"} and hosts(data, "sla_silver") == {"app-02"}  # key: tags.sla
    hv = plain(data["_meta"]["hostvars"]["app-01"])
    vm = cloud.ok("listVirtualMachines", name="app-01")["virtualmachine"][0]
    default_nic = next(n for n in vm["nic"] if n["isdefault"])
    # ngine_io's variables, same names and values
    assert hv["ansible_host"] == hv["v4_default_ip"] == default_nic["ipaddress"]
    assert hv["networks"] == ["tier1", "dmz"] and hv["zone"] == ADV and hv["account"] == vm["account"]
    assert hv["template"] == vm["templatename"] and hv["service_offering"] == "Small Instance"
    assert hv["disk_offering"] == vm["diskofferingname"] and hv["state"] == "Running"
    assert hv["cpu_number"] == vm["cpunumber"] and hv["memory"] == vm["memory"] and hv["created"] == vm["created"]
    assert hv["ha_enabled"] == vm["haenable"] and hv["password_enabled"] == vm["passwordenabled"]
    assert hv["dynamically_scalable"] == vm["isdynamicallyscalable"]
    # the two that differ: the name is the inventory host name and `hostname`, the tags are `instance_tags`
    assert "name" not in hv and "tags" not in hv
    assert hv["hostname"] == "app-01" and hv["instance_tags"] == {"mytag": "mytagvalue", "sla": "gold"}
    assert "reserved name" not in stderr
    # a value the API does not give is no variable, as in ngine_io's
    assert "disk_offering" not in plain(data["_meta"]["hostvars"]["app-02"]) and "group" not in hv


def test_filter_by_vpc_alone(cloud, tmp_path):
    data, _ = inventory(cloud, tmp_path, "plugin: csops.cloudstack.instances\nfilter_by_vpc: vpc1\n")
    assert hosts(data, "cloudstack") == {"app-01", "app-02", "app-03"}
    vpc = cloud.ok("listVPCs", name="vpc1")["vpc"][0]
    data, _ = inventory(cloud, tmp_path, "plugin: csops.cloudstack.instances\nfilter_by_vpc: %s\n" % vpc["id"])
    assert hosts(data, "cloudstack") == {"app-01", "app-02", "app-03"}


def test_unknown_vpc_is_a_clear_error(cloud, tmp_path):
    path = tmp_path / "cloudstack-instances.yml"
    path.write_text("plugin: csops.cloudstack.instances\nfilter_by_vpc: no-such-vpc\n")
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), CLOUDSTACK_ENDPOINT=cloud.endpoint, CLOUDSTACK_KEY=cloud.key,
               CLOUDSTACK_SECRET=cloud.secret, ANSIBLE_FORCE_COLOR="0")
    proc = subprocess.run([str(BIN / "ansible-inventory"), "-i", str(path), "--list"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)
    assert "vpc 'no-such-vpc' not found (option filter_by_vpc)" in proc.stderr


def test_same_hosts_groups_and_variables_as_ngine_io_own_plugin(cloud, tmp_path):
    """ngine_io.cloudstack's own inventory plugin (2.5.0, the installed one; 3.3.0 differs only by filter_by_tags) on the same
    cloud and file: the same hosts and groups; the same variables but for the two names and the values listed in docs/extras/api.md."""
    text = NGINE_IO_FILE.split("filter_by_tags:")[0] + "\ngroups:" + NGINE_IO_FILE.split("\ngroups:")[1]
    theirs_dir, ours_dir = tmp_path / "theirs", tmp_path / "ours"
    theirs_dir.mkdir()
    ours_dir.mkdir()
    theirs, _ = inventory(cloud, theirs_dir, text.replace("PLUGIN", "ngine_io.cloudstack.instance"))
    ours, _ = inventory(cloud, ours_dir, text.replace("PLUGIN", "csops.cloudstack.instances"))
    assert hosts(theirs, "cloudstack") == hosts(ours, "cloudstack") == {"app-01", "app-02", "app-03"}
    groups = {g for g in theirs if g not in ("_meta", "all", "ungrouped")}
    assert groups >= {"dmz", "storage", "net_tier1", "net_dmz", "sla_gold", "sla_silver"}
    for group in groups:
        assert hosts(ours, group) == hosts(theirs, group), group
    renamed = {"name": "hostname", "tags": "instance_tags"}
    lowered = {"domain", "hypervisor"}  # ngine_io lower-cases them
    for host in hosts(theirs, "cloudstack"):
        t, o = plain(theirs["_meta"]["hostvars"][host]), plain(ours["_meta"]["hostvars"][host])
        for key, value in t.items():
            if key in ("hostname", "cpu_usage"):
                continue  # ngine_io's hostname is the hypervisor's (see the docs); cpu usage moves between the two reads
            ours_key = renamed.get(key, key)
            assert ours_key in o, (host, key)
            got = o[ours_key].lower() if key in lowered else o[ours_key]
            assert got == value, (host, key, value, o[ours_key])
