"""The tournament's run: every (base remedy, fold) fit, scored on its test fold."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from sklearn.base import clone
from sklearn.exceptions import FitFailedWarning, UndefinedMetricWarning
from sklearn.metrics import make_scorer
from sklearn.model_selection import (
    StratifiedKFold,
    TunedThresholdClassifierCV,
    check_cv,
)
from sklearn.utils.validation import column_or_1d

from .._fit._prevalence import shift_prior
from .._fit._wrapper import ResampledClassifier
from .._protocols._folds import FoldTask, fold_rows, run_folds, seeded
from .._resample._sampling import check_target, is_passthrough
from .._utils._classes import minority_label, positive_score
from .._utils._errors import one_line
from .._utils._random import int_seed
from .._utils._stack import user_stacklevel
from ..metrics import THRESHOLD_METRICS, binary_report
from ..metrics._policy import check_metric_names, check_undefined
from ..metrics._scorer import policy_score
from ._result import RemedyResult
from ._specs import BASELINE, PRIOR, plans

__all__ = [
    "compare_remedies",
    "resamples",
    "run_tournament",
    "tuning_value",
    "with_brier",
]


class Scored(NamedTuple):
    """One remedy on one fold: its scores, threshold, scores of rows, failure."""

    scores: dict[str, float]
    threshold: float
    positive_score: np.ndarray
    failure: str | None


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
    on_progress: Callable[[int, int, str], None] | None = None,
) -> RemedyResult:
    """Run :func:`compare_remedies`; ``on_progress(done, total, step)`` per fit.

    The command line's progress display is the only caller that passes it.
    """
    y = check_target(y, owner="compare_remedies")
    classes = np.unique(y)
    if classes.shape[0] != 2:
        raise ValueError(
            f"compare_remedies needs a binary target, got {classes.shape[0]} classes "
            f"({classes.tolist()[:5]}): map it to one class against the rest first."
        )
    metrics = with_brier(
        check_metric_names(scoring, "compare_remedies(scoring=...)"), estimator
    )
    check_undefined(error_score, name="error_score")
    tune_for = next((m for m in metrics if m in THRESHOLD_METRICS), "f1")
    seed = int_seed(random_state)  # one draw: every remedy sees the same seed
    line_up = plans(estimator, remedies, seed)
    # every resampling remedy again, its probabilities mapped back to the
    # training prior: the same fitted models, scored a second way
    priors = {
        name + PRIOR: name
        for name, plan in line_up.items()
        if not plan.tuned and resamples(plan.base) and name + PRIOR not in line_up
    }
    positive = minority_label(y)
    y01 = (y == positive).astype(np.int64)
    if groups is not None:
        groups = column_or_1d(groups)
    splitter = seeded(check_cv(cv, y01, classifier=True))
    folds = list(splitter.split(X, y01, groups))
    inner = StratifiedKFold(5, shuffle=True, random_state=seed)

    # One task per (base remedy, fold); a base tuned and untuned is one task.
    bases: dict[str, tuple[Any, list[tuple[str, bool]]]] = {}
    for name, plan in line_up.items():
        bases.setdefault(plan.key, (plan.base, []))[1].append((name, plan.tuned))
    jobs = {
        key: RemedyJob(
            base,
            variants,
            X,
            y01,
            metrics,
            tune_for,
            inner,
            error_score,
            {p: n for p, n in priors.items() if line_up[n].key == key},
        )
        for key, (base, variants) in bases.items()
    }
    tasks = [
        FoldTask(key, fold, train, test)
        for key in bases
        for fold, (train, test) in enumerate(folds)
    ]
    outputs = run_folds(
        jobs,
        tasks,
        n_jobs,
        on_progress,
        # a remedy and its tuned threshold share one fit: name both
        step=lambda task, _: (
            " + ".join(name for name, _ in bases[task.name][1])
            + f": fold {task.fold + 1}/{len(folds)}"
        ),
    )
    scored = [
        (name, task.fold, y01[task.test], result)
        for task, results in zip(tasks, outputs, strict=True)
        for name, result in results.items()
    ]
    order = [
        shown
        for name in line_up
        for shown in (name, *(p for p, n in priors.items() if n == name))
    ]
    failures = _report_failures(scored, order, len(folds), error_score, priors)
    n_train = np.mean([len(train) for train, _ in folds])
    n_test = np.mean([len(test) for _, test in folds])
    return RemedyResult.from_folds(
        scored,
        order=order,
        metrics=metrics,
        n_folds=len(folds),
        tuned=tuple(name for name in line_up if line_up[name].tuned),
        tune_for=tune_for,
        test_share=n_test / n_train,
        failures=failures,
        error_score=error_score,
        settings={name: plan.setting for name, plan in line_up.items() if plan.setting},
    )


def _report_failures(
    scored: list[tuple[str, int, np.ndarray, Scored]],
    order: list[str],
    n_folds: int,
    error_score: Any,
    priors: Mapping[str, str],
) -> dict[str, str]:
    """Warn once per remedy that failed on some folds; refuse a failed baseline.

    A ``+prior`` variant fails with its remedy's fit: it is told there.
    """
    failed: dict[str, list[tuple[int, str]]] = {}
    for name, fold, _, result in scored:
        if result.failure is not None:
            failed.setdefault(name, []).append((fold, result.failure))
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
        if name in priors:
            continue
        warnings.warn(
            f"compare_remedies: remedy {name!r} could not be fitted on "
            f"{len(folds)} of {n_folds} folds ({folds}), scored {error_score} "
            f"there: {why}",
            FitFailedWarning,
            stacklevel=user_stacklevel(),
        )
    return failures


def with_brier(metrics: list[str], estimator: Any) -> list[str]:
    """Add ``brier`` where the scores are probabilities: what a remedy does to them."""
    if "brier" in metrics or not hasattr(estimator, "predict_proba"):
        return metrics
    return [*metrics, "brier"]


def resamples(base: Any) -> bool:
    """Whether a remedy's estimator resamples with probabilities left shifted."""
    return (
        isinstance(base, ResampledClassifier)
        and base.prior_correction is False
        and not is_passthrough(base.sampler)
        and hasattr(base.estimator, "predict_proba")
    )


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


