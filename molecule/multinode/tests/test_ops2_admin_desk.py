"""Admin desk, part of the multinode scenario: playbooks/rolling_restart.yml changes a setting that needs a restart
(sync.interval, isdynamic false) and restarts mgmt1 and mgmt2 one at a time behind HAProxy (lb). A probe loop on this
machine asks the API through HAProxy (lb:8080) all along the run: every answer must be the API's (401 without
credentials). Both servers must have restarted (their service's start time changed), both be UP in HAProxy after, and a
second run with the same setting change and restart nothing.

The stand-in management servers do not share CloudStack state (each simulator has its own sqlite file), so the setting
is set on mgmt1's own API (as on a real cloud, where the servers share the database, one update serves them all)."""
import json
import threading
import time
import urllib.error
import urllib.request

import pytest
import testinfra
from ops_helpers import haproxy_states, inventory, nothing_changed, run_playbook

MGMT1 = "http://10.89.0.21:8080"
LB_API = "http://10.89.0.5:8080/client/api"
SETTING, VALUE = "sync.interval", "120"


@pytest.fixture(scope="module")
def hosts():
    inv = inventory()
    return {n: testinfra.get_host(f"ansible://{n}", ansible_inventory=inv) for n in ("mgmt1", "mgmt2", "lb")}


def admin_keys():
    with urllib.request.urlopen(f"{MGMT1}/admin.json", timeout=10) as resp:
        return json.load(resp)


def started(host):
    """The management service's main PID and the time it entered active (changes with each restart)."""
    return host.check_output("systemctl show -p MainPID -p ActiveEnterTimestampMonotonic cloudstack-management")


def probe_once():
    try:
        urllib.request.urlopen(LB_API, timeout=5)
        return "200"
    except urllib.error.HTTPError as err:
        return str(err.code)
    except OSError as err:
        return f"down {err}"


class Prober(threading.Thread):
    """Asks the API through HAProxy every 0.2 s until stopped (bounded: at most 15 minutes)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.answers, self.stop = [], threading.Event()

    def run(self):
        deadline = time.monotonic() + 900
        while not self.stop.is_set() and time.monotonic() < deadline:
            self.answers.append(probe_once())
            time.sleep(0.2)


def settled_states(lb, seconds=30):
    """HAProxy's states once its checks settled: just after the enable a server is "UP 1/3" (UP, with the check that
    failed while it restarted still counted) until its next checks pass (2 s apart)."""
    deadline = time.monotonic() + seconds
    while True:
        states = haproxy_states(lb)
        if set(states.values()) == {"UP"} or time.monotonic() > deadline:
            return states
        time.sleep(1)


def run_restart(keys, workdir, name):
    run = run_playbook("rolling_restart.yml", {
        "cloudstack_api_url": f"{MGMT1}/client/api", "cloudstack_api_key": keys["apikey"], "cloudstack_api_secret": keys["secretkey"],
        "admin_desk_settings": {SETTING: VALUE}, "admin_desk_restart_timeout": 120, "admin_desk_drain_timeout": 30}, workdir, name, timeout=900)
    assert run.rc == 0, run.out[-6000:]
    return run


def setting_value(keys):
    from cs import CloudStack  # the cs client of the project's venv

    api = CloudStack(endpoint=f"{MGMT1}/client/api", key=keys["apikey"], secret=keys["secretkey"])
    return next(c for c in api.listConfigurations(name=SETTING)["configuration"] if c["name"] == SETTING)


def test_rolling_restart_behind_haproxy(hosts, tmp_path_factory):
    keys = admin_keys()
    workdir = tmp_path_factory.mktemp("admin_desk")
    assert setting_value(keys)["isdynamic"] is False
    assert haproxy_states(hosts["lb"]) == {"mgmt1": "UP", "mgmt2": "UP"}
    before = {n: started(hosts[n]) for n in ("mgmt1", "mgmt2")}
    prober = Prober()
    prober.start()
    try:
        out = run_restart(keys, workdir, "rolling-restart")
    finally:
        prober.stop.set()
        prober.join()
    answers = prober.answers
    assert len(answers) > 20, answers
    assert set(answers) == {"401"}, [a for a in answers if a != "401"][:10]
    after = {n: started(hosts[n]) for n in ("mgmt1", "mgmt2")}
    assert after["mgmt1"] != before["mgmt1"] and after["mgmt2"] != before["mgmt2"], (before, after)
    assert "of which not dynamic (read at start): sync.interval; the management servers restart one at a time" in out.flat
    assert setting_value(admin_keys())["value"] == VALUE
    assert settled_states(hosts["lb"]) == {"mgmt1": "UP", "mgmt2": "UP"}

    # the same setting again: nothing changes, nothing restarts
    out = run_restart(admin_keys(), workdir, "rolling-restart-again")
    assert {n: started(hosts[n]) for n in ("mgmt1", "mgmt2")} == after
    assert nothing_changed(out, ("mgmt1", "mgmt2")), out.out[-3000:]
