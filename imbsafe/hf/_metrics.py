"""compute_metrics: the panel for ``Trainer(compute_metrics=...)``."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from scipy.special import expit, softmax

from .._names import BINARY_KEYS
from ..metrics import binary_report, multiclass_report
from ..metrics._policy import check_metric_names, check_undefined
from ._labels import IGNORED

# The panel compute_metrics returns by default.
PANEL = ("f1", "precision", "recall", "roc_auc", "average_precision")
COUNTS = ("tp", "tn", "fp", "fn")


def compute_metrics(
    metrics: Sequence[str] = (*PANEL, *COUNTS),
    *,
    threshold: float = 0.5,
    undefined: float | str = math.nan,
) -> Callable[[Any], dict[str, float]]:
    """Build the callable ``Trainer(compute_metrics=...)`` expects.

    It reads an ``EvalPrediction`` (or a ``(predictions, label_ids)``
    pair), turns the logits into probabilities and returns the panel as a
    dict of floats, every number equal to
    :func:`~imbsafe.metrics.binary_report` on the same probabilities.

    Logits of shape (n, 2) go through a softmax and (n, 1) or (n,) through a
    sigmoid: the positive class is label 1. With (n, k), k > 2, the
    probabilities go to :func:`~imbsafe.metrics.multiclass_report` and the
    metrics it knows are returned (the counts are binary only). Rows whose
    label is -100 (ignored by the Trainer) are left out. When the model
    returns more than the logits (a tuple), the first element is read.

    Parameters
    ----------
    metrics : sequence of str, default=("f1", "precision", "recall", \
"roc_auc", "average_precision", "tp", "tn", "fp", "fn")
        Keys of :func:`~imbsafe.metrics.binary_report`.
    threshold : float, default=0.5
        Probability at or above which a row is predicted positive.
    undefined : float or "raise", default=nan
        The value of a metric that is undefined on the eval split (precision
        with no predicted positive), with an ``UndefinedMetricWarning``;
        ``"raise"`` raises instead.

    Returns
    -------
    compute_metrics : callable
        ``compute_metrics(eval_prediction) -> dict``.

    Examples
    --------
    >>> import numpy as np
    >>> from imbsafe.hf import compute_metrics
    >>> logits = np.array([[2.0, -1.0], [0.5, 1.5], [-1.0, 2.0], [1.0, 0.0]])
    >>> panel = compute_metrics(("f1", "tp", "fn"))((logits, np.array([0, 1, 1, 1])))
    >>> panel
    {'f1': 0.8, 'tp': 2.0, 'fn': 1.0}
    """
    names = check_metric_names(metrics, "compute_metrics(metrics=...)", BINARY_KEYS)
    check_undefined(undefined)
    return _Panel(tuple(names), float(threshold), undefined)


class _Panel:
    """The compute_metrics callable (a class, so that a Trainer can pickle it)."""

    def __init__(self, names: tuple[str, ...], threshold: float, undefined: Any):
        self.names, self.threshold, self.undefined = names, threshold, undefined

    def __call__(self, eval_prediction: Any) -> dict[str, float]:
        logits, labels = _unpack(eval_prediction)
        proba = probabilities(logits)
        labels = np.asarray(labels).reshape(-1)
        kept = labels != IGNORED
        proba, labels = proba[kept], labels[kept]
        if proba.ndim == 2:
            report = multiclass_report(labels, proba, undefined=self.undefined)
            return {n: float(report[n]) for n in self.names if n in report}
        report = binary_report(
            labels, proba, threshold=self.threshold, undefined=self.undefined
        )
        return {name: float(report[name]) for name in self.names}


def probabilities(logits: Any) -> np.ndarray:
    """Positive-class probabilities of binary logits, or the class matrix.

    (n, 2): softmax, then column 1; (n, 1) or (n,): sigmoid; (n, k > 2):
    softmax rows.
    """
    logits = np.asarray(logits, dtype=np.float64)
    if logits.ndim == 1 or (logits.ndim == 2 and logits.shape[1] == 1):
        return expit(logits.reshape(-1))
    if logits.ndim != 2:
        raise ValueError(
            f"compute_metrics reads logits of shape (n, k), got {logits.shape}; "
            "for token classification, flatten logits and labels first."
        )
    if logits.shape[1] == 2:
        # softmax's second column, in one pass: 1 / (1 + exp(l0 - l1))
        return expit(logits[:, 1] - logits[:, 0])
    return softmax(logits, axis=1)


def _unpack(eval_prediction: Any) -> tuple[Any, Any]:
    if hasattr(eval_prediction, "predictions"):
        logits, labels = eval_prediction.predictions, eval_prediction.label_ids
    else:
        logits, labels = eval_prediction
    if isinstance(logits, tuple | list):
        logits = logits[0]
    if labels is None:
        raise ValueError(
            "compute_metrics got no labels: the eval dataset needs a labels column."
        )
    return logits, labels
