"""Grades of the evidence stored cells give, for the sparse interpolant search.

A stored value counts as evidence of interpolation when no other row holds it
in its column; in a column whose stored values lie on a decimal grid (counts,
one-hot indicators), only when it is off the grid. Columns that are multiples
of each other over the data (one variable stored twice) count once. A 0 is
never evidence. Everything is read a block of rows at a time, so memory stays
a few MiB however large the data (see :mod:`._sparse_lines`).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from scipy import sparse

from .._utils._rows import cell_keys, position_weights, row_blocks
from ._grids import MAX_DIGITS, Grids, on_digits
from ._lines import (
    GRID_SHARE,
    MAX_DECIMALS,
    ROUNDED_GRID_SHARE,
    ROUNDED_GRID_VALUES,
    STRICT_GRID_SHARE,
    on_grid,
)


class Grades:
    """Grade the evidence of stored cells: 0 none, 1, 2 and 3 as in the dense search.

    Read from every stored cell of both parts, a block of rows at a time
    (memory stays a few MiB however large the data), in the columns the
    searched rows store: how often each of their values occurs in its
    column, each column's decimal grid, and each column's first twin (the
    first column it is a multiple of over the data).
    """

    def __init__(
        self, tr: sparse.csr_matrix, va: sparse.csr_matrix, searched: sparse.csr_matrix
    ) -> None:
        # Only the columns the searched rows store are ever graded (``searched``
        # stores at least one cell).
        self.columns = np.unique(searched.indices)
        n = self.columns.shape[0]
        if n == 0:  # nothing stored in the searched rows: nothing to grade
            self.columns = np.zeros(1, dtype=searched.indices.dtype)
            n = 1
        # keys of (graded column, value): a column by its place among them
        self.weights = position_weights(n)
        searched_at = np.searchsorted(self.columns, searched.indices)
        self.keys = np.unique(cell_keys(searched.data, searched_at, self.weights))
        self.counts = np.zeros(self.keys.shape[0], dtype=np.int32)
        # Grids of every column (the rounded test reads the neighbours'
        # columns too), from the stored finite nonzero values.
        step, share, self.all_grids = column_grids(tr, va)
        self.all_steps = self.all_grids.absolute
        largest = np.zeros(n)
        for _, values, position in self._cells(tr, va):
            at, hit = self._find(cell_keys(values, position, self.weights))
            self.counts += np.bincount(at[hit], minlength=self.keys.shape[0])
            np.maximum.at(largest, position, np.abs(values))
        self.step, self.share = step[self.columns], share[self.columns]
        self.first_twin = self._first_twins(tr, va, np.maximum(largest, 1e-300))

    def _find(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions of ``keys`` among the searched cells' keys, and which are there."""
        if self.keys.shape[0] == 0:
            return np.zeros(keys.shape[0], dtype=np.intp), np.zeros(keys.shape, bool)
        at = np.minimum(np.searchsorted(self.keys, keys), self.keys.shape[0] - 1)
        return at, self.keys[at] == keys

    def _cells(
        self, tr: sparse.csr_matrix, va: sparse.csr_matrix
    ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Yield the finite nonzero cells in graded columns: rows, values, places.

        Rows are numbered on through both parts, a block of them at a time; a
        column is given by its place among the graded columns.
        """
        for offset, block in _blocks(tr, va):
            rows = offset + np.repeat(np.arange(block.shape[0]), np.diff(block.indptr))
            position = np.minimum(
                np.searchsorted(self.columns, block.indices), self.columns.shape[0] - 1
            )
            kept = (
                (self.columns[position] == block.indices)
                & np.isfinite(block.data)
                & (block.data != 0)
            )
            yield rows[kept], block.data[kept] + 0.0, position[kept]

    def _first_twins(
        self, tr: sparse.csr_matrix, va: sparse.csr_matrix, largest: np.ndarray
    ) -> np.ndarray:
        """Each graded column's first multiple among them (itself, mostly).

        Two columns are multiples when they store cells in the same rows and
        their values, divided by the column's largest magnitude, agree to 9
        significant digits: they then get the same fingerprint, a sum of
        (row, scaled value) keys. A row storing one stores the other, so a
        column's multiples are graded too.
        """
        row_weights = position_weights(tr.shape[0] + va.shape[0])
        sums = np.zeros(self.columns.shape[0], dtype=np.uint64)
        for rows, values, position in self._cells(tr, va):
            keys = cell_keys(_rounded(values / largest[position]), rows, row_weights)
            np.add.at(sums, position, keys)
        _, first, inverse = np.unique(sums, return_index=True, return_inverse=True)
        return first[inverse]

    def of(self, rows: sparse.csr_matrix) -> sparse.csr_matrix:
        """Grades of the stored cells of ``rows``, in their sparsity.

        ``rows`` are some of the searched rows. A column that is a multiple
        of an earlier one grades 0: the earlier one stores the same evidence.
        """
        values, columns = rows.data, rows.indices
        position = np.searchsorted(self.columns, columns)  # all graded
        at, _ = self._find(cell_keys(values, position, self.weights))
        unique = (self.counts[at] == 1) & np.isfinite(values) & (values != 0)
        step = self.step[position]
        gridded = ~np.isnan(step)
        off = np.zeros(values.shape[0], dtype=bool)
        off[gridded] = ~on_grid(values[gridded], step[gridded])
        strict = self.share[position] >= STRICT_GRID_SHARE
        grade = np.where(gridded, np.where(off, np.where(strict, 3, 2), 0), 1)
        grade = np.where(unique, grade, 0)
        grade[self.first_twin[position] != position] = 0
        return sparse.csr_matrix(
            (grade.astype(np.int8), columns, rows.indptr), shape=rows.shape
        )


def column_grids(
    tr: sparse.csr_matrix, va: sparse.csr_matrix
) -> tuple[np.ndarray, np.ndarray, Grids]:
    """Every column's decimal step and its share, and the rounded test's grids.

    Read from the stored finite nonzero values of both parts, a block of rows
    at a time: the step is the coarsest decimal grid holding (nearly) every
    stored value the finest one holds (NaN: none); the rounded test's grids
    keep it where nearly every stored value lies on it.
    """
    n_all = tr.shape[1]
    # counts as int32: this table spans every column of the data
    on = np.zeros((MAX_DECIMALS + 1, n_all), dtype=np.int32)
    stored = np.zeros(n_all, dtype=np.int64)
    for _, block in _blocks(tr, va):
        kept = np.isfinite(block.data) & (block.data != 0)
        values, columns = block.data[kept] + 0.0, block.indices[kept]
        stored += np.bincount(columns, minlength=n_all)
        for d in range(MAX_DECIMALS + 1):
            hits = np.bincount(columns[on_grid(values, 10.0**-d)], minlength=n_all)
            np.add(on[d], hits, out=on[d], casting="unsafe")
    total = np.maximum(stored, 1)
    first = np.argmax(on >= on[-1] - 1e-3 * total, axis=0)
    finest = on[-1] / total
    step = np.where(finest >= GRID_SHARE, 10.0 ** -first.astype(float), np.nan)
    share = on[first, np.arange(n_all)] / total
    del on
    rounded = (share >= ROUNDED_GRID_SHARE) & (stored >= ROUNDED_GRID_VALUES)
    grids = Grids(
        np.where(rounded, step, np.nan), _column_digits(tr, va, n_all, stored, rounded)
    )
    return step, share, grids


def _blocks(*matrices: sparse.csr_matrix) -> Iterator[tuple[int, sparse.csr_matrix]]:
    """Row blocks of a few MiB, with the first row's number.

    Rows are numbered on through the matrices, as if stacked.
    """
    offset = 0
    for matrix in matrices:
        for start, stop in row_blocks(matrix):
            yield offset + start, matrix[start:stop]
        offset += matrix.shape[0]


def _rounded(values: np.ndarray) -> np.ndarray:
    """Round to 9 significant digits (a ratio read twice agrees to them)."""
    magnitude = np.floor(np.log10(np.abs(np.where(values == 0, 1.0, values))))
    scale = 10.0 ** (8 - magnitude)
    return np.round(values * scale) / scale


def _column_digits(
    tr: sparse.csr_matrix,
    va: sparse.csr_matrix,
    n_all: int,
    stored: np.ndarray,
    rounded: np.ndarray,
) -> np.ndarray:
    """Each column's significant digits, as the dense search reads them (0: none).

    Only columns where nearly every stored value has at most ``MAX_DIGITS``
    digits are read further, so full-precision data costs one pass.
    """
    candidate = np.zeros(n_all, dtype=np.int64)
    for _, block in _blocks(tr, va):
        kept = np.isfinite(block.data) & (block.data != 0)
        values, columns = block.data[kept] + 0.0, block.indices[kept]
        candidate += np.bincount(
            columns[on_digits(values, MAX_DIGITS)], minlength=n_all
        )
    total = np.maximum(stored, 1)
    read = (candidate >= ROUNDED_GRID_SHARE * total) & (stored >= ROUNDED_GRID_VALUES)
    digits = np.zeros(n_all, dtype=int)
    if not read.any():
        return digits
    on = np.zeros((MAX_DIGITS + 1, n_all), dtype=np.int64)
    for _, block in _blocks(tr, va):
        kept = np.isfinite(block.data) & (block.data != 0) & read[block.indices]
        values, columns = block.data[kept] + 0.0, block.indices[kept]
        for p in range(1, MAX_DIGITS + 1):
            on[p] += np.bincount(columns[on_digits(values, p)], minlength=n_all)
    enough = on >= ROUNDED_GRID_SHARE * total
    enough[0] = False
    first = np.argmax(enough, axis=0)
    return np.where(read & enough.any(axis=0), first, 0)
