"""Class labels and a classifier's scores for the positive class."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "check_no_missing",
    "minority_label",
    "not_probabilities",
    "positive_score",
]


def minority_label(y: Any) -> Any:
    """Return the least frequent class of ``y`` (the largest label on a tie)."""
    labels, counts = np.unique(np.asarray(y), return_counts=True)
    return labels[len(counts) - 1 - np.argmin(counts[::-1])]


def positive_score(model: Any, X: Any) -> np.ndarray:
    """Scores of the positive (second) class: probabilities, else decision values."""
    if hasattr(model, "predict_proba"):
        return np.asarray(model.predict_proba(X))[:, 1]
    return np.asarray(model.decision_function(X))


def check_no_missing(y: Any, name: str) -> None:
    """Refuse labels with missing values (NaN, None): say how many, and the fix.

    ``name`` says where they are ("y_train", "target column 'x' in a.csv").
    """
    # an array or Series is read as it is (no copy to objects for numbers); a
    # list goes to objects, where None and NaN beside text stay missing
    if not isinstance(y, np.ndarray | pd.Series | pd.Index):
        y = np.asarray(y, dtype=object)
    missing = int(pd.isna(y).sum())
    if missing:
        raise ValueError(
            f"{name} has {missing} missing label(s); drop those rows or give them "
            "a class."
        )


def not_probabilities(proba: np.ndarray) -> str | None:
    """Say what keeps ``proba`` from being probabilities; None if nothing does.

    Probabilities are finite, in [0, 1] and, with a column per class, rows
    summing to 1 (within float32 rounding). The answer completes "hold ...":
    "values outside [0, 1]", "non-finite values", "rows summing to 0.5..2".
    """
    if not np.isfinite(proba).all():
        return "non-finite values"
    if proba.size and (proba.min() < -1e-6 or proba.max() > 1 + 1e-6):
        return "values outside [0, 1]"
    if proba.ndim == 2 and proba.shape[1] > 1 and proba.shape[0]:
        sums = proba.sum(axis=1)
        if not np.allclose(sums, 1.0, atol=1e-4):
            return f"rows summing to {float(sums.min()):.3g}..{float(sums.max()):.3g}"
    return None
