"""Fitting samplers on one training part, with errors that say what to change.

Shared by :class:`~imbsafe.ResampledCV`, :class:`~imbsafe.ResampledClassifier`
and the skorch split: each needs a sampler fitted on training rows only, and a
failure there must name the class, its count in that part and the fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from numbers import Integral, Real
from typing import Any

import numpy as np
import pandas as pd
from imblearn.combine import SMOTEENN, SMOTETomek
from imblearn.over_sampling import ADASYN, SMOTE, RandomOverSampler
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.under_sampling import ClusterCentroids, RandomUnderSampler
from imblearn.utils import check_sampling_strategy
from scipy import sparse
from sklearn.base import clone
from sklearn.utils import _safe_indexing
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import column_or_1d

from .._utils._classes import check_no_missing
from .._utils._names import SAMPLER_NAMES
from .._utils._rows import plain, same_rows
from ..exceptions import SamplerNotIndexableError

__all__ = [
    "CREATES_ROWS",
    "LABEL_ONLY",
    "SELECTS_ROWS",
    "check_indexable_sampler",
    "check_target",
    "class_counts",
    "fit_resample",
    "is_passthrough",
    "is_sampler",
    "named_sampler",
    "needs_numbers",
    "pick_rows",
    "required_rows",
    "sampler_kind",
]

# Neighbour counts of the SMOTE family: the class being over-sampled needs at
# least this many rows plus one (the row itself is its own nearest neighbour).
_CLASS_NEIGHBOUR_PARAMS = ("k_neighbors", "n_neighbors")


def check_target(y: Any, *, name: str = "y", owner: str = "resampling") -> np.ndarray:
    """Return y as a 1d array, or raise a clear error for unusable targets."""
    if y is None:
        raise ValueError(
            f"{owner} requires y to be passed, but the target y is None: "
            "resampling for imbalanced classification needs the class labels."
        )
    y = column_or_1d(y, warn=True)
    if y.shape[0] == 0:
        raise ValueError(f"{name} is empty: pass at least one row per class.")
    check_no_missing(y, name)
    check_classification_targets(y)
    if type_of_target(y) not in ("binary", "multiclass"):
        raise ValueError(
            f"{name} must hold one label per row (binary or multiclass), got a "
            f"{type_of_target(y)!r} target."
        )
    classes = np.unique(y)
    if classes.shape[0] < 2:
        raise ValueError(
            f"{name} has only one class ({plain(classes[0])!r}); resampling and "
            "imbalanced-classification metrics need at least two classes."
        )
    return y


def class_counts(y: np.ndarray, weights: np.ndarray | None = None) -> dict:
    """Class -> count (or summed weight), in the order of ``np.unique(y)``."""
    classes, inverse = np.unique(y, return_inverse=True)
    totals = np.bincount(inverse, weights=weights, minlength=classes.shape[0])
    if weights is None:
        totals = totals.astype(np.int64)
    return {plain(c): plain(t) for c, t in zip(classes, totals, strict=True)}


def is_sampler(obj: Any) -> bool:
    """Whether ``obj`` is a sampler: it has imbalanced-learn's ``fit_resample``."""
    return hasattr(obj, "fit_resample")


def is_passthrough(sampler: Any) -> bool:
    """Whether ``sampler`` means "no resampling" (None or "passthrough")."""
    return sampler is None or (isinstance(sampler, str) and sampler == "passthrough")


# What a sampler does with the rows it is given. The one classification every
# caller uses: ResampledCV and ResampledValidSplit pass rows by index unless a
# sampler creates rows, and skip X entirely for LABEL_ONLY samplers.
LABEL_ONLY = "selects rows by label"  # which rows, how often: from y and a seed
SELECTS_ROWS = "selects rows"  # keeps or repeats input rows, reading X
CREATES_ROWS = "creates rows"  # returns rows that are not input rows


