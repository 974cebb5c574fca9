"""Hugging Face integration: the same honesty for ``Trainer`` and ``CrossEncoder``.

Text classifiers fine-tuned with ``transformers.Trainer`` or a
Sentence-Transformers ``CrossEncoder`` meet the same three traps as skorch
users, and get the same answers here:

* :func:`compute_metrics` - the panel for ``Trainer(compute_metrics=...)``
  (F1, precision, recall, ROC AUC, average precision, TP/TN/FP/FN) under the
  undefined-metric policy, equal to :func:`imbsafe.metrics.binary_report`;
* :func:`class_weighted_loss` and :func:`cross_encoder_loss` - class weights
  from the train split only, on the logits' device;
* :func:`resample_dataset` - over- or under-sample the train split only, by
  indices;
* :class:`LeakageGuardCallback` - audits the train and eval datasets for
  exact copies (upsample, then split) before the first step.

Importing this module imports torch and transformers; ``import imbsafe``
does not. Install with ``pip install 'imbsafe[hf]'``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd
import torch
from scipy.special import expit, softmax
from torch.nn import functional as F
from transformers import TrainerCallback

from ._audit import LeakageReport, audit_split
from ._audit._guard import Guard
from ._names import BINARY_KEYS
from ._sampling import LABEL_ONLY, resample_indices, sampler_kind
from ._weights import class_weights
from .metrics import binary_report, multiclass_report
from .metrics._policy import check_metric_names, check_undefined

__all__ = [
    "LeakageGuardCallback",
    "class_weighted_loss",
    "compute_metrics",
    "cross_encoder_loss",
    "resample_dataset",
]

# The panel compute_metrics returns by default.
PANEL = ("f1", "precision", "recall", "roc_auc", "average_precision")
COUNTS = ("tp", "tn", "fp", "fn")
# Label positions the Trainer ignores (padding, masked tokens).
IGNORED = -100


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


# ---------------------------------------------------------------- class weights


def dataset_labels(dataset: Any, label_column: str | None = None) -> np.ndarray:
    """Return the labels of a ``datasets.Dataset``, torch dataset or list of rows.

    ``label_column`` defaults to ``"labels"``, else ``"label"``; a row that is
    a tuple gives its last element.
    """
    names = getattr(dataset, "column_names", None)
    if names is not None:
        column = label_column or next(
            (c for c in ("labels", "label") if c in names), None
        )
        if column not in names:
            raise ValueError(
                f"the dataset has no label column {column or 'labels/label'!r} "
                f"(columns: {names}); pass label_column=."
            )
        return np.asarray(dataset[column]).reshape(-1)
    labels = []
    for i in range(len(dataset)):
        row = dataset[i]
        if isinstance(row, dict):
            column = label_column or ("labels" if "labels" in row else "label")
            value = row[column]
        else:
            value = row[-1]
        labels.append(value.item() if torch.is_tensor(value) else value)
    return np.asarray(labels).reshape(-1)


def _codes(labels: np.ndarray, owner: str) -> np.ndarray:
    """Labels as class codes 0..k-1, as the model's logits index them."""
    labels = labels[labels != IGNORED]
    values = np.unique(labels)
    if not (
        np.issubdtype(values.dtype, np.integer)
        and values[0] >= 0
        and np.array_equal(values, np.arange(values.shape[0]))
    ):
        raise ValueError(
            f"{owner} needs labels 0..k-1 (the logits' columns), got "
            f"{values.tolist()[:5]}; map the classes to 0..k-1 first."
        )
    return labels


