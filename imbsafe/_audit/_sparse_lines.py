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
time. A stored NaN is unknown, as in the dense search: distances read it as
0, and the line tests leave it out.

The rounded line test (:mod:`._rounding`) runs on the same local columns,
with each column's grid read on its stored values; SMOTE rows for the
self-test are made from stored rows as imbalanced-learn makes them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import numpy as np
from scipy import sparse

from .._rows import (
    SPARSE_BLOCK_CELLS,
    cell_keys,
    position_weights,
    row_blocks,
    row_keys,
)
from ._interpolants import SMOTE_NEIGHBORS, ClassSearch, without
from ._lines import (
    GRID_SHARE,
    MAX_DECIMALS,
    N_NEIGHBORS,
    ROUNDED_GRID_SHARE,
    STRICT_GRID_SHARE,
    on_grid,
    on_line,
)
from ._parts import EncodedSplit
from ._rounding import THRESHOLDS, best_strengths, natural_pairs, to_grid

# Distances computed at once by the neighbour search, in MiB.
_WORKING_MEMORY = 1


def sparse_search(
    split: EncodedSplit,
    samples: list[np.ndarray],
    n_simulated: int,
    reference: int,
    null_rows: np.ndarray,
) -> list[ClassSearch]:
    """Search each class's sampled valid rows (``samples``), and simulated rows.

    ``null_rows`` are training rows of the class ``reference``, each tested
    against the other rows of its class.
    """
    tr, va = split.num_tr, split.num_va
    searched = va[np.concatenate(samples)]
    grades = _Grades(tr, va, searched)
    del searched  # a copy of the searched rows: not held through the search
    # distances read a missing value as 0
    near_tr, near_va = _zero_missing(tr), _zero_missing(va)
    results = []
    for c, rows in enumerate(samples):
        queries = va[rows]
        cells = grades.of(queries) if queries.nnz else None
        group = _Class(c, split, (near_tr, near_va), grades)
        found = group.search(queries, near_va[rows], cells, n_simulated)
        if c == reference and null_rows.shape[0]:
            found = replace(found, null=group.leave_one_out(null_rows))
        results.append(found)
    return results


def mostly_missing_rows(matrix: sparse.csr_matrix) -> np.ndarray:
    """Rows more than half of whose stored cells are NaN."""
    stored = np.diff(matrix.indptr)
    owner = np.repeat(np.arange(matrix.shape[0]), stored)
    missing = np.bincount(
        owner,
        weights=np.isnan(matrix.data[: owner.shape[0]]),
        minlength=matrix.shape[0],
    )
    return missing * 2 > np.maximum(stored, 1)


