"""The metrics of probabilities, one at a time: Brier, log loss, calibration.

Each reads labels and scores as :func:`~imbsafe.metrics.binary_report` does
and computes its value with :mod:`._calibration`, under the one policy.
"""

from __future__ import annotations

import math
from typing import Any

from ._binary import class_scores
from ._calibration import FITS, part_values
from ._policy import check_undefined, policy_value

__all__ = ["brier", "calibration_intercept", "calibration_slope", "log_loss"]


def _one(
    name: str,
    y_true: Any,
    y_prob: Any,
    pos_label: Any,
    undefined: Any,
    sample_weight: Any,
) -> float:
    check_undefined(undefined)
    # the fit behind one calibration metric only: the other is not read
    fits = (name,) if name in FITS else ()
    values, reasons = part_values(
        *class_scores(y_true, y_prob, pos_label, sample_weight), fits=fits
    )
    return float(policy_value(name, values[name], reasons.get(name, ""), undefined))


def brier(
    y_true: Any,
    y_prob: Any,
    *,
    pos_label: Any = 1,
    undefined: float | str = math.nan,
    sample_weight: Any = None,
) -> float:
    """Brier score: the mean squared difference of probability and outcome.

    Lower is better. Equals :func:`sklearn.metrics.brier_score_loss` where the
    scores are probabilities; scores outside [0, 1] make it undefined (NaN
    with an ``UndefinedMetricWarning``, see :mod:`imbsafe.metrics`).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
    y_prob : array-like of shape (n_samples,)
        Probabilities of the positive class.
    pos_label : int, str, default=1
    undefined : float or "raise", default=nan
    sample_weight : array-like of shape (n_samples,), default=None

    Returns
    -------
    score : float

    Examples
    --------
    >>> from imbsafe.metrics import brier
    >>> round(brier([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 4)
    0.1581
    """
    return _one("brier", y_true, y_prob, pos_label, undefined, sample_weight)


def log_loss(
    y_true: Any,
    y_prob: Any,
    *,
    pos_label: Any = 1,
    undefined: float | str = math.nan,
    sample_weight: Any = None,
) -> float:
    """Log loss: the mean negative log-probability of each row's own class.

    Lower is better. Equals :func:`sklearn.metrics.log_loss` where every row's
    own class has a probability above 0; where one has 0 the loss is infinite,
    so undefined (scikit-learn clips it to an arbitrary large number).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
    y_prob : array-like of shape (n_samples,)
        Probabilities of the positive class.
    pos_label : int, str, default=1
    undefined : float or "raise", default=nan
    sample_weight : array-like of shape (n_samples,), default=None

    Returns
    -------
    score : float

    Examples
    --------
    >>> from imbsafe.metrics import log_loss
    >>> round(log_loss([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 4)
    0.4723
    """
    return _one("log_loss", y_true, y_prob, pos_label, undefined, sample_weight)


def calibration_intercept(
    y_true: Any,
    y_prob: Any,
    *,
    pos_label: Any = 1,
    undefined: float | str = math.nan,
    sample_weight: Any = None,
) -> float:
    """Calibration in the large: a in logit P(y = 1) = a + logit(p).

    0 when the mean risk is right, negative when risk is overestimated
    (Van Calster et al. 2016). Undefined with one class, or probabilities of
    exactly 0 or 1.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
    y_prob : array-like of shape (n_samples,)
        Probabilities of the positive class.
    pos_label : int, str, default=1
    undefined : float or "raise", default=nan
    sample_weight : array-like of shape (n_samples,), default=None

    Returns
    -------
    intercept : float

    Examples
    --------
    >>> from imbsafe.metrics import calibration_intercept
    >>> y = [0] * 8 + [1] * 2
    >>> p = [0.1, 0.2, 0.3, 0.1, 0.2, 0.3, 0.6, 0.2, 0.5, 0.7]
    >>> round(calibration_intercept(y, p), 3)  # negative: risk overestimated
    -0.76
    """
    return _one(
        "calibration_intercept", y_true, y_prob, pos_label, undefined, sample_weight
    )


def calibration_slope(
    y_true: Any,
    y_prob: Any,
    *,
    pos_label: Any = 1,
    undefined: float | str = math.nan,
    sample_weight: Any = None,
) -> float:
    """Calibration slope: b in logit P(y = 1) = a + b * logit(p).

    1 when calibrated, below 1 when the probabilities are too extreme
    (over-confident), above 1 when too timid (Van Calster et al. 2016).
    Undefined with one class, probabilities of exactly 0 or 1, or when
    logit(p) separates the classes (no finite fit).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
    y_prob : array-like of shape (n_samples,)
        Probabilities of the positive class.
    pos_label : int, str, default=1
    undefined : float or "raise", default=nan
    sample_weight : array-like of shape (n_samples,), default=None

    Returns
    -------
    slope : float

    Examples
    --------
    >>> from imbsafe.metrics import calibration_slope
    >>> y = [0, 0, 1, 0, 1, 1]
    >>> round(calibration_slope(y, [0.2, 0.3, 0.4, 0.6, 0.7, 0.8]), 3)
    1.742
    """
    return _one(
        "calibration_slope", y_true, y_prob, pos_label, undefined, sample_weight
    )
