"""ssh_key against the simulator (in process): register a public key (compared by fingerprint), create a pair
(private key returned once), owners, re-run/check/diff, replace, absent, bad input, faults."""
import base64
import hashlib

import pytest
from tenancy_helpers import check_create_rerun_absent, runner, until_ok


def openssh(kind, body, comment):
    def part(data):
        return len(data).to_bytes(4, "big") + data

    return "%s %s %s" % (kind, base64.b64encode(part(kind.encode()) + b"".join(part(x) for x in body)).decode(), comment)


KEY1 = openssh("ssh-rsa", [b"\x01\x00\x01", b"\x00" + bytes(range(1, 200))], "alice@example.com")
KEY2 = openssh("ssh-ed25519", [bytes(range(32))], "bob@example.com")


def fp(key):
    digest = hashlib.md5(base64.b64decode(key.split()[1])).hexdigest()  # noqa: S324
    return ":".join(digest[i:i + 2] for i in range(0, 32, 2))


@pytest.fixture
def run(sim):
    return runner(sim)


def keys(sim, **filters):
    return sim.ok("listSSHKeyPairs", listall="true", **filters).get("sshkeypair", [])


def test_the_same_key_under_another_name_is_renamed(run, sim):
    # as ngine_io: the key pair found by its public key is replaced by the one under the new name (CloudStack keeps one
    # key pair per public key and account, so registering it again would fail)
    assert run("ssh_key", name="alice", public_key=KEY1)["changed"]
    res = run("ssh_key", _check=True, name="alice-laptop", public_key=KEY1)
    assert res["changed"] and [k["name"] for k in keys(sim)] == ["alice"]
    res = run("ssh_key", _diff=True, name="alice-laptop", public_key=KEY1)
    assert res["changed"] and not res.failed and res["name"] == "alice-laptop", res.get("msg")
    assert res["diff"]["before"]["name"] == "alice" and res["diff"]["after"]["name"] == "alice-laptop"
    assert [(k["name"], k["fingerprint"]) for k in keys(sim)] == [("alice-laptop", fp(KEY1))]
    assert run("ssh_key", name="alice-laptop", public_key=KEY1)["changed"] is False


def test_register_lifecycle(run, sim):
    res = check_create_rerun_absent(run, "ssh_key", {"name": "alice", "public_key": KEY1}, lambda: len(keys(sim)),
                                    absent_args={"name": "alice"}, expect_after={"name": "alice", "public_key": fp(KEY1)})
    assert res["fingerprint"] == fp(KEY1) and "private_key" not in res


def test_replace_a_different_key_under_the_same_name(run, sim):
    run("ssh_key", name="alice", public_key=KEY1)
    res = run("ssh_key", _check=True, _diff=True, name="alice", public_key=KEY2)
    assert res["changed"] and keys(sim)[0]["fingerprint"] == fp(KEY1)
    assert res["diff"]["before"]["public_key"] == fp(KEY1) and res["diff"]["after"]["public_key"] == fp(KEY2)
    res = run("ssh_key", name="alice", public_key=KEY2)
    assert res["changed"] and [k["fingerprint"] for k in keys(sim)] == [fp(KEY2)]
    assert run("ssh_key", name="alice", public_key=KEY2 + "  ")["changed"] is False  # whitespace is no change


def test_created_pair_returns_the_private_key_once(run, sim):
    res = run("ssh_key", name="deploy")
    assert res["changed"] and res["private_key"].startswith("-----BEGIN") and res["fingerprint"] == keys(sim)[0]["fingerprint"]
    again = run("ssh_key", name="deploy")
    assert again["changed"] is False and "private_key" not in again


def test_owners(run, sim):
    dom = sim.ok("createDomain", name="customers")["domain"]
    sim.ok("createAccount", account="acme-ops", accounttype=0, username="acme-admin", password="pw", firstname="a", lastname="b",
           email="a@b.c", domainid=dom["id"])
    res = run("ssh_key", name="alice", public_key=KEY1, account="acme-ops", domain="customers")
    assert res["changed"] and keys(sim, account="acme-ops", domainid=dom["id"])[0]["name"] == "alice"
    # the same name for the caller (admin) is another key pair
    assert run("ssh_key", name="alice", public_key=KEY1)["changed"]
    assert len(keys(sim)) == 2
    assert run("ssh_key", name="alice", account="acme-ops", domain="customers", state="absent")["changed"]
    assert [k["account"] for k in keys(sim)] == ["admin"]


@pytest.mark.parametrize("args,message", [
    ({"public_key": "not a key"}, "public_key is not an OpenSSH public key"),
    ({"public_key": "ssh-rsa !!!notbase64"}, "public_key is not an OpenSSH public key"),
    ({"account": "nobody"}, "nobody"),
    ({"domain": "nowhere"}, "Domain 'nowhere' not found"),
    ({"state": "lost"}, "state"),
])
def test_bad_input(run, sim, args, message):
    res = run("ssh_key", name="alice", **args)
    assert res.failed and message in res["msg"], res["msg"]
    assert "Traceback" not in res["_stdout"] and keys(sim) == []


def test_faults_leave_no_duplicates(make_simserver):
    sim = make_simserver(faults="5xx=0.2,drop=0.2,seed=81")
    run = runner(sim)
    for i, key in enumerate((KEY1, KEY2)):
        until_ok(run, "ssh_key", name="k%d" % i, public_key=key)
    until_ok(run, "ssh_key", name="made")
    injected = dict(sim.sim.faults.injected)
    sim.sim.faults.set("")
    assert sorted(k["name"] for k in keys(sim)) == ["k0", "k1", "made"]
    assert injected.get("5xx") or injected.get("drop")
