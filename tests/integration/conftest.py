"""Fixtures of the module tests: run a module in process (fast) or through ansible-playbook."""
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from harness import connection, run_module  # noqa: E402


@pytest.fixture
def sim(make_simserver):
    """A fresh simulator with jobs of 0.05 s."""
    return make_simserver()


@pytest.fixture
def module(sim):
    """module("zone", name=..., _check=True, _diff=True) -> the module's result against `sim`."""

    def run(_module, _check=False, _diff=False, _verbosity=0, _conn=None, **args):
        full = connection(sim, **(_conn or {}))
        full.update(args)
        return run_module(_module, full, check=_check, diff=_diff, verbosity=_verbosity)

    return run