def class_weighted_loss(
    train_dataset: Any,
    *,
    scheme: str = "balanced",
    label_column: str | None = None,
) -> Callable[..., torch.Tensor]:
    """Build a loss for ``Trainer(compute_loss_func=...)`` with train-split weights.

    The weights come from the labels of ``train_dataset`` only (never the
    eval split's counts): :func:`imbsafe.class_weights` for several logits
    (``CrossEntropyLoss(weight=...)``), and negatives per positive for one
    logit (``BCEWithLogitsLoss(pos_weight=...)``). They are moved to the
    logits' device and type at each call. Labels -100 are ignored.

    Parameters
    ----------
    train_dataset : datasets.Dataset or torch Dataset
        The training split the Trainer trains on (after any resampling).
    scheme : str, default="balanced"
        As in :func:`imbsafe.class_weights`.
    label_column : str, default=None
        The label column ("labels", else "label").

    Returns
    -------
    loss : callable
        ``loss(outputs, labels, num_items_in_batch=None)``, as the Trainer
        calls it. With ``num_items_in_batch`` (gradient accumulation), the
        summed loss is divided by it, as the Trainer's own loss is.
    """
    labels = _codes(dataset_labels(train_dataset, label_column), "class_weighted_loss")
    weights = class_weights(labels, scheme=scheme)
    positive = float((labels == 1).sum())
    pos_weight = (labels.shape[0] - positive) / positive if positive else 1.0
    return _WeightedLoss(weights, pos_weight)


class _WeightedLoss:
    """The compute_loss_func callable: weighted cross-entropy on the logits."""

    def __init__(self, weights: np.ndarray, pos_weight: float) -> None:
        self.weights, self.pos_weight = weights, pos_weight

    def __call__(
        self, outputs: Any, labels: torch.Tensor, num_items_in_batch: Any = None
    ) -> torch.Tensor:
        logits = outputs["logits"] if isinstance(outputs, dict) else outputs[0]
        if hasattr(outputs, "logits"):
            logits = outputs.logits
        reduction = "mean" if num_items_in_batch is None else "sum"
        if logits.shape[-1] == 1:
            kept = labels != IGNORED
            pos_weight = torch.tensor(
                [self.pos_weight], device=logits.device, dtype=logits.dtype
            )
            loss = F.binary_cross_entropy_with_logits(
                logits.reshape(-1)[kept.reshape(-1)],
                labels.reshape(-1)[kept.reshape(-1)].to(logits.dtype),
                pos_weight=pos_weight,
                reduction=reduction,
            )
        else:
            weight = torch.as_tensor(
                self.weights, device=logits.device, dtype=logits.dtype
            )
            if weight.shape[0] != logits.shape[-1]:
                raise ValueError(
                    f"the train split has {weight.shape[0]} classes but the model "
                    f"returns {logits.shape[-1]} logits: set num_labels to match."
                )
            loss = F.cross_entropy(
                logits.reshape(-1, logits.shape[-1]),
                labels.reshape(-1).long(),
                weight=weight,
                ignore_index=IGNORED,
                reduction=reduction,
            )
        if num_items_in_batch is not None:
            loss = loss / num_items_in_batch
        return loss


def cross_encoder_loss(
    model: Any,
    train_dataset: Any,
    *,
    scheme: str = "balanced",
    label_column: str | None = None,
) -> torch.nn.Module:
    """Build a Sentence-Transformers ``CrossEncoder`` loss with train-split weights.

    One output label: ``BinaryCrossEntropyLoss(model, pos_weight=...)``
    (negatives per positive); several: ``CrossEntropyLoss(model,
    weight=...)`` (:func:`imbsafe.class_weights`). The weights come from the
    labels of ``train_dataset`` only and live on the model's device. Pass the
    loss to ``CrossEncoderTrainer(loss=...)`` (the training API of
    Sentence-Transformers 4 and later).

    Parameters
    ----------
    model : sentence_transformers.cross_encoder.CrossEncoder
    train_dataset : datasets.Dataset
        The training split (after any resampling).
    scheme : str, default="balanced"
        As in :func:`imbsafe.class_weights` (several labels only).
    label_column : str, default=None
        The label column ("labels", else "label").

    Returns
    -------
    loss : torch.nn.Module
    """
    from sentence_transformers.cross_encoder import losses

    labels = _codes(dataset_labels(train_dataset, label_column), "cross_encoder_loss")
    device = model.device
    if model.num_labels == 1:
        positive = float((labels == 1).sum())
        pos_weight = (labels.shape[0] - positive) / max(positive, 1.0)
        return losses.BinaryCrossEntropyLoss(
            model, pos_weight=torch.tensor(pos_weight, device=device)
        )
    weight = torch.as_tensor(
        class_weights(labels, scheme=scheme), dtype=torch.float32, device=device
    )
    return losses.CrossEntropyLoss(model, weight=weight)


