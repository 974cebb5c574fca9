"""ResampledClassifier: resample in fit, never in predict."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    MetaEstimatorMixin,
    _fit_context,
    clone,
    is_classifier,
)
from sklearn.pipeline import Pipeline
from sklearn.utils._param_validation import HasMethods, StrOptions
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import (
    check_consistent_length,
    check_is_fitted,
    has_fit_parameter,
    validate_data,
)

from ._meta import estimator_has, inner_tags
from ._own_validation import (
    Validation,
    early_stopping,
    fit_with_validation,
    given_validation,
    honest_oob,
    model_input,
    model_of,
    quiet_oob,
    split_params,
    take_rows,
    validation_rows,
    warn_unhandled,
)
from ._sample_weight import follow_weights, row_weights
from ._sampling import (
    CREATES_ROWS,
    check_target,
    class_counts,
    fit_resample,
    is_passthrough,
    needs_numbers,
    sampler_kind,
)
from ._stack import user_stacklevel

__all__ = ["ResampledClassifier", "at_final_step"]


def at_final_step(estimator: Any, sampler: Any, X: Any) -> bool:
    """Whether the sampler sits in front of the pipeline's last step.

    A sampler that creates rows needs numbers. On a table it cannot read
    (text or categorical columns, missing values), the pipeline's own steps
    make the numbers first: the sampler then sits where imbalanced-learn's
    examples put it, after the preprocessing and in front of the model.
    Elsewhere it sits in front of the whole estimator, as before.
    """
    return (
        isinstance(estimator, Pipeline)
        and len(estimator.steps) > 1
        and needs_numbers(sampler, X)
    )


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
        grid search compare resampling against none.
    prior_correction : bool, default=False
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
        estimator with ``predict_proba``.

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
        "prior_correction": ["boolean"],
    }

    def __init__(
        self, estimator: Any, sampler: Any, *, prior_correction: bool = False
    ) -> None:
        self.estimator = estimator
        self.sampler = sampler
        self.prior_correction = prior_correction

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
        weights, key = row_weights(self.estimator, X, sample_weight, fit_params)
        sample_weight = weights.get(key)  # the learning step's: priors, X_val

        resampling = not is_passthrough(self.sampler)
        n_rows = y.shape[0]
        if resampling:
            warn_unhandled(self.estimator, self.sampler, n_rows)
        estimator = self._with_early_stopping(n_rows, given_validation(fit_params))
        learner = model_of(estimator)  # the step that stops early
        X_fit, y_fit, weights_fit, validation = X, y, weights, None
        stopping = early_stopping(learner, n_rows)
        if (
            resampling
            and stopping is not None
            and stopping.outside
            and not given_validation(fit_params)
        ):
            # The estimator's own validation part: split off first, untouched.
            split = validation_rows(learner, stopping, y)
            if split is None:
                learner.set_params(early_stopping=False)
                warnings.warn(
                    f"{n_rows} rows are too few to split off a validation part "
                    f"for {type(learner).__name__}'s early stopping "
                    "with a row of each class on both sides; early stopping is "
                    "off for this fit.",
                    UserWarning,
                    stacklevel=user_stacklevel(),
                )
            else:
                fit_rows, valid_rows = split
                validation = Validation.of(X, y, sample_weight, valid_rows)
                X_fit, y_fit = take_rows(X, fit_rows), y[fit_rows]
                weights_fit = {k: w[fit_rows] for k, w in weights.items()}

        where = "the data given to fit" + (
            ""
            if validation is None
            else f" less the estimator's validation part ({stopping.setting})"
        )
        weight_res = None
        # scikit-learn's own out-of-bag warning counts resampled rows
        with quiet_oob(learner if resampling else None):
            if at_final_step(estimator, self.sampler, X_fit):
                self.sampler_, self.estimator_, y_res, weight_res = (
                    self._fit_at_final_step(
                        estimator, X_fit, y_fit, fit_params, validation, weights_fit
                    )
                )
            else:
                if not resampling:
                    self.sampler_ = None
                    X_res, y_res = X_fit, y_fit
                    fit_params.update(weights_fit)
                else:
                    self.sampler_, X_res, y_res = fit_resample(
                        self.sampler, X_fit, y_fit, where=where
                    )
                    for name, weight in weights_fit.items():
                        fit_params[name] = follow_weights(
                            self.sampler_, X_fit, y_fit, X_res, y_res, weight
                        )
                weight_res = fit_params.get(key)
                self.estimator_ = fit_with_validation(
                    estimator, X_res, y_res, fit_params, validation
                )
        model = model_of(self.estimator_)
        if resampling and getattr(model, "oob_score", False):
            honest_oob(
                model, model_input(self.estimator_, X), y, self._origin(), self.sampler
            )
        self._finish(y, sample_weight, y_res, weight_res)
        return self

    def _with_early_stopping(self, n_rows: int, given: bool) -> Any:
        """Clone the estimator, with its early stopping decided on ``n_rows``.

        HistGradientBoosting's ``early_stopping="auto"`` turns on above 10,000
        rows: it is read on the rows given to ``fit``, not on the resampled
        count (over-sampling would turn it on where the data does not). With
        the user's own ``X_val`` (``given``), no part is carved from the
        resampled rows, and "auto" stays the model's to read, as in an
        imbalanced-learn pipeline (turned off, the model would refuse X_val).
        """
        estimator = clone(self.estimator)
        model = model_of(estimator)
        if (
            not given
            and not is_passthrough(self.sampler)
            and has_fit_parameter(model, "X_val")
            and model.get_params().get("early_stopping") == "auto"
        ):
            on = early_stopping(model, n_rows) is not None
            model.set_params(early_stopping=on)
        return estimator

    def _origin(self) -> np.ndarray | None:
        """Return the input row each resampled row copies (None: created rows)."""
        if sampler_kind(self.sampler) == CREATES_ROWS:
            return None
        indices = getattr(self.sampler_, "sample_indices_", None)
        return None if indices is None else np.asarray(indices, dtype=np.intp)

    def _fit_at_final_step(
        self,
        pipeline: Pipeline,
        X: Any,
        y: np.ndarray,
        fit_params: dict,
        validation: Validation | None,
        weights: dict[str, np.ndarray],
    ) -> tuple[Any, Any, np.ndarray, np.ndarray | None]:
        """Fit the pipeline's steps, resample their output, fit its last step.

        As ``imblearn.pipeline.Pipeline([*steps[:-1], sampler, last])``: the
        preprocessing is fitted on the training rows as they are (with their
        weights), and the sampler creates rows from the numbers it makes; the
        last step's weights follow them. A validation part goes through the
        fitted steps, never through the sampler.
        """
        name, last = pipeline.steps[-1]
        head_params, last_params = split_params({**fit_params, **weights}, name)
        head = pipeline[:-1]
        X_head = head.fit_transform(X, y, **head_params)
        sampler_, X_res, y_res = fit_resample(
            self.sampler,
            X_head,
            y,
            where=f"the data given to fit, after the pipeline's steps before {name!r}",
        )
        weight_res = None
        if "sample_weight" in last_params:
            weight_res = follow_weights(
                sampler_, X_head, y, X_res, y_res, last_params["sample_weight"]
            )
            last_params["sample_weight"] = weight_res
        if validation is not None:
            last_params.update(validation.params(head.transform))
        last.fit(X_res, y_res, **last_params)
        return sampler_, pipeline, y_res, weight_res

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
        """Per class in ``classes_``: prior before resampling / prior after."""
        before = class_counts(y, weight)
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
            priors when ``prior_correction=True``.
        """
        check_is_fitted(self)
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
        if not self.prior_correction:
            return self.estimator_.predict(X)
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
        if not self.prior_correction:
            return self.estimator_.decision_function(X)
        tiny = np.finfo(np.float64).tiny
        log_proba = np.log(np.clip(self.predict_proba(X), tiny, None))
        if log_proba.shape[1] == 2:
            return log_proba[:, 1] - log_proba[:, 0]
        return log_proba

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        inner = [self.estimator]
        if not is_passthrough(self.sampler):
            inner.append(self.sampler)
        return inner_tags(tags, inner)
