"""Errors told in one line."""

from __future__ import annotations

__all__ = ["one_line"]


def one_line(error: BaseException) -> str:
    """Describe an error in one line: its type and its message's first line."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}"
