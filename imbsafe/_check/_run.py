"""Checking several files together: the rounds that follow tables across files.

Every file is checked once, recording the tables it writes. A file that
reads a table another file wrote with resampled (or preprocessed) rows is
checked again with what it reads, and so on while the tables written
change (a chain of notebooks), for a few rounds at most.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from ._engine import Flow
from ._parse import parse
from ._project import ROUNDS, Project
from ._read import CheckInputError, read_path

__all__ = ["check_files", "same_file_key", "unique_files"]


def same_file_key(name: str) -> tuple:
    """Return what two paths of one file share (links, ``./a.py`` and ``a.py``)."""
    try:
        info = os.stat(name)
    except OSError:
        return (os.path.realpath(name),)
    return (info.st_dev, info.st_ino)


def unique_files(names: list) -> list:
    """Return ``names`` with each file once (given twice, or reached by a link)."""
    seen: set = set()
    unique = []
    for name in names:
        key = same_file_key(name)
        if key not in seen:
            seen.add(key)
            unique.append(name)
    return unique


def _state(project: Project, names: set) -> dict:
    return {
        name: sorted(
            (w.path, w.place, tuple(sorted(map(repr, w.taints))))
            for w in project.tables.get(name, {}).values()
        )
        for name in names
    }


def check_files(names: list, check: Callable) -> tuple[list, list, list]:
    """Check ``names`` together; return (findings in file order, errors, notices).

    ``check(source, project)`` checks one read file. A file that cannot be
    read or parsed gives a :class:`CheckInputError` in the errors and no
    findings; the others are still checked. The notices say what was skipped
    inside the files read (cells or statements that do not parse, ...).
    """
    project = Project(files=[str(n) for n in names], run_module=module_globals)
    sources: dict = {}
    found: dict = {}
    errors: list = []
    notices: list = []
    for name in project.files:
        try:
            source = read_path(name)
            found[name] = check(source, project)
        except CheckInputError as e:
            errors.append(e)
            continue
        sources[name] = source
        notices.extend(source.notices)
    for _ in range(ROUNDS):
        written = {n for n in project.tables if any(
            w.taints for w in project.tables[n].values())}  # fmt: skip
        again = [n for n in found if project.reads.get(n, set()) & written]
        if not again:
            break
        before = _state(project, set(project.tables))
        for name in again:
            project.reads.pop(name, None)
            found[name] = check(sources[name], project)
        if _state(project, set(project.tables)) == before:
            break
    findings = [f for name in project.files for f in found.get(name, [])]
    return findings, errors, notices


def module_globals(path: str, project: Project) -> dict | None:
    """Run a sibling module's top level once; its findings are its own."""
    try:
        source = read_path(path)
        tree = parse(source)
    except (CheckInputError, RecursionError):
        return None
    flow = Flow(project=project, path=path, where=source.where, file=path)
    try:
        flow.body(tree.body)
    except RecursionError:
        return None
    return flow.globals
