"""Class labels and a classifier's scores for the positive class."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["check_no_missing", "minority_label", "positive_score"]


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
