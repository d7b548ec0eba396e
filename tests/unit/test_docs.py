"""Each module's documentation (with the doc fragments, as ansible-doc renders it) matches its argument spec,
and each module is in the cloudstack action group."""
import json
import os
import pathlib
import subprocess

import pytest
import yaml
from ansible_collections.csops.cloudstack.plugins.module_utils import engine
from testpaths import BIN, NGINE_IO_MODULES

ROOT = pathlib.Path(__file__).resolve().parents[2]
# every module built on the engine (run_resource / run_info)
MINE = sorted(p.stem for p in (ROOT / "plugins" / "modules").glob("*.py")
              if "run_resource(" in p.read_text() or "run_info(" in p.read_text())


class Captured(Exception):
    pass


def argument_spec(name, monkeypatch):
    """The spec the module hands to AnsibleModule (captured, the module does not run)."""
    import importlib

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
    out = subprocess.run([str(BIN / "ansible-doc"), "--json", "-t", "module"] + ["csops.cloudstack." + m for m in MINE],
                         capture_output=True, text=True, env=env, check=True, timeout=120)
    return json.loads(out.stdout)


@pytest.mark.parametrize("name", MINE)
def test_documentation_matches_argument_spec(name, docs, monkeypatch):
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
    # secrets are no_log
    assert spec["api_secret"]["no_log"] and spec["api_password"]["no_log"]
    for section in ("EXAMPLES", "RETURN"):
        assert docs["csops.cloudstack." + name][section.lower()], section


@pytest.mark.parametrize("name", MINE)
def test_module_is_in_the_action_group(name):
    runtime = yaml.safe_load((ROOT / "meta" / "runtime.yml").read_text())
    assert name in runtime["action_groups"]["cloudstack"]


def test_ngine_io_options_and_choices_are_kept():
    """Every option and choice of ngine_io.cloudstack's zone and configuration modules exists here too."""
    base = NGINE_IO_MODULES
    if not base.exists():
        pytest.skip("ngine_io.cloudstack not installed")
    for ours, theirs in (("zone", "cs_zone"), ("configuration", "cs_configuration"), ("zone_info", "cs_zone_info")):
        text = (base / (theirs + ".py")).read_text()
        their_doc = yaml.safe_load(text.split("DOCUMENTATION = '''")[1].split("'''")[0])
        mod = __import__("ansible_collections.csops.cloudstack.plugins.modules." + ours, fromlist=["DOCUMENTATION"])
        our_doc = yaml.safe_load(mod.DOCUMENTATION)
        their_ret = yaml.safe_load(text.split("RETURN = '''")[1].split("'''")[0])
        our_ret = yaml.safe_load(mod.RETURN)
        for option, d in their_doc["options"].items():
            assert option in our_doc["options"], (ours, option)
            assert our_doc["options"][option].get("choices") == d.get("choices"), (ours, option)
        for key in their_ret:
            assert key.lower() in {k.lower() for k in our_ret}, (ours, key)
    assert engine.COMMON_RETURNS["zonename"] == "zone"
