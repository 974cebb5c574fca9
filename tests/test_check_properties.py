"""The verdict depends on the data flow, not on names or on statement order.

Any corpus file, with its variables renamed consistently (a permutation of
the file's own names, so ``X_res`` may become ``X_train``), gets the same
findings at the same lines; two neighbouring top-level statements that share
no variable, swapped, give the same findings on the same statements.
"""

from __future__ import annotations

import ast
from collections import Counter

from _check_corpus import FILES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imbsafe import check_source
from imbsafe._check._read import read_path


def _parses(code: str) -> bool:
    try:
        ast.parse(code)
    except SyntaxError:  # a notebook's broken cell: issue #35 reads around it
        return False
    return True


CODES = {p.name: read_path(p).code for p in FILES if _parses(read_path(p).code)}


def _renamable(tree: ast.Module) -> list[str]:
    """Names the file binds itself (not imports, functions or classes)."""
    imported, defined, bound = set(), set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                imported.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound.add(node.id)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return sorted(bound - imported - defined - {"self", "__name__"})


def _rename(code: str, mapping: dict) -> str:
    """Rewrite the names in place, so that every line keeps its number."""
    tree = ast.parse(code)
    local_functions = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    edits = []  # (line, column, old length, new name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in mapping:
            edits.append((node.lineno, node.col_offset, len(node.id), mapping[node.id]))
        elif isinstance(node, ast.arg) and node.arg in mapping:
            edits.append(
                (node.lineno, node.col_offset, len(node.arg), mapping[node.arg])
            )
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in local_functions
        ):
            for keyword in node.keywords:
                if keyword.arg in mapping:
                    edits.append(
                        (keyword.lineno, keyword.col_offset, len(keyword.arg),
                         mapping[keyword.arg])
                    )  # fmt: skip
    lines = code.split("\n")
    for line, column, length, new in sorted(edits, reverse=True):
        text = lines[line - 1]
        lines[line - 1] = text[:column] + new + text[column + length :]
    return "\n".join(lines)


def _verdict(code: str) -> set:
    return {(f.line, f.kind) for f in check_source(code)}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_renaming_variables_keeps_the_verdict(data):
    name = data.draw(st.sampled_from(sorted(CODES)), label="file")
    code = CODES[name]
    names = _renamable(ast.parse(code))
    shuffled = data.draw(st.permutations(names), label="new names")
    renamed = _rename(code, dict(zip(names, shuffled, strict=True)))
    ast.parse(renamed)  # still Python
    assert _verdict(renamed) == _verdict(code)


def _reads_writes(node: ast.stmt) -> tuple[set, set]:
    reads, writes = set(), set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            (writes if isinstance(sub.ctx, ast.Store | ast.Del) else reads).add(sub.id)
        elif isinstance(sub, ast.Attribute | ast.Subscript):
            root = sub
            while isinstance(root, ast.Attribute | ast.Subscript):
                root = root.value
            if isinstance(root, ast.Name):
                writes.add(root.id)  # a method or an item may change it in place
    return reads, writes


def _swappable(code: str) -> list[tuple[int, int, int]]:
    """(first line, boundary line, last line) of independent neighbour statements."""
    body = ast.parse(code).body
    out = []
    for a, b in zip(body, body[1:], strict=False):
        if any(
            isinstance(s, ast.FunctionDef | ast.ClassDef | ast.Import | ast.ImportFrom)
            or getattr(s, "decorator_list", None)
            for s in (a, b)
        ):
            continue
        if a.end_lineno >= b.lineno:
            continue
        (ra, wa), (rb, wb) = _reads_writes(a), _reads_writes(b)
        calls_local = {n.name for n in body if isinstance(n, ast.FunctionDef)} & (
            ra | rb
        )
        if calls_local or wa & (rb | wb) or wb & ra:
            continue
        out.append((a.lineno, b.lineno, b.end_lineno))
    return out


def _by_statement(code: str) -> Counter:
    lines = code.split("\n")
    return Counter((f.kind, lines[f.line - 1].strip()) for f in check_source(code))


CANDIDATES = [(n, s) for n in sorted(CODES) for s in _swappable(CODES[n])]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(CANDIDATES))
def test_swapping_independent_statements_keeps_the_verdict(candidate):
    name, (first, boundary, last) = candidate
    code = CODES[name]
    lines = code.split("\n")
    block_a = lines[first - 1 : boundary - 1]
    block_b = lines[boundary - 1 : last]
    swapped = "\n".join(lines[: first - 1] + block_b + block_a + lines[last:])
    ast.parse(swapped)
    assert _by_statement(swapped) == _by_statement(code)


def test_the_properties_have_material():
    assert len(CANDIDATES) > 100
    leaky = [n for n in CODES if _verdict(CODES[n])]
    marked = [p.name for p in FILES if p.parent.name == "leaky" and p.name in CODES]
    assert sorted(leaky) == sorted(marked)
