"""Shared steps of the tenancy and catalogue module tests (service/disk/network offering, domain, account, user,
project, role, resource_limit, ssh_key): the same contract checked the same way for each."""
from harness import connection, run_module


def runner(sim):
    """run("account", _check=..., _diff=..., **args) -> the module's result against sim."""

    def run(_module, _check=False, _diff=False, _conn=None, **args):
        full = connection(sim, **(_conn or {}))
        full.update(args)
        return run_module(_module, full, check=_check, diff=_diff)

    return run


def until_ok(run, _module, _attempts=8, **args):
    """Run a module until it succeeds (under injected faults): the result of the first success."""
    res = None
    for _ in range(_attempts):
        res = run(_module, **args)
        if not res.failed:
            return res
    raise AssertionError("%s never succeeded: %s" % (_module, res.get("msg")))


def check_create_rerun_absent(run, name, args, count, absent_args=None, expect_after=None):
    """Check mode creates nothing; create; re-run and check-mode re-run change nothing; --diff before/after;
    absent in check mode removes nothing; absent; absent again changes nothing. count() -> objects on the server."""
    before = count()
    res = run(name, _check=True, _diff=True, **args)
    assert res["changed"] and not res.failed, res.get("msg")
    assert count() == before, "check mode made an object"
    assert res["diff"]["before"] == {"state": "absent"}
    for key, value in (expect_after or {}).items():
        assert res["diff"]["after"][key] == value, (key, res["diff"]["after"])
    created = run(name, _diff=True, **args)
    assert created["changed"] and not created.failed, created.get("msg")
    assert count() == before + 1
    assert created["diff"]["before"] == {"state": "absent"}
    again = run(name, _diff=True, **args)
    assert again["changed"] is False and not again.failed, again.get("msg")
    assert again["diff"] == {"before": {}, "after": {}}
    assert run(name, _check=True, **args)["changed"] is False
    gone = dict(absent_args or args, state="absent")
    res = run(name, _check=True, _diff=True, **gone)
    assert res["changed"] and count() == before + 1
    assert res["diff"]["after"] == {"state": "absent"}
    res = run(name, **gone)
    assert res["changed"] and not res.failed, res.get("msg")
    assert count() == before
    assert run(name, **gone)["changed"] is False
    return created


def check_update(run, name, args, option, first, second, read):
    """An updatable option: set first, then second (check mode changes nothing on the server, --diff shows both),
    then a re-run changes nothing. read() -> the option's value on the server."""
    res = run(name, **dict(args, **{option: first}))
    assert not res.failed, res.get("msg")
    assert norm(read()) == norm(first)
    changed = dict(args, **{option: second})
    res = run(name, _check=True, _diff=True, **changed)
    assert res["changed"] and not res.failed, res.get("msg")
    assert norm(read()) == norm(first), "check mode changed the server"
    assert norm(res["diff"]["before"].get(option)) == norm(first), res["diff"]
    assert norm(res["diff"]["after"].get(option)) == norm(second), res["diff"]
    if option in res:  # as ngine_io.cloudstack: check mode returns the object as it is
        assert norm(res[option]) == norm(first), res[option]
    res = run(name, _diff=True, **changed)
    assert res["changed"] and not res.failed, res.get("msg")
    assert norm(read()) == norm(second)
    assert run(name, **changed)["changed"] is False


def norm(value):
    """Comparable form of a value as the module takes it or CloudStack returns it ("a,b" = ["a", "b"], 2 = "2")."""
    if isinstance(value, (list, tuple)):
        return sorted(str(v).lower() for v in value)
    if isinstance(value, str) and "," in value:
        return sorted(v.strip().lower() for v in value.split(","))
    if isinstance(value, bool) or str(value).lower() in ("true", "false"):
        return str(value).lower()
    if value is None:
        return None
    return [str(value).lower()] if not isinstance(value, (int, float)) else [str(value)]
