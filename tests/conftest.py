"""Shared fixtures: an in-process simulator served over real HTTP on a free loopback port."""
import base64
import hashlib
import hmac
import json
import pathlib
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
# the collection imports itself as ansible_collections.csops.cloudstack (through the link in collections/)
sys.path.insert(0, str(ROOT / "collections"))
sys.path.insert(0, str(ROOT / "simulator"))

from cloudstack_simulator.app import Simulator  # noqa: E402
from cloudstack_simulator.identity_keys import ensure_user_keys  # noqa: E402
from cloudstack_simulator.server import make_server  # noqa: E402


def independent_sign(params, secret):
    """Signing written from CloudStack's docs, independently of the simulator's and of our client's code."""
    parts = []
    for key in sorted(params, key=str.lower):
        parts.append(key.lower() + "=" + urllib.parse.quote(str(params[key]), safe="*").replace("~", "%7E"))
    digest = hmac.new(secret.encode(), "&".join(parts).lower().encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


class SimServer:
    """A running simulator: .sim (the in-process object), .endpoint, .key, .secret, .call(), .cs()."""

    def __init__(self, **kwargs):
        self.sim = Simulator(**kwargs)
        self.httpd = make_server(self.sim, "127.0.0.1", 0)
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.endpoint = self.url + "/client/api"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        with self.sim.lock:
            keys = ensure_user_keys(self.sim, self.sim.admin_caller()["user"])
            self.sim.store.commit()
        self.key, self.secret = keys["apikey"], keys["secretkey"]

    def call(self, command, method="GET", key=None, secret=None, **params):
        """One signed call; returns (http_status, parsed JSON body)."""
        p = {"command": command, "response": "json", "apikey": key or self.key, **{k: str(v) for k, v in params.items()}}
        p["signature"] = independent_sign(p, secret or self.secret)
        data = urllib.parse.urlencode(p, quote_via=urllib.parse.quote)
        if method == "GET":
            req = urllib.request.Request(self.endpoint + "?" + data)
        else:
            req = urllib.request.Request(self.endpoint, data=data.encode(), headers={"Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as err:
            return err.code, json.loads(err.read() or b"{}")

    def ok(self, command, **params):
        """A call that must succeed: returns the body under the wrapper."""
        status, body = self.call(command, **params)
        assert status == 200, (command, status, body)
        (inner,) = body.values()
        return inner

    def wait(self, reply, timeout=30):
        """Poll queryAsyncJobResult for an async reply until done; returns the final job."""
        import time

        deadline = time.time() + timeout
        while time.time() < deadline:
            job = self.ok("queryAsyncJobResult", jobid=reply["jobid"])
            if job["jobstatus"] != 0:
                return job
            time.sleep(0.02)
        raise AssertionError(f"job {reply['jobid']} did not finish in {timeout}s")

    def cs(self, **kwargs):
        """The third-party `cs` client (PyPI) pointed at this simulator."""
        from cs import CloudStack

        return CloudStack(endpoint=self.endpoint, key=self.key, secret=self.secret, **kwargs)

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.sim.close()


@pytest.fixture
def simserver():
    """A fresh simulator (fresh CloudStack state, no data center), jobs of 0.05 s."""
    s = SimServer(job_seconds=0.05)
    yield s
    s.stop()


@pytest.fixture
def make_simserver():
    """A factory: make_simserver(datacenter="sandbox", state=path, job_seconds=..., faults=...)."""
    made = []

    def make(**kwargs):
        kwargs.setdefault("job_seconds", 0.05)
        s = SimServer(**kwargs)
        made.append(s)
        return s

    yield make
    for s in made:
        s.stop()
