"""Modules that moved keep their old names: pickles and reprs do not change.

In 0.1 the private modules lived at the package root (``imbsafe._wrapper``);
they now live in subpackages (``imbsafe._fit._wrapper``, #38). A pickle names a
class by ``__module__`` and ``__qualname__``, so two promises follow:

- a pickle made before the move loads after it: importing an old name
  (``imbsafe._wrapper``) gives the moved module itself, the same object;
- a pickle made after the move loads before it, and ``__module__``, reprs and
  warnings read as they did: a moved module runs under its old name, so what
  it defines says ``__module__ == "imbsafe._wrapper"``.

One finder on ``sys.meta_path`` does both, lazily: ``imbsafe/__init__.py``
installs it, and it imports nothing until one of these modules is imported.
The file is read from its new place (``__file__``, ``__spec__`` and relative
imports are the new ones); only ``__name__`` is the old one.
"""

# restructure: keep old names (the tool that moved the modules leaves this alone)

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
from types import ModuleType
from typing import Any

# old (released) name -> where the module lives now
MOVED = {
    "imbsafe._classes": "imbsafe._utils._classes",
    "imbsafe._errors": "imbsafe._utils._errors",
    "imbsafe._extras": "imbsafe._utils._extras",
    "imbsafe._meta": "imbsafe._utils._meta",
    "imbsafe._names": "imbsafe._utils._names",
    "imbsafe._parallel": "imbsafe._utils._parallel",
    "imbsafe._plotting": "imbsafe._utils._plotting",
    "imbsafe._random": "imbsafe._utils._random",
    "imbsafe._rows": "imbsafe._utils._rows",
    "imbsafe._stack": "imbsafe._utils._stack",
    "imbsafe._sampling": "imbsafe._resample._sampling",
    "imbsafe._sample_weight": "imbsafe._resample._sample_weight",
    "imbsafe._wrapper": "imbsafe._fit._wrapper",
    "imbsafe._fit_plan": "imbsafe._fit._plan",
    "imbsafe._own_validation": "imbsafe._fit._own_validation",
    "imbsafe._stopping": "imbsafe._fit._stopping",
    "imbsafe._boosting": "imbsafe._fit._boosting",
    "imbsafe._weights": "imbsafe._fit._weights",
    "imbsafe._cv": "imbsafe._protocols._cv",
    "imbsafe._folds": "imbsafe._protocols._folds",
    "imbsafe._compare": "imbsafe._protocols._compare",
    "imbsafe._comparison": "imbsafe._protocols._comparison",
}
OLD_NAME = {new: old for old, new in MOVED.items()}


class _UnderOldName(importlib.abc.Loader):
    """Run a moved module's file under its old ``__name__``."""

    def __init__(self, loader: Any, old: str) -> None:
        self.loader, self.old = loader, old

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return ModuleType(self.old)  # the import system keeps a given __name__

    def exec_module(self, module: ModuleType) -> None:
        sys.modules[self.old] = module  # found under both names while it runs
        try:
            code = self.loader.get_code(module.__spec__.name)
            exec(code, module.__dict__)  # noqa: S102 - the module's own code
        except BaseException:
            sys.modules.pop(self.old, None)
            raise

    def __getattr__(self, name: str) -> Any:  # get_source, get_filename, ...
        return getattr(self.loader, name)


class _OldName(importlib.abc.Loader):
    """Importing an old name gives the moved module, the same object."""

    def __init__(self, new: str) -> None:
        self.new = new

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        self.module = importlib.import_module(self.new)
        self.spec = self.module.__spec__
        return self.module

    def exec_module(self, module: ModuleType) -> None:
        module.__spec__ = self.spec  # the import system set the old name's spec


class MovedModules(importlib.abc.MetaPathFinder):
    """The finder behind both promises; see the module docstring."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname in MOVED:
            return importlib.machinery.ModuleSpec(fullname, _OldName(MOVED[fullname]))
        if fullname in OLD_NAME:
            spec = importlib.machinery.PathFinder.find_spec(fullname, path)
            if spec is not None:
                spec.loader = _UnderOldName(spec.loader, OLD_NAME[fullname])
            return spec
        return None


def install() -> None:
    """Put the finder first on ``sys.meta_path``, once."""
    if not any(isinstance(f, MovedModules) for f in sys.meta_path):
        sys.meta_path.insert(0, MovedModules())
