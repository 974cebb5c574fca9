"""ResampledClassifier: resample in fit, never in predict."""

from __future__ import annotations

from numbers import Real
from typing import Any

import numpy as np
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    MetaEstimatorMixin,
    _fit_context,
    is_classifier,
)
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import (
    _check_feature_names,
    check_consistent_length,
    check_is_fitted,
    validate_data,
)

from .._resample._sample_weight import row_weights
from .._resample._sampling import check_target, class_counts, is_passthrough
from .._utils._meta import estimator_has, inner_tags
from ._boosting import EVAL_FRACTION
from ._plan import FitPlan

__all__ = ["ResampledClassifier"]


class ResampledClassifier(ClassifierMixin, MetaEstimatorMixin, BaseEstimator):
    """Classifier that resamples its training data in ``fit`` and nowhere else.

    ``fit`` fits a clone of ``sampler`` on the data it is given, then a clone of
    ``estimator`` on the sampler's output. ``predict``, ``predict_proba``,
    ``decision_function`` and ``score`` pass X to the fitted estimator as it is,
    so in cross-validation, grid search or a ``Pipeline`` only training rows are
    ever resampled and every score is measured on the original distribution.
    Works with any imbalanced-learn sampler, including those that synthesize
    rows (SMOTE, ADASYN).

    Parameters
    ----------
    estimator : classifier
        The classifier to fit on the resampled data. It is cloned.
    sampler : imbalanced-learn sampler, None or "passthrough"
        An object with ``fit_resample``. It is cloned. ``None`` or
        ``"passthrough"`` fits the estimator on the data as given, which lets a
        grid search compare resampling against none (a model that early-stops
        on an evaluation set gets its untouched ``eval_fraction`` all the
        same).
    prior_correction : bool or float, default=False
        If True, ``predict_proba`` maps the estimator's probabilities from the
        class priors of the resampled data back to the priors of the data given
        to ``fit`` (Bayes' rule for a prior shift): probabilities are calibrated
        to the real base rate, rows still sum to one and the ranking of rows by
        any class's probability is unchanged. ``predict`` takes the arg-max of
        the corrected probabilities and ``decision_function`` returns their
        log-odds (binary) or logarithms (multiclass), so all three agree. To keep
        a decision rule shifted by resampling instead, wrap this classifier in
        :class:`sklearn.model_selection.FixedThresholdClassifier` or
        :class:`sklearn.model_selection.TunedThresholdClassifierCV`. Needs an
        estimator with ``predict_proba``. A number in (0, 1) (binary targets
        only) maps the probabilities to that positive-class (``classes_[1]``)
        base rate instead: the rate where the model will be used, known or
        estimated from unlabelled rows with :func:`estimate_prevalence`.
    eval_fraction : float, default=0.1
        For an XGBoost, LightGBM or CatBoost model that early-stops on an
        evaluation set: the share of the rows given to ``fit`` that is split
        off first (stratified, untouched, at the data's own class balance) and
        handed to the model as its ``eval_set``; only the rest is resampled.
        CatBoost's own ``eval_fraction``, where set, is read instead. An
        ``eval_set`` passed to ``fit`` goes to the model untouched (with a
        warning: in cross-validation the same rows would serve every fold).
        Histogram gradient boosting keeps its own ``validation_fraction``.

    Attributes
    ----------
    estimator_ : classifier
        The estimator fitted on the resampled data.
    sampler_ : sampler or None
        The fitted clone of ``sampler`` (None when no resampling is done).
    classes_ : ndarray of shape (n_classes,)
        Class labels.
    n_features_in_ : int
        Number of features seen during ``fit``.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of the features seen during ``fit``; only set when X has string
        column names.
    original_counts_ : dict
        Class -> number of rows given to ``fit``.
    resampled_counts_ : dict
        Class -> number of rows after resampling.

    See Also
    --------
    ResampledCV : The same guarantee as a splitter, for index samplers.
    compare_resampling : Measure how much resample-then-split inflates scores.

    Notes
    -----
    ``sample_weight`` passed to ``fit`` follows the rows: a row the sampler
    returns unchanged keeps its weight (traced through ``sample_indices_`` for
    samplers that select rows); a row the sampler creates, such as a SMOTE
    interpolation or a cluster centroid, gets the mean weight of the input rows
    of its class. With ``prior_correction=True`` the priors are weighted by
    ``sample_weight`` on both sides. For a ``Pipeline`` estimator,
    ``sample_weight`` goes to its last step, and every ``step__sample_weight``
    follows the rows the same way (into an early-stopping validation part
    too).

    Examples
    --------
    >>> from imblearn.over_sampling import SMOTE
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.model_selection import cross_val_score
    >>> from imbsafe import ResampledClassifier
    >>> X, y = make_classification(n_samples=300, weights=[0.9], random_state=0)
    >>> clf = ResampledClassifier(LogisticRegression(), SMOTE(random_state=0))
    >>> clf.fit(X, y).resampled_counts_
    {0: 269, 1: 269}
    >>> cross_val_score(clf, X, y, cv=3, scoring="average_precision").shape
    (3,)
    """

    _parameter_constraints: dict = {
        # predict is checked in fit: a StackingClassifier has it only once its
        # default final_estimator is made there
        "estimator": [HasMethods(["fit"])],
        "sampler": [HasMethods(["fit_resample"]), StrOptions({"passthrough"}), None],
        "prior_correction": ["boolean", Interval(Real, 0, 1, closed="neither")],
        "eval_fraction": [Interval(Real, 0, 1, closed="neither")],
    }

    def __init__(
        self,
        estimator: Any,
        sampler: Any,
        *,
        prior_correction: bool | float = False,
        eval_fraction: float = EVAL_FRACTION,
    ) -> None:
        self.estimator = estimator
        self.sampler = sampler
        self.prior_correction = prior_correction
        self.eval_fraction = eval_fraction

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(
        self, X: Any, y: Any, sample_weight: Any = None, **fit_params: Any
    ) -> ResampledClassifier:
        """Resample (X, y) with a clone of the sampler, then fit the estimator.

        Parameters
        ----------
        X : array-like, DataFrame or sparse matrix of shape (n_samples, n_features)
            Training data. Not modified.
        y : array-like of shape (n_samples,)
            Class labels.
        sample_weight : array-like of shape (n_samples,), default=None
            Per-row weights; they follow the rows through resampling (see
            Notes) and are passed to the estimator's ``fit`` (a pipeline's last
            step).
        **fit_params : dict
            Other parameters for the estimator's ``fit``; a pipeline's
            ``step__sample_weight`` follows the rows as ``sample_weight`` does.

        Returns
        -------
        self : ResampledClassifier
        """
        if not (hasattr(self.estimator, "predict") or is_classifier(self.estimator)):
            raise ValueError(
                f"estimator {type(self.estimator).__name__} has no predict and is not "
                "a classifier: give ResampledClassifier a classifier."
            )
        validate_data(self, X, skip_check_array=True)
        y = check_target(y, owner=type(self).__name__)
        check_consistent_length(X, y)
        if self.prior_correction and not hasattr(self.estimator, "predict_proba"):
            raise ValueError(
                "prior_correction=True corrects predict_proba, but "
                f"{self.estimator!r} has no predict_proba. Use an estimator with "
                "predict_proba or set prior_correction=False."
            )
        if not isinstance(self.prior_correction, bool) and len(np.unique(y)) != 2:
            raise ValueError(
                f"prior_correction={self.prior_correction!r} is a positive-class "
                f"base rate, for binary targets; y has {len(np.unique(y))} classes. "
                "Use prior_correction=True to map to the training priors."
            )
        weights, key = row_weights(self.estimator, X, sample_weight, fit_params)
        sample_weight = weights.get(key)  # the learning step's: priors, X_val

        plan = FitPlan.make(
            self.estimator, self.sampler, X, y, fit_params, self.eval_fraction
        )
        fitted = plan.execute(X, y, weights, key, fit_params)
        self.sampler_, self.estimator_ = fitted.sampler, fitted.estimator
        fitted.score_out_of_bag(X, y)
        self._finish(y, sample_weight, fitted.y, fitted.weight)
        return self

    def _finish(
        self,
        y: np.ndarray,
        sample_weight: np.ndarray | None,
        y_res: np.ndarray,
        weight_res: np.ndarray | None,
    ) -> None:
        self.classes_ = getattr(self.estimator_, "classes_", np.unique(y))
        self.original_counts_ = class_counts(y)
        self.resampled_counts_ = class_counts(y_res)
        self._prior_ratio = self._prior_shift(y, sample_weight, y_res, weight_res)

    def _prior_shift(
        self,
        y: np.ndarray,
        weight: np.ndarray | None,
        y_res: np.ndarray,
        weight_res: np.ndarray | None,
    ) -> np.ndarray:
        """Per class in ``classes_``: the prior mapped to / the prior after."""
        before = class_counts(y, weight)
        if not isinstance(self.prior_correction, bool):
            rate = float(self.prior_correction)
            before = dict(zip(self.classes_.tolist(), (1 - rate, rate), strict=True))
        after = class_counts(y_res, weight_res)
        total_before, total_after = sum(before.values()), sum(after.values())
        ratio = np.empty(len(self.classes_))
        for i, klass in enumerate(self.classes_.tolist()):
            p_after = after.get(klass, 0) / total_after
            p_before = before.get(klass, 0) / total_before
            ratio[i] = p_before / p_after if p_after > 0 else 0.0
        return ratio

    @available_if(estimator_has("predict_proba"))
    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities of X, never resampled.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
            Columns in the order of ``classes_``; corrected to the training
            priors when ``prior_correction=True``, to the given positive-class
            rate when it is a number.
        """
        check_is_fitted(self)
        self._check_columns(X)
        proba = self.estimator_.predict_proba(X)
        if not self.prior_correction:
            return proba
        shifted = proba * self._prior_ratio
        total = shifted.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total > 0, shifted / total, proba)

    @available_if(estimator_has("predict_proba"))
    def predict_log_proba(self, X: Any) -> np.ndarray:
        """Logarithm of :meth:`predict_proba`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        log_proba : ndarray of shape (n_samples, n_classes)
        """
        check_is_fitted(self)
        self._check_columns(X)
        if not self.prior_correction and hasattr(self.estimator_, "predict_log_proba"):
            return self.estimator_.predict_log_proba(X)
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X: Any) -> np.ndarray:
        """Predict class labels of X, never resampled.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        check_is_fitted(self)
        self._check_columns(X)
        if not self.prior_correction:
            # CatBoost gives a multiclass model's labels as a column
            return _flat(np.asarray(self.estimator_.predict(X)))
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    @available_if(estimator_has("decision_function"))
    def decision_function(self, X: Any) -> np.ndarray:
        """Decision scores of X, never resampled.

        With ``prior_correction=True`` these are the log-odds of the corrected
        probabilities (binary) or their logarithms (multiclass), consistent with
        :meth:`predict` and :meth:`predict_proba`.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        scores : ndarray of shape (n_samples,) or (n_samples, n_classes)
        """
        check_is_fitted(self)
        self._check_columns(X)
        if not self.prior_correction:
            return self.estimator_.decision_function(X)
        tiny = np.finfo(np.float64).tiny
        log_proba = np.log(np.clip(self.predict_proba(X), tiny, None))
        if log_proba.shape[1] == 2:
            return log_proba[:, 1] - log_proba[:, 0]
        return log_proba

    def _check_columns(self, X: Any) -> None:
        """Refuse X whose columns differ from those seen in fit, as sklearn does.

        Some models (LightGBM) would read renamed or reordered columns by
        position and silently predict something else.
        """
        # the names only: the count is the estimator's to check, with its
        # own words for 1-D or empty X
        _check_feature_names(self, X, reset=False)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        inner = [self.estimator]
        if not is_passthrough(self.sampler):
            inner.append(self.sampler)
        return inner_tags(tags, inner)


def _flat(labels: np.ndarray) -> np.ndarray:
    """Labels of shape (n_samples,), from a column of shape (n_samples, 1) too."""
    if labels.ndim == 2 and labels.shape[1] == 1:
        return labels[:, 0]
    return labels
