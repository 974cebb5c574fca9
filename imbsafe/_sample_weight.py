"""Carry ``sample_weight`` from a sampler's input rows to its output rows.

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
from scipy import sparse
from sklearn.utils import _safe_indexing

from ._rows import row_keys, same_rows

__all__ = ["follow_weights"]


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
    # Content match within each class: an output row equal to input rows gets
    # their mean weight.
    keys = row_keys(X, np.searchsorted(classes, y))
    unique, inverse = np.unique(keys, return_inverse=True)
    mean = np.bincount(inverse, weights=sample_weight) / np.bincount(inverse)
    found = row_keys(X_res, res_class)
    at = np.minimum(np.searchsorted(unique, found), unique.shape[0] - 1)
    match = unique[at] == found
    weights[match] = mean[at[match]]
    return weights


def _starts_with_input(X: Any, y: np.ndarray, X_res: Any, y_res: np.ndarray) -> bool:
    n = y.shape[0]
    if y_res.shape[0] < n or not np.array_equal(y_res[:n], y):
        return False
    return same_rows(X, _safe_indexing(X_res, np.arange(n)))
