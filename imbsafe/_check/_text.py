"""The code of one file as the checker holds it, and the error it cannot read."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ._notices import Notice

__all__ = ["CheckInputError", "Source", "split_lines"]

_LINE_END = re.compile(r"\r\n|\r|\n")


class CheckInputError(ValueError):
    """A file the checker cannot read or parse; the message is one line naming it."""


@dataclass
class Source:
    """The code of one file, with a notebook's cell boundaries.

    ``notices`` collects what reading and parsing skipped.
    """

    path: str
    code: str
    cell_starts: list = field(default_factory=list)
    notices: list = field(default_factory=list)

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

    def notice(self, message: str, line: int | None = None) -> None:
        """Record that something of this file was skipped."""
        cell = self.cell_of(line) if line is not None else None
        self.notices.append(Notice(self.path, message, line, cell and cell[0]))


def split_lines(text: str) -> list[str]:
    """Split at CR LF, CR or LF, as Python counts lines."""
    return _LINE_END.split(text)
