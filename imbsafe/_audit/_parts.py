"""The audit's view of a split: checked columns and a numeric block.

Both parts are read column by column, without building a copy of the whole
table; the numeric block is the caller's own float array whenever it already
is one. Row keys come from :func:`imbsafe._utils._rows.row_keys`.

Equal means equal values, not equal bytes: numbers compare as numbers
whatever their dtype (1 == 1.0, -0.0 == 0.0, NaN == NaN), a column stored at
a lower float precision in one part (float32 beside float64) is compared
after rounding both parts to that precision, and an object array is read
column by column as what it holds (numbers, booleans or text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.utils.validation import column_or_1d

from .._utils._classes import check_no_missing
from .._utils._rows import row_blocks


@dataclass(frozen=True)
class Part:
    """One side of a split: its columns (by name or position) and row count."""

    data: Any  # DataFrame or 2d ndarray, as the caller gave it (never changed)
    columns: Sequence[Any]  # names or positions (a range for a sparse matrix)
    n_rows: int
    # column -> float type both parts are rounded to (float32 beside float64)
    precision: dict[Any, Any] = field(default_factory=dict)
    # a sparse part: whether the matrix the caller gave holds integers
    integer_matrix: bool = False

    def is_integer(self, name: Any) -> bool:
        """Whether a column is stored as integers (imbalanced-learn casts to them)."""
        if sparse.issparse(self.data):
            return self.integer_matrix
        if isinstance(self.data, pd.DataFrame):
            return _integer_dtype(self.data[name].dtype)
        return _integer_dtype(self.data.dtype)

    def numbers(self, name: Any) -> np.ndarray | None:
        """Return a numeric column as floats (missing as NaN), else None.

        Booleans and text are not numbers here: a line through them means
        nothing.
        """
        if isinstance(self.data, pd.DataFrame):
            column = self.data[name]
            if not pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(
                column
            ):
                return None
            values = column.to_numpy(dtype=float, na_value=np.nan)
        else:
            column = self.data[:, name]
            if column.dtype.kind not in "iuf":
                return None
            values = column.astype(float, copy=False)
        if name in self.precision:
            values = values.astype(self.precision[name]).astype(float)
        return values

    def float_type(self, name: Any) -> Any:
        """Return the column's float type when it is a float (else None)."""
        if isinstance(self.data, pd.DataFrame):
            dtype = self.data[name].dtype
        else:
            dtype = self.data.dtype
        return dtype.type if getattr(dtype, "kind", "") == "f" else None


def check_parts(X_train: Any, X_valid: Any) -> tuple[Part, Part]:
    """Both parts, with the same columns in the same order, or a clear error.

    Columns stored at a lower float precision in one part are compared at
    that precision in both.
    """
    if sparse.issparse(X_train) or sparse.issparse(X_valid):
        train, valid = _sparse_parts(X_train, X_valid)
    else:
        train, valid = _matched(_part(X_train, "X_train"), _part(X_valid, "X_valid"))
    for part, name in ((train, "X_train"), (valid, "X_valid")):
        if part.n_rows == 0:
            raise ValueError(f"{name} has no rows: there is nothing to audit.")
    if not train.columns:
        raise ValueError(
            "X_train and X_valid have no columns: there is nothing to audit."
        )
    precision = {}
    for name in [] if sparse.issparse(train.data) else train.columns:
        types = [t for t in (train.float_type(name), valid.float_type(name)) if t]
        coarsest = min(types, key=lambda t: np.dtype(t).itemsize, default=None)
        if coarsest is not None and np.dtype(coarsest).itemsize < 8:
            precision[name] = coarsest
    if precision:
        train, valid = (replace(p, precision=precision) for p in (train, valid))
    return train, valid


