"""Hand-made resampling: the spellings people write without a sampler.

A mixin of :class:`imbsafe._check._expr.Expressions`. Over-sampling by
gluing the same rows in more than once (``pd.concat([df, m, m, m])``,
``np.concatenate([X, X[y == 1]])``, ``pd.concat`` or ``list.append`` of
the same rows in a loop, ``df.loc[df.index.repeat(w)]``, a group sampled
with replacement through ``groupby(...).apply``), and under-sampling by
cutting one class (``df[df.Class == 0][:492]``, ``.sample(492)``,
``.head(492)``) and gluing it back to the rest. A cut or a draw without
replacement is a *part*: it only counts once glued back with other rows,
so ``df.sample(n=1000)`` of the whole frame, or ``X[:20000]``, is no
finding.
"""

from __future__ import annotations

import ast
from typing import Any

from ._sources import constant
from ._values import Func, Taint, Value

__all__ = ["UNDER", "Handmade", "loop_names"]

# parts made by cutting rows: glued back by a concat, not by indexing with them
UNDER = "under-sampling by "

_COLUMN_STACKS = frozenset({"hstack", "column_stack", "c_"})
_ROW_VIEWS = frozenset({"loc", "iloc", "values", "to_numpy", "copy"})


def loop_names(node: ast.AST) -> frozenset:
    """Names a loop's header or body assigns (its loop variables among them)."""
    names = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
            names.add(child.id)
    return frozenset(names)


def _bare(node: ast.AST) -> str:
    """Dump a row expression without its row views: ``df.loc`` and ``df`` are one."""
    while isinstance(node, ast.Attribute) and node.attr in _ROW_VIEWS:
        node = node.value
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in _ROW_VIEWS
        and not node.args
    ):
        return _bare(node.func.value)
    return ast.dump(node)


def _is_mask(node: ast.AST) -> bool:
    """Tell a row condition: ``df.Class == 0``, ``(a > 1) & (b < 2)``, ``isin``."""
    if isinstance(node, ast.Tuple) and node.elts:
        return _is_mask(node.elts[0])
    if isinstance(node, ast.Compare):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitAnd | ast.BitOr):
        return _is_mask(node.left) or _is_mask(node.right)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Invert):
        return _is_mask(node.operand)
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "isin"
    )


def _grouped(node: ast.AST) -> bool:
    """``df.groupby(...)`` (or its column) is the receiver of ``node``'s method."""
    receiver = node.func.value if isinstance(node, ast.Call) else node
    while isinstance(receiver, ast.Subscript | ast.Attribute):
        if isinstance(receiver, ast.Attribute) and receiver.attr == "groupby":
            return True
        receiver = receiver.value
    return (
        isinstance(receiver, ast.Call)
        and isinstance(receiver.func, ast.Attribute)
        and receiver.func.attr == "groupby"
    )


