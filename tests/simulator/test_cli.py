"""`python -m cloudstack_simulator` as a real process, driven by the `cs` command-line client from PyPI:
options, --ready-file, --state across restarts (also after SIGKILL), --datacenter sandbox, bad options, and
that the simulator needs nothing but Python's standard library."""
import ast
import json
import os
import pathlib
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SIM_DIR = ROOT / "simulator"
PKG = SIM_DIR / "cloudstack_simulator"
CS = pathlib.Path(sys.executable).parent / "cs"
SANDBOX_ZONES = {"Sandbox-simulator-basic", "Sandbox-simulator-advanced"}


class Proc:
    def __init__(self, proc, ready):
        self.proc, self.ready = proc, ready
        self.url = f"http://{ready['host']}:{ready['port']}"

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            os.kill(self.proc.pid, sig)
        return self.proc.wait(timeout=20)


@pytest.fixture
def start(tmp_path):
    started = []

    def run(*args, python=None, python_flags=(), timeout=60):
        ready = tmp_path / f"ready-{len(started)}.json"
        env = dict(os.environ, PYTHONPATH=str(SIM_DIR))
        cmd = [python or sys.executable, *python_flags, "-m", "cloudstack_simulator", "--port", "0", "--ready-file", str(ready),
               "--job-seconds", "0.1", *args]
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + timeout
        while not ready.exists():
            if proc.poll() is not None:
                raise AssertionError(f"simulator exited {proc.returncode}: {proc.stderr.read()}")
            if time.time() > deadline:
                os.kill(proc.pid, signal.SIGKILL)
                raise AssertionError("simulator did not become ready")
            time.sleep(0.05)
        p = Proc(proc, json.loads(ready.read_text()))
        started.append(p)
        return p

    yield run
    for p in started:
        if p.proc.poll() is None:
            os.kill(p.proc.pid, signal.SIGKILL)
            p.proc.wait(timeout=20)
        for stream in (p.proc.stdout, p.proc.stderr):
            stream.close()


