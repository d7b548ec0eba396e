"""db_backup_fetch: the role's copy of a backup set to the controller (roles/db_backup/tasks/fetch.yml), run on a local
'database host' whose set is a directory of this test. Check mode predicts the copy (the fetch action does not run in
it) and writes nothing; a run copies the files 0600 into a 0700 directory; a second run changes nothing; the
controller's sets are pruned to db_backup_keep. The dump itself (MySQL) is molecule multinode's (test_ops3_upgrade)."""
import json
import os
import pathlib
import re
import subprocess
import sys

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
ANSIBLE_PLAYBOOK = pathlib.Path(sys.executable).parent / "ansible-playbook"
SET = "20261204T101500Z_4.19.3.0_nightly"


@pytest.fixture
def site(tmp_path):
    src = tmp_path / "db" / SET
    src.mkdir(parents=True)
    (src / "cloud.sql").write_text("-- cloud dump\n")
    (src / "cloud_usage.sql").write_text("-- cloud_usage dump\n")
    (src / "backup.json").write_text(json.dumps({"name": SET}))
    (tmp_path / "inventory").write_text(f"db ansible_connection=local ansible_python_interpreter={sys.executable}\n")
    return tmp_path


def play(site, *args, keep=2, taken=False, name=SET):
    playbook = site / "fetch.yml"
    playbook.write_text(yaml.safe_dump([{
        "hosts": "db", "gather_facts": False,
        "vars": {"db_backup_databases": ["cloud", "cloud_usage"], "db_backup_keep": keep,
                 "db_backup_fetch_dir": str(site / "controller"),
                 "db_backup_result": {"name": name, "path": str(site / "db" / name), "taken": taken}},
        "tasks": [{"ansible.builtin.include_tasks": str(ROOT / "roles" / "db_backup" / "tasks" / "fetch.yml")}],
    }]))
    env = dict(os.environ, ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_FORCE_COLOR="0", ANSIBLE_NOCOLOR="1")
    proc = subprocess.run([str(ANSIBLE_PLAYBOOK), "-i", str(site / "inventory"), str(playbook), *args], cwd=str(ROOT),
                          env=env, capture_output=True, text=True, timeout=300)
    recap = re.search(r"^db\s*:\s*ok=\d+\s+changed=(\d+)\s+unreachable=\d+\s+failed=(\d+)", proc.stdout, re.M)
    assert recap, proc.stdout[-3000:] + proc.stderr[-2000:]
    return proc, int(recap.group(1)), int(recap.group(2))


def tree(path):
    return {str(p.relative_to(path)): (oct(p.stat().st_mode & 0o777), p.read_bytes() if p.is_file() else None)
            for p in sorted(path.rglob("*"))} if path.exists() else None


def test_check_mode_predicts_the_copy_and_writes_nothing(site):
    proc, changed, failed = play(site, "--check")
    assert failed == 0, proc.stdout[-3000:]
    assert changed == 2  # the directory, the files
    for f in ("cloud.sql", "cloud_usage.sql", "backup.json"):
        assert f"check mode: {f} of {SET} would be copied" in proc.stdout
    assert not (site / "controller").exists()


def test_a_run_copies_the_set_owner_only_and_a_second_run_changes_nothing(site):
    proc, changed, failed = play(site)
    assert failed == 0 and changed > 0, proc.stdout[-3000:]
    copy = site / "controller" / SET
    assert oct(copy.stat().st_mode & 0o777) == "0o700"
    for f in ("cloud.sql", "cloud_usage.sql", "backup.json"):
        assert (copy / f).read_bytes() == (site / "db" / SET / f).read_bytes()
        assert oct((copy / f).stat().st_mode & 0o777) == "0o600", f
    before = tree(site / "controller")
    for args in ((), ("--check",)):
        proc, changed, failed = play(site, *args)
        assert (failed, changed) == (0, 0), proc.stdout[-3000:]
    assert tree(site / "controller") == before


def test_check_mode_sees_a_copy_that_differs_and_a_loose_mode(site):
    play(site)
    copy = site / "controller" / SET
    (copy / "cloud.sql").write_text("-- older\n")
    (copy / "backup.json").chmod(0o644)
    before = tree(site / "controller")
    proc, changed, failed = play(site, "--check")
    assert failed == 0 and changed == 2, proc.stdout[-3000:]  # the copy of cloud.sql, the mode of backup.json
    assert "check mode: cloud.sql of" in proc.stdout and "check mode: cloud_usage.sql of" not in proc.stdout
    assert tree(site / "controller") == before
    proc, changed, failed = play(site)
    assert failed == 0 and changed == 2, proc.stdout[-3000:]
    assert (copy / "cloud.sql").read_text() == "-- cloud dump\n"
    assert oct((copy / "backup.json").stat().st_mode & 0o777) == "0o600"


def test_the_controller_keeps_the_newest_sets(site):
    older = ["20261201T101500Z_4.19.3.0_nightly", "20261202T101500Z_4.19.3.0_nightly", "20261203T101500Z_4.19.3.0_nightly"]
    for name in older:
        (site / "controller" / name).mkdir(parents=True)
        (site / "controller" / name / "backup.json").write_text("{}")
    # check mode counts the set it would copy: the two oldest would go, and nothing goes yet
    proc, changed, failed = play(site, "--check", keep=2)
    assert failed == 0, proc.stdout[-3000:]
    removed = re.findall(r"^changed: \[db -> localhost\] => \(item=(\S+)\)", proc.stdout, re.M)
    assert removed == older[:2]
    assert sorted(p.name for p in (site / "controller").iterdir()) == older
    proc, changed, failed = play(site, keep=2)
    assert failed == 0, proc.stdout[-3000:]
    assert sorted(p.name for p in (site / "controller").iterdir()) == [older[-1], SET]
