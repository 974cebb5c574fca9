"""Binary metrics, all from one sort of the scores.

:func:`binary_report` sorts each class's scores once; ROC AUC, average
precision and the confusion counts at the threshold are read from the two
sorted arrays (with ``sample_weight``, from their cumulative weights).
"""

from __future__ import annotations

import math
from numbers import Real
from typing import Any, NamedTuple

import numpy as np

from ._calibration import FITS, part_values
from ._policy import check_undefined, policy_value, resolve

__all__ = [
    "ConfusionCounts",
    "average_precision",
    "binary_report",
    "binary_values",
    "class_scores",
    "confusion_counts",
    "ranking",
    "roc_auc",
]


class ConfusionCounts(NamedTuple):
    """Counts of a binary confusion matrix."""

    tp: int
    fp: int
    fn: int
    tn: int


def _positive_mask(y_true: Any, pos_label: Any) -> np.ndarray:
    y_true = np.asarray(y_true)
    if y_true.ndim != 1:
        y_true = np.ravel(y_true) if y_true.ndim == 2 and 1 in y_true.shape else None
        if y_true is None:
            raise ValueError("y_true must be one label per row (a 1d array).")
    if y_true.shape[0] == 0:
        raise ValueError("y_true is empty: metrics need at least one row.")
    labels = np.unique(y_true)
    if labels.shape[0] > 2:
        raise ValueError(
            f"y_true has {labels.shape[0]} classes; binary metrics need two. Use "
            "multiclass_report for multiclass targets."
        )
    if labels.shape[0] == 2 and pos_label not in labels.tolist():
        raise ValueError(
            f"pos_label={pos_label!r} is not a label of y_true "
            f"({labels.tolist()}); pass pos_label= one of them."
        )
    return y_true == pos_label


def confusion_counts(
    y_true: Any, y_pred: Any, *, pos_label: Any = 1
) -> ConfusionCounts:
    """Count true and false positives and negatives of hard predictions.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels (numbers or strings).
    y_pred : array-like of shape (n_samples,)
        Predicted labels; a row is a predicted positive when it equals
        ``pos_label``.
    pos_label : int, str, default=1
        The positive class.

    Returns
    -------
    counts : ConfusionCounts
        ``(tp, fp, fn, tn)``.

    Examples
    --------
    Twenty labels, ten positive; the model flags six of the positives and two
    negatives (accuracy 0.7, precision 0.75, recall 0.6, F1 0.667; see
    :func:`binary_report`):

    >>> from imbsafe.metrics import confusion_counts
    >>> y_true = [1] * 10 + [0] * 10
    >>> y_pred = [1] * 6 + [0] * 4 + [1] * 2 + [0] * 8
    >>> confusion_counts(y_true, y_pred)
    ConfusionCounts(tp=6, fp=2, fn=4, tn=8)
    """
    positive = _positive_mask(y_true, pos_label)
    predicted = np.asarray(y_pred) == pos_label
    if predicted.shape != positive.shape:
        raise ValueError(
            f"y_true and y_pred have different lengths ({positive.shape[0]} and "
            f"{predicted.shape[0]})."
        )
    tp = int(np.count_nonzero(positive & predicted))
    n_pred = int(np.count_nonzero(predicted))
    n_pos = int(np.count_nonzero(positive))
    return ConfusionCounts(
        tp, n_pred - tp, n_pos - tp, positive.shape[0] - n_pos - n_pred + tp
    )


