"""Each column's grid, read from its values: the tolerance of the rounded line test.

Values are often written at a fixed precision: whole numbers (an integer
dtype, to which imbalanced-learn casts SMOTE's output back), a fixed number
of decimals (``float_format="%.4f"``, a DECIMAL column), or a fixed number of
significant digits (``%g``, R and spreadsheet exports). A SMOTE row written
that way lies within one grid step of its parents' line, not on it, so the
rounded line test (:mod:`._rounding`) needs each cell's step:

* an absolute step ``10**-k`` where the column's values have ``k`` decimals;
* a relative step ``10**(e + 1 - p)`` for a value of magnitude ``10**e``
  where they have ``p`` significant digits;
* none for full-precision floats (their SMOTE rows are the exact test's).

A column of whole numbers steps by 1, whatever its digits (10, 20, 30 have
one significant digit; the step stays 1). Elsewhere a cell's step is the
larger of the two: written with ``%.6g``, a column whose values all lie above
10 has 4 decimals on its smallest values and 1 on those above 10,000, whose
step is 0.1; written with ``%.4f``, nearly every value (the share the digits
are read at) needs no more digits than the column's, and steps by 1e-4.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Significant digits read at most: float64 holds 15 to 17, so a column
# written with more is read as full precision.
MAX_DIGITS = 12


def on_digits(values: np.ndarray, digits: int) -> np.ndarray:
    """Mark the values written with at most ``digits`` significant digits."""
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = 10.0 ** (digits - 1 - np.floor(np.log10(np.abs(values))))
        scaled = values * scale
    ok = np.abs(scaled - np.round(scaled)) <= 1e-6 + 1e-15 * np.abs(scaled)
    return ok | (values == 0)


def significant_digits(values: np.ndarray, share: float) -> int:
    """Fewest significant digits holding ``share`` of the (nonzero) values; 0: none."""
    values = values[np.isfinite(values) & (values != 0)]
    if values.shape[0] == 0 or on_digits(values, MAX_DIGITS).mean() < share:
        return 0
    return next(
        p for p in range(1, MAX_DIGITS + 1) if on_digits(values, p).mean() >= share
    )


@dataclass(frozen=True)
class Grids:
    """The grids of ``d`` columns: absolute steps (NaN: none), digits (0: none)."""

    absolute: np.ndarray
    digits: np.ndarray

    @classmethod
    def of(cls, steps: np.ndarray) -> Grids:
        """Grids from absolute steps alone (NaN where a column has no grid)."""
        steps = np.asarray(steps, dtype=float)
        return cls(steps, np.zeros(steps.shape[-1], dtype=int))

    def any(self) -> bool:
        """Whether any column has a grid."""
        return bool((~np.isnan(self.absolute)).any() or (self.digits > 0).any())

    def has(self) -> np.ndarray:
        """Mark the columns with a grid."""
        return ~np.isnan(self.absolute) | (self.digits > 0)

    def written(self) -> np.ndarray:
        """Mark the columns on a grid finer than whole numbers (decimals, digits).

        Such values were written at a fixed precision, from floats that had
        more: a SMOTE row's parents were rounded too when the table was
        written (:func:`._rounding.rounded_strength`).
        """
        return self.has() & ~(self.absolute >= 1)

    def take(self, columns: np.ndarray) -> Grids:
        """Return the grids of ``columns``."""
        return Grids(self.absolute[columns], self.digits[columns])

    def at(self, values: np.ndarray) -> np.ndarray:
        """Each cell's step (shape of ``values``, last axis the columns); NaN: none."""
        if not (self.digits > 0).any():
            return np.broadcast_to(self.absolute, values.shape)
        with np.errstate(divide="ignore", invalid="ignore"):
            magnitude = np.floor(np.log10(np.abs(values)))
            relative = 10.0 ** (magnitude + 1 - self.digits)
        # a column of whole numbers steps by 1, whatever its digits
        relative = np.where(
            (self.digits > 0)
            & np.isfinite(relative)
            & (values != 0)
            & ~(self.absolute >= 1),
            relative,
            np.nan,
        )
        return np.fmax(relative, self.absolute)

    def rounded(self, values: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """``values`` with the cells of ``columns`` (a mask) rounded to their grid."""
        out = values.copy()
        step = self.at(values)
        pick = columns & ~np.isnan(step)
        out[pick] = np.round(values[pick] / step[pick]) * step[pick]
        return out