# ------------------------------------------------------------------ resampling


def resample_dataset(
    dataset: Any, sampler: Any, *, label_column: str | None = None
) -> Any:
    """Over- or under-sample a train split by indices; never an eval split.

    The sampler picks rows from the labels alone (imbalanced-learn's
    ``RandomOverSampler`` or ``RandomUnderSampler``); the result is
    ``dataset.select(indices)`` for a ``datasets.Dataset``, a
    ``torch.utils.data.Subset`` otherwise, in the sampler's order (the
    original rows first, then the copies). Samplers that synthesize rows
    (SMOTE) or read the features are refused: text cannot be interpolated.

    Parameters
    ----------
    dataset : datasets.Dataset or torch Dataset
        The train split, after the split.
    sampler : imbalanced-learn sampler
        ``RandomOverSampler`` or ``RandomUnderSampler`` (without shrinkage).
    label_column : str, default=None
        The label column ("labels", else "label").

    Returns
    -------
    resampled : datasets.Dataset or torch.utils.data.Subset
    """
    if sampler_kind(sampler) != LABEL_ONLY:
        raise ValueError(
            f"{type(sampler).__name__} reads or creates feature values, which text "
            "does not have: embed first, then resample the embeddings (or use "
            "RandomOverSampler / RandomUnderSampler, which pick rows by label)."
        )
    labels = dataset_labels(dataset, label_column)
    _, indices = resample_indices(
        sampler, np.zeros((labels.shape[0], 1)), labels, where="the train split"
    )
    if hasattr(dataset, "select"):
        return dataset.select(indices.tolist())
    return torch.utils.data.Subset(dataset, indices.tolist())


# ---------------------------------------------------------------------- guard

_GUARD = Guard(
    name="LeakageGuardCallback",
    parts="the train and eval datasets this Trainer is about to use",
    consequence="The eval metrics would be too high.",
    fix="split first, then resample the train split only "
    "(imbsafe.hf.resample_dataset), and evaluate on the untouched eval split",
)