def _zero_missing(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Store NaN and inf as 0 (in a copy, made only where there are any)."""
    if np.isfinite(matrix.data).all():
        return matrix
    out = matrix.copy()
    out.data[~np.isfinite(out.data)] = 0.0
    return out


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
        n_all = tr.shape[1]
        on = np.zeros((MAX_DECIMALS + 1, n_all))
        stored = np.zeros(n_all)
        largest = np.zeros(n)
        for _, block in _blocks(tr, va):
            kept = np.isfinite(block.data) & (block.data != 0)
            values, columns = block.data[kept] + 0.0, block.indices[kept]
            stored += np.bincount(columns, minlength=n_all)
            for d in range(MAX_DECIMALS + 1):
                on[d] += np.bincount(
                    columns, weights=on_grid(values, 10.0**-d), minlength=n_all
                )
        for _, values, position in self._cells(tr, va):
            at, hit = self._find(cell_keys(values, position, self.weights))
            self.counts += np.bincount(at[hit], minlength=self.keys.shape[0])
            np.maximum.at(largest, position, np.abs(values))
        # Each column's grid: the coarsest decimal grid holding (nearly) every
        # stored value the finest one holds.
        on /= np.maximum(stored, 1)
        first = np.argmax(on >= on[-1] - 1e-3, axis=0)
        step = np.where(on[-1] >= GRID_SHARE, 10.0 ** -first.astype(float), np.nan)
        share = on[first, np.arange(n_all)]
        del on
        # the rounded test's grids: nearly every stored value on the grid
        self.all_steps = np.where(share >= ROUNDED_GRID_SHARE, step, np.nan)
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


def _count(cells: sparse.csr_matrix, at_least: int) -> np.ndarray:
    """Per row, the stored cells graded ``at_least`` or more."""
    n_rows = cells.shape[0]
    rows = np.repeat(np.arange(n_rows), np.diff(cells.indptr))
    return np.bincount(rows[cells.data >= at_least], minlength=n_rows)


class _Class:
    """One class's search on sparse rows: its ends, neighbours and tests.

    ``near`` holds both parts with missing values as 0, for distances only;
    the tests read the parts as stored.
    """

    def __init__(
        self, c: int, split: EncodedSplit, near: tuple, grades: _Grades
    ) -> None:
        self.split, self.grades = split, grades
        # see the dense search: without a grid, the rounded test is not run
        self.gridded = bool((~np.isnan(grades.all_steps)).any())
        in_tr = np.flatnonzero(split.codes_tr == c)
        in_va = np.flatnonzero(split.codes_va == c)
        # Identical rows are one end; the training copy is kept where there is one.
        _, first = np.unique(
            np.concatenate([split.keys_tr[in_tr], split.keys_va[in_va]]),
            return_index=True,
        )
        from_tr = first < in_tr.shape[0]
        rows = [in_tr[first[from_tr]], in_va[first[~from_tr] - in_tr.shape[0]]]
        # The ends stay where they are (rows of the two parts), not copied.
        self.ends = _Ends([split.num_tr, split.num_va], rows)
        self.near = _Ends(list(near), rows)
        self.train = _Ends([near[0]], rows[:1])

    def search(
        self,
        queries: sparse.csr_matrix,
        near_queries: sparse.csr_matrix,
        cells: sparse.csr_matrix | None,
        n_simulated: int,
    ) -> ClassSearch:
        """Test the valid rows ``queries`` (graded ``cells``), and simulated rows."""
        n = queries.shape[0]
        if n == 0 or self.ends.n < 3 or not self.ends.rows[0].shape[0]:
            return ClassSearch.empty(n, n_simulated)
        k = min(N_NEIGHBORS + 1, self.ends.n)  # + 1: the row itself
        neighbours = _nearest(near_queries, self.near, k)
        hits = np.zeros(n, dtype=bool)
        strength = np.full(n, -np.inf)
        # A row without two counted values or one strict off-grid value
        # cannot pass the exact test.
        exact = (
            (_count(cells, 1) >= 2) | (_count(cells, 3) >= 1)
            if cells is not None
            else np.zeros(n, dtype=bool)
        )
        a = np.zeros(n, dtype=np.intp)
        b = np.zeros(n, dtype=np.intp)
        for q in range(n):
            hits[q], strength[q], a[q], b[q] = self._test(
                queries, cells if exact[q] else None, q, neighbours[q]
            )
        strength = self._natural(queries, neighbours, strength, a, b)
        return ClassSearch(hits, strength, self._simulated(n_simulated, k))

    def _natural(
        self,
        queries: sparse.csr_matrix,
        neighbours: np.ndarray,
        strength: np.ndarray,
        a: np.ndarray,
        b: np.ndarray,
    ) -> np.ndarray:
        """Recompute the strengths so that each passing pair's ends are natural."""

        def redo(rows: np.ndarray, allowed: np.ndarray) -> tuple:
            found = [
                self._test(queries, None, q, neighbours[q], allowed)[1:] for q in rows
            ]
            return tuple(np.array(v) for v in zip(*found, strict=True))

        return natural_pairs(strength, a, b, redo, self._derived, self.ends.n)

    def _derived(self, ends: np.ndarray) -> np.ndarray:
        """Which ends pass the rounded test themselves, against the other ends."""
        queries = self.ends.stacked(ends)
        k = min(N_NEIGHBORS + 1, self.ends.n)
        near = without(_nearest(_zero_missing(queries), self.near, k), ends, k)
        return np.array(
            [
                self._test(queries, None, q, near[q])[1] > THRESHOLDS[0]
                for q in range(ends.shape[0])
            ]
        )

    def _test(
        self,
        queries: sparse.csr_matrix,
        cells: sparse.csr_matrix | None,
        q: int,
        near: np.ndarray,
        allowed: np.ndarray | None = None,
    ) -> tuple[bool, float, int, int]:
        """Run both line tests for query ``q`` on the columns its rows store.

        Returns the exact test's answer, the rounded strength and its pair
        (as indices of the ends); ``allowed`` marks the ends a rounded pair
        may use.
        """
        span = slice(queries.indptr[q], queries.indptr[q + 1])
        owner, their_columns, their_values = self.ends.cells(near)
        columns = np.unique(np.concatenate([queries.indices[span], their_columns]))
        if columns.shape[0] == 0:  # all rows empty: on no line
            return False, -np.inf, 0, 0
        row = np.zeros((1, columns.shape[0]))
        where = np.searchsorted(columns, queries.indices[span])
        row[0, where] = queries.data[span]
        block = np.zeros((near.shape[0], columns.shape[0]))
        block[owner, np.searchsorted(columns, their_columns)] = their_values
        in_train = self.ends.in_train[near]
        pairs = np.arange(near.shape[0])[None]
        hit = False
        if cells is not None:
            grade = np.zeros((1, columns.shape[0]), dtype=np.int8)
            grade[0, where] = cells.data[span]
            hit = bool(on_line(row, grade, block, in_train, pairs)[0])
        if not self.gridded:
            return hit, -np.inf, 0, 0
        strength, a, b = best_strengths(
            row,
            block,
            in_train,
            pairs,
            self.grades.all_steps[columns],
            None if allowed is None else allowed[near],
        )
        return hit, float(strength[0]), int(near[a[0]]), int(near[b[0]])

    def leave_one_out(self, rows: np.ndarray) -> np.ndarray:
        """Strengths of training rows ``rows``, each against the other rows."""
        if self.ends.n < 4 or rows.shape[0] == 0 or not self.gridded:
            return np.full(rows.shape[0], -np.inf)
        place = np.full(self.split.num_tr.shape[0], -1)
        place[self.ends.rows[0]] = np.arange(self.ends.rows[0].shape[0])
        own = place[rows]
        k = min(N_NEIGHBORS + 1, self.ends.n)  # + 1: the row itself
        near = without(_nearest(self.near.matrices[0][rows], self.near, k), own, k)
        queries = self.split.num_tr[rows]
        found = [
            self._test(queries, None, q, near[q])[1:] for q in range(rows.shape[0])
        ]
        strength, a, b = (np.array(v) for v in zip(*found, strict=True))
        strength = strength.astype(float)
        return self._natural(queries, near, strength, a, b)

    def _simulated(self, n: int, k: int) -> np.ndarray:
        """Strengths of ``n`` SMOTE rows made from the class's training rows.

        As imbalanced-learn makes them (see the dense search); a row that
        comes out as a copy of a row of the class is ``-inf``.
        """
        parents = self.train.rows[0]
        if n == 0 or parents.shape[0] < 2:
            return np.full(n, -np.inf)
        rng = np.random.default_rng(0)
        tr = self.split.num_tr
        base = parents[rng.integers(0, parents.shape[0], n)]
        m = min(SMOTE_NEIGHBORS, parents.shape[0] - 1)
        near = _nearest(self.train.matrices[0][base], self.train, m + 1)
        partner = parents[near[np.arange(n), 1 + rng.integers(0, m, n)]]
        if not self.gridded:
            moved = sparse.csr_matrix(tr[base] - tr[partner])
            moved.data[~np.isfinite(moved.data)] = 0.0
            moved.eliminate_zeros()
            return np.where(np.diff(moved.indptr) >= 2, np.inf, -np.inf)
        t = rng.random(n)[:, None]
        made = sparse.csr_matrix(tr[base].multiply(1.0 - t) + tr[partner].multiply(t))
        made.data = to_grid(made.data, self.grades.all_steps[made.indices])
        made.eliminate_zeros()
        codes = np.full(n, self.split.codes_tr[parents[0]], dtype=np.int64)
        known = np.concatenate(
            [
                self.split.keys_tr[self.ends.rows[0]],
                self.split.keys_va[self.ends.rows[1]],
            ]
        )
        copy = np.isin(row_keys(made, codes), known)
        neighbours = _nearest(_zero_missing(made), self.near, k)
        found = [self._test(made, None, q, neighbours[q])[1:] for q in range(n)]
        strength, a, b = (np.array(v) for v in zip(*found, strict=True))
        strength = self._natural(made, neighbours, strength.astype(float), a, b)
        return np.where(copy, -np.inf, strength)


class _Ends:
    """Rows of two matrices read as one list: the ends of the lines tried.

    ``in_train`` marks the rows of the first matrix (the train part).
    """

    def __init__(self, matrices: list, rows: list) -> None:
        self.matrices, self.rows = matrices, rows
        self.n = sum(r.shape[0] for r in rows)
        self.in_train = np.arange(self.n) < rows[0].shape[0]

    def stacked(self, which: np.ndarray) -> sparse.csr_matrix:
        """Stack the rows ``which`` (end indices) into one CSR matrix."""
        first = self.rows[0].shape[0]
        blocks = [
            self.matrices[0][self.rows[0][[n]]]
            if n < first
            else self.matrices[1][self.rows[1][[n - first]]]
            for n in which
        ]
        return sparse.csr_matrix(sparse.vstack(blocks, format="csr"))

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
