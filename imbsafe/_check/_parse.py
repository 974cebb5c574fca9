"""Parsing what was read, skipping what does not parse where the rest still can.

A notebook is parsed cell by cell: a cell that does not parse is skipped with
a notice naming the cell and the reason, and the others are checked. In a
script, a statement that does not parse (a prose line in a notebook exported
to ``.py``, a ``%magic`` line) is skipped the same way, one line at a time,
while the rest still parses. Only when nothing of a file can be read is it
refused (:class:`CheckInputError`). The user's own code's ``SyntaxWarning``
(an invalid escape sequence) is the user's, not the checker's: it is not shown.
"""

from __future__ import annotations

import ast
import warnings

from ._notices import printable
from ._text import CheckInputError, Source

__all__ = ["parse"]

# A script with more broken statements than this is refused whole.
_MAX_SKIPPED = 500


def parse(source: Source) -> ast.Module:
    """Parse ``source``, skipping broken cells or statements with a notice.

    Raises
    ------
    CheckInputError
        Nothing in the file could be parsed; one line naming the place.
    """
    with warnings.catch_warnings():
        # Python < 3.12 raises DeprecationWarning for the same escapes.
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        if source.notebook:
            return _notebook(source)
        return _script(source)


def _reason(error: Exception) -> str:
    if isinstance(error, SyntaxError):
        return error.msg
    if isinstance(error, RecursionError | MemoryError):
        return "too deeply nested to parse (Python cannot either)"
    return str(error)  # ValueError: null bytes


def _notebook(source: Source) -> ast.Module:
    lines = source.code.split("\n")
    starts = source.cell_starts
    body: list[ast.stmt] = []
    first_error = None
    for index, start in enumerate(starts):
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(lines)
        text = "\n".join(lines[start - 1 : end])
        if not text.strip():
            continue
        try:
            tree = ast.parse(text + "\n", filename=source.path)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as e:
            line = getattr(e, "lineno", None)
            at = f" at line {line} of the cell" if isinstance(line, int) else ""
            message = f"cell {index + 1} skipped: syntax error{at}: {_reason(e)}"
            source.notice(message, start)
            first_error = first_error or message
            continue
        ast.increment_lineno(tree, start - 1)
        body.extend(tree.body)
    if first_error is not None and not body:
        raise CheckInputError(
            f"{printable(source.path)}: no cell parses; {first_error}"
        )
    return ast.Module(body=body, type_ignores=[])


def _script(source: Source) -> ast.Module:
    lines = source.code.split("\n")
    skipped: dict[int, str] = {}
    first = None
    while True:
        try:
            tree = ast.parse("\n".join(lines), filename=source.path)
            break
        except (ValueError, RecursionError, MemoryError) as e:
            raise CheckInputError(
                f"{printable(source.path)}: cannot parse: {_reason(e)}"
            ) from e
        except SyntaxError as e:
            first = first or e
            line = e.lineno
            if (
                not isinstance(line, int)
                or not 1 <= line <= len(lines)
                or len(skipped) >= _MAX_SKIPPED
                or not lines[line - 1].strip()
            ):
                raise _refused(source, first) from e
            text = lines[line - 1]
            if line in skipped:  # ``pass`` here does not parse either
                lines[line - 1] = ""
            else:
                skipped[line] = e.msg
                lines[line - 1] = text[: len(text) - len(text.lstrip())] + "pass"
    if skipped:
        kept = [node for node in tree.body if node.lineno not in skipped]
        if not kept:
            raise _refused(source, first)
        _skipped_notices(source, skipped)
    return tree


def _refused(source: Source, error: SyntaxError) -> CheckInputError:
    where = source.where(error.lineno) if error.lineno else "unknown line"
    return CheckInputError(
        f"{printable(source.path)}: syntax error at {where}: {error.msg}"
    )


def _skipped_notices(source: Source, skipped: dict[int, str]) -> None:
    """One notice per run of neighbouring skipped lines."""
    runs: list[list[int]] = []
    for line in sorted(skipped):
        if runs and line == runs[-1][-1] + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    for run in runs:
        span = f"line {run[0]}" if len(run) == 1 else f"lines {run[0]}-{run[-1]}"
        source.notice(f"{span} skipped: syntax error: {skipped[run[0]]}", run[0])
