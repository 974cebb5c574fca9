"""The check corpus as tests read it: its files, the findings their markers expect."""

from __future__ import annotations

import re
from pathlib import Path

from imbsafe._check._read import read_path

CORPUS = Path(__file__).parent / "check_corpus"
FILES = sorted(p for p in CORPUS.glob("*/*") if p.suffix in (".py", ".ipynb"))
_MARKER = re.compile(r"#\s*expect:\s*([a-z, ]+)")


def expected(path: Path) -> set:
    """(line, kind) of every ``# expect:`` marker, lines as the checker counts them."""
    found = set()
    for number, text in enumerate(read_path(path).code.split("\n"), start=1):
        match = _MARKER.search(text)
        if match:
            found.update((number, k.strip()) for k in match.group(1).split(","))
    return found


PROJECTS = sorted(p for p in CORPUS.glob("projects/*/*") if p.is_dir())


def project_expected(folder: Path) -> set:
    """(file, line, kind) of the markers of every file of a project folder."""
    found = set()
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".py", ".ipynb"):
            found.update((str(path), line, kind) for line, kind in expected(path))
    return found
