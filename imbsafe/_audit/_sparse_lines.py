"""Interpolants in sparse matrices: the line test read on stored cells.

A SMOTE row made from sparse rows a and b stores a cell wherever a or b
does, and lies on their line there; everywhere else all three are 0. So the
dense test (see :mod:`._interpolants`) is run, for each searched row, on the
columns where the row or one of its neighbours stores a value: the same
answer at the cost of the stored cells, never of the full width.

Evidence is graded as in the dense search, on stored values (a 0 is never
evidence): a value that no other row holds in its column counts; in a column
whose stored values lie on a decimal grid (counts, one-hot indicators), only
an off-grid value counts. Columns that are multiples of each other over the
data (the same variable stored twice) count once. Neighbours are found by
Euclidean distance on the sparse rows, a bounded block of distances at a
time. Rows that store NaN or inf are left out of the search.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from scipy import sparse

from .._rows import SPARSE_BLOCK_CELLS, cell_keys, position_weights, row_blocks
from ._lines import (
    GRID_SHARE,
    MAX_DECIMALS,
    N_NEIGHBORS,
    STRICT_GRID_SHARE,
    on_grid,
    on_line,
)
from ._parts import EncodedSplit

# Distances computed at once by the neighbour search, in MiB.
_WORKING_MEMORY = 1


def sparse_found(split: EncodedSplit, samples: list[np.ndarray]) -> np.ndarray:
    """Count, per class, the searched valid rows that are interpolants."""
    tr, va = split.num_tr, split.num_va
    finite_tr, finite_va = _finite_rows(tr), _finite_rows(va)
    samples = [rows[finite_va[rows]] for rows in samples]
    found = np.zeros(split.n_classes, dtype=int)
    searched = va[np.concatenate(samples)]
    if searched.nnz == 0:  # no stored value to be evidence (all-zero rows)
        return found
    grades = _Grades(tr, va, searched)
    del searched  # a copy of the searched rows: not held through the search
    for c, rows in enumerate(samples):
        queries = va[rows]
        cells = grades.of(queries)
        # A row without two counted values or one strict off-grid value
        # cannot pass the test.
        keep = (_count(cells, 1) >= 2) | (_count(cells, 3) >= 1)
        queries, cells = queries[keep], cells[keep]
        found[c] = _search_class(c, queries, cells, split, finite_tr, finite_va)
    return found


class _Grades:
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
        # keys of (graded column, value): a column by its place among them
        self.weights = position_weights(n)
        searched_at = np.searchsorted(self.columns, searched.indices)
        self.keys = np.unique(cell_keys(searched.data, searched_at, self.weights))
        self.counts = np.zeros(self.keys.shape[0], dtype=np.int32)
        on = np.zeros((MAX_DECIMALS + 1, n))
        stored = np.zeros(n)
        largest = np.zeros(n)
        for _, values, position in self._cells(tr, va):
            at, hit = self._find(cell_keys(values, position, self.weights))
            self.counts += np.bincount(at[hit], minlength=self.keys.shape[0])
            stored += np.bincount(position, minlength=n)
            np.maximum.at(largest, position, np.abs(values))
            for d in range(MAX_DECIMALS + 1):
                on[d] += np.bincount(
                    position, weights=on_grid(values, 10.0**-d), minlength=n
                )
        # Each column's grid: the coarsest decimal grid holding (nearly) every
        # stored value the finest one holds.
        on /= np.maximum(stored, 1)
        first = np.argmax(on >= on[-1] - 1e-3, axis=0)
        self.step = np.where(on[-1] >= GRID_SHARE, 10.0 ** -first.astype(float), np.nan)
        self.share = on[first, np.arange(n)]
        del on
        self.first_twin = self._first_twins(tr, va, np.maximum(largest, 1e-300))

    def _find(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions of ``keys`` among the searched cells' keys, and which are there."""
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


def _finite_rows(matrix: sparse.csr_matrix) -> np.ndarray:
    """Mark the rows that store only finite values."""
    bad = np.flatnonzero(~np.isfinite(matrix.data))
    finite = np.ones(matrix.shape[0], dtype=bool)
    finite[np.searchsorted(matrix.indptr, bad, side="right") - 1] = False
    return finite


def _count(cells: sparse.csr_matrix, at_least: int) -> np.ndarray:
    """Per row, the stored cells graded ``at_least`` or more."""
    n_rows = cells.shape[0]
    rows = np.repeat(np.arange(n_rows), np.diff(cells.indptr))
    return np.bincount(rows[cells.data >= at_least], minlength=n_rows)


def _search_class(
    c: int,
    queries: sparse.csr_matrix,
    cells: sparse.csr_matrix,
    split: EncodedSplit,
    finite_tr: np.ndarray,
    finite_va: np.ndarray,
) -> int:
    """Count the rows of ``queries`` (class ``c``) on a line through two others.

    ``cells`` grades the evidence of each of their stored values.
    """
    tr, va = split.num_tr, split.num_va
    in_tr = np.flatnonzero((split.codes_tr == c) & finite_tr)
    in_va = np.flatnonzero((split.codes_va == c) & finite_va)
    if queries.shape[0] == 0 or in_tr.shape[0] == 0:
        return 0
    # Identical rows are one end; the training copy is kept where there is one.
    _, first = np.unique(
        np.concatenate([split.keys_tr[in_tr], split.keys_va[in_va]]),
        return_index=True,
    )
    from_tr = first < in_tr.shape[0]
    # The ends stay where they are (rows of the two parts), not copied.
    ends = _Ends(
        [tr, va], [in_tr[first[from_tr]], in_va[first[~from_tr] - in_tr.shape[0]]]
    )
    if ends.n < 3:
        return 0
    k = min(N_NEIGHBORS + 1, ends.n)  # + 1: the row itself
    neighbours = _nearest(queries, ends, k)
    return sum(
        _on_line_at(queries, cells, q, ends, neighbours[q])
        for q in range(queries.shape[0])
    )


