"""Interpolants across a split: SMOTE-type over-sampling before it.

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
that is otherwise on its grid, is evidence enough.
Columns that are affine images of each other over the data (a count stored
twice, a temperature in two units) are one variable, and give evidence once.

Cost stays near-linear: each class's valid rows are searched through a seeded
random sample of at most ``MAX_SEARCHED`` rows (all of them below that), each
against its 15 nearest rows of its own class. SMOTE puts synthetic rows in
every part of a leaked split, so a sample of a thousand finds them whenever
they are more than a few percent of the class; clean data has no exact
interpolants at all, so sampling cannot raise a false alarm.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse, stats
from sklearn.neighbors import NearestNeighbors

from ._lines import (
    GRID_SAMPLE,
    N_NEIGHBORS,
    STRICT_GRID_SHARE,
    fits_line,
    grid,
    line_pairs,
    on_grid,
)
from ._parts import EncodedSplit
from ._sparse_lines import sparse_found

# Valid rows of one class searched at most (a seeded random sample above).
MAX_SEARCHED = 1000
# Columns the search reads at most (a seeded random sample of the varying
# ones above): a SMOTE row lies on its line in every coordinate, so a
# thousand of them prove it as well as fifty thousand, at a fiftieth of the
# cost; the copy check reads every column.
MAX_COLUMNS = 1000
_SEED = 0


@dataclass(frozen=True)
class InterpolantEvidence:
    """Per class (in code order): rows searched, found, and the estimate."""

    eligible: np.ndarray  # valid rows that are not exact copies
    searched: np.ndarray
    found: np.ndarray
    estimate: np.ndarray
    low: np.ndarray
    high: np.ndarray


def interpolant_evidence(split: EncodedSplit) -> InterpolantEvidence:
    """Search each class's valid rows for interpolations of training rows."""
    rng = np.random.default_rng(_SEED)
    n_classes = split.n_classes
    dense = not sparse.issparse(split.num_tr)
    if dense:
        candidates = varying_columns(split.num_tr, split.num_va)
        if candidates.shape[0] > MAX_COLUMNS:
            candidates = np.sort(rng.choice(candidates, MAX_COLUMNS, replace=False))
        columns = candidates[
            independent_columns(
                split.num_tr[:, candidates], split.num_va[:, candidates]
            )
        ]
    eligible = np.zeros(n_classes, dtype=int)
    samples = []
    for c in range(n_classes):
        rows = np.flatnonzero((split.codes_va == c) & ~split.copied)
        eligible[c] = rows.shape[0]
        if rows.shape[0] > MAX_SEARCHED:
            rows = np.sort(rng.choice(rows, MAX_SEARCHED, replace=False))
        samples.append(rows)
    searched = np.array([s.shape[0] for s in samples])
    found = np.zeros(n_classes, dtype=int)
    if not dense:
        found = sparse_found(split, samples)
    elif len(columns) >= 2 and searched.sum():
        cells = _unique_cells(
            split.num_tr, split.num_va, np.concatenate(samples), columns
        )
        per_class = np.split(cells, np.cumsum(searched)[:-1])
        for c in range(n_classes):
            found[c] = _search_class(c, samples[c], per_class[c], columns, split)
    share = found / np.maximum(searched, 1)
    low = stats.beta.ppf(0.025, found, searched - found + 1)
    high = stats.beta.ppf(0.975, found + 1, searched - found)
    low = np.where(found > 0, low, 0.0) * eligible
    high = np.where(found < searched, high, 1.0) * eligible
    return InterpolantEvidence(
        eligible=eligible,
        searched=searched,
        found=found,
        estimate=share * eligible,
        low=low,
        high=high,
    )


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
                varies |= (part[:, start:stop] != first).any(axis=0)
        kept.append(start + np.flatnonzero(varies))
    return np.concatenate(kept) if kept else np.arange(0)


def independent_columns(
    num_tr: np.ndarray, num_va: np.ndarray, chunk: int = 65_536
) -> np.ndarray:
    """Columns that vary and are no affine image of an earlier kept column.

    Correlations from sums accumulated over row chunks (memory does not grow
    with the rows); values are shifted by the first row first, so large
    offsets do not cancel precision away.
    """
    d = num_va.shape[1]
    parts = [p for p in (num_tr, num_va) if p.shape[0]]
    if d == 0 or not parts:
        return np.arange(0)
    shift = parts[0][0].copy()
    n, total, gram = 0, np.zeros(d), np.zeros((d, d))
    for part in parts:
        for start in range(0, part.shape[0], chunk):
            block = part[start : start + chunk] - shift
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


