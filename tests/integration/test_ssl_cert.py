"""ssl_cert against the simulator (in process): upload, re-run, check mode, --diff (no private key in any output),
another certificate under the same name (delete + upload), absent, in use by a rule, bad input, faults."""
import base64
import json

import pytest
from guest_helpers import Dc, sandbox


def pem(kind, data):
    return "-----BEGIN %s-----\n%s\n-----END %s-----\n" % (kind, base64.b64encode(data).decode(), kind)


CERT, CERT2 = pem("CERTIFICATE", b"\x30\x82" + bytes(range(120))), pem("CERTIFICATE", b"\x30\x82" + bytes(range(7, 140)))
CHAIN = pem("CERTIFICATE", b"\x30\x82chain" + bytes(range(60)))
KEY = pem("PRIVATE KEY", b"very secret key bytes" * 3)
KEY_TEXT = KEY.splitlines()[1]


@pytest.fixture
def sim(make_simserver):
    return sandbox(make_simserver)


def certs(sim):
    acc = sim.ok("listAccounts")["account"][0]
    return sim.ok("listSslCerts", accountid=acc["id"]).get("sslcert", [])


def test_upload_rerun_check_diff_replace_absent(module, sim):
    args = dict(name="www", certificate=CERT, private_key=KEY, password="pw-secret")
    res = module("ssl_cert", _check=True, _diff=True, **args)
    assert res["changed"] and certs(sim) == [] and res["diff"]["before"] == {"state": "absent"}
    res = module("ssl_cert", _diff=True, **args)
    (cert,) = certs(sim)
    assert res["changed"] and res["id"] == cert["id"] and res["fingerprint"] == cert["fingerprint"] and res["load_balancer_rules"] == []
    assert KEY_TEXT not in json.dumps(res) and "pw-secret" not in json.dumps(res)
    assert module("ssl_cert", **args)["changed"] is False
    assert module("ssl_cert", **dict(args, certificate=CERT.replace("\n", "\n\n")))["changed"] is False  # the same PEM
    res = module("ssl_cert", _diff=True, **dict(args, certificate_chain=CHAIN))  # a chain: uploaded again
    assert res["changed"] and res["certificate_chain"].startswith("-----BEGIN CERTIFICATE-----") and certs(sim)[0]["id"] != cert["id"]
    res = module("ssl_cert", _check=True, **dict(args, certificate=CERT2, certificate_chain=CHAIN))
    assert res["changed"] and certs(sim)[0]["fingerprint"] == cert["fingerprint"]
    res = module("ssl_cert", **dict(args, certificate=CERT2, certificate_chain=CHAIN))
    assert res["changed"] and certs(sim)[0]["fingerprint"] != cert["fingerprint"] and len(certs(sim)) == 1
    res = module("ssl_cert", _check=True, name="www", state="absent")
    assert res["changed"] and len(certs(sim)) == 1
    assert module("ssl_cert", name="www", state="absent")["changed"] and certs(sim) == []
    assert module("ssl_cert", name="www", state="absent")["changed"] is False


def test_bad_input(module, sim):
    res = module("ssl_cert", name="www", certificate=CERT)
    assert res.failed and res["msg"] == "missing required arguments: private_key"
    res = module("ssl_cert", name="www", certificate="not a certificate", private_key=KEY)
    assert res.failed and "uploadSslCert" in res["msg"] and "Invalid certificate" in res["msg"] and KEY_TEXT not in json.dumps(res)
    res = module("ssl_cert", name="www", certificate=CERT, private_key=KEY, account="ghost", domain="ROOT")
    assert res.failed and res["msg"] == "Account 'ghost' not found"
    assert certs(sim) == []


def test_in_use_by_a_rule(module, sim):
    dc = Dc(sim)
    net = dc.network("app-net")
    ip = dc.public_ip(net)
    module("ssl_cert", name="www", certificate=CERT, private_key=KEY)
    rule = sim.wait(sim.ok("createLoadBalancerRule", publicipid=ip["id"], name="r", algorithm="source", publicport=443, privateport=443))
    cert = certs(sim)[0]
    sim.sim.store.get("loadbalancer", rule["jobresult"]["loadbalancer"]["id"])["_certid"] = cert["id"]  # the virtual router cannot terminate SSL
    res = module("ssl_cert", name="www", state="absent")
    assert res.failed and "deleteSslCert" in res["msg"] and "Certificate in use by a loadbalancer(s)" in res["msg"] and len(certs(sim)) == 1


def test_faults_leave_no_duplicates(module, sim):
    sim.sim.faults.set("5xx=0.2,drop=0.2,seed=3")
    for i in range(5):
        module("ssl_cert", name="c%d" % i, certificate=CERT, private_key=KEY)
    injected = sum(sim.sim.faults.injected.values())
    sim.sim.faults.set("")
    assert injected > 0
    for i in range(5):
        assert not module("ssl_cert", name="c%d" % i, certificate=CERT, private_key=KEY).failed
    assert sorted(c["name"] for c in certs(sim)) == ["c%d" % i for i in range(5)]
