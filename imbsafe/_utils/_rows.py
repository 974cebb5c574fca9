"""Rows of X, however they come: plain values, equality, and hash keys.

One set of helpers for every place that compares rows: the check that a
sampler's output rows are copies of its input rows, the tracing of
``sample_weight`` through a sampler, and the leakage audit's copy search.
Arrays, DataFrames and sparse matrices are handled alike; NaN equals NaN and
-0.0 equals 0.0, as a copied row must equal its original.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

__all__ = [
    "SPARSE_BLOCK_CELLS",
    "cell_keys",
    "columns",
    "comparable",
    "dense",
    "plain",
    "position_weights",
    "row_blocks",
    "row_keys",
    "same_rows",
]


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
    names: Sequence[Any] | None = None,
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
    precision = precision or {}
    if names is None:
        names = range(X.shape[1]) if not isinstance(X, pd.DataFrame) else columns(X)
    elif not isinstance(names, range):
        names = list(names)
    weights = position_weights(len(names))
    key = pd.util.hash_array(np.asarray(codes).astype(np.int64))
    with np.errstate(over="ignore"):
        if sparse.issparse(X):
            return key + _sparse_sums(X, weights, names, precision)
        if _numeric_array(X) and not precision and _all_columns(names, X):
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


def _sparse_sums(
    X: Any, weights: np.ndarray, names: Sequence[Any], precision: dict[Any, Any]
) -> np.ndarray:
    """Each row's sum of hash(value) * weight over the stored cells of sparse X.

    A zero hashes to 0, so the cells a sparse matrix leaves out add nothing
    and the sum equals the dense one; read in the order of ``names``.
    """
    X = sparse.csr_matrix(X)
    if not _all_columns(names, X):
        X = X[:, list(names)]
    types = set(precision.values())
    coarse = min(types, key=lambda t: np.dtype(t).itemsize) if types else None
    sums = np.zeros(X.shape[0], dtype=np.uint64)
    for start, stop in row_blocks(X):
        at = slice(X.indptr[start], X.indptr[stop])
        values = X.data[at].astype(float)
        if coarse is not None:
            values = values.astype(coarse).astype(float)
        cells = np.cumsum(_mixed(values) * weights[X.indices[at]], dtype=np.uint64)
        cells = np.concatenate([np.zeros(1, np.uint64), cells])
        ends = X.indptr[start : stop + 1] - X.indptr[start]
        sums[start:stop] = cells[ends[1:]] - cells[ends[:-1]]  # modulo 2**64
    return sums


def row_blocks(X: sparse.csr_matrix, cells: int | None = None) -> list[tuple[int, int]]:
    """(start, stop) of row blocks holding about ``cells`` stored cells each.

    A sparse matrix read a block at a time costs about a MiB of temporaries
    however large it is (``cells`` defaults to ``SPARSE_BLOCK_CELLS``); a row
    with more cells than that is a block of its own.
    """
    cells = cells or SPARSE_BLOCK_CELLS
    cuts = np.searchsorted(X.indptr, np.arange(0, X.nnz, cells), side="right")
    bounds = np.unique(np.concatenate([[0], cuts - 1, [X.shape[0]]]))
    return list(zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True))


def position_weights(n: int) -> np.ndarray:
    """Odd 64-bit weights of positions 0..n-1, the factors of every key here."""
    return pd.util.hash_array(np.arange(n, dtype=np.int64)) | np.uint64(1)


def cell_keys(
    values: np.ndarray, positions: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """64-bit keys of (position, value) pairs, equal for equal pairs.

    ``positions`` index ``weights`` (:func:`position_weights` of the column
    or row count); values compare as in :func:`row_keys` (-0.0 is 0.0, NaN
    is NaN). ``values`` is not changed.
    """
    with np.errstate(over="ignore"):
        return _mixed(np.array(values, dtype=float)) * weights[positions]


# Cells hashed at once when rows are read from a numeric array.
_BLOCK_CELLS = 2**18
# Stored cells read at once from a sparse matrix: its passes hold a dozen
# temporaries per cell, so blocks are kept smaller.
SPARSE_BLOCK_CELLS = 2**15


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


def _all_columns(names: Any, X: Any) -> bool:
    """Whether ``names`` are X's column positions, in order."""
    if isinstance(names, range):
        return names == range(X.shape[1])
    return names == list(range(X.shape[1]))


def _numeric_array(X: Any) -> bool:
    return isinstance(X, np.ndarray) and X.dtype.kind in "iufb"
