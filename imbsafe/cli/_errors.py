"""Errors and exit codes of the command line."""

from __future__ import annotations

from typing import Any

__all__ = ["EXIT_INTERRUPTED", "EXIT_LEAKY", "EXIT_USAGE", "CliError", "short"]

EXIT_LEAKY = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C


class CliError(Exception):
    """Bad input: printed as one line, exit status 2."""


def short(text: Any, limit: int = 200) -> str:
    """Cut text to ``limit`` characters, so that an error stays one short line."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."
