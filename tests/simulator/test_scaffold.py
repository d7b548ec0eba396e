"""python -m cloudstack_simulator.scaffold: the family it writes (into a copy of the simulator) imports, registers its
handlers, passes ruff and passes its own generated test; bad requests fail naming the value."""
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
RUFF = pathlib.Path(sys.executable).with_name("ruff")


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """A copy of the simulator package and of tests/conftest.py, to scaffold into."""
    base = tmp_path_factory.mktemp("scaffold")
    shutil.copytree(ROOT / "simulator" / "cloudstack_simulator", base / "simulator" / "cloudstack_simulator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (base / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "conftest.py", base / "tests" / "conftest.py")
    return base


def scaffold(base, *args):
    env = dict(os.environ, PYTHONPATH=str(base / "simulator"))
    return subprocess.run([sys.executable, "-m", "cloudstack_simulator.scaffold", *args, "--tests", str(base / "tests" / "simulator")],
                          cwd=base, env=env, capture_output=True, text=True, timeout=120)


def test_scaffolded_family_registers_and_passes_its_test(copy):
    # Kubernetes clusters: a family this simulator does not have (async create, delete and stop)
    done = scaffold(copy, "kubernetes", "--command", "listKubernetesClusters", "--command", "createKubernetesCluster",
                    "--command", "deleteKubernetesCluster", "--command", "stopKubernetesCluster")
    assert done.returncode == 0, done.stderr
    family = copy / "simulator" / "cloudstack_simulator" / "resources" / "kubernetes"
    test_file = copy / "tests" / "simulator" / "test_kubernetes.py"
    assert sorted(p.name for p in family.iterdir()) == ["__init__.py", "handlers.py", "model.py"]
    assert done.stdout.split() == [str(family / "__init__.py"), str(family / "model.py"), str(family / "handlers.py"), str(test_file)]
    env = dict(os.environ, PYTHONPATH=str(copy / "simulator"))
    # the backend finds the new family and its handlers register
    probe = ("from cloudstack_simulator.backend import backend; from cloudstack_simulator.registry import HANDLERS; backend.load(); "
             "print(backend.kubernetes.TABLE, sorted(n for n in HANDLERS if 'Kubernetes' in n))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=copy, env=env, capture_output=True, text=True, timeout=60)
    assert out.stdout.split(None, 1) == ["kubernetescluster", str(["createKubernetesCluster", "deleteKubernetesCluster", "listKubernetesClusters",
                                                                  "stopKubernetesCluster"]) + "\n"], out.stderr
    if RUFF.exists():
        lint = subprocess.run([str(RUFF), "check", "--config", str(ROOT / "pyproject.toml"), str(family), str(test_file)],
                              capture_output=True, text=True, timeout=60)
        assert lint.returncode == 0, lint.stdout
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test_file)], cwd=copy, env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 passed" in run.stdout
    # the new family is held to the structure rules like the others
    assert len((family / "handlers.py").read_text().splitlines()) < 800


@pytest.mark.parametrize(("args", "message"), [
    (["Widgets", "--command", "listUcsManagers"], "family: 'Widgets' is not a lower-case Python identifier"),
    (["helpers", "--command", "listUcsManagers"], "family: 'helpers' is not"),
    (["widgets"], "--command: give at least one CloudStack 4.18 command"),
    (["widgets", "--command", "listWidgets"], "--command: 'listWidgets' is not a CloudStack 4.18 command"),
    (["widgets", "--command", "listZones"], "--command: 'listZones' already has a handler"),
    (["widgets", "--command", "listUcsManagers", "--command", "listUcsManagers"], "--command: 'listUcsManagers' is given twice"),
    (["compute", "--command", "listUcsManagers"], "family: 'compute' exists already"),
])
def test_bad_requests_fail_naming_the_value(copy, args, message):
    done = scaffold(copy, *args)
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert not (copy / "simulator" / "cloudstack_simulator" / "resources" / "widgets").exists()
