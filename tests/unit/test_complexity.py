"""The complexity gate: no function in plugins/ over MAX_LINES lines unless a comment at its top says why
("# long: <reason>" within the first lines of its body). ruff's C90 (max-complexity) covers branching."""
import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FOLDERS = ("plugins",)
MAX_LINES = 80
REASON = "# long:"
REASON_WITHIN = 5  # lines after the def


def long_functions(text, name="<text>"):
    """[(file:line function, lines)] of the functions over MAX_LINES lines without a "# long:" comment at their top."""
    lines = text.split("\n")
    out = []
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        length = node.end_lineno - node.lineno + 1
        if length <= MAX_LINES:
            continue
        top = lines[node.lineno - 1:node.lineno - 1 + REASON_WITHIN]
        if not any(REASON in line for line in top):
            out.append(("%s:%d %s" % (name, node.lineno, node.name), length))
    return out


def test_the_check_finds_a_long_function_and_accepts_a_reason():
    body = "\n".join("    x%d = %d" % (i, i) for i in range(MAX_LINES))
    assert long_functions("def f():\n%s\n" % body) == [("<text>:1 f", MAX_LINES + 1)]
    assert long_functions("def f():\n    # long: one table of values\n%s\n" % body) == []
    assert long_functions("def f():\n    return 1\n") == []


@pytest.mark.parametrize("folder", FOLDERS)
def test_no_function_over_the_limit_without_a_reason(folder):
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        found.extend(long_functions(path.read_text(), str(path.relative_to(ROOT))))
    assert not found, "functions over %d lines without a '%s' comment: %s" % (MAX_LINES, REASON, found)
