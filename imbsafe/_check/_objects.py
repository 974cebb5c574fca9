"""Classes of the checked file: instances, their methods and ``self.`` attributes.

A mixin of :class:`imbsafe._check._expr.Expressions`. ``FraudModel()`` makes
an instance named by where it was made; its ``__init__`` and its methods run
as the file's functions do, with ``self`` bound to it, whether called
through ``self.`` or through the instance. What a method stores on
``self.X`` is kept per instance (the last store wins, as the statements
run in order) and read back by the other methods. A method no one calls is
analysed on its own with a ``self`` of its class, after the module.
Inherited methods are found through bases defined in the file; a method
the checker cannot find gives an unknown value.
"""

from __future__ import annotations

import ast
from typing import Any

from ._values import CLEAN, Func, Instance, Klass, Obj, Value, union

__all__ = ["Objects"]

_MAX_BASES = 8


class Objects:
    """Instances of the file's classes (see the module docstring)."""

    heap: dict
    memo: dict
    stores: int
    lookup: Any
    call_local: Any
    line: int
    depth: int

    def find_method(self, klass: Klass, name: str) -> Func | None:
        """Find the method ``name`` of ``klass`` or of a base defined in the file."""
        seen = 0
        todo = [klass]
        while todo and seen < _MAX_BASES:
            current = todo.pop(0)
            seen += 1
            method = current.methods.get(name)
            if method is not None:
                return method
            for base in current.bases:
                value = self.lookup(base)
                if value is not None and isinstance(value.obj, Klass):
                    todo.append(value.obj)
        return None

    def instantiate(self, klass: Klass, args: list, kwvalues: dict) -> Value:
        """``Klass(...)``: a new instance, its ``__init__`` run on the arguments."""
        instance = Value(obj=Obj(klass, f"{klass.name}@{self.line}"))
        init = self.find_method(klass, "__init__")
        if init is not None:
            self.call_local(init, [instance, *args], kwvalues)
        return instance

    def call_object(
        self, receiver: Value, name: str, args: list, kwvalues: dict
    ) -> Value | None:
        """``obj.method(...)`` on an instance: run the method, or None if unknown."""
        obj = receiver.obj
        method = self.find_method(obj.klass, name)
        if method is None:
            return None
        if _is_static(method.node):
            return self.call_local(method, args, kwvalues)
        given = (*args, *kwvalues.values())
        if any(t.kind in ("leak", "preprocessing") for v in given for t in v.taints):
            return self.call_local(method, [receiver, *args], kwvalues)
        # methods calling each other through self: the same call on the same
        # state gives the same value (keeps the work linear on large classes)
        try:
            key = (id(method.node), obj.oid, args and tuple(args),
                   tuple(sorted(kwvalues.items())), self.depth, len(self.heap),
                   self.stores)  # fmt: skip
            hash(key)
        except TypeError:
            return self.call_local(method, [receiver, *args], kwvalues)
        found = self.memo.get(key)
        if found is None:
            found = self.call_local(method, [receiver, *args], kwvalues)
            self.memo[key] = found
        return found

    def fallback(self, receiver: Value) -> Value:
        """See an instance as an object of a class the checker does not model."""
        return Value(obj=Instance(receiver.obj.klass.name))

    def attribute(self, base: Value, name: str) -> Value:
        """``obj.name``: what the instance holds there (unknown if nothing)."""
        return self.heap.get((base.obj.oid, name), CLEAN)

    def store(self, base: Value, name: str, value: Value, whole: bool) -> None:
        """``obj.name = value`` (``whole``), or rows written into part of it."""
        key = (base.obj.oid, name)
        self.stores += 1
        if whole:
            self.heap[key] = value
            return
        old = self.heap.get(key, CLEAN)
        if isinstance(old.obj, Obj | Func):
            return
        rows = union((old, value))
        self.heap[key] = Value(rows.taints, rows.parts, None, old.obj, old.listy,
                               rows.rows)  # fmt: skip

    def object_of(self, target: ast.AST) -> tuple[Value, str] | None:
        """For ``self.X`` or ``self.X[...]`` as a target: the instance and ``X``."""
        node = target
        while isinstance(node, ast.Subscript):
            node = node.value
        if not isinstance(node, ast.Attribute):
            return None
        base = self.ev(node.value)
        if isinstance(base.obj, Obj):
            return base, node.attr
        return None

    ev: Any


def _is_static(node: ast.AST) -> bool:
    return any(
        isinstance(d, ast.Name) and d.id == "staticmethod"
        for d in getattr(node, "decorator_list", ())
    )