def _matched(train: Part, valid: Part) -> tuple[Part, Part]:
    """Match the two parts' columns (by name, else by position)."""
    if isinstance(train.data, pd.DataFrame) and isinstance(valid.data, pd.DataFrame):
        problem = column_mismatch(train.columns, valid.columns, "X_train", "X_valid")
        if problem:
            raise ValueError(problem + ".")
        return train, Part(valid.data, train.columns, valid.n_rows)
    if len(train.columns) != len(valid.columns):
        raise ValueError(
            f"X_train has {len(train.columns)} columns and X_valid "
            f"{len(valid.columns)}: audit the two parts of one split."
        )
    if isinstance(train.data, pd.DataFrame) != isinstance(valid.data, pd.DataFrame):
        # one frame, one array: match by position
        train, valid = (
            Part(_positional(p.data), list(range(len(p.columns))), p.n_rows)
            for p in (train, valid)
        )
    return train, valid


def column_mismatch(
    train: Sequence[Any], valid: Sequence[Any], train_name: str, valid_name: str
) -> str | None:
    """Say how two parts' column names differ (None when they are the same set)."""
    missing = [c for c in train if c not in set(valid)]
    extra = [c for c in valid if c not in set(train)]
    problems = []
    if missing:
        problems.append(f"{valid_name} lacks {', '.join(map(repr, missing[:5]))}")
    if extra:
        problems.append(f"{valid_name} has extra {', '.join(map(repr, extra[:5]))}")
    if not problems:
        return None
    return f"{train_name} and {valid_name} must have the same columns: " + "; ".join(
        problems
    )


def _positional(data: Any) -> Any:
    if isinstance(data, pd.DataFrame):
        return data.set_axis(range(data.shape[1]), axis=1)
    return data


def _sparse_parts(X_train: Any, X_valid: Any) -> tuple[Part, Part]:
    """Both parts as CSR float64 matrices, at the coarser float precision.

    A dense numeric part beside a sparse one is made sparse; a float32 part
    beside a float64 one is compared at float32, as dense columns are. The
    caller's matrices are copied only where their format or type differs.
    """
    parts, integer = [], []
    for X, name in ((X_train, "X_train"), (X_valid, "X_valid")):
        integer.append(_stores_integers(X))
        if not sparse.issparse(X):
            array = X.to_numpy() if isinstance(X, pd.DataFrame) else np.asarray(X)
            if array.ndim != 2 or array.dtype.kind not in "iufb":
                raise ValueError(
                    f"{name} must be a sparse matrix or a numeric 2d array when "
                    "the other part is sparse; pass both parts in one format."
                )
            X = sparse.csr_matrix(array)
        elif X.dtype.kind not in "iufb":
            raise ValueError(f"{name} is a sparse matrix of {X.dtype}; pass numbers.")
        parts.append(sparse.csr_matrix(X))
    if parts[0].shape[1] != parts[1].shape[1]:
        raise ValueError(
            f"X_train has {parts[0].shape[1]} columns and X_valid "
            f"{parts[1].shape[1]}: audit the two parts of one split."
        )
    sizes = [np.dtype(p.dtype).itemsize for p in parts if p.dtype.kind == "f"]
    coarse = np.float32 if sizes and min(sizes) < 8 else None
    out = []
    for part in parts:
        if coarse is not None:
            part = part.astype(coarse).astype(float)
        else:
            part = part.astype(float, copy=False)
        if _has_duplicates(part):
            part = part.copy()
            part.sum_duplicates()
        # a range, not a list: 100,000 columns would be 3.6 MiB of ints
        out.append(
            Part(
                part,
                range(part.shape[1]),
                part.shape[0],
                integer_matrix=all(integer),
            )
        )
    return out[0], out[1]


def _stores_integers(X: Any) -> bool:
    """Whether a part (matrix, array or frame) stores every value as an integer."""
    if isinstance(X, pd.DataFrame):
        return all(_integer_dtype(t) for t in X.dtypes)
    return _integer_dtype(X.dtype if sparse.issparse(X) else np.asarray(X).dtype)


