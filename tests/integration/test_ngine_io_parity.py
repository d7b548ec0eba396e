"""Behaviour parity with ngine_io.cloudstack: every module both collections have, run through ngine_io's module and
ours with the same tasks against two simulators built alike; what a playbook sees must be the same (changed,
failed, the failure's message, every returned key with its type and value), in normal and check mode, for create,
no change, update, absent, absent when missing and bad input. Where ours deliberately differs the table says why
(parity/table_*.py, `differs`)."""
import importlib
import pathlib

import pytest
from parity.runner import run_case
from testpaths import NGINE_IO_MODULES

# every parity/table_*.py holds CASES (one file per group of modules: a new group adds a file, edits no list)
TABLES = sorted(p.stem for p in (pathlib.Path(__file__).parent / "parity").glob("table_*.py"))
CASES = [case for name in TABLES for case in importlib.import_module("parity." + name).CASES]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_parity(case, make_simserver):
    assert NGINE_IO_MODULES.exists(), "ngine_io.cloudstack (in the ansible package) is needed by this test"
    for name in case.requires:  # pyproject.toml's test extra installs them
        pytest.importorskip(name, reason="ngine_io's %s needs the Python library %s" % (case.theirs, name))
    problems = run_case(case, make_simserver)
    assert not problems, "\n".join(["%s (ours %s, ngine_io %s):" % (case.name, case.ours, case.theirs)] + problems)
