"""Missing values in the copy check: unknown, not a difference.

A copy of a row with one cell set to NaN afterwards is still a copy: it
agrees with its original on every cell it has. Row keys (see
:func:`imbsafe._utils._rows.row_keys`) hash every cell, NaN included, so such a row
would get a key of its own. Here each row with missing cells takes the key of
a complete row (no missing cell) of its class that holds the same values in
every cell it has, when there is one: a training row first, else a valid
row. Rows that match none keep their own key.

A key is a sum over columns of hash(value) x weight(column) (modulo 2**64),
so a key with some columns left out is the key less their terms: for each
pattern of missing columns the complete rows' keys are computed without
those columns once, and matched by hashing. Patterns are taken from the most
common down, within a budget of cells read; rows with more than half their
cells missing, and patterns past the budget, keep their own key, with a note.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from .._utils._rows import comparable, position_weights
from ._parts import Part

# Cells read to take columns out of the complete rows' keys, at most.
_BUDGET = 50_000_000


def resolve_missing(
    train: Part, valid: Part, keys_tr: np.ndarray, keys_va: np.ndarray
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Keys of rows with missing cells replaced by their complete twins' keys.

    Returns the keys of both parts (the inputs themselves when nothing is
    missing) and notes on the rows that could not be compared.
    """
    masks = [_missing_mask(p) for p in (train, valid)]
    if not any(m is not None for m in masks):
        return keys_tr, keys_va, []
    n_cols = len(train.columns)
    masks = [
        m if m is not None else sparse.csr_matrix((p.n_rows, n_cols), dtype=bool)
        for m, p in zip(masks, (train, valid), strict=True)
    ]
    weights = position_weights(n_cols)
    keys = [keys_tr.copy(), keys_va.copy()]
    complete = [np.diff(m.indptr) == 0 for m in masks]
    patterns: dict[tuple, list[tuple[int, np.ndarray]]] = {}
    too_many = 0
    for side, mask in enumerate(masks):
        for row in np.flatnonzero(~complete[side]):
            columns = tuple(mask.indices[mask.indptr[row] : mask.indptr[row + 1]])
            if 2 * len(columns) > n_cols:
                too_many += 1
                continue
            patterns.setdefault(columns, []).append((side, row))
    parts = (train, valid)
    budget, unmatched = _BUDGET, 0
    order = sorted(patterns, key=lambda p: -len(patterns[p]))
    for at, columns in enumerate(order):
        cost = len(columns) * int(complete[0].sum() + complete[1].sum())
        if cost > budget:
            unmatched += sum(len(patterns[p]) for p in order[at:])
            break
        budget -= cost
        # the complete rows' keys without these columns, train first
        lookup: dict[int, int] = {}
        for side in (1, 0):  # train last: its entries win
            rows = np.flatnonzero(complete[side])
            reduced = keys[side][rows] - _terms(parts[side], rows, columns, weights)
            lookup.update(zip(reduced.tolist(), keys[side][rows].tolist(), strict=True))
        for side in (0, 1):
            rows = np.array([r for s_, r in patterns[columns] if s_ == side], int)
            if rows.shape[0] == 0:
                continue
            reduced = keys[side][rows] - _terms(parts[side], rows, columns, weights)
            keys[side][rows] = [
                lookup.get(key, own)
                for key, own in zip(
                    reduced.tolist(), keys[side][rows].tolist(), strict=True
                )
            ]
    notes = []
    if too_many:
        notes.append(
            f"{too_many} row(s) with more than half their cells missing were "
            "compared as they are in the exact-copy check."
        )
    if unmatched:
        notes.append(
            f"{unmatched} row(s) with rare patterns of missing cells were compared "
            "as they are in the exact-copy check (too many patterns to match)."
        )
    return keys[0], keys[1], notes


def _missing_mask(part: Part) -> sparse.csr_matrix | None:
    """Missing cells of a part (by column position), or None when there are none."""
    data = part.data
    if sparse.issparse(data):
        bad = ~np.isfinite(data.data)
        if not bad.any():
            return None
        # copies of the index arrays: eliminate_zeros rewrites them in place
        mask = sparse.csr_matrix(
            (bad, data.indices.copy(), data.indptr.copy()),
            shape=data.shape,
            dtype=bool,
        )
        mask.eliminate_zeros()
        return mask
    if isinstance(data, pd.DataFrame):
        missing = data[list(part.columns)].isna().to_numpy()
    elif data.dtype.kind == "f":
        missing = np.isnan(data)
    else:
        return None
    return sparse.csr_matrix(missing) if missing.any() else None


def _terms(
    part: Part, rows: np.ndarray, columns: tuple, weights: np.ndarray
) -> np.ndarray:
    """Each row's key terms for the columns ``columns`` (positions)."""
    total = np.zeros(rows.shape[0], dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in columns:
            values = _column(part, rows, j)
            total += pd.util.hash_array(values) * weights[j]
    return total


def _column(part: Part, rows: np.ndarray, j: int) -> Any:
    """Read comparable values of column ``j`` (a position) on ``rows``."""
    data = part.data
    if sparse.issparse(data):
        values = data[rows][:, [j]].toarray().ravel().astype(float)
        return values + 0.0
    name = part.columns[j]
    precision = part.precision.get(name)
    if isinstance(data, pd.DataFrame):
        return comparable(data.iloc[rows], name, precision)
    return comparable(data[rows], name, precision)
