"""What a guard does with an audit: warn, raise, or let the fit go on.

Shared by :class:`imbsafe.skorch.LeakageGuard` and
:class:`imbsafe.hf.LeakageGuardCallback`, so that both say the same thing in
the same words; each names its own parts and fix.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

from .._utils._errors import first_line
from .._utils._stack import user_stacklevel
from ..exceptions import LeakageWarning, ResamplingLeakageError
from ._report import LeakageReport

__all__ = ["Guard"]


@dataclass(frozen=True)
class Guard:
    """A guard's words: its name, the parts it checks, what a leak means, the fix."""

    name: str  # "LeakageGuard"
    parts: str  # "the train and valid parts this net is about to use"
    consequence: str  # "The logged validation scores would be too high."
    fix: str  # "resample inside the split with ..."

    def check(
        self, audit: Callable[[], LeakageReport], action: str
    ) -> LeakageReport | None:
        """Run ``audit``; warn (or, for a leak with ``action="raise"``, raise).

        A guard never stops a fit it cannot audit: an error in the audit is
        one warning, and the fit goes on. Returns the report (None then).
        """
        try:
            report = audit()
        except Exception as e:
            first = first_line(e).split(". ")[0].rstrip(".")
            warnings.warn(
                f"{self.name} skipped the audit: {first}; the fit goes on unchecked.",
                UserWarning,
                stacklevel=user_stacklevel(),
            )
            return None
        if report.inconclusive:
            warnings.warn(
                f"{self.name}: possible leak between {self.parts}, not proven: "
                + " ".join(report.inconclusive_reasons)
                + f" If the data was resampled before the split, {self.fix}.",
                LeakageWarning,
                stacklevel=user_stacklevel(),
            )
        if report.leaky:
            message = (
                f"leak between {self.parts}: "
                + " ".join(report.reasons)
                + f" {self.consequence} Fix: {self.fix}."
            )
            if action == "raise":
                raise ResamplingLeakageError(message)
            warnings.warn(message, LeakageWarning, stacklevel=user_stacklevel())
        return report
