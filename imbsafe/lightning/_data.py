"""Rows as a torch Dataset, and reading them back for an audit."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from scipy import sparse
from torch.utils.data import Dataset, Subset, TensorDataset


class TrainPart(Subset):
    """The train part as the loader serves it, and the rows it came from.

    ``before_resampling`` is the train part's own rows before the sampler
    (None when nothing was resampled): :class:`LeakageGuard` audits those, so
    the module's own resampling is never taken for a leak.
    """

    def __init__(
        self, dataset: Dataset, indices: Any, before_resampling: Subset | None
    ) -> None:
        super().__init__(dataset, indices)
        self.before_resampling = before_resampling


def rows_dataset(X: Any, y: np.ndarray) -> TensorDataset:
    """(features, label) rows: float features as float32, labels as int64."""
    if sparse.issparse(X):
        raise TypeError(
            "ResampledDataModule takes X as a dense array or DataFrame; for sparse "
            "or non-tabular data use ResampledDataModule.from_dataset(dataset, "
            "labels)."
        )
    X = np.asarray(X)
    if X.dtype.kind not in "biuf" or X.ndim < 2:
        raise ValueError(
            f"ResampledDataModule needs X as numbers, one row per sample (a 2d "
            f"array); got dtype {X.dtype} and shape {X.shape}. Encode the features "
            "first, or use ResampledDataModule.from_dataset(dataset, labels)."
        )
    if X.shape[0] != y.shape[0]:
        raise ValueError(
            f"X has {X.shape[0]} rows and y {y.shape[0]} labels; pass one label "
            "per row."
        )
    features = torch.from_numpy(np.ascontiguousarray(X, dtype=np.float32))
    return TensorDataset(features, torch.from_numpy(y.astype(np.int64)))


def numeric_labels(labels: Any) -> np.ndarray:
    """Return the labels as a 1d integer array, or raise a one-line error."""
    if torch.is_tensor(labels):
        labels = labels.detach().cpu().numpy()
    y = np.asarray(labels)
    if y.ndim == 2 and 1 in y.shape:
        y = y.ravel()
    if y.ndim != 1 or y.dtype.kind not in "biu":
        raise ValueError(
            "ResampledDataModule needs the labels as integer class codes, one per "
            f"row; got dtype {y.dtype} and shape {y.shape}. Encode them first, e.g. "
            "with sklearn.preprocessing.LabelEncoder."
        )
    return y


def features(dataset: Dataset, what: str) -> np.ndarray:
    """Return the feature values of a dataset's rows (a ``TensorDataset``).

    The features are the first tensor of the rows, as numpy.
    """
    rows = None
    while isinstance(dataset, Subset):
        here = np.asarray(dataset.indices)
        rows = here if rows is None else here[rows]
        dataset = dataset.dataset
    if not isinstance(dataset, TensorDataset):
        raise TypeError(
            f"{what} reads the feature values of the rows, which a "
            f"{type(dataset).__name__} does not hold as one tensor: use a "
            "TensorDataset, or RandomOverSampler / RandomUnderSampler, which pick "
            "rows by their labels alone."
        )
    X = dataset.tensors[0]
    X = X if rows is None else X[torch.as_tensor(rows, dtype=torch.long)]
    return X.detach().cpu().numpy().reshape(X.shape[0], -1)


def labels(dataset: Dataset) -> np.ndarray:
    """Return the labels of a dataset's rows (a TensorDataset's last tensor)."""
    rows = None
    while isinstance(dataset, Subset):
        here = np.asarray(dataset.indices)
        rows = here if rows is None else here[rows]
        dataset = dataset.dataset
    if not isinstance(dataset, TensorDataset) or len(dataset.tensors) < 2:
        raise TypeError(
            f"cannot read class labels from a {type(dataset).__name__}: use a "
            "TensorDataset of (features, labels) or ResampledDataModule."
        )
    y = dataset.tensors[-1].detach().cpu().numpy().ravel()
    return y if rows is None else y[rows]
