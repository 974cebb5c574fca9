"""compare_remedies: which fix for imbalance works on this data, honestly measured.

Every remedy (nothing, class weights, a sampler, a tuned decision threshold,
or a combination) is fitted on the same outer training folds and scored on
the same untouched test folds, under the split-then-resample protocol: a
sampler only ever sees a training fold, and a threshold is tuned by an inner
cross-validation of the training fold (scikit-learn's
``TunedThresholdClassifierCV``), never on the test fold.

A remedy and its ``"+threshold"`` variant share one fit per fold: the tuner
refits the remedy on the whole training fold, and that refitted model is the
untuned remedy, scored at its default threshold.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.base import BaseEstimator, ClassifierMixin, clone, is_classifier
from sklearn.exceptions import FitFailedWarning, UndefinedMetricWarning
from sklearn.metrics import make_scorer
from sklearn.model_selection import (
    StratifiedKFold,
    TunedThresholdClassifierCV,
    check_cv,
)
from sklearn.utils import _safe_indexing
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.validation import check_is_fitted, column_or_1d

from ._compare import seeded
from ._parallel import parallel_map
from ._plotting import pyplot
from ._random import int_seed
from ._sampling import check_target
from ._stack import user_stacklevel
from ._wrapper import ResampledClassifier
from .metrics import RANKING_METRICS, RATE_METRICS, THRESHOLD_METRICS, binary_report
from .metrics._scorer import defined_mean_std, policy_score

__all__ = ["RemedyResult", "compare_remedies"]

THRESHOLD = "threshold"
CLASS_WEIGHT = "class_weight"
BASELINE = "none"
STATS = ("mean", "std", "diff", "diff_low", "diff_high")


def default_remedies(random_state: Any = None) -> dict[str, Any]:
    """Return the default line-up: nothing, weights, samplers, a tuned threshold."""
    from imblearn.over_sampling import SMOTE, RandomOverSampler
    from imblearn.under_sampling import RandomUnderSampler

    return {
        BASELINE: None,
        CLASS_WEIGHT: CLASS_WEIGHT,
        "ros": RandomOverSampler(random_state=random_state),
        "rus": RandomUnderSampler(random_state=random_state),
        "smote": SMOTE(random_state=random_state),
        THRESHOLD: THRESHOLD,
        "smote+threshold": (SMOTE(random_state=random_state), THRESHOLD),
    }


@dataclass(frozen=True, eq=False)  # results compare by identity, like DataFrames
class RemedyResult:
    """The tournament's scores, fold by fold, and their summary.

    Attributes
    ----------
    summary : pandas.DataFrame
        One row per remedy; columns a MultiIndex (metric, stat) with stat in
        ``mean``, ``std`` (over the folds where the metric is defined),
        ``diff`` (mean paired per-fold difference to ``"none"``), ``diff_low``
        and ``diff_high`` (its 95 % interval, Nadeau-Bengio corrected for the
        overlap of cross-validation training sets).
    folds : pandas.DataFrame
        Long format: remedy, fold, metric, score.
    best : str or None
        The remedy with the highest mean of the first scoring metric; None
        when no remedy has a defined mean (every one failed on some fold).
    thresholds : pandas.DataFrame
        Remedy x fold: the decision threshold each fold used, on the scale of
        the scores (where it was not tuned, the estimator's own: 0.5 on
        ``predict_proba``, 0 on ``decision_function``).
    scores : pandas.DataFrame
        One row per test row of each fold and remedy (remedy, fold, y_true,
        score): the positive-class probability the curves are drawn from
        (the decision value, for an estimator without ``predict_proba``).
    verdict : str
        One sentence: the best remedy, and which ones cannot be told apart
        from ``"none"`` on these folds.
    tuned : tuple of str
        The remedies whose decision threshold was tuned.
    failures : dict
        Remedy -> why it could not be fitted on some folds (those folds score
        ``error_score``); empty when every fit succeeded.
    """

    summary: pd.DataFrame
    folds: pd.DataFrame
    best: str | None
    thresholds: pd.DataFrame
    scores: pd.DataFrame = field(repr=False)
    verdict: str = ""
    tuned: tuple[str, ...] = ()
    failures: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Plain Python values, ready for ``json.dumps`` (NaN where undefined)."""
        return {
            "best": self.best,
            "verdict": self.verdict,
            "summary": {
                remedy: {
                    metric: {stat: float(row[(metric, stat)]) for stat in STATS}
                    for metric in self.summary.columns.get_level_values(0).unique()
                }
                for remedy, row in self.summary.iterrows()
            },
            "thresholds": {
                remedy: [float(v) for v in row]
                for remedy, row in self.thresholds.iterrows()
            },
            "tuned": list(self.tuned),
            "failures": dict(self.failures),
        }

    def plot(self, ax: Any = None) -> Any:
        """Draw each remedy's mean precision-recall curve on the untouched folds.

        A remedy with a tuned threshold scores its rows as its base remedy
        does, so it is drawn as its operating point: the mean recall and
        precision over the folds at the thresholds it chose.

        Parameters
        ----------
        ax : matplotlib Axes, default=None
            Where to draw (a new figure when None).

        Returns
        -------
        ax : matplotlib Axes
        """
        if ax is None:
            _, ax = pyplot("RemedyResult.plot()").subplots(figsize=(6.4, 4.8))
        grid = np.linspace(0, 1, 101)
        for remedy, part in self.scores.groupby("remedy", sort=False):
            # folds where the remedy could not be fitted have no scores
            folds = [
                (f, fold)
                for f, fold in part.groupby("fold")
                if fold["score"].notna().all()
            ]
            if not folds:
                continue
            if remedy in self.tuned:
                # a tuned threshold is a point on its base remedy's curve
                cut = self.thresholds.loc[remedy]
                points = np.array([_operating_point(fold, cut[f]) for f, fold in folds])
                if np.isnan(points).all(axis=0).any():
                    continue
                recall, precision = np.nanmean(points, axis=0)
                ax.plot(recall, precision, "o", ms=8, label=f"{remedy} (tuned)")
                continue
            curves = np.array(
                [
                    _precision_at(
                        fold["y_true"].to_numpy(), fold["score"].to_numpy(), grid
                    )
                    for _, fold in folds
                ]
            )
            if np.isnan(curves).all():
                continue
            ax.plot(grid, np.nanmean(curves, axis=0), label=str(remedy))
        first = self.scores["remedy"].iloc[0]
        prevalence = self.scores.loc[self.scores["remedy"] == first, "y_true"].mean()
        ax.axhline(prevalence, color="grey", ls="--", lw=1, label="prevalence")
        ax.set(xlabel="recall", ylabel="precision", xlim=(0, 1), ylim=(0, 1.02))
        ax.set_title("Mean precision-recall curve over the untouched test folds")
        ax.legend(fontsize="small")
        return ax


