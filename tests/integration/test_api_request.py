"""api_request (ngine_io.cloudstack 3.3.0's free-form API module) against the simulator: in process for the module,
through ansible-playbook for the action plugin (free form, task arguments as API parameters, check mode, module_defaults)."""
import json
import time

import pytest
from ansible_collections.csops.cloudstack.plugins.action.api_request import module_args_of
from ansible_collections.csops.cloudstack.plugins.module_utils.api import RequestError, build_request, parse_free_form
from harness import connection, run_playbook


def domains(sim):
    return sorted(d["name"] for d in sim.ok("listDomains", listall="true").get("domain", []) if d["name"] != "ROOT")


# ---- the request: free form and structured -----------------------------------------------------------------
def test_free_form_is_read_as_ngine_io_reads_it():
    assert parse_free_form("listVPCs keyword=my-vpc listall=true page=2 ratio=1.5 x=null name='a b'") == (
        "listVPCs", {"keyword": "my-vpc", "listall": True, "page": 2, "ratio": 1.5, "x": None, "name": "a b"})
    # params win over free-form pairs of the same name; fetch_result is no API parameter
    command, params, wait = build_request({"free_form": "listZones name=a", "params": {"name": "b", "fetch_result": "false"}, "poll_async": True})
    assert (command, params, wait) == ("listZones", {"name": "b"}, False)


@pytest.mark.parametrize("options, message", [
    ({"free_form": "listZones name"}, "Free-form argument 'name' must use key=value syntax"),
    ({"free_form": "listZones =x"}, "Free-form argument '=x' is missing a key"),
    ({"free_form": "listZones name='x"}, "Failed to parse free-form request: No closing quotation"),
    ({"free_form": "listZones", "command": "listPods"}, "Conflicting command values provided in free-form arguments and 'command'"),
    ({"params": {"name": "x"}}, "missing required arguments: command"),
    ({"command": "list Zones"}, "command must be the name of a CloudStack API command (letters and digits), got 'list Zones'"),
    ({"command": "listZones", "params": {"apikey": "k"}}, "params must not set apikey"),
    ({"command": "listZones", "params": {"fetch_result": "maybe"}}, "params.fetch_result must be a boolean, got 'maybe'"),
])
def test_bad_request_is_named(options, message):
    with pytest.raises(RequestError) as err:
        build_request(dict(options))
    assert message in str(err.value)


def test_action_moves_task_arguments_into_params():
    """As ngine_io's action: the free form becomes free_form, arguments that are no option become params."""
    args = module_args_of({"_raw_params": "listZones", "name": "z1", "api_url": "http://x", "api_async_timeout": 5, "poll_async": False})
    assert args == {"free_form": "listZones", "params": {"name": "z1"}, "api_url": "http://x", "api_async_timeout": 5, "poll_async": False}
    args = module_args_of({"command": "listZones", "query_params": {"a": 1}, "id": "x"})
    assert args == {"command": "listZones", "query_params": {"a": 1, "id": "x"}}
    assert module_args_of({"command": "listZones"}) == {"command": "listZones"}


# ---- the module ----------------------------------------------------------------------------------------------
def test_read(module, sim):
    sim.ok("createDomain", name="d1")
    res = module("api_request", command="listDomains", params={"name": "d1", "listall": True})
    assert not res.failed, res
    assert res["changed"] is True and res["command"] == "listDomains" and res["params"] == {"name": "d1", "listall": True}
    assert res["response"]["count"] == 1 and res["response"]["domain"][0]["name"] == "d1"
    assert "jobid" not in res
    # the free form, through the module's option
    res = module("api_request", free_form="listDomains name=d1 listall=true")
    assert res["response"]["domain"][0]["name"] == "d1" and res["params"] == {"name": "d1", "listall": True}


def test_write_and_async_job_awaited(make_simserver):
    sim = make_simserver(job_seconds=0.3)
    created = run(sim, command="createDomain", params={"name": "d1", "networkdomain": "d1.example"})
    assert not created.failed and created["changed"] and created["response"]["domain"]["networkdomain"] == "d1.example"
    assert domains(sim) == ["d1"]
    t = time.monotonic()
    deleted = run(sim, command="deleteDomain", params={"id": created["response"]["domain"]["id"]})
    assert not deleted.failed, deleted
    assert time.monotonic() - t >= 0.3 and deleted["jobid"] and deleted["response"] == {"success": True}
    assert domains(sim) == []  # done when the module returned


def test_poll_async_false_returns_the_job_at_once(make_simserver):
    sim = make_simserver(job_seconds=1.0)
    dom = sim.ok("createDomain", name="d1")["domain"]
    res = run(sim, command="deleteDomain", params={"id": dom["id"]}, poll_async=False)
    assert not res.failed and set(res["response"]) == {"jobid"} and "jobid" not in res
    assert domains(sim) == ["d1"]  # still running
    assert sim.wait(res["response"])["jobstatus"] == 1
    # ngine_io's way to wait: the cs library's fetch_result among the params
    dom = sim.ok("createDomain", name="d2")["domain"]
    res = run(sim, command="deleteDomain", params={"id": dom["id"], "fetch_result": True}, poll_async=False)
    assert res["response"] == {"success": True} and res["params"] == {"id": dom["id"]}


def test_failed_job_fails_with_its_code_and_text(make_simserver):
    sim = make_simserver(faults="jobfail=1.0,only=deleteDomain")
    dom = sim.ok("createDomain", name="d1")["domain"]
    res = run(sim, command="deleteDomain", params={"id": dom["id"]})
    assert res.failed and res["changed"] is False
    assert "of deleteDomain failed (errorcode 530): Job failed: simulated failure of deleteDomain" in res["msg"]
    assert res["cloudstack_errorcode"] == 530 and res["cloudstack_jobid"] == res["jobid"]
    assert domains(sim) == ["d1"]


