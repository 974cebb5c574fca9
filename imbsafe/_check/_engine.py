"""The data-flow engine: statements, scopes, helper functions, findings.

One pass over the module in order (notebook cells concatenated), keeping
what each variable may hold (:class:`~imbsafe._check._values.Value`).
Branches are merged (a resampling on one path may reach the sink), loop
bodies run twice so a value made in one iteration reaches the next, and
reassignment replaces what a name held. A function of the file is analysed
at each call with the arguments it gets (its returns flow back; a sink it
reaches with the caller's rows is reported at the call); a function never
called is analysed once on its own, its parameters unknown.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import replace
from functools import reduce
from typing import Any

from ._expr import Expressions
from ._handmade import loop_names
from ._project import Project, literal_path
from ._sinks import Sink
from ._values import CLEAN, Func, Funcs, Klass, Obj, Ref, Value, lifted, merge, union

__all__ = ["Flow", "RawFinding"]

MAX_CALL_DEPTH = 6
# Times one function is analysed per file (methods calling each other through
# self multiply the calls); past it, its value is unknown.
MAX_RUNS = 8
MAX_NESTED_LOOPS = 3  # deeper loops run once: keeps the work linear in practice
# Statements run per file before helpers stop being followed (their results
# become unknown) and loops run once: a bound on pathological files.
BUDGET = 300_000


_TARGET_ENCODERS = ("LabelEncoder.", "LabelBinarizer.")


def _without_target_encoding(value: Value) -> Value:
    """Drop a label encoder's fit from rows written to one named column.

    ``df["label"] = LabelEncoder().fit_transform(df["label"])`` encodes the
    target, which is no preprocessing of the features; a label encoder run
    over feature columns in a loop (``df[col] = ...``) still counts.
    """
    kept = frozenset(
        t
        for t in value.taints
        if not (t.kind == "preprocessing" and t.what.startswith(_TARGET_ENCODERS))
    )
    return value if kept == value.taints else replace(value, taints=kept)


class RawFinding:
    """A finding before it is worded: its sink, the taints that reached it."""

    __slots__ = ("detail", "sink", "taints")

    def __init__(self, sink: Sink, taints: set, detail: str) -> None:
        self.sink = sink
        self.taints = set(taints)
        self.detail = detail


class Flow(Expressions):
    """Analyse one module; ``findings`` maps (line, kind) to a RawFinding.

    ``project`` is what the files checked together share (None for one
    text); ``path`` and ``where`` name this file and its lines; ``file`` is
    set when the module runs as a sibling of the checked file (its findings
    are not this file's).
    """

    def __init__(
        self,
        project: Project | None = None,
        path: str = "<string>",
        where: Any = None,
        file: str = "",
    ) -> None:
        self.project = project
        self.path = path
        self.where = where or (lambda line: f"line {line}")
        self.file = file
        self.module: Any = None
        self.heap: dict = {}
        self.memo: dict = {}
        self.runs: dict = {}
        self.stores = 0
        self.told: set = set()
        self.choice_loops: dict = {}
        self.printed_at: dict = {}
        self.choosing: list = []
        self.saved_to: list = []
        self.strings: dict = {}
        self.statement: Any = None
        self.loops_names: list = []
        self.barrier: int | None = None
        self.globals: dict = {}
        self.local: Any = self.globals
        self.outer: Any = None
        self.global_names: set = set()
        self.depth = 0
        self.lines = [0]
        self.returns: list | None = None
        self.findings: dict = {}
        self.defined: list = []
        self.called: set = set()
        self.stack: list = []
        self.callees: list = []  # the helper entered from each depth
        self.owners: dict = {}  # a method's node -> its class
        self.loops = 0
        self.steps = 0
        if file:
            self.module = (self.globals, file)

    def run(self, tree: ast.Module) -> dict:
        self.body(tree.body)
        done = 0
        while done < len(self.defined):  # functions no one called, on their own
            func = self.defined[done]
            done += 1
            if id(func.node) not in self.called:
                self.called.add(id(func.node))
                self.call_local(func, self._self_of(func), {}, standalone=True)
        self.tell_printed()
        return self.findings

    def _self_of(self, func: Func) -> list:
        """Give a method analysed on its own an instance of its class as ``self``."""
        klass = self.owners.get(id(func.node))
        node = func.node
        if klass is None or not (node.args.posonlyargs or node.args.args):
            return []
        if any(getattr(d, "id", "") == "staticmethod" for d in node.decorator_list):
            return []
        if any(getattr(d, "id", "") == "classmethod" for d in node.decorator_list):
            return [Value(obj=klass)]
        return [Value(obj=Obj(klass, klass.name))]

    # -- scopes -------------------------------------------------------------

    def bind(self, name: str, value: Value) -> None:
        if name in self.global_names:
            self.globals[name] = value
        else:
            self.local[name] = value

    def rebind(self, target: ast.AST, value: Value) -> None:
        """Record that a method changed an object in place (``scaler.fit``)."""
        if isinstance(target, ast.Name):
            self.bind(target.id, value)
        elif isinstance(target, ast.Attribute | ast.Subscript):
            held = self.object_of(target)
            if held is not None:
                self.store(*held, value, isinstance(target, ast.Attribute))
            else:
                self._absorb(target, value)

    def _absorb(self, target: ast.AST, value: Value) -> None:
        """Add rows written into part of a variable (``df[col] = ...``) to it."""
        root = target
        while isinstance(root, ast.Attribute | ast.Subscript):
            root = root.value
        if not isinstance(root, ast.Name) or not (value.taints or value.parts):
            return
        old = self.lookup(root.id) or CLEAN
        if isinstance(old.obj, Ref | Func):
            return
        rows = union((old, value))
        self.bind(root.id, Value(rows.taints, rows.parts, None, old.obj, old.listy))

    def assign(self, target: ast.AST, value: Value) -> None:
        if any(self.choosing) and not isinstance(target, ast.Tuple | ast.List):
            value = self.kept(value)
        if isinstance(target, ast.Name):
            self.bind(target.id, value)
        elif isinstance(target, ast.Tuple | ast.List):
            if isinstance(value.obj, Funcs):  # for name, fn in samplers.items()
                for elt in target.elts:
                    self.assign(elt, value)
                return
            starred = any(isinstance(e, ast.Starred) for e in target.elts)
            if (
                value.items is not None
                and not starred
                and len(value.items) == len(target.elts)
            ):
                for elt, item in zip(target.elts, value.items, strict=True):
                    self.assign(elt, item)
            else:
                for elt in target.elts:
                    self.assign(elt, value.data())
        elif isinstance(target, ast.Starred):
            rows = value.data()
            self.assign(target.value, Value(rows.taints, rows.parts, listy=True))
        elif isinstance(target, ast.Subscript):
            self.ev(target.value)
            key = self.ev(target.slice)
            if key.const and value.taints:
                value = _without_target_encoding(value)
            held = self.object_of(target)
            if held is not None:
                self.store(*held, value, False)
            else:
                self._absorb(target, value)
        elif isinstance(target, ast.Attribute):
            held = self.object_of(target)
            if held is not None:
                self.store(*held, value, True)
            else:
                self._absorb(target, value)

    def _snapshot(self) -> dict:
        return dict(self.local)

    def _restore(self, state: dict) -> None:
        if self.local is self.globals:
            self.globals.clear()
            self.globals.update(state)
        else:
            self.local.clear()
            self.local.update(state)

    def _join(self, *states: dict) -> None:
        """Make the scope hold what any of ``states`` (or itself) may hold."""
        current = self.local
        for state in states:
            for name, value in state.items():
                mine = current.get(name)
                if mine is not value:
                    current[name] = merge(mine, value)

    # -- statements -----------------------------------------------------------

    def body(self, statements: Iterable[ast.stmt]) -> None:
        for statement in statements:
            self.steps += 1
            self.statement = statement
            self.lines[self.depth] = statement.lineno
            method = getattr(self, "st_" + type(statement).__name__, None)
            if method is not None:
                method(statement)
            else:
                for child in ast.iter_child_nodes(statement):
                    if isinstance(child, ast.expr):
                        self.ev(child)

    def st_Expr(self, node: ast.Expr) -> None:
        self.ev(node.value)

    def st_Assign(self, node: ast.Assign) -> None:
        value = self.ev(node.value)
        for target in node.targets:
            self.assign(target, value)
            if isinstance(target, ast.Name) and self.local is self.globals:
                path = literal_path(node.value, self.strings)
                if path is not None:
                    self.strings[target.id] = path
                else:
                    self.strings.pop(target.id, None)

    def st_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.assign(node.target, self.ev(node.value))

    def st_AugAssign(self, node: ast.AugAssign) -> None:
        old = self.ev(node.target)
        value = self.ev(node.value)
        rows = union((old, value))
        if isinstance(node.op, ast.Add) and (old.listy or value.listy):
            rows = rows.glued()
        new = Value(rows.taints, rows.parts, None, old.obj, old.listy)
        if isinstance(node.target, ast.Name):
            self.bind(node.target.id, new)
        else:
            self._absorb(node.target, value)

    def st_If(self, node: ast.If) -> None:
        choice = self.choice_of(self.ev(node.test))
        before = self._snapshot()
        self.choosing.append(choice)
        try:
            self.body(node.body)
        finally:
            self.choosing.pop()
        after = self._snapshot()
        self._restore(before)
        self.body(node.orelse)
        self._join(after)

    def st_For(self, node: ast.For | ast.AsyncFor) -> None:
        element = self.element(self.ev(node.iter))
        self._loop(node, lambda: self.assign(node.target, element))

    st_AsyncFor = st_For

    def st_While(self, node: ast.While) -> None:
        self.ev(node.test)
        self._loop(node, lambda: self.ev(node.test))

    def _loop(self, node: Any, start: Any) -> None:
        before = self._snapshot()
        passes = 2 if self.loops < MAX_NESTED_LOOPS and self.steps < BUDGET else 1
        self.loops += 1
        self.loops_names.append(loop_names(node))
        try:
            for _ in range(passes):
                start()
                self.body(node.body)
                self._join(before)
        finally:
            self.loops -= 1
            self.loops_names.pop()
        self.body(node.orelse)

    def st_With(self, node: ast.With | ast.AsyncWith) -> None:
        for item in node.items:
            self.ev(item.context_expr)
            if item.optional_vars is not None:
                self.assign(item.optional_vars, CLEAN)
        self.body(node.body)

    st_AsyncWith = st_With

    def st_Try(self, node: Any) -> None:
        before = self._snapshot()
        self.body(node.body)
        after = self._snapshot()
        for handler in node.handlers:
            self._restore(before)
            self._join(after)
            if handler.name:
                self.bind(handler.name, CLEAN)
            self.body(handler.body)
            after = self._merged(after)
        self._restore(after)
        self.body(node.orelse)
        self.body(node.finalbody)

    st_TryStar = st_Try

    def _merged(self, state: dict) -> dict:
        mine = self._snapshot()
        for name, value in state.items():
            mine[name] = merge(mine.get(name), value)
        return mine

    def st_Match(self, node: Any) -> None:
        self.ev(node.subject)
        before = self._snapshot()
        states = []
        for case in node.cases:
            self._restore(before)
            self.body(case.body)
            states.append(self._snapshot())
        self._restore(before)
        self._join(*states)

    def st_Return(self, node: ast.Return) -> None:
        value = self.ev(node.value)
        if self.returns is not None:
            self.returns.append(value)

    def st_FunctionDef(self, node: Any) -> None:
        for decorator in node.decorator_list:
            self.ev(decorator)
        closure = None if self.local is self.globals else self.local
        func = Func(node, node.name, closure, self.module)
        self.bind(node.name, Value(obj=func))
        self.defined.append(func)

    st_AsyncFunctionDef = st_FunctionDef

    def st_ClassDef(self, node: ast.ClassDef) -> None:
        methods = {}
        bases = tuple(b.id for b in node.bases if isinstance(b, ast.Name))
        klass = Klass(node.name, methods, bases)
        for child in node.body:
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                func = Func(child, child.name, None, self.module)
                methods[child.name] = func
                self.owners[id(child)] = klass
                self.defined.append(func)
        self.bind(node.name, Value(obj=klass))

    def st_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self.bind(alias.asname, Value(obj=Ref(alias.name)))
            else:
                first = alias.name.split(".")[0]
                self.bind(first, Value(obj=Ref(first)))

    def st_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = "." * node.level + (node.module or "")
        for alias in node.names:
            if alias.name != "*":
                qual = f"{module}.{alias.name}" if module else alias.name
                self.bind(alias.asname or alias.name, Value(obj=Ref(qual)))

    def st_Global(self, node: ast.Global) -> None:
        self.global_names.update(node.names)

    st_Nonlocal = st_Global

    # -- helpers of the file ----------------------------------------------------

    def call_local(
        self, func: Func, args: list, kwargs: dict, standalone: bool = False
    ) -> Value:
        """Analyse ``func`` on these arguments; return what it may return."""
        node = func.node
        self.called.add(id(node))
        if len(self.stack) >= MAX_CALL_DEPTH or node in self.stack:
            return CLEAN  # recursion, or too deep to follow: unknown
        if self.steps >= BUDGET and not standalone:
            return CLEAN
        runs = self.runs.get(id(node), 0)
        if runs >= MAX_RUNS and not standalone:
            return CLEAN  # analysed often enough: its value is unknown from here
        self.runs[id(node)] = runs + 1
        scope = self._parameters(node.args, args, dict(kwargs))
        saved = (self.local, self.outer, self.global_names, self.returns, self.depth)
        foreign = (self.globals, self.file, self.module, self.barrier)
        if func.module is not None and func.module[0] is not None:
            if func.module[0] is not self.globals and self.barrier is None:
                self.barrier = self.depth
            self.globals, self.file = func.module
            self.module = func.module
        self.local, self.outer, self.global_names = scope, func.closure, set()
        self.returns = []
        if not standalone:
            self.depth += 1
            self.lines.append(node.lineno)
            self.callees.append(func.name)
        self.stack.append(node)
        try:
            if isinstance(node, ast.Lambda):
                self.returns.append(self.ev(node.body))
            else:
                self.body(node.body)
            returned = reduce(merge, self.returns) if self.returns else CLEAN
        finally:
            self.stack.pop()
            if not standalone:
                self.lines.pop()
                self.callees.pop()
            (self.local, self.outer, self.global_names, self.returns, self.depth) = (
                saved
            )
            self.globals, self.file, self.module, self.barrier = foreign
        return lifted(returned, self.depth, self.line)

    @staticmethod
    def _parameters(spec: ast.arguments, args: list, kwargs: dict) -> dict:
        scope: dict = {}
        positional = [*spec.posonlyargs, *spec.args]
        for i, param in enumerate(positional):
            if i < len(args):
                scope[param.arg] = args[i]
            else:
                scope[param.arg] = kwargs.pop(param.arg, CLEAN)
        if spec.vararg is not None:
            extra = args[len(positional) :]
            rows = union(extra)
            scope[spec.vararg.arg] = Value(rows.taints, rows.parts, tuple(extra))
        for param in spec.kwonlyargs:
            scope[param.arg] = kwargs.pop(param.arg, CLEAN)
        if spec.kwarg is not None:
            scope[spec.kwarg.arg] = union(kwargs.values())
        return scope

    # -- findings -----------------------------------------------------------------

    def report(self, kind: str, sink: Sink, taints: set, detail: str) -> None:
        if self.file and self.barrier is None:
            return  # a sibling module's own findings: its own check reports them
        frame = min(min(t.frame for t in taints), self.depth)
        if self.barrier is not None:
            frame = min(frame, self.barrier)
        line = self.lines[frame]
        if frame < self.depth:  # in a helper, on rows its caller passed in
            sink = replace(sink, name=f"{sink.name} in {self.callees[frame]}()")
        self.report_at(line, kind, sink, taints, detail)

    def report_at(
        self, line: int, kind: str, sink: Sink, taints: set, detail: str = ""
    ) -> None:
        found = self.findings.get((line, kind))
        if found is None:
            self.findings[(line, kind)] = RawFinding(sink, taints, detail)
        else:
            found.taints |= taints
