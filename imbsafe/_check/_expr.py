"""Expressions: the value each one gives (calls are in ``_calls``).

A mixin of :class:`imbsafe._check._engine.Flow`, which supplies the scopes
(``local``, ``globals``, ``outer``), the call depth and the line of the
statement running at each depth (``lines``), ``bind``/``rebind``,
``call_local`` and ``report``.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from functools import reduce
from typing import Any

from ._calls import Calls
from ._handmade import UNDER
from ._sinks import Sink
from ._sources import constant
from ._values import (
    CLEAN,
    CONSTANT,
    Func,
    Funcs,
    Instance,
    Obj,
    Ref,
    Taint,
    Value,
    merge,
    union,
)

__all__ = ["Expressions"]

_SAID = frozenset({"score", "chosen", "test"})
_PARTS = frozenset({"splits", "train", "test", "val"})


class Expressions(Calls):
    """Evaluate expressions (see the module docstring for what the host supplies)."""

    local: Any
    globals: dict
    outer: Any
    depth: int
    lines: list
    returns: list | None

    # -- helpers the statements use too -----------------------------------

    @property
    def line(self) -> int:
        return self.lines[self.depth]

    def taint(self, kind: str, what: str) -> Taint:
        return Taint(kind, self.line, what, self.depth, file=self.file)

    def lookup(self, name: str) -> Value | None:
        value = self.local.get(name)
        if value is not None:
            return value
        if self.outer is not None and name in self.outer:
            return self.outer[name]
        return self.globals.get(name)

    def element(self, value: Value) -> Value:
        """One element of an iterable value (a loop variable)."""
        if isinstance(value.obj, Funcs):
            return value
        if value.items:
            return reduce(merge, value.items).data()
        return value.data()

    def sink(
        self,
        sink: Sink,
        values: list,
        preprocessed: list = (),  # type: ignore[assignment]
        detail: str = "",
    ) -> None:
        """Report resampled rows in ``values`` and preprocessed ones."""
        leak = {t for v in values for t in v.taints if t.kind == "leak"}
        if leak:
            self.report("leak", sink, leak, detail)
        seen = {t for v in preprocessed for t in v.taints if t.kind == "preprocessing"}
        if seen:
            self.report("preprocessing", sink, seen, detail)

    # -- expressions --------------------------------------------------------

    def ev(self, node: ast.AST | None) -> Value:
        if node is None:
            return CLEAN
        method = getattr(self, "ev_" + type(node).__name__, None)
        if method is None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.expr):
                    self.ev(child)
            return CLEAN
        return method(node)

    def ev_Constant(self, node: ast.Constant) -> Value:
        return CONSTANT

    def ev_Name(self, node: ast.Name) -> Value:
        value = self.lookup(node.id)
        return CLEAN if value is None else value

    def ev_Attribute(self, node: ast.Attribute) -> Value:
        base = self.ev(node.value)
        if isinstance(base.obj, Ref):
            return Value(obj=Ref(f"{base.obj.qual}.{node.attr}"))
        if isinstance(base.obj, Obj):
            return self.attribute(base, node.attr)
        if base.obj is not None:
            return CLEAN  # an estimator's attribute (best_estimator_): not rows
        return base.data()

    def ev_Subscript(self, node: ast.Subscript) -> Value:
        base = self.ev(node.value)
        index = self.ev(node.slice)
        if isinstance(base.obj, Ref):
            if base.obj.qual.rsplit(".", 1)[-1] in ("r_", "c_"):
                return index.glued()
            return CLEAN
        position = constant(node.slice)
        splits = [t for t in base.taints if t.kind == "splits"]
        if position in ("train", "test") and splits:
            # splits["test"] of a Dataset.train_test_split: its test part
            # (a validation part when the rows split were a part already)
            first = min(splits, key=lambda t: t.line)
            kind = "train" if position == "train" else "test"
            if kind == "test" and first.what != "train_test_split":
                kind = "val"
            rows = base.data()
            kept = frozenset(t for t in rows.taints if t.kind not in _PARTS)
            part = Taint(kind, first.line, "train_test_split", self.depth)
            return Value(kept | {part}, rows.parts, rows=True)
        if (
            base.items is not None
            and isinstance(position, int)
            and -len(base.items) <= position < len(base.items)
        ):
            return base.items[position]
        if base.obj is not None and not isinstance(base.obj, Instance):
            return CLEAN
        # indices drawn with replacement select rows more than once; a cut
        # index (under-sampling) only selects them
        drawn = {t for t in index.parts if not t.what.startswith(UNDER)}
        if drawn:
            index = Value(index.taints | drawn, index.parts - drawn, rows=True)
        return self.sliced(base, node, union((base, index)))

    def ev_Starred(self, node: ast.Starred) -> Value:
        return self.ev(node.value)

    def ev_Tuple(self, node: ast.Tuple | ast.List | ast.Set) -> Value:
        items = tuple(self.ev(e) for e in node.elts)
        whole = union(items)
        listy = not isinstance(node, ast.Tuple)
        return replace(whole, items=items, listy=listy)

    ev_List = ev_Set = ev_Tuple

    def ev_Dict(self, node: ast.Dict) -> Value:
        for key in node.keys:
            self.ev(key)
        values = [self.ev(v) for v in node.values]
        funcs = tuple(v.obj for v in values if isinstance(v.obj, Func))
        if funcs and len(funcs) == len(values):
            return Value(obj=Funcs(funcs))
        return union(values)

    def ev_BinOp(self, node: ast.BinOp) -> Value:
        left, right = self.ev(node.left), self.ev(node.right)
        if isinstance(node.op, ast.Mult):
            for seq, seq_node, times in (
                (left, node.left, right),
                (right, node.right, left),
            ):
                if self._repeats_rows(seq, seq_node) and not times.listy:
                    part = self.taint("leak", "list repetition ([rows] * k)")
                    return Value(seq.taints, seq.parts | {part}, listy=True, rows=True)
        if isinstance(node.op, ast.Add) and (left.listy or right.listy):
            return replace(union((left, right)).glued(), listy=True)
        return union((left, right))

    @staticmethod
    def _repeats_rows(value: Value, node: ast.AST) -> bool:
        """Tell ``[df_minority] * k`` (rows) from ``[0] * n`` or ``[label] * n``."""
        if isinstance(node, ast.List):
            return any(v.rows and not v.const for v in value.items or ())
        return value.listy and value.rows and not value.const

    def ev_UnaryOp(self, node: ast.UnaryOp) -> Value:
        return self.ev(node.operand).data()

    def ev_BoolOp(self, node: ast.BoolOp) -> Value:
        return reduce(merge, (self.ev(v) for v in node.values))

    def ev_Compare(self, node: ast.Compare) -> Value:
        values = [self.ev(node.left), *(self.ev(c) for c in node.comparators)]
        if len(values) == 2 and isinstance(node.ops[0], ast.Eq | ast.NotEq):
            score = self.compared(*values)
            if score is not None:
                return score
        return union(values)

    def ev_IfExp(self, node: ast.IfExp) -> Value:
        self.ev(node.test)
        return merge(self.ev(node.body), self.ev(node.orelse))

    def ev_Slice(self, node: ast.Slice) -> Value:
        return union(self.ev(n) for n in (node.lower, node.upper, node.step))

    def ev_Lambda(self, node: ast.Lambda) -> Value:
        closure = None if self.local is self.globals else self.local
        return Value(obj=Func(node, "<lambda>", closure, self.module))

    def ev_JoinedStr(self, node: ast.JoinedStr) -> Value:
        said = set()
        for value in node.values:
            if isinstance(value, ast.FormattedValue):
                said |= {t for t in self.ev(value.value).taints if t.kind in _SAID}
        # a text holds no rows, but may say a score chosen on the test part
        return Value(frozenset(said)) if said else CLEAN

    def ev_NamedExpr(self, node: ast.NamedExpr) -> Value:
        value = self.ev(node.value)
        self.bind(node.target.id, value)
        return value

    def ev_Yield(self, node: ast.Yield | ast.YieldFrom) -> Value:
        value = self.ev(node.value)
        if self.returns is not None:
            self.returns.append(value)
        return CLEAN

    ev_YieldFrom = ev_Yield

    def ev_ListComp(self, node: Any) -> Value:
        from collections import ChainMap

        saved = self.local
        self.local = ChainMap({}, saved)
        try:
            for gen in node.generators:
                self.assign(gen.target, self.element(self.ev(gen.iter)))
                for condition in gen.ifs:
                    self.ev(condition)
            if isinstance(node, ast.DictComp):
                self.ev(node.key)
                value = self.ev(node.value)
            else:
                value = self.ev(node.elt)
        finally:
            self.local = saved
        # a list built from records holds records; [0 for _ in ...] does not
        return Value(value.taints, value.parts, listy=True,
                     rows=not value.const, const=value.const)  # fmt: skip

    ev_SetComp = ev_GeneratorExp = ev_DictComp = ev_ListComp

    # -- supplied by the statements' side -------------------------------------

    def bind(self, name: str, value: Value) -> None:
        raise NotImplementedError  # pragma: no cover

    def rebind(self, target: ast.AST, value: Value) -> None:
        raise NotImplementedError  # pragma: no cover

    def assign(self, target: ast.AST, value: Value) -> None:
        raise NotImplementedError  # pragma: no cover

    def call_local(self, func: Func, args: list, kwargs: dict) -> Value:
        raise NotImplementedError  # pragma: no cover

    def report(self, kind: str, sink: Sink, taints: set, detail: str) -> None:
        raise NotImplementedError  # pragma: no cover
