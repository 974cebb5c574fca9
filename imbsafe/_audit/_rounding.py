"""The line test for interpolants rounded back to a grid (SMOTE on integer columns).

imbalanced-learn casts SMOTE's output back to the input's dtype, so on an
integer array, or on integer columns of a DataFrame, each synthetic value
a + t (b - a) is truncated toward zero; people who round by hand floor or
round. The row then lies within one grid step of its parents' line, in every
column, at one shared fraction t. Each column whose value is known turns that
into an interval of fractions (a point where the column has no grid); the row
is consistent with the pair when the intervals meet in [0, 1] under one of
the rounding rules.

A row exactly on the line is the exact test's to judge (:mod:`._lines`), not
this one's: lattice data holds natural families of rows whose columns move
together in whole steps (a block of height 1 whose length, area and pixel
counts grow as one), and every row of such a family lies exactly on the line
through two others. SMOTE's truncation leaves a remainder in each column
instead, so exact fits whose moving values all lie on grids are left out here (on
columns without a grid, an exact fit is what SMOTE kept as floats leaves).

Consistency alone is weak: on binary or few-valued columns any row near two
others passes. The evidence is the chance that a row not made from the pair
would pass, read column by column: a value strictly between the two ends
pins t to an interval of width ``step / |b - a|``, and every such column
after the first must land in the interval the others left. The strength is
``-log`` of that chance, so a row with many wide-ranging columns on its
parents' line scores high and a row on binary columns scores nothing. How
often rows pass by chance is read from the data (:mod:`._interpolants`
compares each class with the reference class); this module only measures.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import sparse

from ._grids import Grids
from ._lines import fraction

# The rules that map a real value to the grid: imbalanced-learn truncates
# (astype toward zero); floor and round are what people write by hand.
MODES = ("trunc", "floor", "round")
# Strengths at which the rounded test counts a row: -log of the chance of a
# row passing a pair by accident (about 120 pairs and 3 rules are tried per
# row, so below log(360) = 5.9 chance passes are common).
THRESHOLDS = (2.0, 4.0, 6.0, 8.0)
# Strength of one column whose value sits at the very end of the interval a
# float column allows: beyond this, exactness adds nothing more.
_MAX_COLUMN_STRENGTH = float(-np.log(1e-9))
_EPS = 1e-9


def _windows(
    x: np.ndarray, step: np.ndarray, mode: str, loose: np.ndarray | bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Bounds of the real values r that the rule ``mode`` maps to ``x``.

    Rounding a ``loose`` cell (its ends were rounded too) moves it up to a
    whole step off its ends' line: see :func:`rounded_strength`.
    """
    if mode == "floor":
        return x, x + step
    if mode == "round":
        half = np.where(loose, step, step / 2)
        return x - half, x + half
    # truncation toward zero: [x, x + s) above 0, (x - s, x] below, (-s, s) at 0
    low = np.where(x > 0, x, x - step)
    high = np.where(x < 0, x, x + step)
    return low, high


