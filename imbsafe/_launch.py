"""The first code the ``imbsafe`` command runs: Ctrl-C is quiet from here on.

The console script and ``python -m imbsafe`` import this module before
anything else of the package, and it imports nothing heavy. Until the
command line's own handling takes over (:func:`imbsafe.cli.entry_point`),
Ctrl-C prints one line and exits 130 instead of a traceback from whatever
module was being imported. A SIGINT that the parent process ignores (a
background job) stays ignored, as Unix tools leave it.
"""

from __future__ import annotations

import os
import signal
from typing import Any

__all__ = ["entry_point"]


def _interrupted_at_start(signum: int, frame: Any) -> None:
    os.write(2, b"\nimbsafe: interrupted\n")
    os._exit(130)


if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
    signal.signal(signal.SIGINT, _interrupted_at_start)


def entry_point() -> None:
    """Run the ``imbsafe`` command line (imported here, under the guard)."""
    from .cli import entry_point as run

    run()
