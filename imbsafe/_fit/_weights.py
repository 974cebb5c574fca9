"""Class weights: the alternative to resampling that leaves the rows alone."""

from __future__ import annotations

from numbers import Real
from typing import Any

import numpy as np
from sklearn.base import (
    BaseEstimator,
    ClassifierMixin,
    MetaEstimatorMixin,
    _fit_context,
    clone,
)
from sklearn.utils._param_validation import (
    HasMethods,
    Interval,
    StrOptions,
    validate_params,
)
from sklearn.utils.metaestimators import available_if
from sklearn.utils.validation import check_is_fitted, validate_data

from .._resample._sample_weight import row_weights
from .._resample._sampling import check_target
from .._utils._meta import estimator_has, inner_tags
from ._boosting import balanced_setting
from ._plan import FitPlan

__all__ = ["BalancedSampleWeight", "BalancedSetting", "class_weights", "pos_weight"]

SCHEMES = ("inverse", "balanced", "sqrt_inverse", "effective")


@validate_params(
    {
        "y": ["array-like"],
        "scheme": [StrOptions(set(SCHEMES))],
        "normalize": [StrOptions({"mean", "sum"}), None],
        "beta": [Interval(Real, 0, 1, closed="left")],
    },
    prefer_skip_nested_validation=True,
)
def class_weights(
    y: Any,
    *,
    scheme: str = "balanced",
    normalize: str | None = None,
    beta: float = 0.999,
) -> np.ndarray:
    """Per-class weights from the class counts of y, in the order of ``np.unique(y)``.

    Compute them from the training part only: weights from the full data set
    leak the validation part's class counts into training.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Class labels (numbers or strings), at least two classes.
    scheme : {"balanced", "inverse", "sqrt_inverse", "effective"}, default="balanced"
        With N rows, K classes and n_c rows of class c:

        - ``"inverse"``: N / n_c, the usual ``CrossEntropyLoss(weight=...)`` choice;
        - ``"balanced"``: N / (K n_c), scikit-learn's ``class_weight="balanced"``;
        - ``"sqrt_inverse"``: sqrt(N / n_c), a milder correction;
        - ``"effective"``: (1 - beta) / (1 - beta ** n_c), the inverse of the
          effective number of samples (Cui et al., 2019).
    normalize : {None, "mean", "sum"}, default=None
        Rescale the weights to mean 1 or to sum 1; None leaves them as the
        scheme gives them.
    beta : float, default=0.999
        For ``"effective"`` only; in [0, 1). Near 1 it approaches
        ``"inverse"``, at 0 all weights are equal.

    Returns
    -------
    weights : ndarray of shape (n_classes,)

    See Also
    --------
    pos_weight : The single weight of ``BCEWithLogitsLoss``.

    Examples
    --------
    >>> from imbsafe import class_weights
    >>> y = [0] * 90 + [1] * 10
    >>> class_weights(y)
    array([0.55555556, 5.        ])
    >>> class_weights(y, scheme="inverse", normalize="sum")
    array([0.1, 0.9])
    """
    y = check_target(y)
    _, counts = np.unique(y, return_counts=True)
    counts = counts.astype(np.float64)
    total, n_classes = counts.sum(), counts.shape[0]
    if scheme == "inverse":
        weights = total / counts
    elif scheme == "balanced":
        weights = total / (n_classes * counts)
    elif scheme == "sqrt_inverse":
        weights = np.sqrt(total / counts)
    elif beta == 0:  # effective number of samples is 1 for every class
        weights = np.ones_like(counts)
    else:
        weights = (1.0 - beta) / -np.expm1(counts * np.log(beta))
    if normalize == "mean":
        weights = weights / weights.mean()
    elif normalize == "sum":
        weights = weights / weights.sum()
    return weights


def pos_weight(y: Any, *, pos_label: Any = 1) -> float:
    """Negatives per positive, the usual ``pos_weight`` of a binary loss.

    A plain float: :class:`imbsafe.losses.BinaryFocalLoss` takes it as it is;
    torch's ``BCEWithLogitsLoss`` wants a one-element tensor,
    ``torch.tensor([pos_weight(y)])`` (imbsafe's core does not import torch).

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Binary labels.
    pos_label : int, str, default=1
        The positive class.

    Returns
    -------
    weight : float

    Examples
    --------
    >>> from imbsafe import pos_weight
    >>> pos_weight([0] * 90 + [1] * 10)
    9.0
    """
    y = check_target(y)
    labels = np.unique(y).tolist()
    if len(labels) != 2:
        raise ValueError(f"pos_weight needs a binary target, got classes {labels}.")
    if pos_label not in labels:
        raise ValueError(
            f"pos_label={pos_label!r} is not a label of y ({labels}); pass pos_label="
            "one of them."
        )
    n_pos = int(np.count_nonzero(y == pos_label))
    return (y.shape[0] - n_pos) / n_pos


