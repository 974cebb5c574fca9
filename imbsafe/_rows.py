"""Rows of X, however they come: plain values, equality, and hash keys.

One set of helpers for every place that compares rows: the check that a
sampler's output rows are copies of its input rows, the tracing of
``sample_weight`` through a sampler, and the leakage audit's copy search.
Arrays, DataFrames and sparse matrices are handled alike; NaN equals NaN and
-0.0 equals 0.0, as a copied row must equal its original.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

__all__ = ["columns", "comparable", "dense", "plain", "row_keys", "same_rows"]


def plain(value: Any) -> Any:
    """Numpy scalars to Python scalars, so that they print and serialize cleanly."""
    return value.item() if isinstance(value, np.generic) else value


def dense(X: Any) -> np.ndarray:
    """X as a numpy array (a DataFrame's values; sparse matrices made dense)."""
    if sparse.issparse(X):
        return X.toarray()
    return X.to_numpy() if isinstance(X, pd.DataFrame) else np.asarray(X)


def same_rows(expected: Any, got: Any) -> bool:
    """Whether two tables hold the same rows in the same order (NaN == NaN)."""
    if sparse.issparse(expected) or sparse.issparse(got):
        if not (sparse.issparse(expected) and sparse.issparse(got)):
            return False
        return (
            expected.shape == got.shape
            and (sparse.csr_matrix(expected) != sparse.csr_matrix(got)).nnz == 0
        )
    if isinstance(expected, pd.DataFrame | pd.Series) and isinstance(
        got, type(expected)
    ):
        return expected.reset_index(drop=True).equals(got.reset_index(drop=True))
    expected, got = np.asarray(expected), np.asarray(got)
    if expected.shape != got.shape:
        return False
    try:
        return bool(np.array_equal(expected, got, equal_nan=True))
    except TypeError:  # object arrays cannot test NaN equality
        return bool(np.array_equal(expected, got))


def columns(X: Any) -> list[Any]:
    """Column names of a DataFrame, positions of an array."""
    return list(X.columns) if isinstance(X, pd.DataFrame) else list(range(X.shape[1]))


def comparable(X: Any, name: Any, precision: Any = None) -> np.ndarray:
    """One column's values, equal exactly when the cells hold the same value.

    Numbers and booleans as floats (1 == 1.0 == True, -0.0 == 0.0, missing
    values as NaN), everything else as text. With ``precision`` (a numpy
    float type such as ``np.float32``), numbers are first rounded to it, so a
    float64 value equals its float32 copy.
    """
    if isinstance(X, pd.DataFrame):
        column = X[name]
        if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
            return _rounded(column.to_numpy(dtype=float, na_value=np.nan), precision)
        return np.array([str(v) for v in column.to_numpy()], dtype=object)
    column = X[:, name]
    if column.dtype.kind in "iufb":
        return _rounded(column.astype(float), precision)
    return np.array([str(v) for v in column], dtype=object)


def _rounded(values: np.ndarray, precision: Any) -> np.ndarray:
    if precision is not None:
        values = values.astype(precision).astype(float)
    return values + 0.0  # -0.0 is 0.0


def row_keys(
    X: Any,
    codes: np.ndarray,
    names: list[Any] | None = None,
    precision: dict[Any, Any] | None = None,
) -> np.ndarray:
    """64-bit keys of (row, label code), equal for equal rows.

    The key is the label's hash plus, for each column in the order of
    ``names`` (default: X's own), the hash of its value times an odd weight
    of the column's position, modulo 2**64: no copy of X is made, and a
    numeric array is read a block of columns at a time, so wide tables cost
    what their cells cost. ``precision`` maps a column to the float type its
    numbers are rounded to first (see :func:`comparable`). Two different rows
    share a key with probability about 2**-64 per pair.
    """
    if sparse.issparse(X):
        X = X.toarray()
    precision = precision or {}
    names = columns(X) if names is None else list(names)
    weights = pd.util.hash_array(np.arange(len(names), dtype=np.int64)) | np.uint64(1)
    key = pd.util.hash_array(np.asarray(codes).astype(np.int64))
    with np.errstate(over="ignore"):
        if _numeric_array(X) and not precision and names == list(range(X.shape[1])):
            # a block of about _BLOCK_CELLS cells: a few MiB however tall X is
            width = max(1, min(X.shape[1], _BLOCK_CELLS // max(X.shape[0], 1)))
            for start in range(0, len(names), width):
                block = X[:, start : start + width].astype(float)
                key += (_mixed(block) * weights[start : start + width]).sum(
                    axis=1, dtype=np.uint64
                )
            return key
        for j, name in enumerate(names):
            values = comparable(X, name, precision.get(name))
            key += pd.util.hash_array(values) * weights[j]
    return key


# Cells hashed at once when rows are read from a numeric array.
_BLOCK_CELLS = 2**18


def _mixed(values: np.ndarray) -> np.ndarray:
    """Hash floats as ``pd.util.hash_array`` does, in place on a fresh array.

    Same values, same mixing (splitmix64-style shifts and odd multipliers) as
    pandas, so keys from blocks equal keys from single columns; in place, it
    reads a block of a wide table without pandas' temporary arrays.
    """
    values += 0.0  # -0.0 is 0.0
    values[np.isnan(values)] = np.nan  # one NaN
    bits = values.view(np.uint64)
    bits ^= bits >> np.uint64(30)
    bits *= np.uint64(0xBF58476D1CE4E5B9)
    bits ^= bits >> np.uint64(27)
    bits *= np.uint64(0x94D049BB133111EB)
    bits ^= bits >> np.uint64(31)
    return bits


def _numeric_array(X: Any) -> bool:
    return isinstance(X, np.ndarray) and X.dtype.kind in "iufb"
