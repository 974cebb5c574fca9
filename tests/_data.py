"""Small imbalanced data sets the tests share (one home for the generator)."""

from __future__ import annotations

import numpy as np
from sklearn.datasets import make_classification


def imbalanced(
    n: int = 600,
    n_features: int = 8,
    *,
    weights: tuple[float, ...] = (0.9,),
    seed: int = 0,
    float32: bool = False,
    **options,
) -> tuple[np.ndarray, np.ndarray]:
    """Return (X, y) from ``make_classification`` with a minority class.

    ``options`` go to ``make_classification`` as they are (``flip_y``,
    ``n_informative``, ``n_classes``, ...), so each test file keeps the data
    it was written against. ``float32``: X as float32 and y as int64, as a
    torch net takes them.
    """
    X, y = make_classification(
        n_samples=n,
        n_features=n_features,
        weights=list(weights),
        random_state=seed,
        **options,
    )
    if float32:
        return X.astype(np.float32), y.astype(np.int64)
    return X, y
