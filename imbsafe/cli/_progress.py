"""Fold-by-fold progress on stderr: tqdm's bar on a terminal, else plain lines.

skorch users see tqdm bars already; a log file or a CI job gets one line per
finished fit instead of a redrawn bar. Nothing is shown with ``--json``.
"""

from __future__ import annotations

import sys
from typing import Any

from ._errors import SIGINT

__all__ = ["FoldProgress", "say"]


def say(message: str, quiet: bool) -> None:
    """One line of progress on stderr, unless quiet."""
    if not quiet:
        print(message, file=sys.stderr, flush=True)


class FoldProgress:
    """Call with (done, total, step) as each fit finishes (``on_progress``)."""

    def __init__(self, quiet: bool, what: str = "fits") -> None:
        self.quiet = quiet
        self.what = what
        self.done = 0
        self.bar: Any = None

    def __call__(self, done: int, total: int, step: str) -> None:
        """Fit ``done`` of ``total`` is finished; ``step`` says which."""
        SIGINT.check()
        if self.quiet:
            return
        self.done = done
        if sys.stderr.isatty() and self._open_bar(total):
            self.bar.set_postfix_str(step, refresh=False)
            self.bar.update(1)
            if self.done == total:
                self.bar.close()
            return
        say(f"  {step} done ({self.done}/{total} {self.what})", False)

    def _open_bar(self, total: int) -> bool:
        if self.bar is None:
            try:
                from tqdm.auto import tqdm
            except ImportError:  # plain lines without tqdm
                return False
            self.bar = tqdm(total=total, unit="fit", file=sys.stderr, leave=True)
        return True
