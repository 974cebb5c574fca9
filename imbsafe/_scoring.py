"""Scorers for cross-validation and grid search that follow the NaN policy.

Re-exported by :mod:`imbsafe.metrics`. An undefined fold scores NaN with an
``UndefinedMetricWarning`` (not 0, not an exception); :func:`fold_summary`
then reports the mean over defined folds and how many were undefined.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
from sklearn.exceptions import UndefinedMetricWarning

__all__ = ["fold_summary", "get_scorer", "scorers"]

THRESHOLD_METRICS = (
    "accuracy",
    "precision",
    "recall",
    "specificity",
    "f1",
    "balanced_accuracy",
    "mcc",
    "g_mean",
)
RANKING_METRICS = ("roc_auc", "average_precision")


class PolicyScorer:
    """Score a fitted binary classifier with one metric of ``binary_report``.

    Threshold metrics read ``estimator.predict``; ranking metrics read the
    positive class's ``predict_proba`` column, else ``decision_function``.
    """

    def __init__(self, metric: str, *, pos_label: Any = 1, undefined: Any = math.nan):
        self.metric = metric
        self.pos_label = pos_label
        self.undefined = undefined

    def __call__(self, estimator: Any, X: Any, y_true: Any, **kwargs: Any) -> float:
        from .metrics import _policy_value, binary_report

        if self.metric in THRESHOLD_METRICS:
            predicted = np.asarray(estimator.predict(X)) == self.pos_label
            score = predicted.astype(np.float64)
        else:
            score = self._positive_score(estimator, X)
        # The policy applies to this scorer's metric alone: other metrics of
        # the report may be undefined on this fold without concerning it.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UndefinedMetricWarning)
            report = binary_report(y_true, score, pos_label=self.pos_label)
        return _policy_value(
            self.metric,
            float(report[self.metric]),
            "undefined on this fold",
            self.undefined,
        )

    def _positive_score(self, estimator: Any, X: Any) -> np.ndarray:
        classes = list(getattr(estimator, "classes_", [0, 1]))
        if self.pos_label not in classes:
            raise ValueError(
                f"pos_label={self.pos_label!r} is not a class of the estimator "
                f"({classes}); pass pos_label= one of them."
            )
        column = classes.index(self.pos_label)
        if hasattr(estimator, "predict_proba"):
            return np.asarray(estimator.predict_proba(X))[:, column]
        scores = np.asarray(estimator.decision_function(X))
        return scores if column == 1 else -scores

    def __repr__(self) -> str:
        return (
            f"get_scorer({self.metric!r}, pos_label={self.pos_label!r}, "
            f"undefined={self.undefined!r})"
        )


def get_scorer(
    metric: str, *, pos_label: Any = 1, undefined: float | str = math.nan
) -> PolicyScorer:
    """Return a scorer for cross-validation and grid search that follows the policy.

    Parameters
    ----------
    metric : str
        One of ``accuracy precision recall specificity f1 balanced_accuracy
        mcc g_mean roc_auc average_precision``.
    pos_label : int, str, default=1
        The positive class.
    undefined : float or "raise", default=nan
        What an undefined fold scores (see :mod:`imbsafe.metrics`).

    Returns
    -------
    scorer : callable
        ``scorer(estimator, X, y) -> float``.

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
    from .metrics import _check_undefined

    if metric not in THRESHOLD_METRICS + RANKING_METRICS:
        raise ValueError(
            f"unknown metric {metric!r}; choose from "
            f"{', '.join(THRESHOLD_METRICS + RANKING_METRICS)}."
        )
    _check_undefined(undefined)
    return PolicyScorer(metric, pos_label=pos_label, undefined=undefined)


def scorers(
    metrics: Iterable[str] = ("f1", "roc_auc", "average_precision"),
    *,
    pos_label: Any = 1,
    undefined: float | str = math.nan,
) -> dict[str, PolicyScorer]:
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
        defined = values[~np.isnan(values)]
        rows[metric] = {
            "mean": float(defined.mean()) if defined.size else math.nan,
            "std": float(defined.std(ddof=1)) if defined.size > 1 else math.nan,
            "n_folds": int(values.size),
            "n_undefined": int(values.size - defined.size),
        }
    return pd.DataFrame.from_dict(rows, orient="index")
