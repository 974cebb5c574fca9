"""What the checker passed over, and why: skipped cells, statements and files.

A notice is not a finding: it says where the checker could not look (a cell
that does not parse, a notebook in another language, a FIFO in a folder), so
that "nothing found" is never read as "nothing there". The command line
prints notices on stderr and puts them in ``--json`` and SARIF; the Python
API (:func:`~imbsafe.check_path`, :func:`~imbsafe.check_source`) issues each
as a :class:`~imbsafe.CheckNotice` warning.
"""

from __future__ import annotations

import warnings
from dataclasses import asdict, dataclass

from ..exceptions import CheckNotice

__all__ = ["CheckNotice", "Notice", "printable", "warn"]


@dataclass(frozen=True)
class Notice:
    """One part of the input the checker skipped, and the reason.

    Attributes
    ----------
    path : str
        The file, as given.
    message : str
        What was skipped and why ("cell 3 skipped: syntax error at line 2 of
        the cell: invalid syntax").
    line : int or None
        The first skipped line (a notebook's lines counted as in findings).
    cell : int or None
        In a notebook, the skipped code cell (from 1).
    """

    path: str
    message: str
    line: int | None = None
    cell: int | None = None

    def __str__(self) -> str:
        return f"{printable(self.path)}: {self.message}"

    def to_dict(self) -> dict:
        """Return the notice as plain JSON types."""
        return asdict(self)


def printable(text: str) -> str:
    """Escape line breaks and other control characters, so that a line stays one."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def warn(notices: list[Notice]) -> None:
    """Issue each notice as a :class:`~imbsafe.CheckNotice` warning."""
    for notice in notices:
        warnings.warn(str(notice), CheckNotice, stacklevel=3)