class Handmade:
    """Recognise hand-made resampling (see the module docstring)."""

    ev: Any
    taint: Any
    call_local: Any
    loops_names: list
    statement: Any

    def repeated_in_concat(self, last: str, node: ast.Call) -> Taint | None:
        """Return the taint of a concat that glues some rows in more than once."""
        if last in _COLUMN_STACKS or not node.args:
            return None
        axis = next((k.value for k in node.keywords if k.arg == "axis"), None)
        if axis is None and len(node.args) > 1 and last == "concatenate":
            axis = node.args[1]
        if constant(axis, 0) in (1, "columns", -1):
            return None
        elts = node.args[0]
        if not isinstance(elts, ast.List | ast.Tuple):
            return None
        rows = [e for e in elts.elts if isinstance(e, ast.Name | ast.Subscript |
                                                   ast.Attribute)]  # fmt: skip
        seen: set = set()
        for e in rows:
            key = _bare(e)
            if key in seen:
                return self.taint("leak", f"{last} of the same rows twice")
            seen.add(key)
        for e in rows:  # X next to X[y == 1]: the minority twice
            if (
                isinstance(e, ast.Subscript)
                and _bare(e.value) in seen
                and self._is_row_pick(e)
            ):
                return self.taint("leak", f"{last} of rows with a copy of a part")
        return self._accumulated(last, rows)

    @staticmethod
    def _is_row_pick(node: ast.Subscript) -> bool:
        return _is_mask(node.slice) or isinstance(node.value, ast.Attribute)

    def _accumulated(self, last: str, rows: list) -> Taint | None:
        """``df = pd.concat([df, minority])`` in a loop adds the same rows each pass."""
        if not self.loops_names:
            return None
        target = self.statement
        if not isinstance(target, ast.Assign | ast.AugAssign):
            return None
        targets = target.targets if isinstance(target, ast.Assign) else [target.target]
        names = {t.id for t in targets if isinstance(t, ast.Name)}
        inside = self.loops_names[-1]
        given = [e.id for e in rows if isinstance(e, ast.Name)]
        if not names & set(given):
            return None
        fixed = [n for n in given if n not in names and n not in inside]
        if fixed and all(self._rows_named(n) for n in fixed):
            return self.taint("leak", f"{last} of the same rows in a loop")
        return None

    def _rows_named(self, name: str) -> bool:
        value = self.lookup(name)
        return value is not None and value.rows and not value.const

    def appended_in_loop(self, name: str, node: ast.Call, args: list) -> Taint | None:
        """``frames.append(minority)`` in a loop: the same rows in the list k times."""
        if name not in ("append", "extend") or not self.loops_names or not args:
            return None
        arg = node.args[0]
        if not isinstance(arg, ast.Name | ast.Subscript | ast.Attribute):
            return None
        used = {n.id for n in ast.walk(arg) if isinstance(n, ast.Name)}
        if used & self.loops_names[-1]:
            return None  # rows that change with the loop: chunks, groups
        if not (args[0].rows and not args[0].const):
            return None
        return self.taint("leak", f"{name} of the same rows in a loop")

    def cut(self, receiver: Value, name: str, node: ast.Call, kwnodes: dict) -> Value:
        """``.sample(n)`` or ``.head(n)``: a part (a class cut to size)."""
        sized = bool(node.args) or "n" in kwnodes
        if "frac" in kwnodes or not sized:
            return receiver.data()
        if name == "head" and not receiver.subset and not _grouped(node):
            return receiver.data()
        what = f".{name}({ast.unparse(node.args[0]) if node.args else 'n'})"
        if len(what) > 30:
            what = f".{name}(n)"
        taint = self.taint("leak", UNDER + what)
        rows = receiver.data()
        if _grouped(node):  # one cut per class: the classes are balanced
            return rows.with_taints(taint)
        return Value(rows.taints, rows.parts | {taint}, rows=True)

    def sliced(self, base: Value, node: ast.Subscript, result: Value) -> Value:
        """Mark a row condition's subset; a slice of a subset is a part."""
        if _is_mask(node.slice):
            return Value(result.taints, result.parts, rows=True, subset=True)
        if isinstance(node.slice, ast.Slice) and base.subset:
            taint = self.taint("leak", UNDER + f"[{ast.unparse(node.slice)}]")
            return Value(result.taints, result.parts | {taint}, rows=True)
        return result

    def repeated_index(self, receiver: Value) -> Value:
        """``df.index.repeat(w)``: an index that selects rows more than once."""
        part = self.taint("leak", "index.repeat")
        rows = receiver.data()
        return Value(rows.taints, rows.parts | {part}, rows=True)

    def applied(self, receiver: Value, func: Func, node: ast.Call, args: list) -> Value:
        """``df.groupby(y).apply(lambda g: g.sample(n, replace=True))``."""
        out = self.call_local(func, [receiver.data(), *args[1:]], {}).data()
        body = getattr(func.node, "body", None)
        if (
            _grouped(node)
            and isinstance(body, ast.Call)
            and isinstance(body.func, ast.Attribute)
            and body.func.attr in ("sample", "head")
            and (body.args or any(k.arg == "n" for k in body.keywords))
        ):  # each group cut or drawn to one size: classes balanced by hand
            out = out.with_taints(self.taint("leak", "groupby(...).apply(sample)"))
        return Value(out.taints, out.parts, rows=True)

    lookup: Any
