"""python -m cloudstack_simulator.scaffold FAMILY --command CMD [--command CMD ...]: start a new resource family.

Writes, for CloudStack 4.18 commands the simulator does not serve yet:

- ``resources/<family>/__init__.py``;
- ``resources/<family>/model.py``: the family's objects in one store table, with get / find / create / update /
  delete / view (the place for CloudStack's rules: states, checks, error texts); other families reach it as
  ``backend.<family>``;
- ``resources/<family>/handlers.py``: one ``@api`` handler per command, by its verb (list, create/add/register,
  update, delete/remove; any other verb returns the object its ``id`` names, to be filled in);
- ``tests/simulator/test_<family>.py``: a test that calls every command through the simulator's HTTP API.

The generated family is loaded by the backend like any other (no registration to edit) and its test passes as
written; it is a start: make the model do what CloudStack does, then make the test say so.
"""
import argparse
import keyword
import pathlib
import pprint
import re
import sys

from . import spec

PROG = "python -m cloudstack_simulator.scaffold"
PACKAGE = pathlib.Path(__file__).resolve().parent
FAMILY_RE = re.compile(r"^[a-z][a-z0-9_]*$")
VERBS = (("list", "list"), ("create", "create"), ("add", "create"), ("register", "create"),
         ("update", "update"), ("delete", "delete"), ("remove", "delete"))
# parameters of a command that are not fields of the object (paging, scoping, the object's own id)
NOT_FIELDS = {"id", "ids", "page", "pagesize", "keyword", "listall", "isrecursive", "account", "domainid", "projectid"}


class ScaffoldError(Exception):
    pass


def verb_of(command):
    for prefix, verb in VERBS:
        if command.startswith(prefix) and command[len(prefix):][:1].isupper():
            return verb
    return "other"


def snake(command):
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", command).lower()


def plan(family, commands, served=()):
    """Check the request; returns [(Command, verb)] and the table name. Raises ScaffoldError naming the bad value."""
    if not FAMILY_RE.match(family or "") or keyword.iskeyword(family) or family == "helpers":
        raise ScaffoldError(f"family: {family!r} is not a lower-case Python identifier (letters, digits, _) other than 'helpers'")
    if not commands:
        raise ScaffoldError("--command: give at least one CloudStack 4.18 command")
    known = spec.commands()
    out = []
    for name in commands:
        cmd = known.get(name)
        if cmd is None:
            raise ScaffoldError(f"--command: {name!r} is not a CloudStack 4.18 command (names are case-sensitive)")
        if name in served:
            raise ScaffoldError(f"--command: {name!r} already has a handler")
        if name in [c.name for c, _ in out]:
            raise ScaffoldError(f"--command: {name!r} is given twice")
        out.append((cmd, verb_of(name)))
    keys = [c.result_key for c, _ in out if c.result_kind in ("list", "object") and c.result_key]
    return out, (keys[0] if keys else family)


def fields_of(cmd):
    return tuple(sorted(k for k in cmd.params if k not in NOT_FIELDS and "[" not in k))


def model_source(family, table):
    return f'''"""The {family} family's state and rules: its objects live in the store's "{table}" table.

Other families reach this module as ``backend.{family}``. CloudStack's rules for these objects (states,
checks, error texts) belong here; handlers.py only reads parameters and returns views.
"""
TABLE = "{table}"


def get(ctx, param="id"):
    """The object a uuid parameter names (CloudStack's 431 when it names none)."""
    return ctx.obj(TABLE, param, required=True)


def find(ctx):
    """The objects a list command shows: not removed, filtered by id, name and keyword when given."""
    objs = [o for o in ctx.store.all(TABLE) if not o.get("_removed")]
    return ctx.filter_keyword(ctx.filter_eq(objs, ("id", "name")))


def create(ctx, fields):
    return ctx.store.add(TABLE, {{**{{k: v for k, v in fields.items() if v is not None}}, "created": ctx.now()}})


def update(ctx, obj, fields):
    obj.update({{k: v for k, v in fields.items() if v is not None}})
    return ctx.store.save(TABLE, obj)


def delete(ctx, obj):
    ctx.store.delete(TABLE, obj["id"])


def view(obj):
    """The object as the API shows it (the app drops "_" keys and null values)."""
    return dict(obj)
'''


def literal(value, indent=4):
    """A Python literal that keeps under the line length (continuation lines indented by indent)."""
    text = pprint.pformat(value, width=120 - indent, compact=True)
    return text.replace("\n", "\n" + " " * indent)


def fields_name(cmd):
    return snake(cmd.name).upper() + "_FIELDS"


def handler_source(cmd, verb):
    fn = snake(cmd.name)
    head = f'\n\n@api("{cmd.name}")\ndef {fn}(ctx, p):\n    """{cmd.name}: {cmd.description.rstrip(".")}."""\n'
    take = f"    fields = {{name: ctx.get(name) for name in {fields_name(cmd)}}}\n"
    if verb == "list":
        return head + "    return [view(o) for o in find(ctx)]\n"
    if verb == "create":
        return head + take + "    return view(create(ctx, fields))\n"
    if verb == "update":
        return head + take + "    return view(update(ctx, get(ctx), fields))\n"
    if verb == "delete":
        return head + "    delete(ctx, get(ctx))\n"
    return head + f"    # {cmd.name}'s state change goes in model.py; this returns the object as it is\n    return view(get(ctx))\n"


