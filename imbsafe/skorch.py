"""skorch integration: resample the train part only, and log honest metrics.

skorch splits its input into a train and a valid part inside ``fit``
(``train_split``). Resampling the data before ``fit`` — by hand or with
``imblearn.pipeline.make_pipeline(SMOTE(), net)`` — puts copies or
interpolations of training rows in the valid part and balances it, so the
logged validation scores are far too high. This module moves the resampling
inside the split and keeps the valid part untouched:

* :class:`ResampledValidSplit` — a ``train_split`` that resamples only the
  train part;
* :class:`EpochMetrics` — F1, average precision, ... per epoch from the
  predictions the validation step already made, with the undefined-metric
  policy of :mod:`imbsafe.metrics`;
* :class:`LeakageGuard` — audits the two parts before the first epoch;
* :class:`TrainFoldClassWeights` — criterion weights from the train part;
* :class:`BalancedBatches` — class-balanced batches without copying rows.

Importing this module imports torch and skorch; ``import imbsafe`` does not.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from numbers import Integral, Real
from typing import Any

import numpy as np
import torch
from scipy import sparse
from sklearn.base import BaseEstimator
from skorch.callbacks import Callback
from skorch.dataset import Dataset, ValidSplit
from skorch.utils import multi_indexing, to_numpy
from torch.utils.data import Subset

from ._audit import LeakageReport, audit_split
from ._sampling import (
    LABEL_ONLY,
    SELECTS_ROWS,
    check_target,
    fit_resample,
    is_passthrough,
    resample_indices,
    sampler_kind,
)
from ._stack import user_stacklevel
from ._weights import class_weights
from .exceptions import (
    LeakageWarning,
    ResamplingLeakageError,
    SamplerNotIndexableError,
)
from .metrics import MULTICLASS_METRICS, RATE_METRICS
from .metrics._binary import binary_values
from .metrics._multiclass import multiclass_values
from .metrics._policy import resolve

__all__ = [
    "BalancedBatches",
    "EpochMetrics",
    "LeakageGuard",
    "ResampledTrainPart",
    "ResampledValidSplit",
    "TrainFoldClassWeights",
]

# --------------------------------------------------------------------------
# Reading rows and labels out of skorch datasets
# --------------------------------------------------------------------------


def _unwrap(dataset: Any) -> tuple[Any, np.ndarray | None]:
    """Return the innermost dataset and the rows of it that ``dataset`` shows.

    A train part whose rows :class:`BalancedBatches` drew for this epoch shows
    its own rows, not the draw.
    """
    rows = None
    while isinstance(dataset, Subset):
        here = np.asarray(getattr(dataset.indices, "rows", dataset.indices))
        rows = here if rows is None else here[rows]
        dataset = dataset.dataset
    return dataset, rows


def _labels(dataset: Any, y: Any = None) -> np.ndarray:
    """Return the class labels of the rows of ``dataset`` (``y`` if given)."""
    if y is not None:
        return np.asarray(to_numpy(y) if torch.is_tensor(y) else y).ravel()
    base, rows = _unwrap(dataset)
    y = getattr(base, "y", None)
    if y is None:
        raise ValueError(
            f"cannot read class labels from a {type(base).__name__}: pass y to fit "
            "(or use a skorch.dataset.Dataset with y)."
        )
    y = np.asarray(to_numpy(y) if torch.is_tensor(y) else y).ravel()
    return y if rows is None else y[rows]


def _features(dataset: Any, what: str) -> Any:
    """X of the rows of ``dataset`` as an array, DataFrame or sparse matrix."""
    base, rows = _unwrap(dataset)
    X = getattr(base, "X", None)
    if isinstance(X, dict | list | tuple) or X is None:
        kind = "no X" if X is None else f"X as a {type(X).__name__}"
        raise TypeError(
            f"{what} needs the feature values of the rows as one array, "
            f"DataFrame, sparse matrix or tensor, but the data set holds {kind}. "
            "Use RandomOverSampler or RandomUnderSampler (they pick rows by "
            "index and work with any X), or pass X as one array."
        )
    if rows is not None:
        X = multi_indexing(X, rows)
    if torch.is_tensor(X):
        X = to_numpy(X)
    return X


# --------------------------------------------------------------------------
# ResampledValidSplit
# --------------------------------------------------------------------------


class ResampledValidSplit(BaseEstimator):
    """A skorch ``train_split`` that resamples only the train part.

    The split itself is skorch's :class:`~skorch.dataset.ValidSplit` with the
    same ``cv``, ``stratified`` and ``random_state``. The valid part is the
    original rows, untouched, at the data's own class ratio; the train part
    is resampled by a clone of ``sampler`` fitted on it alone. Samplers that
    pick rows (RandomOverSampler, RandomUnderSampler, NearMiss, ...) give a
    view of the original rows by index, with no copy; samplers that create
    rows (SMOTE, ADASYN, ...) give a new data set of the resampled rows.

    Parameters
    ----------
    cv : int or float, default=5
        As in ``ValidSplit``: an int k holds out 1/k of the rows (the first
        fold of a k-fold split), a float in (0, 1) the share of rows.
    sampler : imbalanced-learn sampler, None or "passthrough", default=None
        Resamples the train part. None keeps it as it is.
    stratified : bool, default=True
        Keep the class ratio in both parts (the default differs from
        ``ValidSplit``'s, because imbalanced data is what this is for).
    random_state : int, RandomState instance or None, default=None
        Only used with a float ``cv``, as in ``ValidSplit``.

    See Also
    --------
    imbsafe.ResampledClassifier : The same rule for scikit-learn estimators.

    Examples
    --------
    >>> import numpy as np
    >>> from imblearn.over_sampling import SMOTE
    >>> from skorch.dataset import Dataset
    >>> from imbsafe.skorch import ResampledValidSplit
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(200, 4)).astype(np.float32)
    >>> y = (np.arange(200) % 10 == 0).astype(np.int64)
    >>> split = ResampledValidSplit(5, SMOTE(random_state=0))
    >>> train, valid = split(Dataset(X, y), y)
    >>> len(train), len(valid)
    (288, 40)
    >>> float(y[valid.indices].mean())  # the real ratio, original rows
    0.1
    """

    def __init__(
        self,
        cv: int | float = 5,
        sampler: Any = None,
        *,
        stratified: bool = True,
        random_state: Any = None,
    ) -> None:
        self.cv = cv
        self.sampler = sampler
        self.stratified = stratified
        self.random_state = random_state

    def __call__(
        self, dataset: Any, y: Any = None, groups: Any = None
    ) -> tuple[Any, Any]:
        """Split ``dataset``; return the resampled train part and the valid part."""
        labels = _labels(dataset, y)
        check_target(labels, owner="ResampledValidSplit")
        split = ValidSplit(
            self.cv, stratified=self.stratified, random_state=self.random_state
        )
        train, valid = split(dataset, labels, groups=groups)
        rows = np.asarray(train.indices)
        if is_passthrough(self.sampler):
            return ResampledTrainPart(dataset, rows, None), valid
        y_train = labels[rows]
        where = "the train part of ResampledValidSplit"
        kind = sampler_kind(self.sampler)
        if kind == LABEL_ONLY:
            _, picked = resample_indices(self.sampler, None, y_train, where=where)
            return ResampledTrainPart(dataset, rows[picked], train), valid
        X_train = _features(train, f"{type(self.sampler).__name__}")
        if kind == SELECTS_ROWS:
            try:
                _, picked = resample_indices(
                    self.sampler, X_train, y_train, where=where
                )
            except SamplerNotIndexableError:
                pass  # an unknown sampler that creates rows after all
            else:
                return ResampledTrainPart(dataset, rows[picked], train), valid
        _, X_res, y_res = fit_resample(self.sampler, X_train, y_train, where=where)
        created = Dataset(_like(X_res, _unwrap(dataset)[0]), _like_y(y_res, y))
        return ResampledTrainPart(created, np.arange(len(created)), train), valid


class ResampledTrainPart(Subset):
    """The train part :class:`ResampledValidSplit` hands to the net.

    A torch ``Subset``: the rows the net trains on (original rows by index,
    or the rows a sampler created), and the train part as it was before the
    split resampled it, which the callbacks read (``LeakageGuard`` audits it,
    ``EpochMetrics(on_train=True)`` scores it).

    Parameters
    ----------
    dataset : Dataset
        The data set the rows are taken from.
    indices : array-like of int
        Rows of ``dataset``.
    before_resampling : Dataset or None
        The train part before resampling; None when nothing was resampled.
    """

    def __init__(self, dataset: Any, indices: Any, before_resampling: Any) -> None:
        super().__init__(dataset, indices)
        self.before_resampling = before_resampling


def _before_resampling(dataset: Any) -> Any:
    """Return the rows a train part was resampled from (itself if it was not)."""
    if isinstance(dataset, ResampledTrainPart):
        before = dataset.before_resampling
        return dataset if before is None else before
    return dataset


def _like(X_res: Any, base: Any) -> Any:
    """Resampled X in the kind of container the net was given."""
    X = getattr(base, "X", None)
    if torch.is_tensor(X):
        return torch.as_tensor(np.asarray(X_res), dtype=X.dtype)
    if sparse.issparse(X_res) and not sparse.issparse(X):
        return X_res.toarray()
    return X_res


def _like_y(y_res: np.ndarray, y: Any) -> Any:
    if torch.is_tensor(y):
        return torch.as_tensor(y_res, dtype=y.dtype)
    return y_res


# --------------------------------------------------------------------------
# EpochMetrics
# --------------------------------------------------------------------------


class EpochMetrics(Callback):
    """Log imbalanced-classification metrics every epoch, without extra passes.

    Each epoch records ``valid_<metric>`` and ``valid_<metric>_best`` in the
    net's history (``train_...`` with ``on_train=True``). Validation metrics
    are computed from the outputs the net's validation step already made, so
    they cost no forward pass. Values follow :func:`imbsafe.metrics.
    binary_report`'s policy: an undefined metric (say, precision when nothing
    is predicted positive) is logged as NaN with an ``UndefinedMetricWarning``
    and is never the best; ``EarlyStopping`` counts it as no improvement.
    Multiclass nets log the macro averages of
    :func:`imbsafe.metrics.multiclass_report`.

    Parameters
    ----------
    metrics : sequence of str, default=("f1", "roc_auc", "average_precision")
        Names of :func:`~imbsafe.metrics.binary_report` rate metrics
        (accuracy, precision, recall, specificity, f1, balanced_accuracy, mcc,
        g_mean, roc_auc, average_precision).
    on_train : bool, default=False
        Score the training rows as they were before resampling (one extra
        inference pass over them per epoch) instead of the valid part.
    threshold : float, default=0.5
        Positive-class probability at which a row is predicted positive.
    pos_label : int, float or str, default=1
        The positive class (binary nets).

    Examples
    --------
    >>> from imbsafe.skorch import EpochMetrics
    >>> cb = EpochMetrics(("f1", "average_precision", "mcc"))
    >>> # NeuralNetClassifier(..., callbacks=[cb]) logs valid_f1, valid_f1_best,
    >>> # valid_average_precision, ... in net.history.
    """

    def __init__(
        self,
        metrics: Sequence[str] = ("f1", "roc_auc", "average_precision"),
        *,
        on_train: bool = False,
        threshold: float = 0.5,
        pos_label: Any = 1,
    ) -> None:
        self.metrics = metrics
        self.on_train = on_train
        self.threshold = threshold
        self.pos_label = pos_label

    def initialize(self) -> EpochMetrics:
        """Check the parameters and reset the best values."""
        names = [self.metrics] if isinstance(self.metrics, str) else list(self.metrics)
        unknown = [m for m in names if m not in RATE_METRICS]
        if not names or unknown:
            raise ValueError(
                f"EpochMetrics(metrics=...) got unknown metric(s) {unknown}; "
                f"choose from {list(RATE_METRICS)}."
            )
        if not (isinstance(self.threshold, Real) and 0 <= self.threshold <= 1):
            raise ValueError(
                f"EpochMetrics(threshold={self.threshold!r}) must be a probability "
                "in [0, 1]."
            )
        self.metrics_ = names
        self.prefix_ = "train" if self.on_train else "valid"
        self.best_ = dict.fromkeys(names, -np.inf)
        self.outputs_: list[torch.Tensor] = []
        self.targets_: list[np.ndarray] = []
        return self

    def on_epoch_begin(self, net: Any, **kwargs: Any) -> None:
        self.outputs_, self.targets_ = [], []

    def on_batch_end(
        self, net: Any, batch: Any = None, training: bool = False, **kwargs: Any
    ) -> None:
        if training or self.on_train:
            return
        y_pred = kwargs.get("y_pred")
        if y_pred is None or batch is None or len(batch) < 2 or batch[1] is None:
            return
        if isinstance(y_pred, tuple | list):
            y_pred = y_pred[0]  # skorch's convention for several outputs
        self.outputs_.append(y_pred.detach())
        self.targets_.append(np.asarray(to_numpy(batch[1])).ravel())

    def on_epoch_end(self, net: Any, dataset_train: Any = None, **kwargs: Any) -> None:
        if self.on_train:
            if dataset_train is None:
                return
            rows = _before_resampling(dataset_train)
            proba = net.predict_proba(rows)
            y_true = _labels(rows)
        else:
            if not self.outputs_:
                return
            # skorch's own resolution of predict_nonlinearity ("auto" infers it
            # from the criterion), so that the scores are what predict_proba
            # returns; test_skorch checks the two agree.
            nonlinearity = net._get_predict_nonlinearity()
            with torch.no_grad():
                proba = to_numpy(nonlinearity(torch.cat(self.outputs_)))
            y_true = np.concatenate(self.targets_)
            self.outputs_, self.targets_ = [], []
        proba = np.asarray(proba)
        _check_probabilities(proba, net)
        values = self._score(net, y_true, proba)
        for name in self.metrics_:
            value = float(values[name])
            best = not np.isnan(value) and value > self.best_[name]
            if best:
                self.best_[name] = value
            net.history.record(f"{self.prefix_}_{name}", value)
            net.history.record(f"{self.prefix_}_{name}_best", bool(best))

    def _score(self, net: Any, y_true: np.ndarray, proba: np.ndarray) -> dict:
        if proba.ndim == 2 and proba.shape[1] > 2:
            classes = getattr(net, "classes_", None)
            labels = None if classes is None else list(classes)
            missing = [m for m in self.metrics_ if m not in MULTICLASS_METRICS]
            if missing:
                raise ValueError(
                    f"EpochMetrics: {missing} have no multiclass form; for a "
                    f"multiclass net choose from {list(MULTICLASS_METRICS)}."
                )
            values, reasons = multiclass_values(y_true, proba, labels=labels)
        else:
            if proba.ndim == 2:
                classes = list(getattr(net, "classes_", [0, 1]))
                column = (
                    classes.index(self.pos_label) if self.pos_label in classes else 1
                )
                proba = proba[:, column]
            values, reasons = binary_values(
                y_true, proba, threshold=self.threshold, pos_label=self.pos_label
            )
        # The policy speaks of the logged metrics only (and their classes): a
        # metric nobody asked for being undefined is not worth a warning.
        logged = {
            name: why
            for name, why in reasons.items()
            if name.split("[", 1)[0] in self.metrics_
        }
        return resolve(values, logged, np.nan)


def _check_probabilities(proba: np.ndarray, net: Any) -> None:
    """Refuse scores that are not probabilities: thresholds would mean nothing."""
    finite = np.isfinite(proba).all()
    inside = finite and proba.min() >= -1e-6 and proba.max() <= 1 + 1e-6
    sums = proba.sum(axis=1) if proba.ndim == 2 and proba.shape[1] > 1 else None
    if inside and (sums is None or np.allclose(sums, 1.0, atol=1e-4)):
        return
    what = (
        "values outside [0, 1]"
        if finite and not inside
        else "non-finite values"
        if not finite
        else f"rows summing to {float(sums.min()):.3g}..{float(sums.max()):.3g}"
    )
    raise ValueError(
        f"EpochMetrics needs class probabilities, but the net's outputs after its "
        f"predict_nonlinearity hold {what}. skorch infers that nonlinearity only "
        f"from the criterion ({type(net.criterion_).__name__} here): set "
        "predict_nonlinearity on the net (e.g. torch.nn.Softmax(dim=-1) for "
        "logits of several classes, imbsafe.losses.binary_proba for one logit "
        "per row), or use a criterion skorch knows."
    )


# --------------------------------------------------------------------------
# LeakageGuard
# --------------------------------------------------------------------------


class LeakageGuard(Callback):
    """Audit the train and valid parts before the first epoch of each fit.

    Runs :func:`imbsafe.audit_split` on the two parts the net is about to use
    (after its ``train_split``). When they show resample-then-split leakage —
    valid rows copied into, or interpolated from, the train part — it warns
    (``LeakageWarning``) or stops the fit (``ResamplingLeakageError``).
    Evidence that is only inconclusive always warns, never stops the fit.

    With :class:`ResampledValidSplit` the audit compares the train part's rows
    as they were before the split resampled them with the valid part: the
    split's own resampling is never taken for a leak, while data that was
    resampled before ``fit`` is still caught.

    Parameters
    ----------
    action : {"warn", "raise"}, default="warn"

    Attributes
    ----------
    report_ : LeakageReport or None
        The last audit (None without a valid part).

    Examples
    --------
    >>> from imbsafe.skorch import LeakageGuard
    >>> guard = LeakageGuard(action="raise")
    >>> # NeuralNetClassifier(..., callbacks=[guard]).fit(X_resampled, y) raises
    >>> # ResamplingLeakageError when X was over-sampled before fit.
    """

    def __init__(self, action: str = "warn") -> None:
        self.action = action

    def initialize(self) -> LeakageGuard:
        """Check ``action``."""
        if self.action not in ("warn", "raise"):
            raise ValueError(
                f"LeakageGuard(action={self.action!r}) must be 'warn' or 'raise'."
            )
        self.report_ = None
        self.pending_ = True
        return self

    def on_train_begin(self, net: Any, **kwargs: Any) -> None:
        self.pending_ = True

    def on_epoch_begin(
        self,
        net: Any,
        dataset_train: Any = None,
        dataset_valid: Any = None,
        **kwargs: Any,
    ) -> None:
        if not self.pending_:
            return
        self.pending_ = False
        if dataset_train is None or dataset_valid is None:
            return
        # The split's own resampling happened after the split: audit the rows
        # it started from.
        dataset_train = _before_resampling(dataset_train)
        try:
            report = _audit_datasets(dataset_train, dataset_valid)
        except Exception as e:  # a guard never stops a fit it cannot audit
            first = (
                str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            )
            warnings.warn(
                f"LeakageGuard skipped the audit: {first.split('. ')[0].rstrip('.')}; "
                "the fit goes on unchecked.",
                UserWarning,
                stacklevel=user_stacklevel(),
            )
            return
        self.report_ = report
        if report.inconclusive:
            warnings.warn(
                "LeakageGuard: possible leak between the train and valid parts, "
                "not proven: " + " ".join(report.inconclusive_reasons) + " If the "
                "data was resampled before fit, pass the original data and "
                "resample inside the split with train_split="
                "imbsafe.skorch.ResampledValidSplit(cv, sampler).",
                LeakageWarning,
                stacklevel=user_stacklevel(),
            )
        if not report.leaky:
            return
        message = (
            "leak between the train and valid parts this net is about to use: "
            + " ".join(report.reasons)
            + " The logged validation scores would be too high. Fix: resample "
            "inside the split with train_split=imbsafe.skorch.ResampledValidSplit"
            "(cv, sampler) and pass the original, not resampled, data to fit."
        )
        if self.action == "raise":
            raise ResamplingLeakageError(message)
        warnings.warn(message, LeakageWarning, stacklevel=user_stacklevel())


def _audit_datasets(dataset_train: Any, dataset_valid: Any) -> LeakageReport:
    """audit_split on the rows and labels of two skorch datasets."""
    what = "LeakageGuard's audit"
    X_train = _features(dataset_train, what)
    X_valid = _features(dataset_valid, what)
    return audit_split(X_train, _labels(dataset_train), X_valid, _labels(dataset_valid))


# --------------------------------------------------------------------------
# TrainFoldClassWeights
# --------------------------------------------------------------------------


class TrainFoldClassWeights(Callback):
    """Set the criterion's class weights from the train part's labels only.

    Before the first epoch of each fit, computes
    :func:`imbsafe.class_weights` on the labels of the train part (never the
    valid part) and sets them on the initialized criterion:
    ``weight`` for ``CrossEntropyLoss``, ``NLLLoss`` and
    :class:`imbsafe.losses.FocalLoss` (classes 0..K-1, in order);
    ``pos_weight`` = weight of class 1 / weight of class 0 for
    ``BCEWithLogitsLoss`` and :class:`imbsafe.losses.BinaryFocalLoss`.

    Parameters
    ----------
    scheme : {"balanced", "inverse", "sqrt_inverse", "effective"}, \
