"""api_request, the lookup csops.cloudstack.api and the inventory plugin: their documentation renders (ansible-doc) and
matches what the code accepts; api_request is in the action group; the secret parameter list masks what it should."""
import json
import os
import pathlib
import subprocess

import pytest
import yaml
from ansible_collections.csops.cloudstack.plugins.module_utils import api, client, common
from testpaths import BIN

ROOT = pathlib.Path(__file__).resolve().parents[2]


def ansible_doc(kind, name):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(ROOT / "collections"), ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"))
    out = subprocess.run([str(BIN / "ansible-doc"), "--json", "-t", kind, name], capture_output=True, text=True, env=env, check=True,
                         timeout=120)
    return json.loads(out.stdout)[name]


def test_api_request_documentation_matches_its_argument_spec():
    doc = ansible_doc("module", "csops.cloudstack.api_request")
    spec = common.cs_argument_spec()
    spec.update(api.api_request_spec())
    documented = doc["doc"]["options"]
    assert set(documented) == set(spec)
    for option, s in spec.items():
        d = documented[option]
        assert d.get("type", "str") == s.get("type", "str"), option
        assert d.get("default") == s.get("default"), option
        assert sorted(d.get("aliases", [])) == sorted(s.get("aliases", [])), option
    assert set(yaml.safe_load(doc["return"]) if isinstance(doc["return"], str) else doc["return"]) == {"command", "params", "response", "jobid"}
    runtime = yaml.safe_load((ROOT / "meta" / "runtime.yml").read_text())
    assert "api_request" in runtime["action_groups"]["cloudstack"]


def test_the_action_passes_every_option_through():
    from ansible_collections.csops.cloudstack.plugins.action.api_request import PASSTHROUGH_ARGS

    assert PASSTHROUGH_ARGS == set(common.cs_argument_spec()) | set(api.api_request_spec()) | {"query_params"}


def test_lookup_and_inventory_documentation_render():
    lookup = ansible_doc("lookup", "csops.cloudstack.api")["doc"]
    assert set(lookup["options"]) == {"_terms", "query_params"} | (set(common.CONNECTION_OPTIONS) - {"api_async_timeout"})
    inv = ansible_doc("inventory", "csops.cloudstack.instances")["doc"]
    assert inv["options"]["plugin"]["choices"] == ["csops.cloudstack.instances", "csops.cloudstack.instance"]
    assert "filter_by_vpc" in inv["options"]


@pytest.mark.parametrize("command, allowed", [
    ("listZones", True), ("getUser", True), ("queryAsyncJobResult", True), ("listCapabilities", True),
    ("createZone", False), ("deployVirtualMachine", False), ("getUploadParamsForTemplate", False),
    ("getDiagnosticsData", False), ("listAndSwitchSAMLAccount", False), ("login", False), ("logout", False),
])
def test_the_lookup_reads_only(command, allowed):
    if allowed:
        assert api.read_only_command(command) == command
    else:
        with pytest.raises(api.RequestError, match="is not a read command"):
            api.read_only_command(command)


def test_secret_parameters_are_masked_at_any_depth():
    params = {"name": "u", "password": "p1", "details": {"ipsecpsk": "k1", "other": "v"}, "list": [{"privatekey": "pk"}], "userdata": ""}
    assert client.mask_secrets(params) == {"name": "u", "password": "********", "details": {"ipsecpsk": "********", "other": "v"},
                                           "list": [{"privatekey": "********"}], "userdata": ""}
    assert sorted(client.secret_values(params)) == ["k1", "p1", "pk"]
    assert client.redact({"Password": "x", "keyword": "y"}) == {"Password": "********", "keyword": "y"}
    # the upload-slot commands are no reads: not retried
    assert not client.is_read("getUploadParamsForVolume") and client.is_read("getUser")
