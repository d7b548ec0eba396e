"""The molecule runner's summary says why a step failed: CI keeps only the end of the output, not the log files."""
import importlib.util
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("molecule_timed", ROOT / "tests" / "testhost" / "molecule_timed.py")
molecule_timed = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(molecule_timed)

BAR = "\x1b[2m\u2502\x1b[0m"
CREATE_LOG = f"""  {BAR} TASK [Start the test hosts]
  {BAR}   ****************************************************
  \x1b[2m\x1b[33m\u2502\x1b[0m \x1b[0;33mchanged: [localhost] => (item=db)\x1b[0m
  \x1b[2m\x1b[31m\u2502\x1b[0m \x1b[0;31mfailed: [localhost] (item=kvm3) => {{"msg": "non-zero return code", "rc": 126, \
"stderr": "Error: netavark: IO error: aardvark-dns failed to start"}}\x1b[0m
  \x1b[2m\x1b[31m\u2502\x1b[0m \x1b[0;31mfatal: [localhost]: FAILED! => {{"msg": "One or more items failed"}}\x1b[0m
  {BAR} PLAY RECAP
"""
VERIFY_LOG = """============ FAILURES ============
____ test_api_through_haproxy ____
    def test_api_through_haproxy(host):
>       assert code == 200
E       assert 503 == 200
FAILED molecule/multinode/tests/test_ops4_healthcheck_lb.py::test_api_through_haproxy - assert 503 == 200
"""


def test_why_picks_ansible_failures_without_colours(tmp_path):
    log = tmp_path / "multinode-create.log"
    log.write_text(CREATE_LOG)
    lines = molecule_timed.why(log)
    assert len(lines) == 2
    assert lines[0].startswith("failed: [localhost] (item=kvm3)") and "aardvark-dns failed to start" in lines[0]
    assert lines[1] == 'fatal: [localhost]: FAILED! => {"msg": "One or more items failed"}'
    assert not any("\x1b" in line or "\u2502" in line for line in lines)


def test_why_picks_pytest_failures(tmp_path):
    log = tmp_path / "multinode-verify.log"
    log.write_text(VERIFY_LOG)
    assert molecule_timed.why(log) == [
        "____ test_api_through_haproxy ____",
        "E       assert 503 == 200",
        "FAILED molecule/multinode/tests/test_ops4_healthcheck_lb.py::test_api_through_haproxy - assert 503 == 200",
    ]


def test_why_falls_back_to_the_last_lines_and_cuts_long_ones(tmp_path):
    log = tmp_path / "x-converge.log"
    log.write_text("one\n\ntwo\nthree\nfour\nfive\n" + "x" * 500 + "\n")
    assert molecule_timed.why(log, width=20) == ["two", "three", "four", "five", "x" * 20 + " ..."]
    assert molecule_timed.why(tmp_path / "missing.log")[0].startswith("(cannot read ")


def test_why_joins_a_summary_line_molecule_wrapped_and_skips_its_glob_note(tmp_path):
    log = tmp_path / "multinode-verify.log"
    log.write_text(f"""CRITICAL 'molecule/default/molecule.yml' glob failed.  Exiting.
  {BAR} ___________ test_a_non_root_account
  {BAR}     def test_a_non_root_account(added):
  {BAR} E       AttributeError: 'dict' object has no attribute 'changed'
  {BAR} FAILED
  {BAR}   tests/test_ops1_add_hosts.py::test_a_non_root_account - AttributeError
CRITICAL Verifier tests failed
""")
    assert molecule_timed.why(log) == [
        "___________ test_a_non_root_account",
        "E       AttributeError: 'dict' object has no attribute 'changed'",
        "FAILED tests/test_ops1_add_hosts.py::test_a_non_root_account - AttributeError",
        "CRITICAL Verifier tests failed",
    ]