default="balanced"
    normalize : {None, "mean", "sum"}, default=None
    beta : float, default=0.999
        For ``scheme="effective"``.

    Attributes
    ----------
    weights_ : numpy.ndarray
        The per-class weights of the last fit.

    Examples
    --------
    >>> from imbsafe.skorch import TrainFoldClassWeights
    >>> cb = TrainFoldClassWeights(scheme="balanced")
    >>> # NeuralNetClassifier(..., criterion=torch.nn.CrossEntropyLoss,
    >>> #                     callbacks=[cb])
    """

    def __init__(
        self,
        scheme: str = "balanced",
        normalize: str | None = None,
        beta: float = 0.999,
    ) -> None:
        self.scheme = scheme
        self.normalize = normalize
        self.beta = beta

    def initialize(self) -> TrainFoldClassWeights:
        """Check the parameters on a tiny example before any fit."""
        class_weights(
            np.array([0, 1]),
            scheme=self.scheme,
            normalize=self.normalize,
            beta=self.beta,
        )
        self.pending_ = True
        return self

    def on_train_begin(self, net: Any, **kwargs: Any) -> None:
        self.pending_ = True

    def on_epoch_begin(
        self, net: Any, dataset_train: Any = None, **kwargs: Any
    ) -> None:
        if not self.pending_ or dataset_train is None:
            return
        self.pending_ = False
        y = _labels(dataset_train)
        classes = np.unique(y)
        weights = class_weights(
            y, scheme=self.scheme, normalize=self.normalize, beta=self.beta
        )
        self.weights_ = weights
        criterion = net.criterion_
        device = next(net.module_.parameters(), torch.empty(0)).device
        if hasattr(criterion, "pos_weight"):
            if classes.shape[0] != 2:
                raise ValueError(
                    f"{type(criterion).__name__} takes a pos_weight for two classes, "
                    f"but the train part has {classes.shape[0]}."
                )
            ratio = weights[1] / weights[0]
            _set_buffer(criterion, "pos_weight", torch.tensor([ratio]).to(device))
        elif hasattr(criterion, "weight"):
            expected = np.arange(classes.shape[0])
            if not np.array_equal(classes.astype(float), expected):
                raise ValueError(
                    f"{type(criterion).__name__}(weight=...) indexes classes "
                    f"0..K-1, but the train part's labels are {classes.tolist()}: "
                    "encode the labels as 0..K-1 (and make sure every class has "
                    "training rows)."
                )
            _set_buffer(criterion, "weight", torch.tensor(weights).to(device))
        else:
            raise TypeError(
                f"TrainFoldClassWeights cannot set weights on "
                f"{type(criterion).__name__}: it has neither weight nor pos_weight. "
                "Use CrossEntropyLoss, BCEWithLogitsLoss, or imbsafe.losses' "
                "FocalLoss / BinaryFocalLoss."
            )


def _set_buffer(criterion: Any, name: str, value: torch.Tensor) -> None:
    """Set a criterion buffer that is not saved with the criterion's state.

    The weights come from the training data and are set again at every fit.
    Kept out of ``state_dict``, they do not break skorch's ``Checkpoint`` /
    ``load_params`` / ``LoadInitState`` into a fresh criterion, which has no
    such buffer (torch refuses unexpected keys).
    """
    criterion.register_buffer(name, value.to(torch.float32), persistent=False)


# --------------------------------------------------------------------------
# BalancedBatches
# --------------------------------------------------------------------------


class _DrawnRows(np.ndarray):
    """One epoch's balanced draw of a train part's rows.

    Set as the train part's ``indices``, so the net's own DataLoader reads the
    draw; ``rows`` keeps the part's own rows, which imbsafe's callbacks read.
    """

    rows: np.ndarray

    def __new__(cls, drawn: np.ndarray, rows: np.ndarray) -> _DrawnRows:
        obj = np.asarray(drawn).view(cls)
        obj.rows = rows
        return obj

    def __array_finalize__(self, obj: Any) -> None:
        self.rows = getattr(obj, "rows", None)


class BalancedBatches(Callback):
    """Class-balanced mini-batches from the train part, without copying rows.

    Each epoch draws as many rows as the train part has, with replacement,
    each class equally likely and rows uniform within their class. Only the
    train part is drawn from (it works with skorch's own ``ValidSplit`` and
    with :class:`ResampledValidSplit`; the valid part is untouched), and rows
    are drawn by index, so nothing is copied. The draw replaces the index
    list of the train part skorch made for this fit; the net itself (its
    ``iterator_train__*`` settings, its parameters) is never changed, even
    when a fit stops with an error.

    Parameters
    ----------
    random_state : int or None, default=None
        Seed of the draws: every fit draws the same batches. None uses
        torch's global generator (``torch.manual_seed``).

    Attributes
    ----------
    rows_ : numpy.ndarray
        Rows of the data set that make the train part of the last fit.

    Examples
    --------
    >>> from imbsafe.skorch import BalancedBatches
    >>> cb = BalancedBatches(random_state=0)
    >>> # NeuralNetClassifier(..., callbacks=[cb]): each batch about half positive.
    """

    def __init__(self, *, random_state: int | None = None) -> None:
        self.random_state = random_state

    def initialize(self) -> BalancedBatches:
        """Check ``random_state``."""
        if self.random_state is not None and not isinstance(
            self.random_state, Integral
        ):
            raise ValueError(
                f"BalancedBatches(random_state={self.random_state!r}) must be an "
                "int or None."
            )
        return self

    def on_train_begin(self, net: Any, **kwargs: Any) -> None:
        self.generator_ = None
        if self.random_state is not None:
            self.generator_ = torch.Generator().manual_seed(int(self.random_state))
        self.rows_ = None
        self.weights_ = None

    def on_epoch_begin(
        self, net: Any, dataset_train: Any = None, **kwargs: Any
    ) -> None:
        if dataset_train is None:
            return
        if not isinstance(dataset_train, Subset):
            raise TypeError(
                "BalancedBatches draws the train part's rows by index, so it needs "
                "the train part as a torch Subset, which skorch makes when the net "
                "splits: give the net a train_split (skorch.dataset.ValidSplit or "
                "imbsafe.skorch.ResampledValidSplit), or with train_split=None "
                "pass your own iterator_train__sampler."
            )
        if self.weights_ is None:
            self.rows_ = np.asarray(
                getattr(dataset_train.indices, "rows", dataset_train.indices)
            )
            _, codes, counts = np.unique(
                _labels(dataset_train), return_inverse=True, return_counts=True
            )
            per_row = 1.0 / (counts.shape[0] * counts[codes])
            self.weights_ = torch.as_tensor(per_row, dtype=torch.float64)
        drawn = torch.multinomial(
            self.weights_, len(self.rows_), replacement=True, generator=self.generator_
        ).numpy()
        dataset_train.indices = _DrawnRows(self.rows_[drawn], self.rows_)