def rounded_strength(
    x: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    step: np.ndarray,
    loose: np.ndarray | bool = False,
) -> np.ndarray:
    """Evidence that each row of ``x`` is a rounded interpolant of ``a`` and ``b``.

    Parameters
    ----------
    x, a, b : ndarray of shape (n_pairs, n_columns)
        The row and the two ends of each pair. NaN is unknown: it neither
        constrains the fraction nor counts as evidence.
    step : ndarray of shape (n_columns,) or (n_pairs, n_columns)
        Each column's grid step; NaN where the column has no grid (it must
        then lie on the line exactly, within float32 rounding).
    loose : bool or ndarray broadcastable to ``x``
        Cells written at a fixed precision from floats that had more
        (:meth:`Grids.written`): the ends were rounded when the table was
        written, as the row was, so a rounded row lies up to a whole step
        (half for the row, half for its ends) off the line through the ends
        as stored. Whole numbers are taken as exact.

    Returns
    -------
    strength : ndarray of shape (n_pairs,)
        ``-inf`` where the row is not on the pair's line under any rule (or
        equals an end), else the strength of the best rule (0 when no value
        lies strictly between the ends).
    """
    exact = np.isnan(step)
    unit = np.where(exact, 1.0, step)
    tol = 1e-6 * (np.abs(a) + np.abs(b)) + 1e-300
    known = ~(np.isnan(x) | np.isnan(a) | np.isnan(b))
    diff = np.where(known, b - a, 0.0)
    moves = diff != 0
    low_end, high_end = np.minimum(a, b), np.maximum(a, b)
    interior = known & moves & (x > low_end + tol) & (x < high_end - tol)
    apart = (known & (np.abs(x - a) > tol)).any(axis=1) & (
        known & (np.abs(x - b) > tol)
    ).any(axis=1)
    best = np.full(x.shape[0], -np.inf)
    on_grids = ~(interior & exact).any(axis=1)
    apart &= ~(on_grids & _exactly_on_line(x, a, b, known, tol, exact, unit))
    with np.errstate(invalid="ignore", divide="ignore"):
        for mode in MODES:
            low, high = _windows(x, unit, mode, loose)
            low = np.where(exact, x - tol, low)
            high = np.where(exact, x + tol, high)
            first = (low - a) / np.where(moves, diff, 1.0)
            second = (high - a) / np.where(moves, diff, 1.0)
            t_low = np.where(moves, np.minimum(first, second), -np.inf)
            t_high = np.where(moves, np.maximum(first, second), np.inf)
            # a column where the ends agree must map its end to the row's value
            still = ~known | moves | ((a >= low - _EPS) & (a <= high + _EPS))
            start = np.maximum(t_low.max(axis=1), 0.0)
            stop = np.minimum(t_high.min(axis=1), 1.0)
            fits = (start <= stop + _EPS) & still.all(axis=1) & apart
            width = np.clip(np.minimum(t_high, 1.0) - np.maximum(t_low, 0.0), 0, 1)
            column = np.where(
                interior,
                np.minimum(-np.log(np.maximum(width, 1e-300)), _MAX_COLUMN_STRENGTH),
                0.0,
            )
            n_interior = interior.sum(axis=1)
            # the first column is free (it only fixes t); each further one
            # must land in an interval at most twice its own width
            strength = (
                column.sum(axis=1)
                - column.max(axis=1, initial=0.0)
                - np.maximum(n_interior - 1, 0) * np.log(2)
            )
            best = np.where(fits, np.maximum(best, strength), best)
    return best


def _exactly_on_line(
    x: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    known: np.ndarray,
    tol: np.ndarray,
    exact: np.ndarray,
    unit: np.ndarray,
) -> np.ndarray:
    """Whether x lies on the line through a and b to far less than a grid step.

    A natural lattice family is collinear to float rounding; a row rounded
    to a fine grid (a SMOTE row written at 6 decimals) is off the line by up
    to half a step, which may be less than the float tolerance of the exact
    test: the tolerance here is a thousandth of the step at most.
    """
    t = fraction(x, a, b)
    fine = np.minimum(tol, np.where(exact, tol, 1e-3 * unit))
    with np.errstate(invalid="ignore"):
        close = np.abs(x - a - t[:, None] * (b - a)) <= fine
    differs = (known & (a != b)).any(axis=1)
    return (close | ~known).all(axis=1) & differs


