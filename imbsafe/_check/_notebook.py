"""A Jupyter notebook's JSON, read into one module of its code cells.

Code cells are joined in order, each turned into Python line for line
(:mod:`._ipython`); nbformat 4 (``cells``/``source``) and nbformat 3
(``worksheets``/``cells``/``input``) are read. Line numbers of a notebook
count the lines of its code cells one after the other, from 1 (markdown and
raw cells are not counted); :meth:`Source.where` turns such a line into
"cell 4, line 2", counting code cells from 1 as well. A notebook whose
kernel is not Python is skipped with a notice.
"""

from __future__ import annotations

import json

from ._ipython import python_lines
from ._notices import printable
from ._text import CheckInputError, Source, split_lines

__all__ = ["read_notebook"]


def read_notebook(text: str, path: str) -> Source:
    """Read a notebook's JSON text; bad JSON is one line naming the file."""
    shown = printable(path)
    try:
        document = json.loads(text)
    except RecursionError as e:
        raise CheckInputError(
            f"{shown}: not a notebook imbsafe can read: its JSON nests too deeply"
        ) from e
    except ValueError as e:
        raise CheckInputError(f"{shown}: not a Jupyter notebook (not JSON)") from e
    cells = _cells(document)
    if cells is None:
        raise CheckInputError(
            f"{shown}: not a Jupyter notebook (no list of cells in its JSON)"
        )
    language = _language(document)
    if language is not None:
        source = Source(path, "\n", [1])
        source.notice(f"skipped: its kernel runs {language}, not Python")
        return source
    lines: list[str] = []
    starts: list[int] = []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        code = cell.get("source", cell.get("input", ""))
        if isinstance(code, list):
            code = "".join(s for s in code if isinstance(s, str))
        if not isinstance(code, str):
            code = ""
        starts.append(len(lines) + 1)
        cell_lines = split_lines(code)
        if len(cell_lines) > 1 and cell_lines[-1] == "":
            cell_lines.pop()  # the cell's last line break ends its last line
        lines.extend(python_lines(cell_lines))
    if not starts:
        starts = [1]
    return Source(path, "\n".join(lines) + "\n", starts)


def _cells(document: object) -> list | None:
    if not isinstance(document, dict):
        return None
    if "cells" in document:
        cells = document["cells"]
        return cells if isinstance(cells, list) else None
    worksheets = document.get("worksheets")  # nbformat 3
    if not isinstance(worksheets, list):
        return None
    return [
        cell
        for sheet in worksheets
        if isinstance(sheet, dict) and isinstance(sheet.get("cells"), list)
        for cell in sheet["cells"]
    ]


def _language(document: dict) -> str | None:
    """Return the kernel's language when the notebook says it is not Python."""
    meta = document.get("metadata")
    if not isinstance(meta, dict):
        return None
    for key, field in (("language_info", "name"), ("kernelspec", "language")):
        info = meta.get(key)
        if isinstance(info, dict) and isinstance(info.get(field), str):
            name = info[field].strip()
            if name.lower().startswith(("python", "ipython")) or not name:
                return None
            return printable(name[:40])
    return None
