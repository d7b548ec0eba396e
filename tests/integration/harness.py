"""Run a module of the collection against a simulator.

- in process (run_module): set the module's args the way AnsibleModule reads them, call main(),
  read the JSON it prints and the exit code; the whole AnsibleModule path runs (argument spec,
  no_log masking, exit_json/fail_json), only the process start and AnsiballZ are skipped;
- through ansible-playbook (run_playbook): the end-to-end contract (action group, check mode, --diff).
"""
import contextlib
import importlib
import io
import json
import os
import pathlib
import subprocess
import sys
import tempfile

from ansible.module_utils import _internal as ansible_internal
from ansible.module_utils import basic
from ansible.module_utils.common import warnings as ansible_warnings

ROOT = pathlib.Path(__file__).resolve().parents[2]
PACKAGE = "ansible_collections.csops.cloudstack.plugins.modules."


class ModuleResult(dict):
    """The module's JSON result, plus .rc (0 exit_json, 1 fail_json)."""

    rc = 0

    @property
    def failed(self):
        return bool(self.get("failed")) or self.rc != 0


def connection(sim, **extra):
    args = {"api_url": sim.endpoint, "api_key": sim.key, "api_secret": sim.secret, "api_timeout": 5}
    args.update(extra)
    return args


def run_module(name, args, check=False, diff=False, verbosity=0):
    """Run plugins/modules/<name>.py in this process; returns a ModuleResult."""
    mod = importlib.import_module(PACKAGE + name)
    return run_main(mod.main, args, check=check, diff=diff, verbosity=verbosity, name=name)


def run_main(main, args, check=False, diff=False, verbosity=0, name="module"):
    """Run a module's main() (any callable that builds an AnsibleModule) with these args."""
    full = dict(args)
    full.update(_ansible_check_mode=check, _ansible_diff=diff, _ansible_verbosity=verbosity, _ansible_no_log=False)
    basic._ANSIBLE_ARGS = json.dumps({"ANSIBLE_MODULE_ARGS": full}).encode()
    basic._ANSIBLE_PROFILE = "legacy"
    ansible_warnings._global_warnings.clear()
    ansible_warnings._global_deprecations.clear()
    # a test that loaded ansible's controller in this process (a plugin) makes warn() print instead of
    # returning the warnings with the result: run the module as a module
    was_controller = ansible_internal.is_controller
    ansible_internal.is_controller = False
    out = io.StringIO()
    rc = 0
    try:
        with contextlib.redirect_stdout(out):
            main()
    except SystemExit as exc:
        rc = exc.code or 0
    finally:
        basic._ANSIBLE_ARGS = None
        ansible_internal.is_controller = was_controller
    text = out.getvalue().strip()
    try:
        result = ModuleResult(json.loads(text))
    except ValueError:
        raise AssertionError("module %s printed no JSON result: %r" % (name, text[:2000])) from None
    result.rc = rc
    result["_stdout"] = text
    # ansible-core 2.19 returns warnings as structured summaries: keep their text
    result["warnings"] = [w.get("event", {}).get("msg", str(w)) if isinstance(w, dict) else w for w in result.get("warnings", [])]
    return result


def run_playbook(playbook_text, extra_args=(), env=None, timeout=300):
    """ansible-playbook on a playbook given as text; returns CompletedProcess (stdout + stderr as text)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "play.yml"
        path.write_text(playbook_text)
        cmd = [str(pathlib.Path(sys.executable).parent / "ansible-playbook"), "-i", "localhost,", "-c", "local", str(path), *extra_args]
        e = dict(os.environ)
        e.update(
            ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"),
            ANSIBLE_COLLECTIONS_PATH=str(ROOT / "collections"),
            ANSIBLE_PYTHON_INTERPRETER=sys.executable,
            ANSIBLE_STDOUT_CALLBACK="ansible.builtin.default",
            ANSIBLE_NOCOLOR="1",
            ANSIBLE_FORCE_COLOR="0",  # a caller's ANSIBLE_FORCE_COLOR=1 would win over NOCOLOR
            ANSIBLE_RETRY_FILES_ENABLED="0",
            ANSIBLE_LOCAL_TEMP=tmp,
        )
        e.update(env or {})
        return subprocess.run(cmd, capture_output=True, text=True, env=e, timeout=timeout, cwd=tmp)
