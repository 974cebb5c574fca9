"""The audit's view of a split: checked columns and a numeric block.

Both parts are read column by column, without building a copy of the whole
table; the numeric block is the caller's own float array whenever it already
is one. Row keys come from :func:`imbsafe._rows.row_keys`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.utils.validation import column_or_1d


@dataclass(frozen=True)
class Part:
    """One side of a split: its columns (by name or position) and row count."""

    data: Any  # DataFrame or 2d ndarray, as the caller gave it (never changed)
    columns: list[Any]
    n_rows: int

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
            return column.to_numpy(dtype=float, na_value=np.nan)
        column = self.data[:, name]
        return column.astype(float, copy=False) if column.dtype.kind in "iuf" else None


def check_parts(X_train: Any, X_valid: Any) -> tuple[Part, Part]:
    """Both parts, with the same columns in the same order, or a clear error."""
    train = _part(X_train, "X_train")
    valid = _part(X_valid, "X_valid")
    if isinstance(train.data, pd.DataFrame) and isinstance(valid.data, pd.DataFrame):
        missing = [c for c in train.columns if c not in valid.columns]
        extra = [c for c in valid.columns if c not in train.columns]
        if missing or extra:
            raise ValueError(
                "X_train and X_valid must have the same columns; X_valid lacks "
                f"{missing[:5]} and has extra {extra[:5]}."
            )
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


def _positional(data: Any) -> Any:
    if isinstance(data, pd.DataFrame):
        return data.set_axis(range(data.shape[1]), axis=1)
    return data


def _part(X: Any, name: str) -> Part:
    if sparse.issparse(X):
        raise ValueError(
            f"{name} is a sparse matrix; the audit needs dense rows: pass "
            f"{name}.toarray() (or a DataFrame)."
        )
    if isinstance(X, pd.DataFrame):
        if X.columns.has_duplicates:
            dup = X.columns[X.columns.duplicated()].unique().tolist()
            raise ValueError(
                f"{name} has duplicate column names {dup[:5]}; give each column "
                "its own name."
            )
        return Part(X, list(X.columns), X.shape[0])
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
    return Part(array, list(range(array.shape[1])), array.shape[0])


def check_labels(y: Any, n_rows: int, name: str, x_name: str) -> np.ndarray:
    """Labels of one part as a 1d array, or a clear error."""
    y = column_or_1d(y)
    if y.shape[0] != n_rows:
        raise ValueError(
            f"{name} has {y.shape[0]} labels for {n_rows} rows of {x_name}."
        )
    if pd.isna(y).any():
        raise ValueError(
            f"{name} has {int(pd.isna(y).sum())} missing label(s); drop those rows "
            "or give them a class."
        )
    return y


def numeric_block(train: Part, valid: Part) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Float columns usable by the interpolation check, and notes on the rest.

    A float64 array with every column finite is used as it is, without a copy.
    """
    usable, skipped_text, skipped_missing = [], [], []
    for name in train.columns:
        a, b = train.numbers(name), valid.numbers(name)
        if a is None or b is None:
            skipped_text.append(name)
        elif not (np.isfinite(a).all() and np.isfinite(b).all()):
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
            f"{len(skipped_missing)} column(s) with missing or infinite values "
            f"(e.g. {skipped_missing[0]!r}) were left out of the interpolation check."
        )
    return _block(train, usable), _block(valid, usable), notes


def _block(part: Part, names: list[Any]) -> np.ndarray:
    if isinstance(part.data, np.ndarray) and len(names) == len(part.columns):
        return np.asarray(part.data, dtype=float)
    if isinstance(part.data, np.ndarray):
        return np.asarray(part.data[:, names], dtype=float)
    block = np.empty((part.n_rows, len(names)))
    for j, name in enumerate(names):
        block[:, j] = part.numbers(name)
    return block


@dataclass(frozen=True)
class EncodedSplit:
    """Both parts as the two checks read them.

    ``codes_*`` are class codes 0..n_classes-1 shared by both parts, ``keys_*``
    the row keys (features and label), ``copied`` marks the valid rows whose
    key occurs in the train part, and ``num_*`` is the numeric block (one
    column per usable numeric feature).
    """

    codes_tr: np.ndarray
    codes_va: np.ndarray
    keys_tr: np.ndarray
    keys_va: np.ndarray
    copied: np.ndarray
    n_classes: int
    num_tr: np.ndarray
    num_va: np.ndarray
