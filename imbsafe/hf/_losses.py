"""The class-weighted losses: the Trainer's compute_loss_func, CrossEncoder's loss."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import torch
from torch.nn import functional as F

from .._fit._weights import class_weights, pos_weight
from ._labels import IGNORED, class_codes, dataset_labels


def class_weighted_loss(
    train_dataset: Any,
    *,
    scheme: str = "balanced",
    label_column: str | None = None,
    num_labels: int | None = None,
) -> Callable[..., torch.Tensor]:
    """Build a loss for ``Trainer(compute_loss_func=...)`` with train-split weights.

    The weights come from the labels of ``train_dataset`` only (never the
    eval split's counts): :func:`imbsafe.class_weights` for several logits
    (``CrossEntropyLoss(weight=...)``), and negatives per positive for one
    logit (``BCEWithLogitsLoss(pos_weight=...)``). They are moved to the
    logits' device and type at each call. Labels are class codes 0..k-1:
    integers, whole floats (``0.0``, ``1.0``) or bools; labels -100 are
    ignored.

    Parameters
    ----------
    train_dataset : datasets.Dataset or torch Dataset
        The training split the Trainer trains on (after any resampling).
    scheme : str, default="balanced"
        As in :func:`imbsafe.class_weights`.
    label_column : str, default=None
        The label column ("labels", else "label").
    num_labels : int, default=None
        The model's ``config.num_labels`` (1 for one logit), for a train
        split that lacks a class: the weights then have one entry per logit,
        and a class without train rows gets the largest weight of the others
        (the train loss never reads it; the eval loss weighs that class's
        rows as the rarest). Default: the classes of the train split, which
        must then be 0..k-1.

    Returns
    -------
    loss : callable
        ``loss(outputs, labels, num_items_in_batch=None)``, as the Trainer
        calls it. With ``num_items_in_batch`` (gradient accumulation), the
        summed loss is divided by it, as the Trainer's own loss is.
    """
    owner = "class_weighted_loss"
    labels, k = class_codes(
        dataset_labels(train_dataset, label_column, owner=owner), owner, num_labels
    )
    weights = split_weights(labels, k, scheme)
    binary = pos_weight(labels) if k == 2 else None
    return _WeightedLoss(weights, binary, num_labels)


def split_weights(labels: np.ndarray, k: int, scheme: str) -> np.ndarray:
    """One weight per class 0..k-1 from the codes present; the largest if absent."""
    present = np.unique(labels)
    weights = np.full(k, np.nan)
    weights[present] = class_weights(labels, scheme=scheme)
    weights[np.isnan(weights)] = np.nanmax(weights)
    return weights


class _WeightedLoss:
    """The compute_loss_func callable: weighted cross-entropy on the logits."""

    def __init__(
        self, weights: np.ndarray, pos_weight: float | None, num_labels: int | None
    ) -> None:
        self.weights, self.pos_weight = weights, pos_weight
        self.num_labels = num_labels

    def __call__(
        self, outputs: Any, labels: torch.Tensor, num_items_in_batch: Any = None
    ) -> torch.Tensor:
        # a ModelOutput is a dict; return_dict=False gives a tuple
        logits = outputs["logits"] if isinstance(outputs, dict) else outputs[0]
        reduction = "mean" if num_items_in_batch is None else "sum"
        width = logits.shape[-1]
        if self.num_labels is not None and width != self.num_labels:
            raise ValueError(
                f"the model returns {width} logit(s) but class_weighted_loss was "
                f"built with num_labels={self.num_labels}: pass the model's "
                "config.num_labels."
            )
        if width == 1:
            if self.pos_weight is None:
                raise ValueError(
                    f"the model returns one logit but the train split has "
                    f"{self.weights.shape[0]} classes: set num_labels to match."
                )
            kept = (labels != IGNORED).reshape(-1)
            pos_weight = torch.tensor(
                [self.pos_weight], device=logits.device, dtype=logits.dtype
            )
            loss = F.binary_cross_entropy_with_logits(
                logits.reshape(-1)[kept],
                labels.reshape(-1)[kept].to(logits.dtype),
                pos_weight=pos_weight,
                reduction=reduction,
            )
        else:
            weight = torch.as_tensor(
                self.weights, device=logits.device, dtype=logits.dtype
            )
            if weight.shape[0] != width:
                raise ValueError(
                    f"the train split has {weight.shape[0]} classes but the model "
                    f"returns {width} logits: set num_labels to match (or pass "
                    "num_labels= to class_weighted_loss if the split lacks a class)."
                )
            loss = F.cross_entropy(
                logits.reshape(-1, width),
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
    weight=...)`` (:func:`imbsafe.class_weights`, one weight per output
    label; a class without train rows gets the largest). The weights come
    from the labels of ``train_dataset`` only and live on the model's device.
    The labels must fit ``model.num_labels`` (classes 0 and 1 for one output
    label, 0..k-1 for k); whole floats (``0.0``, ``1.0``) and bools are class
    codes. Pass the loss to ``CrossEncoderTrainer(loss=...)`` (the training
    API of Sentence-Transformers 4 and later).

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

    owner = "cross_encoder_loss"
    labels, k = class_codes(
        dataset_labels(train_dataset, label_column, owner=owner),
        owner,
        model.num_labels,
    )
    device = model.device
    if model.num_labels == 1:
        return losses.BinaryCrossEntropyLoss(
            model, pos_weight=torch.tensor(pos_weight(labels), device=device)
        )
    weight = torch.as_tensor(
        split_weights(labels, k, scheme), dtype=torch.float32, device=device
    )
    return losses.CrossEntropyLoss(model, weight=weight)