def _split_scores(
    y_true: Any, y_score: Any, pos_label: Any, sample_weight: Any = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
    """Each class's scores, sorted, with their weights sorted alike (or None)."""
    positive = _positive_mask(y_true, pos_label)
    scores = np.asarray(y_score)
    if scores.ndim == 2 and scores.shape[1] == 1:
        scores = scores[:, 0]
    if scores.ndim != 1:
        raise ValueError(
            "y_score must be one score per row: the positive class's probability "
            "(e.g. predict_proba(X)[:, 1]), a decision score or a 0/1 prediction; "
            f"got shape {scores.shape}."
        )
    if scores.shape != positive.shape:
        raise ValueError(
            f"y_true and y_score have different lengths ({positive.shape[0]} and "
            f"{scores.shape[0]})."
        )
    if scores.dtype.kind not in "biuf":
        raise ValueError(
            f"y_score must be numeric, got dtype {scores.dtype}; for predicted "
            "labels use confusion_counts or (y_pred == pos_label)."
        )
    scores = scores.astype(np.float64, copy=False)
    if not np.isfinite(scores).all():
        raise ValueError("y_score contains NaN or infinity.")
    if sample_weight is None:
        return np.sort(scores[positive]), np.sort(scores[~positive]), None, None
    weight = np.asarray(sample_weight, dtype=np.float64)
    if (
        weight.shape != scores.shape
        or not np.isfinite(weight).all()
        or (weight < 0).any()
    ):
        raise ValueError(
            "sample_weight must hold one finite, non-negative weight per row; got "
            f"shape {weight.shape} for {scores.shape[0]} rows."
        )
    keep = weight > 0  # a row of weight 0 is not in the sample
    parts = []
    for side in (positive & keep, ~positive & keep):
        order = np.argsort(scores[side], kind="stable")
        parts.append((scores[side][order], weight[side][order]))
    (pos, w_pos), (neg, w_neg) = parts
    return pos, neg, w_pos, w_neg


def class_scores(
    y_true: Any, y_score: Any, pos_label: Any, sample_weight: Any = None
) -> tuple[np.ndarray, np.ndarray, Any, Any]:
    """Scores of the positives and of the negatives, and their weights (or None).

    Checked as the report checks them; rows of weight 0 are left out.
    """
    return _split_scores(y_true, y_score, pos_label, sample_weight)


def ranking(
    pos: np.ndarray,
    neg: np.ndarray,
    w_pos: np.ndarray | None = None,
    w_neg: np.ndarray | None = None,
) -> tuple[float, float]:
    """ROC AUC and average precision from each class's sorted scores.

    Weights (sorted with the scores) count a row that many times. NaN where
    undefined (no positive, or no negative for ROC AUC).
    """
    if w_pos is None:
        w_pos, w_neg = np.ones(pos.shape[0]), np.ones(neg.shape[0])
    total_pos, total_neg = float(w_pos.sum()), float(w_neg.sum())
    if pos.shape[0] == 0:
        return math.nan, math.nan
    if neg.shape[0] == 0:
        return math.nan, 1.0
    # Negative weight strictly below / at most each score.
    cum_neg = np.r_[0.0, np.cumsum(w_neg)]
    below = cum_neg[np.searchsorted(neg, pos, side="left")]
    not_above = cum_neg[np.searchsorted(neg, pos, side="right")]
    # Mann-Whitney: each positive beats the negatives below it, half the ties.
    auc = float(w_pos @ (below + not_above) / (2.0 * total_pos * total_neg))
    # Average precision: one step per distinct positive score t, descending;
    # recall rises by (positive weight at t) / P, at precision TP(>=t) / all(>=t).
    distinct = np.flatnonzero(np.diff(pos, append=np.inf))  # last of each run
    starts = np.r_[0, distinct[:-1] + 1]
    cum_pos = np.r_[0.0, np.cumsum(w_pos)]
    tp_at_least = total_pos - cum_pos[starts]
    fp_at_least = total_neg - below[starts]
    gained = cum_pos[distinct + 1] - cum_pos[starts]
    ap = float(np.sum(gained * tp_at_least / (tp_at_least + fp_at_least)) / total_pos)
    return auc, ap


def binary_report(
    y_true: Any,
    y_score: Any,
    *,
    threshold: float = 0.5,
    pos_label: Any = 1,
    undefined: float | str = math.nan,
    sample_weight: Any = None,
) -> dict[str, float | int]:
    """Every binary metric of a scored sample, from one sort of the scores.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels (numbers or strings; at most two classes).
    y_score : array-like of shape (n_samples,)
        Probabilities of the positive class, decision scores or hard 0/1
        predictions. A row is a predicted positive when its score is
        ``>= threshold``.
    threshold : float, default=0.5
        Decision threshold for the threshold metrics; use 0 for decision
        scores. Ranking metrics (ROC AUC, average precision) ignore it.
    pos_label : int, str, default=1
        The positive class.
    undefined : float or "raise", default=nan
        Value of a metric that is undefined on this sample (module docstring);
        each use emits an ``UndefinedMetricWarning``. ``"raise"`` raises
        ``ValueError`` instead.
    sample_weight : array-like of shape (n_samples,), default=None
        Row weights: a row counts as that many rows (the counts ``tp fp fn
        tn`` are then weighted sums), as in scikit-learn's metrics.

    Returns
    -------
    report : dict
        Keys ``tp fp fn tn accuracy precision recall specificity f1
        balanced_accuracy mcc g_mean roc_auc average_precision prevalence``
        and the calibration keys ``brier log_loss calibration_intercept
        calibration_slope`` (see :func:`brier`, :func:`log_loss`,
        :func:`calibration_intercept`, :func:`calibration_slope`), which are
        undefined (NaN under the policy) where the scores are not
        probabilities.

    See Also
    --------
    confusion_counts : The counts alone, from hard predictions.
    roc_auc, average_precision : Single ranking metrics, same policy.

    Examples
    --------
    The worked example: twenty labels, ten positive. The model flags six of the
    positives (TP = 6, FN = 4) and two of the negatives (FP = 2, TN = 8):
    accuracy (6 + 8) / 20 = 0.7, precision 6 / 8 = 0.75, recall 6 / 10 = 0.6,
    F1 = 2 * 6 / (2 * 6 + 2 + 4) = 0.667. Hard 0/1 predictions are valid scores.

    >>> from imbsafe.metrics import binary_report
    >>> y_true = [1] * 10 + [0] * 10
    >>> y_pred = [1] * 6 + [0] * 4 + [1] * 2 + [0] * 8
    >>> import warnings
    >>> with warnings.catch_warnings():  # hard 0/1 predictions have no logit
    ...     warnings.simplefilter("ignore")
    ...     r = binary_report(y_true, y_pred)
    >>> r["tp"], r["fp"], r["fn"], r["tn"]
    (6, 2, 4, 8)
    >>> r["accuracy"], r["precision"], r["recall"], round(r["f1"], 3)
    (0.7, 0.75, 0.6, 0.667)

    A fold with a single class gives NaN, never an arbitrary 0:

    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     binary_report([0, 0, 0], [0.1, 0.7, 0.2])["roc_auc"]
    nan
    """
    check_undefined(undefined)
    values, reasons = binary_values(
        y_true,
        y_score,
        threshold=threshold,
        pos_label=pos_label,
        sample_weight=sample_weight,
    )
    return resolve(values, reasons, undefined)


def binary_values(
    y_true: Any,
    y_score: Any,
    *,
    threshold: float = 0.5,
    pos_label: Any = 1,
    sample_weight: Any = None,
    names: Any = None,
) -> tuple[dict[str, float | int], dict[str, str]]:
    """Return :func:`binary_report`'s values, NaN where undefined, and why.

    For callers that log some of the metrics and apply the policy to those
    alone (``resolve`` with their part of the reasons). ``names``, when given,
    are the metrics the caller reads: the logistic calibration fits it does not
    read are skipped (NaN, without a reason).
    """
    _check_threshold(threshold)
    pos, neg, w_pos, w_neg = _split_scores(y_true, y_score, pos_label, sample_weight)
    if w_pos is None:
        n_pos, n_neg = pos.shape[0], neg.shape[0]
        tp = n_pos - int(np.searchsorted(pos, threshold, side="left"))
        fp = n_neg - int(np.searchsorted(neg, threshold, side="left"))
    else:
        n_pos, n_neg = float(w_pos.sum()), float(w_neg.sum())
        tp = float(w_pos[np.searchsorted(pos, threshold, side="left") :].sum())
        fp = float(w_neg[np.searchsorted(neg, threshold, side="left") :].sum())
    n = n_pos + n_neg
    fn, tn = n_pos - tp, n_neg - fp
    auc, ap = ranking(pos, neg, w_pos, w_neg)

    reasons: dict[str, str] = {}

    def ratio(name: str, num: float, den: float, why: str) -> float:
        if den == 0:
            reasons[name] = why
            return math.nan
        return num / den

    precision = ratio("precision", tp, tp + fp, "no predicted positive")
    recall = ratio("recall", tp, n_pos, "no positive in y_true")
    specificity = ratio("specificity", tn, n_neg, "no negative in y_true")
    f1 = ratio("f1", 2 * tp, 2 * tp + fp + fn, "no positive, none predicted")
    mcc_den = math.sqrt(float(tp + fp) * n_pos * n_neg * float(tn + fn))
    mcc = ratio("mcc", float(tp) * tn - float(fp) * fn, mcc_den, "a zero margin")
    one_class = "one class in y_true"
    if n_pos == 0 or n_neg == 0:
        reasons["balanced_accuracy"] = one_class
        reasons["g_mean"] = one_class
        reasons["roc_auc"] = one_class
        balanced = g_mean = math.nan
    else:
        balanced = (recall + specificity) / 2
        g_mean = math.sqrt(recall * specificity)
    if n_pos == 0:
        reasons["average_precision"] = "no positive in y_true"

    values = {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "accuracy": (tp + tn) / n,
        "precision": precision,
        "recall": recall,
        "specificity": specificity,
        "f1": f1,
        "balanced_accuracy": balanced,
        "mcc": mcc,
        "g_mean": g_mean,
        "roc_auc": auc,
        "average_precision": ap,
        "prevalence": n_pos / n,
    }
    fits = FITS if names is None else [m for m in FITS if m in names]
    calibration, why = part_values(pos, neg, w_pos, w_neg, fits=fits)
    values.update(calibration)
    reasons.update(why)
    return values, reasons


def _check_threshold(threshold: Any) -> None:
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, Real)
        or not math.isfinite(threshold)
    ):
        raise ValueError(
            f"threshold must be a finite number (a probability, or 0 for decision "
            f"scores), got {threshold!r}."
        )


