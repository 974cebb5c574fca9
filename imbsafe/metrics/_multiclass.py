"""Multiclass metrics: one-vs-rest per class, macro averages, MCC."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np

from .._utils._classes import check_no_missing
from ._binary import ranking
from ._policy import check_undefined, resolve

__all__ = ["multiclass_report", "multiclass_values"]


def multiclass_report(
    y_true: Any,
    y_proba: Any,
    *,
    labels: Iterable | None = None,
    average: str = "macro",
    undefined: float | str = math.nan,
) -> dict[str, Any]:
    """One-vs-rest metrics per class, their macro average, balanced accuracy, MCC.

    Predictions are the arg-max of ``y_proba``. Per class, a metric is
    undefined as in :func:`binary_report` (e.g. no row of that class in
    y_true for recall, ROC AUC and average precision). The macro average is
    taken over the classes where the metric is defined, and is undefined when
    it is undefined for every class.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
    y_proba : array-like of shape (n_samples, n_classes)
        Class probabilities (or scores), columns in the order of ``labels``.
    labels : array-like of shape (n_classes,), default=None
        The classes of the columns; default ``np.unique(y_true)``, which must
        then have one entry per column.
    average : {"macro"}, default="macro"
        Only macro averaging is supported.
    undefined : float or "raise", default=nan
        See :func:`binary_report`.

    Returns
    -------
    report : dict
        ``f1 precision recall roc_auc average_precision`` (macro),
        ``balanced_accuracy``, ``mcc``, ``accuracy``, and ``per_class``: a dict
        class -> dict of the per-class values and ``support``.

    Examples
    --------
    >>> import numpy as np
    >>> from imbsafe.metrics import multiclass_report
    >>> y = np.array([0, 0, 1, 1, 2, 2])
    >>> proba = np.eye(3)[[0, 0, 1, 2, 2, 2]] * 0.8 + 0.2 / 3
    >>> r = multiclass_report(y, proba)
    >>> round(r["recall"], 3), round(r["balanced_accuracy"], 3)
    (0.833, 0.833)
    """
    check_undefined(undefined)
    if average != "macro":
        raise ValueError(f"average must be 'macro', got {average!r}.")
    values, reasons = multiclass_values(y_true, y_proba, labels=labels)
    resolve(values, reasons, undefined)
    for row in values["per_class"].values():
        for key, value in row.items():
            if key != "support" and math.isnan(value):
                row[key] = float(undefined)
    return values


def multiclass_values(
    y_true: Any, y_proba: Any, *, labels: Iterable | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Return :func:`multiclass_report`'s values, NaN where undefined, and why.

    Per-class reasons are keyed ``"<metric>[<label>]"``.
    """
    y_true = np.asarray(y_true)
    proba = np.asarray(y_proba, dtype=np.float64)
    classes = np.unique(y_true) if labels is None else np.asarray(list(labels))
    if proba.ndim != 2 or proba.shape[1] != classes.shape[0]:
        raise ValueError(
            f"y_proba must have one column per class: {classes.shape[0]} classes "
            f"({classes.tolist()}) but y_proba has shape {proba.shape}; pass labels= "
            "to name the columns."
        )
    if proba.shape[0] != y_true.shape[0]:
        raise ValueError("y_true and y_proba have different numbers of rows.")
    if not np.isfinite(proba).all():
        raise ValueError(
            f"y_proba contains {int((~np.isfinite(proba)).sum())} NaN or infinite "
            "value(s); scores must be finite."
        )
    check_no_missing(y_true, "y_true")
    k = classes.shape[0]
    pred = np.argmax(proba, axis=1)  # column index of the predicted class
    true = _codes(y_true, classes)  # column index of the true class, -1 if none
    known = true >= 0
    cm = np.bincount(true[known] * k + pred[known], minlength=k * k).reshape(k, k)
    n_pred = np.bincount(pred, minlength=k)
    keys = ("f1", "precision", "recall", "roc_auc", "average_precision")
    per_class: dict[Any, dict[str, float]] = {}
    reasons: dict[str, str] = {}
    for i, label in enumerate(classes.tolist()):
        actual = true == i
        pos, neg = np.sort(proba[actual, i]), np.sort(proba[~actual, i])
        tp, n_pos = int(cm[i, i]), pos.shape[0]
        auc, ap = ranking(pos, neg)
        row = {
            "precision": tp / n_pred[i] if n_pred[i] else math.nan,
            "recall": tp / n_pos if n_pos else math.nan,
            "f1": 2 * tp / (n_pred[i] + n_pos) if n_pred[i] + n_pos else math.nan,
            "roc_auc": auc,
            "average_precision": ap,
        }
        for key, value in row.items():
            if math.isnan(value):
                reasons[f"{key}[{label!r}]"] = "undefined for this class"
        row["support"] = n_pos
        per_class[label] = row

    values: dict[str, Any] = {}
    for key in keys:
        defined = [r[key] for r in per_class.values() if not math.isnan(r[key])]
        values[key] = float(np.mean(defined)) if defined else math.nan
        if not defined:
            reasons[key] = "undefined for every class"
    # As in binary_report: balanced accuracy needs two classes in y_true.
    present = [r["recall"] for r in per_class.values() if r["support"] > 0]
    values["balanced_accuracy"] = (
        float(np.mean(present)) if len(present) >= 2 else math.nan
    )
    if len(present) < 2:
        reasons["balanced_accuracy"] = "fewer than two classes in y_true"
    values["accuracy"] = float(np.mean(pred == true))
    values["mcc"] = _multiclass_mcc(cm, reasons)
    values["per_class"] = per_class
    return values, reasons


def _codes(y: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """Index of each label of y in ``classes``; -1 for a label not among them."""
    sorter = np.argsort(classes)
    try:
        at = np.searchsorted(classes, y, sorter=sorter)
    except TypeError:  # labels of another type than classes: none of them match
        return np.full(y.shape[0], -1)
    index = sorter[np.minimum(at, classes.shape[0] - 1)]
    return np.where(classes[index] == y, index, -1)


def _multiclass_mcc(cm: np.ndarray, reasons: dict) -> float:
    """Multiclass MCC from a confusion matrix (rows true, columns predicted)."""
    t_sum, p_sum = cm.sum(axis=1).astype(float), cm.sum(axis=0).astype(float)
    n, correct = float(cm.sum()), float(np.trace(cm))
    cov_ytyp = correct * n - t_sum @ p_sum
    cov_ypyp = n * n - p_sum @ p_sum
    cov_ytyt = n * n - t_sum @ t_sum
    if cov_ypyp * cov_ytyt == 0:
        reasons["mcc"] = "a zero margin"
        return math.nan
    return float(cov_ytyp / math.sqrt(cov_ytyt * cov_ypyp))