def sampler_kind(sampler: Any) -> str:
    """Say what ``sampler`` does with its input rows: one of the three kinds.

    Built on imbalanced-learn's own classification of its samplers
    (``_sampling_type``: over-, under-, clean-sampling): over-samplers create
    rows, except ``RandomOverSampler`` without shrinkage, which repeats them;
    under- and cleaning samplers select rows, except ``ClusterCentroids``,
    whose centroids are new rows. The exact types ``RandomOverSampler``
    (without shrinkage) and ``RandomUnderSampler`` select on the labels
    alone; a subclass may override that. Anything else (third-party,
    ``FunctionSampler``) counts as selecting rows, and its output is checked
    against its input after fitting.
    """
    if isinstance(sampler, RandomOverSampler):
        if not _no_shrinkage(sampler.shrinkage):
            return CREATES_ROWS
        return LABEL_ONLY if type(sampler) is RandomOverSampler else SELECTS_ROWS
    if type(sampler) is RandomUnderSampler:
        return LABEL_ONLY
    if isinstance(sampler, ClusterCentroids | SMOTEENN | SMOTETomek):
        return CREATES_ROWS
    if getattr(sampler, "_sampling_type", None) == "over-sampling" or isinstance(
        sampler, BaseOverSampler
    ):
        return CREATES_ROWS
    return SELECTS_ROWS


def needs_numbers(sampler: Any, X: Any) -> bool:
    """Whether ``sampler`` cannot read ``X`` as it is.

    A sampler that creates rows (SMOTE, ADASYN, ...) computes with the feature
    values: it needs numbers without missing values. Samplers that select
    rows take any table.
    """
    if is_passthrough(sampler) or sampler_kind(sampler) != CREATES_ROWS:
        return False
    if sparse.issparse(X):
        return False
    if isinstance(X, pd.DataFrame):
        return not all(pd.api.types.is_numeric_dtype(t) for t in X.dtypes) or bool(
            X.isna().to_numpy().any()
        )
    array = np.asarray(X)
    if array.dtype.kind not in "iufb":
        return True
    return array.dtype.kind == "f" and bool(np.isnan(array).any())


def _no_shrinkage(shrinkage: Any) -> bool:
    if shrinkage is None:
        return True
    if isinstance(shrinkage, Mapping):
        return all(v == 0 for v in shrinkage.values())
    return isinstance(shrinkage, Real) and shrinkage == 0


def _not_indexable(sampler: Any, why: str) -> SamplerNotIndexableError:
    return SamplerNotIndexableError(
        f"ResampledCV passes row indices to the estimator, but {sampler!r} {why}, "
        "so its output cannot be expressed as indices of the training rows. Use "
        f"ResampledClassifier(estimator, {type(sampler).__name__}(...)) as the "
        "estimator with a plain splitter instead: it resamples inside fit, on the "
        "training fold only."
    )


def check_indexable_sampler(sampler: Any) -> None:
    """Raise before any fitting for samplers known to create or alter rows."""
    if sampler_kind(sampler) != CREATES_ROWS:
        return
    if isinstance(sampler, RandomOverSampler):
        raise _not_indexable(
            sampler,
            "perturbs the rows it copies (shrinkage is set: a smoothed bootstrap)",
        )
    raise _not_indexable(sampler, "synthesizes new rows")


def named_sampler(name: str, random_state: Any = None, k_neighbors: int = 5) -> Any:
    """Return the sampler a short name stands for ("none": None).

    ``k_neighbors`` is SMOTE's ``k_neighbors`` and ADASYN's ``n_neighbors``.
    """
    if name == "none":
        return None
    if name == "ros":
        return RandomOverSampler(random_state=random_state)
    if name == "rus":
        return RandomUnderSampler(random_state=random_state)
    if name == "smote":
        return SMOTE(k_neighbors=k_neighbors, random_state=random_state)
    if name == "adasyn":
        return ADASYN(n_neighbors=k_neighbors, random_state=random_state)
    raise ValueError(f"unknown sampler {name!r}; the names are {SAMPLER_NAMES}.")


