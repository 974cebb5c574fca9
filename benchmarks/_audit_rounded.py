"""The audit benchmark's rounded group: float data written at a fixed precision.

Both parts of every split (clean and leaky) are written as text and read
back, as ``DataFrame.to_csv(float_format=...)``, ``%g``, R and spreadsheet
exports, or a DECIMAL column leave them: at 3, 4, 6, 7, 8, 10 and 12
decimals, and at 6 and 8 significant digits. Data: the KEEL sets (of the
issue's list and the held-out one) whose values are not all whole numbers,
and generated Gaussian data.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
from sklearn import datasets

FORMATS = ["%.3f", "%.4f", "%.6f", "%.7f", "%.8f", "%.10f", "%.12f", "%.6g", "%.8g"]


def written(X: np.ndarray, fmt: str) -> np.ndarray:
    """``X`` written as text with ``fmt`` and read back as floats."""
    return np.char.mod(fmt, np.asarray(X, dtype=float)).astype(float)


def float_tasks(
    names: list[str], loader: Callable[[str], Callable]
) -> dict[str, Callable]:
    """The KEEL sets among ``names`` with fractional values, and Gaussian data."""
    tasks: dict[str, Callable] = {}
    for name in names:
        try:
            X, _ = loader(name)()
        except Exception:  # noqa: BLE001, S112 - listed by the plain groups
            continue
        if not np.all(np.round(X) == X):
            tasks[name] = loader(name)
    for seed, weights in ((0, [0.9]), (1, [0.8])):
        X, y = datasets.make_classification(
            600, 6, n_informative=4, weights=weights, random_state=seed
        )
        tasks[f"gaussian_{seed}"] = lambda X=X, y=y: (X, y)
    return tasks


def print_by_format(table: pd.DataFrame) -> None:
    """Verdicts of the rounded group per format, leaky and clean splits apart."""
    counts = (
        table.groupby(["format", "kind"])["verdict"]
        .value_counts()
        .unstack(fill_value=0)
        .reindex(columns=["leaky", "inconclusive", "clean"], fill_value=0)
    )
    print("  verdicts per format and kind of split:")
    print("    " + counts.to_string().replace("\n", "\n    "))
