"""The calibration metrics' computation: Brier, log loss, logistic fits.

``calibration_intercept`` and ``calibration_slope`` follow Van Calster et al.
(2016): the intercept is *a* in logit P(y = 1) = a + logit(p) (the slope fixed
at 1; 0 when calibrated in the large, negative when risk is overestimated), the
slope is *b* in logit P(y = 1) = a + b * logit(p) (1 when calibrated, below 1
when over-confident). Both are unpenalised maximum-likelihood fits, solved here
by Newton's method with step halving (the log-likelihood is concave), so they
equal any logistic regression package's fit of the same model.

These metrics need probabilities: scores outside [0, 1] make all four
undefined, as does one class for the two fits; a row whose own class has
probability exactly 0 makes the log loss infinite (undefined), and
probabilities of exactly 0 or 1 have no logit.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy.special import expit, logit

from .._utils._names import IDEAL, LOWER_IS_BETTER

__all__ = [
    "FITS",
    "calibration_values",
    "goodness",
    "part_values",
    "logistic_fit",
]

NOT_PROBABILITIES = "scores outside [0, 1] are not probabilities"
NO_LOGIT = "probabilities of exactly 0 or 1 have no logit"


def _dot(a: np.ndarray, b: np.ndarray) -> float:
    # einsum's own loop: a BLAS dot spins its threads, which on a busy
    # machine costs a thousand times the arithmetic
    return float(np.einsum("i,i->", a, b))


def goodness(name: str, value: float) -> float:
    """``value`` on a "higher is better" scale: losses negated, ideals as -distance."""
    if name in LOWER_IS_BETTER:
        return -value
    if name in IDEAL:
        return -abs(value - IDEAL[name])
    return value


FITS = ("calibration_intercept", "calibration_slope")


def calibration_values(
    y: np.ndarray, p: np.ndarray, w: np.ndarray | None = None, fits: Any = FITS
) -> tuple[dict[str, float], dict[str, str]]:
    """Return the four calibration metrics of 0/1 labels ``y``, scores ``p``, and why.

    ``w`` are row weights (frequency weights, as scikit-learn's). A metric that
    is undefined is NaN, with its reason in the second dict. ``fits`` names the
    logistic fits to make (the costly part, a few passes over the rows each);
    the others are NaN without a reason.
    """
    y = np.asarray(y, dtype=np.float64) == 1
    p = np.asarray(p, dtype=np.float64)
    if w is None:
        return part_values(p[y], p[~y], None, None, fits)
    w = np.asarray(w, dtype=np.float64)
    return part_values(p[y], p[~y], w[y], w[~y], fits)


def part_values(
    pos: np.ndarray,
    neg: np.ndarray,
    w_pos: np.ndarray | None,
    w_neg: np.ndarray | None,
    fits: Any = FITS,
) -> tuple[dict[str, float], dict[str, str]]:
    """:func:`calibration_values` of the scores of the positives and negatives.

    The report's own split of the rows: the sums below are one pass over each
    part, and the two parts are stacked only for the logistic fits.
    """
    if w_pos is not None:
        keep_pos, keep_neg = w_pos > 0, w_neg > 0
        if not (keep_pos.all() and keep_neg.all()):
            pos, neg = pos[keep_pos], neg[keep_neg]
            w_pos, w_neg = w_pos[keep_pos], w_neg[keep_neg]
    names = ("brier", "log_loss", "calibration_intercept", "calibration_slope")
    values = dict.fromkeys(names, math.nan)
    if pos.size + neg.size == 0:
        return values, dict.fromkeys(names, "no row")
    lowest = min(part.min() for part in (pos, neg) if part.size)
    highest = max(part.max() for part in (pos, neg) if part.size)
    if lowest < 0 or highest > 1:
        return values, dict.fromkeys(names, NOT_PROBABILITIES)
    reasons: dict[str, str] = {}

    # without weights, plain sums: the costly part of a report on a million
    # rows is passes over them, so each sum below is one pass
    def total_of(a: np.ndarray, w: np.ndarray | None) -> float:
        return float(a.sum()) if w is None else _dot(w, a)

    miss_pos, miss_neg = 1 - pos, neg  # each row's distance to its own class
    if w_pos is None:
        positives, total = float(pos.size), float(pos.size + neg.size)
    else:
        positives = float(w_pos.sum())
        total = positives + float(w_neg.sum())
    values["brier"] = (
        total_of(np.square(miss_pos), w_pos) + total_of(np.square(miss_neg), w_neg)
    ) / total
    own_pos, own_neg = pos, 1 - neg
    if not (own_pos.all() and own_neg.all()):
        reasons["log_loss"] = "a row's own class has probability 0 (infinite loss)"
    else:
        values["log_loss"] = (
            -(total_of(np.log(own_pos), w_pos) + total_of(np.log(own_neg), w_neg))
            / total
        )
    if positives == 0 or positives == total:
        why = "one class in y_true"
    elif lowest == 0 or highest == 1:
        why = NO_LOGIT
    else:
        why = ""
    if why:
        reasons.update(dict.fromkeys(fits, why))
        return values, reasons
    if not fits:
        return values, reasons
    y = np.r_[np.ones(pos.size), np.zeros(neg.size)]
    p = np.r_[pos, neg]
    w = np.ones(p.size) if w_pos is None else np.r_[w_pos, w_neg]
    x = logit(p)
    if "calibration_intercept" in fits:
        intercept, _ = logistic_fit(y, x, w, slope=False)
        values["calibration_intercept"] = intercept
    if "calibration_slope" not in fits:
        pass
    elif x.min() == x.max():
        reasons["calibration_slope"] = "all probabilities are equal: no slope"
    elif _separated(y, x):
        reasons["calibration_slope"] = (
            "logit(p) separates the classes: the slope has no finite fit"
        )
    else:
        _, slope = logistic_fit(y, x, w, slope=True)
        values["calibration_slope"] = slope
    for name in fits:
        if name not in reasons and math.isnan(values[name]):
            reasons[name] = "the logistic fit did not converge"
    return values, reasons


def _separated(y: np.ndarray, x: np.ndarray) -> bool:
    """Whether one cut of ``x`` puts the classes apart (no finite 1-d logistic fit).

    A finite maximum-likelihood fit of a + b * x exists exactly when the
    classes overlap on both sides: neither lies wholly at or above the other.
    """
    pos, neg = x[y == 1], x[y == 0]
    return bool(neg.max() <= pos.min() or pos.max() <= neg.min())


def logistic_fit(
    y: np.ndarray, x: np.ndarray, w: np.ndarray, *, slope: bool
) -> tuple[float, float]:
    """Maximum likelihood of logit P(y = 1) = a + b * x, unpenalised.

    With ``slope=False`` b is fixed at 1 (``x`` is an offset) and only a is
    fitted. Newton's method with step halving on the concave log-likelihood,
    from the intercept that matches the mean (one or two vectorised passes per
    step: the sums of the gradient and Hessian are taken directly); NaN where
    it does not converge (the caller has ruled out the cases where no finite
    fit exists).
    """
    total = float(w.sum())
    mean_y = _dot(w, y) / total
    mean_p = _dot(w, expit(x)) / total
    a, b = float(logit(mean_y) - logit(mean_p)), 1.0

    def loglik(a: float, b: float) -> float:
        z = a + b * x if slope else a + x
        return _dot(w, y * z - np.logaddexp(0.0, z))

    current = loglik(a, b)
    for _ in range(100):
        mu = expit(a + b * x if slope else a + x)
        r = w * (y - mu)
        v = w * mu * (1 - mu)
        if slope:
            vx = v * x
            g = np.array([r.sum(), _dot(r, x)])
            h = np.array([[v.sum(), vx.sum()], [vx.sum(), _dot(vx, x)]])
            try:
                step = np.linalg.solve(h, g)
            except np.linalg.LinAlgError:
                return math.nan, math.nan
        else:
            step = np.array([r.sum() / v.sum(), 0.0])
        scale = 1.0
        decrement = float(g @ step) if slope else float(r.sum() * step[0])
        if decrement < 1e-8 * total:
            # near the optimum Newton converges quadratically: a full step,
            # without the pass the line search costs
            trial, value = (a + step[0], b + step[1]), current
        else:
            while True:
                trial = (a + scale * step[0], b + scale * step[1])
                value = loglik(*trial)
                if value >= current - 1e-12 * abs(current) or scale < 1e-10:
                    break
                scale /= 2
        (a, b), current = trial, value
        if max(abs(scale * step[0]), abs(scale * step[1])) <= 1e-12 * (
            1 + max(abs(a), abs(b))
        ):
            break
    else:
        return math.nan, math.nan
    if not (math.isfinite(a) and math.isfinite(b)):
        return math.nan, math.nan
    return a, (b if slope else 1.0)
