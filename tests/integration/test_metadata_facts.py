"""metadata_facts against a local metadata service: the virtual router's endpoints (/latest/meta-data/<item>,
/latest/user-data) served on loopback by the test (started and stopped here, bounded by the module's own timeout);
all facts, one fact, user data that is not YAML, a service that answers nothing, the router from a DHCP lease; and
parity with ngine_io's cs_facts (2.5.0) against the same service."""
import http.server
import importlib
import threading

import pytest
from ansible_collections.csops.cloudstack.plugins.module_utils import metadata
from harness import run_main, run_module, run_playbook
from parity.runner import compare

META = {
    "service-offering": "Small Instance",
    "availability-zone": "Sandbox-simulator-advanced",
    "public-hostname": "192.0.2.10",
    "public-ipv4": "192.0.2.10",
    "local-hostname": "web-01",
    "local-ipv4": "10.1.1.23",
    "instance-id": "ab4e80b0-3e7e-4936-bdc5-e334ba5b0139",
}
CLOUD_CONFIG = "#cloud-config\npackages:\n  - tmux\nhostname: web-01\n"
FACTS = {
    "cloudstack_service_offering": "Small Instance",
    "cloudstack_availability_zone": "Sandbox-simulator-advanced",
    "cloudstack_public_hostname": "192.0.2.10",
    "cloudstack_public_ipv4": "192.0.2.10",
    "cloudstack_local_hostname": "web-01",
    "cloudstack_local_ipv4": "10.1.1.23",
    "cloudstack_instance_id": "ab4e80b0-3e7e-4936-bdc5-e334ba5b0139",
    "cloudstack_user_data": {"packages": ["tmux"], "hostname": "web-01"},
}


class Router(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        self.pages = {"/latest/meta-data/" + k: v for k, v in META.items()}
        self.pages["/latest/user-data"] = CLOUD_CONFIG
        self.requests = []
        super().__init__(("127.0.0.1", 0), Handler)


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server's name
        self.server.requests.append(self.path)
        body = self.server.pages.get(self.path)
        self.send_response(200 if body is not None else 404)
        self.end_headers()
        if body is not None:
            self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def router():
    server = Router()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    server.host = "127.0.0.1:%d" % server.server_address[1]
    yield server
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def test_all_facts(router):
    res = run_module("metadata_facts", {"meta_data_host": router.host})
    assert not res.failed and res["changed"] is False, res.get("msg")
    assert res["ansible_facts"] == FACTS
    assert sorted(router.requests) == sorted(["/latest/meta-data/" + k for k in META] + ["/latest/user-data"])
    # check mode reads the same
    assert run_module("metadata_facts", {"meta_data_host": router.host}, check=True)["ansible_facts"] == FACTS


@pytest.mark.parametrize("fact", sorted(FACTS))
def test_one_fact(router, fact):
    res = run_module("metadata_facts", {"meta_data_host": router.host, "filter": fact})
    assert res["ansible_facts"] == {fact: FACTS[fact]}
    assert len(router.requests) == 1


def test_user_data_that_is_not_yaml_and_items_not_served(router):
    router.pages["/latest/user-data"] = "key: [unclosed\n"
    del router.pages["/latest/meta-data/public-hostname"]
    facts = run_module("metadata_facts", {"meta_data_host": router.host})["ansible_facts"]
    assert facts["cloudstack_user_data"] is None and facts["cloudstack_public_hostname"] is None
    assert facts["cloudstack_instance_id"] == META["instance-id"]


def test_bad_filter_and_no_service():
    res = run_module("metadata_facts", {"meta_data_host": "127.0.0.1:9", "filter": "cloudstack_password"})
    assert res.failed and "filter" in res["msg"] and "cloudstack_password" in res["msg"]
    # nothing listens on the discard port: every fact is null, no failure (as ngine_io)
    res = run_module("metadata_facts", {"meta_data_host": "127.0.0.1:9", "filter": "cloudstack_instance_id"})
    assert not res.failed and res["ansible_facts"] == {"cloudstack_instance_id": None}


class FakeModule:
    def fail_json(self, msg):
        raise AssertionError(msg)


def test_the_router_is_the_dhcp_server_of_the_lease(tmp_path):
    lease = tmp_path / "var/lib/dhcp/dhclient.eth0.leases"
    lease.parent.mkdir(parents=True)
    lease.write_text("lease {\n  interface \"eth0\";\n  option dhcp-server-identifier 10.1.1.1;\n}\n"
                     "lease {\n  interface \"eth0\";\n  option dhcp-server-identifier 10.1.1.254;\n}\n")
    assert metadata.dhcp_server(FakeModule(), "eth0", root=str(tmp_path)) == "10.1.1.254"
    networkd = tmp_path / "run/systemd/netif/leases/2"
    networkd.parent.mkdir(parents=True)
    networkd.write_text("# This is private data. Do not parse.\nADDRESS=10.1.2.5\nSERVER_ADDRESS=10.1.2.1\n")
    (tmp_path / "sys/class/net/ens3").mkdir(parents=True)
    (tmp_path / "sys/class/net/ens3/ifindex").write_text("2\n")
    assert metadata.dhcp_server(FakeModule(), "ens3", root=str(tmp_path)) == "10.1.2.1"
    with pytest.raises(AssertionError, match="Could not find dhclient leases file."):
        metadata.dhcp_server(FakeModule(), "eth9", root=str(tmp_path))


MISSING_ITEM = ("deliberate: an item the service answers with 404 is null in ours; ngine_io returns the body it reads "
                "after fetch_url has read it already (an empty string)")


@pytest.mark.parametrize("args,differs", [
    ({}, {}),
    ({"filter": "cloudstack_user_data"}, {}),
    ({"filter": "cloudstack_local_ipv4"}, {}),
    ({"filter": "cloudstack_public_hostname", "_missing": True}, {"ansible_facts": MISSING_ITEM}),
])
def test_parity_with_cs_facts(router, args, differs):
    args = dict(args)
    if args.pop("_missing", False):
        del router.pages["/latest/meta-data/public-hostname"]
    theirs_mod = importlib.import_module("ansible_collections.ngine_io.cloudstack.plugins.modules.cs_facts")
    theirs = run_main(theirs_mod.main, dict(args, meta_data_host=router.host), name="cs_facts")
    ours = run_module("metadata_facts", dict(args, meta_data_host=router.host))
    assert not theirs.failed and not ours.failed
    used = set()
    assert compare(theirs, ours, differs, used) == []
    assert set(differs) == used  # a reason that explains nothing is stale


def test_playbook_sets_the_facts(router):
    play = """
- hosts: localhost
  gather_facts: false
  tasks:
    - csops.cloudstack.metadata_facts:
        meta_data_host: "%s"
    - ansible.builtin.assert:
        that:
          - cloudstack_instance_id == "%s"
          - cloudstack_user_data.packages == ["tmux"]
""" % (router.host, META["instance-id"])
    r = run_playbook(play, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "ok=2" in r.stdout
