"""BalancedBatches: class-balanced batches without copying rows."""

from __future__ import annotations

from numbers import Integral
from typing import Any

import numpy as np
import torch
from skorch.callbacks import Callback
from torch.utils.data import Subset

from .._fit._weights import class_weights
from ._data import labels_of


class _DrawnRows(np.ndarray):
    """One epoch's balanced draw of a train part's rows.

    Set as the train part's ``indices``, so the net's own DataLoader reads the
    draw; ``rows`` keeps the part's own rows, which imbsafe's callbacks read.
    """

    rows: np.ndarray

    def __new__(cls, drawn: np.ndarray, rows: np.ndarray) -> _DrawnRows:
        obj = np.asarray(drawn).view(cls)
        obj.rows = rows
        return obj

    def __array_finalize__(self, obj: Any) -> None:
        self.rows = getattr(obj, "rows", None)


class BalancedBatches(Callback):
    """Class-balanced mini-batches from the train part, without copying rows.

    Each epoch draws as many rows as the train part has, with replacement,
    each class equally likely and rows uniform within their class. Only the
    train part is drawn from (it works with skorch's own ``ValidSplit`` and
    with :class:`ResampledValidSplit`; the valid part is untouched), and rows
    are drawn by index, so nothing is copied. The draw replaces the index
    list of the train part skorch made for this fit; the net itself (its
    ``iterator_train__*`` settings, its parameters) is never changed, even
    when a fit stops with an error.

    Parameters
    ----------
    random_state : int or None, default=None
        Seed of the draws: every fit draws the same batches. None uses
        torch's global generator (``torch.manual_seed``).

    Attributes
    ----------
    rows_ : numpy.ndarray
        Rows of the data set that make the train part of the last fit.

    Examples
    --------
    >>> from imbsafe.skorch import BalancedBatches
    >>> cb = BalancedBatches(random_state=0)
    >>> # NeuralNetClassifier(..., callbacks=[cb]): each batch about half positive.
    """

    def __init__(self, *, random_state: int | None = None) -> None:
        self.random_state = random_state

    def initialize(self) -> BalancedBatches:
        """Check ``random_state``."""
        if self.random_state is not None and not isinstance(
            self.random_state, Integral
        ):
            raise ValueError(
                f"BalancedBatches(random_state={self.random_state!r}) must be an "
                "int or None."
            )
        return self

    def on_train_begin(self, net: Any, **kwargs: Any) -> None:
        self.generator_ = None
        if self.random_state is not None:
            self.generator_ = torch.Generator().manual_seed(int(self.random_state))
        self.rows_ = None
        self.weights_ = None

    def on_epoch_begin(
        self, net: Any, dataset_train: Any = None, **kwargs: Any
    ) -> None:
        if dataset_train is None:
            return
        if not isinstance(dataset_train, Subset):
            raise TypeError(
                "BalancedBatches draws the train part's rows by index, so it needs "
                "the train part as a torch Subset, which skorch makes when the net "
                "splits: give the net a train_split (skorch.dataset.ValidSplit or "
                "imbsafe.skorch.ResampledValidSplit), or with train_split=None "
                "pass your own iterator_train__sampler."
            )
        if self.weights_ is None:
            self.rows_ = np.asarray(
                getattr(dataset_train.indices, "rows", dataset_train.indices)
            )
            labels = labels_of(dataset_train)
            _, codes = np.unique(labels, return_inverse=True)
            # each class drawn as often: rows weigh their class's balanced weight
            per_row = class_weights(labels)[codes]
            self.weights_ = torch.as_tensor(per_row, dtype=torch.float64)
        drawn = torch.multinomial(
            self.weights_, len(self.rows_), replacement=True, generator=self.generator_
        ).numpy()
        dataset_train.indices = _DrawnRows(self.rows_[drawn], self.rows_)