def best_strengths(
    queries: np.ndarray,
    ends: np.ndarray,
    in_train: np.ndarray,
    neighbours: np.ndarray,
    step: Grids | np.ndarray,
    allowed: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each query's strongest pair of neighbours, one of them a training row.

    Parameters
    ----------
    queries : ndarray of shape (n, d)
    ends : ndarray of shape (m, d)
        The rows the lines run through; ``in_train`` marks the training rows.
    neighbours : ndarray of shape (n, k)
        Indices into ``ends`` of each query's nearest rows.
    step : Grids or ndarray of shape (d,)
        The columns' grids (an array: absolute steps, NaN where a column has
        no grid); each query's cells take their steps from them.
    allowed : ndarray of shape (m,), optional
        Ends that may be used (default: all).

    Returns
    -------
    strength, a, b : ndarrays of shape (n,)
        The best strength (``-inf``: on no pair's line) and its pair's ends.
    """
    n, k = neighbours.shape
    first, second = np.triu_indices(k, 1)
    strength = np.full(n, -np.inf)
    best_a = np.zeros(n, dtype=np.intp)
    best_b = np.zeros(n, dtype=np.intp)
    if n == 0 or first.shape[0] == 0:
        return strength, best_a, best_b
    grids = step if isinstance(step, Grids) else Grids.of(step)
    cell_steps = grids.at(queries)
    loose = grids.written()
    width = max(queries.shape[1], 1)
    chunk = max(1, 2**17 // (first.shape[0] * width))
    for start in range(0, n, chunk):
        near = neighbours[start : start + chunk]
        ia, ib = near[:, first], near[:, second]
        x = np.broadcast_to(
            queries[start : start + chunk, None, :], (*ia.shape, queries.shape[1])
        )
        a, b = ends[ia], ends[ib]
        step = np.broadcast_to(cell_steps[start : start + chunk, None, :], x.shape)
        # Cheap screen: a rounded interpolant lies in its ends' box, give or
        # take a step; a pair must hold a training row.
        slack = np.where(np.isnan(step), 0.0, step) + 1e-6 * (np.abs(a) + np.abs(b))
        with np.errstate(invalid="ignore"):
            outside = (x < np.minimum(a, b) - slack) | (x > np.maximum(a, b) + slack)
        keep = ~outside.any(axis=2) & (in_train[ia] | in_train[ib])
        if allowed is not None:
            keep &= allowed[ia] & allowed[ib]
        rows, pairs = np.nonzero(keep)
        if rows.shape[0] == 0:
            continue
        found = rounded_strength(
            x[rows, pairs],
            a[rows, pairs],
            b[rows, pairs],
            step[rows, pairs],
            np.broadcast_to(loose, x.shape)[rows, pairs],
        )
        table = np.full(ia.shape, -np.inf)
        table[rows, pairs] = found
        pick = np.argmax(table, axis=1)
        span = np.arange(start, start + ia.shape[0])
        strength[span] = table[np.arange(ia.shape[0]), pick]
        best_a[span] = ia[np.arange(ia.shape[0]), pick]
        best_b[span] = ib[np.arange(ia.shape[0]), pick]
    return strength, best_a, best_b


def truncated(values: np.ndarray) -> np.ndarray:
    """Cast values to whole numbers as imbalanced-learn does: toward zero."""
    # rounded to 9 digits first: 2.9 / 0.1 * 0.1 may be 2.8999999999999995
    return np.trunc(np.round(values, 9))


def natural_pairs(
    strength: np.ndarray,
    a: np.ndarray,
    b: np.ndarray,
    redo: Callable[[np.ndarray, np.ndarray], tuple],
    derived: Callable[[np.ndarray], np.ndarray],
    n_ends: int,
) -> np.ndarray:
    """Strengths once every passing pair's ends are checked to be natural rows.

    A SMOTE row made after the split, in the train part, is a new end through
    which natural valid rows may pass the rounded test; a row made before it
    has natural parents. So an end that itself passes the test against the
    other ends (``derived`` tells, for end indices) may not serve, and the
    rows that used one are searched again without it (``redo`` takes the
    rows and the ends allowed; it returns their strengths and pairs). A few
    rounds settle it; ends first met in the last round are taken as natural.
    """
    allowed = np.ones(n_ends, dtype=bool)
    checked = np.zeros(n_ends, dtype=bool)
    for _ in range(3):
        passing = np.flatnonzero(strength > THRESHOLDS[0])
        used = np.unique(np.concatenate([a[passing], b[passing]]))
        new = used[~checked[used]]
        if new.shape[0] == 0:
            break
        checked[new] = True
        allowed[new[derived(new)]] = False
        again = passing[~allowed[a[passing]] | ~allowed[b[passing]]]
        if again.shape[0] == 0:
            break
        strength[again], a[again], b[again] = redo(again, allowed)
    return strength


def written_columns(grids: Grids, integer: np.ndarray) -> np.ndarray:
    """Mark the float columns written at a fixed precision (rounded to their grid).

    Whole numbers in float columns stay floats, as imbalanced-learn keeps
    them on a float array (the limit the user guide states).
    """
    return grids.written() & ~integer


def as_stored(made: object, grids: Grids, integer: np.ndarray) -> object:
    """SMOTE rows as the data stores them (dense, or a CSR matrix changed in place).

    imbalanced-learn casts its rows back to the input's dtypes: toward zero
    in the integer columns; the float columns written at a fixed precision
    are rounded to their grids; the others stay as they are.
    """
    written = written_columns(grids, integer)
    if not sparse.issparse(made):
        made[:, integer] = truncated(made[:, integer])
        return grids.rounded(made, written)
    columns = made.indices
    whole = integer[columns]
    made.data[whole] = truncated(made.data[whole])
    cells = Grids(grids.absolute[columns], grids.digits[columns]).at(made.data)
    pick = written[columns] & ~np.isnan(cells)
    made.data[pick] = np.round(made.data[pick] / cells[pick]) * cells[pick]
    made.eliminate_zeros()
    return made