class BalancedSampleWeight(ClassifierMixin, MetaEstimatorMixin, BaseEstimator):
    """Fit ``estimator`` with balanced ``sample_weight`` (class weights by row).

    For estimators without a ``class_weight`` parameter: each row weighs its
    class's :func:`class_weights` (``"balanced"``: N / (K n_c), as
    scikit-learn's ``class_weight="balanced"``). A Pipeline gets the weights
    in its last step. ``predict_proba``, ``predict_log_proba`` and
    ``decision_function`` exist when the estimator has them.

    Parameters
    ----------
    estimator : classifier
        Cloned and fitted with the weights.

    Attributes
    ----------
    estimator_ : classifier
        The fitted clone.
    classes_ : ndarray of shape (n_classes,)
        Class labels.
    n_features_in_ : int
        Number of features seen during ``fit``.
    """

    _parameter_constraints: dict = {"estimator": [HasMethods(["fit", "predict"])]}

    def __init__(self, estimator: Any) -> None:
        self.estimator = estimator

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X: Any, y: Any) -> BalancedSampleWeight:
        """Fit a clone of the estimator with balanced sample weights.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : BalancedSampleWeight
        """
        validate_data(self, X, skip_check_array=True)
        y = check_target(y, owner=type(self).__name__)
        _, codes = np.unique(y, return_inverse=True)
        weight = class_weights(y)[codes]
        self.estimator_ = clone(self.estimator)
        steps = getattr(self.estimator_, "steps", None)
        key = f"{steps[-1][0]}__sample_weight" if steps else "sample_weight"
        self.estimator_.fit(X, y, **{key: weight})
        self.classes_ = self.estimator_.classes_
        return self

    def predict(self, X: Any) -> np.ndarray:
        """Predict with the fitted estimator."""
        check_is_fitted(self)
        return self.estimator_.predict(X)

    @available_if(estimator_has("predict_proba"))
    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities of the fitted estimator."""
        check_is_fitted(self)
        return self.estimator_.predict_proba(X)

    @available_if(estimator_has("predict_log_proba"))
    def predict_log_proba(self, X: Any) -> np.ndarray:
        """Log class probabilities of the fitted estimator."""
        check_is_fitted(self)
        return self.estimator_.predict_log_proba(X)

    @available_if(estimator_has("decision_function"))
    def decision_function(self, X: Any) -> np.ndarray:
        """Decision scores of the fitted estimator."""
        check_is_fitted(self)
        return self.estimator_.decision_function(X)

    def __sklearn_tags__(self):
        return inner_tags(super().__sklearn_tags__(), [self.estimator])


class BalancedSetting(BalancedSampleWeight):
    """Fit ``estimator`` with its library's own balanced setting for the rows given.

    For XGBoost, LightGBM and CatBoost (see
    :func:`imbsafe._fit._boosting.balanced_setting`): binary XGBoost and LightGBM
    get ``scale_pos_weight`` = negatives per positive of the labels ``fit``
    receives, so inside cross-validation each training fold counts its own;
    CatBoost gets ``auto_class_weights="Balanced"``. The estimator itself is
    never changed: a clone is.

    Parameters
    ----------
    estimator : classifier
        An XGBoost, LightGBM or CatBoost classifier, or a pipeline ending in
        one; cloned, set and fitted.

    Attributes
    ----------
    estimator_ : classifier
        The fitted clone, with the setting.
    setting_ : str
        Words naming what was set, e.g. ``"scale_pos_weight=9 (negatives per
        positive)"``.
    classes_ : ndarray of shape (n_classes,)
        Class labels.
    n_features_in_ : int
        Number of features seen during ``fit``.
    """

    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X: Any, y: Any, **fit_params: Any) -> BalancedSetting:
        """Fit a clone of the estimator with the balanced setting of y.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)
        **fit_params : dict
            Passed to the estimator's ``fit``.

        Returns
        -------
        self : BalancedSetting
        """
        validate_data(self, X, skip_check_array=True)
        y = check_target(y, owner=type(self).__name__)
        found = balanced_setting(self.estimator, y)
        if found is None:
            raise ValueError(
                f"{type(self.estimator).__name__} has no balanced setting of its own "
                f"for these classes ({np.unique(y).tolist()[:5]}): use "
                "BalancedSampleWeight."
            )
        params, self.setting_ = found
        # a model that stops on an evaluation set gets an untouched part of
        # the rows, as ResampledClassifier gives it (and as without weights)
        fit_params = dict(fit_params)
        sample_weight = fit_params.pop("sample_weight", None)
        weights, key = row_weights(self.estimator, X, sample_weight, fit_params)
        plan = FitPlan.make(
            clone(self.estimator).set_params(**params), None, X, y, fit_params
        )
        self.estimator_ = plan.execute(X, y, weights, key, fit_params).estimator
        self.classes_ = self.estimator_.classes_
        return self
