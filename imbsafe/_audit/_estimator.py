"""audit_estimator: where an estimator's own validation would see resampled rows."""

from __future__ import annotations

from typing import Any

from imblearn.pipeline import Pipeline as ImbPipeline

from .._own_validation import AUTO_ROWS, findings
from .._sampling import is_passthrough, is_sampler
from .._wrapper import ResampledClassifier

__all__ = ["audit_estimator"]


def audit_estimator(estimator: Any, n_rows: int | None = None) -> list[str]:
    """Say where an estimator's own validation would see resampled rows.

    Early stopping on a validation fraction, out-of-bag scores and internal
    cross-validation all split the rows ``fit`` receives. Behind a sampler
    (in an imbalanced-learn ``Pipeline``, or resampled data passed to
    ``fit``), those rows are copies or interpolations of each other, and the
    estimator validates on rows it trains on.

    Parameters
    ----------
    estimator : estimator
        An imbalanced-learn ``Pipeline`` (the steps after its first sampler
        are checked), a :class:`~imbsafe.ResampledClassifier` (what it does
        not make clean by itself is reported), or any estimator (checked as
        if fitted on resampled rows).
    n_rows : int, default=None
        Rows the estimator will be fitted on, to read
        ``early_stopping="auto"`` (on above 10,000 rows). None reads "auto"
        as on.

    Returns
    -------
    findings : list of str
        One line each, naming the estimator, the problem and the fix; empty
        when nothing sees resampled rows.

    Examples
    --------
    >>> from imblearn.over_sampling import RandomOverSampler
    >>> from imblearn.pipeline import make_pipeline
    >>> from sklearn.ensemble import HistGradientBoostingClassifier
    >>> from imbsafe import ResampledClassifier, audit_estimator
    >>> hgb = HistGradientBoostingClassifier(early_stopping=True)
    >>> len(audit_estimator(make_pipeline(RandomOverSampler(), hgb)))
    1
    >>> audit_estimator(ResampledClassifier(hgb, RandomOverSampler()))
    []
    """
    n = AUTO_ROWS + 1 if n_rows is None else n_rows
    if isinstance(estimator, ResampledClassifier):
        if is_passthrough(estimator.sampler):
            return []
        return findings(estimator.estimator, n, handled=True)
    if isinstance(estimator, ImbPipeline):
        steps = [step for _, step in estimator.steps]
        first = next((i for i, s in enumerate(steps) if is_sampler(s)), None)
        if first is None or first == len(steps) - 1:
            return []
        return [
            finding
            for step in steps[first + 1 :]
            if step not in (None, "passthrough")
            for finding in findings(step, n, handled=False)
        ]
    return findings(estimator, n, handled=False)
