"""Errors and exit codes of the command line."""

from __future__ import annotations

import signal
from typing import Any

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_INTERRUPTED",
    "EXIT_LEAKY",
    "EXIT_USAGE",
    "SIGINT",
    "CliError",
    "short",
]

EXIT_LEAKY = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as for a Unix tool whose reader went away


class CliError(Exception):
    """Bad input: printed as one line, exit status 2."""


def short(text: Any, limit: int = 200) -> str:
    """Cut text to ``limit`` characters, so that an error stays one short line."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class SigintFlag:
    """The command line's SIGINT handler: KeyboardInterrupt, and a note that it came.

    Ctrl-C raises KeyboardInterrupt, as Python's own handler does, and is
    remembered: an error it caused on its way (numpy turns an interrupted
    import into an ImportError) is still told as Ctrl-C, and one that a
    library swallowed is raised again at the next fit's end.
    """

    received = False

    def __call__(self, signum: int, frame: Any) -> None:
        type(self).received = True
        if frame is not None and (
            frame.f_code.co_filename.startswith("<frozen importlib")
            or frame.f_code.co_name == "__del__"
        ):
            # Python prints and drops an exception raised in the import
            # system's callbacks or in __del__ ("Exception ignored in ..."):
            # raise it a moment later, outside them.
            signal.signal(signal.SIGALRM, self)
            signal.setitimer(signal.ITIMER_REAL, 0.005)
            return
        raise KeyboardInterrupt

    def check(self) -> None:
        """Raise KeyboardInterrupt if Ctrl-C came and was swallowed."""
        if self.received:
            raise KeyboardInterrupt


SIGINT = SigintFlag()
