"""Reading rows and labels out of skorch datasets."""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
from skorch.utils import multi_indexing, to_numpy
from torch.utils.data import Subset


def unwrap(dataset: Any) -> tuple[Any, np.ndarray | None]:
    """Return the innermost dataset and the rows of it that ``dataset`` shows.

    A train part whose rows :class:`BalancedBatches` drew for this epoch shows
    its own rows, not the draw.
    """
    rows = None
    while isinstance(dataset, Subset):
        here = np.asarray(getattr(dataset.indices, "rows", dataset.indices))
        rows = here if rows is None else here[rows]
        dataset = dataset.dataset
    return dataset, rows


def labels_of(dataset: Any, y: Any = None) -> np.ndarray:
    """Return the class labels of the rows of ``dataset`` (``y`` if given)."""
    if y is not None:
        return np.asarray(to_numpy(y) if torch.is_tensor(y) else y).ravel()
    base, rows = unwrap(dataset)
    y = getattr(base, "y", None)
    if y is None:
        raise ValueError(
            f"cannot read class labels from a {type(base).__name__}: pass y to fit "
            "(or use a skorch.dataset.Dataset with y)."
        )
    y = np.asarray(to_numpy(y) if torch.is_tensor(y) else y).ravel()
    return y if rows is None else y[rows]


def features_of(dataset: Any, what: str) -> Any:
    """X of the rows of ``dataset`` as an array, DataFrame or sparse matrix."""
    base, rows = unwrap(dataset)
    X = getattr(base, "X", None)
    if isinstance(X, dict | list | tuple) or X is None:
        kind = "no X" if X is None else f"X as a {type(X).__name__}"
        raise TypeError(
            f"{what} needs the feature values of the rows as one array, "
            f"DataFrame, sparse matrix or tensor, but the data set holds {kind}. "
            "Use RandomOverSampler or RandomUnderSampler (they pick rows by "
            "index and work with any X), or pass X as one array."
        )
    if rows is not None:
        X = multi_indexing(X, rows)
    if torch.is_tensor(X):
        X = to_numpy(X)
    return X
