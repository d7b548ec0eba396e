"""The simulator's structure (read with ast, nothing imported): no import cycle, families reach each other only
through the backend, no file over 800 lines, no function over 80 lines without a comment saying why."""
import ast
import pathlib

import pytest

SIM = pathlib.Path(__file__).resolve().parents[2] / "simulator"
PKG = SIM / "cloudstack_simulator"
MAX_FILE_LINES = 800
MAX_FUNCTION_LINES = 80
LONG_MARKER = "long because"  # a comment with these words right above or inside a longer function says why


def module_name(path):
    rel = path.relative_to(SIM).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules():
    return {module_name(p): p for p in sorted(PKG.rglob("*.py"))}


def imports_of(name, path, known):
    """The package's modules that one module imports (anywhere in it: function-level imports count too)."""
    tree = ast.parse(path.read_text(), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [mod] + [f"{mod}.{a.name}" for a in node.names]
        for t in targets:
            # the deepest known module of a dotted name (importing a.b.c imports a.b.c, not a.b's siblings)
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name:
                out.add(t)
    return out


def import_graph():
    known = modules()
    return {name: imports_of(name, path, known) for name, path in known.items()}


def find_cycle(graph):
    """One cycle of the graph as a list of names (first == last), or None."""
    state, stack = {}, []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def family_of(name):
    parts = name.split(".")
    if len(parts) >= 3 and parts[1] == "resources" and (PKG / "resources" / parts[2]).is_dir():
        return parts[2]
    return None


def test_find_cycle_finds_one():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle():
    graph = import_graph()
    assert "cloudstack_simulator.backend" in graph and len(graph) > 20
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_families_reach_each_other_only_through_the_backend():
    bad = []
    for name, deps in import_graph().items():
        fam = family_of(name)
        if fam is None and name.startswith("cloudstack_simulator.resources"):
            # resources/__init__.py and helpers.py: they import no family
            bad += [f"{name} imports {d}" for d in deps if family_of(d)]
        elif fam is not None:
            bad += [f"{name} imports {d}" for d in deps if family_of(d) not in (None, fam)]
    assert not bad, "a family reaches another only as backend.<family>:\n" + "\n".join(bad)


def test_backend_imports_no_family():
    deps = import_graph()["cloudstack_simulator.backend"]
    assert not any(family_of(d) or d.startswith("cloudstack_simulator.resources") for d in deps), deps


def test_every_family_has_a_model_and_handlers():
    families = [p for p in (PKG / "resources").iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    assert len(families) >= 10
    for fam in families:
        assert (fam / "model.py").is_file() and (fam / "handlers.py").is_file(), fam.name


@pytest.mark.parametrize("path", sorted(SIM.rglob("*.py")), ids=lambda p: str(p.relative_to(SIM)))
def test_file_length(path):
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_FILE_LINES, f"{path.relative_to(SIM)} has {lines} lines (at most {MAX_FILE_LINES})"


def long_functions(path, root=SIM):
    """Functions over MAX_FUNCTION_LINES lines with no "long because" comment right above or inside them."""
    source = path.read_text()
    lines = source.splitlines()
    out = []
    for node in ast.walk(ast.parse(source, str(path))):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        length = node.end_lineno - node.lineno + 1
        if length <= MAX_FUNCTION_LINES:
            continue
        first = min([node.lineno] + [d.lineno for d in node.decorator_list])
        above = first - 2
        while above >= 0 and lines[above].lstrip().startswith("#"):
            above -= 1
        text = "\n".join(lines[above + 1:node.end_lineno]).lower()
        if not any(LONG_MARKER in ln.split("#", 1)[1] for ln in text.splitlines() if "#" in ln):
            out.append(f"{path.relative_to(root)}:{node.lineno} {node.name} ({length} lines)")
    return out


def test_long_functions_are_found(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(85))
    (tmp_path / "m.py").write_text(f"def f():\n{body}\n\n\n# long because: a table\ndef g():\n{body}\n")
    assert long_functions(tmp_path / "m.py", tmp_path) == ["m.py:1 f (86 lines)"]


def test_function_length():
    found = [f for path in sorted(SIM.rglob("*.py")) for f in long_functions(path)]
    assert not found, f"functions over {MAX_FUNCTION_LINES} lines without a '# {LONG_MARKER} ...' comment:\n" + "\n".join(found)