@dataclass(frozen=True)
class RemedyJob:
    """One base remedy's fold: fit it (and its tuned form) and score the test rows.

    ``variants`` are the remedy names sharing this fit, each with whether
    its threshold is tuned inside the training fold (``inner`` folds, for
    ``tune_for``). ``priors`` names the variants scored from the untuned
    fit's probabilities mapped back to the training prior (``"smote+prior"``
    -> ``"smote"``).
    """

    base: Any
    variants: list[tuple[str, bool]]
    X: Any
    y: np.ndarray
    metrics: list[str]
    tune_for: str
    inner: Any
    error_score: Any = math.nan
    priors: Mapping[str, str] | None = None

    def __call__(self, task: FoldTask) -> dict[str, Scored]:
        """Fit the base remedy on ``task``'s training rows; score every variant."""
        rows = fold_rows(self.X, self.y, task)
        metrics, error_score = self.metrics, self.error_score
        tuner, tuner_failure = None, None
        try:
            if any(tuned for _, tuned in self.variants):
                try:
                    tuner = TunedThresholdClassifierCV(
                        self.base,
                        scoring=make_scorer(tuning_value, metric=self.tune_for),
                        cv=self.inner,
                        refit=True,
                    ).fit(rows.X_train, rows.y_train)
                except Exception as e:
                    # the threshold's inner folds fail on their own account:
                    # the untuned remedy is still fitted below
                    if error_score == "raise":
                        raise
                    tuner_failure = one_line(e)
            # the tuner's refit is the remedy on the whole fold
            plain = (
                tuner.estimator_
                if tuner is not None
                else clone(self.base).fit(rows.X_train, rows.y_train)
            )
            # One inference pass each: the ranking metrics and the curves read
            # the positive-class scores; the threshold metrics read predict,
            # and the tuned variant the same scores cut at its threshold.
            score = positive_score(plain, rows.X_test)
            predicted = np.asarray(plain.predict(rows.X_test))
        except Exception as e:
            if error_score == "raise":
                raise
            # as cross_validate's error_score: the fold scores error_score,
            # and the caller warns once per remedy
            failed = _failed(metrics, len(task.test), error_score, one_line(e))
            names = [*dict(self.variants), *(self.priors or ())]
            return dict.fromkeys(names, failed)
        out = {}
        for name, tuned in self.variants:
            if tuned and tuner is None:
                out[name] = _failed(metrics, len(task.test), error_score, tuner_failure)
                continue
            # untuned: the estimator's own cut, 0.5 on probabilities and 0 on
            # decision_function scores
            default = 0.5 if hasattr(plain, "predict_proba") else 0.0
            threshold = float(tuner.best_threshold_) if tuned else default
            if tuned:
                labels = (
                    (score >= threshold).astype(np.int64)
                    if hasattr(plain, "predict_proba")
                    else np.asarray(tuner.predict(rows.X_test))
                )
            else:
                labels = predicted
            out[name] = Scored(
                _scores(metrics, rows.y_test, labels, score), threshold, score, None
            )
        for name in self.priors or ():
            # Bayes' rule for the prior shift the sampler made; the corrected
            # model predicts where its corrected probability passes 1/2
            to, fitted = plain.original_counts_, plain.resampled_counts_
            positive = plain.classes_[-1]
            shifted = shift_prior(
                score,
                fitted.get(positive, 0) / sum(fitted.values()),
                to.get(positive, 0) / sum(to.values()),
            )
            labels = (shifted > 0.5).astype(np.int64)
            out[name] = Scored(
                _scores(metrics, rows.y_test, labels, shifted), 0.5, shifted, None
            )
        return out


def _scores(
    metrics: list[str], y_test: np.ndarray, labels: np.ndarray, score: np.ndarray
) -> dict[str, float]:
    """Each metric of one variant on one test fold, under the policy."""
    return {
        metric: policy_score(
            y_test,
            labels if metric in THRESHOLD_METRICS else score,
            metric=metric,
            pos_label=1,
            undefined=math.nan,
        )
        for metric in metrics
    }


def _failed(metrics: list[str], n_test: int, error_score: Any, failure: str) -> Scored:
    """Return a variant's result on a fold where it could not be fitted."""
    return Scored(
        {metric: float(error_score) for metric in metrics},
        math.nan,
        np.full(n_test, np.nan),
        failure,
    )
