"""audit_estimator: where an estimator's own validation would see resampled rows."""

from __future__ import annotations

from typing import Any

from imblearn.pipeline import Pipeline as ImbPipeline

from .._fit._own_validation import AUTO_ROWS, findings
from .._fit._wrapper import ResampledClassifier
from .._resample._sampling import is_passthrough, is_sampler

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
        if fitted on resampled rows). A search, a calibration or any estimator
        wrapping one (its ``estimator`` parameter) is read through: around a
        pipeline that resamples, its own cross-validation is clean and the
        pipeline's steps are checked.
    n_rows : int, default=None
        Rows the estimator will be fitted on, to read
        ``early_stopping="auto"`` (on above 10,000 rows). None reads "auto"
        as on.

    Returns
    -------
    findings : list of str
        One line each, naming the estimator, the problem and the fix; empty
        when nothing sees resampled rows.

    Raises
    ------
    TypeError
        If ``estimator`` has no ``fit``.

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
    if not hasattr(estimator, "fit"):
        raise TypeError(
            f"audit_estimator takes an estimator (an object with fit), got "
            f"{type(estimator).__name__} {estimator!r:.60}."
        )
    n = AUTO_ROWS + 1 if n_rows is None else n_rows
    # an imbalanced-learn pipeline is read as fitted on the data as it comes
    behind = not (_resamples(estimator) or isinstance(estimator, ImbPipeline))
    return _findings(estimator, n, behind=behind)


def _findings(estimator: Any, n: int, *, behind: bool) -> list[str]:
    """List the findings of ``estimator``; ``behind``: fitted on resampled rows."""
    if isinstance(estimator, ResampledClassifier):
        if is_passthrough(estimator.sampler):
            return _findings(estimator.estimator, n, behind=behind)
        return findings(estimator.estimator, n, handled=True)
    if isinstance(estimator, ImbPipeline):
        steps = [step for _, step in estimator.steps]
        first = next((i for i, s in enumerate(steps) if is_sampler(s)), len(steps))
        return [
            finding
            for i, step in enumerate(steps)
            if step not in (None, "passthrough") and not is_sampler(step)
            for finding in _findings(step, n, behind=behind or i > first)
        ]
    found = findings(estimator, n, handled=False) if behind else []
    # a search, a calibration or a bagging wraps an estimator: its own
    # validation sees the rows the wrapper gives it
    inner = _inner(estimator)
    if inner is not None:
        found += [f for f in _findings(inner, n, behind=behind) if f not in found]
    return found


def _inner(estimator: Any) -> Any:
    try:
        inner = estimator.get_params(deep=False).get("estimator")
    except (AttributeError, TypeError):
        return None
    return inner if hasattr(inner, "fit") else None


def _resamples(estimator: Any) -> bool:
    """Whether ``estimator`` resamples inside itself (then nothing comes resampled)."""
    if isinstance(estimator, ResampledClassifier):
        return not is_passthrough(estimator.sampler)
    if isinstance(estimator, ImbPipeline):
        return any(is_sampler(step) for _, step in estimator.steps)
    inner = _inner(estimator)
    return inner is not None and _resamples(inner)
