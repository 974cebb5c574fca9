"""TrainFoldClassWeights: criterion weights from the train part."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from .._fit._weights import class_weights
from ._data import labels_of
from ._once import OncePerFit


class TrainFoldClassWeights(OncePerFit):
    """Set the criterion's class weights from the train part's labels only.

    Before the first epoch of each fit, computes
    :func:`imbsafe.class_weights` on the labels of the train part (never the
    valid part) and sets them on the initialized criterion:
    ``weight`` for ``CrossEntropyLoss``, ``NLLLoss`` and
    :class:`imbsafe.losses.FocalLoss` (classes 0..K-1, in order);
    ``pos_weight`` = weight of class 1 / weight of class 0 for
    ``BCEWithLogitsLoss`` and :class:`imbsafe.losses.BinaryFocalLoss`.

    Parameters
    ----------
    scheme : {"balanced", "inverse", "sqrt_inverse", "effective"}, \
default="balanced"
    normalize : {None, "mean", "sum"}, default=None
    beta : float, default=0.999
        For ``scheme="effective"``.

    Attributes
    ----------
    weights_ : numpy.ndarray
        The per-class weights of the last fit.

    Examples
    --------
    >>> from imbsafe.skorch import TrainFoldClassWeights
    >>> cb = TrainFoldClassWeights(scheme="balanced")
    >>> # NeuralNetClassifier(..., criterion=torch.nn.CrossEntropyLoss,
    >>> #                     callbacks=[cb])
    """

    def __init__(
        self,
        scheme: str = "balanced",
        normalize: str | None = None,
        beta: float = 0.999,
    ) -> None:
        self.scheme = scheme
        self.normalize = normalize
        self.beta = beta

    def initialize(self) -> TrainFoldClassWeights:
        """Check the parameters on a tiny example before any fit."""
        class_weights(
            np.array([0, 1]),
            scheme=self.scheme,
            normalize=self.normalize,
            beta=self.beta,
        )
        return super().initialize()

    def on_first_epoch(self, net: Any, dataset_train: Any, dataset_valid: Any) -> None:
        y = labels_of(dataset_train)
        classes = np.unique(y)
        weights = class_weights(
            y, scheme=self.scheme, normalize=self.normalize, beta=self.beta
        )
        self.weights_ = weights
        criterion = net.criterion_
        device = next(net.module_.parameters(), torch.empty(0)).device
        if hasattr(criterion, "pos_weight"):
            if classes.shape[0] != 2:
                raise ValueError(
                    f"{type(criterion).__name__} takes a pos_weight for two classes, "
                    f"but the train part has {classes.shape[0]}."
                )
            ratio = weights[1] / weights[0]
            _set_buffer(criterion, "pos_weight", torch.tensor([ratio]).to(device))
        elif hasattr(criterion, "weight"):
            expected = np.arange(classes.shape[0])
            if not np.array_equal(classes.astype(float), expected):
                raise ValueError(
                    f"{type(criterion).__name__}(weight=...) indexes classes "
                    f"0..K-1, but the train part's labels are {classes.tolist()}: "
                    "encode the labels as 0..K-1 (and make sure every class has "
                    "training rows)."
                )
            _set_buffer(criterion, "weight", torch.tensor(weights).to(device))
        else:
            raise TypeError(
                f"TrainFoldClassWeights cannot set weights on "
                f"{type(criterion).__name__}: it has neither weight nor pos_weight. "
                "Use CrossEntropyLoss, BCEWithLogitsLoss, or imbsafe.losses' "
                "FocalLoss / BinaryFocalLoss."
            )


def _set_buffer(criterion: Any, name: str, value: torch.Tensor) -> None:
    """Set a criterion buffer that is not saved with the criterion's state.

    The weights come from the training data and are set again at every fit.
    Kept out of ``state_dict``, they do not break skorch's ``Checkpoint`` /
    ``load_params`` / ``LoadInitState`` into a fresh criterion, which has no
    such buffer (torch refuses unexpected keys).
    """
    criterion.register_buffer(name, value.to(torch.float32), persistent=False)
