"""What the day-2 tests of this scenario share: the molecule inventory, a playbook run from the controller with extra
vars in a file (deleted after the run, as it may hold secrets), and the API's answer on a host."""
import collections
import json
import os
import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[3]
# extra vars whose values must not appear in a playbook's output
SECRETS = ("cloudstack_api_secret", "add_hosts_password")

Run = collections.namedtuple("Run", "rc out flat changed")
Run.__doc__ = """rc; out: stdout and stderr without colours; flat: out on one line (the output callback may wrap long
messages); changed: {host: changed} from the recap."""


def inventory():
    if os.environ.get("MOLECULE_INVENTORY_FILE"):
        return os.environ["MOLECULE_INVENTORY_FILE"]
    return str(pathlib.Path(os.environ["MOLECULE_EPHEMERAL_DIRECTORY"]) / "inventory")


def run_playbook(name, extra, workdir, tag, *args, timeout=1200):
    """ansible-playbook playbooks/<name> on the molecule inventory with `extra` as an extra vars file; the output is
    kept in <workdir>/<tag>.log. The secrets among `extra` must not appear in it."""
    vars_file = pathlib.Path(workdir) / f"{tag}-vars.json"
    vars_file.write_text(json.dumps(extra))
    vars_file.chmod(0o600)
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=str(ROOT / "collections"), ANSIBLE_ROLES_PATH=str(ROOT / "roles"),
               ANSIBLE_HOST_KEY_CHECKING="False", ANSIBLE_NOCOLOR="1", ANSIBLE_FORCE_COLOR="0",  # molecule forces colour
               ANSIBLE_CALLBACK_RESULT_FORMAT="json")
    try:
        run = subprocess.run(["ansible-playbook", "-i", inventory(), str(ROOT / "playbooks" / name), "-e", f"@{vars_file}", *args],
                             cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    finally:
        vars_file.unlink()
    out = re.sub(r"\x1b\[[0-9;]*m", "", run.stdout + run.stderr)
    (pathlib.Path(workdir) / f"{tag}.log").write_text(out)
    for key in SECRETS:
        if extra.get(key):
            assert str(extra[key]) not in out, f"{key} in the output of {name}"
    changed = {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\S+)\s*:\s*ok=\d+\s+changed=(\d+)", out, re.M)}
    return Run(run.returncode, out, " ".join(out.split()), changed)


def nothing_changed(run, hosts):
    """Every host of the recap changed nothing, and the hosts named are in it (an empty recap does not pass)."""
    assert set(hosts) <= set(run.changed), run.out[-3000:]
    return all(v == 0 for v in run.changed.values())


def api_code(h, address):
    """The HTTP status of <address>:8080/client/api without credentials, asked on host h (401: the API answers)."""
    probe = ("import urllib.request as u,urllib.error as e\ntry: u.urlopen('http://%s:8080/client/api')\n"
             "except e.HTTPError as x: print(x.code)\nexcept OSError as x: print('down', x)")
    return h.check_output("python3 -c %s", probe % address)


def haproxy_states(lb):
    """The status of mgmt1 and mgmt2 in HAProxy's API backend (the agent and https ones are DOWN on the stand-in: no
    listener on 8250 / 8443), from its admin socket."""
    script = ("import socket\ns = socket.socket(socket.AF_UNIX)\ns.connect('/run/haproxy/admin.sock')\n"
              "s.sendall(b'show stat\\n')\nprint(b''.join(iter(lambda: s.recv(65536), b'')).decode())")
    rows = [line.split(",") for line in lb.check_output("python3 -c %s", script).splitlines() if line and not line.startswith("#")]
    return {r[1]: r[17] for r in rows if r[0] == "cloudstack_http" and r[1] in ("mgmt1", "mgmt2")}
