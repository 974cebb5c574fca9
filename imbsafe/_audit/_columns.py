"""The columns and cells the dense interpolant search reads.

Columns: those that vary, less the affine images of a kept one (a count
stored twice, a temperature in two units: one variable, evidence once).
Cells: what each searched valid value can prove (the grades of
:mod:`._interpolants`), and each column's grid for the rounded test
(:mod:`._grids`).
"""

from __future__ import annotations

import numpy as np

from ._grids import Grids, significant_digits
from ._lines import (
    GRID_SAMPLE,
    ROUNDED_GRID_SHARE,
    ROUNDED_GRID_VALUES,
    STRICT_GRID_SHARE,
    grid,
    on_grid,
)

_SEED = 0


def varying_columns(
    num_tr: np.ndarray, num_va: np.ndarray, chunk: int = 4096
) -> np.ndarray:
    """Columns whose values are not all equal, read a block of columns at a time."""
    kept = []
    for start in range(0, num_va.shape[1], chunk):
        stop = start + chunk
        first = (num_tr if num_tr.shape[0] else num_va)[0, start:stop]
        varies = np.zeros(first.shape[0], dtype=bool)
        for part in (num_tr, num_va):
            if part.shape[0]:
                block = part[:, start:stop]
                varies |= ((block != first) & ~(np.isnan(block) & np.isnan(first))).any(
                    axis=0
                )
        kept.append(start + np.flatnonzero(varies))
    return np.concatenate(kept) if kept else np.arange(0)


def independent_columns(
    num_tr: np.ndarray, num_va: np.ndarray, chunk: int = 65_536
) -> np.ndarray:
    """Columns that vary and are no affine image of an earlier kept column.

    Correlations from sums accumulated over row chunks (memory does not grow
    with the rows); values are shifted by the first row first, so large
    offsets do not cancel precision away. A missing value counts as the
    shift (two columns missing in the same rows stay affine images).
    """
    d = num_va.shape[1]
    parts = [p for p in (num_tr, num_va) if p.shape[0]]
    if d == 0 or not parts:
        return np.arange(0)
    shift = np.nan_to_num(parts[0][0], nan=0.0)
    n, total, gram = 0, np.zeros(d), np.zeros((d, d))
    for part in parts:
        for start in range(0, part.shape[0], chunk):
            block = np.nan_to_num(part[start : start + chunk] - shift, nan=0.0)
            n += block.shape[0]
            total += block.sum(axis=0)
            gram += block.T @ block
    mean = total / n
    cov = gram / n - np.outer(mean, mean)
    std = np.sqrt(np.clip(np.diag(cov), 0, None))
    scale = np.maximum(np.abs(mean + shift), 1.0)
    varies = std > 1e-12 * scale
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = np.abs(cov / np.outer(std, std))
    kept: list[int] = []
    for j in np.flatnonzero(varies):
        if not any(corr[i, j] > 1 - 1e-9 for i in kept):
            kept.append(int(j))
    return np.array(kept, dtype=int)


def unique_cells(
    num_tr: np.ndarray, num_va: np.ndarray, rows: np.ndarray, columns: np.ndarray
) -> tuple[np.ndarray, Grids]:
    """For valid rows ``rows``, the evidence each cell can give; and the grids.

    Grades: 0 none (the value occurs in another row, is missing, is 0, or is
    a grid value of a gridded column); 1 a unique value in a column without
    a grid; 2 a unique value off the grid of a gridded column; 3 the same
    where the grid holds at least 90 % of the values. One pass over each
    column of the data against the sorted values of the searched rows: O(n
    log m) time, O(m) memory. Grids (the rounded test's): each column's
    decimal step where nearly every nonzero value is on it, and the fewest
    significant digits nearly every one is written with (:mod:`._grids`).
    """
    rng = np.random.default_rng(_SEED)
    n = num_tr.shape[0] + num_va.shape[0]
    picks = np.sort(rng.choice(n, min(n, GRID_SAMPLE), replace=False))
    cells = np.zeros((rows.shape[0], columns.shape[0]), dtype=np.int8)
    steps = np.full(columns.shape[0], np.nan)
    digits = np.zeros(columns.shape[0], dtype=int)
    for out, j in enumerate(columns):
        mine = num_va[rows, j]
        values, inverse = np.unique(mine, return_inverse=True)
        counts = np.zeros(values.shape[0], dtype=np.int64)
        for column in (num_tr[:, j], num_va[:, j]):
            at = np.searchsorted(values, column)
            hit = at < values.shape[0]
            hit[hit] = values[at[hit]] == column[hit]
            counts += np.bincount(at[hit], minlength=values.shape[0])
        unique = (counts[inverse] == 1) & np.isfinite(mine) & (mine != 0)
        column = np.concatenate([num_tr[:, j], num_va[:, j]])[picks]
        read = column[np.isfinite(column) & (column != 0)]
        if read.shape[0] >= ROUNDED_GRID_VALUES:
            digits[out] = significant_digits(read, ROUNDED_GRID_SHARE)
        step, share = grid(read)
        if step is None:
            cells[unique, out] = 1
            continue
        if share >= ROUNDED_GRID_SHARE and read.shape[0] >= ROUNDED_GRID_VALUES:
            steps[out] = step
        off = ~on_grid(mine, step)
        cells[unique & off, out] = 3 if share >= STRICT_GRID_SHARE else 2
    return cells, Grids(steps, digits)