def required_rows(sampler: Any) -> int | None:
    """Rows a class needs for the sampler's neighbour search, if it has one."""
    for param in _CLASS_NEIGHBOUR_PARAMS:
        value = getattr(sampler, param, None)
        if isinstance(value, Integral) and not isinstance(value, bool):
            return int(value) + 1
    return None


def _check_class_sizes(sampler: Any, y: np.ndarray, where: str) -> None:
    """Name the class too small for the sampler's neighbours, before fitting."""
    if not isinstance(sampler, BaseOverSampler):
        return
    needed = required_rows(sampler)
    if needed is None:
        return
    try:
        targets = check_sampling_strategy(sampler.sampling_strategy, y, "over-sampling")
    except (ValueError, TypeError):
        return  # an invalid strategy: the sampler's own error says it best
    counts = class_counts(y)
    for klass, n_new in targets.items():
        have = counts.get(plain(klass), 0)
        if n_new > 0 and have < needed:
            param = next(p for p in _CLASS_NEIGHBOUR_PARAMS if hasattr(sampler, p))
            k = getattr(sampler, param)
            # with one row there is no neighbour to interpolate towards
            lower = f"lower {param} to {have - 1} or less, or " if have > 1 else ""
            raise ValueError(
                f"class {plain(klass)!r} has {have} row(s) in {where}; "
                f"{type(sampler).__name__}({param}={k}) needs at least {needed} — "
                f"{lower}use RandomOverSampler, which works with any class size."
            )


def fit_resample(
    sampler: Any, X: Any, y: np.ndarray, *, where: str
) -> tuple[Any, Any, np.ndarray]:
    """Fit a clone of ``sampler`` on (X, y); return it with its output.

    ``where`` names the data in error messages ("training fold 2 of 5").
    """
    sampler_ = clone(sampler)
    _check_class_sizes(sampler_, y, where)
    try:
        X_res, y_res = sampler_.fit_resample(X, y)
    except (ValueError, RuntimeError) as exc:  # ADASYN raises RuntimeError
        raise ValueError(
            f"{sampler!r} failed on {where} (class counts {class_counts(y)}): {exc}"
        ) from exc
    return sampler_, X_res, np.asarray(y_res)


def pick_rows(
    sampler: Any,
    y: np.ndarray,
    *,
    features: Any = None,
    where: str,
) -> np.ndarray:
    """Fit a clone of ``sampler``; return the indices of the rows it keeps.

    The one way rows are picked by index (:class:`~imbsafe.ResampledCV`, the
    skorch split, the Hugging Face resampler). ``features`` gives the rows'
    feature values: an array, or a callable that returns them, called only
    when the sampler reads them, so a sampler that selects on y alone is
    fitted on a one-column placeholder and the rows are never copied.
    Raises :class:`~imbsafe.SamplerNotIndexableError` when the sampler
    creates rows or returns rows that differ from its input.
    """
    check_indexable_sampler(sampler)
    if sampler_kind(sampler) == LABEL_ONLY:
        placeholder = np.zeros((y.shape[0], 1), dtype=np.float32)
        sampler_, _, _ = fit_resample(sampler, placeholder, y, where=where)
        return np.asarray(sampler_.sample_indices_, dtype=np.intp)

    X = features() if callable(features) else features
    sampler_, X_res, y_res = fit_resample(sampler, X, y, where=where)
    indices = getattr(sampler_, "sample_indices_", None)
    if indices is None:
        raise _not_indexable(sampler, "sets no sample_indices_ (it creates rows)")
    indices = np.asarray(indices, dtype=np.intp)
    copies = same_rows(_safe_indexing(X, indices), X_res)
    if not (copies and same_rows(y[indices], y_res)):
        raise _not_indexable(sampler, "returns rows that differ from the input rows")
    return indices
