"""Labels of Hugging Face and torch datasets, and the class-weighted losses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import torch
from torch.nn import functional as F

from .._weights import class_weights, pos_weight

# Label positions the Trainer ignores (padding, masked tokens).
IGNORED = -100


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
    binary = weights.shape[0] == 2
    return _WeightedLoss(weights, pos_weight(labels) if binary else None)


class _WeightedLoss:
    """The compute_loss_func callable: weighted cross-entropy on the logits."""

    def __init__(self, weights: np.ndarray, pos_weight: float | None) -> None:
        self.weights, self.pos_weight = weights, pos_weight

    def __call__(
        self, outputs: Any, labels: torch.Tensor, num_items_in_batch: Any = None
    ) -> torch.Tensor:
        # a ModelOutput is a dict; return_dict=False gives a tuple
        logits = outputs["logits"] if isinstance(outputs, dict) else outputs[0]
        reduction = "mean" if num_items_in_batch is None else "sum"
        if logits.shape[-1] == 1:
            if self.pos_weight is None:
                raise ValueError(
                    f"the model returns one logit but the train split has "
                    f"{self.weights.shape[0]} classes: set num_labels to match."
                )
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
        return losses.BinaryCrossEntropyLoss(
            model, pos_weight=torch.tensor(pos_weight(labels), device=device)
        )
    weight = torch.as_tensor(
        class_weights(labels, scheme=scheme), dtype=torch.float32, device=device
    )
    return losses.CrossEntropyLoss(model, weight=weight)
