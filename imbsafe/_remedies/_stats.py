"""The summary of :func:`~imbsafe.compare_remedies`: means and paired intervals."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy import stats

from ..metrics._scorer import defined_mean_std
from ._specs import BASELINE

__all__ = ["STATS", "summary"]

# The statistics of each (remedy, metric) in the summary.
STATS = ("mean", "std", "diff", "diff_low", "diff_high")


def summary(
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