def _integer_dtype(dtype: Any) -> bool:
    """Integers, as imbalanced-learn casts SMOTE's rows back to them (not bool)."""
    return pd.api.types.is_integer_dtype(dtype) and not pd.api.types.is_bool_dtype(
        dtype
    )


def _has_duplicates(matrix: sparse.csr_matrix) -> bool:
    """Whether a row stores one column twice, read a block of rows at a time.

    Stored cells of a row may come in any order (fancy indexing leaves them
    unsorted); only a column stored twice changes what the row holds.
    """
    if matrix.has_sorted_indices:
        return not matrix.has_canonical_format
    n_cols = np.int64(matrix.shape[1])
    for start, stop in row_blocks(matrix):
        counts = np.diff(matrix.indptr[start : stop + 1])
        rows = np.repeat(np.arange(stop - start, dtype=np.int64), counts)
        at = matrix.indices[matrix.indptr[start] : matrix.indptr[stop]]
        if np.unique(rows * n_cols + at).shape[0] < at.shape[0]:
            return True
    return False


def _part(X: Any, name: str) -> Part:
    if isinstance(X, pd.DataFrame):
        return _frame_part(X, name)
    try:
        array = np.asarray(X)
    except (TypeError, ValueError) as e:
        raise ValueError(
            f"{name} must be a 2d array or DataFrame, got {type(X).__name__}."
        ) from e
    if array.ndim != 2:
        raise ValueError(
            f"{name} must be 2d (rows x features), got an array of shape "
            f"{array.shape}; reshape a single feature with .reshape(-1, 1)."
        )
    if array.dtype.kind == "O":
        # Each column as what it holds: numbers as numbers, text as text.
        return _frame_part(pd.DataFrame(array).infer_objects(), name)
    return Part(array, list(range(array.shape[1])), array.shape[0])


def _frame_part(X: pd.DataFrame, name: str) -> Part:
    if X.columns.has_duplicates:
        dup = X.columns[X.columns.duplicated()].unique().tolist()
        raise ValueError(
            f"{name} has duplicate column names {dup[:5]}; give each column "
            "its own name."
        )
    return Part(X, list(X.columns), X.shape[0])


def check_labels(y: Any, n_rows: int, name: str, x_name: str) -> np.ndarray:
    """Labels of one part as a 1d array, or a clear error."""
    y = column_or_1d(y)
    if y.shape[0] != n_rows:
        raise ValueError(
            f"{name} has {y.shape[0]} labels for {n_rows} rows of {x_name}."
        )
    check_no_missing(y, name)
    return y


