"""Reading what the checker checks: ``.py`` files, ``.ipynb`` notebooks, folders.

Only regular files are read. A FIFO, socket or device named directly is
refused in one line; one met in a folder is skipped with a notice. Nothing
is opened before it is known to be a regular file (and then without
blocking, so a file swapped for a FIFO in between cannot hang the check).
Symlinked sub-folders are followed, each real folder once, so a link loop
ends; the same file reached twice (given twice, or through a link) is read
once. Line ends CR LF, CR and LF all end a line, as for Python.
"""

from __future__ import annotations

import os
import stat

from ._notebook import read_notebook
from ._notices import Notice, printable
from ._text import CheckInputError, Source, split_lines

__all__ = [
    "CheckInputError",
    "Source",
    "files_under",
    "read_path",
    "read_text",
    "split_lines",
]

_SKIPPED_DIRS = frozenset({"__pycache__", "node_modules", "site-packages", "venv"})
_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def read_text(text: str, path: str = "<string>") -> Source:
    """Read a source given as text: a notebook's JSON if it is one.

    A name ending in ``.ipynb`` is a notebook, one ending in ``.py`` a
    script whatever its text; text without such a name is a notebook when it
    is a JSON object with cells.
    """
    if path.endswith(".ipynb"):
        return read_notebook(text, path)
    if not path.endswith(".py"):
        stripped = text.lstrip()
        if stripped.startswith("{") and ('"cells"' in text or '"worksheets"' in text):
            return read_notebook(text, path)
    return Source(path, "\n".join(split_lines(text)))


def read_path(path: str | os.PathLike) -> Source:
    """Read one ``.py`` or ``.ipynb`` file; anything but a regular file is refused."""
    name = os.fspath(path)
    shown = printable(name)
    try:
        _regular(name, os.stat(name).st_mode)
        handle = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        raise CheckInputError(f"{shown}: cannot read: {e.strerror}") from e
    try:
        _regular(name, os.fstat(handle).st_mode)  # swapped since the stat?
        with os.fdopen(handle, "rb") as file:
            handle = -1
            data = file.read()
    except OSError as e:
        raise CheckInputError(f"{shown}: cannot read: {e.strerror}") from e
    finally:
        if handle >= 0:
            os.close(handle)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CheckInputError(f"{shown}: not UTF-8 text ({e.reason})") from e
    return read_text(text, name)


def _regular(name: str, mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        raise CheckInputError(
            f"{printable(name)} is {kind}, not a file; give .py or .ipynb files "
            "or folders"
        )


def files_under(
    path: str | os.PathLike, notices: list[Notice] | None = None
) -> list[str]:
    """``path`` itself, or the ``.py`` and ``.ipynb`` files under a folder, sorted.

    Hidden folders (``.git``, ``.ipynb_checkpoints``, ``.venv``) and
    ``__pycache__``/``venv``/``site-packages`` are skipped. Symlinked
    sub-folders are followed, each real folder once. A FIFO, socket or
    device named ``path`` is refused (:class:`CheckInputError`); one inside
    a folder is skipped, with a notice appended to ``notices`` (or issued as
    a :class:`~imbsafe.CheckNotice` warning without a list).
    """
    name = os.fspath(path)
    try:
        mode = os.stat(name).st_mode
    except FileNotFoundError as e:
        raise CheckInputError(f"{printable(name)}: no such file or folder") from e
    except OSError as e:
        raise CheckInputError(f"{printable(name)}: {e.strerror}") from e
    if not stat.S_ISDIR(mode):
        _regular(name, mode)
        return [name]
    skipped: list[Notice] = []
    found = []
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(name, followlinks=True):
        here = os.stat(root)
        if (here.st_dev, here.st_ino) in seen:  # a link back to a folder walked
            dirs[:] = []
            continue
        seen.add((here.st_dev, here.st_ino))
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS
        )
        for file in sorted(files):
            if not file.endswith((".py", ".ipynb")) or file.startswith("."):
                continue
            full = os.path.join(root, file)
            try:
                mode = os.stat(full).st_mode
            except OSError as e:  # a dangling link, no permission
                skipped.append(Notice(full, f"skipped: {e.strerror}"))
                continue
            if not stat.S_ISREG(mode):
                kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
                skipped.append(Notice(full, f"skipped: {kind}, not a regular file"))
                continue
            found.append(full)
    if notices is None:
        from ._notices import warn

        warn(skipped)
    else:
        notices.extend(skipped)
    return found
