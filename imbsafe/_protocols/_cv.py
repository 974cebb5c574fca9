"""ResampledCV: a splitter whose training folds are resampled, test folds not."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
from sklearn.model_selection import check_cv
from sklearn.utils import _safe_indexing
from sklearn.utils._param_validation import (
    HasMethods,
    StrOptions,
    validate_parameter_constraints,
)
from sklearn.utils.validation import check_consistent_length

from .._resample._sampling import (
    check_indexable_sampler,
    check_target,
    is_passthrough,
    pick_rows,
)

__all__ = ["ResampledCV"]


class ResampledCV:
    """Cross-validation splitter that resamples training folds only.

    Each split of the inner splitter ``cv`` is passed through unchanged on the
    test side. On the training side a clone of ``sampler`` is fitted on the
    training fold alone, and the training indices become
    ``train[sampler_.sample_indices_]``: repeated indices for over-sampling,
    fewer for under-sampling, in the sampler's own order. An estimator trained
    on these indices sees exactly the rows that an imbalanced-learn
    ``Pipeline`` would give it, while every test fold keeps the original class
    distribution.

    Samplers whose selection depends on y alone (``RandomOverSampler`` without
    shrinkage, ``RandomUnderSampler``) are fitted without copying the training
    rows of X.

    Parameters
    ----------
    sampler : imbalanced-learn sampler, None or "passthrough"
        A sampler that selects rows (it sets ``sample_indices_``), such as
        ``RandomOverSampler``, ``RandomUnderSampler``, ``NearMiss`` or
        ``TomekLinks``. It is cloned for every fold. ``None`` or
        ``"passthrough"`` leaves the training folds as they are. Samplers that
        synthesize rows (SMOTE, ADASYN, ...) cannot be expressed as indices: use
        :class:`ResampledClassifier` for them.
    cv : int, cross-validation generator or iterable, default=5
        The inner splitter, as in :func:`sklearn.model_selection.check_cv`: an
        int gives ``StratifiedKFold(cv)`` for classification targets.

    See Also
    --------
    ResampledClassifier : Resamples inside ``fit``; works with any sampler.
    compare_resampling : Naive against split-first protocol, side by side.

    Examples
    --------
    >>> from imblearn.over_sampling import RandomOverSampler
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.model_selection import cross_val_score
    >>> from imbsafe import ResampledCV
    >>> X, y = make_classification(n_samples=300, weights=[0.9], random_state=0)
    >>> cv = ResampledCV(RandomOverSampler(random_state=0), cv=3)
    >>> train, test = next(cv.split(X, y))
    >>> len(test), len(train) > len(set(train))
    (100, True)
    >>> scores = cross_val_score(LogisticRegression(), X, y, cv=cv, scoring="f1")
    >>> scores.shape
    (3,)
    """

    def __init__(self, sampler: Any, cv: Any = 5) -> None:
        self.sampler = sampler
        self.cv = cv

    def split(
        self, X: Any, y: Any = None, groups: Any = None
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Generate (resampled train indices, untouched test indices) pairs.

        Parameters
        ----------
        X : array-like or sparse matrix of shape (n_samples, n_features)
            Training data. Samplers that select on y alone never read it.
        y : array-like of shape (n_samples,)
            Class labels; required.
        groups : array-like of shape (n_samples,), default=None
            Group labels, passed to the inner splitter.

        Yields
        ------
        train : ndarray
            Indices of the resampled training fold (may repeat).
        test : ndarray
            Indices of the test fold, exactly as the inner splitter made it.
        """
        self._check_sampler()
        y = check_target(y, owner=type(self).__name__)
        check_consistent_length(X, y, groups)
        cv = check_cv(self.cv, y, classifier=True)
        if is_passthrough(self.sampler):
            yield from cv.split(X, y, groups)
            return
        check_indexable_sampler(self.sampler)  # before any fold is fitted
        n_splits = cv.get_n_splits(X, y, groups)
        for fold, (train, test) in enumerate(cv.split(X, y, groups), start=1):
            rows = pick_rows(
                self.sampler,
                y[train],
                features=lambda train=train: _safe_indexing(X, train),
                where=f"training fold {fold} of {n_splits}",
            )
            yield train[rows], test

    def get_n_splits(self, X: Any = None, y: Any = None, groups: Any = None) -> int:
        """Return the number of splits of the inner splitter.

        Parameters
        ----------
        X, y, groups : object
            Passed to the inner splitter's ``get_n_splits``.

        Returns
        -------
        n_splits : int
        """
        return check_cv(self.cv, y, classifier=True).get_n_splits(X, y, groups)

    def _check_sampler(self) -> None:
        validate_parameter_constraints(
            {
                "sampler": [
                    HasMethods(["fit_resample"]),
                    StrOptions({"passthrough"}),
                    None,
                ]
            },
            {"sampler": self.sampler},
            caller_name="ResampledCV",
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}(sampler={self.sampler!r}, cv={self.cv!r})"
