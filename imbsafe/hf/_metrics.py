"""compute_metrics: the panel for ``Trainer(compute_metrics=...)``."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from scipy.special import expit, softmax

from .._utils._classes import not_probabilities
from .._utils._names import BINARY_KEYS
from .._utils._stack import user_stacklevel
from ..metrics._binary import binary_values
from ..metrics._multiclass import multiclass_values
from ..metrics._policy import check_metric_names, check_undefined, requested, resolve
from ._labels import IGNORED

# The panel compute_metrics returns by default.
PANEL = ("f1", "precision", "recall", "roc_auc", "average_precision")
COUNTS = ("tp", "tn", "fp", "fn")


def compute_metrics(
    metrics: Sequence[str] = (*PANEL, *COUNTS),
    *,
    threshold: float = 0.5,
    undefined: float | str = math.nan,
    from_logits: bool | None = None,
) -> Callable[[Any], dict[str, float]]:
    """Build the callable ``Trainer(compute_metrics=...)`` expects.

    It reads an ``EvalPrediction`` (or a ``(predictions, label_ids)``
    pair), turns the logits into probabilities and returns the panel as a
    dict of floats, every number equal to
    :func:`~imbsafe.metrics.binary_report` on the same probabilities.

    Logits of shape (n, 2) go through a softmax and (n, 1) or (n,) through a
    sigmoid: the classes are 0 and 1, and the positive class is label 1.
    With (n, k), k > 2, the classes are 0..k-1 (the logits' columns, whether
    or not the eval split has rows of each), the probabilities go to
    :func:`~imbsafe.metrics.multiclass_report` and the metrics it knows are
    returned (the counts are binary only): a class without eval rows has no
    recall, ROC AUC or average precision, and the macro averages cover the
    classes where each is defined. Rows whose label is -100 (ignored by the
    Trainer) are left out. When the model returns more than the logits (a
    tuple), the first element is read.

    Parameters
    ----------
    metrics : sequence of str, default=("f1", "precision", "recall", \
"roc_auc", "average_precision", "tp", "tn", "fp", "fn")
        Keys of :func:`~imbsafe.metrics.binary_report`.
    threshold : float, default=0.5
        Probability at or above which a row is predicted positive.
    undefined : float or "raise", default=nan
        The value of a requested metric that is undefined on the eval split
        (precision with no predicted positive), with an
        ``UndefinedMetricWarning`` that names it; ``"raise"`` raises instead.
    from_logits : bool or None, default=None
        Whether the predictions are logits, as the Trainer passes them, or
        probabilities (after a softmax or sigmoid, e.g. in
        ``preprocess_logits_for_metrics``). None: logits, checked, since
        probabilities read as logits give wrong numbers: (n, k) predictions
        whose rows all lie in [0, 1] and sum to 1 are refused, and (n,) or
        (n, 1) predictions all in [0, 1] warn. True: logits, unchecked.
        False: probabilities of the positive class ((n,), (n, 1)) or of each
        class ((n, k)), refused if they are not probabilities.

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
    if from_logits not in (None, True, False):
        raise ValueError(
            f"from_logits must be None, True or False, got {from_logits!r}."
        )
    return _Panel(tuple(names), float(threshold), undefined, from_logits)


class _Panel:
    """The compute_metrics callable (a class, so that a Trainer can pickle it)."""

    def __init__(
        self,
        names: tuple[str, ...],
        threshold: float,
        undefined: Any,
        from_logits: bool | None = None,
    ) -> None:
        self.names, self.threshold, self.undefined = names, threshold, undefined
        self.from_logits = from_logits

    def __call__(self, eval_prediction: Any) -> dict[str, float]:
        predictions, labels = _unpack(eval_prediction)
        proba = probabilities(predictions, self.from_logits)
        k = proba.shape[1] if proba.ndim == 2 else 2
        labels = _class_labels(labels, proba.shape[0], k)
        kept = labels != IGNORED
        proba, labels = proba[kept], labels[kept]
        if proba.ndim == 2:
            values, reasons = multiclass_values(labels, proba, labels=range(k))
        else:
            values, reasons = binary_values(
                labels, proba, threshold=self.threshold, names=self.names
            )
        names = [name for name in self.names if name in values]
        resolve(values, requested(reasons, names), self.undefined)
        return {name: float(values[name]) for name in names}