def cs(proc, *args, home=None):
    """The cs CLI with CLOUDSTACK_ENDPOINT/KEY/SECRET pointing at a simulator process; returns parsed JSON output."""
    env = dict(os.environ, CLOUDSTACK_ENDPOINT=proc.ready["endpoint"], CLOUDSTACK_KEY=proc.ready["apikey"],
               CLOUDSTACK_SECRET=proc.ready["secretkey"], CLOUDSTACK_POLL_INTERVAL="0.1", HOME=str(home or "/nonexistent"))
    out = subprocess.run([str(CS), *args], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, (args, out.returncode, out.stdout, out.stderr)
    return json.loads(out.stdout)


def cs_fails(proc, *args):
    env = dict(os.environ, CLOUDSTACK_ENDPOINT=proc.ready["endpoint"], CLOUDSTACK_KEY=proc.ready["apikey"],
               CLOUDSTACK_SECRET=proc.ready["secretkey"], HOME="/nonexistent")
    out = subprocess.run([str(CS), *args], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode != 0
    return out.stdout + out.stderr


def test_process_serves_the_api_to_the_cs_cli_and_stops_on_sigterm(start):
    p = start()
    assert set(p.ready) >= {"host", "port", "endpoint", "apikey", "secretkey", "pid"} and p.ready["pid"] == p.proc.pid
    with urllib.request.urlopen(p.url + "/_sim/health", timeout=10) as resp:
        assert json.loads(resp.read())["status"] == "ok"
    with urllib.request.urlopen(p.url + "/admin.json", timeout=10) as resp:
        assert json.loads(resp.read()) == {"apikey": p.ready["apikey"], "secretkey": p.ready["secretkey"]}
    out = cs(p, "listDomains", "name=ROOT")
    assert out["count"] == 1 and out["domain"][0]["name"] == "ROOT"
    assert p.stop() == 0


def test_cs_cli_post_special_characters_and_async(start):
    p = start()
    name = "cli & co * + é"  # no "~": cs encodes it unlike Java, see test_clients.py
    made = cs(p, "--post", "createDomain", f"name={name}")
    assert made["domain"]["name"] == name
    assert [d["name"] for d in cs(p, "listDomains", f"name={name}")["domain"]] == [name]
    # an async command: the CLI polls queryAsyncJobResult until the job is done
    done = cs(p, "createProject", "name=cli-project", "displaytext=made by the cs CLI")
    assert done["project"]["name"] == "cli-project"
    err = cs_fails(p, "createDomain")
    assert "431" in err and "missing parameter name" in err


def test_state_survives_sigterm_and_sigkill(start, tmp_path):
    state = tmp_path / "state.db"
    a = start("--state", str(state))
    dom = cs(a, "createDomain", "name=persisted")["domain"]
    assert a.stop() == 0
    b = start("--state", str(state))
    assert b.ready["apikey"] == a.ready["apikey"] and b.ready["secretkey"] == a.ready["secretkey"]
    assert cs(b, "listDomains", f"id={dom['id']}")["domain"][0]["name"] == "persisted"
    cs(b, "createDomain", "name=after-sigterm")
    b.stop(signal.SIGKILL)  # no clean shutdown: every reply was already on disk
    c = start("--state", str(state))
    names = {d["name"] for d in cs(c, "listDomains")["domain"]}
    assert {"persisted", "after-sigterm"} <= names


def test_datacenter_sandbox_zones_listed_by_cs_cli(start):
    if not (PKG / "datacenter.py").exists():
        pytest.skip("simulator/cloudstack_simulator/datacenter.py (the --datacenter loader) is not there yet")
    p = start("--datacenter", "sandbox")
    zones = cs(p, "listZones")
    assert zones["count"] == 2
    assert {z["name"] for z in zones["zone"]} == SANDBOX_ZONES
    assert {z["networktype"] for z in zones["zone"]} == {"Basic", "Advanced"}


def test_datacenter_is_not_reloaded_into_an_existing_state(start, tmp_path):
    if not (PKG / "datacenter.py").exists():
        pytest.skip("simulator/cloudstack_simulator/datacenter.py (the --datacenter loader) is not there yet")
    state = tmp_path / "dc.db"
    a = start("--datacenter", "sandbox", "--state", str(state))
    assert a.stop() == 0
    b = start("--datacenter", "sandbox", "--state", str(state))
    assert {z["name"] for z in cs(b, "listZones")["zone"]} == SANDBOX_ZONES  # still two, not four
    assert b.stop() == 0
    assert "was not loaded" in b.proc.stderr.read()


@pytest.mark.parametrize("args,words", [
    (["--faults", "bogus=1"], ["--faults", "bogus"]),
    (["--faults", "5xx=3"], ["5xx", "between 0 and 1"]),
    (["--job-seconds", "-1"], ["--job-seconds", "-1"]),
    (["--port", "70000"], ["--port", "70000"]),
    (["--state", "/nonexistent-dir/x.db"], ["--state", "/nonexistent-dir"]),
    (["--datacenter", "/nonexistent/dc.json"], ["--datacenter", "/nonexistent/dc.json"]),
    (["--plugin", "saml9"], ["--plugin", "saml9", "oauth2"]),
])
def test_bad_options_exit_2_naming_the_option(args, words, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(SIM_DIR))
    out = subprocess.run([sys.executable, "-m", "cloudstack_simulator", "--port", "0", *args], env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 2, (out.stdout, out.stderr)
    for word in words:
        assert word in out.stderr


def test_help_lists_every_option():
    env = dict(os.environ, PYTHONPATH=str(SIM_DIR))
    out = subprocess.run([sys.executable, "-m", "cloudstack_simulator", "--help"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    for option in ("--host", "--port", "--datacenter", "--state", "--job-seconds", "--faults", "--ready-file", "--verbose"):
        assert option in out.stdout


def test_runs_on_the_standard_library_alone(start):
    """python3 -S: no site-packages at all, as in the install-role test containers."""
    p = start(python="/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable, python_flags=("-S",))
    assert cs(p, "listDomains", "name=ROOT")["count"] == 1
    assert p.stop() == 0


def test_every_import_is_stdlib_or_the_package_itself():
    stdlib = set(sys.stdlib_module_names)
    offenders = []
    for path in sorted(PKG.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module]
            else:
                continue
            for name in names:
                if name.split(".")[0] not in stdlib and name.split(".")[0] != "cloudstack_simulator":
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert not offenders, offenders


def test_readme_coverage_claims_only_implemented_commands():
    sys.path.insert(0, str(SIM_DIR))
    from cloudstack_simulator import coverage

    implemented = {n for names in coverage.implemented().values() for n in names}
    claimed = coverage.claimed((SIM_DIR / "README.md").read_text(encoding="utf-8"))
    assert claimed, "simulator/README.md has no generated coverage section"
    assert claimed <= implemented, f"README claims commands without a handler: {sorted(claimed - implemented)}"


def test_coverage_tool_runs():
    env = dict(os.environ, PYTHONPATH=str(SIM_DIR))
    out = subprocess.run([sys.executable, "-m", "cloudstack_simulator.coverage", "--missing"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    missing = out.stdout.split()
    assert "listUcsManagers" in missing and "listDomains" not in missing and "login" not in missing


def test_cs_cli_drives_the_extras_families(start):
    """A client that is not ours (the cs CLI, with its own signing, paging and job polling) on the families of the
    extras issue: autoscale counters and conditions, user data, regions, role permissions, and a 4.19 plugin's
    command that a 4.18 cloud does not know."""
    p = start()
    counters = cs(p, "listCounters")["counter"]
    cpu = next(c for c in counters if c["source"].lower() == "cpu")
    cond = cs(p, "createCondition", f"counterid={cpu['id']}", "relationaloperator=GT", "threshold=80")["condition"]
    assert cond["relationaloperator"] == "GT" and int(cond["threshold"]) == 80  # async: the CLI polled the job
    ud = cs(p, "--post", "registerUserData", "name=cli-ud", "userdata=I2Nsb3VkLWNvbmZpZwo=")["userdata"]
    assert [u["name"] for u in cs(p, "listUserData", f"id={ud['id']}")["userdata"]] == ["cli-ud"]
    cs(p, "addRegion", "id=2", "name=cli-region", "endpoint=http://region2.example/client/")
    assert {r["name"] for r in cs(p, "listRegions")["region"]} >= {"cli-region"}
    role = cs(p, "createRole", "name=cli-role", "type=User")["role"]
    cs(p, "createRolePermission", f"roleid={role['id']}", "rule=list*", "permission=allow")
    assert [r["rule"] for r in cs(p, "listRolePermissions", f"roleid={role['id']}")["rolepermission"]] == ["list*"]
    err = cs_fails(p, "listOauthProvider")  # a command this cloud does not know: 4.18's signed-call answer
    assert "401" in err and "unable to verify user credentials and/or request signature" in err
