"""EpochMetrics: honest validation metrics per epoch."""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Real
from typing import Any

import numpy as np
import torch
from skorch.callbacks import Callback
from skorch.utils import to_numpy

from .._utils._classes import not_probabilities
from ..metrics import MULTICLASS_METRICS
from ..metrics._binary import binary_values
from ..metrics._calibration import goodness
from ..metrics._multiclass import multiclass_values
from ..metrics._policy import check_metric_names, requested, resolve
from ._data import labels_of
from ._split import before_resampling


class EpochMetrics(Callback):
    """Log imbalanced-classification metrics every epoch, without extra passes.

    Each epoch records ``valid_<metric>`` and ``valid_<metric>_best`` in the
    net's history (``train_...`` with ``on_train=True``). Validation metrics
    are computed from the outputs the net's validation step already made, so
    they cost no forward pass. Values follow :func:`imbsafe.metrics.
    binary_report`'s policy: an undefined metric (say, precision when nothing
    is predicted positive) is logged as NaN with an ``UndefinedMetricWarning``
    and is never the best; ``EarlyStopping`` counts it as no improvement.
    Multiclass nets log the macro averages of
    :func:`imbsafe.metrics.multiclass_report`.

    Parameters
    ----------
    metrics : sequence of str, default=("f1", "roc_auc", "average_precision")
        Names of :func:`~imbsafe.metrics.binary_report` metrics (accuracy,
        precision, recall, specificity, f1, balanced_accuracy, mcc, g_mean,
        roc_auc, average_precision, and for binary nets the metrics of the
        probabilities: brier, log_loss, calibration_intercept,
        calibration_slope). Each is "best" in its own direction: the lowest
        ``brier`` and ``log_loss``, the calibration intercept and slope
        closest to 0 and 1.
    on_train : bool, default=False
        Score the training rows as they were before resampling (one extra
        inference pass over them per epoch) instead of the valid part.
    threshold : float, default=0.5
        Positive-class probability at which a row is predicted positive.
    pos_label : int, float or str, default=1
        The positive class (binary nets).

    Examples
    --------
    >>> from imbsafe.skorch import EpochMetrics
    >>> cb = EpochMetrics(("f1", "average_precision", "mcc"))
    >>> # NeuralNetClassifier(..., callbacks=[cb]) logs valid_f1, valid_f1_best,
    >>> # valid_average_precision, ... in net.history.
    """

    def __init__(
        self,
        metrics: Sequence[str] = ("f1", "roc_auc", "average_precision"),
        *,
        on_train: bool = False,
        threshold: float = 0.5,
        pos_label: Any = 1,
    ) -> None:
        self.metrics = metrics
        self.on_train = on_train
        self.threshold = threshold
        self.pos_label = pos_label

    def initialize(self) -> EpochMetrics:
        """Check the parameters and reset the best values."""
        names = check_metric_names(self.metrics, "EpochMetrics(metrics=...)")
        if not (isinstance(self.threshold, Real) and 0 <= self.threshold <= 1):
            raise ValueError(
                f"EpochMetrics(threshold={self.threshold!r}) must be a probability "
                "in [0, 1]."
            )
        self.metrics_ = names
        self.prefix_ = "train" if self.on_train else "valid"
        self.best_ = dict.fromkeys(names, -np.inf)
        self.outputs_: list[torch.Tensor] = []
        self.targets_: list[np.ndarray] = []
        return self

    def on_epoch_begin(self, net: Any, **kwargs: Any) -> None:
        self.outputs_, self.targets_ = [], []

    def on_batch_end(
        self, net: Any, batch: Any = None, training: bool = False, **kwargs: Any
    ) -> None:
        if training or self.on_train:
            return
        y_pred = kwargs.get("y_pred")
        if y_pred is None or batch is None or len(batch) < 2 or batch[1] is None:
            return
        if isinstance(y_pred, tuple | list):
            y_pred = y_pred[0]  # skorch's convention for several outputs
        self.outputs_.append(y_pred.detach())
        self.targets_.append(np.asarray(to_numpy(batch[1])).ravel())

    def on_epoch_end(self, net: Any, dataset_train: Any = None, **kwargs: Any) -> None:
        if self.on_train:
            if dataset_train is None:
                return
            rows = before_resampling(dataset_train)
            proba = net.predict_proba(rows)
            y_true = labels_of(rows)
        else:
            if not self.outputs_:
                return
            # skorch's own resolution of predict_nonlinearity ("auto" infers it
            # from the criterion), so that the scores are what predict_proba
            # returns; test_skorch checks the two agree.
            nonlinearity = net._get_predict_nonlinearity()
            with torch.no_grad():
                proba = to_numpy(nonlinearity(torch.cat(self.outputs_)))
            y_true = np.concatenate(self.targets_)
            self.outputs_, self.targets_ = [], []
        proba = np.asarray(proba)
        _check_probabilities(proba, net)
        values = self._score(net, y_true, proba)
        for name in self.metrics_:
            value = float(values[name])
            good = goodness(name, value)
            best = not np.isnan(value) and good > self.best_[name]
            if best:
                self.best_[name] = good
            net.history.record(f"{self.prefix_}_{name}", value)
            net.history.record(f"{self.prefix_}_{name}_best", bool(best))

    def _score(self, net: Any, y_true: np.ndarray, proba: np.ndarray) -> dict:
        if proba.ndim == 2 and proba.shape[1] > 2:
            classes = getattr(net, "classes_", None)
            labels = None if classes is None else list(classes)
            missing = [m for m in self.metrics_ if m not in MULTICLASS_METRICS]
            if missing:
                raise ValueError(
                    f"EpochMetrics: {missing} have no multiclass form; for a "
                    f"multiclass net choose from {list(MULTICLASS_METRICS)}."
                )
            values, reasons = multiclass_values(y_true, proba, labels=labels)
        else:
            if proba.ndim == 2:
                classes = list(getattr(net, "classes_", [0, 1]))
                column = (
                    classes.index(self.pos_label) if self.pos_label in classes else 1
                )
                proba = proba[:, column]
            values, reasons = binary_values(
                y_true,
                proba,
                threshold=self.threshold,
                pos_label=self.pos_label,
                names=self.metrics_,
            )
        return resolve(values, requested(reasons, self.metrics_), np.nan)


def _check_probabilities(proba: np.ndarray, net: Any) -> None:
    """Refuse scores that are not probabilities: thresholds would mean nothing."""
    what = not_probabilities(proba)
    if what is None:
        return
    raise ValueError(
        f"EpochMetrics needs class probabilities, but the net's outputs after its "
        f"predict_nonlinearity hold {what}. skorch infers that nonlinearity only "
        f"from the criterion ({type(net.criterion_).__name__} here): set "
        "predict_nonlinearity on the net (e.g. torch.nn.Softmax(dim=-1) for "
        "logits of several classes, imbsafe.losses.binary_proba for one logit "
        "per row), or use a criterion skorch knows."
    )
