"""Focal losses for PyTorch and skorch: down-weight the easy rows, keep them all.

An alternative to resampling: the loss puts more weight on rows the model
still gets wrong (Lin et al., 2017). At ``gamma=0`` each loss is exactly its
cross-entropy counterpart. Both take logits, are stable for large logits
(log-softmax / log-sigmoid throughout) and work as a skorch ``criterion``::

    NeuralNetClassifier(module, criterion=FocalLoss, criterion__gamma=2.0)

The module must then output logits. :class:`FocalLoss` is a
``torch.nn.CrossEntropyLoss`` and :class:`BinaryFocalLoss` a
``torch.nn.BCEWithLogitsLoss`` (same constructor buffers, focal ``forward``),
so skorch's default ``predict_nonlinearity="auto"`` recognises them as it
recognises their cross-entropy counterparts: ``predict_proba`` returns
probabilities (softmax, or sigmoid as two columns) with nothing to set.

Without torch, importing this module fails with one line that names the
extra to install.
"""

from __future__ import annotations

from numbers import Real
from typing import Any

from ._utils._extras import missing_extra

try:
    import torch
except ModuleNotFoundError as e:
    raise missing_extra("imbsafe.losses", "torch", "torch", e) from None
from sklearn.utils._param_validation import (
    Interval,
    StrOptions,
    validate_parameter_constraints,
)
from torch import nn
from torch.nn import functional as F

__all__ = ["BinaryFocalLoss", "FocalLoss", "binary_proba"]

_REDUCTIONS = ("none", "mean", "sum")


# The parameters both focal losses share, checked as scikit-learn checks its own.
_CONSTRAINTS = {
    "gamma": [Interval(Real, 0, None, closed="left")],
    "reduction": [StrOptions(set(_REDUCTIONS))],
}


def _check(gamma: float, reduction: str, owner: str) -> None:
    validate_parameter_constraints(
        _CONSTRAINTS, {"gamma": gamma, "reduction": reduction}, caller_name=owner
    )


def _as_tensor(value: Any) -> torch.Tensor | None:
    if value is None:
        return None
    return torch.as_tensor(value, dtype=torch.get_default_dtype())


def _modulate(log_p: torch.Tensor, log_not_p: torch.Tensor, gamma: float):
    """(1 - p) ** gamma, computed as exp(gamma * log(1 - p))."""
    if gamma == 0:
        return torch.ones_like(log_p)
    return torch.exp(gamma * log_not_p)


