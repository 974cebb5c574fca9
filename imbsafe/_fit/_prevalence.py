"""The positive-class base rate: shifting probabilities to it, estimating it.

Bayes' rule for a prior shift maps a probability fitted at one class prior to
another (the odds scale by the ratio of the priors' odds); the EM procedure of
Saerens, Latinne and Decaestecker (2002) estimates the prior of unlabelled
rows by alternating that shift with the mean of the shifted probabilities.
"""

from __future__ import annotations

from numbers import Real
from typing import Any

import numpy as np
from sklearn.utils.validation import check_is_fitted

__all__ = ["estimate_prevalence", "model_prior", "shift_prior"]


def shift_prior(p: Any, from_prior: float, to_prior: float) -> np.ndarray:
    """Positive-class probabilities fitted at ``from_prior``, mapped to ``to_prior``.

    Bayes' rule for a prior shift: the odds are multiplied by the ratio of the
    priors' odds. The ranking of the rows is unchanged; 0 and 1 stay put.
    """
    p = np.asarray(p, dtype=np.float64)
    up = p * (to_prior / from_prior)
    down = (1 - p) * ((1 - to_prior) / (1 - from_prior))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(up + down > 0, up / (up + down), p)


def _check_rate(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real) or not 0 < value < 1:
        raise ValueError(
            f"{name} must be the positive-class base rate, a number strictly "
            f"between 0 and 1; got {value!r}."
        )
    return float(value)


def model_prior(estimator: Any) -> float | None:
    """Return the positive-class prior of a ``ResampledClassifier``'s probabilities.

    None for another estimator. Without ``prior_correction`` that is the
    resampled data's prior; with ``True``, the prior of the rows given to
    ``fit``; with a number, that number.
    """
    counts = getattr(estimator, "resampled_counts_", None)
    if counts is None or not hasattr(estimator, "original_counts_"):
        return None
    correction = estimator.prior_correction
    if not isinstance(correction, bool):
        return float(correction)
    if correction:
        counts = estimator.original_counts_
    positive = estimator.classes_[-1]
    return counts.get(positive, 0) / sum(counts.values())


def estimate_prevalence(
    estimator: Any,
    X: Any,
    *,
    train_prior: float | None = None,
    tol: float = 1e-8,
    max_iter: int = 1000,
) -> float:
    """Estimate the positive-class base rate of unlabelled rows.

    The EM procedure of Saerens, Latinne and Decaestecker (2002): starting from
    the prior the model's probabilities are calibrated to, shift them to the
    current estimate of the new prior (Bayes' rule) and take their mean as the
    next estimate, until it settles. It assumes a prior shift: the classes'
    feature distributions are the same where the model will be used, only their
    proportions differ, and the model's probabilities are calibrated at
    ``train_prior``. Pass the estimate to
    ``ResampledClassifier(prior_correction=...)`` to map probabilities to it.

    Parameters
    ----------
    estimator : fitted binary classifier with ``predict_proba``
        Its probabilities of ``classes_[1]`` are read.
    X : array-like of shape (n_samples, n_features)
        Unlabelled rows from where the model will be used.
    train_prior : float, default=None
        The positive-class rate the probabilities are calibrated to. None reads
        it from a fitted :class:`ResampledClassifier` (the resampled rate, or
        the rate its ``prior_correction`` maps to); another estimator needs it.
    tol : float, default=1e-8
        Stop when the estimate moves less than this.
    max_iter : int, default=1000
        At most this many EM steps.

    Returns
    -------
    prevalence : float
        The estimated share of ``classes_[1]`` among the rows of ``X``.

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> from imbsafe import estimate_prevalence
    >>> rng = np.random.default_rng(0)
    >>> X = np.r_[rng.normal(0, 1, (4500, 1)), rng.normal(2, 1, (500, 1))]
    >>> y = np.r_[np.zeros(4500), np.ones(500)]
    >>> model = LogisticRegression().fit(X, y)  # trained at a base rate of 0.1
    >>> new = np.r_[rng.normal(0, 1, (3500, 1)), rng.normal(2, 1, (1500, 1))]
    >>> round(estimate_prevalence(model, new, train_prior=0.1), 2)  # truly 0.3
    0.3
    """
    check_is_fitted(estimator)
    if not hasattr(estimator, "predict_proba"):
        raise ValueError(
            f"estimate_prevalence reads probabilities, but {type(estimator).__name__}"
            " has no predict_proba; use a probabilistic classifier."
        )
    classes = getattr(estimator, "classes_", None)
    if classes is None or len(classes) != 2:
        raise ValueError(
            "estimate_prevalence needs a fitted binary classifier (two classes_)."
        )
    if train_prior is None:
        train_prior = model_prior(estimator)
        if train_prior is None:
            raise ValueError(
                f"estimate_prevalence cannot read the training prior of "
                f"{type(estimator).__name__}: pass train_prior=, the positive-class "
                "rate its probabilities are calibrated to (its training data's)."
            )
    prior = _check_rate(train_prior, "train_prior")
    p = np.asarray(estimator.predict_proba(X), dtype=np.float64)[:, 1]
    if p.size == 0:
        raise ValueError("estimate_prevalence needs at least one row of X.")
    estimate = prior
    for _ in range(max_iter):
        new = float(shift_prior(p, prior, estimate).mean())
        # the EM fixed points include 0 and 1; stay strictly inside
        new = min(max(new, 1e-12), 1 - 1e-12)
        if abs(new - estimate) < tol:
            return new
        estimate = new
    return estimate
