"""The line test both interpolant searches share: geometry and grids.

A row counts as an interpolant when it lies on the line through two nearby
rows of its class, one of them a training row, and differs from both where
its values count as evidence (see :mod:`._interpolants` for why, and
:mod:`._sparse_lines` for sparse matrices).
"""

from __future__ import annotations

import numpy as np

# Neighbours of each searched row among which two collinear ones are sought.
N_NEIGHBORS = 15
# Relative tolerance of "on the line": float32 rounding of a SMOTE row.
RTOL = 1e-6
# A column is on a decimal grid when this share of its values are; one
# off-grid value is evidence enough where the grid holds the larger share.
GRID_SHARE = 0.5
STRICT_GRID_SHARE = 0.9
MAX_DECIMALS = 8
# Values read to find a column's grid (a seeded sample above that).
GRID_SAMPLE = 10_000
# A column is read as rounded to its grid (for the rounded line test) when
# this share of its nonzero values are on it: SMOTE output cast back to an
# integer dtype is on it to the last value.
ROUNDED_GRID_SHARE = 0.999
# Nonzero values a column needs for the rounded test to read a grid there: a
# few full-precision floats fall on the 1e-8 grid by chance.
ROUNDED_GRID_VALUES = 10


def on_grid(values: np.ndarray, step: float) -> np.ndarray:
    """Mark the values that are whole multiples of ``step`` (within rounding)."""
    scaled = values / step
    return np.abs(scaled - np.round(scaled)) <= 1e-6 + 1e-12 * np.abs(scaled)


def grid(values: np.ndarray) -> tuple[float | None, float]:
    """Find a column's decimal grid and the share of its values on it.

    Pass the column's nonzero finite values: 0 lies on every grid, so a
    zero-heavy column of full-precision floats would otherwise look gridded
    (and each of its values off the grid). The grid is the coarsest one that
    holds every value the finest grid (10**-8) holds, give or take 0.1 % (a
    column of rates on a 0.01 grid that are mostly 0 or 1 is on the 0.01
    grid, not the whole numbers). None when less than half the values are on
    any grid (full-precision floats), or when there are no values.
    """
    if values.shape[0] == 0:
        return None, 0.0
    shares = [
        float(on_grid(values, 10.0**-decimals).mean())
        for decimals in range(MAX_DECIMALS + 1)
    ]
    if shares[-1] < GRID_SHARE:
        return None, 0.0
    decimals = next(k for k, share in enumerate(shares) if share >= shares[-1] - 1e-3)
    return 10.0**-decimals, shares[decimals]


def on_line(
    rows: np.ndarray,
    cells: np.ndarray,
    ends: np.ndarray,
    in_train: np.ndarray,
    neighbours: np.ndarray,
) -> np.ndarray:
    """Mark the rows lying on the line through two of their neighbours.

    A row passes when, for some pair (a, b) of its neighbours with at least
    one training row, every coordinate equals a + t (b - a) for one t (within
    float32 rounding), and the row differs from both a and b in at least two
    coordinates whose values count as evidence (graded by either search), or
    in one whose value is off the grid of a column that is otherwise on it,
    with 0 < t < 1.
    """
    row, _, _, _ = line_pairs(rows, cells, ends, in_train, neighbours)
    result = np.zeros(rows.shape[0], dtype=bool)
    result[row] = True
    return result


def line_pairs(
    rows: np.ndarray,
    cells: np.ndarray,
    ends: np.ndarray,
    in_train: np.ndarray,
    neighbours: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Every passing (row, a, b, t) of :func:`on_line`: a and b index ``ends``."""
    n, d = rows.shape
    k = neighbours.shape[1]
    found: list[tuple] = []
    chunk = max(1, 2_000_000 // (k * k * d))
    for start in range(0, n, chunk):
        stop = min(start + chunk, n)
        near = neighbours[start:stop]
        v = rows[start:stop]
        # Cheap screen: directions from the row to two collinear neighbours
        # are parallel. The exact test below decides.
        # NaN is unknown: it adds nothing to the screen or the fit
        direction = np.nan_to_num(ends[near] - v[:, None, :], nan=0.0)
        length = np.sqrt(np.einsum("mkd,mkd->mk", direction, direction))
        direction /= np.where(length > 0, length, 1.0)[..., None]
        cosine = np.abs(np.einsum("mid,mjd->mij", direction, direction))
        row, i, j = np.nonzero(np.triu(cosine > 1 - 1e-3, 1))
        keep = in_train[near[row, i]] | in_train[near[row, j]]
        row, i, j = row[keep], i[keep], j[keep]
        a, b, x = ends[near[row, i]], ends[near[row, j]], v[row]
        t = fraction(x, a, b)
        fits = fits_line(x, a, b, t)
        tol = RTOL * (np.abs(a) + np.abs(b)) + 1e-300
        apart = (np.abs(x - a) > tol) & (np.abs(x - b) > tol)
        grade = np.where(apart, cells[start:stop][row], 0)
        between = (t > 0) & (t < 1)
        evidence = ((grade >= 1).sum(axis=1) >= 2) | (
            (grade == 3).any(axis=1) & between
        )
        hit = fits & evidence
        found.append(
            (start + row[hit], near[row[hit], i[hit]], near[row[hit], j[hit]], t[hit])
        )
    if not found:
        return tuple(np.zeros(0, dtype=int) for _ in range(3)) + (np.zeros(0),)
    return tuple(np.concatenate(parts) for parts in zip(*found, strict=True))


def fraction(x: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Return the t of x's projection on the line a + t (b - a), row by row.

    Coordinates where any of the three is NaN (unknown) are left out.
    """
    step = np.nan_to_num(b - a, nan=0.0)
    offset = np.nan_to_num(x - a, nan=0.0)
    step = np.where(np.isnan(offset) | np.isnan(x - a), 0.0, step)
    norm = np.einsum("pd,pd->p", step, step)
    return np.einsum("pd,pd->p", offset, step) / np.where(norm > 0, norm, 1.0)


def fits_line(x: np.ndarray, a: np.ndarray, b: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Whether x equals a + t (b - a) in every known coordinate (a != b).

    A coordinate where x, a or b is NaN is unknown: it neither fits nor fails.
    """
    tol = RTOL * (np.abs(a) + np.abs(b)) + 1e-300
    known = ~(np.isnan(x) | np.isnan(a) | np.isnan(b))
    differs = (known & (a != b)).any(axis=1)
    with np.errstate(invalid="ignore"):
        close = np.abs(x - a - t[:, None] * (b - a)) <= tol
    return (close | ~known).all(axis=1) & differs
