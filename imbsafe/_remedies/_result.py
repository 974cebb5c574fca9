"""The result of :func:`~imbsafe.compare_remedies`: tables, plot and verdict."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .._protocols._folds import curves_frame
from .._utils._plotting import pyplot
from ..metrics import RANKING_METRICS
from ..metrics._calibration import goodness
from ._calibration import reliability_diagram, risk_words
from ._specs import BASELINE
from ._stats import STATS
from ._stats import summary as summarize

__all__ = ["RemedyResult", "verdict_of"]


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
        The remedy with the best mean of the first scoring metric (the highest;
        the lowest ``brier`` or ``log_loss``; the calibration intercept or
        slope closest to 0 or 1); None when no remedy has a defined mean
        (every one failed on some fold).
    thresholds : pandas.DataFrame
        Remedy x fold: the decision threshold each fold used, on the scale of
        the scores (where it was not tuned, the estimator's own: 0.5 on
        ``predict_proba``, 0 on ``decision_function``).
    scores : pandas.DataFrame
        One row per test row of each fold and remedy (remedy, fold, y_true,
        score): the positive-class probability the curves are drawn from
        (the decision value, for an estimator without ``predict_proba``).
    verdict : str
        One sentence: the best remedy, which ones cannot be told apart from
        ``"none"`` on these folds, and (for probabilities) which remedies
        over- or understate risk and what ``+prior`` does to that.
    tuned : tuple of str
        The remedies whose decision threshold was tuned.
    failures : dict
        Remedy -> why it could not be fitted on some folds (those folds score
        ``error_score``); empty when every fit succeeded.
    settings : dict
        Remedy -> what it set on the estimator, where it names a setting
        (``"class_weight"``: ``class_weight='balanced'``, balanced
        ``sample_weight``, or a boosting library's own, e.g. XGBoost's
        ``scale_pos_weight`` counted on each training fold).
    """

    summary: pd.DataFrame
    folds: pd.DataFrame
    best: str | None
    thresholds: pd.DataFrame
    scores: pd.DataFrame = field(repr=False)
    verdict: str = ""
    tuned: tuple[str, ...] = ()
    failures: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_folds(
        cls,
        scored: Sequence[tuple[str, int, np.ndarray, Any]],
        *,
        order: list[str],
        metrics: list[str],
        n_folds: int,
        tuned: tuple[str, ...],
        tune_for: str,
        test_share: float,
        failures: Mapping[str, str],
        error_score: Any,
        settings: Mapping[str, str] | None = None,
    ) -> RemedyResult:
        """Assemble the result from each (remedy, fold, test labels, scored).

        ``scored`` holds the run's ``Scored`` tuples (scores, threshold,
        positive-class scores, failure); ``test_share`` is the mean test fold
        size over the mean training fold size (the interval's correction).
        """
        table = pd.DataFrame(
            [
                (name, fold, metric, result.scores[metric])
                for name, fold, _, result in scored
                for metric in metrics
            ],
            columns=["remedy", "fold", "metric", "score"],
        )
        table["remedy"] = pd.Categorical(
            table["remedy"], categories=order, ordered=True
        )
        table = table.sort_values(["remedy", "fold", "metric"], kind="stable")
        table["remedy"] = table["remedy"].astype(str)
        table = table.reset_index(drop=True)
        summary = summarize(table, order, metrics, test_share)
        # the ranking metric on a "higher is better" scale, for best and verdict
        first = table[table["metric"] == metrics[0]].copy()
        first["score"] = [goodness(metrics[0], v) for v in first["score"]]
        ranked = summarize(first, order, metrics[:1], test_share)
        if isinstance(error_score, float) and math.isnan(error_score):
            # as the mean of cross_validate's scores with error_score=nan: a
            # remedy that could not be fitted on every fold has no summary
            # (its folds that did run stay in ``folds``), and never ranks best
            summary.loc[list(failures)] = math.nan
            ranked.loc[list(failures)] = math.nan
        means = ranked[(metrics[0], "mean")]
        best = str(means.idxmax()) if means.notna().any() else None
        thresholds = {
            (name, fold): result.threshold for name, fold, _, result in scored
        }
        scores = curves_frame(
            "remedy",
            (
                (name, fold, y_test, result.positive_score)
                for name, fold, y_test, result in scored
            ),
        )
        verdict = verdict_of(
            ranked,
            metrics[0],
            best,
            list(tuned),
            tune_for,
            dict(failures),
            dict(settings or {}),
        )
        words = risk_words(scores, list(tuned))
        if words:
            verdict += " On the probabilities, " + "; ".join(words) + "."
        return cls(
            summary=summary,
            folds=table,
            best=best,
            thresholds=pd.DataFrame(
                [[thresholds[name, f] for f in range(n_folds)] for name in order],
                index=pd.Index(order, name="remedy"),
                columns=pd.Index(range(n_folds), name="fold"),
            ),
            scores=scores,
            verdict=verdict,
            tuned=tuned,
            failures=dict(failures),
            settings=dict(settings or {}),
        )

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
            "settings": dict(self.settings),
        }

    def plot(self, ax: Any = None, *, kind: str = "pr") -> Any:
        """Draw each remedy's mean precision-recall curve, or its reliability.

        ``kind="pr"``: a remedy with a tuned threshold scores its rows as its
        base remedy does, so it is drawn as its operating point: the mean
        recall and precision over the folds at the thresholds it chose.
        ``kind="calibration"``: a reliability diagram, the observed rate of the
        positive class against the mean predicted risk in ten bins of equal
        size of the pooled test rows, one line per remedy (tuned thresholds
        left out: they do not change the probabilities).

        Parameters
        ----------
        ax : matplotlib Axes, default=None
            Where to draw (a new figure when None).
        kind : {"pr", "calibration"}, default="pr"
            Precision-recall curves, or the reliability diagram.

        Returns
        -------
        ax : matplotlib Axes
        """
        if kind not in ("pr", "calibration"):
            raise ValueError(
                f"kind must be 'pr' (precision-recall) or 'calibration' "
                f"(reliability diagram), got {kind!r}."
            )
        if ax is None:
            _, ax = pyplot("RemedyResult.plot()").subplots(figsize=(6.4, 4.8))
        if kind == "calibration":
            return reliability_diagram(ax, self.scores, list(self.tuned))
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


def verdict_of(
    summary: pd.DataFrame,
    metric: str,
    best: str | None,
    tuned: list[str],
    tune_for: str,
    failures: Mapping[str, str] | None = None,
    settings: Mapping[str, str] | None = None,
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
    for remedy, words in (settings or {}).items():
        parts.append(f"{remedy} set {words}")
    return "; ".join(parts) + f" ({metric}, 95 % intervals of the paired differences)."