def test_job_past_api_async_timeout(make_simserver):
    sim = make_simserver(job_seconds=5)
    dom = sim.ok("createDomain", name="d1")["domain"]
    t = time.monotonic()
    res = run(sim, command="deleteDomain", params={"id": dom["id"]}, api_async_timeout=1)
    assert res.failed and "still running after 1 seconds (api_async_timeout)" in res["msg"]
    assert res["changed"] is True and time.monotonic() - t < 3.5  # the job may still complete


def test_cloudstack_errors_carry_its_message(module, sim):
    res = module("api_request", command="createDomain", params={})
    assert res.failed and res["changed"] is False
    assert "CloudStack API createDomain failed (HTTP 431" in res["msg"] and "missing parameter name" in res["msg"]
    assert res["cloudstack_status"] == 431
    res = module("api_request", command="listNoSuchThings")
    assert res.failed and "CloudStack API listNoSuchThings failed (HTTP 401" in res["msg"]
    res = module("api_request", free_form="listZones name")
    assert res.failed and res["msg"] == "Free-form argument 'name' must use key=value syntax"


def test_secrets_never_in_the_result(module, sim):
    password, key = "Very-Secret-123", "PSK-not-to-be-seen"
    res = module("api_request", _verbosity=4, command="createAccount",
                 params={"username": "u1", "account": "u1", "password": password, "email": "u@example.com", "firstname": "U",
                         "lastname": "One", "accounttype": 0, "details": {"ipsecpsk": key}})
    assert not res.failed, res["msg"] if res.failed else ""
    assert res["params"]["password"] == "********" and res["params"]["details"] == {"ipsecpsk": "********"}
    assert password not in res["_stdout"] and key not in res["_stdout"]  # the invocation and the -vvvv API log included
    assert any("createAccount" in line for line in res["api_log"])
    assert res["invocation"]["module_args"]["params"]["password"] in ("********", "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER")
    assert sim.ok("listAccounts", name="u1", listall="true")["account"][0]["name"] == "u1"


def test_check_mode_skips_and_changes_nothing(module, sim):
    res = module("api_request", _check=True, command="createDomain", params={"name": "d1"})
    assert res.get("skipped") and not res.get("changed") and "does not support check mode" in res["msg"]
    assert domains(sim) == []


def test_faults_no_duplicates(make_simserver):
    """Reads are retried through 5xx and dropped replies; a write is sent once: a lost reply fails the task (the outcome is
    unknown, changed), never a second domain."""
    outcomes = set()
    for seed in range(1, 7):
        sim = make_simserver(faults=f"5xx=0.3,drop=0.3,seed={seed}")
        res = run(sim, command="listZones")
        assert not res.failed, res["msg"] if res.failed else ""
        res = run(sim, command="createDomain", params={"name": "d1"})
        sim.sim.faults.set("")
        made = domains(sim)
        assert made in ([], ["d1"])
        if res.failed:
            outcomes.add("failed")
            assert ("may or may not have been carried out" in res["msg"] and res["changed"]) or ("HTTP 5" in res["msg"] and made == [])
        else:
            outcomes.add("ok")
            assert made == ["d1"]
    assert outcomes  # each seed checked


# ---- the action plugin, through ansible-playbook ------------------------------------------------------------------
PLAY = """
- hosts: localhost
  gather_facts: false
  module_defaults:
    group/csops.cloudstack.cloudstack:
      api_url: "URL"
      api_key: "KEY"
      api_secret: "SECRET"
  tasks:
    - name: Free form
      csops.cloudstack.api_request: createDomain name=d1 networkdomain=d1.example
      register: free
    - name: Structured, with a task argument as a parameter
      csops.cloudstack.api_request:
        command: listDomains
        name: d1
        params:
          listall: true
      register: listed
    - name: As an Ansible async task
      csops.cloudstack.api_request: listDomains name=d1
      async: 60
      poll: 1
      register: in_background
    - name: Write what was returned
      ansible.builtin.copy:
        dest: "OUT"
        content: "{{ {'free': free.response.domain.name, 'changed': free.changed, 'params': listed.params,
                     'listed': listed.response.domain | map(attribute='name') | list,
                     'in_background': in_background.response.count} | to_json }}"
"""

CHECK_PLAY = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: A write in check mode
      csops.cloudstack.api_request: createDomain name=d2 api_url=URL api_key=KEY api_secret=SECRET
      register: made
    - name: Show
      ansible.builtin.debug:
        msg: "SKIPPED={{ made.skipped }} {{ made.msg }}"
"""


def play(text, sim, out=""):
    return text.replace("URL", sim.endpoint).replace("KEY", sim.key).replace("SECRET", sim.secret).replace("OUT", str(out))


def test_playbook_free_form_and_task_arguments(sim, tmp_path):
    out = tmp_path / "out.json"
    proc = run_playbook(play(PLAY, sim, out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    got = json.loads(out.read_text())
    assert got == {"free": "d1", "changed": True, "listed": ["d1"], "params": {"listall": True, "name": "d1"}, "in_background": 1}
    # check mode: skipped, as with ngine_io's action plugin; nothing made
    proc = run_playbook(play(CHECK_PLAY, sim), ["--check"])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    shown = " ".join(proc.stdout.split())
    assert "SKIPPED=True This action (csops.cloudstack.api_request) does not support check mode." in shown
    assert domains(sim) == ["d1"]





def run(sim, **args):
    from harness import run_module

    return run_module("api_request", dict(connection(sim), **args))
