"""Across the files of one check run: tables written and read, sibling modules.

A :class:`Project` holds what the files checked together share. A table
one file writes (``to_csv``, ``to_parquet``, ``np.save``, ``joblib.dump``,
``pickle.dump``, ``torch.save``) under a literal path is kept with the
resamplings its rows went through; another file (or the same one, further
down) reading a literal path with that file name reads those rows. A
function imported from a sibling module (``from utils import balance``,
``import utils``) is analysed on the caller's arguments, as a function of
the file is, in that module's globals. The reader is checked again once
the writers are known, until nothing new is written (a few rounds at
most). A path that is not a literal, a file name written by several
files of other folders, or a module name found in several folders is not
followed: no guessing.

:class:`Tables` is the mixin of :class:`imbsafe._check._expr.Expressions`
that recognises the writes and the reads.
"""

from __future__ import annotations

import ast
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ._values import CLEAN, Taint, Value

__all__ = ["Project", "Tables", "literal_path"]

WRITERS = frozenset({"to_csv", "to_parquet", "to_pickle", "to_feather", "to_hdf",
                     "to_json", "to_excel", "save_to_disk"})  # fmt: skip
# module function -> position of the path, position of the data
SAVERS = {"save": (0, 1), "savez": (0, 1), "savez_compressed": (0, 1),
          "savetxt": (0, 1), "dump": (1, 0)}  # fmt: skip
READERS = frozenset({"read_csv", "read_parquet", "read_pickle", "read_feather",
                     "read_hdf", "read_json", "read_excel", "load", "loadtxt",
                     "genfromtxt", "load_from_disk", "read_table"})  # fmt: skip
_IO_MODULES = ("pandas", "numpy", "joblib", "pickle", "torch", "datasets", "dill",
               "polars", "cloudpickle")  # fmt: skip
ROUNDS = 4


