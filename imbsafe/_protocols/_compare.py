"""compare_resampling: resample-then-split against split-then-resample."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from numbers import Integral
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import clone
from sklearn.metrics import check_scoring
from sklearn.model_selection import check_cv
from sklearn.neighbors import NearestNeighbors
from sklearn.utils import _safe_indexing
from sklearn.utils.validation import column_or_1d

from .._fit._boosting import stops_on_eval_set
from .._fit._plan import at_final_step
from .._fit._wrapper import ResampledClassifier
from .._resample._sampling import check_target, fit_resample, is_passthrough
from .._utils._classes import positive_score
from ..metrics import METRIC_NAMES, get_scorer
from ._comparison import ComparisonResult, ProtocolScores
from ._folds import FoldTask, fold_rows, run_folds, seeded

__all__ = ["ComparisonResult", "ProtocolJob", "compare_resampling", "run_protocols"]


def _scorer(name: str) -> Any:
    """Return the NaN-policy scorer of a metric where there is one, else the name."""
    if name in METRIC_NAMES:
        return get_scorer(name)
    return name


def scoring_dict(scoring: Any) -> dict[str, Any]:
    """``scoring`` as a dict name -> scorer (NaN-policy scorers for our names)."""
    if isinstance(scoring, str):
        return {scoring: _scorer(scoring)}
    if isinstance(scoring, dict):
        return dict(scoring)
    if callable(scoring):
        return {"score": scoring}
    if isinstance(scoring, Iterable):
        names = list(scoring)
        if not names or not all(isinstance(n, str) for n in names):
            raise ValueError(
                "scoring must be a metric name, a list of names, a dict of "
                f"name -> scorer or a scorer; got {scoring!r}."
            )
        return {name: _scorer(name) for name in names}
    raise ValueError(f"scoring must be a name, list, dict or callable; got {scoring!r}")


def compare_resampling(
    estimator: Any,
    sampler: Any,
    X: Any,
    y: Any,
    *,
    cv: Any = 5,
    scoring: str | Iterable[str] | dict | Callable = (
        "f1",
        "roc_auc",
        "average_precision",
    ),
    groups: Any = None,
    n_jobs: int | None = None,
) -> ComparisonResult:
    """Score the naive and the safe resampling protocol with the same splitter.

    The naive protocol resamples all of (X, y) and then cross-validates on the
    resampled data: copies or interpolations of minority rows land on both
    sides of each split, and each test fold is balanced. The safe protocol
    splits first and resamples only the training fold (through
    :class:`ResampledClassifier`), so every test fold holds original rows at
    the original class ratio. The difference is how much the naive protocol
    overstates each metric.

    A model that early-stops on an evaluation set (XGBoost, LightGBM,
    CatBoost) early-stops in both protocols, on ``eval_fraction`` (0.1) of
    the rows of each training fold: the naive protocol carves it from its
    resampled training fold, as a naive script does (copies or
    interpolations of the rows it fits, at the resampled balance); the safe
    protocol splits it off untouched before resampling (see
    :class:`ResampledClassifier`).

    Parameters
    ----------
    estimator : classifier
        Cloned for every fit.
    sampler : imbalanced-learn sampler, None or "passthrough"
        Any sampler, SMOTE included. Cloned for every fit. ``None`` gives the
        baseline without resampling, where both protocols are the same.
    X : array-like or DataFrame of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    cv : int, cross-validation generator or iterable, default=5
        An int (``StratifiedKFold(cv)``) or a splitter object. Both protocols use
        a copy of it (same n_splits, shuffle, random_state); a shuffling
        splitter without a seed gets one drawn once, so both protocols shuffle
        alike. Fixed lists of indices are refused, as they cannot split the
        resampled data.
    scoring : str, list of str, dict or callable, default=("f1", "roc_auc", \
"average_precision")
        Metrics, as in :func:`sklearn.model_selection.cross_validate`. Names of
        :func:`imbsafe.metrics.binary_report` metrics use
        :func:`imbsafe.metrics.get_scorer`: a fold where the metric is
        undefined scores NaN (with a warning) and the summary averages the
        other folds.
    groups : array-like of shape (n_samples,), default=None
        Group labels for a group splitter (``GroupKFold``, ...). In the naive
        protocol each resampled row takes the group of the original row it
        copies, or, for a created row, of the nearest original row of its
        class (a SMOTE row's nearest original is one of its parents).
    n_jobs : int, default=None
        Parallel fits, as in :func:`~sklearn.model_selection.cross_validate`.

    Returns
    -------
    result : ComparisonResult
        ``result.folds`` (long DataFrame: protocol, fold, metric, value) and
        ``result.summary`` (indexed by metric: naive, safe, inflation).

    Examples
    --------
    >>> from imblearn.over_sampling import RandomOverSampler
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.model_selection import StratifiedKFold
    >>> from sklearn.tree import DecisionTreeClassifier
    >>> from imbsafe import compare_resampling
    >>> X, y = make_classification(
    ...     n_samples=600, weights=[0.95], flip_y=0.05, random_state=0
    ... )
    >>> result = compare_resampling(
    ...     DecisionTreeClassifier(random_state=0),
    ...     RandomOverSampler(random_state=0),
    ...     X,
    ...     y,
    ...     cv=StratifiedKFold(5, shuffle=True, random_state=0),
    ... )
    >>> list(result.summary.columns)
    ['naive', 'safe', 'inflation']
    >>> bool(result.summary.loc["f1", "inflation"] > 0.2)
    True
    """
    y = check_target(y)
    if not (isinstance(cv, Integral) or hasattr(cv, "split")):
        raise ValueError(
            "compare_resampling needs cv to be an int or a splitter object "
            "(StratifiedKFold, KFold, ...): the naive protocol splits the resampled "
            "data, which fixed lists of row indices cannot describe. Got "
            f"{type(cv).__name__}."
        )
    scorers = scoring_dict(scoring)
    splitter = seeded(check_cv(cv, y, classifier=True))
    if groups is not None:
        groups = column_or_1d(groups)
        if groups.shape[0] != y.shape[0]:
            raise ValueError(
                f"groups has {groups.shape[0]} labels for {y.shape[0]} rows of X."
            )
    return run_protocols(
        estimator, sampler, X, y, splitter, scorers, n_jobs, groups=groups
    )


def _follow_groups(X: Any, y: np.ndarray, groups: np.ndarray, X_res: Any, y_res: Any):
    """Give each resampled row the group of the original it copies, or is nearest."""
    X_dense = _numeric(X)
    X_new = _numeric(X_res)
    y_res = np.asarray(y_res)
    out = np.empty(y_res.shape[0], dtype=groups.dtype)
    for label in np.unique(y_res):
        rows, new = np.flatnonzero(y == label), np.flatnonzero(y_res == label)
        nearest = NearestNeighbors(n_neighbors=1).fit(_safe_indexing(X_dense, rows))
        hit = nearest.kneighbors(_safe_indexing(X_new, new), return_distance=False)
        out[new] = groups[rows[hit[:, 0]]]
    return out


def _numeric(X: Any) -> Any:
    if sparse.issparse(X):
        return X
    try:
        return np.asarray(X, dtype=float)
    except (TypeError, ValueError) as e:
        raise ValueError(
            "compare_resampling with groups follows each resampled row to an "
            "original row by its feature values, which must be numeric; encode "
            "the non-numeric columns first."
        ) from e


def run_protocols(
    estimator: Any,
    sampler: Any,
    X: Any,
    y: Any,
    splitter: Any,
    scorers: dict[str, Any],
    n_jobs: int | None,
    on_progress: Callable[[int, int, str], None] | None = None,
    safe_estimator: Any = None,
    groups: np.ndarray | None = None,
) -> ComparisonResult:
    """Fit and score every fold of both protocols.

    ``on_progress(done, total, step)`` is called as each fit finishes, in
    order (the command line's progress display; the same shape as
    :func:`imbsafe._remedies.run_tournament`'s). ``safe_estimator`` replaces
    ``ResampledClassifier(estimator, sampler)`` for the safe protocol, for
    models that resample inside their own fit (a skorch net with
    ``ResampledValidSplit``).
    """
    naive = clone(estimator)
    if is_passthrough(sampler):
        X_res, y_res, groups_res = X, y, groups
    else:
        X_naive = X
        if at_final_step(estimator, sampler, X):
            # the naive habit on a table the sampler cannot read: preprocess
            # everything, over-sample, then split and fit the model
            X_naive = naive[:-1].fit_transform(X, y)
            naive = naive.steps[-1][1]
        _, X_res, y_res = fit_resample(sampler, X_naive, y, where="the whole data set")
        groups_res = (
            None if groups is None else _follow_groups(X_naive, y, groups, X_res, y_res)
        )
    if stops_on_eval_set(naive):
        # as a naive script does: the evaluation set is carved from the
        # resampled training fold, with the safe protocol's eval_fraction
        naive = ResampledClassifier(naive, None)
    split_groups = {"naive": groups_res, "safe": groups}
    keep_scores = np.unique(y).shape[0] == 2
    jobs = {
        "naive": ProtocolJob(naive, X_res, y_res, scorers, keep_scores),
        "safe": ProtocolJob(
            ResampledClassifier(estimator, sampler)
            if safe_estimator is None
            else safe_estimator,
            X,
            y,
            scorers,
            keep_scores,
        ),
    }
    tasks = [
        FoldTask(protocol, fold, train, test)
        for protocol, job in jobs.items()
        for fold, (train, test) in enumerate(
            copy.deepcopy(splitter).split(job.X, job.y, split_groups[protocol])
        )
    ]
    n_folds = sum(task.name == "naive" for task in tasks)
    outputs = run_folds(
        jobs,
        tasks,
        n_jobs,
        on_progress,
        step=lambda task, _: f"{task.name} protocol: fold {task.fold + 1}/{n_folds}",
    )
    return ComparisonResult.from_folds(
        scorers,
        (
            (task.name, task.fold, scored)
            for task, scored in zip(tasks, outputs, strict=True)
        ),
    )


@dataclass(frozen=True)
class ProtocolJob:
    """One protocol's fold: fit a clone on the training rows, score the test rows.

    ``keep_scores``: keep each test row's positive-class score (binary
    targets), for the curves.
    """

    estimator: Any
    X: Any
    y: Any
    scorers: dict[str, Any]
    keep_scores: bool

    def __call__(self, task: FoldTask) -> ProtocolScores:
        """Fit and score the protocol on ``task``'s fold."""
        rows = fold_rows(self.X, self.y, task)
        fitted = clone(self.estimator).fit(rows.X_train, rows.y_train)
        scores = check_scoring(fitted, scoring=self.scorers)(
            fitted, rows.X_test, rows.y_test
        )
        curve = None
        if self.keep_scores and (
            hasattr(fitted, "predict_proba") or hasattr(fitted, "decision_function")
        ):
            curve = positive_score(fitted, rows.X_test)
        return ProtocolScores(
            scores, rows.y_test, curve, _last_logged(fitted, self.scorers)
        )


def _last_logged(fitted: Any, metrics: Iterable[str]) -> dict[str, float]:
    """``valid_<metric>`` of a skorch net's last epoch, wherever the net sits."""
    net = fitted
    while not hasattr(net, "history"):
        if hasattr(net, "estimator_"):
            net = net.estimator_
        elif hasattr(net, "steps"):
            net = net.steps[-1][1]
        else:
            return {}
    last = net.history[-1] if len(net.history) else {}
    return {m: float(last[f"valid_{m}"]) for m in metrics if f"valid_{m}" in last}