def _operating_point(fold: pd.DataFrame, threshold: float) -> tuple[float, float]:
    """Recall and precision of one fold's scores at ``threshold``."""
    y, predicted = fold["y_true"].to_numpy(), fold["score"].to_numpy() >= threshold
    hits = float(np.sum(predicted & (y == 1)))
    recall = hits / y.sum() if y.sum() else np.nan
    precision = hits / predicted.sum() if predicted.sum() else np.nan
    return recall, precision


def _precision_at(y: np.ndarray, score: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """Interpolated precision (the best at recall >= r) on a recall grid."""
    from sklearn.metrics import precision_recall_curve

    if y.sum() == 0:
        return np.full(grid.shape, np.nan)
    precision, recall, _ = precision_recall_curve(y, score)
    # recall falls along the arrays: the best precision at recall >= r is the
    # running maximum from the start
    best = np.maximum.accumulate(precision)
    order = np.argsort(recall, kind="stable")
    return np.interp(grid, recall[order], best[order])


def compare_remedies(
    estimator: Any,
    X: Any,
    y: Any,
    *,
    remedies: Mapping[str, Any] | Sequence[str] | None = None,
    cv: Any = 5,
    scoring: str | Iterable[str] = ("average_precision", "f1"),
    groups: Any = None,
    n_jobs: int | None = None,
    random_state: Any = None,
    error_score: float | str = math.nan,
) -> RemedyResult:
    """Score every remedy for class imbalance on the same outer folds.

    Each remedy is fitted on the same training folds and scored on the same
    untouched test folds (original rows at the original class ratio).
    Samplers resample the training fold only (:class:`ResampledClassifier`),
    and a threshold is tuned inside the training fold only (scikit-learn's
    ``TunedThresholdClassifierCV`` with an inner stratified 5-fold
    cross-validation), for the first threshold metric in ``scoring`` (F1 by
    default). The summary gives each remedy's mean and the paired per-fold
    difference to ``"none"`` with its 95 % interval.

    Parameters
    ----------
    estimator : classifier
        The model every remedy starts from (cloned for every fit).
    X : array-like or DataFrame of shape (n_samples, n_features)
        The features.
    y : array-like of shape (n_samples,)
        Binary class labels; the minority class is the positive one.
    remedies : dict or list of str, default=None
        Names from the default line-up (``["ros", "smote"]``), or name ->
        remedy. A remedy is None (nothing), an imbalanced-learn
        sampler, an estimator (used as is, e.g. with its own
        ``class_weight``, or ``ResampledClassifier(model, sampler,
        prior_correction=True)`` for a sampler with its probabilities mapped
        back to the real base rate), the string ``"class_weight"`` (the estimator's
        ``class_weight="balanced"`` where it has that parameter, else
        balanced ``sample_weight`` at fit), the string ``"threshold"``, or a
        tuple ``(remedy, "threshold")``. None means ``"none"``,
        ``"class_weight"``, ``"ros"``, ``"rus"``, ``"smote"``,
        ``"threshold"`` and ``"smote+threshold"``. ``"none"`` is added when
        missing: the differences are taken to it.
    cv : int, cross-validation generator or iterable, default=5
        The outer folds, as in :func:`~sklearn.model_selection.cross_validate`
        (an int means ``StratifiedKFold``; an unseeded shuffling splitter gets
        one seed, so every remedy sees the same folds).
    scoring : str or sequence of str, default=("average_precision", "f1")
        Names of :func:`imbsafe.metrics.binary_report` metrics; undefined
        folds score NaN (with a warning) and are left out of the means.
    groups : array-like of shape (n_samples,), default=None
        Group labels for a group splitter.
    n_jobs : int, default=None
        Parallel (remedy, fold) fits, as in scikit-learn.
    random_state : int, RandomState instance or None, default=None
        Seed of the default samplers and of the inner threshold folds (a
        ``RandomState`` gives one seed, drawn once, to all of them).
    error_score : "raise" or float, default=nan
        The score of a remedy on a fold where it cannot be fitted (say, SMOTE
        on a training fold with fewer positives than its ``k_neighbors``), as
        in :func:`~sklearn.model_selection.cross_validate`: a
        :class:`~sklearn.exceptions.FitFailedWarning` names the remedy, the
        folds and the reason. ``"raise"`` raises the error instead. When
        ``"none"`` cannot be fitted on any fold, the error is raised.

    Returns
    -------
    result : RemedyResult
        ``summary``, ``folds``, ``best``, ``thresholds``, ``scores``,
        ``verdict`` and ``plot()``.

    See Also
    --------
    compare_resampling : How much resampling before the split overstates.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from imbsafe import compare_remedies
    >>> X, y = make_classification(n_samples=600, weights=[0.9], random_state=0)
    >>> result = compare_remedies(
    ...     LogisticRegression(),
    ...     X,
    ...     y,
    ...     remedies={"none": None, "weights": "class_weight"},
    ...     random_state=0,
    ... )
    >>> list(result.summary.index)
    ['none', 'weights']
    >>> float(result.summary.loc["none", ("f1", "diff")])
    0.0
    """
    return run_tournament(
        estimator,
        X,
        y,
        remedies=remedies,
        cv=cv,
        scoring=scoring,
        groups=groups,
        n_jobs=n_jobs,
        random_state=random_state,
        error_score=error_score,
    )


def run_tournament(
    estimator: Any,
    X: Any,
    y: Any,
    *,
    remedies: Mapping[str, Any] | Sequence[str] | None,
    cv: Any,
    scoring: Any,
    groups: Any,
    n_jobs: int | None,
    random_state: Any,
    error_score: float | str = math.nan,
    on_task: Any = None,
) -> RemedyResult:
    """Run :func:`compare_remedies`; ``on_task(done, total)`` after each fit.

    The command line's progress display is the only caller that passes it.
    """
    y = check_target(y, owner="compare_remedies")
    classes = np.unique(y)
    if classes.shape[0] != 2:
        raise ValueError(
            f"compare_remedies needs a binary target, got {classes.shape[0]} classes "
            f"({classes.tolist()[:5]}): map it to one class against the rest first."
        )
    metrics = _metrics(scoring)
    _check_error_score(error_score)
    tune_for = next((m for m in metrics if m in THRESHOLD_METRICS), "f1")
    seed = int_seed(random_state)  # one draw: every remedy sees the same seed
    plans = _plans(estimator, remedies, seed)
    positive = _minority(y)
    y01 = (y == positive).astype(np.int64)
    if groups is not None:
        groups = column_or_1d(groups)
    splitter = seeded(check_cv(cv, y01, classifier=True))
    folds = list(splitter.split(X, y01, groups))
    inner = StratifiedKFold(5, shuffle=True, random_state=seed)

    # One task per (base remedy, fold); a base tuned and untuned is one task.
    bases: dict[str, tuple[Any, list[tuple[str, bool]]]] = {}
    for name, (key, base, tuned) in plans.items():
        bases.setdefault(key, (base, []))[1].append((name, tuned))
    tasks = [
        (key, fold, train, test)
        for key in bases
        for fold, (train, test) in enumerate(folds)
    ]
    jobs = parallel_map(
        _fit_and_score,
        (
            (*bases[key], X, y01, train, test, metrics, tune_for, inner, error_score)
            for key, _, train, test in tasks
        ),
        n_jobs,
    )
    outputs = []
    for output in jobs:
        outputs.append(output)
        if on_task is not None:
            on_task(len(outputs), len(tasks))
    rows, thresholds, curves = [], {}, []
    failed: dict[str, list[tuple[int, str]]] = {}
    for (_, fold, _, test), results in zip(tasks, outputs, strict=True):
        for name, (scores, threshold, positive_score, failure) in results.items():
            if failure is not None:
                failed.setdefault(name, []).append((fold, failure))
            rows += [(name, fold, m, scores[m]) for m in metrics]
            thresholds[name, fold] = threshold
            curves.append(
                pd.DataFrame(
                    {
                        "remedy": name,
                        "fold": fold,
                        "y_true": y01[test],
                        "score": positive_score,
                    }
                )
            )
    order = list(plans)
    failures = _report_failures(failed, order, len(folds), error_score)
    table = pd.DataFrame(rows, columns=["remedy", "fold", "metric", "score"])
    table["remedy"] = pd.Categorical(table["remedy"], categories=order, ordered=True)
    table = table.sort_values(["remedy", "fold", "metric"], kind="stable")
    table["remedy"] = table["remedy"].astype(str)
    table = table.reset_index(drop=True)
    n_train = np.mean([len(train) for train, _ in folds])
    n_test = np.mean([len(test) for _, test in folds])
    summary = _summary(table, order, metrics, n_test / n_train)
    if isinstance(error_score, float) and math.isnan(error_score):
        # as the mean of cross_validate's scores with error_score=nan: a remedy
        # that could not be fitted on every fold has no summary (its folds
        # that did run stay in ``folds``), and never ranks best
        summary.loc[list(failures)] = math.nan
    means = summary[(metrics[0], "mean")]
    best = str(means.idxmax()) if means.notna().any() else None
    threshold_table = pd.DataFrame(
        [[thresholds[name, f] for f in range(len(folds))] for name in order],
        index=pd.Index(order, name="remedy"),
        columns=pd.Index(range(len(folds)), name="fold"),
    )
    tuned = tuple(name for name in order if plans[name][2])
    return RemedyResult(
        summary=summary,
        folds=table,
        best=best,
        thresholds=threshold_table,
        scores=pd.concat(curves, ignore_index=True),
        verdict=verdict_of(summary, metrics[0], best, list(tuned), tune_for, failures),
        tuned=tuned,
        failures=failures,
    )


def _check_error_score(error_score: Any) -> None:
    if isinstance(error_score, str):
        if error_score == "raise":
            return
    elif isinstance(error_score, int | float | np.number) and not isinstance(
        error_score, bool
    ):
        return
    raise ValueError(f"error_score must be 'raise' or a number, got {error_score!r}.")


def _report_failures(
    failed: dict[str, list[tuple[int, str]]],
    order: list[str],
    n_folds: int,
    error_score: Any,
) -> dict[str, str]:
    """Warn once per remedy that failed on some folds; refuse a failed baseline."""
    if len(failed.get(BASELINE, ())) == n_folds:
        raise ValueError(
            f"compare_remedies: the estimator itself ('none') could not be fitted "
            f"on any fold: {failed[BASELINE][0][1]}"
        )
    failures = {}
    for name in order:
        if name not in failed:
            continue
        folds = [fold for fold, _ in failed[name]]
        why = failed[name][0][1]
        failures[name] = why
        warnings.warn(
            f"compare_remedies: remedy {name!r} could not be fitted on "
            f"{len(folds)} of {n_folds} folds ({folds}), scored {error_score} "
            f"there: {why}",
            FitFailedWarning,
            stacklevel=user_stacklevel(),
        )
    return failures


def _metrics(scoring: Any) -> list[str]:
    if callable(scoring) or not isinstance(scoring, str | Sequence):
        raise TypeError(
            "compare_remedies(scoring=...) takes metric names, a string or a list "
            f"of them from {list(RATE_METRICS)}, not a {type(scoring).__name__}: "
            "every metric is computed from one set of predictions per fold."
        )
    names = [scoring] if isinstance(scoring, str) else list(scoring)
    unknown = [m for m in names if m not in RATE_METRICS]
    if not names or unknown:
        raise ValueError(
            f"compare_remedies(scoring=...) got unknown metric(s) {unknown}; choose "
            f"from {list(RATE_METRICS)}."
        )
    return names


def _minority(y: np.ndarray) -> Any:
    labels, counts = np.unique(y, return_counts=True)
    return labels[np.argmin(counts)] if counts[0] != counts[1] else labels[-1]


def _plans(estimator: Any, remedies: Any, random_state: Any) -> dict[str, tuple]:
    """Name -> (base key, base estimator, tuned?) for every remedy."""
    if not is_classifier(estimator):
        raise TypeError(
            f"compare_remedies needs a classifier, got {type(estimator).__name__}."
        )
    chosen = _chosen(remedies, random_state)
    if BASELINE not in chosen:
        chosen = {BASELINE: None, **chosen}
    plans, keys = {}, {}
    for name, spec in chosen.items():
        tuned = False
        if isinstance(spec, tuple):
            if len(spec) != 2 or spec[1] != THRESHOLD:
                raise ValueError(
                    f"remedy {name!r}: a tuple must be (remedy, 'threshold'), got "
                    f"{spec!r}."
                )
            spec, tuned = spec[0], True
        elif isinstance(spec, str) and spec == THRESHOLD:
            spec, tuned = None, True
        base = _base(estimator, spec, name)
        # Remedies on the same base share their fits: a remedy and its
        # "+threshold" variant are fitted once. Same base: both nothing, the
        # same object, or equal parameters (a repr without object addresses).
        key = keys.setdefault(_base_key(spec), name)
        plans[name] = (key, base, tuned)
    return plans


def _chosen(remedies: Any, random_state: Any) -> dict[str, Any]:
    """Name -> remedy from a dict, or from names of the default line-up."""
    defaults = default_remedies(random_state)
    if remedies is None:
        return defaults
    if isinstance(remedies, Mapping):
        if not all(isinstance(k, str) for k in remedies):
            raise TypeError("remedies must map names (str) to remedies.")
        return dict(remedies)
    names = [remedies] if isinstance(remedies, str) else remedies
    try:
        names = list(names)
    except TypeError:
        names = None
    if names is None or not all(isinstance(n, str) for n in names):
        raise TypeError(
            "remedies must be a dict of name -> remedy, or a list of names from "
            f"{list(defaults)}; got {type(remedies).__name__}."
        )
    unknown = [n for n in names if n not in defaults]
    if unknown:
        raise ValueError(
            f"unknown remedy name(s) {unknown}; the names are {list(defaults)}, or "
            "pass a dict of name -> remedy (a sampler, an estimator, "
            "'class_weight', 'threshold', None or (remedy, 'threshold'))."
        )
    return {name: defaults[name] for name in names}


def _base_key(spec: Any) -> Any:
    if spec is None:
        return BASELINE
    text = repr(spec)
    return ("id", id(spec)) if " at 0x" in text else ("repr", text)


def _base(estimator: Any, spec: Any, name: str) -> Any:
    if spec is None:
        return clone(estimator)
    if isinstance(spec, str):
        if spec != CLASS_WEIGHT:
            raise ValueError(
                f"remedy {name!r}: unknown string {spec!r}; use 'class_weight', "
                "'threshold', a sampler, an estimator, None or (remedy, 'threshold')."
            )
        return _balanced(estimator)
    if hasattr(spec, "fit_resample"):
        return ResampledClassifier(estimator, spec)
    if hasattr(spec, "fit") and hasattr(spec, "predict"):
        return clone(spec)
    raise TypeError(
        f"remedy {name!r}: {type(spec).__name__} is neither a sampler nor an "
        "estimator; use 'class_weight', 'threshold', a sampler, an estimator, None "
        "or (remedy, 'threshold')."
    )


def _balanced(estimator: Any) -> Any:
    """Give the estimator class_weight="balanced", or balanced sample weights."""
    params = estimator.get_params()
    if "class_weight" in params:
        return clone(estimator).set_params(class_weight="balanced")
    steps = getattr(estimator, "steps", None)
    if steps:
        last = f"{steps[-1][0]}__class_weight"
        if last in params:
            return clone(estimator).set_params(**{last: "balanced"})
    return BalancedSampleWeight(estimator)


class BalancedSampleWeight(ClassifierMixin, BaseEstimator):
    """Fit ``estimator`` with balanced ``sample_weight`` (class weights by row).

    For estimators without a ``class_weight`` parameter: each row weighs
    ``n_samples / (n_classes * n_rows_of_its_class)``, as scikit-learn's
    ``class_weight="balanced"``. A Pipeline gets the weights in its last step.

    Parameters
    ----------
    estimator : classifier
        Cloned and fitted with the weights.
    """

    def __init__(self, estimator: Any) -> None:
        self.estimator = estimator

    def fit(self, X: Any, y: Any) -> BalancedSampleWeight:
        """Fit a clone of the estimator with balanced sample weights."""
        weight = compute_sample_weight("balanced", y)
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

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities of the fitted estimator."""
        check_is_fitted(self)
        return self.estimator_.predict_proba(X)


def tuning_value(y_true: Any, y_pred: Any, *, metric: str) -> float:
    """One metric for choosing a threshold: an undefined value counts as 0.

    A threshold at which the metric is undefined (no predicted positive, for
    precision) must never win, so it scores 0 here. The reported scores follow
    the NaN policy; this value only ranks thresholds inside a training fold.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        value = binary_report(y_true, (np.asarray(y_pred) == 1).astype(float))[metric]
    return 0.0 if math.isnan(value) else float(value)


def _fit_and_score(
    base: Any,
    variants: list[tuple[str, bool]],
    X: Any,
    y: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    metrics: list[str],
    tune_for: str,
    inner: Any,
    error_score: Any = math.nan,
) -> dict[str, tuple[dict[str, float], float, np.ndarray, str | None]]:
    """Fit one base remedy on one training fold; score it and its tuned form."""
    X_train, X_test = _safe_indexing(X, train), _safe_indexing(X, test)
    y_train, y_test = y[train], y[test]
    tuner, tuner_failure = None, None
    try:
        if any(tuned for _, tuned in variants):
            try:
                tuner = TunedThresholdClassifierCV(
                    base,
                    scoring=make_scorer(tuning_value, metric=tune_for),
                    cv=inner,
                    refit=True,
                ).fit(X_train, y_train)
            except Exception as e:
                # the threshold's inner folds fail on their own account: the
                # untuned remedy is still fitted below
                if error_score == "raise":
                    raise
                tuner_failure = _failure(e)
        # the tuner's refit is the remedy on the whole fold
        plain = (
            tuner.estimator_ if tuner is not None else clone(base).fit(X_train, y_train)
        )
        # One inference pass each: the ranking metrics and the curves read the
        # positive-class scores; the threshold metrics read predict, and the
        # tuned variant the same scores cut at its threshold.
        score = _positive_score(plain, X_test)
        predicted = np.asarray(plain.predict(X_test))
    except Exception as e:
        if error_score == "raise":
            raise
        # as cross_validate's error_score: the fold scores error_score, and
        # the caller warns once per remedy
        failed = _failed(metrics, len(test), error_score, _failure(e))
        return {name: failed for name, _ in variants}
    out = {}
    for name, tuned in variants:
        if tuned and tuner is None:
            out[name] = _failed(metrics, len(test), error_score, tuner_failure)
            continue
        # untuned: the estimator's own cut, 0.5 on probabilities and 0 on
        # decision_function scores
        default = 0.5 if hasattr(plain, "predict_proba") else 0.0
        threshold = float(tuner.best_threshold_) if tuned else default
        if tuned:
            labels = (
                (score >= threshold).astype(np.int64)
                if hasattr(plain, "predict_proba")
                else np.asarray(tuner.predict(X_test))
            )
        else:
            labels = predicted
        scores = {
            metric: policy_score(
                y_test,
                labels if metric in THRESHOLD_METRICS else score,
                metric=metric,
                pos_label=1,
                undefined=math.nan,
            )
            for metric in metrics
        }
        out[name] = (scores, threshold, score, None)
    return out


def _failure(error: Exception) -> str:
    """Describe an error in one line: its type and its message's first line."""
    text = str(error).strip().splitlines()
    return f"{type(error).__name__}: {text[0] if text else ''}"


def _failed(metrics: list[str], n_test: int, error_score: Any, failure: str) -> tuple:
    """Return a variant's result on a fold where it could not be fitted."""
    return (
        {metric: float(error_score) for metric in metrics},
        math.nan,
        np.full(n_test, np.nan),
        failure,
    )


def _positive_score(model: Any, X: Any) -> np.ndarray:
    if hasattr(model, "predict_proba"):
        return np.asarray(model.predict_proba(X))[:, 1]
    return np.asarray(model.decision_function(X))


def _summary(
    table: pd.DataFrame, order: list[str], metrics: list[str], test_train_ratio: float
) -> pd.DataFrame:
    """Mean, spread and the paired difference to "none" with its interval.

    The interval is Nadeau and Bengio's corrected resampled t interval: the
    variance of the per-fold differences is scaled by 1/k + n_test/n_train,
    since the training sets of k folds overlap and their scores are not
    independent (the plain t interval would be too narrow).
    """
    wide = table.pivot_table(
        index=["remedy", "fold"], columns="metric", values="score", dropna=False
    )
    out = {}
    for metric in metrics:
        base = wide.loc[BASELINE, metric]
        for remedy in order:
            values = wide.loc[remedy, metric]
            diff = (values - base).dropna().to_numpy()
            mean, std = defined_mean_std(values)
            k = diff.shape[0]
            mean_diff = float(diff.mean()) if k else math.nan
            if k > 1 and np.any(diff != diff[0]):
                spread = diff.std(ddof=1) * math.sqrt(1 / k + test_train_ratio)
                half = stats.t.ppf(0.975, k - 1) * spread
            else:
                # equal differences on every fold: no spread; one fold: no
                # interval at all
                half = 0.0 if k > 1 else math.nan
            out.setdefault(remedy, {}).update(
                {
                    (metric, "mean"): mean,
                    (metric, "std"): std,
                    (metric, "diff"): mean_diff,
                    (metric, "diff_low"): mean_diff - half,
                    (metric, "diff_high"): mean_diff + half,
                }
            )
    summary = pd.DataFrame.from_dict(out, orient="index")
    summary.columns = pd.MultiIndex.from_tuples(
        summary.columns, names=["metric", "stat"]
    )
    summary.index.name = "remedy"
    return summary.loc[order]


def verdict_of(
    summary: pd.DataFrame,
    metric: str,
    best: str | None,
    tuned: list[str],
    tune_for: str,
    failures: Mapping[str, str] | None = None,
) -> str:
    """One sentence: the best remedy, and how each other one compares to "none".

    A ranking metric does not depend on the decision threshold, so a tuned
    variant scores exactly as its base remedy: it is named apart, with the
    metric that can judge it, rather than called indistinguishable.
    """
    low, high = summary[(metric, "diff_low")], summary[(metric, "diff_high")]
    blind = tuned if metric in RANKING_METRICS else []
    failures = dict(failures or {})
    others = [r for r in summary.index if r not in (BASELINE, best, *blind, *failures)]
    text = f"{best} is best by mean {metric}"
    if best is None:
        text = f"no remedy has a defined mean {metric}, so none is ranked"
    elif best == BASELINE:
        pass
    elif np.isnan(low[best]):
        text += ", but it cannot be compared with none on these folds"
    elif low[best] > 0:
        text += " and better than none"
    else:
        text += ", but not distinguishable from none on these folds"
    parts = [text]
    for verdict, chosen in (
        ("better than none", [r for r in others if low[r] > 0]),
        (
            "not distinguishable from none",
            [r for r in others if low[r] <= 0 <= high[r]],
        ),
        ("worse than none", [r for r in others if high[r] < 0]),
        (
            "not comparable with none (too few folds where both are defined)",
            [r for r in others if np.isnan(low[r])],
        ),
    ):
        if chosen:
            verb = "is" if len(chosen) == 1 else "are"
            parts.append(f"{', '.join(chosen)} {verb} {verdict}")
    blind = [r for r in blind if r != best and r not in failures]
    if blind:
        verb = "scores" if len(blind) == 1 else "score"
        parts.append(
            f"{', '.join(blind)} {verb} as without the tuned threshold, which "
            f"{metric} does not depend on: judge {'it' if len(blind) == 1 else 'them'}"
            f" by {tune_for}"
        )
    if failures:
        verb = "is" if len(failures) == 1 else "are"
        parts.append(
            f"{', '.join(failures)} could not be fitted on every fold, so {verb} not "
            "ranked (the FitFailedWarning says why)"
        )
    return "; ".join(parts) + f" ({metric}, 95 % intervals of the paired differences)."
