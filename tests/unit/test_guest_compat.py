"""The guest modules (volume, network, security groups, public IPs and rules) take ngine_io.cloudstack's options and
choices and return its keys."""
import pathlib

import pytest
import yaml
from testpaths import NGINE_IO_MODULES

ROOT = pathlib.Path(__file__).resolve().parents[2]
BASE = NGINE_IO_MODULES
PAIRS = [("volume", "cs_volume"), ("volume_snapshot_policy", "cs_snapshot_policy"), ("network", "cs_network"),
         ("security_group", "cs_securitygroup"), ("security_group_rule", "cs_securitygroup_rule"), ("affinity_group", "cs_affinitygroup"),
         ("ip_address", "cs_ip_address"), ("firewall", "cs_firewall"), ("portforward", "cs_portforward"), ("static_nat", "cs_staticnat")]
LEFT_OUT = set()  # (module, option) not taken: none (volume's url, format, mode and states extracted / uploaded are)
LEFT_OUT_CHOICES = {}


def their(name, section):
    text = (BASE / (name + ".py")).read_text()
    quote = "'''" if (section + " = '''") in text else '"""'
    return yaml.safe_load(text.split(section + " = " + quote)[1].split(quote)[0])


@pytest.mark.parametrize("ours,theirs", PAIRS, ids=[p[0] for p in PAIRS])
def test_options_choices_and_returns(ours, theirs):
    if not BASE.exists():
        pytest.skip("ngine_io.cloudstack not installed")
    mod = __import__("ansible_collections.csops.cloudstack.plugins.modules." + ours, fromlist=["DOCUMENTATION"])
    our_doc, our_ret = yaml.safe_load(mod.DOCUMENTATION), yaml.safe_load(mod.RETURN)
    for option, d in their(theirs, "DOCUMENTATION")["options"].items():
        if (ours, option) in LEFT_OUT:
            continue
        assert option in our_doc["options"], (ours, option)
        mine = our_doc["options"][option]
        if d.get("choices"):
            assert set(map(str, d["choices"])) - LEFT_OUT_CHOICES.get((ours, option), set()) <= set(map(str, mine.get("choices", []))), (ours, option)
        for alias in d.get("aliases") or []:
            assert alias in (mine.get("aliases") or []), (ours, option, alias)
    for key in their(theirs, "RETURN"):
        assert key in our_ret, (ours, key)
