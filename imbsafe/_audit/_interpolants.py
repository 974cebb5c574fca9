"""Interpolants across a split, on dense columns: SMOTE-type over-sampling before it.

A SMOTE row is a + t (b - a) for two rows a, b of its class and one random t:
it lies exactly on the line through its parents, and on the line of every
other row made from them, at a fraction that occurs nowhere else in the data.
After the split, such a valid row has a parent (or a sibling) in the train
part. Lattice data (integer codes, one-hot indicators, values rounded to a
grid) has natural collinear rows, so a coordinate only counts as evidence when
the valid row's value there occurs nowhere else in the data and differs from
both ends, and two such coordinates must agree on the same fraction.
Columns recorded on a decimal grid (whole numbers, 0.1, 0.01, ...) make rare
grid values by nature (a counter at 18 between rows at 17 and 19), so there a
value only counts when it is off the grid, as SMOTE's random fractions are.
On binary and integer-coded data, two rows often differ in one coordinate
only; there one off-grid value strictly between the two ends, in a column
that is otherwise on its grid, is evidence enough. A column's grid is read on
its nonzero values: 0 lies on every grid, and a zero-heavy column of
full-precision floats is not a lattice.
Columns that are affine images of each other over the data (a count stored
twice, a temperature in two units) are one variable, and give evidence once.

That exact test finds SMOTE rows kept as floats. Rows cast back to an integer
dtype (imbalanced-learn truncates them) are measured by the rounded line test
of :mod:`._rounding`, whose strengths :mod:`._evidence` weighs against the
reference class. NaN is unknown: a row is compared on the cells it has.

Each class's valid rows are searched through a seeded random sample (see
:mod:`._evidence`), each against its 15 nearest rows of its own class.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np
from sklearn.neighbors import NearestNeighbors

from .._utils._rows import row_keys
from ._columns import independent_columns, unique_cells, varying_columns
from ._grids import Grids
from ._lines import (
    N_NEIGHBORS,
    fits_line,
    line_pairs,
)
from ._parts import EncodedSplit
from ._rounding import (
    THRESHOLDS,
    as_stored,
    best_strengths,
    natural_pairs,
    rounded_strength,
    written_columns,
)

# Columns the search reads at most (a seeded random sample of the varying
# ones above): a SMOTE row lies on its line in every coordinate, so a
# thousand of them prove it as well as fifty thousand, at a fiftieth of the
# cost; the copy check reads every column.
MAX_COLUMNS = 1000
# Neighbours among which a simulated SMOTE row's partner is drawn, as
# imbalanced-learn's default k_neighbors.
SMOTE_NEIGHBORS = 5
# Ends a re-search reaches through at most, past the ends ruled out as SMOTE
# rows themselves (see ``_Class._allowed_neighbours``).
MAX_WIDENED = 256
_SEED = 0


@dataclass(frozen=True)
class ClassSearch:
    """What the search saw in one class.

    ``hits`` marks the searched valid rows on a line exactly (the exact
    test), ``strength`` is each one's rounded-line strength (``-inf``: on no
    line), ``simulated`` the strengths of SMOTE rows made from the class's
    training rows (``-inf`` also for those that came out as copies of a row
    the data has: the audit cannot search those), and ``null`` the strengths
    of training rows tested against the other rows (the reference only).
    ``inner`` gives the strengths of a sample of the class's training rows
    against the other rows, no end ruled out: how much of the training part
    is itself interpolated (empty where not measured).
    """

    hits: np.ndarray
    strength: np.ndarray
    simulated: np.ndarray
    null: np.ndarray = field(default_factory=lambda: np.zeros(0))
    inner: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @classmethod
    def empty(cls, n: int, n_simulated: int = 0) -> ClassSearch:
        """Make the result of a class with nothing to search: ``n`` rows on no line."""
        return cls(
            np.zeros(n, dtype=bool),
            np.full(n, -np.inf),
            np.full(n_simulated, -np.inf),
        )


def dense_search(
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
    rng = np.random.default_rng(_SEED)
    candidates = varying_columns(split.num_tr, split.num_va)
    if candidates.shape[0] > MAX_COLUMNS:
        candidates = np.sort(rng.choice(candidates, MAX_COLUMNS, replace=False))
    columns = candidates[
        independent_columns(split.num_tr[:, candidates], split.num_va[:, candidates])
    ]
    searched = [s.shape[0] for s in samples]
    if columns.shape[0] < 2:
        return [ClassSearch.empty(n) for n in searched]
    cells, steps = unique_cells(
        split.num_tr, split.num_va, np.concatenate(samples), columns
    )
    per_class = np.split(cells, np.cumsum(searched)[:-1])
    results = []
    for c in range(split.n_classes):
        group = _Class(c, columns, steps, split)
        found = group.search(samples[c], per_class[c], n_simulated)
        if c in nulls and nulls[c].shape[0]:
            found = replace(found, null=group.leave_one_out(nulls[c]))
        if inner_rows is not None and inner_rows[c].shape[0]:
            found = replace(found, inner=group.inner(inner_rows[c]))
        results.append(found)
        del group  # one class's ends in memory at a time
    return results


class _Class:
    """One class's search: its ends (distinct rows), neighbours, and tests."""

    def __init__(
        self, c: int, columns: np.ndarray, steps: Grids, split: EncodedSplit
    ) -> None:
        self.columns, self.steps, self.split = columns, steps, split
        # Without a column cast to a grid, SMOTE rows keep full precision:
        # the exact test's to find, with nothing for the rounded test to read.
        self.gridded = steps.any()
        in_tr = np.flatnonzero(split.codes_tr == c)
        in_va = np.flatnonzero(split.codes_va == c)
        # Both ends may come from either part, but one must be a training
        # row: that is the leak (a SMOTE row whose parents are both in the
        # valid part is found through any training row made from the same
        # parents). Identical rows are one end; the training copy is kept.
        _, first = np.unique(
            np.concatenate([split.keys_tr[in_tr], split.keys_va[in_va]]),
            return_index=True,
        )
        from_tr = first < in_tr.shape[0]
        self.n_train = int(from_tr.sum())
        self.origin = np.concatenate(
            [in_tr[first[from_tr]], in_va[first[~from_tr] - in_tr.shape[0]]]
        )
        self.ends = np.concatenate(
            [
                split.num_tr[np.ix_(self.origin[: self.n_train], columns)],
                split.num_va[np.ix_(self.origin[self.n_train :], columns)],
            ]
        )
        self.in_train = np.arange(self.ends.shape[0]) < self.n_train
        # Neighbours are found with missing cells at the column's mean (read
        # column by column: no float copy of the ends).
        missing = np.isnan(self.ends)
        self.fill = np.zeros(self.ends.shape[1])
        for j in np.flatnonzero(missing.any(axis=0)):
            known = self.ends[~missing[:, j], j]
            self.fill[j] = known.mean() if known.shape[0] else 0.0
        del missing
        self.index = None
        if self.ends.shape[0] >= 3 and self.n_train:
            self.index = NearestNeighbors(
                n_neighbors=min(N_NEIGHBORS + 1, self.ends.shape[0])
            ).fit(self._filled(self.ends))

    def _filled(self, rows: np.ndarray) -> np.ndarray:
        missing = np.isnan(rows)
        if not missing.any():
            return rows
        return np.where(missing, self.fill, rows)

    def search(
        self, rows: np.ndarray, cells: np.ndarray, n_simulated: int
    ) -> ClassSearch:
        """Test the valid rows ``rows`` (graded ``cells``), and simulated rows."""
        if self.index is None:
            return ClassSearch.empty(rows.shape[0], n_simulated)
        if rows.shape[0] == 0:
            return ClassSearch(
                np.zeros(0, dtype=bool), np.zeros(0), self._simulated(n_simulated)
            )
        queries = self.split.num_va[np.ix_(rows, self.columns)]
        neighbours = self.index.kneighbors(self._filled(queries), return_distance=False)
        hits = self._exact(rows, queries, cells, neighbours)
        strength = self._strengths(queries, neighbours, full=rows)
        return ClassSearch(hits, strength, self._simulated(n_simulated))

    def leave_one_out(self, rows: np.ndarray) -> np.ndarray:
        """Strengths of training rows ``rows``, each against the other rows."""
        if self.index is None or rows.shape[0] == 0 or not self.gridded:
            return np.full(rows.shape[0], -np.inf)
        queries, near = self._others(rows)
        return self._strengths(queries, near, full=None)

    def inner(self, rows: np.ndarray) -> np.ndarray:
        """Strengths of training rows ``rows`` against the other rows, none ruled out.

        Unlike :meth:`leave_one_out`, ends that are interpolants themselves
        may serve: this measures how much of the training part lies on lines
        through its own rows, SMOTE rows and siblings included.
        """
        if self.index is None or rows.shape[0] == 0 or not self.gridded:
            return np.full(rows.shape[0], -np.inf)
        queries, near = self._others(rows)
        strength, _, _ = best_strengths(
            queries, self.ends, self.in_train, near, self.steps
        )
        return strength

    def _others(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Training rows ``rows`` (searched columns), neighbours less themselves."""
        place = np.full(self.split.num_tr.shape[0], -1)
        place[self.origin[: self.n_train]] = np.arange(self.n_train)
        own = place[rows]
        queries = self.split.num_tr[np.ix_(rows, self.columns)]
        near = self.index.kneighbors(self._filled(queries), return_distance=False)
        return queries, without(near, own, self.index.n_neighbors)

    def _exact(
        self,
        rows: np.ndarray,
        queries: np.ndarray,
        cells: np.ndarray,
        neighbours: np.ndarray,
    ) -> np.ndarray:
        """Mark the rows on a line exactly, with graded evidence (the exact test)."""
        result = np.zeros(rows.shape[0], dtype=bool)
        # A row without two counted values or one strict off-grid value
        # cannot pass the test.
        keep = np.flatnonzero(
            ((cells >= 1).sum(axis=1) >= 2) | (cells == 3).any(axis=1)
        )
        if keep.shape[0] == 0:
            return result
        hit, a, b, t = line_pairs(
            queries[keep], cells[keep], self.ends, self.in_train, neighbours[keep]
        )
        num_va = self.split.num_va
        if self.columns.shape[0] < num_va.shape[1]:
            # Columns were sampled (or dropped as constant or affine images):
            # a row on the line in the sample must be on it in every column.
            # The sample alone can mislead where most values are 0 (a row and
            # a multiple of it look collinear with a row of zeros).
            ok = np.zeros(hit.shape[0], dtype=bool)
            step = max(1, 2**16 // num_va.shape[1])  # a few MiB of rows at a time
            for start in range(0, hit.shape[0], step):
                at = slice(start, start + step)
                ok[at] = fits_line(
                    num_va[rows[keep[hit[at]]]],
                    self._full_rows(a[at]),
                    self._full_rows(b[at]),
                    t[at],
                )
            hit = hit[ok]
        result[keep[hit]] = True
        return result

    def _strengths(
        self, queries: np.ndarray, neighbours: np.ndarray, full: np.ndarray | None
    ) -> np.ndarray:
        """Rounded-line strength of each query on its strongest natural pair.

        Where the columns were sampled, the pair is checked on every column
        (``full`` gives the valid rows' places; simulated rows exist on the
        searched columns only).
        """
        if not self.gridded:
            return np.full(queries.shape[0], -np.inf)
        strength, a, b = best_strengths(
            queries, self.ends, self.in_train, neighbours, self.steps
        )

        def redo(rows: np.ndarray, allowed: np.ndarray) -> tuple:
            return best_strengths(
                queries[rows],
                self.ends,
                self.in_train,
                self._allowed_neighbours(queries[rows], neighbours[rows], allowed),
                self.steps,
                allowed,
            )

        strength = natural_pairs(
            strength, a, b, redo, self._derived, self.ends.shape[0]
        )
        num_va = self.split.num_va
        if full is None or self.columns.shape[0] == num_va.shape[1]:
            return strength
        check = np.flatnonzero(np.isfinite(strength))
        step = max(1, 2**16 // num_va.shape[1])
        for start in range(0, check.shape[0], step):
            at = check[start : start + step]
            x = num_va[full[at]]
            ends_a, ends_b = self._full_rows(a[at]), self._full_rows(b[at])
            # columns off the sample: a whole-number cell is read on the
            # grid of 1 (the lenient choice: this check only removes hits)
            whole = np.all(
                [np.isnan(v) | (v == np.round(v)) for v in (x, ends_a, ends_b)],
                axis=0,
            )
            grid_steps = np.where(whole, 1.0, np.nan)
            grid_steps[:, self.columns] = self.steps.at(x[:, self.columns])
            loose = np.zeros(num_va.shape[1], dtype=bool)
            loose[self.columns] = self.steps.written()
            again = rounded_strength(x, ends_a, ends_b, grid_steps, loose)
            strength[at] = np.where(np.isfinite(again), strength[at], -np.inf)
        return strength

    def _allowed_neighbours(
        self, queries: np.ndarray, near: np.ndarray, allowed: np.ndarray
    ) -> np.ndarray:
        """Each query's nearest ends among the ``allowed`` ones, as many as ``near``.

        A class SMOTE made from a few rows is mostly SMOTE rows, and a leaked
        one's nearest ends are its siblings on the same segment: the search
        reaches past them (as many ends further as were ruled out, at most
        ``MAX_WIDENED``) to the natural rows they were made from. An end
        equal to the query (a training row's own, in the leave-one-out null)
        never pairs with it, and is passed over as ``near`` passed it over.
        """
        k = near.shape[1]
        wide = min(self.ends.shape[0], k + int((~allowed).sum()), MAX_WIDENED)
        if wide <= k:
            return near
        distance, wider = self.index.kneighbors(self._filled(queries), n_neighbors=wide)
        usable = allowed[wider] & (distance > 0)
        first = np.argsort(~usable, axis=1, kind="stable")[:, :k]
        return np.take_along_axis(wider, first, axis=1)

    def _derived(self, ends: np.ndarray) -> np.ndarray:
        """Which ends pass the rounded test themselves, against the other ends."""
        queries = self.ends[ends]
        k = self.index.n_neighbors
        near = self.index.kneighbors(self._filled(queries), return_distance=False)
        near = without(near, ends, k)
        strength, _, _ = best_strengths(
            queries, self.ends, self.in_train, near, self.steps
        )
        return strength > THRESHOLDS[0]

    def _full_rows(self, ends: np.ndarray) -> np.ndarray:
        """Every column of the ends ``ends`` (indices into ``self.ends``)."""
        split = self.split
        out = np.empty((ends.shape[0], split.num_va.shape[1]))
        train = self.in_train[ends]
        out[train] = split.num_tr[self.origin[ends[train]]]
        out[~train] = split.num_va[self.origin[ends[~train]]]
        return out

    def _simulated(self, n: int) -> np.ndarray:
        """Strengths of ``n`` SMOTE rows made from the class's training rows.

        As imbalanced-learn makes them: a base row, one of its 5 nearest
        training rows of the class, one uniform t; cast toward zero in the
        columns stored as integers (imbalanced-learn casts its rows back to
        the input's dtypes), rounded to the grid of float columns written at
        a fixed precision (decimals or significant digits: the data was
        saved so, a leak in it would be too), kept as floats in the others.
        A row that comes out equal to a row of the class is a copy, which
        the search never sees: ``-inf``; one the exact test sees on its
        float columns, ``+inf``.
        """
        parents = self.ends[: self.n_train]
        if n == 0 or parents.shape[0] < 2:
            return np.full(n, -np.inf)
        rng = np.random.default_rng(_SEED)
        base, partner = smote_pairs(self._filled(parents), n, rng)
        a, b = parents[base], parents[partner]
        integer = self.split.integer[self.columns]
        written = written_columns(self.steps, integer)
        seen = exact_visibility(a[:, ~integer & ~written], b[:, ~integer & ~written])
        if not self.gridded:
            return seen
        t = rng.random(n)[:, None]
        made = as_stored(a + t * (b - a), self.steps, integer)
        codes = np.zeros(n, dtype=np.int64)
        copy = np.isin(
            row_keys(made, codes), row_keys(self.ends, np.zeros(len(self.ends), int))
        )
        neighbours = self.index.kneighbors(self._filled(made), return_distance=False)
        strength = np.maximum(seen, self._strengths(made, neighbours, full=None))
        return np.where(copy, -np.inf, strength)


def smote_pairs(
    rows: object, n: int, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Draw ``n`` SMOTE parents among ``rows``: a base, one of its nearest rows.

    As imbalanced-learn draws them: a uniform base row, and one of its
    ``SMOTE_NEIGHBORS`` nearest other rows (``rows`` hold no missing value).
    """
    k = min(SMOTE_NEIGHBORS, rows.shape[0] - 1)
    base = rng.integers(0, rows.shape[0], n)
    near = (
        NearestNeighbors(n_neighbors=k + 1)
        .fit(rows)
        .kneighbors(rows[base], return_distance=False)
    )
    return base, near[np.arange(n), 1 + rng.integers(0, k, n)]


def exact_visibility(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Tell which SMOTE rows kept at full precision the exact test sees, by parents.

    Such a row lies exactly on its parents' line, with a value no other row
    has wherever they differ: two known columns in which they differ are the
    evidence the exact test needs (``+inf``: seen; ``-inf``: not).
    """
    moving = ((a != b) & ~np.isnan(a) & ~np.isnan(b)).sum(axis=1)
    return np.where(moving >= 2, np.inf, -np.inf)


def without(near: np.ndarray, own: np.ndarray, k: int) -> np.ndarray:
    """Each row's neighbours less itself (``own``; else less the farthest)."""
    drop = near == own[:, None]
    drop[~drop.any(axis=1), -1] = True
    return near[~drop].reshape(near.shape[0], k - 1)
