"""The tenancy and catalogue modules keep ngine_io.cloudstack's option names, choices, aliases and return keys, so a
playbook moves over by changing the FQCN."""
import pathlib

import pytest
import yaml
from testpaths import NGINE_IO_MODULES

ROOT = pathlib.Path(__file__).resolve().parents[2]
BASE = NGINE_IO_MODULES
PAIRS = [("service_offering", "cs_service_offering"), ("disk_offering", "cs_disk_offering"), ("network_offering", "cs_network_offering"),
         ("domain", "cs_domain"), ("account", "cs_account"), ("user", "cs_user"), ("project", "cs_project"), ("role", "cs_role"),
         ("resource_limit", "cs_resourcelimit"), ("ssh_key", "cs_sshkeypair")]
# typos in ngine_io's RETURN documentation; their modules return the spelled-out keys
RETURN_TYPOS = {"fist_name": "first_name", "recource_type": "resource_type"}
CONNECTION = {"api_key", "api_secret", "api_url", "api_http_method", "api_timeout", "api_verify_ssl_cert", "validate_certs"}


def section(text, name):
    for quote in ("'''", '"""'):
        marker = "%s = %s" % (name, quote)
        if marker in text:
            return yaml.safe_load(text.split(marker)[1].split(quote)[0])
        marker = "%s = r%s" % (name, quote)
        if marker in text:
            return yaml.safe_load(text.split(marker)[1].split(quote)[0])
    raise AssertionError("no %s" % name)


@pytest.mark.parametrize("ours,theirs", PAIRS, ids=[p[0] for p in PAIRS])
def test_options_choices_and_returns_are_kept(ours, theirs):
    if not BASE.exists():
        pytest.skip("ngine_io.cloudstack not installed")
    text = (BASE / (theirs + ".py")).read_text()
    their_doc, their_ret = section(text, "DOCUMENTATION"), section(text, "RETURN") or {}
    mod = __import__("ansible_collections.csops.cloudstack.plugins.modules." + ours, fromlist=["DOCUMENTATION"])
    our_doc, our_ret = yaml.safe_load(mod.DOCUMENTATION), yaml.safe_load(mod.RETURN)
    for option, d in their_doc["options"].items():
        if option in CONNECTION:
            continue
        assert option in our_doc["options"], (ours, option)
        mine = our_doc["options"][option]
        for choice in d.get("choices") or []:
            assert choice in (mine.get("choices") or []), (ours, option, choice)
        for alias in d.get("aliases") or []:
            assert alias in (mine.get("aliases") or []), (ours, option, alias)
        assert mine.get("type", "str") == d.get("type", "str"), (ours, option)
    for key in their_ret:
        assert RETURN_TYPOS.get(key, key) in our_ret, (ours, key)