def probabilities(predictions: Any, from_logits: bool | None = None) -> np.ndarray:
    """Positive-class probabilities of binary predictions, or the class matrix.

    Logits: (n, 2) softmax, then column 1; (n, 1) or (n,) sigmoid; (n, k > 2)
    softmax rows. Probabilities (``from_logits=False``) are read as they are.
    """
    values = np.asarray(predictions, dtype=np.float64)
    if values.ndim not in (1, 2) or (values.ndim == 2 and values.shape[1] == 0):
        raise ValueError(
            "compute_metrics reads predictions of shape (n,), (n, 1) or (n, k), "
            f"got {values.shape}; for token classification, flatten predictions "
            "and labels first."
        )
    shape = "(n,)" if values.ndim == 1 else f"(n, {values.shape[1]})"
    if values.ndim == 2 and values.shape[1] == 1:
        values = values[:, 0]
    if not np.isfinite(values).all():
        raise ValueError(
            f"compute_metrics needs finite predictions, got "
            f"{int((~np.isfinite(values)).sum())} NaN or infinite value(s): check "
            "the model's outputs (a diverged fit, or float16 overflow)."
        )
    if from_logits is False:
        what = not_probabilities(values)
        if what is not None:
            raise ValueError(
                f"compute_metrics(from_logits=False) needs probabilities, but the "
                f"{shape} predictions hold {what}: pass from_logits=True if they "
                "are logits."
            )
        return values[:, 1] if values.ndim == 2 and values.shape[1] == 2 else values
    if from_logits is None and not_probabilities(values) is None:
        _look_like_probabilities(shape, values.ndim == 1)
    if values.ndim == 1:
        return expit(values)
    if values.shape[1] == 2:
        # softmax's second column, in one pass: 1 / (1 + exp(l0 - l1))
        return expit(values[:, 1] - values[:, 0])
    return softmax(values, axis=1)


def _look_like_probabilities(shape: str, one_column: bool) -> None:
    """Refuse (rows summing to 1) or warn (values in [0, 1]) before a softmax."""
    if one_column:
        warnings.warn(
            f"compute_metrics: the {shape} predictions all lie in [0, 1], as "
            "probabilities do, and are read as logits (a sigmoid, then the "
            "threshold): pass from_logits=False if they are probabilities, "
            "from_logits=True if they are logits.",
            UserWarning,
            stacklevel=user_stacklevel(),
        )
        return
    raise ValueError(
        f"compute_metrics reads logits, but every row of the {shape} predictions "
        "lies in [0, 1] and sums to 1, as probabilities do: pass "
        "from_logits=False if they are probabilities (after a softmax), "
        "from_logits=True if they are logits."
    )


def _class_labels(labels: Any, n_rows: int, k: int) -> np.ndarray:
    """Return the eval labels as class codes 0..k-1 and -100, or refuse them."""
    if isinstance(labels, tuple | list) and any(
        isinstance(part, np.ndarray) and part.ndim for part in labels
    ):
        raise ValueError(
            f"compute_metrics reads one label array, got {len(labels)} (the "
            "TrainingArguments' label_names names several): call it on "
            "(predictions, label_ids[i]) for the class labels."
        )
    labels = np.asarray(labels)
    if labels.ndim == 2 and labels.shape[1] == 1:
        labels = labels[:, 0]
    if labels.ndim != 1:
        raise ValueError(
            f"compute_metrics reads one class label per row, got labels of shape "
            f"{labels.shape} (multi-hot: multi-label classification, which it "
            "does not cover)."
        )
    if labels.shape[0] != n_rows:
        raise ValueError(
            f"compute_metrics got {n_rows} rows of predictions but "
            f"{labels.shape[0]} labels: pass one label per row."
        )
    if labels.dtype == bool:
        labels = labels.astype(np.int64)
    if labels.dtype.kind not in "iuf":
        raise ValueError(
            f"compute_metrics needs labels 0..{k - 1} (or -100), got "
            f"{labels.dtype} labels such as {labels[:1].tolist()}; map the classes "
            f"to 0..{k - 1} first."
        )
    kept = labels[labels != IGNORED]
    if kept.shape[0] == 0:
        raise ValueError(
            f"compute_metrics got {labels.shape[0]} labels, none of them a class "
            "(-100 is ignored by the Trainer): there is no row to score."
        )
    soft = kept[kept != np.round(kept)]
    if soft.shape[0]:
        raise ValueError(
            f"compute_metrics needs class labels, got soft labels such as "
            f"{float(soft[0])!r} (a regression target?): map the classes to "
            f"0..{k - 1} first."
        )
    if kept.min() < 0 or kept.max() >= k:
        columns = "one or two columns" if k == 2 else f"{k} columns"
        raise ValueError(
            f"compute_metrics needs labels 0..{k - 1} (the classes of predictions "
            f"with {columns}) or -100, got labels from {kept.min()} to "
            f"{kept.max()}; map the classes to 0..{k - 1} first, or check the "
            "model's num_labels."
        )
    return labels.astype(np.int64)


def _unpack(eval_prediction: Any) -> tuple[Any, Any]:
    if hasattr(eval_prediction, "predictions"):
        predictions, labels = eval_prediction.predictions, eval_prediction.label_ids
    else:
        predictions, labels = eval_prediction
    # a tuple (or list) of arrays: the logits, then the model's other outputs
    if isinstance(predictions, tuple | list) and isinstance(
        predictions[0] if len(predictions) else None, np.ndarray
    ):
        predictions = predictions[0]
    if labels is None:
        raise ValueError(
            "compute_metrics got no labels: the eval dataset needs a labels column."
        )
    return predictions, labels
