"""Class labels and a classifier's scores for the positive class."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["minority_label", "positive_score"]


def minority_label(y: Any) -> Any:
    """Return the least frequent class of ``y`` (the largest label on a tie)."""
    labels, counts = np.unique(np.asarray(y), return_counts=True)
    return labels[len(counts) - 1 - np.argmin(counts[::-1])]


def positive_score(model: Any, X: Any) -> np.ndarray:
    """Scores of the positive (second) class: probabilities, else decision values."""
    if hasattr(model, "predict_proba"):
        return np.asarray(model.predict_proba(X))[:, 1]
    return np.asarray(model.decision_function(X))
