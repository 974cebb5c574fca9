"""LeakageGuard: audit the two parts before the first epoch."""

from __future__ import annotations

from typing import Any

from .._audit import LeakageReport, audit_split
from .._audit._guard import Guard
from ._data import features_of, labels_of
from ._once import OncePerFit
from ._split import before_resampling


class LeakageGuard(OncePerFit):
    """Audit the train and valid parts before the first epoch of each fit.

    Runs :func:`imbsafe.audit_split` on the two parts the net is about to use
    (after its ``train_split``). When they show resample-then-split leakage —
    valid rows copied into, or interpolated from, the train part — it warns
    (``LeakageWarning``) or stops the fit (``ResamplingLeakageError``).
    Evidence that is only inconclusive always warns, never stops the fit.

    With :class:`ResampledValidSplit` the audit compares the train part's rows
    as they were before the split resampled them with the valid part: the
    split's own resampling is never taken for a leak, while data that was
    resampled before ``fit`` is still caught.

    Parameters
    ----------
    action : {"warn", "raise"}, default="warn"

    Attributes
    ----------
    report_ : LeakageReport or None
        The last audit (None without a valid part).

    Examples
    --------
    >>> from imbsafe.skorch import LeakageGuard
    >>> guard = LeakageGuard(action="raise")
    >>> # NeuralNetClassifier(..., callbacks=[guard]).fit(X_resampled, y) raises
    >>> # ResamplingLeakageError when X was over-sampled before fit.
    """

    def __init__(self, action: str = "warn") -> None:
        self.action = action

    def initialize(self) -> LeakageGuard:
        """Check ``action``."""
        if self.action not in ("warn", "raise"):
            raise ValueError(
                f"LeakageGuard(action={self.action!r}) must be 'warn' or 'raise'."
            )
        self.report_ = None
        return super().initialize()

    def on_first_epoch(self, net: Any, dataset_train: Any, dataset_valid: Any) -> None:
        if dataset_valid is None:
            return
        # The split's own resampling happened after the split: audit the rows
        # it started from.
        dataset_train = before_resampling(dataset_train)
        self.report_ = _GUARD.check(
            lambda: _audit_datasets(dataset_train, dataset_valid), self.action
        )


# LeakageGuard's words (the checks and warnings are shared with the HF guard).
_GUARD = Guard(
    name="LeakageGuard",
    parts="the train and valid parts this net is about to use",
    consequence="The logged validation scores would be too high.",
    fix="resample inside the split with train_split="
    "imbsafe.skorch.ResampledValidSplit(cv, sampler) and pass the original, not "
    "resampled, data to fit",
)


def _audit_datasets(dataset_train: Any, dataset_valid: Any) -> LeakageReport:
    """audit_split on the rows and labels of two skorch datasets."""
    what = "LeakageGuard's audit"
    X_train = features_of(dataset_train, what)
    X_valid = features_of(dataset_valid, what)
    return audit_split(
        X_train, labels_of(dataset_train), X_valid, labels_of(dataset_valid)
    )
