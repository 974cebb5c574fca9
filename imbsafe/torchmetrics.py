"""TorchMetrics: every binary metric of an epoch, with one undefined policy.

:class:`BinaryReport` is a :class:`torchmetrics.Metric` whose ``compute()``
equals :func:`imbsafe.metrics.binary_report` on every row seen since the last
``reset()``, across processes under DDP. A class absent from everything seen
gives NaN and an ``UndefinedMetricWarning``, never an arbitrary 0.

Importing this module imports torch and torchmetrics; ``import imbsafe`` does
not. Without them it fails with one line that names the extra to install.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Sequence
from numbers import Real
from typing import Any

from ._utils._extras import missing_extra

try:  # absolute imports: this module's own name is "torchmetrics" too
    for _module in ("torch", "torchmetrics"):
        importlib.import_module(_module)
except ModuleNotFoundError as e:
    raise missing_extra(
        "imbsafe.torchmetrics", "torch and torchmetrics", "lightning", e
    ) from None

import torch
import torchmetrics
from torchmetrics.utilities import dim_zero_cat

from ._utils._names import BINARY_KEYS
from .metrics._binary import binary_values
from .metrics._policy import check_metric_names, check_undefined, requested, resolve

__all__ = ["BinaryReport"]


class BinaryReport(torchmetrics.Metric):
    """Binary metrics of every row seen, equal to ``binary_report`` on them.

    ``update(preds, target)`` keeps the predictions and labels; ``compute()``
    sorts them once and returns the requested metrics. The kept rows are
    synced across processes (concatenated) before ``compute()``, so under DDP
    the value equals one process's value on the same rows, and it does not
    depend on how the rows were split into batches.

    ``preds`` may be probabilities of the positive class, logits or hard 0/1
    labels, one per row. When any value seen lies outside [0, 1] they are all
    read as logits and go through a sigmoid (as TorchMetrics' binary metrics
    read them): ``threshold`` is then a probability too, and 0.5 means logit 0.
    The decision is made once, on all the rows seen, never per batch.

    Parameters
    ----------
    metrics : sequence of str, default=("f1", "roc_auc", "average_precision")
        Keys of :func:`~imbsafe.metrics.binary_report` (``tp``, ``precision``,
        ``mcc``, ...).
    threshold : float, default=0.5
        Probability at or above which a row is a predicted positive.
    undefined : float or "raise", default=nan
        Value of a requested metric that is undefined on the rows seen (ROC
        AUC with one class), with an ``UndefinedMetricWarning`` naming it;
        ``"raise"`` raises ``ValueError`` instead.
    **kwargs
        Passed to :class:`torchmetrics.Metric` (``dist_sync_on_step``, ...).

    See Also
    --------
    imbsafe.metrics.binary_report : The same numbers from arrays.

    Examples
    --------
    >>> import torch
    >>> from imbsafe.torchmetrics import BinaryReport
    >>> report = BinaryReport(("f1", "recall"))
    >>> report.update(torch.tensor([0.9, 0.2, 0.7]), torch.tensor([1, 0, 0]))
    >>> report.update(torch.tensor([0.4]), torch.tensor([1]))
    >>> {k: round(float(v), 3) for k, v in report.compute().items()}
    {'f1': 0.5, 'recall': 0.5}
    """

    is_differentiable = False
    higher_is_better = True
    full_state_update = False

    def __init__(
        self,
        metrics: Sequence[str] = ("f1", "roc_auc", "average_precision"),
        *,
        threshold: float = 0.5,
        undefined: float | str = math.nan,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.metrics = tuple(
            check_metric_names(metrics, "BinaryReport(metrics=...)", BINARY_KEYS)
        )
        check_undefined(undefined)
        if not (
            isinstance(threshold, Real)
            and not isinstance(threshold, bool)
            and 0 <= threshold <= 1
        ):
            raise ValueError(
                f"BinaryReport(threshold={threshold!r}) must be a probability in "
                "[0, 1] (logits are read through a sigmoid)."
            )
        self.threshold = float(threshold)
        self.undefined = undefined
        self.add_state("preds", default=[], dist_reduce_fx="cat")
        self.add_state("target", default=[], dist_reduce_fx="cat")

    def update(self, preds: torch.Tensor, target: torch.Tensor) -> None:
        """Keep one batch of predictions and their 0/1 labels.

        Parameters
        ----------
        preds : torch.Tensor of shape (n,) or (n, 1)
            Probabilities of the positive class, logits or 0/1 labels.
        target : torch.Tensor of shape (n,) or (n, 1)
            The true 0/1 labels.
        """
        preds, target = torch.as_tensor(preds), torch.as_tensor(target)
        if preds.ndim == 2 and preds.shape[1] == 1:
            preds = preds[:, 0]
        target = target.reshape(-1) if target.ndim == 2 else target
        if preds.ndim != 1 or preds.shape != target.shape:
            raise ValueError(
                "BinaryReport.update(preds, target) takes one score and one 0/1 "
                f"label per row; got preds of shape {tuple(preds.shape)} and target "
                f"of shape {tuple(target.shape)} (for two-column outputs pass the "
                "positive class's column, preds[:, 1])."
            )
        if preds.is_complex() or not (preds.is_floating_point() or _integer(preds)):
            raise ValueError(
                f"BinaryReport.update got preds of dtype {preds.dtype}: pass "
                "probabilities, logits or 0/1 labels."
            )
        if ((target != 0) & (target != 1)).any():
            raise ValueError(
                "BinaryReport.update got target values other than 0 and 1: pass "
                "the labels of a binary task as 0/1."
            )
        self.preds.append(preds.detach())
        self.target.append(target.detach().to(torch.int8))

    def compute(self) -> dict[str, torch.Tensor]:
        """Return the requested metrics of every row seen, as float64 tensors."""
        preds = dim_zero_cat(self.preds).double().cpu()
        target = dim_zero_cat(self.target).cpu().numpy()
        if preds.numel() and (preds.min() < 0 or preds.max() > 1):
            preds = torch.sigmoid(preds)
        values, reasons = binary_values(target, preds.numpy(), threshold=self.threshold)
        resolve(values, requested(reasons, self.metrics), self.undefined)
        return {
            name: torch.tensor(float(values[name]), dtype=torch.float64)
            for name in self.metrics
        }


def _integer(tensor: torch.Tensor) -> bool:
    return tensor.dtype == torch.bool or not (
        tensor.is_floating_point() or tensor.is_complex()
    )


del _module
