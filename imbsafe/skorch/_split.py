"""ResampledValidSplit: resample the train part of the split only."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import torch
from scipy import sparse
from sklearn.base import BaseEstimator
from skorch.dataset import Dataset, ValidSplit
from torch.utils.data import Subset

from .._resample._sampling import (
    CREATES_ROWS,
    check_target,
    fit_resample,
    is_passthrough,
    pick_rows,
    sampler_kind,
)
from ..exceptions import (
    SamplerNotIndexableError,
)
from ._data import features_of, labels_of, unwrap


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
        labels = labels_of(dataset, y)
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
        features = functools.cache(
            lambda: features_of(train, f"{type(self.sampler).__name__}")
        )
        if sampler_kind(self.sampler) != CREATES_ROWS:
            try:
                picked = pick_rows(
                    self.sampler, y_train, features=features, where=where
                )
            except SamplerNotIndexableError:
                pass  # an unknown sampler that creates rows after all
            else:
                return ResampledTrainPart(dataset, rows[picked], train), valid
        _, X_res, y_res = fit_resample(self.sampler, features(), y_train, where=where)
        created = Dataset(_like(X_res, unwrap(dataset)[0]), _like_y(y_res, y))
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


def before_resampling(dataset: Any) -> Any:
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
