"""H1 on the load balancer (the seeds' "TCP 8080 on each MS and the VIP"): playbooks/healthcheck.yml limited to lb and
the controller, against mgmt1's API (the stand-in's keys from its /admin.json).

Healthy: no H1 finding on lb. mgmt2 stopped: a warning naming it DOWN in HAProxy's API backend. haproxy stopped: critical.
What was stopped is started again, whatever the outcome, and waited for until HAProxy shows both servers UP."""
import json
import time
import urllib.request

import pytest
import testinfra
from ops_helpers import haproxy_states, inventory, run_playbook

MGMT1 = "http://10.89.0.21:8080"


@pytest.fixture(scope="module")
def hosts():
    inv = inventory()
    return {n: testinfra.get_host(f"ansible://{n}", ansible_inventory=inv) for n in ("mgmt2", "lb")}


def healthcheck(workdir, tag):
    with urllib.request.urlopen(f"{MGMT1}/admin.json", timeout=10) as resp:
        keys = json.load(resp)
    report = workdir / tag
    run = run_playbook("healthcheck.yml", {"cloudstack_api_url": f"{MGMT1}/client/api", "cloudstack_api_key": keys["apikey"],
                                           "cloudstack_api_secret": keys["secretkey"], "healthcheck_fail_on": "never",
                                           "healthcheck_report_dir": str(report)}, workdir, tag, "--limit", "lb,localhost", timeout=600)
    assert run.rc == 0, run.out[-4000:]
    findings = json.loads((report / "report.json").read_text())["findings"]
    return sorted((f["severity"], f["evidence"]) for f in findings if f["id"] == "H1" and f["target"].split()[0] == "lb")


def wait_states(lb, wanted, seconds=60):
    deadline = time.monotonic() + seconds
    while haproxy_states(lb) != wanted and time.monotonic() < deadline:
        time.sleep(1)
    return haproxy_states(lb)


def test_h1_sees_haproxy_and_the_servers_behind_it(hosts, tmp_path):
    lb, mgmt2 = hosts["lb"], hosts["mgmt2"]
    assert wait_states(lb, {"mgmt1": "UP", "mgmt2": "UP"}) == {"mgmt1": "UP", "mgmt2": "UP"}
    assert healthcheck(tmp_path, "healthy") == []
    try:
        mgmt2.check_output("systemctl stop cloudstack-management")
        assert wait_states(lb, {"mgmt1": "UP", "mgmt2": "DOWN"})["mgmt2"] == "DOWN"
        assert healthcheck(tmp_path, "mgmt2-stopped") == [("warning", "HAProxy's cloudstack_http: mgmt2 DOWN (UP: mgmt1)")]
    finally:
        mgmt2.run("systemctl start cloudstack-management")
    assert wait_states(lb, {"mgmt1": "UP", "mgmt2": "UP"}, 120) == {"mgmt1": "UP", "mgmt2": "UP"}
    try:
        lb.check_output("systemctl stop haproxy")
        got = healthcheck(tmp_path, "haproxy-stopped")
        assert ("critical", "haproxy not active (haproxy loaded/inactive)") in got, got
        assert ("critical", "nothing listens on TCP 8080 (the API's load balancer)") in got, got
    finally:
        lb.run("systemctl start haproxy")
    assert wait_states(lb, {"mgmt1": "UP", "mgmt2": "UP"}, 120) == {"mgmt1": "UP", "mgmt2": "UP"}
