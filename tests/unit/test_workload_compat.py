"""template, iso, instance and instance_info keep ngine_io.cloudstack's option names, choices, aliases and return keys
(what this collection does not support is listed, and nothing else is missing)."""
import pathlib

import pytest
import yaml
from testpaths import NGINE_IO_MODULES

ROOT = pathlib.Path(__file__).resolve().parents[2]
BASE = NGINE_IO_MODULES
# ours, theirs, options not supported here (documented in the module), return keys spelled otherwise
CASES = [
    ("instance", "cs_instance", set(), {"user-data": "user_data"}),
    ("instance_info", "cs_instance_info", set(), {}),
    ("template", "cs_template", set(), {}),
    ("iso", "cs_iso", set(), {}),
]


def their_docs(name):
    text = (BASE / (name + ".py")).read_text()
    doc = yaml.safe_load(text.split("DOCUMENTATION = '''")[1].split("'''")[0])
    ret = yaml.safe_load(text.split("RETURN = '''")[1].split("'''")[0]) if "RETURN = '''" in text else {}
    return doc, ret or {}


@pytest.mark.parametrize("ours,theirs,unsupported,renamed", CASES, ids=[c[0] for c in CASES])
def test_ngine_io_options_choices_and_returns_are_kept(ours, theirs, unsupported, renamed):
    if not BASE.exists():
        pytest.skip("ngine_io.cloudstack not installed")
    their_doc, their_ret = their_docs(theirs)
    mod = __import__("ansible_collections.csops.cloudstack.plugins.modules." + ours, fromlist=["DOCUMENTATION"])
    our_doc = yaml.safe_load(mod.DOCUMENTATION)
    our_ret = yaml.safe_load(mod.RETURN)
    for option, d in their_doc["options"].items():
        if option in unsupported:
            # C(): O() may name only options the module has (ansible-test validate-modules)
            assert "C(%s)" % option in our_doc["description"][1], (ours, option, "documented as unsupported")
            continue
        assert option in our_doc["options"], (ours, option)
        ours_opt = our_doc["options"][option]
        if d.get("choices") is not None:
            # ours may have more choices (iso: attached and detached of ngine_io 3.3.0, extracted), after ngine_io's
            assert [str(c) for c in ours_opt.get("choices")][:len(d["choices"])] == [str(c) for c in d["choices"]], (ours, option)
        assert set(d.get("aliases", [])) <= set(ours_opt.get("aliases", [])), (ours, option)
        assert d.get("type", "str") == ours_opt.get("type", "str"), (ours, option)
    flat_ours = set(our_ret)
    if ours == "instance_info":
        flat_ours = set(our_ret["instances"]["contains"])
        their_ret = their_ret.get("instances", {}).get("contains", their_ret)
    for key in their_ret:
        assert renamed.get(key, key) in flat_ours, (ours, key)
