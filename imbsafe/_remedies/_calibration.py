"""What each remedy does to the probabilities: words and a reliability diagram.

Both read the tournament's pooled test-fold scores (``RemedyResult.scores``):
the mean predicted risk beside the base rate, the calibration slope, and the
observed rate of the positive class per bin of predicted risk.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pandas as pd
from sklearn.exceptions import UndefinedMetricWarning

from ..metrics._calibration import calibration_values
from ._specs import PRIOR

__all__ = ["are_probabilities", "reliability_diagram", "risk_words"]

# a mean predicted risk off the base rate by more than this factor is named
OFF_BY = 1.25


def are_probabilities(scores: pd.DataFrame) -> bool:
    """Whether the pooled scores are probabilities (all defined ones in [0, 1])."""
    values = scores["score"].dropna().to_numpy()
    return bool(values.size) and values.min() >= 0 and values.max() <= 1


def _pooled(part: pd.DataFrame) -> tuple[float, float] | None:
    """Mean predicted risk and calibration slope of a remedy's defined rows."""
    part = part[part["score"].notna()]
    if part.empty:
        return None
    y, p = part["y_true"].to_numpy(), part["score"].to_numpy()
    values, _ = calibration_values(y, p)
    return float(p.mean()), values["calibration_slope"]


def risk_words(scores: pd.DataFrame, tuned: list[str]) -> list[str]:
    """Return a phrase per remedy whose mean predicted risk is off the base rate.

    "smote overstates risk: mean predicted 0.36 at a base rate of 0.06;
    smote+prior brings it to 0.063, but its calibration slope stays 0.45".
    """
    if not are_probabilities(scores):
        return []
    first = scores["remedy"].iloc[0]
    rate = float(scores.loc[scores["remedy"] == first, "y_true"].mean())
    pooled = {
        remedy: _pooled(part) for remedy, part in scores.groupby("remedy", sort=False)
    }
    words = []
    for remedy, found in pooled.items():
        if found is None or remedy in tuned or remedy.endswith(PRIOR):
            continue
        mean, _ = found
        if rate / OFF_BY <= mean <= rate * OFF_BY:
            continue
        verb = "overstates" if mean > rate else "understates"
        text = (
            f"{remedy} {verb} risk: mean predicted {mean:.2g} at a base rate of "
            f"{rate:.2g}"
        )
        corrected = pooled.get(remedy + PRIOR)
        if corrected is not None:
            text += f"; {remedy}{PRIOR} brings it to {corrected[0]:.2g}"
            slope = corrected[1]
            if not math.isnan(slope) and not 0.8 <= slope <= 1.25:
                text += f", but its calibration slope stays {slope:.2f}"
        words.append(text)
    return words


def reliability_diagram(
    ax: Any, scores: pd.DataFrame, tuned: list[str], n_bins: int = 10
) -> Any:
    """Draw observed rate against mean predicted risk per bin, per remedy.

    Bins hold equal numbers of pooled test rows (quantiles of the predicted
    risk), so that the rare high-risk rows of an imbalanced set are not left
    to one or two bins.
    """
    if not are_probabilities(scores):
        raise ValueError(
            "plot(kind='calibration') needs probabilities, but the remedies' "
            "scores are decision values: use an estimator with predict_proba."
        )
    for remedy, part in scores.groupby("remedy", sort=False):
        part = part[part["score"].notna()]
        if part.empty or remedy in tuned:
            continue  # a tuned threshold does not change the probabilities
        p, y = part["score"].to_numpy(), part["y_true"].to_numpy()
        order = np.argsort(p, kind="stable")
        bins = [b for b in np.array_split(order, n_bins) if b.size]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UndefinedMetricWarning)
            ax.plot(
                [p[b].mean() for b in bins],
                [y[b].mean() for b in bins],
                "o-",
                ms=4,
                label=str(remedy),
            )
    ax.plot([0, 1], [0, 1], color="grey", ls="--", lw=1, label="perfectly calibrated")
    ax.set(
        xlabel="mean predicted risk",
        ylabel="observed rate of the positive class",
        xlim=(0, 1),
        ylim=(0, 1),
    )
    ax.set_title("Reliability over the untouched test folds (bins of equal size)")
    ax.legend(fontsize="small")
    return ax
