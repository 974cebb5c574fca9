"""Carry ``sample_weight`` from a sampler's input rows to its output rows.

Which weights follow the rows: ``sample_weight``, and for a ``Pipeline`` each
``step__sample_weight`` (:func:`row_weights`).

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
from sklearn.pipeline import Pipeline
from sklearn.utils import _safe_indexing
from sklearn.utils.validation import _check_sample_weight, has_fit_parameter

from .._utils._rows import row_keys, same_rows

__all__ = ["follow_weights", "row_weights"]


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


def row_weights(
    estimator: Any, X: Any, sample_weight: Any, fit_params: dict
) -> tuple[dict[str, np.ndarray], str]:
    """Take the per-row weights out of the fit parameters; name the learner's.

    Weights follow the rows through the validation split and resampling:
    ``sample_weight`` and, for a ``Pipeline``, each ``step__sample_weight``
    (``sample_weight`` alone goes to its last step). Returns them by the key
    the estimator's ``fit`` takes, and the key of the learning step's weight.
    """
    steps = estimator.steps if isinstance(estimator, Pipeline) else None
    key = "sample_weight" if steps is None else f"{steps[-1][0]}__sample_weight"
    weights = {
        k: fit_params.pop(k)
        for k in list(fit_params)
        if k.endswith("__sample_weight") and steps is not None
    }
    if sample_weight is not None:
        if key in weights:
            raise ValueError(
                f"sample_weight and {key} were both given: pass one of them."
            )
        weights[key] = sample_weight
    for name in weights:
        step = (
            estimator
            if steps is None
            else estimator.named_steps.get(name.split("__", 1)[0])
        )
        if step is not None and not has_fit_parameter(step, "sample_weight"):
            raise ValueError(
                f"{name} was given but {type(step).__name__}.fit does not accept "
                "sample_weight; drop it or use an estimator that does."
            )
        weights[name] = _check_sample_weight(weights[name], X)
    return weights, key


def _starts_with_input(X: Any, y: np.ndarray, X_res: Any, y_res: np.ndarray) -> bool:
    n = y.shape[0]
    if y_res.shape[0] < n or not np.array_equal(y_res[:n], y):
        return False
    return same_rows(X, _safe_indexing(X_res, np.arange(n)))
