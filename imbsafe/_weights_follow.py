"""Carry sample weights from a sampler's input rows to its output rows.

The policy, for every sampler: a row the sampler returns unchanged keeps the
weight of the input row it copies; a row the sampler creates (a SMOTE
interpolation, a cluster centroid) gets the mean weight of the input rows of its
class. Rows are traced through ``sample_indices_`` where the sampler sets it,
through the SMOTE family's layout (input rows first, new rows after), and
otherwise by matching row contents within each class.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

__all__: list[str] = []


def follow_weights(
    sampler_: Any,
    X: Any,
    y: np.ndarray,
    X_res: Any,
    y_res: np.ndarray,
    sample_weight: np.ndarray,
) -> np.ndarray:
    """Weights of the rows ``sampler_`` returned, under the module's policy."""
    indices = getattr(sampler_, "sample_indices_", None)
    if indices is not None:
        return sample_weight[np.asarray(indices, dtype=np.intp)]

    classes, inverse = np.unique(y, return_inverse=True)
    class_mean = np.bincount(inverse, weights=sample_weight) / np.bincount(inverse)
    res_class = np.searchsorted(classes, y_res)
    weights = class_mean[res_class]

    n = y.shape[0]
    if _starts_with_input(X, y, X_res, y_res):
        weights[:n] = sample_weight
        return weights
    if sparse.issparse(X):
        raise ValueError(
            f"sample_weight cannot follow the rows of {sampler_!r} on sparse X: "
            "its output neither lists the rows it kept (sample_indices_) nor "
            "starts with the input rows. Pass X as a dense array, or fit without "
            "sample_weight."
        )
    keyed = _row_keys(X, y)
    totals: dict[Any, list[float]] = {}
    for key, w in zip(keyed, sample_weight, strict=True):
        acc = totals.setdefault(key, [0.0, 0])
        acc[0] += w
        acc[1] += 1
    for i, key in enumerate(_row_keys(X_res, y_res)):
        acc = totals.get(key)
        if acc is not None:
            weights[i] = acc[0] / acc[1]
    return weights


def _starts_with_input(X: Any, y: np.ndarray, X_res: Any, y_res: np.ndarray) -> bool:
    n = y.shape[0]
    if y_res.shape[0] < n or not np.array_equal(y_res[:n], y):
        return False
    if sparse.issparse(X) or sparse.issparse(X_res):
        if not (sparse.issparse(X) and sparse.issparse(X_res)):
            return False
        head = sparse.csr_matrix(X_res)[:n]
        return head.shape == X.shape and (head != sparse.csr_matrix(X)).nnz == 0
    head, first = _dense(X_res)[:n], _dense(X)
    if head.shape != first.shape:
        return False
    try:
        return bool(np.array_equal(head, first, equal_nan=True))
    except TypeError:  # object arrays cannot test NaN equality
        return bool(np.array_equal(head, first))


def _dense(X: Any) -> np.ndarray:
    return X.to_numpy() if isinstance(X, pd.DataFrame) else np.asarray(X)


def _row_keys(X: Any, y: np.ndarray) -> list[Any]:
    """Hashable (label, row contents) keys, one per row."""
    values = _dense(X)
    if values.dtype == object:
        rows = [tuple(row) for row in values]
    else:
        values = np.ascontiguousarray(values)
        rows = [row.tobytes() for row in values]
    return [(label, row) for label, row in zip(y.tolist(), rows, strict=True)]
