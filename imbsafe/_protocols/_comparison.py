"""ComparisonResult: the naive and the safe protocol's scores, fold by fold."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..metrics._scorer import defined_mean_std
from ._folds import curves_frame

__all__ = ["ComparisonResult", "ProtocolScores"]


@dataclass(frozen=True)
class ProtocolScores:
    """One protocol on one fold: its scores, test scores, what a net logged."""

    scores: dict[str, float]
    y_test: Any
    positive_score: Any
    logged: dict[str, float]


@dataclass(frozen=True)
class ComparisonResult:
    """Scores of the naive and the safe protocol, fold by fold.

    Attributes
    ----------
    folds : pandas.DataFrame
        Long format, one row per (protocol, fold, metric) with its ``value``.
    summary : pandas.DataFrame
        Indexed by metric; columns ``naive`` and ``safe`` (mean over folds,
        NaN folds left out) and ``inflation`` (naive − safe).
    predictions : pandas.DataFrame or None
        For a binary target: one row per test row of each fold (protocol,
        fold, y_true, score), the score being the positive-class probability
        or decision value; enough to draw each fold's precision-recall and
        ROC curves. None for other targets or estimators without scores.
    logged : pandas.DataFrame or None
        For skorch nets (also inside a Pipeline or ResampledClassifier): the
        ``valid_<metric>`` values each fold's net logged at its last epoch,
        for the metrics in ``scoring`` (protocol, fold, metric, value). That
        is what a skorch user sees during training; compare it with the
        safe protocol's test scores. None when no net logged any.
    """

    folds: pd.DataFrame
    summary: pd.DataFrame
    predictions: pd.DataFrame | None = None
    logged: pd.DataFrame | None = None

    def __str__(self) -> str:
        return self.summary.to_string(float_format=lambda v: f"{v:.3f}")

    def to_dict(self) -> dict[str, Any]:
        """Plain Python values, ready for ``json.dumps`` (NaN where undefined).

        Returns
        -------
        result : dict
            ``metrics``: metric -> {``naive``, ``safe``: {``mean``, ``std``
            (over the defined folds), ``folds`` (every fold's value)},
            ``inflation``}; ``logged`` (skorch nets only): protocol ->
            metric -> mean over folds of the last epoch's ``valid_<metric>``.
        """
        metrics: dict[str, Any] = {}
        for metric in self.summary.index:
            row: dict[str, Any] = {}
            for protocol in ("naive", "safe"):
                values = self.folds.query(
                    "metric == @metric and protocol == @protocol"
                )["value"].to_numpy(dtype=float)
                mean, std = defined_mean_std(values)
                row[protocol] = {
                    "mean": mean,
                    "std": std,
                    "folds": [float(v) for v in values],
                }
            row["inflation"] = float(self.summary.loc[metric, "inflation"])
            metrics[str(metric)] = row
        out: dict[str, Any] = {"metrics": metrics}
        if self.logged is not None:
            means = self.logged.groupby(["protocol", "metric"])["value"].mean()
            out["logged"] = {
                protocol: {m: float(v) for m, v in means[protocol].items()}
                for protocol in means.index.get_level_values(0).unique()
            }
        return out

    @classmethod
    def from_folds(
        cls, metrics: Iterable[str], outputs: Iterable[tuple[str, int, ProtocolScores]]
    ) -> ComparisonResult:
        """Assemble the result from each (protocol, fold)'s :class:`ProtocolScores`.

        ``predictions`` is kept only when every fold has test scores, and
        ``logged`` only when some net logged a metric.
        """
        metrics = list(metrics)
        outputs = list(outputs)
        folds = pd.DataFrame(
            [
                (protocol, fold, metric, float(scored.scores[metric]))
                for protocol, fold, scored in outputs
                for metric in metrics
            ],
            columns=["protocol", "fold", "metric", "value"],
        )
        means = folds.pivot_table(
            index="metric",
            columns="protocol",
            values="value",
            aggfunc="mean",
            sort=False,
        )
        summary = pd.DataFrame(
            {"naive": means["naive"], "safe": means["safe"]},
            index=pd.Index(metrics, name="metric"),
        )
        summary["inflation"] = summary["naive"] - summary["safe"]
        summary.columns.name = None
        scored_rows = [
            (protocol, fold, scored.y_test, scored.positive_score)
            for protocol, fold, scored in outputs
            if scored.positive_score is not None
        ]
        logged = [
            (protocol, fold, metric, value)
            for protocol, fold, scored in outputs
            for metric, value in scored.logged.items()
        ]
        return cls(
            folds=folds,
            summary=summary,
            predictions=(
                curves_frame("protocol", scored_rows)
                if scored_rows and len(scored_rows) == len(outputs)
                else None
            ),
            logged=(
                pd.DataFrame(logged, columns=["protocol", "fold", "metric", "value"])
                if logged
                else None
            ),
        )