class FocalLoss(nn.CrossEntropyLoss):
    """Multiclass focal loss on logits of shape (N, C) with integer targets (N,).

    ``loss_i = -w[t_i] (1 - p_i) ** gamma log p_i`` where ``p_i`` is the
    softmax probability of the true class ``t_i``. Equals
    ``CrossEntropyLoss(weight)`` at ``gamma=0``, including its weighted mean.
    It subclasses ``CrossEntropyLoss`` so that skorch maps a net's logits to
    probabilities with a softmax, as for cross-entropy (``ignore_index`` and
    ``label_smoothing`` are not supported).

    Parameters
    ----------
    gamma : float, default=2.0
        Focusing parameter, >= 0.
    weight : array-like or Tensor of shape (C,), default=None
        Class weights, e.g. from :func:`imbsafe.class_weights` on the training
        part.
    reduction : {"mean", "sum", "none"}, default="mean"
        ``"mean"`` divides by the summed weights of the targets, as
        ``CrossEntropyLoss`` does.

    Examples
    --------
    >>> import torch
    >>> from imbsafe.losses import FocalLoss
    >>> logits = torch.tensor([[2.0, -1.0], [0.5, 0.3]])
    >>> target = torch.tensor([0, 1])
    >>> ce = torch.nn.CrossEntropyLoss()(logits, target)
    >>> bool(torch.isclose(FocalLoss(gamma=0.0)(logits, target), ce))
    True
    >>> bool(FocalLoss(gamma=2.0)(logits, target) < ce)
    True
    """

    def __init__(
        self, gamma: float = 2.0, weight: Any = None, reduction: str = "mean"
    ) -> None:
        _check(gamma, reduction, "FocalLoss")
        super().__init__(weight=_as_tensor(weight), reduction=reduction)
        self.gamma = float(gamma)

    def forward(self, input: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        """Focal loss of logits ``input`` (N, C) against class indices (N,).

        Parameters
        ----------
        input : Tensor of shape (N, C)
            Logits.
        target : Tensor of shape (N,)
            Class indices.

        Returns
        -------
        loss : Tensor
            Reduced as ``reduction`` says.
        """
        if input.ndim != 2 or target.shape != input.shape[:1]:
            raise ValueError(
                f"FocalLoss takes logits of shape (N, C) and targets of shape (N,); "
                f"got {tuple(input.shape)} and {tuple(target.shape)}. For one logit "
                "per row use BinaryFocalLoss."
            )
        index = target.long()[:, None]
        log_probs = F.log_softmax(input, dim=1)
        log_p = log_probs.gather(1, index)[:, 0]
        # log(1 - p) from the other classes' log-probabilities: stable as p -> 1
        log_not_p = torch.logsumexp(log_probs.scatter(1, index, float("-inf")), dim=1)
        loss = -_modulate(log_p, log_not_p, self.gamma) * log_p
        if self.weight is not None:
            w = self.weight.to(loss.dtype)[index[:, 0]]
            loss = loss * w
            if self.reduction == "mean":
                return loss.sum() / w.sum()
        return _reduce(loss, self.reduction)


class BinaryFocalLoss(nn.BCEWithLogitsLoss):
    """Binary focal loss on logits (N,) with float targets in [0, 1].

    ``loss_i = -[pw y_i (1 - p_i) ** gamma log p_i
    + (1 - y_i) p_i ** gamma log(1 - p_i)]`` with ``p_i = sigmoid(x_i)``.
    Equals ``BCEWithLogitsLoss(pos_weight)`` at ``gamma=0``. It subclasses
    ``BCEWithLogitsLoss`` so that skorch maps a net's logits to
    probabilities with a sigmoid, as for that loss.

    Parameters
    ----------
    gamma : float, default=2.0
        Focusing parameter, >= 0.
    pos_weight : float or Tensor, default=None
        Weight of the positive term, e.g. :func:`imbsafe.pos_weight` of the
        training part's labels.
    reduction : {"mean", "sum", "none"}, default="mean"

    Examples
    --------
    >>> import torch
    >>> from imbsafe.losses import BinaryFocalLoss
    >>> logits, target = torch.tensor([3.0, -0.5, 0.2]), torch.tensor([1.0, 0.0, 1.0])
    >>> bce = torch.nn.BCEWithLogitsLoss()(logits, target)
    >>> bool(torch.isclose(BinaryFocalLoss(gamma=0.0)(logits, target), bce))
    True
    """

    def __init__(
        self, gamma: float = 2.0, pos_weight: Any = None, reduction: str = "mean"
    ) -> None:
        _check(gamma, reduction, "BinaryFocalLoss")
        super().__init__(pos_weight=_as_tensor(pos_weight), reduction=reduction)
        self.gamma = float(gamma)

    def forward(self, input: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        """Focal loss of logits ``input`` against float targets of the same shape.

        Parameters
        ----------
        input : Tensor of shape (N,)
            Logits, one per row.
        target : Tensor of shape (N,)
            Targets in [0, 1].

        Returns
        -------
        loss : Tensor
            Reduced as ``reduction`` says.
        """
        if target.shape != input.shape:
            if target.numel() != input.numel():
                raise ValueError(
                    "BinaryFocalLoss takes one logit per target; got logits of shape "
                    f"{tuple(input.shape)} and targets of shape {tuple(target.shape)}."
                )
            target = target.reshape(input.shape)
        target = target.to(input.dtype)
        log_p, log_not_p = F.logsigmoid(input), F.logsigmoid(-input)
        positive = _modulate(log_p, log_not_p, self.gamma) * log_p
        negative = _modulate(log_not_p, log_p, self.gamma) * log_not_p
        if self.pos_weight is not None:
            positive = positive * self.pos_weight.to(input.dtype)
        loss = -(target * positive + (1 - target) * negative)
        return _reduce(loss, self.reduction)


def _reduce(loss: torch.Tensor, reduction: str) -> torch.Tensor:
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss


def binary_proba(logits: torch.Tensor) -> torch.Tensor:
    """Map one logit per row to (N, 2) probabilities ``[1 - p, p]``.

    What skorch applies by itself for ``BCEWithLogitsLoss`` and
    :class:`BinaryFocalLoss`; useful as an explicit ``predict_nonlinearity``
    with any other criterion that takes one logit per row.

    Parameters
    ----------
    logits : Tensor of shape (N,) or (N, 1)

    Returns
    -------
    proba : Tensor of shape (N, 2)

    Examples
    --------
    >>> import torch
    >>> from imbsafe.losses import binary_proba
    >>> binary_proba(torch.tensor([0.0, 100.0]))
    tensor([[0.5000, 0.5000],
            [0.0000, 1.0000]])
    """
    p = torch.sigmoid(logits.reshape(-1))
    return torch.stack([1 - p, p], dim=1)