def numeric_block(
    train: Part, valid: Part
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Float columns usable by the interpolation check, and notes on the rest.

    Missing values are unknown cells there, not a reason to drop a column: a
    column is left out only when more than half its values are missing (or
    infinite). A float64 array is used as it is, without a copy. The third
    array marks the columns both parts store as integers: imbalanced-learn
    casts SMOTE's rows back to them (truncates), and keeps floats as floats.
    """
    if sparse.issparse(train.data):
        num_tr, num_va, notes = _sparse_block(train, valid)
        integer = np.full(num_tr.shape[1], train.is_integer(0) and valid.is_integer(0))
        return num_tr, num_va, integer, notes
    usable, skipped_text, skipped_missing = [], [], []
    if all(_numeric_array(p) for p in (train, valid)):
        mostly = _mostly_missing_columns(train.data, valid.data)
        usable = [train.columns[j] for j in np.flatnonzero(~mostly)]
        skipped_missing = [train.columns[j] for j in np.flatnonzero(mostly)]
    else:
        for name in train.columns:
            a, b = train.numbers(name), valid.numbers(name)
            if a is None or b is None:
                skipped_text.append(name)
            elif 2 * (np.isfinite(a).sum() + np.isfinite(b).sum()) < a.size + b.size:
                skipped_missing.append(name)
            else:
                usable.append(name)
    notes = []
    if skipped_text:
        notes.append(
            f"{len(skipped_text)} non-numeric column(s) (e.g. {skipped_text[0]!r}) "
            "were used for the exact-copy check only."
        )
    if skipped_missing:
        notes.append(
            f"{len(skipped_missing)} column(s) with more than half their values "
            f"missing (e.g. {skipped_missing[0]!r}) were left out of the "
            "interpolation check."
        )
    integer = np.array(
        [train.is_integer(name) and valid.is_integer(name) for name in usable],
        dtype=bool,
    )
    return _block(train, usable), _block(valid, usable), integer, notes


def nothing_usable(train: Part, valid: Part) -> bool:
    """Whether every column is mostly missing: no check can read the rows."""
    if sparse.issparse(train.data):
        return False  # an absent cell is a zero, not a missing value
    if all(_numeric_array(p) for p in (train, valid)):
        return bool(_mostly_missing_columns(train.data, valid.data).all())
    for name in train.columns:
        a, b = train.numbers(name), valid.numbers(name)
        if a is None or b is None:
            return False  # text: the exact-copy check reads it
        if 2 * (np.isfinite(a).sum() + np.isfinite(b).sum()) >= a.size + b.size:
            return False
    return True


def _sparse_block(train: Part, valid: Part) -> tuple[Any, Any, list[str]]:
    """Return the sparse parts themselves (NaN cells are unknown to the search).

    Infinite cells are unknown too: a part that stores any is copied with
    them as NaN.
    """
    out = []
    for part in (train.data, valid.data):
        if np.isinf(part.data).any():
            part = part.copy()
            part.data[np.isinf(part.data)] = np.nan
        out.append(part)
    return out[0], out[1], []


def _numeric_array(part: Part) -> bool:
    return (
        isinstance(part.data, np.ndarray)
        and part.data.dtype.kind in "iuf"
        and not part.precision
    )


def _mostly_missing_columns(
    train: np.ndarray, valid: np.ndarray, chunk: int = 1024
) -> np.ndarray:
    """Columns more than half of whose values (both parts) are not finite."""
    d = train.shape[1]
    if train.dtype.kind in "iu" and valid.dtype.kind in "iu":
        return np.zeros(d, dtype=bool)
    bad = np.zeros(d)
    for part in (train, valid):
        if part.dtype.kind == "f":
            for start in range(0, d, chunk):
                bad[start : start + chunk] += (
                    ~np.isfinite(part[:, start : start + chunk])
                ).sum(axis=0)
    return 2 * bad > train.shape[0] + valid.shape[0]


def _block(part: Part, names: list[Any]) -> np.ndarray:
    """Read the numeric columns ``names`` as floats; infinite values as NaN."""
    if isinstance(part.data, np.ndarray) and not part.precision:
        if len(names) == len(part.columns):
            block = np.asarray(part.data, dtype=float)
        else:
            block = np.asarray(part.data[:, names], dtype=float)
    else:
        block = np.empty((part.n_rows, len(names)))
        for j, name in enumerate(names):
            block[:, j] = part.numbers(name)
    if block.dtype.kind == "f" and np.isinf(block).any():
        block = np.where(np.isinf(block), np.nan, block)
    return block


@dataclass(frozen=True)
class EncodedSplit:
    """Both parts as the two checks read them.

    ``codes_*`` are class codes 0..n_classes-1 shared by both parts, ``keys_*``
    the row keys (features and label), ``num_*`` is the numeric block (one
    column per usable numeric feature) and ``integer`` marks its integer
    columns.
    """

    codes_tr: np.ndarray
    codes_va: np.ndarray
    keys_tr: np.ndarray
    keys_va: np.ndarray
    n_classes: int
    num_tr: np.ndarray
    num_va: np.ndarray
    integer: np.ndarray  # bool per numeric column: stored as integers

    @cached_property
    def copied(self) -> np.ndarray:
        """Mark the valid rows whose key occurs in the train part.

        Read from the keys (once), so a split made with other keys
        (``dataclasses.replace``) never carries another split's marks.
        """
        return np.isin(self.keys_va, self.keys_tr)
