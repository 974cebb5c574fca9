"""Could a leak have been seen here? Simulated leaks on the given rows.

"No leak found" is a number too: it is said of a class only where a leak of
it would have left a trace the audit reads. A clean class whose valid part
stands where an over-sampler's target leaves it (half the reference or more,
never above it, and the same share of both parts, as a random split of
resampled data leaves it: :func:`._decision.asked`) is asked: had its rows
been over-sampled before the split, would the audit have said so (leaky, or
inconclusive with a reason)?

Two traces answer it:

* interpolants: the search's own simulated SMOTE rows (:mod:`._evidence`)
  give the rate at which each test sees them; a leak making ``share`` of the
  class's valid rows such rows is seen where the count it reaches in most
  draws stands out from the reference (``InterpolantEvidence.seen``);
* copies: a leak is simulated on the class's own rows and the copy test run
  on it. ``1 - share`` of the class's distinct rows are kept as originals;
  the others are made from them as the sampler makes them (copies of random
  originals for random over-sampling; SMOTE rows, a random original, one of
  its five nearest originals and one uniform fraction, cast back to integer
  columns as imbalanced-learn truncates them and written at the data's own
  precision elsewhere, which piles them onto rows the data has); then the
  class's rows are dealt back into the two parts in the numbers each holds.

Random over-sampling leaves copies only, and is asked at ``ROS_SHARES``;
SMOTE at ``SIMULATED_SHARES`` (a leak to the data's own ratio leaves most of
a minority synthetic, a partial one about half), in full only where its
interpolants alone would be missed. A class for which some simulated leak
leaves neither trace is inconclusive, and the report names that leak.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

from .._utils._rows import row_keys
from ._columns import unique_cells
from ._evidence import SIMULATED_SHARES, InterpolantEvidence
from ._grids import Grids
from ._interpolants import smote_pairs
from ._parts import EncodedSplit
from ._rounding import as_stored
from ._sparse_grades import column_grids

# Shares of a class's rows that simulated random over-sampling makes copies.
ROS_SHARES = (0.75, 0.5)
_SEED = 0


@dataclass(frozen=True)
class Missed:
    """A simulated leak the audit would have called clean."""

    kind: str  # "SMOTE" or "random over-sampling"
    share: float  # of the class's rows made by the sampler


def self_test(
    split: EncodedSplit,
    interp: InterpolantEvidence,
    asked: np.ndarray,
    leaves_trace: Callable[[EncodedSplit, int], bool],
) -> dict[int, Missed]:
    """Ask each ``asked`` class whether a leak of it would have been seen.

    ``leaves_trace(split, c)`` tells whether the copy test says anything of
    class ``c`` of a simulated split (:func:`._decision.leaves_trace`).
    """
    out: dict[int, Missed] = {}
    grids: Grids | None = None  # read once, where a SMOTE leak is simulated
    for c in np.flatnonzero(asked):
        rng = np.random.default_rng(_SEED + int(c))
        missed = None
        for share in ROS_SHARES:
            if _unseen(split, int(c), share, rng, None, leaves_trace):
                missed = Missed("random over-sampling", share)
                break
        if missed is None and split.num_tr.shape[1]:
            for i, share in enumerate(SIMULATED_SHARES):
                if interp.seen[c, i]:
                    continue
                grids = _grids(split) if grids is None else grids
                if _unseen(split, int(c), share, rng, grids, leaves_trace):
                    missed = Missed("SMOTE", share)
                    break
        if missed is not None:
            out[int(c)] = missed
    return out


def _grids(split: EncodedSplit) -> Grids:
    if sparse.issparse(split.num_tr):
        return column_grids(split.num_tr, split.num_va)[2]
    # every column's grid, read as the search reads it (no rows to grade)
    columns = np.arange(split.num_tr.shape[1])
    return unique_cells(split.num_tr, split.num_va, columns[:0], columns)[1]


def _unseen(
    split: EncodedSplit,
    c: int,
    share: float,
    rng: np.random.Generator,
    grids: Grids | None,
    leaves_trace: Callable[[EncodedSplit, int], bool],
) -> bool:
    """Whether a simulated leak of class ``c`` leaves no trace (one split at a time)."""
    simulated = _simulated(split, c, share, rng, grids)
    return simulated is not None and not leaves_trace(simulated, c)


def _simulated(
    split: EncodedSplit,
    c: int,
    share: float,
    rng: np.random.Generator,
    grids: Grids | None,
) -> EncodedSplit | None:
    """Make the split a leak of class ``c`` leaves (``grids``: SMOTE, else copies).

    None where the class has too few rows to keep two originals.
    """
    in_tr = np.flatnonzero(split.codes_tr == c)
    in_va = np.flatnonzero(split.codes_va == c)
    n1, n = in_tr.shape[0], in_tr.shape[0] + in_va.shape[0]
    keys = np.concatenate([split.keys_tr[in_tr], split.keys_va[in_va]])
    # originals are distinct rows: copies already there (a leak the audit
    # missed) would make a leak simulated on top of them easier to see than
    # the leak it stands for
    distinct = np.unique(keys, return_index=True)[1]
    n_orig = min(int(np.ceil((1 - share) * n)), distinct.shape[0])
    if n_orig < 2 or n_orig >= n:
        return None
    originals = np.sort(rng.choice(distinct, n_orig, replace=False))
    num = None  # the class's simulated rows (SMOTE); copies are gathered
    if grids is None:
        made = originals[rng.integers(0, n_orig, n - n_orig)]
        rows = np.concatenate([originals, made])
        keys = keys[rows]
    else:
        parents = _class_rows(split, in_tr, in_va, originals)
        num = _stack(parents, _smote(parents, n - n_orig, rng, grids, split.integer))
        del parents
        keys = None

    def own(to: np.ndarray) -> object:
        if num is None:
            return _class_rows(split, in_tr, in_va, rows[to])
        return num[to]

    order = rng.permutation(n)
    to_tr, to_va = order[:n1], order[n1:]
    other_tr = np.flatnonzero(split.codes_tr != c)
    other_va = np.flatnonzero(split.codes_va != c)
    codes_tr = np.concatenate([split.codes_tr[other_tr], np.full(n1, c)])
    codes_va = np.concatenate([split.codes_va[other_va], np.full(n - n1, c)])
    num_tr = _part(split.num_tr, other_tr, own(to_tr))
    num_va = _part(split.num_va, other_va, own(to_va))
    if keys is None:
        # the class's rows compared on the numeric block (a SMOTE row has no
        # other cells); a key holds the label, so no other class's row is
        # ever its twin, and theirs stay as they are
        keys = row_keys(num, np.full(n, c))
    keys_tr = np.concatenate([split.keys_tr[other_tr], keys[to_tr]])
    keys_va = np.concatenate([split.keys_va[other_va], keys[to_va]])
    return replace(
        split,
        codes_tr=codes_tr,
        codes_va=codes_va,
        keys_tr=keys_tr,
        keys_va=keys_va,
        num_tr=num_tr,
        num_va=num_va,
    )


def _class_rows(
    split: EncodedSplit, in_tr: np.ndarray, in_va: np.ndarray, rows: np.ndarray
) -> object:
    """Rows ``rows`` of the class (its training rows ``in_tr``, then ``in_va``)."""
    n1 = in_tr.shape[0]
    from_tr = rows < n1
    if sparse.issparse(split.num_tr):
        return _stack(split.num_tr[in_tr], split.num_va[in_va])[rows]
    dtype = np.result_type(split.num_tr.dtype, split.num_va.dtype)
    out = np.empty((rows.shape[0], split.num_tr.shape[1]), dtype=dtype)
    out[from_tr] = split.num_tr[in_tr[rows[from_tr]]]
    out[~from_tr] = split.num_va[in_va[rows[~from_tr] - n1]]
    return out


def _part(given: object, other: np.ndarray, own: object) -> object:
    """Make a simulated part: the ``other`` rows of the ``given`` part, then ``own``.

    Dense parts are filled in place: the other classes' rows, most of a
    large part, are copied once.
    """
    if sparse.issparse(given):
        return _stack(given[other], own)
    dtype = np.result_type(given.dtype, own.dtype)
    out = np.empty((other.shape[0] + own.shape[0], given.shape[1]), dtype=dtype)
    # mode="clip" writes straight into out ("raise" buffers a copy first)
    np.take(given, other, axis=0, out=out[: other.shape[0]], mode="clip")
    out[other.shape[0] :] = own
    return out


def _stack(first: object, second: object) -> object:
    if sparse.issparse(first):
        return sparse.vstack([first, second], format="csr")
    return np.concatenate([first, second])


def _smote(
    parents: object,
    n: int,
    rng: np.random.Generator,
    grids: Grids,
    integer: np.ndarray,
) -> object:
    """``n`` SMOTE rows of ``parents``, cast and written as the data is."""
    if sparse.issparse(parents):
        filled = parents.copy()
        filled.data = np.where(np.isfinite(filled.data), filled.data, 0.0)
    else:
        mean = np.nanmean(np.where(np.isfinite(parents), parents, np.nan), axis=0)
        filled = np.where(np.isnan(parents), np.nan_to_num(mean), parents)
    base, partner = smote_pairs(filled, n, rng)
    t = rng.random(n)[:, None]
    a, b = parents[base], parents[partner]
    if sparse.issparse(parents):
        made = sparse.csr_matrix(a.multiply(1.0 - t) + b.multiply(t))
    else:
        made = a + t * (b - a)
    return as_stored(made, grids, integer)
