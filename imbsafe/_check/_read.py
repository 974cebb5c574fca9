"""Reading what the checker checks: ``.py`` files, ``.ipynb`` notebooks, folders.

A notebook's code cells are joined in order into one module. IPython lines
(``%magic``, ``!shell``, ``%%time``) become blank lines, so every line keeps
its number; a cell whose first line is another cell magic (``%%bash``) is
not Python and is blanked whole. Line numbers of a notebook count the lines
of its code cells, one after the other, from 1 (markdown cells are not
counted); :meth:`Source.where` turns such a line into "cell 4, line 2",
counting code cells from 1 as well.
"""

from __future__ import annotations

import ast
import json
import os
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "CheckInputError",
    "Source",
    "files_under",
    "parse",
    "read_path",
    "read_text",
]

_PYTHON_CELL_MAGICS = ("%%time", "%%timeit", "%%capture", "%%prun", "%%memit")
_SKIPPED_DIRS = frozenset({"__pycache__", "node_modules", "site-packages", "venv"})


class CheckInputError(ValueError):
    """A file the checker cannot read or parse; the message is one line naming it."""


@dataclass
class Source:
    """The code of one file, with a notebook's cell boundaries."""

    path: str
    code: str
    cell_starts: list = field(default_factory=list)

    @property
    def notebook(self) -> bool:
        return bool(self.cell_starts)

    def cell_of(self, line: int) -> tuple[int, int] | None:
        """(code cell from 1, line in that cell from 1) of a notebook line."""
        if not self.cell_starts:
            return None
        cell = bisect_right(self.cell_starts, line)
        return cell, line - self.cell_starts[cell - 1] + 1

    def where(self, line: int) -> str:
        """Say where a line is as the user finds it: "line 12", "cell 3, line 2"."""
        cell = self.cell_of(line)
        if cell is None:
            return f"line {line}"
        return f"cell {cell[0]}, line {cell[1]}"


def read_text(text: str, path: str = "<string>") -> Source:
    """Read a source given as text: a notebook's JSON if it looks like one."""
    stripped = text.lstrip()
    if path.endswith(".ipynb") or (stripped.startswith("{") and '"cells"' in text):
        return _notebook(text, path)
    return Source(path, text)


def read_path(path: str | os.PathLike) -> Source:
    """Read one ``.py`` or ``.ipynb`` file."""
    name = os.fspath(path)
    try:
        data = Path(name).read_bytes()
    except OSError as e:
        raise CheckInputError(f"{name}: cannot read: {e.strerror}") from e
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CheckInputError(f"{name}: not UTF-8 text ({e.reason})") from e
    return read_text(text, name)


def _notebook(text: str, path: str) -> Source:
    try:
        document = json.loads(text)
        cells = document["cells"]
    except (ValueError, KeyError, TypeError) as e:
        raise CheckInputError(f"{path}: not a Jupyter notebook (no JSON cells)") from e
    lines: list[str] = []
    starts: list[int] = []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(s for s in source if isinstance(s, str))
        if not isinstance(source, str):
            source = ""
        starts.append(len(lines) + 1)
        cell_lines = source.split("\n")
        if source.endswith("\n"):
            cell_lines.pop()  # the cell's last line break ends its last line
        lines.extend(_python_lines(cell_lines))
    if not starts:
        starts = [1]
    return Source(path, "\n".join(lines) + "\n", starts)


def _python_lines(cell: list[str]) -> list[str]:
    first = cell[0].lstrip() if cell else ""
    if first.startswith("%%") and not first.startswith(_PYTHON_CELL_MAGICS):
        return ["" for _ in cell]
    kept = []
    continued = False
    for line in cell:
        bare = line.lstrip()
        magic = continued or bare.startswith(("%", "!"))
        kept.append("" if magic else line)
        continued = magic and line.rstrip().endswith("\\")
    return kept


def parse(source: Source) -> ast.Module:
    """Parse ``source``; a syntax error is one line naming the place."""
    try:
        return ast.parse(source.code, filename=source.path)
    except SyntaxError as e:
        where = source.where(e.lineno) if e.lineno else "unknown line"
        raise CheckInputError(f"{source.path}: syntax error at {where}: {e.msg}") from e
    except ValueError as e:  # null bytes
        raise CheckInputError(f"{source.path}: cannot parse: {e}") from e
    except (RecursionError, MemoryError) as e:
        raise CheckInputError(
            f"{source.path}: too deeply nested to parse (Python cannot either)"
        ) from e


def files_under(path: str | os.PathLike) -> list[str]:
    """``path`` itself, or the ``.py`` and ``.ipynb`` files under a folder, sorted.

    Hidden folders (``.git``, ``.ipynb_checkpoints``, ``.venv``) and
    ``__pycache__``/``venv``/``site-packages`` are skipped.
    """
    name = os.fspath(path)
    if not os.path.isdir(name):
        if not os.path.exists(name):
            raise CheckInputError(f"{name}: no such file or folder")
        return [name]
    found = []
    for root, dirs, files in os.walk(name):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS
        )
        for file in sorted(files):
            if file.endswith((".py", ".ipynb")) and not file.startswith("."):
                found.append(os.path.join(root, file))
    return found
