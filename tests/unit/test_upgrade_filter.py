"""The upgrade, restore and db_backup roles' filters: the upgrade request's checks and the backup retention."""
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "collections"))
from ansible.errors import AnsibleFilterError  # noqa: E402
from ansible_collections.csops.cloudstack.plugins.filter import upgrade as up  # noqa: E402

ORDER = ["4.18", "4.19", "4.20"]


@pytest.mark.parametrize("version,release", [("4.19.3.0", "4.19"), ("4.20.1.0", "4.20"), ("4.18", "4.18"), (" 4.20.0.0\n", "4.20"),
                                             ("4.20.1.0-standin1", "4.20"), ("1:4.19.3.0-1ubuntu1", "4.19"), ("4.19.3.0~rc1", "4.19")])
def test_release_of(version, release):
    assert up.cloudstack_release_of(version) == release


@pytest.mark.parametrize("bad", ["", "four.20", "4.x.1", None])
def test_release_of_refuses_non_versions(bad):
    with pytest.raises(AnsibleFilterError, match="not a CloudStack version"):
        up.cloudstack_release_of(bad)


def test_one_step_up_is_allowed():
    assert up.upgrade_refusal("4.20", "4.19.3.0", ORDER, {"mgmt1": "4.19.3.0-standin1", "mgmt2": "4.19.3.0"}) == ""
    assert up.upgrade_refusal("4.19", "4.18.2.0", ORDER) == ""


def test_same_release_is_allowed_nothing_or_the_end_of_an_interrupted_run():
    assert up.upgrade_refusal("4.20", "4.20.1.0", ORDER, {"mgmt1": "4.20.1.0", "mgmt2": "4.19.3.0"}) == ""
    # the schema is still 4.19 but one server has the 4.20 package already (stopped half way): allowed
    assert up.upgrade_refusal("4.20", "4.19.3.0", ORDER, {"mgmt1": "4.20.1.0", "mgmt2": ""}) == ""


def test_unknown_release_is_refused_naming_the_variable_and_value():
    msg = up.upgrade_refusal("4.21", "4.20.1.0", ORDER)
    assert "upgrade_release '4.21'" in msg and "one of 4.18, 4.19, 4.20" in msg


def test_downgrade_is_refused():
    msg = up.upgrade_refusal("4.18", "4.19.3.0", ORDER)
    assert "upgrade_release 4.18 is older than the cloud's schema version 4.19.3.0" in msg and "downgrade" in msg


def test_a_jump_over_a_release_is_refused():
    msg = up.upgrade_refusal("4.20", "4.18.2.0", ORDER)
    assert "skips 4.19" in msg and "from 4.18 to 4.19 first" in msg


def test_a_newer_package_than_the_target_is_refused():
    msg = up.upgrade_refusal("4.19", "4.19.3.0", ORDER, {"mgmt1": "4.20.1.0-standin1"})
    assert "mgmt1" in msg and "4.20.1.0-standin1" in msg


def test_no_schema_version_or_an_unknown_one_is_refused():
    assert "cloud.version is empty" in up.upgrade_refusal("4.20", "", ORDER)
    assert "4.17.0.0 (release 4.17) is not a release" in up.upgrade_refusal("4.18", "4.17.0.0", ORDER)


def test_parse_backup_names():
    assert up.db_backup_parse("20261204T132800Z_4.19.3.0_before-4.20") == {
        "name": "20261204T132800Z_4.19.3.0_before-4.20", "taken": "20261204T132800Z", "version": "4.19.3.0",
        "release": "4.19", "label": "before-4.20"}
    for other in ("lost+found", "20261204T132800Z_4.19.3.0_", "20261204_4.19.3.0_x", "20261204T132800Z_4.19.3.0_a_b"):
        assert up.db_backup_parse(other) is None


def name(day, label="2026-12-%02d"):
    return f"202612{day:02d}T010000Z_4.19.3.0_" + (label % day if "%" in label else label)


def test_prune_keeps_the_newest_n_whatever_the_order():
    names = [name(d) for d in (3, 1, 5, 2, 4)]
    assert up.db_backup_prune(names, 3) == [name(1), name(2)]
    assert up.db_backup_prune(names, 5) == []
    assert up.db_backup_prune(names, "7") == []


def test_prune_never_touches_what_is_not_a_backup_set():
    assert up.db_backup_prune(["lost+found", "notes", name(1), name(2)], 1) == [name(1)]


@pytest.mark.parametrize("keep", [0, -1, "x", None])
def test_prune_refuses_a_bad_keep(keep):
    with pytest.raises(AnsibleFilterError, match=f"db_backup_keep must be a whole number of at least 1, got {keep!r}"):
        up.db_backup_prune([name(1)], keep)


@pytest.mark.parametrize("label,ok", [("2026-12-04", True), ("before-4.20", True), ("ops3", True), ("", False),
                                      ("no/slash", False), ("a_b", False), ("-x", False), ("a b", False)])
def test_label(label, ok):
    assert up.db_backup_label_ok(label) is ok