def roc_auc(
    y_true: Any, y_score: Any, *, pos_label: Any = 1, undefined: float | str = math.nan
) -> float:
    """Area under the ROC curve, undefined (NaN) when only one class is present.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
    y_score : array-like of shape (n_samples,)
        Scores or probabilities of the positive class.
    pos_label : int, str, default=1
    undefined : float or "raise", default=nan
        See :func:`binary_report`.

    Returns
    -------
    auc : float

    Examples
    --------
    >>> from imbsafe.metrics import roc_auc
    >>> roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])
    0.75
    """
    return _ranking_metric(
        "roc_auc", y_true, y_score, pos_label, undefined, "one class in y_true"
    )


def average_precision(
    y_true: Any, y_score: Any, *, pos_label: Any = 1, undefined: float | str = math.nan
) -> float:
    """Average precision, undefined (NaN) when y_true has no positive.

    With only positives it is 1.0. Equals
    :func:`sklearn.metrics.average_precision_score` where defined.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
    y_score : array-like of shape (n_samples,)
    pos_label : int, str, default=1
    undefined : float or "raise", default=nan
        See :func:`binary_report`.

    Returns
    -------
    ap : float

    Examples
    --------
    >>> from imbsafe.metrics import average_precision
    >>> round(average_precision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 4)
    0.8333
    """
    return _ranking_metric(
        "average_precision",
        y_true,
        y_score,
        pos_label,
        undefined,
        "no positive in y_true",
    )


def _ranking_metric(
    name: str, y_true: Any, y_score: Any, pos_label: Any, undefined: Any, why: str
) -> float:
    check_undefined(undefined)
    auc, ap = ranking(*_split_scores(y_true, y_score, pos_label))
    value = {"roc_auc": auc, "average_precision": ap}[name]
    return policy_value(name, value, why, undefined)
