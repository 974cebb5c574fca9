"""Errors and warnings told in one line."""

from __future__ import annotations

import re

__all__ = ["first_line", "folded", "one_line"]

# What str.splitlines breaks a line at, besides "\n".
_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


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


def folded(text: str) -> str:
    """Return ``text`` on one line: every line break written as its escape.

    A message may quote what a user's file holds (a column name with a
    vertical tab, a form feed): it must still be one line on the terminal.
    """
    return _BREAKS.sub(lambda m: repr(m.group())[1:-1], text)
