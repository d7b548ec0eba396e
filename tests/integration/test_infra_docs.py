"""The infrastructure modules: documentation (as ansible-doc renders it) matches the argument spec, the
options, choices and return keys of ngine_io.cloudstack are kept, each module is in the action group."""
import importlib
import json
import os
import pathlib
import subprocess

import pytest
import yaml
from testpaths import BIN, NGINE_IO_MODULES

ROOT = pathlib.Path(__file__).resolve().parents[2]
MODULES = ["physical_network", "traffic_type", "network_service_provider", "pod", "pod_info", "cluster", "cluster_info", "host", "host_info",
           "storage_pool", "image_store", "vlan_ip_range"]
NGINE = NGINE_IO_MODULES
# ours -> ngine_io.cloudstack's module (2.5.0 names; pod_info and cluster_info came with 3.1.0: their docs are below)
NGINE_NAMES = {"physical_network": "cs_physical_network", "traffic_type": "cs_traffic_type", "pod": "cs_pod", "cluster": "cs_cluster",
               "host": "cs_host", "storage_pool": "cs_storage_pool", "image_store": "cs_image_store", "vlan_ip_range": "cs_vlan_ip_range"}
NGINE_3_1 = {  # options and return keys of ngine_io.cloudstack 3.1.0's pod_info / cluster_info
    "pod_info": ({"name", "zone"}, {"pods"}),
    "cluster_info": ({"name", "zone", "pod"}, {"clusters"}),
}


class Captured(Exception):
    pass


def argument_spec(name, monkeypatch):
    from ansible_collections.csops.cloudstack.plugins.module_utils import common

    seen = {}

    def fake_init(self, argument_spec=None, **kwargs):
        spec = common.cs_argument_spec()
        spec.update(argument_spec or {})
        seen["spec"] = spec
        raise Captured()

    monkeypatch.setattr(common.CloudStackModule, "__init__", fake_init)
    mod = importlib.import_module("ansible_collections.csops.cloudstack.plugins.modules." + name)
    with pytest.raises(Captured):
        mod.main()
    return seen["spec"]


@pytest.fixture(scope="module")
def docs():
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(ROOT / "collections"), ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"))
    out = subprocess.run([str(BIN / "ansible-doc"), "--json", "-t", "module"] + ["csops.cloudstack." + m for m in MODULES],
                         capture_output=True, text=True, env=env, check=True, timeout=180)
    return json.loads(out.stdout)


@pytest.mark.parametrize("name", MODULES)
def test_documentation_matches_argument_spec(name, docs, monkeypatch):
    assert "csops.cloudstack." + name in docs, "ansible-doc did not render %s" % name
    doc = docs["csops.cloudstack." + name]["doc"]
    spec = argument_spec(name, monkeypatch)
    documented = doc["options"]
    assert set(documented) == set(spec), "documented but not in the spec: %s; in the spec but not documented: %s" % (
        set(documented) - set(spec), set(spec) - set(documented))
    for option, s in spec.items():
        d = documented[option]
        assert d.get("type", "str") == s.get("type", "str"), option
        assert bool(d.get("required", False)) == bool(s.get("required", False)), option
        assert d.get("default") == s.get("default"), option
        assert d.get("choices") == s.get("choices"), option
        assert sorted(d.get("aliases", [])) == sorted(s.get("aliases", [])), option
        assert d.get("description"), option
        if option in ("password", "vms_password", "api_secret", "api_password"):
            assert s.get("no_log"), option
    assert docs["csops.cloudstack." + name]["examples"]
    assert docs["csops.cloudstack." + name]["return"]


def _ngine_doc(theirs):
    text = (NGINE / (theirs + ".py")).read_text()
    return yaml.safe_load(text.split("DOCUMENTATION = '''")[1].split("'''")[0]), yaml.safe_load(text.split("RETURN = '''")[1].split("'''")[0])


@pytest.mark.parametrize("ours", sorted(NGINE_NAMES))
def test_ngine_io_options_choices_defaults_and_return_keys_are_kept(ours):
    if not NGINE.exists():
        pytest.skip("ngine_io.cloudstack not installed")
    their_doc, their_ret = _ngine_doc(NGINE_NAMES[ours])
    mod = importlib.import_module("ansible_collections.csops.cloudstack.plugins.modules." + ours)
    our_doc, our_ret = yaml.safe_load(mod.DOCUMENTATION), yaml.safe_load(mod.RETURN)
    for option, d in their_doc["options"].items():
        assert option in our_doc["options"], (ours, option)
        o = our_doc["options"][option]
        theirs_choices = d.get("choices")
        if theirs_choices is not None:
            # the same choices; a few more are fine (physical_network: the other isolation methods of 4.18)
            assert set(theirs_choices) <= set(o.get("choices") or []), (ours, option)
        assert o.get("default") == d.get("default") or (d.get("default") in ("yes", "no") and o.get("default") == (d["default"] == "yes")), (ours, option)
        assert set(d.get("aliases") or []) <= set(o.get("aliases") or []), (ours, option)
    for key in their_ret:
        key = key.rstrip(":")  # their host doc has "allocation_state::"
        if ours == "physical_network" and key == "nsps":
            continue  # documented by them, but what they return is nsps_enabled / nsps_disabled
        assert key in our_ret, (ours, key)


@pytest.mark.parametrize("ours", sorted(NGINE_3_1))
def test_ngine_io_3_1_info_modules(ours):
    mod = importlib.import_module("ansible_collections.csops.cloudstack.plugins.modules." + ours)
    options, returns = NGINE_3_1[ours]
    assert options <= set(yaml.safe_load(mod.DOCUMENTATION)["options"])
    assert returns <= set(yaml.safe_load(mod.RETURN))


@pytest.mark.parametrize("name", MODULES)
def test_module_is_in_the_action_group(name):
    runtime = yaml.safe_load((ROOT / "meta" / "runtime.yml").read_text())
    assert name in runtime["action_groups"]["cloudstack"]