class _Ends:
    """Rows of two matrices read as one list: the ends of the lines tried.

    ``in_train`` marks the rows of the first matrix (the train part).
    """

    def __init__(self, matrices: list, rows: list) -> None:
        self.matrices, self.rows = matrices, rows
        self.n = sum(r.shape[0] for r in rows)
        self.in_train = np.arange(self.n) < rows[0].shape[0]

    def cells(self, which: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Owner (position in ``which``), column and value of the rows' cells."""
        owners, columns, values = [], [], []
        first = self.rows[0].shape[0]
        for at, n in enumerate(which):
            matrix, row = (
                (self.matrices[0], self.rows[0][n])
                if n < first
                else (self.matrices[1], self.rows[1][n - first])
            )
            span = slice(matrix.indptr[row], matrix.indptr[row + 1])
            columns.append(matrix.indices[span])
            values.append(matrix.data[span])
            owners.append(np.full(columns[-1].shape[0], at))
        return np.concatenate(owners), np.concatenate(columns), np.concatenate(values)


def _nearest(queries: sparse.csr_matrix, ends: _Ends, k: int) -> np.ndarray:
    """Find the ``k`` ends nearest each query (Euclidean), nearest first.

    The ends are read a block of rows at a time (never copied whole); each
    block's distances to every query update the queries' running ``k``
    nearest, so memory stays near ``_WORKING_MEMORY`` MiB.
    """
    n_queries = queries.shape[0]
    squared_queries = _squared_norms(queries)
    flipped = queries.T.tocsr()  # columns x queries: a row-major product below
    best = np.full((n_queries, 0), np.inf)
    best_at = np.zeros((n_queries, 0), dtype=np.intp)
    offset = 0
    for matrix, rows in zip(ends.matrices, ends.rows, strict=True):
        for block in _row_blocks_of(matrix, rows, n_queries):
            part = matrix[block]  # a copy of a few rows, taken once
            dot = (part @ flipped).toarray()
            distance = _squared_norms(part)[:, None] - 2 * dot
            distance += squared_queries[None, :]
            best = np.hstack([best, distance.T])
            best_at = np.hstack(
                [
                    best_at,
                    np.broadcast_to(
                        offset + np.arange(block.shape[0]), (n_queries, block.shape[0])
                    ),
                ]
            )
            offset += block.shape[0]
            if best.shape[1] > k:
                keep = np.argpartition(best, k - 1, axis=1)[:, :k]
                best = np.take_along_axis(best, keep, axis=1)
                best_at = np.take_along_axis(best_at, keep, axis=1)
    order = np.argsort(best, axis=1, kind="stable")
    return np.take_along_axis(best_at, order, axis=1)


def _row_blocks_of(
    matrix: sparse.csr_matrix, rows: np.ndarray, n_queries: int
) -> Iterator[np.ndarray]:
    """Split ``rows`` into blocks whose products with the queries fit in memory.

    A block holds at most ``_WORKING_MEMORY`` MiB of distances to the
    queries and at most a block's worth of stored cells (see ``row_blocks``).
    """
    width = max(1, _WORKING_MEMORY * 2**20 // (8 * max(n_queries, 1)))
    lengths = np.cumsum(np.diff(matrix.indptr)[rows])
    start = 0
    while start < rows.shape[0]:
        before = lengths[start - 1] if start else 0
        by_cells = int(
            np.searchsorted(lengths, before + SPARSE_BLOCK_CELLS, side="right")
        )
        stop = min(max(by_cells, start + 1), start + width, rows.shape[0])
        yield rows[start:stop]
        start = stop


def _squared_norms(rows: sparse.csr_matrix) -> np.ndarray:
    per_cell = np.repeat(np.arange(rows.shape[0]), np.diff(rows.indptr))
    return np.bincount(per_cell, weights=rows.data**2, minlength=rows.shape[0])


def _on_line_at(
    queries: sparse.csr_matrix,
    cells: sparse.csr_matrix,
    q: int,
    ends: _Ends,
    near: np.ndarray,
) -> bool:
    """Run the dense line test for query ``q`` on the columns its rows store."""
    span = slice(queries.indptr[q], queries.indptr[q + 1])
    owner, their_columns, their_values = ends.cells(near)
    columns = np.sort(np.concatenate([queries.indices[span], their_columns]))
    columns = columns[np.concatenate([[True], columns[1:] != columns[:-1]])]
    row = np.zeros((1, columns.shape[0]))
    grade = np.zeros((1, columns.shape[0]), dtype=np.int8)
    where = np.searchsorted(columns, queries.indices[span])
    row[0, where] = queries.data[span]
    grade[0, where] = cells.data[span]
    block = np.zeros((near.shape[0], columns.shape[0]))
    block[owner, np.searchsorted(columns, their_columns)] = their_values
    in_train = ends.in_train[near]
    hit = on_line(row, grade, block, in_train, np.arange(near.shape[0])[None])
    return bool(hit[0])
