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

The grades live in :mod:`._sparse_grades`, the neighbour search in
:mod:`._sparse_neighbours`.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from scipy import sparse

from .._utils._rows import row_keys
from ._interpolants import SMOTE_NEIGHBORS, ClassSearch, without
from ._lines import N_NEIGHBORS, on_line
from ._parts import EncodedSplit
from ._rounding import THRESHOLDS, as_stored, best_strengths, natural_pairs
from ._sparse_grades import Grades
from ._sparse_neighbours import Ends, nearest, zero_missing


def sparse_search(
    split: EncodedSplit,
    samples: list[np.ndarray],
    n_simulated: int,
    nulls: dict[int, np.ndarray],
    inner_rows: list[np.ndarray] | None = None,
) -> list[ClassSearch]:
    """Search each class's sampled valid rows (``samples``), and simulated rows.

    ``nulls`` maps a class (a candidate reference) to training rows of it,
    each tested against the other rows of its class; ``inner_rows`` (per class) are
    training rows tested the same way with no end ruled out.
    """
    tr, va = split.num_tr, split.num_va
    searched = va[np.concatenate(samples)]
    grades = Grades(tr, va, searched)
    del searched  # a copy of the searched rows: not held through the search
    # distances read a missing value as 0
    near_tr, near_va = zero_missing(tr), zero_missing(va)
    results = []
    for c, rows in enumerate(samples):
        queries = va[rows]
        cells = grades.of(queries) if queries.nnz else None
        group = _Class(c, split, (near_tr, near_va), grades)
        found = group.search(queries, near_va[rows], cells, n_simulated)
        if c in nulls and nulls[c].shape[0]:
            found = replace(found, null=group.leave_one_out(nulls[c]))
        if inner_rows is not None and inner_rows[c].shape[0]:
            found = replace(found, inner=group.leave_one_out(inner_rows[c], False))
        results.append(found)
        del group  # one class's ends in memory at a time
    return results


def mostly_missing_rows(matrix: sparse.csr_matrix) -> np.ndarray:
    """Rows more than half of whose stored cells are NaN."""
    stored = np.diff(matrix.indptr)
    # the rows of the NaN cells only: no array as long as the stored cells
    nan_at = np.flatnonzero(np.isnan(matrix.data[: matrix.indptr[-1]]))
    owner = np.searchsorted(matrix.indptr, nan_at, side="right") - 1
    missing = np.bincount(owner, minlength=matrix.shape[0])
    return missing * 2 > np.maximum(stored, 1)


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
        self, c: int, split: EncodedSplit, near: tuple, grades: Grades
    ) -> None:
        self.split, self.grades = split, grades
        # see the dense search: without a grid, the rounded test is not run
        self.gridded = grades.all_grids.any()
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
        self.ends = Ends([split.num_tr, split.num_va], rows)
        self.near = Ends(list(near), rows)
        self.train = Ends([near[0]], rows[:1])

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
        neighbours = nearest(near_queries, self.near, k)
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
        near = without(nearest(zero_missing(queries), self.near, k), ends, k)
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
            self.grades.all_grids.take(columns),
            None if allowed is None else allowed[near],
        )
        return hit, float(strength[0]), int(near[a[0]]), int(near[b[0]])

    def leave_one_out(self, rows: np.ndarray, natural: bool = True) -> np.ndarray:
        """Strengths of training rows ``rows``, each against the other rows.

        With ``natural=False`` no end is ruled out for being an interpolant
        itself (the dense search's ``inner``).
        """
        if self.ends.n < 4 or rows.shape[0] == 0 or not self.gridded:
            return np.full(rows.shape[0], -np.inf)
        place = np.full(self.split.num_tr.shape[0], -1)
        place[self.ends.rows[0]] = np.arange(self.ends.rows[0].shape[0])
        own = place[rows]
        k = min(N_NEIGHBORS + 1, self.ends.n)  # + 1: the row itself
        near = without(nearest(self.near.matrices[0][rows], self.near, k), own, k)
        queries = self.split.num_tr[rows]
        found = [
            self._test(queries, None, q, near[q])[1:] for q in range(rows.shape[0])
        ]
        strength, a, b = (np.array(v) for v in zip(*found, strict=True))
        strength = strength.astype(float)
        if not natural:
            return strength
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
        near = nearest(self.train.matrices[0][base], self.train, m + 1)
        partner = parents[near[np.arange(n), 1 + rng.integers(0, m, n)]]
        # imbalanced-learn casts its rows back to the matrix's dtype: toward
        # zero where it stores integers; floats stay as they are, unless the
        # data was written at a fixed precision (rounded to its grids)
        grids = self.grades.all_grids
        integer = bool(self.split.integer.any())
        written = grids.written() & (not integer)
        moved = sparse.csr_matrix(tr[base] - tr[partner])
        moved.data[~np.isfinite(moved.data)] = 0.0
        moved.eliminate_zeros()
        free = ~written[moved.indices] if not integer else np.zeros(moved.nnz, bool)
        per_row = np.add.reduceat(
            np.r_[free, False].astype(int), np.minimum(moved.indptr[:-1], moved.nnz)
        ) * (np.diff(moved.indptr) > 0)
        seen = np.where(per_row >= 2, np.inf, -np.inf)
        if not self.gridded:
            return seen
        t = rng.random(n)[:, None]
        made = sparse.csr_matrix(tr[base].multiply(1.0 - t) + tr[partner].multiply(t))
        made = as_stored(made, grids, self.split.integer)
        codes = np.full(n, self.split.codes_tr[parents[0]], dtype=np.int64)
        known = np.concatenate(
            [
                self.split.keys_tr[self.ends.rows[0]],
                self.split.keys_va[self.ends.rows[1]],
            ]
        )
        copy = np.isin(row_keys(made, codes), known)
        neighbours = nearest(zero_missing(made), self.near, k)
        found = [self._test(made, None, q, neighbours[q])[1:] for q in range(n)]
        strength, a, b = (np.array(v) for v in zip(*found, strict=True))
        strength = self._natural(made, neighbours, strength.astype(float), a, b)
        return np.where(copy, -np.inf, np.maximum(seen, strength))