def literal_path(node: ast.AST | None, strings: dict) -> str | None:
    """Return the path an expression names, when it is literal enough to match.

    A string, a name bound to one, an f-string or ``os.path.join``/``/``
    ending in a literal file name.
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return strings.get(node.id)
    if isinstance(node, ast.JoinedStr) and node.values:
        last = node.values[-1]
        if isinstance(last, ast.Constant) and isinstance(last.value, str):
            return last.value.split("/")[-1] or None
        return None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        return literal_path(node.right, strings)
    if isinstance(node, ast.Call) and node.args:
        name = ast.unparse(node.func)
        if name.endswith(("path.join", "Path")):
            return literal_path(node.args[-1], strings)
        if name == "open":
            return literal_path(node.args[0], strings)
    return None


@dataclass
class Written:
    """A table one file wrote: where, and the resamplings its rows went through."""

    path: str
    place: str
    taints: frozenset
    # a choice on this file's test part (a best state saved): for this file only
    local: frozenset = frozenset()


@dataclass
class Project:
    """What the files of one check run share (see the module docstring)."""

    files: list = field(default_factory=list)
    tables: dict = field(default_factory=dict)  # file name -> {writer: Written}
    reads: dict = field(default_factory=dict)  # reader path -> file names read
    modules: dict = field(default_factory=dict)  # module path -> globals or None
    stems: dict | None = None  # module name -> files, made on first use
    # runs a sibling module's top level once and returns its globals: the
    # engine's, given by the runner (None: imports of siblings not followed)
    run_module: Callable | None = None

    def written(self, name: str, reader: str, line: int) -> list:
        """Return what the tables named ``name`` that ``reader`` may read hold."""
        base = os.path.basename(name)
        self.reads.setdefault(reader, set()).add(base)
        writers = self.tables.get(base, {})
        found = []
        for (path, wline), table in writers.items():
            if path == reader and wline >= line:
                continue
            found.append(table)
        if len({os.path.dirname(t.path) for t in found}) > 1:
            here = os.path.dirname(reader)
            near = [t for t in found if _related(os.path.dirname(t.path), here)]
            found = near if len({os.path.dirname(t.path) for t in near}) == 1 else []
        return found

    def module_path(self, module: str, importer: str) -> str | None:
        """Return the sibling file a module name imports, if one file fits."""
        stem = module.lstrip(".").split(".")[-1]
        if not stem:
            return None
        if self.stems is None:
            self.stems = {}
            for f in self.files:
                self.stems.setdefault(_stem(f), []).append(f)
        here = os.path.dirname(importer)
        matches = [f for f in self.stems.get(stem, ()) if f != importer]
        same = [f for f in matches if os.path.dirname(f) == here]
        if same:
            return same[0]
        return matches[0] if len(matches) == 1 else None


def _stem(path: str) -> str:
    name = os.path.basename(path)
    return name[:-3] if name.endswith(".py") else ""


def _related(a: str, b: str) -> bool:
    a, b = os.path.abspath(a), os.path.abspath(b)
    return a == b or a.startswith(b + os.sep) or b.startswith(a + os.sep)


class Tables:
    """Writes and reads of tables by literal path (see the module docstring)."""

    project: Project | None
    path: str
    strings: dict
    line: int
    place: Any

    def wrote(self, node: ast.AST | None, value: Value) -> None:
        if self.project is None or self.file:
            return
        name = literal_path(node, self.strings)
        taints = frozenset(t for t in value.taints
                           if t.kind in ("leak", "preprocessing"))  # fmt: skip
        local = frozenset(t for t in value.taints if t.kind in ("chosen", "test"))
        if not name:
            return
        kept = frozenset(
            Taint(t.kind, 0, t.what, note=t.note or f"at {self.place(t)}")
            for t in taints
        )
        key = (self.path, self.line)
        tables = self.project.tables.setdefault(os.path.basename(name), {})
        old = tables.get(key)
        if old is not None:
            kept |= old.taints
            local |= old.local
        tables[key] = Written(self.path, self.place_line(self.line), kept, local)

    def read(self, node: ast.AST | None) -> Value:
        if self.project is None or self.file:
            return CLEAN
        name = literal_path(node, self.strings)
        if not name:
            return CLEAN
        taints = set()
        here = os.path.dirname(self.path)
        for table in self.project.written(name, self.path, self.line):
            if table.path == self.path:
                taints |= table.local
            writer = _relative(table.place, here)
            for t in table.taints:
                note = (
                    f"{_relative(t.note, here)}, written to "
                    f"{os.path.basename(name)} at {writer} and read"
                )
                taints.add(Taint(t.kind, self.line, t.what, self.depth, note=note))
        if not taints:
            return Value(rows=True)
        return Value(frozenset(taints), rows=True)

    def place_line(self, line: int) -> str:
        """Name a line of this file for another file's message (path, NUL, line)."""
        where = self.where(line)
        return f"{self.path}\x00{where[5:] if where.startswith('line ') else where}"

    def place(self, taint: Any) -> str:
        if taint.file:
            return f"{taint.file}\x00{taint.line}"
        return self.place_line(taint.line)

    def imported(self, qual: str) -> Any:
        """Return the function of a sibling module that ``qual`` names, if one fits."""
        if self.project is None or "." not in qual:
            return None
        module, _, name = qual.rpartition(".")
        path = self.project.module_path(module, self.file or self.path)
        if path is None:
            return None
        scope = self.project.modules.get(path, False)
        if scope is False:
            self.project.modules[path] = None  # a cycle of imports: not followed
            run = self.project.run_module
            scope = run(path, self.project) if run is not None else None
            self.project.modules[path] = scope
        if scope is None:
            return None
        value = scope.get(name)
        func = getattr(value, "obj", None)
        return func if getattr(func, "module", None) is not None else None

    file: str
    depth: int
    where: Any


def _relative(text: str, here: str) -> str:
    """``at /a/b/prep.py:3`` said from folder ``/a``: ``at b/prep.py:3``."""
    prefix = "at " if text.startswith("at ") else ""
    body = text[len(prefix) :]
    path, sep, rest = body.partition("\x00")
    if not sep:
        return text
    shown = os.path.relpath(path, here or ".") if path else path
    return f"{prefix}{shown}:{rest}"
