"""Errors and warnings told in one line."""

from __future__ import annotations

__all__ = ["first_line", "one_line"]


def first_line(message: object) -> str:
    """Return the first non-empty line of an error's or a warning's message.

    An error without a message is named by its type.
    """
    lines = str(message).strip().splitlines()
    if lines:
        return lines[0]
    return type(message).__name__ if isinstance(message, BaseException) else ""


def one_line(error: BaseException) -> str:
    """Describe an error in one line: its type and its message's first line."""
    return f"{type(error).__name__}: {first_line(error)}"