def handlers_source(family, planned):
    names = sorted({"view"} | {n for _, v in planned for n in {"list": ["find"], "create": ["create"], "update": ["get", "update"],
                                                              "delete": ["get", "delete"], "other": ["get"]}[v]})
    body = "".join(handler_source(cmd, verb) for cmd, verb in planned)
    consts = "".join(f"{fields_name(cmd)} = {literal(fields_of(cmd))}  # {cmd.name}'s parameters that are fields\n"
                     for cmd, verb in planned if verb in ("create", "update"))
    return (f'"""The {family} commands: parameters in, views out; the state and rules are in model.py.\n\n'
            "The app has already checked each command's required parameters and number types against the 4.18 API data.\n"
            '"""\n'
            "from ...registry import api\n"
            f"from .model import {', '.join(names)}\n" + ("\n" + consts if consts else "") + body)


def sample_value(name, pdef):
    if pdef.get("type") == "boolean":
        return "true"
    if pdef.get("type") in ("integer", "long", "short"):
        return "1"
    return f"scaffold-{name}"


def test_source(family, planned, table):
    creates = [c for c, v in planned if v == "create"]
    lists = [c for c, v in planned if v == "list"]
    out = [f'"""The {family} family (written by {PROG}): every command answers through the HTTP API."""\n']
    out.append('\n\ndef run(s, command, **params):\n    """A call that must succeed; an async one is waited for (its job must succeed)."""\n'
               "    reply = s.ok(command, **params)\n"
               '    if "jobid" in reply:\n'
               "        job = s.wait(reply)\n"
               '        assert job["jobstatus"] == 1, job\n'
               '        return job["jobresult"]\n'
               "    return reply\n")
    out.append(f"\n\nCOMMANDS = {literal(sorted(c.name for c, _ in planned))}\n")
    out.append(f'\n\ndef test_{family}_commands_are_served(simserver):\n    served = {{a["name"] for a in simserver.ok("listApis")["api"]}}\n'
               "    assert set(COMMANDS) <= served\n")
    if creates:
        cmd = creates[0]
        params = {k: sample_value(k, cmd.params[k]) for k in cmd.required}
        key = cmd.result_key
        lines = [f"\n\nCREATE_PARAMS = {literal(params)}  # {cmd.name}'s required parameters\n",
                 f"\n\ndef test_{family}_lifecycle(simserver):\n",
                 f"    made = run(simserver, {cmd.name!r}, **CREATE_PARAMS)\n"]
        if key:
            lines.append(f"    made = made[{key!r}]\n")
        lines.append('    assert made["id"]\n')
        for c in lists:
            lines.append(f"    listed = simserver.ok({c.name!r}, id=made[\"id\"]).get({c.result_key!r}, [])\n"
                         '    assert [o["id"] for o in listed] == [made["id"]]\n')
        for c, v in planned:
            if v in ("update", "other") and "id" in c.params and set(c.required) <= {"id"}:
                lines.append(f'    run(simserver, {c.name!r}, id=made["id"])\n')
        for c, v in planned:
            if v == "delete" and "id" in c.params:
                lines.append(f'    run(simserver, {c.name!r}, id=made["id"])\n')
                for lc in lists:
                    lines.append(f'    assert simserver.ok({lc.name!r}, id=made["id"]).get({lc.result_key!r}, []) == []\n')
                break
        out.append("".join(lines))
    for c in lists:
        out.append(f"\n\ndef test_{snake(c.name)}_starts_empty(simserver):\n    assert simserver.ok({c.name!r}) == {{}}\n")
    return "".join(out)


def write(family, commands, root=PACKAGE, tests=None, served=()):
    """Write the family's files under root (the cloudstack_simulator package) and its test under tests; returns the paths."""
    planned, table = plan(family, commands, served)
    pkg = pathlib.Path(root) / "resources" / family
    if pkg.exists():
        raise ScaffoldError(f"family: {family!r} exists already ({pkg})")
    tests = pathlib.Path(tests) if tests else pathlib.Path(root).parent.parent / "tests" / "simulator"
    test_file = tests / f"test_{family}.py"
    if test_file.exists():
        raise ScaffoldError(f"--tests: {test_file} exists already")
    pkg.mkdir(parents=True)
    files = {
        pkg / "__init__.py": f'"""The {family} family: model.py (state and rules, backend.{family}), handlers.py (the API commands)."""\n',
        pkg / "model.py": model_source(family, table),
        pkg / "handlers.py": handlers_source(family, planned),
        test_file: test_source(family, planned, table),
    }
    tests.mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        path.write_text(text)
    return list(files)


def main(argv=None):
    p = argparse.ArgumentParser(prog=PROG, description="Write a new simulator family: model, handlers and a test.")
    p.add_argument("family", help="the family's name: a lower-case Python identifier (the package resources/<family>/)")
    p.add_argument("--command", action="append", default=[], metavar="CMD", help="a CloudStack 4.18 command it serves (repeat)")
    p.add_argument("--root", default=str(PACKAGE), help="the cloudstack_simulator package to write into (default: this one)")
    p.add_argument("--tests", help="where the test goes (default: tests/simulator of the checkout)")
    args = p.parse_args(argv)
    from .backend import backend
    from .registry import HANDLERS

    backend.load()
    try:
        paths = write(args.family, args.command, args.root, args.tests, served=set(HANDLERS))
    except ScaffoldError as exc:
        p.error(str(exc))
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