class LeakageGuardCallback(TrainerCallback):
    """Audit the train and eval datasets for copies when training begins.

    Each row is reduced to a key of its inputs (``input_ids``, or the text
    columns before tokenization) and the two splits go through
    :func:`imbsafe.audit_split`: upsampling before the split leaves copies
    of eval rows in the train split, spread as random over-sampling spreads
    them, with the eval split balanced. A leak warns (``action="warn"``) or
    stops training with :class:`~imbsafe.ResamplingLeakageError`
    (``"raise"``), in the words of :class:`imbsafe.skorch.LeakageGuard`.
    Resampling the train split after the split (:func:`resample_dataset`)
    is never flagged: its copies are all on one side.

    The Trainer does not show a callback its eval dataset before the first
    evaluation, so the guard is given it: ``LeakageGuardCallback.for_trainer(
    trainer)`` reads it from the trainer and adds the guard.

    Parameters
    ----------
    eval_dataset : datasets.Dataset or torch Dataset
        The eval split the Trainer evaluates on.
    action : {"warn", "raise"}, default="warn"
    columns : sequence of str, default=None
        The input columns rows are compared by: ``input_ids`` when present,
        else every text column.
    label_column : str, default=None
        The label column ("labels", else "label").

    Attributes
    ----------
    report_ : LeakageReport or None
        The audit, once training has begun (None if it could not be run).
    """

    def __init__(
        self,
        eval_dataset: Any,
        action: str = "warn",
        columns: Sequence[str] | None = None,
        label_column: str | None = None,
    ) -> None:
        if action not in ("warn", "raise"):
            raise ValueError(f"action must be 'warn' or 'raise', got {action!r}.")
        self.eval_dataset = eval_dataset
        self.action = action
        self.columns = columns
        self.label_column = label_column
        self.report_: LeakageReport | None = None

    @classmethod
    def for_trainer(cls, trainer: Any, action: str = "warn") -> LeakageGuardCallback:
        """Guard ``trainer``'s train and eval datasets; add and return the guard.

        Parameters
        ----------
        trainer : transformers.Trainer
            A trainer with an ``eval_dataset``.
        action : {"warn", "raise"}, default="warn"

        Returns
        -------
        guard : LeakageGuardCallback
            The guard, already added to the trainer's callbacks.
        """
        if trainer.eval_dataset is None:
            raise ValueError(
                "the Trainer has no eval_dataset: there is nothing to guard."
            )
        guard = cls(trainer.eval_dataset, action=action)
        trainer.add_callback(guard)
        return guard

    def on_train_begin(
        self, args: Any, state: Any, control: Any, train_dataloader: Any = None, **kw
    ) -> None:
        """Audit the train split the dataloader reads against the eval split.

        Parameters
        ----------
        args, state, control : object
            What the Trainer passes every callback.
        train_dataloader : torch.utils.data.DataLoader, default=None
            The Trainer's train dataloader; its dataset is audited.
        **kw : dict
            The Trainer's other callback arguments (unused).
        """
        if train_dataloader is None:
            return
        train = train_dataloader.dataset
        self.report_ = _GUARD.check(lambda: self.audit(train), self.action)

    def audit(self, train_dataset: Any) -> LeakageReport:
        """Audit ``train_dataset`` against the eval split, by row keys.

        Parameters
        ----------
        train_dataset : datasets.Dataset or torch Dataset
            The train split.

        Returns
        -------
        report : LeakageReport
        """
        keys = [_row_keys(d, self.columns) for d in (train_dataset, self.eval_dataset)]
        labels = [
            dataset_labels(d, self.label_column)
            for d in (train_dataset, self.eval_dataset)
        ]
        return audit_split(keys[0], labels[0], keys[1], labels[1])


def _row_keys(dataset: Any, columns: Sequence[str] | None) -> pd.DataFrame:
    """One text key per row, from its input columns."""
    names = getattr(dataset, "column_names", None)
    if names is None:
        rows = [dataset[i] for i in range(len(dataset))]
        names = list(rows[0]) if rows and isinstance(rows[0], dict) else None
        if names is None:
            raise TypeError(
                "LeakageGuardCallback reads rows of dicts (input_ids or text "
                f"columns), got {type(rows[0]).__name__ if rows else 'no rows'}."
            )
        table = {n: [row[n] for row in rows] for n in names}
    else:
        table = None
    if columns is None:
        if "input_ids" in names:
            columns = ["input_ids"]
        else:
            sample = table or dataset[:1]
            columns = [n for n in names if sample[n] and isinstance(sample[n][0], str)]
        if not columns:
            raise ValueError(
                "LeakageGuardCallback found neither input_ids nor text columns; "
                "pass columns=."
            )
    values = [table[c] if table is not None else dataset[c] for c in columns]
    keys = [
        "\x1f".join(_text(cell) for cell in cells)
        for cells in zip(*values, strict=True)
    ]
    return pd.DataFrame({"row": keys})


def _text(cell: Any) -> str:
    if torch.is_tensor(cell):
        cell = cell.tolist()
    if isinstance(cell, list | tuple | np.ndarray):
        return " ".join(map(str, np.asarray(cell).reshape(-1).tolist()))
    return str(cell)