def _unique_cells(
    num_tr: np.ndarray, num_va: np.ndarray, rows: np.ndarray, columns: np.ndarray
) -> np.ndarray:
    """For valid rows ``rows``, the evidence each cell can give.

    0: none (the value occurs in another row, or is a grid value of a gridded
    column); 1: a unique value in a column without a grid; 2: a unique value
    off the grid of a gridded column; 3: the same where the grid holds at
    least 90 % of the values. One pass over each column of the data against
    the sorted values of the searched rows: O(n log m) time, O(m) memory.
    """
    rng = np.random.default_rng(_SEED)
    n = num_tr.shape[0] + num_va.shape[0]
    picks = rng.choice(n, min(n, GRID_SAMPLE), replace=False)
    cells = np.zeros((rows.shape[0], columns.shape[0]), dtype=np.int8)
    for out, j in enumerate(columns):
        values, inverse = np.unique(num_va[rows, j], return_inverse=True)
        counts = np.zeros(values.shape[0], dtype=np.int64)
        for column in (num_tr[:, j], num_va[:, j]):
            at = np.searchsorted(values, column)
            hit = at < values.shape[0]
            hit[hit] = values[at[hit]] == column[hit]
            counts += np.bincount(at[hit], minlength=values.shape[0])
        unique = counts[inverse] == 1
        column = np.concatenate([num_tr[:, j], num_va[:, j]])[picks]
        step, share = grid(column)
        if step is None:
            cells[unique, out] = 1
            continue
        off = ~on_grid(num_va[rows, j], step)
        cells[unique & off, out] = 3 if share >= STRICT_GRID_SHARE else 2
    return cells


def _search_class(
    c: int,
    rows: np.ndarray,
    cells: np.ndarray,
    columns: np.ndarray,
    split: EncodedSplit,
) -> int:
    """Count the rows of ``rows`` (class ``c``) on a line through two others.

    ``cells`` grades, for each of them, the evidence of each value.
    """
    num_tr, num_va = split.num_tr, split.num_va
    keys_tr, keys_va = split.keys_tr, split.keys_va
    codes_tr, codes_va = split.codes_tr, split.codes_va
    # A row without two counted values or one strict off-grid value cannot
    # pass the test.
    keep = ((cells >= 1).sum(axis=1) >= 2) | (cells == 3).any(axis=1)
    rows, cells = rows[keep], cells[keep]
    in_tr, in_va = np.flatnonzero(codes_tr == c), np.flatnonzero(codes_va == c)
    if rows.shape[0] == 0 or in_tr.shape[0] == 0:
        return 0
    # Both ends may come from either part, but one must be a training row:
    # that is the leak (a SMOTE row whose parents are both in the valid part
    # is found through any training row made from the same parents).
    # Identical rows are one end; the training copy is kept where there is one.
    _, first = np.unique(
        np.concatenate([keys_tr[in_tr], keys_va[in_va]]), return_index=True
    )
    from_tr = first < in_tr.shape[0]
    ends = np.concatenate(
        [
            num_tr[np.ix_(in_tr[first[from_tr]], columns)],
            num_va[np.ix_(in_va[first[~from_tr] - in_tr.shape[0]], columns)],
        ]
    )
    in_train = np.arange(ends.shape[0]) < int(from_tr.sum())
    if ends.shape[0] < 3:
        return 0
    k = min(N_NEIGHBORS + 1, ends.shape[0])  # + 1: the row itself
    queries = num_va[np.ix_(rows, columns)]
    neighbours = (
        NearestNeighbors(n_neighbors=k)
        .fit(ends)
        .kneighbors(queries, return_distance=False)
    )
    hit, a, b, t = line_pairs(queries, cells, ends, in_train, neighbours)
    if columns.shape[0] < num_va.shape[1]:
        # Columns were sampled (or dropped as constant or affine images):
        # a row on the line in the sample must be on it in every column. The
        # sample alone can mislead where most values are 0 (a row and a
        # multiple of it look collinear with a row of zeros).
        origin = np.concatenate(
            [in_tr[first[from_tr]], in_va[first[~from_tr] - in_tr.shape[0]]]
        )
        ok = np.zeros(hit.shape[0], dtype=bool)
        step = max(1, 2**16 // num_va.shape[1])  # a few MiB of rows at a time
        for start in range(0, hit.shape[0], step):
            at = slice(start, start + step)
            ok[at] = fits_line(
                num_va[rows[hit[at]]],
                _rows_of(num_tr, num_va, origin[a[at]], in_train[a[at]]),
                _rows_of(num_tr, num_va, origin[b[at]], in_train[b[at]]),
                t[at],
            )
        hit = hit[ok]
    return int(np.unique(hit).shape[0])


def _rows_of(
    num_tr: np.ndarray, num_va: np.ndarray, index: np.ndarray, from_tr: np.ndarray
) -> np.ndarray:
    """Full rows of the ends: ``index`` into the train part or the valid part."""
    out = np.empty((index.shape[0], num_va.shape[1]))
    out[from_tr] = num_tr[index[from_tr]]
    out[~from_tr] = num_va[index[~from_tr]]
    return out
