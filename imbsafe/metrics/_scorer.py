"""Scorers for cross-validation and grid search that follow the NaN policy.

An undefined fold scores NaN with an
``UndefinedMetricWarning`` (not 0, not an exception); :func:`fold_summary`
then reports the mean over defined folds and how many were undefined.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import make_scorer

from .._utils._names import CALIBRATION_METRICS, LOWER_IS_BETTER, THRESHOLD_METRICS
from ._binary import binary_values
from ._policy import check_metric_names, check_undefined, policy_value

__all__ = ["defined_mean_std", "fold_summary", "get_scorer", "policy_score", "scorers"]


def policy_score(
    y_true: Any,
    y_pred: Any,
    *,
    metric: str,
    pos_label: Any,
    undefined: Any,
    sample_weight: Any = None,
) -> float:
    """One metric of ``binary_report``, the policy applied to it alone.

    ``y_pred`` is what scikit-learn's scorer passes: predicted labels for the
    threshold metrics, the positive class's probability or decision value for
    the ranking metrics.
    """
    if metric in THRESHOLD_METRICS:
        y_pred = (np.asarray(y_pred) == pos_label).astype(np.float64)
    # Other metrics of the report may be undefined on this fold without
    # concerning this one.
    report, _ = binary_values(
        y_true,
        y_pred,
        pos_label=pos_label,
        sample_weight=sample_weight,
        names=(metric,),
    )
    return policy_value(
        metric, float(report[metric]), "undefined on this fold", undefined
    )


def get_scorer(
    metric: str, *, pos_label: Any = 1, undefined: float | str = math.nan
) -> Any:
    """Return a scorer for cross-validation and grid search that follows the policy.

    Built with :func:`sklearn.metrics.make_scorer`, so scikit-learn picks the
    response (``predict`` for threshold metrics; the ``pos_label`` column of
    ``predict_proba``, else ``decision_function``, for ranking metrics; the
    ``predict_proba`` column alone for the metrics of probabilities), routes
    ``sample_weight`` and shares responses between the metrics of one
    ``scoring`` dict. The losses ``brier`` and ``log_loss`` are negated, as
    scikit-learn's ``neg_brier_score`` and ``neg_log_loss``, so that greater is
    better in a search; ``calibration_intercept`` and ``calibration_slope`` are
    returned as they are (best at 0 and 1: read them, do not maximise them).

    Parameters
    ----------
    metric : str
        One of ``accuracy precision recall specificity f1 balanced_accuracy
        mcc g_mean roc_auc average_precision brier log_loss
        calibration_intercept calibration_slope``.
    pos_label : int, str, default=1
        The positive class.
    undefined : float or "raise", default=nan
        What an undefined fold scores (see :mod:`imbsafe.metrics`).

    Returns
    -------
    scorer : callable
        ``scorer(estimator, X, y, sample_weight=None) -> float``.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.model_selection import cross_val_score
    >>> from imbsafe.metrics import get_scorer
    >>> X, y = make_classification(n_samples=200, weights=[0.9], random_state=0)
    >>> mcc = get_scorer("mcc")
    >>> cross_val_score(LogisticRegression(), X, y, cv=3, scoring=mcc).shape
    (3,)
    """
    if not isinstance(metric, str):
        raise TypeError(f"get_scorer takes one metric name, got {metric!r}.")
    check_metric_names(metric, "get_scorer(metric)")
    check_undefined(undefined)
    response: Any = ("predict_proba", "decision_function")
    if metric in THRESHOLD_METRICS:
        response = "predict"
    elif metric in CALIBRATION_METRICS:
        response = "predict_proba"
    return make_scorer(
        policy_score,
        response_method=response,
        greater_is_better=metric not in LOWER_IS_BETTER,
        metric=metric,
        pos_label=pos_label,
        undefined=undefined,
    )


def scorers(
    metrics: Iterable[str] = ("f1", "roc_auc", "average_precision"),
    *,
    pos_label: Any = 1,
    undefined: float | str = math.nan,
) -> dict[str, Any]:
    """Return a dict name -> scorer, for ``scoring=`` of ``cross_validate``.

    Parameters
    ----------
    metrics : iterable of str, default=("f1", "roc_auc", "average_precision")
    pos_label : int, str, default=1
    undefined : float or "raise", default=nan

    Returns
    -------
    scorers : dict
    """
    return {m: get_scorer(m, pos_label=pos_label, undefined=undefined) for m in metrics}


def fold_summary(scores: Any) -> pd.DataFrame:
    """Mean and spread over the folds where each metric is defined.

    Parameters
    ----------
    scores : dict, DataFrame or array-like
        The output of ``cross_validate`` (its ``test_<metric>`` entries are
        used), a mapping metric -> per-fold values, or one array of values.

    Returns
    -------
    summary : pandas.DataFrame
        Indexed by metric: ``mean`` and ``std`` over defined (non-NaN) folds,
        ``n_folds`` and ``n_undefined``.

    Examples
    --------
    >>> import numpy as np
    >>> from imbsafe.metrics import fold_summary
    >>> fold_summary({"test_roc_auc": np.array([0.8, np.nan, 0.9])})
             mean       std  n_folds  n_undefined
    roc_auc  0.85  0.070711        3            1
    """
    if isinstance(scores, pd.DataFrame):
        table = {c: scores[c].to_numpy() for c in scores.columns}
    elif isinstance(scores, Mapping):
        tests = {k[5:]: v for k, v in scores.items() if k.startswith("test_")}
        table = tests or dict(scores)
    else:
        table = {"score": scores}
    rows = {}
    for metric, values in table.items():
        values = np.asarray(values, dtype=np.float64)
        mean, std = defined_mean_std(values)
        rows[metric] = {
            "mean": mean,
            "std": std,
            "n_folds": int(values.size),
            "n_undefined": int(np.isnan(values).sum()),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def defined_mean_std(values: Any) -> tuple[float, float]:
    """Return the mean and the sample std of the defined (non-NaN) values.

    NaN where there are too few: no value for the mean, one for the std.
    """
    values = np.asarray(values, dtype=np.float64)
    defined = values[~np.isnan(values)]
    mean = float(defined.mean()) if defined.size else math.nan
    std = float(defined.std(ddof=1)) if defined.size > 1 else math.nan
    return mean, std
